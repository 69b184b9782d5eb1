"""No unit test fails for being slow: hypothesis' 200 ms deadline is off (conftest.py).

Timings belong to ``make bench``; a shared machine made a slow example a coin toss.
"""

from __future__ import annotations

import importlib
import pkgutil

from hypothesis import settings

import tests.unit


def hypothesis_tests():
    """Every hypothesis test of the unit tier, as (module, name, settings it runs with)."""
    for info in pkgutil.walk_packages(tests.unit.__path__, "tests.unit."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("test_") and hasattr(value, "hypothesis"):
                yield info.name, name, value._hypothesis_internal_use_settings


def test_hypothesis_runs_without_a_deadline():
    assert settings.default.deadline is None
    assert settings(max_examples=5).deadline is None  # a test's own settings keep it


def test_no_hypothesis_test_of_the_unit_tier_has_a_deadline():
    found = list(hypothesis_tests())
    assert len(found) > 50  # they were all found
    assert [(module, name) for module, name, used in found if used.deadline is not None] == []
