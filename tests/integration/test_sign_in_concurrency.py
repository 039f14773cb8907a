"""Sign-in under concurrency, from several processes, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from interview_app.db import open_session
from interview_app.models import SignInThrottle, User
from interview_app.services.accounts.oidc import OidcIdentity, sign_in_with_oidc
from interview_app.services.accounts.sessions import authenticate, email_throttle_key
from interview_app.services.accounts.users import create_local_user
from tests.integration.processes import run_in_processes

PASSWORD = "correct horse battery"
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _wrong_password(index: int) -> str:
    with open_session() as session:
        authenticate(session=session, email="ada@example.com", password=f"guess {index}", now=NOW)
    return "signed in"


def test_forty_concurrent_wrong_passwords_make_only_five_password_checks(
    engine: Engine, session: Session
) -> None:
    create_local_user(session=session, email="ada@example.com", password=PASSWORD, name="Ada")

    outcomes = run_in_processes(_wrong_password, processes=4, threads=10)

    # Each full password check of a wrong password answers InvalidCredentialsError; the
    # others are refused before any hashing.
    assert Counter(outcomes) == Counter(
        {("raised", "InvalidCredentialsError"): 5, ("raised", "TooManyAttemptsError"): 35}
    )
    with Session(engine) as fresh:
        throttle = fresh.get(SignInThrottle, email_throttle_key("ada@example.com"))
        assert throttle is not None
        assert throttle.failures == 5
        assert throttle.locked_until is not None and throttle.locked_until > NOW
    with pytest.raises(Exception, match="Too many"):
        authenticate(session=session, email="ada@example.com", password=PASSWORD, now=NOW)


def _guess_from_one_address(index: int) -> str:
    with open_session() as session:
        authenticate(
            session=session,
            email=f"victim-{index}@example.com",
            password="guess",
            client_address="203.0.113.9",
            now=NOW,
        )
    return "signed in"


def test_one_address_guessing_many_emails_is_held_to_the_per_address_limit(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGN_IN_MAX_FAILURES_PER_ADDRESS", "12")

    outcomes = run_in_processes(_guess_from_one_address, processes=4, threads=10)

    assert Counter(outcomes) == Counter(
        {("raised", "InvalidCredentialsError"): 12, ("raised", "TooManyAttemptsError"): 28}
    )
    # No email reached its own limit: the address stopped the guessing.
    with Session(engine) as fresh:
        assert fresh.exec(select(func.max(SignInThrottle.failures))).one() == 12


def _first_oidc_sign_in(_: int) -> str:
    identity = OidcIdentity(
        issuer="https://idp.example/",
        subject="new-person",
        email="new.person@example.com",
        email_verified=True,
        name="New Person",
        picture=None,
    )
    with open_session() as session:
        return str(sign_in_with_oidc(session=session, identity=identity).id)


def test_simultaneous_first_oidc_sign_ins_all_reach_the_one_new_account(engine: Engine) -> None:
    outcomes = run_in_processes(_first_oidc_sign_in, processes=4, threads=3)

    assert {kind for kind, _ in outcomes} == {"returned"}, outcomes
    assert len({user_id for _, user_id in outcomes}) == 1
    with Session(engine) as fresh:
        assert fresh.exec(select(func.count()).select_from(User)).one() == 1


def _sign_up_same_email(index: int) -> str:
    with open_session() as session:
        user = create_local_user(
            session=session, email="twin@example.com", password=PASSWORD, name=f"Twin {index}"
        )
        return str(user.id)


def test_simultaneous_sign_ups_with_one_email_make_one_account_and_a_clear_refusal(
    engine: Engine,
) -> None:
    outcomes = run_in_processes(_sign_up_same_email, processes=3, threads=2)

    assert sorted(kind for kind, _ in outcomes) == ["raised"] * 5 + ["returned"]
    assert {value for kind, value in outcomes if kind == "raised"} == {"AccountExistsError"}
    with Session(engine) as fresh:
        assert fresh.exec(select(func.count()).select_from(User)).one() == 1
