"""The myth audit's arithmetic: area scores, the weakest areas, the overall score."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.datasets import AREAS, Myth, load_myths
from socialplaybook.steps.audit.scores import (
    AreaScore,
    area_labels,
    area_scores,
    overall_score,
    overall_weighting,
    rating_labels,
    weakest_areas,
)


def myth(statement_id: str, area: str) -> Myth:
    return Myth(id=statement_id, area=area, belief="b", instead="i", seed="s.txt", module=area)


# planning: 2 statements, budget: 1, platforms: 1, kpis: 3, engagement: 1, policy: 1
MYTHS = (
    myth("p1", "planning"), myth("p2", "planning"),
    myth("b1", "budget"),
    myth("pl1", "platforms"),
    myth("k1", "kpis"), myth("k2", "kpis"), myth("k3", "kpis"),
    myth("e1", "engagement"),
    myth("po1", "policy"),
)


def test_area_scores_hand_computed():
    scores = area_scores({"p1": 4, "p2": 2, "b1": 0, "k1": 1, "k2": 2}, MYTHS)
    assert list(scores) == list(AREAS)
    # planning: mean 3 -> 100 * (1 - 3/4) = 25
    assert scores["planning"] == AreaScore("planning", 25.0, answered=2, statements=2)
    # budget: mean 0 -> 100
    assert scores["budget"] == AreaScore("budget", 100.0, answered=1, statements=1)
    # kpis: mean 1.5 of the answered two (k3 unanswered) -> 62.5
    assert scores["kpis"] == AreaScore("kpis", 62.5, answered=2, statements=3)
    for area in ("platforms", "engagement", "policy"):
        assert scores[area].score is None
        assert scores[area].answered == 0
        assert scores[area].statements == 1


@pytest.mark.parametrize(("rating", "score"), [(0, 100.0), (1, 75.0), (2, 50.0), (3, 25.0),
                                               (4, 0.0)])
def test_single_rating_score(rating, score):
    assert area_scores({"e1": rating}, MYTHS)["engagement"].score == pytest.approx(score)


def test_mean_over_three_statements():
    # ratings 1, 2, 4: mean 7/3 -> 100 * (1 - 7/12) = 41.666...
    score = area_scores({"k1": 1, "k2": 2, "k3": 4}, MYTHS)["kpis"].score
    assert score == pytest.approx(100 * 5 / 12)


def test_unknown_ids_are_ignored():
    known = {"p1": 4, "b1": 1}
    assert area_scores(known | {"nope": 4, "zz-top": 0}, MYTHS) == area_scores(known, MYTHS)


def test_nothing_answered():
    scores = area_scores({}, MYTHS)
    assert all(s.score is None for s in scores.values())
    assert weakest_areas(scores) == []
    assert overall_score(scores) is None


def test_weakest_areas_order_and_n():
    scores = area_scores({"p1": 4, "p2": 2, "b1": 0, "k1": 1, "k2": 2}, MYTHS)
    assert [s.area for s in weakest_areas(scores)] == ["planning", "kpis", "budget"]
    assert [s.area for s in weakest_areas(scores, n=1)] == ["planning"]
    assert [s.area for s in weakest_areas(scores, n=2)] == ["planning", "kpis"]
    # only answered areas are listed, however many are asked for
    assert [s.area for s in weakest_areas(scores, n=10)] == ["planning", "kpis", "budget"]
    assert weakest_areas(scores, n=0) == []


def test_weakest_areas_ties_follow_workshop_order():
    # policy, kpis, budget all score 50; engagement 75
    scores = area_scores({"po1": 2, "k1": 1, "k2": 3, "b1": 2, "e1": 1}, MYTHS)
    reversed_scores = {area: scores[area] for area in reversed(list(scores))}
    for given_scores in (scores, reversed_scores):
        assert [s.area for s in weakest_areas(given_scores)] == ["budget", "kpis", "policy"]
        assert [s.area for s in weakest_areas(given_scores, n=4)] == [
            "budget", "kpis", "policy", "engagement"]


def test_overall_score_weighs_every_statement_the_same():
    scores = area_scores({"p1": 4, "p2": 2, "b1": 0, "k1": 1, "k2": 2}, MYTHS)
    # five ratings 4, 2, 0, 1, 2: mean 9/5 -> 100 * (1 - 1.8/4) = 55
    assert overall_score(scores) == pytest.approx(55.0)
    # the two weightings differ here: a plain mean of the area scores would say 62.5
    assert (25 + 100 + 62.5) / 3 == pytest.approx(62.5)
    assert overall_score(area_scores({"b1": 1}, MYTHS)) == pytest.approx(75.0)


def test_one_answer_weighs_the_same_in_a_small_and_a_large_area():
    # policy has 1 statement here, kpis 3: each answer counts once, whatever its area
    scores = area_scores({"po1": 4, "k1": 0, "k2": 0, "k3": 0}, MYTHS)
    # ratings 4, 0, 0, 0: mean 1 -> 75 (area mean would be (0 + 100) / 2 = 50)
    assert overall_score(scores) == pytest.approx(75.0)
    assert scores["policy"].score == 0.0 and scores["kpis"].score == 100.0


def test_the_weighting_is_stated_where_the_score_is_defined_and_shown():
    import socialplaybook.steps.audit.scores as audit

    assert "weighs every answered statement the same" in audit.__doc__
    assert "each weighing the same" in overall_score.__doc__
    assert overall_weighting() == ("Every rated statement counts the same, so areas with "
                                   "more statements weigh more in the overall score.")


def test_labels():
    assert len(rating_labels()) == 5
    assert rating_labels()[0] == "Not at all" and rating_labels()[4] == "Completely"
    assert set(area_labels()) == set(AREAS)


MYTH_IDS = [m.id for m in load_myths()]
ANSWERS = st.dictionaries(st.sampled_from(MYTH_IDS), st.integers(0, 4))


@given(ANSWERS)
def test_scores_in_range(answers):
    myths = load_myths()
    scores = area_scores(answers, myths)
    assert list(scores) == list(AREAS)
    for area, s in scores.items():
        assert s.statements == sum(1 for m in myths if m.area == area)
        assert s.answered == sum(1 for m in myths if m.area == area and m.id in answers)
        if s.answered:
            assert 0.0 <= s.score <= 100.0
        else:
            assert s.score is None
    overall = overall_score(scores)
    assert overall is None if not answers else 0.0 <= overall <= 100.0
    if answers:  # every statement weighs the same, whatever its area
        assert overall == pytest.approx(100 * (1 - sum(answers.values()) / (4 * len(answers))))
    weakest = weakest_areas(scores)
    assert [w.score for w in weakest] == sorted(w.score for w in weakest)


@given(ANSWERS, st.sampled_from(MYTH_IDS), st.integers(0, 4), st.integers(1, 4))
def test_raising_a_rating_never_raises_the_score(answers, statement_id, rating, raise_by):
    myths = load_myths()
    area = next(m.area for m in myths if m.id == statement_id)
    before_answers = answers | {statement_id: rating}
    after_answers = answers | {statement_id: min(rating + raise_by, 4)}
    before = area_scores(before_answers, myths)
    after = area_scores(after_answers, myths)
    assert after[area].score <= before[area].score
    if rating < 4:
        assert after[area].score < before[area].score
    for other in AREAS:
        if other != area:
            assert after[other] == before[other]


def test_the_radars_ring_labels_sit_between_axes_where_no_point_covers_them():
    """They sat on the first axis, so a score of 50 hid the "50" under its point."""
    import math
    from xml.etree import ElementTree

    from socialplaybook.steps.audit.radar import audit_radar_svg

    myths = load_myths()
    svg = ElementTree.fromstring(audit_radar_svg(area_scores(
        {m.id: 2 for m in myths}, myths)))
    ns = "{http://www.w3.org/2000/svg}"
    points = [(float(c.get("cx")), float(c.get("cy"))) for c in svg.iter(f"{ns}circle")]
    rings = [t for t in svg.iter(f"{ns}text") if t.text in ("25", "50", "75", "100")]
    assert [t.text for t in rings] == ["25", "50", "75", "100"]
    for ring in rings:
        x, y = float(ring.get("x")), float(ring.get("y"))
        assert min(math.dist((x, y), point) for point in points) > 12, ring.text
