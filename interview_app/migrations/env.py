"""Alembic environment: runs against the engine handed over by `interview_app.db.migrate`."""

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

from interview_app import models  # noqa: F401  (registers the tables)
from interview_app.db import get_engine

engine = context.config.attributes.get("engine") or get_engine()

with engine.connect() as connection:
    is_sqlite = connection.dialect.name == "sqlite"
    if is_sqlite:
        # A batch migration rebuilds a SQLite table (copy, drop, rename); with foreign keys
        # on, dropping the old table would cascade-delete every row that refers to it. The
        # pragma only takes effect outside a transaction, hence the commit.
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.commit()
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if is_sqlite:
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise RuntimeError(f"The migration left {len(broken)} dangling references.")
    if is_sqlite:
        connection.execute(text("PRAGMA foreign_keys=ON"))
        connection.commit()
