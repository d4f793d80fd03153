"""100,000 simulated dossiers: receiving, replay and Report.build, timed separately.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_report.py --dossiers 100000``).

Prints dossiers per second for each stage and where the time of
``Report.build`` goes (a profile of its top functions). Target: the whole
100,000-dossier report in under 10 seconds on a 2-core machine.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import time

import tthc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="profile Report.build")
    args = parser.parse_args()

    start, end = dt.date(2025, 1, 1), dt.date(2026, 10, 31)
    working = tthc.WorkingCalendar.vietnam().count_working_days(start, end)
    per_day = args.dossiers / working

    # Receiving: every dossier is received (deadline computed) and processed.
    t0 = time.perf_counter()
    dossiers = tthc.simulate(start=start, end=end, seed=1, per_day=per_day)
    t_build = time.perf_counter() - t0
    n = len(dossiers)
    due_start = time.perf_counter()
    receipts = 0
    sched = tthc.Schedule.vietnam()
    for d in dossiers:
        if d.received_at is not None:
            sched.due_at(d.received_at, d.procedure.limit_for(d.channel))
            receipts += 1
    t_due = time.perf_counter() - due_start

    t0 = time.perf_counter()
    replayed = [tthc.Dossier.replay(d.procedure, d.schedule, d.events) for d in dossiers]
    t_replay = time.perf_counter() - t0
    assert replayed == dossiers

    t0 = time.perf_counter()
    report = tthc.Report.build(replayed, start=dt.date(2026, 1, 1), end=end, by="field")
    t_report = time.perf_counter() - t0

    events = sum(len(d.events) for d in dossiers)
    print(f"{n} dossiers, {events} events, {start}..{end}")
    print(f"{'stage':<44} {'seconds':>8} {'dossiers/s':>12}")
    rows = [
        ("simulate (receive + every action, all dues)", t_build, n),
        ("receive only: Schedule.due_at per dossier", t_due, receipts),
        ("replay from events", t_replay, n),
        ("Report.build (Biểu II.06a, by field)", t_report, n),
    ]
    for label, seconds, count in rows:
        print(f"{label:<44} {seconds:>8.2f} {count / seconds:>12,.0f}")
    print()
    print(f"the whole report of {n} dossiers: {t_report:.2f} s (target: under 10 s)")
    print(f"resolved {report.total.resolved}, on time or early {report.total.on_time_rate}%")

    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        tthc.Report.build(replayed, start=dt.date(2026, 1, 1), end=end, by="field")
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(8)
        print(out.getvalue())


if __name__ == "__main__":
    main()
