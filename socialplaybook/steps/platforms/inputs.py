"""What the scoring reads of the team: audience, formats, goals and hours, from planning
unless the team set them here, and the platform profiles with the team's own judgements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.datasets import region_age_bands
from socialplaybook.rules.capacity import DEFAULT_WORK_WEEK_HOURS
from socialplaybook.rules.vocabulary import platform_id
from socialplaybook.steps.platforms.profiles import PlatformProfile, load_platform_profiles
from socialplaybook.steps.platforms.section import PlatformsSection


@dataclass(frozen=True)
class TeamInputs:
    """What the scores are computed from, each taken from this step or from planning.

    ``from_planning`` names the inputs that came from the planning section (the others
    are the team's answer here, or not given). ``work_week_hours`` is planning's working
    week (the hours are counted in full-time equivalents of it); ``locale`` how the team
    writes numbers; ``reach_estimates`` the team's own reach of platforms without a figure
    (platform id, percent, source).
    """

    region_code: str | None = None
    age_bands: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    business_results: tuple[str, ...] = ()
    people: int | None = None
    hours_per_week: float | None = None
    goals: tuple[tuple[str, str], ...] = ()  # planning goals: (id, label)
    from_planning: tuple[str, ...] = ()
    work_week_hours: float = DEFAULT_WORK_WEEK_HOURS
    locale: str = "en"
    reach_estimates: tuple[tuple[str, float, str], ...] = ()

    def origin(self, name: str, section: PlatformsSection) -> str:
        """Where input ``name`` comes from: "planning", "here" (the team's value in this
        step) or "" (nobody gave it)."""
        if name in self.from_planning:
            return "planning"
        fields = {"audience": ("region_code", "age_bands", "kinds")}.get(name, (name,))
        return "here" if any(getattr(section, f) is not None for f in fields) else ""


def team_inputs(section: PlatformsSection, planning=None, locale: str = "en") -> TeamInputs:
    """The inputs the scores use: this step's answers, else the planning section's.

    Each of the audience, the business results, the people and the hours follows
    planning while this step's field is None (the team has not overridden it here).
    """
    from_planning: list[str] = []
    segments = list(getattr(planning, "audience", []) or [])
    goals = list(getattr(planning, "goals", []) or [])
    resources = list(getattr(planning, "resources", []) or [])
    audience_set = (section.region_code is not None or section.age_bands is not None
                    or section.kinds is not None)
    if audience_set:
        region, bands, kinds = (section.region_code, tuple(section.age_bands or ()),
                                tuple(section.kinds or ()))
    else:
        with_bands = [s for s in segments if s.region_code]
        region = with_bands[0].region_code if with_bands else None
        known = region_age_bands(region) if region else ()
        chosen = {b for s in with_bands if s.region_code == region for b in s.age_bands}
        bands = tuple(b for b in known if b in chosen)
        kinds = tuple(k for k in ("B2B", "B2C") if any(s.kind == k for s in segments))
        if segments:
            from_planning.append("audience")
    if section.business_results is not None:
        results = tuple(section.business_results)
    else:
        results = tuple(dict.fromkeys(g.business_result for g in goals if g.business_result))
        if results:
            from_planning.append("business_results")
    people, hours = section.people, section.hours_per_week
    if people is None and resources:
        people = sum(r.people for r in resources)
        from_planning.append("people")
    if hours is None and resources:
        hours = float(sum(r.hours_per_week for r in resources))
        from_planning.append("hours_per_week")
    goal_labels = tuple((g.id, g.metric or g.business_result or g.id) for g in goals)
    week = getattr(planning, "work_week_hours", None) or DEFAULT_WORK_WEEK_HOURS
    estimates = tuple((e.id, e.share_percent, e.source) for e in section.reach_estimates)
    return TeamInputs(region, bands, kinds, tuple(section.formats), results, people, hours,
                      goal_labels, tuple(from_planning), week, locale, estimates)


def team_profiles(section: PlatformsSection,
                  data: Sequence[PlatformProfile] | None = None) -> list[PlatformProfile]:
    """Every platform the team considers: the data's, then the team's own, with its edits.

    A typed platform the data has (any case) is the data's; one it does not have is kept
    with ``in_data`` False and only the values the team gave.
    """
    data = load_platform_profiles() if data is None else data
    profiles = {p.id: p for p in data}
    for name in section.custom_platforms:
        pid = platform_id(name)
        if pid not in profiles:
            profiles[pid] = PlatformProfile(platform=name, in_data=False)
    editable = JUDGEMENT_FIELDS
    for judgement in section.judgements:
        base = profiles.get(judgement.id)
        if base is None:
            continue
        changes = {}
        for name in editable:
            value = getattr(judgement, name)
            if value is None:
                continue
            changes[name] = tuple(value) if isinstance(value, list) else value
        if changes:
            profiles[judgement.id] = _replace(base, **changes,
                                              edited=tuple(sorted(changes)))
    return list(profiles.values())


# The values of a platform the team may replace with its own, and the criteria they feed.
JUDGEMENT_FIELDS: tuple[str, ...] = ("formats", "b2b_strength", "b2c_strength", "good_for",
                                     "hours_per_week", "cadence", "tone")
CRITERION_FIELDS: dict[str, tuple[str, ...]] = {
    "formats": ("formats",), "goals": ("b2b_strength", "b2c_strength", "good_for"),
    "hours": ("hours_per_week",)}


def value_origin(profile: PlatformProfile, criterion: str) -> str | None:
    """Whose values a criterion of ``profile`` rests on, for the breakdown to say.

    "team" (every value it uses is the team's), "partly_team", "judgement" (the toolkit's
    judgement, marked so in ``platforms.csv``), or None: measured data (reach) or nothing.
    """
    fields = CRITERION_FIELDS.get(criterion, ())
    edited = [f for f in fields if f in profile.edited]
    if edited:
        given = [f for f in fields if getattr(profile, f) is not None]
        return "team" if set(given) <= set(edited) else "partly_team"
    if any(f in profile.judgement for f in fields):
        return "judgement"
    return None


def _replace(profile: PlatformProfile, **changes) -> PlatformProfile:
    from dataclasses import replace

    return replace(profile, **changes)
