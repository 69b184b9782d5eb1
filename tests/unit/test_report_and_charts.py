"""Markdown export of a full plan, and the figures the apps draw."""

from datetime import date
from xml.etree import ElementTree

from socialplaybook.audit import area_scores
from socialplaybook.charts import audit_radar_svg, milestone_timeline
from socialplaybook.cli import main
from socialplaybook.data import AREAS, load_myths
from socialplaybook.plan import Plan
from socialplaybook.planning import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    Milestone,
    PlanningSection,
)
from socialplaybook.report import plan_to_markdown
from socialplaybook.store import Workspace


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


def test_radar_escapes_text():
    svg = audit_radar_svg(area_scores({}, load_myths()))
    ElementTree.fromstring(svg)  # well-formed
    assert "<script" not in svg


def test_timeline_draws_one_bar_per_milestone_and_flags_reversed_dates():
    milestones = [
        Milestone(id="m1", title="Kick-off", start=date(2027, 1, 4), end=date(2027, 1, 4)),
        Milestone(id="m2", title="Broken", start=date(2027, 2, 1), end=date(2027, 1, 1)),
    ]
    bar = milestone_timeline(milestones).data[0]
    assert list(bar.y) == ["m1 · Kick-off", "m2 · Broken"]
    assert list(bar.x) == [86_400_000, 0]  # one whole day; a reversed milestone has none
    assert list(bar.marker.color)[1] == "#d64545"
