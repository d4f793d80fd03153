"""Hypothesis's entry point for tthc (private): registers strategies for tthc's types.

Hypothesis calls this while it is being imported, possibly from inside
``tthc.strategies`` itself, so the strategies are looked up lazily.
"""

from __future__ import annotations

from typing import Any


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    import tthc

    def lazy(name: str, *args: Any) -> Any:
        def build() -> Any:
            from tthc import strategies

            return getattr(strategies, name)(*args)

        return st.deferred(build)

    st.register_type_strategy(tthc.Dossier, lazy("dossiers"))
    st.register_type_strategy(tthc.Procedure, lazy("procedures"))
    st.register_type_strategy(tthc.Catalog, lazy("catalogs"))
    st.register_type_strategy(tthc.Schedule, lazy("schedules"))
    st.register_type_strategy(tthc.OfficeHours, lazy("office_hours"))
    st.register_type_strategy(tthc.TimeLimit, lazy("time_limits"))
    st.register_type_strategy(tthc.WorkingCalendar, st.just(tthc.WorkingCalendar.vietnam()))
