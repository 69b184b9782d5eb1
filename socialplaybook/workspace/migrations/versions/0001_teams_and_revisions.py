"""Teams and their plan revisions: the workspace as it was before Alembic.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("name_key", sa.String(240), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("section", sa.String(40), nullable=False),
        sa.Column("plan_json", sa.Text, nullable=False),
        sa.UniqueConstraint("team_id", "number", name="uq_revision_team_number"),
    )
    op.create_index("ix_revisions_team_number", "revisions", ["team_id", "number"])


def downgrade() -> None:
    op.drop_index("ix_revisions_team_number", table_name="revisions")
    op.drop_table("revisions")
    op.drop_table("teams")
