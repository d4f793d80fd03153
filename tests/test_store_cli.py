"""Tests of `tthc store init|import|export|report --db URL` (tthc.store.cli)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

import tthc
from tthc.cli import main
from tthc.store import DossierStore

CSV = (
    "MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,TrangThaiHoSo\n"
    "A1,1.004873,2,20261207100000,20261210170000,20261209160000,,9\n"
    "A2,1.004873,1,20261208100000,20261211170000,,,4\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def fleet() -> list[tthc.Dossier]:
    return tthc.simulate(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 31), seed=5)


def test_init_import_export_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str, fleet: list[tthc.Dossier]
) -> None:
    status, out, _ = run(capsys, "store", "init", "--db", db_url)
    assert (status, out) == (0, "Store ready: schema version 2, 0 dossiers.\n")
    assert run(capsys, "store", "init", "--db", db_url)[0] == 0  # idempotent
    path = tmp_path / "d.jsonl"
    tthc.write_dossiers_jsonl(fleet, path)
    status, out, _ = run(capsys, "store", "import", str(path), "--db", db_url)
    assert status == 0
    assert out == f"Imported {len(fleet)} dossiers ({len(fleet)} rows read); {len(fleet)} stored.\n"
    csv_path = tmp_path / "p.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    assert run(capsys, "store", "import", str(csv_path), "--db", db_url)[0] == 0
    # export to stdout: the file's dossiers and the CSV's, in code order, nothing lost
    status, out, _ = run(capsys, "store", "export", "--db", db_url)
    exported = tthc.read_dossiers_jsonl(io.StringIO(out)).dossiers
    assert sorted(exported, key=lambda d: str(d.code)) == sorted(
        [*fleet, *tthc.read_portal_csv(io.StringIO(CSV)).dossiers], key=lambda d: str(d.code)
    )
    out_file = tmp_path / "out.jsonl"
    status, out, _ = run(capsys, "store", "export", str(out_file), "--db", db_url)
    assert out == f"Exported {len(fleet) + 2} dossiers to {out_file}.\n"
    # report: the same as `tthc report` on the file
    args = ["--from", "2026-03-01", "--to", "2026-03-31", "--by", "procedure", "--json"]
    data = json.loads(run(capsys, "store", "report", "--db", db_url, *args)[1])
    expected = tthc.Report.build(fleet, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert data["total"] == expected.total.to_dict()
    text = run(capsys, "store", "report", "--db", db_url, "--from", "2026-12-01", "--to",
               "2026-12-31", "--as-of", "2026-12-10 12:00")[1]  # fmt: skip
    assert "BIỂU II.06a" in text
    csv_out = run(capsys, "store", "report", "--db", db_url, "--from", "2026-12-01", "--to",
                  "2026-12-31", "--csv", "--by", "none")[1]  # fmt: skip
    everyone = [*fleet, *tthc.read_portal_csv(io.StringIO(CSV)).dossiers]
    december = tthc.Report.build(
        everyone, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31), by=None
    )
    assert csv_out == december.to_csv()
    english = run(capsys, "store", "report", "--db", db_url, "--from", "2026-12-01", "--to",
                  "2026-12-31", "--english")[1]  # fmt: skip
    assert english.startswith("FORM II.06a")


def test_import_lists_the_rows_whose_portal_due_differs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mismatch = tmp_path / "m.csv"
    mismatch.write_text(CSV.replace("20261210170000", "20261211170000"), encoding="utf-8")
    status, out, _ = run(
        capsys, "store", "import", str(mismatch), "--db", f"sqlite:///{tmp_path / 's.db'}"
    )
    assert status == 0
    assert "1 rows have a NgayHenTra other than the due tthc computes (lines 2)." in out


def test_a_bad_line_names_the_line_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fleet: list[tthc.Dossier]
) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    path = tmp_path / "bad.jsonl"
    tthc.write_dossiers_jsonl(fleet[:3], path)
    path.write_text(path.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    status, _out, err = run(capsys, "store", "import", str(path), "--db", db)
    assert status == 2
    assert err.startswith("tthc: error: line 4:")
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text(CSV + "A3,1.004873,9,20261208100000,,,,4\n", encoding="utf-8")
    status, _, err = run(capsys, "store", "import", str(bad_csv), "--db", db)
    assert status == 2
    assert err.startswith("tthc: error: line 4:")
    with DossierStore.open(db) as store:
        assert len(store) == 0


def test_importing_a_stored_code_again_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    csv_path = tmp_path / "p.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    assert run(capsys, "store", "import", str(csv_path), "--db", db)[0] == 0
    status, _, err = run(capsys, "store", "import", str(csv_path), "--db", db)
    assert status == 2
    assert "already holds dossier 'A1'" in err
    with DossierStore.open(db) as store:
        assert len(store) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["store", "import", "missing.jsonl"],
        ["store", "report", "--from", "2026-01-01", "--to", "2026-03-31"],  # no store there
        ["store", "export"],
        ["store", "bogus"],
    ],
)
def test_errors_are_one_line_with_status_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TTHC_DB", f"sqlite:///{tmp_path / 'empty.db'}")
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "error" in err


def test_a_database_that_cannot_be_opened(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "store", "init", "--db", "sqlite:////nonexistent/dir/x.db")
    assert status == 2
    assert err.strip() == (
        "tthc: error: database sqlite:////nonexistent/dir/x.db: unable to open database file"
    )


def test_init_migrate_upgrades_a_version_1_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fleet: list[tthc.Dossier]
) -> None:
    import sqlalchemy as sa

    from tthc.store.schema import schema

    db = f"sqlite:///{tmp_path / 'old.db'}"
    with DossierStore.open(db) as store:
        store.add_many(fleet)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE tthc_dossiers DROP COLUMN left_kind")
            conn.execute(sa.update(schema).values(version=1))
    status, _, err = run(capsys, "store", "report", "--db", db, "--from", "2026-03-01",
                         "--to", "2026-03-31")  # fmt: skip
    assert status != 0
    assert "--migrate" in err
    status, out, _ = run(capsys, "store", "init", "--migrate", "--db", db)
    assert (status, out) == (0, f"Store ready: schema version 2, {len(fleet)} dossiers.\n")
    args = ["--from", "2026-03-01", "--to", "2026-03-31", "--json"]
    data = json.loads(run(capsys, "store", "report", "--db", db, *args)[1])
    expected = tthc.Report.build(fleet, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert data["total"] == expected.to_dict()["total"]
