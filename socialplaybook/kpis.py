"""KPI design: measure business impact, not vanity; expect returns to build over time.

The articles: many marketers measure follower counts and are happy while they grow;
measure the effect on the business instead (seed 000). ROI is neither immediate nor
measurable per tweet: it grows as an audience becomes a community and trust builds (seeds
001/002). You can measure social ROI: soft numbers (views, followers) and hard ones
(traffic from social, what of it becomes business, "how did you hear about us?") (seed
003); comments are not clients (seed 003).

This module holds the kpis section of the Plan and the arithmetic the KPI app shows:

* KPI trees: for each planning goal, outcome KPIs (business results) -> driver KPIs
  (think/do) -> activity KPIs, suggested from ``datasets/kpi_catalog.csv`` by the goal's
  business result; a goal measured only by vanity metrics is warned about.
* checks per KPI (numeric target, baseline, direction, a data source that exists for the
  chosen platforms, owner and review cadence), in the planning module's style;
* ROI over time (:func:`roi_over_time`): a carry-over (geometric adstock) and a
  community-growth assumption next to the naive "this month's return from this month's
  spend", with the month the cumulative ROI breaks even;
* the measurement plan (:func:`kpis_markdown`). UTM links are in ``socialplaybook.utm``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal, get_args

from pydantic import Field, field_validator, model_validator

from socialplaybook.checks import Check
from socialplaybook.checks import ok as _ok
from socialplaybook.checks import todo as _todo
from socialplaybook.checks import warning as _warning
from socialplaybook.data import KpiDefinition, load_kpi_catalog
from socialplaybook.i18n import _
from socialplaybook.metrics import classify_metric
from socialplaybook.numbers import format_number
from socialplaybook.sections import Section
from socialplaybook.text import markdown_text, plotly_text
from socialplaybook.utm import (
    MAX_CAMPAIGNS,
    URL_MAX_CHARS,
    UtmError,
    is_normalised,
    normalise_url,
)

if TYPE_CHECKING:  # plotly loads in ~0.5 s: only when a treemap is drawn
    import plotly.graph_objects as go

# -- vocabularies ------------------------------------------------------------------------

Stage = Literal["see", "think", "do", "care"]
STAGES: tuple[str, ...] = get_args(Stage)
Level = Literal["outcome", "driver", "activity"]
LEVELS: tuple[str, ...] = get_args(Level)
DataSource = Literal["platform_analytics", "web_analytics", "crm", "survey"]
DATA_SOURCES: tuple[str, ...] = get_args(DataSource)
Direction = Literal["up", "down"]
Cadence = Literal["weekly", "monthly", "quarterly"]
CADENCES: tuple[str, ...] = get_args(Cadence)

# -- limits and the toolkit's starting assumptions ---------------------------------------

MAX_KPIS = 60
SHORT_TEXT_MAX_CHARS = 120
MAX_KPI_VALUE = 1e12
MAX_HORIZON_MONTHS = 60
MAX_MONEY_PER_MONTH = 1e9
MAX_VALUE_PER_CONVERSION = 1e9
MAX_CONVERSIONS_PER_MONTH = 1e7
MAX_CARRY_OVER_PERCENT = 90.0
MAX_GROWTH_PERCENT_PER_MONTH = 50.0
MAX_ROI_MONTHS = 60
# Starting points, not findings: Robyn's rule of thumb puts digital carry-over at 0-30 %
# a month; the community growth is the toolkit's assumption, stated and editable.
DEFAULT_CARRY_OVER_PERCENT = 30.0
DEFAULT_GROWTH_PERCENT_PER_MONTH = 3.0
DEFAULT_ROI_MONTHS = 24

ShortText = Annotated[str, Field(max_length=SHORT_TEXT_MAX_CHARS)]
ItemId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


def stage_labels() -> dict[str, str]:
    """Kaushik's See-Think-Do-Care stages, as the app names them."""
    return {"see": _("See"), "think": _("Think"), "do": _("Do"), "care": _("Care")}


def level_labels() -> dict[str, str]:
    """The levels of a KPI tree."""
    return {"outcome": _("Outcome"), "driver": _("Driver"), "activity": _("Activity")}


def data_source_labels() -> dict[str, str]:
    """Where a KPI's numbers come from."""
    return {"platform_analytics": _("Platform analytics"),
            "web_analytics": _("Web analytics (UTM links)"), "crm": _("CRM / sales records"),
            "survey": _("Survey (e.g. 'how did you hear about us?')")}


def cadence_labels() -> dict[str, str]:
    """How often a KPI is reviewed."""
    return {"weekly": _("Weekly"), "monthly": _("Monthly"), "quarterly": _("Quarterly")}


def new_kpi_id() -> str:
    """A fresh id for a KPI: unique across laptops without asking."""
    return f"k-{secrets.token_hex(4)}"


# -- the section ---------------------------------------------------------------------------


class Kpi(Section):
    """One KPI: what is counted, for which goal, from where to where by when, who reviews it.

    ``catalog_id`` is the catalog KPI it was taken from ("" for the team's own);
    ``direction`` "down" for KPIs that should fall (cost per lead, response time).
    """

    id: ItemId = Field(default_factory=new_kpi_id)
    name: ShortText
    goal_id: ShortText = ""
    catalog_id: ShortText = ""
    level: Level = "driver"
    direction: Direction = "up"
    baseline: float | None = Field(default=None, ge=0, le=MAX_KPI_VALUE, allow_inf_nan=False)
    target: float | None = Field(default=None, ge=0, le=MAX_KPI_VALUE, allow_inf_nan=False)
    horizon_months: int | None = Field(default=None, ge=1, le=MAX_HORIZON_MONTHS)
    data_source: DataSource | None = None
    owner: ShortText = ""
    cadence: Cadence | None = None

    @field_validator("name")
    @classmethod
    def _named(cls, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValueError(_("A KPI needs a name."))
        return name


class RoiAssumptions(Section):
    """What the ROI-over-time view is computed from; every number the team's, and bounded.

    ``monthly_cost`` None: taken from the budget section when it has a monthly total.
    ``conversions_per_month``: conversions the first month's effort brings in that month.
    """

    monthly_cost: float | None = Field(default=None, ge=0, le=MAX_MONEY_PER_MONTH,
                                       allow_inf_nan=False)
    value_per_conversion: float | None = Field(default=None, ge=0,
                                               le=MAX_VALUE_PER_CONVERSION, allow_inf_nan=False)
    conversions_per_month: float | None = Field(default=None, ge=0,
                                                le=MAX_CONVERSIONS_PER_MONTH,
                                                allow_inf_nan=False)
    carry_over_percent: float = Field(default=DEFAULT_CARRY_OVER_PERCENT, ge=0,
                                      le=MAX_CARRY_OVER_PERCENT, allow_inf_nan=False)
    growth_percent_per_month: float = Field(default=DEFAULT_GROWTH_PERCENT_PER_MONTH, ge=0,
                                            le=MAX_GROWTH_PERCENT_PER_MONTH,
                                            allow_inf_nan=False)
    months: int = Field(default=DEFAULT_ROI_MONTHS, ge=1, le=MAX_ROI_MONTHS)


UtmValue = Annotated[str, Field(max_length=100)]


class UtmSettings(Section):
    """The link builder's last link and the campaigns for the batch, stored normalised."""

    url: str = Field(default="", max_length=URL_MAX_CHARS)
    source: UtmValue = ""
    medium: UtmValue = "social"
    campaign: UtmValue = ""
    term: UtmValue = ""
    content: UtmValue = ""
    campaigns: list[UtmValue] = Field(default_factory=list, max_length=MAX_CAMPAIGNS)

    @field_validator("url")
    @classmethod
    def _url(cls, url: str) -> str:
        if url:
            try:
                normalised, _notices = normalise_url(url)
            except UtmError as exc:
                raise ValueError(str(exc)) from None
            if normalised != url:
                raise ValueError(_("The link is stored as checked: {url}").format(
                    url=normalised))
        return url

    @field_validator("source", "medium", "campaign", "term", "content")
    @classmethod
    def _value(cls, value: str) -> str:
        if not is_normalised(value):
            raise ValueError(_("'{value}' is not a UTM value as stored (lower case, no "
                               "spaces, letters, digits, '-', '_', '.').").format(value=value))
        return value

    @field_validator("campaigns")
    @classmethod
    def _campaigns(cls, campaigns: list[str]) -> list[str]:
        for value in campaigns:
            if not value or not is_normalised(value):
                raise ValueError(_("'{value}' is not a UTM value as stored (lower case, no "
                                   "spaces, letters, digits, '-', '_', '.').").format(
                                       value=value))
        return list(dict.fromkeys(campaigns))


class KpisSection(Section):
    """The KPI step of the Plan: KPIs per goal, ROI assumptions, UTM links, the survey question."""

    kpis: list[Kpi] = Field(default_factory=list, max_length=MAX_KPIS)
    roi: RoiAssumptions = Field(default_factory=RoiAssumptions)
    utm: UtmSettings = Field(default_factory=UtmSettings)
    hear_about_us_added: bool = False

    @model_validator(mode="after")
    def _ids_unique(self) -> KpisSection:
        ids = [kpi.id for kpi in self.kpis]
        if len(ids) != len(set(ids)):
            raise ValueError(_("Two KPIs have the same id; ids must differ."))
        return self


# -- the catalog ---------------------------------------------------------------------------


def catalog_by_id(catalog: Sequence[KpiDefinition] | None = None) -> dict[str, KpiDefinition]:
    """The catalog's KPIs by id."""
    return {kpi.id: kpi for kpi in (load_kpi_catalog() if catalog is None else catalog)}


def suggest_kpis(business_result: str | None,
                 catalog: Sequence[KpiDefinition] | None = None) -> list[KpiDefinition]:
    """Catalog KPIs for a goal's business result: outcomes, then drivers, then activities.

    Outcome and driver KPIs are business ones only; activity KPIs may be vanity (they show
    the work is done and seen, never the result). No result: the outcome KPIs of every
    result.
    """
    catalog = load_kpi_catalog() if catalog is None else catalog
    if business_result is None:
        return [kpi for kpi in catalog if kpi.level == "outcome"]
    fits = [kpi for kpi in catalog if business_result in kpi.results
            and (kpi.level == "activity" or kpi.kind == "business")]
    return sorted(fits, key=lambda kpi: LEVELS.index(kpi.level))


def kpi_from_catalog(definition: KpiDefinition, goal_id: str = "") -> Kpi:
    """A new KPI taken from the catalog, with its level, direction and data source."""
    return Kpi(id=new_kpi_id(), name=definition.name, goal_id=goal_id,
               catalog_id=definition.id, level=definition.level,
               direction=definition.direction, data_source=definition.data_source)


@dataclass(frozen=True)
class Vanity:
    """Whether a KPI counts attention rather than business, and why."""

    is_vanity: bool
    reason: str


def kpi_vanity(kpi: Kpi, catalog: dict[str, KpiDefinition] | None = None) -> Vanity:
    """A catalog KPI's own verdict (kind and why); the team's own KPI by the metric lexicon.

    The catalog keeps its hand-set ``kind`` rather than deriving it from the lexicon,
    and a test (``tests/unit/test_kpis.py``) requires the two to agree on every catalog
    KPI's name. Why both: each catalog row's ``why`` argues for its kind, and the app
    shows that text; a kind derived from ``metric_terms.csv`` could flip when a term is
    added for another phrase while the ``why`` still argues the old way. Two sources
    that must agree make such a change fail a test, so someone decides which is wrong
    (the catalog, or a lexicon term), and the same words typed by a team ("shares",
    "engagement rate") get the same verdict as the catalog KPI.
    """
    catalog = catalog_by_id() if catalog is None else catalog
    definition = catalog.get(kpi.catalog_id)
    if definition is not None:
        return Vanity(definition.kind == "vanity", definition.why)
    verdict = classify_metric(kpi.name)
    return Vanity(verdict.is_vanity, verdict.reason)


def goal_vanity_check(goal_label: str, kpis: Sequence[Kpi],
                      catalog: dict[str, KpiDefinition] | None = None) -> Check:
    """Warn when a goal is measured only by vanity metrics (or not measured yet)."""
    key = "kpis.vanity_only"
    why = _("Followers, likes and comments are not clients: measure what social media does "
            "for the business (seed 000, seed 003).")
    if not kpis:
        return _todo(key, _("No KPI yet for '{goal}': add an outcome KPI from the "
                            "suggestions.").format(goal=goal_label), why)
    verdicts = [kpi_vanity(kpi, catalog) for kpi in kpis]
    if all(v.is_vanity for v in verdicts):
        return _warning(key, _("'{goal}' is measured only by vanity metrics ({names}). Add "
                               "an outcome KPI: leads, sales, kept customers or fewer "
                               "support calls.").format(
            goal=goal_label, names=", ".join(k.name for k in kpis)), why)
    if not any(k.level == "outcome" and not v.is_vanity for k, v in zip(kpis, verdicts,
                                                                       strict=True)):
        return _warning(key, _("'{goal}' has no business outcome KPI yet: the drivers show "
                               "progress, the outcome shows the result.").format(
            goal=goal_label), why)
    return _ok(key, _("'{goal}' is measured by its business result.").format(goal=goal_label),
               why)


# -- KPI trees -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeNode:
    """One box of a KPI tree: a goal or a KPI, its parent's id ("" for a goal), its depth."""

    id: str
    parent: str
    label: str
    level: str  # "goal", or a KPI level
    depth: int
    vanity: bool = False


def kpi_tree(goals: Sequence[tuple[str, str]], kpis: Sequence[Kpi],
             catalog: dict[str, KpiDefinition] | None = None) -> list[TreeNode]:
    """The KPI tree of every goal: goal -> outcome KPIs -> driver KPIs -> activity KPIs.

    ``goals`` are (id, label) pairs. A level hangs under the last KPI of the nearest level
    above it (or the goal): drivers under the goal's last outcome, activities under its last
    driver. KPIs of no listed goal form a group "Not tied to a goal". Nodes in depth-first
    order, ready for an indented list or a treemap (id, parent).
    """
    catalog = catalog_by_id() if catalog is None else catalog
    known = {gid for gid, _label in goals}
    groups = list(goals)
    if any(k.goal_id not in known for k in kpis):
        groups.append(("", _("Not tied to a goal")))
    nodes: list[TreeNode] = []
    for gid, label in groups:
        goal_node = f"goal:{gid}"
        nodes.append(TreeNode(goal_node, "", label, "goal", 0))
        mine = [k for k in kpis if (k.goal_id == gid if gid else k.goal_id not in known)]
        parent, depth = goal_node, 1
        for level in LEVELS:
            at_level = [k for k in mine if k.level == level]
            for kpi in at_level:
                nodes.append(TreeNode(kpi.id, parent, kpi.name, level, depth,
                                      kpi_vanity(kpi, catalog).is_vanity))
            if at_level:
                parent, depth = at_level[-1].id, depth + 1
    return nodes


TREE_COLOURS = {"goal": "#d6e6f5", "outcome": "#dcfce7", "driver": "#eef0f4",
                "activity": "#ffffff", "vanity": "#fef3c7"}


def kpi_treemap(nodes: Sequence[TreeNode]) -> go.Figure:
    """The KPI trees (``kpi_tree``'s nodes) as a plotly treemap; vanity KPIs in amber.

    Labels are the team's text: escaped, since plotly reads HTML in them.
    """
    import plotly.graph_objects as go

    levels = level_labels()
    labels = [plotly_text(node.label if node.level == "goal"
                          else f"{levels[node.level]}: {node.label}") for node in nodes]
    colours = [TREE_COLOURS["vanity" if node.vanity else node.level] for node in nodes]
    figure = go.Figure(go.Treemap(
        ids=[node.id for node in nodes], parents=[node.parent for node in nodes],
        labels=labels, marker={"colors": colours, "line": {"color": "#9ca3af", "width": 1}},
        textinfo="label", hoverinfo="label", branchvalues="remainder",
        textfont={"color": "#1f2a44"}))
    figure.update_layout(height=320, margin={"t": 8, "l": 8, "r": 8, "b": 8})
    return figure


# -- checks --------------------------------------------------------------------------------


def kpi_checks(kpi: Kpi, chosen_platforms: Sequence[str] = (),
               catalog: dict[str, KpiDefinition] | None = None) -> list[Check]:
    """The checks of one KPI, in order: target, direction, data source, owner and cadence, vanity.

    ``chosen_platforms`` are platform ids (the platforms step's choices).
    """
    catalog = catalog_by_id() if catalog is None else catalog
    return [_target(kpi), _direction(kpi), _source(kpi, chosen_platforms, catalog),
            _review(kpi), _business(kpi, catalog)]


def _target(kpi: Kpi) -> Check:
    key = "kpi.target"
    why = _("A KPI you can check needs today's value and a number to reach by a date.")
    missing = []
    if kpi.baseline is None:
        missing.append(_("today's value (baseline)"))
    if kpi.target is None:
        missing.append(_("a target number"))
    if kpi.horizon_months is None:
        missing.append(_("a horizon in months"))
    if missing:
        return _warning(key, _("Add {missing}.").format(missing=_(" and ").join(missing)), why)
    return _ok(key, _("From {baseline} to {target} in {months} months.").format(
        baseline=format_number(kpi.baseline), target=format_number(kpi.target),
        months=kpi.horizon_months), why)


def _direction(kpi: Kpi) -> Check:
    key = "kpi.direction"
    why = _("Growth KPIs should rise and cost or time KPIs fall; a target on the wrong side "
            "of today's value is usually a typing slip.")
    if kpi.baseline is None or kpi.target is None:
        return _todo(key, _("Enter a baseline and a target to check their direction."), why)
    if kpi.direction == "up" and kpi.target < kpi.baseline:
        return _warning(key, _("The target {target} is below today's {baseline}, but this "
                               "KPI should grow. Check the numbers, or say why it will "
                               "fall.").format(target=format_number(kpi.target),
                                               baseline=format_number(kpi.baseline)), why)
    if kpi.direction == "down" and kpi.target > kpi.baseline:
        return _warning(key, _("The target {target} is above today's {baseline}, but this "
                               "KPI should fall (a cost or a waiting time).").format(
            target=format_number(kpi.target), baseline=format_number(kpi.baseline)), why)
    return _ok(key, _("The target is on the right side of today's value."), why)


def _source(kpi: Kpi, chosen: Sequence[str], catalog: dict[str, KpiDefinition]) -> Check:
    key = "kpi.source"
    why = _("A KPI nobody can read is not measured: name where the numbers come from.")
    if kpi.data_source is None:
        return _warning(key, _("Choose where the numbers come from."), why)
    label = data_source_labels()[kpi.data_source]
    definition = catalog.get(kpi.catalog_id)
    if kpi.data_source == "platform_analytics" and definition is not None and chosen:
        available = definition.platforms
        if "all" not in available and not set(available) & set(chosen):
            return _warning(key, _("None of your chosen platforms ({chosen}) reports this in "
                                   "its own analytics (it is found on: {where}). Choose "
                                   "another source or another KPI.").format(
                chosen=", ".join(chosen), where=", ".join(available)), why)
    if kpi.data_source == "web_analytics":
        return _ok(key, _("{source}: tag every link you post (the link builder below), or "
                          "analytics cannot tell social visits apart.").format(source=label),
                   why)
    return _ok(key, _("Source: {source}.").format(source=label), why)


def _review(kpi: Kpi) -> Check:
    key = "kpi.review"
    why = _("A number nobody looks at changes nothing: one owner, a fixed review.")
    missing = []
    if not kpi.owner.strip():
        missing.append(_("who owns it"))
    if kpi.cadence is None:
        missing.append(_("how often it is reviewed"))
    if missing:
        return _warning(key, _("Say {missing}.").format(missing=_(" and ").join(missing)), why)
    return _ok(key, _("{owner} reviews it {cadence}.").format(
        owner=kpi.owner.strip(), cadence=cadence_labels()[kpi.cadence].lower()), why)


def _business(kpi: Kpi, catalog: dict[str, KpiDefinition]) -> Check:
    key = "kpi.business"
    vanity = kpi_vanity(kpi, catalog)
    why = _("Comments are not clients (seed 003): attention is a means, not the result.")
    if vanity.is_vanity:
        if kpi.level == "activity":
            return _ok(key, _("A vanity metric, kept as an activity KPI: fine to watch, never "
                              "the goal. {reason}").format(reason=vanity.reason), why)
        return _warning(key, _("A vanity metric as a {level} KPI: {reason}").format(
            level=level_labels()[kpi.level].lower(), reason=vanity.reason), why)
    return _ok(key, _("Counts business, not attention."), why)


# -- ROI over time ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RoiMonth:
    """One month of the projection; money in the plan's currency, ROI as a fraction."""

    month: int
    cost: float
    effort: float  # the month's spend plus what carries over (adstock), in money
    conversions: float
    return_value: float
    cumulative_cost: float
    cumulative_return: float
    cumulative_roi: float
    naive_return: float
    naive_cumulative_roi: float


@dataclass(frozen=True)
class RoiProjection:
    """The months, the month cumulative ROI breaks even (None: not within the months)."""

    months: tuple[RoiMonth, ...]
    break_even_month: int | None
    naive_break_even_month: int | None


def roi_over_time(monthly_cost: float, value_per_conversion: float,
                  conversions_per_month: float, carry_over: float,
                  growth_per_month: float, months: int) -> RoiProjection:
    """Cumulative ROI month by month, with carry-over and community growth, and the naive view.

    ``carry_over`` (0-0.9) and ``growth_per_month`` (0-0.5) are fractions. With C the
    monthly cost, theta the carry-over, g the growth, c the conversions the first month
    brings:

    * effort_t = C + theta * effort_(t-1), effort_0 = 0 (geometric adstock: part of what a
      month's work built still works the next month);
    * conversions_t = c * (effort_t / C) * (1 + g) ** (t - 1) (the community grows, so the
      same effort brings more);
    * return_t = value_per_conversion * conversions_t; cumulative ROI_t = (sum of returns -
      sum of costs) / sum of costs.

    The naive view: every month returns c * value, this month's return from this month's
    spend. The break-even month is the first whose cumulative return reaches the cumulative
    cost. Raises ValueError for a monthly cost of 0 (no ROI) or values out of range.
    """
    if not monthly_cost > 0:
        raise ValueError(_("ROI needs a monthly cost above 0: social media is not free "
                           "(time, tools, paid reach)."))
    if not (0 <= carry_over <= MAX_CARRY_OVER_PERCENT / 100
            and 0 <= growth_per_month <= MAX_GROWTH_PERCENT_PER_MONTH / 100
            and 1 <= months <= MAX_ROI_MONTHS and value_per_conversion >= 0
            and conversions_per_month >= 0):
        raise ValueError(_("An ROI assumption is out of range."))
    rows = []
    effort = 0.0
    cumulative_cost = cumulative_return = naive_cumulative = 0.0
    naive_return = conversions_per_month * value_per_conversion
    break_even = naive_break_even = None
    for month in range(1, months + 1):
        effort = monthly_cost + carry_over * effort
        conversions = conversions_per_month * (effort / monthly_cost) * (
            1 + growth_per_month) ** (month - 1)
        return_value = conversions * value_per_conversion
        cumulative_cost += monthly_cost
        cumulative_return += return_value
        naive_cumulative += naive_return
        roi = (cumulative_return - cumulative_cost) / cumulative_cost
        naive_roi = (naive_cumulative - cumulative_cost) / cumulative_cost
        if break_even is None and roi >= -1e-12:
            break_even = month
        if naive_break_even is None and naive_roi >= -1e-12:
            naive_break_even = month
        rows.append(RoiMonth(month, monthly_cost, effort, conversions, return_value,
                             cumulative_cost, cumulative_return, roi, naive_return, naive_roi))
    return RoiProjection(tuple(rows), break_even, naive_break_even)


def budget_monthly_cost(budget: object, platforms: object = None) -> float | None:
    """The budget step's total cost a month (cash and staff time), when it has one.

    A :class:`~socialplaybook.budget.BudgetSection` gives the total of its cost summary
    (activities, paid promotion, staff hours at the hourly cost) over its platforms and
    those chosen in ``platforms`` (the platforms section); anything else may offer
    ``monthly_total`` (a method or a field). A total of 0, or one that is not a number
    up to the cap, counts as none: the team enters the cost here.
    """
    from socialplaybook.budget import BudgetSection, budget_lines, cost_summary

    try:
        if isinstance(budget, BudgetSection):
            value = cost_summary(budget, budget_lines(budget, platforms)).total
        else:
            total = getattr(budget, "monthly_total", None)
            value = total() if callable(total) else total
        value = float(value) if value is not None else None
    except Exception:  # another step's data: never fail this step on its shape
        return None
    if value is None or value != value or not 0 < value <= MAX_MONEY_PER_MONTH:
        return None
    return value


def effective_monthly_cost(roi: RoiAssumptions, budget: object = None,
                           platforms: object = None) -> tuple[float | None, str]:
    """The monthly cost the projection uses and where it comes from ("team", "budget", "")."""
    if roi.monthly_cost is not None:
        return roi.monthly_cost, "team"
    from_budget = budget_monthly_cost(budget, platforms)
    if from_budget is not None:
        return from_budget, "budget"
    return None, ""


def project(roi: RoiAssumptions, budget: object = None,
            platforms: object = None) -> tuple[RoiProjection | None, str]:
    """The projection from the team's assumptions, or (None, what is missing)."""
    cost, _origin = effective_monthly_cost(roi, budget, platforms)
    missing = []
    if cost is None:
        missing.append(_("the monthly cost"))
    if roi.value_per_conversion is None:
        missing.append(_("the money value of one conversion"))
    if roi.conversions_per_month is None:
        missing.append(_("the conversions the first month brings"))
    if missing:
        return None, _("Enter {missing} to see ROI over time.").format(
            missing=_(" and ").join(missing))
    if cost == 0:
        return None, _("ROI needs a monthly cost above 0: social media is not free (time, "
                       "tools, paid reach).")
    return roi_over_time(cost, roi.value_per_conversion, roi.conversions_per_month,
                         roi.carry_over_percent / 100, roi.growth_percent_per_month / 100,
                         roi.months), ""


def roi_summary(projection: RoiProjection, months: int) -> str:
    """One sentence: when the cumulative ROI breaks even, next to the naive view."""
    if projection.break_even_month is not None:
        built = _("With carry-over and community growth, the cumulative ROI breaks even in "
                  "month {month}.").format(month=projection.break_even_month)
    else:
        built = _("With carry-over and community growth, the cumulative ROI does not break "
                  "even within {months} months.").format(months=months)
    if projection.naive_break_even_month is not None:
        naive = _("The naive view (this month's return from this month's spend) says month "
                  "{month}.").format(month=projection.naive_break_even_month)
    else:
        naive = _("The naive view (this month's return from this month's spend) says it "
                  "never pays: that is why teams give up too early.")
    return f"{built} {naive}"


def roi_assumptions_text(roi: RoiAssumptions) -> str:
    """The assumptions of the projection, stated."""
    return _("Assumed: {carry} % of a month's effort still works the next month (carry-over, "
             "geometric adstock; 0-30 % is the usual range for digital), and the same effort "
             "brings {growth} % more each month as the audience becomes a community. Over "
             "{months} months.").format(carry=format_number(roi.carry_over_percent),
                                        growth=format_number(roi.growth_percent_per_month),
                                        months=roi.months)


# -- "how did you hear about us?" -----------------------------------------------------------


@dataclass(frozen=True)
class SurveyQuestion:
    """The question for the contact form, the answer field recommended and why."""

    question: str
    field: str
    why: str


def hear_about_us() -> SurveyQuestion:
    """The "how did you hear about us?" question for the team's contact form."""
    return SurveyQuestion(
        _("How did you hear about us?"),
        _("An open text field, optional, asked once (on the contact or order form)."),
        _("Links lose track when someone sees a post on the phone and buys later on a laptop, "
          "or tells a colleague; customers remember. Open text, because a list of options "
          "puts words in their mouth and leaves out the podcast, the friend or the post you "
          "did not think of; sort the answers into platforms once a month."))


# -- the measurement plan --------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One KPI in the measurement plan."""

    goal: str
    kpi: str
    level: str
    baseline: str
    target: str
    horizon: str
    source: str
    owner: str
    cadence: str


def measurement_plan(section: KpisSection,
                     goals: Iterable[tuple[str, str]] = ()) -> list[PlanRow]:
    """Which KPIs, reviewed when, by whom: one row per KPI, ordered by goal and level."""
    names = dict(goals)
    levels, sources, cadences = level_labels(), data_source_labels(), cadence_labels()
    order = list(names)
    rows = sorted(section.kpis, key=lambda k: (
        order.index(k.goal_id) if k.goal_id in names else len(order), LEVELS.index(k.level)))
    return [PlanRow(
        names.get(k.goal_id, "–"), k.name, levels[k.level],
        format_number(k.baseline) if k.baseline is not None else "–",
        format_number(k.target) if k.target is not None else "–",
        _("{n} months").format(n=k.horizon_months) if k.horizon_months else "–",
        sources[k.data_source] if k.data_source else "–", k.owner or "–",
        cadences[k.cadence] if k.cadence else "–") for k in rows]


def kpis_markdown(section: KpisSection) -> list[str]:
    """The KPI section as Markdown lines: the measurement plan, ROI assumptions, links."""
    lines = [f"## {_('KPIs')}", "", f"### {_('Measurement plan')}", ""]
    rows = measurement_plan(section)
    if rows:
        lines += [f"| {_('KPI')} | {_('Level')} | {_('Baseline')} | {_('Target')} | "
                  f"{_('Horizon')} | {_('Source')} | {_('Owner')} | {_('Review')} |",
                  "|---|---|---:|---:|---|---|---|---|"]
        for row in rows:
            lines.append("| " + " | ".join([
                markdown_text(row.kpi, "–"), row.level, row.baseline, row.target, row.horizon,
                row.source, markdown_text(row.owner, "–"), row.cadence]) + " |")
    else:
        lines.append(_("No KPIs yet."))
    lines += ["", f"### {_('ROI over time')}", ""]
    roi = section.roi
    projection, missing = project(roi)
    if projection is None:
        lines.append(missing)
    else:
        lines.append(roi_summary(projection, roi.months))
    lines += ["", roi_assumptions_text(roi), ""]
    lines += [f"### {_('Attribution')}", ""]
    if section.utm.campaigns:
        lines.append(_("Campaigns tagged on every link: {campaigns}.").format(
            campaigns=", ".join(markdown_text(c) for c in section.utm.campaigns)))
    question = hear_about_us()
    lines.append(_("“{question}” on the contact form: {state}.").format(
        question=question.question,
        state=_("added") if section.hear_about_us_added else _("not yet")))
    lines.append("")
    return lines
