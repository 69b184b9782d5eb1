"""Content: pillar rules, the mix and its threshold, network first, listening queries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.steps.engagement.inputs import EngagementInputs, Segment
from socialplaybook.steps.engagement.listening import listening_queries, quoted
from socialplaybook.steps.engagement.mix import calendar_mix, calendar_mix_check, mix_checks
from socialplaybook.steps.engagement.pillars import network_checks, pillar_checks
from socialplaybook.steps.engagement.section import (
    Account,
    ContentMix,
    EngagementSection,
    ListeningTerms,
    NetworkContact,
    Pillar,
)

INPUTS = EngagementInputs(team="Harbour Café", goals=(("g-1", "orders"),),
                          segments=(Segment("s-1", "Locals", "good coffee, fast"),))


def tied(name: str, kind: str = "teach") -> Pillar:
    return Pillar(name=name, kind=kind, segment_id="s-1", goal_id="g-1", need="fast coffee")


def by_key(checks):
    return {check.key: check for check in checks}


@pytest.mark.parametrize("count, level", [(0, "todo"), (2, "todo"), (3, "ok"), (5, "ok"),
                                          (6, "warning")])
def test_three_to_five_pillars(count, level):
    pillars = [tied(f"Theme {n}") for n in range(count)]
    assert by_key(pillar_checks(pillars, INPUTS))["pillars.count"].level == level


def test_each_pillar_is_tied_to_a_segment_need_and_a_goal_still_in_planning():
    loose = [tied("Tips"), Pillar(name="Events", segment_id="s-gone", goal_id="g-1",
                                  need="x"), Pillar(name="News")]
    check = by_key(pillar_checks(loose, INPUTS))["pillars.tied"]
    assert check.level == "warning"
    assert "Events (a segment)" in check.message
    assert "News (a segment, the need it answers, and a goal)" in check.message
    assert "Tips" not in check.message
    assert by_key(pillar_checks([tied("Tips")], INPUTS))["pillars.tied"].level == "ok"


def test_pillars_all_about_the_company_and_twins_are_warned_about():
    checks = by_key(pillar_checks([tied("News", "about_us"), tied("news", "about_us")], INPUTS))
    assert checks["pillars.value"].level == "warning"
    assert checks["pillars.names"].level == "warning"
    assert "pillars.value" not in by_key(pillar_checks([tied("Tips")], INPUTS))


def test_a_pillar_needs_a_name():
    with pytest.raises(ValidationError, match="A pillar needs a name"):
        Pillar(name="  ")
    assert Pillar(name="  Coffee   know-how ").name == "Coffee know-how"


# -- the mix ------------------------------------------------------------------------------------


def test_posts_about_us_above_the_teams_limit_are_warned_about_with_the_articles_reason():
    mix = ContentMix(help_percent=30, teach_percent=20, entertain_percent=10,
                     share_percent=10, about_us_percent=30)
    check = by_key(mix_checks(mix))["mix.self_promotion"]
    assert check.level == "warning"
    assert "30 % of your posts are about the company, above your limit of 20 %" in check.message
    assert "seed 000" in check.why and "seed 003" in check.why
    relaxed = mix.model_copy(update={"max_about_us_percent": 30})
    assert by_key(mix_checks(relaxed))["mix.self_promotion"].level == "ok"
    assert "mix.total" not in by_key(mix_checks(mix))


def test_shares_not_adding_up_to_100_are_asked_for_in_the_teams_numbers():
    mix = ContentMix(help_percent=12.5, about_us_percent=10)
    assert by_key(mix_checks(mix, "de"))["mix.total"].message == (
        "The shares add up to 22,5 %: make them 100 %.")
    assert mix_checks(ContentMix())[0].level == "todo"


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=5, max_size=5))
def test_shares_over_100_together_or_alone_are_refused(shares):
    names = ["help", "teach", "entertain", "share", "about_us"]
    values = {f"{n}_percent": v for n, v in zip(names, shares, strict=True)}
    if sum(shares) > 100:
        with pytest.raises(ValidationError, match="at most 100 %"):
            ContentMix(**values)
    else:
        assert ContentMix(**values).shares() == dict(zip(names, shares, strict=True))


@pytest.mark.parametrize("value", [-1, 100.5, float("nan"), float("inf")])
def test_a_negative_or_impossible_share_is_refused_and_the_last_valid_mix_kept(value):
    section = EngagementSection(mix=ContentMix(help_percent=80, about_us_percent=20))
    with pytest.raises(ValidationError):
        section.mix = {**section.mix.model_dump(), "help_percent": value}
    assert section.mix.help_percent == 80


def test_the_calendars_own_mix():
    news, tips = tied("News", "about_us"), tied("Tips")
    shares = calendar_mix([news, tips, tips, tips, None])
    assert shares == {"about_us": 25.0, "teach": 75.0}
    assert calendar_mix_check(shares, 20).level == "warning"
    assert calendar_mix_check(shares, 25).level == "ok"
    assert calendar_mix_check({}, 20).level == "todo"


# -- network and listening ----------------------------------------------------------------------


def test_network_first_asks_what_you_give():
    assert network_checks([])[0].level == "todo"
    assert network_checks([NetworkContact(name="Food bloggers")])[0].level == "warning"
    assert network_checks([NetworkContact(name="Food bloggers", give="answers")])[0].ok


def test_listening_queries_from_the_brand_handles_and_words():
    accounts = [Account(platform="Instagram", handle="@harbourcafe"),
                Account(platform="X", handle="HarbourCafe")]
    terms = ListeningTerms(products=["flat white", "cold brew"], competitors=["Bean & Co"],
                           complaints=["refund"], exclude=["jobs", "AND"])
    queries = {q.kind: q.text for q in listening_queries("Harbour Café", accounts, terms)}
    assert queries["brand"] == ('("Harbour Café" OR @harbourcafe OR harbourcafe) '
                                'NOT (jobs OR "AND")')  # HarbourCafe is harbourcafe: once
    assert queries["products"].startswith('("flat white" OR "cold brew")')
    assert queries["competitors"].startswith('"Bean & Co"')
    assert queries["complaints"].startswith('("Harbour Café" OR @harbourcafe OR '
                                            'harbourcafe) AND refund')
    assert "how do I" in queries["questions"]  # the default question words
    assert listening_queries("", [], ListeningTerms()) == []


@given(st.text(max_size=40))
def test_a_typed_term_never_breaks_out_of_its_quotes(term):
    text = quoted(term)
    assert text.count('"') in (0, 2)
    assert "\\" not in text
