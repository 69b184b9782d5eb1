"""Several teams' audit scores overlaid on one radar: an outline per team, told apart by
colour and, past the colours, by dashes; names as text, never markup."""

from __future__ import annotations

import re

from socialplaybook.datasets import AREAS, load_myths
from socialplaybook.steps.audit.radar import TEAM_COLOURS, audit_radars_svg, team_colour
from socialplaybook.steps.audit.scores import area_scores


def scores(rating: int) -> dict:
    return area_scores({myth.id: rating for myth in load_myths()}, load_myths())


def test_one_outline_per_team_on_one_radar():
    svg = audit_radars_svg([("Harbour Café", scores(0)), ("Fjord", scores(4))])
    assert svg.count("<svg") == 1
    teams = re.findall(r'<polygon class="sp-radar-team" data-team="([^"]*)"', svg)
    assert teams == ["Harbour Café", "Fjord"]
    assert "<title>Harbour Café: Planning 100," in svg
    outlines = re.findall(r'class="sp-radar-team"[^>]*points="([^"]*)"', svg)
    assert len(set(outlines[1].split())) == 1  # all rated 4 (score 0): every point at the centre
    assert len(outlines[0].split()) == len(AREAS)


def test_a_teams_name_is_text_in_the_chart():
    svg = audit_radars_svg([('<script>alert(1)</script>" x="', scores(2))])
    assert "<script>" not in svg
    assert 'data-team="&lt;script&gt;alert(1)&lt;/script&gt;&quot; x=&quot;"' in svg


def test_unanswered_areas_are_drawn_at_the_centre():
    partial = area_scores({"no-plan": 0}, load_myths())
    svg = audit_radars_svg([("Half", partial)])
    assert "<title>Half: Planning 100</title>" in svg


def test_teams_past_the_colours_are_dashed_and_no_two_of_24_look_alike():
    looks = [team_colour(n) for n in range(24)]
    assert len(set(looks)) == 24
    assert looks[0][1] == "" and looks[len(TEAM_COLOURS)][1] != ""
