"""The KPI catalog's data sources a practitioner signs, and their checks (issue 19, finding 11)."""

import pytest

from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_from_catalog
from socialplaybook.steps.kpis.checks import kpi_checks
from socialplaybook.steps.kpis.section import Kpi


@pytest.mark.parametrize("kpi_id, source", [
    ("share-of-voice", "listening_tool"), ("sentiment", "listening_tool"),
    ("brand-search", "search_console")])
def test_kpis_about_others_posts_and_searches_name_the_tool_that_sees_them(kpi_id, source):
    definition = catalog_by_id()[kpi_id]
    assert definition.data_source == source
    assert kpi_from_catalog(definition).data_source == source


def test_churn_is_of_customers_the_crm_can_tell_apart_not_of_followers():
    """Platforms do not say which customers follow you: the CRM cannot count that."""
    churn = catalog_by_id()["churn"]
    assert churn.data_source == "crm"
    assert "follow" not in churn.name.lower() and "follow" not in churn.formula.lower()
    assert "source" in churn.formula and "cannot be matched" in churn.why


def test_the_response_time_expectation_says_its_year_and_caveat():
    why = catalog_by_id()["response-time"].why
    assert "2016" in why and "direction rather than a target" in why


def test_impressions_are_named_as_meta_reports_them():
    catalog = catalog_by_id()
    assert catalog["impressions"].name == "Views (impressions)"
    assert "Views" in catalog["impressions"].formula
    assert "meta-views" in catalog["impressions"].source.split(";")
    assert "Meta's Views" in catalog["video-views"].formula


@pytest.mark.parametrize("kpi_id, wrong, needed", [
    ("share-of-voice", "platform_analytics", "Social listening tool"),
    ("sentiment", "web_analytics", "Social listening tool"),
    ("brand-search", "web_analytics", "Google Search Console")])
def test_a_kpi_given_a_source_that_cannot_see_it_is_warned_about(kpi_id, wrong, needed):
    kpi = kpi_from_catalog(catalog_by_id()[kpi_id]).model_copy(update={"data_source": wrong})
    check = kpi_checks(kpi, ["instagram"])[2]
    assert check.level == "warning"
    assert "cannot count this KPI" in check.message and needed in check.message


@pytest.mark.parametrize("kpi_id, words", [
    ("share-of-voice", "public posts only"), ("brand-search", "searches on Google only")])
def test_the_right_source_passes_and_says_its_limit(kpi_id, words):
    kpi = kpi_from_catalog(catalog_by_id()[kpi_id])
    check = kpi_checks(kpi, ["x", "reddit"])[2]
    assert check.ok and words in check.message


def test_a_teams_own_kpi_may_name_the_new_sources():
    for source in ("listening_tool", "search_console"):
        assert kpi_checks(Kpi(name="Mentions of our brand", data_source=source))[2].ok


def test_the_catalogs_sources_are_the_sections_and_each_has_a_label():
    from socialplaybook.datasets import KPI_DATA_SOURCES
    from socialplaybook.steps.kpis.vocabulary import DATA_SOURCES, data_source_labels

    assert DATA_SOURCES == KPI_DATA_SOURCES
    assert set(data_source_labels()) == set(DATA_SOURCES)
