"""Planning: goals tied to business results, the audience, who answers, and a timeline.

The articles' first complaint is posting now and then with no plan: no specific goals,
no way to measure them, nobody but marketing answering, no resources assigned. This
module holds the planning section of the Plan and the checks the app shows beside it.

The models refuse only data that cannot be right (a negative number, an unknown RACI
letter, more than five goals). Anything a team may still be typing (a goal without a
metric, a milestone that ends before it starts) is stored, and the checks say what is
missing. Every check returns a :class:`Check` with a one-line ``why``.

The rules and their constants:

* specific and measurable: a metric and a numeric target are present;
* tied to a business result: a business result is chosen and the metric is not a vanity
  count (followers, fans, likes, comments, views, impressions, subscribers, reach; see
  ``is_vanity_metric``) unless it also names a business outcome (leads, sales, ...);
* achievable: judged against the team's own stated assumptions (:class:`GoalAssumptions`,
  saved in the section, editable in the app; the defaults are starting points, not
  published benchmarks): a count or an amount may grow at most ``growth_per_year``-fold
  (or shrink to 1/``growth_per_year``) per 12 months; below a baseline of
  ``small_baseline`` a multiple says little, so the change is judged by additions (as many
  as the growth assumption allows from ``small_baseline``); a percentage moves by at most
  ``points_per_year`` percentage points per 12 months and stays within 0-100; a count
  growing from 0 cannot be judged (a "todo", not a pass); see :func:`achievable_range`;
* time-bound: the deadline is ahead, within the team's planning window
  (``deadline_min_months`` to ``deadline_max_months``, by default 1 to 36: a default,
  since the articles say returns take years);
* RACI: exactly one Accountable per activity; questions and complaints each have a
  Responsible department other than marketing; some department beyond marketing is
  Responsible for something;
* timeline: no milestone ends before it starts; dependencies exist and form no cycle;
  milestones lie inside the plan's horizon when it has a start date;
* resources: every department Responsible for an activity has hours per week.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from graphlib import CycleError, TopologicalSorter
from typing import Annotated, Literal, NamedTuple, get_args

from pydantic import Field, field_validator, model_validator

from socialplaybook.checks import (  # noqa: F401  (re-exported)
    HOURS_IN_A_WEEK,
    Check,
    Level,
    PartReadiness,
    more_hours_than_people_have,
)
from socialplaybook.checks import error as _error
from socialplaybook.checks import ok as _ok
from socialplaybook.checks import part_readiness as _part
from socialplaybook.checks import todo as _todo
from socialplaybook.checks import warning as _warning
from socialplaybook.data import region_age_bands, region_sources, usage_regions
from socialplaybook.dates import add_months, horizon_end, months_between, months_text  # noqa: F401
from socialplaybook.i18n import _
from socialplaybook.metrics import is_vanity_metric, vanity_terms  # noqa: F401
from socialplaybook.sections import Section
from socialplaybook.text import markdown_text

# -- vocabularies ------------------------------------------------------------------------

BusinessResult = Literal[
    "revenue", "leads", "retention", "service_cost", "reputation", "hiring", "other"]
BUSINESS_RESULTS: tuple[str, ...] = get_args(BusinessResult)

# A segment's age bands are those of the platform data (datasets/platform_usage.csv) for
# the segment's region code: Pew Research Center's for "US", Eurostat's for "EU", none for
# "NO" (Ipsos gives Norway's overall shares only). Segments stored before the code existed
# used Pew's bands: they read as "US".
LEGACY_BAND_REGION = "US"

GoalUnit = Literal["number", "percent"]
GOAL_UNITS: tuple[str, ...] = get_args(GoalUnit)

AudienceKind = Literal["B2B", "B2C"]
AUDIENCE_KINDS: tuple[str, ...] = get_args(AudienceKind)

Activity = Literal[
    "listening", "publishing", "questions", "complaints", "sales", "crisis", "reporting"]
ACTIVITIES: tuple[str, ...] = get_args(Activity)

Department = Literal[
    "marketing", "customer_service", "sales", "pr", "billing", "product", "leadership",
    "hr_legal"]
DEPARTMENTS: tuple[str, ...] = get_args(Department)

RACI_LETTERS: tuple[str, ...] = ("R", "A", "C", "I")
MARKETING = "marketing"

# -- limits and rule constants -----------------------------------------------------------

MAX_GOALS = 5
MAX_SEGMENTS = 5
MAX_MILESTONES = 40
MAX_PLATFORMS_PER_SEGMENT = 20
SHORT_TEXT_MAX_CHARS = 120  # names, metrics, owners, regions, titles, platform names
LONG_TEXT_MAX_CHARS = 1000  # what a segment needs from us
MAX_PEOPLE = 10_000
HORIZON_MONTHS_MIN, HORIZON_MONTHS_MAX, HORIZON_MONTHS_DEFAULT = 1, 36, 12
# The defaults of the team's assumptions (GoalAssumptions). None of them is a published
# benchmark: they are where a team starts, shown and editable in the goals tab.
# Growth: at most double (or halve) a count or an amount per 12 months.
DEFAULT_GROWTH_PER_YEAR = 2.0
ACHIEVABLE_GROWTH_PER_YEAR = DEFAULT_GROWTH_PER_YEAR  # the old name of the default
# Below this baseline a multiple says little (2 -> 10 leads is x5 but 8 more): additions.
DEFAULT_SMALL_BASELINE = 10.0
# A percentage (a share, a rate) moves by at most this many points per 12 months.
DEFAULT_POINTS_PER_YEAR = 5.0
# The planning window for deadlines, in whole months ahead.
DEADLINE_MIN_MONTHS, DEADLINE_MAX_MONTHS = 1, 36
MAX_GROWTH_PER_YEAR = 1000.0
MAX_WINDOW_MONTHS = 120
_PERCENT_METRIC = re.compile(r"%|\bper ?cent|prozent|prosent|百分|პროცენტ", re.IGNORECASE)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

ShortText = Annotated[str, Field(max_length=SHORT_TEXT_MAX_CHARS)]


def business_result_labels() -> dict[str, str]:
    """The display name of each business result a goal can serve."""
    return {
        "revenue": _("Revenue"), "leads": _("Leads"), "retention": _("Retention"),
        "service_cost": _("Customer-service cost"), "reputation": _("Reputation and trust"),
        "hiring": _("Hiring"), "other": _("Other"),
    }


def activity_labels() -> dict[str, str]:
    """The display name of each RACI activity."""
    return {
        "listening": _("Listening and monitoring"), "publishing": _("Publishing"),
        "questions": _("Answering questions"), "complaints": _("Handling complaints"),
        "sales": _("Sales enquiries"), "crisis": _("A crisis"), "reporting": _("Reporting"),
    }


def department_labels() -> dict[str, str]:
    """The display name of each department."""
    return {
        "marketing": _("Marketing"), "customer_service": _("Customer service"),
        "sales": _("Sales"), "pr": _("PR and communications"), "billing": _("Billing"),
        "product": _("Product and production"), "leadership": _("Leadership"),
        "hr_legal": _("HR and legal"),
    }


def raci_letter_labels() -> dict[str, str]:
    """What each RACI letter means."""
    return {"R": _("Responsible (does it)"), "A": _("Accountable (owns it, exactly one)"),
            "C": _("Consulted"), "I": _("Informed")}


def part_labels() -> dict[str, str]:
    """The display name of each part of the planning step (the readiness summary)."""
    return {"goals": _("Goals"), "audience": _("Audience"), "raci": _("Who answers"),
            "timeline": _("Action plan and timeline"), "resources": _("Resources")}


PARTS: tuple[str, ...] = ("goals", "audience", "raci", "timeline", "resources")


# -- models --------------------------------------------------------------------------------


def new_item_id(prefix: str) -> str:
    """A fresh id for a list item (a goal, a segment): unique across laptops without asking."""
    return f"{prefix}-{secrets.token_hex(4)}"


ItemId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class Goal(Section):
    """One goal: the business result it serves, how it is counted, from where, to where, by when.

    Every field may be empty while the team types; :func:`goal_checks` says what is missing.
    ``id`` keeps the goal apart from the others when two laptops edit the list at once.
    """

    id: ItemId = Field(default_factory=lambda: new_item_id("g"))
    business_result: BusinessResult | None = None
    metric: ShortText = ""
    baseline: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    target: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    deadline: date | None = None
    owner: ShortText = ""
    # "number" (a count, an amount of money) or "percent" (a share, a rate: 0-100); None
    # while not chosen: then a metric with "%" or "percent" counts as a percentage.
    unit: GoalUnit | None = None


def goal_unit(goal: Goal) -> str:
    """The goal's unit: as chosen, else "percent" when the metric says %, else "number"."""
    if goal.unit is not None:
        return goal.unit
    return "percent" if _PERCENT_METRIC.search(goal.metric) else "number"


class GoalAssumptions(Section):
    """The team's own assumptions behind the achievable and time-bound checks.

    The defaults are starting points for the discussion, not findings: no published
    benchmark gives one growth ceiling for leads, revenue and shares alike. A team that
    knows its history (or its market's) changes them; the checks say which ones they used.
    """

    growth_per_year: float = Field(default=DEFAULT_GROWTH_PER_YEAR, ge=1,
                                   le=MAX_GROWTH_PER_YEAR, allow_inf_nan=False)
    small_baseline: float = Field(default=DEFAULT_SMALL_BASELINE, ge=0, le=1e12,
                                  allow_inf_nan=False)
    points_per_year: float = Field(default=DEFAULT_POINTS_PER_YEAR, gt=0, le=100,
                                   allow_inf_nan=False)
    deadline_min_months: int = Field(default=DEADLINE_MIN_MONTHS, ge=0, le=MAX_WINDOW_MONTHS)
    deadline_max_months: int = Field(default=DEADLINE_MAX_MONTHS, ge=1, le=MAX_WINDOW_MONTHS)

    @model_validator(mode="after")
    def _window_in_order(self) -> GoalAssumptions:
        if self.deadline_min_months > self.deadline_max_months:
            raise ValueError(_("The nearest deadline ({lo} months) cannot be further than the "
                               "furthest ({hi} months).").format(
                lo=self.deadline_min_months, hi=self.deadline_max_months))
        return self


def data_regions() -> tuple[str, ...]:
    """The region codes with platform data (``US``, ``EU``, ``NO``), in the dataset's order."""
    return usage_regions()


def region_bands(region_code: str | None) -> tuple[str, ...]:
    """The age bands a segment of ``region_code`` can pick, youngest first (``()``: no data)."""
    return region_age_bands(region_code) if region_code else ()


def data_region_labels() -> dict[str, str]:
    """Each region code as the segment editor offers it: the place, the source and years."""
    names = {"US": _("United States"), "EU": _("European Union"), "NO": _("Norway")}
    labels = {}
    for code in data_regions():
        sources = region_sources(code)
        cited = ", ".join(dict.fromkeys(source.split(" (")[0] for source, _y, _w in sources))
        years = ", ".join(str(year) for year in sorted({year for _s, year, _w in sources}))
        labels[code] = _("{name} ({source} {years})").format(
            name=names.get(code, code), source=cited, years=years)
    return labels


class AudienceSegment(Section):
    """One audience segment: who they are, what they need from us, where they already are."""

    id: ItemId = Field(default_factory=lambda: new_item_id("s"))
    name: ShortText = ""
    kind: AudienceKind | None = None
    # Which table of the platform data the age bands come from ("US", "EU", "NO": the
    # codes of platform_usage.csv); None: the team has not chosen, or its region has no
    # data (then no bands). A region in the data may have no bands either (NO).
    region_code: str | None = None
    age_bands: list[ShortText] = Field(default_factory=list)
    region: ShortText = ""  # the place in the team's words ("Bergen and Vestland")
    needs: str = Field(default="", max_length=LONG_TEXT_MAX_CHARS)
    where_they_are: list[ShortText] = Field(
        default_factory=list, max_length=MAX_PLATFORMS_PER_SEGMENT)

    @model_validator(mode="before")
    @classmethod
    def _bands_of_the_region(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        code = data.get("region_code")
        if isinstance(code, str):
            code = code.strip().upper() or None
        bands = data.get("age_bands")
        if code is None and isinstance(bands, list) and bands:
            code = LEGACY_BAND_REGION  # bands stored before regions: Pew's (US)
        if code is not None:
            if code not in data_regions():
                raise ValueError(_("'{code}' is not a region with platform data (one of: "
                                   "{known}).").format(code=code,
                                                       known=", ".join(data_regions())))
        data["region_code"] = code
        if isinstance(bands, list) and all(isinstance(b, str) for b in bands):
            known = region_bands(code)
            unknown = [b for b in bands if b not in known]
            if unknown:
                raise ValueError(_("'{band}' is not an age band of the {code} data (one of: "
                                   "{known}).").format(band=unknown[0], code=code,
                                                       known=", ".join(known)))
            data["age_bands"] = [band for band in known if band in bands]
        return data

    def in_region(self, region_code: str | None) -> AudienceSegment:
        """A copy using ``region_code``'s table: bands that table does not have are dropped."""
        known = region_bands(region_code)
        return AudienceSegment.model_validate(
            {**self.model_dump(), "region_code": region_code,
             "age_bands": [b for b in self.age_bands if b in known]})


class RACI(Section):
    """Who does what on social media: ``cells[activity][department]`` is R, A, C, I or "".

    Stored as the full grid (every activity, every department, in the order of
    ``ACTIVITIES`` and ``DEPARTMENTS``) so the JSON is stable and every cell can be read
    directly. Lower-case letters and surrounding spaces are accepted and normalised.
    """

    cells: dict[str, dict[str, str]] = Field(default_factory=dict, validate_default=True)

    @field_validator("cells")
    @classmethod
    def _full_grid(cls, cells: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for activity, row in cells.items():
            if activity not in ACTIVITIES:
                raise ValueError(_("'{activity}' is not a RACI activity (one of: {known}).")
                                 .format(activity=activity, known=", ".join(ACTIVITIES)))
            for department, letter in row.items():
                if department not in DEPARTMENTS:
                    raise ValueError(
                        _("'{department}' is not a department (one of: {known}).").format(
                            department=department, known=", ".join(DEPARTMENTS)))
                if letter.strip().upper() not in RACI_LETTERS + ("",):
                    raise ValueError(
                        _("'{letter}' is not a RACI letter: use R, A, C, I or leave the cell "
                          "empty.").format(letter=letter))
        return {
            activity: {
                department: cells.get(activity, {}).get(department, "").strip().upper()
                for department in DEPARTMENTS
            }
            for activity in ACTIVITIES
        }

    def letter(self, activity: str, department: str) -> str:
        """The letter in one cell ("" when empty)."""
        return self.cells[activity][department]

    def with_cell(self, activity: str, department: str, letter: str) -> RACI:
        """A copy with one cell changed (validated: an unknown letter raises ValidationError)."""
        cells = {a: dict(row) for a, row in self.cells.items()}
        cells.setdefault(activity, {})[department] = letter
        return RACI(cells=cells)

    def departments_with(self, activity: str, letter: str) -> list[str]:
        """The departments holding ``letter`` for ``activity``, in department order."""
        return [d for d, value in self.cells[activity].items() if value == letter]


def _check_milestone_id(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            _("'{id}' is not a milestone id: use lowercase letters, digits and hyphens "
              "(at most 64).").format(id=value))
    return value


class Milestone(Section):
    """One step of the action plan. ``depends_on`` lists the ids of milestones it waits for.

    A milestone that ends before it starts, or waits for a milestone that is not there, is
    stored; :func:`milestone_checks` reports it.
    """

    id: str
    title: ShortText = ""
    owner: ShortText = ""
    start: date
    end: date
    depends_on: list[str] = Field(default_factory=list, max_length=MAX_MILESTONES)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        return _check_milestone_id(value)

    @field_validator("depends_on")
    @classmethod
    def _dependencies_are_slugs(cls, ids: list[str]) -> list[str]:
        return list(dict.fromkeys(_check_milestone_id(value) for value in ids))


class DepartmentResource(Section):
    """People and hours per week (all of them together) one department gives social media."""

    department: Department
    people: int = Field(default=0, ge=0, le=MAX_PEOPLE)
    hours_per_week: float = Field(default=0.0, ge=0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _hours_fit_the_people(self) -> DepartmentResource:
        if self.hours_per_week > 0 and self.people == 0:
            raise ValueError(_("Enter how many people first: with nobody there are no hours "
                               "to give."))
        if self.hours_per_week > HOURS_IN_A_WEEK * self.people:
            raise ValueError(more_hours_than_people_have(
                self.people, format_number(self.hours_per_week)))
        return self


class PlanningSection(Section):
    """The planning step of the Plan: goals, audience, RACI, milestones and resources."""

    goals: list[Goal] = Field(default_factory=list, max_length=MAX_GOALS)
    audience: list[AudienceSegment] = Field(default_factory=list, max_length=MAX_SEGMENTS)
    raci: RACI = Field(default_factory=RACI)
    milestones: list[Milestone] = Field(default_factory=list, max_length=MAX_MILESTONES)
    resources: list[DepartmentResource] = Field(
        default_factory=list, max_length=len(DEPARTMENTS))
    horizon_start: date | None = None
    horizon_months: int = Field(
        default=HORIZON_MONTHS_DEFAULT, ge=HORIZON_MONTHS_MIN, le=HORIZON_MONTHS_MAX)
    assumptions: GoalAssumptions = Field(default_factory=GoalAssumptions)

    @model_validator(mode="after")
    def _ids_unique(self) -> PlanningSection:
        seen: set[str] = set()
        for milestone in self.milestones:
            if milestone.id in seen:
                raise ValueError(_("Two milestones have the id '{id}'; ids must differ.")
                                 .format(id=milestone.id))
            seen.add(milestone.id)
        for field in ("goals", "audience"):
            ids = [item.id for item in getattr(self, field)]
            if len(ids) != len(set(ids)):
                raise ValueError(_("Two items of {field} have the same id; ids must differ.")
                                 .format(field=field))
        departments: set[str] = set()
        for resource in self.resources:
            if resource.department in departments:
                raise ValueError(_("'{department}' is listed twice under resources.")
                                 .format(department=resource.department))
            departments.add(resource.department)
        return self


# -- dates and numbers -------------------------------------------------------------------------


def format_number(value: float) -> str:
    """A number as a person reads it: thousands separated, at most two decimals."""
    if value != value:  # NaN
        return "–"
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e15:
        return f"{value:.3g}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _growth_factor(growth_per_year: float, months: int) -> float:
    """``growth_per_year ** (months / 12)``, months below 0 counted as 0; inf on overflow."""
    try:
        return growth_per_year ** (max(months, 0) / 12)
    except OverflowError:
        return float("inf")


def achievable_limit(baseline: float, months: int,
                     growth_per_year: float = DEFAULT_GROWTH_PER_YEAR) -> float:
    """The highest target the growth multiple accepts: baseline x growth ** (months / 12).

    ``months`` below 0 count as 0; an overflowing factor gives infinity.
    """
    return baseline * _growth_factor(growth_per_year, months)


class AchievableRange(NamedTuple):
    """The targets the team's assumptions accept for a goal, and how they were judged.

    ``how`` is "multiple" (a count or amount, growth as a multiple of the baseline),
    "additions" (a small baseline: as many added or taken away as from ``small_baseline``)
    or "points" (a percentage: percentage points).
    """

    low: float
    high: float
    how: str


def achievable_range(baseline: float, months: int, unit: str,
                     assumptions: GoalAssumptions | None = None) -> AchievableRange:
    """The lowest and highest target the assumptions accept ``months`` from now.

    A count or an amount: from ``baseline / f`` to ``baseline * f`` with
    ``f = growth_per_year ** (months / 12)``; below ``small_baseline`` the change is
    counted in additions instead: up to ``small_baseline * (f - 1)`` more or
    ``small_baseline * (1 - 1/f)`` fewer (never below 0). A percentage: ``baseline`` plus
    or minus ``points_per_year * months / 12`` points, within 0-100. A baseline of 0 with
    a count has no multiple: :func:`goal_checks` says so instead of calling this.
    """
    a = assumptions or GoalAssumptions()
    months = max(months, 0)
    if unit == "percent":
        step = a.points_per_year * months / 12
        return AchievableRange(max(0.0, baseline - step), min(100.0, baseline + step), "points")
    factor = _growth_factor(a.growth_per_year, months)
    if baseline < a.small_baseline:
        up = a.small_baseline * (factor - 1) if factor != float("inf") else float("inf")
        down = a.small_baseline * (1 - 1 / factor)
        return AchievableRange(max(0.0, baseline - down), baseline + up, "additions")
    high = baseline * factor if factor != float("inf") else float("inf")
    return AchievableRange(baseline / factor, high, "multiple")


# -- checks ------------------------------------------------------------------------------------


def change_it_hint() -> str:
    """Where a team changes its assumptions (said in every message that uses one)."""
    return _("It is your team's assumption: change it under 'Our assumptions' in the goals tab.")


def achievable_rule(assumptions: GoalAssumptions | None = None) -> str:
    """The assumptions behind the achievable check in words (shown as the check's ``why``)."""
    a = assumptions or GoalAssumptions()
    default = a.model_dump(include={"growth_per_year", "small_baseline", "points_per_year"}) \
        == GoalAssumptions().model_dump(include={"growth_per_year", "small_baseline",
                                                 "points_per_year"})
    origin = (_("These are the toolkit's defaults, a starting point and not a published "
                "benchmark; set them from your own history.") if default
              else _("These are your team's own figures."))
    return _("Assumed: a count or an amount grows at most {factor}x (or falls to 1/{factor}) "
             "per 12 months; below a baseline of {small} it is judged by how many are added "
             "instead; a percentage moves at most {points} points per 12 months. {origin} "
             "Beyond that a target is a wish unless you know why it will happen.").format(
        factor=format_number(a.growth_per_year), small=format_number(a.small_baseline),
        points=format_number(a.points_per_year), origin=origin)


def deadline_window_rule(assumptions: GoalAssumptions | None = None) -> str:
    """The planning window behind the time-bound check in words (its ``why``)."""
    a = assumptions or GoalAssumptions()
    default = (a.deadline_min_months, a.deadline_max_months) == (DEADLINE_MIN_MONTHS,
                                                                 DEADLINE_MAX_MONTHS)
    origin = (_("{lo} to {hi} months is the toolkit's default window, not a rule from "
                "research.") if default else _("{lo} to {hi} months is your team's own "
                                                "window.")).format(
        lo=a.deadline_min_months, hi=a.deadline_max_months)
    return _("A deadline makes a goal something to check; without one it is never late. "
             "{origin} Returns on social media often take years (listening, then a "
             "community, then trust), so a far deadline is fine with nearer steps on the "
             "way.").format(origin=origin)


def goal_checks(goal: Goal, today: date,
                assumptions: GoalAssumptions | None = None) -> list[Check]:
    """The SMART checks of a goal, in order: measurable, business result, achievable, time-bound.

    ``assumptions`` are the team's (the section's); the defaults when not given.
    """
    a = assumptions or GoalAssumptions()
    return [_measurable(goal), _business_result(goal), _achievable(goal, today, a),
            _time_bound(goal, today, a)]
def _measurable(goal: Goal) -> Check:
    key = "goal.measurable"
    why = _("A goal you can check needs a way to count it and a number to reach; "
            "'more presence' is not a goal.")
    missing = []
    if not goal.metric.strip():
        missing.append(_("a metric (what you count)"))
    if goal.target is None:
        missing.append(_("a target number"))
    if missing:
        return _warning(key, _("Add {missing}.").format(missing=_(" and ").join(missing)), why)
    return _ok(key, _("Specific and measurable: {metric}, target {target}.").format(
        metric=goal.metric.strip(), target=format_number(goal.target)), why)


def _business_result(goal: Goal) -> Check:
    key = "goal.business_result"
    why = _("Followers and comments are not clients: judge social media by its effect on "
            "the business, as you would any other channel.")
    terms = vanity_terms(goal.metric)
    if terms and is_vanity_metric(goal.metric):  # the first thing to say, result or not
        return _warning(
            key,
            _("'{terms}' counts attention, not business. Followers, likes and comments are "
              "not clients: measure what they bring, such as leads, sales, kept customers "
              "or fewer support calls.").format(terms=", ".join(terms)),
            why)
    if goal.business_result is None:
        return _warning(key, _("Choose the business result this goal serves."), why)
    label = business_result_labels()[goal.business_result]
    return _ok(key, _("Tied to a business result: {result}.").format(result=label), why)


def _achievable(goal: Goal, today: date, a: GoalAssumptions) -> Check:
    key = "goal.achievable"
    why = achievable_rule(a)
    hint = change_it_hint()
    if goal.baseline is None or goal.target is None:
        return _warning(key, _("Add today's value (baseline) and a target to check that the "
                               "target is realistic."), why)
    if goal.deadline is None:
        return _warning(key, _("Add a deadline: what is realistic depends on the time given."),
                        why)
    baseline, target = goal.baseline, goal.target
    months = max(months_between(today, goal.deadline), 0)
    period = months_text(months)
    unit = goal_unit(goal)
    if unit == "percent" and (baseline > 100 or target > 100):
        return _error(key, _("A percentage cannot exceed 100 (baseline {baseline}, target "
                             "{target}). If this counts something else, set the unit to a "
                             "number.").format(baseline=format_number(baseline),
                                               target=format_number(target)), why)
    if target == baseline:
        return _ok(key, _("No change from {baseline}: keeping a level needs no growth "
                          "assumption.").format(baseline=format_number(baseline)), why)
    if unit == "number" and baseline == 0:
        return _todo(key, " ".join([_(
            "Starting from 0, your growth assumption ({factor}x per 12 months) cannot judge "
            "the target: any multiple of 0 is 0, so this check neither passes nor fails it. "
            "Measure a first month and use it as the baseline, or compare the target with "
            "what similar teams reach.").format(factor=format_number(a.growth_per_year)),
            hint]), why)
    low, high, how = achievable_range(baseline, months, unit, a)
    values = {"target": format_number(target), "baseline": format_number(baseline),
              "period": period, "low": format_number(low), "high": format_number(high),
              "factor": format_number(a.growth_per_year),
              "small": format_number(a.small_baseline),
              "points": format_number(a.points_per_year)}
    if how == "points":
        used = _("Assumed: at most {points} percentage points per 12 months (a share grows "
                 "by points, not multiples).").format(**values)
    elif how == "additions":
        used = _("Below a baseline of {small} a multiple says little (2 to 10 is 5x but 8 "
                 "more), so the change is judged by additions: as many as {factor}x per 12 "
                 "months allows from {small}.").format(**values)
    else:
        used = _("Assumed: at most {factor}x up (or down to 1/{factor}) per 12 months."
                 ).format(**values)
    rising = target > baseline
    if low <= target <= high:
        message = (_("Realistic by your assumption: from {baseline}, up to {high} in {period}.")
                   if rising else
                   _("Realistic by your assumption: from {baseline}, down to {low} in "
                     "{period}."))
        return _ok(key, " ".join([message.format(**values), used, hint]), why)
    if rising:
        message = _("A target of {target} is beyond what your assumption allows from "
                    "{baseline} in {period}: at most {high}. Lower the target, give it more "
                    "time, or change the assumption if you know why it will grow faster.")
    else:
        message = _("A cut to {target} is deeper than your assumption allows from {baseline} "
                    "in {period}: at most down to {low}. Aim higher, give it more time, or "
                    "change the assumption if you know why it will fall faster.")
    return _warning(key, " ".join([message.format(**values), used, hint]), why)


def _time_bound(goal: Goal, today: date, a: GoalAssumptions) -> Check:
    key = "goal.time_bound"
    why = deadline_window_rule(a)
    hint = change_it_hint()
    if goal.deadline is None:
        return _warning(key, _("Set a deadline."), why)
    months = months_between(today, goal.deadline)
    if goal.deadline <= today:
        return _warning(key, _("The deadline {deadline} is not ahead: set a date to come.")
                        .format(deadline=goal.deadline.isoformat()), why)
    window = _("your planning window of {lo} to {hi} months").format(
        lo=a.deadline_min_months, hi=a.deadline_max_months)
    if months < a.deadline_min_months:
        return _warning(key, " ".join([_(
            "The deadline is {period} ahead, nearer than {window}. So soon you can check "
            "early signs (replies, enquiries), rarely the business result: keep it as a "
            "step towards a later goal.").format(period=months_text(months), window=window),
            hint]), why)
    if months > a.deadline_max_months:
        return _warning(key, " ".join([_(
            "The deadline is {period} ahead, further than {window}: keep it if the result "
            "takes that long, and set a nearer goal on the way to check progress.").format(
            period=months_text(months), window=window), hint]), why)
    return _ok(key, _("Time-bound: {period} ahead ({deadline}), within {window}.").format(
        period=months_text(months), deadline=goal.deadline.isoformat(), window=window), why)


def raci_checks(raci: RACI) -> list[Check]:
    """The RACI checks, in order: one Accountable each, questions and complaints answered
    beyond marketing, some department beyond marketing Responsible."""
    activities, departments = activity_labels(), department_labels()
    checks = []

    key = "raci.one_accountable"
    why = _("One Accountable per activity: when two departments own it nobody does, and "
            "when none does it is not done.")
    none = [a for a in ACTIVITIES if not raci.departments_with(a, "A")]
    several = [a for a in ACTIVITIES if len(raci.departments_with(a, "A")) > 1]
    if several:
        checks.append(_error(key, _("More than one Accountable (A) for: {list}. Keep one.")
                             .format(list=", ".join(activities[a] for a in several)), why))
    elif none:
        checks.append(_warning(key, _("No Accountable (A) yet for: {list}.").format(
            list=", ".join(activities[a] for a in none)), why))
    else:
        checks.append(_ok(key, _("Every activity has exactly one Accountable."), why))

    why = _("Social media is a communication channel, not only a marketing one: questions "
            "and complaints come first, and marketing alone cannot answer them.")
    for activity in ("questions", "complaints"):
        key = f"raci.{activity}_beyond_marketing"
        responsible = raci.departments_with(activity, "R")
        others = [d for d in responsible if d != MARKETING]
        if others:
            checks.append(_ok(key, _("{activity}: {departments} responsible.").format(
                activity=activities[activity],
                departments=", ".join(departments[d] for d in others)), why))
        elif responsible:
            checks.append(_warning(key, _("{activity}: only marketing is responsible. Make "
                                          "customer service, sales or another department "
                                          "Responsible (R) too.").format(
                activity=activities[activity]), why))
        else:
            checks.append(_warning(key, _("{activity}: nobody is Responsible (R) yet; mark a "
                                          "department beyond marketing.").format(
                activity=activities[activity]), why))

    key = "raci.beyond_marketing"
    why = _("Customer service, sales and PR deal with customers every day; social media run "
            "by marketing alone leaves them out.")
    beyond = [d for d in DEPARTMENTS if d != MARKETING
              and any(raci.letter(a, d) == "R" for a in ACTIVITIES)]
    if beyond:
        checks.append(_ok(key, _("Responsible beyond marketing: {departments}.").format(
            departments=", ".join(departments[d] for d in beyond)), why))
    else:
        checks.append(_warning(key, _("No department beyond marketing is Responsible (R) for "
                                      "anything yet."), why))
    return checks


def missing_dependencies(milestones: Iterable[Milestone]) -> dict[str, list[str]]:
    """For each milestone waiting for ids that are not in the plan: those ids."""
    milestones = list(milestones)
    ids = {m.id for m in milestones}
    missing: dict[str, list[str]] = {}
    for m in milestones:
        absent = [d for d in m.depends_on if d not in ids]
        if absent:
            missing.setdefault(m.id, []).extend(absent)
    return missing


def find_cycle(milestones: Iterable[Milestone]) -> list[str] | None:
    """One cycle of dependencies as ids, first id repeated at the end, or None.

    In the list each milestone is one the next waits for: ``[a, b, a]`` means b waits for
    a and a waits for b. Dependencies on missing ids are ignored here.
    """
    graph: dict[str, set[str]] = {}
    milestones = list(milestones)
    ids = {m.id for m in milestones}
    for m in milestones:
        graph.setdefault(m.id, set()).update(d for d in m.depends_on if d in ids)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])
    return None


def milestone_order(milestones: Iterable[Milestone]) -> list[str]:
    """Milestone ids so that each comes after those it waits for (raises CycleError)."""
    milestones = list(milestones)
    ids = {m.id for m in milestones}
    graph = {m.id: {d for d in m.depends_on if d in ids} for m in milestones}
    return list(TopologicalSorter(graph).static_order())


def milestone_checks(milestones: Sequence[Milestone], horizon_start: date | None,
                     horizon_months: int) -> list[Check]:
    """The timeline checks, in order: dates in order, dependencies exist, no cycle, inside
    the horizon.

    A check with nothing to judge yet is "todo", not "ok": the first three while there are
    no milestones, the horizon check while ``horizon_start`` is not set or there are no
    milestones.
    """
    checks = []
    names = {m.id: m.title.strip() or m.id for m in milestones}
    add_one = _("Add a milestone to check it.")

    key = "milestones.dates_in_order"
    why = _("A milestone cannot end before it starts.")
    backwards = [m for m in milestones if m.end < m.start]
    if not milestones:
        checks.append(_todo(key, add_one, why))
    elif backwards:
        checks.append(_error(key, _("Ends before it starts: {list}.").format(
            list=", ".join(names[m.id] for m in backwards)), why))
    else:
        checks.append(_ok(key, _("Every milestone ends on or after its start."), why))

    key = "milestones.dependencies_exist"
    why = _("A milestone can only wait for a milestone that is in the plan.")
    missing = missing_dependencies(milestones)
    if not milestones:
        checks.append(_todo(key, add_one, why))
    elif missing:
        checks.append(_error(key, _("Waits for a milestone that is not in the plan: {list}.")
                             .format(list="; ".join(
                                 f"{names[m]} → {', '.join(absent)}"
                                 for m, absent in missing.items())), why))
    else:
        checks.append(_ok(key, _("Every dependency is in the plan."), why))

    key = "milestones.no_cycle"
    why = _("Milestones that wait for each other in a circle can never start.")
    cycle = find_cycle(milestones)
    if not milestones:
        checks.append(_todo(key, add_one, why))
    elif cycle:
        checks.append(_error(key, _("These milestones wait for each other in a circle: "
                                    "{cycle}.").format(cycle=" → ".join(cycle)), why))
    else:
        checks.append(_ok(key, _("No milestones wait for each other in a circle."), why))

    key = "milestones.inside_horizon"
    why = _("The action plan covers the plan's horizon; work outside it is neither planned "
            "nor budgeted.")
    if horizon_start is None:
        checks.append(_todo(key, _("Set the plan's start date to check the dates against its "
                                   "horizon."), why))
    elif not milestones:
        checks.append(_todo(key, add_one, why))
    else:
        last = horizon_end(horizon_start, horizon_months)
        outside = [m for m in milestones
                   if not (horizon_start <= m.start <= last and horizon_start <= m.end <= last)]
        if outside:
            checks.append(_warning(key, _("Outside the horizon {start} to {end}: {list}.")
                                   .format(start=horizon_start.isoformat(),
                                           end=last.isoformat(),
                                           list=", ".join(names[m.id] for m in outside)), why))
        else:
            checks.append(_ok(key, _("Every milestone lies inside {start} to {end}.").format(
                start=horizon_start.isoformat(), end=last.isoformat()), why))
    return checks


def resource_checks(section: PlanningSection) -> list[Check]:
    """Resources against the RACI: every department Responsible for something has hours."""
    key = "resources.responsible_have_hours"
    why = _("Work nobody has time for is not done: a department Responsible for an activity "
            "needs hours for it.")
    hours = {r.department: r.hours_per_week for r in section.resources}
    labels = department_labels()
    if not any(section.raci.letter(a, d) == "R" for a in ACTIVITIES for d in DEPARTMENTS):
        return [_todo(key, _("Mark who is Responsible (R) in the RACI to check their hours."),
                      why)]
    without = [d for d in DEPARTMENTS
               if any(section.raci.letter(a, d) == "R" for a in ACTIVITIES)
               and not hours.get(d, 0) > 0]
    if without:
        return [_warning(key, _("Responsible in the RACI but no hours per week: {list}.")
                         .format(list=", ".join(labels[d] for d in without)), why)]
    return [_ok(key, _("Every Responsible department has hours per week."), why)]


NEW_MILESTONE_DAYS = 30


def new_milestone(section: PlanningSection, today: date) -> Milestone:
    """A blank milestone with the next free id, from the horizon's start (or today) for 30 days."""
    start = section.horizon_start or today
    return Milestone(id=next_milestone_id(section.milestones), start=start,
                     end=start + timedelta(days=NEW_MILESTONE_DAYS))


def without_milestone(milestones: Iterable[Milestone], milestone_id: str) -> list[Milestone]:
    """The milestones without ``milestone_id``, and no longer waiting for it."""
    return [m.model_copy(update={"depends_on": [d for d in m.depends_on if d != milestone_id]})
            for m in milestones if m.id != milestone_id]


def next_milestone_id(milestones: Iterable[Milestone]) -> str:
    """The first free id of the form m1, m2, ... for a new milestone."""
    taken = {m.id for m in milestones}
    n = 1
    while f"m{n}" in taken:
        n += 1
    return f"m{n}"


# -- readiness ---------------------------------------------------------------------------------


def goal_is_complete(goal: Goal) -> bool:
    """Every field of the goal is filled in (result, metric, baseline, target, deadline, owner)."""
    return (goal.business_result is not None and bool(goal.metric.strip())
            and goal.baseline is not None and goal.target is not None
            and goal.deadline is not None and bool(goal.owner.strip()))


def segment_is_complete(segment: AudienceSegment) -> bool:
    """The segment has a name, B2B/B2C, age bands, needs and a place where they are."""
    return (bool(segment.name.strip()) and segment.kind is not None and bool(segment.age_bands)
            and bool(segment.needs.strip())
            and any(place.strip() for place in segment.where_they_are))


def readiness(section: PlanningSection, today: date) -> list[PartReadiness]:
    """Each part of the planning step: complete or not, and how many checks warn or fail.

    Complete means: goals: 1-5 goals, each fully filled in; audience: 1-5 segments, each
    with name, kind, age bands, needs and where they are; raci: every activity has exactly
    one A and at least one R; timeline: at least one milestone, each with a title and an
    owner; resources: at least one department with people and hours.
    """
    raci = section.raci
    return [
        _part("goals",
              bool(section.goals) and all(goal_is_complete(g) for g in section.goals),
              (c for g in section.goals for c in goal_checks(g, today, section.assumptions))),
        _part("audience",
              bool(section.audience) and all(segment_is_complete(s) for s in section.audience)),
        _part("raci",
              all(len(raci.departments_with(a, "A")) == 1 and raci.departments_with(a, "R")
                  for a in ACTIVITIES),
              raci_checks(raci)),
        _part("timeline",
              bool(section.milestones)
              and all(m.title.strip() and m.owner.strip() for m in section.milestones),
              milestone_checks(section.milestones, section.horizon_start,
                               section.horizon_months)),
        _part("resources",
              any(r.people > 0 and r.hours_per_week > 0 for r in section.resources),
              resource_checks(section)),
    ]


# -- Markdown ----------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """User text for Markdown (a table cell, a list item): shown as typed, "–" when empty."""
    return markdown_text(text, empty="–")


def planning_markdown(section: PlanningSection) -> list[str]:
    """The planning section as Markdown lines: goals, audience, RACI, milestones, resources."""
    results, activities = business_result_labels(), activity_labels()
    departments = department_labels()
    lines = [f"## {_('Planning')}", ""]

    lines += [f"### {_('Goals')}", ""]
    if section.goals:
        lines += [f"| {_('Business result')} | {_('Metric')} | {_('Baseline')} | "
                  f"{_('Target')} | {_('Deadline')} | {_('Owner')} |",
                  "|---|---|---:|---:|---|---|"]
        for g in section.goals:
            lines.append("| " + " | ".join([
                results[g.business_result] if g.business_result else "–",
                _cell(g.metric),
                format_number(g.baseline) if g.baseline is not None else "–",
                format_number(g.target) if g.target is not None else "–",
                g.deadline.isoformat() if g.deadline else "–",
                _cell(g.owner),
            ]) + " |")
        a = section.assumptions
        lines += ["", _("Our assumptions: at most {factor}x (or 1/{factor}) per 12 months for "
                        "counts and amounts, judged by additions below {small}; at most "
                        "{points} percentage points per 12 months for percentages; deadlines "
                        "{lo} to {hi} months ahead.").format(
            factor=format_number(a.growth_per_year), small=format_number(a.small_baseline),
            points=format_number(a.points_per_year), lo=a.deadline_min_months,
            hi=a.deadline_max_months)]
    else:
        lines.append(_("No goals yet."))
    lines.append("")

    lines += [f"### {_('Audience')}", ""]
    if section.audience:
        for s in section.audience:
            who = " · ".join(part for part in (
                s.kind or "",
                f"{', '.join(s.age_bands)} ({s.region_code})" if s.age_bands else "",
                markdown_text(s.region)) if part)
            places = ", ".join(markdown_text(p) for p in s.where_they_are if p.strip())
            lines.append(f"- **{_cell(s.name)}**" + (f" ({who})" if who else ""))
            if s.needs.strip():
                lines.append("  " + _("Needs from us: {needs}").format(
                    needs=markdown_text(s.needs)))
            if places:
                lines.append("  " + _("Where they are: {places}").format(places=places))
    else:
        lines.append(_("No audience segments yet."))
    lines.append("")

    lines += [f"### {_('Who answers (RACI)')}", ""]
    raci = section.raci
    if any(raci.letter(a, d) for a in ACTIVITIES for d in DEPARTMENTS):
        used = [d for d in DEPARTMENTS if any(raci.letter(a, d) for a in ACTIVITIES)]
        lines += [_("R = responsible, A = accountable, C = consulted, I = informed."), "",
                  f"| {_('Activity')} | " + " | ".join(departments[d] for d in used) + " |",
                  "|---|" + "---|" * len(used)]
        for a in ACTIVITIES:
            lines.append(f"| {activities[a]} | "
                         + " | ".join(raci.letter(a, d) or " " for d in used) + " |")
    else:
        lines.append(_("No roles assigned yet."))
    lines.append("")

    lines += [f"### {_('Action plan and timeline')}", ""]
    if section.horizon_start is not None:
        lines += [_("Horizon: {start} to {end} ({months} months).").format(
            start=section.horizon_start.isoformat(),
            end=horizon_end(section.horizon_start, section.horizon_months).isoformat(),
            months=section.horizon_months), ""]
    if section.milestones:
        names = {m.id: _cell(m.title) if m.title.strip() else _cell(m.id)
                 for m in section.milestones}
        lines += [f"| {_('Milestone')} | {_('Owner')} | {_('Start')} | {_('End')} | "
                  f"{_('Depends on')} |", "|---|---|---|---|---|"]
        for m in sorted(section.milestones, key=lambda m: (m.start, m.end, m.id)):
            after = ", ".join(names.get(d, _cell(d)) for d in m.depends_on) or "–"
            lines.append(f"| {names[m.id]} | {_cell(m.owner)} | {m.start.isoformat()} | "
                         f"{m.end.isoformat()} | {after} |")
    else:
        lines.append(_("No milestones yet."))
    lines.append("")

    lines += [f"### {_('Resources')}", ""]
    if section.resources:
        lines += [f"| {_('Department')} | {_('People')} | {_('Hours per week')} |",
                  "|---|---:|---:|"]
        ordered = sorted(section.resources, key=lambda r: DEPARTMENTS.index(r.department))
        for r in ordered:
            lines.append(f"| {departments[r.department]} | {r.people} | "
                         f"{format_number(r.hours_per_week)} |")
        lines.append(f"| **{_('Total')}** | **{sum(r.people for r in ordered)}** | "
                     f"**{format_number(sum(r.hours_per_week for r in ordered))}** |")
    else:
        lines.append(_("No resources entered yet."))
    lines.append("")
    return lines
