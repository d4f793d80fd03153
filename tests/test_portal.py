"""Tests of tthc.portal: the National Public Service Portal's synchronisation record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum
import pytest

import tthc
from tthc import EventKind, from_portal_record, to_portal_record

VN = "Asia/Ho_Chi_Minh"
SIMULATED = tthc.simulate(start=dt.date(2026, 2, 2), end=dt.date(2026, 3, 31), seed=11)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=VN)


def test_record_fields_and_formats() -> None:
    d = (
        tthc.Dossier.receive(
            tthc.Catalog.bundled()["1.004873"],
            received_at=at(2026, 12, 7, 10),
            channel=tthc.Channel.ONLINE,
            schedule=tthc.Schedule.vietnam(),
            code="000.00.12.H12-261207-0001",
        )
        .request_supplement(at(2026, 12, 8, 8), "x")
        .supplement(at(2026, 12, 9, 8))
        .resolve(at(2026, 12, 10, 16))
        .return_result(at(2026, 12, 11, 9))
    )
    record = to_portal_record(d, applicant="Nguyễn Văn A")
    assert record == {
        "MaHoSo": "000.00.12.H12-261207-0001",
        "MaTTHC": "1.004873",
        "TenTTHC": "Xác nhận tình trạng hôn nhân",
        "MaLinhVuc": None,
        "TenLinhVuc": "Hộ tịch",
        "KenhThucHien": 2,
        "ChuHoSo": "Nguyễn Văn A",
        "NgayTiepNhan": "20261207100000",
        "NgayHenTra": "20261211170000",
        "NgayKetThucXuLy": "20261210160000",
        "NgayTra": "20261211090000",
        "TrangThaiHoSo": 10,
        "DanhSachHoSoBoSung": [
            {
                "NgayBoSung": "20261209080000",
                "NgayHenTraTruoc": "20261210170000",
                "NgayHenTraMoi": "20261211170000",
            }
        ],
    }
    again = from_portal_record(record)
    assert again.status is tthc.Status.RETURNED
    assert again.due_at == d.due_at
    assert again.outcome is d.outcome is tthc.Outcome.EARLY


def test_dates_are_vietnam_local_time_whatever_the_zone() -> None:
    utc = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)
    d = tthc.Dossier.receive(
        tthc.Catalog.bundled()["2.000815"],
        received_at=utc,
        channel=1,
        schedule=tthc.Schedule.vietnam(),
    )
    assert to_portal_record(d)["NgayTiepNhan"] == "20261207100000"


@pytest.mark.parametrize("dossier", SIMULATED[::7], ids=lambda d: d.code or "")
def test_import_gives_back_what_reports_need(dossier: tthc.Dossier) -> None:
    kinds = {e.kind for e in dossier.events}
    again = from_portal_record(to_portal_record(dossier))
    assert again.status.portal_code == dossier.status.portal_code
    assert again.channel is dossier.channel
    assert again.received_at == dossier.received_at
    assert again.resolved_at == dossier.resolved_at
    assert again.returned_at == dossier.returned_at
    if not kinds & {EventKind.PAYMENT_REQUESTED, EventKind.VERIFICATION_STARTED}:
        assert again.due_at == dossier.due_at  # the record carries supplements only
        assert again.outcome is dossier.outcome


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"TrangThaiHoSo": 11}, "Status"),
        ({"TrangThaiHoSo": "9"}, "$.TrangThaiHoSo"),
        ({"KenhThucHien": 4}, "Channel"),
        ({"NgayTiepNhan": "2026-12-07"}, "$.NgayTiepNhan"),
        ({"NgayTiepNhan": "20261307100000"}, "$.NgayTiepNhan"),
        ({"MaTTHC": "9.999999"}, "9.999999"),
        ({"Extra": 1}, "unknown fields"),
        ({"TrangThaiHoSo": 9, "NgayKetThucXuLy": None}, "$.NgayKetThucXuLy"),
        ({"DanhSachHoSoBoSung": [{"NgayHenTraMoi": "20261211170000"}]}, "NgayBoSung"),
    ],
)
def test_bad_records_raise_clear_errors(change: dict[str, Any], path: str) -> None:
    d = tthc.Dossier.receive(
        tthc.Catalog.bundled()["1.004873"],
        received_at=at(2026, 12, 7, 10),
        channel=2,
        schedule=tthc.Schedule.vietnam(),
    )
    record = {**to_portal_record(d), **change}
    with pytest.raises(tthc.JsonFormatError) as info:
        from_portal_record(record)
    assert path in str(info.value)
    assert isinstance(info.value, ValueError)


def test_parse_instant_is_public_and_strict() -> None:
    vn = "Asia/Ho_Chi_Minh"
    assert tthc.parse_instant("20261204153000") == pendulum.datetime(2026, 12, 4, 15, 30, tz=vn)
    assert tthc.parse_instant(" 2026-12-04 15:30 ") == pendulum.datetime(2026, 12, 4, 15, 30, tz=vn)
    assert tthc.parse_instant("2026-12-04T08:30Z").in_timezone(vn).hour == 15
    assert tthc.parse_instant("2026-12-04 15:30", tz="UTC").hour == 15
    with pytest.raises(tthc.InstantParseError) as info:
        tthc.parse_instant("04/12/2026")
    assert info.value.value == "04/12/2026"
    assert isinstance(info.value, ValueError)
    with pytest.raises(tthc.InstantParseError):
        tthc.parse_instant("２０２６１２０４１５３０００")  # full-width digits are not the portal's
    with pytest.raises(tthc.OutOfRangeError):
        tthc.parse_instant("9999-12-31T23:59:59-05:00")
    with pytest.raises(tthc.InputTypeError):
        tthc.parse_instant(20261204153000)  # type: ignore[arg-type]
