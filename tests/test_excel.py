"""Tests of tthc.excel: the workbook of Biểu II.06a read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TypedDict

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
from tthc.excel import SHEET, read_report, report_workbook, write_report
from tthc.simulate import simulate


class Period(TypedDict):
    start: dt.date
    end: dt.date


Q1 = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))


@pytest.fixture(scope="module")
def report() -> tthc.Report:
    return tthc.Report.build(simulate(**Q1, seed=11), **Q1, by="field")


def test_read_back_gives_the_same_numbers(report: tthc.Report, tmp_path: Path) -> None:
    path = report.to_xlsx(tmp_path / "q1.xlsx")
    rows = read_report(path)
    assert rows == [row.to_dict() for row in (*report.rows, report.total)]


def test_the_sheet_is_laid_out_like_the_form(report: tthc.Report, tmp_path: Path) -> None:
    path = write_report(report, tmp_path / "q1.xlsx")
    sheet = openpyxl.load_workbook(path)[SHEET]
    assert sheet["A1"].value == "BIỂU II.06a"
    assert "từ ngày 01/01/2026 đến ngày 31/03/2026" in sheet["A3"].value
    assert "23:59 ngày 31/03/2026" in sheet["A3"].value  # as of
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # two-row headers: STT and the group column span rows 5-6, the sections span columns
    assert {"A5:A6", "B5:B6", "C5:F5", "G5:J5", "K5:M5", "N5:Q5", "R5:T5"} <= merged
    assert [sheet.cell(5, c).value for c in (3, 7, 11, 14, 18)] == [
        "Số hồ sơ nhận giải quyết",
        "Đã giải quyết",
        "Đang giải quyết",
        "Khác",
        "Tỷ lệ %",
    ]
    assert sheet["B5"].value == "Lĩnh vực"
    assert [sheet.cell(6, c).value for c in range(3, 7)] == [
        "Tổng",
        "Trực tuyến",
        "TT+BC",
        "Kỳ trước",
    ]
    assert sheet["C7"].value == "(3)"  # the row of column numbers
    # one row per group, then the totals, in bold
    groups = [sheet.cell(8 + i, 2).value for i in range(len(report.rows) + 1)]
    assert groups == [*(r.group for r in report.rows), "Tổng cộng"]
    total_row = 8 + len(report.rows)
    assert sheet.cell(total_row, 2).font.b
    assert sheet.cell(total_row, 3).value == report.total.received
    # rates are Excel percentages, not text
    rate = sheet.cell(total_row, 18)
    assert rate.number_format == "0.00%"
    assert report.total.on_time_rate is not None
    assert rate.value == pytest.approx(report.total.on_time_rate / 100)
    assert sheet.freeze_panes == "C8"
    assert sheet.page_setup.orientation == "landscape"
    assert "Ghi chú:" in [sheet.cell(r, 1).value for r in range(total_row, total_row + 4)]


def test_an_empty_period_has_no_rates(tmp_path: Path) -> None:
    empty = tthc.Report.build([], **Q1, by=None)
    rows = read_report(write_report(empty, tmp_path / "e.xlsx"))
    assert rows == [empty.total.to_dict()]
    assert rows[0]["on_time_rate"] is None


def test_reading_a_foreign_workbook_is_an_input_file_error(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Sheet"  # type: ignore[union-attr]
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(tthc.InputFileError):
        read_report(tmp_path / "other.xlsx")
    book = report_workbook(tthc.Report.build([], **Q1))
    book[SHEET]["C6"] = "Changed"
    book.save(tmp_path / "changed.xlsx")
    with pytest.raises(tthc.InputFileError) as info:
        read_report(tmp_path / "changed.xlsx")
    assert info.value.line == 6


def test_to_xlsx_needs_openpyxl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delitem(sys.modules, "tthc.excel")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(tthc.MissingDependencyError) as info:
        tthc.Report.build([], **Q1).to_xlsx(tmp_path / "x.xlsx")
    assert info.value.extra == "excel"


def test_not_a_report_is_a_type_error() -> None:
    with pytest.raises(tthc.InputTypeError):
        report_workbook("report")  # type: ignore[arg-type]


@settings(max_examples=10)
@given(st.integers(min_value=0, max_value=10_000))
def test_any_seed_round_trips(tmp_path_factory: pytest.TempPathFactory, seed: int) -> None:
    dossiers = simulate(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 6), seed=seed)
    period = Period(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 4))
    report = tthc.Report.build(dossiers, **period, by="procedure")
    path = write_report(report, tmp_path_factory.mktemp("x") / "r.xlsx")
    assert read_report(path) == [row.to_dict() for row in (*report.rows, report.total)]
