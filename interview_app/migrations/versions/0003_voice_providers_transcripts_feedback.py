"""voice providers, transcripts we own, feedback status and structure

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        # Interviews held before providers were recorded were Hume's (the seed's provider).
        batch_op.add_column(
            sa.Column("voice_provider", sa.String(length=20), nullable=False, server_default="hume")
        )
        batch_op.add_column(sa.Column("transcript_source", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column(
                "transcript_sync_claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("transcript_synced_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("transcript_sync_error", sa.String(length=500), nullable=True)
        )
        batch_op.add_column(sa.Column("feedback_json", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "feedback_status", sa.String(length=20), nullable=False, server_default="idle"
            )
        )
        batch_op.add_column(
            sa.Column("feedback_claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("feedback_error", sa.String(length=500), nullable=True))
        batch_op.create_unique_constraint("uq_interviews_hume_chat_id", ["hume_chat_id"])
    op.execute("UPDATE interviews SET feedback_status = 'done' WHERE feedback IS NOT NULL")

    op.create_table(
        "transcript_messages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_ms", sa.Integer(), nullable=False),
        sa.Column("end_ms", sa.Integer(), nullable=True),
        sa.Column("emotions", sa.Text(), nullable=True),
        sa.Column("spoken", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "speaker IN ('interviewer', 'interviewee')", name="ck_transcript_messages_speaker"
        ),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        # Its prefix serves the look-up of an interview's messages and the cascade.
        sa.UniqueConstraint("interview_id", "position", name="uq_transcript_messages_position"),
    )


def downgrade() -> None:
    op.drop_table("transcript_messages")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_constraint("uq_interviews_hume_chat_id", type_="unique")
        for column in (
            "feedback_error",
            "feedback_claimed_at",
            "feedback_status",
            "feedback_json",
            "transcript_sync_error",
            "transcript_synced_at",
            "transcript_sync_claimed_at",
            "transcript_source",
            "voice_provider",
        ):
            batch_op.drop_column(column)
