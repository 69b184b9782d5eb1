"""Room notices: what the facilitator tells every open page ("10 minutes left").

- ``room_notices``: one row per notice posted, with its text and, for a countdown, the time
  it ends. Clearing a notice appends a row with no text, so the table is only appended to
  (the apps' database role on a hub may read and append, never update or delete); the
  newest row is the room's notice.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "room_notices",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("room_notices")
