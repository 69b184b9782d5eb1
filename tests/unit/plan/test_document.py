"""The plan as a document: a section per step from the registry, typed values, charts, and
a step that only has Markdown read from it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.plan.document import (
    Bullets,
    Chart,
    Heading,
    Paragraph,
    Table,
    blocks_from_markdown,
    plain_text,
    plan_document,
)
from socialplaybook.plan.model import Plan
from socialplaybook.rules.charts import (
    Line,
    TimelineBar,
    bar_chart_svg,
    line_chart_svg,
    timeline_svg,
)
from socialplaybook.rules.text import markdown_text, one_line
from socialplaybook.steps.registry import built_steps, step_of
from tests.plans import SCRIPT, full_plan

SVG = "{http://www.w3.org/2000/svg}"


def section_steps_built():
    return [step.key for step in built_steps() if step.section]


def test_the_document_has_a_section_per_built_step_with_a_section_in_order():
    document = plan_document(full_plan())
    assert [s.key for s in document.sections] == section_steps_built()
    assert [s.title for s in document.sections] == [step_of(k).title
                                                   for k in section_steps_built()]
    assert document.team == "Harbour Café" and document.currency == "NOK"


def test_a_new_plan_gives_a_section_per_step_saying_what_is_missing():
    document = plan_document(Plan(team="Empty"))
    for section in document.sections:
        assert section.blocks, section.key
        assert not any(isinstance(b, Chart) for b in section.blocks), section.key
        texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
        assert any(t.startswith("No ") for t in texts), (section.key, texts)


def test_tables_hold_values_not_formatted_text():
    document = plan_document(full_plan())
    planning = next(s for s in document.sections if s.key == "planning")
    goals = next(b for b in planning.blocks if isinstance(b, Table) and b.name == "Goals")
    kinds = {c.title: c.kind for c in goals.columns}
    assert kinds["Baseline"] == kinds["Target"] == "number" and kinds["Deadline"] == "date"
    assert goals.rows[1][2:5] == (40_000, 52_000.5, date(2027, 12, 31))
    budget = next(s for s in document.sections if s.key == "budget")
    costs = next(b for b in budget.blocks if isinstance(b, Table) and b.name == "Monthly costs")
    assert costs.columns[1].kind == "money" and costs.total
    assert costs.rows[-1][1] == sum(row[1] for row in costs.rows[:-1])


def test_every_chart_is_svg_that_parses_and_says_what_it_shows():
    charts = plan_document(full_plan()).charts()
    assert {c.key for c in charts} == {"audit-radar", "planning-timeline", "budget-costs",
                                       "kpis-roi"}
    for chart in charts:
        root = ElementTree.fromstring(chart.svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img", chart.key
        assert root.get("aria-label"), chart.key


def test_charts_show_typed_text_as_text():
    hostile = "<script>alert(1)</script> & <b>x</b>"
    for svg in (bar_chart_svg("b", hostile, [(hostile, 3.0)], str),
                timeline_svg("t", hostile, [TimelineBar(hostile, date(2027, 1, 1),
                                                        date(2027, 2, 1))]),
                line_chart_svg("l", hostile, [Line(hostile, [1.0, -2.0])], hostile, str)):
        root = ElementTree.fromstring(svg)  # well-formed: nothing typed became markup
        assert not root.findall(f".//{SVG}script") and not root.findall(f".//{SVG}b")
        assert hostile in "".join(root.itertext())


def test_a_reversed_milestone_is_drawn_flagged():
    svg = timeline_svg("t", "t", [TimelineBar("ok", date(2027, 1, 1), date(2027, 1, 31)),
                                  TimelineBar("bad", date(2027, 3, 1), date(2027, 2, 1),
                                              flagged=True)])
    fills = [r.get("fill") for r in ElementTree.fromstring(svg).iter(f"{SVG}rect")]
    assert fills[0] != fills[1]


def test_a_step_with_only_markdown_is_in_the_document_from_its_lines(monkeypatch):
    planning = step_of("planning")
    markdown_only = replace(planning, document=None)
    document = plan_document(full_plan(), steps=[markdown_only])
    blocks = document.sections[0].blocks
    assert document.sections[0].title == planning.title
    assert Heading("Goals") in blocks
    goals = next(b for b in blocks if isinstance(b, Table))
    assert [c.title for c in goals.columns][:2] == ["Business result", "Metric"]
    assert goals.rows[0][1] == "qualified leads"


def test_markdown_blocks_read_tables_lists_headings_and_paragraphs():
    lines = ["## Hello", "", "### Part", "", "| A | B |", "|---|---:|",
             f"| {markdown_text('x | y')} | 2 |", "", "- **Lead**: text", "- plain",
             "", markdown_text(SCRIPT)]
    blocks = blocks_from_markdown(lines)
    assert blocks[0] == Heading("Part")
    assert blocks[1].rows == (("x | y", "2"),)
    assert blocks[2] == Bullets((("Lead", "text"), ("", "plain")))
    assert blocks[3] == Paragraph(SCRIPT)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_markdown_text_reads_back_as_the_text_typed(text):
    assert plain_text(markdown_text(text)) == one_line(text)
