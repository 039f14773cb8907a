"""Wrong passwords at once for one email: how many full password checks, and how long.

For SQLite (a temporary file) and PostgreSQL (a throwaway local server), creates one
account and sends 40 wrong passwords for it at the same moment from 4 processes x 10
threads, then prints how many ran a full (Argon2) password check, how many were refused
before hashing, any other errors, the stored failure count, whether the email is paused,
and the wall time. The limit is SIGN_IN_MAX_FAILURES (5).

Measured on a loaded 2-core machine. Before issue 11's fix (read, hash, then write): all 40
ran the password check, 39 of them then failed with IntegrityError, stored count 1, no pause,
50-72 s, on SQLite and PostgreSQL alike. After (the attempt counted in one statement before
hashing): 5 checks, 35 refused before hashing, stored count 5, paused, 7-9 s.

Run from the repository root: `.venv/bin/python benchmarks/bench_sign_in_throttle.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session

from interview_app import db
from interview_app.config import get_settings
from interview_app.models import SignInThrottle
from interview_app.services.accounts.sessions import authenticate, email_throttle_key
from interview_app.services.accounts.users import create_local_user
from tests.integration.processes import run_in_processes
from tests.support import postgres_server

EMAIL = "bench@example.com"


def _wrong_password(index: int) -> str:
    with db.open_session() as session:
        authenticate(session=session, email=EMAIL, password=f"wrong {index}")
    return "signed in"


def measure(label: str, database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    engine = db.get_engine()
    db.migrate(engine)
    with Session(engine) as session:
        create_local_user(session=session, email=EMAIL, password="the right one", name="Bench")
    started = time.perf_counter()
    outcomes = Counter(value for _, value in run_in_processes(_wrong_password))
    elapsed = time.perf_counter() - started
    with Session(engine) as session:
        throttle = session.get(SignInThrottle, email_throttle_key(EMAIL))
    print(
        f"{label}: {outcomes.pop('InvalidCredentialsError', 0)} full password checks, "
        f"{outcomes.pop('TooManyAttemptsError', 0)} refused before hashing, "
        f"other outcomes {dict(outcomes)}, stored count "
        f"{throttle.failures if throttle else 0}, paused "
        f"{bool(throttle and throttle.locked_until)}, {elapsed:.2f} s"
    )
    engine.dispose()


def main() -> None:
    os.environ.setdefault("SECRET_KEY", "bench")
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{folder}/bench.db")
    with postgres_server() as url:
        measure("PostgreSQL", url)


if __name__ == "__main__":
    main()
