"""The facilitator's room view: opened only with the facilitator's key; every team side by
side, live from one query (a team's plan read only when its revision changed); sorted and
filtered; the room's notice reaching every open app; every team's playbook as one zip."""

from __future__ import annotations

import base64
import html
import io
import re
import zipfile

import ipywidgets as w
import pytest

from socialplaybook.serve.roles import FACILITATOR_KEY_HASH_ENV_VAR, hash_facilitator_token
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.room import RoomNotice
from widgets.audit import MythAuditApp
from widgets.facilitator.app import ANY_STEP, FacilitatorApp
from widgets.start import StartHere

KEY = "f4cilitator-key"


@pytest.fixture(scope="module")
def key_hash() -> str:
    return hash_facilitator_token(KEY, iterations=1_000)


@pytest.fixture
def room(workspace):
    workspace.create_team("Harbour Café", currency="NOK")
    workspace.create_team("Fjord <b>Bakery</b>")
    workspace.save_section("Fjord <b>Bakery</b>", "audit",
                           AuditSection(answers={"no-plan": 3, "vanity-kpis": 1}), None)
    return workspace


def every_html(widget) -> str:
    """The HTML of every HTML widget inside ``widget``, as the page reads it (entities
    decoded, so a test can look for the words)."""
    found = [html.unescape(widget.value)] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()) or ():
        found.append(every_html(child))
    return "\n".join(found)


def every_markup(widget) -> str:
    """The HTML of every HTML widget inside ``widget``, as sent (markup and all)."""
    found = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()) or ():
        found.append(every_markup(child))
    return "\n".join(found)


def count_calls(monkeypatch, workspace, name: str) -> list:
    calls = []
    original = getattr(workspace, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(workspace, name, counted)
    return calls


# -- the key ---------------------------------------------------------------------------------


def test_without_the_key_the_view_says_it_is_for_the_facilitator_and_shows_no_team(room,
                                                                                 key_hash):
    app = FacilitatorApp(room, key_hash=key_hash)
    shown = every_html(app)
    assert "for the workshop's facilitator" in shown
    assert "Harbour" not in shown and "Fjord" not in shown
    assert not app.unlocked and app.rows == {}
    app._on_query({"key": "a guess"})
    assert not app.unlocked and "is not the facilitator's" in every_html(app)
    assert "Harbour" not in every_html(app)
    app._on_query({})
    assert not app.unlocked


def test_a_server_started_without_a_facilitators_key_opens_for_no_key(room, monkeypatch):
    monkeypatch.delenv(FACILITATOR_KEY_HASH_ENV_VAR, raising=False)
    app = FacilitatorApp(room)
    assert not app.unlock("") and not app.unlock("anything")
    assert "started without a facilitator's key" in every_html(app)


def test_the_pages_link_with_the_key_opens_the_view(room, key_hash, monkeypatch):
    monkeypatch.setenv(FACILITATOR_KEY_HASH_ENV_VAR, key_hash)
    monkeypatch.setenv("VOILA_PREHEAT", "False")  # a kernel Voila started for this request
    monkeypatch.setenv("QUERY_STRING", f"key={KEY}")
    app = FacilitatorApp(room)
    assert app.unlocked
    assert sorted(app.rows) == ["Fjord <b>Bakery</b>", "Harbour Café"]


# -- every team, live -------------------------------------------------------------------------


@pytest.fixture
def view(room, key_hash):
    app = FacilitatorApp(room, key_hash=key_hash)
    assert app.unlock(KEY)
    return app


def test_every_team_is_shown_with_the_step_it_is_on_and_its_links(view):
    table = view._table.value
    rows = re.findall(r'<tr data-team="([^"]*)">', table)
    assert rows == ["Fjord &lt;b&gt;Bakery&lt;/b&gt;", "Harbour Café"]  # newest first
    assert "<b>Bakery</b>" not in table  # a team's name is text, never markup
    assert 'href="01-myth-audit.ipynb?team=Fjord+%3Cb%3EBakery%3C%2Fb%3E"' in table
    assert 'href="00-start-here.ipynb?team=Harbour+Caf%C3%A9"' in table
    assert "00-start-here.ipynb?team=Harbour+Caf%C3%A9&amp;present=1" in table
    assert 'rel="noopener noreferrer"' in table  # the view's address holds its key
    assert "Myth audit" in table and "Start" in table
    radar = view._radars.value
    assert radar.count('class="sp-radar-team"') == 1  # only the team that rated
    assert "1 team has not rated the audit yet." in radar
    assert "2 of 2 teams shown" in view._count.value


def test_a_new_team_appears_and_only_changed_teams_plans_are_read(view, room, monkeypatch):
    latest_calls = count_calls(monkeypatch, room, "latest_revisions")
    loads = count_calls(monkeypatch, room, "load_with_revision")
    assert view.refresh() is False  # nothing changed: one query, no plan read
    assert (len(latest_calls), loads) == (1, [])
    room.create_team("Oslo Kaffe")
    assert view.refresh() is True
    assert [args[0] for args in loads] == ["Oslo Kaffe"]
    assert "Oslo Kaffe" in view._table.value
    room.save_section("Harbour Café", "audit", AuditSection(answers={"no-plan": 1}), None)
    loads.clear()
    assert view.refresh() is True
    assert [args[0] for args in loads] == ["Harbour Café"]
    assert view.rows["Harbour Café"].step_label == "Myth audit"
    assert len(latest_calls) == 3


def test_the_room_is_filtered_and_sorted_as_the_facilitator_chooses(view, room):
    room.create_team("Oslo Kaffe")
    view.refresh()
    view.sort_by.value = "name"
    assert [r.team for r in view.shown_rows()] == ["Fjord <b>Bakery</b>", "Harbour Café",
                                                    "Oslo Kaffe"]
    view.find.value = "CAFE\u0301"
    assert [r.team for r in view.shown_rows()] == ["Harbour Café"]
    assert re.findall(r'<tr data-team="([^"]*)">', view._table.value) == ["Harbour Café"]
    assert "1 of 3 teams shown" in view._count.value
    view.find.value = ""
    view.step_filter.value = "audit"
    assert [r.team for r in view.shown_rows()] == ["Fjord <b>Bakery</b>"]
    view.step_filter.value = ANY_STEP
    view.find.value = "nobody"
    assert "No team matches." in view._table.value


# -- the room's notice -----------------------------------------------------------------------


def test_a_notice_reaches_every_open_app_and_is_taken_down(view, room):
    audit = MythAuditApp(room)
    start = StartHere(room)
    view.notice_text.value = "Open the <b>budget</b> app"
    view.post_button.click()
    assert view._notice_message.value == ""
    assert "Open the &lt;b&gt;budget&lt;/b&gt; app" in view._notice_now.value
    audit.refresh_from_workspace()
    start.notices.check_now()
    for app in (audit, start, view):
        assert app.notice == "Open the <b>budget</b> app"  # shown as text by the page
        assert app._notice.ends_at_ms == 0
        assert "<b>budget</b>" not in every_markup(app)
    view.clear_button.click()
    audit.refresh_from_workspace()
    start.notices.check_now()
    assert audit.notice == start.notice == view.notice == ""
    assert "No notice is shown now." in view._notice_now.value


def test_a_notice_with_minutes_counts_down_on_every_page(view, room):
    audit = MythAuditApp(room)
    view.notice_text.value = "10 minutes left"
    view.notice_minutes.value = 10
    view.post_button.click()
    audit.refresh_from_workspace()
    notice = room.room_notice()
    banner = audit._notice
    assert banner.text == "10 minutes left"
    assert banner.ends_at_ms == pytest.approx(notice.ends_at.timestamp() * 1000)
    assert banner.ends_at_ms - banner.server_now_ms == pytest.approx(600_000, abs=5_000)
    assert "about 10 minutes left" in view._notice_now.value


def test_a_notice_the_room_cannot_read_says_why_and_posts_nothing(view, room):
    view.notice_text.value = "   "
    view.post_button.click()
    assert "Type the notice first" in view._notice_message.value
    assert room.room_notice() is None
    view.notice_text.value = "Break"
    view.notice_minutes.value = 241  # more than the field allows: it keeps its maximum
    assert view.notice_minutes.value == 240


def test_a_notice_whose_time_is_up_leaves_the_page():
    from datetime import timedelta

    from socialplaybook.plan.model import utc_now
    from widgets.app.notice import RoomBanner

    banner = RoomBanner()
    now = utc_now()
    banner.show(RoomNotice(1, "Break", now, now + timedelta(minutes=5)))
    assert banner.text == "Break" and banner.notice_id == 1
    sent_at = banner.server_now_ms
    banner.show(RoomNotice(1, "Break", now, now + timedelta(minutes=5)))  # the same: no resend
    assert banner.server_now_ms == sent_at
    banner.show(RoomNotice(1, "Break", now - timedelta(minutes=6), now - timedelta(minutes=1)))
    assert (banner.text, banner.notice_id, banner.ends_at_ms) == ("", 0, 0)


# -- every team's playbook --------------------------------------------------------------------


def test_every_teams_playbook_downloads_as_one_zip(view, room):
    view.export_button.click()
    link = view._download.value
    assert "Download the playbooks of 2 teams (zip)" in link
    name = re.search(r'download="(playbooks-[\d-]+\.zip)"', link).group(1)
    payload = re.search(r'href="data:application/zip;base64,([^"]+)"', link).group(1)
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(payload)))
    folders = sorted({entry.split("/")[0] for entry in archive.namelist()})
    assert folders == ["Fjord-b-Bakery-b", "Harbour-Café"] and name
    assert room.protected("Harbour Café") == {1: {"exported"}}
    assert not view.export_button.disabled


def test_the_view_changes_no_plan(view, room):
    before = [(r.team, r.number) for r in room.latest_revisions()]
    view.refresh()
    view.sort_by.value = "cost"
    view.find.value = "a"
    assert [(r.team, r.number) for r in room.latest_revisions()] == before
    assert html.escape("Harbour Café") in view._table.value
