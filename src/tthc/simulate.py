"""Realistic simulated dossiers, reproducible from a seed (demo, benchmarks, examples).

:func:`simulate` plays a commune's one-stop desk over a period: dossiers for
the catalog's procedures arrive every working day (and online at night and
on weekends), mostly online; some are turned away at intake, some wait for a
supplement or a payment, a few are verified, withdrawn, late or rescheduled
with an apology. Every dossier is built through the public actions, so every
deadline is computed by the engine.

Example:
    >>> dossiers = simulate(start=datetime.date(2026, 1, 5), end=datetime.date(2026, 1, 9),
    ...                     seed=1, per_day=5)
    >>> len(dossiers) > 0, all(isinstance(d, tthc.Dossier) for d in dossiers)
    (True, True)
    >>> simulate(start=datetime.date(2026, 1, 5), end=datetime.date(2026, 1, 9), seed=1,
    ...          per_day=5) == dossiers
    True
"""

from __future__ import annotations

import datetime as dt
import random

import pendulum

from tthc._validate import check_period
from tthc.catalog import Catalog
from tthc.dossier import Dossier, dossier_code
from tthc.errors import InputTypeError
from tthc.procedure import Channel, Procedure
from tthc.schedule import Schedule

__all__ = ["simulate"]

_UNITS = ("Bộ phận một cửa", "Công chức chuyên môn", "Lãnh đạo UBND xã")
_HOUR = dt.timedelta(hours=1)


def simulate(
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
    *,
    start: dt.date,
    end: dt.date,
    seed: int = 0,
    per_day: float = 12.0,
    agency_id: str = "000.00.12.H12",
) -> list[Dossier]:
    """Dossiers of one commune from ``start`` to ``end`` (inclusive), reproducibly.

    Args:
        catalog: the procedures offered (the bundled catalog by default).
        schedule: the office's schedule (the national one by default).
        start, end: the simulated period; nothing happens after ``end``'s close
            of day, so dossiers still open then stay in progress.
        seed: the random seed; the same arguments give equal dossiers.
        per_day: mean number of dossiers a working day.
        agency_id: the agency's electronic ID, used in dossier codes.

    Example:
        >>> ds = simulate(start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 6),
        ...               per_day=8, seed=3)
        >>> sorted({d.channel.value for d in ds})
        ['in_person', 'online', 'postal']
    """
    check_period(start, end)
    if (
        isinstance(per_day, bool)
        or not isinstance(per_day, int | float)
        or not 0 < per_day <= _MAX_PER_DAY
    ):
        raise InputTypeError(
            f"per_day must be a number above 0 and at most {_MAX_PER_DAY}, got {per_day!r}",
            value=per_day,
        )
    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    procedures = list(catalog)
    if not procedures:
        raise InputTypeError("the catalog has no procedure to simulate", value=catalog)
    # Civil status and certification dominate a commune's desk.
    weights = [6 if p.field in ("Hộ tịch", "Chứng thực") else 2 for p in procedures]
    rng = random.Random(seed)
    tz = schedule.timezone
    horizon = pendulum.datetime(end.year, end.month, end.day, 23, 59, tz=tz)
    dossiers: list[Dossier] = []
    day = start
    while day <= end:
        working = schedule.calendar.is_working_day(day)
        count = _poisson(rng, per_day if working else per_day * 0.08)
        for sequence in range(1, count + 1):
            procedure = rng.choices(procedures, weights)[0]
            dossiers.append(
                _one(
                    rng,
                    procedure,
                    schedule,
                    day,
                    working,
                    horizon,
                    dossier_code(agency_id, day, sequence),
                )
            )
        day += dt.timedelta(days=1)
    return dossiers


def _minutes(hours: float) -> dt.timedelta:
    """Whole minutes, at least one: desks log times to the minute."""
    return dt.timedelta(minutes=max(1, round(hours * 60)))


_MAX_PER_DAY = 100_000
_CHUNK = 30.0  # exp(-mean) stays far from underflow


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw; large means are summed from draws of at most 30 (same distribution)."""
    total = 0
    while mean > _CHUNK:
        total += _poisson(rng, _CHUNK)
        mean -= _CHUNK
    # Knuth's method is exact and fast for small means.
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return total + k
        k += 1


def _one(
    rng: random.Random,
    procedure: Procedure,
    schedule: Schedule,
    day: dt.date,
    working: bool,
    horizon: pendulum.DateTime,
    code: str,
) -> Dossier:
    tz = schedule.timezone
    roll = rng.random()
    channel = (
        Channel.ONLINE if roll < 0.7 else Channel.IN_PERSON if roll < 0.95 else (Channel.POSTAL)
    )
    if not working:
        channel = Channel.ONLINE
    if channel is Channel.ONLINE:
        minute = rng.randrange(6 * 60, 23 * 60)
    else:
        minute = rng.choice(
            (rng.randrange(7 * 60 + 30, 11 * 60 + 30), rng.randrange(13 * 60, 17 * 60))
        )
    at = pendulum.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tz=tz)
    intake = rng.random()
    if intake < 0.035:
        submitted = Dossier.submit(
            procedure, submitted_at=at, channel=channel, schedule=schedule, code=code
        )
        later = at.add(minutes=rng.randrange(5, 90))
        if intake < 0.03:
            return submitted.not_receive(later, "Hồ sơ chưa đầy đủ; đã hướng dẫn bổ sung")
        return submitted.refuse(later, "Không thuộc thẩm quyền giải quyết")
    d = Dossier.receive(procedure, received_at=at, channel=channel, schedule=schedule, code=code)
    now = schedule.next_working_instant(at)

    def step(hours: float) -> pendulum.DateTime:
        return schedule.add_working_time(now, _minutes(hours))

    def done() -> bool:
        return now > horizon

    now = step(rng.uniform(0.1, 1.5))
    if done():
        return d
    d = d.hand_over(now, _UNITS[1])
    kind = rng.random()
    # (threshold, applies, open, close, note, hours before opening, hours until closing)
    pauses = (
        (0.10, True, "request_supplement", "supplement", "Bổ sung bản sao giấy tờ", 3, (2, 40)),
        (0.18, bool(procedure.fees), "request_payment", "pay", "Nộp phí, lệ phí", 2, (0.5, 16)),
        (0.21, procedure.verification_limit is not None, "start_verification",
         "finish_verification", "Xác minh thông tin", 2, (4, 16)),
    )  # fmt: skip
    for threshold, applies, opener, closer, note, before, (low, high) in pauses:
        if kind < threshold and applies:
            now = step(rng.uniform(0.2, before))
            if done():
                return d
            opened: Dossier = getattr(d, opener)(now, note)
            d = opened
            now = step(rng.uniform(low, high))
            if done():
                return d
            closed: Dossier = getattr(d, closer)(now)
            d = closed
            break
    if rng.random() < 0.01:
        now = step(rng.uniform(0.5, 8))
        if done():
            return d
        d = d.withdraw(now, "Người yêu cầu rút hồ sơ")
        now = step(rng.uniform(0.5, 4))
        return d if done() else d.stop(now, "Dừng xử lý theo yêu cầu rút hồ sơ")
    due = d.due_at
    assert due is not None
    left = schedule.working_time_between(now, due) / _HOUR
    fate = rng.random()
    if fate < 0.05:  # late; half of them apologise a working day ahead
        if rng.random() < 0.5:
            notice_day = schedule.calendar.add_working_days(due.date(), -1)
            notice = max(now, schedule.opening_of(notice_day))
            if notice <= horizon and notice < due:
                new_due = schedule.close_of(schedule.calendar.add_working_days(due.date(), 3))
                d = d.reschedule(notice, new_due, "Cần thêm thời gian thẩm định")
                now = notice
        finish = schedule.add_working_time(due, _minutes(rng.uniform(1, 20)))
    elif fate < 0.15:  # on the due day
        finish = schedule.add_working_time(
            schedule.opening_of(due.date()), _minutes(rng.uniform(0.5, 7.5))
        )
    else:  # early, as most are
        finish = schedule.add_working_time(
            now, _minutes(max(0.1, left - 8) * rng.uniform(0.1, 1.0))
        )
    now = max(now, finish)
    if done():
        return d
    d = d.hand_over(now, _UNITS[2]).resolve(now.add(minutes=rng.randrange(5, 60)))
    now = d.events[-1].at
    if rng.random() < 0.9:
        now = step(rng.uniform(0.2, 24))
        if not done():
            d = d.return_result(now)
    return d
