"""The myth audit: score each area from how much the team's beliefs match the myths.

A team rates each statement from 0 (does not describe us) to 4 (describes us
completely). Every statement is a misconception, so agreement is unhealthy:

    area score = 100 * (1 - mean rating / 4)      (0-100, higher = healthier)

over the answered statements of that area; an area with no answers has no score.

The overall score weighs every answered statement the same:

    overall score = 100 * (1 - mean of all ratings / 4)

which is the mean of the area scores weighted by how many statements each area has
answered. The areas hold 3-8 statements each, so an unweighted mean of area scores
would let one policy answer (3 statements) count 2.7 times an engagement answer (8);
weighting by statement keeps every answer equal, and an area with more statements
counts for more. The apps say so beside the overall score (:func:`overall_weighting`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from socialplaybook.datasets import AREAS, Myth
from socialplaybook.rules.i18n import _
from socialplaybook.steps.audit.section import RATING_MAX


def rating_labels() -> list[str]:
    """What each rating 0-4 means, for the person rating."""
    return [_("Not at all"), _("A little"), _("Partly"), _("Mostly"), _("Completely")]


def area_labels() -> dict[str, str]:
    """The display name of each area."""
    return {
        "planning": _("Planning"), "budget": _("Budget"), "platforms": _("Platforms"),
        "kpis": _("KPIs"), "engagement": _("Engagement"), "policy": _("Policy"),
    }


@dataclass(frozen=True)
class AreaScore:
    """How healthy one area is: ``score`` 0-100 (None until a statement is answered)."""

    area: str
    score: float | None
    answered: int
    statements: int


def area_scores(answers: Mapping[str, int], myths: Iterable[Myth]) -> dict[str, AreaScore]:
    """The score of every area, in the order of ``AREAS``; answers to unknown ids are ignored."""
    ratings: dict[str, list[int]] = {area: [] for area in AREAS}
    counts = dict.fromkeys(AREAS, 0)
    for myth in myths:
        counts[myth.area] += 1
        if myth.id in answers:
            ratings[myth.area].append(answers[myth.id])
    return {
        area: AreaScore(
            area=area,
            score=100 * (1 - sum(values) / (len(values) * RATING_MAX)) if values else None,
            answered=len(values),
            statements=counts[area],
        )
        for area, values in ratings.items()
    }


def weakest_areas(scores: Mapping[str, AreaScore], n: int = 3) -> list[AreaScore]:
    """The ``n`` lowest-scoring answered areas, weakest first (ties in workshop order)."""
    scored = [s for s in scores.values() if s.score is not None]
    return sorted(scored, key=lambda s: (s.score, AREAS.index(s.area)))[:n]


def overall_score(scores: Mapping[str, AreaScore]) -> float | None:
    """The score over every answered statement, each weighing the same (None when nothing
    is answered): the area scores weighted by their number of answered statements."""
    answered = sum(s.answered for s in scores.values() if s.score is not None)
    if not answered:
        return None
    return sum(s.score * s.answered for s in scores.values() if s.score is not None) / answered


def overall_weighting() -> str:
    """One line for the person reading the overall score: how the areas are weighed."""
    return _("Every rated statement counts the same, so areas with more statements "
             "weigh more in the overall score.")
