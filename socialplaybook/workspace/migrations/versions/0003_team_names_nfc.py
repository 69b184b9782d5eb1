"""Team names compared after Unicode normalisation: "Café" typed with "é" or with "e" and
a combining accent is one team.

Each team's name is stored in the composed form (NFC) and its key becomes NFC(casefold(
NFD(name))), as ``socialplaybook.plan.model.team_name_key`` now makes it. Two teams a
workspace already holds whose names differ only that way (made before this revision)
both stay: the one created first keeps the name, the other is renamed "Café (2)" (its
revisions' plans name it so too), so each still opens by its own name.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import json
import unicodedata
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NAME_MAX_CHARS = 60
teams = sa.table("teams", sa.column("id", sa.Integer), sa.column("name", sa.String),
                 sa.column("name_key", sa.String))
revisions = sa.table("revisions", sa.column("id", sa.Integer),
                     sa.column("team_id", sa.Integer), sa.column("plan_json", sa.Text),
                     sa.column("plan", sa.LargeBinary))


def _name(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()))


def _key(name: str) -> str:  # a copy of team_name_key as of this revision
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", _name(name)).casefold())


def _free_name(name: str, taken: set[str]) -> str:
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[:NAME_MAX_CHARS - len(suffix)].rstrip() + suffix
        if _key(candidate) not in taken:
            return candidate
        number += 1


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(teams.c.id, teams.c.name, teams.c.name_key)
                              .order_by(teams.c.id)).all()
    taken: set[str] = set()
    changes: dict[int, tuple[str, str, bool]] = {}  # id -> name, key, renamed
    for team_id, name, old_key in rows:
        new_name = _name(name)
        renamed = _key(new_name) in taken
        if renamed:
            new_name = _free_name(new_name, taken)
        taken.add(_key(new_name))
        if (new_name, _key(new_name)) != (name, old_key):
            changes[team_id] = (new_name, _key(new_name), renamed)
    # Keys move through placeholders, so no two rows hold one key in between.
    for team_id in changes:
        connection.execute(teams.update().where(teams.c.id == team_id)
                           .values(name_key=f"#0003-{team_id}"))
    for team_id, (name, key, renamed) in changes.items():
        connection.execute(teams.update().where(teams.c.id == team_id)
                           .values(name=name, name_key=key))
        if renamed:
            _rename_in_plans(connection, team_id, name)


def _rename_in_plans(connection, team_id: int, name: str) -> None:
    for row_id, text, packed in connection.execute(
            sa.select(revisions.c.id, revisions.c.plan_json, revisions.c.plan)
            .where(revisions.c.team_id == team_id)).all():
        data = json.loads(zlib.decompress(packed).decode("utf-8") if packed else text)
        payload = json.dumps({**data, "team": name}, indent=2, ensure_ascii=False) + "\n"
        values = ({"plan": zlib.compress(payload.encode("utf-8"), 6)} if packed
                  else {"plan_json": payload})
        connection.execute(revisions.update().where(revisions.c.id == row_id).values(**values))


def downgrade() -> None:
    # The keys as 0002's code made them (names stay composed and renamed: nothing older
    # depends on how they were typed).
    connection = op.get_bind()
    for team_id, name in connection.execute(sa.select(teams.c.id, teams.c.name)).all():
        connection.execute(teams.update().where(teams.c.id == team_id)
                           .values(name_key=" ".join(name.split()).casefold()))
