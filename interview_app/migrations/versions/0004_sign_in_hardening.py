"""sign-in tickets bound to a browser; indexes for purging sign-in data

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Tickets issued before this revision have no browser and can no longer be redeemed;
    # they lived 60 seconds anyway.
    with op.batch_alter_table("sign_in_tickets", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("browser_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.create_index(
            batch_op.f("ix_sign_in_tickets_expires_at"), ["expires_at"], unique=False
        )
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_auth_sessions_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_auth_sessions_revoked_at"), ["revoked_at"], unique=False
        )
    with op.batch_alter_table("sign_in_throttles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sign_in_throttles_window_started_at"),
            ["window_started_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("sign_in_throttles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_throttles_window_started_at"))
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_sessions_revoked_at"))
        batch_op.drop_index(batch_op.f("ix_auth_sessions_expires_at"))
    with op.batch_alter_table("sign_in_tickets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_tickets_expires_at"))
        batch_op.drop_column("browser_hash")
