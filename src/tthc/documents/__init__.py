"""A dossier's one-stop documents as HTML (Jinja2) and PDF (WeasyPrint), and the HTML report.

Install with ``pip install 'tthc[html]'`` (HTML only) or ``'tthc[pdf]'``
(HTML and PDF). ``import tthc`` never imports this package; importing it
needs Jinja2, and :func:`slip_pdf` / :func:`html_to_pdf` need WeasyPrint
(with Pango from the system).

The documents of the one-stop mechanism (*cơ chế một cửa*, Decree
118/2025/NĐ-CP of 9 June 2025), each in :data:`FORMS` with its number:

==================  ======  ===================================================
kind                form    Vietnamese title
==================  ======  ===================================================
``receipt``         BM.01   Giấy tiếp nhận hồ sơ và hẹn trả kết quả
``supplement``      BM.02   Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
``refusal``         BM.03   Phiếu từ chối tiếp nhận giải quyết hồ sơ
``apology``         BM.04   Phiếu xin lỗi và hẹn lại ngày trả kết quả
``control_slip``    BM.05   Phiếu kiểm soát quá trình giải quyết hồ sơ
``tracking_book``   BM.06   Sổ theo dõi hồ sơ
==================  ======  ===================================================

The numbers are those of the forms *Mẫu số 01–06* of Circular
01/2018/TT-VPCP (Office of the Government, 23 November 2018), which tthc
uses as BM.01–BM.06 throughout. The circular implementing Decree 118/2025
could not be checked here (secondary sources name Circular 03/2025/TT-VPCP):
its form numbers are **not verified**; see docs/documents.md.

Every slip is A4 and printable, in Vietnamese with its diacritics; the
values come from the dossier's history (receipt, due, events, control slip),
never typed twice. Fields the history does not hold (the applicant's name,
address) are dotted lines to fill in unless given.

Example:
    >>> import tthc, pendulum
    >>> from tthc.documents import slip_html
    >>> d = tthc.Dossier.receive(tthc.Catalog.bundled()["1.004873"],
    ...     received_at=pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"),
    ...     channel=tthc.Channel.IN_PERSON, schedule=tthc.Schedule.vietnam())
    >>> page = slip_html(d, "receipt", applicant="Nguyễn Văn A")
    >>> "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page, "17 giờ 00 phút" in page
    (True, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from tthc._extras import require

require("jinja2", "html")

import jinja2  # noqa: E402
import markupsafe  # noqa: E402

from tthc.deadline import _fmt as _fmt_value  # noqa: E402
from tthc.dossier import Dossier, EventKind, Outcome, Status  # noqa: E402
from tthc.errors import DocumentNotApplicableError, InputTypeError  # noqa: E402
from tthc.procedure import PauseKind  # noqa: E402
from tthc.report import _COLUMNS, _RATES, _SECTIONS, Report  # noqa: E402

__all__ = [
    "FORMS",
    "Form",
    "html_to_pdf",
    "report_html",
    "slip_html",
    "slip_pdf",
    "tracking_book_html",
    "tracking_book_pdf",
]


@attrs.frozen
class Form:
    """One one-stop document: its kind, number, titles and template.

    Example:
        >>> FORMS["apology"].number, FORMS["apology"].title
        ('BM.04', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ')
    """

    kind: str
    number: str
    title: str
    title_en: str
    template: str


FORMS: Mapping[str, Form] = MappingProxyType(
    {
        form.kind: form
        for form in (
            Form(
                "receipt",
                "BM.01",
                "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                "Receipt and appointment slip",
                "receipt.html",
            ),
            Form(
                "supplement",
                "BM.02",
                "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                "Request to supplement the dossier",
                "supplement.html",
            ),
            Form(
                "refusal",
                "BM.03",
                "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
                "Refusal to receive the dossier",
                "refusal.html",
            ),
            Form(
                "apology",
                "BM.04",
                "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
                "Apology with a new date",
                "apology.html",
            ),
            Form(
                "control_slip",
                "BM.05",
                "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
                "Control slip of the processing",
                "control_slip.html",
            ),
            Form(
                "tracking_book",
                "BM.06",
                "SỔ THEO DÕI HỒ SƠ",
                "Dossier tracking book",
                "tracking_book.html",
            ),
        )
    }
)
"""The one-stop documents by kind (the table in the module docstring)."""

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _when(value: dt.datetime | None) -> str:
    """'10 giờ 00 phút, Thứ Hai ngày 07/12/2026', the slips' wording."""
    if value is None:
        return "…"
    return f"{value:%H} giờ {value:%M} phút, {_WEEKDAYS[value.weekday()]} ngày {value:%d/%m/%Y}"


def _day_line(value: dt.date) -> str:
    """'ngày 07 tháng 12 năm 2026', the place-and-date line."""
    return f"ngày {value:%d} tháng {value:%m} năm {value:%Y}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tthc.documents", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    env.filters["short"] = lambda v: "—" if v is None else _fmt_value(v, "vi")
    env.filters["day_line"] = _day_line
    env.filters["stamp"] = lambda v: (
        "—" if v is None else markupsafe.Markup(f"{v:%d/%m/%Y}<br>{v:%H:%M}")
    )
    return env


_ENV: jinja2.Environment | None = None


def _render(template: str, **context: Any) -> str:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV.get_template(template).render(**context)


def _check_dossier(value: Any) -> Dossier:
    if not isinstance(value, Dossier):
        raise InputTypeError(f"expected Dossier, got {type(value).__name__}", value=value)
    return value


def _last(dossier: Dossier, *kinds: EventKind) -> Any:
    found = [e for e in dossier.events if e.kind in kinds]
    return found[-1] if found else None


def _slip_context(dossier: Dossier, form: Form) -> dict[str, Any]:
    """What the template of ``form`` shows for ``dossier``, or why it cannot."""
    received = dossier.received_at
    context: dict[str, Any] = {"dossier": dossier, "procedure": dossier.procedure}

    def refuse(why: str) -> DocumentNotApplicableError:
        return DocumentNotApplicableError(
            f"no {form.number} ({form.kind}) for dossier {dossier.code or '(no code)'}: {why}",
            kind=form.kind,
            value=dossier,
        )

    if form.kind == "receipt":
        if received is None:
            raise refuse("it was never received")
        deadline = dossier.receipt_deadline
        assert deadline is not None  # received
        context.update(
            at=received,
            limit_text=dossier.procedure.time_limit_text or str(deadline.limit),
            deadline=deadline,
            explain=deadline.explain(),
        )
    elif form.kind == "supplement":
        event = _last(dossier, EventKind.SUPPLEMENT_REQUESTED, EventKind.NOT_RECEIVED)
        if event is None:
            raise refuse("no supplement was requested and it was not turned back at intake")
        context.update(
            at=event.at,
            event=event,
            at_intake=event.kind is EventKind.NOT_RECEIVED,
            policy=dossier.procedure.pause_policy[PauseKind.SUPPLEMENT],
        )
    elif form.kind == "refusal":
        event = _last(dossier, EventKind.REFUSED)
        if event is None:
            raise refuse("it was not refused")
        context.update(at=event.at, event=event)
    elif form.kind == "apology":
        event = _last(dossier, EventKind.RESCHEDULED)
        if event is None or received is None:
            raise refuse("it was never rescheduled")
        context.update(at=event.at, event=event, due_at=dossier.due_at)
    elif form.kind == "control_slip":
        if received is None:
            raise refuse("it was never received")
        end = dossier.resolved_at
        context.update(
            at=received,
            rows=dossier.control_slip(),
            due_at=dossier.due_at,
            resolved_at=end,
            outcome=dossier.outcome,
            returned_at=dossier.returned_at,
        )
    return context


def slip_html(
    dossier: Dossier,
    kind: str = "receipt",
    *,
    applicant: str | None = None,
    address: str | None = None,
    issuer: str | None = None,
    desk: str = "Bộ phận Một cửa",
    place: str | None = None,
) -> str:
    """One document of ``dossier`` as a self-contained A4 HTML page.

    Args:
        dossier: the dossier; its history gives every date on the slip.
        kind: ``"receipt"`` (BM.01), ``"supplement"`` (BM.02; the last
            supplement request, or the guidance given at intake), ``"refusal"``
            (BM.03), ``"apology"`` (BM.04) or ``"control_slip"`` (BM.05); the
            tracking book (BM.06) covers many dossiers: :func:`tracking_book_html`.
        applicant, address: the applicant, when known (else a dotted line).
        issuer: the issuing office (the procedure's office by default).
        desk: the receiving unit that signs the slip.
        place: the place on the date line (a dotted line by default).

    Raises:
        InputTypeError: ``dossier`` is not a Dossier, or ``kind`` is unknown.
        DocumentNotApplicableError: the history does not give this document
            (an apology for a dossier never rescheduled...).

    Example:
        >>> import tthc, pendulum
        >>> d = tthc.Dossier.receive(tthc.Catalog.bundled()["1.004873"],
        ...     received_at=pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"),
        ...     channel=2, schedule=tthc.Schedule.vietnam())
        >>> slip_html(d, "apology")
        Traceback (most recent call last):
        ...
        tthc.errors.DocumentNotApplicableError: no BM.04 (apology) for dossier (no code): it was never rescheduled
    """
    _check_dossier(dossier)
    form = FORMS.get(kind) if isinstance(kind, str) else None
    if form is None or form.kind == "tracking_book":
        choices = [k for k in FORMS if k != "tracking_book"]
        raise InputTypeError(f"kind must be one of {choices}, got {kind!r}", value=kind)
    context = _slip_context(dossier, form)
    return _render(
        form.template,
        form=form,
        applicant=applicant,
        address=address,
        issuer=issuer or dossier.procedure.office,
        desk=desk,
        place=place,
        **context,
    )


def tracking_book_html(
    dossiers: Iterable[Dossier],
    *,
    start: dt.date,
    end: dt.date,
    issuer: str = "",
    desk: str = "Bộ phận Một cửa",
    applicants: dict[str, str] | None = None,
) -> str:
    """The tracking book (BM.06): one line per dossier received from ``start`` to ``end``.

    A4 landscape; dossiers in order of receipt; ``applicants`` maps dossier
    codes to applicants' names where known.

    Example:
        >>> import datetime, tthc
        >>> from tthc.simulate import simulate
        >>> ds = simulate(start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 6), seed=1)
        >>> page = tracking_book_html(ds, start=datetime.date(2026, 3, 2),
        ...                           end=datetime.date(2026, 3, 6), issuer="UBND xã An Bình")
        >>> "SỔ THEO DÕI HỒ SƠ" in page, page.count("<tr class=\\"entry\\">") > 5
        (True, True)
    """
    for value in (start, end):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InputTypeError(f"start and end must be dates, got {value!r}", value=value)
    rows = []
    for dossier in dossiers:
        _check_dossier(dossier)
        received = dossier.received_at
        if received is None:
            continue
        day = dossier.schedule.local(received).date()
        if start <= day <= end:
            rows.append(dossier)
    rows.sort(key=lambda d: (d.received_at, d.code or ""))
    return _render(
        "tracking_book.html",
        form=FORMS["tracking_book"],
        rows=rows,
        start=start,
        end=end,
        issuer=issuer,
        desk=desk,
        applicants=applicants or {},
        Status=Status,
        Outcome=Outcome,
    )


def html_to_pdf(html: str) -> bytes:
    """Render an HTML page of this package to PDF bytes with WeasyPrint.

    Raises:
        MissingDependencyError: WeasyPrint is not installed (``tthc[pdf]``).

    Example:
        >>> html_to_pdf("<p>Xin chào</p>")[:5]
        b'%PDF-'
    """
    weasyprint = require("weasyprint", "pdf")
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def slip_pdf(dossier: Dossier, kind: str = "receipt", **options: Any) -> bytes:
    """:func:`slip_html` rendered to an A4 PDF (WeasyPrint, ``tthc[pdf]``).

    Example:
        >>> import tthc, pendulum
        >>> d = tthc.Dossier.receive(tthc.Catalog.bundled()["1.004873"],
        ...     received_at=pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"),
        ...     channel=2, schedule=tthc.Schedule.vietnam())
        >>> slip_pdf(d, "receipt")[:5]
        b'%PDF-'
    """
    return html_to_pdf(slip_html(dossier, kind, **options))


def tracking_book_pdf(dossiers: Iterable[Dossier], **options: Any) -> bytes:
    """:func:`tracking_book_html` rendered to an A4 landscape PDF.

    Example:
        >>> import datetime
        >>> tracking_book_pdf([], start=datetime.date(2026, 3, 2),
        ...                   end=datetime.date(2026, 3, 6))[:5]
        b'%PDF-'
    """
    return html_to_pdf(tracking_book_html(dossiers, **options))


def report_html(
    report: Report,
    *,
    dossiers: Sequence[Dossier] | None = None,
    charts: bool = True,
    title: str | None = None,
) -> str:
    """Biểu II.06a as one self-contained HTML page: table, charts and notes.

    The page needs no server and no network: the charts (``tthc[plot]``)
    are inline SVG. With ``dossiers`` it also shows the month-by-month
    chart of the period (received and on-time rate).

    Args:
        report: the report.
        dossiers: the dossiers behind it, for the monthly chart.
        charts: ``False`` for the table and notes only (no matplotlib needed).
        title: a heading above the form's title (e.g. the office).

    Raises:
        MissingDependencyError: ``charts`` and matplotlib is not installed.

    Example:
        >>> import datetime, tthc
        >>> r = tthc.Report.build([], start=datetime.date(2026, 1, 1),
        ...                       end=datetime.date(2026, 3, 31))
        >>> page = report_html(r, charts=False)
        >>> page.startswith("<!DOCTYPE html>"), "BIỂU II.06a" in page
        (True, True)
    """
    if not isinstance(report, Report):
        raise InputTypeError(f"expected Report, got {type(report).__name__}", value=report)
    svgs: list[tuple[str, str]] = []

    def inline(svg: str) -> str:  # no XML prolog or DOCTYPE inside HTML
        return svg[svg.index("<svg") :]

    if charts:
        from tthc import plots  # an adapter of its own extra; only when asked

        svgs.append(
            (
                "Kết quả giải quyết theo nhóm và tỷ lệ trực tuyến",
                inline(plots.to_svg(plots.plot_report(report))),
            )
        )
        if dossiers is not None:
            svgs.append(
                (
                    "Hồ sơ tiếp nhận và tỷ lệ đúng hạn theo tháng",
                    inline(
                        plots.to_svg(
                            plots.plot_months(dossiers, start=report.start, end=report.end)
                        )
                    ),
                )
            )
    sections: list[tuple[str, int]] = []
    for _, section, *_ in (*_COLUMNS, *((r[0], "rates") for r in _RATES)):
        if sections and sections[-1][0] == section:
            sections[-1] = (section, sections[-1][1] + 1)
        else:
            sections.append((section, 1))
    columns = [(c[0], c[2], False) for c in _COLUMNS] + [(r[0], r[1], True) for r in _RATES]
    by_label = {
        "field": "lĩnh vực",
        "office": "cơ quan",
        "procedure": "thủ tục",
        None: "tất cả",
    }[report.by]
    return _render(
        "report.html",
        report=report,
        title=title,
        by_label=by_label,
        sections=[(_SECTIONS[s][0], n) for s, n in sections],
        columns=columns,
        rows=[row.to_dict() for row in report.rows],
        total=report.total.to_dict(),
        charts=svgs,
    )
