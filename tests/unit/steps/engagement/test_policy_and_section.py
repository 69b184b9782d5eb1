"""The policy document (hostile text stays text), the section in the Plan (older plans load
with it empty, two laptops merge), its Markdown export, and its cited defaults."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import mistune
import pytest
from pydantic import ValidationError

from socialplaybook.datasets import DATA_DIR
from socialplaybook.plan.export import plan_to_markdown
from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import Plan
from socialplaybook.plan.schema import SCHEMA_VERSION
from socialplaybook.rules.section import DroppedReference
from socialplaybook.steps.engagement.defaults import (
    load_figures,
    load_law_notes,
)
from socialplaybook.steps.engagement.policy import (
    default_policy_texts,
    policy_html,
    policy_markdown,
    policy_parts,
    with_policy_text,
)
from socialplaybook.steps.engagement.section import (
    Account,
    EngagementSection,
    Pillar,
    SlotPlan,
)
from socialplaybook.steps.engagement.vocabulary import POLICY_PARTS
from socialplaybook.workspace.merge import merge_section

HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
           '<a href="javascript:alert(1)">x</a>', "[x](javascript:alert(1))", "| pipe |"]
RAW_TAGS = re.compile(r"<\s*/?\s*(img|script|a)\b", re.IGNORECASE)
README = Path(__file__).resolve().parents[4] / "datasets" / "README.md"


def render(markdown: str) -> str:
    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])(markdown)


# -- the policy ---------------------------------------------------------------------------------


def test_every_part_has_a_default_text_and_the_company_is_named():
    parts = policy_parts(EngagementSection(), "Harbour Café")
    assert [p.part for p in parts] == list(POLICY_PARTS) == list(default_policy_texts())
    assert all(p.text and not p.edited and "{company}" not in p.text for p in parts)
    assert "Harbour Café" in parts[0].text
    assert "sexist, racist" in next(p.text for p in parts if p.part == "conduct")  # seed 000


def test_law_notes_are_on_their_parts_with_sources():
    parts = {p.part: p for p in policy_parts(EngagementSection(), "X")}
    notes = {n.id for n in parts["conduct"].notes}
    assert {"us-nlra-conduct", "de-private-use", "no-expression"} <= notes
    assert {n.jurisdiction for n in load_law_notes()} == {"US", "DE", "NO"}
    markdown = "\n".join(policy_markdown(list(parts.values()), "X"))
    for note in load_law_notes():
        assert note.address.replace("_", "\\_") in markdown
        assert note.source.split(",")[0][:20].replace("'", "'") in markdown.replace("\\", "")


def test_the_teams_text_replaces_a_default_and_back():
    section = with_policy_text(EngagementSection(), "media", "Ask Kari.\n\nNobody else.")
    part = next(p for p in policy_parts(section, "X") if p.part == "media")
    assert part.edited and part.text == "Ask Kari.\n\nNobody else."
    assert "<p>Ask Kari.</p><p>Nobody else.</p>" in policy_html(policy_parts(section, "X"), "X")
    assert with_policy_text(section, "media", None).policy == []
    with pytest.raises(ValidationError):
        with_policy_text(section, "media", "x" * 4001)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_typed_in_the_document(text):
    section = with_policy_text(EngagementSection(), "conduct", f"Be kind. {text}")
    parts = policy_parts(section, f"Team {text}")
    page = policy_html(parts, f"Team {text}")
    assert html.escape(text) in page  # shown as typed...
    if "<" in text:
        assert text not in page  # ...never as markup
    assert len(re.findall(r"<a ", page)) == len(load_law_notes())  # only the sources' links
    rendered = render("\n".join(policy_markdown(parts, f"Team {text}")))
    assert not RAW_TAGS.search(rendered), rendered
    assert 'href="' not in rendered


# -- the section in the plan --------------------------------------------------------------------


def test_a_plan_of_schema_7_loads_with_an_empty_engagement_section():
    assert SCHEMA_VERSION >= 8  # 8 added the engagement section on its branch; later ones follow
    data = json.loads(Plan(team="Old").to_json())
    data.pop("engagement")
    data["schema_version"] = 7
    plan = plan_from_json(json.dumps(data))
    assert plan.schema_version == SCHEMA_VERSION and plan.engagement == EngagementSection()


def test_a_slot_naming_a_pillar_that_is_gone_is_refused_and_a_merge_drops_it():
    with pytest.raises(ValidationError, match="names a pillar that is not in the plan"):
        EngagementSection(slots=[SlotPlan(id="instagram-1", pillar_id="p-gone")])
    base = EngagementSection(pillars=[Pillar(id="p-1", name="Tips")]).model_dump(mode="json")
    mine = json.loads(json.dumps(base))
    mine["slots"] = [SlotPlan(id="instagram-1", pillar_id="p-1").model_dump(mode="json")]
    theirs = json.loads(json.dumps(base))
    theirs["pillars"] = []
    merged = merge_section(EngagementSection, base, mine, theirs)
    assert merged.dropped == [DroppedReference("slots", "instagram-1", "pillar_id", "p-1")]
    assert EngagementSection.model_validate(merged.value).slots[0].pillar_id == ""


def test_two_laptops_adding_a_pillar_and_editing_one_account_keep_both():
    base = EngagementSection(accounts=[Account(id="instagram", platform="Instagram")])
    base_json = base.model_dump(mode="json")
    mine = json.loads(json.dumps(base_json))
    mine["pillars"].append(Pillar(id="p-a", name="Tips").model_dump(mode="json"))
    mine["accounts"][0]["owner"] = "Kari"
    theirs = json.loads(json.dumps(base_json))
    theirs["pillars"].append(Pillar(id="p-b", name="News").model_dump(mode="json"))
    theirs["accounts"][0]["two_factor"] = True
    merged = EngagementSection.model_validate(
        merge_section(EngagementSection, base_json, mine, theirs).value)
    assert sorted(p.name for p in merged.pillars) == ["News", "Tips"]
    assert (merged.accounts[0].owner, merged.accounts[0].two_factor) == ("Kari", True)


def test_the_export_has_the_step_and_no_secret_or_markup_from_typed_text():
    text = HOSTILE[0]
    plan = Plan(team=f"Team {text}", engagement=EngagementSection(
        pillars=[Pillar(name=f"Tips {text}", need=text)],
        accounts=[Account(platform="Instagram", handle="@harbour", owner=text,
                          login_kept_in="1Password")]))
    markdown = plan_to_markdown(plan)
    assert "## Engagement and policy" in markdown and "Social media policy of" in markdown
    rendered = render(markdown)
    assert not RAW_TAGS.search(rendered)
    assert "@harbour" in markdown and "1Password" in markdown


# -- the cited defaults --------------------------------------------------------------------------


def test_every_figure_is_cited_or_stated_as_judgement_and_documented():
    figures = load_figures()
    readme = README.read_text(encoding="utf-8")
    assert "## engagement_defaults.csv" in readme and "## policy_law_notes.csv" in readme
    for figure in figures.values():
        assert figure.basis in ("cited", "judgement")
        if figure.cited:
            assert figure.source and figure.year.isdigit() and figure.address.startswith("http")
        else:
            assert figure.note
        assert f"`{figure.key}`" in readme, figure.key
    assert figures["response_expectation_hours"].cited
    assert figures["response_expectation_hours"].value == 4
    assert not figures["max_self_promotion_percent"].cited  # a practitioners' rule of thumb
    for note in load_law_notes():
        assert note.address in readme or note.id in readme


def test_the_defaults_loader_refuses_a_bad_file(tmp_path):
    path = tmp_path / "bad.csv"
    with open(DATA_DIR / "engagement_defaults.csv", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    rows[1][3] = "cited"
    rows[1][6] = "not an address"
    with open(path, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    with pytest.raises(ValueError, match="line 2: a cited figure needs"):
        load_figures(path)
