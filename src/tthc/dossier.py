"""Dossiers (*hồ sơ*): an immutable history of events, with derived status and clock.

A :class:`Dossier` is its procedure, its schedule and the events that
happened to it. Every action returns a new dossier with one more event;
status, due dates, outcome and the control slip are derived from the events,
so :meth:`Dossier.replay` of the same events gives an equal dossier.

The clock (DESIGN §1, "Dossiers"):

- the statutory due is the procedure's limit for the dossier's channel,
  from the receipt instant (the verification limit instead when the
  procedure has one and a verification took place);
- pauses (supplement, financial obligation, verification) count as the
  procedure's :class:`~tthc.procedure.PausePolicy` says: ``NOT_COUNTED``
  moves the due later by the paused office time that the limit would have
  counted (a pause on the uncounted receipt day moves nothing; a day-based
  due still ends at a close of office) and stops :meth:`Dossier.remaining`
  while open, ``RESTART`` starts the whole limit again when the pause ends,
  ``COUNTED`` changes nothing. Overlapping pauses count once;
- the outcome and "overdue" are judged on the legal end of the limit
  (:attr:`Dossier.ends_at`: 24:00 of the due day for day limits), while
  :attr:`Dossier.due_at` stays the appointment at the close of office;
- a reschedule (BM.04, an apology with a new date) gives
  ``rescheduled_due_at`` but never changes ``due_at`` or the outcome.

Example:
    >>> sched = tthc.Schedule.vietnam()
    >>> procedure = tthc.Catalog.bundled()["1.004873"]
    >>> d = Dossier.receive(procedure, received_at=pendulum.datetime(2026, 12, 7, 10,
    ...                     tz="Asia/Ho_Chi_Minh"), channel=tthc.Channel.ONLINE, schedule=sched)
    >>> d.status, d.due_at
    (<Status.RECEIVED: 'received'>, DateTime(2026, 12, 10, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh')))
    >>> done = d.resolve(pendulum.datetime(2026, 12, 9, 16, tz="Asia/Ho_Chi_Minh"))
    >>> done.outcome, done.status.portal_code
    (<Outcome.EARLY: 'early'>, 9)
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs
import pendulum

from tthc._enums import Labelled
from tthc._validate import check_aware, check_date, instance_of
from tthc.deadline import Deadline, compute_deadline
from tthc.deadline import _fmt as _fmt_value
from tthc.errors import InputTypeError, InvalidActionError, OutOfRangeError, RuleViolationError
from tthc.limit_text import ConditionKind
from tthc.limits import TimeLimit, WorkingDays, WorkingHours
from tthc.procedure import Channel, PauseKind, PausePolicy, Procedure
from tthc.schedule import Schedule

__all__ = [
    "IN_PROGRESS",
    "TRANSITIONS",
    "ControlSlipRow",
    "Dossier",
    "Event",
    "EventKind",
    "Outcome",
    "Status",
    "Transition",
    "Violation",
    "dossier_code",
    "judge",
    "lifecycle_mermaid",
]


class Status(Labelled):
    """Status of a dossier, with the National Public Service Portal's code (*TrangThaiHoSo*).

    A refusal at intake (not competent) is reported as "not received" (3).

    Example:
        >>> Status.SUPPLEMENT_REQUESTED.portal_code, Status.SUPPLEMENT_REQUESTED.label
        (5, 'Yêu cầu bổ sung hồ sơ')
    """

    NEW = ("new", "Mới đăng ký", 1)
    RECEIVED = ("received", "Đã tiếp nhận", 2)
    NOT_RECEIVED = ("not_received", "Không tiếp nhận", 3)
    PROCESSING = ("processing", "Đang xử lý", 4)
    SUPPLEMENT_REQUESTED = ("supplement_requested", "Yêu cầu bổ sung hồ sơ", 5)
    FINANCIAL_OBLIGATION = ("financial_obligation", "Yêu cầu thực hiện nghĩa vụ tài chính", 6)
    WITHDRAWAL_REQUESTED = ("withdrawal_requested", "Công dân yêu cầu rút hồ sơ", 7)
    STOPPED = ("stopped", "Dừng xử lý", 8)
    RESOLVED = ("resolved", "Đã xử lý xong", 9)
    RETURNED = ("returned", "Đã trả kết quả", 10)
    REFUSED = ("refused", "Từ chối tiếp nhận (không thuộc thẩm quyền)", 3)


class Outcome(Labelled):
    """How a resolved dossier ended against its statutory due.

    Example:
        >>> Outcome.ON_TIME.label
        'Đúng hạn'
    """

    EARLY = ("early", "Trước hạn")
    ON_TIME = ("on_time", "Đúng hạn")
    LATE = ("late", "Quá hạn")


class EventKind(Labelled):
    """What happened to a dossier.

    Example:
        >>> EventKind.RESCHEDULED.label
        'Gia hạn, xin lỗi (BM.04)'
    """

    SUBMITTED = ("submitted", "Nộp hồ sơ")
    RECEIVED = ("received", "Tiếp nhận (BM.01)")
    NOT_RECEIVED = ("not_received", "Không tiếp nhận, hướng dẫn bổ sung")
    REFUSED = ("refused", "Từ chối tiếp nhận")
    PROCESSING_STARTED = ("processing_started", "Bắt đầu xử lý")
    HANDED_OVER = ("handed_over", "Chuyển xử lý (BM.05)")
    SUPPLEMENT_REQUESTED = ("supplement_requested", "Yêu cầu bổ sung hồ sơ")
    SUPPLEMENT_RECEIVED = ("supplement_received", "Nhận hồ sơ bổ sung")
    PAYMENT_REQUESTED = ("payment_requested", "Yêu cầu thực hiện nghĩa vụ tài chính")
    PAID = ("paid", "Đã thực hiện nghĩa vụ tài chính")
    VERIFICATION_STARTED = ("verification_started", "Bắt đầu xác minh")
    VERIFICATION_FINISHED = ("verification_finished", "Kết thúc xác minh")
    RESCHEDULED = ("rescheduled", "Gia hạn, xin lỗi (BM.04)")
    RESOLVED = ("resolved", "Có kết quả")
    RESULT_RETURNED = ("result_returned", "Đã trả kết quả")
    WITHDRAWAL_REQUESTED = ("withdrawal_requested", "Yêu cầu rút hồ sơ")
    STOPPED = ("stopped", "Dừng xử lý")


def _instant(value: Any) -> pendulum.DateTime:
    if value.__class__ is pendulum.DateTime and value.tzinfo is not None:
        return value
    check_aware(value)
    return value if isinstance(value, pendulum.DateTime) else pendulum.instance(value)


def _optional_instant(value: Any) -> pendulum.DateTime | None:
    return None if value is None else _instant(value)


def _optional(kind: type) -> Any:
    check = instance_of(kind)

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None:
            check(instance, attribute, value)

    return validate


@attrs.frozen
class Event:
    """One thing that happened to a dossier: the unit of persistence.

    Attributes:
        kind: an :class:`EventKind`.
        at: when (aware).
        note: a reason, guidance or comment.
        unit: the unit a dossier is handed to (hand-overs).
        step: the procedure step name (hand-overs).
        new_due: the new date (reschedules).
        channel: the channel (receipt and submission).
        code: the dossier code (receipt and submission).
        condition: the condition under which the procedure's conditional limit
            applies (receipt; a :class:`~tthc.ConditionKind` value or the
            condition's words, e.g. ``"verification"``).

    Example:
        >>> Event(EventKind.RESOLVED, pendulum.datetime(2026, 12, 9, 16, tz="Asia/Ho_Chi_Minh"))
        Event(kind=<EventKind.RESOLVED: 'resolved'>, at=DateTime(2026, 12, 9, 16, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh')), note=None, unit=None, step=None, new_due=None, channel=None, code=None, condition=None)
    """

    kind: EventKind = attrs.field(validator=instance_of(EventKind))
    at: pendulum.DateTime = attrs.field(converter=_instant)
    note: str | None = attrs.field(default=None, validator=_optional(str))
    unit: str | None = attrs.field(default=None, validator=_optional(str))
    step: str | None = attrs.field(default=None, validator=_optional(str))
    new_due: pendulum.DateTime | None = attrs.field(default=None, converter=_optional_instant)
    channel: Channel | None = attrs.field(default=None, validator=_optional(Channel))
    code: str | None = attrs.field(default=None, validator=_optional(str))
    condition: str | None = attrs.field(default=None, validator=_optional(str))


@attrs.frozen
class Violation:
    """A rule an official broke that the dossier records rather than refuses.

    Rules: ``second_reschedule`` (the date may be reset at most once),
    ``late_notice`` (the apology must come at least one working day before
    the due date), ``reschedule_to_day_off`` (the new date is not a working
    day), ``receipt_outside_hours`` and ``receipt_on_day_off`` (a dossier
    received in person while the desk is closed).

    Example:
        >>> Violation("late_notice", pendulum.datetime(2026, 12, 10, 9, tz="Asia/Ho_Chi_Minh"),
        ...           "notice on the due day").rule
        'late_notice'
    """

    rule: str
    at: pendulum.DateTime
    detail: str


@attrs.frozen
class ControlSlipRow:
    """One line of the control slip (*phiếu kiểm soát quá trình*, BM.05).

    Example:
        >>> row = ControlSlipRow("Tư pháp", "Thẩm định",
        ...     pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"), None, None, None)
        >>> row.unit
        'Tư pháp'
    """

    unit: str
    step: str | None
    received_at: pendulum.DateTime
    handed_on_at: pendulum.DateTime | None
    due_at: pendulum.DateTime | None
    outcome: Outcome | None


def judge(done_at: dt.datetime, due_at: dt.datetime) -> Outcome:
    """The single rule: early before the due day, on time on it and not after, else late.

    Pass the legal end of the limit as ``due_at`` (:attr:`Deadline.ends_at
    <tthc.deadline.Deadline.ends_at>`, :attr:`Dossier.ends_at`): 24:00 of the
    due day for a day-based limit, the instant for an hour-based one.

    Example:
        >>> end = pendulum.datetime(2026, 12, 10, 23, 59, 59, 999999, tz="Asia/Ho_Chi_Minh")
        >>> judge(end.subtract(days=1), end), judge(end.at(20), end), judge(end.add(hours=1), end)
        (<Outcome.EARLY: 'early'>, <Outcome.ON_TIME: 'on_time'>, <Outcome.LATE: 'late'>)
        >>> hour = pendulum.datetime(2026, 12, 10, 14, tz="Asia/Ho_Chi_Minh")   # an hour limit
        >>> judge(hour, hour), judge(hour.add(minutes=1), hour)
        (<Outcome.ON_TIME: 'on_time'>, <Outcome.LATE: 'late'>)
    """
    check_aware(done_at, "done_at")
    check_aware(due_at, "due_at")
    tz = due_at.tzinfo
    try:
        done_day = done_at.astimezone(tz).date()
    except OverflowError:  # within a day of datetime.min/max
        raise OutOfRangeError(
            f"cannot compare {done_at} with the due {due_at}", value=done_at
        ) from None
    due_day = due_at.date()
    if done_day < due_day:
        return Outcome.EARLY
    if done_day == due_day and done_at <= due_at:
        return Outcome.ON_TIME
    return Outcome.LATE


def dossier_code(agency_id: str, received: dt.date, sequence: int, *, system: str = "") -> str:
    """A dossier code in the national format ``agency-id-YYMMDD-sequence``.

    Circular 04/2025: the agency's electronic ID, the receipt date, the
    system owner's digits (optional here) and a daily sequence of at least
    four digits, starting at 1. ``received`` is the local receipt date: a
    datetime is refused (its UTC date may be the day before in Vietnam).

    Example:
        >>> dossier_code("000.00.12.H12", datetime.date(2026, 12, 7), 15)
        '000.00.12.H12-261207-0015'
        >>> dossier_code("000.00.12.H12", datetime.date(2026, 12, 7), 15, system="1")
        '000.00.12.H12-261207-10015'
    """
    if not isinstance(agency_id, str) or not agency_id.strip():
        raise InputTypeError(f"agency_id must be text, got {agency_id!r}", value=agency_id)
    check_date(received, "received")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise InputTypeError(
            f"sequence must be a positive int (the first dossier of the day is 1), got {sequence!r}",
            value=sequence,
        )
    if not isinstance(system, str) or (system and not (system.isdigit() and system.isascii())):
        raise InputTypeError(f"system must be digits, got {system!r}", value=system)
    return f"{agency_id.strip()}-{received:%y%m%d}-{system}{sequence:04d}"


_ACTIVE = frozenset(
    {
        Status.RECEIVED,
        Status.PROCESSING,
        Status.SUPPLEMENT_REQUESTED,
        Status.FINANCIAL_OBLIGATION,
    }
)
_PAUSE_OPENERS = {
    EventKind.SUPPLEMENT_REQUESTED: PauseKind.SUPPLEMENT,
    EventKind.PAYMENT_REQUESTED: PauseKind.FINANCIAL_OBLIGATION,
    EventKind.VERIFICATION_STARTED: PauseKind.VERIFICATION,
}
_PAUSE_CLOSERS = {
    EventKind.SUPPLEMENT_RECEIVED: PauseKind.SUPPLEMENT,
    EventKind.PAID: PauseKind.FINANCIAL_OBLIGATION,
    EventKind.VERIFICATION_FINISHED: PauseKind.VERIFICATION,
}


@attrs.frozen
class _Pause:
    kind: PauseKind
    start: pendulum.DateTime
    end: pendulum.DateTime | None


class _State:
    """Everything derived from the events, folded one event at a time.

    A plain slotted class: the fold clones one per event and sets what
    changed, several times faster than ``attrs.evolve`` on this hot path.
    A state is never changed once the fold has returned it.
    """

    __slots__ = (
        "channel",
        "code",
        "condition",
        "deadline",
        "ended_at",
        "handovers",
        "last_at",
        "pauses",
        "received_at",
        "reschedules",
        "resolved_at",
        "returned_at",
        "status",
        "violations",
    )

    def __init__(self) -> None:
        self.status: Status | None = None
        self.received_at: pendulum.DateTime | None = None
        self.channel: Channel | None = None
        self.code: str | None = None
        self.condition: str | None = None
        self.pauses: tuple[_Pause, ...] = ()
        self.reschedules: tuple[Event, ...] = ()
        self.handovers: tuple[Event, ...] = ()
        self.resolved_at: pendulum.DateTime | None = None
        self.returned_at: pendulum.DateTime | None = None
        self.ended_at: pendulum.DateTime | None = None
        self.violations: tuple[Violation, ...] = ()
        self.last_at: pendulum.DateTime | None = None
        # The receipt's deadline, computed once at receipt (range check) and reused.
        self.deadline: Deadline | None = None

    def clone(self) -> _State:
        new = object.__new__(_State)
        new.status, new.received_at, new.channel = self.status, self.received_at, self.channel
        new.code, new.pauses, new.reschedules = self.code, self.pauses, self.reschedules
        new.condition = self.condition
        new.handovers, new.resolved_at = self.handovers, self.resolved_at
        new.returned_at, new.ended_at = self.returned_at, self.ended_at
        new.violations, new.last_at = self.violations, self.last_at
        new.deadline = self.deadline
        return new

    def open_pause(self, kind: PauseKind) -> bool:
        return any(p.kind is kind and p.end is None for p in self.pauses)


# What each event does, as a verb phrase for "cannot ... a dossier whose status is ...".
_VERBS = {
    EventKind.SUBMITTED: "submit",
    EventKind.RECEIVED: "receive",
    EventKind.NOT_RECEIVED: "turn away",
    EventKind.REFUSED: "refuse",
    EventKind.PROCESSING_STARTED: "start processing",
    EventKind.HANDED_OVER: "hand over",
    EventKind.SUPPLEMENT_REQUESTED: "request a supplement for",
    EventKind.SUPPLEMENT_RECEIVED: "receive a supplement for",
    EventKind.PAYMENT_REQUESTED: "request payment for",
    EventKind.PAID: "record a payment for",
    EventKind.VERIFICATION_STARTED: "start a verification of",
    EventKind.VERIFICATION_FINISHED: "finish a verification of",
    EventKind.RESCHEDULED: "reschedule",
    EventKind.RESOLVED: "resolve",
    EventKind.RESULT_RETURNED: "return the result of",
    EventKind.WITHDRAWAL_REQUESTED: "withdraw",
    EventKind.STOPPED: "stop",
}


# -- the lifecycle --------------------------------------------------------------------------

#: The target of the events that keep a dossier in progress: its status then shows the
#: pause the applicant must act on (see :class:`Transition`).
IN_PROGRESS: Literal["in_progress"] = "in_progress"

# The statuses of a dossier in progress: the clock runs (or stands still in a pause).
_IN_PROGRESS_STATUSES = (
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.FINANCIAL_OBLIGATION,
)
# The events that keep a dossier in progress.
_WORK_EVENTS = (
    EventKind.PROCESSING_STARTED,
    EventKind.HANDED_OVER,
    EventKind.SUPPLEMENT_REQUESTED,
    EventKind.SUPPLEMENT_RECEIVED,
    EventKind.PAYMENT_REQUESTED,
    EventKind.PAID,
    EventKind.VERIFICATION_STARTED,
    EventKind.VERIFICATION_FINISHED,
    EventKind.RESCHEDULED,
)


@attrs.frozen
class Transition:
    """One cell of the dossier lifecycle: what an event does to a dossier in a status.

    Attributes:
        target: the status after the event; :data:`IN_PROGRESS` (``"in_progress"``)
            when the status shows the open pause the applicant must act on
            (``SUPPLEMENT_REQUESTED`` while a supplement is awaited, else
            ``FINANCIAL_OBLIGATION`` while a payment is, else ``PROCESSING``);
            ``None`` when the status does not allow the event.
        refusal: why the event is refused (``""`` when it is allowed); the
            :class:`~tthc.errors.InvalidActionError` ends with it.

    An allowed event may still be refused by its own guard: a first event
    needs its channel, a pause cannot open twice or close unopened, a
    hand-over needs its unit, a reschedule a later date, a resolution no
    open pause.

    Example:
        >>> TRANSITIONS[Status.RESOLVED, EventKind.RESULT_RETURNED]
        Transition(target=<Status.RETURNED: 'returned'>, refusal='')
        >>> TRANSITIONS[Status.PROCESSING, EventKind.RESULT_RETURNED].refusal
        'the result is not ready'
        >>> TRANSITIONS[Status.RECEIVED, EventKind.SUPPLEMENT_REQUESTED].target == IN_PROGRESS
        True
    """

    target: Status | Literal["in_progress"] | None
    refusal: str = ""

    @property
    def allowed(self) -> bool:
        """Whether the status allows the event.

        Example:
            >>> TRANSITIONS[None, EventKind.RESOLVED].allowed
            False
        """
        return self.target is not None


_ALLOWED: dict[tuple[Status | None, EventKind], Status | Literal["in_progress"]] = {
    (None, EventKind.SUBMITTED): Status.NEW,
    (None, EventKind.RECEIVED): Status.RECEIVED,
    (Status.NEW, EventKind.RECEIVED): Status.RECEIVED,
    (Status.NEW, EventKind.NOT_RECEIVED): Status.NOT_RECEIVED,
    (Status.NEW, EventKind.REFUSED): Status.REFUSED,
    **{(s, kind): IN_PROGRESS for s in _IN_PROGRESS_STATUSES for kind in _WORK_EVENTS},
    # An apology is not work on the file: a received dossier stays received.
    (Status.RECEIVED, EventKind.RESCHEDULED): Status.RECEIVED,
    **{(s, EventKind.RESOLVED): Status.RESOLVED for s in _IN_PROGRESS_STATUSES},
    **{
        (s, EventKind.WITHDRAWAL_REQUESTED): Status.WITHDRAWAL_REQUESTED
        for s in _IN_PROGRESS_STATUSES
    },
    **{
        (s, EventKind.STOPPED): Status.STOPPED
        for s in (*_IN_PROGRESS_STATUSES, Status.WITHDRAWAL_REQUESTED)
    },
    (Status.RESOLVED, EventKind.RESULT_RETURNED): Status.RETURNED,
}
# Why an event is refused in a status that does not allow it: by event, then by cell.
_REFUSED_BY_EVENT = {
    EventKind.SUBMITTED: "a dossier is submitted once, as its first event",
    EventKind.RECEIVED: "only a submitted dossier can be received",
    EventKind.NOT_RECEIVED: "only a submitted dossier can be turned away at intake",
    EventKind.REFUSED: "only a submitted dossier can be turned away at intake",
    EventKind.RESULT_RETURNED: "the result is not ready",
    EventKind.STOPPED: "only a dossier in progress can be stopped",
}
_REFUSED_IN_CELL: dict[tuple[Status | None, EventKind], str] = {
    **{(None, kind): "the dossier has not been submitted or received yet" for kind in EventKind},
    (Status.RETURNED, EventKind.RESULT_RETURNED): "the result was already returned",
}

TRANSITIONS: Mapping[tuple[Status | None, EventKind], Transition] = MappingProxyType(
    {
        (status, kind): (
            Transition(_ALLOWED[status, kind])
            if (status, kind) in _ALLOWED
            else Transition(
                None,
                _REFUSED_IN_CELL.get(
                    (status, kind),
                    _REFUSED_BY_EVENT.get(kind, "the dossier is not in progress"),
                ),
            )
        )
        for status in (None, *Status)
        for kind in EventKind
    }
)
"""The dossier lifecycle: ``(status, event kind) -> Transition``, read-only.

Every pair is present; the status is ``None`` before the first event. The
dossier's fold decides from this table alone whether an event is allowed and
which status follows; :func:`lifecycle_mermaid` draws it.

Example:
    >>> len(TRANSITIONS) == (len(Status) + 1) * len(EventKind)
    True
    >>> TRANSITIONS[None, EventKind.SUBMITTED].target
    <Status.NEW: 'new'>
    >>> sorted(s.value for (s, k), t in TRANSITIONS.items()
    ...        if k is EventKind.STOPPED and t.allowed)
    ['financial_obligation', 'processing', 'received', 'supplement_requested', 'withdrawal_requested']
"""


def lifecycle_mermaid() -> str:
    """The lifecycle of :data:`TRANSITIONS` as a Mermaid state diagram.

    One arrow per status and target, labelled with the events that take it;
    the events that keep a dossier in progress go to a choice that shows
    the open pause.

    Example:
        >>> print(lifecycle_mermaid().splitlines()[2])
            [*] --> new: submitted
    """
    edges: dict[tuple[str, str], list[str]] = {}
    for (status, kind), step in TRANSITIONS.items():
        if step.target is None:
            continue
        source = "[*]" if status is None else status.value
        target = step.target.value if isinstance(step.target, Status) else step.target
        edges.setdefault((source, target), []).append(kind.value)
    body = [
        f"    {source} --> {target}: {', '.join(kinds)}"
        for (source, target), kinds in edges.items()
    ]
    choice = [
        f"    {IN_PROGRESS} --> supplement_requested: a supplement is awaited",
        f"    {IN_PROGRESS} --> financial_obligation: else a payment is awaited",
        f"    {IN_PROGRESS} --> processing: else",
    ]
    return "\n".join(["stateDiagram-v2", f"    state {IN_PROGRESS} <<choice>>", *body, *choice])


def _fold(dossier: Dossier, state: _State, event: Event) -> _State:
    """The state after ``event``, or an error naming the status and the action."""
    kind, at, status = event.kind, event.at, state.status

    def refuse(why: str) -> InvalidActionError:
        shown = status.value.replace("_", " ") if status is not None else "none"
        return InvalidActionError(
            f"cannot {_VERBS[kind]} a dossier whose status is {shown}: {why}",
            status=status,
            action=kind.value,
            value=event,
        )

    if state.last_at is not None and at < state.last_at:
        raise refuse(f"{at} is earlier than the last event ({state.last_at})")
    new = state.clone()
    new.last_at = at

    step = TRANSITIONS[status, kind]
    if step.target is None:
        raise refuse(step.refusal)
    target = step.target if isinstance(step.target, Status) else None  # None: in progress
    if status is None:  # the first event: submitted or received
        if event.channel is None:
            raise refuse("the channel is required")
        first = target
        new.status, new.channel, new.code = first, event.channel, event.code
        new.condition = event.condition
        new.received_at = at if first is Status.RECEIVED else None
        if first is Status.RECEIVED:
            _check_receipt(dossier, new, event)
        return new
    if kind is EventKind.RECEIVED:
        new.status, new.received_at, new.code = target, at, event.code or state.code
        _check_receipt(dossier, new, event)
        return new
    if kind in (EventKind.NOT_RECEIVED, EventKind.REFUSED, EventKind.STOPPED):
        new.status, new.ended_at = target, at
        return new
    if kind is EventKind.RESULT_RETURNED:
        new.status, new.returned_at = target, at
        return new

    if kind in _PAUSE_OPENERS:
        pause = _PAUSE_OPENERS[kind]
        if state.open_pause(pause):
            raise refuse(f"a {pause.value.replace('_', ' ')} pause is already open")
        new.pauses = (*state.pauses, _Pause(pause, at, None))
    elif kind in _PAUSE_CLOSERS:
        pause = _PAUSE_CLOSERS[kind]
        if not state.open_pause(pause):
            raise refuse(f"no {pause.value.replace('_', ' ')} pause is open")
        new.pauses = tuple(
            _Pause(p.kind, p.start, at) if p.kind is pause and p.end is None else p
            for p in state.pauses
        )
    elif kind is EventKind.PROCESSING_STARTED:
        pass
    elif kind is EventKind.HANDED_OVER:
        if not event.unit:
            raise refuse("a hand-over needs the receiving unit")
        new.handovers = (*state.handovers, event)
    elif kind is EventKind.RESCHEDULED:
        _reschedule(dossier, state, new, event, refuse)
    elif kind is EventKind.RESOLVED:
        open_kinds = [p.kind.value.replace("_", " ") for p in state.pauses if p.end is None]
        if open_kinds:
            raise refuse(f"pauses are still open: {', '.join(open_kinds)}")
        new.status, new.resolved_at = target, at
        return new
    elif kind is EventKind.WITHDRAWAL_REQUESTED:
        new.status = target
        return new
    else:  # pragma: no cover - the table allows no other event here
        raise refuse("unknown event")

    if target is not None:
        new.status = target
    # Still in progress: the status shows the pause the applicant must act on.
    elif new.open_pause(PauseKind.SUPPLEMENT):
        new.status = Status.SUPPLEMENT_REQUESTED
    elif new.open_pause(PauseKind.FINANCIAL_OBLIGATION):
        new.status = Status.FINANCIAL_OBLIGATION
    else:
        new.status = Status.PROCESSING
    return new


def _reschedule(dossier: Dossier, state: _State, new: _State, event: Event, refuse: Any) -> None:
    if event.new_due is None:
        raise refuse("a reschedule needs the new due date")
    current = state.reschedules[-1].new_due if state.reschedules else None
    statutory = dossier._due_with(state, event.at)
    baseline = current if current is not None else statutory
    if event.new_due <= baseline:
        raise refuse(f"the new date {event.new_due} is not later than the current due {baseline}")
    violations = list(state.violations)
    if state.reschedules:
        violations.append(
            Violation("second_reschedule", event.at, "the due date may be reset at most once")
        )
    cal = dossier.schedule.calendar
    notice_day = _local_date(dossier.schedule, event.at)
    if cal.working_days_between(notice_day, _local_date(dossier.schedule, baseline)) < 1:
        violations.append(
            Violation(
                "late_notice",
                event.at,
                f"notice on {notice_day}, less than one working day before the due date "
                f"{baseline.date()}",
            )
        )
    new_day = _local_date(dossier.schedule, event.new_due)
    if not cal.is_working_day(new_day):
        violations.append(
            Violation(
                "reschedule_to_day_off",
                event.at,
                f"the new date {new_day} is not a working day"
                f" ({cal.holiday_name(new_day) or 'weekly rest day'})",
            )
        )
    _record(dossier, state, new, violations, event)
    new.reschedules = (*state.reschedules, event)


def _record(
    dossier: Dossier, state: _State, new: _State, violations: list[Violation], event: Event
) -> None:
    """Keep the violations, or raise the first new one in strict mode."""
    if dossier.strict and len(violations) > len(state.violations):
        broken = violations[len(state.violations)]
        raise RuleViolationError(f"{broken.rule}: {broken.detail}", rule=broken.rule, value=event)
    new.violations = tuple(violations)


def _check_receipt(dossier: Dossier, new: _State, event: Event) -> None:
    """Refuse a receipt the calendar cannot count; record a desk receipt out of hours.

    The due is computed now so that a receipt outside the calendar's range
    (or whose due falls outside it) fails here, naming the instant, rather
    than later inside a report.
    """
    sched, at = dossier.schedule, event.at
    limit = dossier._limit_for(new)
    assert limit is not None  # a received dossier has its channel
    try:
        new.deadline = compute_deadline(sched, at, limit, explain=False)
    except OutOfRangeError as error:
        raise OutOfRangeError(
            f"cannot receive a dossier at {at}: {error}",
            value=at,
            start=error.start,
            end=error.end,
        ) from error
    if new.channel is not Channel.IN_PERSON or sched.is_open(at):
        return
    day = _local_date(sched, at)
    if sched.calendar.is_working_day(day):
        violation = Violation(
            "receipt_outside_hours", at, f"received in person at {at:%H:%M}, outside office hours"
        )
    else:
        name = sched.calendar.holiday_name(day) or "weekly rest day"
        violation = Violation(
            "receipt_on_day_off", at, f"received in person on {day}, a day off ({name})"
        )
    _record(dossier, new, new, [*new.violations, violation], event)


def _local_date(schedule: Schedule, instant: dt.datetime) -> dt.date:
    local = schedule.local(instant)
    return dt.date(local.year, local.month, local.day)


def _events(value: Iterable[Any]) -> tuple[Event, ...]:
    events = tuple(value)
    for event in events:
        if not isinstance(event, Event):
            raise InputTypeError(f"expected Event, got {type(event).__name__}", value=event)
    return events


def _check_channel(value: Any) -> Channel:
    if isinstance(value, Channel):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        result: Channel = Channel.from_portal_code(value)
        return result
    raise InputTypeError(f"expected a Channel, got {value!r}", value=value)


@attrs.frozen
class Dossier:
    """A dossier: its procedure, schedule and events; everything else is derived.

    Build one with :meth:`receive` (a complete dossier at the desk or online)
    or :meth:`submit` (not yet checked), then call actions; each returns a
    new dossier. With ``strict=True`` breaches of the rules that are
    otherwise recorded as :attr:`violations` raise
    :class:`~tthc.errors.RuleViolationError`.

    Example:
        >>> sched = tthc.Schedule.vietnam()
        >>> p = tthc.Catalog.bundled()["1.004873"]
        >>> at = lambda *a: pendulum.datetime(*a, tz="Asia/Ho_Chi_Minh")
        >>> d = (Dossier.receive(p, received_at=at(2026, 12, 7, 10), channel=tthc.Channel.IN_PERSON,
        ...                      schedule=sched)
        ...      .request_supplement(at(2026, 12, 8, 9), "Thiếu bản sao CCCD")
        ...      .supplement(at(2026, 12, 9, 9)))
        >>> d.status, d.due_at
        (<Status.PROCESSING: 'processing'>, DateTime(2026, 12, 11, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh')))
    """

    procedure: Procedure = attrs.field(validator=instance_of(Procedure))
    schedule: Schedule = attrs.field(validator=instance_of(Schedule))
    events: tuple[Event, ...] = attrs.field(converter=_events)
    strict: bool = attrs.field(default=False, eq=False)
    _state: _State = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.events:
            raise InputTypeError("a dossier needs at least its first event", value=self.events)
        state = _State()
        for event in self.events:
            state = _fold(self, state, event)
        object.__setattr__(self, "_state", state)

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def receive(
        cls,
        procedure: Procedure,
        *,
        received_at: dt.datetime,
        channel: Channel | int,
        schedule: Schedule,
        code: str | None = None,
        strict: bool = False,
        condition: ConditionKind | str | None = None,
    ) -> Dossier:
        """A complete dossier received at ``received_at``: its clock starts.

        ``condition`` selects one of the procedure's conditional limits (e.g.
        :attr:`~tthc.ConditionKind.VERIFICATION`, or the condition's words);
        the procedure must state a limit for it.

        Raises:
            UnknownConditionError: the procedure states no limit for ``condition``.

        Example:
            >>> d = Dossier.receive(tthc.Catalog.bundled()["1.001193"],
            ...     received_at=pendulum.datetime(2026, 12, 4, 15, 30, tz="Asia/Ho_Chi_Minh"),
            ...     channel=2, schedule=tthc.Schedule.vietnam(), code="H12-261204-0001")
            >>> d.channel, d.code, d.due_date
            (<Channel.ONLINE: 'online'>, 'H12-261204-0001', datetime.date(2026, 12, 7))
            >>> d = Dossier.receive(tthc.Catalog.bundled()["1.000656"],
            ...     received_at=pendulum.datetime(2026, 12, 7, 9, tz="Asia/Ho_Chi_Minh"),
            ...     channel=1, schedule=tthc.Schedule.vietnam(),
            ...     condition=tthc.ConditionKind.VERIFICATION)
            >>> d.limit, d.due_date
            (WorkingDays(days=3, cutoff=None), datetime.date(2026, 12, 10))
        """
        checked = _check_channel(channel)
        words = condition.value if isinstance(condition, ConditionKind) else condition
        if words is not None:
            procedure.limit_for(checked, condition=words)  # the procedure must state it
        event = Event(
            EventKind.RECEIVED,
            schedule.local(received_at),
            channel=checked,
            code=code,
            condition=words,
        )
        return cls(procedure, schedule, (event,), strict=strict)

    @classmethod
    def submit(
        cls,
        procedure: Procedure,
        *,
        submitted_at: dt.datetime,
        channel: Channel | int,
        schedule: Schedule,
        code: str | None = None,
        strict: bool = False,
    ) -> Dossier:
        """A dossier submitted but not yet checked (status 1); no clock yet.

        Follow with :meth:`accept`, :meth:`not_receive` or :meth:`refuse`.

        Example:
            >>> d = Dossier.submit(tthc.Catalog.bundled()["1.004873"],
            ...     submitted_at=pendulum.datetime(2026, 12, 5, 21, tz="Asia/Ho_Chi_Minh"),
            ...     channel=tthc.Channel.ONLINE, schedule=tthc.Schedule.vietnam())
            >>> d.status.portal_code, d.due_at is None
            (1, True)
        """
        event = Event(
            EventKind.SUBMITTED,
            schedule.local(submitted_at),
            channel=_check_channel(channel),
            code=code,
        )
        return cls(procedure, schedule, (event,), strict=strict)

    @classmethod
    def replay(
        cls,
        procedure: Procedure,
        schedule: Schedule,
        events: Iterable[Event],
        *,
        strict: bool = False,
    ) -> Dossier:
        """The dossier these events describe (validated as if done one by one).

        Example:
            >>> d = Dossier.receive(tthc.Catalog.bundled()["1.004873"],
            ...     received_at=pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"),
            ...     channel=1, schedule=tthc.Schedule.vietnam())
            >>> Dossier.replay(d.procedure, d.schedule, d.events) == d
            True
        """
        return cls(procedure, schedule, tuple(events), strict=strict)

    def _then(self, event: Event) -> Dossier:
        # Fold just the new event onto the known state instead of replaying all.
        state = _fold(self, self._state, event)
        new = object.__new__(Dossier)
        for name, value in (
            ("procedure", self.procedure),
            ("schedule", self.schedule),
            ("events", (*self.events, event)),
            ("strict", self.strict),
            ("_state", state),
        ):
            object.__setattr__(new, name, value)
        return new

    def _event(self, kind: EventKind, at: dt.datetime, **fields: Any) -> Dossier:
        return self._then(Event(kind, self.schedule.local(at), **fields))

    # -- actions --------------------------------------------------------------------------

    def accept(self, at: dt.datetime, *, code: str | None = None) -> Dossier:
        """Receive a submitted dossier after checking it is complete: the clock starts.

        Example:
            >>> d = Dossier.submit(tthc.Catalog.bundled()["1.004873"],
            ...     submitted_at=pendulum.datetime(2026, 12, 5, 21, tz="Asia/Ho_Chi_Minh"),
            ...     channel=2, schedule=tthc.Schedule.vietnam())
            >>> d.accept(pendulum.datetime(2026, 12, 7, 8, tz="Asia/Ho_Chi_Minh")).due_date
            datetime.date(2026, 12, 10)
        """
        return self._event(EventKind.RECEIVED, at, code=code)

    def not_receive(self, at: dt.datetime, guidance: str | None = None) -> Dossier:
        """Turn away an incomplete dossier with guidance (status 3); no clock starts.

        Example:
            >>> d = Dossier.submit(tthc.Catalog.bundled()["1.004873"],
            ...     submitted_at=pendulum.datetime(2026, 12, 7, 9, tz="Asia/Ho_Chi_Minh"),
            ...     channel=1, schedule=tthc.Schedule.vietnam())
            >>> d.not_receive(pendulum.datetime(2026, 12, 7, 9, 5, tz="Asia/Ho_Chi_Minh"),
            ...               "Thiếu tờ khai").status
            <Status.NOT_RECEIVED: 'not_received'>
        """
        return self._event(EventKind.NOT_RECEIVED, at, note=guidance)

    def refuse(self, at: dt.datetime, reason: str | None = None) -> Dossier:
        """Refuse at intake, e.g. not competent (reported as status 3).

        Example:
            >>> d = Dossier.submit(tthc.Catalog.bundled()["1.004873"],
            ...     submitted_at=pendulum.datetime(2026, 12, 7, 9, tz="Asia/Ho_Chi_Minh"),
            ...     channel=1, schedule=tthc.Schedule.vietnam())
            >>> d.refuse(pendulum.datetime(2026, 12, 7, 9, 5, tz="Asia/Ho_Chi_Minh"),
            ...          "Không thuộc thẩm quyền").status.portal_code
            3
        """
        return self._event(EventKind.REFUSED, at, note=reason)

    def start_processing(self, at: dt.datetime, unit: str | None = None) -> Dossier:
        """Processing starts (status 4).

        Example:
            >>> _example().start_processing(pendulum.datetime(2026, 12, 7, 11,
            ...     tz="Asia/Ho_Chi_Minh")).status.portal_code
            4
        """
        return self._event(EventKind.PROCESSING_STARTED, at, unit=unit)

    def hand_over(self, at: dt.datetime, unit: str, step: str | None = None) -> Dossier:
        """Hand the dossier to ``unit`` for a step (logged on the control slip, BM.05).

        Without ``step``, the procedure's next step in order is assumed.

        Example:
            >>> d = _example().hand_over(pendulum.datetime(2026, 12, 7, 11,
            ...     tz="Asia/Ho_Chi_Minh"), "Công chức tư pháp - hộ tịch")
            >>> d.control_slip()[0].unit
            'Công chức tư pháp - hộ tịch'
        """
        return self._event(EventKind.HANDED_OVER, at, unit=unit, step=step)

    def request_supplement(self, at: dt.datetime, reason: str | None = None) -> Dossier:
        """Ask the applicant for supplements (status 5): a pause.

        Example:
            >>> _example().request_supplement(pendulum.datetime(2026, 12, 8, 9,
            ...     tz="Asia/Ho_Chi_Minh"), "Thiếu giấy tờ").status.portal_code
            5
        """
        return self._event(EventKind.SUPPLEMENT_REQUESTED, at, note=reason)

    def supplement(self, at: dt.datetime) -> Dossier:
        """The supplements arrived: the supplement pause ends.

        Example:
            >>> d = _example().request_supplement(pendulum.datetime(2026, 12, 8, 9,
            ...     tz="Asia/Ho_Chi_Minh"), "Thiếu giấy tờ")
            >>> d.supplement(pendulum.datetime(2026, 12, 8, 10, tz="Asia/Ho_Chi_Minh")).status
            <Status.PROCESSING: 'processing'>
        """
        return self._event(EventKind.SUPPLEMENT_RECEIVED, at)

    def request_payment(self, at: dt.datetime, note: str | None = None) -> Dossier:
        """Ask for a financial obligation to be paid (status 6): a pause.

        Example:
            >>> _example().request_payment(pendulum.datetime(2026, 12, 8, 9,
            ...     tz="Asia/Ho_Chi_Minh")).status.portal_code
            6
        """
        return self._event(EventKind.PAYMENT_REQUESTED, at, note=note)

    def pay(self, at: dt.datetime) -> Dossier:
        """The financial obligation is paid: the payment pause ends.

        Example:
            >>> d = _example().request_payment(pendulum.datetime(2026, 12, 8, 9,
            ...     tz="Asia/Ho_Chi_Minh"))
            >>> d.pay(pendulum.datetime(2026, 12, 8, 10, tz="Asia/Ho_Chi_Minh")).is_paused
            False
        """
        return self._event(EventKind.PAID, at)

    def start_verification(self, at: dt.datetime, note: str | None = None) -> Dossier:
        """A verification starts (*xác minh*).

        Example:
            >>> _example().start_verification(pendulum.datetime(2026, 12, 8, 9,
            ...     tz="Asia/Ho_Chi_Minh")).is_paused
            True
        """
        return self._event(EventKind.VERIFICATION_STARTED, at, note=note)

    def finish_verification(self, at: dt.datetime) -> Dossier:
        """The verification is finished.

        Example:
            >>> d = _example().start_verification(pendulum.datetime(2026, 12, 8, 9,
            ...     tz="Asia/Ho_Chi_Minh"))
            >>> d.finish_verification(pendulum.datetime(2026, 12, 8, 11,
            ...     tz="Asia/Ho_Chi_Minh")).is_paused
            False
        """
        return self._event(EventKind.VERIFICATION_FINISHED, at)

    def reschedule(
        self, at: dt.datetime, new_due: dt.datetime, reason: str | None = None
    ) -> Dossier:
        """Apologise and set a new date (BM.04); at most once, notice a working day ahead.

        A second reschedule or a late notice is recorded in :attr:`violations`
        (or raises with ``strict=True``); a new date not later than the
        current one is an error.

        Example:
            >>> d = _example().reschedule(pendulum.datetime(2026, 12, 8, 9, tz="Asia/Ho_Chi_Minh"),
            ...     pendulum.datetime(2026, 12, 15, 17, tz="Asia/Ho_Chi_Minh"), "Cần xác minh")
            >>> d.rescheduled_due_at.date(), d.due_at.date(), d.violations
            (Date(2026, 12, 15), Date(2026, 12, 10), ())
        """
        return self._event(
            EventKind.RESCHEDULED, at, new_due=self.schedule.local(new_due), note=reason
        )

    def resolve(self, at: dt.datetime) -> Dossier:
        """The result is ready (status 9); the outcome is judged now.

        Example:
            >>> _example().resolve(pendulum.datetime(2026, 12, 10, 16,
            ...     tz="Asia/Ho_Chi_Minh")).outcome
            <Outcome.ON_TIME: 'on_time'>
        """
        return self._event(EventKind.RESOLVED, at)

    def return_result(self, at: dt.datetime) -> Dossier:
        """The result is handed to the applicant (status 10).

        Example:
            >>> d = _example().resolve(pendulum.datetime(2026, 12, 9, 9, tz="Asia/Ho_Chi_Minh"))
            >>> d.return_result(pendulum.datetime(2026, 12, 9, 10,
            ...     tz="Asia/Ho_Chi_Minh")).status.portal_code
            10
        """
        return self._event(EventKind.RESULT_RETURNED, at)

    def withdraw(self, at: dt.datetime, reason: str | None = None) -> Dossier:
        """The applicant asks to withdraw before a decision (status 7).

        Example:
            >>> _example().withdraw(pendulum.datetime(2026, 12, 8, 9, tz="Asia/Ho_Chi_Minh"),
            ...     "Không còn nhu cầu").status.portal_code
            7
        """
        return self._event(EventKind.WITHDRAWAL_REQUESTED, at, note=reason)

    def stop(self, at: dt.datetime, reason: str | None = None) -> Dossier:
        """Processing stops, with a stop notice (status 8).

        Example:
            >>> d = _example().withdraw(pendulum.datetime(2026, 12, 8, 9, tz="Asia/Ho_Chi_Minh"),
            ...     "Không còn nhu cầu")
            >>> d.stop(pendulum.datetime(2026, 12, 8, 10, tz="Asia/Ho_Chi_Minh"),
            ...        "Theo yêu cầu rút hồ sơ").status.portal_code
            8
        """
        return self._event(EventKind.STOPPED, at, note=reason)

    def as_of(self, at: dt.datetime) -> Dossier | None:
        """The dossier as it stood at ``at``: its events up to then (``None`` if none).

        Reports use it to judge a dossier at the end of a period when later
        events are already known.

        Example:
            >>> d = _example().resolve(pendulum.datetime(2026, 12, 9, 9, tz="Asia/Ho_Chi_Minh"))
            >>> d.as_of(pendulum.datetime(2026, 12, 8, 9, tz="Asia/Ho_Chi_Minh")).status
            <Status.RECEIVED: 'received'>
        """
        instant = self.schedule.local(at)
        kept = tuple(e for e in self.events if e.at <= instant)
        if not kept:
            return None
        if len(kept) == len(self.events):
            return self
        return Dossier(self.procedure, self.schedule, kept, strict=self.strict)

    # -- derived state ----------------------------------------------------------------------

    @property
    def status(self) -> Status:
        """The current :class:`Status` (``.portal_code`` is the portal's TrangThaiHoSo).

        Example:
            >>> _example().status
            <Status.RECEIVED: 'received'>
        """
        status = self._state.status
        assert status is not None  # a dossier always has a first event
        return status

    @property
    def channel(self) -> Channel:
        """The channel (``.portal_code`` is the portal's KenhThucHien).

        Example:
            >>> _example().channel.portal_code
            1
        """
        channel = self._state.channel
        assert channel is not None
        return channel

    @property
    def code(self) -> str | None:
        """The dossier code, if one was given.

        Example:
            >>> _example().code is None
            True
        """
        return self._state.code

    @property
    def received_at(self) -> pendulum.DateTime | None:
        """When the complete dossier was received (``None`` before receipt).

        Example:
            >>> _example().received_at.hour
            10
        """
        return self._state.received_at

    @property
    def resolved_at(self) -> pendulum.DateTime | None:
        """When the result was ready.

        Example:
            >>> _example().resolved_at is None
            True
        """
        return self._state.resolved_at

    @property
    def returned_at(self) -> pendulum.DateTime | None:
        """When the result was handed over.

        Example:
            >>> _example().returned_at is None
            True
        """
        return self._state.returned_at

    @property
    def violations(self) -> tuple[Violation, ...]:
        """Rules broken and recorded (a second reschedule, a late notice).

        Example:
            >>> _example().violations
            ()
        """
        return self._state.violations

    @property
    def is_paused(self) -> bool:
        """Whether a pause (supplement, payment, verification) is open.

        Example:
            >>> _example().is_paused
            False
        """
        return any(p.end is None for p in self._state.pauses)

    @property
    def is_active(self) -> bool:
        """Whether the dossier is received and still in progress.

        Example:
            >>> _example().is_active
            True
        """
        return self._state.status in _ACTIVE

    def _limit_for(self, state: _State) -> TimeLimit | None:
        if state.channel is None:
            return None
        if state.condition is not None:
            return self.procedure.limit_for(state.channel, condition=state.condition)
        verified = any(p.kind is PauseKind.VERIFICATION for p in state.pauses)
        return self.procedure.limit_for(state.channel, verification=verified)

    @property
    def limit(self) -> TimeLimit | None:
        """The time limit that applies: the channel's, or the verification limit.

        Example:
            >>> _example().limit
            WorkingDays(days=3, cutoff=None)
        """
        return self._limit_for(self._state)

    @property
    def original_due_at(self) -> pendulum.DateTime | None:
        """The statutory due from receipt, before any pause.

        Example:
            >>> _example().original_due_at.date()
            Date(2026, 12, 10)
        """
        received, limit = self._state.received_at, self.limit
        if received is None or limit is None:
            return None
        return self.schedule.due_at(received, limit)

    def _stops_clock(self, pause: _Pause) -> bool:
        """Whether ``pause`` stops the clock (a not-counted pause).

        A verification of a procedure whose law gives a longer limit instead
        (``verification_limit``) does not pause: the limit itself changes.
        """
        if pause.kind is PauseKind.VERIFICATION and self.procedure.verification_limit is not None:
            return False
        return self.procedure.pause_policy[pause.kind] is PausePolicy.NOT_COUNTED

    def _paused(
        self, state: _State, since: pendulum.DateTime, until: pendulum.DateTime
    ) -> dt.timedelta:
        """Office time in ``[since, until]`` during which the clock stood still.

        The one helper behind :attr:`due_at` and :meth:`control_slip`: only
        not-counted pauses, overlaps once, an open pause counted up to ``until``.
        """
        spans = []
        for pause in state.pauses:
            if not self._stops_clock(pause):
                continue
            end = min(pause.end if pause.end is not None else until, until)
            start = max(pause.start, since)
            if end > start:
                spans.append((start, end))
        return _union_working_time(self.schedule, spans)

    def _due_with(self, state: _State, until: pendulum.DateTime) -> pendulum.DateTime:
        """The statutory due given ``state``'s pauses, open ones closed at ``until``.

        Only time the limit would have counted is paused: the part of a pause
        before counting starts (the uncounted receipt day, a day off, after
        the cut-off of a same-day limit) moves nothing.
        """
        received, limit = state.received_at, self._limit_for(state)
        assert received is not None
        assert limit is not None
        sched = self.schedule
        policy = self.procedure.pause_policy
        start = received
        latest = until
        for pause in state.pauses:
            end = pause.end if pause.end is not None else max(until, pause.start)
            latest = max(latest, end)
            if policy[pause.kind] is PausePolicy.RESTART and not (
                pause.kind is PauseKind.VERIFICATION
                and self.procedure.verification_limit is not None
            ):
                start = max(start, end)
        deadline = state.deadline
        if deadline is None or deadline.received_at != start or deadline.limit != limit:
            deadline = compute_deadline(sched, start, limit, explain=False)
        due = deadline.due_at
        paused = self._paused(state, deadline.counted_from, latest)
        if paused:
            shifted = sched.add_working_time(due, paused)
            if limit.is_day_based:
                shifted = sched.close_of(shifted.date())
            due = max(due, shifted)
        return due

    @functools.cached_property
    def due_at(self) -> pendulum.DateTime | None:
        """The appointment: the statutory due with pauses applied (``None`` before receipt).

        For a day-based limit it is the close of office on the due day, as
        printed on the receipt (BM.01); the limit itself ends at
        :attr:`ends_at` (24:00 of that day). While a pause is open, it is
        counted up to the last event; use :meth:`remaining` for the clock at
        a given instant.

        Example:
            >>> _example().due_at
            DateTime(2026, 12, 10, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        state = self._state
        if state.received_at is None or state.last_at is None:
            return None
        return self._due_with(state, state.last_at)

    @property
    def ends_at(self) -> pendulum.DateTime | None:
        """The legal end of the limit, with pauses applied: what the outcome is judged on.

        For a day-based limit, 24:00 of the due day (Civil Code 2015, Art.
        148; given as 23:59:59.999999), or the close of office when the
        schedule says ``ends_at_close``; for an hour-based limit, :attr:`due_at`.
        :attr:`due_at` stays the appointment printed on the slip (BM.01).

        Example:
            >>> d = _example()
            >>> d.due_at.time(), d.ends_at.time()
            (Time(17, 0, 0), Time(23, 59, 59, 999999))
        """
        due, limit = self.due_at, self.limit
        if due is None or limit is None:
            return None
        return self.schedule.legal_end(due, limit)

    @property
    def provisional(self) -> bool:
        """Whether the due falls in (or after) a year whose days off are not yet announced.

        Such a due is an estimate: the Government may still swap days.

        Example:
            >>> _example().provisional
            False
            >>> Dossier.receive(tthc.Catalog.bundled()["1.004873"],
            ...     received_at=pendulum.datetime(2026, 12, 30, 9, tz="Asia/Ho_Chi_Minh"),
            ...     channel=1, schedule=tthc.Schedule.vietnam()).provisional
            True
        """
        due = self.due_date
        return due is not None and self.schedule.calendar.is_provisional(due)

    @property
    def due_date(self) -> dt.date | None:
        """The local date of :attr:`due_at`.

        Example:
            >>> _example().due_date
            datetime.date(2026, 12, 10)
        """
        due = self.due_at
        return None if due is None else dt.date(due.year, due.month, due.day)

    @property
    def rescheduled_due_at(self) -> pendulum.DateTime | None:
        """The new date of the last reschedule (BM.04), if any.

        Example:
            >>> _example().rescheduled_due_at is None
            True
        """
        reschedules = self._state.reschedules
        return reschedules[-1].new_due if reschedules else None

    @property
    def rescheduled(self) -> bool:
        """Whether the due date was reset with an apology.

        Example:
            >>> _example().rescheduled
            False
        """
        return bool(self._state.reschedules)

    @property
    def appointment_at(self) -> pendulum.DateTime | None:
        """The date the applicant was last told: the rescheduled due, else the due.

        Example:
            >>> _example().appointment_at == _example().due_at
            True
        """
        return self.rescheduled_due_at or self.due_at

    def due_at_instant(self, at: dt.datetime) -> pendulum.DateTime | None:
        """The due as known at ``at``: open pauses counted up to ``at``.

        Example:
            >>> d = _example().request_supplement(pendulum.datetime(2026, 12, 8, 8,
            ...     tz="Asia/Ho_Chi_Minh"), "Thiếu giấy tờ")
            >>> d.due_at_instant(pendulum.datetime(2026, 12, 9, 8, tz="Asia/Ho_Chi_Minh"))
            DateTime(2026, 12, 11, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        state = self._state
        if state.received_at is None:
            return None
        instant = self.schedule.local(at)
        if state.last_at is not None:
            instant = max(instant, state.last_at)
        if not self.is_paused:
            return self.due_at
        return self._due_with(state, instant)

    def remaining(self, at: dt.datetime) -> dt.timedelta | None:
        """Office time left at ``at`` before the due (negative when overdue).

        The clock stands still while a not-counted pause is open: from the
        pause's start on, the answer is the office time that was left then.
        ``None`` when there is no due at ``at`` (not received yet, or ``at``
        before receipt).

        Example:
            >>> _example().remaining(pendulum.datetime(2026, 12, 10, 15, tz="Asia/Ho_Chi_Minh"))
            datetime.timedelta(seconds=7200)
            >>> paused = _example().request_supplement(
            ...     pendulum.datetime(2026, 12, 8, 9, tz="Asia/Ho_Chi_Minh"))
            >>> hour = datetime.timedelta(hours=1)
            >>> [paused.remaining(pendulum.datetime(2026, 12, d, h, tz="Asia/Ho_Chi_Minh")) / hour
            ...  for d, h in ((8, 9), (8, 16), (9, 10), (14, 8))]
            [22.5, 22.5, 22.5, 22.5]
        """
        state = self._state
        if state.received_at is None or self.schedule.local(at) < state.received_at:
            return None  # no clock runs before receipt
        instant = self.schedule.local(at)
        opened = [p.start for p in state.pauses if p.end is None and self._stops_clock(p)]
        if opened and instant >= min(opened):
            frozen = min(opened)
            return self.schedule.working_time_between(frozen, self._due_with(state, frozen))
        due = self.due_at_instant(at)
        assert due is not None
        return self.schedule.working_time_between(at, due)

    def is_overdue(self, at: dt.datetime) -> bool:
        """Whether the dossier is still in progress and past the legal end of its limit at ``at``.

        A day-based limit ends at 24:00 of the due day (see :attr:`ends_at`).

        Example:
            >>> d = _example()   # due Thursday 10/12/2026
            >>> d.is_overdue(pendulum.datetime(2026, 12, 10, 20, tz="Asia/Ho_Chi_Minh"))
            False
            >>> d.is_overdue(pendulum.datetime(2026, 12, 11, 0, 1, tz="Asia/Ho_Chi_Minh"))
            True
        """
        if not self.is_active and self.status is not Status.WITHDRAWAL_REQUESTED:
            return False
        due, limit = self.due_at_instant(at), self.limit
        if due is None or limit is None:
            return False
        return self.schedule.local(at) > self.schedule.legal_end(due, limit)

    @property
    def outcome(self) -> Outcome | None:
        """:class:`Outcome` against the legal end of the statutory limit (not the reschedule).

        Early if ready on a day before the due day, on time if on the due day
        up to :attr:`ends_at` (24:00 for day limits), late otherwise.

        Example:
            >>> at = lambda *a: pendulum.datetime(*a, tz="Asia/Ho_Chi_Minh")
            >>> [_example().resolve(at(2026, 12, *t)).outcome.value
            ...  for t in ((9, 16), (10, 17, 0, 1), (10, 20), (11, 9))]
            ['early', 'on_time', 'on_time', 'late']
        """
        resolved, ends = self._state.resolved_at, self.ends_at
        if resolved is None or ends is None:
            return None
        return judge(resolved, ends)

    def control_slip(self) -> list[ControlSlipRow]:
        """The control slip (BM.05): each hand-over with its step's due and result.

        A step's due is its share of the time (from the procedure's steps, in
        order unless named) counted in office time from the hand-over, moved
        by the not-counted pauses during the step.

        Example:
            >>> _example().control_slip()
            []
        """
        state = self._state
        steps = {s.name: s for s in self.procedure.steps}
        if not state.handovers:
            return []
        ends: list[pendulum.DateTime | None] = [h.at for h in state.handovers[1:]]
        ends.append(state.resolved_at or state.ended_at)
        rows = []
        for index, (handover, end) in enumerate(zip(state.handovers, ends, strict=True)):
            step = steps.get(handover.step or "") if handover.step else None
            if step is None and handover.step is None and index < len(self.procedure.steps):
                step = self.procedure.steps[index]
            due = None
            if step is not None:
                # Not-counted pauses during the step move its due, as for the dossier.
                stop = end if end is not None else state.last_at
                assert stop is not None
                paused = self._paused(state, handover.at, stop)
                due = self.schedule.add_working_time(
                    handover.at, self._step_time(step.duration) + paused
                )
            outcome = judge(end, due) if (end is not None and due is not None) else None
            rows.append(
                ControlSlipRow(
                    unit=handover.unit or "",
                    step=handover.step or (step.name if step is not None else None),
                    received_at=handover.at,
                    handed_on_at=end,
                    due_at=due,
                    outcome=outcome,
                )
            )
        return rows

    @property
    def receipt_deadline(self) -> Deadline | None:
        """The statutory deadline as the receipt slip (BM.01) states it, with its reasoning.

        Computed from the receipt instant and the limit known then (the
        channel's, or the stated condition's), before any pause; ``None``
        before receipt. :attr:`due_at` is where pauses then move it.

        Example:
            >>> _example().receipt_deadline.explain()[-1]
            'Hạn trả kết quả: 17:00 Thứ Năm 10/12/2026 (hết giờ làm việc, ngày làm việc thứ 3)'
        """
        state = self._state
        if state.received_at is None or state.channel is None:
            return None
        if state.condition is not None:
            limit = self.procedure.limit_for(state.channel, condition=state.condition)
        else:
            limit = self.procedure.limit_for(state.channel)
        return self.schedule.deadline(state.received_at, limit)

    def explain(self) -> str:
        """The dossier's story as text: its slip, how the due was counted, its events.

        What a desk officer would tell the applicant: the receipt and
        appointment slip (BM.01), the reasoning of the statutory due, every
        event, the due after not-counted pauses, the apology's new date
        (BM.04), the outcome or status and the control slip (BM.05).
        ``tthc demo`` prints this for its chosen dossier.

        Example:
            >>> print(_example().explain())
            GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (BM.01)
              Mã hồ sơ:        —
              Thủ tục:         1.004873 Xác nhận tình trạng hôn nhân
              Kênh:            Trực tiếp
              Tiếp nhận lúc:   10:00 Thứ Hai 07/12/2026
              Thời hạn:        03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ
              Hẹn trả kết quả: 17:00 Thứ Năm 10/12/2026
            <BLANKLINE>
            Cách tính hạn:
              Tiếp nhận hồ sơ: 10:00 Thứ Hai 07/12/2026
              Thời hạn giải quyết: 03 ngày làm việc
              Không tính ngày tiếp nhận: bắt đầu tính từ Thứ Ba 08/12/2026
              Hạn trả kết quả: 17:00 Thứ Năm 10/12/2026 (hết giờ làm việc, ngày làm việc thứ 3)
            <BLANKLINE>
            Quá trình xử lý:
              10:00 Thứ Hai 07/12/2026  Tiếp nhận (BM.01)
            <BLANKLINE>
            Trạng thái: Đã tiếp nhận
        """
        lines: list[str] = []
        received = self.received_at
        events = [
            f"  {_fmt_value(e.at, 'vi')}  {e.kind.label}"
            + (f": {detail}" if (detail := " — ".join(x for x in (e.unit, e.note) if x)) else "")
            for e in self.events
        ]
        if received is None:
            lines += [f"Hồ sơ chưa được tiếp nhận: {self.procedure.code} {self.procedure.name}"]
            lines += ["", "Quá trình xử lý:", *events, "", f"Trạng thái: {self.status.label}"]
            return "\n".join(lines)
        deadline = self.receipt_deadline
        assert deadline is not None  # received
        limit = deadline.limit
        lines += [
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (BM.01)",
            f"  Mã hồ sơ:        {self.code or '—'}",
            f"  Thủ tục:         {self.procedure.code} {self.procedure.name}",
            f"  Kênh:            {self.channel.label}",
            f"  Tiếp nhận lúc:   {_fmt_value(received, 'vi')}",
            f"  Thời hạn:        {self.procedure.time_limit_text or limit}",
            f"  Hẹn trả kết quả: {_fmt_value(deadline.due_at, 'vi')}",
            "",
            "Cách tính hạn:",
            *(f"  {line}" for line in deadline.explain()),
            "",
            "Quá trình xử lý:",
            *events,
            "",
        ]
        if self.due_at is not None and self.due_at != deadline.due_at:
            lines.append(
                f"Hạn sau khi không tính thời gian tạm dừng: {_fmt_value(self.due_at, 'vi')}"
            )
        if self.rescheduled_due_at is not None:
            lines.append(f"Hẹn lại (BM.04): {_fmt_value(self.rescheduled_due_at, 'vi')}")
        if self.outcome is not None:
            lines.append(f"Kết quả: {self.outcome.label}")
        else:
            lines.append(f"Trạng thái: {self.status.label}")
        slip = self.control_slip()
        if slip:
            lines += ["", "Phiếu kiểm soát quá trình (BM.05):"]
            for row in slip:
                handed = _fmt_value(row.handed_on_at, "vi") if row.handed_on_at else "—"
                lines.append(
                    f"  {row.unit:<22} nhận {_fmt_value(row.received_at, 'vi')}  giao {handed}"
                )
        return "\n".join(lines)

    def _step_time(self, duration: TimeLimit) -> dt.timedelta:
        if isinstance(duration, WorkingHours):
            return duration.duration
        assert isinstance(duration, WorkingDays)
        day = self.schedule.hours.day_length() // dt.timedelta(microseconds=1)
        return dt.timedelta(microseconds=round(day * duration.days))


def _union_working_time(
    schedule: Schedule, spans: list[tuple[pendulum.DateTime, pendulum.DateTime]]
) -> dt.timedelta:
    """Office time covered by the union of ``spans`` (overlaps counted once)."""
    total = dt.timedelta()
    current: tuple[pendulum.DateTime, pendulum.DateTime] | None = None
    for start, end in sorted(spans):
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            total += schedule.working_time_between(*current)
        current = (start, end)
    if current is not None:
        total += schedule.working_time_between(*current)
    return total


def _example() -> Dossier:
    """The dossier of the docstring examples: 1.004873 received Mon 2026-12-07 10:00."""
    from tthc.catalog import Catalog

    return Dossier.receive(
        Catalog.bundled()["1.004873"],
        received_at=pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"),
        channel=Channel.IN_PERSON,
        schedule=Schedule.vietnam(),
    )
