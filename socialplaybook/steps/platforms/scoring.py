"""Scoring: every platform on the team's audience, formats, goals and hours, with its breakdown.

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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from socialplaybook.datasets import (
    ALL_AGES,
    load_platform_usage,
)
from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import platform_id
from socialplaybook.steps.platforms.inputs import TeamInputs
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.vocabulary import CRITERIA, STRENGTH_MAX, format_labels

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
