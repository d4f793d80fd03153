"""Tests of tthc.serialize: the cattrs converter, dumps and loads."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import Catalog, Fee, Procedure

BUNDLED = Catalog.bundled()


@given(st.sampled_from(list(BUNDLED)))
def test_procedures_round_trip(procedure: Procedure) -> None:
    assert tthc.loads(tthc.dumps(procedure), Procedure) == procedure


def test_time_limits_are_written_as_their_official_text() -> None:
    data = json.loads(tthc.dumps(BUNDLED["1.004873"]))["value"]
    assert data["time_limit"] == "03 ngày làm việc"
    assert data["level"] == "commune"
    assert "Xác nhận" in tthc.dumps(BUNDLED["1.004873"])  # UTF-8 kept, not \\u escapes


def test_strict_types_name_the_path() -> None:
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads('{"amount": "5", "description": "x"}', Fee)
    assert info.value.path == "$.amount"
    assert isinstance(info.value, ValueError)
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads('{"amount": 5.0, "description": "x"}', Fee)
    assert info.value.path == "$.amount"
    with pytest.raises(tthc.JsonFormatError) as info:
        tthc.loads('{"amount": 5, "description": "x", "note": 1}', Fee)
    assert info.value.path == "$"
    with pytest.raises(tthc.JsonFormatError):
        tthc.loads("{not json", Fee)
