"""The budget's limits, activities and rule constants (absurdly large numbers are refused
at the field, with these in the message).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from socialplaybook.rules.i18n import _

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
MAX_EXCHANGE_RATE = 1e6  # units of the plan's currency for one US dollar
THETA_MAX = 0.9  # the carry-over's bound (rules.carryover.MAX_CARRY_OVER): the app imports it
MAX_SCENARIOS = 12
MAX_HISTORY_POINTS = 120
MIN_HISTORY_POINTS = 4
SHAPE_FIT_POINTS = 6  # fewer points: the shape is kept and only beta and k are fitted
SCENARIO_NAME_MAX_CHARS = 60
DP_STEPS = 160  # the optimiser's grid: steps of the money above the minimums
MONTHS_SHOWN = 12

CurveSource = Literal["default", "team", "fitted"]
# What the paid budget is split to bring: leads, sales, or the money value of the sales.
Outcome = Literal["leads", "sales", "value"]
OUTCOMES: tuple[str, ...] = ("leads", "sales", "value")
# What a month of social media costs besides staff time and the paid budget (not the RACI
# activities of planning: those are tasks, these are lines of the budget).
COST_ITEMS: tuple[str, ...] = ("listening_tools", "content_production", "publishing_tools",
                               "community_management", "training")


def cost_item_labels() -> dict[str, str]:
    """The name of each monthly activity amount (paid promotion is the paid budget)."""
    return {"listening_tools": _("Listening tools"),
            "content_production": _("Content production"),
            "publishing_tools": _("Publishing tools"),
            "community_management": _("Community management and answering"),
            "training": _("Training")}


def _money(**kwargs) -> float:
    return Field(ge=0, le=MAX_MONEY_PER_MONTH, allow_inf_nan=False, **kwargs)
