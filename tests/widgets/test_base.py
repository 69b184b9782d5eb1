"""The shared widgets: team picker, section frame, autosave."""

import threading
import time

from socialplaybook.store import Revision, WorkspaceError
from widgets.base import Autosaver, SectionFrame, TeamPicker, format_revision


def test_picker_lists_existing_teams_sorted(workspace):
    workspace.create_team("beta")
    workspace.create_team("Alpha")
    picker = TeamPicker(workspace)
    assert [v for _label, v in picker._choose.options] == ["", "Alpha", "beta"]
    assert picker.team == ""


def test_picker_creates_and_selects_a_team(workspace):
    picker = TeamPicker(workspace)
    picker._new_name.value = "  Acme   Bakery "
    picker._create.click()
    assert picker.team == "Acme Bakery"
    assert workspace.team_names() == ["Acme Bakery"]
    assert picker._new_name.value == ""
    assert picker._message.value == ""


def test_picker_shows_why_a_name_is_refused_and_keeps_the_text(workspace):
    workspace.create_team("Acme")
    picker = TeamPicker(workspace)
    for bad, expected in [("", "Give the team a name"), ("x" * 61, "at most 60"),
                          ("ACME", "already a team")]:
        picker._new_name.value = bad
        picker._create.click()
        assert expected in picker._message.value
        assert "Traceback" not in picker._message.value
        assert picker._new_name.value == bad
        assert picker.team == ""
    assert workspace.team_names() == ["Acme"]


def test_picker_select_and_refresh_see_teams_created_elsewhere(workspace):
    picker = TeamPicker(workspace)
    workspace.create_team("Late")
    picker.select("Late")
    assert picker.team == "Late"


def test_picker_opens_on_the_team_named_in_the_query(workspace):
    workspace.create_team("Acme Bakery")
    picker = TeamPicker(workspace)
    picker._on_page_open({"team": "acme  bakery"})
    assert picker.team == "Acme Bakery"
    picker._on_page_open({"team": "nobody"})
    assert picker.team == "Acme Bakery"


def test_section_frame_messages_escape_html():
    frame = SectionFrame("Title", "Intro")
    frame.show_message("<b>bad</b> input", "warning")
    assert "sp-msg-warning" in frame.message and "&lt;b&gt;" in frame.message
    frame.clear_message()
    assert frame.message == ""


def _revision(n):
    from socialplaybook.plan import utc_now

    return Revision(n, utc_now(), "audit")


def test_frame_status_shows_revision_number():
    frame = SectionFrame()
    revision = _revision(14)
    frame.show_saved(revision)
    assert "Saved · revision 14 · " in frame.status
    assert format_revision(revision) in frame.status
    frame.show_save_failed("database gone")
    assert "Not saved: database gone" in frame.status


def test_autosaver_debounces_many_requests_into_one_save():
    saves, saved = [], threading.Event()

    def save():
        saves.append(time.monotonic())
        return _revision(len(saves))

    autosaver = Autosaver(save, lambda r: saved.set(), lambda m: None, delay=0.05)
    for _ in range(10):
        autosaver.request()
    assert autosaver.pending
    assert saved.wait(5)
    time.sleep(0.1)
    assert len(saves) == 1
    assert not autosaver.pending


def test_autosaver_flush_saves_at_once_and_only_when_pending():
    saves = []
    autosaver = Autosaver(lambda: saves.append(1) or _revision(1), lambda r: None,
                          lambda m: None, delay=60)
    assert autosaver.flush() is None
    autosaver.request()
    assert autosaver.flush().number == 1
    assert saves == [1]
    assert autosaver.flush() is None


def test_autosaver_reports_a_failed_save_and_keeps_it_pending():
    failures = []

    def save():
        raise WorkspaceError("busy")

    autosaver = Autosaver(save, lambda r: None, failures.append, delay=60)
    autosaver.request()
    assert autosaver.flush() is None
    assert failures == ["busy"]
    assert autosaver.pending
