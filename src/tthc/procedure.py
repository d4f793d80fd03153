"""Administrative procedures (*thủ tục hành chính*) as structured data.

A :class:`Procedure` carries what a portal needs to receive a dossier and
compute its deadline: the official code and name, level, field (*lĩnh vực*),
competent office, time limit (with per-channel overrides and the longer
limit that applies when verification is needed), how pauses count, fees,
required documents, online service level, results, legal basis and,
optionally, the internal steps with their share of the time.

Enumerations carry a Vietnamese ``label`` and, where the National Public
Service Portal defines one, its ``portal_code``.

Example:
    >>> p = Procedure(
    ...     code="1.004873",
    ...     name="Xác nhận tình trạng hôn nhân",
    ...     level=Level.COMMUNE,
    ...     field="Hộ tịch",
    ...     office="Ủy ban nhân dân cấp xã",
    ...     time_limit=tthc.WorkingDays(3),
    ... )
    >>> p.limit_for(Channel.ONLINE)
    WorkingDays(days=3, cutoff=None)
    >>> p.pause_policy[PauseKind.SUPPLEMENT]
    <PausePolicy.NOT_COUNTED: 'not_counted'>
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from tthc._enums import Labelled
from tthc._frozenmap import FrozenMap
from tthc.errors import InputTypeError, InvalidProcedureError, UnknownConditionError
from tthc.limit_text import ConditionalLimit, ConditionKind, LimitText, parse_limit_text
from tthc.limits import CalendarDays, Months, SameDay, TimeLimit, WorkingDays, WorkingHours

__all__ = [
    "Channel",
    "Document",
    "DocumentForm",
    "Fee",
    "Level",
    "OnlineLevel",
    "PauseKind",
    "PausePolicy",
    "Procedure",
    "Step",
]


class Channel(Labelled):
    """How a dossier is filed (*KenhThucHien*).

    Example:
        >>> Channel.POSTAL.label, Channel.POSTAL.portal_code
        ('Qua dịch vụ bưu chính', 3)
    """

    IN_PERSON = ("in_person", "Trực tiếp", 1)
    ONLINE = ("online", "Trực tuyến", 2)
    POSTAL = ("postal", "Qua dịch vụ bưu chính", 3)


class Level(Labelled):
    """The level of government that decides (*cấp thực hiện*).

    District level (*cấp huyện*) exists only in records before 1 July 2025.

    Example:
        >>> Level.COMMUNE.label
        'Cấp xã'
    """

    CENTRAL = ("central", "Cấp trung ương")
    PROVINCE = ("province", "Cấp tỉnh")
    DISTRICT = ("district", "Cấp huyện")
    COMMUNE = ("commune", "Cấp xã")


class OnlineLevel(Labelled):
    """The online public service level (*mức độ dịch vụ công trực tuyến*).

    Example:
        >>> OnlineLevel.FULL.label
        'Dịch vụ công trực tuyến toàn trình'
    """

    FULL = ("full", "Dịch vụ công trực tuyến toàn trình")
    PARTIAL = ("partial", "Dịch vụ công trực tuyến một phần")
    NONE = ("none", "Không cung cấp dịch vụ công trực tuyến")


class PauseKind(Labelled):
    """Why processing waits on the applicant or a third party.

    Example:
        >>> PauseKind.FINANCIAL_OBLIGATION.label
        'Thực hiện nghĩa vụ tài chính'
    """

    SUPPLEMENT = ("supplement", "Bổ sung hồ sơ")
    FINANCIAL_OBLIGATION = ("financial_obligation", "Thực hiện nghĩa vụ tài chính")
    VERIFICATION = ("verification", "Xác minh")


class PausePolicy(Labelled):
    """How a pause counts against the time limit, as the procedure's own law says.

    Example:
        >>> PausePolicy.RESTART.label
        'Tính lại thời hạn từ đầu'
    """

    NOT_COUNTED = ("not_counted", "Không tính vào thời hạn giải quyết")
    RESTART = ("restart", "Tính lại thời hạn từ đầu")
    COUNTED = ("counted", "Tính vào thời hạn giải quyết")


class DocumentForm(Labelled):
    """Which form of a paper is required.

    Example:
        >>> DocumentForm.CERTIFIED_COPY.label
        'Bản sao có chứng thực'
    """

    ORIGINAL = ("original", "Bản chính")
    COPY = ("copy", "Bản sao")
    CERTIFIED_COPY = ("certified_copy", "Bản sao có chứng thực")
    ORIGINAL_OR_COPY = ("original_or_copy", "Bản chính hoặc bản sao")
    PRESENTED = ("presented", "Xuất trình")


E = TypeVar("E", bound=Enum)
T = TypeVar("T")

_CODE = re.compile(r"^\d\.\d{6}(?:\.[0-9A-Za-z]+)*$")


# Converters take (value, field) so errors name the field; each attrs field calls
# them through a named one-line function, the form mypy's attrs plugin understands.


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidProcedureError(
            f"{field} must be text, got {type(value).__name__}: {value!r}",
            field=field,
            value=value,
        )
    text: str = value.strip()
    if not text:
        raise InvalidProcedureError(f"{field} must not be empty", field=field, value=value)
    return text


def _optional_text(value: Any, field: str) -> str | None:
    return None if value is None else _text(value, field)


def _texts(value: Any, field: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    return tuple(_text(v, field) for v in value)


def _enum(value: Any, kind: type[E], field: str) -> E:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        raise InvalidProcedureError(
            f"{field} must be one of {[m.value for m in kind]}, got {value!r}",
            field=field,
            value=value,
        ) from None


def _limit(value: Any, field: str) -> TimeLimit:
    if isinstance(value, TimeLimit):
        return value
    if isinstance(value, str):
        from tthc.limits import parse_time_limit

        return parse_time_limit(value)
    raise InvalidProcedureError(
        f"{field} must be a time limit, got {type(value).__name__}: {value!r}",
        field=field,
        value=value,
    )


def _optional_limit(value: Any, field: str) -> TimeLimit | None:
    return None if value is None else _limit(value, field)


def _c_fees_description(v: Any) -> str:
    return _text(v, "fees.description")


def _c_fees_exemptions(v: Any) -> tuple[str, ...]:
    return _texts(v, "fees.exemptions")


def _c_documents_name(v: Any) -> str:
    return _text(v, "documents.name")


def _c_documents_form(v: Any) -> DocumentForm:
    return _enum(v, DocumentForm, "documents.form")


def _c_steps_name(v: Any) -> str:
    return _text(v, "steps.name")


def _c_steps_unit(v: Any) -> str:
    return _text(v, "steps.unit")


def _c_steps_duration(v: Any) -> TimeLimit:
    return _limit(v, "steps.duration")


@attrs.frozen
class Fee:
    """A fee or charge (*phí, lệ phí*) in whole đồng.

    Example:
        >>> Fee(10_000, "Lệ phí chứng thực chữ ký", exemptions=("Người có công với cách mạng",))
        Fee(amount=10000, description='Lệ phí chứng thực chữ ký', exemptions=('Người có công với cách mạng',))
        >>> Fee(-1, "x")
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidProcedureError: fees.amount must be a whole, non-negative number of đồng, got -1
    """

    amount: int
    description: str = attrs.field(converter=_c_fees_description)
    exemptions: tuple[str, ...] = attrs.field(default=(), converter=_c_fees_exemptions)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.amount, int) or isinstance(self.amount, bool) or self.amount < 0:
            raise InvalidProcedureError(
                f"fees.amount must be a whole, non-negative number of đồng, got {self.amount!r}",
                field="fees.amount",
                value=self.amount,
            )


@attrs.frozen
class Document:
    """A paper of the dossier (*thành phần hồ sơ*).

    Example:
        >>> Document("Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL)
        Document(name='Tờ khai đăng ký khai sinh', form=<DocumentForm.ORIGINAL: 'original'>, copies=1, required=True)
    """

    name: str = attrs.field(converter=_c_documents_name)
    form: DocumentForm = attrs.field(
        default=DocumentForm.ORIGINAL,
        converter=_c_documents_form,
    )
    copies: int = 1
    required: bool = True

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.copies, int) or isinstance(self.copies, bool) or self.copies < 1:
            raise InvalidProcedureError(
                f"documents.copies must be a positive whole number, got {self.copies!r}",
                field="documents.copies",
                value=self.copies,
            )


@attrs.frozen
class Step:
    """An internal step of processing with its share of the time (BM.05 control slip).

    Example:
        >>> Step("Thẩm định hồ sơ", "Công chức tư pháp - hộ tịch", tthc.WorkingHours(16))
        Step(name='Thẩm định hồ sơ', unit='Công chức tư pháp - hộ tịch', duration=WorkingHours(hours=16))
    """

    name: str = attrs.field(converter=_c_steps_name)
    unit: str = attrs.field(converter=_c_steps_unit)
    duration: TimeLimit = attrs.field(converter=_c_steps_duration)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.duration, WorkingDays | WorkingHours):
            raise InvalidProcedureError(
                f"steps.duration must be in working days or hours, got {self.duration!r}",
                field="steps.duration",
                value=self.duration,
            )


def _working_hours(limit: TimeLimit) -> Fraction | None:
    """A limit as working hours of a standard 8-hour day (None: not comparable)."""
    if isinstance(limit, WorkingHours):
        return Fraction(limit.hours)
    if isinstance(limit, WorkingDays):
        return Fraction(limit.days) * 8
    if isinstance(limit, SameDay):
        return Fraction(8)
    if isinstance(limit, CalendarDays):
        return Fraction(limit.days) * 8  # a generous upper bound: every day worked
    if isinstance(limit, Months):
        return Fraction(limit.months) * 31 * 8
    return None  # pragma: no cover


def _channel_limits(value: Any) -> FrozenMap[Channel, TimeLimit]:
    if value is None:
        return FrozenMap()
    if not isinstance(value, Mapping):
        raise InvalidProcedureError(
            "channel_limits must map channels to time limits", field="channel_limits", value=value
        )
    return FrozenMap(
        {_enum(k, Channel, "channel_limits"): _limit(v, "channel_limits") for k, v in value.items()}
    )


def _pause_policy(value: Any) -> FrozenMap[PauseKind, PausePolicy]:
    policy = dict.fromkeys(PauseKind, PausePolicy.NOT_COUNTED)
    if value is None:
        return FrozenMap(policy)
    if not isinstance(value, Mapping):
        raise InvalidProcedureError(
            "pause_policy must map pause kinds to policies", field="pause_policy", value=value
        )
    for kind, rule in value.items():
        policy[_enum(kind, PauseKind, "pause_policy")] = _enum(rule, PausePolicy, "pause_policy")
    return FrozenMap(policy)


def _tuple_of(value: Any, kind: type[T], field: str) -> tuple[T, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise InvalidProcedureError(
                f"{field} must hold {kind.__name__} values, got {type(item).__name__}",
                field=field,
                value=item,
            )
    return items


def _code(value: Any) -> str:
    if not isinstance(value, str) or not _CODE.match(value.strip()):
        raise InvalidProcedureError(
            "code must look like '1.004873' (digit, dot, six digits, optional local "
            f"suffixes such as '.000.00.00.H12'), got {value!r}",
            field="code",
            value=value,
        )
    return value.strip()


def _c_name(v: Any) -> str:
    return _text(v, "name")


def _c_level(v: Any) -> Level:
    return _enum(v, Level, "level")


def _c_field(v: Any) -> str:
    return _text(v, "field")


def _c_office(v: Any) -> str:
    return _text(v, "office")


def _c_time_limit(v: Any) -> TimeLimit:
    return _limit(v, "time_limit")


def _c_time_limit_text(v: Any) -> str | None:
    return _optional_text(v, "time_limit_text")


def _c_verification_limit(v: Any) -> TimeLimit | None:
    return _optional_limit(v, "verification_limit")


def _c_alternatives(v: Any) -> tuple[ConditionalLimit, ...]:
    return _tuple_of(v, ConditionalLimit, "alternatives")


def _c_fees(v: Any) -> tuple[Fee, ...]:
    return _tuple_of(v, Fee, "fees")


def _c_documents(v: Any) -> tuple[Document, ...]:
    return _tuple_of(v, Document, "documents")


def _c_online_level(v: Any) -> OnlineLevel | None:
    return None if v is None else _enum(v, OnlineLevel, "online_level")


def _c_results(v: Any) -> tuple[str, ...]:
    return _texts(v, "results")


def _c_legal_basis(v: Any) -> tuple[str, ...]:
    return _texts(v, "legal_basis")


def _c_steps(v: Any) -> tuple[Step, ...]:
    return _tuple_of(v, Step, "steps")


def _c_field_code(v: Any) -> str | None:
    return _optional_text(v, "field_code")


def _c_source(v: Any) -> str | None:
    return _optional_text(v, "source")


@attrs.frozen
class Procedure:
    """An administrative procedure, validated on construction.

    Attributes:
        code: the procedure's code on the National Public Service Portal
            (``"1.004873"``), or a local variant with suffixes
            (``"1.004873.000.00.00.H12"``).
        name: Vietnamese name.
        level: :class:`Level` of the deciding office.
        field: the field (*lĩnh vực*), e.g. ``"Hộ tịch"``, ``"Chứng thực"``.
        office: the competent office (*cơ quan thực hiện*).
        time_limit: the statutory default time limit (a time limit, or its
            canonical text; :meth:`with_limit_text` reads a whole published text).
        time_limit_text: the official wording it was read from, kept verbatim.
        channel_limits: overrides per :class:`Channel`.
        alternatives: the conditional limits the text states
            (:class:`~tthc.ConditionalLimit`: verification, complex cases, remote
            areas, extensions, per-case rows).
        verification_limit: the longer limit that applies when verification is
            needed (e.g. death registration: same day, 3 working days with
            verification); the same as the ``VERIFICATION`` alternative, which
            it adds when given alone.
        pause_policy: how each :class:`PauseKind` counts; unspecified kinds
            are ``NOT_COUNTED``.
        fees, documents, results, legal_basis, steps: as named.
        online_level: :class:`OnlineLevel`, or ``None`` when not known.
        source: where the data comes from.
        field_code: the field's code on the National Public Service Portal
            (*MaLinhVuc*), when known.

    Raises:
        InvalidProcedureError: a field is invalid; ``.field`` names it and
            ``.value`` holds the value.

    Example:
        >>> Procedure(code="1.4873", name="x", level=Level.COMMUNE, field="Hộ tịch",
        ...           office="UBND cấp xã", time_limit="03 ngày làm việc")
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidProcedureError: code must look like '1.004873' (digit, dot, six digits, optional local suffixes such as '.000.00.00.H12'), got '1.4873'
    """

    code: str = attrs.field(converter=_code)
    name: str = attrs.field(converter=_c_name)
    level: Level = attrs.field(converter=_c_level)
    field: str = attrs.field(converter=_c_field)
    office: str = attrs.field(converter=_c_office)
    time_limit: TimeLimit = attrs.field(converter=_c_time_limit)
    time_limit_text: str | None = attrs.field(default=None, converter=_c_time_limit_text)
    channel_limits: FrozenMap[Channel, TimeLimit] = attrs.field(
        factory=FrozenMap, converter=_channel_limits
    )
    verification_limit: TimeLimit | None = attrs.field(
        default=None, converter=_c_verification_limit
    )
    alternatives: tuple[ConditionalLimit, ...] = attrs.field(default=(), converter=_c_alternatives)
    pause_policy: FrozenMap[PauseKind, PausePolicy] = attrs.field(
        default=attrs.Factory(lambda: _pause_policy(None)), converter=_pause_policy
    )
    fees: tuple[Fee, ...] = attrs.field(default=(), converter=_c_fees)
    documents: tuple[Document, ...] = attrs.field(default=(), converter=_c_documents)
    online_level: OnlineLevel | None = attrs.field(
        default=None,
        converter=_c_online_level,
    )
    results: tuple[str, ...] = attrs.field(default=(), converter=_c_results)
    legal_basis: tuple[str, ...] = attrs.field(default=(), converter=_c_legal_basis)
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_c_steps)
    source: str | None = attrs.field(default=None, converter=_c_source)
    field_code: str | None = attrs.field(default=None, converter=_c_field_code)

    def __attrs_post_init__(self) -> None:
        # The verification limit is one case of the alternatives: keep the two in step.
        verification = next(
            (a for a in self.alternatives if a.kind is ConditionKind.VERIFICATION), None
        )
        if self.verification_limit is not None and verification is None:
            extra = ConditionalLimit(
                ConditionKind.VERIFICATION.label,
                self.verification_limit,
                ConditionKind.VERIFICATION,
            )
            object.__setattr__(self, "alternatives", (*self.alternatives, extra))
        elif self.verification_limit is None and verification is not None:
            object.__setattr__(self, "verification_limit", verification.limit)
        elif verification is not None and verification.limit != self.verification_limit:
            raise InvalidProcedureError(
                f"verification_limit '{self.verification_limit}' differs from the "
                f"verification alternative '{verification.limit}'",
                field="verification_limit",
                value=self.verification_limit,
            )
        if self.steps:
            total = sum(
                (_working_hours(s.duration) or Fraction(0) for s in self.steps), Fraction(0)
            )
            limits: dict[Channel | None, TimeLimit] = {None: self.time_limit}
            limits.update(self.channel_limits.items())
            for channel, limit in limits.items():
                allowed = _working_hours(limit)
                if allowed is not None and total > allowed:
                    where = f" ({channel.value})" if channel else ""
                    raise InvalidProcedureError(
                        f"the steps take {total} working hours, more than the time limit"
                        f"{where} '{limit}'",
                        field="steps",
                        value=self.steps,
                    )

    @property
    def base_code(self) -> str:
        """The national code without local suffixes.

        Example:
            >>> Procedure("1.004873.000.00.00.H12", "x", Level.COMMUNE, "Hộ tịch", "UBND xã",
            ...           tthc.WorkingDays(3)).base_code
            '1.004873'
        """
        return ".".join(self.code.split(".")[:2])

    def limit_for(
        self,
        channel: Channel | None = None,
        *,
        condition: ConditionKind | str | None = None,
        verification: bool = False,
    ) -> TimeLimit:
        """The time limit for a channel (the override if any), or under a condition.

        ``condition`` is a :class:`~tthc.ConditionKind` or the condition's words
        (or its kind's value, ``"verification"``); ``verification=True`` is
        ``condition=ConditionKind.VERIFICATION``. Verification without a longer
        limit of its own leaves the channel's limit (the time is paused instead).

        Raises:
            UnknownConditionError: the procedure states no limit for ``condition``.

        Example:
            >>> p = Procedure("1.000656", "Đăng ký khai tử", Level.COMMUNE, "Hộ tịch",
            ...               "UBND cấp xã", tthc.SameDay(),
            ...               verification_limit=tthc.WorkingDays(3))
            >>> p.limit_for(Channel.IN_PERSON), p.limit_for(verification=True)
            (SameDay(cutoff=datetime.time(15, 0)), WorkingDays(days=3, cutoff=None))
            >>> p.limit_for(Channel.ONLINE, condition=tthc.ConditionKind.VERIFICATION)
            WorkingDays(days=3, cutoff=None)
            >>> p.limit_for(condition="vùng sâu")
            Traceback (most recent call last):
            ...
            tthc.errors.UnknownConditionError: 1.000656 states no limit for the condition 'vùng sâu' (it states: Trường hợp cần xác minh)
        """
        if channel is not None and not isinstance(channel, Channel):
            raise InputTypeError(f"expected a Channel, got {channel!r}", value=channel)
        if verification and condition is None:
            condition = ConditionKind.VERIFICATION
        if condition is not None:
            for alternative in self.alternatives:
                if alternative.matches(condition):
                    return alternative.limit
            if condition not in (ConditionKind.VERIFICATION, ConditionKind.VERIFICATION.value):
                stated = "; ".join(a.condition for a in self.alternatives) or "none"
                raise UnknownConditionError(
                    f"{self.code} states no limit for the condition {condition!r} "
                    f"(it states: {stated})",
                    value=condition,
                )
        if channel is not None and channel in self.channel_limits:
            return self.channel_limits[channel]
        return self.time_limit

    @property
    def reading(self) -> LimitText:
        """The published text with what was read from it (default and alternatives).

        Example:
            >>> p = tthc.Catalog.bundled()["1.000656"]
            >>> r = p.reading
            >>> r.main, [str(a) for a in r.alternatives]
            (SameDay(cutoff=datetime.time(15, 0)), ['Trường hợp cần xác minh: 03 ngày làm việc'])
        """
        return LimitText(
            self.time_limit_text or str(self.time_limit),
            main=self.time_limit,
            alternatives=self.alternatives,
        )

    def with_limit_text(self, text: str) -> Procedure:
        """This procedure with its limits read from a whole published text.

        The text is kept verbatim (``time_limit_text``); its default becomes
        ``time_limit`` and its conditional limits ``alternatives``.

        Raises:
            InvalidProcedureError: the text gives no single default limit
                counted from receipt (the message says why).

        Example:
            >>> p = tthc.Catalog.bundled()["1.004873"].with_limit_text(
            ...     "Thời hạn giải quyết: 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; "
            ...     "trường hợp phải xác minh thì không quá 05 ngày làm việc")
            >>> p.time_limit, p.limit_for(verification=True)
            (WorkingDays(days=3, cutoff=None), WorkingDays(days=5, cutoff=None))
        """
        reading = parse_limit_text(text)
        if reading.main is None:
            raise InvalidProcedureError(
                f"time_limit_text gives no default limit: {reading.reason}",
                field="time_limit_text",
                value=text,
            )
        return attrs.evolve(
            self,
            time_limit=reading.main,
            time_limit_text=text,
            alternatives=reading.alternatives,
            verification_limit=None,
        )
