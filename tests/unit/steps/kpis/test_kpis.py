"""The KPI step's core: the catalog, suggestions, vanity, checks, trees, ROI over time, section."""

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.datasets import (
    KPI_CATALOG_COLUMNS,
    KPI_DATA_SOURCES,
    KPI_STAGES,
    datasets_dir,
    load_kpi_catalog,
)
from socialplaybook.plan.model import Plan
from socialplaybook.rules.metrics import classify_metric
from socialplaybook.rules.vocabulary import BUSINESS_RESULTS, platform_id
from socialplaybook.steps.kpis.catalog import (
    catalog_by_id,
    goal_vanity_check,
    kpi_from_catalog,
    kpi_vanity,
    suggest_kpis,
)
from socialplaybook.steps.kpis.checks import kpi_checks
from socialplaybook.steps.kpis.markdown import kpis_markdown, measurement_plan
from socialplaybook.steps.kpis.roi import (
    budget_monthly_cost,
    effective_monthly_cost,
    project,
    roi_over_time,
    roi_summary,
)
from socialplaybook.steps.kpis.section import Kpi, KpisSection, RoiAssumptions, UtmSettings
from socialplaybook.steps.kpis.trees import TREE_COLOURS, kpi_tree, kpi_treemap
from socialplaybook.steps.platforms.profiles import load_platform_profiles

XSS = "<img src=x onerror=alert(1)>"

# -- the catalog -------------------------------------------------------------------------


def test_catalog_has_at_least_30_kpis_every_cell_filled_and_known_values():
    catalog = load_kpi_catalog()
    assert len(catalog) >= 30
    platforms = {p.id for p in load_platform_profiles()}
    for kpi in catalog:
        for column in KPI_CATALOG_COLUMNS:
            assert getattr(kpi, column), (kpi.id, column)
        assert kpi.stage in KPI_STAGES
        assert kpi.data_source in KPI_DATA_SOURCES
        assert set(kpi.results) <= set(BUSINESS_RESULTS), kpi.id
        assert kpi.platforms == ("all",) or set(kpi.platforms) <= platforms, kpi.id
    assert {kpi.stage for kpi in catalog} == set(KPI_STAGES)
    assert len({kpi.id for kpi in catalog}) == len(catalog)


def test_every_catalog_source_key_is_explained_in_the_datasets_readme():
    readme = (datasets_dir() / "README.md").read_text(encoding="utf-8")
    section = readme.split("## kpi_catalog.csv", 1)[1]
    for kpi in load_kpi_catalog():
        for key in kpi.source.split(";"):
            assert f"`{key}`" in section, key


def test_every_business_result_has_an_outcome_kpi_to_suggest():
    for result in BUSINESS_RESULTS:
        if result == "other":
            continue
        suggestions = suggest_kpis(result)
        assert any(k.level == "outcome" for k in suggestions), result


def _write_catalog(tmp_path, rows):
    path = tmp_path / "kpi_catalog.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(KPI_CATALOG_COLUMNS)
        writer.writerows(rows)
    return path


GOOD_ROW = ["leads", "Leads", "do", "outcome", "business", "why", "f", "crm", "all", "up",
            "leads", "d", "seed-003"]


@pytest.mark.parametrize("change, message", [
    ({2: "buy"}, "stage 'buy'"),
    ({3: "top"}, "level 'top'"),
    ({4: "nice"}, "kind 'nice'"),
    ({7: "guess"}, "data_source 'guess'"),
    ({9: "sideways"}, "direction 'sideways'"),
    ({5: " "}, "empty why"),
    ({0: "Bad Id"}, "not a slug"),
])
def test_a_bad_catalog_row_is_refused_with_file_and_line(tmp_path, change, message):
    row = [change.get(i, cell) for i, cell in enumerate(GOOD_ROW)]
    path = _write_catalog(tmp_path, [GOOD_ROW[:0] or ["ok", *GOOD_ROW[1:]], row])
    with pytest.raises(ValueError, match=message) as error:
        load_kpi_catalog(path)
    assert "line 3" in str(error.value)


def test_a_catalog_with_wrong_columns_or_a_duplicate_id_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,name\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected id, name"):
        load_kpi_catalog(path)
    with pytest.raises(ValueError, match="given twice"):
        load_kpi_catalog(_write_catalog(tmp_path, [GOOD_ROW, GOOD_ROW]))


# -- suggestions and vanity ----------------------------------------------------------------


@pytest.mark.parametrize("result, expected", [
    ("leads", "leads-from-social"),
    ("revenue", "sales-from-social"),
    ("retention", "repeat-purchase"),
    ("service_cost", "service-deflection"),
    ("reputation", "complaints-resolved"),
    ("hiring", "applications"),
])
def test_suggestions_per_goal_type_start_with_business_outcomes(result, expected):
    suggestions = suggest_kpis(result)
    ids = [k.id for k in suggestions]
    assert expected in ids
    levels = [k.level for k in suggestions]
    assert levels == sorted(levels, key=["outcome", "driver", "activity"].index)
    assert levels[0] == "outcome"
    assert all(k.kind == "business" for k in suggestions if k.level != "activity")
    assert all(result in k.results for k in suggestions)


def test_suggestions_without_a_result_are_all_outcomes():
    suggestions = suggest_kpis(None)
    assert suggestions and all(k.level == "outcome" for k in suggestions)


def test_vanity_comes_from_the_catalog_or_the_metric_lexicon():
    catalog = catalog_by_id()
    followers = kpi_from_catalog(catalog["followers"], "g-1")
    assert followers.level == "activity" and followers.catalog_id == "followers"
    assert kpi_vanity(followers).is_vanity
    assert not kpi_vanity(kpi_from_catalog(catalog["leads-from-social"])).is_vanity
    assert kpi_vanity(Kpi(name="Instagram likes per post")).is_vanity
    assert not kpi_vanity(Kpi(name="Qualified leads per month")).is_vanity
    assert not kpi_vanity(Kpi(name="Customers from followers")).is_vanity


def test_catalog_kinds_agree_with_the_metric_lexicon():
    """A catalog KPI and the same words typed by a team get the same verdict: every
    catalog name, classified by the lexicon, is vanity exactly when its kind says so."""
    disagree = [(kpi.id, kpi.kind, classify_metric(kpi.name).kind)
                for kpi in load_kpi_catalog()
                if classify_metric(kpi.name).is_vanity != (kpi.kind == "vanity")]
    assert disagree == []


@pytest.mark.parametrize("name", ["engagement rate", "Engagement rate per post", "shares",
                                  "saves", "Engagement-Rate", "Speicherungen", "delinger",
                                  "互动率", "გაზიარებები"])
def test_a_typed_engagement_share_or_save_kpi_is_vanity_as_in_the_catalog(name):
    assert kpi_vanity(Kpi(name=name)).is_vanity
    check = goal_vanity_check("More sales", [Kpi(name=name, level="outcome")])
    assert check.level == "warning" and "only by vanity metrics" in check.message


def test_a_goal_measured_only_by_vanity_metrics_is_warned_about():
    catalog = catalog_by_id()
    vanity = [kpi_from_catalog(catalog[i], "g") for i in ("followers", "likes")]
    check = goal_vanity_check("More leads", vanity)
    assert check.level == "warning"
    assert "only by vanity metrics (Followers, Likes)" in check.message
    drivers = [*vanity, kpi_from_catalog(catalog["ctr"], "g")]
    assert "no business outcome KPI" in goal_vanity_check("More leads", drivers).message
    outcome = [*drivers, kpi_from_catalog(catalog["leads-from-social"], "g")]
    assert goal_vanity_check("More leads", outcome).ok
    assert goal_vanity_check("More leads", []).level == "todo"
    own = [Kpi(name="Follower count", level="outcome")]
    assert goal_vanity_check("Reach", own).level == "warning"


# -- checks ------------------------------------------------------------------------------


def _kpi(**values):
    base = dict(name="Leads from social", catalog_id="leads-from-social", level="outcome",
                baseline=10, target=20, horizon_months=12, data_source="crm", owner="Ann",
                cadence="monthly")
    return Kpi(**{**base, **values})


def test_a_complete_business_kpi_passes_every_check():
    checks = kpi_checks(_kpi(), ["linkedin"])
    assert [c.key for c in checks] == ["kpi.target", "kpi.direction", "kpi.source",
                                       "kpi.review", "kpi.business"]
    assert all(c.ok for c in checks), [c.message for c in checks if not c.ok]
    assert "From 10 to 20 in 12 months." in checks[0].message
    assert "Ann reviews it monthly." in checks[3].message


def test_missing_values_are_named():
    checks = kpi_checks(Kpi(name="Leads"))
    assert checks[0].message == ("Add today's value (baseline) and a target number and a "
                                 "horizon in months.")
    assert checks[1].level == "todo"
    assert checks[2].message == "Choose where the numbers come from."
    assert checks[3].message == "Say who owns it and how often it is reviewed."


def test_a_target_below_the_baseline_of_a_growth_kpi_warns():
    check = kpi_checks(_kpi(baseline=50, target=40))[1]
    assert check.level == "warning" and "below today's 50" in check.message
    falling = _kpi(name="Cost per lead", catalog_id="cost-per-lead", direction="down",
                   baseline=40, target=50)
    assert "should fall" in kpi_checks(falling)[1].message
    assert kpi_checks(_kpi(direction="down", baseline=50, target=40))[1].ok


def test_a_platform_source_must_exist_for_the_chosen_platforms():
    saves = kpi_from_catalog(catalog_by_id()["saves"])
    assert not kpi_checks(saves, ["x", "reddit"])[2].ok
    assert "None of your chosen platforms (x, reddit)" in kpi_checks(saves, ["x", "reddit"])[
        2].message
    assert kpi_checks(saves, ["x", "instagram"])[2].ok
    assert kpi_checks(saves, [])[2].ok  # no platforms chosen yet: nothing to judge against
    web = kpi_checks(_kpi(data_source="web_analytics"))[2]
    assert web.ok and "tag every link" in web.message


def test_a_vanity_kpi_is_fine_as_activity_but_warned_as_outcome():
    followers = kpi_from_catalog(catalog_by_id()["followers"])
    assert kpi_checks(followers)[4].ok
    as_outcome = followers.model_copy(update={"level": "outcome"})
    assert kpi_checks(as_outcome)[4].level == "warning"


# -- trees -------------------------------------------------------------------------------


def test_tree_nests_outcome_driver_activity_under_each_goal():
    catalog = catalog_by_id()
    kpis = [kpi_from_catalog(catalog[i], "g-1") for i in
            ("followers", "ctr", "leads-from-social", "social-sessions")]
    kpis.append(Kpi(name="Own KPI", goal_id="gone"))
    nodes = kpi_tree([("g-1", "More leads"), ("g-2", "Keep customers")], kpis)
    shown = [(n.depth, n.label, n.level) for n in nodes]
    assert shown == [
        (0, "More leads", "goal"), (1, "Leads from social", "outcome"),
        (2, "Click-through rate to the website", "driver"),
        (2, "Website visits from social", "driver"), (3, "Followers", "activity"),
        (0, "Keep customers", "goal"),
        (0, "Not tied to a goal", "goal"), (1, "Own KPI", "driver")]
    by_id = {n.id: n for n in nodes}
    followers = next(n for n in nodes if n.label == "Followers")
    assert followers.vanity and by_id[followers.parent].label == "Website visits from social"


# -- ROI over time -------------------------------------------------------------------------


def test_roi_with_carry_over_matches_the_hand_computed_months():
    # C=1000, V=100, c=5, theta=0.5 a month, g=0. The carry-over is normalised: a month's
    # effort brings c in total, spread over the months, so 0.5, 0.75, 0.875 of it works in
    # months 1-3 -> 2.5, 3.75, 4.375 conversions (unnormalised it claimed 5, 7.5, 8.75:
    # carry-over adding returns nobody assumed)
    projection = roi_over_time(1000, 100, 5, 0.5, 0.0, 3)
    months = projection.months
    assert [m.carried for m in months] == [0.5, 0.75, 0.875]
    assert [m.return_value for m in months] == [250, 375, 437.5]
    assert [m.cumulative_return for m in months] == [250, 625, 1062.5]
    assert [round(m.cumulative_roi, 6) for m in months] == [
        -0.75, -0.6875, round((1062.5 - 3000) / 3000, 6)]
    assert [m.naive_cumulative_roi for m in months] == [-0.5, -0.5, -0.5]
    assert projection.break_even_month is None and projection.naive_break_even_month is None


def test_roi_with_community_growth_breaks_even_later_than_month_one_and_naive_never():
    # C=100, V=10, c=8, theta=0, g=0.1 up to 10 times: returns 80, 88, 96.8, 106.48, 117.128
    projection = roi_over_time(100, 10, 8, 0.0, 0.1, 5, growth_ceiling=10)
    returns = [round(m.return_value, 6) for m in projection.months]
    assert returns == [80, 88, 96.8, 106.48, 117.128]
    # cumulative 80, 168, 264.8, 371.28, 488.408 vs cost 100..500: still short at month 5
    assert projection.break_even_month is None
    projection = roi_over_time(100, 10, 8, 0.0, 0.1, 6, growth_ceiling=10)
    assert projection.break_even_month == 6  # 488.408 + 128.8408 = 617.25 >= 600
    assert projection.naive_break_even_month is None
    # the growth the team assumed makes it: without growth a month returns 80 for 100
    assert projection.break_even_reason == "growth"
    assert projection.without_growth_month is None


def test_break_even_counts_the_month_returns_reach_costs_exactly():
    projection = roi_over_time(100, 10, 10, 0.0, 0.0, 2)
    assert projection.break_even_month == 1 and projection.naive_break_even_month == 1
    assert projection.months[0].cumulative_roi == 0


def test_a_higher_value_per_conversion_moves_break_even_earlier():
    slow = roi_over_time(1000, 100, 5, 0.3, 0.03, 60, growth_ceiling=4).break_even_month
    fast = roi_over_time(1000, 200, 5, 0.3, 0.03, 60, growth_ceiling=4).break_even_month
    assert slow is not None and fast is not None and fast < slow


def test_the_largest_allowed_numbers_do_not_overflow():
    projection = roi_over_time(1e9, 1e9, 1e7, 0.9, 0.5, 60, growth_ceiling=20)
    assert projection.months[-1].cumulative_roi < float("inf")
    assert projection.break_even_month == 1


@pytest.mark.parametrize("args", [(0, 1, 1, 0, 0, 1), (-5, 1, 1, 0, 0, 1),
                                  (1, 1, 1, 1.0, 0, 1), (1, 1, 1, 0, 0.6, 1),
                                  (1, 1, 1, 0, 0, 0), (1, 1, 1, 0, 0, 61), (1, -1, 1, 0, 0, 1)])
def test_roi_refuses_out_of_range_assumptions(args):
    with pytest.raises(ValueError):
        roi_over_time(*args)


def test_project_says_what_is_missing_and_uses_the_budget_when_no_cost_is_typed():
    roi = RoiAssumptions(value_per_conversion=100, conversions_per_month=5)
    projection, missing = project(roi)
    assert projection is None and missing == "Enter the monthly cost to see ROI over time."

    class Budget:  # the budget step's section, as it may offer its total
        def monthly_total(self):
            return 1000.0

    assert effective_monthly_cost(roi, Budget()) == (1000.0, "budget")
    projection, missing = project(roi, Budget())
    assert missing == "" and projection.months[0].cost == 1000
    typed = roi.model_copy(update={"monthly_cost": 400.0})
    assert effective_monthly_cost(typed, Budget()) == (400.0, "team")
    zero = roi.model_copy(update={"monthly_cost": 0.0})
    assert "above 0" in project(zero)[1]


@pytest.mark.parametrize("budget", [None, object(), type("B", (), {"monthly_total": "x"})(),
                                    type("B", (), {"monthly_total": -1})(),
                                    type("B", (), {"monthly_total": float("nan")})(),
                                    type("B", (), {"monthly_total": lambda self: 1 / 0})()])
def test_a_budget_without_a_usable_monthly_total_counts_as_none(budget):
    assert budget_monthly_cost(budget) is None


def test_summary_states_both_views():
    text = roi_summary(roi_over_time(100, 10, 8, 0.0, 0.1, 6, growth_ceiling=10), 6)
    # the break-even names the assumption that produces it
    assert ("breaks even in month 6 because of the 10 % monthly growth you assumed "
            "(up to 10 times the first month's conversions)") in text
    assert "says it never pays" in text


# -- the section -----------------------------------------------------------------------------


@pytest.mark.parametrize("values", [
    {"baseline": -1}, {"target": 1e13}, {"target": float("inf")}, {"horizon_months": 0},
    {"horizon_months": 61}, {"name": "   "}, {"name": "x" * 121}, {"level": "top"},
    {"data_source": "guess"}, {"cadence": "daily"}])
def test_a_kpi_refuses_bad_values(values):
    with pytest.raises(ValidationError):
        Kpi(**{"name": "Leads", **values})


@pytest.mark.parametrize("values", [
    {"monthly_cost": -1}, {"monthly_cost": 2e9}, {"value_per_conversion": float("nan")},
    {"conversions_per_month": 1e8}, {"carry_over_percent_per_week": 95},
    {"growth_percent_per_month": 60}, {"months": 0}, {"months": 61}, {"margin_percent": 0},
    {"margin_percent": 101}, {"growth_ceiling_multiple": 0.5},
    {"organic_decline_percent_per_month": 60}])
def test_roi_assumptions_have_bounds(values):
    with pytest.raises(ValidationError):
        RoiAssumptions(**values)


@pytest.mark.parametrize("values", [
    {"url": "javascript:alert(1)"}, {"url": "example.com"}, {"source": "LinkedIn"},
    {"campaign": "spring sale"}, {"medium": XSS}, {"campaigns": ["ok", "Not Ok"]},
    {"campaigns": [""]}])
def test_utm_settings_store_only_normalised_values(values):
    with pytest.raises(ValidationError):
        UtmSettings(**values)


def test_an_assignment_refused_keeps_the_last_valid_value():
    roi = RoiAssumptions(value_per_conversion=100)
    with pytest.raises(ValidationError):
        roi.value_per_conversion = -5
    assert roi.value_per_conversion == 100


def test_kpi_ids_must_differ_and_the_section_round_trips_in_a_plan():
    kpi = Kpi(id="k-1", name="Leads")
    with pytest.raises(ValidationError, match="same id"):
        KpisSection(kpis=[kpi, kpi])
    section = KpisSection(kpis=[kpi], roi=RoiAssumptions(monthly_cost=500),
                          utm=UtmSettings(url="https://acme.com/", source="x",
                                          campaign="launch", campaigns=["launch"]),
                          hear_about_us_added=True)
    plan = Plan(team="KPI team", kpis=section)
    assert Plan.model_validate_json(plan.model_dump_json()).kpis == section


def test_an_empty_section_is_the_default_of_a_plan():
    assert Plan(team="New").kpis == KpisSection()


# -- the measurement plan ----------------------------------------------------------------------


def test_measurement_plan_orders_by_goal_and_level_and_escapes_in_markdown():
    kpis = [Kpi(id="k-a", name="Followers", goal_id="g-2", level="activity"),
            _kpi(id="k-b", goal_id="g-2", owner=XSS),
            _kpi(id="k-c", name="Sales | *bold*", goal_id="g-1", level="driver")]
    section = KpisSection(kpis=kpis)
    rows = measurement_plan(section, [("g-1", "Revenue"), ("g-2", "Leads")])
    assert [(r.goal, r.kpi) for r in rows] == [("Revenue", "Sales | *bold*"),
                                               ("Leads", "Leads from social"),
                                               ("Leads", "Followers")]
    assert rows[1].cadence == "Monthly" and rows[1].horizon == "12 months"
    text = "\n".join(kpis_markdown(section))
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "Sales \\| \\*bold\\*" in text
    assert "| Leads from social | Outcome | 10 | 20 | 12 months | CRM / sales records |" in text


def test_markdown_states_roi_and_the_survey_question():
    section = KpisSection(roi=RoiAssumptions(monthly_cost=100, value_per_conversion=10,
                                             conversions_per_month=10, months=12),
                          utm=UtmSettings(campaigns=["launch"]), hear_about_us_added=True)
    text = "\n".join(kpis_markdown(section))
    # a month's conversions are worth exactly its cost: the naive view pays in month 1,
    # but returns lag by the carry-over, so the cumulative ROI stays just short
    assert "does not break even within 12 months" in text
    assert "The naive view (each month's return counted in the month of its spend) says " \
        "month 1." in text
    assert "30% of a week's effect carries over into the next week" in text
    assert "0.3 to the power 4.33 = 0.54% of a month's effect" in text
    assert "Campaigns tagged on every link: launch." in text
    assert "on the contact form: added." in text


def test_platform_ids_in_the_catalog_are_the_platforms_steps_ids():
    assert platform_id("LinkedIn") == "linkedin"
    saves = catalog_by_id()["saves"]
    assert "instagram" in saves.platforms


# -- two laptops, and properties of the projection --------------------------------------------


def test_two_laptops_adding_and_editing_kpis_at_once_keep_both(workspace):
    workspace.create_team("Two")
    base = KpisSection(kpis=[Kpi(id="k-1", name="Leads from social", level="outcome")])
    first = workspace.save_section("Two", "kpis", base, None).revision.number
    mine = base.model_copy(update={"kpis": [
        base.kpis[0].model_copy(update={"target": 40.0}), Kpi(id="k-2", name="Sales")]})
    theirs = base.model_copy(update={"kpis": [
        base.kpis[0].model_copy(update={"owner": "Ann"}), Kpi(id="k-3", name="Churn")]})
    workspace.save_section("Two", "kpis", mine, first)
    result = workspace.save_section("Two", "kpis", theirs, first)
    kpis = {k.id: k for k in result.plan.kpis.kpis}
    assert set(kpis) == {"k-1", "k-2", "k-3"}
    assert (kpis["k-1"].target, kpis["k-1"].owner) == (40.0, "Ann")


money = st.floats(min_value=1, max_value=1e6, allow_nan=False)
share = st.floats(min_value=0, max_value=0.9, allow_nan=False)


ceilings = st.floats(min_value=1, max_value=20, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(money, money, st.floats(min_value=0, max_value=1e4), share,
       st.floats(min_value=0, max_value=0.5), ceilings, st.integers(min_value=1, max_value=60))
def test_carry_over_only_delays_and_only_the_teams_growth_adds(cost, value, conversions, carry,
                                                               growth, ceiling, months):
    """Normalised carry-over spreads a month's return over later months and adds none: with
    no growth the projection is never ahead of the naive view (which counts every return
    in the month of its spend), and a growth assumption only ever adds to it. (Before
    normalisation the carry-over alone put the projection ahead of the naive view.)"""
    plain = roi_over_time(cost, value, conversions, carry, 0.0, months)
    grown = roi_over_time(cost, value, conversions, carry, growth, months,
                          growth_ceiling=ceiling)
    assert len(plain.months) == len(grown.months) == months
    for without, with_growth in zip(plain.months, grown.months, strict=True):
        assert without.cumulative_roi <= without.naive_cumulative_roi + 1e-9
        assert with_growth.cumulative_roi >= without.cumulative_roi - 1e-9
        assert without.cumulative_roi >= -1
    if plain.naive_break_even_month is None:
        assert plain.break_even_month is None
    elif plain.break_even_month is not None:
        assert plain.break_even_month >= plain.naive_break_even_month


@settings(max_examples=300, deadline=None)
@given(money, st.floats(min_value=0, max_value=0.999), st.floats(min_value=0.01, max_value=1e4),
       share, st.floats(min_value=0, max_value=0.5), st.one_of(st.none(),
                                                               st.floats(0.01, 1.0)),
       st.integers(min_value=1, max_value=60))
def test_a_return_below_cost_every_month_never_breaks_even_without_growth(
        cost, below, conversions, carry, decline, margin, months):
    """A café losing money every month never breaks even: whatever the carry-over and
    the decline, without a growth assumption the return of a month (conversions × value ×
    margin) below its cost never adds up to the costs."""
    value = cost * below / conversions / (margin or 1.0)  # a month returns below * cost
    projection = roi_over_time(cost, value, conversions, carry, 0.0, months, margin=margin,
                               decline_per_month=decline)
    assert projection.break_even_month is None
    assert projection.naive_break_even_month is None
    assert projection.break_even_reason == ""


@settings(max_examples=100, deadline=None)
@given(money, money, st.floats(min_value=0.1, max_value=100), share,
       st.floats(min_value=0, max_value=0.5), ceilings)
def test_a_higher_value_per_conversion_never_breaks_even_later(cost, value, conversions,
                                                               carry, growth, ceiling):
    low = roi_over_time(cost, value, conversions, carry, growth, 60,
                        growth_ceiling=ceiling).break_even_month
    high = roi_over_time(cost, value * 1.5, conversions, carry, growth, 60,
                         growth_ceiling=ceiling).break_even_month
    if low is not None:
        assert high is not None and high <= low


def test_treemap_has_a_box_per_node_escaped_labels_and_vanity_in_amber():
    catalog = catalog_by_id()
    kpis = [kpi_from_catalog(catalog["leads-from-social"], "g-1"),
            kpi_from_catalog(catalog["followers"], "g-1"), Kpi(name=XSS, goal_id="g-1")]
    nodes = kpi_tree([("g-1", "<b>Leads</b>")], kpis)
    trace = kpi_treemap(nodes).data[0]
    assert list(trace.ids) == [n.id for n in nodes]
    assert list(trace.parents) == [n.parent for n in nodes]
    assert trace.labels[0] == "&lt;b&gt;Leads&lt;/b&gt;"
    assert f"Driver: {XSS}" not in trace.labels and "Driver: &lt;img src=x onerror=alert(1)&gt;" \
        in trace.labels
    followers = [n.label for n in nodes].index("Followers")
    assert trace.marker.colors[followers] == TREE_COLOURS["vanity"]


def test_the_budget_steps_total_a_month_is_the_cost_when_none_is_typed():
    from socialplaybook.steps.budget.section import BudgetSection, MonthlyCosts
    from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection

    budget = BudgetSection(monthly_costs=MonthlyCosts(listening_tools=100), paid_budget=400)
    assert budget_monthly_cost(budget) == 500
    staffed = budget.model_copy(update={"hourly_staff_cost": 30.0})
    platforms = PlatformsSection(choices=[PlatformChoice(id="linkedin", platform="LinkedIn")])
    assert budget_monthly_cost(staffed, platforms) > 500  # the platform's hours at 30 an hour
    assert budget_monthly_cost(BudgetSection()) is None  # nothing entered: the team types it
    roi = RoiAssumptions(value_per_conversion=100, conversions_per_month=5)
    assert effective_monthly_cost(roi, budget) == (500, "budget")
    assert project(roi, budget)[0].months[0].cost == 500
