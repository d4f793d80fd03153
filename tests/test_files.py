"""Tests of tthc.files: JSON Lines of dossiers and the portal's CSV export."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
from pathlib import Path

import attrs
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


# -- encodings, formats and delimiters ------------------------------------------------------

ROW = "A1,1.004873,2,20261207100000,20261210170000,20261209160000,,9\n"


def _cp1258(char: str) -> bytes:
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:  # base letter (precomposed when it can be) + combining tone
        base, tone = unicodedata.normalize("NFD", char)[:-1], unicodedata.normalize("NFD", char)[-1]
        return unicodedata.normalize("NFC", base).encode("cp1258") + tone.encode("cp1258")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252"])
def test_portal_csv_in_every_encoding_a_portal_writes(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.csv"
    text = HEADER + ROW.replace("A1", "Hồ sơ A1" if encoding != "cp1252" else "Dossier Ä1")
    if encoding == "cp1258":  # Windows-1258 writes tone marks as combining characters
        data = b"".join(_cp1258(char) for char in text)
    else:
        data = text.encode(encoding)
    path.write_bytes(data)
    loaded = read_portal_csv(path)
    assert loaded.rows_read == 1
    assert loaded.dossiers[0].code == ("Hồ sơ A1" if encoding != "cp1252" else "Dossier Ä1")


def test_utf16_without_bom_and_binary_streams() -> None:
    data = (HEADER + ROW).encode("utf-16-le")
    assert read_portal_csv(io.BytesIO(data)).rows_read == 1
    assert tthc.files.decode_bytes(data)[1] == "utf-16-le"


def test_bytes_no_encoding_reads_are_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(b"\x00\x81\x8d\x8f\x90\x9d" * 10 + b"\xff")
    with pytest.raises(tthc.FileEncodingError) as info:
        read_portal_csv(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, tthc.InputFileError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_found_from_the_header(delimiter: str) -> None:
    text = (HEADER + ROW).replace(",", delimiter)
    assert read_portal_csv(io.StringIO(text)).rows_read == 1


def test_missing_columns_names_the_delimiter_read() -> None:
    with pytest.raises(tthc.InputFileError, match="delimiter ','; the portal's columns are"):
        read_portal_csv(io.StringIO("MaHoSo:MaTTHC\n"))


def test_read_dossiers_detects_the_format(tmp_path: Path) -> None:
    dossiers = tthc.simulate(start=dt.date(2026, 2, 2), end=dt.date(2026, 2, 3), seed=4)
    path = tmp_path / "dossiers.CSV"  # the extension does not decide
    write_dossiers_jsonl(dossiers, path)
    assert list(tthc.read_dossiers(path).dossiers) == dossiers
    csv_path = tmp_path / "export.jsonl"
    csv_path.write_text(HEADER + ROW, encoding="utf-8")
    assert tthc.read_dossiers(csv_path).rows_read == 1
    with pytest.raises(tthc.InputFileError):
        tthc.read_dossiers(csv_path, format="jsonl")
    with pytest.raises(tthc.InputTypeError):
        tthc.read_dossiers(csv_path, format="xlsx")
    with pytest.raises(tthc.InputTypeError):
        tthc.read_dossiers(csv_path, errors="ignore")


# -- every bad row is named --------------------------------------------------------------

BAD_ROWS = [
    ("A1,1.004873,2,20261207110000,,,,2", "duplicate", "already on line 2"),
    ("A3,1.004873,2,20261207100000,,20261209160000,,4", "contradiction", "NgayKetThucXuLy"),
    ("A4,1.004873,2,20261207100000,,,20261209160000,9", "contradiction", "NgayTra"),
    ("A5,1.004873,2,20261207100000,,20261209160000,20261208160000,10", "out_of_order", "earlier"),
    ("A6,1.004873,2,19990107100000,,20261209160000,,9", "out_of_range", "1999"),
    ("A7,1.004873,2,20261207100000,2026121017000x,,,2", "malformed", "NgayHenTra"),
    ("A8", "malformed", "fewer cells"),
]


def test_collect_lists_every_bad_row_with_line_code_and_kind() -> None:
    text = HEADER + ROW + "".join(row + "\n" for row, _, _ in BAD_ROWS)
    loaded = read_portal_csv(io.StringIO(text), errors="collect")
    assert [d.code for d in loaded.dossiers] == ["A1"]
    assert loaded.rows_read == len(loaded.dossiers) + len(loaded.problems) == 8
    for problem, (row, kind, words) in zip(loaded.problems, BAD_ROWS, strict=True):
        assert problem.kind == kind, problem
        assert words in problem.message
        assert problem.code == row.split(",")[0]
        assert problem.message.startswith(f"line {problem.line}: ")
    assert [p.line for p in loaded.problems] == list(range(3, 10))


@pytest.mark.parametrize(("row", "kind", "words"), BAD_ROWS)
def test_raise_names_the_first_bad_row(row: str, kind: str, words: str) -> None:
    with pytest.raises(tthc.InputFileError) as info:
        read_portal_csv(io.StringIO(HEADER + ROW + row + "\n"))
    assert info.value.line == 3
    assert words in str(info.value)


def test_jsonl_duplicates_and_out_of_order_events_are_listed() -> None:
    first = tthc.simulate(start=dt.date(2026, 2, 2), end=dt.date(2026, 2, 2), seed=4)[0]
    out = io.StringIO()
    write_dossiers_jsonl([first, first], out)
    swapped = out.getvalue().splitlines()[0]
    record = json.loads(swapped)
    record["events"] = list(reversed(record["events"]))
    text = out.getvalue() + json.dumps(record) + "\n" + "[" * 100_000 + "\n"
    loaded = read_dossiers_jsonl(io.StringIO(text), errors="collect")
    assert len(loaded.dossiers) == 1
    kinds = [(p.line, p.kind) for p in loaded.problems]
    assert kinds[0] == (2, "duplicate")
    assert kinds[-1] == (4, "malformed")
    assert "nested too deeply" in loaded.problems[-1].message
    assert loaded.rows_read == 4


def test_csv_edge_cases_are_errors_with_a_line() -> None:
    cr_only = (HEADER + ROW).replace("\n", "\r")
    assert read_portal_csv(io.StringIO(cr_only)).rows_read == 1
    huge = HEADER + "A1," + "x" * 200_000 + ",2,20261207100000,,,,2\n"
    with pytest.raises(tthc.InputFileError) as info:
        read_portal_csv(io.StringIO(huge))
    assert info.value.line >= 1
    with pytest.raises(tthc.InputFileError, match="line 1"):
        read_portal_csv(io.StringIO(""))


def test_local_codes_fall_back_to_the_national_procedure() -> None:
    row = ROW.replace("1.004873", "1.004873.000.00.00.H12")
    loaded = read_portal_csv(io.StringIO(HEADER + row))
    assert loaded.dossiers[0].procedure.code == "1.004873"
    assert loaded.local_codes == (2,)


# -- writers ----------------------------------------------------------------------------


def test_writer_is_atomic_and_refuses_what_the_reader_would(tmp_path: Path) -> None:
    dossiers = tthc.simulate(start=dt.date(2026, 2, 2), end=dt.date(2026, 2, 3), seed=4)
    path = tmp_path / "d.jsonl"
    write_dossiers_jsonl(dossiers, path)
    before = path.read_bytes()
    events = dossiers[0].events
    bad_note = [*events[:-1], attrs.evolve(events[-1], note="x\udc80")]
    broken = tthc.Dossier.replay(dossiers[0].procedure, dossiers[0].schedule, bad_note)
    with pytest.raises(tthc.InputTypeError, match="not valid Unicode"):
        write_dossiers_jsonl([*dossiers, broken], path)
    assert path.read_bytes() == before  # the old file is untouched, no temporary left
    assert [p.name for p in tmp_path.iterdir()] == ["d.jsonl"]
    custom = attrs.evolve(dossiers[0].procedure, code="9.999999")
    stranger = tthc.Dossier.replay(custom, dossiers[0].schedule, dossiers[0].events)
    with pytest.raises(tthc.InputTypeError, match="catalog"):
        write_dossiers_jsonl([stranger], path)
    catalog = tthc.Catalog.bundled().merge([custom])
    assert write_dossiers_jsonl([stranger], path, catalog=catalog) == 1
    assert read_dossiers_jsonl(path, catalog).dossiers == (stranger,)
    other = tthc.Schedule.vietnam(hours="07:00-11:00,13:00-17:00")
    moved = tthc.Dossier.replay(dossiers[0].procedure, other, dossiers[0].events)
    with pytest.raises(tthc.InputTypeError, match="schedule"):
        write_dossiers_jsonl([moved], path)
    with pytest.raises(tthc.InputTypeError, match="expected Dossier"):
        write_dossiers_jsonl(["x"], io.StringIO())  # type: ignore[list-item]


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
