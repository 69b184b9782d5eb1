"""Scoring: every platform on the team's audience, formats, goals and hours, with its breakdown.

The score of a platform (0-100) is a weighted mean of four criteria, each a value 0-1:

* ``reach``: the share of the team's audience using the platform
  (``platform_usage.csv``, one measure per region's ranking, the team's age bands
  weighted; a band without a figure scores on the all-adults figure, marked "partial
  data": :mod:`socialplaybook.steps.platforms.reach`). 65 % -> 0.65. A platform without
  a figure scores on the team's own estimate where it gave one (its ``reach_estimates``,
  marked "your own estimate (source)"); an estimate never replaces a figure.
* ``formats``: the share of the formats the team can produce that the platform carries
  (``platforms.csv``): a team making only images scores Instagram and Pinterest 1.0,
  a team making images and long video scores Instagram 0.5 and YouTube 0.5. A versatile
  platform does not lose for favouring more formats than the team makes.
* ``goals``: the mean of two parts, each left out when unknown: how well the platform
  serves the team's audience kinds (B2B/B2C strength 0-3, divided by 3, mean over the
  kinds) and the share of the team's business results it is good for.
* ``hours``: 1 - (hours the platform needs per week / the team's hours per week),
  at least 0. Needs 4 of 10 hours -> 0.6.

``score = 100 * sum(weight * value) / sum(weight)``, both sums over the criteria that
have a value for that platform. A criterion without a value (no figure for the platform in
the region's measure, formats not chosen yet) is **left out**, never counted as 0, and the
breakdown says why. All weights 0: nothing can be ranked. Equal scores are ties: shown in
name order and marked.

A platform that cannot be used in the team's region (``platform_availability.csv``) is
scored but ranked last, with why (:mod:`socialplaybook.steps.platforms.availability`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from socialplaybook.datasets import load_platform_usage
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_percent, format_rounded
from socialplaybook.rules.vocabulary import platform_id
from socialplaybook.steps.platforms.availability import Blocked, blocked_in
from socialplaybook.steps.platforms.inputs import TeamInputs
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.reach import (
    ReachBasis,
    audience_reach,
    basis_note,
    reach_basis,
)
from socialplaybook.steps.platforms.vocabulary import (
    CONTENT_FORMATS,
    CRITERIA,
    STRENGTH_MAX,
    format_labels,
)

# -- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionScore:
    """One criterion of one platform: its value 0-1 (None: left out), weight and why.

    ``partial`` marks a value computed on part of what it needs (a band's all-adults
    figure in place of its own, or only some bands): the breakdown says "partial data".
    ``estimate_source``: the value is the team's own estimate, from this source ("" for
    the data's figure).
    """

    criterion: str
    value: float | None
    weight: float
    note: str
    contribution: float = 0.0  # points of the 0-100 score it adds
    partial: bool = False
    estimate_source: str = ""


@dataclass(frozen=True)
class PlatformScore:
    """A platform's score (None: nothing to score it on) and its breakdown.

    ``blocked`` says why the platform cannot be used in the team's region (None: it can).
    """

    platform: str
    score: float | None
    criteria: tuple[CriterionScore, ...]
    in_data: bool = True
    tied: bool = False
    blocked: Blocked | None = None

    @property
    def id(self) -> str:
        return platform_id(self.platform)

    @property
    def left_out(self) -> tuple[str, ...]:
        return tuple(c.criterion for c in self.criteria if c.value is None)

    @property
    def partial_data(self) -> bool:
        """Whether a criterion's value rests on partial data (see ``CriterionScore``)."""
        return any(c.partial for c in self.criteria)

    def criterion(self, name: str) -> CriterionScore:
        return next(c for c in self.criteria if c.criterion == name)


@dataclass(frozen=True)
class Ranking:
    """Every platform's score, best first; ``rankable`` False when all weights are 0.

    ``basis`` is the measure the reach figures come from; ``basis_note`` says it.
    """

    scores: tuple[PlatformScore, ...]
    rankable: bool
    message: str = ""
    basis: ReachBasis | None = None
    basis_note: str = ""


def _formats(profile: PlatformProfile, inputs: TeamInputs) -> tuple[float | None, str]:
    if not inputs.formats:
        return None, _("no formats chosen yet: left out")
    if not profile.formats:
        return None, _("favoured formats not known: left out")
    labels = format_labels()
    made = [f for f in CONTENT_FORMATS if f in inputs.formats]
    carried = [f for f in made if f in profile.formats]
    value = len(carried) / len(made)
    names = list_text([labels[f] for f in carried]) if carried else ""
    if len(made) == 1:
        note = (_("carries the one format you make ({name})") if carried else
                _("does not carry the one format you make ({name})")).format(
                    name=labels[made[0]])
    elif not carried:
        note = _("carries none of the {n} formats you make").format(n=len(made))
    elif len(carried) == len(made):
        note = _("carries all {n} formats you make").format(n=len(made))
    else:
        note = _("carries {can} of the {n} formats you make: {names}").format(
            can=len(carried), n=len(made), names=names)
    return value, note


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
        need=format_rounded(profile.hours_per_week, locale=inputs.locale),
        have=format_rounded(inputs.hours_per_week, locale=inputs.locale))


def score_platform(profile: PlatformProfile, inputs: TeamInputs,
                   weights: dict[str, float], usage=None,
                   basis: ReachBasis | None = None) -> PlatformScore:
    """One platform's score and breakdown (see the module docstring for the formula).

    ``basis``: the region's reach measure (:func:`reach_basis`), computed when not given.
    """
    usage = load_platform_usage() if usage is None else usage
    if basis is None and inputs.region_code is not None:
        basis = reach_basis(inputs.region_code, usage)
    reach = audience_reach(profile.platform, inputs.region_code, inputs.age_bands, basis,
                           usage, inputs.locale)
    found = {"reach": (reach.value, reach.note), "formats": _formats(profile, inputs),
             "goals": _goals(profile, inputs), "hours": _hours(profile, inputs)}
    if not profile.in_data:
        found["reach"] = (None, _("no data for this platform: reach left out"))
    partial = {"reach": reach.partial and profile.in_data}
    source = ""
    estimate = next((e for e in inputs.reach_estimates if e[0] == profile.id), None)
    if estimate is not None:
        _pid, share, source = estimate
        if found["reach"][0] is None:
            found["reach"] = (share / 100, _("{share}: your own estimate ({source})").format(
                share=format_percent(share, locale=inputs.locale), source=source))
        else:  # the data has a figure: the team's estimate is not used
            found["reach"] = (found["reach"][0], _(
                "{note}; your own estimate of {share} is not used: the data has a "
                "figure").format(note=found["reach"][1],
                                 share=format_percent(share, locale=inputs.locale)))
            source = ""
    counted = {c: (v, weights.get(c, 0)) for c, (v, _n) in found.items()
               if v is not None and weights.get(c, 0) > 0}
    total_weight = sum(weight for _v, weight in counted.values())
    criteria = []
    for criterion in CRITERIA:
        value, note = found[criterion]
        weight = weights.get(criterion, 0)
        contribution = (100 * weight * value / total_weight
                        if value is not None and weight > 0 and total_weight else 0.0)
        criteria.append(CriterionScore(criterion, value, weight, note, contribution,
                                       partial.get(criterion, False),
                                       source if criterion == "reach" else ""))
    score = (100 * sum(v * wt for v, wt in counted.values()) / total_weight
             if total_weight else None)
    return PlatformScore(profile.platform, score, tuple(criteria), profile.in_data,
                         blocked=blocked_in(profile.platform, inputs.region_code))


def rank_platforms(profiles: Iterable[PlatformProfile], inputs: TeamInputs,
                   weights: dict[str, float], usage=None) -> Ranking:
    """Every platform scored, best first; ties (equal to 0.01) in name order, marked.

    Platforms missing a weighted criterion that others have (a reach figure) come after
    those scored on every criterion: 83 on three criteria does not beat 64 on four.
    Platforms that cannot be used in the team's region come last of all.
    """
    usage = load_platform_usage() if usage is None else usage
    basis = reach_basis(inputs.region_code, usage) if inputs.region_code else None
    note = basis_note(basis, inputs.locale)
    if not any(weights.get(c, 0) > 0 for c in CRITERIA):
        return Ranking((), False, _("All weights are 0: nothing can be ranked. Give at least "
                                    "one criterion a weight."), basis, note)
    scores = [score_platform(p, inputs, weights, usage, basis) for p in profiles]
    if weights.get("reach", 0) > 0 and not any(s.criterion("reach").value is not None
                                              for s in scores):
        note = " ".join(filter(None, [note, _(
            "No platform has a reach figure for your audience here: the scores say what fits "
            "your formats, goals and hours, not where your audience is.")]))
    # A platform scored without a weighted criterion that others have a figure for (no
    # reach figure for these ages in this region) is not compared like for like: it is
    # ranked after the platforms scored on everything, with its score and the reason.
    known = {c.criterion for s in scores for c in s.criteria if c.value is not None}

    def incomplete(score: PlatformScore) -> bool:
        return any(c.value is None and c.weight > 0 and c.criterion in known
                   for c in score.criteria)

    scores.sort(key=lambda s: (s.blocked is not None, s.score is None, incomplete(s),
                               -round(s.score or 0, 2), s.platform.casefold()))
    rounded = [round(s.score, 2) if s.score is not None else None for s in scores]
    tied = []
    for index, score in enumerate(scores):
        same = score.score is not None and (
            (index > 0 and rounded[index - 1] == rounded[index])
            or (index + 1 < len(scores) and rounded[index + 1] == rounded[index]))
        tied.append(replace(score, tied=same))
    return Ranking(tuple(tied), True, basis=basis, basis_note=note)
