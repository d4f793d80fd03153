"""Tests of tthc.catalog: the bundled catalog, lookup, search, merge and files."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import Catalog, Channel, Level, Procedure

BUNDLED = Catalog.bundled()
RAW: dict[str, Any] = json.loads(BUNDLED.to_json())


def test_bundled_catalog_has_at_least_25_real_commune_procedures() -> None:
    assert len(BUNDLED) >= 25
    assert {p.level for p in BUNDLED} == {Level.COMMUNE}
    assert {"Hộ tịch", "Chứng thực"} <= set(BUNDLED.fields)
    assert len(set(BUNDLED.fields)) >= 3  # and other common commune procedures


@pytest.mark.parametrize("procedure", list(BUNDLED), ids=lambda p: p.code)
def test_every_bundled_entry_is_complete_and_consistent(procedure: Procedure) -> None:
    assert procedure.name
    assert procedure.field
    assert procedure.office
    assert procedure.legal_basis, "legal basis"
    assert procedure.source, "every entry states its source"
    assert procedure.time_limit_text, "the official wording is kept"
    # The limit is what the official wording says.
    assert tthc.parse_time_limit(procedure.time_limit_text) == procedure.time_limit
    assert tthc.parse_time_limit(str(procedure.time_limit)) == procedure.time_limit
    assert set(procedure.pause_policy) == set(tthc.PauseKind)
    if procedure.verification_limit is not None:
        assert isinstance(procedure.verification_limit, tthc.WorkingDays)
    # Every procedure gives a deadline with the national schedule.
    sched = tthc.Schedule.vietnam()
    deadline = sched.deadline(
        pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"), procedure.limit_for()
    )
    assert deadline.due_at > deadline.received_at


@pytest.mark.parametrize(
    ("code", "limit", "verification"),
    [
        ("1.004873", tthc.WorkingDays(3), None),
        ("1.001193", tthc.SameDay(), None),
        ("1.000656", tthc.SameDay(), tthc.WorkingDays(3)),
        ("1.000894", tthc.SameDay(), tthc.WorkingDays(5)),
        ("2.000815", tthc.SameDay(), None),
        ("2.001035", tthc.WorkingDays(2), None),
        ("1.004837", tthc.WorkingDays(3), None),
        ("1.004222", tthc.WorkingDays(7), None),
    ],
)
def test_known_time_limits(
    code: str, limit: tthc.TimeLimit, verification: tthc.TimeLimit | None
) -> None:
    assert BUNDLED[code].time_limit == limit
    assert BUNDLED[code].verification_limit == verification


def test_unknown_code_is_a_key_error_carrying_the_code() -> None:
    with pytest.raises(tthc.UnknownProcedureError) as info:
        BUNDLED["9.999999"]
    assert isinstance(info.value, KeyError)
    assert info.value.value == "9.999999"
    assert str(info.value) == "no procedure with code '9.999999' in the catalog"
    assert BUNDLED.get("9.999999") is None
    assert "9.999999" not in BUNDLED


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("xac nhan tinh trang hon nhan", "1.004873"),
        ("Xác nhận tình trạng hôn nhân", "1.004873"),
        ("XÁC NHẬN TÌNH TRẠNG", "1.004873"),
        ("khai sinh", "1.001193"),
        ("dang ky ket hon", "1.000894"),
        ("chung thuc di chuc", "2.001019"),
        ("2.000815", "2.000815"),
        ("tam tru", "1.004194"),
    ],
)
def test_search_with_or_without_diacritics(query: str, first: str) -> None:
    found = BUNDLED.search(query)
    assert found[0].code == first


def test_search_matches_word_starts_only() -> None:
    assert BUNDLED.search("hon") != []
    assert BUNDLED.search("ong") == []  # inside "không", "hôn", ... but starts no word
    assert BUNDLED.search("") == []
    assert BUNDLED.search("khai tu", limit=1)[0].code == "1.000656"
    with pytest.raises(tthc.InputTypeError):
        BUNDLED.search(None)  # type: ignore[arg-type]


def test_filters() -> None:
    certification = BUNDLED.filter(field="chung thuc")
    assert len(certification) >= 10
    assert {p.field for p in certification} == {"Chứng thực"}
    police = BUNDLED.filter(office="công an")
    assert {p.code for p in police} >= {"1.004222", "1.004194"}
    assert len(BUNDLED.filter(level="commune")) == len(BUNDLED)
    assert len(BUNDLED.filter(level=Level.PROVINCE)) == 0
    with pytest.raises(tthc.InputTypeError):
        BUNDLED.filter(level="ward")


def test_merge_a_province_over_the_national_catalog() -> None:
    local_variant = attrs.evolve(
        BUNDLED["1.004873"],
        code="1.004873.000.00.00.H12",
        channel_limits={Channel.ONLINE: tthc.WorkingDays(2)},
    )
    faster = attrs.evolve(BUNDLED["2.001035"], time_limit=tthc.WorkingDays(1))
    province = Catalog([local_variant, faster], name="Tỉnh X")
    merged = BUNDLED.merge(province)
    assert merged["2.001035"].time_limit == tthc.WorkingDays(1)
    assert merged["1.004873.000.00.00.H12"].limit_for(Channel.ONLINE) == tthc.WorkingDays(2)
    assert merged["1.004873"] == BUNDLED["1.004873"]
    assert len(merged) == len(BUNDLED) + 1
    assert merged.codes[: len(BUNDLED)] == BUNDLED.codes  # national order kept


def test_duplicate_codes_are_an_error() -> None:
    p = BUNDLED["1.004873"]
    with pytest.raises(tthc.CatalogFormatError) as info:
        Catalog([p, p])
    assert info.value.entry == "1.004873"
    data = copy.deepcopy(RAW)
    data["procedures"].append(data["procedures"][0])
    with pytest.raises(tthc.CatalogFormatError):
        Catalog.from_dict(data)


def test_json_round_trip_and_files(tmp_path: Path) -> None:
    assert Catalog.from_json(BUNDLED.to_json()) == BUNDLED
    path = tmp_path / "catalog.json"
    BUNDLED.save(path)
    assert Catalog.load(path) == BUNDLED
    assert RAW["format"] == tthc.CATALOG_FORMAT
    # Defaults are left out of the file, so hand-written catalogs stay short.
    assert "pause_policy" not in RAW["procedures"][0]


@pytest.mark.parametrize(
    ("mutate", "entry", "field"),
    [
        (lambda e: e.update(code="1.4873"), "1.4873", "$.code"),
        (lambda e: e.update(time_limit="sớm"), "1.001193", "$.time_limit"),
        (lambda e: e["fees"][0].update(amount="8000"), "1.001193", "$.fees[0].amount"),
        (lambda e: e["fees"][0].update(amount=-5), "1.001193", "$.fees"),
        (lambda e: e.update(levle="commune"), "1.001193", "$"),
        (lambda e: e.pop("name"), "1.001193", "$.name"),
        (lambda e: e.update(online_level="maybe"), "1.001193", "$.online_level"),
        (lambda e: e["documents"][0].update(copies=True), "1.001193", "$.documents[0].copies"),
    ],
)
def test_malformed_entries_name_the_entry_and_the_field(
    mutate: Any, entry: str, field: str
) -> None:
    data = copy.deepcopy(RAW)
    mutate(data["procedures"][0])
    with pytest.raises(tthc.CatalogFormatError) as info:
        Catalog.from_dict(data)
    assert info.value.entry == entry
    assert info.value.field.startswith(field)
    assert "entry 0" in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"procedures": []},
        {"format": "tthc.catalog/99", "procedures": []},
        {"format": "tthc.catalog/1"},
        {"format": "tthc.catalog/1", "procedures": [], "extra": 1},
        {"format": "tthc.catalog/1", "procedures": ["1.004873"]},
    ],
)
def test_malformed_files(data: Any) -> None:
    with pytest.raises(tthc.CatalogFormatError):
        Catalog.from_dict(data)


def test_not_json() -> None:
    with pytest.raises(tthc.CatalogFormatError):
        Catalog.from_json("{not json")


@given(st.lists(st.sampled_from(list(BUNDLED)), unique_by=lambda p: p.code))
def test_any_catalog_round_trips(procedures: list[Procedure]) -> None:
    catalog = Catalog(procedures, name="x")
    assert Catalog.from_json(catalog.to_json()) == catalog
    assert catalog.merge(catalog) == catalog


def test_the_documented_example_entry_loads() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "procedures.md").read_text(encoding="utf-8")
    block = doc.split("```json\n", 1)[1].split("```", 1)[0]
    catalog = Catalog.from_json(block)
    p = catalog["1.004873.000.00.00.H12"]
    assert p.limit_for(Channel.ONLINE) == tthc.WorkingDays(2)
    assert p.pause_policy[tthc.PauseKind.VERIFICATION] is tthc.PausePolicy.COUNTED
    assert len(p.steps) == 3
    assert Catalog.from_json(catalog.to_json()) == catalog


CORE = (
    "calendar",
    "hours",
    "schedule",
    "limits",
    "limit_text",
    "deadline",
    "procedure",
    "catalog",
    "dossier",
    "report",
)
ADAPTERS = (
    "serialize",
    "files",
    "portal",
    "cli",
    "store",
    "columnar",
    "documents",
    "excel",
    "plots",
)


@pytest.mark.parametrize("module", CORE)
def test_core_modules_never_import_an_adapter(module: str) -> None:
    import ast
    from pathlib import Path

    source = Path(tthc.__file__).with_name(f"{module}.py").read_text("utf-8")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
            imported.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    assert not {f"tthc.{a}" for a in ADAPTERS} & imported


def test_catalog_files_of_version_1_still_load() -> None:
    old = Catalog.bundled().to_dict()
    old["format"] = "tthc.catalog/1"
    for entry in old["procedures"]:
        entry.pop("alternatives", None)
    assert Catalog.from_dict(old) == Catalog.bundled()
    assert Catalog.bundled().to_dict()["format"] == "tthc.catalog/2"


def test_catalog_files_keep_texts_and_alternatives(tmp_path: Any) -> None:
    p = Catalog.bundled()["1.004873"].with_limit_text(
        "Thời hạn giải quyết: 03 ngày làm việc; trường hợp ở vùng sâu, vùng xa thì không quá "
        "05 ngày làm việc"
    )
    catalog = Catalog([p])
    path = tmp_path / "c.json"
    catalog.save(path)
    loaded = Catalog.load(path)
    assert loaded == catalog
    assert loaded["1.004873"].time_limit_text == p.time_limit_text
    assert loaded["1.004873"].limit_for(condition=tthc.ConditionKind.REMOTE) == tthc.WorkingDays(5)


def test_bundled_texts_read_as_the_limits_they_carry() -> None:
    # The bundled wording is the default's; verification limits come from the law cited.
    for p in Catalog.bundled():
        assert p.time_limit_text is not None
        reading = tthc.parse_limit_text(p.time_limit_text)
        assert reading.main == p.time_limit, p.code
        assert set(reading.alternatives) <= set(p.alternatives), p.code
