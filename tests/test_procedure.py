"""Tests of tthc.procedure: the procedure model and its validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import (
    Channel,
    Document,
    DocumentForm,
    Fee,
    Level,
    OnlineLevel,
    PauseKind,
    PausePolicy,
    Procedure,
    Step,
)


def make(**changes: Any) -> Procedure:
    fields: dict[str, Any] = {
        "code": "1.004873",
        "name": "Xác nhận tình trạng hôn nhân",
        "level": Level.COMMUNE,
        "field": "Hộ tịch",
        "office": "Ủy ban nhân dân cấp xã",
        "time_limit": tthc.WorkingDays(3),
    }
    fields.update(changes)
    return Procedure(**fields)


def test_a_complete_procedure() -> None:
    p = make(
        time_limit="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        time_limit_text="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        channel_limits={"online": "02 ngày làm việc"},
        verification_limit="06 ngày làm việc",
        pause_policy={"supplement": "restart"},
        fees=[Fee(10_000, "Lệ phí", exemptions=["Hộ nghèo"])],
        documents=[Document("Tờ khai", "original"), Document("CCCD", DocumentForm.PRESENTED)],
        online_level="full",
        results="Giấy xác nhận tình trạng hôn nhân",
        legal_basis=["Nghị định 123/2015/NĐ-CP"],
        steps=[
            Step("Tiếp nhận", "Bộ phận một cửa", tthc.WorkingHours(4)),
            Step("Thẩm định", "Công chức tư pháp - hộ tịch", "01 ngày làm việc"),
            Step("Ký", "Chủ tịch UBND", tthc.WorkingHours(4)),
        ],
        source="test",
    )
    assert p.time_limit == tthc.WorkingDays(3)
    assert p.limit_for(Channel.ONLINE) == tthc.WorkingDays(2)
    assert p.limit_for(Channel.IN_PERSON) == tthc.WorkingDays(3)
    assert p.limit_for(Channel.ONLINE, verification=True) == tthc.WorkingDays(6)
    assert p.pause_policy[PauseKind.SUPPLEMENT] is PausePolicy.RESTART
    assert p.pause_policy[PauseKind.VERIFICATION] is PausePolicy.NOT_COUNTED
    assert p.online_level is OnlineLevel.FULL
    assert p.results == ("Giấy xác nhận tình trạng hôn nhân",)
    assert p.fees[0].exemptions == ("Hộ nghèo",)
    assert hash(p) == hash(attrs.evolve(p))


def test_codes() -> None:
    assert make(code="1.004873.000.00.00.H12").base_code == "1.004873"
    assert make(code=" 2.000815 ").code == "2.000815"
    for bad in ["1.4873", "1004873", "A.004873", "1.004873.", "", 1.004873]:
        with pytest.raises(tthc.InvalidProcedureError) as info:
            make(code=bad)
        assert info.value.field == "code"
        assert info.value.value == bad


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": 5}, "name"),
        ({"level": "ward"}, "level"),
        ({"field": "  "}, "field"),
        ({"time_limit": 3}, "time_limit"),
        ({"channel_limits": {"fax": "03 ngày làm việc"}}, "channel_limits"),
        ({"pause_policy": {"supplement": "forever"}}, "pause_policy"),
        ({"online_level": "maybe"}, "online_level"),
        ({"fees": [{"amount": 1}]}, "fees"),
        ({"steps": [Step("Thẩm định", "Tư pháp", tthc.WorkingDays(4))]}, "steps"),
    ],
)
def test_invalid_fields_are_named(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(tthc.InvalidProcedureError) as info:
        make(**changes)
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_bad_values_inside_parts() -> None:
    with pytest.raises(tthc.InvalidProcedureError) as info:
        Fee(-1, "x")
    assert (info.value.field, info.value.value) == ("fees.amount", -1)
    with pytest.raises(tthc.InvalidProcedureError):
        Fee(1.5, "x")  # type: ignore[arg-type]
    with pytest.raises(tthc.InvalidProcedureError):
        Document("Tờ khai", copies=0)
    with pytest.raises(tthc.InvalidProcedureError):
        Step("Tiếp nhận", "Một cửa", tthc.CalendarDays(2))
    with pytest.raises(tthc.TimeLimitParseError):
        make(time_limit="sớm nhất có thể")


def test_steps_must_fit_every_channel_limit() -> None:
    steps = [Step("Thẩm định", "Tư pháp", tthc.WorkingDays(3))]
    assert make(steps=steps).steps == tuple(steps)
    with pytest.raises(tthc.InvalidProcedureError) as info:
        make(steps=steps, channel_limits={Channel.ONLINE: tthc.WorkingDays(2)})
    assert "online" in str(info.value)
    same_day = make(time_limit=tthc.SameDay(), steps=[Step("Ký", "UBND", tthc.WorkingHours(8))])
    assert same_day.steps[0].duration == tthc.WorkingHours(8)


def test_enumerations_carry_labels_and_portal_codes() -> None:
    assert [c.portal_code for c in Channel] == [1, 2, 3]
    assert Channel.from_portal_code(1) is Channel.IN_PERSON
    assert Level.DISTRICT.label == "Cấp huyện"
    with pytest.raises(tthc.UnknownPortalCodeError) as info:
        Channel.from_portal_code(9)
    assert info.value.value == 9
    with pytest.raises(tthc.InputTypeError):
        make().limit_for("online")  # type: ignore[arg-type]


@given(
    st.integers(min_value=1, max_value=30),
    st.lists(st.integers(min_value=1, max_value=80), min_size=1, max_size=6),
)
def test_steps_validation_matches_their_total(days: int, hours: list[int]) -> None:
    steps = [Step(f"Bước {i}", "Đơn vị", tthc.WorkingHours(h)) for i, h in enumerate(hours)]
    fits = sum(hours) <= days * 8
    try:
        make(time_limit=tthc.WorkingDays(days), steps=steps)
    except tthc.InvalidProcedureError:
        assert not fits
    else:
        assert fits


def test_cutoff_time_in_limits_is_kept() -> None:
    p = make(time_limit=tthc.WorkingDays(3, cutoff=dt.time(15)))
    assert p.time_limit.cutoff == dt.time(15)  # type: ignore[attr-defined]


def _death() -> Procedure:
    return tthc.Catalog.bundled()["1.000656"]


def test_the_verification_limit_is_one_of_the_alternatives() -> None:
    p = _death()
    assert [(a.kind, a.limit) for a in p.alternatives] == [
        (tthc.ConditionKind.VERIFICATION, tthc.WorkingDays(3))
    ]
    same = attrs.evolve(p, verification_limit=None)
    assert same.verification_limit == tthc.WorkingDays(3)
    assert same == p
    with pytest.raises(tthc.InvalidProcedureError) as info:
        attrs.evolve(p, verification_limit=tthc.WorkingDays(5))
    assert info.value.field == "verification_limit"


def test_limit_for_a_condition() -> None:
    p = tthc.Catalog.bundled()["1.004873"].with_limit_text(
        "Thời hạn giải quyết: 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp "
        "phải xác minh thì không quá 05 ngày làm việc; trường hợp ở vùng sâu, vùng xa thì "
        "không quá 07 ngày làm việc"
    )
    assert p.time_limit == tthc.WorkingDays(3)
    assert p.verification_limit == tthc.WorkingDays(5)
    assert p.limit_for(tthc.Channel.ONLINE, condition=tthc.ConditionKind.REMOTE) == (
        tthc.WorkingDays(7)
    )
    assert p.limit_for(condition="remote") == tthc.WorkingDays(7)
    assert p.limit_for(condition="trường hợp ở vùng sâu, vùng xa") == tthc.WorkingDays(7)
    assert p.limit_for(verification=True) == tthc.WorkingDays(5)
    assert p.reading.alternatives == p.alternatives
    assert p.reading.text.startswith("Thời hạn giải quyết")


def test_an_unknown_condition_is_an_error() -> None:
    p = tthc.Catalog.bundled()["1.004873"]
    with pytest.raises(tthc.UnknownConditionError) as info:
        p.limit_for(condition=tthc.ConditionKind.COMPLEX)
    assert info.value.value is tthc.ConditionKind.COMPLEX
    assert isinstance(info.value, LookupError)
    # Verification without a limit of its own is a pause: the default stays.
    assert p.limit_for(condition=tthc.ConditionKind.VERIFICATION) == p.time_limit


def test_with_limit_text_refuses_a_text_without_a_default() -> None:
    with pytest.raises(tthc.InvalidProcedureError, match="no default limit: a range"):
        tthc.Catalog.bundled()["1.004873"].with_limit_text("17-20 ngày")


def test_alternatives_must_be_conditional_limits() -> None:
    with pytest.raises(tthc.InvalidProcedureError):
        attrs.evolve(_death(), alternatives=[tthc.WorkingDays(3)])


def test_time_limit_text_with_conditions_needs_with_limit_text() -> None:
    with pytest.raises(tthc.TimeLimitParseError, match="use parse_limit_text"):
        attrs.evolve(
            _death(), time_limit="05 ngày làm việc; trường hợp phức tạp thì 10 ngày làm việc"
        )
