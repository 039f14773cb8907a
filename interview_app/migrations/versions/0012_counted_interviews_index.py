"""an index of the interviews that count against a plan

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The plan check's condition (services/interviews/plans.py) as each dialect writes it: both
# databases use a partial index only for a query whose WHERE contains its predicate, and
# SQLAlchemy writes the boolean test on SQLite as `= 1`.
_COUNTED = "hume_chat_id IS NOT NULL AND plan_counted"
_COUNTED_SQLITE = "hume_chat_id IS NOT NULL AND plan_counted = 1"


def upgrade() -> None:
    op.create_index(
        "ix_interviews_counted_job_info_id",
        "interviews",
        ["job_info_id"],
        unique=False,
        postgresql_where=sa.text(_COUNTED),
        sqlite_where=sa.text(_COUNTED_SQLITE),
    )


def downgrade() -> None:
    op.drop_index("ix_interviews_counted_job_info_id", table_name="interviews")
