import base64
import html as html_lib
import json
import re
import time
from datetime import datetime, timedelta, timezone

import pytest

from socialplaybook.plan.files import MAX_PLAN_FILE_BYTES, plan_to_json
from socialplaybook.plan.model import number_locale_labels
from socialplaybook.plan.schema import SCHEMA_VERSION
from socialplaybook.steps.registry import workshop_steps
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.thinning import ThinningPolicy
from widgets.start import StartHere, plan_file_name, steps_map_html

HOSTILE = "<img src=x onerror=alert(1)>"


def test_map_links_built_apps_and_marks_the_rest_coming():
    html = steps_map_html()
    for step in workshop_steps():
        assert step.title in html
        if step.available:
            assert f'href="{step.notebook}"' in html
        else:
            assert f'href="{step.notebook}' not in html
    assert html.count("coming") == sum(not s.available for s in workshop_steps())


def test_choosing_a_team_puts_it_in_the_links(workspace):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.select("Acme Bakery")
    assert "01-myth-audit.ipynb?team=Acme+Bakery" in page._steps.value
    assert "Acme Bakery" in page._chosen.value


# -- the plan as a file ---------------------------------------------------------------------


def link_parts(page):
    """The download link's file name and the bytes its data URL holds."""
    name = re.search(r' download="([^"]*)"', page.download.value)
    data = re.search(r' href="data:application/json;base64,([^"]*)"', page.download.value)
    assert name and data, page.download.value[:300]
    return html_lib.unescape(name.group(1)), base64.b64decode(data.group(1))


def upload(page, content: bytes, name="plan.json"):
    """Put a file in the upload control as ipywidgets 8 does when a person picks one."""
    page.upload.value = ({"name": name, "type": "application/json", "size": len(content),
                          "content": memoryview(content),
                          "last_modified": datetime(2024, 5, 1, tzinfo=timezone.utc)},)


def snapshot(workspace):
    return [(t.name, t.revisions) for t in workspace.teams()]


def test_no_team_chosen_shows_no_download_but_the_upload(workspace):
    page = StartHere(workspace)
    assert page.download.value == ""
    assert page._download_row.layout.display == "none"
    assert page._settings.layout.display == "none"
    assert page.upload.accept == ".json" and page.upload.multiple is False


def test_choosing_a_team_offers_its_latest_plan_as_a_download(workspace):
    workspace.create_team("Acme Bakery", currency="NOK")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    name, content = link_parts(page)
    assert name == "Acme-Bakery-plan.json"
    assert content.decode("utf-8") == plan_to_json(workspace.load("Acme Bakery"))
    assert "Saved · revision 1" in page.status
    assert "Acme-Bakery-plan.json · Saved · revision 1" in page._download_note.value


def test_prepare_download_reads_what_was_saved_since(workspace):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    workspace.update_section("Acme Bakery", "currency", "USD")  # another app saved meanwhile
    page.prepare_button.click()
    _name, content = link_parts(page)
    assert json.loads(content)["currency"] == "USD"
    assert content.decode() == plan_to_json(workspace.load("Acme Bakery"))


def test_a_revision_offered_as_a_download_is_kept_through_thinning(workspace):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    workspace.update_section("Acme Bakery", "currency", "USD")
    page.prepare_button.click()  # the link now holds revision 2
    deadline = time.monotonic() + 5
    while workspace.protected("Acme Bakery") != {1: {"download"}, 2: {"download"}}:
        assert time.monotonic() < deadline, workspace.protected("Acme Bakery")
        time.sleep(0.05)
    workspace.update_section("Acme Bakery", "currency", "NOK")
    workspace.update_section("Acme Bakery", "currency", "SEK")
    workspace.thin(ThinningPolicy(keep_all_for=timedelta(0)))
    assert [r.number for r in workspace.revisions("Acme Bakery")] == [4, 2, 1]


def test_hostile_team_name_is_escaped_in_the_link_and_the_file_name_is_safe(workspace):
    workspace.create_team(HOSTILE)
    page = StartHere(workspace)
    page.picker.dropdown.value = HOSTILE
    assert "<img" not in page.download.value
    assert 'title="The plan of team &lt;img src=x onerror=alert(1)&gt;, revision 1"' in (
        page.download.value)
    assert "<img" not in page._download_note.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in page._download_note.value
    name, content = link_parts(page)
    assert re.fullmatch(r"[\w.-]+", name) and name.endswith("-plan.json")
    assert json.loads(content)["team"] == HOSTILE


@pytest.mark.parametrize("team, expected", [
    ("Acme Bakery", "Acme-Bakery-plan.json"), ("../../etc/passwd", "etc-passwd-plan.json"),
    ("Kafé Ørsta", "Kafé-Ørsta-plan.json"), ("小红书团队", "小红书团队-plan.json"),
    ("...", "team-plan.json"), ('a"b\\c:d', "a-b-c-d-plan.json")])
def test_plan_file_names_are_safe(team, expected):
    assert plan_file_name(team) == expected


def test_uploading_another_workspaces_export_creates_the_team_and_chooses_it(workspace, tmp_path):
    elsewhere = Workspace(f"sqlite:///{tmp_path}/elsewhere.sqlite")
    elsewhere.create_team("Harbour Café", currency="GEL")
    elsewhere.update_section("Harbour Café", "locale", "ka")
    exported = plan_to_json(elsewhere.load("Harbour Café")).encode()
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    upload(page, exported, "Harbour-Café-plan.json")
    assert workspace.team_names() == ["Acme Bakery", "Harbour Café"]
    assert plan_to_json(workspace.load("Harbour Café")) == exported.decode()
    assert page.picker.team == "Harbour Café"
    assert "Imported: team Harbour Café, revision 1" in html_lib.unescape(page.file_message)
    assert page.currency.value == "GEL" and page.locale.value == "ka"
    assert page.upload.value == ()  # ready for the next file
    _name, content = link_parts(page)
    assert content == exported


def test_uploading_a_plan_of_an_existing_team_is_its_next_revision(workspace):
    workspace.create_team("Acme Bakery")
    exported = plan_to_json(workspace.load("Acme Bakery").model_copy(
        update={"currency": "CHF", "team": "acme  bakery"})).encode()
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    upload(page, exported)
    assert [(t.name, t.revisions) for t in workspace.teams()] == [("Acme Bakery", 2)]
    assert workspace.load("Acme Bakery").currency == "CHF"
    assert page.picker.team == "Acme Bakery"
    assert "Imported: team Acme Bakery, revision 2" in page.file_message
    assert page.currency.value == "CHF"  # read again although the team stayed chosen
    assert json.loads(link_parts(page)[1])["currency"] == "CHF"


def bad_files(good: bytes) -> dict[str, tuple[bytes, str]]:
    newer = json.loads(good)
    newer["schema_version"] = SCHEMA_VERSION + 1
    return {
        "truncated": (good[: len(good) // 2], "not valid JSON"),
        "foreign": (json.dumps({"name": "package", "version": "1.0"}).encode(),
                    "not a social-playbook plan"),
        "newer": (json.dumps(newer).encode(), "newer social-playbook"),
        "oversized": (good + b" " * (MAX_PLAN_FILE_BYTES + 1 - len(good)), "at most 5 MB"),
        "not text": (b"\xff\xfe\x00binary", "not text"),
    }


@pytest.mark.parametrize("kind", ["truncated", "foreign", "newer", "oversized", "not text"])
def test_a_bad_file_shows_a_message_and_changes_nothing(workspace, kind):
    workspace.create_team("Acme Bakery")
    other = workspace.load("Acme Bakery").model_copy(update={"team": "Brand New"})
    content, expected = bad_files(plan_to_json(other).encode())[kind]
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    before = snapshot(workspace)
    upload(page, content, "upload.json")
    assert snapshot(workspace) == before
    assert "sp-msg-error" in page.file_message
    assert "Nothing was imported" in page.file_message
    assert expected in html_lib.unescape(page.file_message)
    assert "Traceback" not in page.file_message
    assert page.picker.team == "Acme Bakery"
    assert page.upload.value == ()


def test_a_plan_with_a_broken_rule_is_refused_too(workspace):
    bad = json.loads(plan_to_json(workspace.create_team("Acme Bakery")))
    bad.update(team="Other", currency="XXY")
    page = StartHere(workspace)
    before = snapshot(workspace)
    upload(page, json.dumps(bad).encode())
    assert snapshot(workspace) == before
    assert "XXY" in page.file_message and "sp-msg-error" in page.file_message


def test_hostile_file_name_and_team_are_escaped_in_the_messages(workspace):
    page = StartHere(workspace)
    upload(page, b"{", f"{HOSTILE}.json")
    assert "<img" not in page.file_message
    content = plan_to_json(workspace.create_team(HOSTILE).model_copy(
        update={"team": HOSTILE + " 2"})).encode()
    upload(page, content)
    assert "Imported" in page.file_message and "<img" not in page.file_message
    assert "<img" not in page._chosen.value


# -- team settings --------------------------------------------------------------------------


def test_currency_offers_the_common_ones_and_the_teams_own(workspace):
    workspace.create_team("Acme Bakery", currency="JPY")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    codes = [code for _label, code in page.currency.options]
    assert {"EUR", "USD", "GBP", "NOK", "SEK", "DKK", "CHF", "CNY", "GEL"} <= set(codes)
    assert page.currency.value == "JPY" and "JPY" in codes
    assert [code for _label, code in page.locale.options] == list(number_locale_labels())


def test_currency_and_locale_changes_are_stored_with_their_revision(workspace):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    page.currency.value = "NOK"
    assert workspace.load("Acme Bakery").currency == "NOK"
    assert "Saved · revision 2" in page.status
    page.locale.value = "nb"
    plan = workspace.load("Acme Bakery")
    assert (plan.currency, plan.locale) == ("NOK", "nb")
    assert "Saved · revision 3" in page.status
    assert page.settings_message == ""
    assert json.loads(link_parts(page)[1])["locale"] == "nb"  # the download follows


def test_a_setting_keeps_a_teammates_save_made_meanwhile(workspace):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    workspace.update_section("Acme Bakery", "locale", "de")  # another laptop
    page.currency.value = "SEK"
    plan = workspace.load("Acme Bakery")
    assert (plan.currency, plan.locale) == ("SEK", "de")


def test_a_refused_currency_shows_a_message_at_the_field_and_keeps_the_stored_one(workspace):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    page.currency.options = [*page.currency.options, ("XXY", "XXY")]  # not ISO 4217
    before = snapshot(workspace)
    page.currency.value = "XXY"
    assert snapshot(workspace) == before
    assert "XXY" in page.settings_message and "ISO 4217" in page.settings_message
    assert page.currency.value == "EUR"
    assert "Not saved" in page.status


def test_settings_of_a_team_removed_meanwhile_say_so(workspace, tmp_path):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.dropdown.value = "Acme Bakery"
    page.picker.workspace = page.workspace = Workspace(f"sqlite:///{tmp_path}/empty.sqlite")
    page.currency.value = "USD"
    assert "no team called" in html_lib.unescape(page.settings_message)
    assert page.currency.value == "EUR"


def test_a_file_too_large_is_measured_the_way_the_team_writes_numbers(workspace):
    """A German team's upload of a 5,5 MB file is told "5,5 MB" (it read "5.5 MB")."""
    from tests.widgets.teams import team_writing_numbers
    from tests.widgets.visible import foreign_numbers, html_text

    team = team_writing_numbers(workspace, "Maschinenbau", "de")
    page = StartHere(workspace)
    page.picker.dropdown.value = team
    assert page.locale.value == "de"
    upload(page, b" " * 5_500_000, "big.json")
    message = html_text(page.file_message)
    assert "big.json is 5,5 MB; a plan file is at most 5 MB." in message
    assert foreign_numbers(message, "de") == []
