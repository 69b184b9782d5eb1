"""A long day's history: plans stored compressed, and revisions thinning must keep.

- ``revisions.plan``: each new revision's plan JSON, zlib-compressed (about 7 times
  smaller); ``plan_json`` stays for the revisions stored before, and may now be empty.
- ``protected_revisions``: revisions someone restored or exported (or was offered as a
  download), which thinning never drops.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import zlib

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot alter a column in place: batch mode copies the table.
    with op.batch_alter_table("revisions") as batch:
        batch.alter_column("plan_json", existing_type=sa.Text, nullable=True)
        batch.add_column(sa.Column("plan", sa.LargeBinary, nullable=True))
    op.create_table(
        "protected_revisions",
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("reason", sa.String(20), primary_key=True),
        sa.Column("protected_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("protected_revisions")
    # Compressed plans go back into the text column before it is required again.
    revisions = sa.table("revisions", sa.column("id", sa.Integer),
                         sa.column("plan_json", sa.Text), sa.column("plan", sa.LargeBinary))
    connection = op.get_bind()
    for row_id, packed in connection.execute(
            sa.select(revisions.c.id, revisions.c.plan).where(revisions.c.plan.is_not(None))):
        connection.execute(revisions.update().where(revisions.c.id == row_id).values(
            plan_json=zlib.decompress(packed).decode("utf-8")))
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("plan")
        batch.alter_column("plan_json", existing_type=sa.Text, nullable=False)
