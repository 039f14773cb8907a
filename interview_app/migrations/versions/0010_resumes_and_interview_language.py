"""résumés, a job info's résumé and its interview language

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resumes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("source_format", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_resumes_user_id", "resumes", ["user_id"], unique=False)
    with op.batch_alter_table("job_infos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resume_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "interview_language",
                sqlmodel.sql.sqltypes.AutoString(length=8),
                server_default="en",
                nullable=False,
            )
        )
        batch_op.create_index("ix_job_infos_resume_id", ["resume_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_job_infos_resume_id", "resumes", ["resume_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("job_infos", schema=None) as batch_op:
        batch_op.drop_constraint("fk_job_infos_resume_id", type_="foreignkey")
        batch_op.drop_index("ix_job_infos_resume_id")
        batch_op.drop_column("interview_language")
        batch_op.drop_column("resume_id")
    op.drop_index("ix_resumes_user_id", table_name="resumes")
    op.drop_table("resumes")
