"""Reading a whole published time-limit text (*thời hạn giải quyết*) into its parts.

The National Public Service Portal and the provinces publish a procedure's
processing time as free text: a lead-in label, a qualifier, the limit, the
event it is counted from, conditional limits, stages and trailing clauses::

    Thời hạn giải quyết: Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ
    hợp lệ; trường hợp phải xác minh thì không quá 10 ngày làm việc.

:func:`parse_limit_text` reads such a text into a :class:`LimitText`: the
default limit (``main``), the conditional ones (``alternatives``), what the
limit is counted from (``counted_from``), ``stages`` and ``notes``. It never
guesses: ranges (*17-20 ngày*), bare numbers, hours without *làm việc*,
minutes and limits counted from another event leave ``main`` empty, and
``reason`` says why.

Example:
    >>> r = parse_limit_text("Thời hạn giải quyết: Không quá 05 ngày làm việc kể từ ngày "
    ...                      "nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh thì không quá "
    ...                      "10 ngày làm việc.")
    >>> r.main, r.counted_from
    (WorkingDays(days=5, cutoff=None), 'receipt')
    >>> r.alternatives[0].kind, r.alternatives[0].limit
    (<ConditionKind.VERIFICATION: 'verification'>, WorkingDays(days=10, cutoff=None))
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import attrs

from tthc._enums import Labelled
from tthc._text import fold, plural
from tthc._validate import instance_of, tuple_of
from tthc.errors import InputTypeError, TimeLimitError
from tthc.limits import (
    CalendarDays,
    Months,
    SameDay,
    TimeLimit,
    WorkingDays,
    WorkingHours,
    _read_canonical,
    _read_number,
)

__all__ = ["ConditionKind", "ConditionalLimit", "LimitText", "parse_limit_text"]

RECEIPT = "receipt"


class ConditionKind(Labelled):
    """What a conditional limit depends on.

    Example:
        >>> ConditionKind.from_words("trường hợp phải xác minh")
        <ConditionKind.VERIFICATION: 'verification'>
        >>> ConditionKind.VERIFICATION.label
        'Trường hợp cần xác minh'
    """

    VERIFICATION = ("verification", "Trường hợp cần xác minh")
    COMPLEX = ("complex", "Vụ việc phức tạp")
    REMOTE = ("remote", "Vùng sâu, vùng xa, vùng khó khăn, hải đảo")
    EXTENSION = ("extension", "Kéo dài, gia hạn thêm")
    CHANNEL = ("channel", "Theo cách thức nộp hồ sơ")
    CASE = ("case", "Theo từng trường hợp")
    STAGE = ("stage", "Từng bước giải quyết")

    @classmethod
    def from_words(cls, words: str) -> ConditionKind:
        """The kind a condition's words name (``CASE`` when none more specific).

        Example:
            >>> ConditionKind.from_words("Ở vùng sâu, vùng xa đi lại khó khăn")
            <ConditionKind.REMOTE: 'remote'>
            >>> ConditionKind.from_words("Trường hợp không phải xác minh")
            <ConditionKind.CASE: 'case'>
        """
        if not isinstance(words, str):
            raise InputTypeError(f"expected the words of a condition, got {words!r}", value=words)
        plain = fold(words)
        for kind, pattern in _KIND_WORDS:
            if re.search(pattern, plain):
                return kind
        return cls.CASE


_KIND_WORDS: tuple[tuple[ConditionKind, str], ...] = (
    (
        ConditionKind.CASE,
        r"khong (?:phai|can) (?:tien hanh )?xac minh|sau khi (?:tien hanh )?xac minh",
    ),
    (ConditionKind.COMPLEX, r"phuc tap"),
    (ConditionKind.REMOTE, r"vung sau|vung xa|kho khan|hai dao|bien gioi"),
    (ConditionKind.EXTENSION, r"keo dai|gia han them"),
    (ConditionKind.VERIFICATION, r"xac minh"),
    (ConditionKind.CHANNEL, r"truc tuyen|truc tiep|buu chinh|dien tu"),
)


def _condition_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputTypeError(f"a condition is non-empty text, got {value!r}", value=value)
    return value.strip()


def _kind(value: Any) -> ConditionKind:
    if isinstance(value, ConditionKind):
        return value
    kind: ConditionKind = ConditionKind.from_value(value)
    return kind


def _a_limit(value: Any) -> TimeLimit:
    if isinstance(value, TimeLimit):
        return value
    if isinstance(value, str):
        from tthc.limits import parse_time_limit

        return parse_time_limit(value)
    raise InputTypeError(f"expected a time limit, got {type(value).__name__}", value=value)


def _counted_from(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputTypeError(f"counted_from is non-empty text, got {value!r}", value=value)
    return value.strip()


@attrs.frozen
class ConditionalLimit:
    """A limit that applies under a condition, with the condition's words as written.

    ``kind`` defaults to what the words name (:meth:`ConditionKind.from_words`).

    Example:
        >>> c = ConditionalLimit("trường hợp phải xác minh", tthc.WorkingDays(5))
        >>> c.kind, str(c)
        (<ConditionKind.VERIFICATION: 'verification'>, 'trường hợp phải xác minh: 05 ngày làm việc')
    """

    condition: str = attrs.field(converter=_condition_text)
    limit: TimeLimit = attrs.field(converter=_a_limit)
    kind: ConditionKind = attrs.field(
        default=attrs.Factory(
            lambda self: ConditionKind.from_words(self.condition), takes_self=True
        ),
        converter=_kind,
    )
    counted_from: str = attrs.field(default=RECEIPT, converter=_counted_from)

    def matches(self, condition: ConditionKind | str) -> bool:
        """Whether ``condition`` (a kind, or the condition's words) selects this limit.

        Example:
            >>> c = ConditionalLimit("Trường hợp phải xác minh", tthc.WorkingDays(5))
            >>> c.matches(ConditionKind.VERIFICATION), c.matches("truong hop phai xac minh")
            (True, True)
        """
        if isinstance(condition, ConditionKind):
            return condition is self.kind
        if isinstance(condition, str):
            wanted = fold(condition)
            return wanted in (self.kind.value, fold(self.condition))
        raise InputTypeError(
            f"expected a ConditionKind or text, got {condition!r}", value=condition
        )

    def __str__(self) -> str:
        text = f"{self.condition}: {self.limit}"
        if self.counted_from != RECEIPT:
            text += f" ({self.counted_from})"
        return text


def _conditionals(value: Any) -> tuple[ConditionalLimit, ...]:
    return tuple_of(value, ConditionalLimit, "alternatives and stages")


def _optional_limit(value: Any) -> TimeLimit | None:
    return None if value is None else _a_limit(value)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple_of(value, str, "notes")


@attrs.frozen
class LimitText:
    """The reading of a published time-limit text.

    Attributes:
        text: the text as published.
        main: the default limit, or ``None`` when the text gives no single
            default counted from receipt (``reason`` says why).
        alternatives: the conditional limits (verification, complex cases,
            remote areas, extensions, per-case rows, per-channel sentences).
        counted_from: ``"receipt"`` when counted from receipt of the
            (complete, valid) dossier or when the text names no event;
            otherwise the event as written (*kể từ ngày kết thúc thẩm định*).
        stages: the stages of a staged text, each a :class:`ConditionalLimit`
            of kind ``STAGE`` whose condition is the stage's name.
        notes: trailing clauses kept verbatim (*không tính thời gian niêm yết*).
        reason: why ``main`` is ``None`` (``None`` when it is set).

    Example:
        >>> r = parse_limit_text("Thời hạn giải quyết: 17-20 ngày")
        >>> r.main is None, r.reason
        (True, "a range of limits ('17-20 ngày'), not one limit")
    """

    text: str = attrs.field(validator=instance_of(str))
    main: TimeLimit | None = attrs.field(default=None, converter=_optional_limit)
    alternatives: tuple[ConditionalLimit, ...] = attrs.field(default=(), converter=_conditionals)
    counted_from: str = attrs.field(default=RECEIPT, converter=_counted_from)
    stages: tuple[ConditionalLimit, ...] = attrs.field(default=(), converter=_conditionals)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    reason: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(str))
    )

    @property
    def is_plain(self) -> bool:
        """Whether the text states exactly one limit, counted from receipt.

        That is what :func:`~tthc.parse_time_limit` accepts.

        Example:
            >>> parse_limit_text("03 ngày làm việc").is_plain
            True
        """
        return (
            self.main is not None
            and not self.alternatives
            and not self.stages
            and self.counted_from == RECEIPT
        )

    def limit_for(self, condition: ConditionKind | str | None = None) -> TimeLimit | None:
        """The limit under ``condition`` (``None``: the default), or ``None`` if not stated.

        Example:
            >>> r = parse_limit_text("Ngay trong ngày; trường hợp cần xác minh thì không quá "
            ...                      "03 ngày làm việc")
            >>> r.limit_for(), r.limit_for(ConditionKind.VERIFICATION)
            (SameDay(cutoff=None), WorkingDays(days=3, cutoff=None))
        """
        if condition is None:
            return self.main
        for alternative in self.alternatives:
            if alternative.matches(condition):
                return alternative.limit
        return None


# -- normalising -----------------------------------------------------------------------------


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
    return base.lower()


_BULLET = "-+*•–"


def _normalise(text: str) -> tuple[str, list[int]]:
    """Folded text (one space between words, ``\\n`` at line breaks that start a
    new item) and the index in ``text`` of each of its characters."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            j = i
            newline = False
            while j < n and text[j].isspace():
                newline = newline or text[j] in "\n\r"
                j += 1
            following = text[j] if j < n else ""
            breaks = newline and (
                following in _BULLET or following.isupper() or following.isdigit()
            )
            if out and out[-1] not in " \n":
                out.append("\n" if breaks else " ")
                where.append(i)
            elif out and breaks:
                out[-1] = "\n"
            i = j
            continue
        for folded in _fold_char(char):
            out.append(folded)
            where.append(i)
        i += 1
    while out and out[-1] in " \n":
        out.pop()
        where.pop()
    return "".join(out), where


# -- the pieces of a text --------------------------------------------------------------------

_LEAD = (
    r"(?:(?:thoi han|thoi gian)(?: giai quyet| xu ly| thuc hien)?"
    r"(?: (?:ho so|thu tuc(?: hanh chinh)?|yeu cau chung thuc|cong chung|chung thuc"
    r"|(?:viec|lien thong) [a-z0-9 ,]+?))?\s*(?::|la)?\s*)"
)
_LEAD_ONLY = re.compile(
    rf"^(?:{_LEAD}|(?:thoi han|thoi gian) giai quyet(?: [a-z0-9]+)*\s*:?\s*"
    rf"|(?:[a-z]\)|[{_BULLET}])\s*)*$"
)
_QUALIFIERS = re.compile(
    r"(?:\s|^|(?<=[-+*•–]))(?:(?:trong|trong thoi han|trong vong|trong thoi gian|khong qua|toi da|"
    r"cham nhat|sau|la|thi|ket qua|giai quyet|tra ket qua)(?: la)?\s*:?\s*)+$"
)
_CHANNEL_LEAD = re.compile(
    r"^(?:[a-z]\)\s*|[-+*•–]\s*)*(?:nop|gui|thong qua|qua |thuc hien truc|cach thuc|cach thuc hien"
    r"|ho so gui|van ban giay|truc tiep tai|truc tuyen qua)"
)
_CONDITION_WORDS = re.compile(
    r"truong hop|doi voi|\bneu\b|\brieng\b|\bkhi\b|keo dai|gia han|vung sau|vung xa|hai dao"
)
_STAGE_WORDS = re.compile(
    r"^(?:[a-z]\)\s*|[-+*•–]\s*)*(?:buoc \d+|tiep nhan|tham dinh|kiem tra|danh gia|cap giay|"
    r"cap chung nhan|cap ban sao|thong bao|phat hanh|xem xet|phe duyet|ban hanh|xu ly|"
    r"lay y kien|tra ket qua|thoi han [a-z ]+)"
)
_MENTION = re.compile(
    r"(?<![\d/.,-])(?<!ngay )(?<!thang )(?<!thu )(?<!khoan )(?<!dieu )"
    r"(?P<num>\d+(?:[.,]\d+)?)(?:\s*[-–]\s*(?P<num2>\d+(?:[.,]\d+)?))?"
    r"\s*(?:\((?P<words>[a-z ]+)\)\s*)?"
    r"(?P<unit>ngay lam viec|ngay|gio lam viec|gio|thang|phut|tuan)(?![a-z])"
    r"(?P<per>\s*/)?"
)
_SAME_DAY_MENTION = re.compile(
    r"(?:^|\s)(?:(?:cap |giai quyet |tra ket qua |duoc thuc hien )?ngay trong ngay"
    r"|trong ngay lam viec(?! tiep theo)|trong ngay (?:tiep nhan|nhan)"
    r"|(?:cap |giai quyet |tra ket qua )?ngay sau khi (?:tiep nhan|nhan|xuat trinh|nop)"
    r"|tai thoi diem tiep nhan)"
)
_CUTOFF_CLAUSE = re.compile(
    r"(?:truong hop|neu)?\s*(?:tiep nhan|nhan)(?: duoc)? (?:ho so|giay to|yeu cau)"
    r"(?: [a-z]+){0,3}? sau (?P<ch>\d{1,2})\s*(?:gio|h|:)\s*(?:(?P<cm>\d{2})\s*(?:phut)?)?"
    r"(?P<rest>[a-z ,]*?ngay lam viec tiep theo)"
)
# Decree 23/2015's order: "… hoặc trong ngày làm việc tiếp theo(,) nếu tiếp nhận yêu cầu sau 15 giờ".
_CUTOFF_AFTER = re.compile(
    r"\s*,?\s*hoac (?:trong|vao) ngay lam viec tiep theo\s*,?\s*neu (?:tiep nhan|nhan)(?: duoc)?"
    r" (?:ho so|giay to|yeu cau) sau (?P<ch>\d{1,2})\s*(?:gio|h|:)\s*(?:(?P<cm>\d{2})\s*(?:phut)?)?"
)
_ANCHOR_START = re.compile(r"(?:^|[\s,])(?:ke tu|tinh tu|sau khi|tu khi|tu ngay|tu thoi diem)\b")
_RECEIPT = re.compile(
    r"^(?:ke tu|tinh tu|sau khi|tu khi|tu ngay|tu thoi diem)"
    r"(?: (?:ngay|khi|thoi diem))?"
    r"(?P<who>(?:,? [a-z]+){0,16}?)"
    r"(?: (?:tiep nhan|nhan|nop)(?: duoc)?(?: (?:day du|du))?(?: (?:ca|toan bo|cac))?"
    r" (?:ho so|du ho so|day du ho so|giay to)"
    r"| ho so (?:duoc )?(?:tiep nhan|nhan)(?: (?:day du|du))?(?: ho so)?)"
    r"(?P<rest>.*)$"
)
_NOT_AN_AGENCY = re.compile(r"\b(?:chap|thong bao|ket qua|van ban|het han|ket thuc|hoan thanh)\b")
_EXTRA_EVENT = re.compile(r"\bva (?!hop le\b)|\bden ngay\b|\bsau khi\b")


def _limit_of(found: re.Match[str], original: str) -> tuple[TimeLimit | None, str | None]:
    unit = found.group("unit")
    if found.group("num2") is not None:
        return None, f"a range of limits ({original!r}), not one limit"
    if found.group("per"):
        return None, f"a limit per item ({original!r}), not per dossier"
    if unit == "gio":
        return None, f"hours without 'làm việc' ({original!r}): office or elapsed hours?"
    if unit == "phut":
        return None, f"a limit in minutes ({original!r})"
    if unit == "tuan":
        return None, f"a limit in weeks ({original!r})"
    try:
        number = _read_number(found.group("num"))
        if unit == "ngay lam viec":
            return WorkingDays(number), None
        if unit == "gio lam viec":
            return WorkingHours(number), None
        if unit == "thang":
            return Months(number), None
        return CalendarDays(number), None
    except (TimeLimitError, ValueError, ZeroDivisionError) as error:
        return None, f"{original!r}: {error}"


@attrs.define
class _Reader:
    text: str
    plain: str
    where: list[int]
    main: list[tuple[TimeLimit | None, str | None, str]] = attrs.Factory(list)
    alternatives: list[ConditionalLimit] = attrs.Factory(list)
    stages: list[ConditionalLimit] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    problems: list[str] = attrs.Factory(list)
    header: str | None = None  # "* Đối với quỹ đóng:" makes the next rows conditional
    breakdown: bool = False  # "Trong thời hạn 50 ngày, trong đó: - …": the rest are stages
    last_main: int | None = None  # index in ``main`` of the latest unconditional limit
    unclear: set[int] = attrs.Factory(set)  # limits in ``main`` that only follow other words
    cutoff: dt.time | None = None
    cutoff_next_count: bool = False
    step: str | None = None  # why a limit was taken for a step handed on to another authority

    def original(self, start: int, end: int) -> str:
        """The published words behind ``plain[start:end]``."""
        if start >= end:
            return ""
        begin = self.where[start]
        finish = self.where[end - 1] + 1
        return " ".join(self.text[begin:finish].split())

    def note(self, start: int, end: int) -> None:
        words = self.original(start, end).strip(" ,;.:-+*•–\t")
        if words and re.search(r"\w", words):
            self.notes.append(words)


def _segments(plain: str) -> list[tuple[int, int]]:
    """Spans of ``plain`` between item breaks: line breaks, ``;``, sentence ends, `` - ``."""
    cuts = [0]
    for found in re.finditer(r"\n|;|\.(?=\s|$)(?<!\d\.)| [-+] (?=[a-z0-9])", plain):
        cuts.extend((found.start(), found.end()))
    cuts.append(len(plain))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        while a < b and plain[a] in " ,":
            a += 1
        while b > a and plain[b - 1] in " ,":
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def _anchor_end(plain: str, start: int, end: int) -> int:
    """Where an anchor phrase starting at ``start`` ends (a comma that opens a new clause)."""
    receipt_ahead = re.compile(
        r"[a-z ,]{0,90}?\b(?:tiep nhan|nhan)(?: duoc)?(?: du| day du)? ho so\b"
    )
    joined = re.search(r"\s(?:hoac)\s|\s\(", plain[start:end])
    if joined and not (
        plain[start + joined.start()] != "("
        and _naming_who_receives(plain[start : start + joined.start()])
        and receipt_ahead.match(plain, start + joined.end(), end)
    ):
        end = start + joined.start()
    for found in re.finditer(r",\s*", plain[start:end]):
        following = plain[start + found.end() : end]
        if re.match(r"(?:hop le|day du|tai lieu|van ban|giay to)\b", following):
            continue
        # "kể từ ngày Bộ trưởng Bộ Xây dựng, Bộ trưởng Bộ Quốc phòng … nhận đủ hồ sơ": one event.
        if _naming_who_receives(plain[start : start + found.start()]) and receipt_ahead.match(
            following
        ):
            continue
        return start + found.start()
    return end


def _naming_who_receives(anchor: str) -> bool:
    """ "kể từ ngày Bộ trưởng Bộ Xây dựng": an anchor that names an agency, no event yet."""
    opening = re.match(r"(?:ke tu|tinh tu|tu) ngay ", anchor)
    return bool(opening) and not re.search(
        r"\b(?:nhan(?! dan)|nop|ban hanh|ket thuc|het|lap|co|duoc|thong bao|ky|gui)\b",
        anchor[opening.end() if opening else 0 :],
    )


def _is_receipt(anchor: str) -> bool:
    found = _RECEIPT.match(anchor)
    if not found:
        return False
    who = found.group("who")
    if _NOT_AN_AGENCY.search(who) or (who.count(" ") > 8 and re.search(r"\bva\b", who)):
        return False
    return not _EXTRA_EVENT.search(re.sub(r"\bve viec\b.*$", "", found.group("rest")))


def _read_segment(reader: _Reader, a: int, b: int) -> None:
    plain = reader.plain
    mentions = [m for m in _MENTION.finditer(plain, a, b) if not _numbered(reader, m.start())]
    if not mentions:
        same = _SAME_DAY_MENTION.search(plain, a, b)
        if same:
            begin = same.start() + (1 if plain[same.start()].isspace() else 0)
            role, words = _role(reader, a, begin, first=True)
            _keep(reader, role, words, SameDay(cutoff=None), None, RECEIPT)
            if _trailing_words(plain[same.end() : b]):
                reader.note(same.end(), b)
            return
        segment = plain[a:b]
        bare = re.sub(r"\([^()]*\)", " ", segment)
        alone = re.fullmatch(r"\(.*\)", segment) and _CONDITION_WORDS.search(segment)
        if alone and reader.last_main is not None:
            # "(đối với trường hợp tăng, giảm vốn)" on its own: a condition of the limit before.
            limit, problem, counted = reader.main.pop(reader.last_main)
            reader.last_main = None
            _keep(reader, "condition", reader.original(a + 1, b - 1), limit, problem, counted)
            return
        # A header ("* Đối với quỹ đóng:") opens rows; a conditional sentence of its own ("Nếu
        # gửi qua bưu chính, ngày tiếp nhận … dấu công văn đến.", "nếu …, thì …") closes them.
        ends_sentence = plain[b : b + 1] == "." or re.search(r"\sthi\s", bare)
        if _CONDITION_WORDS.search(bare) and b - a < 250:
            if ends_sentence:
                reader.header = None
            else:
                reader.header = reader.original(a, b).strip(" :,-+*•–")
        reader.note(a, b)
        return
    start = a
    for index, found in enumerate(mentions):
        last = index + 1 == len(mentions)
        stop = b if last else mentions[index + 1].start()
        start = _read_mention(reader, found, start, stop, first=index == 0, last=last)


def _numbered(reader: _Reader, at: int) -> bool:
    """Whether the number at ``at`` follows "số" ("Mẫu số 07", a number, not a limit).

    Folded, "số" (number) and "Sở" (a provincial department: "Sở 07 ngày làm
    việc") are both "so": the original word tells them apart.
    """
    if reader.plain[max(0, at - 3) : at] != "so ":
        return False
    # Up to the space, so that the combining marks of a decomposed "Sở" come too.
    written = reader.text[reader.where[at - 3] : reader.where[at - 1]]
    return unicodedata.normalize("NFC", written).strip().lower() != "sở"


def _trailing_words(words: str) -> bool:
    words = words.strip(" ,.:;")
    return bool(words) and not re.fullmatch(
        r"(?:ke tu|sau khi|tu khi)? ?(?:ngay |khi )?(?:tiep nhan|nhan)(?: duoc)?(?: du| day du)?"
        r" (?:ho so|yeu cau|giay to)(?: day du| hop le|,| va| theo quy dinh)*",
        words,
    )


def _read_mention(
    reader: _Reader, found: re.Match[str], start: int, stop: int, *, first: bool, last: bool
) -> int:
    """Read one limit of a segment; returns where the next limit's own words start."""
    plain = reader.plain
    start = min(start, found.start())
    written = reader.original(found.start(), found.end() - (1 if found.group("per") else 0))
    limit, problem = _limit_of(found, written)
    # What comes before: a lead-in, a qualifier, or a condition / stage name.
    role, words = _role(reader, start, found.start(), first=first)
    condition = words if role == "condition" else None
    stage = words if role == "stage" else None
    # What comes after: a parenthesis, the anchor, a condition after the limit, a note.
    cursor = found.end()
    after_condition: str | None = None
    paren = re.match(r"\s*\(([^()]*)\)", plain[cursor:stop])
    if paren:
        inside = paren.group(1)
        span = (cursor + paren.start(1), cursor + paren.end(1))
        if _CONDITION_WORDS.search(inside):
            after_condition = reader.original(*span)
        else:
            reader.note(*span)
        cursor += paren.end()
    counted_from = RECEIPT
    anchor = _ANCHOR_START.search(plain, cursor, stop)
    if anchor and not plain[cursor : anchor.start()].strip(" ,").replace("hop le", "").strip():
        begin = anchor.start() + (1 if plain[anchor.start()] in " ," else 0)
        finish = _anchor_end(plain, begin, stop)
        words = plain[begin:finish]
        tail_condition = re.search(r"\s(?:doi voi|voi truong hop|trong truong hop|neu)\b", words)
        if tail_condition:
            after_condition = after_condition or reader.original(
                begin + tail_condition.start() + 1, finish
            )
            finish = begin + tail_condition.start()
            words = plain[begin:finish]
        if not _is_receipt(words.strip()):
            counted_from = reader.original(begin, finish).strip(" ,.")
        cursor = finish
    rest = plain[cursor:stop]
    tail_condition = re.search(
        r"(?:^|\s|,)(?:doi voi|voi truong hop|trong truong hop|neu(?! co\b)|truong hop)\b", rest
    )
    if tail_condition and after_condition is None:
        begin = cursor + tail_condition.start()
        if rest[: tail_condition.start()].strip(" ,."):
            reader.note(cursor, begin)
        finish = stop
        if not last:
            joined = re.search(r"\s(?:va|hoac)\s*$", plain[begin:stop])
            finish = begin + joined.start() if joined else stop
        after_condition = reader.original(begin, finish).strip(" ,.")
        cursor = stop
    elif last and rest.strip(" ,."):
        reader.note(cursor, stop)
        cursor = stop
    if after_condition is not None:
        condition = f"{condition} {after_condition}" if condition else after_condition
        role = "condition"
    elif role in ("main", "main?") and _COMPLETENESS.search(plain[found.end() : stop]):
        # "05 ngày làm việc …, Bộ kiểm tra tính đầy đủ của hồ sơ": the check, not the result.
        role, stage = "stage", reader.original(found.end(), stop).strip(" ,.;")
    elif role in ("main", "main?") and _STEP_ACTION.search(
        re.sub(r"\([^()]*\)", " ", plain[found.end() : stop])
    ):
        # "…, cơ quan chuyên môn … báo cáo Ủy ban nhân dân … quyết định": a step, not the result.
        role, stage = "stage", reader.original(found.end(), stop).strip(" ,.;:")
        reader.step = f"'{written}' is for a step that ends in a report or submission ('{stage}')"
    if role in ("main", "main?") and re.search(
        r"\b(?:trong do|cu the nhu sau)\b", plain[found.end() : stop]
    ):
        reader.breakdown = True
    then = re.search(r"\sthi\s(?!.*\sthi\s)", plain[start : found.start()])
    consequence = plain[start + then.end() : found.start()] if then else ""
    words = condition if role == "condition" else stage
    _keep(reader, role, words, limit, problem, counted_from, consequence)
    return cursor


_AUTHORITY = (
    r"(?:cap co tham quyen|cap tren|uy ban|ubnd|chu tich|thu tuong|bo truong|giam doc|hoi dong"
    r"|co quan|nguoi co tham quyen|lanh dao)"
)
_STEP_ACTION = re.compile(
    rf"\b(?:bao cao|trinh|de nghi|chuyen ho so(?: den| cho)?) {_AUTHORITY}|co trach nhiem\s*:\s*$"
)
_COMPLETENESS = re.compile(
    r"kiem tra tinh day du|huong dan (?:[a-z ]{0,30})hoan thien|yeu cau bo sung|"
    r"thong bao (?:[a-z ]{0,30})bo sung ho so"
)


def _role(reader: _Reader, start: int, end: int, *, first: bool) -> tuple[str, str | None]:
    """What the words before a limit make of it: ``main``, ``condition`` or ``stage``.

    Returns the role and the condition's or stage's words as written.
    """
    plain = reader.plain
    before = plain[start:end]
    core = _QUALIFIERS.sub("", before)
    head = core.rstrip(" :,")
    labelled = ":" in core
    head_start = start + (len(before) - len(before.lstrip(" ,")))
    bare = re.sub(r"\([^()]*\)", " ", head)
    conditional = bool(_CONDITION_WORDS.search(bare))
    then = re.search(r"\sthi\s", head)
    written = reader.original(head_start, start + (then.start() if then else len(head)))
    words = re.sub(r"^(?:[a-zđ]\)\s*)", "", written.strip(" :,-+*•–")).strip() or None
    lead = re.match(r"[\s,]*trong do\s*:?\s*", bare)
    if lead:
        # "Trong đó: Sở … 07 ngày; UBND … 03 ngày": parts of a total, never the default.
        reader.breakdown = True
        words = re.sub(r"^[Tt]rong đó\s*:?\s*", "", words or "").strip() or None
    if reader.breakdown:
        return "stage", words or "?"
    if reader.header is not None:
        own = words if conditional else None
        return "condition", f"{reader.header} {own}" if own else reader.header
    if conditional:
        return "condition", words
    if first and (not head or _LEAD_ONLY.match(head + " ")):
        return "main", None
    if first and _CHANNEL_LEAD.match(head):
        reader.note(head_start, head_start + len(head.lstrip(" ,")))
        return "main", None
    if re.fullmatch(r"[\s,]*(?:va|hoac|cong|/)?[\s,]*", head):
        return "main", None  # "06 ngày làm việc và 30 ngày": another limit, no condition
    if first and re.search(r"\bco trach nhiem giai quyet\b(?: [a-z]+){0,4}$", head):
        return "main", None  # "Cơ quan đăng ký có trách nhiệm giải quyết hồ sơ đăng ký …"
    if labelled:
        return ("stage" if _STAGE_WORDS.match(head) else "condition"), words
    if re.search(r"\btai (?:hoi dong|cap (?:xa|huyen|tinh|bo|trung uong))\b", head):
        return "stage", words  # "… tại Hội đồng cấp tỉnh không quá 90 ngày": one council's part
    return "main?", None  # a sentence of its own: a limit whose role the words do not say


def _keep(
    reader: _Reader,
    role: str,
    words: str | None,
    limit: TimeLimit | None,
    problem: str | None,
    counted_from: str,
    consequence: str = "",
) -> None:
    if role in ("main", "main?"):
        reader.last_main = len(reader.main)
        if role == "main?":
            reader.unclear.add(len(reader.main))
        reader.main.append((limit, problem, counted_from))
        return
    if limit is None:
        reader.problems.append(f"{role} '{words}': {problem}")
        return
    kind = ConditionKind.from_words(words or "?")
    if (
        kind is ConditionKind.CASE
        and consequence
        and re.search(r"\b(?:keo dai|gia han|tang them)\b", consequence)
    ):
        kind = ConditionKind.EXTENSION  # "trường hợp … thì thời hạn được kéo dài thêm …"
    if role == "stage":
        reader.stages.append(
            ConditionalLimit(words or "?", limit, ConditionKind.STAGE, counted_from=counted_from)
        )
    else:
        reader.alternatives.append(
            ConditionalLimit(words or "?", limit, kind, counted_from=counted_from)
        )


def _find_cutoff(reader: _Reader) -> None:
    """A "received after 15:00 → next working day" clause: remembered and blanked out."""
    found = _CUTOFF_CLAUSE.search(reader.plain)
    if not found:
        after = _CUTOFF_AFTER.search(reader.plain)
        if after and _SAME_DAY_MENTION.search(reader.plain, 0, after.start()):
            reader.cutoff = dt.time(int(after.group("ch")), int(after.group("cm") or 0))
            blank = " " * (after.end() - after.start())
            reader.plain = reader.plain[: after.start()] + blank + reader.plain[after.end() :]
        return
    reader.cutoff = dt.time(int(found.group("ch")), int(found.group("cm") or 0))
    reader.cutoff_next_count = bool(re.search(r"\btinh\b", found.group("rest")))
    start = found.start()
    while start > 0 and reader.plain[start - 1] not in ";.\n,":
        start -= 1
    # Keep the offsets: replace the clause by spaces rather than cut it.
    blank = " " * (found.end() - start)
    reader.plain = reader.plain[:start] + blank + reader.plain[found.end() :]


def _set_aside_inclusions(reader: _Reader) -> None:
    """ "(bao gồm 20 ngày … và 10 ngày …)": notes on the limit, not limits of their own."""
    pattern = r"\((?:bao gom|khong bao gom|trong do|khong ke|khong tinh)[^()]*\)"
    for found in re.finditer(pattern, reader.plain):
        reader.note(found.start() + 1, found.end() - 1)
        blank = " " * (found.end() - found.start())
        reader.plain = reader.plain[: found.start()] + blank + reader.plain[found.end() :]


def _strict_reading(plain: str) -> TimeLimit | None:
    """The one-limit phrasings :func:`~tthc.parse_time_limit` always read."""
    body = re.sub(rf"^(?:[{_BULLET}]\s*)?{_LEAD}", "", plain).strip(" .;")
    for candidate in (plain.strip(" .;"), body):
        try:
            limit = _read_canonical(candidate)
        except (TimeLimitError, ValueError, ZeroDivisionError):
            return None
        if limit is not None:
            return limit
    return None


def _with_cutoff(limit: TimeLimit, reader: _Reader) -> TimeLimit:
    if reader.cutoff is None:
        return limit
    if isinstance(limit, SameDay):
        return SameDay(cutoff=reader.cutoff)
    if isinstance(limit, WorkingDays) and isinstance(limit.days, int) and reader.cutoff_next_count:
        return WorkingDays(limit.days, cutoff=reader.cutoff)
    return limit


def parse_limit_text(text: str) -> LimitText:
    """Read a published time-limit text into its default, conditional limits, stages and notes.

    It never guesses: when the text gives no single default limit counted
    from receipt of the dossier, ``main`` is ``None`` and ``reason`` says why.

    Raises:
        InputTypeError: ``text`` is not a ``str``. Any text gives a reading
            (an unreadable one gives a reading without ``main``).

    Example:
        >>> parse_limit_text("- Thời gian giải quyết hồ sơ: 07ngày làm việc").main
        WorkingDays(days=7, cutoff=None)
        >>> parse_limit_text("4 Tháng").main
        Months(months=4)
        >>> r = parse_limit_text("- Tiếp nhận: 03 ngày làm việc;\\n- Thẩm định: 08 ngày")
        >>> r.main, [str(s) for s in r.stages], r.reason
        (None, ['Tiếp nhận: 03 ngày làm việc', 'Thẩm định: 08 ngày'], 'states 2 stages and no total')
        >>> r = parse_limit_text("20 ngày, kể từ ngày kết thúc thẩm định")
        >>> r.main, r.counted_from
        (None, 'kể từ ngày kết thúc thẩm định')
    """
    if not isinstance(text, str):
        raise InputTypeError(
            f"expected the text of a time limit, got {type(text).__name__}", value=text
        )
    plain, where = _normalise(text)
    strict = _strict_reading(plain.replace("\n", " "))
    if strict is not None:
        return LimitText(text, main=strict)
    reader = _Reader(text, plain, where)
    _find_cutoff(reader)
    _set_aside_inclusions(reader)
    for a, b in _segments(reader.plain):
        _read_segment(reader, a, b)
    return _result(reader)


def _result(reader: _Reader) -> LimitText:
    limits = [(limit, counted) for limit, problem, counted in reader.main if limit is not None]
    problems = [problem for limit, problem, _ in reader.main if problem is not None]
    # The same limit stated twice is two stages or two cases: never merged.
    distinct = limits
    alternatives = tuple(
        attrs.evolve(c, limit=_with_cutoff(c.limit, reader)) for c in reader.alternatives
    )
    common: dict[str, Any] = {
        "alternatives": alternatives,
        "stages": tuple(reader.stages),
        "notes": tuple(dict.fromkeys(reader.notes)),
    }
    reason: str | None = None
    if problems and not distinct:
        reason = problems[0]
    elif problems:
        reason = f"states {len(distinct) + len(problems)} limits, one unreadable: {problems[0]}"
    elif len(distinct) > 1:
        reason = f"states {len(distinct)} limits without saying which is the default"
    elif len(distinct) == 1 and reader.unclear and (alternatives or reader.stages):
        others = len(alternatives) + len(reader.stages)
        what = "conditional limit or stage" if others == 1 else "conditional limits or stages"
        reason = f"states {others} {what} and a limit whose words do not say it is the default"
    elif len(distinct) == 1:
        limit, counted = distinct[0]
        if counted != RECEIPT:
            return LimitText(
                reader.text,
                counted_from=counted,
                reason=f"counted from '{counted}', not from receipt of the dossier",
                **common,
            )
        main = _with_cutoff(limit, reader)
        if reader.cutoff is not None and main == limit:
            return LimitText(
                reader.text,
                reason=f"a cut-off at {reader.cutoff:%H:%M} that does not apply to '{limit}'",
                **common,
            )
        return LimitText(reader.text, main=main, **common)
    elif reader.stages and not alternatives:
        reason = reader.step or f"states {plural(len(reader.stages), 'stage')} and no total"
    elif alternatives:
        reason = f"states {plural(len(alternatives), 'conditional limit')} and no default"
    elif reader.problems:
        reason = reader.problems[0]
    else:
        reason = "states no time limit"
    return LimitText(reader.text, reason=reason, **common)
