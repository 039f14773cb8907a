"""delivery metrics and key terms stored once, with the version of what computed them

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows start without figures: the first page that needs them computes and
    # stores them (a missing version reads as an old one).
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_metrics", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "delivery_metrics_version",
                sqlmodel.sql.sqltypes.AutoString(length=32),
                nullable=True,
            )
        )
    with op.batch_alter_table("job_infos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_terms", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "key_terms_version", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("job_infos", schema=None) as batch_op:
        batch_op.drop_column("key_terms_version")
        batch_op.drop_column("key_terms")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_column("delivery_metrics_version")
        batch_op.drop_column("delivery_metrics")
