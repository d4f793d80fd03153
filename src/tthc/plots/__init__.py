"""Pictures of reports and calendars with matplotlib (``pip install 'tthc[plot]'``).

``import tthc`` never imports this package. Every function returns a
:class:`matplotlib.figure.Figure` built without pyplot (no GUI backend, safe
in servers and threads); :func:`save`, :func:`to_png` and :func:`to_svg`
write it. Text is set in DejaVu Sans, which ships with matplotlib and has
every Vietnamese diacritic.

- :func:`plot_report`: per group, the resolved dossiers early / on time /
  late as stacked bars, and the online share;
- :func:`plot_months`: month by month over a period, dossiers received and
  the on-time rate;
- :func:`plot_calendar`: a year as twelve month grids, days off, swaps,
  make-up Saturdays and closures in distinct colours, with a legend.

Example:
    >>> import datetime, tthc
    >>> from tthc.plots import plot_calendar, to_png
    >>> figure = plot_calendar(tthc.WorkingCalendar.vietnam(), 2026)
    >>> to_png(figure)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tthc._extras import require

require("matplotlib", "plot")

import matplotlib as mpl  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402

from tthc.calendar import DayKind, WorkingCalendar  # noqa: E402
from tthc.dossier import Dossier  # noqa: E402
from tthc.errors import InputTypeError  # noqa: E402
from tthc.report import Report  # noqa: E402

__all__ = [
    "CALENDAR_COLOURS",
    "OUTCOME_COLOURS",
    "plot_calendar",
    "plot_months",
    "plot_report",
    "save",
    "to_png",
    "to_svg",
]

OUTCOME_COLOURS = {"early": "#2e7d32", "on_time": "#1f77b4", "late": "#d62728"}
"""Bar colours of :func:`plot_report`: early green, on time blue, late red."""

CALENDAR_COLOURS = {
    "working": "#ffffff",
    "weekend": "#e0e0e0",
    DayKind.HOLIDAY.value: "#d62728",
    DayKind.SUBSTITUTE.value: "#ff9800",
    DayKind.MAKE_UP.value: "#2e7d32",
    DayKind.CLOSURE.value: "#8e44ad",
    DayKind.EXTRA_WORKING_DAY.value: "#17becf",
}
"""Cell colours of :func:`plot_calendar`, by day kind (``"working"``, ``"weekend"`` and
the :class:`~tthc.calendar.DayKind` values)."""

_LEGEND = {
    "working": "Ngày làm việc",
    "weekend": "Nghỉ cuối tuần",
    DayKind.HOLIDAY.value: "Nghỉ lễ, Tết",
    DayKind.SUBSTITUTE.value: "Nghỉ bù / hoán đổi",
    DayKind.MAKE_UP.value: "Làm bù (Thứ Bảy)",
    DayKind.CLOSURE.value: "Cơ quan nghỉ",
    DayKind.EXTRA_WORKING_DAY.value: "Làm việc bổ sung",
}
_OTHER = "#795548"  # any kind of day added to DayKind later
_WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
_MONTHS = tuple(f"Tháng {m}" for m in range(1, 13))


@contextmanager
def _style() -> Iterator[None]:
    with mpl.rc_context(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "tthc",  # stable ids in SVG output
        }
    ):
        yield


def _short(text: str, size: int = 32) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _label(axes: Any, text: str, x: float, y: float) -> None:
    """A small label just right of the end of a horizontal bar."""
    axes.annotate(text, (x, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)


def plot_report(report: Report) -> Figure:
    """Per group: resolved early / on time / late as stacked bars, and the online share.

    The left panel stacks the resolved dossiers of each group (and the
    total); the right one shows the share received online, in percent.

    Example:
        >>> import datetime, tthc
        >>> from tthc.simulate import simulate
        >>> q1 = dict(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
        >>> figure = plot_report(tthc.Report.build(simulate(**q1, seed=1), **q1))
        >>> [t.get_text() for t in figure.legends[0].get_texts()]
        ['Trước hạn', 'Đúng hạn', 'Quá hạn']
    """
    if not isinstance(report, Report):
        raise InputTypeError(f"expected Report, got {type(report).__name__}", value=report)
    rows = [*report.rows, report.total] if len(report.rows) > 1 else [report.total]
    labels = [_short(row.group) for row in rows][::-1]
    rows = rows[::-1]
    with _style():
        figure = Figure(figsize=(10, 1.6 + 0.45 * len(rows)), layout="constrained")
        left, right = figure.subplots(1, 2, width_ratios=(3, 1.3), sharey=True)
        y = list(range(len(rows)))
        base = [0] * len(rows)
        for name, label in (("early", "Trước hạn"), ("on_time", "Đúng hạn"), ("late", "Quá hạn")):
            values = [getattr(row, name) for row in rows]
            left.barh(y, values, left=base, color=OUTCOME_COLOURS[name], label=label, height=0.6)
            base = [a + b for a, b in zip(base, values, strict=True)]
        for yi, row, width in zip(y, rows, base, strict=True):
            if row.on_time_rate is not None:
                _label(left, f"{row.on_time_rate:.1f}% đúng hạn", width, yi)
        left.set_yticks(y, labels)
        left.set_xlabel("Hồ sơ đã giải quyết")
        left.margins(x=0.18)
        figure.legend(loc="outside lower center", ncols=3, frameon=False)
        online = [row.online_rate or 0.0 for row in rows]
        right.barh(y, online, color="#6a5acd", height=0.6)
        for yi, value in zip(y, online, strict=True):
            _label(right, f"{value:.1f}%", value, yi)
        right.set_xlim(0, 115)
        right.set_xlabel("Tỷ lệ trực tuyến (%)")
        figure.suptitle(
            f"Biểu II.06a — kỳ {report.start:%d/%m/%Y}–{report.end:%d/%m/%Y}: "
            "kết quả giải quyết và tỷ lệ trực tuyến"
        )
    return figure


def _months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    spans = []
    first = start
    while first <= end:
        days = _calendar.monthrange(first.year, first.month)[1]
        last = min(dt.date(first.year, first.month, days), end)
        spans.append((first, last))
        first = last + dt.timedelta(days=1)
    return spans


def plot_months(dossiers: Iterable[Dossier], *, start: dt.date, end: dt.date) -> Figure:
    """Month by month from ``start`` to ``end``: dossiers received (bars), on-time rate (line).

    Each month is a :meth:`Report.build <tthc.Report.build>` of its own
    (partial months at the ends are cut to the period), so the numbers are
    those of the monthly Biểu II.06a.

    Example:
        >>> import datetime
        >>> from tthc.simulate import simulate
        >>> start, end = datetime.date(2026, 1, 1), datetime.date(2026, 4, 30)
        >>> figure = plot_months(simulate(start=start, end=end, seed=1), start=start, end=end)
        >>> [t.get_text() for t in figure.axes[0].get_xticklabels()]
        ['01/2026', '02/2026', '03/2026', '04/2026']
    """
    for value in (start, end):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InputTypeError(f"start and end must be dates, got {value!r}", value=value)
    if end < start:
        raise InputTypeError(f"the period ends ({end}) before it starts ({start})", value=end)
    dossiers = list(dossiers)
    spans = _months(start, end)
    totals = [Report.build(dossiers, start=a, end=b, by=None).total for a, b in spans]
    labels = [f"{a:%m/%Y}" for a, _ in spans]
    with _style():
        figure = Figure(figsize=(10, 4.2), layout="constrained")
        axes = figure.subplots()
        x = list(range(len(spans)))
        online = [row.received_online for row in totals]
        offline = [row.received_offline for row in totals]
        axes.bar(x, online, color="#6a5acd", label="Tiếp nhận trực tuyến")
        axes.bar(x, offline, bottom=online, color="#b0a8e8", label="Trực tiếp, bưu chính")
        axes.set_xticks(x, labels)
        axes.set_ylabel("Hồ sơ tiếp nhận")
        rates = axes.twinx()
        rates.spines["right"].set_visible(True)
        values = [row.on_time_rate for row in totals]
        rates.plot(
            [i for i, v in zip(x, values, strict=True) if v is not None],
            [v for v in values if v is not None],
            color=OUTCOME_COLOURS["late"],
            marker="o",
            label="Tỷ lệ đúng hạn (%)",
        )
        rates.set_ylim(0, 105)
        rates.set_ylabel("Tỷ lệ đúng hạn (%)")
        handles = axes.get_legend_handles_labels()
        more = rates.get_legend_handles_labels()
        figure.legend(
            handles[0] + more[0],
            handles[1] + more[1],
            loc="outside lower center",
            ncols=3,
            frameon=False,
        )
        figure.suptitle(
            f"Hồ sơ tiếp nhận và tỷ lệ đúng hạn theo tháng, {start:%d/%m/%Y}–{end:%d/%m/%Y}"
        )
    return figure


def _kind_of(calendar: WorkingCalendar, day: dt.date, special: dict[dt.date, str]) -> str:
    if day in special:
        return special[day]
    return "working" if calendar.is_working_day(day) else "weekend"


def plot_calendar(calendar: WorkingCalendar, year: int) -> Figure:
    """The year as twelve month grids, each day coloured by what it is for offices.

    Colours (:data:`CALENDAR_COLOURS`): working days white, weekends grey,
    holidays red, compensatory days off and swaps orange, make-up Saturdays
    green, office closures purple, extra working days teal; a legend names
    them. A year whose schedule is not announced yet says *TẠM TÍNH*.

    Example:
        >>> import tthc
        >>> figure = plot_calendar(tthc.WorkingCalendar.vietnam(), 2026)
        >>> len(figure.axes), figure.axes[0].get_title()
        (12, 'Tháng 1')
    """
    if not isinstance(calendar, WorkingCalendar):
        raise InputTypeError(
            f"expected WorkingCalendar, got {type(calendar).__name__}", value=calendar
        )
    if not isinstance(year, int) or isinstance(year, bool):
        raise InputTypeError(f"year must be a whole number, got {year!r}", value=year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    calendar.is_working_day(first)  # out of range raises here, before drawing
    calendar.is_working_day(last)
    special = {day.date: day.kind.value for day in calendar.special_days_between(first, last)}
    used = {"working", "weekend", *special.values()}
    working_days = calendar.count_working_days(first, last)
    with _style():
        figure = Figure(figsize=(12, 9.6), layout="constrained")
        grid = figure.subplots(3, 4)
        for month, axes in enumerate(grid.flat, start=1):
            axes.set_title(_MONTHS[month - 1], fontsize=11, fontweight="bold")
            axes.set_xlim(0, 7)
            axes.set_ylim(6.6, -0.9)
            axes.set_aspect("equal")
            axes.axis("off")
            for col, name in enumerate(_WEEKDAYS):
                axes.text(col + 0.5, -0.45, name, ha="center", va="center", fontsize=8)
            weeks = _calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
            for row, week in enumerate(weeks):
                for col, day in enumerate(week):
                    if day.month != month:
                        continue
                    kind = _kind_of(calendar, day, special)
                    colour = CALENDAR_COLOURS.get(kind, _OTHER)
                    axes.add_patch(
                        Rectangle(
                            (col + 0.04, row + 0.04),
                            0.92,
                            0.92,
                            facecolor=colour,
                            edgecolor="#9e9e9e",
                            linewidth=0.5,
                        )
                    )
                    dark = kind in (
                        DayKind.HOLIDAY.value,
                        DayKind.MAKE_UP.value,
                        DayKind.CLOSURE.value,
                    )
                    axes.text(
                        col + 0.5,
                        row + 0.5,
                        str(day.day),
                        ha="center",
                        va="center",
                        fontsize=8.5,
                        color="white" if dark else "black",
                    )
        handles = [
            Patch(facecolor=CALENDAR_COLOURS[key], edgecolor="#9e9e9e", label=label)
            for key, label in _LEGEND.items()
            if key in used
        ]
        if used - set(_LEGEND):  # a kind of day this module does not know yet
            handles.append(Patch(facecolor=_OTHER, edgecolor="#9e9e9e", label="Ngày đặc biệt khác"))
        figure.legend(
            handles=handles, loc="outside lower center", ncols=len(handles), frameon=False
        )
        title = f"Lịch làm việc năm {year} của cơ quan hành chính nhà nước — {working_days} ngày làm việc"
        if calendar.is_provisional(first):
            title += " (TẠM TÍNH: lịch nghỉ chưa được công bố)"
        figure.suptitle(title, fontsize=13)
    return figure


def to_png(figure: Figure, *, dpi: int = 100) -> bytes:
    """The figure as PNG bytes.

    Example:
        >>> to_png(Figure(figsize=(2, 1)))[1:4]
        b'PNG'
    """
    out = io.BytesIO()
    with _style():
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def to_svg(figure: Figure) -> str:
    """The figure as an SVG document (text drawn as paths: no font needed to view it).

    Example:
        >>> "<svg" in to_svg(Figure(figsize=(2, 1)))
        True
    """
    out = io.StringIO()
    with _style():
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def save(figure: Figure, path: str | Path, *, dpi: int = 100) -> Path:
    """Write the figure to ``path``, PNG or SVG by its suffix; returns the path.

    Raises:
        InputTypeError: a suffix other than ``.png`` or ``.svg``.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> save(Figure(figsize=(2, 1)), folder / "empty.svg").name
        'empty.svg'
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".png":
        target.write_bytes(to_png(figure, dpi=dpi))
    elif suffix == ".svg":
        target.write_text(to_svg(figure), encoding="utf-8")
    else:
        raise InputTypeError(f"save as .png or .svg, got {target.name!r}", value=str(path))
    return target
