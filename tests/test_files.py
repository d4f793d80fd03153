"""Tests of tthc.files: JSON Lines of dossiers and the portal's CSV export."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

import tthc
from tthc import read_dossiers_jsonl, read_portal_csv, write_dossiers_jsonl

HEADER = (
    "MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,TrangThaiHoSo\n"
)


def test_jsonl_round_trip(tmp_path: Path) -> None:
    dossiers = tthc.simulate(start=dt.date(2026, 2, 2), end=dt.date(2026, 2, 27), seed=4)
    path = tmp_path / "dossiers.jsonl"
    assert write_dossiers_jsonl(dossiers, path) == len(dossiers)
    loaded = read_dossiers_jsonl(path)
    assert loaded.rows_read == len(dossiers)
    assert list(loaded.dossiers) == dossiers
    assert [d.due_at for d in loaded.dossiers] == [d.due_at for d in dossiers]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2"),
        ('{"procedure": "9.999999", "events": []}', "9.999999"),
        ('{"procedure": "1.004873"}', "line 2"),
        (
            '{"procedure": "1.004873", "events": [{"kind": "resolved", "at": '
            '"2026-12-07T10:00:00+07:00"}]}',
            "not been submitted",
        ),
        (
            '{"procedure": "1.004873", "events": [{"kind": "received", "at": '
            '"2026-12-07T10:00:00"}]}',
            "no UTC offset",
        ),
    ],
)
def test_jsonl_errors_carry_the_line_number(line: str, message: str) -> None:
    good = (
        '{"procedure": "1.004873", "events": [{"kind": "received", "at": '
        '"2026-12-07T10:00:00+07:00", "channel": "online"}]}'
    )
    with pytest.raises(tthc.InputFileError) as info:
        read_dossiers_jsonl(io.StringIO(f"{good}\n{line}\n"))
    assert info.value.line == 2
    assert message in str(info.value)


def test_portal_csv_every_status() -> None:
    rows = [
        "A1,1.004873,2,20261207100000,20261210170000,20261209160000,20261209170000,10",
        "A2,1.004873,1,20261207100000,20261210170000,20261211090000,,9",
        "A3,1.004873,3,20261207100000,20261210170000,,,4",
        "A4,1.004873,2,20261207100000,,,,2",
        "A5,1.004873,2,20261207100000,,,,1",
        "A6,1.004873,1,20261207100000,,20261207101000,,3",
        "A7,1.004873,1,20261207100000,,20261208090000,,7",
        "A8,1.004873,1,20261207100000,,20261208090000,,8",
        "A9,2.000815,1,2026-12-07T16:00:00+07:00,20261208170000,2026-12-08 10:00,,9",
    ]
    loaded = read_portal_csv(io.StringIO(HEADER + "\n".join(rows) + "\n"))
    assert loaded.rows_read == 9
    statuses = [d.status.portal_code for d in loaded.dossiers]
    assert statuses == [10, 9, 4, 2, 1, 3, 7, 8, 9]
    assert loaded.dossiers[0].outcome is tthc.Outcome.EARLY
    assert loaded.dossiers[1].outcome is tthc.Outcome.LATE
    assert loaded.dossiers[8].outcome is tthc.Outcome.ON_TIME  # after 15:00: due next day
    assert loaded.dossiers[0].code == "A1"
    assert loaded.due_mismatches == ()


def test_portal_csv_due_mismatch_is_reported() -> None:
    row = "A1,1.004873,2,20261207100000,20261214170000,20261209160000,,9\n"
    assert read_portal_csv(io.StringIO(HEADER + row)).due_mismatches == (2,)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A1,9.999999,2,20261207100000,,,,2", "9.999999"),
        ("A1,1.004873,5,20261207100000,,,,2", "KenhThucHien"),
        ("A1,1.004873,2,20261207100000,,,,42", "TrangThaiHoSo"),
        ("A1,1.004873,x,20261207100000,,,,2", "KenhThucHien"),
        ("A1,1.004873,2,20261307100000,,,,2", "NgayTiepNhan"),
        ("A1,1.004873,2,,,,,2", "NgayTiepNhan: required"),
        ("A1,1.004873,2,20261207100000,,,,9", "NgayKetThucXuLy: required"),
        ("A1,1.004873,2,20261207100000,,20261206100000,,9", "earlier"),
        ("A1,1.004873,2,20261207100000,,,,2,extra", "more cells"),
    ],
)
def test_portal_csv_errors_carry_the_line_number(row: str, message: str) -> None:
    good = "A0,1.004873,2,20261207100000,,,,2\n"
    with pytest.raises(tthc.InputFileError) as info:
        read_portal_csv(io.StringIO(HEADER + good + row + "\n"))
    assert info.value.line == 3
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_portal_csv_needs_its_columns() -> None:
    with pytest.raises(tthc.InputFileError) as info:
        read_portal_csv(io.StringIO("MaHoSo,MaTTHC\nA,1.004873\n"))
    assert info.value.line == 1


def test_iter_dossiers_jsonl_streams_what_read_dossiers_jsonl_reads() -> None:
    from tthc import iter_dossiers_jsonl

    found = tthc.simulate(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 6), seed=1, per_day=3)
    out = io.StringIO()
    write_dossiers_jsonl(found, out)
    text = out.getvalue()
    assert list(iter_dossiers_jsonl(io.StringIO(text + "\n"))) == found
    bad = text + '{"procedure": "9.999999", "events": []}\n'
    stream = iter_dossiers_jsonl(io.StringIO(bad))
    with pytest.raises(tthc.InputFileError) as info:
        list(stream)
    assert info.value.line == len(found) + 1
