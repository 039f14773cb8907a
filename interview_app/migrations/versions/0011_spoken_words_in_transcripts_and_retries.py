"""recognised words kept with transcript messages and with retried answers

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("transcript_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("words", sa.Text(), nullable=True))
    with op.batch_alter_table("answer_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("words", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("recording_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            "fk_answer_attempts_recording_id",
            "answer_recordings",
            ["recording_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("answer_attempts", schema=None) as batch_op:
        batch_op.drop_constraint("fk_answer_attempts_recording_id", type_="foreignkey")
        batch_op.drop_column("recording_id")
        batch_op.drop_column("words")
    with op.batch_alter_table("transcript_messages", schema=None) as batch_op:
        batch_op.drop_column("words")
