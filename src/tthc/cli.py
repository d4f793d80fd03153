"""The ``tthc`` command line.

Commands:
    ``tthc calendar YEAR [--json]``: the year's holidays, make-up days and
    working days per month.
    ``tthc demo``: the main job of ``make demo``.

Errors are printed as one line on stderr, with exit status 2.

Example:
    >>> main(["calendar", "2026"])  # doctest: +ELLIPSIS
    Lịch làm việc năm 2026 (cơ quan hành chính nhà nước)
    ...
    0
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

import pendulum

from tthc.calendar import WorkingCalendar
from tthc.errors import TthcError

__all__ = ["calendar_summary", "main"]

_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


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
    for day in summary["special_days"]:
        mark = "làm việc" if day["working"] else "nghỉ"
        date = dt.date.fromisoformat(day["date"]).strftime("%d/%m/%Y")
        print(f"  {day['weekday']:<9} {date}  {mark:<8}  {day['name']}")
    print()
    print("Số ngày làm việc theo tháng:")
    months = summary["by_month"]
    print("  " + " ".join(f"T{m:<3}" for m in months).rstrip())
    print("  " + " ".join(f"{n:<4}" for n in months.values()).rstrip())
    print(f"Cả năm: {summary['working_days']} ngày làm việc")


def _cmd_calendar(args: argparse.Namespace) -> int:
    summary = calendar_summary(WorkingCalendar.vietnam(), args.year)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_calendar(summary)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    year = pendulum.now("Asia/Ho_Chi_Minh").year
    args.year = year
    return _cmd_calendar(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tthc",
        description="Vietnamese administrative procedures: working days and legal deadlines.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cal = sub.add_parser("calendar", help="a year's holidays, make-up days and working days")
    cal.add_argument("year", type=int, help="the year, e.g. 2026")
    cal.add_argument("--json", action="store_true", help="print JSON")
    cal.set_defaults(func=_cmd_calendar)
    demo = sub.add_parser("demo", help="show the library at work (what `make demo` runs)")
    demo.add_argument("--json", action="store_true", help="print JSON")
    demo.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Example:
        >>> main(["calendar", "1800"])
        2
    """
    args = _parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except TthcError as error:
        print(f"tthc: error: {error}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
