"""spoken answers recognised on the server: their words and (when kept) their audio

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 12:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "answer_recordings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("audio", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_answer_recordings_interview_id", "answer_recordings", ["interview_id"], unique=False
    )
    with op.batch_alter_table("practice_turns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer_words", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("recording_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            "fk_practice_turns_recording_id",
            "answer_recordings",
            ["recording_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_turns", schema=None) as batch_op:
        batch_op.drop_constraint("fk_practice_turns_recording_id", type_="foreignkey")
        batch_op.drop_column("recording_id")
        batch_op.drop_column("answer_words")
    op.drop_index("ix_answer_recordings_interview_id", table_name="answer_recordings")
    op.drop_table("answer_recordings")
