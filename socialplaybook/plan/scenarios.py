"""Client scenarios and copies of a plan: what a consultant starts a demo or a what-if from.

A scenario is a complete plan of a realistic company (``datasets/scenarios/``: one plan
file each, listed in ``scenarios.csv`` with a line saying who the company is). It is read
with the same checks as ``social-playbook import`` (:func:`socialplaybook.plan.files.
read_plan_file`). Starting from a scenario, or copying a team as a variant, stores the
plan as a new team (``Workspace.add_team``) under a name made here: the one typed, else the
scenario's name with a number when it is taken (``Bakgården Kafé 2``), or
``<team> (variant)`` for a variant.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from socialplaybook.datasets import datasets_dir, read_table
from socialplaybook.plan.files import read_plan_file
from socialplaybook.plan.model import TEAM_NAME_MAX_CHARS, Plan, PlanError
from socialplaybook.rules.i18n import _

SCENARIO_COLUMNS = ("id", "file", "team", "region", "currency", "locale", "summary")


@dataclass(frozen=True)
class ScenarioInfo:
    """One scenario as the start page lists it: its id, the company (the plan's team), the
    region, currency and number format of its plan, and one line saying who it is."""

    id: str
    file: str
    team: str
    region: str
    currency: str
    locale: str
    summary: str

    @property
    def path(self) -> Path:
        """The scenario's plan file."""
        return scenarios_dir() / self.file


def scenarios_dir() -> Path:
    """The folder of the scenarios (``datasets/scenarios``)."""
    return datasets_dir() / "scenarios"


@functools.lru_cache(maxsize=4)
def _catalog(folder: Path) -> tuple[ScenarioInfo, ...]:
    path = folder / "scenarios.csv"
    found = []
    for where, cells in read_table(path, SCENARIO_COLUMNS):
        if not all(cells[column] for column in SCENARIO_COLUMNS):
            raise ValueError(f"{where}: every column needs a value")
        found.append(ScenarioInfo(**cells))
    ids = [info.id for info in found]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: a scenario id is given twice")
    return tuple(found)


def scenario_catalog() -> tuple[ScenarioInfo, ...]:
    """Every scenario, in the order ``scenarios.csv`` lists them."""
    return _catalog(scenarios_dir())


def scenario_info(scenario_id: str) -> ScenarioInfo:
    """The scenario called ``scenario_id``; PlanError when there is none."""
    for info in scenario_catalog():
        if info.id == scenario_id:
            return info
    raise PlanError(_("There is no scenario called '{id}'.").format(id=scenario_id))


def load_scenario(scenario_id: str) -> Plan:
    """The scenario's plan, read with the checks of every import (PlanError says what is
    wrong with its file)."""
    return read_plan_file(scenario_info(scenario_id).path)


def start_names(scenario_team: str, typed: str = "") -> Callable[[int], str | None]:
    """The names ``Workspace.add_team`` tries for a team started from a scenario: the name
    typed (only it: a taken name is refused), else the scenario's, numbered when taken."""
    typed = " ".join(typed.split())
    if typed:
        return lambda n: typed if n == 1 else None
    return lambda n: numbered_name(scenario_team, n)


def variant_names(team: str) -> Callable[[int], str | None]:
    """The names ``Workspace.add_team`` tries for a team's copy: ``<team> (variant)``, then
    numbered."""
    return lambda n: variant_name(team, n)


def numbered_name(base: str, n: int) -> str:
    """``base`` for n = 1, else ``base`` and the number (``Bakgården Kafé 2``), shortened so
    that it stays a valid team name."""
    if n <= 1:
        return base[:TEAM_NAME_MAX_CHARS]
    suffix = f" {n}"
    return base[:TEAM_NAME_MAX_CHARS - len(suffix)].rstrip() + suffix


def variant_name(team: str, n: int) -> str:
    """The name of a team's copy for a what-if: ``<team> (variant)``, then ``<team>
    (variant 2)``, ..., the team's name shortened to fit a team name."""
    def named(shown: str) -> str:
        if n <= 1:
            return _("{team} (variant)").format(team=shown)
        return _("{team} (variant {n})").format(team=shown, n=n)

    over = len(named(team)) - TEAM_NAME_MAX_CHARS
    return named(team[:len(team) - over].rstrip() if over > 0 else team)
