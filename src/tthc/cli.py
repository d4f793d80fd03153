"""The ``tthc`` command line.

Commands (``--help`` on each; ``--json`` for machine-readable output):

- ``tthc calendar YEAR [--png FILE] [--svg FILE]`` — holidays, make-up days and
  working days per month; the year drawn as twelve month grids.
- ``tthc due RECEIVED LIMIT_OR_CODE [--explain]`` — when a result is due.
- ``tthc procedures [QUERY]`` — search the bundled catalog, diacritics optional.
- ``tthc report FILE --from DATE --to DATE [--by field] [--wide] [--xlsx FILE]
  [--html FILE]`` — Biểu II.06a (a table fitting 120 columns; Excel; an HTML page).
- ``tthc slip FILE CODE [--kind receipt] [--pdf FILE]`` — a dossier's one-stop document.
- ``tthc report`` also takes a
  province's ``--catalog``, ``--hours``, ``--saturday`` and ``--closures``.
- ``tthc check FILE`` — every row of a dossier file that cannot be read, with why.
- ``tthc demo`` — ten simulated months of one commune, the report, one story.
- ``tthc store init|import|export|report --db URL`` — dossiers in a database
  (needs the ``store`` extra; see docs/store.md).

A time without an offset (``"2026-12-04 15:30"``) is Vietnam local time
(Asia/Ho_Chi_Minh). Errors are one line on stderr, with exit status 2.
``tthc --version`` prints the version.

Example:
    >>> main(["due", "2026-12-04 15:30", "1.001193"])
    Hạn trả kết quả: 17:00 Thứ Hai 07/12/2026
    0
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

import pendulum

from tthc._version import __version__
from tthc.calendar import WorkingCalendar
from tthc.catalog import Catalog
from tthc.deadline import Note
from tthc.dossier import Dossier, EventKind
from tthc.errors import InputFileError, OutOfRangeError, TthcError, UnknownProcedureError
from tthc.files import Loaded, decode_bytes, read_dossiers
from tthc.hours import OfficeHours
from tthc.limits import TimeLimit, parse_time_limit
from tthc.portal import parse_instant
from tthc.procedure import Channel
from tthc.report import Report
from tthc.schedule import Schedule
from tthc.simulate import simulate

__all__ = ["calendar_summary", "main"]

VN = "Asia/Ho_Chi_Minh"
_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, exit status 2
        raise _UsageError(f"{self.prog}: error: {message}")


def _instant(text: str) -> pendulum.DateTime:
    try:
        return parse_instant(text, VN)
    except OutOfRangeError:
        raise _UsageError(
            f"tthc: error: the instant {text.strip()!r} is outside the dates tthc handles"
        ) from None
    except ValueError:
        raise _UsageError(
            f"tthc: error: cannot read the instant {text.strip()!r}: use '2026-12-04 15:30', "
            "'2026-12-04T15:30+07:00' or 20261204153000"
        ) from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _UsageError(f"tthc: error: cannot read the date {text!r}: use 2026-10-31") from None


def _fmt_instant(value: dt.datetime) -> str:
    return f"{value:%H:%M} {_WEEKDAYS_VI[value.weekday()]} {value:%d/%m/%Y}"


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# -- calendar ----------------------------------------------------------------------------------


def calendar_summary(calendar: WorkingCalendar, year: int) -> dict[str, Any]:
    """The year's special days and working days per month, as plain data.

    Example:
        >>> summary = calendar_summary(WorkingCalendar.vietnam(), 2026)
        >>> summary["working_days"], summary["provisional"], summary["by_month"][2]
        (249, False, 15)
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by_month = {
        month: calendar.count_working_days(
            dt.date(year, month, 1),
            (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)),
        )
        for month in range(1, 13)
    }
    return {
        "year": year,
        "provisional": calendar.is_provisional(first),
        "working_days": calendar.count_working_days(first, last),
        "by_month": by_month,
        "special_days": [
            {
                "date": day.date.isoformat(),
                "weekday": _WEEKDAYS_VI[day.date.weekday()],
                "working": day.working,
                "kind": day.kind.value,
                "name": day.name,
                "name_en": day.name_en,
                "source": day.source,
            }
            for day in calendar.special_days_between(first, last)
        ],
    }


def _print_calendar(summary: dict[str, Any]) -> None:
    year = summary["year"]
    print(f"Lịch làm việc năm {year} (cơ quan hành chính nhà nước)")
    if summary["provisional"]:
        print("TẠM TÍNH: lịch nghỉ của năm này chưa được công bố; các ngày dưới đây là ước tính.")
    print()
    print("Ngày nghỉ và ngày làm bù:")
    sources: dict[str, int] = {}  # each source once, as a numbered footnote
    for day in summary["special_days"]:
        mark = "làm việc" if day["working"] else "nghỉ"
        date = dt.date.fromisoformat(day["date"]).strftime("%d/%m/%Y")
        note = ""
        if day["source"]:
            note = f" [{sources.setdefault(day['source'], len(sources) + 1)}]"
        print(f"  {day['weekday']:<9} {date}  {mark:<8}  {day['name']}{note}")
    if sources:
        print()
        print("Nguồn:")
        for source, number in sources.items():
            print(f"  [{number}] {source}")
    print()
    print("Số ngày làm việc theo tháng:")
    months = summary["by_month"]
    print("  " + " ".join(f"T{m:<3}" for m in months).rstrip())
    print("  " + " ".join(f"{n:<4}" for n in months.values()).rstrip())
    print(f"Cả năm: {summary['working_days']} ngày làm việc")


def _cmd_calendar(args: argparse.Namespace) -> int:
    if not dt.MINYEAR <= args.year < dt.MAXYEAR:
        raise _UsageError(
            f"tthc: error: the year {args.year} is outside {dt.MINYEAR}..{dt.MAXYEAR - 1}"
        )
    calendar = WorkingCalendar.vietnam()
    summary = calendar_summary(calendar, args.year)
    if args.png or args.svg:  # pictures of the year (tthc[plot]), written before any text
        from tthc import plots

        figure = plots.plot_calendar(calendar, args.year)
        if args.png:  # the flag says the format, whatever the file's suffix
            Path(args.png).write_bytes(plots.to_png(figure))
            print(f"Đã ghi {args.png}", file=sys.stderr)
        if args.svg:
            Path(args.svg).write_text(plots.to_svg(figure), encoding="utf-8")
            print(f"Đã ghi {args.svg}", file=sys.stderr)
    if args.json:
        _print_json(summary)
    else:
        _print_calendar(summary)
    return 0


# -- due ------------------------------------------------------------------------------------------


_CODE = re.compile(r"\d+\.\d+(\.[0-9A-Za-z.]+)?")


def _limit_of(
    text: str, channel: Channel | None, verification: bool, condition: str | None = None
) -> tuple[TimeLimit, Any, str | None]:
    """The limit, the procedure (or None) and a note when a local code fell back."""
    catalog = Catalog.bundled()
    code = text.strip()
    if _CODE.fullmatch(code):
        try:
            procedure, fallback = catalog.lookup(code)
        except UnknownProcedureError:
            raise UnknownProcedureError(
                f"unknown procedure {code!r}: not in the catalog (tthc procedures lists them)",
                value=code,
            ) from None
        note = f"Mã địa phương {code}: tính theo thủ tục gốc {procedure.code}" if fallback else None
        limit = procedure.limit_for(
            channel or Channel.IN_PERSON, condition=condition, verification=verification
        )
        return limit, procedure, note
    if channel is not None or verification or condition is not None:
        option = (
            "--channel"
            if channel is not None
            else "--verification"
            if verification
            else "--condition"
        )
        raise _UsageError(
            f"tthc: error: {option} applies to a procedure code, not to a time limit ({code!r})"
        )
    return parse_time_limit(text), None, None


def _cmd_due(args: argparse.Namespace) -> int:
    received = _instant(args.received)
    channel = None if args.channel is None else Channel.from_value(args.channel)
    limit, procedure, note = _limit_of(args.limit, channel, args.verification, args.condition)
    if note is not None:
        print(note, file=sys.stderr)
    deadline = Schedule.vietnam().deadline(received, limit)
    language = "en" if args.english else "vi"
    if args.json:
        _print_json(
            {
                "received_at": deadline.received_at.isoformat(),
                "procedure": None if procedure is None else procedure.code,
                "limit": str(limit),
                "counted_from": deadline.counted_from.isoformat(),
                "due_at": deadline.due_at.isoformat(),
                "ends_at": deadline.ends_at.isoformat(),
                "due_date": deadline.due_date.isoformat(),
                "provisional": deadline.provisional,
                "explain": deadline.explain(language),
            }
        )
        return 0
    if procedure is not None and args.explain:
        print(f"Thủ tục: {procedure.code} {procedure.name}")
    if args.explain:
        for line in deadline.explain(language):
            print(line)
    else:
        print(Note("due_hours", (deadline.due_at,)).render(language))
        if deadline.provisional:
            print(deadline.explain(language)[-1])
    return 0


# -- procedures ---------------------------------------------------------------------------------


def _cmd_procedures(args: argparse.Namespace) -> int:
    catalog = Catalog.bundled()
    found = catalog.search(args.query) if args.query else list(catalog)
    if args.json:
        from tthc.serialize import unstructure

        _print_json([unstructure(p) for p in found])
        return 0
    if not found:
        print(f"Không tìm thấy thủ tục nào cho {args.query!r}")
        return 0
    width = max(len(p.code) for p in found)
    for p in found:
        print(f"{p.code:<{width}}  {p.name}")
        print(f"{'':<{width}}  {p.field} · {p.office} · {p.time_limit}")
        for alternative in p.alternatives:
            print(f"{'':<{width}}    {alternative.condition}: {alternative.limit}")
    return 0


# -- limits -------------------------------------------------------------------------------------


def _cmd_limits(args: argparse.Namespace) -> int:
    from tthc.limit_text import RECEIPT, parse_limit_text

    reading = parse_limit_text(args.text)
    if args.json:
        from tthc.serialize import unstructure

        data = unstructure(reading)
        data["plain"] = reading.is_plain
        _print_json(data)
        return 0
    if reading.main is not None:
        print(f"Thời hạn: {reading.main}")
    else:
        print(f"Không có thời hạn chính: {reading.reason}")
    if reading.counted_from == RECEIPT:
        print("Tính từ: ngày nhận đủ hồ sơ hợp lệ")
    else:
        print(f"Tính từ: {reading.counted_from}")
    for alternative in reading.alternatives:
        print(f"Trường hợp ({alternative.kind.value}) {alternative}")
    for stage in reading.stages:
        print(f"Bước: {stage}")
    for note in reading.notes:
        print(f"Ghi chú: {note}")
    return 0


# -- slip ---------------------------------------------------------------------------------------


def _cmd_slip(args: argparse.Namespace) -> int:
    """One dossier's one-stop document (tthc[html], tthc[pdf] for --pdf)."""
    from tthc.documents import html_to_pdf, slip_html

    path = Path(args.file)
    if not path.exists():
        raise _UsageError(f"tthc: error: no such file: {args.file!r}")
    found = [d for d in read_dossiers(path).dossiers if d.code == args.code]
    if not found:
        raise _UsageError(f"tthc: error: no dossier with the code {args.code!r} in {args.file}")
    page = slip_html(found[0], args.kind, applicant=args.applicant, place=args.place)
    if args.pdf:
        Path(args.pdf).write_bytes(html_to_pdf(page))
        print(f"Đã ghi {args.pdf}", file=sys.stderr)
    if args.html:
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"Đã ghi {args.html}", file=sys.stderr)
    if not (args.pdf or args.html):
        sys.stdout.write(page)
    return 0


# -- report -------------------------------------------------------------------------------------


def _catalog_of(args: argparse.Namespace) -> Catalog:
    catalog = Catalog.bundled()
    if getattr(args, "catalog", None):
        catalog = catalog.merge(Catalog.load(_existing(args.catalog)))
    return catalog


def _existing(name: str) -> Path:
    path = Path(name)
    if not path.is_file():
        raise _UsageError(f"tthc: error: no such file: {name!r}")
    return path


def _closures(name: str) -> dict[dt.date, str]:
    """Closure days from a file: one ``YYYY-MM-DD reason`` a line; ``#`` starts a comment."""
    path = _existing(name)
    text = decode_bytes(path.read_bytes(), name)[0]
    days: dict[dt.date, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        day_text, reason = [*re.split(r"[,;\t ]", line, maxsplit=1), ""][:2]
        try:
            day = dt.date.fromisoformat(day_text.strip())
        except ValueError:
            raise InputFileError(
                f"{name}: line {number}: expected 'YYYY-MM-DD reason', got {line!r}",
                line=number,
                value=line,
            ) from None
        days[day] = reason.strip() or "Đóng cửa"
    return days


def _schedule_of(args: argparse.Namespace) -> Schedule:
    if not (args.hours or args.saturday or args.closures):
        return Schedule.vietnam()
    hours = None
    if args.hours or args.saturday:
        hours = OfficeHours.parse(args.hours or str(OfficeHours.default()), saturday=args.saturday)
    calendar = None
    if args.closures:
        calendar = WorkingCalendar.vietnam(closures=_closures(args.closures))
    return Schedule.vietnam(calendar, hours)


def _load(args: argparse.Namespace, errors: str) -> Loaded:
    path = _existing(args.file)
    with _progress_source(path, getattr(args, "quiet", True)) as source:
        return read_dossiers(
            source, _catalog_of(args), _schedule_of(args), format=args.format, errors=errors
        )


_PROGRESS_MIN_BYTES = 1 << 20  # files smaller than this read too fast to need a progress bar


@contextlib.contextmanager
def _progress_source(path: Path, quiet: bool) -> Iterator[Path | IO[bytes]]:
    """``path``, or the file opened with a progress bar on stderr when it is a terminal.

    The bar needs the optional ``rich`` (``pip install 'tthc[progress]'``); it
    stays off when stderr is piped, with ``--quiet`` and for small files.
    """
    show = not quiet and sys.stderr.isatty() and path.stat().st_size >= _PROGRESS_MIN_BYTES
    if show:
        try:
            import rich.console
            import rich.progress
        except ImportError:
            show = False
    if not show:
        yield path
        return
    console = rich.console.Console(file=sys.stderr)
    with rich.progress.open(  # bytes: the reader finds the encoding
        path, "rb", description=f"Đọc {path.name}", console=console
    ) as stream:
        yield stream


def _cmd_report(args: argparse.Namespace) -> int:
    loaded = _load(args, "collect" if args.skip_bad else "raise")
    by = None if args.by == "none" else args.by
    as_of = _instant(args.as_of) if args.as_of else None
    report = Report.build(
        loaded.dossiers,
        start=args.start,
        end=args.end,
        as_of=as_of,
        by=by,
        rows_read=loaded.rows_read,
        errors="collect" if args.skip_bad else "raise",
    )
    for problem in loaded.problems:
        print(f"tthc: skipped {args.file}: {problem.message}", file=sys.stderr)
    for bad in report.problems:
        print(f"tthc: skipped {bad.message}", file=sys.stderr)
    _write_report_files(args, report, loaded.dossiers)
    if args.json:
        data = report.to_dict()
        data["due_mismatches"] = list(loaded.due_mismatches)
        data["local_codes"] = list(loaded.local_codes)
        data["skipped_rows"] = [_problem_dict(p) for p in loaded.problems]
        _print_json(data)
    elif args.csv:
        sys.stdout.write(report.to_csv())
    else:
        print(report.to_text("en" if args.english else "vi", wide=args.wide))
        if loaded.due_mismatches:
            print(
                f"{len(loaded.due_mismatches)} dòng có NgayHenTra khác hạn tính theo tthc "
                f"(dòng {_lines(loaded.due_mismatches)})"
            )
        if loaded.local_codes:
            print(
                f"{len(loaded.local_codes)} dòng dùng mã thủ tục địa phương, tính theo thủ tục "
                f"gốc (dòng {_lines(loaded.local_codes)})"
            )
        if loaded.problems:
            print(f"{len(loaded.problems)} dòng bị bỏ qua (xem stderr; tthc check để xem chi tiết)")
    return 0


def _write_report_files(args: argparse.Namespace, report: Report, dossiers: Any) -> None:
    """--xlsx (tthc[excel]) and --html (tthc[html] + tthc[plot]); messages on stderr."""
    if args.xlsx:
        report.to_xlsx(args.xlsx)
        print(f"Đã ghi {args.xlsx}", file=sys.stderr)
    if args.html:
        from tthc.documents import report_html

        page = report_html(report, dossiers=dossiers)
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"Đã ghi {args.html}", file=sys.stderr)


def _lines(numbers: Sequence[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return shown + (", ..." if len(numbers) > 10 else "")


def _problem_dict(problem: Any) -> dict[str, Any]:
    return {
        "line": problem.line,
        "code": problem.code,
        "kind": problem.kind,
        "message": problem.message,
    }


# -- check --------------------------------------------------------------------------------------


def _cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args, "collect")
    if args.json:
        _print_json(
            {
                "file": args.file,
                "rows_read": loaded.rows_read,
                "dossiers": len(loaded.dossiers),
                "problems": [_problem_dict(p) for p in loaded.problems],
                "due_mismatches": list(loaded.due_mismatches),
                "local_codes": list(loaded.local_codes),
            }
        )
    else:
        for problem in loaded.problems:
            print(f"{args.file}:{problem.line}: {problem.kind}: {problem.message}")
        for line in loaded.local_codes:
            print(f"{args.file}:{line}: local_code: read as its national procedure")
        print(
            f"{loaded.rows_read} dòng đã đọc, {len(loaded.dossiers)} hồ sơ hợp lệ, "
            f"{len(loaded.problems)} dòng lỗi."
        )
    return 1 if loaded.problems else 0


# -- demo ---------------------------------------------------------------------------------------


def _story(dossiers: list[Dossier]) -> Dossier:
    """A dossier worth telling: a supplement across Tết if there is one."""

    def score(d: Dossier) -> int:
        kinds = {e.kind for e in d.events}
        received = d.received_at
        tet = received is not None and dt.date(2026, 2, 9) <= received.date() <= dt.date(
            2026, 2, 13
        )
        return (
            4 * (EventKind.SUPPLEMENT_REQUESTED in kinds)
            + 3 * tet
            + 2 * (EventKind.RESULT_RETURNED in kinds)
            + (len(d.procedure.name) < 40)
        )

    return max(dossiers, key=score)


def _cmd_demo(args: argparse.Namespace) -> int:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 10, 31)
    dossiers = simulate(start=start, end=end, seed=args.seed)
    report = Report.build(dossiers, start=start, end=end, by="field")
    story = _story(dossiers)
    if args.json:
        from tthc.files import dossier_to_record

        _print_json({"report": report.to_dict(), "story": dossier_to_record(story)})
        return 0
    print(
        f"Mô phỏng một UBND xã, {start:%d/%m/%Y}–{end:%d/%m/%Y} (seed {args.seed}): "
        f"{len(dossiers)} hồ sơ trên {len(Catalog.bundled())} thủ tục của danh mục."
    )
    print()
    print(report.to_text(wide=args.wide))
    print()
    print(story.explain())
    if args.out:
        _write_demo_files(Path(args.out), report, dossiers, story)
    return 0


def _write_demo_files(
    folder: Path, report: Report, dossiers: list[Dossier], story: Dossier
) -> None:
    """The demo's documents: the story's slips (HTML + PDF), the workbook, the page, the year."""
    from tthc import plots
    from tthc.documents import FORMS, html_to_pdf, report_html, slip_html, tracking_book_html
    from tthc.errors import DocumentNotApplicableError

    folder.mkdir(parents=True, exist_ok=True)
    pages = {}
    for kind in FORMS:
        if kind == "tracking_book":
            continue
        try:
            pages[f"{FORMS[kind].number}-{kind}"] = slip_html(story, kind)
        except DocumentNotApplicableError:
            continue
    received = story.received_at
    assert received is not None
    day = received.date()
    pages["BM.06-tracking_book"] = tracking_book_html(dossiers, start=day, end=day)
    for name, page in pages.items():
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
        (folder / f"{name}.pdf").write_bytes(html_to_pdf(page))
    report.to_xlsx(folder / "bieu-II.06a.xlsx")
    page = report_html(report, dossiers=dossiers)
    (folder / "bieu-II.06a.html").write_text(page, encoding="utf-8")
    plots.save(plots.plot_calendar(story.schedule.calendar, report.start.year), folder / "lich.png")
    print(f"Đã ghi {len(pages) * 2 + 3} tệp vào {folder}", file=sys.stderr)


# -- main ----------------------------------------------------------------------------------------


# -- store (tthc[store]; imported only when the command runs) ----------------------------------


def _add_store_parser(sub: Any) -> None:
    store = sub.add_parser(
        "store", help="dossiers in a SQLite or PostgreSQL database (the store extra)"
    )
    actions = store.add_subparsers(dest="store_command", required=True, parser_class=_Parser)
    db_help = "SQLAlchemy URL (default: $TTHC_DB or sqlite:///tthc.db)"
    init = actions.add_parser("init", help="create the tables (idempotent)")
    init.add_argument(
        "--migrate", action="store_true", help="upgrade a store of an older schema version"
    )
    imp = actions.add_parser("import", help="add the dossiers of a .jsonl or portal .csv file")
    imp.add_argument("file", help="tthc JSON Lines (.jsonl) or the portal's CSV export (.csv)")
    exp = actions.add_parser("export", help="write every stored dossier as JSON Lines")
    exp.add_argument("file", nargs="?", default="-", help="output file (default: stdout)")
    rep = actions.add_parser("report", help="Biểu II.06a over the stored dossiers")
    _report_options(rep)
    for action in (init, imp, exp, rep):
        action.add_argument("--db", default=None, help=db_help)
    store.set_defaults(func=_cmd_store)


def _report_options(rep: argparse.ArgumentParser) -> None:
    """The period, grouping, instant and output options of both report commands."""
    rep.add_argument("--from", dest="start", type=_date, required=True, help="first day")
    rep.add_argument("--to", dest="end", type=_date, required=True, help="last day (inclusive)")
    rep.add_argument("--by", choices=["field", "office", "procedure", "none"], default="field")
    rep.add_argument("--as-of", help="judge in-progress dossiers at this instant")
    out = rep.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV")
    rep.add_argument("--english", action="store_true", help="English headers")


def _cmd_store(args: argparse.Namespace) -> int:
    try:
        from tthc.store.cli import run
    except ImportError as error:  # pragma: no cover - the test extra installs it
        raise _UsageError(
            f"tthc: error: `tthc store` needs the store extra: pip install 'tthc[store]' ({error})"
        ) from None
    status: int = run(args)
    return status


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tthc",
        description="Vietnamese administrative procedures: working days, deadlines, reports.",
    )
    parser.add_argument("--version", action="version", version=f"tthc {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    cal = sub.add_parser("calendar", help="a year's holidays, make-up days and working days")
    cal.add_argument("year", type=int, help="the year, e.g. 2026")
    cal.add_argument("--json", action="store_true", help="print JSON")
    cal.add_argument("--png", metavar="FILE", help="also draw the year as a PNG (tthc[plot])")
    cal.add_argument("--svg", metavar="FILE", help="also draw the year as an SVG (tthc[plot])")
    cal.set_defaults(func=_cmd_calendar)

    due = sub.add_parser("due", help="when the result of a dossier is due")
    due.add_argument("received", help="receipt instant, e.g. '2026-12-04 15:30' (Vietnam time)")
    due.add_argument(
        "limit",
        metavar="LIMIT_OR_CODE",
        help="a time limit ('03 ngày làm việc') or a procedure code (1.001193)",
    )
    due.add_argument(
        "--channel",
        choices=[c.value for c in Channel],
        default=None,
        help="channel, for procedures with per-channel limits (default in_person)",
    )
    due.add_argument(
        "--verification",
        action="store_true",
        help="use the procedure's limit when verification is needed",
    )
    due.add_argument(
        "--condition",
        metavar="WORDS_OR_KIND",
        help="use the procedure's limit under this condition: its words as published "
        "('vùng sâu') or a kind (verification, complex, remote, extension, ...)",
    )
    due.add_argument("--explain", action="store_true", help="show the reasoning")
    due.add_argument("--english", action="store_true", help="explain in English")
    due.add_argument("--json", action="store_true", help="print JSON")
    due.set_defaults(func=_cmd_due)

    procs = sub.add_parser("procedures", help="search the bundled catalog")
    procs.add_argument("query", nargs="?", default="", help="words of the name, or a code")
    procs.add_argument("--json", action="store_true", help="print JSON")
    procs.set_defaults(func=_cmd_procedures)

    lim = sub.add_parser("limits", help="read a published time-limit text")
    lim.add_argument("text", help="the text, e.g. 'Không quá 05 ngày làm việc; trường hợp ...'")
    lim.add_argument("--json", action="store_true", help="print JSON")
    lim.set_defaults(func=_cmd_limits)

    slip = sub.add_parser("slip", help="a dossier's one-stop document (BM.01-BM.05) as HTML/PDF")
    slip.add_argument("file", help="tthc JSON Lines (.jsonl) or the portal's CSV export (.csv)")
    slip.add_argument("code", help="the dossier's code")
    slip.add_argument(
        "--kind",
        choices=["receipt", "supplement", "refusal", "apology", "control_slip"],
        default="receipt",
        help="which document (default: the receipt and appointment slip, BM.01)",
    )
    slip.add_argument("--applicant", help="the applicant's name, printed on the slip")
    slip.add_argument("--place", help="the place on the date line")
    slip.add_argument("--html", metavar="FILE", help="write the HTML page there")
    slip.add_argument("--pdf", metavar="FILE", help="write the A4 PDF there (tthc[pdf])")
    slip.set_defaults(func=_cmd_slip)

    rep = sub.add_parser("report", help="Biểu II.06a from a .jsonl or portal .csv file")
    _file_options(rep)
    _report_options(rep)
    rep.add_argument(
        "--quiet", action="store_true", help="no progress bar (it shows only on a terminal)"
    )
    rep.add_argument("--wide", action="store_true", help="the wide table (full group names)")
    rep.add_argument("--xlsx", metavar="FILE", help="also write the form as Excel (tthc[excel])")
    rep.add_argument(
        "--html",
        metavar="FILE",
        help="also write one self-contained HTML page: table, charts, notes (tthc[html,plot])",
    )
    rep.add_argument(
        "--skip-bad",
        action="store_true",
        help="report the good dossiers and list the bad rows on stderr (default: refuse the file)",
    )
    rep.set_defaults(func=_cmd_report)

    chk = sub.add_parser("check", help="list every row of a dossier file that cannot be read")
    _file_options(chk)
    chk.add_argument("--json", action="store_true", help="print JSON")
    chk.set_defaults(func=_cmd_check)

    _add_store_parser(sub)

    demo = sub.add_parser("demo", help="show the library at work (what `make demo` runs)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.add_argument("--json", action="store_true", help="print JSON")
    demo.add_argument("--wide", action="store_true", help="the wide table (full group names)")
    demo.add_argument(
        "--out",
        metavar="DIR",
        help="also write the story's slips (HTML, PDF), the workbook, the HTML report and the "
        "calendar there (tthc[pdf,excel,plot])",
    )
    demo.set_defaults(func=_cmd_demo)
    return parser


def _file_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="tthc JSON Lines or the portal's CSV export")
    parser.add_argument(
        "--format",
        choices=["jsonl", "csv"],
        default=None,
        help="the file's format (default: found from the content)",
    )
    parser.add_argument("--catalog", help="a province's catalog file, merged over the bundled one")
    parser.add_argument("--hours", help="office hours, e.g. '07:00-11:30,13:30-17:00'")
    parser.add_argument("--saturday", default="", help="Saturday desk hours, e.g. '07:30-11:30'")
    parser.add_argument("--closures", help="a file of closure days, one 'YYYY-MM-DD reason' a line")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for any error).

    Example:
        >>> main(["calendar", "1800"])
        2
    """
    try:
        args = _parser().parse_args(argv)
        status: int = args.func(args)
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
    except _UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except (TthcError, OSError) as error:
        print(f"tthc: error: {error}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
