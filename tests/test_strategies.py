"""Tests of tthc.strategies: valid values, honoured arguments, documented shrinking."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import tthc
from tthc import Dossier, Status
from tthc import strategies as ts

CAL = tthc.WorkingCalendar.vietnam()
SCHED = tthc.Schedule.vietnam()
FIND = settings(database=None, max_examples=2000, derandomize=True)


# -- generated values are valid ------------------------------------------------------------


@given(ts.working_days(min_value=dt.date(2026, 2, 10), max_value=dt.date(2026, 3, 10)))
def test_working_days_are_working_days_in_range(day: dt.date) -> None:
    assert CAL.is_working_day(day)
    assert dt.date(2026, 2, 10) <= day <= dt.date(2026, 3, 10)
    assert not dt.date(2026, 2, 16) <= day <= dt.date(2026, 2, 20)  # Tết


@given(ts.instants(open_only=True))
def test_open_instants_are_office_time(t: pendulum.DateTime) -> None:
    assert SCHED.is_working_time(t)
    assert t.tzinfo is not None


@given(
    ts.instants(
        min_value=pendulum.datetime(2026, 3, 1, 12, tz="UTC"),
        max_value=pendulum.datetime(2026, 3, 2, tz="UTC"),
    )
)
def test_instants_honour_their_bounds(t: pendulum.DateTime) -> None:
    assert (
        pendulum.datetime(2026, 3, 1, 12, tz="UTC") <= t <= pendulum.datetime(2026, 3, 2, tz="UTC")
    )


@given(ts.time_limits())
def test_time_limits_round_trip_through_their_text(limit: tthc.TimeLimit) -> None:
    assert tthc.parse_time_limit(str(limit)) == limit


@given(ts.office_hours())
def test_office_hours_round_trip(hours: tthc.OfficeHours) -> None:
    assert tthc.loads(tthc.dumps(hours), tthc.OfficeHours) == hours


@settings(max_examples=10)
@given(ts.schedules())
def test_schedules_work(schedule: tthc.Schedule) -> None:
    day = schedule.calendar.next_working_day(dt.date(2026, 1, 2))
    assert schedule.close_of(day) > schedule.opening_of(day)


@given(ts.procedures(level=tthc.Level.PROVINCE, field="Đất đai", time_limit=tthc.WorkingDays(10)))
def test_procedure_arguments_are_honoured(p: tthc.Procedure) -> None:
    assert (p.level, p.field, p.time_limit) == (
        tthc.Level.PROVINCE,
        "Đất đai",
        tthc.WorkingDays(10),
    )


@given(ts.catalogs())
def test_catalogs_round_trip(catalog: tthc.Catalog) -> None:
    assert tthc.Catalog.from_json(catalog.to_json()) == catalog


@given(ts.dossiers())
def test_dossiers_replay_in_time_order_without_violations(d: Dossier) -> None:
    assert Dossier.replay(d.procedure, d.schedule, d.events) == d
    times = [e.at for e in d.events]
    assert times == sorted(times)
    assert d.violations == ()


@pytest.mark.parametrize("status", list(Status))
def test_dossiers_reach_every_status(status: Status) -> None:
    @settings(max_examples=5)
    @given(ts.dossiers(status=status))
    def check(d: Dossier) -> None:
        assert d.status is status

    check()


@given(ts.dossiers(procedure=tthc.Catalog.bundled()["1.004873"]))
def test_dossier_procedure_is_honoured(d: Dossier) -> None:
    assert d.procedure.code == "1.004873"


@given(ts.dossier_events(status=Status.RESOLVED))
def test_dossier_events_replay(events: tuple[tthc.Event, ...]) -> None:
    assert Dossier.replay(tthc.Catalog.bundled()["1.004873"], SCHED, events[:1]).status in (
        Status.RECEIVED,
        Status.NEW,
    )


# -- shrinking reaches the documented simplest case ------------------------------------


def test_simplest_values() -> None:
    # Hypothesis (6.131+) seeds generation with the constants of every local module already
    # imported, so where `find` ends depends on what other tests imported (tthc.plots...):
    # the documented shrinking is checked in a fresh interpreter.
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import test_strategies; test_strategies._simplest_values()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _simplest_values() -> None:
    assert find(ts.working_days(), lambda d: True, settings=FIND) == dt.date(2026, 1, 5)
    assert find(ts.instants(open_only=True), lambda t: True, settings=FIND) == pendulum.datetime(
        2026, 1, 5, 7, 30, tz="Asia/Ho_Chi_Minh"
    )
    assert find(ts.time_limits(), lambda x: True, settings=FIND) == tthc.WorkingDays(1)
    assert find(ts.office_hours(), lambda x: True, settings=FIND) == tthc.OfficeHours.default()
    assert find(ts.schedules(), lambda x: True, settings=FIND) is SCHED
    p = find(ts.procedures(), lambda x: True, settings=FIND)
    assert (p.code, p.time_limit, p.fees, p.level) == (
        "1.000001",
        tthc.WorkingDays(1),
        (),
        tthc.Level.COMMUNE,
    )
    d = find(ts.dossiers(), lambda x: True, settings=FIND)
    assert d.status is Status.RECEIVED
    assert d.received_at == pendulum.datetime(2026, 1, 5, 7, 30, tz="Asia/Ho_Chi_Minh")
    assert d.limit == tthc.WorkingDays(1)
    assert len(d.events) == 1
    assert len(find(ts.catalogs(), lambda c: len(c) >= 2, settings=FIND)) == 2


# -- arguments are checked eagerly -------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: ts.working_days("national"), tthc.InputTypeError),  # type: ignore[arg-type]
        (
            lambda: ts.working_days(min_value=dt.date(2026, 3, 1), max_value=dt.date(2026, 2, 1)),
            tthc.InputTypeError,
        ),
        (lambda: ts.working_days(min_value=dt.datetime(2026, 3, 1)), tthc.DatetimeGivenError),
        (lambda: ts.working_days(min_value=dt.date(1990, 1, 1)), tthc.OutOfRangeError),
        (
            lambda: ts.working_days(min_value=dt.date(2026, 2, 16), max_value=dt.date(2026, 2, 20)),
            tthc.InputTypeError,
        ),
        (lambda: ts.instants(min_value=dt.datetime(2026, 3, 1)), tthc.NaiveDatetimeError),
        (lambda: ts.instants(open_only="yes"), tthc.InputTypeError),  # type: ignore[arg-type]
        (lambda: ts.instants("schedule"), tthc.InputTypeError),  # type: ignore[arg-type]
        (lambda: ts.procedures(level="commune"), tthc.InputTypeError),  # type: ignore[arg-type]
        (lambda: ts.procedures(time_limit="03 ngày"), tthc.InputTypeError),  # type: ignore[arg-type]
        (lambda: ts.procedures(field=""), tthc.InputTypeError),
        (lambda: ts.dossiers(status=9), tthc.InputTypeError),  # type: ignore[arg-type]
        (lambda: ts.dossiers(procedure="1.004873"), tthc.InputTypeError),  # type: ignore[arg-type]
        (lambda: ts.catalogs(max_size=-1), tthc.InputTypeError),
    ],
)
def test_bad_arguments_fail_when_the_strategy_is_made(make: object, error: type) -> None:
    with pytest.raises(error):
        make()  # type: ignore[operator]


def test_registered_for_from_type() -> None:
    @settings(max_examples=5)
    @given(st.from_type(tthc.Dossier), st.from_type(tthc.TimeLimit))
    def check(d: Dossier, limit: tthc.TimeLimit) -> None:
        assert isinstance(d, Dossier)
        assert isinstance(limit, tthc.TimeLimit)

    check()
