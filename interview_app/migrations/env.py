"""Alembic environment: runs against the engine handed over by `interview_app.db.migrate`."""

from alembic import context
from sqlmodel import SQLModel

from interview_app import models  # noqa: F401  (registers the tables)
from interview_app.db import get_engine

engine = context.config.attributes.get("engine") or get_engine()

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
