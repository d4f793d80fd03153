"""Tests of tthc.serialize: the cattrs converter, dumps and loads."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
from tthc import Catalog, Fee, Procedure
from tthc import strategies as ts

BUNDLED = Catalog.bundled()


@given(st.sampled_from(list(BUNDLED)))
def test_procedures_round_trip(procedure: Procedure) -> None:
    assert tthc.loads(tthc.dumps(procedure), Procedure) == procedure


def test_time_limits_are_written_as_their_official_text() -> None:
    data = json.loads(tthc.dumps(BUNDLED["1.004873"]))["value"]
    assert data["time_limit"] == "03 ngày làm việc"
    assert data["level"] == "commune"
    assert "Xác nhận" in tthc.dumps(BUNDLED["1.004873"])  # UTF-8 kept, not \\u escapes


def test_strict_types_name_the_path() -> None:
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads('{"amount": "5", "description": "x"}', Fee)
    assert info.value.path == "$.amount"
    assert isinstance(info.value, ValueError)
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads('{"amount": 5.0, "description": "x"}', Fee)
    assert info.value.path == "$.amount"
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads('{"amount": 5, "description": "x", "note": 1}', Fee)
    assert info.value.path == "$"
    with pytest.raises(tthc.JsonFormatError):
        tthc.loads("{not json", Fee)


# -- lossless for every type, property-tested with the strategies --------------------------


def round_trips(value: object, kind: type) -> None:
    text = tthc.dumps(value)
    assert tthc.loads(text, kind) == value
    assert json.loads(text)["format"] == "tthc/1"


@given(ts.time_limits())
def test_time_limits_round_trip(limit: tthc.TimeLimit) -> None:
    round_trips(limit, tthc.TimeLimit)
    round_trips(limit, type(limit))


@given(ts.office_hours())
def test_office_hours_round_trip(hours: tthc.OfficeHours) -> None:
    round_trips(hours, tthc.OfficeHours)


@settings(max_examples=15)
@given(ts.schedules())
def test_schedules_and_calendars_round_trip(schedule: tthc.Schedule) -> None:
    round_trips(schedule, tthc.Schedule)
    round_trips(schedule.calendar, tthc.WorkingCalendar)


@given(ts.procedures())
def test_generated_procedures_round_trip(procedure: Procedure) -> None:
    round_trips(procedure, Procedure)


@settings(max_examples=30)
@given(ts.catalogs(max_size=4))
def test_catalogs_round_trip(catalog: Catalog) -> None:
    round_trips(catalog, Catalog)


@given(ts.dossiers())
def test_dossiers_and_events_round_trip(dossier: tthc.Dossier) -> None:
    round_trips(dossier, tthc.Dossier)
    for event in dossier.events:
        round_trips(event, tthc.Event)


@settings(max_examples=20)
@given(st.lists(ts.dossiers(), max_size=5), st.sampled_from(["field", "procedure", None]))
def test_reports_round_trip(dossiers: list[tthc.Dossier], by: str | None) -> None:
    report = tthc.Report.build(
        dossiers, start=dt.date(2025, 1, 1), end=dt.date(2027, 12, 31), by=by
    )
    round_trips(report, tthc.Report)


def test_calendar_with_announcements_and_other_weekends() -> None:
    cal = tthc.WorkingCalendar.vietnam(closures={dt.date(2026, 12, 8): "Bão"}).announce(
        2027, swaps={dt.date(2027, 4, 29): dt.date(2027, 4, 24)}
    )
    round_trips(cal, tthc.WorkingCalendar)
    other = tthc.WorkingCalendar(dt.date(2026, 3, 1), dt.date(2026, 6, 30), weekend={4, 5})
    round_trips(other, tthc.WorkingCalendar)


def test_sources_and_the_legal_end_setting_survive_a_round_trip() -> None:
    day = tthc.SpecialDay(
        dt.date(2026, 3, 2), False, "Nghỉ", "Off", tthc.DayKind.CLOSURE, "Quyết định 1/QĐ-UBND"
    )
    cal = tthc.WorkingCalendar(dt.date(2026, 1, 1), dt.date(2026, 12, 31), special_days=[day])
    back = tthc.loads(tthc.dumps(cal), tthc.WorkingCalendar)
    assert back == cal
    assert back.special_days[dt.date(2026, 3, 2)].source == "Quyết định 1/QĐ-UBND"
    national = tthc.loads(tthc.dumps(tthc.WorkingCalendar.vietnam()), tthc.WorkingCalendar)
    assert national.special_days[dt.date(2026, 1, 10)].source == (
        "Công văn 12729/VPCP-KGVX, 25/12/2025, Văn phòng Chính phủ"
    )
    closing = tthc.Schedule(tthc.WorkingCalendar.vietnam(), ends_at_close=True)
    round_trips(closing, tthc.Schedule)
    assert tthc.loads(tthc.dumps(closing), tthc.Schedule).ends_at_close


def test_envelope_is_checked() -> None:
    text = tthc.dumps(tthc.WorkingDays(3))
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads(text.replace("tthc/1", "tthc/2"), tthc.TimeLimit)
    assert info.value.path == "$.format"
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads(text, tthc.Procedure)
    assert info.value.path == "$.type"
    with pytest.raises(tthc.JsonFormatError):
        tthc.loads(
            tthc.dumps(tthc.CalendarDays(5)).replace("CalendarDays", "WorkingDays"),
            tthc.WorkingDays,
        )


# -- bounded, strict input -------------------------------------------------------------------


def test_loads_refuses_deep_nesting_and_loose_types() -> None:
    with pytest.raises(tthc.JsonFormatError, match="nested too deeply"):
        tthc.loads("[" * 100_000, tthc.Schedule)
    dossier = tthc.dossier._example()
    data = json.loads(tthc.dumps(dossier))
    data["value"]["strict"] = "false"
    with pytest.raises(tthc.JsonFormatError, match="strict must be true or false"):
        tthc.loads(json.dumps(data), tthc.Dossier)
    calendar = json.loads(tthc.dumps(tthc.WorkingCalendar.vietnam(start_year=2025, end_year=2027)))
    calendar["value"]["removed"] = "2026-01-01"
    with pytest.raises(tthc.JsonFormatError, match="removed must be a list"):
        tthc.loads(json.dumps(calendar), tthc.WorkingCalendar)


def test_a_small_file_cannot_ask_for_a_huge_calendar() -> None:
    text = '{"start": "0001-01-01", "end": "9999-12-31"}'
    with pytest.raises(tthc.JsonFormatError, match="at most 400 years"):
        tthc.loads(text, tthc.WorkingCalendar)


def test_loading_dossiers_reuses_one_schedule_per_configuration() -> None:
    from tthc.dossier import _example

    cal = tthc.WorkingCalendar.vietnam(closures={dt.date(2026, 12, 8): "Bão"})
    province = tthc.Schedule(cal, "07:00-11:30,13:30-17:00")
    for schedule in (tthc.Schedule.vietnam(), province):
        d = tthc.Dossier.replay(_example().procedure, schedule, _example().events)
        text = tthc.dumps(d)
        first, second = tthc.loads(text, tthc.Dossier), tthc.loads(text, tthc.Dossier)
        assert first == d
        assert first.schedule is second.schedule
        assert first.procedure is second.procedure


def test_readings_of_published_texts_round_trip() -> None:
    for text in (
        "05 ngày làm việc; trường hợp phải xác minh thì 10 ngày làm việc (bao gồm niêm yết)",
        "- Tiếp nhận: 03 ngày làm việc;\n- Thẩm định: 08 ngày",
        "20 ngày, kể từ ngày kết thúc thẩm định",
        "04 tháng",
    ):
        reading = tthc.parse_limit_text(text)
        assert tthc.loads(tthc.dumps(reading), tthc.LimitText) == reading
        for item in (*reading.alternatives, *reading.stages):
            assert tthc.loads(tthc.dumps(item), tthc.ConditionalLimit) == item
    assert tthc.loads(tthc.dumps(tthc.Months(4)), tthc.TimeLimit) == tthc.Months(4)
    with pytest.raises(tthc.JsonFormatError):
        tthc.loads(
            '{"condition": "x", "limit": "03 ngày làm việc", "kind": "nope"}', tthc.ConditionalLimit
        )
