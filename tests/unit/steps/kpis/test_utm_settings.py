"""The UTM settings of the kpis section hold what GA4 needs: whether the links are ads,
utm_id per link and per batch campaign, GA4's further parameters (issue 19, finding 8)."""

import pytest
from pydantic import ValidationError

from socialplaybook.plan.model import Plan
from socialplaybook.steps.kpis.section import KpisSection, UtmSettings
from socialplaybook.steps.kpis.utm import medium_for


def test_utm_settings_hold_gas_parameters_and_whether_the_links_are_ads():
    utm = UtmSettings(url="https://acme.com/", paid=True, source="facebook",
                      medium="paid_social", campaign="launch", campaign_id="fb-101",
                      source_platform="meta-ads-manager", creative_format="reel",
                      marketing_tactic="prospecting", campaigns=["launch", "webinar"],
                      campaign_ids={"launch": "fb-101"})
    plan = Plan(team="Ads", kpis=KpisSection(utm=utm))
    assert Plan.model_validate_json(plan.model_dump_json()).kpis.utm == utm


def test_a_plan_saved_before_these_fields_loads_with_a_post_medium_and_no_ids():
    old = {"url": "https://acme.com/", "source": "x", "medium": "social",
           "campaign": "launch", "term": "", "content": "", "campaigns": ["launch"]}
    utm = UtmSettings.model_validate(old)
    assert (utm.paid, utm.campaign_id, utm.campaign_ids, utm.source_platform) == (
        False, "", {}, "")
    assert medium_for(True, utm.medium) == "paid_social"


@pytest.mark.parametrize("values", [
    {"campaign_id": "FB 101"}, {"source_platform": "Meta Ads"}, {"creative_format": "a&b"},
    {"marketing_tactic": "x" * 101}, {"campaign_ids": {"launch": "A 1"}},
    {"campaign_ids": {"": "a1"}}, {"campaign_ids": {"launch": ""}}])
def test_utm_settings_store_gas_parameters_only_normalised(values):
    with pytest.raises(ValidationError):
        UtmSettings(**values)
