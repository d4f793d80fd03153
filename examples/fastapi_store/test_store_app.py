"""The FastAPI example's own test (run by `make test`), on SQLite."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from store_app import create_app

NEW = {
    "code": "H12-261207-0001",
    "procedure": "1.004873",
    "channel": "online",
    "received_at": "2026-12-07T10:00:00+07:00",
}


def test_a_clerks_day(tmp_path: Path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'portal.db'}"))
    created = client.post("/dossiers", json=NEW)
    assert created.status_code == 201
    assert created.json()["due_at"] == "2026-12-10T17:00:00+07:00"
    assert client.post("/dossiers", json=NEW).status_code == 409

    got = client.get(f"/dossiers/{NEW['code']}")
    assert got.headers["ETag"] == '"1"'
    # Two clerks read version 1; the first acts, the second is told the dossier moved on.
    first = client.post(
        f"/dossiers/{NEW['code']}/actions",
        json={"action": "start_processing", "at": "2026-12-07T11:00:00+07:00"},
        headers={"If-Match": '"1"'},
    )
    assert first.status_code == 200
    assert first.json()["status"] == "processing"
    second = client.post(
        f"/dossiers/{NEW['code']}/actions",
        json={"action": "resolve", "at": "2026-12-07T11:05:00+07:00"},
        headers={"If-Match": '"1"'},
    )
    assert second.status_code == 409
    assert (second.json()["expected"], second.json()["actual"]) == (1, 2)

    late = client.get("/overdue", params={"at": "2026-12-11T08:00:00+07:00"}).json()
    assert [d["code"] for d in late] == [NEW["code"]]
    done = client.post(
        f"/dossiers/{NEW['code']}/actions",
        json={"action": "resolve", "at": "2026-12-09T16:00:00+07:00"},
        headers={"If-Match": '"2"'},
    )
    assert done.json()["outcome"] == "early"
    report = client.get("/report", params={"start": "2026-10-01", "end": "2026-12-31"}).json()
    assert report["total"]["early"] == 1


def test_errors_map_to_http_statuses(tmp_path: Path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'portal.db'}"))
    assert client.get("/dossiers/nope").status_code == 404
    assert client.post("/dossiers", json={**NEW, "procedure": "9.999999"}).status_code == 404
    client.post("/dossiers", json=NEW)
    returned = client.post(
        f"/dossiers/{NEW['code']}/actions",
        json={"action": "return_result", "at": "2026-12-08T09:00:00+07:00"},
    )
    assert returned.status_code == 422
    assert returned.json()["error"] == "InvalidActionError"
    bogus = client.post(
        f"/dossiers/{NEW['code']}/actions",
        json={"action": "teleport", "at": "2026-12-08T09:00:00+07:00"},
    )
    assert bogus.status_code == 422
