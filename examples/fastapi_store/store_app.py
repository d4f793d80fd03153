"""A small FastAPI service over tthc.store: receive dossiers, act on them, list, report.

Run it (needs ``pip install 'tthc[examples]'``)::

    TTHC_DB=sqlite:///tthc.db uvicorn store_app:app --app-dir examples/fastapi_store

Optimistic concurrency over HTTP: ``GET /dossiers/{code}`` returns the
dossier's version in the ``ETag`` header; a clerk sends it back in
``If-Match`` with an action, and gets ``409 Conflict`` naming both versions if
someone else acted first. tthc's errors map to HTTP statuses in one place.

Example:
    >>> from fastapi.testclient import TestClient
    >>> client = TestClient(create_app("sqlite://"))
    >>> client.post("/dossiers", json={"code": "H12-1", "procedure": "1.004873",
    ...     "channel": "online", "received_at": "2026-12-07T10:00:00+07:00"}).json()["due_at"]
    '2026-12-10T17:00:00+07:00'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

import tthc
from tthc.store import DossierStore

Run = Callable[[tthc.Dossier, dt.datetime, str | None], tthc.Dossier]

ACTIONS: dict[str, Run] = {
    "start_processing": lambda d, at, note: d.start_processing(at),
    "request_supplement": lambda d, at, note: d.request_supplement(at, note),
    "supplement": lambda d, at, note: d.supplement(at),
    "request_payment": lambda d, at, note: d.request_payment(at, note),
    "pay": lambda d, at, note: d.pay(at),
    "resolve": lambda d, at, note: d.resolve(at),
    "return_result": lambda d, at, note: d.return_result(at),
    "withdraw": lambda d, at, note: d.withdraw(at, note),
}


class NewDossier(BaseModel):
    """A complete dossier received at the desk or online."""

    code: str
    procedure: str
    channel: str
    received_at: dt.datetime


class Action(BaseModel):
    """An action on a dossier: one of ``ACTIONS``, at an instant, with an optional note."""

    action: str
    at: dt.datetime
    note: str | None = None


def view(d: tthc.Dossier) -> dict[str, Any]:
    """The JSON a clerk's screen needs."""
    return {
        "code": d.code,
        "procedure": d.procedure.code,
        "status": d.status.value,
        "status_code": d.status.portal_code,
        "received_at": d.received_at.isoformat() if d.received_at else None,
        "due_at": d.due_at.isoformat() if d.due_at else None,
        "outcome": d.outcome.value if d.outcome else None,
        "version": len(d.events),
        "events": [{"kind": e.kind.value, "at": e.at.isoformat()} for e in d.events],
    }


def create_app(url: str | None = None) -> FastAPI:
    """The service, on the store at ``url`` (``$TTHC_DB``, else ``sqlite:///tthc.db``)."""
    store = DossierStore.open(url or os.environ.get("TTHC_DB", "sqlite:///tthc.db"))
    app = FastAPI(title="tthc dossier store")
    app.state.store = store

    # tthc's errors, each to its HTTP status, in one place.
    statuses = {
        tthc.UnknownDossierError: 404,
        tthc.UnknownProcedureError: 404,
        tthc.ConcurrencyError: 409,
        tthc.DossierExistsError: 409,
        tthc.TthcError: 422,
    }

    @app.exception_handler(tthc.TthcError)
    async def tthc_error(_: Request, error: Exception) -> JSONResponse:
        status = next(s for kind, s in statuses.items() if isinstance(error, kind))
        body: dict[str, Any] = {"error": type(error).__name__, "detail": str(error)}
        if isinstance(error, tthc.ConcurrencyError):
            body.update(expected=error.expected, actual=error.actual)
        return JSONResponse(body, status_code=status)

    @app.post("/dossiers", status_code=201)
    def receive(new: NewDossier) -> dict[str, Any]:
        dossier = tthc.Dossier.receive(
            store.catalog[new.procedure],
            received_at=new.received_at,
            channel=tthc.Channel.from_value(new.channel),
            schedule=store.schedule,
            code=new.code,
        )
        return view(store.add(dossier))

    @app.get("/dossiers/{code}")
    def get(code: str) -> JSONResponse:
        d = store.get(code)
        return JSONResponse(view(d), headers={"ETag": f'"{len(d.events)}"'})

    @app.post("/dossiers/{code}/actions")
    def act(code: str, action: Action, if_match: str | None = Header(None)) -> dict[str, Any]:
        if action.action not in ACTIONS:
            raise HTTPException(422, f"unknown action {action.action!r}; one of {sorted(ACTIONS)}")
        expected = int(if_match.strip('"')) if if_match else None
        run = ACTIONS[action.action]
        new = store.append(
            code, lambda d: run(d, action.at, action.note), expected_version=expected
        )
        return view(new)

    @app.get("/overdue")
    def overdue(at: dt.datetime) -> list[dict[str, Any]]:
        return [view(d) for d in store.overdue(at)]

    @app.get("/report")
    def report(start: dt.date, end: dt.date, as_of: dt.datetime | None = None) -> dict[str, Any]:
        result: dict[str, Any] = store.report(start, end, as_of=as_of).to_dict()
        return result

    return app


app = create_app() if os.environ.get("TTHC_DB") else None
"""The app uvicorn serves when ``$TTHC_DB`` is set (tests build their own)."""
