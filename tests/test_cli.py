"""Tests of tthc.cli: every command, --json, and one-line errors with status 2."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tthc
from tthc.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "calendar", "2026")
    assert status == 0
    assert "Ngày Văn hóa Việt Nam" in out
    assert "Cả năm: 249 ngày làm việc" in out
    status, out, _ = run(capsys, "calendar", "2027", "--json")
    data = json.loads(out)
    assert data["provisional"] is True
    assert "TẠM TÍNH" in run(capsys, "calendar", "2027")[1]


def test_due_with_a_code_and_with_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "due", "2026-12-04 15:30", "1.001193", "--explain")
    assert status == 0
    assert "Tiếp nhận sau 15:00" in out
    assert "17:00 Thứ Hai 07/12/2026" in out
    status, out, _ = run(capsys, "due", "2026-12-07T10:00+07:00", "03 ngày làm việc", "--json")
    data = json.loads(out)
    assert data["due_at"] == "2026-12-10T17:00:00+07:00"
    assert data["limit"] == "03 ngày làm việc"
    status, out, _ = run(capsys, "due", "20261207100000", "1.000656", "--verification")
    assert "10/12/2026" in out
    status, out, _ = run(capsys, "due", "2026-12-28 10:00", "10 ngày làm việc")
    assert "Tạm tính" in out


def test_procedures(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "procedures", "xac nhan tinh trang hon nhan")
    assert status == 0
    assert out.startswith("1.004873")
    data = json.loads(run(capsys, "procedures", "khai tu", "--json")[1])
    assert [p["code"] for p in data] == ["1.000656", "1.005461"]
    assert "Không tìm thấy" in run(capsys, "procedures", "zzz")[1]


def test_report_from_jsonl_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dossiers = tthc.simulate(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 31), seed=5)
    path = tmp_path / "d.jsonl"
    tthc.write_dossiers_jsonl(dossiers, path)
    status, out, _ = run(capsys, "report", str(path), "--from", "2026-03-01", "--to", "2026-03-31")
    assert status == 0
    assert "BIỂU II.06a" in out
    assert f"Đã đọc {len(dossiers)} dòng dữ liệu." in out
    data = json.loads(
        run(
            capsys,
            "report",
            str(path),
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--json",
            "--by",
            "none",
        )[1]
    )
    assert data["rows_read"] == len(dossiers)
    assert data["by"] is None
    csv_path = tmp_path / "p.csv"
    csv_path.write_text(
        "MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,TrangThaiHoSo\n"
        "A1,1.004873,2,20261207100000,20261210170000,20261209160000,,9\n",
        encoding="utf-8",
    )
    out = run(
        capsys, "report", str(csv_path), "--from", "2026-12-01", "--to", "2026-12-31", "--csv"
    )[1]
    assert out.splitlines()[-1].startswith("Tổng cộng,1,")


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["calendar", "1800"],
        ["due", "yesterday", "03 ngày làm việc"],
        ["due", "2026-12-07 10:00", "ba ngày"],
        ["due", "2026-12-07 10:00", "9.999999"],
        ["report", "missing.jsonl", "--from", "2026-01-01", "--to", "2026-02-01"],
        ["report", "x.csv", "--from", "2026-13-01", "--to", "2026-02-01"],
    ],
)
def test_errors_are_one_line_with_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "error" in err


def test_malformed_input_file_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n{oops\n", encoding="utf-8")
    status, _, err = run(capsys, "report", str(path), "--from", "2026-01-01", "--to", "2026-01-31")
    assert status == 2
    assert "line 2" in err


def test_demo_runs_and_tells_a_story(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "demo")
    assert status == 0
    assert "BIỂU II.06a" in out
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in out
    assert "Cách tính hạn" in out
    assert out == (main(["demo"]), capsys.readouterr().out)[1]  # reproducible
    data = json.loads(run(capsys, "demo", "--json", "--seed", "7")[1])
    assert data["report"]["total"]["received"] > 0


def test_console_script_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tthc", "due", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "LIMIT_OR_CODE" in done.stdout


def test_readme_shows_the_demo_as_it_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("\n```", 1)[0]
    main(["demo"])
    assert capsys.readouterr().out.rstrip("\n") == shown


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_report_shows_progress_on_a_terminal_only(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    quiet: bool,
) -> None:
    from tthc import cli

    dossiers = tthc.simulate(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 6), seed=5)
    path = tmp_path / "d.jsonl"
    tthc.write_dossiers_jsonl(dossiers, path)
    period = ["--from", "2026-03-01", "--to", "2026-03-31"]
    monkeypatch.setattr(cli, "_PROGRESS_MIN_BYTES", 0)
    # Piped (pytest captures stderr): no progress.
    assert run(capsys, "report", str(path), *period)[2] == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    status, out, _ = run(capsys, "report", str(path), *period, *(["--quiet"] if quiet else []))
    assert status == 0
    assert f"Đã đọc {len(dossiers)} dòng dữ liệu." in out
    assert ("Đọc d.jsonl" in terminal.getvalue()) is not quiet
