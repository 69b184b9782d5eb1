"""Platform selection: go where your audience is, with no more accounts than you can run.

The articles: treating every network the same is a mistake (each has its customs, tone,
audience and formats); social media is not only for the young; you need not be on
Facebook, only where your audience is, but reserve your handle everywhere; one person
runs 2-4 accounts well, so focus. This module holds the platforms section of the Plan
and the arithmetic the app shows: every number of a score can be read in its breakdown.

The score of a platform (0-100) is a weighted mean of four criteria, each a value 0-1:

* ``reach``: the share of people in the team's age bands who use the platform
  (``platform_usage.csv``, the latest year per band, the mean over the bands that have a
  figure; with no bands chosen, the share of all adults). 65 % -> 0.65.
* ``formats``: the share of the formats the platform favours that the team can produce
  (``platforms.csv``). Favours short video and live, team makes short video -> 0.5.
* ``goals``: the mean of two parts, each left out when unknown: how well the platform
  serves the team's audience kinds (B2B/B2C strength 0-3, divided by 3, mean over the
  kinds) and the share of the team's business results it is good for.
* ``hours``: 1 - (hours the platform needs per week / the team's hours per week),
  at least 0. Needs 4 of 10 hours -> 0.6.

``score = 100 * sum(weight * value) / sum(weight)``, both sums over the criteria that
have a value for that platform. A criterion without a value (a cell the data does not
give, a band without a figure, formats not chosen yet) is **left out**, never counted as
0, and the breakdown says why. All weights 0: nothing can be ranked. Equal scores are
ties: shown in name order and marked.

The recommended portfolio takes platforms best score first while they fit the team's
hours per week and ``ACCOUNTS_PER_PERSON_MAX`` accounts per person, and have a score of
at least ``MIN_SCORE_TO_RECOMMEND`` (the toolkit's judgement, stated in the reason).
Go where your audience is: when reach counts and the data has figures for the team's
audience, a platform without one is not recommended (the team may still add it).
A "reserve the handle only" choice costs no hours and is not an account to run.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import Field, field_validator, model_validator

from socialplaybook.checks import (
    HOURS_IN_A_WEEK,
    Check,
    more_hours_than_people_have,
)
from socialplaybook.checks import error as _error
from socialplaybook.checks import ok as _ok
from socialplaybook.checks import todo as _todo
from socialplaybook.checks import warning as _warning
from socialplaybook.data import (
    ALL_AGES,
    DATA_DIR,
    age_band_bounds,
    cell_list,
    cell_number,
    load_platform_usage,
    read_platform_table,
    region_age_bands,
)
from socialplaybook.i18n import _, ngettext
from socialplaybook.sections import Section

# -- vocabularies ------------------------------------------------------------------------

ContentFormat = Literal["short_video", "long_video", "images", "text", "live", "messaging"]
CONTENT_FORMATS: tuple[str, ...] = get_args(ContentFormat)

Criterion = Literal["reach", "formats", "goals", "hours"]
CRITERIA: tuple[str, ...] = get_args(Criterion)

Role = Literal["primary", "secondary", "handle_only"]
ROLES: tuple[str, ...] = get_args(Role)

AudienceKind = Literal["B2B", "B2C"]
BusinessResult = Literal[
    "revenue", "leads", "retention", "service_cost", "reputation", "hiring", "other"]

# -- rule constants ------------------------------------------------------------------------

ACCOUNTS_PER_PERSON_MIN, ACCOUNTS_PER_PERSON_MAX = 2, 4  # seed 000: 2-4 accounts well
MIN_SCORE_TO_RECOMMEND = 40.0  # the toolkit's judgement: below it, a weak fit
STRENGTH_MAX = 3
WEIGHT_MAX = 10
DEFAULT_WEIGHTS = {"reach": 3, "formats": 2, "goals": 2, "hours": 1}  # a starting point
MAX_PEOPLE = 10_000
MAX_PLATFORMS = 40
SHORT_TEXT_MAX_CHARS = 120

ShortText = Annotated[str, Field(max_length=SHORT_TEXT_MAX_CHARS)]
ItemId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


def format_labels() -> dict[str, str]:
    """The display name of each content format."""
    return {"short_video": _("Short video"), "long_video": _("Long video"),
            "images": _("Images"), "text": _("Text"), "live": _("Live"),
            "messaging": _("Messaging")}


def criterion_labels() -> dict[str, str]:
    """The display name of each scoring criterion."""
    return {"reach": _("Audience reach"), "formats": _("Format fit"),
            "goals": _("Goal fit"), "hours": _("Hours it costs")}


def role_labels() -> dict[str, str]:
    """The display name of each role a chosen platform can have."""
    return {"primary": _("Primary"), "secondary": _("Secondary"),
            "handle_only": _("Reserve the handle only")}


def platform_id(name: str) -> str:
    """A stable id for a platform name (the key of choices and handles): "X" -> "x".

    Names with no Latin letters or digits (微信) get ``p-`` and a checksum of the name.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40]
    if not slug:
        slug = f"p-{zlib.crc32(name.strip().casefold().encode()):08x}"
    return slug


# -- the data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlatformProfile:
    """What is known about one platform; None for a cell nobody gives.

    ``in_data`` is False for a platform the team typed that the data does not have.
    ``judgement`` names the fields that are the toolkit's (or the team's) judgement;
    ``edited`` those the team changed.
    """

    platform: str
    formats: tuple[str, ...] | None = None
    b2b_strength: int | None = None
    b2c_strength: int | None = None
    good_for: tuple[str, ...] | None = None
    cadence: str | None = None
    hours_per_week: float | None = None
    cpm_low_usd: float | None = None
    cpm_high_usd: float | None = None
    cpm_source: str | None = None
    tone: str | None = None
    judgement: tuple[str, ...] = ()
    in_data: bool = True
    edited: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return platform_id(self.platform)


PLATFORM_COLUMNS = ("platform", "formats", "b2b_strength", "b2c_strength", "good_for",
                    "cadence", "hours_per_week", "cpm_low_usd", "cpm_high_usd", "cpm_source",
                    "tone", "judgement")
_LIST_COLUMNS = ("formats", "good_for", "judgement")
_INT_COLUMNS = ("b2b_strength", "b2c_strength")
_FLOAT_COLUMNS = ("hours_per_week", "cpm_low_usd", "cpm_high_usd")


@functools.lru_cache(maxsize=4)
def load_platform_profiles(path: Path | None = None) -> tuple[PlatformProfile, ...]:
    """The rows of ``datasets/platforms.csv``, typed and checked; empty cells are None.

    Raises ValueError naming the file and line for wrong columns, an unknown format or
    business result, a strength outside 0-3, a negative number, a CPM range that ends
    before it starts, a CPM without its source, or a platform given twice.
    """
    path = path or DATA_DIR / "platforms.csv"
    results = get_args(BusinessResult)
    profiles: list[PlatformProfile] = []
    for where, cells in read_platform_table(path, PLATFORM_COLUMNS, platform_id):
        values: dict = {"platform": cells["platform"]}
        for column in PLATFORM_COLUMNS[1:]:
            cell = cells[column]
            if cell is None:
                values[column] = () if column == "judgement" else None
            elif column in _LIST_COLUMNS:
                values[column] = cell_list(cell)
            elif column in _INT_COLUMNS or column in _FLOAT_COLUMNS:
                values[column] = cell_number(cell, column, where, whole=column in _INT_COLUMNS)
            else:
                values[column] = cell
        profile = PlatformProfile(**values)
        _check_profile(profile, where, results)
        profiles.append(profile)
    return tuple(profiles)


def _check_profile(profile: PlatformProfile, where: str, results: Sequence[str]) -> None:
    if profile.formats and set(profile.formats) - set(CONTENT_FORMATS):
        raise ValueError(f"{where}: unknown format in {', '.join(profile.formats)}")
    if profile.good_for and set(profile.good_for) - set(results):
        raise ValueError(f"{where}: unknown business result in {', '.join(profile.good_for)}")
    for strength in (profile.b2b_strength, profile.b2c_strength):
        if strength is not None and strength > STRENGTH_MAX:
            raise ValueError(f"{where}: a strength must be 0-{STRENGTH_MAX}")
    low, high = profile.cpm_low_usd, profile.cpm_high_usd
    if (low is None) != (high is None):
        raise ValueError(f"{where}: give both ends of the CPM range or neither")
    if low is not None and (high < low or not profile.cpm_source):
        raise ValueError(f"{where}: the CPM range ends before it starts or has no source")
    unknown = set(profile.judgement) - set(PLATFORM_COLUMNS)
    if unknown:
        raise ValueError(f"{where}: judgement names unknown columns {', '.join(unknown)}")


# -- the section -----------------------------------------------------------------------------


class Weights(Section):
    """How much each criterion counts (0-10 each; all 0: nothing can be ranked)."""

    reach: float = Field(default=DEFAULT_WEIGHTS["reach"], ge=0, le=WEIGHT_MAX,
                         allow_inf_nan=False)
    formats: float = Field(default=DEFAULT_WEIGHTS["formats"], ge=0, le=WEIGHT_MAX,
                           allow_inf_nan=False)
    goals: float = Field(default=DEFAULT_WEIGHTS["goals"], ge=0, le=WEIGHT_MAX,
                         allow_inf_nan=False)
    hours: float = Field(default=DEFAULT_WEIGHTS["hours"], ge=0, le=WEIGHT_MAX,
                         allow_inf_nan=False)

    def as_dict(self) -> dict[str, float]:
        return {criterion: getattr(self, criterion) for criterion in CRITERIA}


class PlatformJudgement(Section):
    """The team's own values for a platform, over the data's (None: keep the data's).

    For a platform the data does not have, these are all that is known about it.
    """

    id: ItemId
    platform: ShortText
    formats: list[ContentFormat] | None = None
    b2b_strength: int | None = Field(default=None, ge=0, le=STRENGTH_MAX)
    b2c_strength: int | None = Field(default=None, ge=0, le=STRENGTH_MAX)
    good_for: list[BusinessResult] | None = None
    hours_per_week: float | None = Field(default=None, ge=0, le=HOURS_IN_A_WEEK,
                                         allow_inf_nan=False)
    cadence: ShortText | None = None
    tone: ShortText | None = None


class PlatformChoice(Section):
    """A platform the team chose: its role, the goal it serves, its cadence and tone."""

    id: ItemId
    platform: ShortText
    role: Role = "secondary"
    goal_id: str = ""  # a planning goal's id ("" for none)
    cadence: ShortText = ""
    tone: ShortText = ""


class PlatformsSection(Section):
    """The platforms step of the Plan.

    The audience (``region_code``, ``age_bands``, ``kinds``), ``business_results`` and the
    capacity (``people``, ``hours_per_week``) are None while the team takes them from its
    planning section; set, they are the team's answer here.
    """

    region_code: str | None = None
    age_bands: list[ShortText] | None = None
    kinds: list[AudienceKind] | None = None
    formats: list[ContentFormat] = Field(default_factory=list)
    business_results: list[BusinessResult] | None = None
    people: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    hours_per_week: float | None = Field(default=None, ge=0,
                                         le=HOURS_IN_A_WEEK * MAX_PEOPLE, allow_inf_nan=False)
    weights: Weights = Field(default_factory=Weights)
    custom_platforms: list[ShortText] = Field(default_factory=list, max_length=MAX_PLATFORMS)
    judgements: list[PlatformJudgement] = Field(default_factory=list, max_length=MAX_PLATFORMS)
    choices: list[PlatformChoice] = Field(default_factory=list, max_length=MAX_PLATFORMS)
    handles: dict[str, bool] = Field(default_factory=dict)

    @field_validator("custom_platforms")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        cleaned = [" ".join(name.split()) for name in names]
        if any(not name for name in cleaned):
            raise ValueError(_("A platform needs a name."))
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _consistent(self) -> PlatformsSection:
        if self.region_code is not None and self.age_bands:
            known = region_age_bands(self.region_code)
            unknown = [band for band in self.age_bands if band not in known]
            if unknown:
                raise ValueError(_("'{band}' is not an age band of the {code} data (one of: "
                                   "{known}).").format(band=unknown[0], code=self.region_code,
                                                       known=", ".join(known) or "-"))
        if self.people == 0 and self.hours_per_week:
            raise ValueError(_("Enter how many people first: with nobody there are no hours "
                               "to give."))
        if self.people and self.hours_per_week and (
                self.hours_per_week > HOURS_IN_A_WEEK * self.people):
            raise ValueError(more_hours_than_people_have(self.people))
        for field_name in ("choices", "judgements"):
            ids = [item.id for item in getattr(self, field_name)]
            if len(ids) != len(set(ids)):
                raise ValueError(_("A platform is listed twice."))
        return self


# -- the team's inputs -----------------------------------------------------------------------


@dataclass(frozen=True)
class TeamInputs:
    """What the scores are computed from, each taken from this step or from planning.

    ``from_planning`` names the inputs that came from the planning section.
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


def team_inputs(section: PlatformsSection, planning=None) -> TeamInputs:
    """The inputs the scores use: this step's answers, else the planning section's."""
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
    return TeamInputs(region, bands, kinds, tuple(section.formats), results, people, hours,
                      goal_labels, tuple(from_planning))


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


# -- reach -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BandShare:
    """One figure of reach: the share of a band using a platform, and who measured it."""

    band: str
    share_percent: float | None
    source: str = ""
    year: int | None = None


def band_shares(platform: str, region_code: str | None, bands: Sequence[str],
                usage=None) -> list[BandShare]:
    """The share of each band (or of all adults with no bands) using ``platform``.

    The latest year the data has for each band; a band without a figure has
    ``share_percent`` None.
    """
    usage = load_platform_usage() if usage is None else usage
    wanted = tuple(bands) or (ALL_AGES,)
    found = []
    key = platform.casefold()
    for band in wanted:
        rows = [r for r in usage if r.region == region_code and r.age_band == band
                and r.platform.casefold() == key]
        if rows:
            row = max(rows, key=lambda r: r.year)
            found.append(BandShare(band, row.share_percent, row.source, row.year))
        else:
            found.append(BandShare(band, None))
    return found


# -- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionScore:
    """One criterion of one platform: its value 0-1 (None: left out), weight and why."""

    criterion: str
    value: float | None
    weight: float
    note: str
    contribution: float = 0.0  # points of the 0-100 score it adds


@dataclass(frozen=True)
class PlatformScore:
    """A platform's score (None: nothing to score it on) and its breakdown."""

    platform: str
    score: float | None
    criteria: tuple[CriterionScore, ...]
    in_data: bool = True
    tied: bool = False

    @property
    def id(self) -> str:
        return platform_id(self.platform)

    @property
    def left_out(self) -> tuple[str, ...]:
        return tuple(c.criterion for c in self.criteria if c.value is None)


@dataclass(frozen=True)
class Ranking:
    """Every platform's score, best first; ``rankable`` False when all weights are 0."""

    scores: tuple[PlatformScore, ...]
    rankable: bool
    message: str = ""


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _reach(profile: PlatformProfile, inputs: TeamInputs, usage) -> tuple[float | None, str]:
    if inputs.region_code is None:
        return None, _("no region chosen: reach left out")
    shares = band_shares(profile.platform, inputs.region_code, inputs.age_bands, usage)
    known = [s for s in shares if s.share_percent is not None]
    missing = [s.band for s in shares if s.share_percent is None]
    label = {ALL_AGES: _("all adults")}
    if not known:
        bands = ", ".join(label.get(b, b) for b in missing)
        return None, _("no {region} figure for {bands}: reach left out").format(
            region=inputs.region_code, bands=bands)
    value = sum(s.share_percent for s in known) / len(known) / 100
    parts = [f"{label.get(s.band, s.band)} {_pct(s.share_percent)} ({s.source} {s.year})"
             for s in known]
    note = "; ".join(parts)
    if len(known) > 1:
        note = _("mean {value}: {parts}").format(value=_pct(value * 100), parts=note)
    if missing:
        note += "; " + _("no figure for {bands} (not counted)").format(
            bands=", ".join(missing))
    return value, note


def _formats(profile: PlatformProfile, inputs: TeamInputs) -> tuple[float | None, str]:
    if not inputs.formats:
        return None, _("no formats chosen yet: left out")
    if not profile.formats:
        return None, _("favoured formats not known: left out")
    labels = format_labels()
    can = [f for f in profile.formats if f in inputs.formats]
    value = len(can) / len(profile.formats)
    return value, _("you make {can} of its {n} formats ({names})").format(
        can=len(can), n=len(profile.formats),
        names=", ".join(labels.get(f, f) for f in profile.formats))


def _goals(profile: PlatformProfile, inputs: TeamInputs) -> tuple[float | None, str]:
    parts: list[float] = []
    notes: list[str] = []
    strengths = {"B2B": profile.b2b_strength, "B2C": profile.b2c_strength}
    if inputs.kinds:
        known = {k: strengths[k] for k in inputs.kinds if strengths.get(k) is not None}
        if known:
            parts.append(sum(known.values()) / len(known) / STRENGTH_MAX)
            notes.append(", ".join(f"{k} {v}/{STRENGTH_MAX}" for k, v in known.items()))
        else:
            notes.append(_("{kinds} strength not known").format(kinds="/".join(inputs.kinds)))
    results = [r for r in inputs.business_results if r != "other"]
    if results:
        if profile.good_for is None:
            notes.append(_("what it is good for not known"))
        else:
            good = [r for r in results if r in profile.good_for]
            parts.append(len(good) / len(results))
            notes.append(_("good for {good} of your {n} results").format(
                good=len(good), n=len(results)))
    if not parts:
        if not inputs.kinds and not results:
            return None, _("no B2B/B2C or goals given yet: left out")
        return None, "; ".join(notes) + ": " + _("left out")
    return sum(parts) / len(parts), "; ".join(notes)


def _hours(profile: PlatformProfile, inputs: TeamInputs) -> tuple[float | None, str]:
    if profile.hours_per_week is None:
        return None, _("hours to run it not known: left out")
    if not inputs.hours_per_week:
        return None, _("your hours per week not given: left out")
    value = max(0.0, 1 - profile.hours_per_week / inputs.hours_per_week)
    return value, _("needs {need} of your {have} h a week").format(
        need=f"{profile.hours_per_week:g}", have=f"{inputs.hours_per_week:g}")


def score_platform(profile: PlatformProfile, inputs: TeamInputs,
                   weights: dict[str, float], usage=None) -> PlatformScore:
    """One platform's score and breakdown (see the module docstring for the formula)."""
    usage = load_platform_usage() if usage is None else usage
    found = {"reach": _reach(profile, inputs, usage), "formats": _formats(profile, inputs),
             "goals": _goals(profile, inputs), "hours": _hours(profile, inputs)}
    if not profile.in_data:
        found["reach"] = (None, _("no data for this platform: reach left out"))
    counted = {c: (v, weights.get(c, 0)) for c, (v, _n) in found.items()
               if v is not None and weights.get(c, 0) > 0}
    total_weight = sum(weight for _v, weight in counted.values())
    criteria = []
    for criterion in CRITERIA:
        value, note = found[criterion]
        weight = weights.get(criterion, 0)
        contribution = (100 * weight * value / total_weight
                        if value is not None and weight > 0 and total_weight else 0.0)
        criteria.append(CriterionScore(criterion, value, weight, note, contribution))
    score = (100 * sum(v * wt for v, wt in counted.values()) / total_weight
             if total_weight else None)
    return PlatformScore(profile.platform, score, tuple(criteria), profile.in_data)


def rank_platforms(profiles: Iterable[PlatformProfile], inputs: TeamInputs,
                   weights: dict[str, float], usage=None) -> Ranking:
    """Every platform scored, best first; ties (equal to 0.01) in name order, marked.

    Platforms missing a weighted criterion that others have (a reach figure) come after
    those scored on every criterion: 83 on three criteria does not beat 64 on four.
    """
    if not any(weights.get(c, 0) > 0 for c in CRITERIA):
        return Ranking((), False, _("All weights are 0: nothing can be ranked. Give at least "
                                    "one criterion a weight."))
    scores = [score_platform(p, inputs, weights, usage) for p in profiles]
    # A platform scored without a weighted criterion that others have a figure for (no
    # reach figure for these ages in this region) is not compared like for like: it is
    # ranked after the platforms scored on everything, with its score and the reason.
    known = {c.criterion for s in scores for c in s.criteria if c.value is not None}

    def partial(score: PlatformScore) -> bool:
        return any(c.value is None and c.weight > 0 and c.criterion in known
                   for c in score.criteria)

    scores.sort(key=lambda s: (s.score is None, partial(s), -round(s.score or 0, 2),
                               s.platform.casefold()))
    rounded = [round(s.score, 2) if s.score is not None else None for s in scores]
    tied = []
    for index, score in enumerate(scores):
        same = score.score is not None and (
            (index > 0 and rounded[index - 1] == rounded[index])
            or (index + 1 < len(scores) and rounded[index + 1] == rounded[index]))
        tied.append(_replace_score(score, same))
    return Ranking(tuple(tied), True)


def _replace_score(score: PlatformScore, tied: bool) -> PlatformScore:
    from dataclasses import replace

    return replace(score, tied=tied)


# -- capacity and the portfolio ----------------------------------------------------------------


def max_accounts(people: int | None) -> int | None:
    """How many accounts the team's people can run well (4 each; None when unknown)."""
    return None if people is None else ACCOUNTS_PER_PERSON_MAX * people


@dataclass(frozen=True)
class PortfolioLine:
    """A platform in or out of the recommended portfolio, and the one-line reason."""

    platform: str
    included: bool
    reason: str


def recommend(ranking: Ranking, profiles: Sequence[PlatformProfile],
              inputs: TeamInputs) -> list[PortfolioLine]:
    """The best platforms that fit the team's hours and accounts-per-person, with reasons."""
    if not ranking.rankable:
        return []
    by_name = {p.platform: p for p in profiles}
    limit = max_accounts(inputs.people)
    hours = inputs.hours_per_week
    used_hours, count = 0.0, 0
    lines = []
    reach_known = any(_value(s, "reach") is not None for s in ranking.scores)
    for score in ranking.scores:
        profile = by_name.get(score.platform)
        need = profile.hours_per_week if profile else None
        reach = next(c for c in score.criteria if c.criterion == "reach")
        if score.score is None:
            reason, ok = _("nothing to score it on yet"), False
        elif reach_known and reach.weight > 0 and reach.value is None:
            reason, ok = _("no figure of its reach in your audience: add it yourself if you "
                           "know they are there"), False
        elif score.score < MIN_SCORE_TO_RECOMMEND:
            reason, ok = _("score {s:.0f} is below {m:.0f}: a weak fit").format(
                s=score.score, m=MIN_SCORE_TO_RECOMMEND), False
        elif not inputs.people or not hours:
            reason, ok = _("no capacity given (people and hours per week)"), False
        elif need is None:
            reason, ok = _("hours to run it not known: add it yourself if you know them"), False
        elif limit is not None and count >= limit:
            reason, ok = _("{people} people run at most {limit} accounts well").format(
                people=inputs.people, limit=limit), False
        elif used_hours + need > hours:
            reason, ok = _("needs {need:g} h a week; {left:g} of your {hours:g} h are left"
                           ).format(need=need, left=hours - used_hours, hours=hours), False
        else:
            used_hours += need
            count += 1
            reason, ok = _("score {s:.0f}, {need:g} h a week ({used:g} of {hours:g} h used)"
                           ).format(s=score.score, need=need, used=used_hours,
                                    hours=hours), True
        lines.append(PortfolioLine(score.platform, ok, reason))
    return lines


def _value(score: PlatformScore, criterion: str) -> float | None:
    return next(c.value for c in score.criteria if c.criterion == criterion)


def active_choices(choices: Sequence[PlatformChoice]) -> list[PlatformChoice]:
    """The choices that are accounts to run (not "reserve the handle only")."""
    return [c for c in choices if c.role != "handle_only"]


def capacity_checks(choices: Sequence[PlatformChoice], profiles: Sequence[PlatformProfile],
                    inputs: TeamInputs) -> list[Check]:
    """Whether the chosen accounts fit the team's people and hours per week."""
    checks: list[Check] = []
    active = active_choices(choices)
    by_id = {p.id: p for p in profiles}
    people, hours = inputs.people, inputs.hours_per_week
    why_people = _("One professional can manage 2-4 accounts well (seed 000): focus.")
    if people is None:
        checks.append(_todo("people", _("Enter how many people run your accounts."),
                            why_people))
    elif people == 0:
        checks.append(_error("people", _("0 people: nobody can run an account."), why_people))
    else:
        limit = max_accounts(people)
        accounts = ngettext("{n} account", "{n} accounts", len(active)).format(n=len(active))
        team = ngettext("{n} person", "{n} people", people).format(n=people)
        if len(active) > limit:
            checks.append(_warning("accounts", _(
                "{accounts} to run is more than {people} can run well (at most {limit})."
            ).format(accounts=accounts, people=team, limit=limit), why_people))
        else:
            checks.append(_ok("accounts", _("{accounts} for {people} (at most {limit}).").format(
                accounts=accounts, people=team, limit=limit), why_people))
    why_hours = _("Social media is not free: each account needs hours every week.")
    needs = [by_id[c.id].hours_per_week if c.id in by_id else None for c in active]
    known = sum(n for n in needs if n is not None)
    unknown = [c.platform for c, n in zip(active, needs, strict=True) if n is None]
    if hours is None:
        checks.append(_todo("hours", _("Enter your hours per week."), why_hours))
    elif hours == 0:
        checks.append(_error("hours", _("0 hours a week: no account can be run."), why_hours))
    elif known > hours:
        checks.append(_warning("hours", _(
            "Your choice needs {need:g} h a week; you have {hours:g}.").format(
                need=known, hours=hours), why_hours))
    else:
        checks.append(_ok("hours", _("Your choice needs {need:g} of your {hours:g} h a week."
                                     ).format(need=known, hours=hours), why_hours))
    if unknown:
        checks.append(_todo("hours-unknown", _("Hours not known for {names}: enter them to "
                                               "check the fit.").format(
                                                   names=", ".join(unknown)), why_hours))
    return checks


def over_capacity(checks: Sequence[Check]) -> bool:
    """Whether the capacity checks say the choice exceeds what the team can run."""
    return any(c.key in ("accounts", "hours") and c.level == "warning" for c in checks)


# -- the myth panel ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MythFact:
    """A belief, the data that answers it (a sentence, then one point per figure), and a
    note on where the belief comes from."""

    belief: str
    answer: str
    points: tuple[str, ...] = ()
    note: str = ""

    def text(self) -> str:
        """Everything the panel says about the belief, as one text."""
        return " ".join([self.answer, *self.points, self.note]).strip()


OLDER_AGE = 65  # "only for the young": the data's bands from this age up
OLDER_PLATFORMS = ("YouTube", "Facebook")  # the two the myth panel quotes for them


def _population(row) -> str:
    """The row's population without its parenthesis: "US adults (18+)" -> "US adults"."""
    return re.sub(r"\s*\([^)]*\)", "", row.population).strip()


def _latest(rows):
    return max(rows, key=lambda r: r.year) if rows else None


def older_adults_figures(region_code: str | None = None, usage=None) -> list[str]:
    """Per region of the usage data, what it says about people aged 65 and over.

    For each region (the team's first): the latest share of its 65+ band (any band
    starting at 65 or later) on YouTube and Facebook. A region with no such band gets its
    overall figures instead (those two platforms, else whatever it measured overall),
    said as overall. A team region the data does not have is said to have no figures.
    """
    usage = load_platform_usage() if usage is None else usage
    regions = list(dict.fromkeys(row.region for row in usage))
    if region_code in regions:
        regions.remove(region_code)
        regions.insert(0, region_code)
    lines = []
    if region_code and region_code not in regions:
        lines.append(_("{region}: no figures in our data").format(region=region_code))
    for region in regions:
        rows = [row for row in usage if row.region == region]
        older = {}
        for platform in OLDER_PLATFORMS:
            older[platform] = _latest([
                row for row in rows if row.platform.casefold() == platform.casefold()
                and row.age_band != ALL_AGES and age_band_bounds(row.age_band)[0] >= OLDER_AGE])
        if any(older.values()):
            parts = []
            for platform, row in older.items():
                if row is None:
                    parts.append(_("no 65+ figure for {p}").format(p=platform))
                else:
                    parts.append(_("{p} {v} of {population} {band} ({s} {y})").format(
                        p=platform, v=_pct(row.share_percent), population=_population(row),
                        band=row.age_band, s=row.source, y=row.year))
            lines.append(_("{region}: {figures}").format(region=region,
                                                         figures="; ".join(parts)))
            continue
        overall = [row for row in (_latest([r for r in rows if r.age_band == ALL_AGES
                                            and r.platform.casefold() == p.casefold()])
                                   for p in OLDER_PLATFORMS) if row is not None]
        if not overall:
            everything = [r for r in rows if r.age_band == ALL_AGES]
            latest = max((r.year for r in everything), default=None)
            overall = [r for r in everything if r.year == latest]
        parts = [_("{p} {v} of {population} ({s} {y})").format(
            p=row.platform, v=_pct(row.share_percent), population=_population(row),
            s=row.source, y=row.year) for row in overall]
        lines.append(_("{region}: no 65+ figure; overall, {figures}").format(
            region=region, figures="; ".join(parts)))
    return lines


def myth_facts(inputs: TeamInputs, ranking: Ranking, usage=None) -> list[MythFact]:
    """What the data says about two beliefs: only the young, and you must be on Facebook.

    "Only for the young": today's figures for people 65+ per region of the usage data
    (:func:`older_adults_figures`), beside seed 000's claim that older groups grow
    fastest, said for what it is: a 2013 growth rate (GlobalWebIndex, users 2012-2013:
    Twitter 55-64, Facebook and Google+ 45-54; the Chinese translation names WeChat and
    blogs instead, see ``myth_sources.csv``), not today's reach.
    """
    usage = load_platform_usage() if usage is None else usage
    facts = []
    facts.append(MythFact(
        _("Social media is only for the young."),
        _("Today, people aged 65 and over in our data:"),
        tuple(older_adults_figures(inputs.region_code, usage)),
        _("Seed 000 says older groups grow fastest: that is a 2013 study (GlobalWebIndex, "
          "growth in users from 2012 to 2013: Twitter 55-64, Facebook and Google+ 45-54), a "
          "growth rate then, not reach today.")))
    scores = {s.platform: s for s in ranking.scores}
    facebook = scores.get("Facebook")
    reach = next((c for c in facebook.criteria if c.criterion == "reach"), None) \
        if facebook else None
    if reach is None or reach.value is None:
        answer = _("Our data has no Facebook figure for your audience ({why}). Go where your "
                   "audience is; reserve the handle anyway.").format(
                       why=reach.note if reach else _("no ranking"))
    else:
        best = max((s for s in ranking.scores
                    for c in s.criteria if c.criterion == "reach" and c.value is not None),
                   key=lambda s: next(c.value for c in s.criteria if c.criterion == "reach"))
        best_reach = next(c.value for c in best.criteria if c.criterion == "reach")
        answer = _("Facebook reaches {fb} of your audience's age bands; {best} reaches {b}. "
                   "Be where your audience is; reserve the handle everywhere.").format(
                       fb=_pct(reach.value * 100), best=best.platform,
                       b=_pct(best_reach * 100))
    facts.append(MythFact(_("You must be on Facebook."), answer))
    return facts


def region_has_platform_data(region_code: str | None, profiles: Sequence[PlatformProfile],
                             usage=None) -> bool:
    """Whether the usage data gives any platform of ``profiles`` a share for the region."""
    usage = load_platform_usage() if usage is None else usage
    names = {p.platform.casefold() for p in profiles}
    return any(r.region == region_code and r.platform.casefold() in names for r in usage)


@dataclass
class HandleLine:
    """A platform in the handle checklist: reserved or not."""

    platform: str
    id: str
    reserved: bool
    chosen: bool = field(default=False)


def handle_checklist(section: PlatformsSection,
                     profiles: Sequence[PlatformProfile]) -> list[HandleLine]:
    """Every platform, chosen or not, and whether the team reserved its handle."""
    chosen = {c.id for c in section.choices}
    return [HandleLine(p.platform, p.id, bool(section.handles.get(p.id)), p.id in chosen)
            for p in profiles]


def platforms_markdown(section: PlatformsSection) -> list[str]:
    """The export's lines for the platforms step."""
    from socialplaybook.text import markdown_text

    roles = role_labels()
    lines = ["## " + _("Platforms"), ""]
    if not section.choices:
        lines.append(_("No platform chosen yet."))
    for choice in section.choices:
        lines.append(f"- **{markdown_text(choice.platform)}**: {roles[choice.role]}"
                     + (f"; {markdown_text(choice.cadence)}" if choice.cadence else "")
                     + (f"; {markdown_text(choice.tone)}" if choice.tone else ""))
    reserved = [pid for pid, done in section.handles.items() if done]
    lines += ["", _("Handles reserved: {n}").format(n=len(reserved)), ""]
    return lines
