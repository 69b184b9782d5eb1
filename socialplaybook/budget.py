"""Budget: money and staff time for the real work of social media.

The articles: social media is not free (discovering, curating, publishing, responding
and promoting cost time and money; organic reach falls as the platforms monetise, seeds
001/002); its return grows over months, not with each post (001/002); too many accounts
spread a team thin (000: one person runs 2-4 well); more followers and more spend bring
diminishing returns (003). This module holds the budget section of the Plan and every
formula the budget app shows:

* **time** per platform a week: ``posts × minutes per post + messages × minutes per
  answer + hours of listening``, against the team's hours (utilisation, per person too);
* **money** a month: the activities' amounts, the paid budget and the staff hours at the
  hourly cost (``hours a week × 52 / 12 × hourly cost``): the total cost of social;
* **reach**: organic impressions a month ``followers × organic reach rate × posts a
  month``; paid impressions at the CPM ``spend / CPM × 1000``;
* **response curves** (Hill saturation, as Meridian, PyMC-Marketing and Robyn use):
  ``response(x) = beta · x^s / (k^s + x^s)``; ``k`` is the monthly spend that reaches half
  of the most the platform can give (``beta``), ``s`` the shape (<= 1 concave, > 1
  S-shaped). The **default** curve is the toolkit's judgement, not a fit: ``s = 1``, ``k``
  from ``datasets/budget_defaults.csv`` and ``beta = 2 × 1000 × k / CPM``, so the quoted
  CPM holds at the half-saturation spend (a smaller spend buys impressions more cheaply,
  a larger one dearer). A team with its own history fits ``beta``, ``k`` (and ``s`` with
  six months or more) with ``scipy.optimize.curve_fit``;
* **the optimiser** (:func:`optimise`) splits the paid budget to maximise the summed
  response with per-platform minimum and maximum, platforms held at today's spend, and
  "allocate only the increase" (no platform below today's spend). At the optimum every
  platform not held by a bound has the same marginal return, which is the "why" the app
  shows. Concave curves (shape <= 1) have that one optimum, found exactly by
  water-filling: each platform spends where its marginal return is ``λ`` (clipped to its
  bounds), and a root finder on ``ln λ`` makes the spends add up to the budget.
  Meridian's greedy marginal allocation is easier to tell but only reaches that to
  within one step, and stalls at the flat foot of an S-shaped curve. With an S-shaped
  curve a dynamic programme over 160 steps of the budget (the exact form of Meridian's
  step-by-step allocation) first finds the best split on that grid, SLSQP (the solver
  PyMC-Marketing uses: bounds, the total as a constraint, analytic gradients, on spend
  / budget) refines it, and water-filling on the platforms it gave money to (an S-shaped
  one past its steepest point, where its curve is concave again) makes the marginal
  returns equal where the curves are flat and SLSQP stops early. A budget below the sum
  of the minimums is answered with a message saying what would make it feasible, never
  a solver's error;
* **carry-over** (geometric adstock, ``x*_t = x_t + theta · x*_(t-1)``): returns build
  over months, so the app shows the same monthly spend month by month.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from socialplaybook.checks import Check, more_hours_than_people_have
from socialplaybook.checks import ok as _ok
from socialplaybook.checks import todo as _todo
from socialplaybook.checks import warning as _warning
from socialplaybook.data import DATA_DIR, cell_list, cell_number, read_platform_table
from socialplaybook.i18n import _, ngettext
from socialplaybook.numbers import format_number, parse_number
from socialplaybook.platforms import (
    ACCOUNTS_PER_PERSON_MAX,
    HOURS_IN_A_WEEK,
    MAX_PEOPLE,
    MAX_PLATFORMS,
    ItemId,
    ShortText,
    active_choices,
    load_platform_profiles,
    platform_id,
)
from socialplaybook.sections import Section

# -- limits (absurdly large numbers are refused at the field, with these in the message) ------

WEEKS_PER_MONTH = 52 / 12
MAX_MONEY_PER_MONTH = 1e9  # any one amount, in the plan's currency
MAX_HOURLY_COST = 10_000.0
MAX_POSTS_PER_WEEK = 1_000.0
MAX_MINUTES_PER_ITEM = 2_400.0  # 40 hours for one post
MAX_MESSAGES_PER_WEEK = 1_000_000.0
MAX_FOLLOWERS = 5_000_000_000
MAX_CPM = 10_000.0
MIN_CPM = 0.01
MAX_RESPONSE = 1e13  # beta: the most a curve can give a month, in the response unit
MIN_HALF_SATURATION = 1.0
SHAPE_MIN, SHAPE_MAX = 0.3, 5.0
THETA_MAX = 0.9
DEFAULT_THETA = 0.3  # the top of Robyn's 0-0.3 for digital: judgement, stated in the app
MAX_SCENARIOS = 12
MAX_HISTORY_POINTS = 120
MIN_HISTORY_POINTS = 4
SHAPE_FIT_POINTS = 6  # fewer points: the shape is kept and only beta and k are fitted
SCENARIO_NAME_MAX_CHARS = 60
DP_STEPS = 160  # the optimiser's grid: steps of the money above the minimums
MONTHS_SHOWN = 12

CurveSource = Literal["default", "team", "fitted"]
ACTIVITIES: tuple[str, ...] = ("listening_tools", "content_production", "publishing_tools",
                               "community_management", "training")


def activity_labels() -> dict[str, str]:
    """The name of each monthly activity amount (paid promotion is the paid budget)."""
    return {"listening_tools": _("Listening tools"),
            "content_production": _("Content production"),
            "publishing_tools": _("Publishing tools"),
            "community_management": _("Community management and answering"),
            "training": _("Training")}


def _money(**kwargs) -> float:
    return Field(ge=0, le=MAX_MONEY_PER_MONTH, allow_inf_nan=False, **kwargs)


# -- the toolkit's defaults (datasets/budget_defaults.csv and platforms.csv) --------------------


@dataclass(frozen=True)
class BudgetDefaults:
    """The toolkit's starting values for one platform; None where it has none."""

    platform: str
    posts_per_week: float | None = None
    minutes_per_post: float | None = None
    messages_per_week: float | None = None
    minutes_per_answer: float | None = None
    listening_hours_per_week: float | None = None
    organic_reach_percent: float | None = None
    organic_reach_source: str | None = None
    half_saturation_spend: float | None = None
    hill_shape: float | None = None
    cpm: float | None = None  # the middle of the cited range (platforms.csv), USD
    cpm_range: tuple[float, float] | None = None
    cpm_source: str | None = None
    judgement: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return platform_id(self.platform)


DEFAULT_COLUMNS = ("platform", "posts_per_week", "minutes_per_post", "messages_per_week",
                   "minutes_per_answer", "listening_hours_per_week", "organic_reach_percent",
                   "organic_reach_source", "half_saturation_spend_usd", "hill_shape",
                   "judgement")


@functools.lru_cache(maxsize=4)
def load_budget_defaults(path: Path | None = None) -> dict[str, BudgetDefaults]:
    """The rows of ``datasets/budget_defaults.csv`` by platform id, with the CPM of
    ``platforms.csv`` (the middle of its range). Empty cells are None.

    Raises ValueError naming the file and line for wrong columns, a cell that is not a
    number, a negative one, a reach rate without its source or over 100 %, or a shape
    outside the range the app accepts.
    """
    path = path or DATA_DIR / "budget_defaults.csv"
    profiles = {p.id: p for p in load_platform_profiles()}
    found: dict[str, BudgetDefaults] = {}
    for where, cells in read_platform_table(path, DEFAULT_COLUMNS, platform_id):
        values = {column: cell_number(cells[column], column, where)
                  for column in DEFAULT_COLUMNS[1:]
                  if column not in ("organic_reach_source", "judgement")
                  and cells[column] is not None}
        rate = values.get("organic_reach_percent")
        if rate is not None and (rate > 100 or not cells["organic_reach_source"]):
            raise ValueError(f"{where}: the organic reach rate is over 100 % or has no "
                             "source")
        shape = values.get("hill_shape")
        if shape is not None and not SHAPE_MIN <= shape <= SHAPE_MAX:
            raise ValueError(f"{where}: hill_shape must be {SHAPE_MIN}-{SHAPE_MAX}")
        profile = profiles.get(platform_id(cells["platform"]))
        cpm_range = None
        if profile is not None and profile.cpm_low_usd is not None:
            cpm_range = (profile.cpm_low_usd, profile.cpm_high_usd)
        defaults = BudgetDefaults(
            platform=cells["platform"],
            **{k: v for k, v in values.items() if k != "half_saturation_spend_usd"},
            organic_reach_source=cells["organic_reach_source"],
            half_saturation_spend=values.get("half_saturation_spend_usd"),
            cpm=(sum(cpm_range) / 2) if cpm_range else None, cpm_range=cpm_range,
            cpm_source=profile.cpm_source if cpm_range else None,
            judgement=cell_list(cells["judgement"]))
        found[defaults.id] = defaults
    return found


# -- the section --------------------------------------------------------------------------------


class SpendPoint(Section):
    """One month of the team's history on a platform: what it spent and what came back."""

    spend: float = Field(ge=0, le=MAX_MONEY_PER_MONTH, allow_inf_nan=False)
    result: float = Field(ge=0, le=MAX_RESPONSE, allow_inf_nan=False)


class PlatformBudget(Section):
    """The team's numbers for one platform; None: the toolkit's default is used.

    Time is per week, money per month in the plan's currency. ``current_spend`` is
    today's monthly paid spend; ``fixed`` holds the platform at it.
    """

    id: ItemId
    platform: ShortText
    included: bool = True
    owner: ShortText = ""
    posts_per_week: float | None = Field(default=None, ge=0, le=MAX_POSTS_PER_WEEK,
                                         allow_inf_nan=False)
    minutes_per_post: float | None = Field(default=None, ge=0, le=MAX_MINUTES_PER_ITEM,
                                           allow_inf_nan=False)
    messages_per_week: float | None = Field(default=None, ge=0, le=MAX_MESSAGES_PER_WEEK,
                                            allow_inf_nan=False)
    minutes_per_answer: float | None = Field(default=None, ge=0, le=MAX_MINUTES_PER_ITEM,
                                             allow_inf_nan=False)
    listening_hours_per_week: float | None = Field(default=None, ge=0, le=HOURS_IN_A_WEEK,
                                                   allow_inf_nan=False)
    followers: int | None = Field(default=None, ge=0, le=MAX_FOLLOWERS)
    organic_reach_percent: float | None = Field(default=None, ge=0, le=100,
                                                allow_inf_nan=False)
    cpm: float | None = Field(default=None, ge=MIN_CPM, le=MAX_CPM, allow_inf_nan=False)
    current_spend: float = _money(default=0.0)
    min_spend: float = _money(default=0.0)
    max_spend: float | None = Field(default=None, ge=0, le=MAX_MONEY_PER_MONTH,
                                    allow_inf_nan=False)
    fixed: bool = False
    hill_beta: float | None = Field(default=None, gt=0, le=MAX_RESPONSE, allow_inf_nan=False)
    hill_k: float | None = Field(default=None, ge=MIN_HALF_SATURATION, le=MAX_MONEY_PER_MONTH,
                                 allow_inf_nan=False)
    hill_shape: float | None = Field(default=None, ge=SHAPE_MIN, le=SHAPE_MAX,
                                     allow_inf_nan=False)
    curve_source: CurveSource = "default"
    history: list[SpendPoint] = Field(default_factory=list, max_length=MAX_HISTORY_POINTS)

    @model_validator(mode="after")
    def _bounds_in_order(self) -> PlatformBudget:
        if self.max_spend is not None and self.min_spend > self.max_spend:
            raise ValueError(_("The minimum ({min}) is above the maximum ({max}).").format(
                min=format_number(self.min_spend), max=format_number(self.max_spend)))
        return self


class MonthlyCosts(Section):
    """What the activities cost a month, in the plan's currency (0: nothing entered)."""

    listening_tools: float = _money(default=0.0)
    content_production: float = _money(default=0.0)
    publishing_tools: float = _money(default=0.0)
    community_management: float = _money(default=0.0)
    training: float = _money(default=0.0)

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in ACTIVITIES}


class BudgetInputs(Section):
    """Everything a budget variant is made of (the section, and each saved scenario).

    ``people`` and ``hours_per_week`` are None while they come from the platforms or the
    planning step. ``hourly_staff_cost`` is None until the team enters it.
    """

    people: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    hours_per_week: float | None = Field(default=None, ge=0,
                                         le=HOURS_IN_A_WEEK * MAX_PEOPLE, allow_inf_nan=False)
    hourly_staff_cost: float | None = Field(default=None, ge=0, le=MAX_HOURLY_COST,
                                            allow_inf_nan=False)
    monthly_costs: MonthlyCosts = Field(default_factory=MonthlyCosts)
    paid_budget: float = _money(default=0.0)
    only_increase: bool = False
    response_unit: ShortText = ""  # "" : paid impressions (the default curves' unit)
    adstock_theta: float = Field(default=DEFAULT_THETA, ge=0, le=THETA_MAX, allow_inf_nan=False)
    platforms: list[PlatformBudget] = Field(default_factory=list, max_length=MAX_PLATFORMS)

    @field_validator("response_unit")
    @classmethod
    def _one_line(cls, unit: str) -> str:
        return " ".join(unit.split())

    @model_validator(mode="after")
    def _consistent(self) -> BudgetInputs:
        if self.people == 0 and self.hours_per_week:
            raise ValueError(_("Enter how many people first: with nobody there are no hours "
                               "to give."))
        if self.people and self.hours_per_week and (
                self.hours_per_week > HOURS_IN_A_WEEK * self.people):
            raise ValueError(more_hours_than_people_have(self.people))
        ids = [item.id for item in self.platforms]
        if len(ids) != len(set(ids)):
            raise ValueError(_("A platform is listed twice."))
        return self


class Scenario(Section):
    """A saved budget variant ("lean", "growth"), to compare side by side."""

    id: ItemId
    name: str = Field(min_length=1, max_length=SCENARIO_NAME_MAX_CHARS)
    inputs: BudgetInputs = Field(default_factory=BudgetInputs)

    @field_validator("name", mode="before")
    @classmethod
    def _clean_name(cls, name: object) -> object:
        if isinstance(name, str):
            name = " ".join(name.split())
            if not name:
                raise ValueError(_("Give the scenario a name (1 to {n} characters).").format(
                    n=SCENARIO_NAME_MAX_CHARS))
        return name


class BudgetSection(BudgetInputs):
    """The budget step of the Plan: the current variant, and the saved scenarios."""

    scenarios: list[Scenario] = Field(default_factory=list, max_length=MAX_SCENARIOS)

    @model_validator(mode="after")
    def _scenario_names_differ(self) -> BudgetSection:
        names = [s.name.casefold() for s in self.scenarios]
        if len(names) != len(set(names)):
            raise ValueError(_("Two scenarios have the same name."))
        ids = [s.id for s in self.scenarios]
        if len(ids) != len(set(ids)):
            raise ValueError(_("Two scenarios have the same id."))
        return self

    def inputs(self) -> BudgetInputs:
        """The current variant, without the saved scenarios."""
        data = self.model_dump()
        data.pop("scenarios")
        return BudgetInputs.model_validate(data)


# -- the platforms of the budget -------------------------------------------------------------

TIME_FIELDS = ("posts_per_week", "minutes_per_post", "messages_per_week", "minutes_per_answer",
               "listening_hours_per_week")
CURVE_FIELDS = ("hill_beta", "hill_k", "hill_shape")


@dataclass(frozen=True)
class HillCurve:
    """A response curve ``beta · x^s / (k^s + x^s)`` (x: spend a month)."""

    beta: float
    k: float
    shape: float = 1.0

    def response(self, spend: float) -> float:
        return hill(spend, self.beta, self.k, self.shape)

    def marginal(self, spend: float) -> float:
        return hill_marginal(spend, self.beta, self.k, self.shape)


@dataclass(frozen=True)
class PlatformLine:
    """One platform of the budget with every value resolved: the team's, else the default.

    ``origin`` says for each resolved value "team", "default" (the toolkit's: judgement
    or a cited figure) or "missing" (nobody gave one). ``curve`` is None when it cannot
    be drawn (no CPM and no curve of the team's); ``curve_note`` then says why.
    """

    item: PlatformBudget
    values: dict[str, float | None]
    origin: dict[str, str]
    curve: HillCurve | None
    curve_origin: str  # "default", "team", "fitted" or "missing"
    curve_note: str
    defaults: BudgetDefaults | None
    stored: bool

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def platform(self) -> str:
        return self.item.platform

    @property
    def hours_per_week(self) -> float:
        return platform_hours_per_week(*(self.values[f] or 0.0 for f in TIME_FIELDS))


def default_item(pid: str, name: str) -> PlatformBudget:
    """A platform's budget item with nothing entered (every value the toolkit's)."""
    return PlatformBudget(id=pid, platform=name)


def resolve(item: PlatformBudget, defaults: BudgetDefaults | None = None,
            stored: bool = True) -> PlatformLine:
    """``item`` with each value not entered taken from the toolkit's defaults."""
    values: dict[str, float | None] = {}
    origin: dict[str, str] = {}
    for name in (*TIME_FIELDS, "organic_reach_percent", "cpm"):
        own = getattr(item, name)
        default = getattr(defaults, name, None) if defaults else None
        values[name] = own if own is not None else default
        origin[name] = "team" if own is not None else ("default" if default is not None
                                                       else "missing")
    k = item.hill_k if item.hill_k is not None else (
        defaults.half_saturation_spend if defaults else None)
    shape = item.hill_shape if item.hill_shape is not None else (
        (defaults.hill_shape if defaults else None) or 1.0)
    beta = item.hill_beta
    note = ""
    if beta is None and k is not None and values["cpm"]:
        beta = default_beta(k, values["cpm"])
    curve = None
    if beta is not None and k is not None:
        curve = HillCurve(beta, k, shape)
        edited = any(getattr(item, f) is not None for f in CURVE_FIELDS) or (
            origin["cpm"] == "team")
        source = item.curve_source if item.curve_source == "fitted" else (
            "team" if edited else "default")
    else:
        source = "missing"
        if not values["cpm"]:
            note = _("No CPM in our data: enter yours (or your own curve) to include it in "
                     "the allocation.")
        else:
            note = _("No half-saturation spend: enter one to include it in the allocation.")
    values.update(hill_beta=beta, hill_k=k, hill_shape=shape)
    return PlatformLine(item, values, origin, curve, source, note, defaults, stored)


def budget_lines(section: BudgetInputs, platforms_section=None,
                 defaults: dict[str, BudgetDefaults] | None = None) -> list[PlatformLine]:
    """The platforms of the budget: the team's items here (those still included), then
    the platforms chosen in the platforms step that have none yet (all defaults).

    A platform chosen as "reserve the handle only" is not an account to run: left out.
    """
    defaults = load_budget_defaults() if defaults is None else defaults
    lines = [resolve(item, defaults.get(item.id)) for item in section.platforms
             if item.included]
    known = {item.id for item in section.platforms}
    for choice in active_choices(getattr(platforms_section, "choices", []) or []):
        if choice.id not in known:
            known.add(choice.id)
            lines.append(resolve(default_item(choice.id, choice.platform),
                                 defaults.get(choice.id), stored=False))
    return lines


def with_item(section: BudgetSection, item: PlatformBudget) -> BudgetSection:
    """The section with ``item`` stored in place of the one with its id (or added)."""
    items = list(section.platforms)
    index = next((i for i, old in enumerate(items) if old.id == item.id), None)
    if index is None:
        items.append(item)
    else:
        items[index] = item
    return section.model_copy(update={"platforms": items})


# -- time ---------------------------------------------------------------------------------------


def platform_hours_per_week(posts_per_week: float, minutes_per_post: float,
                            messages_per_week: float, minutes_per_answer: float,
                            listening_hours_per_week: float) -> float:
    """Hours a week one platform takes: making and curating, answering, listening."""
    return (posts_per_week * minutes_per_post + messages_per_week * minutes_per_answer) / 60 \
        + listening_hours_per_week


@dataclass(frozen=True)
class Capacity:
    """The people and hours a week the team gives social media, and where they come from
    ("budget": entered here, "platforms", "planning", or "" when nobody gave them)."""

    people: int | None
    hours_per_week: float | None
    source: str


def team_capacity(section: BudgetInputs, platforms_section=None, planning=None) -> Capacity:
    """People and hours, each from this step, else the platforms step, else planning.

    ``source`` names where the first of them came from.
    """
    resources = list(getattr(planning, "resources", []) or [])
    sources = [("budget", section.people, section.hours_per_week),
               ("platforms", getattr(platforms_section, "people", None),
                getattr(platforms_section, "hours_per_week", None))]
    if resources:
        sources.append(("planning", sum(r.people for r in resources),
                        float(sum(r.hours_per_week for r in resources))))
    people = next(((name, p) for name, p, _h in sources if p is not None), ("", None))
    hours = next(((name, h) for name, _p, h in sources if h is not None), ("", None))
    order = [name for name, _p, _h in sources]
    source = min((s for s in (people[0], hours[0]) if s), key=order.index, default="")
    return Capacity(people[1], hours[1], source)


@dataclass(frozen=True)
class PersonLoad:
    """What one owner (a person) carries: accounts, hours a week and the share of theirs."""

    owner: str
    accounts: int
    hours_per_week: float
    utilisation: float | None  # hours needed / the hours one person has (1.0 = 100 %)


@dataclass(frozen=True)
class Utilisation:
    """Hours a week the platforms take against the team's (1.0 = 100 %).

    A person's hours are the team's hours shared evenly (``hours / people``).
    """

    hours_needed: float
    hours_available: float | None
    total: float | None
    per_person_hours: float | None
    people: tuple[PersonLoad, ...]
    unassigned: tuple[str, ...]


def utilisation(lines: Sequence[PlatformLine], capacity: Capacity) -> Utilisation:
    """The team's and each owner's utilisation (``hours needed / hours available``)."""
    needed = sum(line.hours_per_week for line in lines)
    available = capacity.hours_per_week
    total = needed / available if available else None
    per_person = (available / capacity.people) if available and capacity.people else None
    owners: dict[str, list[PlatformLine]] = {}
    unassigned = []
    for line in lines:
        owner = " ".join(line.item.owner.split())
        if owner:
            owners.setdefault(owner.casefold(), []).append(line)
        else:
            unassigned.append(line.platform)
    people = []
    for owned in owners.values():
        hours = sum(line.hours_per_week for line in owned)
        people.append(PersonLoad(" ".join(owned[0].item.owner.split()), len(owned), hours,
                                 hours / per_person if per_person else None))
    return Utilisation(needed, available, total, per_person, tuple(people), tuple(unassigned))


def time_checks(lines: Sequence[PlatformLine], use: Utilisation,
                capacity: Capacity) -> list[Check]:
    """Whether the platforms fit the team's hours, and no one runs more than 4 accounts."""
    checks: list[Check] = []
    why_hours = _("Social media is not free: every account takes hours every week.")
    why_accounts = _("One professional can manage 2-4 accounts well (seed 000): too many "
                     "spread the team thin.")
    if not lines:
        return [_todo("platforms", _("No platform chosen yet: choose them in the Platforms "
                                     "step, or add one here."), why_hours)]
    if use.total is None:
        checks.append(_todo("hours", _("Enter the hours a week your team gives social media "
                                       "to see the utilisation."), why_hours))
    elif use.total > 1:
        checks.append(_warning("hours", _(
            "The platforms need {need} h a week; the team has {have}: {pct} utilised. Drop a "
            "platform, post less often, or add hours.").format(
                need=_hours(use.hours_needed), have=_hours(use.hours_available),
                pct=_percent(use.total)), why_hours))
    else:
        checks.append(_ok("hours", _("The platforms need {need} of your {have} h a week "
                                     "({pct}).").format(need=_hours(use.hours_needed),
                                                        have=_hours(use.hours_available),
                                                        pct=_percent(use.total)), why_hours))
    for person in use.people:
        if person.accounts > ACCOUNTS_PER_PERSON_MAX:
            checks.append(_warning(f"accounts-{person.owner}", _(
                "{owner} runs {n} accounts: more than {max} is too many to run well.").format(
                    owner=person.owner, n=person.accounts, max=ACCOUNTS_PER_PERSON_MAX),
                why_accounts))
        if person.utilisation is not None and person.utilisation > 1:
            checks.append(_warning(f"person-{person.owner}", _(
                "{owner} needs {need} h a week; one person has {have}: {pct}.").format(
                    owner=person.owner, need=_hours(person.hours_per_week),
                    have=_hours(use.per_person_hours), pct=_percent(person.utilisation)),
                why_hours))
    if capacity.people and not use.people and len(lines) > ACCOUNTS_PER_PERSON_MAX * (
            capacity.people):
        checks.append(_warning("accounts", _("{n} accounts for {people}: more than {max} a "
                                             "person.").format(
            n=len(lines), people=ngettext("{n} person", "{n} people", capacity.people).format(
                n=capacity.people), max=ACCOUNTS_PER_PERSON_MAX), why_accounts))
    return checks


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".removesuffix(".0")


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


# -- money --------------------------------------------------------------------------------------


def staff_cost_per_month(hours_per_week: float, hourly_cost: float) -> float:
    """What the staff hours cost a month: ``hours a week × 52 / 12 × hourly cost``."""
    return hours_per_week * WEEKS_PER_MONTH * hourly_cost


@dataclass(frozen=True)
class CostSummary:
    """The total cost of social a month, staff time included (None: hourly cost missing)."""

    activities: dict[str, float]
    paid: float
    staff_hours_per_week: float
    staff: float | None
    cash: float  # activities + paid
    total: float  # cash + staff (staff counted as 0 when its cost is not known)


def cost_summary(section: BudgetInputs, lines: Sequence[PlatformLine]) -> CostSummary:
    """Activities, paid promotion and staff hours a month, and their total."""
    activities = section.monthly_costs.as_dict()
    hours = sum(line.hours_per_week for line in lines)
    staff = (staff_cost_per_month(hours, section.hourly_staff_cost)
             if section.hourly_staff_cost is not None else None)
    cash = sum(activities.values()) + section.paid_budget
    return CostSummary(activities, section.paid_budget, hours, staff, cash,
                       cash + (staff or 0.0))


def money_checks(section: BudgetInputs, costs: CostSummary) -> list[Check]:
    """'Free' is never the answer: the staff hours have a cost, and so does the rest."""
    why = _("Social media is not free: discovering, curating, publishing, responding and "
            "promoting all cost time and money (seeds 001/002).")
    if section.hourly_staff_cost is None:
        return [_todo("staff", _("Enter what an hour of staff time costs: the hours are the "
                                 "largest cost of social for most teams."), why)]
    if costs.total == 0:
        return [_warning("free", _("Nothing costs anything here: 'free' is never the answer. "
                                   "Enter the hours and what they cost."), why)]
    if costs.staff and costs.cash < costs.staff:
        return [_ok("staff", _("Staff time is the largest part of your cost: most of the "
                               "cost of social is people, not tools."), why)]
    return [_ok("staff", _("Staff time is counted in the total."), why)]


def format_money(value: float, currency: str, locale: str = "en") -> str:
    """An amount a month as a person reads it: "1,234 EUR" (no decimals)."""
    return f"{format_number(round(value), locale=locale, decimals=0)} {currency}".strip()


# -- reach --------------------------------------------------------------------------------------


def organic_impressions_per_month(followers: float, reach_percent: float,
                                  posts_per_week: float) -> float:
    """Organic impressions a month: ``followers × reach rate × posts a month``."""
    return followers * reach_percent / 100 * posts_per_week * WEEKS_PER_MONTH


def paid_impressions(spend: float, cpm: float) -> float:
    """Paid impressions bought at the CPM: ``spend / CPM × 1000`` (CPM > 0)."""
    if cpm <= 0:
        raise ValueError(_("A CPM must be more than 0."))
    return spend / cpm * 1000


@dataclass(frozen=True)
class Reach:
    """One platform's reach a month: organic, and paid at the CPM (None: not known)."""

    platform: str
    organic: float | None
    paid_at_cpm: float | None
    paid_on_curve: float | None


def platform_reach(line: PlatformLine, spend: float) -> Reach:
    """Organic impressions (followers × rate × posts), paid at the CPM and on the curve."""
    v = line.values
    followers = line.item.followers
    organic = None
    if followers is not None and v["organic_reach_percent"] is not None:
        organic = organic_impressions_per_month(followers, v["organic_reach_percent"],
                                                v["posts_per_week"] or 0.0)
    paid = paid_impressions(spend, v["cpm"]) if v["cpm"] else None
    on_curve = line.curve.response(spend) if line.curve else None
    return Reach(line.platform, organic, paid, on_curve)


# -- response curves ------------------------------------------------------------------------------


def hill(spend: float, beta: float, k: float, shape: float = 1.0) -> float:
    """Hill saturation: ``beta · x^s / (k^s + x^s)`` (0 for no spend)."""
    if spend <= 0:
        return 0.0
    ratio = (spend / k) ** shape
    # ratio / (1 + ratio) first: it is at most 1, so the response never passes beta
    return beta * (ratio / (1 + ratio)) if math.isfinite(ratio) else beta


def hill_marginal(spend: float, beta: float, k: float, shape: float = 1.0) -> float:
    """The response one more unit of spend brings at ``spend`` (the curve's slope).

    ``beta · s · r / (x · (1 + r)^2)`` with ``r = (x/k)^s``; at no spend: ``beta / k``
    for s = 1, 0 for an S-shape, infinite for s < 1.
    """
    if spend <= 0:
        if shape == 1:
            return beta / k
        return 0.0 if shape > 1 else math.inf
    ratio = (spend / k) ** shape
    if not math.isfinite(ratio):
        return 0.0
    if ratio == 0:  # a spend so small that (x/k)^s is below the smallest float
        try:
            return beta * shape / k * math.exp((shape - 1) * (math.log(spend) - math.log(k)))
        except OverflowError:
            return math.inf
    return beta * shape * ratio / (spend * (1 + ratio) ** 2)


def default_beta(half_saturation: float, cpm: float) -> float:
    """The default curve's ceiling: ``2 × 1000 × k / CPM``.

    So that at the half-saturation spend ``k`` the curve gives ``k / CPM × 1000``
    impressions: the quoted CPM holds there (judgement: see the module docstring).
    """
    return 2 * 1000 * half_saturation / cpm


def curve_points(curve: HillCurve, top: float, n: int = 40) -> list[tuple[float, float]]:
    """``n + 1`` points of the curve from no spend to ``top``, for drawing it."""
    top = max(top, 1.0)
    return [(top * i / n, curve.response(top * i / n)) for i in range(n + 1)]


def explain_curve(curve: HillCurve, unit: str, currency: str, locale: str = "en") -> str:
    """The curve's parameters in plain words."""
    shape = (_("each extra unit of spend brings a little less than the one before")
             if curve.shape <= 1 else
             _("S-shaped: little comes back until the spend passes a threshold, then "
               "returns fall"))
    return _("At most about {beta} {unit} a month; half of that at {k} a month; {shape}."
             ).format(beta=format_number(round(curve.beta), locale=locale), unit=unit,
                      k=format_money(curve.k, currency, locale), shape=shape)


# -- the optimiser --------------------------------------------------------------------------------

Bound = Literal["free", "min", "max", "fixed", "no_curve", "today", "nothing"]


@dataclass(frozen=True)
class Channel:
    """What the optimiser needs of one platform (money a month)."""

    id: str
    name: str
    curve: HillCurve | None
    today: float = 0.0
    minimum: float = 0.0
    maximum: float | None = None
    fixed: bool = False


@dataclass(frozen=True)
class ChannelResult:
    """One platform's recommended spend, what it brings, and what holds it (``bound``)."""

    id: str
    name: str
    today: float
    spend: float
    response: float | None
    today_response: float | None
    marginal: float | None
    bound: Bound


@dataclass(frozen=True)
class Allocation:
    """The optimiser's answer. ``feasible`` False: ``message`` says what would make it so."""

    feasible: bool
    message: str
    budget: float
    lines: tuple[ChannelResult, ...] = ()
    total_response: float = 0.0
    today_response: float = 0.0
    unallocated: float = 0.0

    @property
    def spend(self) -> dict[str, float]:
        return {line.id: line.spend for line in self.lines}


def channels_from_lines(lines: Sequence[PlatformLine]) -> list[Channel]:
    """The optimiser's view of the budget's platforms."""
    return [Channel(line.id, line.platform, line.curve, line.item.current_spend,
                    line.item.min_spend, line.item.max_spend, line.item.fixed)
            for line in lines]


def optimise(channels: Sequence[Channel], budget: float, only_increase: bool = False,
             currency: str = "", locale: str = "en") -> Allocation:
    """Split ``budget`` (a month) over ``channels`` to maximise the summed response.

    Bounds per platform: held at today's spend when ``fixed`` or without a curve; else
    from its minimum (and today's spend with ``only_increase``) to its maximum. When the
    maxima add up to less than the budget, each gets its maximum and the rest is
    ``unallocated``. A platform held fixed (or without a curve) keeps today's spend
    exactly. Water-filling for concave curves; a grid search, SLSQP and water-filling
    when a curve is S-shaped (see the module docstring); never raises for a budget that
    cannot be split: ``message`` says why.
    """
    if not math.isfinite(budget) or budget < 0:
        return Allocation(False, _("The paid budget must be 0 or more."), budget)
    if not channels:
        return Allocation(False, _("No platform to allocate to: choose platforms in the "
                                   "Platforms step, or add one here."), budget)
    lower, upper, bounds = [], [], []
    for c in channels:
        if c.curve is None or c.fixed:
            lo = hi = c.today
            bound: Bound = "no_curve" if c.curve is None else "fixed"
        else:
            lo = max(c.minimum, c.today if only_increase else 0.0)
            hi = math.inf if c.maximum is None else c.maximum
            bound = "free"
            if lo > hi:
                why = (_("today's spend ({today})").format(today=format_money(
                    c.today, currency, locale)) if only_increase and c.today > c.minimum
                    else _("its minimum ({min})").format(min=format_money(c.minimum, currency,
                                                                          locale)))
                return Allocation(False, _(
                    "{name}: {why} is above its maximum ({max}). Raise the maximum, or "
                    "untick 'allocate only the increase'.").format(
                        name=c.name, why=why, max=format_money(c.maximum, currency, locale)),
                    budget)
        lower.append(lo)
        upper.append(hi)
        bounds.append(bound)
    need = sum(lower)
    if need > budget * (1 + 1e-12) + 1e-9:
        return Allocation(False, _infeasible_message(channels, lower, bounds, budget, need,
                                                     only_increase, currency, locale), budget)
    upper = [min(hi, max(lo, budget)) for lo, hi in zip(lower, upper, strict=True)]
    free = [i for i, b in enumerate(bounds) if b == "free" and upper[i] > lower[i]]
    spend = list(lower)
    unallocated = 0.0
    if sum(upper) <= budget:
        spend = list(upper)
        unallocated = budget - sum(upper)
    elif free and budget - need > 0:
        solved = _solve([channels[i].curve for i in free], [lower[i] for i in free],
                        [upper[i] for i in free], budget - sum(lower[i] for i in range(len(
                            channels)) if i not in free))
        for i, x in zip(free, solved, strict=True):
            spend[i] = x
    else:
        unallocated = max(0.0, budget - need)
    results = []
    for i, c in enumerate(channels):
        x = spend[i]
        bound = bounds[i]
        if bound == "free":
            tolerance = 1e-6 * max(budget, 1.0)
            if x <= lower[i] + tolerance and lower[i] > 0:
                bound = "today" if only_increase and lower[i] == c.today and (
                    c.today > c.minimum) else "min"
            elif x >= upper[i] - tolerance and c.maximum is not None and (
                    upper[i] == c.maximum):
                bound = "max"
            elif x <= tolerance and lower[i] == 0:
                bound = "nothing"
        results.append(ChannelResult(
            c.id, c.name, c.today, x,
            c.curve.response(x) if c.curve else None,
            c.curve.response(c.today) if c.curve else None,
            c.curve.marginal(x) if c.curve else None, bound))
    total = sum(r.response or 0.0 for r in results)
    today_total = sum(r.today_response or 0.0 for r in results)
    message = ""
    if unallocated > 1e-6 * max(budget, 1.0):
        message = _("The maxima and fixed amounts add up to less than the budget: {left} a "
                    "month is left unallocated. Raise a maximum or lower the budget.").format(
                        left=format_money(unallocated, currency, locale))
    return Allocation(True, message, budget, tuple(results), total, today_total, unallocated)


def _infeasible_message(channels: Sequence[Channel], lower: Sequence[float],
                        bounds: Sequence[str], budget: float, need: float,
                        only_increase: bool, currency: str, locale: str) -> str:
    parts = []
    for c, lo, bound in zip(channels, lower, bounds, strict=True):
        if lo <= 0:
            continue
        what = {"fixed": _("held at today's spend"),
                "no_curve": _("today's spend, no curve")}.get(bound)
        if what is None:
            what = (_("today's spend") if only_increase and lo == c.today and c.today > c.minimum
                    else _("minimum"))
        parts.append(f"{c.name} {format_money(lo, currency, locale)} ({what})")
    fixes = [_("lower a minimum")]
    if any(b == "fixed" for b in bounds):
        fixes.append(_("release a platform held fixed"))
    if only_increase:
        fixes.append(_("untick 'allocate only the increase'"))
    return _("Not possible: the paid budget of {budget} is less than the {need} the "
             "platforms must get ({parts}). Raise the paid budget to at least {need}, or "
             "{fixes}.").format(budget=format_money(budget, currency, locale),
                                need=format_money(need, currency, locale),
                                parts="; ".join(parts), fixes=_(" or ").join(fixes))


def _solve(curves: Sequence[HillCurve], lower: Sequence[float], upper: Sequence[float],
           total: float) -> list[float]:
    """Maximise ``sum(curve_i(x_i))`` with ``lower <= x <= upper`` and ``sum(x) = total``
    (``sum(lower) < total < sum(upper)``).

    Concave curves (every shape <= 1): the optimum is where every platform inside its
    bounds has the same marginal return, found exactly by water-filling
    (:func:`_water_fill`). With an S-shaped curve a dynamic programme over ``DP_STEPS``
    steps of the money above the minimums first finds the best split on that grid, SLSQP
    refines it (on spend / total, so every variable is near 1), and water-filling on the
    platforms SLSQP gave money to (each S-shaped one past the top of its marginal return)
    finishes the equal marginal returns that SLSQP leaves where the curves are flat.
    """
    import numpy as np
    from scipy.optimize import minimize

    beta = np.array([c.beta for c in curves], dtype=float)
    k = np.array([c.k for c in curves], dtype=float)
    s = np.array([c.shape for c in curves], dtype=float)
    lo = np.array(lower, dtype=float)
    hi = np.array(upper, dtype=float)
    if np.all(s <= 1):
        return [float(v) for v in _water_fill(beta, k, s, lo, hi, total)]

    def responses(x):
        ratio = np.power(np.maximum(x, 0.0) / k, s)
        return beta * ratio / (1 + ratio)

    def slopes(x):
        x = np.maximum(x, 1e-12 * max(total, 1.0))
        ratio = np.power(x / k, s)
        return beta * s * ratio / (x * (1 + ratio) ** 2)

    start = _repair(_grid_split(beta, k, s, lo, hi, total), lo, hi, total)
    scale = max(total, 1e-9)
    inside = (start > lo + 1e-9 * scale) & (start < hi - 1e-9 * scale)
    marginal = slopes(start)
    level = float(marginal[inside].mean()) if inside.any() else float(marginal.max())
    norm = max(level * scale, 1e-300)  # gradients near 1 at the optimum: a tight stop
    base = float(responses(start).sum())

    def objective(y):
        return -(float(responses(y * scale).sum()) - base) / norm

    def gradient(y):
        return -slopes(y * scale) * scale / norm

    constraint = {"type": "eq", "fun": lambda y: float(y.sum()) - total / scale,
                  "jac": lambda y: np.ones_like(y)}
    best = start
    try:
        result = minimize(objective, start / scale, jac=gradient, method="SLSQP",
                          bounds=list(zip(lo / scale, hi / scale, strict=True)),
                          constraints=[constraint], options={"ftol": 1e-12, "maxiter": 300})
        if np.all(np.isfinite(result.x)):
            refined = _repair(result.x * scale, lo, hi, total)
            if float(responses(refined).sum()) >= base:
                best = refined
    except (ValueError, ArithmeticError):  # keep the grid's answer
        pass
    total_best = float(responses(best).sum())
    for filled in _refills(best, beta, k, s, lo, hi, total):
        gain = float(responses(filled).sum()) - total_best
        if gain >= -1e-12 * max(abs(total_best), 1e-300):
            best, total_best = filled, total_best + gain
    return [float(v) for v in best]


def _refills(x, beta, k, s, lo, hi, total: float) -> list:
    """Water-filling on the platforms ``x`` gives money to: the splits to compare with it.

    Where its marginal return falls (every curve of shape <= 1; an S-shaped one at or
    past the spend where that return is highest, ``k · ((s - 1) / (s + 1))^(1/s)``) the
    problem is concave, and water-filling is exact. So an S-shaped platform at its lower
    bound stays there, one past that spend stays past it, and one between them is tried
    both ways (at its lower bound, and past that spend); one whose whole range lies
    before that spend stays where ``x`` has it.
    """
    import numpy as np

    tolerance = 1e-9 * max(total, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        peak = np.where(s > 1, k * np.power(np.maximum(s - 1, 0) / (s + 1), 1 / s), 0.0)
    floor = np.maximum(lo, peak)
    at_lo = (s > 1) & (x <= lo + tolerance)
    rising = (s > 1) & (floor >= hi)  # the marginal return rises over the whole range
    between = (s > 1) & ~at_lo & ~rising & (x < floor)
    found = []
    for drop in ((False, True) if between.any() else (False,)):
        held = at_lo | rising | (between & drop)
        held_at = np.where(at_lo | between, lo, x)
        new_lo = np.where(held, held_at, floor)
        new_hi = np.where(held, held_at, hi)
        if float(new_lo.sum()) <= total <= float(new_hi.sum()):
            found.append(_water_fill(beta, k, s, new_lo, new_hi, total))
    return found


def _water_fill(beta, k, s, lo, hi, total: float):
    """The split of ``total`` where every platform inside its bounds has the same marginal
    return ``λ`` (each at the spend where its marginal return is ``λ``, clipped to its
    bounds), the others at a bound: the exact optimum when each curve's marginal return
    falls over ``[lo, hi]`` (shape <= 1, or an S-shape past its steepest point).

    The summed spend falls as ``λ`` rises, so Brent's method on ``ln λ`` finds the one
    ``λ`` at which it is ``total``; the last rounding of the sum goes to the platforms
    inside their bounds, as a smaller step of ``ln λ`` would move them.
    """
    import numpy as np
    from scipy.optimize import brentq

    gap = total - float(lo.sum())
    if gap <= 0:
        return lo.copy()
    if float(hi.sum()) <= total:
        return hi.copy()
    movable = hi > lo
    base = np.log(beta) + np.log(s) - np.log(k)  # ln(beta · s / k)

    def spend(level: float):
        return np.minimum(np.maximum(_spend_at_marginal(level - base, k, s), lo), hi)

    def excess(level: float) -> float:
        return float(spend(level).sum()) - total

    # At the highest marginal return any platform has a little above its lower bound,
    # each spends at most that little (half the money in all); at the lowest any has at
    # its upper bound, each spends its upper bound: the root lies between.
    near_lo = np.minimum(hi, lo + gap / (2 * len(lo)))
    top = _log_marginal(near_lo[movable], beta[movable], k[movable], s[movable])
    bottom = _log_marginal(hi[movable], beta[movable], k[movable], s[movable])
    high, low = float(np.max(top)), float(np.min(bottom))
    if not (math.isfinite(high) and math.isfinite(low)):  # money too small to matter
        return _repair(lo.copy(), lo, hi, total)
    high, low = high + 1.0, low - 1.0
    for _round in range(60):  # rounding at the edges: widen until the signs differ
        if excess(high) <= 0:
            break
        high += max(1.0, abs(high))
    for _round in range(60):
        if excess(low) >= 0:
            break
        low -= max(1.0, abs(low))
    x = spend(brentq(excess, low, high, xtol=1e-14, maxiter=500))
    # Where a curve is nearly straight, the last bit of ln λ a float holds still moves its
    # spend: what the sum misses goes to the platforms inside their bounds in proportion
    # to how far each moves for a change of ln λ (x / |d ln marginal / d ln x|).
    inside = (x > lo) & (x < hi)
    miss = total - float(x.sum())
    if miss and inside.any():
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            ratio = np.power(x / k, s)
            weight = x * (1 + ratio) / np.abs((s - 1) * (1 + ratio) - 2 * s * ratio)
        weight = np.where(inside & np.isfinite(weight), weight, 0.0)
        if float(weight.sum()) > 0:
            x = x + miss * weight / float(weight.sum())
    return _repair(x, lo, hi, total)


def _log_marginal(x, beta, k, s):
    """``ln`` of the curves' marginal returns at ``x`` (``x > 0``; at 0 its limit)."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        u = s * (np.log(x) - np.log(k))  # ln of the ratio (x / k)^s
        a = 1 - 1 / s
        bend = np.where(s == 1, 0.0, a * u)
        return np.log(beta) + np.log(s) - np.log(k) + bend - 2 * np.logaddexp(0.0, u)


def _spend_at_marginal(target, k, s):
    """The spend where each curve's marginal return is ``λ``, given
    ``target = ln(λ · k / (beta · s))``: for ``s = 1`` 0 where even the first unit returns
    less; for an S-shape, the spend where the return is highest if ``λ`` is above it.

    With ``u = ln (x/k)^s`` and ``a = 1 - 1/s`` the marginal return is
    ``beta · s / k · exp(a·u) / (1 + e^u)^2``: solve ``a·u - 2·ln(1 + e^u) = target``.
    For ``s = 1`` that is ``x = k · (exp(-target / 2) - 1)``. Otherwise the left side is
    concave in ``u``, and falling (for ``s > 1`` past its top, where ``e^u = a / (2 - a)``),
    so Newton's method from a point above the root converges to it from above.
    """
    import numpy as np

    x = np.zeros_like(target)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        one = s == 1
        x[one] = k[one] * np.expm1(np.maximum(-target[one] / 2, 0.0))
        bent = ~one
        if not bent.any():
            return x
        t, a, sb = target[bent], 1 - 1 / s[bent], s[bent]
        rising = a > 0  # S-shaped: the root on the falling side of the top
        peak = np.where(rising, np.log(np.where(rising, a, 1.0) / (2 - a)), -np.inf)
        highest = np.where(rising, a * peak - 2 * np.logaddexp(0.0, peak), np.inf)
        stuck = t >= highest  # above the top: the spend where the return is highest
        u = np.where(rising, np.maximum(t / (a - 2), peak),
                     np.minimum(t / np.where(rising, 1.0, a), t / (a - 2)))
        u = np.where(stuck, peak, u)
        for _round in range(100):
            value = a * u - 2 * np.logaddexp(0.0, u)
            slope = a - 1 - np.tanh(u / 2)  # a - 2 / (1 + e^-u)
            step = np.where(stuck | (slope == 0), 0.0, (t - value) / slope)
            u = np.maximum(u + step, peak)
            if np.all(np.abs(step) <= 1e-13 * (1 + np.abs(u))):
                break
        x[bent] = k[bent] * np.exp(u / sb)
    return x


def _grid_split(beta, k, s, lo, hi, total: float):
    """The best split on a grid of ``DP_STEPS`` steps of the money above the minimums.

    Meridian's greedy gives each next step to the platform that returns most from it;
    this dynamic programme finds the best of all splits on the same steps, which the
    greedy misses when an S-shaped curve pays only after several steps.
    """
    import numpy as np

    free = total - float(lo.sum())
    steps = DP_STEPS
    unit = free / steps
    if unit <= 0:
        return lo.copy()
    j = np.arange(steps + 1)
    caps = np.minimum(np.floor((hi - lo) / unit + 1e-9), steps).astype(int)
    columns = j[None, :]
    rows = j[:, None]
    back = rows - columns
    take = np.clip(back, 0, steps)
    choices = []
    best = None
    for i in range(len(lo)):
        values = np.full(steps + 1, -np.inf)
        ratio = np.power((lo[i] + j[: caps[i] + 1] * unit) / k[i], s[i])
        values[: caps[i] + 1] = beta[i] * ratio / (1 + ratio)
        if best is None:
            pick = np.minimum(j, caps[i])
            best = values[pick]
            choices.append(pick)
            continue
        table = np.where((back >= 0) & (columns <= caps[i]), best[take] + values[None, :],
                         -np.inf)
        pick = np.argmax(table, axis=1)
        best = table[j, pick]
        choices.append(pick)
    x = lo.copy()
    left = steps
    for i in range(len(lo) - 1, -1, -1):
        used = int(choices[i][left])
        x[i] = lo[i] + used * unit
        left -= used
    return x


def _repair(x, lo, hi, total: float):
    """``x`` put back inside its bounds and summing exactly to ``total``."""
    import numpy as np

    x = np.minimum(np.maximum(x, lo), hi)
    for _round in range(5):
        gap = total - float(x.sum())
        if abs(gap) <= 1e-12 * max(total, 1.0):
            break
        room = (hi - x) if gap > 0 else (x - lo)
        if float(room.sum()) <= 0:
            break
        x = x + np.sign(gap) * room * min(1.0, abs(gap) / float(room.sum()))
        x = np.minimum(np.maximum(x, lo), hi)
    return x


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × a power of ten at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def slider_range(paid_budget: float, lines: Sequence[PlatformLine]) -> tuple[int, int, int]:
    """The paid budget slider's range and step: up to about 3 × the curves' half-saturation
    spends (where they are mostly flat), twice the budget or today's spend, at least 1,000.
    """
    half = sum(line.curve.k for line in lines if line.curve is not None)
    today = sum(line.item.current_spend for line in lines)
    high = _nice_ceiling(max(1000.0, 3 * half, 2 * paid_budget, 2 * today))
    step = max(1, int(_nice_ceiling(high / 200)))
    return 0, int(high), step


def allocation_for(section: BudgetInputs, lines: Sequence[PlatformLine], currency: str = "",
                   locale: str = "en") -> Allocation:
    """The recommended split of the section's paid budget over its platforms."""
    return optimise(channels_from_lines(lines), section.paid_budget, section.only_increase,
                    currency, locale)


# -- fitting a curve to the team's history -----------------------------------------------------


@dataclass(frozen=True)
class CurveFit:
    """A curve fitted to the team's history, with its uncertainty.

    ``*_se``: standard errors (None: the data cannot pin that parameter down);
    ``r_squared``: the share of the month-to-month variation the curve explains.
    """

    curve: HillCurve
    beta_se: float | None
    k_se: float | None
    shape_se: float | None
    r_squared: float
    points: int
    shape_fitted: bool

    def uncertain(self) -> bool:
        """Whether a parameter's standard error is unknown or more than half its value."""
        pairs = [(self.curve.beta, self.beta_se), (self.curve.k, self.k_se)]
        if self.shape_fitted:
            pairs.append((self.curve.shape, self.shape_se))
        return any(se is None or se > 0.5 * value for value, se in pairs)


def parse_history(text: str, locale: str = "en") -> list[SpendPoint]:
    """Months of history as typed or pasted: one per line, ``spend; result`` (or a tab).

    Numbers are read the team's way (``parse_number``). Raises ValueError naming the
    line for anything else.
    """
    points = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p for p in (line.split("\t") if "\t" in line else line.split(";"))]
        if len(parts) != 2:
            raise ValueError(_("Line {n}: write the spend and the result separated by ';' "
                               "(e.g. 1200; 45000).").format(n=number))
        try:
            spend = parse_number(parts[0], locale=locale, maximum=MAX_MONEY_PER_MONTH)
            result = parse_number(parts[1], locale=locale, maximum=MAX_RESPONSE)
        except ValueError as exc:
            raise ValueError(_("Line {n}: {problem}").format(n=number, problem=exc)) from None
        if spend is None or result is None:
            raise ValueError(_("Line {n}: give both the spend and the result.").format(
                n=number))
        points.append(SpendPoint(spend=spend, result=result))
    if len(points) > MAX_HISTORY_POINTS:
        raise ValueError(_("At most {n} months of history.").format(n=MAX_HISTORY_POINTS))
    return points


def fit_hill(points: Sequence[SpendPoint], shape: float = 1.0) -> CurveFit:
    """Fit ``beta`` and ``k`` (and the shape with 6 months or more) to the history.

    Least squares (``scipy.optimize.curve_fit``, bounded). Raises ValueError with a
    message for a person: fewer than 4 months, spend that does not vary, no result, or
    a fit that does not converge.
    """
    import warnings

    import numpy as np
    from scipy.optimize import OptimizeWarning, curve_fit

    if len(points) < MIN_HISTORY_POINTS:
        raise ValueError(_("At least {min} months of history are needed to fit a curve; "
                           "you gave {n}.").format(min=MIN_HISTORY_POINTS, n=len(points)))
    x = np.array([p.spend for p in points], dtype=float)
    y = np.array([p.result for p in points], dtype=float)
    if len({round(v, 9) for v in x if v > 0}) < 3:
        raise ValueError(_("The spend must take at least 3 different values above 0 to "
                           "show how results change with it."))
    if float(y.max()) <= 0:
        raise ValueError(_("Every result is 0: there is nothing to fit."))
    x_scale, y_scale = float(x.max()), float(y.max())
    xs, ys = x / x_scale, y / y_scale
    fit_shape = len(points) >= SHAPE_FIT_POINTS

    def model(v, b, kk, ss=shape):
        ratio = np.power(np.maximum(v, 0.0) / kk, ss)
        return b * ratio / (1 + ratio)

    p0 = [1.5, float(np.median(xs)) or 0.5] + ([shape] if fit_shape else [])
    lower = [1e-9, MIN_HALF_SATURATION / x_scale / 1e3] + ([SHAPE_MIN] if fit_shape else [])
    upper = [1e6, 1e3] + ([SHAPE_MAX] if fit_shape else [])
    p0 = [min(max(p, lo * 1.01), hi * 0.99) for p, lo, hi in zip(p0, lower, upper,
                                                                 strict=True)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OptimizeWarning)
            params, cov = curve_fit(model, xs, ys, p0=p0, bounds=(lower, upper),
                                    maxfev=5000)
    except (RuntimeError, ValueError) as exc:
        raise ValueError(_("The curve could not be fitted to this history ({why}); keep "
                           "the default or enter the curve yourself.").format(
                               why=str(exc)[:80])) from None
    b, kk = float(params[0]) * y_scale, float(params[1]) * x_scale
    ss = float(params[2]) if fit_shape else shape
    errors = np.sqrt(np.diag(cov)) if cov is not None else np.full(len(params), np.inf)
    scales = [y_scale, x_scale, 1.0]
    se = [float(e) * sc if np.isfinite(e) else None for e, sc in zip(errors, scales,
                                                                       strict=False)]
    k = max(kk, MIN_HALF_SATURATION)
    predicted = model(xs, *params)
    total = float(((ys - ys.mean()) ** 2).sum())
    r2 = 1 - float(((ys - predicted) ** 2).sum()) / total if total > 0 else 0.0
    if not (math.isfinite(b) and b > 0 and b <= MAX_RESPONSE and k <= MAX_MONEY_PER_MONTH):
        raise ValueError(_("The fit ran off to numbers no curve can have; the history does "
                           "not show saturation yet. Keep the default curve."))
    return CurveFit(HillCurve(b, k, ss), se[0], se[1], se[2] if fit_shape else None, r2,
                    len(points), fit_shape)


# -- returns build over months (carry-over) ----------------------------------------------------


def adstock(spend: Iterable[float], theta: float) -> list[float]:
    """Geometric adstock: ``x*_t = x_t + theta · x*_(t-1)`` (``x*_0 = x_0``)."""
    if not 0 <= theta < 1:
        raise ValueError(_("The carry-over must be from 0 to less than 1."))
    carried, out = 0.0, []
    for x in spend:
        carried = x + theta * carried
        out.append(carried)
    return out


def build_up(allocation: Allocation, curves: dict[str, HillCurve], theta: float,
             months: int = MONTHS_SHOWN) -> list[float]:
    """The summed response month by month when the recommended spend starts in month 1.

    Each platform's spend is carried over (normalised adstock, ``(1 - theta) · x*_t``, so
    that a spend kept up reaches the curve's value for it) before its curve: month 1 gives
    ``curve((1 - theta) · x)``, approaching ``curve(x)`` over the months.
    """
    totals = [0.0] * months
    for line in allocation.lines:
        curve = curves.get(line.id)
        if curve is None:
            continue
        carried = adstock([line.spend] * months, theta)
        for month, value in enumerate(carried):
            totals[month] += curve.response((1 - theta) * value)
    return totals


# -- scenarios ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioSummary:
    """One variant's headline numbers, for the side-by-side comparison."""

    name: str
    total_cost: float
    staff_cost: float | None
    paid_budget: float
    hours_per_week: float
    utilisation: float | None
    organic_impressions: float | None
    paid_impressions: float | None
    response: float | None
    feasible: bool


def summarise(name: str, inputs: BudgetInputs, platforms_section=None, planning=None,
              defaults: dict[str, BudgetDefaults] | None = None) -> ScenarioSummary:
    """The headline numbers of one variant: cost with staff time, hours, reach, response."""
    lines = budget_lines(inputs, platforms_section, defaults)
    capacity = team_capacity(inputs, platforms_section, planning)
    costs = cost_summary(inputs, lines)
    use = utilisation(lines, capacity)
    allocation = allocation_for(inputs, lines)
    spend = allocation.spend if allocation.feasible else {
        line.id: line.item.current_spend for line in lines}
    organic = paid = None
    for line in lines:
        reach = platform_reach(line, spend.get(line.id, 0.0))
        if reach.organic is not None:
            organic = (organic or 0.0) + reach.organic
        if reach.paid_at_cpm is not None:
            paid = (paid or 0.0) + reach.paid_at_cpm
    return ScenarioSummary(name, costs.total, costs.staff, inputs.paid_budget,
                           costs.staff_hours_per_week, use.total, organic, paid,
                           allocation.total_response if allocation.feasible else None,
                           allocation.feasible)


def scenario_from(section: BudgetSection, name: str, platforms_section=None) -> Scenario:
    """The current variant saved under ``name``, its platforms as they are shown now.

    Raises ValueError (a message for a person) for an empty or taken name.
    """
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > SCENARIO_NAME_MAX_CHARS:
        raise ValueError(_("Give the scenario a name (1 to {n} characters).").format(
            n=SCENARIO_NAME_MAX_CHARS))
    if len(section.scenarios) >= MAX_SCENARIOS:
        raise ValueError(_("At most {n} scenarios: delete one first.").format(
            n=MAX_SCENARIOS))
    if any(s.name.casefold() == cleaned.casefold() for s in section.scenarios):
        raise ValueError(_("A scenario called '{name}' exists: choose another name.").format(
            name=cleaned[:SCENARIO_NAME_MAX_CHARS]))
    inputs = section.inputs()
    lines = budget_lines(inputs, platforms_section)
    items = [line.item for line in lines] + [i for i in inputs.platforms if not i.included]
    inputs = inputs.model_copy(update={"platforms": items})
    base = platform_id(cleaned)[:40] or "s"
    taken = {s.id for s in section.scenarios}
    sid, number = f"s-{base}", 2
    while sid in taken:
        sid, number = f"s-{base}-{number}", number + 1
    return Scenario(id=sid[:64], name=cleaned, inputs=inputs)


# -- all the checks and the export ----------------------------------------------------------------


def budget_markdown(section: BudgetSection) -> list[str]:
    """The export's lines for the budget step."""
    from socialplaybook.text import markdown_text

    labels = activity_labels()
    lines = ["## " + _("Budget"), ""]
    costs = section.monthly_costs.as_dict()
    lines.append(_("Paid budget a month: {v}").format(v=format_number(section.paid_budget)))
    if section.hourly_staff_cost is not None:
        lines.append("")
        lines.append(_("Staff cost an hour: {v}").format(
            v=format_number(section.hourly_staff_cost)))
    lines.append("")
    for name, value in costs.items():
        lines.append(f"- {labels[name]}: {format_number(value)}")
    included = [item for item in section.platforms if item.included]
    if included:
        lines.append("")
        for item in included:
            lines.append(_("- **{name}**: today {today} a month").format(
                name=markdown_text(item.platform), today=format_number(item.current_spend)))
    if section.scenarios:
        lines += ["", _("Scenarios: {names}").format(
            names=", ".join(markdown_text(s.name) for s in section.scenarios))]
    lines.append("")
    return lines


@dataclass
class BudgetView:
    """Everything the app shows for one section, computed in one place."""

    lines: list[PlatformLine]
    capacity: Capacity
    use: Utilisation
    costs: CostSummary
    allocation: Allocation
    checks: list[Check] = field(default_factory=list)
    reach: dict[str, Reach] = field(default_factory=dict)
    build_up: list[float] = field(default_factory=list)


def budget_view(section: BudgetInputs, platforms_section=None, planning=None,
                currency: str = "", locale: str = "en") -> BudgetView:
    """Time, money, reach, the allocation and the carry-over for ``section``."""
    lines = budget_lines(section, platforms_section)
    capacity = team_capacity(section, platforms_section, planning)
    use = utilisation(lines, capacity)
    costs = cost_summary(section, lines)
    allocation = allocation_for(section, lines, currency, locale)
    spend = allocation.spend if allocation.feasible else {}
    reach = {line.id: platform_reach(line, spend.get(line.id, line.item.current_spend))
             for line in lines}
    curves = {line.id: line.curve for line in lines if line.curve is not None}
    months = build_up(allocation, curves, section.adstock_theta) if allocation.feasible else []
    checks = time_checks(lines, use, capacity) + money_checks(section, costs)
    return BudgetView(lines, capacity, use, costs, allocation, checks, reach, months)
