"""Deadlines: tthc against pandas CustomBusinessHour and an interval walk, in one run.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_deadlines.py --cases 20000``).

Hour-based: the same random (instant, whole hours) cases through
``Schedule.add_working_time``, pandas ``CustomBusinessHour`` with the same
sessions and holidays, and a straightforward walk over the sessions day by
day. Agreement is counted twice: identical instants, and the same office
time (pandas moves a result that lands on a session's end to the next
opening; tthc keeps it at the end, as the law reads). pandas cannot express
make-up Saturdays: those cases are its mismatches, reported, not hidden.

Day-based: ``Schedule.deadline`` per call for working-day limits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import random
import time
from typing import Any

import pendulum

import tthc

pd: Any = importlib.import_module("pandas")

VN = "Asia/Ho_Chi_Minh"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(3)
    sched = tthc.Schedule.vietnam()
    cal = sched.calendar
    first = dt.datetime(2003, 1, 1)
    cases: list[tuple[pendulum.DateTime, int]] = []
    for _ in range(args.cases):
        naive = first + dt.timedelta(minutes=rng.randrange(55 * 365 * 24 * 60))
        cases.append((pendulum.instance(naive.replace(second=0), tz=VN), rng.randint(1, 40)))

    # -- tthc ------------------------------------------------------------------------------
    hour = dt.timedelta(hours=1)
    for t, n in cases[:500]:
        sched.add_working_time(t, n * hour)
    start = time.perf_counter()
    ours = [sched.add_working_time(t, n * hour) for t, n in cases]
    t_ours = time.perf_counter() - start

    # -- pandas CustomBusinessHour ---------------------------------------------------------
    days_off = sorted(d for d, s in cal.special_days.items() if not s.working and d.weekday() < 5)
    cbh = pd.offsets.CustomBusinessHour(
        start=["07:30", "13:00"],
        end=["11:30", "17:00"],
        holidays=days_off,
        weekmask="Mon Tue Wed Thu Fri",
    )
    naive_cases = [(pd.Timestamp(t.naive()), n) for t, n in cases]
    start = time.perf_counter()
    theirs = [ts + n * cbh for ts, n in naive_cases]
    t_pandas = time.perf_counter() - start

    # -- a straightforward interval walk -----------------------------------------------------
    sessions = [(dt.time(7, 30), dt.time(11, 30)), (dt.time(13), dt.time(17))]

    def walk(t: dt.datetime, hours: int) -> dt.datetime:
        left = dt.timedelta(hours=hours)
        day = t.date()
        while True:
            if cal.is_working_day(day):
                for s, e in sessions:
                    lo = max(dt.datetime.combine(day, s), t)
                    hi = dt.datetime.combine(day, e)
                    if hi <= lo:
                        continue
                    if hi - lo >= left:
                        return lo + left
                    left -= hi - lo
            day += dt.timedelta(days=1)

    start = time.perf_counter()
    walked = [walk(t.naive(), n) for t, n in cases]
    t_walk = time.perf_counter() - start

    # -- agreement -----------------------------------------------------------------------
    ours_naive = [o.naive() for o in ours]
    exact_pd = sum(1 for a, b in zip(ours_naive, theirs, strict=True) if a == b.to_pydatetime())
    same_time_pd = sum(
        1
        for a, b in zip(ours, theirs, strict=True)
        if sched.working_time_between(a, pendulum.instance(b.to_pydatetime(), tz=VN))
        == dt.timedelta()
    )
    make_up = sorted(d for d, s in cal.special_days.items() if s.working)

    def touches_make_up(t: dt.datetime, a: dt.datetime, b: dt.datetime) -> bool:
        last = max(a, b).date()
        return any(t.date() <= d <= last for d in make_up)

    unexplained_pd = sum(
        1
        for (t, _), a, b in zip(cases, ours, theirs, strict=True)
        if sched.working_time_between(a, pendulum.instance(b.to_pydatetime(), tz=VN))
        != dt.timedelta()
        and not touches_make_up(t, a.naive(), b.to_pydatetime())
    )
    exact_walk = sum(1 for a, b in zip(ours_naive, walked, strict=True) if a == b)

    # -- day-based deadlines ---------------------------------------------------------------
    limits = [tthc.WorkingDays(n) for n in range(1, 31)] + [tthc.SameDay()]
    day_cases = [(t, limits[rng.randrange(len(limits))]) for t, _ in cases]
    start = time.perf_counter()
    for t, limit in day_cases:
        sched.deadline(t, limit)
    t_deadline = time.perf_counter() - start

    n = len(cases)
    print(f"{n} hour-based cases (whole hours 1-40, instants 2003-2057)")
    print(
        f"{'implementation':<28} {'µs/call':>9} {'× tthc':>8} {'identical':>10} {'same office time':>17}"
    )
    print(f"{'tthc add_working_time':<28} {t_ours / n * 1e6:>9.2f} {1.0:>8.1f} {n:>10} {n:>17}")
    print(
        f"{'pandas CustomBusinessHour':<28} {t_pandas / n * 1e6:>9.2f} {t_pandas / t_ours:>8.1f} "
        f"{exact_pd:>10} {same_time_pd:>17}"
    )
    print(
        f"{'interval walk':<28} {t_walk / n * 1e6:>9.2f} {t_walk / t_ours:>8.1f} "
        f"{exact_walk:>10} {'-':>17}"
    )
    print()
    print(
        f"day-based Schedule.deadline (1-30 working days, same day): "
        f"{t_deadline / n * 1e6:.2f} µs/call, with explanation notes"
    )
    print()
    print(
        f"pandas answers with different office time and no make-up Saturday involved: "
        f"{unexplained_pd}"
    )
    print("pandas differs where a result lands on a session's end (it moves on to the next")
    print("opening) and where a make-up Saturday is involved (it cannot express one).")


if __name__ == "__main__":
    main()
