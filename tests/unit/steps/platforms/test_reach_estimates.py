"""A team's own reach estimate for a platform without a figure in the region's measure
(YouTube for a German machine maker, Xiaohongshu in China): stored with its source, used
as that platform's reach, marked "your own estimate (source)" in the breakdown and the
recommendation. It applies only where no figure exists: a platform with a survey figure
keeps it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.plan.model import Plan
from socialplaybook.rules.blocks import Paragraph
from socialplaybook.rules.messages import field_error_message
from socialplaybook.steps.platforms.document import platforms_document
from socialplaybook.steps.platforms.inputs import TeamInputs, team_inputs, team_profiles
from socialplaybook.steps.platforms.markdown import platforms_markdown
from socialplaybook.steps.platforms.portfolio import recommend
from socialplaybook.steps.platforms.scoring import rank_platforms
from socialplaybook.steps.platforms.section import (
    PlatformChoice,
    PlatformsSection,
    ReachEstimate,
    Weights,
)

SURVEY = "our customer survey 2026"
GERMAN_B2B = TeamInputs(region_code="DE", kinds=("B2B",), formats=("long_video", "text"),
                        business_results=("leads",), people=2, hours_per_week=40,
                        work_week_hours=35, locale="de")


def youtube(share: float = 60, source: str = SURVEY) -> ReachEstimate:
    return ReachEstimate(id="youtube", platform="YouTube", share_percent=share, source=source)


def ranking_with(estimates, inputs: TeamInputs = GERMAN_B2B, section=None):
    section = section or PlatformsSection(reach_estimates=list(estimates))
    inputs = TeamInputs(**{**inputs.__dict__, "reach_estimates": tuple(
        (e.id, e.share_percent, e.source) for e in estimates)})
    profiles = team_profiles(section)
    return rank_platforms(profiles, inputs, Weights().as_dict()), profiles, inputs


def by_platform(ranking):
    return {s.platform: s for s in ranking.scores}


# -- the model ----------------------------------------------------------------------------------


def test_an_estimate_needs_a_share_from_0_to_100_and_its_source():
    assert youtube(0).share_percent == 0 and youtube(100).share_percent == 100
    assert youtube(source="  our customer  survey 2026 ").source == SURVEY
    for bad in (-1, 100.5, float("nan")):
        with pytest.raises(ValidationError):
            youtube(bad)
    with pytest.raises(ValidationError) as refused:
        youtube(source="  ")
    assert "where the estimate comes from" in field_error_message(refused.value)
    with pytest.raises(ValidationError):
        ReachEstimate(id="youtube", platform="YouTube", share_percent=40)


def test_a_platform_has_one_estimate():
    with pytest.raises(ValidationError, match="listed twice"):
        PlatformsSection(reach_estimates=[youtube(), youtube(40)])


def test_a_plan_without_estimates_loads_with_none():
    data = Plan(team="Old").model_dump(mode="json")
    data["platforms"].pop("reach_estimates")
    data["schema_version"] = 11
    assert Plan.model_validate(data).platforms.reach_estimates == []


def test_team_inputs_carry_the_estimates():
    inputs = team_inputs(PlatformsSection(reach_estimates=[youtube()]))
    assert inputs.reach_estimates == (("youtube", 60, SURVEY),)


# -- the score and the recommendation ----------------------------------------------------------


def test_without_an_estimate_youtube_has_no_reach_in_germany():
    ranking, profiles, inputs = ranking_with([])
    reach = by_platform(ranking)["YouTube"].criterion("reach")
    assert reach.value is None and reach.estimate_source == ""
    line = next(x for x in recommend(ranking, profiles, inputs) if x.platform == "YouTube")
    assert not line.included and "no figure of its reach" in line.reason


def test_the_teams_estimate_is_youtubes_reach_and_says_whose_it_is():
    ranking, profiles, inputs = ranking_with([youtube()])
    reach = by_platform(ranking)["YouTube"].criterion("reach")
    assert reach.value == pytest.approx(0.6) and reach.estimate_source == SURVEY
    assert reach.note == "60\u00a0%: your own estimate (our customer survey 2026)"  # de
    lines = {x.platform: x for x in recommend(ranking, profiles, inputs)}
    assert lines["YouTube"].included
    assert "your own estimate (our customer survey 2026)" in lines["YouTube"].reason
    assert "your own estimate" not in lines["LinkedIn"].reason


def test_an_estimate_never_replaces_a_survey_figure():
    facebook = ReachEstimate(id="facebook", platform="Facebook", share_percent=5,
                             source="a guess")
    before = by_platform(ranking_with([])[0])["Facebook"].criterion("reach")
    after = by_platform(ranking_with([facebook])[0])["Facebook"].criterion("reach")
    assert after.value == before.value is not None and after.estimate_source == ""
    assert "your own estimate of 5\u00a0% is not used: the data has a figure" in after.note


def test_a_platform_the_data_does_not_have_scores_on_the_teams_estimate():
    section = PlatformsSection(custom_platforms=["Xing"], reach_estimates=[
        ReachEstimate(id="xing", platform="Xing", share_percent=30, source="trade fair poll")])
    ranking, _profiles, _inputs = ranking_with(section.reach_estimates, section=section)
    reach = by_platform(ranking)["Xing"].criterion("reach")
    assert reach.value == pytest.approx(0.3) and reach.estimate_source == "trade fair poll"


def test_without_a_region_the_estimate_still_counts():
    inputs = TeamInputs(kinds=("B2C",), formats=("images",), hours_per_week=20)
    ranking, profiles, inputs = ranking_with([youtube(70)], inputs)
    reach = by_platform(ranking)["YouTube"].criterion("reach")
    assert reach.value == pytest.approx(0.7)
    # the one platform with reach is recommended; the others have no figure
    included = [x.platform for x in recommend(ranking, profiles, inputs) if x.included]
    assert included == ["YouTube"]


@given(st.floats(0, 100, allow_nan=False))
def test_any_estimate_is_the_reach_value(share):
    reach = by_platform(ranking_with([youtube(share)])[0])["YouTube"].criterion("reach")
    assert reach.value == pytest.approx(share / 100)


def test_the_export_and_the_document_say_the_estimate_is_the_teams():
    section = PlatformsSection(choices=[PlatformChoice(id="youtube", platform="YouTube")],
                               reach_estimates=[youtube(62.5)])
    text = "\n".join(platforms_markdown(section, "de"))
    assert "YouTube: reach 62,5\u00a0%, our own estimate (our customer survey 2026), not a " \
           "survey figure" in text
    plan = Plan(team="Brenner", locale="de", platforms=section)
    shown = [b.text for b in platforms_document(section, plan) if isinstance(b, Paragraph)]
    assert any("our own estimate (our customer survey 2026)" in t for t in shown)
