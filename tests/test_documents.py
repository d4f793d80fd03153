"""Tests of tthc.documents: every slip parsed back, the PDFs' text and pages, the HTML report."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from html.parser import HTMLParser
from typing import Any

import pendulum
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
import tthc.strategies
from tthc.documents import (
    FORMS,
    html_to_pdf,
    report_html,
    slip_html,
    slip_pdf,
    tracking_book_html,
    tracking_book_pdf,
)
from tthc.simulate import simulate

VN = "Asia/Ho_Chi_Minh"
OPTIONAL = (
    "numpy",
    "pyarrow",
    "sqlalchemy",
    "openpyxl",
    "matplotlib",
    "weasyprint",
    "dask",
    "pyspark",
    "jinja2",
    "polars",
    "pandas",
)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=VN)


def received() -> tthc.Dossier:
    return tthc.Dossier.receive(
        tthc.Catalog.bundled()["1.004873"],
        received_at=at(2026, 12, 7, 10),
        channel=tthc.Channel.IN_PERSON,
        schedule=tthc.Schedule.vietnam(),
        code="000.00.12.H12-261207-0001",
    )


def full_story() -> tthc.Dossier:
    return (
        received()
        .hand_over(at(2026, 12, 7, 11), "Công chức tư pháp - hộ tịch")
        .request_supplement(at(2026, 12, 8, 9), "Bổ sung bản sao giấy khai sinh")
        .supplement(at(2026, 12, 9, 9))
        .reschedule(at(2026, 12, 9, 10), at(2026, 12, 15, 17), "Cần xác minh tại nơi cư trú cũ")
        .hand_over(at(2026, 12, 10, 9), "Lãnh đạo UBND xã")
        .resolve(at(2026, 12, 11, 9))
        .return_result(at(2026, 12, 11, 10))
    )


class Page(HTMLParser):
    """The text, the tags and the table cells of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.cells: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def test_import_tthc_imports_no_optional_dependency() -> None:
    code = f"import sys, tthc, tthc.cli; print(sorted(m for m in {OPTIONAL!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_receipt_shows_the_dossier_as_the_library_computes_it() -> None:
    d = received()
    page = Page(slip_html(d, "receipt", applicant="Trần Thị B (được ủy quyền)", place="An Bình"))
    text = page.plain
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "BM.01" in text
    assert "000.00.12.H12-261207-0001" in text
    assert "Xác nhận tình trạng hôn nhân" in text
    assert "Trần Thị B (được ủy quyền)" in text
    assert "10 giờ 00 phút, Thứ Hai ngày 07/12/2026" in text  # received
    assert "17 giờ 00 phút, Thứ Năm ngày 10/12/2026" in text  # due, as Dossier.due_at
    assert d.due_at == at(2026, 12, 10, 17)
    assert "An Bình, ngày 07 tháng 12 năm 2026" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    for line in d.schedule.deadline(d.received_at, d.limit).explain():  # type: ignore[arg-type]
        assert line in text
    assert page.tags[0] == "html"
    assert "style" in page.tags
    # the dossier's paper list is the procedure's
    for document in d.procedure.documents:
        assert document.name in page.cells


def test_every_slip_of_a_full_story() -> None:
    d = full_story()
    kinds = [kind for kind in FORMS if kind not in ("tracking_book", "refusal")]
    texts = {kind: Page(slip_html(d, kind)).plain for kind in kinds}
    assert "Bổ sung bản sao giấy khai sinh" in texts["supplement"]
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in texts["supplement"]
    assert "không tính vào thời hạn giải quyết" in texts["supplement"]  # the procedure's policy
    assert "Cần xác minh tại nơi cư trú cũ" in texts["apology"]
    assert "17 giờ 00 phút, Thứ Ba ngày 15/12/2026" in texts["apology"]  # the new date
    control = Page(slip_html(d, "control_slip"))
    assert "Công chức tư pháp - hộ tịch" in control.cells[5 + 5]
    assert "Lãnh đạo UBND xã" in control.plain
    assert d.outcome is not None
    assert d.outcome.label in control.cells
    assert "Trả kết quả" in control.cells
    with pytest.raises(tthc.DocumentNotApplicableError) as info:
        slip_html(d, "refusal")
    assert info.value.kind == "refusal"
    assert info.value.value is d
    assert isinstance(info.value, ValueError)


def test_refusal_and_guidance_at_intake() -> None:
    sched = tthc.Schedule.vietnam()
    p = tthc.Catalog.bundled()["1.004873"]
    submitted = tthc.Dossier.submit(p, submitted_at=at(2026, 12, 7, 9), channel=2, schedule=sched)
    refused = submitted.refuse(at(2026, 12, 7, 10), "Không thuộc thẩm quyền của UBND xã")
    text = Page(slip_html(refused, "refusal")).plain
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Không thuộc thẩm quyền của UBND xã" in text
    turned_back = submitted.not_receive(at(2026, 12, 7, 10), "Thiếu tờ khai")
    text = Page(slip_html(turned_back, "supplement")).plain
    assert "Thiếu tờ khai" in text
    assert "chưa tiếp nhận" in text
    for kind in ("receipt", "control_slip", "apology"):
        with pytest.raises(tthc.DocumentNotApplicableError):
            slip_html(refused, kind)


def test_text_is_escaped() -> None:
    d = received().request_supplement(at(2026, 12, 8, 9), "<script>alert(1)</script> & co")
    html = slip_html(d, "supplement", applicant="<b>X</b>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>X</b>" not in html


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: slip_html("not a dossier", "receipt"), tthc.InputTypeError),  # type: ignore[arg-type]
        (lambda: slip_html(received(), "tracking_book"), tthc.InputTypeError),
        (lambda: slip_html(received(), "bm01"), tthc.InputTypeError),
        (lambda: slip_html(received(), "apology"), tthc.DocumentNotApplicableError),
        (
            lambda: tracking_book_html([], start=dt.datetime(2026, 1, 1), end=dt.date(2026, 1, 2)),
            tthc.InputTypeError,
        ),
        (lambda: report_html("report"), tthc.InputTypeError),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_a_typed_error(call: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()


def test_pdf_text_keeps_every_diacritic_and_fits_one_a4_page() -> None:
    d = full_story()
    for kind, title in (
        ("receipt", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
        ("apology", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
        ("control_slip", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    ):
        data = slip_pdf(d, kind, applicant="Lê Thị C (được ủy quyền)")
        text, pages = pdf_text(data)
        assert pages == 1, kind
        assert title in text, kind
        assert "Lê Thị C (được ủy quyền)" in text or kind == "apology"
        reader = pypdf.PdfReader(io.BytesIO(data))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text, _ = pdf_text(slip_pdf(d, "receipt"))
    assert "Xác nhận tình trạng hôn nhân" in text
    assert "17 giờ 00 phút" in text


def test_tracking_book_lists_the_period_in_order_and_prints_landscape() -> None:
    start, end = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    dossiers = simulate(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 5), seed=3)
    inside = [
        d for d in dossiers if d.received_at is not None and start <= d.received_at.date() <= end
    ]
    page = Page(tracking_book_html(dossiers, start=start, end=end, issuer="UBND xã An Bình"))
    codes = [cell for cell in page.cells if cell.startswith("000.")]
    expected = [d.code for d in sorted(inside, key=lambda d: (d.received_at, d.code or ""))]
    assert codes == expected
    assert f"Tổng số: {len(inside)} hồ sơ" in page.plain
    data = tracking_book_pdf(dossiers, start=start, end=end)
    text, pages = pdf_text(data)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert pages >= 1
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape


def test_html_to_pdf_needs_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if not installed
    with pytest.raises(tthc.MissingDependencyError) as info:
        html_to_pdf("<p>x</p>")
    assert info.value.extra == "pdf"
    assert info.value.value == "weasyprint"
    assert isinstance(info.value, ImportError)
    assert "pip install 'tthc[pdf]'" in str(info.value)


def test_documents_need_jinja2(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    monkeypatch.delitem(sys.modules, "tthc.documents")
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(tthc.MissingDependencyError) as info:
        importlib.import_module("tthc.documents")
    assert info.value.extra == "html"


def test_report_page_is_self_contained_with_the_table_charts_and_notes() -> None:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    dossiers = simulate(start=start, end=end, seed=5)
    report = tthc.Report.build(dossiers, start=start, end=end)
    html = report_html(report, dossiers=dossiers, title="UBND xã An Bình")
    page = Page(html)
    assert page.tags.count("svg") == 2
    assert "<?xml" not in html
    assert "<!DOCTYPE svg" not in html
    # no server, no network: nothing is fetched
    for attrs in page.attrs:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not value.startswith(("http", "//", "/")), value
    assert "<link" not in html
    assert "<script" not in html
    # the numbers of the report, in the table
    assert str(report.total.received) in page.cells
    assert f"{report.total.on_time_rate:.2f}%" in page.cells
    for row in report.rows:
        assert row.group in page.cells
    # two header rows: the sections span their columns
    assert "Số hồ sơ nhận giải quyết" in page.cells
    header = [a for a in page.attrs if a.get("colspan")]
    assert [a["colspan"] for a in header] == ["4", "4", "3", "4", "3"]
    assert "Quyết định 766/QĐ-TTg" in page.plain
    plain = report_html(report, charts=False)
    assert "<svg" not in plain


@settings(max_examples=15)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=40,
    )
)
def test_any_note_comes_back_from_the_html(note: str) -> None:
    d = received().request_supplement(at(2026, 12, 8, 9), note)
    assert " ".join(note.split()) in Page(slip_html(d, "supplement")).plain


@settings(max_examples=40, deadline=None)
@given(d=tthc.strategies.dossiers())
def test_every_dossier_gives_exactly_the_slips_its_history_supports(d: tthc.Dossier) -> None:
    kinds = {e.kind for e in d.events}
    expected = {
        "receipt": d.received_at is not None,
        "control_slip": d.received_at is not None,
        "supplement": bool(
            kinds & {tthc.EventKind.SUPPLEMENT_REQUESTED, tthc.EventKind.NOT_RECEIVED}
        ),
        "refusal": tthc.EventKind.REFUSED in kinds,
        "apology": tthc.EventKind.RESCHEDULED in kinds,
    }
    for kind, applicable in expected.items():
        if applicable:
            page = Page(slip_html(d, kind))
            assert FORMS[kind].title in page.plain
            assert FORMS[kind].number in page.plain
        else:
            with pytest.raises(tthc.DocumentNotApplicableError):
                slip_html(d, kind)
    if d.received_at is not None:
        receipt = Page(slip_html(d, "receipt")).plain
        deadline = d.receipt_deadline
        assert deadline is not None
        assert f"{deadline.due_at:%H} giờ {deadline.due_at:%M} phút" in receipt
        assert f"{deadline.due_at:%d/%m/%Y}" in receipt
