"""What the engagement step reads of the other steps: planning's goals, audience segments and
their needs, RACI, people and hours; the platforms step's chosen platforms with their roles,
cadence and tone; the budget step's time per platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import business_result_labels, platform_id
from socialplaybook.steps.platforms.portfolio import active_choices


@dataclass(frozen=True)
class Segment:
    """A planning audience segment as this step shows it."""

    id: str
    label: str
    needs: str


@dataclass(frozen=True)
class ChosenPlatform:
    """A platform the platforms step chose to run (not "reserve the handle only")."""

    id: str
    platform: str
    role: str
    cadence: str
    tone: str


@dataclass(frozen=True)
class EngagementInputs:
    """What the step reads of the team's plan (empty where a step is not done yet)."""

    team: str = ""
    goals: tuple[tuple[str, str], ...] = ()  # id, label
    segments: tuple[Segment, ...] = ()
    raci: Any = None  # planning's RACI, or None
    resources: dict[str, tuple[int, float]] = field(default_factory=dict)  # dept: people, h
    platforms: tuple[ChosenPlatform, ...] = ()
    planning: Any = None
    platforms_section: Any = None
    budget: Any = None


def goal_labels(goals) -> list[tuple[str, str]]:
    """Each goal's id and how the apps name it (its metric, else its result, else "Goal n")."""
    results = business_result_labels()
    return [(g.id, g.metric.strip() or (results[g.business_result] if g.business_result
                                        else "") or _("Goal {n}").format(n=n))
            for n, g in enumerate(goals, start=1)]


def engagement_inputs(plan: Any) -> EngagementInputs:
    """What the engagement step reads of ``plan`` (None: nothing)."""
    if plan is None:
        return EngagementInputs()
    planning = getattr(plan, "planning", None)
    platforms = getattr(plan, "platforms", None)
    segments = tuple(
        Segment(s.id, s.name.strip() or _("Segment {n}").format(n=n), s.needs.strip())
        for n, s in enumerate(getattr(planning, "audience", []) or [], start=1))
    resources = {r.department: (r.people, r.hours_per_week)
                 for r in getattr(planning, "resources", []) or []}
    chosen = tuple(ChosenPlatform(c.id, c.platform, c.role, c.cadence, c.tone)
                   for c in active_choices(getattr(platforms, "choices", []) or []))
    return EngagementInputs(
        team=getattr(plan, "team", ""),
        goals=tuple(goal_labels(getattr(planning, "goals", []) or [])),
        segments=segments, raci=getattr(planning, "raci", None), resources=resources,
        platforms=chosen, planning=planning, platforms_section=platforms,
        budget=getattr(plan, "budget", None))


def platform_names(platforms_section: Any) -> dict[str, str]:
    """Every platform the platforms step knows by id: the data's, the team's own, the chosen."""
    from socialplaybook.steps.platforms.profiles import load_platform_profiles

    names = {p.id: p.platform for p in load_platform_profiles()}
    for name in getattr(platforms_section, "custom_platforms", []) or []:
        names[platform_id(name)] = name
    for choice in getattr(platforms_section, "choices", []) or []:
        names[choice.id] = choice.platform
    return names
