"""Tests of tthc.cli: every command, --json, and one-line errors with status 2."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

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
    # Each day cites its source: 2/1/2026 was swapped by Công văn 12729/VPCP-KGVX.
    assert (
        "  Thứ Sáu   02/01/2026  nghỉ      Ngày nghỉ hoán đổi (làm bù Thứ Bảy 10/01/2026) [1]"
        in out
    )
    assert "  [1] Công văn 12729/VPCP-KGVX, 25/12/2025, Văn phòng Chính phủ" in out
    data = json.loads(run(capsys, "calendar", "2026", "--json")[1])
    by_date = {d["date"]: d for d in data["special_days"]}
    assert by_date["2026-01-10"]["working"] is True
    assert by_date["2026-01-10"]["source"] == (
        "Công văn 12729/VPCP-KGVX, 25/12/2025, Văn phòng Chính phủ"
    )
    assert by_date["2026-08-31"]["source"] == "Thông báo 9441/TB-BNV, 16/10/2025, Bộ Nội vụ"
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
    assert data["ends_at"] == "2026-12-10T23:59:59.999999+07:00"  # 24:00, Civil Code Art. 148
    assert data["limit"] == "03 ngày làm việc"
    status, out, _ = run(capsys, "due", "20261207100000", "1.000656", "--verification")
    assert "10/12/2026" in out
    # A stated condition, by its kind or by its published words (same-day otherwise).
    for condition in ("verification", "Trường hợp cần xác minh"):
        status, out, _ = run(capsys, "due", "20261207100000", "1.000656", "--condition", condition)
        assert (status, out.strip()) == (0, "Hạn trả kết quả: 17:00 Thứ Năm 10/12/2026")
    status, out, _ = run(capsys, "due", "20261207100000", "1.000656")
    assert "07/12/2026" in out
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
        capsys,
        "report",
        str(csv_path),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--csv",
        "--as-of",
        "2027-01-01",
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
        ["calendar", "0"],
        ["calendar", "99999"],
        ["due", "9999-12-31 23:59", "03 ngày làm việc"],
        ["due", "2026-12-07 10:00", "03 ngày làm việc", "--channel", "online"],
        ["due", "2026-12-07 10:00", "03 ngày làm việc", "--verification"],
        ["due", "2026-12-07 10:00", "03 ngày làm việc", "--condition", "verification"],
        ["due", "2026-12-07 10:00", "1.000656", "--condition", "vùng sâu"],
        ["check", "missing.csv"],
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


# -- the options a province needs ------------------------------------------------------------

CSV_HEADER = (
    "MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,TrangThaiHoSo\n"
)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"tthc {tthc.__version__}"


def test_due_unknown_procedure_and_local_code(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "due", "2026-12-07 10:00", "9.999999")
    assert status == 2
    assert "unknown procedure '9.999999'" in err
    status, out, err = run(capsys, "due", "2026-12-07 10:00", "1.004873.000.00.00.H12")
    assert status == 0
    assert "tính theo thủ tục gốc 1.004873" in err
    assert "10/12/2026" in out
    status, _, err = run(
        capsys, "due", "2026-12-07 10:00", "03 ngày làm việc", "--channel", "online"
    )
    assert status == 2
    assert "--channel applies to a procedure code" in err


def test_check_lists_every_bad_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.txt"
    rows = (
        "A1;1.004873;2;20261207100000;;;;2\n"
        "A1;1.004873;2;20261207110000;;;;2\n"
        "A3;1.004873;2;20261207100000;;20261209160000;;4\n"
    )
    path.write_bytes((CSV_HEADER.replace(",", ";") + rows).encode("utf-16"))
    status, out, _ = run(capsys, "check", str(path))
    assert status == 1
    assert f"{path}:3: duplicate: line 3: dossier code A1 already on line 2" in out
    assert f"{path}:4: contradiction:" in out
    assert "3 dòng đã đọc, 1 hồ sơ hợp lệ, 2 dòng lỗi." in out
    status, out, _ = run(capsys, "check", str(path), "--json")
    data = json.loads(out)
    assert [(p["line"], p["kind"], p["code"]) for p in data["problems"]] == [
        (3, "duplicate", "A1"),
        (4, "contradiction", "A3"),
    ]
    status, _, err = run(capsys, "report", str(path), "--from", "2026-12-01", "--to", "2026-12-31")
    assert status == 2
    assert "line 3" in err
    status, out, err = run(
        capsys,
        "report",
        str(path),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--as-of",
        "2027-01-01",
        "--skip-bad",
    )
    assert status == 0
    assert "2 dòng bị bỏ qua" in out
    assert "skipped" in err
    good = tmp_path / "good.csv"
    good.write_text(CSV_HEADER + "A1,1.004873,2,20261207100000,,,,2\n", encoding="utf-8")
    assert run(capsys, "check", str(good))[0] == 0
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x00\x81\x8d\x8f" * 8)
    status, _, err = run(capsys, "check", str(garbage))
    assert status == 2
    assert err.count("\n") == 1
    assert "cannot decode" in err


def test_report_with_a_provinces_catalog_hours_and_closures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    catalog = tthc.Catalog.bundled()
    faster = attrs.evolve(catalog["1.004873"], time_limit=tthc.WorkingDays(1))
    tthc.Catalog([faster]).save(tmp_path / "local.json")
    closures = tmp_path / "closures.txt"
    closures.write_text("# storms\n2026-12-08 Bão số 15\n", encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text(CSV_HEADER + "A1,1.004873,2,20261207100000,,20261209160000,,9\n", "utf-8")

    def report(*extra: str) -> dict[str, Any]:
        argv = ["report", str(data), "--from", "2026-12-01", "--to", "2026-12-31"]
        argv += ["--as-of", "2027-01-01", "--json", *extra]
        status, out, err = run(capsys, *argv)
        assert status == 0, err
        result: dict[str, Any] = json.loads(out)
        return result

    assert report()["total"]["early"] == 1  # due 10/12
    assert report("--catalog", str(tmp_path / "local.json"))["total"]["late"] == 1  # due 08/12
    # Closed on 08/12: a one-day limit from 07/12 10:00 falls due on 09/12 at 10:00.
    both = report("--catalog", str(tmp_path / "local.json"), "--closures", str(closures))
    assert both["total"]["on_time"] == 1
    assert (
        report("--hours", "07:00-11:00,13:00-17:00", "--saturday", "07:30-11:30")["total"]["early"]
        == 1
    )
    bad = tmp_path / "bad.txt"
    bad.write_text("08/12/2026 storm\n", encoding="utf-8")
    status, _, err = run(
        capsys, "report", str(data), "--from", "2026-12-01", "--to", "2026-12-31",
        "--closures", str(bad),
    )  # fmt: skip
    assert status == 2
    assert "line 1" in err
    status, _, err = run(
        capsys, "report", str(data), "--from", "2026-12-01", "--to", "2026-12-31",
        "--format", "jsonl",
    )  # fmt: skip
    assert status == 2


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


def test_report_writes_excel_and_html(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import openpyxl

    from tthc.excel import read_report
    from tthc.files import write_dossiers_jsonl
    from tthc.simulate import simulate

    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    dossiers = simulate(start=start, end=end, seed=9)
    source = tmp_path / "march.jsonl"
    write_dossiers_jsonl(dossiers, source)
    xlsx, html = tmp_path / "march.xlsx", tmp_path / "march.html"
    status, out, err = run(
        capsys, "report", str(source), "--from", "2026-03-01", "--to", "2026-03-31",
        "--xlsx", str(xlsx), "--html", str(html),
    )  # fmt: skip
    assert status == 0
    assert "BIỂU II.06a" in out
    assert max(len(line) for line in out.splitlines()) <= 120
    assert f"Đã ghi {xlsx}" in err
    report = tthc.Report.build(dossiers, start=start, end=end)
    assert read_report(xlsx) == [r.to_dict() for r in (*report.rows, report.total)]
    assert openpyxl.load_workbook(xlsx).sheetnames == ["Biểu II.06a"]
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    assert "BIỂU II.06a" in page
    status, out, _ = run(capsys, "report", str(source), "--from", "2026-03-01", "--to",
                         "2026-03-31", "--wide")  # fmt: skip
    assert max(len(line) for line in out.splitlines()) > 120


def test_calendar_pictures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from PIL import Image

    png, svg = tmp_path / "2026.png", tmp_path / "2026.svg"
    status, out, err = run(capsys, "calendar", "2026", "--png", str(png), "--svg", str(svg))
    assert status == 0
    assert "Cả năm: 249 ngày làm việc" in out
    assert Image.open(png).size == (1200, 960)
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    status, _, err = run(capsys, "calendar", "2026", "--png", str(tmp_path / "year"))
    assert status == 0  # the flag gives the format, whatever the suffix
    assert Image.open(tmp_path / "year").format == "PNG"
    status, _, err = run(capsys, "calendar", "1800", "--png", str(tmp_path / "old.png"))
    assert status == 2
    assert "1800" in err
    assert not (tmp_path / "old.png").exists()


def test_demo_writes_its_documents(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "demo", "--out", str(tmp_path))
    assert status == 0
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in out
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "BM.01-receipt.pdf" in names
    assert "BM.06-tracking_book.html" in names
    assert {"bieu-II.06a.xlsx", "bieu-II.06a.html", "lich.png"} <= set(names)
    assert f"vào {tmp_path}" in err


def test_procedures_show_their_alternatives(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "procedures", "1.000656")
    assert status == 0
    assert "Trường hợp cần xác minh: 03 ngày làm việc" in out


def test_limits_reads_a_published_text(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "Thời hạn giải quyết: Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; "
        "trường hợp phải xác minh thì không quá 10 ngày làm việc (không tính thời gian niêm yết)"
    )
    status, out, _ = run(capsys, "limits", text)
    assert status == 0
    assert out.splitlines() == [
        "Thời hạn: 05 ngày làm việc",
        "Tính từ: ngày nhận đủ hồ sơ hợp lệ",
        "Trường hợp (verification) trường hợp phải xác minh: 10 ngày làm việc",
        "Ghi chú: không tính thời gian niêm yết",
    ]
    data = json.loads(run(capsys, "limits", text, "--json")[1])
    assert data["main"] == "05 ngày làm việc"
    assert data["alternatives"] == [
        {"condition": "trường hợp phải xác minh", "limit": "10 ngày làm việc"}
    ]
    assert data["plain"] is False
    assert tthc.loads(
        json.dumps({k: v for k, v in data.items() if k != "plain"}), tthc.LimitText
    ) == tthc.parse_limit_text(text)


def test_limits_says_why_it_refuses(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "limits", "- Tiếp nhận: 03 ngày làm việc;\n- Thẩm định: 08 ngày")
    assert status == 0
    assert out.splitlines() == [
        "Không có thời hạn chính: states 2 stages and no total",
        "Tính từ: ngày nhận đủ hồ sơ hợp lệ",
        "Bước: Tiếp nhận: 03 ngày làm việc",
        "Bước: Thẩm định: 08 ngày",
    ]
    out = run(capsys, "limits", "20 ngày, kể từ ngày kết thúc thẩm định")[1]
    assert "Tính từ: kể từ ngày kết thúc thẩm định" in out


def test_slip_prints_a_dossiers_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import io as _io

    import pypdf

    from tthc.files import write_dossiers_jsonl
    from tthc.simulate import simulate

    dossiers = simulate(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 3), seed=9)
    source = tmp_path / "d.jsonl"
    write_dossiers_jsonl(dossiers, source)
    d = next(d for d in dossiers if d.code and d.received_at is not None)
    code = d.code
    assert code is not None
    status, out, _ = run(capsys, "slip", str(source), code, "--applicant", "Lê Văn Đức")
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "Lê Văn Đức" in out
    assert code in out
    pdf = tmp_path / "slip.pdf"
    status, _, err = run(
        capsys, "slip", str(source), code, "--kind", "control_slip", "--pdf", str(pdf)
    )
    assert status == 0
    assert f"Đã ghi {pdf}" in err
    text = pypdf.PdfReader(_io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    status, _, err = run(capsys, "slip", str(source), "no-such-code")
    assert status == 2
    assert "no-such-code" in err
    if not any(e.kind is tthc.EventKind.RESCHEDULED for e in d.events):
        status, _, err = run(capsys, "slip", str(source), code, "--kind", "apology")
        assert status == 2
        assert "BM.04" in err
