"""interview checks and rate limit buckets

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:25:19.355585
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limit_buckets",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("refilled_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    # The composite index covers the plan check's count of completed interviews, and its
    # prefix serves every job_info_id look-up, so it replaces the single-column index.
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interviews_job_info_id_hume_chat_id",
            ["job_info_id", "hume_chat_id"],
            unique=False,
        )
        batch_op.drop_index(batch_op.f("ix_interviews_job_info_id"))


def downgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interviews_job_info_id"), ["job_info_id"], unique=False
        )
        batch_op.drop_index("ix_interviews_job_info_id_hume_chat_id")

    op.drop_table("rate_limit_buckets")
