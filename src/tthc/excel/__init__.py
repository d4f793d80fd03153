"""Biểu II.06a as an Excel workbook with openpyxl (``pip install 'tthc[excel]'``).

``import tthc`` never imports this package. The sheet is laid out like the
official form: the title with the period and the as-of instant, a two-row
header merged by section (*Số hồ sơ nhận giải quyết*, *Đã giải quyết*,
*Đang giải quyết*, ...), a row of column numbers, one row per group, the
totals, rates as Excel percentages, then the notes. Counts are numbers, not
text, so the province can add workbooks up.

:meth:`tthc.Report.to_xlsx` delegates here; :func:`read_report` reads a
workbook written by :func:`write_report` back into the report's rows.

Example:
    >>> import datetime, tempfile, pathlib, tthc
    >>> from tthc.excel import read_report, write_report
    >>> from tthc.simulate import simulate
    >>> q1 = dict(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
    >>> report = tthc.Report.build(simulate(**q1, seed=1), **q1)
    >>> path = write_report(report, pathlib.Path(tempfile.mkdtemp()) / "q1.xlsx")
    >>> read_report(path)[-1] == report.total.to_dict()
    True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tthc._extras import require

require("openpyxl", "excel")

from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.worksheet.properties import PageSetupProperties  # noqa: E402

from tthc.errors import InputFileError, InputTypeError  # noqa: E402
from tthc.report import _COLUMNS, _RATES, _SECTIONS, Report  # noqa: E402

__all__ = ["SHEET", "read_report", "report_workbook", "write_report"]

SHEET = "Biểu II.06a"
"""The name of the worksheet."""

_BY = {"field": "Lĩnh vực", "office": "Cơ quan", "procedure": "Thủ tục", None: "Nhóm"}
_HEADER_ROW = 5  # section titles; the column names are on the next row, numbers below
_FIRST_DATA_ROW = _HEADER_ROW + 3
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_FILL = PatternFill("solid", fgColor="DDE5F0")


def _columns() -> list[tuple[str, str, str, bool]]:
    """(attribute, section, Vietnamese header, is a rate) in the form's order."""
    return [(c[0], c[1], c[2], False) for c in _COLUMNS] + [
        (r[0], "rates", r[1], True) for r in _RATES
    ]


def report_workbook(report: Report) -> Any:
    """The report as an :class:`openpyxl.Workbook` with one sheet laid out like the form.

    Example:
        >>> import datetime, tthc
        >>> r = tthc.Report.build([], start=datetime.date(2026, 1, 1),
        ...                       end=datetime.date(2026, 3, 31))
        >>> sheet = report_workbook(r)[SHEET]
        >>> sheet["A1"].value, sheet["C5"].value, sheet["C6"].value
        ('BIỂU II.06a', 'Số hồ sơ nhận giải quyết', 'Tổng')
    """
    if not isinstance(report, Report):
        raise InputTypeError(f"expected Report, got {type(report).__name__}", value=report)
    columns = _columns()
    last_col = 2 + len(columns)
    book = Workbook()
    sheet = book.create_sheet(SHEET)
    book.remove(book.worksheets[0])
    book.properties.title = "Biểu II.06a"
    book.properties.subject = f"{report.start.isoformat()}/{report.end.isoformat()}"
    book.properties.creator = "tthc"

    def merged(row: int, first: int, last: int, value: Any, **style: Any) -> None:
        if last > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = sheet.cell(row=row, column=first, value=value)
        for key, item in style.items():
            setattr(cell, key, item)

    merged(1, 1, last_col, "BIỂU II.06a", font=Font(bold=True, size=14), alignment=_CENTER)
    merged(
        2,
        1,
        last_col,
        "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        font=Font(bold=True, size=13),
        alignment=_CENTER,
    )
    merged(
        3,
        1,
        last_col,
        f"Kỳ báo cáo: từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}; "
        f"số liệu tính đến {report.as_of:%H:%M ngày %d/%m/%Y}",
        font=Font(italic=True),
        alignment=_CENTER,
    )
    top, sub, numbers = _HEADER_ROW, _HEADER_ROW + 1, _HEADER_ROW + 2
    for col, title in ((1, "STT"), (2, _BY[report.by])):
        sheet.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
        sheet.cell(row=top, column=col, value=title)
    col = 3
    while col < last_col + 1:
        section = columns[col - 3][1]
        span = sum(1 for c in columns if c[1] == section)
        merged(top, col, col + span - 1, _SECTIONS[section][0])
        for offset in range(span):
            sheet.cell(row=sub, column=col + offset, value=columns[col - 3 + offset][2])
        col += span
    for col in range(1, last_col + 1):
        sheet.cell(row=numbers, column=col, value=f"({col})")
        for row in (top, sub, numbers):
            cell = sheet.cell(row=row, column=col)
            cell.font = Font(bold=row != numbers, italic=row == numbers)
            cell.alignment = _CENTER
            cell.border = _BOX
            cell.fill = _FILL
    data = [(str(index), row.to_dict()) for index, row in enumerate(report.rows, start=1)]
    data.append(("", report.total.to_dict()))
    for offset, (number, values) in enumerate(data):
        row = _FIRST_DATA_ROW + offset
        total = offset == len(data) - 1
        sheet.cell(row=row, column=1, value=int(number) if number else None)
        sheet.cell(row=row, column=2, value=values["group"])
        for index, (name, _, _, rate) in enumerate(columns, start=3):
            value = values[name]
            cell = sheet.cell(row=row, column=index)
            if rate:
                cell.value = None if value is None else value / 100
                cell.number_format = "0.00%"
            else:
                cell.value = value
                cell.number_format = "#,##0"
        for index in range(1, last_col + 1):
            cell = sheet.cell(row=row, column=index)
            cell.border = _BOX
            if total:
                cell.font = Font(bold=True)
    notes_row = _FIRST_DATA_ROW + len(data) + 1
    notes = [
        "Ghi chú:",
        "- Kỳ báo cáo tính cả ngày đầu và ngày cuối; hồ sơ đang giải quyết được đánh giá "
        f"lúc {report.as_of:%H:%M %d/%m/%Y}; {report.dossiers} hồ sơ.",
        "- Số hồ sơ nhận giải quyết (Tổng) = trực tuyến + trực tiếp và bưu chính (TT+BC) "
        "+ kỳ trước chuyển sang.",
        "- Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết; trực tuyến = trực tuyến / "
        "tiếp nhận trong kỳ; tiến độ (Quyết định 766/QĐ-TTg) = (trước hạn + đúng hạn + đang "
        "giải quyết trong hạn) / (đã giải quyết + đang giải quyết).",
    ]
    if report.rows_read is not None:
        notes.append(f"- Đã đọc {report.rows_read} dòng dữ liệu.")
    for offset, text in enumerate(notes):
        sheet.cell(row=notes_row + offset, column=1, value=text).font = Font(
            italic=offset > 0, bold=offset == 0
        )
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 36
    for col in range(3, last_col + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 10.5
    sheet.row_dimensions[sub].height = 30
    sheet.freeze_panes = sheet.cell(row=_FIRST_DATA_ROW, column=3)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{top}:{numbers}"
    return book


def write_report(report: Report, path: str | Path) -> Path:
    """Write :func:`report_workbook` to ``path`` (.xlsx); returns the path.

    Example:
        >>> import datetime, tempfile, pathlib, tthc
        >>> r = tthc.Report.build([], start=datetime.date(2026, 1, 1),
        ...                       end=datetime.date(2026, 3, 31))
        >>> write_report(r, pathlib.Path(tempfile.mkdtemp()) / "empty.xlsx").suffix
        '.xlsx'
    """
    target = Path(path)
    report_workbook(report).save(target)
    return target


def read_report(path: str | Path) -> list[dict[str, Any]]:
    """Read a workbook of :func:`write_report` back: one dict per row, totals last.

    Each dict is what :meth:`ReportRow.to_dict <tthc.ReportRow.to_dict>`
    gives: the group, the counts and the rates in percent.

    Raises:
        InputFileError: the sheet is not laid out as :func:`write_report` writes it.

    Example:
        >>> import datetime, tempfile, pathlib, tthc
        >>> r = tthc.Report.build([], start=datetime.date(2026, 1, 1),
        ...                       end=datetime.date(2026, 3, 31))
        >>> read_report(write_report(r, pathlib.Path(tempfile.mkdtemp()) / "r.xlsx"))
        [{'group': 'Tổng cộng', 'received': 0, 'received_online': 0, 'received_offline': 0, 'carried_over': 0, 'resolved': 0, 'early': 0, 'on_time': 0, 'late': 0, 'in_progress': 0, 'in_progress_within': 0, 'in_progress_overdue': 0, 'withdrawn': 0, 'stopped': 0, 'not_received': 0, 'refused': 0, 'on_time_rate': None, 'online_rate': None, 'progress_rate': None}]
    """
    book = load_workbook(Path(path), data_only=True)
    if SHEET not in book.sheetnames:
        raise InputFileError(f"no sheet named {SHEET!r} in {path}", line=0, value=str(path))
    sheet = book[SHEET]
    columns = _columns()
    headers = [sheet.cell(row=_HEADER_ROW + 1, column=3 + i).value for i in range(len(columns))]
    if headers != [c[2] for c in columns]:
        raise InputFileError(
            f"the header row {_HEADER_ROW + 1} is not that of Biểu II.06a",
            line=_HEADER_ROW + 1,
            value=headers,
        )
    rows: list[dict[str, Any]] = []
    row = _FIRST_DATA_ROW
    while True:
        group = sheet.cell(row=row, column=2).value
        if group is None:
            break
        values: dict[str, Any] = {"group": group}
        for index, (name, _, _, rate) in enumerate(columns, start=3):
            value: Any = sheet.cell(row=row, column=index).value
            if rate:
                values[name] = None if value is None else round(float(value) * 100, 2)
            else:
                values[name] = int(value)
        rows.append(values)
        row += 1
    return rows
