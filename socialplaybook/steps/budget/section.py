"""The budget section of the Plan: each platform's time, reach, cost per result and curve
inputs, the monthly amounts, the paid budget and what it should bring, the exchange rate,
scenarios and the carry-over.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, field_validator, model_validator

from socialplaybook.rules.carryover import DEFAULT_CARRY_OVER_PER_WEEK, MAX_CARRY_OVER
from socialplaybook.rules.checks import HOURS_IN_A_WEEK, check_people_and_hours
from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import Section
from socialplaybook.rules.vocabulary import MAX_PEOPLE, ItemId, ShortText
from socialplaybook.steps.budget.limits import (
    COST_ITEMS,
    MAX_CPM,
    MAX_EXCHANGE_RATE,
    MAX_FOLLOWERS,
    MAX_HISTORY_POINTS,
    MAX_HOURLY_COST,
    MAX_MESSAGES_PER_WEEK,
    MAX_MINUTES_PER_ITEM,
    MAX_MONEY_PER_MONTH,
    MAX_POSTS_PER_WEEK,
    MAX_RESPONSE,
    MAX_SCENARIOS,
    MIN_CPM,
    MIN_HALF_SATURATION,
    SCENARIO_NAME_MAX_CHARS,
    SHAPE_MAX,
    SHAPE_MIN,
    CurveSource,
    Outcome,
    _money,
)
from socialplaybook.steps.platforms.vocabulary import MAX_PLATFORMS


class SpendPoint(Section):
    """One month of the team's history on a platform: what it spent and what came back."""

    spend: float = Field(ge=0, le=MAX_MONEY_PER_MONTH, allow_inf_nan=False)
    result: float = Field(ge=0, le=MAX_RESPONSE, allow_inf_nan=False)


class PlatformBudget(Section):
    """The team's numbers for one platform; None: the toolkit's default is used.

    Time is per week, money per month in the plan's currency. ``current_spend`` is
    today's monthly paid spend; ``fixed`` holds the platform at it. ``cost_per_lead`` and
    ``cost_per_sale`` are the team's (the toolkit's cited benchmark, converted, where it
    has one), ``value_per_sale`` this platform's when its sales are worth more or less than
    the plan's ``value_per_sale``. The curve (``hill_*``, ``history``) counts results of
    the plan's outcome (leads, or sales), never impressions.
    """

    NATURAL_KEY: ClassVar[bool] = True  # the platform's id: one budget line per platform

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
    cost_per_lead: float | None = Field(default=None, gt=0, le=MAX_MONEY_PER_MONTH,
                                        allow_inf_nan=False)
    cost_per_sale: float | None = Field(default=None, gt=0, le=MAX_MONEY_PER_MONTH,
                                        allow_inf_nan=False)
    value_per_sale: float | None = Field(default=None, ge=0, le=MAX_MONEY_PER_MONTH,
                                         allow_inf_nan=False)
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
            # No typed number in the message: a validator cannot know how the team
            # writes numbers, and the two fields show them beside it.
            raise ValueError(_("The minimum spend is above the maximum: lower the minimum "
                               "or raise the maximum."))
        return self


class MonthlyCosts(Section):
    """What the activities cost a month, in the plan's currency (0: nothing entered)."""

    listening_tools: float = _money(default=0.0)
    content_production: float = _money(default=0.0)
    publishing_tools: float = _money(default=0.0)
    community_management: float = _money(default=0.0)
    training: float = _money(default=0.0)

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in COST_ITEMS}


class BudgetInputs(Section):
    """Everything a budget variant is made of (the section, and each saved scenario).

    ``people`` and ``hours_per_week`` are None while they come from the platforms or the
    planning step. ``hourly_staff_cost`` is None until the team enters it. ``outcome`` is
    what the paid budget is split to bring (None: from planning's goals, else leads);
    ``value_per_sale`` what a sale is worth (for the outcome "value"). The benchmarks are
    in US dollars: ``exchange_rate_per_usd`` (units of the plan's currency for one dollar,
    with its ``exchange_rate_date``) replaces the toolkit's dated rate. The carry-over is a
    decay a week (``socialplaybook.rules.carryover``).
    """

    people: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    hours_per_week: float | None = Field(default=None, ge=0,
                                         le=HOURS_IN_A_WEEK * MAX_PEOPLE, allow_inf_nan=False)
    hourly_staff_cost: float | None = Field(default=None, ge=0, le=MAX_HOURLY_COST,
                                            allow_inf_nan=False)
    monthly_costs: MonthlyCosts = Field(default_factory=MonthlyCosts)
    paid_budget: float = _money(default=0.0)
    only_increase: bool = False
    outcome: Outcome | None = None
    value_per_sale: float | None = Field(default=None, ge=0, le=MAX_MONEY_PER_MONTH,
                                         allow_inf_nan=False)
    response_unit: ShortText = ""  # the team's name for a result ("": the outcome's own)
    exchange_rate_per_usd: float | None = Field(default=None, gt=0, le=MAX_EXCHANGE_RATE,
                                                allow_inf_nan=False)
    exchange_rate_date: date | None = None
    carry_over_per_week: float = Field(default=DEFAULT_CARRY_OVER_PER_WEEK, ge=0,
                                       le=MAX_CARRY_OVER, allow_inf_nan=False)
    platforms: list[PlatformBudget] = Field(default_factory=list, max_length=MAX_PLATFORMS)

    @field_validator("response_unit")
    @classmethod
    def _one_line(cls, unit: str) -> str:
        return " ".join(unit.split())

    @model_validator(mode="after")
    def _consistent(self) -> BudgetInputs:
        check_people_and_hours(self.people, self.hours_per_week)
        ids = [item.id for item in self.platforms]
        if len(ids) != len(set(ids)):
            raise ValueError(_("A platform is listed twice."))
        if (self.exchange_rate_per_usd is None) != (self.exchange_rate_date is None):
            raise ValueError(_("Give the exchange rate and the date it is from together (or "
                               "neither, to use the toolkit's dated rate)."))
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
