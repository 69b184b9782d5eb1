"""The room at a glance: one row per team for the facilitator's view, from its latest plan.

A row says where the team is (the step of its latest save) and when it last saved, its
audit scores, how far each step is (filled or not, and its open checks: warnings and
errors the step's own app shows), the platforms it chose, the total cost of social a month
with staff time (the budget step's own sum), its KPIs and the goals it measures only by
vanity metrics.

The steps come from the registry: a step added later gets a readiness cell (filled when
its section differs from an empty one) with no edit here; a step whose app shows checks
counts them here through :data:`STEP_CHECKS`.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from socialplaybook.datasets import load_myths
from socialplaybook.plan.model import Plan
from socialplaybook.rules.checks import Check, open_problems
from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import business_result_labels
from socialplaybook.steps.audit.scores import AreaScore, area_scores, overall_score
from socialplaybook.steps.budget.lines import budget_lines
from socialplaybook.steps.budget.money import cost_summary, money_checks
from socialplaybook.steps.budget.outcomes import budget_terms
from socialplaybook.steps.budget.time import team_capacity, time_checks, utilisation
from socialplaybook.steps.kpis.catalog import catalog_by_id, goal_vanity_check, kpi_vanity
from socialplaybook.steps.kpis.checks import kpi_checks
from socialplaybook.steps.planning.readiness import readiness as planning_readiness
from socialplaybook.steps.planning.section import PlanningSection
from socialplaybook.steps.platforms.inputs import team_inputs, team_profiles
from socialplaybook.steps.platforms.portfolio import active_choices, capacity_checks
from socialplaybook.steps.registry import Step, section_steps, step_of

# What the latest save's section says when it is no step's: the start page and the
# workspace's own saves.
START_SECTIONS = frozenset({"created", "import", "currency", "locale", "language"})


@dataclass(frozen=True)
class StepReadiness:
    """How far a team is in one step: ``filled`` (anything entered) and ``open_checks``
    (warnings and errors its app shows; None for a step not started or that shows no
    checks)."""

    key: str
    title: str
    notebook: str
    filled: bool
    open_checks: int | None


@dataclass(frozen=True)
class TeamCost:
    """The budget step's total cost of social a month, in the plan's currency.

    ``staff_priced``: the hours are counted at a cost (the team gave its hourly cost);
    without it the total leaves them out, and the view says so.
    """

    monthly_total: float
    staff_hours_per_week: float
    staff_priced: bool
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class RoomRow:
    """One team in the facilitator's view (see the module docstring)."""

    team: str
    revision: int
    saved_at: datetime
    section: str  # what the latest save changed, as stored
    step_key: str  # the step it is on ("" for the start page or the workspace's own saves)
    step_label: str
    currency: str
    locale: str
    audit: dict[str, AreaScore]
    audit_overall: float | None
    readiness: tuple[StepReadiness, ...]
    platforms: tuple[str, ...]
    cost: TeamCost
    kpis: int
    vanity_kpis: int
    vanity_goals: tuple[str, ...] = field(default=())

    @property
    def steps_filled(self) -> int:
        """How many steps hold anything the team entered."""
        return sum(step.filled for step in self.readiness)

    @property
    def open_checks(self) -> int:
        """The open checks of every step together."""
        return sum(step.open_checks or 0 for step in self.readiness)


def where_the_team_is(section: str) -> tuple[str, str]:
    """The step a save of ``section`` belongs to: its key ("" for none) and how to say it."""
    if section.startswith("restore "):
        return "", _("Restored revision {n}").format(n=section.removeprefix("restore ").strip())
    if section in START_SECTIONS:
        return "", _("Start")
    try:
        step = step_of(section)
    except KeyError:
        return "", section
    return step.key, step.title


def team_cost(plan: Plan) -> TeamCost:
    """The budget step's total a month with staff time, and its time and money checks."""
    section = plan.budget
    terms = budget_terms(section, plan.currency, plan.planning)
    lines = budget_lines(section, plan.platforms, terms=terms)
    capacity = team_capacity(section, plan.platforms, plan.planning)
    costs = cost_summary(section, lines)
    checks = (time_checks(lines, utilisation(lines, capacity), capacity)
              + money_checks(section, costs))
    return TeamCost(costs.total, costs.staff_hours_per_week, costs.staff is not None,
                    tuple(checks))


def goal_labels(plan: Plan) -> list[tuple[str, str]]:
    """The planning goals as (id, label), named as the KPI app names them."""
    results = business_result_labels()
    return [(goal.id, goal.metric.strip()
             or (results[goal.business_result] if goal.business_result else "")
             or _("Goal {n}").format(n=n))
            for n, goal in enumerate(plan.planning.goals, start=1)]


def kpi_open_checks(plan: Plan) -> tuple[int, list[Check]]:
    """The KPI app's open checks (each KPI's and each goal's), and the goals' checks."""
    catalog = catalog_by_id()
    chosen = [choice.id for choice in active_choices(plan.platforms.choices)]
    section = plan.kpis
    goal_checks = [goal_vanity_check(label, [k for k in section.kpis if k.goal_id == gid],
                                     catalog) for gid, label in goal_labels(plan)]
    kpi_problems = sum(open_problems(kpi_checks(kpi, chosen, catalog)) for kpi in section.kpis)
    return kpi_problems + open_problems(goal_checks), goal_checks


def _planning_open(plan: Plan, today: date) -> int:
    return _planning_open_of(plan.planning.model_dump_json(), today)


@functools.lru_cache(maxsize=512)
def _planning_open_of(planning_json: str, today: date) -> int:
    # The goals' checks read the metric lexicon (most of a row's time): a team saving
    # another step's section keeps its planning, and its count is not made again.
    section = PlanningSection.model_validate_json(planning_json)
    return sum(part.warnings for part in planning_readiness(section, today))


def _platforms_open(plan: Plan, _today: date) -> int:
    section = plan.platforms
    return open_problems(capacity_checks(section.choices, team_profiles(section),
                                         team_inputs(section, plan.planning)))


def _budget_open(plan: Plan, _today: date) -> int:
    return open_problems(team_cost(plan).checks)


def _kpis_open(plan: Plan, _today: date) -> int:
    return kpi_open_checks(plan)[0]


# The steps whose apps show checks, and how many of them are open for a plan.
STEP_CHECKS: dict[str, Callable[[Plan, date], int]] = {
    "planning": _planning_open,
    "platforms": _platforms_open,
    "budget": _budget_open,
    "kpis": _kpis_open,
}


def is_filled(plan: Plan, step: Step) -> bool:
    """Whether the team entered anything in the step: its section is not an empty one."""
    section = getattr(plan, step.key)
    return section.model_dump() != type(section)().model_dump()


def step_readiness(plan: Plan, today: date,
                   counted: dict[str, int] | None = None) -> list[StepReadiness]:
    """Every step with a section, in workshop order: filled, and its open checks (None
    for a step not started, or one whose app shows no checks).

    ``counted`` holds open checks already counted (step key -> count), not counted again.
    """
    counted = counted or {}
    found = []
    for step in section_steps():
        filled = is_filled(plan, step)
        count = STEP_CHECKS.get(step.key)
        open_checks: int | None = None
        if not filled or count is None:
            pass  # a step not started has nothing to check yet
        elif step.key in counted:
            open_checks = counted[step.key]
        else:
            open_checks = count(plan, today)
        found.append(StepReadiness(step.key, step.title, step.notebook, filled, open_checks))
    return found


def room_row(plan: Plan, revision: int, saved_at: datetime, section: str,
             today: date) -> RoomRow:
    """The team's row in the facilitator's view, from its latest plan and revision."""
    step_key, step_label = where_the_team_is(section)
    scores = area_scores(plan.audit.answers, load_myths())
    cost = team_cost(plan)
    kpi_problems, goal_checks = kpi_open_checks(plan)
    catalog = catalog_by_id()
    vanity_kpis = sum(kpi_vanity(kpi, catalog).is_vanity for kpi in plan.kpis.kpis)
    vanity_goals = tuple(label for (gid, label), check in zip(goal_labels(plan), goal_checks,
                                                              strict=True)
                         if check.level == "warning"
                         and (kpis := [k for k in plan.kpis.kpis if k.goal_id == gid])
                         and all(kpi_vanity(k, catalog).is_vanity for k in kpis))
    readiness = step_readiness(plan, today, {"budget": open_problems(cost.checks),
                                             "kpis": kpi_problems})
    return RoomRow(
        team=plan.team, revision=revision, saved_at=saved_at, section=section,
        step_key=step_key, step_label=step_label, currency=plan.currency, locale=plan.locale,
        audit=scores, audit_overall=overall_score(scores), readiness=tuple(readiness),
        platforms=tuple(choice.platform for choice in active_choices(plan.platforms.choices)),
        cost=cost, kpis=len(plan.kpis.kpis), vanity_kpis=vanity_kpis,
        vanity_goals=vanity_goals)


# -- sorting and filtering the room ------------------------------------------------------------


def sort_labels() -> dict[str, str]:
    """How the facilitator can sort the teams."""
    return {
        "activity": _("Last activity, newest first"),
        "name": _("Team name"),
        "step": _("Step, furthest first"),
        "readiness": _("Steps filled, most first"),
        "checks": _("Open checks, most first"),
        "cost": _("Cost a month, highest first"),
    }


def _step_rank(row: RoomRow) -> int:
    keys = [step.key for step in section_steps()]
    return keys.index(row.step_key) + 1 if row.step_key in keys else 0


def sort_rows(rows: list[RoomRow], by: str) -> list[RoomRow]:
    """``rows`` sorted by one of :func:`sort_labels` (ties by team name)."""
    by_name = sorted(rows, key=lambda row: row.team.casefold())
    keys: dict[str, Callable[[RoomRow], object]] = {
        "name": lambda row: 0,
        "activity": lambda row: -row.saved_at.timestamp(),
        "step": lambda row: -_step_rank(row),
        "readiness": lambda row: -row.steps_filled,
        "checks": lambda row: -row.open_checks,
        "cost": lambda row: -row.cost.monthly_total,
    }
    return sorted(by_name, key=keys.get(by, keys["activity"]))


def filter_rows(rows: list[RoomRow], text: str = "", step_key: str | None = None
                ) -> list[RoomRow]:
    """The rows whose team name holds ``text`` (ignoring case and accents typed either
    way) and, when ``step_key`` is given, whose team is on that step ("" for the start)."""
    wanted = _folded(text)
    return [row for row in rows
            if wanted in _folded(row.team)
            and (step_key is None or row.step_key == step_key)]


def _folded(text: str) -> str:
    """``text`` compared as team names are: case, spacing and typed accents ignored."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()))
    return unicodedata.normalize("NFC", decomposed.casefold())
