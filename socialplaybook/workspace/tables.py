"""The workspace's tables (made and changed only by the Alembic migrations)."""

from __future__ import annotations

import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

# The Alembic revision the tables must be at (migrations/versions/): every change to them
# is a new migration, and this names the newest.
SCHEMA_REVISION = "0005"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"

_T = TypeVar("_T")

metadata = MetaData()


class CompressedText(TypeDecorator):
    """Text stored zlib-compressed: a plan's JSON is about 7 times smaller (17 KB to 2.4 KB
    for a full day's plan), which is what keeps a day of autosaves in hundreds of MB."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else zlib.compress(value.encode("utf-8"), 6)

    def process_result_value(self, value, dialect):
        return None if value is None else zlib.decompress(value).decode("utf-8")


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _stored_json(row) -> str:
    """A revision row's plan JSON, from whichever column holds it."""
    return row.plan if row.plan is not None else row.plan_json

teams_table = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(60), nullable=False),
    Column("name_key", String(240), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # When a facilitator locked the team's history (0004): no thinning, no restore over it.
    Column("locked_at", DateTime(timezone=True), nullable=True),
)

revisions_table = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("section", String(40), nullable=False),
    # Revisions before 0002 hold their JSON as text; every later one compressed in ``plan``.
    Column("plan_json", Text, nullable=True),
    Column("plan", CompressedText, nullable=True),
    UniqueConstraint("team_id", "number", name="uq_revision_team_number"),
)
Index("ix_revisions_team_number", revisions_table.c.team_id, revisions_table.c.number)

# Revisions someone restored or exported: thinning never drops them (0002).
protected_revisions_table = Table(
    "protected_revisions",
    metadata,
    Column("team_id", Integer, ForeignKey("teams.id"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("reason", String(20), primary_key=True),
    Column("protected_at", DateTime(timezone=True), nullable=False),
)

# What the facilitator tells every open page (0005): the newest row is the room's notice; a
# row with no text clears it. Only appended to, like the revisions.
room_notices_table = Table(
    "room_notices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text", String(200), nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=True),
)
