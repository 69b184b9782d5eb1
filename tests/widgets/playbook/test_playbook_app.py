"""The playbook app through its controls: the plan on one page, the checklist's links, the
downloads (the same files as the command line), the history and its restores."""

from __future__ import annotations

import base64
import html as html_lib
import re
import time

import pytest

from socialplaybook.plan.export import export_plan
from socialplaybook.plan.files import plan_from_json, plan_to_json
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.steps.registry import built_steps
from tests.plans import SCRIPT, full_plan
from widgets.playbook.app import PlaybookApp

TEAM = "Harbour Café"


@pytest.fixture
def app(workspace):
    workspace.import_plan(full_plan(TEAM))
    page = PlaybookApp(workspace, live_check_seconds=0)
    page.picker.dropdown.value = TEAM  # as a person picks it
    return page


def downloads(app: PlaybookApp) -> dict[str, tuple[str, bytes]]:
    """Each link's format -> (file name, content), decoded from its data URL."""
    found = {}
    for key, name, payload in re.findall(
            r'data-format="(\w+)" download="([^"]*)" href="data:[^;]+;base64,([^"]*)"',
            app.links):
        found[key] = (html_lib.unescape(name), base64.b64decode(payload))
    return found


def test_no_team_shows_nothing_but_the_picker(workspace):
    page = PlaybookApp(workspace, live_check_seconds=0)
    assert page.workarea.layout.display == "none" and page.document == ""


def test_the_whole_plan_is_on_the_page(app):
    for step in built_steps():
        if step.section:
            assert f'data-section="{step.key}"' in app.document, step.key
    for fragment in ("qualified leads", "Reply guidelines", "Measurement plan",
                     'data-chart="budget-costs"', "sp-radar"):
        assert fragment in app.document, fragment
    assert "Saved · revision 1" in app.status


def test_each_gap_links_to_the_app_that_fills_it_on_the_team(app):
    assert 'data-step="planning" data-state="open"' in app.checklist
    assert 'href="02-planning.ipynb?team=Harbour+Caf%C3%A9"' in app.checklist
    assert 'href="05-kpis.ipynb?team=Harbour+Caf%C3%A9"' in app.checklist
    assert 'data-step="audit" data-state="done"' in app.checklist
    assert "Leads from social: " in app.checklist


def test_the_downloads_are_the_files_the_command_line_writes(app):
    assert app.links == ""
    app.prepare_button.click()
    files = downloads(app)
    assert set(files) == {"html", "pdf", "xlsx", "md", "json"}
    plan = app.plan
    for key in ("html", "xlsx", "md", "json"):
        assert files[key][1] == export_plan(plan, key), key
    assert files["pdf"][1].startswith(b"%PDF-")
    assert plan_from_json(files["json"][1]) == plan  # the plan file uploads again
    assert files["json"][1].decode("utf-8") == plan_to_json(plan)
    assert files["html"][0] == "Harbour-Café-playbook.html"
    assert "revision 1" in app.links


def test_a_revision_offered_as_files_is_kept_through_thinning(app):
    app.prepare_button.click()
    deadline = time.monotonic() + 10
    while "download" not in app.workspace.protected(TEAM).get(1, set()):
        assert time.monotonic() < deadline, "revision 1 was not protected"
        time.sleep(0.05)


def test_the_paper_size_goes_into_the_pdf(app):
    import io

    import pypdf

    app.paper.value = "letter"
    app.prepare_button.click()
    pdf = pypdf.PdfReader(io.BytesIO(downloads(app)["pdf"][1]))
    assert round(float(pdf.pages[0].mediabox.width)) == 612
    app.paper.value = "a4"
    assert app.links == ""  # a file made for the other paper is not offered


def test_a_teammates_save_is_shown_and_old_files_are_withdrawn(app):
    app.prepare_button.click()
    plan = app.workspace.load(TEAM)
    planning = plan.planning.model_copy(update={"goals": [
        *plan.planning.goals, Goal(id="g-new", metric="newsletter sign-ups")]})
    app.workspace.save_section(TEAM, "planning", planning, 1)
    assert app.reload()
    assert "newsletter sign-ups" in app.document and app.links == ""
    assert app.revision.number == 2 and "Saved · revision 2" in app.status


def test_restoring_one_section_keeps_the_rest(app):
    workspace = app.workspace
    workspace.save_section(TEAM, "planning", PlanningSection(), 1)
    workspace.save_section(TEAM, "currency", "EUR", 2)
    app.reload()
    assert "qualified leads" not in app.document
    assert [n for _label, n in app.history.options] == [3, 2, 1]
    app.history.value = 1
    app.restore_what.value = "planning"
    app.restore_button.click()
    assert "qualified leads" in app.document
    assert app.plan.currency == "EUR"  # the later setting stays
    assert "Planning restored from revision 1 as revision 4" in app.history_message
    assert app.history.options[0][0].endswith("Planning restored from revision 1")
    assert "restored" in workspace.protected(TEAM)[1]


def test_restoring_the_whole_plan(app):
    app.workspace.save_section(TEAM, "currency", "EUR", 1)
    app.reload()
    app.history.value = 1
    app.restore_what.value = ""
    app.restore_button.click()
    assert app.plan.currency == "NOK" and app.revision.number == 3
    assert "The whole plan restored from revision 1" in app.history_message


def test_restoring_without_a_revision_chosen_says_so(app):
    app.history.value = None
    app.restore_button.click()
    assert "Choose the revision" in app.history_message
    assert app.revision.number == 1


def test_the_history_says_when_each_section_last_changed(app):
    app.workspace.save_section(TEAM, "budget", app.plan.budget.model_copy(
        update={"paid_budget": 100}), 1)
    app.reload()
    changes = app._last_changes.value
    assert re.search(r"<td>Budget</td><td class='sp-num'>2</td>", changes)
    assert re.search(r"<td>Planning</td><td class='sp-num'>1</td>", changes)


def test_typed_html_is_text_on_the_page(workspace):
    workspace.import_plan(full_plan(text=SCRIPT))
    page = PlaybookApp(workspace, live_check_seconds=0)
    page.picker.dropdown.value = workspace.team_names()[0]
    page.prepare_button.click()
    for shown in (page.document, page.checklist, page.links):
        assert "<img" not in shown
    assert html_lib.escape(SCRIPT, quote=False) in page.document


def test_an_empty_team_shows_every_step_not_started(workspace):
    workspace.create_team("New team")
    page = PlaybookApp(workspace, live_check_seconds=0)
    page.picker.dropdown.value = "New team"
    assert page.checklist.count('data-state="empty"') == len(
        [s for s in built_steps() if s.section])
    assert "No goals yet." in page.document
