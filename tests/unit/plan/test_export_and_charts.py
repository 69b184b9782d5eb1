"""Markdown export of a full plan, and the figures the apps draw."""

import html
import re
from datetime import date
from xml.etree import ElementTree

import mistune
import pytest

from socialplaybook.cli import main
from socialplaybook.datasets import AREAS, load_myths
from socialplaybook.plan.export import plan_to_markdown
from socialplaybook.plan.model import Plan
from socialplaybook.rules.text import markdown_text, plotly_text
from socialplaybook.steps.audit.radar import audit_radar_svg
from socialplaybook.steps.audit.scores import area_scores
from socialplaybook.steps.planning.section import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    Milestone,
    PlanningSection,
)
from socialplaybook.steps.planning.timeline import milestone_timeline
from socialplaybook.workspace.store import Workspace

# What a team might type, on purpose or not: HTML that runs or restyles, Markdown that
# breaks a table or makes a link.
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    '<a href="javascript:alert(1)">x</a>',
    "| pipe |",
    "[x](javascript:alert(1))",
]
RAW_TAGS = re.compile(r"<\s*/?\s*(img|script|b|a)\b", re.IGNORECASE)


def full_plan() -> Plan:
    raci = RACI().with_cell("complaints", "customer_service", "R")
    planning = PlanningSection(
        goals=[Goal(business_result="leads", metric="qualified leads per month", baseline=20,
                    target=35, deadline=date(2027, 9, 30), owner="Sales")],
        audience=[AudienceSegment(name="Office managers", kind="B2B", age_bands=["30-49"],
                                  region="Bergen", needs="Quick quotes",
                                  where_they_are=["LinkedIn"])],
        raci=raci,
        milestones=[Milestone(id="m1", title="Reply guidelines", owner="Service",
                              start=date(2027, 1, 4), end=date(2027, 1, 29))],
        resources=[DepartmentResource(department="marketing", people=2, hours_per_week=12)],
    )
    return Plan(team="Harbour Café", audit={"answers": {"no-plan": 4}}, planning=planning)


def test_markdown_has_audit_goals_audience_raci_milestones_resources():
    text = plan_to_markdown(full_plan())
    for fragment in ["# Social media playbook: Harbour Café", "## Myth audit",
                     "## Planning", "qualified leads per month", "Office managers",
                     "Handling complaints", "Reply guidelines", "Marketing"]:
        assert fragment in text, fragment


def test_cli_md_export_includes_the_planning_section(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/ws.sqlite"
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", url)
    workspace = Workspace(url)
    workspace.import_plan(full_plan())
    out = tmp_path / "plan.md"
    assert main(["export", "Harbour Café", "--format", "md", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "qualified leads per month" in text and "Reply guidelines" in text


def test_radar_is_valid_svg_with_a_point_per_area_at_its_score():
    scores = area_scores({"no-plan": 4, "vanity-kpis": 0, "social-is-free": 2},
                         load_myths())
    svg = ElementTree.fromstring(audit_radar_svg(scores))
    ns = {"svg": "http://www.w3.org/2000/svg"}
    points = {c.get("data-area"): c for c in svg.findall("svg:circle", ns)}
    assert list(points) == list(AREAS)
    assert points["planning"].get("data-score") == "0"
    assert points["kpis"].get("data-score") == "100"
    assert points["budget"].get("data-score") == "50"
    assert points["policy"].get("data-score") == ""  # no answers yet: hollow
    assert points["policy"].get("fill") == "white"
    assert "no answers yet" in points["policy"].find("svg:title", ns).text
    centre = points["planning"]  # score 0 sits at the centre, 100 on the rim
    rim = points["kpis"]
    shape = svg.find("svg:polygon[@class='sp-radar-shape']", ns).get("points").split()
    assert len(shape) == len(AREAS)
    assert f"{float(centre.get('cx')):.1f},{float(centre.get('cy')):.1f}" in shape
    assert f"{float(rim.get('cx')):.1f},{float(rim.get('cy')):.1f}" in shape


def test_radar_shows_its_labels_as_text(monkeypatch):
    # No user text reaches the radar: its labels are the area names (translations). A
    # translated name with "&" or "<" must still give well-formed SVG showing it as written.
    monkeypatch.setattr("socialplaybook.steps.audit.radar.area_labels",
                        lambda: {area: f"Q&A <{area}>" for area in AREAS})
    svg = ElementTree.fromstring(audit_radar_svg(area_scores({"no-plan": 4}, load_myths())))
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = [t.text for t in svg.findall("svg:text", ns)]
    assert [t for t in texts if t.startswith("Q&A")] == [f"Q&A <{area}>" for area in AREAS]
    titles = [c.find("svg:title", ns).text for c in svg.findall("svg:circle", ns)]
    assert titles[0].startswith("Q&A <planning>: 0 / 100")


def test_timeline_draws_one_bar_per_milestone_and_flags_reversed_dates():
    milestones = [
        Milestone(id="m1", title="Kick-off", start=date(2027, 1, 4), end=date(2027, 1, 4)),
        Milestone(id="m2", title="Broken", start=date(2027, 2, 1), end=date(2027, 1, 1)),
    ]
    bar = milestone_timeline(milestones).data[0]
    assert list(bar.y) == ["m1 · Kick-off", "m2 · Broken"]
    assert list(bar.x) == [86_400_000, 0]  # one whole day; a reversed milestone has none
    assert list(bar.marker.color)[1] == "#d64545"


# -- user text is text ---------------------------------------------------------------------------


def hostile_plan(text: str) -> Plan:
    """A plan with ``text`` in every field a team types that the export shows."""
    planning = PlanningSection(
        goals=[Goal(business_result="leads", metric=text, baseline=1, target=2,
                    deadline=date(2027, 9, 30), owner=text)],
        audience=[AudienceSegment(name=text, kind="B2B", region=text, needs=text,
                                  where_they_are=[text, "LinkedIn"])],
        milestones=[Milestone(id="m1", title=text, owner=text,
                              start=date(2027, 1, 4), end=date(2027, 1, 29)),
                    Milestone(id="m2", title="After", start=date(2027, 2, 1),
                              end=date(2027, 2, 2), depends_on=["m1"])],
    )
    return Plan(team=f"Team {text}", audit={"answers": {"no-plan": 4}}, planning=planning)


def render_markdown(text: str) -> str:
    """The export as a Markdown viewer that allows HTML shows it (GitHub-style tables)."""
    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])(text)


def shown_text(rendered: str) -> str:
    """The text a reader sees in rendered HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", " ", rendered))


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_export_shows_user_text_as_typed(text):
    markdown = plan_to_markdown(hostile_plan(text))
    assert not RAW_TAGS.search(markdown), markdown
    assert "](javascript" not in markdown.replace("\\]", "")
    assert markdown.count(markdown_text(text)) >= 9  # team, metric, owners, segment, title
    assert markdown.startswith(f"# Social media playbook: Team {markdown_text(text)}\n")

    rendered = render_markdown(markdown)
    assert not RAW_TAGS.search(rendered), rendered  # no element the user typed
    assert "href=\"" not in rendered and "<del>" not in rendered
    assert shown_text(rendered).count(text) >= 9  # and the reader sees exactly what was typed
    for row in re.findall(r"<tr>(.*?)</tr>", rendered, re.DOTALL):
        cells = len(re.findall(r"<t[hd][ >]", row))  # "|" in a cell adds no column
        assert cells in (2, 3, 5, 6), row


def test_markdown_text_keeps_a_document_in_shape():
    assert markdown_text("# Not a heading") == "\\# Not a heading"
    assert markdown_text("1. not a list") == "1\\. not a list"
    assert markdown_text("- not a list") == "\\- not a list"
    assert markdown_text("two\nlines\tand  spaces") == "two lines and spaces"
    assert markdown_text("*not bold* _or_ `code` ~~gone~~") == (
        "\\*not bold\\* \\_or\\_ \\`code\\` \\~\\~gone\\~\\~")
    assert markdown_text("Q&A &lt;") == "Q&amp;A &amp;lt;"  # an entity typed stays typed
    assert markdown_text("   ", empty="–") == "–"
    for line in ("# x", "1. x", "- x", "+ x", "= x", "> x", "*x*", "a\\b", "`x`"):
        assert shown_text(render_markdown(markdown_text(line))).strip() == line


def figure_strings(value):
    """Every string in a plotly figure's JSON (data and layout)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from figure_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from figure_strings(item)


@pytest.mark.parametrize("text", HOSTILE)
def test_timeline_shows_user_text_as_typed(text):
    milestones = [
        Milestone(id="m1", title=text, owner=text, start=date(2027, 1, 4),
                  end=date(2027, 1, 29)),
        Milestone(id="m2", title="After", owner="Sales", start=date(2027, 2, 1),
                  end=date(2027, 2, 2), depends_on=["m1"]),
    ]
    figure = milestone_timeline(milestones, horizon=(date(2027, 1, 1), date(2027, 12, 31)))
    strings = list(figure_strings(figure.to_plotly_json()))
    for string in strings:  # plotly reads HTML here: the only tag is our own line break
        assert "<" not in string.replace("<br>", ""), string
    bar = figure.data[0]
    label = f"m1 · {plotly_text(text)}"
    assert bar.y[0] == label
    assert bar.hovertext[0].startswith(label + "<br>2027-01-04 → 2027-01-29")
    assert f"<br>owner: {plotly_text(text)}" in bar.hovertext[0]
    # plotly decodes &lt; &gt; &amp; back into the characters it draws: the title as typed
    assert html.unescape(plotly_text(text)) == text


def test_plotly_text_escapes_only_what_plotly_reads():
    assert plotly_text("<b>bold</b> & co") == "&lt;b&gt;bold&lt;/b&gt; &amp; co"
    assert plotly_text("&lt;") == "&amp;lt;"  # an entity typed is shown as typed
    assert plotly_text('Say "hi" | *x*') == 'Say "hi" | *x*'
