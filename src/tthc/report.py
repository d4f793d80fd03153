"""The periodic report of results (*Biểu II.06a*) and the service-index rates.

:meth:`Report.build` counts dossiers per group (field, office, procedure or
none) over a period whose bounds are **inclusive local dates**:

- **received** (*số hồ sơ nhận giải quyết*): dossiers received in the period,
  split online / in person + postal, plus those **carried over** from before
  the period (received earlier, still in progress when it started);
- **resolved** in the period (*đã giải quyết*): early, on time, late, by the
  single outcome rule;
- **in progress** at the end (*đang giải quyết*): within the deadline or
  overdue, judged at the earlier of ``as_of`` and the end of the period;
- **withdrawn**, **stopped**, **not received** and **refused** in the period
  have columns of their own and are never folded into "on time".

Rates: on time or early = (early + on time) / resolved; online = online /
received in the period; progress (Decision 766/QĐ-TTg) = (early + on time +
in progress within the deadline) / (resolved + in progress).

Example:
    >>> sched = tthc.Schedule.vietnam()
    >>> p = tthc.Catalog.bundled()["1.004873"]
    >>> at = lambda *a: pendulum.datetime(*a, tz="Asia/Ho_Chi_Minh")
    >>> d1 = tthc.Dossier.receive(p, received_at=at(2026, 10, 5, 9), channel=2, schedule=sched)
    >>> d2 = tthc.Dossier.receive(p, received_at=at(2026, 10, 6, 9), channel=1, schedule=sched)
    >>> report = Report.build([d1.resolve(at(2026, 10, 7, 9)), d2],
    ...                       start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31),
    ...                       as_of=at(2026, 10, 7, 10))
    >>> row = report.total
    >>> row.received, row.received_online, row.early, row.in_progress_within
    (2, 1, 1, 1)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import textwrap
from collections.abc import Iterable
from fractions import Fraction
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import attrs
import pendulum

from tthc._validate import check_aware, check_period
from tthc.dossier import Dossier, EventKind, Outcome, Status
from tthc.errors import (
    BadDossiersError,
    InputTypeError,
    MissingDependencyError,
    ReportMismatchError,
    TthcError,
)
from tthc.procedure import Channel

__all__ = ["GROUPINGS", "Report", "ReportProblem", "ReportRow", "report_instant"]

GROUPINGS = ("field", "office", "procedure", None)

# (attribute, section, Vietnamese header, English header)
_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("received", "received", "Tổng", "total"),
    ("received_online", "received", "Trực tuyến", "online"),
    ("received_offline", "received", "TT+BC", "desk+post"),
    ("carried_over", "received", "Kỳ trước", "carried"),
    ("resolved", "resolved", "Tổng", "total"),
    ("early", "resolved", "Trước hạn", "early"),
    ("on_time", "resolved", "Đúng hạn", "on time"),
    ("late", "resolved", "Quá hạn", "late"),
    ("in_progress", "in_progress", "Tổng", "total"),
    ("in_progress_within", "in_progress", "Trong hạn", "within"),
    ("in_progress_overdue", "in_progress", "Quá hạn", "overdue"),
    ("withdrawn", "other", "Rút", "withdrawn"),
    ("stopped", "other", "Dừng", "stopped"),
    ("not_received", "other", "Không TN", "not recv."),
    ("refused", "other", "Từ chối", "refused"),
)
_RATES = (
    ("on_time_rate", "Đúng hạn", "on time"),
    ("online_rate", "Trực tuyến", "online"),
    ("progress_rate", "Tiến độ", "progress"),
)
# English headers of the compact table, cut to fit two short lines.
_COMPACT_EN = {
    "received_online": "on- line",
    "received_offline": "desk +post",
    "carried_over": "carr. over",
    "in_progress_within": "with- in",
    "in_progress_overdue": "over- due",
    "withdrawn": "with- drawn",
    "stopped": "stop- ped",
    "refused": "re- fused",
    "online_rate": "on- line",
    "progress_rate": "prog- ress",
}
_SECTIONS = {
    "received": ("Số hồ sơ nhận giải quyết", "Received"),
    "resolved": ("Đã giải quyết", "Resolved"),
    "in_progress": ("Đang giải quyết", "In progress"),
    "other": ("Khác", "Other"),
    "rates": ("Tỷ lệ %", "Rates %"),
}


def _rate(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    return round(float(Fraction(numerator * 100, denominator)), 2)


@attrs.frozen
class ReportRow:
    """The counts of one group (a field, office or procedure) or of all.

    ``received`` counts dossiers received in the period plus those carried
    over; ``received_online`` and ``received_offline`` split the new ones.

    Example:
        >>> row = ReportRow("Hộ tịch", received_new=4, received_online=3, received_offline=1,
        ...                 resolved=4, early=2, on_time=1, late=1)
        >>> row.on_time_rate, row.online_rate
        (75.0, 75.0)
    """

    group: str
    received_new: int = 0
    received_online: int = 0
    received_offline: int = 0
    carried_over: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress: int = 0
    in_progress_within: int = 0
    in_progress_overdue: int = 0
    withdrawn: int = 0
    stopped: int = 0
    not_received: int = 0
    refused: int = 0

    @property
    def received(self) -> int:
        """Dossiers to resolve in the period: received in it plus carried over.

        Example:
            >>> ReportRow("x", received_new=3, carried_over=2).received
            5
        """
        return self.received_new + self.carried_over

    @property
    def on_time_rate(self) -> float | None:
        """(early + on time) / resolved, in percent (``None`` when nothing resolved).

        Example:
            >>> ReportRow("x", resolved=3, early=1, on_time=1, late=1).on_time_rate
            66.67
        """
        return _rate(self.early + self.on_time, self.resolved)

    @property
    def online_rate(self) -> float | None:
        """Online / received in the period, in percent.

        Example:
            >>> ReportRow("x", received_new=4, received_online=1, received_offline=3).online_rate
            25.0
        """
        return _rate(self.received_online, self.received_new)

    @property
    def progress_rate(self) -> float | None:
        """The service index's progress: early, on time or within the deadline, in percent.

        (early + on time + in progress within the deadline) / (resolved + in progress).

        Example:
            >>> ReportRow("x", resolved=2, early=1, late=1, in_progress=2,
            ...           in_progress_within=2).progress_rate
            75.0
        """
        return _rate(
            self.early + self.on_time + self.in_progress_within, self.resolved + self.in_progress
        )

    def to_dict(self) -> dict[str, Any]:
        """The row as plain data, counts and rates.

        Example:
            >>> ReportRow("x").to_dict()["on_time_rate"] is None
            True
        """
        data: dict[str, Any] = {"group": self.group}
        for name, *_ in _COLUMNS:
            data[name] = getattr(self, name)
        for name, *_ in _RATES:
            data[name] = getattr(self, name)
        return data

    def __add__(self, other: ReportRow) -> ReportRow:
        """The counts of two disjoint sets of dossiers of the same group, added up.

        Raises:
            ReportMismatchError: the rows belong to different groups.

        Example:
            >>> a = ReportRow("Hộ tịch", received_new=2, received_online=2)
            >>> b = ReportRow("Hộ tịch", received_new=1, received_offline=1)
            >>> (a + b).received, (a + b).online_rate
            (3, 66.67)
            >>> a + ReportRow("Chứng thực")
            Traceback (most recent call last):
            ...
            tthc.errors.ReportMismatchError: cannot add the rows of different groups: 'Hộ tịch' and 'Chứng thực'
        """
        if not isinstance(other, ReportRow):
            return NotImplemented
        if other.group != self.group:
            raise ReportMismatchError(
                f"cannot add the rows of different groups: {self.group!r} and {other.group!r}",
                value=(self.group, other.group),
            )
        return _add(self, other, self.group)


def _add(a: ReportRow, b: ReportRow, group: str) -> ReportRow:
    values = {
        f.name: getattr(a, f.name) + getattr(b, f.name)
        for f in attrs.fields(ReportRow)
        if f.name != "group"
    }
    return ReportRow(group, **values)


def _group_of(dossier: Dossier, by: str | None) -> str:
    if by == "field":
        return dossier.procedure.field
    if by == "office":
        return dossier.procedure.office
    if by == "procedure":
        return f"{dossier.procedure.code} {dossier.procedure.name}"
    return "Tất cả"


def report_instant(end: dt.date, as_of: dt.datetime | None) -> tuple[pendulum.DateTime, str]:
    """The instant a report of a period ending ``end`` stands at, and why (``as_of_basis``).

    ``as_of`` if given (never later than the end of the period), else the
    earlier of now (to the minute, so that partial reports made in the same
    minute can be merged) and the end of the period.

    Example:
        >>> report_instant(datetime.date(2020, 1, 31), None)[1]
        'period_end'
    """
    tz = "Asia/Ho_Chi_Minh"
    last = pendulum.datetime(end.year, end.month, end.day, tz=tz).add(days=1)
    last = last.subtract(microseconds=1)
    if as_of is not None:
        return min(pendulum.instance(check_aware(as_of, "as_of")), last), "given"
    now = pendulum.now(tz).start_of("minute")  # calls in the same minute agree (merge)
    return (now, "now") if now < last else (last, "period_end")


@attrs.frozen
class ReportProblem:
    """A dossier a report could not count: its position in the input, its code and why.

    Example:
        >>> ReportProblem(3, "H12-261207-0001", "due outside the calendar").index
        3
    """

    index: int
    code: str | None
    message: str


_AS_OF_BASES = ("given", "now", "period_end")


@attrs.frozen
class Report:
    """Biểu II.06a for a period, grouped, with a totals row.

    Attributes:
        start, end: the period, inclusive local dates.
        as_of: the instant at which in-progress dossiers were judged.
        by: the grouping: ``"field"``, ``"office"``, ``"procedure"`` or ``None``.
        rows: one :class:`ReportRow` per group, sorted by group.
        total: the totals row.
        dossiers: how many dossiers the report counts (in the period, without problems).
        rows_read: input rows read, when the dossiers came from a file.
        as_of_basis: why ``as_of`` is what it is: ``"given"``, ``"now"`` (the
            period is not over) or ``"period_end"``.
        dossiers_given: how many dossiers were passed in.
        problems: the dossiers left out with ``errors="collect"``.

    Example:
        >>> Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)).total
        ReportRow(group='Tổng cộng', received_new=0, received_online=0, received_offline=0, carried_over=0, resolved=0, early=0, on_time=0, late=0, in_progress=0, in_progress_within=0, in_progress_overdue=0, withdrawn=0, stopped=0, not_received=0, refused=0)
    """

    start: dt.date
    end: dt.date
    as_of: pendulum.DateTime
    by: str | None
    rows: tuple[ReportRow, ...]
    total: ReportRow
    dossiers: int
    rows_read: int | None = None
    # How the instant was chosen and how many dossiers came in describe a run, not its
    # figures: reports with the same figures are equal (partial reports merge into one).
    as_of_basis: str = attrs.field(default="given", eq=False)
    dossiers_given: int | None = attrs.field(default=None, eq=False)
    problems: tuple[ReportProblem, ...] = ()

    @classmethod
    def build(
        cls,
        dossiers: Iterable[Dossier],
        *,
        start: dt.date,
        end: dt.date,
        as_of: dt.datetime | None = None,
        by: str | None = "field",
        rows_read: int | None = None,
        errors: str = "raise",
    ) -> Report:
        """Count ``dossiers`` for the period ``start``..``end`` (inclusive local dates).

        Args:
            dossiers: the dossiers (their own schedules give local dates and dues).
            start, end: the period's first and last days.
            as_of: the instant the report stands at: events after it are not
                known yet, and in-progress dossiers are judged then. Never later
                than the end of the period. By default the earlier of now and
                the end of the period (a report run on 29/11 for November does
                not call a dossier due on 30/11 overdue); ``as_of_basis`` and
                the footer say which.
            by: ``"field"`` (default), ``"office"``, ``"procedure"`` or ``None``.
            rows_read: input rows behind ``dossiers``, reported as is.
            errors: ``"raise"`` (default): a dossier that cannot be counted (e.g.
                its due falls outside its calendar) raises
                :class:`~tthc.errors.BadDossiersError` naming it, and no report
                is made. ``"collect"``: the report counts the good dossiers and
                lists the others in ``problems``.

        Raises:
            BadDossiersError: a dossier cannot be counted (``errors="raise"``).

        Example:
            >>> Report.build([], start=datetime.date(2026, 1, 1),
            ...              end=datetime.date(2026, 3, 31), by="office").by
            'office'
        """
        check_period(start, end)
        if by not in GROUPINGS:
            raise InputTypeError(f"by must be one of {GROUPINGS}, got {by!r}", value=by)
        if errors not in ("raise", "collect"):
            raise InputTypeError(
                f"errors must be 'raise' or 'collect', got {errors!r}", value=errors
            )
        tz = "Asia/Ho_Chi_Minh"
        first = pendulum.datetime(start.year, start.month, start.day, tz=tz)
        cut, basis = report_instant(end, as_of)
        until = cut + dt.timedelta(microseconds=1)  # events up to the cut, inclusive
        counts: dict[str, dict[str, int]] = {}
        given = reported = 0
        problems: list[ReportProblem] = []
        for index, dossier in enumerate(dossiers):
            if not isinstance(dossier, Dossier):
                raise InputTypeError(
                    f"dossier {index}: expected Dossier, got {type(dossier).__name__}",
                    value=dossier,
                )
            given += 1
            try:
                columns = _classify(dossier, first, until, cut)
            except TthcError as error:
                name = dossier.code or f"dossier {index}"
                problem = ReportProblem(index, dossier.code, f"{name}: {error}")
                if errors == "raise":
                    raise BadDossiersError(
                        f"cannot count {problem.message}", problems=(problem,), value=dossier
                    ) from error
                problems.append(problem)
                continue
            tally = counts.setdefault(_group_of(dossier, by), {})
            reported += bool(columns)
            for column in columns:
                tally[column] = tally.get(column, 0) + 1
        rows = tuple(ReportRow(group, **counts[group]) for group in sorted(counts))
        grand = ReportRow("Tổng cộng")
        for row in rows:
            grand = _add(grand, row, "Tổng cộng")
        return cls(
            start=start,
            end=end,
            as_of=cut,
            by=by,
            rows=rows,
            total=grand,
            dossiers=reported,
            rows_read=rows_read,
            as_of_basis=basis,
            dossiers_given=given,
            problems=tuple(problems),
        )

    @classmethod
    def merge(cls, reports: Iterable[Report]) -> Report:
        """The report of the union of disjoint sets of dossiers, from their partial reports.

        Every report must cover the same period, stand at the same instant and
        group the same way; rows of the same group are added up, so any
        partition of the dossiers (by office, by file, by worker of a cluster)
        gives exactly :meth:`build` of all of them.

        Raises:
            ReportMismatchError: no report, or reports of other periods,
                instants or groupings.

        Example:
            >>> q4 = dict(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31),
            ...           as_of=pendulum.datetime(2027, 1, 1, tz="Asia/Ho_Chi_Minh"))
            >>> sched = tthc.Schedule.vietnam()
            >>> p = tthc.Catalog.bundled()["1.004873"]
            >>> at = lambda *a: pendulum.datetime(*a, tz="Asia/Ho_Chi_Minh")
            >>> d1 = tthc.Dossier.receive(p, received_at=at(2026, 10, 5, 9), channel=2, schedule=sched)
            >>> d2 = tthc.Dossier.receive(p, received_at=at(2026, 10, 6, 9), channel=1, schedule=sched)
            >>> both = Report.merge([Report.build([d1], **q4), Report.build([d2], **q4)])
            >>> both == Report.build([d1, d2], **q4)
            True
            >>> (Report.build([d1], **q4) + Report.build([d2], **q4)).total.received
            2
        """
        items = list(reports)
        if not items:
            raise ReportMismatchError("there is no report to merge", value=items)
        first = items[0]
        for report in items:
            if not isinstance(report, Report):
                raise InputTypeError(f"expected Report, got {type(report).__name__}", value=report)
            mine = (report.start, report.end, report.as_of, report.by)
            theirs = (first.start, first.end, first.as_of, first.by)
            if mine != theirs:
                raise ReportMismatchError(
                    "cannot merge reports of different periods, instants or groupings: "
                    f"{_describe(first)} and {_describe(report)}",
                    value=(theirs, mine),
                )
        groups: dict[str, ReportRow] = {}
        for report in items:
            for row in report.rows:
                known = groups.get(row.group)
                groups[row.group] = row if known is None else known + row
        rows = tuple(groups[group] for group in sorted(groups))
        grand = ReportRow("Tổng cộng")
        for row in rows:
            grand = _add(grand, row, "Tổng cộng")
        read = [r.rows_read for r in items if r.rows_read is not None]
        given = [r.dossiers_given for r in items]
        return cls(
            start=first.start,
            end=first.end,
            as_of=first.as_of,
            by=first.by,
            rows=rows,
            total=grand,
            dossiers=sum(r.dossiers for r in items),
            rows_read=sum(read) if read else None,
            as_of_basis=first.as_of_basis,
            dossiers_given=None if None in given else sum(g or 0 for g in given),
            problems=tuple(p for r in items for p in r.problems),
        )

    def __add__(self, other: Report) -> Report:
        """``Report.merge([self, other])``.

        Example:
            >>> r = Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
            >>> (r + r).dossiers
            0
        """
        if not isinstance(other, Report):
            return NotImplemented
        return Report.merge([self, other])

    # -- output -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data.

        Example:
            >>> r = Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
            >>> r.to_dict()["period"]
            {'start': '2026-01-01', 'end': '2026-03-31', 'inclusive': True}
        """
        return {
            "form": "Biểu II.06a",
            "period": {
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
                "inclusive": True,
            },
            "as_of": self.as_of.isoformat(),
            "as_of_basis": self.as_of_basis,
            "by": self.by,
            "dossiers": self.dossiers,
            "dossiers_given": self.dossiers_given,
            "rows_read": self.rows_read,
            "problems": [attrs.asdict(p) for p in self.problems],
            "rows": [row.to_dict() for row in self.rows],
            "total": self.total.to_dict(),
        }

    def to_csv(self) -> str:
        """The table as CSV, one line per group and a totals line.

        Example:
            >>> r = Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
            >>> r.to_csv().splitlines()[0].split(",")[:3]
            ['group', 'received', 'received_online']
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        names = ["group", *(c[0] for c in _COLUMNS), *(r[0] for r in _RATES)]
        writer.writerow(names)
        for row in (*self.rows, self.total):
            data = row.to_dict()
            writer.writerow(["" if data[n] is None else data[n] for n in names])
        return out.getvalue()

    def to_xlsx(self, path: str | Path) -> Path:
        """Write the report as an Excel workbook laid out like the form (``tthc[excel]``).

        The writer is :func:`tthc.excel.write_report`, found through the
        ``tthc.report`` entry point ``xlsx`` (as pandas finds its plotting
        backends): the core never imports an adapter, so ``import tthc``
        stays free of openpyxl (see docs/documents.md).

        Raises:
            MissingDependencyError: openpyxl is not installed.

        Example:
            >>> import tempfile, pathlib
            >>> r = Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
            >>> r.to_xlsx(pathlib.Path(tempfile.mkdtemp()) / "q1.xlsx").name
            'q1.xlsx'
        """
        path_written: Path = _adapter("xlsx", "excel")(self, path)
        return path_written

    def plot(self) -> Any:
        """A matplotlib figure of the report (``tthc[plot]``): :func:`tthc.plots.plot_report`.

        Per group, the resolved dossiers early / on time / late as stacked
        bars, and the online share. Found like :meth:`to_xlsx`, through the
        ``tthc.report`` entry point ``plot``.

        Raises:
            MissingDependencyError: matplotlib is not installed.

        Example:
            >>> r = Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
            >>> type(r.plot()).__name__
            'Figure'
        """
        return _adapter("plot", "plot")(self)

    def to_text(self, language: str = "vi", *, wide: bool = False, width: int = 120) -> str:
        """An aligned table with Vietnamese (or English) headers, totals and rates.

        By default the table fits a terminal of ``width`` columns (120): the
        headers wrap onto two lines, columns are one space apart and long
        group names are cut with "…" (the counts never are, so a very small
        ``width`` cannot be met). ``wide=True`` gives the one-line-header
        table with full group names (up to 40 characters) whatever its width.

        Example:
            >>> r = Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
            >>> print(r.to_text().splitlines()[0])
            BIỂU II.06a — Kết quả giải quyết TTHC, kỳ 01/01/2026–31/03/2026 (theo lĩnh vực)
            >>> max(map(len, r.to_text().splitlines()[1:-1])) <= 120
            True
        """
        if language not in ("vi", "en"):
            raise InputTypeError(f"language must be 'vi' or 'en', got {language!r}", value=language)
        vi = language == "vi"
        k = 0 if vi else 1
        by_label = {
            "field": ("lĩnh vực", "field"),
            "office": ("cơ quan", "office"),
            "procedure": ("thủ tục", "procedure"),
            None: ("tất cả", "all"),
        }[self.by][k]
        period = f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"
        title = (
            f"BIỂU II.06a — Kết quả giải quyết TTHC, kỳ {period} (theo {by_label})"
            if vi
            else f"FORM II.06a — results of administrative procedures, {period} (by {by_label})"
        )
        columns = [(c[0], c[1], c[2 + k]) for c in _COLUMNS]
        columns += [(r[0], "rates", r[1 + k]) for r in _RATES]
        lines = []
        shown = self.rows if self.by is not None else ()  # ungrouped: the totals line only
        for row in (*shown, self.total):
            data = row.to_dict()
            cells = [row.group]
            for name, section, _ in columns:
                value = data[name]
                cells.append(_fmt_rate(value) if section == "rates" else str(value))
            lines.append(cells)
        compact = {} if (vi or wide) else _COMPACT_EN
        table = _text_table(
            ["Nhóm" if vi else "Group", *(compact.get(c[0], c[2]) for c in columns)],
            lines,
            [(section, _SECTIONS[section][k]) for _, section, _ in columns],
            wide=wide,
            width=width,
        )
        when = f"{self.as_of:%H:%M %d/%m/%Y}"
        basis_vi = {"given": "", "now": " (lúc lập báo cáo)", "period_end": " (cuối kỳ)"}
        basis_en = {"given": "", "now": " (now)", "period_end": " (end of the period)"}
        given = self.dossiers_given
        footer = [
            "Kỳ báo cáo tính cả ngày đầu và ngày cuối; hồ sơ đang giải quyết được đánh giá lúc "
            f"{when}{basis_vi.get(self.as_of_basis, '')}; {self.dossiers} hồ sơ được báo cáo"
            + ("" if given is None else f" (trên {given} hồ sơ đã cho)")
            + ". TT+BC: trực tiếp và bưu chính; Không TN: không tiếp nhận."
            if vi
            else "Period bounds inclusive; in-progress dossiers judged at "
            f"{when}{basis_en.get(self.as_of_basis, '')}; {_count(self.dossiers, 'dossier')} reported"
            + ("" if given is None else f" (of {given} given)")
            + ".",
        ]
        if self.problems:
            footer.append(
                f"{len(self.problems)} hồ sơ không tính được, bị loại khỏi báo cáo."
                if vi
                else f"{_count(len(self.problems), 'dossier')} could not be counted and are left out."
            )
        if self.rows_read is not None:
            footer.append(
                f"Đã đọc {self.rows_read} dòng dữ liệu."
                if vi
                else f"{self.rows_read} input rows read."
            )
        if not wide:  # the notes wrap at the width too
            footer = [part for note in footer for part in textwrap.wrap(note, width)]
        return "\n".join([title, *table, *footer])


def _text_table(
    headers: list[str],
    lines: list[list[str]],
    sections: list[tuple[str, str]],
    *,
    wide: bool,
    width: int,
) -> list[str]:
    """Rule, section titles, headers, rule, body, rule, totals, rule.

    ``sections`` gives each numeric column's (section key, section title).
    Compact (not ``wide``): two-line headers, one-space gaps and the group
    column cut so that the table fits ``width``.
    """
    gap = "  " if wide else " "
    if wide:
        heads = [[h] for h in headers]
    else:  # wrap each header at its first space: "Trước hạn" -> "Trước" / "hạn"
        heads = [h.split(" ", 1) if " " in h else ["", h] for h in headers]
    depth = max(len(h) for h in heads)
    heads = [[""] * (depth - len(h)) + h for h in heads]
    limit = 40 if wide else max(len(headers[0]), *(len(line[0]) for line in lines))
    widths = [
        max(*(len(x) for x in heads[i]), *(len(line[i][:limit]) for line in lines))
        for i in range(len(headers))
    ]
    spans: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for i, (section, title) in enumerate(sections, start=1):
        spans.setdefault(section, []).append(i)
        titles[section] = title

    def span(index: list[int]) -> int:
        return sum(widths[i] for i in index) + len(gap) * (len(index) - 1)

    for section, index in spans.items():  # widen so each section title fits
        missing = len(titles[section]) - span(index)
        if missing > 0:
            widths[index[-1]] += missing
    # two spaces between sections, ``gap`` inside one
    gaps = [gap] + [
        gap if sections[i][0] == sections[i + 1][0] else "  " for i in range(len(sections) - 1)
    ]
    if not wide:  # cut the group column to what the width leaves
        rest = sum(widths[1:]) + sum(map(len, gaps))
        widths[0] = max(len(headers[0]), min(widths[0], width - rest))

    def cut(text: str) -> str:
        return text if len(text) <= widths[0] else text[: widths[0] - 1] + "…"

    def fmt(cells: list[str]) -> str:
        first = cut(cells[0]).ljust(widths[0])
        rest = (
            g + cell.rjust(widths[i + 1])
            for i, (g, cell) in enumerate(zip(gaps, cells[1:], strict=True))
        )
        return (first + "".join(rest)).rstrip()

    top = (
        " " * widths[0] + gap + "  ".join(titles[s].center(span(i)) for s, i in spans.items())
    ).rstrip()
    head = [fmt([h[row] for h in heads]) for row in range(depth)]
    rule = "-" * max(len(x) for x in [top, *head, *map(fmt, lines)])
    body = [fmt(line) for line in lines[:-1]]
    return [rule, top, *head, rule, *body, rule, fmt(lines[-1]), rule]


def _adapter(name: str, extra: str) -> Any:
    """The function registered under ``name`` in the ``tthc.report`` entry points.

    Adapters plug into the core this way (pyproject.toml declares tthc's own),
    so no core module imports an adapter.
    """
    for point in entry_points(group="tthc.report", name=name):
        return point.load()  # an adapter without its extra raises MissingDependencyError
    raise MissingDependencyError(
        f"no report adapter {name!r} is installed: pip install 'tthc[{extra}]'",
        extra=extra,
        value=name,
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _describe(report: Report) -> str:
    return f"{report.start}..{report.end} as of {report.as_of.isoformat()} by {report.by}"


def _fmt_rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


_OUTCOME_COLUMN = {Outcome.EARLY: "early", Outcome.ON_TIME: "on_time", Outcome.LATE: "late"}


def _classify(
    dossier: Dossier, first: pendulum.DateTime, after: pendulum.DateTime, cut: pendulum.DateTime
) -> list[str]:
    """The columns this dossier adds to, for the period [first, after) judged at cut."""
    columns: list[str] = []
    events = dossier.events
    status = dossier.status
    intake = events[-1]
    if status in (Status.NOT_RECEIVED, Status.REFUSED):
        if first <= intake.at < after:
            columns.append("not_received" if status is Status.NOT_RECEIVED else "refused")
        return columns
    received = dossier.received_at
    if received is None or received >= after:
        return columns  # submitted but not received, or received after the period
    if received >= first:
        columns.append("received_new")
        online = dossier.channel is Channel.ONLINE
        columns.append("received_online" if online else "received_offline")
    # When did it leave the work in progress, and how?
    ended_at, how = None, None
    for event in events:
        if event.kind is EventKind.RESOLVED:
            ended_at, how = event.at, "resolved"
            break
        if event.kind is EventKind.WITHDRAWAL_REQUESTED:
            ended_at, how = event.at, "withdrawn"
            break
        if event.kind is EventKind.STOPPED:
            ended_at, how = event.at, "stopped"
            break
    if received < first:
        if ended_at is not None and ended_at < first:
            return columns  # finished before the period: not part of it
        columns.append("carried_over")
    if ended_at is not None and ended_at < after:
        if how == "resolved":
            columns.append("resolved")
            columns.append(_OUTCOME_COLUMN[dossier.outcome or Outcome.LATE])
        else:
            columns.append(how or "stopped")
        return columns
    columns.append("in_progress")
    known = dossier.as_of(cut) if events[-1].at > cut else dossier
    overdue = known is not None and known.is_overdue(cut)
    columns.append("in_progress_overdue" if overdue else "in_progress_within")
    return columns
