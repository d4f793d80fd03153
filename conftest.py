"""Names every doctest (docstrings and docs/*.md) can use without importing."""

from __future__ import annotations

import datetime
from typing import Any

import pendulum
import pytest

import tthc


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace.update(datetime=datetime, dt=datetime, pendulum=pendulum, tthc=tthc)
