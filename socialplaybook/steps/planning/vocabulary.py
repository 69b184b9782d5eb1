"""Planning's vocabulary: activities, departments, RACI letters, limits and the defaults
of the team's assumptions, with the names the app shows.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from socialplaybook.rules.i18n import _

# A segment's age bands are those of the platform data (datasets/platform_usage.csv) for
# the segment's region code: Pew Research Center's for "US", Eurostat's for "EU", ARD/ZDF's
# for "DE", none for "NO", "GE" and "CN" (their sources give overall shares only). Segments
# stored before the code existed used Pew's bands: they read as "US".
LEGACY_BAND_REGION = "US"

GoalUnit = Literal["number", "percent"]
GOAL_UNITS: tuple[str, ...] = get_args(GoalUnit)

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
LONG_TEXT_MAX_CHARS = 1000  # what a segment needs from us
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
