"""Shared test set-up: Hypothesis profiles and the names doctests can use.

Profiles: ``ci`` is derandomized (CI sets ``HYPOTHESIS_PROFILE=ci``); ``dev``
explores more. Neither keeps an example database, so doctests that call
``hypothesis.find`` shrink from scratch and always show the simplest case.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, settings

import tthc

# The store's fixtures: a throw-away PostgreSQL cluster and one URL per database.
pytest_plugins = ["tests.store_fixtures"]

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", database=None, deadline=None, max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace.update(datetime=datetime, dt=datetime, pendulum=pendulum, tthc=tthc)
