"""The KPI step's vocabulary (stages, levels, data sources, cadences), limits and the
toolkit's starting assumptions.
"""

from __future__ import annotations

import secrets
from typing import Literal, get_args

from socialplaybook.rules.i18n import _

Stage = Literal["see", "think", "do", "care"]
STAGES: tuple[str, ...] = get_args(Stage)
Level = Literal["outcome", "driver", "activity"]
LEVELS: tuple[str, ...] = get_args(Level)
DataSource = Literal["platform_analytics", "web_analytics", "crm", "survey", "listening_tool",
                     "search_console"]
DATA_SOURCES: tuple[str, ...] = get_args(DataSource)
Direction = Literal["up", "down"]
Cadence = Literal["weekly", "monthly", "quarterly"]
CADENCES: tuple[str, ...] = get_args(Cadence)

# -- limits and the toolkit's starting assumptions ---------------------------------------

MAX_KPIS = 60
MAX_KPI_VALUE = 1e12
MAX_HORIZON_MONTHS = 60
MAX_MONEY_PER_MONTH = 1e9
MAX_VALUE_PER_CONVERSION = 1e9
MAX_CONVERSIONS_PER_MONTH = 1e7
MAX_CARRY_OVER_PERCENT_PER_WEEK = 90.0
MAX_CARRY_OVER_PERCENT = MAX_CARRY_OVER_PERCENT_PER_WEEK  # the name the KPI app imports
MAX_GROWTH_PERCENT_PER_MONTH = 50.0
MAX_GROWTH_CEILING_MULTIPLE = 20.0
MAX_DECLINE_PERCENT_PER_MONTH = 50.0
MAX_ROI_MONTHS = 60
# No growth and no decline unless the team assumes them: the projection starts from what
# a month's effort brings, and only the team's own assumptions change that.
DEFAULT_GROWTH_PERCENT_PER_MONTH = 0.0
DEFAULT_ROI_MONTHS = 24



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
            "survey": _("Survey (e.g. 'how did you hear about us?')"),
            "listening_tool": _("Social listening tool (mentions of you and your competitors)"),
            "search_console": _("Google Search Console or Google Trends (searches for your "
                                "name)")}


def cadence_labels() -> dict[str, str]:
    """How often a KPI is reviewed."""
    return {"weekly": _("Weekly"), "monthly": _("Monthly"), "quarterly": _("Quarterly")}


def new_kpi_id() -> str:
    """A fresh id for a KPI: unique across laptops without asking."""
    return f"k-{secrets.token_hex(4)}"
