"""The shared widgets: team picker, section frame, autosave."""


from socialplaybook.workspace.store import Revision
from widgets.app.frame import SectionFrame
from widgets.kit.team_picker import TeamPicker


def test_picker_lists_existing_teams_sorted(workspace):
    workspace.create_team("beta")
    workspace.create_team("Alpha")
    picker = TeamPicker(workspace)
    assert [v for _label, v in picker.dropdown.options] == ["", "Alpha", "beta"]
    assert picker.team == ""


def test_picker_creates_and_selects_a_team(workspace):
    picker = TeamPicker(workspace)
    picker.new_name.value = "  Acme   Bakery "
    picker.create_button.click()
    assert picker.team == "Acme Bakery"
    assert workspace.team_names() == ["Acme Bakery"]
    assert picker.new_name.value == ""
    assert picker._message.value == ""


def test_picker_shows_why_a_name_is_refused_and_keeps_the_text(workspace):
    workspace.create_team("Acme")
    picker = TeamPicker(workspace)
    for bad, expected in [("", "Give the team a name"), ("x" * 61, "at most 60"),
                          ("ACME", "already a team")]:
        picker.new_name.value = bad
        picker.create_button.click()
        assert expected in picker._message.value
        assert "Traceback" not in picker._message.value
        assert picker.new_name.value == bad
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
    picker.open_from_query({"team": "acme  bakery"})
    assert picker.team == "Acme Bakery"
    assert picker.message == ""


def test_a_link_naming_no_team_says_so_and_lists_the_teams(workspace):
    workspace.create_team("Acme Bakery")
    workspace.create_team("Harbour Café")
    picker = TeamPicker(workspace)
    picker.open_from_query({"team": "Acme Bakrey"})
    assert picker.team == ""
    assert "Acme Bakrey" in picker.message and "not in this workspace" in picker.message
    assert "Acme Bakery and Harbour Café" in picker.message  # a list in a sentence
    picker.dropdown.value = "Harbour Café"  # choosing a team clears the warning
    assert picker.message == ""


def test_section_frame_messages_escape_html():
    frame = SectionFrame("Title", "Intro")
    frame.show_message("<b>bad</b> input", "warning")
    assert "sp-msg-warning" in frame.message and "&lt;b&gt;" in frame.message
    frame.clear_message()
    assert frame.message == ""


def _revision(n):
    from socialplaybook.plan.model import utc_now

    return Revision(n, utc_now(), "audit")


def test_frame_status_shows_revision_number():
    frame = SectionFrame()
    revision = _revision(14)
    frame.show_saved(revision)
    local = revision.saved_at.astimezone().strftime("%H:%M")
    assert f"Saved · revision 14 · {local}" in frame.status
    frame.show_save_failed("database gone")
    assert "Not saved: database gone" in frame.status


def test_a_failing_callback_is_written_to_the_server_log(monkeypatch):
    import io

    import ipywidgets as w
    from IPython.core.interactiveshell import InteractiveShell

    from widgets.page import kernel as base

    InteractiveShell.instance()  # what get_ipython() returns, as in a kernel
    try:
        stream = io.StringIO()
        monkeypatch.setattr(base, "_ERRORS_REPORTED", False)
        base.report_errors_to_server_log(stream)
        button = w.Button()
        button.on_click(lambda _button: 1 / 0)
        button.click()
        assert "Traceback (an app callback failed)" in stream.getvalue()
        assert "ZeroDivisionError" in stream.getvalue()
    finally:
        InteractiveShell.clear_instance()
