"""attempt counters for feedback generations and transcript syncs; indexes for their sweeps

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("transcript_sync_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("feedback_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index("ix_interviews_feedback_status", ["feedback_status"], unique=False)
        batch_op.create_index(
            "ix_interviews_voice_provider_transcript_synced_at",
            ["voice_provider", "transcript_synced_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index("ix_interviews_voice_provider_transcript_synced_at")
        batch_op.drop_index("ix_interviews_feedback_status")
        batch_op.drop_column("feedback_attempts")
        batch_op.drop_column("transcript_sync_attempts")
