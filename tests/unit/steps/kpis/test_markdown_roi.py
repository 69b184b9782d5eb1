"""The KPI step's Markdown states the same ROI as the playbook's document: the budget's
total cost with staff time, its carry-over and the plan's currency, not the KPI section
alone (Bakgården Kafé breaks even in month 10 in both)."""

from socialplaybook.plan.markdown import plan_to_markdown
from socialplaybook.plan.scenarios import load_scenario
from socialplaybook.rules.blocks import Paragraph
from socialplaybook.steps.kpis.document import kpis_document
from socialplaybook.steps.kpis.markdown import kpis_markdown
from socialplaybook.steps.kpis.roi import project


def roi_paragraphs(plan) -> list[str]:
    """The document's ROI summary and its assumptions, as the HTML and PDF show them."""
    blocks = kpis_document(plan.kpis, plan)
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    projection, _missing = project(plan.kpis.roi, plan.budget, plan.platforms)
    assert projection is not None and projection.break_even_month == 10
    return [t for t in texts if "cumulative ROI breaks even" in t or "carries over" in t]


def test_the_cafes_kpi_markdown_and_document_state_the_same_roi():
    # the café's plan is in Norwegian: read here in English, as the test's sentences are
    plan = load_scenario("oslo-cafe").model_copy(update={"language": "en"})
    paragraphs = roi_paragraphs(plan)
    assert len(paragraphs) == 2  # the summary and the assumptions
    markdown = "\n".join(kpis_markdown(plan.kpis, plan.locale, plan))
    for text in paragraphs:
        assert text in markdown
    assert plan_to_markdown(plan).count(paragraphs[0]) == 1


def test_without_the_plan_the_markdown_still_renders():
    plan = load_scenario("oslo-cafe")
    assert kpis_markdown(plan.kpis, plan.locale)[0].startswith("## ")
