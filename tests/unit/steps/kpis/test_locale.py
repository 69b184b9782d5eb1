"""The KPI checks, the ROI's sentences and the measurement plan in the team's number
format, with "1 month" for one month."""

from socialplaybook.steps.kpis.checks import kpi_checks
from socialplaybook.steps.kpis.markdown import kpis_markdown, measurement_plan
from socialplaybook.steps.kpis.roi import project, roi_assumptions_text, roi_summary
from socialplaybook.steps.kpis.section import Kpi, KpisSection, RoiAssumptions
from tests.foreign_numbers import foreign_numbers


def text_of(checks) -> str:
    return "\n".join(c.message for c in checks)


def test_a_german_machine_makers_kpi_checks_write_its_numbers_its_way():
    """Qualified leads from 1.250 to 2.500,5 in 12 months; a cost per lead that should fall
    set to rise from 45,5 to 120,25 in one month."""
    leads = Kpi(name="Qualified leads", level="outcome", baseline=1250, target=2500.5,
                horizon_months=12)
    assert "From 1.250 to 2.500,5 in 12 months." in text_of(kpi_checks(leads, locale="de"))
    assert "From 1,250 to 2,500.5 in 12 months." in text_of(kpi_checks(leads))  # English
    cost = Kpi(name="Cost per lead", direction="down", baseline=45.5, target=120.25,
               horizon_months=1)
    text = text_of(kpi_checks(cost, locale="de"))
    assert "From 45,5 to 120,25 in 1 month." in text
    assert "The target 120,25 is above today's 45,5" in text
    assert foreign_numbers(text, "de") == []
    rising = cost.model_copy(update={"direction": "up", "target": 12.5})
    assert "The target 12,5 is below today's 45,5" in text_of(kpi_checks(rising, locale="de"))


def test_the_measurement_plan_of_a_norwegian_team():
    section = KpisSection(kpis=[Kpi(name="Leads", baseline=1250, target=2500.5,
                                    horizon_months=1)])
    row = measurement_plan(section, locale="nb")[0]
    assert (row.baseline, row.target, row.horizon) == ("1\u00a0250", "2\u00a0500,5", "1 month")


def test_the_roi_sentences_of_a_german_team_over_one_month():
    """A Berlin machine maker's ROI over a single month, 12,5 conversions worth 1.250,5 at
    a 42,5 % margin: "within 1 month" and "Over 1 month", never "1 months"."""
    roi = RoiAssumptions(monthly_cost=10_000, value_per_conversion=1250.5,
                         conversions_per_month=12.5, margin_percent=42.5,
                         growth_percent_per_month=2.5, growth_ceiling_multiple=1.5,
                         organic_decline_percent_per_month=1.5, months=1)
    projection, _missing = project(roi)
    summary = roi_summary(projection, roi.months, "EUR", "de")
    assert "does not break even within 1 month" in summary
    assert "6.643 EUR against a monthly cost of 10.000 EUR" in summary
    assumptions = roi_assumptions_text(roi, locale="de")
    for fragment in ("grow 2,5 % a month until they reach 1,5 times",
                     "falls 1,5 % a month", "gross margin of 42,5 %", "Over 1 month."):
        assert fragment in assumptions, fragment
    assert foreign_numbers(summary + assumptions, "de") == []


def test_the_kpi_export_of_a_german_team():
    section = KpisSection(
        kpis=[Kpi(name="Leads", baseline=1250, target=2500.5, horizon_months=12)],
        roi=RoiAssumptions(monthly_cost=10_000, value_per_conversion=1250.5,
                           conversions_per_month=12.5, margin_percent=42.5))
    text = "\n".join(kpis_markdown(section, "de"))
    assert "| 1.250 | 2.500,5 | 12 months |" in text
    assert "6.643 against a monthly cost of 10.000" in text
    assert foreign_numbers(text, "de") == []
