"""The National Public Service Portal's dossier synchronisation record.

One-stop systems send each dossier to the National Public Service Portal
(*Cổng Dịch vụ công quốc gia*) as a record with Vietnamese field names.
:func:`to_portal_record` builds it from a dossier; :func:`from_portal_record`
rebuilds a dossier from one, for reporting.

Fields: ``MaHoSo`` (dossier code), ``MaTTHC``, ``TenTTHC``, ``MaLinhVuc``,
``TenLinhVuc``, ``KenhThucHien`` (1 in person, 2 online, 3 postal),
``ChuHoSo`` (the applicant, when given), ``NgayTiepNhan``, ``NgayHenTra``,
``NgayKetThucXuLy``, ``NgayTra``, ``TrangThaiHoSo`` (1–10) and
``DanhSachHoSoBoSung`` (supplements: ``NgayBoSung``, ``NgayHenTraTruoc``,
``NgayHenTraMoi``). Dates are ``yyyyMMddHHmmss`` in Vietnam local time.

Example:
    >>> from tthc.dossier import _example
    >>> record = to_portal_record(_example(), applicant="Nguyễn Văn A")
    >>> record["MaTTHC"], record["NgayTiepNhan"], record["NgayHenTra"], record["TrangThaiHoSo"]
    ('1.004873', '20261207100000', '20261210170000', 2)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum

from tthc.catalog import Catalog
from tthc.dossier import Dossier, EventKind, Status
from tthc.errors import (
    InputTypeError,
    InstantParseError,
    JsonFormatError,
    OutOfRangeError,
    TthcError,
)
from tthc.procedure import Channel
from tthc.schedule import Schedule

__all__ = [
    "PORTAL_DATE_FORMAT",
    "from_portal_record",
    "parse_instant",
    "parse_local_instant",
    "to_portal_record",
]

PORTAL_DATE_FORMAT = "%Y%m%d%H%M%S"
_VN = "Asia/Ho_Chi_Minh"
_FIELDS = {
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien", "ChuHoSo",
    "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "TrangThaiHoSo",
    "DanhSachHoSoBoSung",
}  # fmt: skip


def _fmt(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return pendulum.instance(value).in_timezone(_VN).strftime(PORTAL_DATE_FORMAT)


def parse_instant(text: str, tz: str = _VN) -> pendulum.DateTime:
    """An instant written as ``yyyyMMddHHmmss`` or ISO 8601; without an offset, local to ``tz``.

    This is how the portal's exports and tthc's command line write times: a
    time without an offset is Vietnam local time (``Asia/Ho_Chi_Minh``) unless
    ``tz`` says otherwise; a time with an offset keeps it. ISO 8601 includes
    the space-separated form ``2026-12-04 15:30`` and a bare date (midnight).

    Raises:
        InputTypeError: ``text`` is not a string.
        InstantParseError: the text is neither form (``.value`` is the text).
        OutOfRangeError: the instant cannot be placed in time (e.g. year 9999 + offset).

    Example:
        >>> import tthc
        >>> tthc.parse_instant("20261204153000")
        DateTime(2026, 12, 4, 15, 30, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        >>> tthc.parse_instant("2026-12-04 15:30")
        DateTime(2026, 12, 4, 15, 30, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        >>> tthc.parse_instant("2026-12-04T08:30:00+00:00").in_timezone("Asia/Ho_Chi_Minh").hour
        15
    """
    if not isinstance(text, str):
        raise InputTypeError(f"expected text, got {type(text).__name__}: {text!r}", value=text)
    stripped = text.strip()
    try:
        if len(stripped) == 14 and stripped.isdigit() and stripped.isascii():
            parsed = dt.datetime.strptime(stripped, PORTAL_DATE_FORMAT)
        else:
            parsed = dt.datetime.fromisoformat(stripped)
    except ValueError:
        raise InstantParseError(
            f"not an instant (yyyyMMddHHmmss or ISO 8601): {stripped!r}", value=text
        ) from None
    try:
        instant = (
            pendulum.instance(parsed, tz=tz) if parsed.tzinfo is None else pendulum.instance(parsed)
        )
        instant.in_timezone("UTC")  # must be placeable in time (not past year 9999 in UTC)
    except (OverflowError, ValueError):
        raise OutOfRangeError(
            f"the instant {stripped!r} is outside the range of dates tthc handles", value=text
        ) from None
    return instant


def parse_local_instant(text: str, tz: str = _VN) -> pendulum.DateTime:
    """The same as :func:`parse_instant` (kept for code written against tthc 0.1).

    Example:
        >>> parse_local_instant("20261204153000").hour
        15
    """
    return parse_instant(text, tz)


def _parse(value: Any, field: str) -> pendulum.DateTime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) != 14 or not value.isdigit():
        raise JsonFormatError(
            f"$.{field}: expected yyyyMMddHHmmss, got {value!r}", path=f"$.{field}", value=value
        )
    try:
        parsed = dt.datetime.strptime(value, PORTAL_DATE_FORMAT)
    except ValueError:
        raise JsonFormatError(
            f"$.{field}: not a date: {value!r}", path=f"$.{field}", value=value
        ) from None
    return pendulum.instance(parsed, tz=_VN)


def to_portal_record(dossier: Dossier, *, applicant: str | None = None) -> dict[str, Any]:
    """The portal's synchronisation record of ``dossier``.

    ``NgayHenTra`` is the appointment given to the applicant (a reschedule's
    new date if any, else the due with pauses). Each supplement gives one
    entry of ``DanhSachHoSoBoSung`` with the due before and after it.

    Example:
        >>> from tthc.dossier import _example
        >>> d = _example().request_supplement(pendulum.datetime(2026, 12, 8, 8,
        ...     tz="Asia/Ho_Chi_Minh"), "Thiếu giấy tờ").supplement(
        ...     pendulum.datetime(2026, 12, 9, 8, tz="Asia/Ho_Chi_Minh"))
        >>> to_portal_record(d)["DanhSachHoSoBoSung"]
        [{'NgayBoSung': '20261209080000', 'NgayHenTraTruoc': '20261210170000', 'NgayHenTraMoi': '20261211170000'}]
    """
    procedure = dossier.procedure
    record: dict[str, Any] = {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field_code,
        "TenLinhVuc": procedure.field,
        "KenhThucHien": dossier.channel.portal_code,
    }
    if applicant is not None:
        record["ChuHoSo"] = applicant
    record.update(
        NgayTiepNhan=_fmt(dossier.received_at or dossier.events[0].at),
        NgayHenTra=_fmt(dossier.appointment_at),
        NgayKetThucXuLy=_fmt(dossier.resolved_at or _ended(dossier)),
        NgayTra=_fmt(dossier.returned_at),
        TrangThaiHoSo=dossier.status.portal_code,
        DanhSachHoSoBoSung=_supplements(dossier),
    )
    return record


def _ended(dossier: Dossier) -> pendulum.DateTime | None:
    for event in dossier.events:
        if event.kind in (EventKind.STOPPED, EventKind.NOT_RECEIVED, EventKind.REFUSED):
            return event.at
    return None


def _supplements(dossier: Dossier) -> list[dict[str, str | None]]:
    entries = []
    for index, event in enumerate(dossier.events):
        if event.kind is not EventKind.SUPPLEMENT_RECEIVED:
            continue
        before = Dossier.replay(dossier.procedure, dossier.schedule, dossier.events[:index])
        after = Dossier.replay(dossier.procedure, dossier.schedule, dossier.events[: index + 1])
        entries.append(
            {
                "NgayBoSung": _fmt(event.at),
                "NgayHenTraTruoc": _fmt(_due_before_pause(before)),
                "NgayHenTraMoi": _fmt(after.due_at),
            }
        )
    return entries


def _due_before_pause(paused: Dossier) -> pendulum.DateTime | None:
    """The due as it stood when the (still open) supplement was requested."""
    opened = max(e.at for e in paused.events if e.kind is EventKind.SUPPLEMENT_REQUESTED)
    return paused.due_at_instant(opened)


def from_portal_record(
    record: dict[str, Any],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
) -> Dossier:
    """A dossier rebuilt from a portal record, for reporting.

    The record carries less than tthc's events (no hand-overs, notes,
    payments or verifications, and not when an open request was made): the
    dossier gets the receipt, channel, supplements (each pause placed so
    that it moves the due as the record says), the result, the return and
    the status; an open supplement or payment request (status 5 or 6) is
    placed at the last known instant. Unknown status or channel codes and
    malformed dates raise errors naming the field.

    Example:
        >>> from tthc.dossier import _example
        >>> d = _example().resolve(pendulum.datetime(2026, 12, 9, 16, tz="Asia/Ho_Chi_Minh"))
        >>> again = from_portal_record(to_portal_record(d))
        >>> again.status, again.outcome, again.due_at == d.due_at
        (<Status.RESOLVED: 'resolved'>, <Outcome.EARLY: 'early'>, True)
    """
    if not isinstance(record, dict):
        raise JsonFormatError(f"$: a portal record is an object, got {record!r}", value=record)
    unknown = sorted(set(record) - _FIELDS)
    if unknown:
        raise JsonFormatError(f"$: unknown fields {unknown}", value=unknown)
    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()

    def code_of(field: str, kind: Any) -> Any:
        value = record.get(field)
        if not isinstance(value, int) or isinstance(value, bool):
            raise JsonFormatError(
                f"$.{field}: expected a number, got {value!r}", path=f"$.{field}", value=value
            )
        try:
            return kind.from_portal_code(value)
        except TthcError as error:
            raise JsonFormatError(f"$.{field}: {error}", path=f"$.{field}", value=value) from None

    channel: Channel = code_of("KenhThucHien", Channel)
    status: Status = code_of("TrangThaiHoSo", Status)
    try:
        procedure = catalog[record.get("MaTTHC")]  # type: ignore[index]
    except TthcError as error:
        raise JsonFormatError(f"$.MaTTHC: {error}", path="$.MaTTHC", value=error.value) from None
    received = _parse(record.get("NgayTiepNhan"), "NgayTiepNhan")
    if received is None:
        raise JsonFormatError("$.NgayTiepNhan: required", path="$.NgayTiepNhan")
    finished = _parse(record.get("NgayKetThucXuLy"), "NgayKetThucXuLy")
    returned = _parse(record.get("NgayTra"), "NgayTra")
    code = record.get("MaHoSo")
    if code is not None and not isinstance(code, str):
        raise JsonFormatError(f"$.MaHoSo: expected text, got {code!r}", path="$.MaHoSo")

    if status in (Status.NEW, Status.NOT_RECEIVED):
        d = Dossier.submit(
            procedure, submitted_at=received, channel=channel, schedule=schedule, code=code
        )
        if status is Status.NOT_RECEIVED:
            d = d.not_receive(finished or received, "Không tiếp nhận (theo Cổng DVC)")
        return d
    d = Dossier.receive(
        procedure, received_at=received, channel=channel, schedule=schedule, code=code
    )
    supplements = record.get("DanhSachHoSoBoSung") or []
    if not isinstance(supplements, list):
        raise JsonFormatError("$.DanhSachHoSoBoSung: expected a list", path="$.DanhSachHoSoBoSung")
    for index, entry in enumerate(supplements):
        where = f"DanhSachHoSoBoSung[{index}]"
        if not isinstance(entry, dict):
            raise JsonFormatError(f"$.{where}: expected an object", path=f"$.{where}")
        came = _parse(entry.get("NgayBoSung"), f"{where}.NgayBoSung")
        before = _parse(entry.get("NgayHenTraTruoc"), f"{where}.NgayHenTraTruoc")
        after = _parse(entry.get("NgayHenTraMoi"), f"{where}.NgayHenTraMoi")
        if came is None:
            raise JsonFormatError(f"$.{where}.NgayBoSung: required", path=f"$.{where}.NgayBoSung")
        paused = dt.timedelta()
        if before is not None and after is not None and after > before:
            paused = schedule.working_time_between(before, after)
        asked = schedule.add_working_time(came, -paused) if paused else came
        asked = max(asked, d.events[-1].at)
        d = d.request_supplement(asked, "Yêu cầu bổ sung (theo Cổng DVC)").supplement(came)
    try:
        if status is Status.RECEIVED:
            return d
        last = d.events[-1].at
        if status is Status.PROCESSING:
            return d.start_processing(last)
        # The record does not say when an open request was made: the last known instant.
        if status is Status.SUPPLEMENT_REQUESTED:
            return d.request_supplement(last, "Yêu cầu bổ sung (theo Cổng DVC)")
        if status is Status.FINANCIAL_OBLIGATION:
            return d.request_payment(last, "Nghĩa vụ tài chính (theo Cổng DVC)")
        if status is Status.WITHDRAWAL_REQUESTED:
            return d.withdraw(finished or d.events[-1].at, "Rút hồ sơ (theo Cổng DVC)")
        if finished is None:
            raise JsonFormatError(
                f"$.NgayKetThucXuLy: required when TrangThaiHoSo is {status.portal_code}",
                path="$.NgayKetThucXuLy",
            )
        if status is Status.STOPPED:
            return d.stop(finished, "Dừng xử lý (theo Cổng DVC)")
        d = d.resolve(finished)
        if status is Status.RETURNED:
            if returned is None:
                raise JsonFormatError(
                    "$.NgayTra: required when TrangThaiHoSo is 10", path="$.NgayTra"
                )
            d = d.return_result(returned)
        return d
    except TthcError as error:
        if isinstance(error, JsonFormatError):
            raise
        raise JsonFormatError(f"$: {error}", value=record) from error
