"""Tests of tthc.simulate: realistic, valid, reproducible dossiers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
from tthc import Channel, Dossier, EventKind

TEN_MONTHS = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 10, 31), seed=2026)


def test_reproducible_from_the_seed() -> None:
    again = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 10, 31), seed=2026)
    assert again == TEN_MONTHS
    other = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 10, 31), seed=1)
    assert other != TEN_MONTHS


def test_a_realistic_mix() -> None:
    channels = Counter(d.channel for d in TEN_MONTHS)
    assert channels[Channel.ONLINE] > len(TEN_MONTHS) / 2  # mostly online
    kinds = Counter(e.kind for d in TEN_MONTHS for e in d.events)
    for kind in (
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.PAYMENT_REQUESTED,
        EventKind.RESCHEDULED,
        EventKind.NOT_RECEIVED,
        EventKind.STOPPED,
    ):
        assert kinds[kind] > 0, kind
    outcomes = Counter(d.outcome for d in TEN_MONTHS if d.outcome)
    assert 0 < outcomes[tthc.Outcome.LATE] < outcomes[tthc.Outcome.EARLY]
    assert any(
        d.received_at and d.received_at.date() == dt.date(2026, 2, 13) for d in TEN_MONTHS
    )  # Tết inside the period


def test_every_dossier_replays_and_stays_in_the_period() -> None:
    horizon = tthc.Schedule.vietnam().local(
        dt.datetime(2026, 11, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    )
    for d in TEN_MONTHS[::10]:
        assert Dossier.replay(d.procedure, d.schedule, d.events) == d
        assert d.events[-1].at < horizon


@settings(max_examples=10)
@given(st.integers(min_value=0, max_value=2**32))
def test_any_seed_gives_valid_dossiers(seed: int) -> None:
    for d in tthc.simulate(
        start=dt.date(2026, 4, 27), end=dt.date(2026, 5, 8), seed=seed, per_day=4
    ):
        assert Dossier.replay(d.procedure, d.schedule, d.events) == d


def test_bad_arguments() -> None:
    with pytest.raises(tthc.InputTypeError):
        tthc.simulate(start=dt.date(2026, 2, 1), end=dt.date(2026, 1, 1))
    with pytest.raises(tthc.InputTypeError):
        tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1), per_day=0)
    with pytest.raises(tthc.InputTypeError):
        tthc.simulate(tthc.Catalog([]), start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1))


def test_simulate_generates_the_volume_asked_for() -> None:
    day = dt.date(2026, 3, 2)
    dossiers = tthc.simulate(start=day, end=day, per_day=1500, seed=1)
    assert 1300 < len(dossiers) < 1700  # Poisson(1500): sd about 39
    for bad in (0, -1, float("nan"), float("inf"), 10**6, True):
        with pytest.raises(tthc.InputTypeError):
            tthc.simulate(start=day, end=day, per_day=bad)
