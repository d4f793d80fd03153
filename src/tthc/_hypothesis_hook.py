"""Hypothesis's entry point for tthc (private): registers strategies for tthc's types.

Hypothesis calls this while it is being imported, possibly from inside
``tthc.strategies`` itself, so the strategies are looked up lazily.
"""

from __future__ import annotations

from typing import Any

# Public class -> the tthc.strategies function (and arguments) that draws it.
_STRATEGIES: dict[str, tuple[str, tuple[Any, ...]]] = {
    "CalendarDays": ("_limits_of", ("CalendarDays",)),
    "Catalog": ("catalogs", ()),
    "ConditionalLimit": ("conditional_limits", ()),
    "ControlSlipRow": ("control_slip_rows", ()),
    "Deadline": ("deadlines", ()),
    "Document": ("documents", ()),
    "Dossier": ("dossiers", ()),
    "Event": ("events", ()),
    "Fee": ("fees", ()),
    "LimitText": ("limit_texts", ()),
    "Loaded": ("loaded", ()),
    "Months": ("months", ()),
    "Note": ("notes", ()),
    "OfficeHours": ("office_hours", ()),
    "Procedure": ("procedures", ()),
    "Report": ("reports", ()),
    "ReportProblem": ("report_problems", ()),
    "ReportRow": ("report_rows", ()),
    "RowProblem": ("row_problems", ()),
    "SameDay": ("_limits_of", ("SameDay",)),
    "Schedule": ("schedules", ()),
    "Season": ("seasons", ()),
    "Session": ("sessions", ()),
    "SpecialDay": ("special_days", ()),
    "Step": ("steps", ()),
    "TimeLimit": ("time_limits", ()),
    "Transition": ("transitions", ()),
    "Violation": ("violations", ()),
    "WorkingDays": ("_limits_of", ("WorkingDays",)),
    "WorkingHours": ("_limits_of", ("WorkingHours",)),
}


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    import tthc

    def lazy(name: str, *args: Any) -> Any:
        def build() -> Any:
            from tthc import strategies

            values = [getattr(tthc, a) if isinstance(a, str) else a for a in args]
            return getattr(strategies, name)(*values)

        return st.deferred(build)

    for type_name, (function, args) in _STRATEGIES.items():
        st.register_type_strategy(getattr(tthc, type_name), lazy(function, *args))
    st.register_type_strategy(tthc.WorkingCalendar, st.just(tthc.WorkingCalendar.vietnam()))
    for name in tthc.__all__:  # every error, with its required fields
        kind = getattr(tthc, name)
        if isinstance(kind, type) and issubclass(kind, tthc.TthcError):
            st.register_type_strategy(kind, lazy("_error_of", kind))
