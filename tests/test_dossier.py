"""Tests of tthc.dossier: lifecycle, clock, outcome and the control slip."""

from __future__ import annotations

import datetime as dt
import fractions
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tthc
from tthc import (
    Catalog,
    Channel,
    Dossier,
    EventKind,
    Outcome,
    PauseKind,
    PausePolicy,
    Schedule,
    Status,
)

VN = "Asia/Ho_Chi_Minh"
SCHED = Schedule.vietnam()
CATALOG = Catalog.bundled()
MARRIAGE_STATUS = CATALOG["1.004873"]  # 3 working days
DEATH = CATALOG["1.000656"]  # same day; 3 working days with verification


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=VN)


def receive(procedure: tthc.Procedure = MARRIAGE_STATUS, when: Any = None, **kw: Any) -> Dossier:
    return Dossier.receive(
        procedure,
        received_at=when or at(2026, 12, 7, 10),
        channel=kw.pop("channel", Channel.IN_PERSON),
        schedule=SCHED,
        **kw,
    )


# -- scenarios ------------------------------------------------------------------------------


def test_received_just_before_tet_supplement_across_the_holiday_resolved_on_time() -> None:
    d = receive(when=at(2026, 2, 13, 10))
    assert d.original_due_at == at(2026, 2, 25, 17)
    d = d.request_supplement(at(2026, 2, 13, 14), "Thiếu bản sao giấy tờ tùy thân")
    assert d.status is Status.SUPPLEMENT_REQUESTED
    assert d.is_paused
    d = d.supplement(at(2026, 2, 23, 9))
    # Paused: Fri 14:00-17:00 and Mon 07:30-09:00 = 4 h 30 of office time, not counted;
    # a day-based due still ends at a close of office: Thu 26/02 17:00.
    assert d.due_at == at(2026, 2, 26, 17)
    done = d.resolve(at(2026, 2, 26, 10))
    assert done.outcome is Outcome.ON_TIME
    assert done.original_due_at == at(2026, 2, 25, 17)  # without the pause it would be late
    assert done.status.portal_code == 9


def test_restart_policy_starts_the_whole_limit_again() -> None:
    restart = attrs.evolve(MARRIAGE_STATUS, pause_policy={PauseKind.SUPPLEMENT: "restart"})
    assert restart.pause_policy[PauseKind.SUPPLEMENT] is PausePolicy.RESTART
    d = receive(restart).request_supplement(at(2026, 12, 8, 9), "Thiếu giấy tờ")
    d = d.supplement(at(2026, 12, 16, 10))
    assert d.due_at == at(2026, 12, 21, 17)  # 3 working days after Wed 16/12


def test_counted_policy_changes_nothing() -> None:
    counted = attrs.evolve(MARRIAGE_STATUS, pause_policy={"supplement": "counted"})
    d = receive(counted).request_supplement(at(2026, 12, 8, 9), "x").supplement(at(2026, 12, 9, 9))
    assert d.due_at == d.original_due_at == at(2026, 12, 10, 17)


def test_hour_based_procedure_paused_over_a_weekend() -> None:
    hours = attrs.evolve(
        MARRIAGE_STATUS, time_limit=tthc.WorkingHours(8), time_limit_text="08 giờ làm việc"
    )
    d = receive(hours, when=at(2026, 12, 4, 15))
    assert d.due_at == at(2026, 12, 7, 15)
    d = d.request_payment(at(2026, 12, 4, 16), "Lệ phí").pay(at(2026, 12, 7, 8, 30))
    # Fri 16:00-17:00 and Mon 07:30-08:30 paused: two hours later, no rounding.
    assert d.due_at == at(2026, 12, 7, 17)
    assert d.resolve(at(2026, 12, 7, 17)).outcome is Outcome.ON_TIME
    assert d.resolve(at(2026, 12, 8, 7, 31)).outcome is Outcome.LATE


def test_late_dossier_rescheduled_once_then_a_second_attempt_is_a_violation() -> None:
    d = receive()
    assert d.due_at == at(2026, 12, 10, 17)
    d = d.reschedule(at(2026, 12, 9, 9), at(2026, 12, 15, 17), "Cần xác minh thêm")
    assert d.violations == ()
    assert d.rescheduled_due_at == at(2026, 12, 15, 17)
    assert d.due_at == at(2026, 12, 10, 17)  # the statutory due does not move
    assert d.appointment_at == at(2026, 12, 15, 17)
    d = d.reschedule(at(2026, 12, 14, 9), at(2026, 12, 18, 17), "Chưa có kết quả xác minh")
    assert [v.rule for v in d.violations] == ["second_reschedule"]
    assert d.rescheduled_due_at == at(2026, 12, 18, 17)  # recorded: nothing is lost
    done = d.resolve(at(2026, 12, 18, 10))
    assert done.outcome is Outcome.LATE
    assert done.rescheduled
    strict = receive(strict=True).reschedule(at(2026, 12, 9, 9), at(2026, 12, 15, 17), "x")
    with pytest.raises(tthc.RuleViolationError) as info:
        strict.reschedule(at(2026, 12, 14, 9), at(2026, 12, 18, 17), "y")
    assert info.value.rule == "second_reschedule"


def test_a_late_notice_is_recorded() -> None:
    d = receive().reschedule(at(2026, 12, 10, 9), at(2026, 12, 15, 17), "Quá tải")
    assert [v.rule for v in d.violations] == ["late_notice"]
    with pytest.raises(tthc.RuleViolationError):
        receive(strict=True).reschedule(at(2026, 12, 10, 9), at(2026, 12, 15, 17), "x")


def test_new_date_must_be_later() -> None:
    with pytest.raises(tthc.InvalidActionError) as info:
        receive().reschedule(at(2026, 12, 8, 9), at(2026, 12, 10, 17), "x")
    assert info.value.action == "rescheduled"


def test_verification_uses_the_longer_limit_when_the_law_gives_one() -> None:
    d = receive(DEATH, when=at(2026, 12, 7, 10))
    assert d.due_at == at(2026, 12, 7, 17)
    d = d.start_verification(at(2026, 12, 7, 11)).finish_verification(at(2026, 12, 9, 9))
    assert d.limit == tthc.WorkingDays(3)
    assert d.due_at == at(2026, 12, 10, 17)


def test_nested_and_overlapping_pauses_count_once() -> None:
    d = (
        receive()
        .request_supplement(at(2026, 12, 8, 8), "x")
        .request_payment(at(2026, 12, 8, 9), "y")
        .supplement(at(2026, 12, 8, 10))
        .pay(at(2026, 12, 8, 11))
    )
    # One span, Tue 08:00-11:00 = 3 h of office time: Thu 17:00 + 3 h -> Fri, close of office.
    assert d.due_at == at(2026, 12, 11, 17)
    assert d.status is Status.PROCESSING


def test_open_pause_and_remaining_time() -> None:
    d = receive().request_supplement(at(2026, 12, 8, 8), "x")
    assert d.status is Status.SUPPLEMENT_REQUESTED
    # The clock does not run while paused (a day-based due may round up to a close).
    before, later = d.remaining(at(2026, 12, 8, 8)), d.remaining(at(2026, 12, 9, 16))
    assert before is not None
    assert later is not None
    assert later >= before
    assert d.due_at_instant(at(2026, 12, 15, 9)) > d.due_at_instant(at(2026, 12, 9, 9))  # type: ignore[operator]
    assert not d.is_overdue(at(2026, 12, 14, 9))
    plain = receive()
    assert plain.remaining(at(2026, 12, 10, 15)) == dt.timedelta(hours=2)
    assert plain.remaining(at(2026, 12, 11, 8, 30)) == -dt.timedelta(hours=1)
    assert plain.is_overdue(at(2026, 12, 11, 8, 30))
    assert not plain.resolve(at(2026, 12, 11, 9)).is_overdue(at(2026, 12, 12, 9))


def test_full_lifecycle_statuses_and_portal_codes() -> None:
    d = Dossier.submit(MARRIAGE_STATUS, submitted_at=at(2026, 12, 5, 21), channel=2, schedule=SCHED)
    assert (d.status.portal_code, d.channel.portal_code, d.due_at) == (1, 2, None)
    d = d.accept(at(2026, 12, 7, 8), code="000.00.12.H12-261207-0001")
    assert d.status.portal_code == 2
    assert d.code == "000.00.12.H12-261207-0001"
    assert d.due_at == at(2026, 12, 10, 17)
    d = d.start_processing(at(2026, 12, 7, 9))
    assert d.status.portal_code == 4
    d = d.request_payment(at(2026, 12, 7, 10))
    assert d.status.portal_code == 6
    d = d.pay(at(2026, 12, 7, 11)).resolve(at(2026, 12, 9, 9))
    assert d.status.portal_code == 9
    d = d.return_result(at(2026, 12, 9, 10))
    assert d.status.portal_code == 10
    assert d.returned_at == at(2026, 12, 9, 10)
    assert [e.kind for e in d.events][:2] == [EventKind.SUBMITTED, EventKind.RECEIVED]


def test_intake_outcomes_never_start_a_clock() -> None:
    sub = Dossier.submit(
        MARRIAGE_STATUS, submitted_at=at(2026, 12, 7, 9), channel=1, schedule=SCHED
    )
    turned = sub.not_receive(at(2026, 12, 7, 9, 5), "Thiếu tờ khai; hướng dẫn bổ sung")
    refused = sub.refuse(at(2026, 12, 7, 9, 5), "Không thuộc thẩm quyền")
    assert turned.status is Status.NOT_RECEIVED
    assert refused.status is Status.REFUSED
    assert refused.status.portal_code == turned.status.portal_code == 3
    for d in (turned, refused):
        assert d.due_at is None
        assert d.outcome is None
        assert not d.is_overdue(at(2027, 1, 4, 9))
        with pytest.raises(tthc.InvalidActionError):
            d.resolve(at(2026, 12, 8, 9))


def test_withdrawal_and_stop() -> None:
    d = receive().withdraw(at(2026, 12, 8, 9), "Không còn nhu cầu")
    assert d.status.portal_code == 7
    with pytest.raises(tthc.InvalidActionError) as info:
        d.resolve(at(2026, 12, 8, 10))
    assert info.value.status is Status.WITHDRAWAL_REQUESTED
    assert info.value.action == "resolved"
    stopped = d.stop(at(2026, 12, 8, 10), "Dừng theo yêu cầu")
    assert stopped.status.portal_code == 8
    assert stopped.outcome is None
    with pytest.raises(tthc.InvalidActionError):
        receive().resolve(at(2026, 12, 8, 9)).withdraw(at(2026, 12, 8, 10), "x")


@pytest.mark.parametrize(
    "action",
    [
        lambda d: d.return_result(at(2026, 12, 8, 9)),  # result not ready
        lambda d: d.supplement(at(2026, 12, 8, 9)),  # no supplement requested
        lambda d: d.pay(at(2026, 12, 8, 9)),
        lambda d: d.finish_verification(at(2026, 12, 8, 9)),
        lambda d: d.accept(at(2026, 12, 8, 9)),  # already received
        lambda d: d.request_supplement(at(2026, 12, 8, 9), "x").request_supplement(
            at(2026, 12, 8, 10), "y"
        ),
        lambda d: d.request_supplement(at(2026, 12, 8, 9), "x").resolve(at(2026, 12, 8, 10)),
        lambda d: d.resolve(at(2026, 12, 7, 9)),  # earlier than receipt
        lambda d: d.resolve(at(2026, 12, 9, 9)).resolve(at(2026, 12, 9, 10)),
        lambda d: d.hand_over(at(2026, 12, 8, 9), ""),
    ],
)
def test_impossible_actions_name_status_and_action(action: Any) -> None:
    with pytest.raises(tthc.InvalidActionError) as info:
        action(receive())
    assert info.value.action
    assert "cannot" in str(info.value)


def test_bad_input() -> None:
    with pytest.raises(tthc.NaiveDatetimeError):
        receive().resolve(dt.datetime(2026, 12, 8, 9))
    with pytest.raises(tthc.NaiveDatetimeError):
        Dossier.receive(
            MARRIAGE_STATUS, received_at=dt.datetime(2026, 12, 7, 10), channel=1, schedule=SCHED
        )
    with pytest.raises(tthc.UnknownPortalCodeError):
        Dossier.receive(MARRIAGE_STATUS, received_at=at(2026, 12, 7, 10), channel=7, schedule=SCHED)
    with pytest.raises(tthc.InputTypeError):
        Dossier.receive(
            "1.004873",  # type: ignore[arg-type]
            received_at=at(2026, 12, 7, 10),
            channel=1,
            schedule=SCHED,
        )
    with pytest.raises(tthc.InputTypeError):
        Dossier(MARRIAGE_STATUS, SCHED, ())
    with pytest.raises(tthc.InputTypeError):
        Dossier(MARRIAGE_STATUS, SCHED, ("received",))


def test_control_slip_bm05() -> None:
    steps = [
        tthc.Step("Tiếp nhận", "Bộ phận một cửa", tthc.WorkingHours(4)),
        tthc.Step("Thẩm định", "Công chức tư pháp - hộ tịch", tthc.WorkingDays(1)),
        tthc.Step("Ký duyệt", "Chủ tịch UBND xã", tthc.WorkingHours(4)),
    ]
    procedure = attrs.evolve(MARRIAGE_STATUS, steps=steps)
    d = (
        receive(procedure)
        .hand_over(at(2026, 12, 7, 10), "Bộ phận một cửa")
        .hand_over(at(2026, 12, 7, 14), "Công chức tư pháp - hộ tịch")
        .hand_over(at(2026, 12, 9, 9), "Chủ tịch UBND xã", step="Ký duyệt")
        .resolve(at(2026, 12, 9, 11))
    )
    rows = d.control_slip()
    assert [r.unit for r in rows] == [s.unit for s in steps]
    assert [r.step for r in rows] == ["Tiếp nhận", "Thẩm định", "Ký duyệt"]
    assert rows[0].due_at == at(2026, 12, 7, 15, 30)
    assert rows[0].handed_on_at == at(2026, 12, 7, 14)
    assert rows[0].outcome is Outcome.ON_TIME
    assert rows[1].due_at == at(2026, 12, 8, 14)
    assert rows[1].outcome is Outcome.LATE
    assert rows[2].handed_on_at == at(2026, 12, 9, 11)
    assert rows[2].outcome is Outcome.ON_TIME


def test_dossier_codes() -> None:
    assert tthc.dossier_code("000.00.12.H12", dt.date(2026, 12, 7), 1) == (
        "000.00.12.H12-261207-0001"
    )
    assert tthc.dossier_code("X", dt.date(2026, 12, 7), 12345) == "X-261207-12345"
    with pytest.raises(tthc.InputTypeError):
        tthc.dossier_code("", dt.date(2026, 12, 7), 1)
    with pytest.raises(tthc.InputTypeError):
        tthc.dossier_code("X", dt.date(2026, 12, 7), -1)


# -- invariants -----------------------------------------------------------------------------

instants = st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 11, 30)).map(
    lambda d: pendulum.instance(d.replace(second=0, microsecond=0), tz=VN)
)
gaps = st.integers(min_value=1, max_value=5 * 24 * 60).map(lambda m: dt.timedelta(minutes=m))


@st.composite
def histories(draw: st.DrawFn) -> Dossier:
    """A valid dossier: received, then valid actions in time order."""
    procedure = draw(st.sampled_from(list(CATALOG)))
    policy = draw(st.sampled_from(["not_counted", "restart", "counted"]))
    procedure = attrs.evolve(procedure, pause_policy={"supplement": policy})
    d = Dossier.receive(
        procedure,
        received_at=draw(instants),
        channel=draw(st.sampled_from(list(Channel))),
        schedule=SCHED,
    )
    now = d.received_at
    assert now is not None
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        now = now + draw(gaps)
        choices: list[Any] = []
        if d.is_active:
            state_open = {p for p in ("supplement", "payment", "verification")}
            choices += ["hand_over", "start_processing"]
            choices += list(state_open)
            if not d.is_paused:
                choices.append("resolve")
        if d.status is Status.RESOLVED:
            choices.append("return")
        if not choices:
            break
        choice = draw(st.sampled_from(choices))
        try:
            if choice == "hand_over":
                d = d.hand_over(now, "Đơn vị")
            elif choice == "start_processing":
                d = d.start_processing(now)
            elif choice == "resolve":
                d = d.resolve(now)
            elif choice == "return":
                d = d.return_result(now)
            elif choice == "supplement":
                d = (
                    d.supplement(now)
                    if d.status is Status.SUPPLEMENT_REQUESTED
                    else d.request_supplement(now, "x")
                )
            elif choice == "payment":
                try:
                    d = d.pay(now)
                except tthc.InvalidActionError:
                    d = d.request_payment(now)
            else:
                try:
                    d = d.finish_verification(now)
                except tthc.InvalidActionError:
                    d = d.start_verification(now)
        except tthc.OutOfRangeError:
            break
    return d


@given(histories())
def test_replay_gives_back_an_equal_dossier(d: Dossier) -> None:
    again = Dossier.replay(d.procedure, d.schedule, d.events)
    assert again == d
    assert again.status is d.status
    assert again.due_at == d.due_at
    assert again.outcome is d.outcome


@given(histories())
def test_pausing_never_shortens_a_deadline(d: Dossier) -> None:
    assume(d.due_at is not None)
    assert d.due_at >= d.original_due_at  # type: ignore[operator]


@given(histories())
def test_the_outcome_agrees_with_the_due(d: Dossier) -> None:
    if d.outcome is None:
        assert d.resolved_at is None
        return
    resolved, due = d.resolved_at, d.due_at
    assert resolved is not None
    assert due is not None
    if d.outcome is Outcome.EARLY:
        assert resolved.date() < due.date()
    elif d.outcome is Outcome.ON_TIME:
        assert resolved.date() == due.date()
        assert resolved <= d.ends_at  # type: ignore[operator]
    else:
        assert resolved > d.ends_at  # type: ignore[operator]


@given(histories(), st.integers(min_value=1, max_value=10_000))
def test_no_action_is_accepted_out_of_time_order(d: Dossier, minutes: int) -> None:
    last = d.events[-1].at
    earlier = last - dt.timedelta(minutes=minutes)
    with pytest.raises(tthc.InvalidActionError):
        d.hand_over(earlier, "Đơn vị")
    with pytest.raises(tthc.InvalidActionError):
        d.stop(earlier, "x")


def test_a_step_due_moves_with_a_pause_during_the_step() -> None:
    steps = [tthc.Step("Thẩm định", "Tư pháp", tthc.WorkingDays(1))]
    procedure = attrs.evolve(MARRIAGE_STATUS, steps=steps)
    plain = receive(procedure).hand_over(at(2026, 12, 7, 10), "Tư pháp")
    paused = plain.request_supplement(at(2026, 12, 7, 13), "x").supplement(at(2026, 12, 7, 15))
    assert plain.control_slip()[0].due_at == at(2026, 12, 8, 10)
    assert paused.control_slip()[0].due_at == at(2026, 12, 8, 13, 30)  # + 2 h of office time


def test_reasons_are_optional() -> None:
    d = receive().request_supplement(at(2026, 12, 8, 9)).supplement(at(2026, 12, 8, 10))
    d = d.reschedule(at(2026, 12, 8, 11), at(2026, 12, 15, 17))
    assert d.events[1].note is None
    assert d.rescheduled
    assert d.withdraw(at(2026, 12, 9, 9)).stop(at(2026, 12, 9, 10)).status is Status.STOPPED


def test_a_due_in_an_unannounced_year_is_provisional() -> None:
    assert not receive().provisional
    late_december = receive(when=at(2026, 12, 30, 9))
    assert late_december.due_date == dt.date(2027, 1, 5)  # 31/12, (1/1 off), 4/1, 5/1
    assert late_december.provisional
    announced = Schedule(SCHED.calendar.announce(2027), SCHED.hours)
    again = Dossier.replay(MARRIAGE_STATUS, announced, late_december.events)
    assert not again.provisional


# -- messages and input checks ----------------------------------------------------------------


def test_messages_name_the_action_grammatically() -> None:
    d = receive().start_processing(at(2026, 12, 7, 11))
    with pytest.raises(tthc.InvalidActionError) as info:
        d.return_result(at(2026, 12, 8, 9))
    assert str(info.value) == (
        "cannot return the result of a dossier whose status is processing: the result is not ready"
    )
    returned = d.resolve(at(2026, 12, 8, 9)).return_result(at(2026, 12, 8, 10))
    with pytest.raises(tthc.InvalidActionError, match="the result was already returned"):
        returned.return_result(at(2026, 12, 8, 11))
    with pytest.raises(tthc.InvalidActionError, match="cannot request a supplement for a dossier"):
        returned.request_supplement(at(2026, 12, 8, 11))


def test_events_check_their_fields() -> None:
    when = at(2026, 12, 7, 10)
    with pytest.raises(tthc.InputTypeError, match="kind must be a EventKind"):
        tthc.Event("received", when)  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError, match="unit"):
        tthc.Event(tthc.EventKind.HANDED_OVER, when, unit=5)  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError, match="channel"):
        tthc.Event(tthc.EventKind.RECEIVED, when, channel="online")  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError):
        receive().hand_over(at(2026, 12, 7, 11), 5)  # type: ignore[arg-type]


def test_judge_refuses_naive_datetimes() -> None:
    due = at(2026, 12, 10, 17)
    with pytest.raises(tthc.NaiveDatetimeError):
        tthc.judge(dt.datetime(2026, 12, 9, 9), due)
    with pytest.raises(tthc.NaiveDatetimeError):
        tthc.judge(due, dt.datetime(2026, 12, 10, 17))


def test_dossier_code_takes_a_local_date_and_counts_from_one() -> None:
    with pytest.raises(tthc.DatetimeGivenError):
        tthc.dossier_code("000.00.12.H12", dt.datetime(2026, 12, 6, 18, tzinfo=dt.UTC), 1)
    with pytest.raises(tthc.InputTypeError, match="positive"):
        tthc.dossier_code("000.00.12.H12", dt.date(2026, 12, 7), 0)
    with pytest.raises(tthc.InputTypeError, match="digits"):
        tthc.dossier_code("000.00.12.H12", dt.date(2026, 12, 7), 1, system="１")
    assert tthc.dossier_code("X", dt.date(2026, 12, 7), 1) == "X-261207-0001"


def test_remaining_before_receipt_is_none() -> None:
    d = receive()
    assert d.remaining(at(2026, 12, 7, 9)) is None
    assert d.remaining(at(2026, 12, 7, 10)) is not None


def test_explain_tells_the_whole_story() -> None:
    d = (
        receive(when=at(2026, 12, 7, 10))
        .hand_over(at(2026, 12, 7, 11), "Công chức tư pháp - hộ tịch")
        .request_supplement(at(2026, 12, 8, 9), "Thiếu bản sao CCCD")
        .supplement(at(2026, 12, 9, 9))
        .reschedule(at(2026, 12, 9, 10), at(2026, 12, 15, 17), "Cần xác minh")
        .resolve(at(2026, 12, 11, 9))
    )
    story = d.explain()
    lines = story.splitlines()
    assert lines[0] == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (BM.01)"
    assert "  Hẹn trả kết quả: 17:00 Thứ Năm 10/12/2026" in lines
    assert "  08:00 Thứ Ba 08/12/2026" not in story
    assert "  09:00 Thứ Ba 08/12/2026  Yêu cầu bổ sung hồ sơ: Thiếu bản sao CCCD" in lines
    assert "Hạn sau khi không tính thời gian tạm dừng: 17:00 Thứ Sáu 11/12/2026" in lines
    assert "Hẹn lại (BM.04): 17:00 Thứ Ba 15/12/2026" in lines
    assert f"Kết quả: {d.outcome.label}" in lines  # type: ignore[union-attr]
    assert "Phiếu kiểm soát quá trình (BM.05):" in lines
    first = lines.index("Quá trình xử lý:") + 1
    assert len(lines[first : lines.index("", first)]) == len(d.events)
    # the statutory reasoning is the deadline's own
    for line in d.schedule.deadline(d.received_at, d.limit).explain():  # type: ignore[arg-type]
        assert f"  {line}" in lines


def test_explain_of_a_dossier_never_received() -> None:
    submitted = Dossier.submit(
        MARRIAGE_STATUS, submitted_at=at(2026, 12, 7, 9), channel=2, schedule=SCHED
    ).not_receive(at(2026, 12, 7, 10), "Thiếu tờ khai")
    story = submitted.explain()
    assert story.startswith("Hồ sơ chưa được tiếp nhận: 1.004873")
    assert "Không tiếp nhận, hướng dẫn bổ sung: Thiếu tờ khai" in story
    assert story.endswith("Trạng thái: Không tiếp nhận")


def test_receive_under_a_condition_uses_its_limit() -> None:
    sched = tthc.Schedule.vietnam()
    p = tthc.Catalog.bundled()["1.004873"].with_limit_text(
        "03 ngày làm việc; trường hợp ở vùng sâu, vùng xa thì không quá 07 ngày làm việc"
    )
    at = pendulum.datetime(2026, 12, 7, 9, tz="Asia/Ho_Chi_Minh")
    d = Dossier.receive(
        p, received_at=at, channel=1, schedule=sched, condition=tthc.ConditionKind.REMOTE
    )
    assert d.limit == tthc.WorkingDays(7)
    assert d.events[0].condition == "remote"
    assert d.due_date == dt.date(2026, 12, 16)
    assert tthc.loads(tthc.dumps(d), Dossier) == d
    plain = Dossier.receive(p, received_at=at, channel=1, schedule=sched)
    assert plain.limit == tthc.WorkingDays(3)
    with pytest.raises(tthc.UnknownConditionError):
        Dossier.receive(p, received_at=at, channel=1, schedule=sched, condition="hải đảo")


# -- pauses count only counted time (worked by hand) ----------------------------------------


def test_a_pause_inside_the_uncounted_receipt_day_moves_nothing() -> None:
    # 03 working days, received Monday 07/12/2026 09:00: counting starts Tuesday
    # (Civil Code Art. 147), due Thursday 10/12 17:00. A supplement requested at
    # 10:00 and received at 16:00 the same Monday paused none of the limit.
    d = receive(when=at(2026, 12, 7, 9))
    assert d.due_at == at(2026, 12, 10, 17)
    paused = d.request_supplement(at(2026, 12, 7, 10)).supplement(at(2026, 12, 7, 16))
    assert paused.due_at == at(2026, 12, 10, 17)
    # Restarting the whole limit on the same facts gives the same Thursday.
    restart = attrs.evolve(MARRIAGE_STATUS, pause_policy={"supplement": "restart"})
    again = (
        receive(restart, when=at(2026, 12, 7, 9))
        .request_supplement(at(2026, 12, 7, 10))
        .supplement(at(2026, 12, 7, 16))
    )
    assert again.due_at == at(2026, 12, 10, 17)


def test_only_the_counted_part_of_a_pause_moves_the_due() -> None:
    # Received Friday 04/12/2026 10:00, due Wednesday 09/12 17:00 (Mon, Tue, Wed).
    # Supplement from Friday 14:00 (uncounted receipt day) to Monday 09:00
    # (the weekend is not office time): only Monday 07:30-09:00 = 1 h 30 counts.
    d = receive(when=at(2026, 12, 4, 10))
    assert d.due_at == at(2026, 12, 9, 17)
    paused = d.request_supplement(at(2026, 12, 4, 14)).supplement(at(2026, 12, 7, 9))
    # Wednesday 17:00 + 1 h 30 -> Thursday 09:00, a day limit ends at the close: Thursday 17:00.
    assert paused.due_at == at(2026, 12, 10, 17)


def test_a_pause_after_the_cutoff_of_a_same_day_limit_moves_nothing() -> None:
    # Birth registration, same day, 15:00 rule: received Monday 15:30, due Tuesday.
    birth = CATALOG["1.001193"]
    d = receive(birth, when=at(2026, 12, 7, 15, 30))
    assert d.due_at == at(2026, 12, 8, 17)
    paused = d.request_supplement(at(2026, 12, 7, 15, 40)).supplement(at(2026, 12, 7, 16, 30))
    assert paused.due_at == at(2026, 12, 8, 17)
    # The same pause on Tuesday morning is counted time: Tuesday 17:00 + 50 min -> Wednesday.
    counted = d.request_supplement(at(2026, 12, 8, 8)).supplement(at(2026, 12, 8, 8, 50))
    assert counted.due_at == at(2026, 12, 9, 17)


def test_remaining_stands_still_while_a_not_counted_pause_is_open() -> None:
    # Received Monday 07/12 10:00, due Thursday 10/12 17:00. At Tuesday 10:00
    # there are left: Tue 10:00-11:30 and 13:00-17:00 (5 h 30) + Wed 8 h + Thu 8 h = 21 h 30.
    d = receive().request_supplement(at(2026, 12, 8, 10))
    left = dt.timedelta(hours=21, minutes=30)
    for when in (
        at(2026, 12, 8, 10),
        at(2026, 12, 8, 12),
        at(2026, 12, 8, 16, 59),
        at(2026, 12, 9, 9),
        at(2026, 12, 10, 17),
        at(2026, 12, 21, 8),
    ):
        assert d.remaining(when) == left, when
    # Before the pause the clock runs as usual.
    assert receive().remaining(at(2026, 12, 8, 9)) == left + dt.timedelta(hours=1)
    # A counted pause does not stop the clock.
    counted = attrs.evolve(MARRIAGE_STATUS, pause_policy={"supplement": "counted"})
    running = receive(counted).request_supplement(at(2026, 12, 8, 10))
    assert running.remaining(at(2026, 12, 9, 10)) == left - dt.timedelta(hours=8)


def test_control_slip_and_due_share_the_pause_rule_for_an_extended_verification() -> None:
    # Death registration: the law gives 3 working days when a verification is
    # needed instead of pausing; neither the due nor a step's due is paused by it.
    steps = [tthc.Step("Xác minh", "Tư pháp", tthc.WorkingDays(1))]
    procedure = attrs.evolve(DEATH, steps=steps)
    d = (
        receive(procedure, when=at(2026, 12, 7, 9))
        .hand_over(at(2026, 12, 7, 9), "Tư pháp")
        .start_verification(at(2026, 12, 7, 10))
        .finish_verification(at(2026, 12, 7, 14))
    )
    assert d.due_at == at(2026, 12, 10, 17)
    # One working day of office time (8 h) from Monday 09:00: Tuesday 09:00, not moved.
    assert d.control_slip()[0].due_at == at(2026, 12, 8, 9)


# -- the legal end of a day limit: 24:00 of the due day ------------------------------------


def test_a_day_limit_ends_at_midnight_and_the_slip_keeps_the_close_of_office() -> None:
    d = receive()  # 03 working days from Monday 07/12 10:00
    assert d.due_at == at(2026, 12, 10, 17)  # the appointment on BM.01
    assert d.ends_at == pendulum.datetime(2026, 12, 10, 23, 59, 59, 999999, tz=VN)
    assert d.resolve(at(2026, 12, 9, 23)).outcome is Outcome.EARLY
    assert d.resolve(at(2026, 12, 10, 17, 0, 1)).outcome is Outcome.ON_TIME
    assert d.resolve(at(2026, 12, 10, 20)).outcome is Outcome.ON_TIME  # an online e-result
    assert d.resolve(at(2026, 12, 11, 0, 0)).outcome is Outcome.LATE
    assert not d.is_overdue(at(2026, 12, 10, 23, 59))
    assert d.is_overdue(at(2026, 12, 11, 0, 0))


def test_an_office_that_judges_at_the_close_says_so_on_its_schedule() -> None:
    closing = attrs.evolve(SCHED, ends_at_close=True)
    d = Dossier.receive(
        MARRIAGE_STATUS, received_at=at(2026, 12, 7, 10), channel=1, schedule=closing
    )
    assert d.ends_at == d.due_at == at(2026, 12, 10, 17)
    assert d.resolve(at(2026, 12, 10, 17)).outcome is Outcome.ON_TIME
    assert d.resolve(at(2026, 12, 10, 17, 0, 1)).outcome is Outcome.LATE
    assert d.is_overdue(at(2026, 12, 10, 17, 1))
    assert tthc.loads(tthc.dumps(d), Dossier).schedule.ends_at_close


def test_an_hour_limit_ends_at_its_instant() -> None:
    hours = attrs.evolve(MARRIAGE_STATUS, time_limit=tthc.WorkingHours(4), channel_limits={})
    d = receive(hours, when=at(2026, 12, 7, 9))  # 4 h: 09:00-11:30 + 13:00-14:30
    assert d.due_at == d.ends_at == at(2026, 12, 7, 14, 30)
    assert d.resolve(at(2026, 12, 7, 14, 30)).outcome is Outcome.ON_TIME
    assert d.resolve(at(2026, 12, 7, 14, 31)).outcome is Outcome.LATE


# -- bad facts refused where they enter ------------------------------------------------------


def test_a_receipt_outside_the_calendar_is_refused_at_receipt() -> None:
    small = Schedule(tthc.WorkingCalendar.vietnam(start_year=2020, end_year=2030))
    late = at(2031, 1, 5, 9)
    with pytest.raises(tthc.OutOfRangeError) as caught:
        Dossier.receive(MARRIAGE_STATUS, received_at=late, channel=1, schedule=small)
    assert caught.value.value == late
    assert "2031-01-05" in str(caught.value)
    # The receipt is inside, but its due (3 working days) is not: refused too.
    edge = at(2030, 12, 30, 9)
    with pytest.raises(tthc.OutOfRangeError) as caught:
        Dossier.receive(MARRIAGE_STATUS, received_at=edge, channel=1, schedule=small)
    assert caught.value.value == edge
    # Accepting a submitted dossier is a receipt too.
    submitted = Dossier.submit(MARRIAGE_STATUS, submitted_at=edge, channel=2, schedule=small)
    with pytest.raises(tthc.OutOfRangeError):
        submitted.accept(at(2030, 12, 30, 10))


def test_a_desk_receipt_while_closed_is_a_violation_and_strict_refuses_it() -> None:
    evening = receive(when=at(2026, 12, 7, 18))
    assert [v.rule for v in evening.violations] == ["receipt_outside_hours"]
    sunday = receive(when=at(2026, 12, 6, 9))
    assert [v.rule for v in sunday.violations] == ["receipt_on_day_off"]
    holiday = receive(when=at(2026, 11, 24, 9))
    assert "Ngày Văn hóa Việt Nam" in holiday.violations[0].detail
    assert receive(when=at(2026, 12, 7, 18), channel=Channel.ONLINE).violations == ()
    assert receive(when=at(2026, 12, 7, 10)).violations == ()
    with pytest.raises(tthc.RuleViolationError) as caught:
        receive(when=at(2026, 12, 7, 18), strict=True)
    assert caught.value.rule == "receipt_outside_hours"


def test_a_reschedule_to_a_day_off_is_a_violation_and_strict_refuses_it() -> None:
    d = receive()  # due Thursday 10/12
    sunday = d.reschedule(at(2026, 12, 8, 9), at(2026, 12, 13, 17), "Cần xác minh")
    assert [v.rule for v in sunday.violations] == ["reschedule_to_day_off"]
    assert d.reschedule(at(2026, 12, 8, 9), at(2026, 12, 14, 17)).violations == ()
    strict = receive(strict=True)
    with pytest.raises(tthc.RuleViolationError) as caught:
        strict.reschedule(at(2026, 12, 8, 9), at(2026, 12, 13, 17))
    assert caught.value.rule == "reschedule_to_day_off"


@given(
    instants,
    st.integers(min_value=0, max_value=24 * 60),
    st.integers(min_value=1, max_value=24 * 60),
)
def test_a_pause_before_counting_starts_never_moves_the_due(
    received: pendulum.DateTime, after: int, length: int
) -> None:
    d = receive(when=received)
    start = SCHED.deadline(received, MARRIAGE_STATUS.time_limit).counted_from
    begin = received + dt.timedelta(minutes=after)
    end = begin + dt.timedelta(minutes=length)
    assume(end <= start)
    paused = d.request_supplement(begin).supplement(end)
    assert paused.due_at == d.due_at


@given(instants, st.integers(min_value=0, max_value=5 * 24 * 60), st.integers(1, 20 * 24 * 60))
def test_remaining_never_moves_while_a_not_counted_pause_is_open(
    received: pendulum.DateTime, after: int, later: int
) -> None:
    d = receive(when=received)
    begin = received + dt.timedelta(minutes=after)
    paused = d.request_supplement(begin)
    frozen = paused.remaining(begin)
    assert paused.remaining(begin + dt.timedelta(minutes=later)) == frozen
    assert frozen == d.remaining(begin)


# -- the lifecycle table ----------------------------------------------------------------------

_T0 = at(2026, 12, 7, 10)


def _bases() -> list[Dossier | None]:
    """Dossiers in every status, some with several pauses open (None: before the first event)."""
    sub = Dossier.submit(
        MARRIAGE_STATUS, submitted_at=at(2026, 12, 7, 9), channel=1, schedule=SCHED
    )
    d = receive(when=_T0)
    t = [at(2026, 12, 8, hour) for hour in (8, 9, 10, 11)]
    return [
        None,
        sub,
        sub.not_receive(t[0]),
        sub.refuse(t[0]),
        d,
        d.start_processing(t[0]),
        d.start_verification(t[0]),
        d.request_supplement(t[0]),
        d.request_supplement(t[0]).request_payment(t[1]),
        d.request_supplement(t[0]).start_verification(t[1]),
        d.request_payment(t[0]),
        d.request_payment(t[0]).start_verification(t[1]),
        d.withdraw(t[0]),
        d.withdraw(t[0]).stop(t[1]),
        d.resolve(t[0]),
        d.resolve(t[0]).return_result(t[1]),
    ]


def _event(kind: EventKind) -> tthc.Event:
    by_kind: dict[EventKind, dict[str, Any]] = {
        EventKind.SUBMITTED: {"channel": Channel.ONLINE},
        EventKind.RECEIVED: {"channel": Channel.ONLINE},
        EventKind.HANDED_OVER: {"unit": "Bộ phận một cửa"},
        EventKind.RESCHEDULED: {"new_due": at(2027, 1, 15, 17)},
    }
    return tthc.Event(kind, at(2026, 12, 9, 9), **by_kind.get(kind, {}))


def _open_pauses(events: tuple[tthc.Event, ...]) -> set[PauseKind]:
    """The pauses still open after ``events``, told from the events alone."""
    opened: set[PauseKind] = set()
    for event in events:
        for opener, closer, pause in (
            (EventKind.SUPPLEMENT_REQUESTED, EventKind.SUPPLEMENT_RECEIVED, PauseKind.SUPPLEMENT),
            (EventKind.PAYMENT_REQUESTED, EventKind.PAID, PauseKind.FINANCIAL_OBLIGATION),
            (
                EventKind.VERIFICATION_STARTED,
                EventKind.VERIFICATION_FINISHED,
                PauseKind.VERIFICATION,
            ),
        ):
            if event.kind is opener:
                opened.add(pause)
            elif event.kind is closer:
                opened.discard(pause)
    return opened


def _expected_status(step: tthc.Transition, after: Dossier) -> Status:
    if isinstance(step.target, Status):
        return step.target
    assert step.target == tthc.IN_PROGRESS
    pauses = _open_pauses(after.events)
    if PauseKind.SUPPLEMENT in pauses:
        return Status.SUPPLEMENT_REQUESTED
    if PauseKind.FINANCIAL_OBLIGATION in pauses:
        return Status.FINANCIAL_OBLIGATION
    return Status.PROCESSING


def test_the_table_covers_every_status_and_event() -> None:
    assert set(tthc.TRANSITIONS) == {(s, k) for s in (None, *Status) for k in EventKind}
    assert all(step.allowed != bool(step.refusal) for step in tthc.TRANSITIONS.values())
    with pytest.raises(TypeError):
        tthc.TRANSITIONS[None, EventKind.SUBMITTED] = tthc.Transition(None, "x")  # type: ignore[index]
    bases = _bases()
    assert {None if d is None else d.status for d in bases} == {None, *Status}


# What a status says of the pauses (a status shows the pause the applicant must act on):
# status -> (pauses surely open, pauses surely closed).
_PAUSES_OF_STATUS = {
    Status.RECEIVED: (
        set(),
        {PauseKind.SUPPLEMENT, PauseKind.FINANCIAL_OBLIGATION, PauseKind.VERIFICATION},
    ),
    Status.PROCESSING: (set(), {PauseKind.SUPPLEMENT, PauseKind.FINANCIAL_OBLIGATION}),
    Status.SUPPLEMENT_REQUESTED: ({PauseKind.SUPPLEMENT}, set()),
    Status.FINANCIAL_OBLIGATION: ({PauseKind.FINANCIAL_OBLIGATION}, {PauseKind.SUPPLEMENT}),
}
_OPENS = {
    EventKind.SUPPLEMENT_REQUESTED: PauseKind.SUPPLEMENT,
    EventKind.PAYMENT_REQUESTED: PauseKind.FINANCIAL_OBLIGATION,
    EventKind.VERIFICATION_STARTED: PauseKind.VERIFICATION,
}
_CLOSES = {
    EventKind.SUPPLEMENT_RECEIVED: PauseKind.SUPPLEMENT,
    EventKind.PAID: PauseKind.FINANCIAL_OBLIGATION,
    EventKind.VERIFICATION_FINISHED: PauseKind.VERIFICATION,
}


def _always_guarded(status: Status | None, kind: EventKind) -> bool:
    """Allowed by the status, but the status itself says the event's pause guard refuses it."""
    if status not in _PAUSES_OF_STATUS:
        return False
    surely_open, surely_closed = _PAUSES_OF_STATUS[status]
    return (
        _OPENS.get(kind) in surely_open
        or _CLOSES.get(kind) in surely_closed
        or (kind is EventKind.RESOLVED and bool(surely_open))
    )


def test_the_dossier_follows_the_table_for_every_status_and_event() -> None:
    """Every (status, event): refused with the table's words, or accepted into its status."""
    accepted: set[tuple[Status | None, EventKind]] = set()
    for base in _bases():
        status = None if base is None else base.status
        for kind in EventKind:
            step = tthc.TRANSITIONS[status, kind]
            event = _event(kind)
            events = (event,) if base is None else (*base.events, event)
            if not step.allowed:
                with pytest.raises(tthc.InvalidActionError) as info:
                    Dossier.replay(MARRIAGE_STATUS, SCHED, events)
                shown = "none" if status is None else status.value.replace("_", " ")
                assert str(info.value).endswith(f"whose status is {shown}: {step.refusal}")
                assert (info.value.status, info.value.action) == (status, kind.value)
                continue
            try:
                after = Dossier.replay(MARRIAGE_STATUS, SCHED, events)
            except tthc.InvalidActionError as error:  # the event's own guard
                refused = str(error)
            else:
                assert after.status is _expected_status(step, after), (status, kind)
                accepted.add((status, kind))
                continue
            assert "pause" in refused, (status, kind, refused)
    allowed = {pair for pair, step in tthc.TRANSITIONS.items() if step.allowed}
    assert accepted == {pair for pair in allowed if not _always_guarded(*pair)}


def _chain_of_ifs(status: Status | None, kind: EventKind) -> Status | str | None:
    """Version 0.1's decision, kept as the oracle: a target status, "in_progress" or the refusal.

    One refusal changed since: a second submission now says why.
    """
    active = {
        Status.RECEIVED,
        Status.PROCESSING,
        Status.SUPPLEMENT_REQUESTED,
        Status.FINANCIAL_OBLIGATION,
    }
    if kind in (EventKind.SUBMITTED, EventKind.RECEIVED) and status is None:
        return Status.NEW if kind is EventKind.SUBMITTED else Status.RECEIVED
    if status is None:
        return "the dossier has not been submitted or received yet"
    if kind is EventKind.SUBMITTED:  # 0.1 said "unknown event" or "… not in progress"
        return "a dossier is submitted once, as its first event"
    if kind is EventKind.RECEIVED:
        return (
            Status.RECEIVED if status is Status.NEW else "only a submitted dossier can be received"
        )
    if kind in (EventKind.NOT_RECEIVED, EventKind.REFUSED):
        if status is not Status.NEW:
            return "only a submitted dossier can be turned away at intake"
        return Status.NOT_RECEIVED if kind is EventKind.NOT_RECEIVED else Status.REFUSED
    if kind is EventKind.RESULT_RETURNED:
        if status is Status.RETURNED:
            return "the result was already returned"
        return Status.RETURNED if status is Status.RESOLVED else "the result is not ready"
    if kind is EventKind.STOPPED:
        if status not in active and status is not Status.WITHDRAWAL_REQUESTED:
            return "only a dossier in progress can be stopped"
        return Status.STOPPED
    if status not in active:
        return "the dossier is not in progress"
    if kind is EventKind.RESOLVED:
        return Status.RESOLVED
    if kind is EventKind.WITHDRAWAL_REQUESTED:
        return Status.WITHDRAWAL_REQUESTED
    if status is Status.RECEIVED and kind is EventKind.RESCHEDULED:
        return Status.RECEIVED  # no pause is ever open while received
    return tthc.IN_PROGRESS


def test_the_table_says_what_the_chain_of_ifs_of_version_0_1_said() -> None:
    for (status, kind), step in tthc.TRANSITIONS.items():
        assert _chain_of_ifs(status, kind) == (step.target if step.allowed else step.refusal)


def test_the_docs_diagram_is_the_table() -> None:
    page = (Path(__file__).parents[1] / "docs" / "dossiers.md").read_text(encoding="utf-8")
    block = page.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.rstrip("\n") == tthc.lifecycle_mermaid()
    lines = tthc.lifecycle_mermaid().splitlines()
    for (status, kind), step in tthc.TRANSITIONS.items():
        source = "[*]" if status is None else status.value
        arrows = [line for line in lines if line.startswith(f"    {source} --> ")]
        labels = ", ".join(line.split(": ", 1)[1] for line in arrows).split(", ")
        assert (kind.value in labels) == step.allowed, (status, kind)


# -- edges found by mutation testing ---------------------------------------------------------


def test_explain_is_the_slip_the_reasoning_the_events_and_the_result_word_for_word() -> None:
    d = (
        receive(when=at(2026, 12, 7, 10), code="H12.22-261207-0001")
        .hand_over(at(2026, 12, 7, 11), "Công chức tư pháp - hộ tịch")
        .request_supplement(at(2026, 12, 8, 9), "Thiếu bản sao CCCD")
        .supplement(at(2026, 12, 9, 9))
        .reschedule(at(2026, 12, 9, 10), at(2026, 12, 15, 17), "Cần xác minh")
        .resolve(at(2026, 12, 11, 9))
    )
    assert d.explain() == "\n".join(
        [
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (BM.01)",
            "  Mã hồ sơ:        H12.22-261207-0001",
            "  Thủ tục:         1.004873 Xác nhận tình trạng hôn nhân",
            "  Kênh:            Trực tiếp",
            "  Tiếp nhận lúc:   10:00 Thứ Hai 07/12/2026",
            "  Thời hạn:        03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "  Hẹn trả kết quả: 17:00 Thứ Năm 10/12/2026",
            "",
            "Cách tính hạn:",
            "  Tiếp nhận hồ sơ: 10:00 Thứ Hai 07/12/2026",
            "  Thời hạn giải quyết: 03 ngày làm việc",
            "  Không tính ngày tiếp nhận: bắt đầu tính từ Thứ Ba 08/12/2026",
            "  Hạn trả kết quả: 17:00 Thứ Năm 10/12/2026 (hết giờ làm việc, ngày làm việc thứ 3)",
            "",
            "Quá trình xử lý:",
            "  10:00 Thứ Hai 07/12/2026  Tiếp nhận (BM.01)",
            "  11:00 Thứ Hai 07/12/2026  Chuyển xử lý (BM.05): Công chức tư pháp - hộ tịch",
            "  09:00 Thứ Ba 08/12/2026  Yêu cầu bổ sung hồ sơ: Thiếu bản sao CCCD",
            "  09:00 Thứ Tư 09/12/2026  Nhận hồ sơ bổ sung",
            "  10:00 Thứ Tư 09/12/2026  Gia hạn, xin lỗi (BM.04): Cần xác minh",
            "  09:00 Thứ Sáu 11/12/2026  Có kết quả",
            "",
            "Hạn sau khi không tính thời gian tạm dừng: 17:00 Thứ Sáu 11/12/2026",
            "Hẹn lại (BM.04): 17:00 Thứ Ba 15/12/2026",
            "Kết quả: Đúng hạn",
            "",
            "Phiếu kiểm soát quá trình (BM.05):",
            "  Công chức tư pháp - hộ tịch nhận 11:00 Thứ Hai 07/12/2026"
            "  giao 09:00 Thứ Sáu 11/12/2026",
        ]
    )


def test_explain_of_a_dossier_in_progress_shows_a_step_not_yet_handed_on() -> None:
    d = (
        receive(when=at(2026, 12, 7, 10))
        .start_processing(at(2026, 12, 7, 11), "Công chức tư pháp - hộ tịch")
        .hand_over(at(2026, 12, 8, 9), "Chủ tịch UBND xã")
    )
    lines = d.explain().splitlines()
    assert lines[1] == "  Mã hồ sơ:        —"
    assert lines[15:] == [
        "  10:00 Thứ Hai 07/12/2026  Tiếp nhận (BM.01)",
        "  11:00 Thứ Hai 07/12/2026  Bắt đầu xử lý: Công chức tư pháp - hộ tịch",
        "  09:00 Thứ Ba 08/12/2026  Chuyển xử lý (BM.05): Chủ tịch UBND xã",
        "",
        "Trạng thái: Đang xử lý",
        "",
        "Phiếu kiểm soát quá trình (BM.05):",
        "  Chủ tịch UBND xã       nhận 09:00 Thứ Ba 08/12/2026  giao —",
    ]


def test_explain_of_an_event_with_a_unit_and_a_note_joins_them() -> None:
    received = receive(when=at(2026, 12, 7, 10))
    handed = tthc.Event(
        kind=EventKind.HANDED_OVER, at=at(2026, 12, 7, 11), unit="Phòng Tư pháp", note="bản giấy"
    )
    d = Dossier.replay(MARRIAGE_STATUS, SCHED, [*received.events, handed])
    assert "  11:00 Thứ Hai 07/12/2026  Chuyển xử lý (BM.05): Phòng Tư pháp — bản giấy" in (
        d.explain().splitlines()
    )


def test_explain_of_a_dossier_never_received_word_for_word() -> None:
    submitted = Dossier.submit(
        MARRIAGE_STATUS, submitted_at=at(2026, 12, 7, 9), channel=2, schedule=SCHED
    ).not_receive(at(2026, 12, 7, 10), "Thiếu tờ khai")
    assert submitted.explain().splitlines() == [
        "Hồ sơ chưa được tiếp nhận: 1.004873 Xác nhận tình trạng hôn nhân",
        "",
        "Quá trình xử lý:",
        "  09:00 Thứ Hai 07/12/2026  Nộp hồ sơ",
        "  10:00 Thứ Hai 07/12/2026  Không tiếp nhận, hướng dẫn bổ sung: Thiếu tờ khai",
        "",
        "Trạng thái: Không tiếp nhận",
    ]


def test_the_due_known_before_the_last_event_counts_an_open_pause_up_to_that_event() -> None:
    # The pause opened on Tuesday 08/12 09:00 and an event came on Thursday 10/12 09:00
    # while it was still open: the pause has lasted at least that long, whatever `at` says.
    d = receive().request_supplement(at(2026, 12, 8, 9)).hand_over(at(2026, 12, 10, 9), "Sở")
    assert d.due_at_instant(at(2026, 12, 8, 12)) == at(2026, 12, 14, 17)
    assert d.due_at_instant(at(2026, 12, 10, 9)) == at(2026, 12, 14, 17)


def test_as_of_keeps_an_event_at_that_very_instant_and_the_strict_setting() -> None:
    d = Dossier.receive(
        MARRIAGE_STATUS,
        received_at=at(2026, 12, 7, 10),
        channel=Channel.IN_PERSON,
        schedule=SCHED,
        strict=True,
    ).hand_over(at(2026, 12, 7, 11), "Công chức tư pháp - hộ tịch")
    d = d.resolve(at(2026, 12, 9, 9))
    earlier = d.as_of(at(2026, 12, 7, 11))
    assert earlier is not None
    assert earlier.events == d.events[:2]
    assert earlier.strict
    assert d.as_of(at(2026, 12, 9, 9)) is d


def test_replay_keeps_the_strict_setting() -> None:
    d = receive()
    assert Dossier.replay(MARRIAGE_STATUS, SCHED, d.events, strict=True).strict
    assert not Dossier.replay(MARRIAGE_STATUS, SCHED, d.events).strict


def test_start_processing_records_the_unit() -> None:
    d = receive().start_processing(at(2026, 12, 7, 11), "Công chức tư pháp - hộ tịch")
    assert d.events[-1].unit == "Công chức tư pháp - hộ tịch"


def test_a_dossier_is_not_overdue_at_the_last_instant_of_its_due_day() -> None:
    d = receive()  # due Thursday 10/12/2026
    last = at(2026, 12, 10, 23, 59, 59).add(microseconds=999_999)
    assert not d.is_overdue(last)
    assert d.is_overdue(last.add(microseconds=1))


def test_a_dossier_whose_withdrawal_is_requested_can_still_be_overdue() -> None:
    d = receive().withdraw(at(2026, 12, 8, 9))
    assert d.status is Status.WITHDRAWAL_REQUESTED
    assert d.is_overdue(at(2026, 12, 11, 0, 1))


def test_judge_takes_the_day_in_the_dues_zone() -> None:
    due = at(2026, 12, 10, 17)
    # 23:00 UTC on 09/12 is 06:00 on 10/12 in Vietnam: the due day, on time, not early.
    assert tthc.judge(pendulum.datetime(2026, 12, 9, 23, tz="UTC"), due) is Outcome.ON_TIME


def test_judge_names_what_it_refuses() -> None:
    due = at(2026, 12, 10, 17)
    with pytest.raises(tthc.NaiveDatetimeError) as naive:
        tthc.judge(dt.datetime(2026, 12, 9, 9), due)
    assert str(naive.value).startswith("done_at datetime.datetime(2026, 12, 9, 9, 0) has no time")
    with pytest.raises(tthc.NaiveDatetimeError) as naive_due:
        tthc.judge(due, dt.datetime(2026, 12, 10, 17))
    assert str(naive_due.value).startswith("due_at datetime.datetime(2026, 12, 10, 17, 0) has no")
    last = dt.datetime.max.replace(tzinfo=dt.UTC)
    with pytest.raises(tthc.OutOfRangeError) as out:
        tthc.judge(last, due)
    assert str(out.value) == f"cannot compare {last} with the due {due}"
    assert out.value.value == last


def test_reschedule_refusals_and_violations_say_what() -> None:
    d = receive()
    no_date = tthc.Event(EventKind.RESCHEDULED, at(2026, 12, 8, 9))
    with pytest.raises(tthc.InvalidActionError) as missing:
        Dossier.replay(MARRIAGE_STATUS, SCHED, [*d.events, no_date])
    assert str(missing.value) == (
        "cannot reschedule a dossier whose status is received: a reschedule needs the new due date"
    )
    with pytest.raises(tthc.InvalidActionError) as early:
        d.reschedule(at(2026, 12, 8, 9), at(2026, 12, 10, 17))
    assert str(early.value) == (
        "cannot reschedule a dossier whose status is received: the new date "
        "2026-12-10 17:00:00+07:00 is not later than the current due 2026-12-10 17:00:00+07:00"
    )
    twice = d.reschedule(at(2026, 12, 8, 9), at(2026, 12, 14, 17)).reschedule(
        at(2026, 12, 9, 9), at(2026, 12, 15, 17)
    )
    assert twice.violations == (
        tthc.Violation(
            "second_reschedule", at(2026, 12, 9, 9), "the due date may be reset at most once"
        ),
    )


def test_a_steps_due_moves_only_with_pauses_during_the_step() -> None:
    steps = [
        tthc.Step("Thẩm định", "Công chức tư pháp - hộ tịch", tthc.WorkingDays(2)),
        tthc.Step("Ký duyệt", "Chủ tịch UBND xã", tthc.WorkingHours(4)),
    ]
    procedure = attrs.evolve(MARRIAGE_STATUS, steps=steps)
    d = (
        receive(procedure)
        .hand_over(at(2026, 12, 7, 10), "Công chức tư pháp - hộ tịch")
        .hand_over(at(2026, 12, 8, 9), "Chủ tịch UBND xã")
        .request_supplement(at(2026, 12, 8, 10))  # during the second step only
        .supplement(at(2026, 12, 9, 10))
    )
    first, second = d.control_slip()
    assert first.received_at == at(2026, 12, 7, 10)
    assert first.due_at == at(2026, 12, 9, 10)  # two working days of office time, unmoved
    assert first.handed_on_at == at(2026, 12, 8, 9)
    assert second.received_at == at(2026, 12, 8, 9)
    assert second.due_at == at(2026, 12, 9, 14, 30)  # 4 h, moved by the 8 h pause


def test_the_docstring_example_dossier_is_received_on_monday_07_12_2026_at_10() -> None:
    from tthc.dossier import _example

    d = _example()
    assert d.received_at == at(2026, 12, 7, 10)
    assert d.procedure.code == "1.004873"
    assert d.channel is Channel.IN_PERSON


def test_reschedule_violations_say_when_and_why() -> None:
    d = receive()  # due Thursday 10/12
    late_to_saturday = d.reschedule(at(2026, 12, 10, 9), at(2026, 12, 12, 17))
    assert late_to_saturday.violations == (
        tthc.Violation(
            "late_notice",
            at(2026, 12, 10, 9),
            "notice on 2026-12-10, less than one working day before the due date 2026-12-10",
        ),
        tthc.Violation(
            "reschedule_to_day_off",
            at(2026, 12, 10, 9),
            "the new date 2026-12-12 is not a working day (weekly rest day)",
        ),
    )
    new_year = d.reschedule(at(2026, 12, 8, 9), at(2027, 1, 1, 17))
    assert [v.detail for v in new_year.violations] == [
        "the new date 2027-01-01 is not a working day (Tết Dương lịch)"
    ]
    assert new_year.events[-1].new_due == at(2027, 1, 1, 17)


def test_a_strict_dossier_refuses_a_violation_naming_the_rule_and_the_event() -> None:
    strict = receive(strict=True)
    with pytest.raises(tthc.RuleViolationError) as caught:
        strict.reschedule(at(2026, 12, 10, 9), at(2026, 12, 11, 17))
    assert str(caught.value) == (
        "late_notice: notice on 2026-12-10, less than one working day before the due date "
        "2026-12-10"
    )
    assert caught.value.rule == "late_notice"
    assert isinstance(caught.value.value, tthc.Event)
    assert caught.value.value.kind is EventKind.RESCHEDULED
    assert caught.value.value.new_due == at(2026, 12, 11, 17)


def test_submit_is_lenient_by_default_and_keeps_strict_when_asked() -> None:
    when = at(2026, 12, 7, 9)
    assert not Dossier.submit(MARRIAGE_STATUS, submitted_at=when, channel=2, schedule=SCHED).strict
    strict = Dossier.submit(
        MARRIAGE_STATUS, submitted_at=when, channel=2, schedule=SCHED, strict=True
    )
    assert strict.strict


def test_hand_over_records_the_unit_and_the_step() -> None:
    d = receive().hand_over(at(2026, 12, 7, 11), "Chủ tịch UBND xã", step="Ký duyệt")
    assert (d.events[-1].unit, d.events[-1].step) == ("Chủ tịch UBND xã", "Ký duyệt")


@pytest.mark.parametrize(
    ("args", "message", "value"),
    [
        ((5, dt.date(2026, 12, 7), 1), "agency_id must be text, got 5", 5),
        (
            ("X", "2026-12-07", 1),
            "expected a datetime.date for received, got str: '2026-12-07'",
            "2026-12-07",
        ),
        (
            ("X", dt.date(2026, 12, 7), "3"),
            "sequence must be a positive int (the first dossier of the day is 1), got '3'",
            "3",
        ),
        (
            ("X", dt.date(2026, 12, 7), True),
            "sequence must be a positive int (the first dossier of the day is 1), got True",
            True,
        ),
        (("X", dt.date(2026, 12, 7), 1, "１"), "system must be digits, got '１'", "１"),
        (("X", dt.date(2026, 12, 7), 1, 5), "system must be digits, got 5", 5),
    ],
    ids=["agency", "received", "sequence-text", "sequence-bool", "system-wide", "system-int"],
)
def test_dossier_code_names_what_it_refuses(args: Any, message: str, value: object) -> None:
    *positional, system = args if len(args) == 4 else (*args, "")
    with pytest.raises(tthc.InputTypeError) as info:
        tthc.dossier_code(*positional, system=system)
    assert str(info.value) == message
    assert info.value.value == value


def test_event_instants_become_pendulum_datetimes_and_naive_ones_are_refused() -> None:
    utc = dt.datetime(2026, 12, 7, 3, tzinfo=dt.UTC)
    event = tthc.Event(EventKind.RECEIVED, utc, channel=Channel.ONLINE)
    assert event.at.__class__ is pendulum.DateTime
    assert event.at == utc
    local = at(2026, 12, 7, 10)
    assert tthc.Event(EventKind.RECEIVED, local, channel=Channel.ONLINE).at is local
    for naive in (pendulum.naive(2026, 12, 7, 3), dt.datetime(2026, 12, 7, 3)):
        with pytest.raises(tthc.NaiveDatetimeError) as info:
            tthc.Event(EventKind.RECEIVED, naive, channel=Channel.ONLINE)
        assert info.value.value == naive


def test_a_dossier_not_yet_received_has_no_clock() -> None:
    submitted = Dossier.submit(
        MARRIAGE_STATUS, submitted_at=at(2026, 12, 7, 9), channel=2, schedule=SCHED
    )
    later = at(2026, 12, 20, 9)
    assert submitted.received_at is None
    assert submitted.due_at is None
    assert submitted.ends_at is None
    assert submitted.due_at_instant(later) is None
    assert submitted.remaining(later) is None
    assert submitted.outcome is None
    assert not submitted.is_overdue(later)


def test_a_receipt_outside_the_calendar_names_the_calendars_range() -> None:
    small = Schedule(tthc.WorkingCalendar.vietnam(start_year=2020, end_year=2030))
    with pytest.raises(tthc.OutOfRangeError) as caught:
        Dossier.receive(MARRIAGE_STATUS, received_at=at(2031, 1, 5, 9), channel=1, schedule=small)
    assert (caught.value.start, caught.value.end) == (dt.date(2020, 1, 1), dt.date(2030, 12, 31))


def test_desk_receipt_violations_say_when_and_why() -> None:
    assert receive(when=at(2026, 12, 7, 18)).violations == (
        tthc.Violation(
            "receipt_outside_hours",
            at(2026, 12, 7, 18),
            "received in person at 18:00, outside office hours",
        ),
    )
    assert receive(when=at(2026, 12, 6, 9)).violations == (
        tthc.Violation(
            "receipt_on_day_off",
            at(2026, 12, 6, 9),
            "received in person on 2026-12-06, a day off (weekly rest day)",
        ),
    )
    with pytest.raises(tthc.RuleViolationError) as caught:
        receive(when=at(2026, 12, 6, 9), strict=True)
    assert str(caught.value) == (
        "receipt_on_day_off: received in person on 2026-12-06, a day off (weekly rest day)"
    )
    assert isinstance(caught.value.value, tthc.Event)
    assert caught.value.value.kind is EventKind.RECEIVED


def test_a_channel_is_a_channel_or_its_portal_number_never_a_bool() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        receive(channel=True)
    assert str(info.value) == "expected a Channel, got True"
    assert info.value.value is True
    assert receive(channel=2).channel is Channel.ONLINE


def test_a_counted_pause_before_a_not_counted_one_leaves_only_the_second_to_move_the_due() -> None:
    counted = attrs.evolve(
        MARRIAGE_STATUS, pause_policy={PauseKind.FINANCIAL_OBLIGATION: "counted"}
    )
    d = (
        receive(counted)
        .request_payment(at(2026, 12, 8, 9))
        .pay(at(2026, 12, 8, 14))  # counted: moves nothing
        .request_supplement(at(2026, 12, 9, 9))
        .supplement(at(2026, 12, 10, 9))  # 8 h not counted: one more working day
    )
    assert d.due_at == at(2026, 12, 11, 17)


def test_a_restart_counts_from_the_supplement_not_from_a_later_event() -> None:
    restart = attrs.evolve(MARRIAGE_STATUS, pause_policy={PauseKind.SUPPLEMENT: "restart"})
    d = (
        receive(restart)
        .request_supplement(at(2026, 12, 8, 9))
        .supplement(at(2026, 12, 9, 10))
        .hand_over(at(2026, 12, 11, 9), "Chủ tịch UBND xã")
    )
    assert d.due_at == at(2026, 12, 14, 17)  # 3 working days after Wednesday 09/12


def test_a_restart_applies_to_a_procedure_with_a_verification_limit_too() -> None:
    restart = attrs.evolve(DEATH, pause_policy={PauseKind.SUPPLEMENT: "restart"})
    d = (
        receive(restart, when=at(2026, 12, 7, 8))
        .request_supplement(at(2026, 12, 7, 9))
        .supplement(at(2026, 12, 9, 14))  # before 15:00: the same day again
    )
    assert d.due_at == at(2026, 12, 9, 17)


def test_a_verification_restarts_the_limit_when_the_law_gives_no_longer_one() -> None:
    restart = attrs.evolve(MARRIAGE_STATUS, pause_policy={PauseKind.VERIFICATION: "restart"})
    d = (
        receive(restart)
        .start_verification(at(2026, 12, 8, 9))
        .finish_verification(at(2026, 12, 9, 10))
    )
    assert d.due_at == at(2026, 12, 14, 17)


def test_overlapping_and_separate_pauses_add_up_their_union() -> None:
    d = (
        receive()
        .request_supplement(at(2026, 12, 8, 9))
        .start_verification(at(2026, 12, 8, 14))
        .supplement(at(2026, 12, 9, 9))
        .finish_verification(at(2026, 12, 10, 9))  # union 08/12 09:00 - 10/12 09:00: 16 h
        .request_supplement(at(2026, 12, 11, 9))
        .supplement(at(2026, 12, 11, 10))  # and 1 h more
    )
    # 17 h of office time after the statutory due (Thursday 10/12 17:00): Tuesday 15/12.
    assert d.due_at == at(2026, 12, 15, 17)


@pytest.mark.parametrize(
    ("act", "message"),
    [
        (
            lambda d: d.request_payment(at(2026, 12, 8, 9)).request_payment(at(2026, 12, 8, 10)),
            "cannot request payment for a dossier whose status is financial obligation: "
            "a financial obligation pause is already open",
        ),
        (
            lambda d: d.start_verification(at(2026, 12, 8, 9)).start_verification(
                at(2026, 12, 8, 10)
            ),
            "cannot start a verification of a dossier whose status is processing: "
            "a verification pause is already open",
        ),
        (
            lambda d: d.pay(at(2026, 12, 8, 9)),
            "cannot record a payment for a dossier whose status is received: "
            "no financial obligation pause is open",
        ),
        (
            lambda d: (
                d.start_verification(at(2026, 12, 8, 9))
                .request_payment(at(2026, 12, 8, 10))
                .resolve(at(2026, 12, 8, 11))
            ),
            "cannot resolve a dossier whose status is financial obligation: "
            "pauses are still open: verification, financial obligation",
        ),
    ],
    ids=["payment-twice", "verification-twice", "pay-unasked", "resolve-paused"],
)
def test_pause_refusals_name_the_pause_and_carry_the_event(act: Any, message: str) -> None:
    with pytest.raises(tthc.InvalidActionError) as info:
        act(receive())
    assert str(info.value) == message
    assert isinstance(info.value.value, tthc.Event)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (
            [tthc.Event(EventKind.RECEIVED, at(2026, 12, 7, 10))],
            "cannot receive a dossier whose status is none: the channel is required",
        ),
        (
            [
                tthc.Event(EventKind.RECEIVED, at(2026, 12, 7, 10), channel=Channel.IN_PERSON),
                tthc.Event(EventKind.HANDED_OVER, at(2026, 12, 7, 11)),
            ],
            "cannot hand over a dossier whose status is received: "
            "a hand-over needs the receiving unit",
        ),
    ],
    ids=["no-channel", "no-unit"],
)
def test_replayed_events_missing_a_field_are_refused_naming_it(
    events: list[tthc.Event], message: str
) -> None:
    with pytest.raises(tthc.InvalidActionError) as info:
        Dossier.replay(MARRIAGE_STATUS, SCHED, events)
    assert str(info.value) == message
    assert info.value.value == events[-1]


def test_a_dossier_is_built_from_at_least_one_event() -> None:
    with pytest.raises(tthc.InputTypeError) as empty:
        Dossier(MARRIAGE_STATUS, SCHED, ())
    assert str(empty.value) == "a dossier needs at least its first event"
    assert empty.value.value == ()
    with pytest.raises(tthc.InputTypeError) as other:
        Dossier.replay(MARRIAGE_STATUS, SCHED, [5])  # type: ignore[list-item]
    assert str(other.value) == "expected Event, got int"
    assert other.value.value == 5


def test_the_condition_of_receipt_holds_for_every_later_event() -> None:
    p = MARRIAGE_STATUS.with_limit_text(
        "03 ngày làm việc; trường hợp ở vùng sâu, vùng xa thì không quá 07 ngày làm việc"
    )
    d = receive(p, when=at(2026, 12, 7, 9), condition=tthc.ConditionKind.REMOTE)
    later = d.hand_over(at(2026, 12, 8, 9), "Công chức tư pháp - hộ tịch")
    assert later.limit == tthc.WorkingDays(7)
    assert later.due_date == dt.date(2026, 12, 16)


def test_the_channels_own_limit_applies_with_or_without_a_condition() -> None:
    p = attrs.evolve(MARRIAGE_STATUS, channel_limits={Channel.ONLINE: tthc.WorkingDays(2)})
    online = receive(p, channel=Channel.ONLINE)
    assert online.limit == tthc.WorkingDays(2)
    assert online.start_verification(at(2026, 12, 8, 9)).limit == tthc.WorkingDays(2)
    # A verification the procedure states no longer limit for leaves the channel's limit.
    verified = receive(p, channel=Channel.ONLINE, condition=tthc.ConditionKind.VERIFICATION)
    assert verified.limit == tthc.WorkingDays(2)
    assert receive(p).limit == tthc.WorkingDays(3)


def test_explain_of_a_procedure_without_published_text_shows_its_limit() -> None:
    plain = attrs.evolve(MARRIAGE_STATUS, time_limit_text=None)
    lines = receive(plain).explain().splitlines()
    assert "  Thời hạn:        03 ngày làm việc" in lines


def test_a_steps_share_of_a_day_is_rounded_to_the_microsecond_exactly() -> None:
    # 27/57,600,000,000 of an 8-hour day is 13.5 µs: half to even gives 14 µs.
    step = tthc.Step(
        "Thẩm định",
        "Công chức tư pháp - hộ tịch",
        tthc.WorkingDays(fractions.Fraction(27, 57_600_000_000)),
    )
    procedure = attrs.evolve(MARRIAGE_STATUS, steps=[step])
    d = receive(procedure).hand_over(at(2026, 12, 7, 10), "Công chức tư pháp - hộ tịch")
    assert d.control_slip()[0].due_at == at(2026, 12, 7, 10).add(microseconds=14)


def test_three_separate_pauses_all_move_the_due() -> None:
    d = receive()
    for day in (8, 9, 10):  # 3 h each morning, 9 h in all
        d = d.request_supplement(at(2026, 12, day, 8)).supplement(at(2026, 12, day, 11))
    # 9 h of office time after Thursday 10/12 17:00 end on Monday 14/12.
    assert d.due_at == at(2026, 12, 14, 17)


@pytest.mark.parametrize("status_of", [lambda d: d, lambda d: d.resolve(at(2026, 12, 8, 9))])
def test_a_second_submission_is_refused_saying_why(status_of: Any) -> None:
    d = status_of(receive())
    with pytest.raises(tthc.InvalidActionError) as info:
        Dossier.replay(
            MARRIAGE_STATUS,
            SCHED,
            [
                *d.events,
                tthc.Event(EventKind.SUBMITTED, at(2026, 12, 9, 9), channel=Channel.ONLINE),
            ],
        )
    assert str(info.value).endswith(": a dossier is submitted once, as its first event")


def test_an_unknown_condition_is_refused_before_the_receipt_instant_is_read() -> None:
    # The procedure must state the condition: that is checked first, whatever else is wrong.
    with pytest.raises(tthc.UnknownConditionError):
        Dossier.receive(
            MARRIAGE_STATUS,
            received_at=dt.datetime(2026, 12, 7, 10),  # naive, refused later
            channel=Channel.IN_PERSON,
            schedule=SCHED,
            condition="hải đảo",
        )
