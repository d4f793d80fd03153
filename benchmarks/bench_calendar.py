"""Working-day arithmetic: tthc against its peers, on the same cases, in one run.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_calendar.py --cases 100000``).

For each implementation it prints µs per call, the ratio of the peer's time
to tthc's, and how many answers differ from tthc's. numpy, pandas and
workalendar's plain calendar cannot express make-up Saturdays: their
mismatches are reported, not hidden. Semantics compared: the n-th working day
after a date (the date itself not counted; n < 0 backwards) and the number of
working days in (start, end].
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

import holidays

import tthc

Case = tuple[dt.date, int]
Span = tuple[dt.date, dt.date]
ONE = dt.timedelta(days=1)

# The peers come with the bench extra; typed as Any so that mypy --strict
# reads this file the same way with or without them installed.
np: Any = importlib.import_module("numpy")
pd: Any = importlib.import_module("pandas")
WCalendar: Any = importlib.import_module("workalendar.core").Calendar


def make_cases(count: int, seed: int = 118) -> tuple[list[Case], list[Span]]:
    rng = random.Random(seed)
    first = dt.date(2001, 1, 1)
    adds: list[Case] = []
    spans: list[Span] = []
    for _ in range(count):
        day = first + dt.timedelta(days=rng.randrange(365 * 58))
        adds.append((day, rng.randint(-20, 40)))
        spans.append((day, day + dt.timedelta(days=rng.randint(-30, 120))))
    return adds, spans


def timed(fn: Callable[[], list[Any]]) -> tuple[float, list[Any]]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def mismatches(got: Sequence[Any], want: Sequence[Any]) -> int:
    return sum(1 for a, b in zip(got, want, strict=True) if a != b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--slow-cases",
        type=int,
        default=None,
        help="cases for the day-by-day peers (default: all)",
    )
    args = parser.parse_args()
    adds, spans = make_cases(args.cases)
    slow = args.slow_cases or args.cases

    cal = tthc.WorkingCalendar.vietnam()
    vn = holidays.country_holidays("VN", years=range(2000, 2061))
    days_off = {d for d, s in cal.special_days.items() if not s.working and d.weekday() < 5}
    make_up = {d for d, s in cal.special_days.items() if s.working}

    rows: list[tuple[str, str, int, float, int]] = []

    def run(op: str, name: str, n_cases: int, fn: Callable[[], list[Any]], ref: list[Any]) -> None:
        seconds, out = timed(fn)
        rows.append((op, name, n_cases, seconds / n_cases * 1e6, mismatches(out, ref[:n_cases])))

    # -- tthc (the reference answers) ------------------------------------------------
    for d, n in adds[:1000]:  # warm up, as a long-running portal would be
        cal.add_working_days(d, n)
    t_add, ref_add = timed(lambda: [cal.add_working_days(d, n) for d, n in adds])
    t_between, ref_between = timed(lambda: [cal.working_days_between(a, b) for a, b in spans])
    rows.append(("add", "tthc", len(adds), t_add / len(adds) * 1e6, 0))
    rows.append(("between", "tthc", len(spans), t_between / len(spans) * 1e6, 0))

    # -- holidays' own helpers (day-by-day loops inside) -----------------------------
    def hol_add(d: dt.date, n: int) -> dt.date:
        if n == 0:
            return d if vn.is_working_day(d) else vn.get_nth_working_day(d, 1)
        result: dt.date = vn.get_nth_working_day(d, n)
        return result

    def hol_between(a: dt.date, b: dt.date) -> int:
        if b >= a:
            return int(vn.get_working_days_count(a + ONE, b)) if b > a else 0
        return -int(vn.get_working_days_count(b + ONE, a))

    run("add", "holidays", slow, lambda: [hol_add(d, n) for d, n in adds[:slow]], ref_add)
    run(
        "between",
        "holidays",
        slow,
        lambda: [hol_between(a, b) for a, b in spans[:slow]],
        ref_between,
    )

    # -- a naive day loop over a holiday set ------------------------------------------
    def is_working(d: dt.date) -> bool:
        return d in make_up or (d.weekday() < 5 and d not in days_off)

    def naive_add(d: dt.date, n: int) -> dt.date:
        if n == 0:
            while not is_working(d):
                d += ONE
            return d
        step = ONE if n > 0 else -ONE
        left = abs(n)
        while left:
            d += step
            if is_working(d):
                left -= 1
        return d

    def naive_between(a: dt.date, b: dt.date) -> int:
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = 0
        while a < b:
            a += ONE
            count += is_working(a)
        return sign * count

    run("add", "naive loop", len(adds), lambda: [naive_add(d, n) for d, n in adds], ref_add)
    run(
        "between",
        "naive loop",
        len(spans),
        lambda: [naive_between(a, b) for a, b in spans],
        ref_between,
    )

    # -- workalendar, fed the same holidays ----------------------------------------------
    by_year: dict[int, list[tuple[dt.date, str]]] = {}
    for d in sorted(days_off):
        by_year.setdefault(d.year, []).append((d, "off"))

    class Vietnam(WCalendar):  # type: ignore[misc]
        WEEKEND_DAYS = (5, 6)

        def holidays(self, year: int | None = None) -> list[tuple[dt.date, str]]:
            return by_year.get(year or 0, [])

    wcal = Vietnam()
    extra = sorted(make_up)

    def wk_add(d: dt.date, n: int, extra_days: list[dt.date] | None) -> dt.date:
        if n == 0:
            if wcal.is_working_day(d, extra_working_days=extra_days):
                return d
            n = 1
        if n > 0:
            result: dt.date = wcal.add_working_days(d, n, extra_working_days=extra_days)
        else:
            result = wcal.sub_working_days(d, -n, extra_working_days=extra_days)
        return result

    def wk_between(a: dt.date, b: dt.date, extra_days: list[dt.date] | None) -> int:
        if b >= a:
            return int(wcal.get_working_days_delta(a, b, extra_working_days=extra_days))
        return -int(wcal.get_working_days_delta(b, a, extra_working_days=extra_days))

    def wk_adds(extra_days: list[dt.date] | None) -> list[dt.date]:
        return [wk_add(d, n, extra_days) for d, n in adds[:slow]]

    def wk_betweens(extra_days: list[dt.date] | None) -> list[int]:
        return [wk_between(a, b, extra_days) for a, b in spans[:slow]]

    for label, extra_days in (("workalendar", None), ("workalendar+extra", extra)):
        run("add", label, slow, functools.partial(wk_adds, extra_days), ref_add)
        run("between", label, slow, functools.partial(wk_betweens, extra_days), ref_between)

    # -- numpy busday_offset / busday_count ----------------------------------------------
    bdc = np.busdaycalendar(weekmask="1111100", holidays=sorted(days_off))

    def np_add(d: dt.date, n: int) -> dt.date:
        roll = "backward" if n > 0 else "forward"
        out: dt.date = np.busday_offset(d, n, roll=roll, busdaycal=bdc).astype(object)
        return out

    run("add", "numpy per call", len(adds), lambda: [np_add(d, n) for d, n in adds], ref_add)

    def np_vector_add() -> list[dt.date]:
        days = np.array([d for d, _ in adds], dtype="datetime64[D]")
        ns = np.array([n for _, n in adds])
        forward = np.busday_offset(days, ns, roll="backward", busdaycal=bdc)
        backward = np.busday_offset(days, ns, roll="forward", busdaycal=bdc)
        result = np.where(ns > 0, forward, backward)
        return list(result.astype(object))

    run("add", "numpy vectorised", len(adds), np_vector_add, ref_add)

    def np_vector_between() -> list[int]:
        a = np.array([x for x, _ in spans], dtype="datetime64[D]") + 1
        b = np.array([y for _, y in spans], dtype="datetime64[D]") + 1
        return [int(x) for x in np.busday_count(a, b, busdaycal=bdc)]

    run("between", "numpy vectorised", len(spans), np_vector_between, ref_between)

    # -- pandas CustomBusinessDay ---------------------------------------------------------
    cbd = pd.offsets.CustomBusinessDay(holidays=sorted(days_off), weekmask="Mon Tue Wed Thu Fri")

    def pd_add(d: dt.date, n: int) -> dt.date:
        ts = pd.Timestamp(d)
        if n == 0:
            return (ts + 0 * cbd).date()  # type: ignore[no-any-return]
        return (ts + n * cbd).date()  # type: ignore[no-any-return]

    run("add", "pandas per call", slow, lambda: [pd_add(d, n) for d, n in adds[:slow]], ref_add)

    # -- report -----------------------------------------------------------------------------
    base = {op: us for op, name, _, us, _ in rows if name == "tthc"}
    print(
        f"{'operation':<9} {'implementation':<18} {'cases':>8} {'µs/call':>10} "
        f"{'× tthc':>9} {'mismatches':>11}"
    )
    for op, name, n_cases, us, bad in rows:
        print(f"{op:<9} {name:<18} {n_cases:>8} {us:>10.3f} {us / base[op]:>9.1f} {bad:>11}")
    print()
    print("× tthc: how many times slower than tthc (higher is better for tthc).")
    print("numpy, pandas and plain workalendar have no make-up Saturdays: their mismatches are")
    print("the cases that touch one, not noise.")


if __name__ == "__main__":
    main()
