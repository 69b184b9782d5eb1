"""Team names are compared after Unicode normalisation: "Café" typed as one character or as
"e" and a combining accent is one team, stored in the composed form (NFC).

Workspaces made before (migration 0003) may hold two such teams: the one created first
keeps the name, the other is renamed "Café (2)", and both still open.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime, timezone

import pytest
from alembic import command
from hypothesis import assume, given
from hypothesis import strategies as st
from sqlalchemy import create_engine, select

from socialplaybook.plan.model import Plan, normalise_team_name, team_name_key
from socialplaybook.workspace.database import _engine
from socialplaybook.workspace.errors import TeamExistsError
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import revisions_table, teams_table
from tests.unit.conftest import database_url
from tests.unit.workspace.test_migrations import alembic_config

COMPOSED = "Caf\u00e9 Nord"      # é as one character (NFC)
DECOMPOSED = "Cafe\u0301 Nord"   # e and a combining acute accent (NFD)


def test_the_two_ways_of_typing_an_accent_are_one_name_and_one_key():
    assert COMPOSED != DECOMPOSED
    assert normalise_team_name(DECOMPOSED) == COMPOSED
    assert team_name_key(DECOMPOSED) == team_name_key(COMPOSED) == team_name_key("CAFÉ NORD")
    assert Plan(team=DECOMPOSED).team == COMPOSED


@given(st.text(st.characters(categories=("L", "M", "N", "Zs", "P")), min_size=1,
               max_size=40))
def test_canonically_equivalent_names_have_one_key(name):
    try:
        key = team_name_key(name)
    except ValueError:
        return  # blank, too long: refused whichever way it is typed
    for form in ("NFC", "NFD"):
        assert team_name_key(unicodedata.normalize(form, name)) == key
    stored = normalise_team_name(name)
    assert unicodedata.is_normalized("NFC", stored)
    assert team_name_key(stored) == key


@given(st.text(st.characters(categories=("L", "M")), min_size=1, max_size=20))
def test_names_that_read_differently_keep_different_keys(name):
    other = name + "x"
    assume(normalise_team_name(other) != normalise_team_name(name))
    assert team_name_key(other) != team_name_key(name)


def test_a_team_typed_the_other_way_is_the_same_team(backend, tmp_path, request):
    workspace = Workspace(database_url(backend, tmp_path, request))
    workspace.create_team(COMPOSED)
    with pytest.raises(TeamExistsError):
        workspace.create_team(DECOMPOSED)
    assert workspace.team_names() == [COMPOSED]
    assert workspace.has_team(DECOMPOSED)
    assert workspace.load(DECOMPOSED).team == COMPOSED
    workspace.save_section(DECOMPOSED, "currency", "NOK", None)
    assert workspace.load(COMPOSED).currency == "NOK"


def test_a_team_created_decomposed_is_stored_composed(tmp_path):
    workspace = Workspace(f"sqlite:///{tmp_path}/ws.sqlite")
    workspace.create_team(DECOMPOSED)
    assert workspace.team_names() == [COMPOSED]
    with workspace.engine.connect() as conn:
        assert conn.execute(select(teams_table.c.name)).scalar_one() == COMPOSED


# -- workspaces made before migration 0003 ------------------------------------------------------


def _team_as_0002_stored_it(url: str, name: str) -> None:
    """A team as the store before 0003 saved it: the name as typed, the key its casefold."""
    plan = json.loads(Plan(team="Placeholder").to_json())
    plan["team"] = name
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            team_id = conn.execute(teams_table.insert().values(
                name=name, name_key=" ".join(name.split()).casefold(),
                created_at=datetime.now(timezone.utc))).inserted_primary_key[0]
            conn.execute(revisions_table.insert().values(
                team_id=team_id, number=1, saved_at=datetime.now(timezone.utc),
                section="created", plan=json.dumps(plan)))
            command.downgrade(alembic_config(conn), "0002")
    finally:
        engine.dispose()
    _engine.cache_clear()  # the next Workspace opens a new engine, which upgrades


def test_two_teams_differing_only_in_how_the_accent_was_typed_both_still_open(
        backend, tmp_path, request):
    url = database_url(backend, tmp_path, request)
    Workspace(url).create_team(COMPOSED)  # created first: keeps the name
    _team_as_0002_stored_it(url, DECOMPOSED)

    workspace = Workspace(url)
    renamed = f"{COMPOSED} (2)"
    assert workspace.team_names() == [COMPOSED, renamed]
    assert workspace.load(DECOMPOSED).team == COMPOSED
    assert workspace.load(renamed).team == renamed  # its plans name it as it is now
    assert [r.number for r in workspace.revisions(renamed)] == [1]
    # what is done to it stays in it
    workspace.save_section(renamed, "currency", "SEK", None)
    workspace.restore(renamed, 1)
    assert workspace.load(renamed).currency == "EUR"
    assert workspace.load(COMPOSED).currency == "EUR"
    assert [r.number for r in workspace.revisions(COMPOSED)] == [1]


def test_a_single_team_typed_decomposed_before_opens_either_way(backend, tmp_path, request):
    url = database_url(backend, tmp_path, request)
    Workspace(url).create_team("Other")
    _team_as_0002_stored_it(url, DECOMPOSED)

    workspace = Workspace(url)
    assert workspace.team_names() == [COMPOSED, "Other"]
    assert workspace.load(COMPOSED).team == COMPOSED
    assert workspace.load(DECOMPOSED).team == COMPOSED
    with pytest.raises(TeamExistsError):
        workspace.create_team(COMPOSED)
