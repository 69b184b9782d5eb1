"""Reach, the secondary view: organic impressions a month ``followers × organic reach rate
× posts a month``; paid impressions at the CPM ``spend / CPM × 1000`` and on the
impressions curve. The paid budget is split for the team's outcome (``outcomes.py``),
never for impressions; the CPM is in the plan's currency (converted from the cited US
dollars, ``lines.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialplaybook.rules.i18n import _
from socialplaybook.steps.budget.limits import WEEKS_PER_MONTH

if TYPE_CHECKING:  # for annotations only: lines.py imports this module
    from socialplaybook.steps.budget.lines import PlatformLine

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
    """One platform's impressions a month: organic, paid at the CPM and paid on the
    impressions curve (None: not known)."""

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
    on_curve = line.impressions_curve.response(spend) if line.impressions_curve else None
    return Reach(line.platform, organic, paid, on_curve)
