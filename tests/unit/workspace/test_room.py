"""The room in the workspace: every team's latest revision in one query, the room's notice
(posted, cleared, ended by its countdown, only ever appended), every team's playbook."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import event, func, select

from socialplaybook.plan.export import plan_to_markdown
from socialplaybook.plan.files import plan_to_json
from socialplaybook.plan.model import utc_now
from socialplaybook.rules.text import one_line
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.room import NOTICE_MAX_CHARS, NoticeDraft, RoomNotice
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import room_notices_table
from tests.unit.conftest import database_url


@pytest.fixture
def ws(backend, tmp_path, request) -> Workspace:
    return Workspace(database_url(backend, tmp_path, request))


def queries_run(workspace: Workspace, action) -> int:
    """How many queries (SELECTs) ``action()`` sends to the workspace's database; a
    connection's own set-up (SQLite's busy timeout, BEGIN) is not one."""
    count = 0

    def counted(_conn, _cursor, statement, *_args) -> None:
        nonlocal count
        count += statement.lstrip().upper().startswith("SELECT")

    event.listen(workspace.engine, "before_cursor_execute", counted)
    try:
        action()
    finally:
        event.remove(workspace.engine, "before_cursor_execute", counted)
    return count


# -- every team's latest revision ------------------------------------------------------------


def test_latest_revisions_names_each_teams_newest_number_time_and_section(ws):
    ws.create_team("Harbour Café")
    ws.create_team("fjord Bakery")
    for rating in (1, 2, 3):
        ws.save_section("Harbour Café", "audit", AuditSection(answers={"no-plan": rating}),
                        None)
    latest = ws.latest_revisions()
    assert [(r.team, r.number, r.section) for r in latest] == [
        ("fjord Bakery", 1, "created"), ("Harbour Café", 4, "audit")]
    assert latest[1].saved_at == ws.latest_revision("Harbour Café").saved_at
    assert latest[1].saved_at.tzinfo is not None


def test_latest_revisions_is_one_query_however_many_teams(ws):
    for n in range(12):
        ws.create_team(f"Team {n}")
        ws.save_section(f"Team {n}", "audit", AuditSection(answers={"no-plan": n % 5}), None)
    assert queries_run(ws, ws.latest_revisions) == 1


def test_latest_revisions_of_an_empty_workspace(ws):
    assert ws.latest_revisions() == []


# -- the room's notice -------------------------------------------------------------------------


def test_a_posted_notice_is_the_rooms_until_it_is_cleared(ws):
    assert ws.room_notice() is None
    posted = ws.post_notice("  Open   the budget app\n", None)
    assert posted.text == "Open the budget app"  # one line, as every page shows it
    shown = ws.room_notice()
    assert shown == posted and shown.ends_at is None and shown.seconds_left() is None
    ws.clear_notice()
    assert ws.room_notice() is None
    again = ws.post_notice("Back in the room, please")
    assert ws.room_notice() == again and again.id > posted.id


def test_a_countdown_ends_the_notice_when_its_time_has_passed(ws):
    now = utc_now()
    notice = ws.post_notice("10 minutes left", 10, now=now)
    assert notice.ends_at == now + timedelta(minutes=10)
    assert ws.room_notice(now + timedelta(minutes=4)) == notice
    assert notice.seconds_left(now + timedelta(minutes=4)) == pytest.approx(360)
    assert ws.room_notice(now + timedelta(minutes=9, seconds=59)) == notice
    assert ws.room_notice(now + timedelta(minutes=10)) is None
    assert notice.seconds_left(now + timedelta(minutes=11)) == 0


def test_notices_are_only_appended(ws):
    """The apps' database role may append, never update: clearing appends a row too."""
    ws.post_notice("first")
    ws.post_notice("second", 5)
    ws.clear_notice()
    with ws.engine.connect() as conn:
        rows = conn.execute(select(room_notices_table.c.text)
                            .order_by(room_notices_table.c.id)).scalars().all()
    assert rows == ["first", "second", ""]


def test_reading_the_notice_is_one_query(ws):
    ws.post_notice("10 minutes left", 10)
    assert queries_run(ws, ws.room_notice) == 1


@pytest.mark.parametrize(("text", "minutes", "fragment"), [
    ("", None, "Type the notice first"),
    ("   \n\t ", None, "Type the notice first"),
    ("x" * (NOTICE_MAX_CHARS + 1), None, f"at most {NOTICE_MAX_CHARS} characters"),
    ("10 minutes left", 0, "from 1 to 240 minutes"),
    ("10 minutes left", 241, "from 1 to 240 minutes"),
    ("Pause \ud83d", None, "broken character"),
])
def test_a_notice_the_room_cannot_read_is_refused_and_nothing_is_posted(ws, text, minutes,
                                                                       fragment):
    ws.post_notice("kept")
    with pytest.raises(ValueError, match=fragment):
        ws.post_notice(text, minutes)
    assert ws.room_notice().text == "kept"
    with ws.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(room_notices_table)).scalar() == 1


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=260), minutes=st.one_of(st.none(), st.integers(-5, 300)))
def test_a_draft_is_one_line_of_1_to_200_characters_or_refused_with_a_message(text, minutes):
    try:
        draft = NoticeDraft(text=text, minutes=minutes)
    except ValidationError as exc:
        message = str(exc)
        assert any(fragment in message for fragment in (
            "Type the notice first", "at most", "minutes", "broken character")), message
        return
    assert draft.text == one_line(text) and 1 <= len(draft.text) <= NOTICE_MAX_CHARS
    assert minutes is None or 1 <= draft.minutes <= 240


def test_a_notice_shown_only_with_text_and_time_left():
    now = utc_now()
    assert not RoomNotice(1, "", now).shown(now)
    assert RoomNotice(2, "Break", now).shown(now)
    ending = RoomNotice(3, "Break", now, now + timedelta(seconds=30))
    assert ending.shown(now) and not ending.shown(now + timedelta(seconds=30))


# -- every team's playbook at once -------------------------------------------------------------


def test_every_teams_playbook_in_one_zip_and_those_revisions_are_kept(ws):
    ws.create_team("Harbour Café", currency="NOK")
    ws.create_team("Fjord/Bakery")
    ws.save_section("Harbour Café", "audit", AuditSection(answers={"no-plan": 3}), None)
    content, revisions = ws.export_playbooks()
    assert [(r.team, r.number) for r in revisions] == [("Fjord/Bakery", 1),
                                                       ("Harbour Café", 2)]
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(archive.namelist()) == [
        "Fjord-Bakery/Fjord-Bakery-plan.json", "Fjord-Bakery/Fjord-Bakery-playbook.md",
        "Harbour-Café/Harbour-Café-plan.json", "Harbour-Café/Harbour-Café-playbook.md"]
    latest = ws.load("Harbour Café")
    assert archive.read("Harbour-Café/Harbour-Café-plan.json").decode() == plan_to_json(latest)
    assert archive.read("Harbour-Café/Harbour-Café-playbook.md").decode() == \
        plan_to_markdown(latest)
    assert json.loads(archive.read("Fjord-Bakery/Fjord-Bakery-plan.json"))["team"] == \
        "Fjord/Bakery"
    assert ws.protected("Harbour Café") == {2: {"exported"}}
    assert ws.protected("Fjord/Bakery") == {1: {"exported"}}
    ws.export_playbooks()  # again: nothing new to protect, and no error
    assert ws.protected("Harbour Café") == {2: {"exported"}}


def test_the_zip_of_an_empty_workspace_holds_nothing(ws):
    content, revisions = ws.export_playbooks()
    assert revisions == [] and zipfile.ZipFile(io.BytesIO(content)).namelist() == []
