"""Presenter mode (``?present=1``): the same apps, for a projector: a class on the frame for
larger type and high contrast, no team picker or editing buttons, and nothing edited."""

from __future__ import annotations

import pytest

from widgets.app.frame import asks_to_present
from widgets.audit import MythAuditApp
from widgets.kit.style import APP_CSS
from widgets.start import StartHere


@pytest.fixture
def presented(workspace, monkeypatch):
    """A page opened with ``?team=Acme&present=1`` in a kernel started for it."""
    workspace.create_team("Acme")
    workspace.save_section("Acme", "audit", {"answers": {"no-plan": 2}}, None)
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("QUERY_STRING", "team=Acme&present=1")
    return workspace


@pytest.mark.parametrize(("query", "present"), [
    ({"present": "1"}, True), ({"present": "true"}, True), ({"present": " Yes"}, True),
    ({"present": "0"}, False), ({"present": ""}, False), ({}, False), ({"team": "x"}, False)])
def test_which_links_ask_for_presenter_mode(query, present):
    assert asks_to_present(query) is present


def test_an_app_opened_to_present_shows_the_team_for_the_projector(presented):
    app = MythAuditApp(presented, autosave_delay=60)
    assert app.team == "Acme" and app.presenting
    assert "sp-present" in app._dom_classes
    assert app._notice.present  # the page sets .sp-presenting and makes fields read-only
    assert app.row("no-plan").rating.value == 2


def test_nothing_is_edited_in_presenter_mode(presented):
    app = MythAuditApp(presented, autosave_delay=60)
    app.row("no-plan").rating.value = 4  # a click that reached the kernel all the same
    assert app.flush() is None
    assert presented.latest_revisions()[0].number == 2
    assert presented.load("Acme").audit.answers == {"no-plan": 2}
    assert app.row("no-plan").rating.value == 2  # the stored rating is shown again
    assert not app.replace(answers={"no-plan": 0})


def test_an_app_opened_without_it_is_edited_as_ever(workspace, monkeypatch):
    workspace.create_team("Acme")
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("QUERY_STRING", "team=Acme")
    app = MythAuditApp(workspace, autosave_delay=60)
    assert not app.presenting and "sp-present" not in app._dom_classes
    app.row("no-plan").rating.value = 4
    assert app.flush().revision.number == 2


def test_the_start_page_presents_its_map_and_keeps_presenter_mode_in_its_links(presented):
    page = StartHere(presented)
    assert page.presenting and page.picker.team == "Acme"
    links = page._steps.value
    assert "01-myth-audit.ipynb?team=Acme&amp;present=1" in links
    page.currency.value = "NOK"  # a setting changed under the projector: put back
    assert page.currency.value == "EUR"
    assert presented.load("Acme").currency == "EUR"
    page.set_presenting(False)
    assert "present=1" not in page._steps.value


def test_the_stylesheet_hides_the_editing_chrome_and_enlarges_the_type():
    for rule in (".sp-app.sp-present .sp-team-picker", ".sp-app.sp-present .widget-button",
                 "body.sp-presenting .jp-RenderedMarkdown h1", ".sp-app.sp-present {"):
        assert rule in APP_CSS
    assert "display: none !important" in APP_CSS.split(".sp-app.sp-present .sp-team-picker")[1]
