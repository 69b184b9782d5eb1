"""A facilitator can lock a team's history: ``teams.locked_at``, when it was locked (NULL:
not locked). Thinning leaves a locked team's revisions alone and nothing is restored over
it; saves still append. Only the database's owner changes it (the apps' role may not
UPDATE, deploy/postgres-roles.sql).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("locked_at")
