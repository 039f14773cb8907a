from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, SQLModel, select

from interview_app.config import get_settings
from interview_app.models import (
    AuthSession,
    Interview,
    JobInfo,
    SignInThrottle,
    SignInTicket,
    User,
    utcnow,
)
from interview_app.services.accounts.passwords import verify_password
from interview_app.services.accounts.sessions import (
    DEFAULT_AFTER_SIGN_IN,
    TICKET_LIFETIME,
    authenticate,
    create_sign_in_ticket,
    redeem_sign_in_ticket,
    revoke_all_sessions,
    revoke_session,
    sign_up,
    start_session,
    user_for_session_token,
)
from interview_app.services.accounts.users import create_local_user, get_user, set_plan
from interview_app.services.errors import (
    AccountExistsError,
    InvalidCredentialsError,
    InvalidInputError,
    SignUpDisabledError,
    TooManyAttemptsError,
)
from interview_app.services.jobs.job_infos import create_job_info

PASSWORD = "correct horse battery"
EMAIL = "ada@example.com"
BROWSER = "binding-cookie-of-the-browser-that-signed-in"


def count_rows(engine: Engine, model: type[SQLModel], *where: object) -> int:
    """Count rows in a fresh session, so nothing cached in the test's session can lie."""
    with Session(engine) as fresh:
        return fresh.exec(select(func.count()).select_from(model).where(*where)).one()


def fresh_user(engine: Engine, user_id: uuid.UUID) -> User | None:
    with Session(engine) as fresh:
        return fresh.get(User, user_id)


def make_user(session: Session, email: str = EMAIL, password: str = PASSWORD) -> User:
    return sign_up(session=session, name="Ada Lovelace", email=email, password=password)


@pytest.fixture
def few_failures(monkeypatch: pytest.MonkeyPatch) -> int:
    """Lock an email after 3 failures (fewer slow password checks per test)."""
    monkeypatch.setenv("SIGN_IN_MAX_FAILURES", "3")
    monkeypatch.setenv("SIGN_IN_LOCKOUT_MINUTES", "15")
    get_settings.cache_clear()
    assert get_settings().sign_in_max_failures == 3
    return 3


# --- sign-up -----------------------------------------------------------------------------


def test_sign_up_creates_user_with_normalized_email_and_default_plan(
    session: Session, engine: Engine
) -> None:
    user = sign_up(session=session, name="  Ada  ", email="  Ada@Example.COM ", password=PASSWORD)
    stored = fresh_user(engine, user.id)
    assert stored is not None
    assert stored.email == "ada@example.com"
    assert stored.name == "Ada"
    assert stored.plan == get_settings().default_plan == "free"
    assert stored.created_at.tzinfo is not None


def test_password_is_stored_only_as_an_argon2id_hash(session: Session, engine: Engine) -> None:
    user = make_user(session)
    stored = fresh_user(engine, user.id)
    assert stored is not None
    assert stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert verify_password(stored.password_hash, PASSWORD)
    for column, value in stored.model_dump().items():
        assert PASSWORD not in str(value), column


@pytest.mark.parametrize("second_email", [EMAIL, "ADA@example.com", "  Ada@Example.Com  "])
def test_duplicate_email_is_refused_whatever_its_case(
    session: Session, engine: Engine, second_email: str
) -> None:
    make_user(session)
    with pytest.raises(AccountExistsError):
        sign_up(session=session, name="Impostor", email=second_email, password="another password")
    assert count_rows(engine, User) == 1


def test_create_local_user_accepts_a_configured_plan(session: Session) -> None:
    user = create_local_user(
        session=session, email="pro@example.com", password=PASSWORD, name="Pro", plan="pro"
    )
    assert user.plan == "pro"


def test_create_local_user_refuses_unknown_plan(session: Session, engine: Engine) -> None:
    with pytest.raises(InvalidInputError) as caught:
        create_local_user(
            session=session, email=EMAIL, password=PASSWORD, name="Ada", plan="platinum"
        )
    assert "plan" in caught.value.field_errors
    assert count_rows(engine, User) == 0


def test_sign_up_with_invalid_input_saves_nothing(session: Session, engine: Engine) -> None:
    with pytest.raises(InvalidInputError) as caught:
        sign_up(session=session, name="", email="not-an-email", password="short")
    assert set(caught.value.field_errors) == {"name", "email", "password"}
    assert count_rows(engine, User) == 0


def test_sign_up_is_refused_when_turned_off(
    session: Session, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCAL_SIGN_UP_ENABLED", "false")
    get_settings.cache_clear()
    with pytest.raises(SignUpDisabledError):
        make_user(session)
    assert count_rows(engine, User) == 0


# --- authenticate ------------------------------------------------------------------------


def test_right_password_signs_in_whatever_the_email_case(session: Session) -> None:
    user = make_user(session)
    assert authenticate(session=session, email=EMAIL, password=PASSWORD).id == user.id
    assert authenticate(session=session, email=" ADA@Example.com ", password=PASSWORD).id == user.id


def test_wrong_password_is_refused(session: Session) -> None:
    make_user(session)
    with pytest.raises(InvalidCredentialsError):
        authenticate(session=session, email=EMAIL, password=PASSWORD + "!")


def test_unknown_email_gets_the_same_message_as_a_wrong_password(session: Session) -> None:
    make_user(session)
    with pytest.raises(InvalidCredentialsError) as wrong_password:
        authenticate(session=session, email=EMAIL, password="not the password")
    with pytest.raises(InvalidCredentialsError) as unknown_email:
        authenticate(session=session, email="nobody@example.com", password=PASSWORD)
    assert str(unknown_email.value) == str(wrong_password.value)
    assert "email" in str(unknown_email.value).lower()


def test_account_without_local_password_cannot_sign_in_with_one(
    session: Session, engine: Engine
) -> None:
    session.add(
        User(email="oidc@example.com", name="O", plan="free", oidc_issuer="i", oidc_subject="s")
    )
    session.commit()
    with pytest.raises(InvalidCredentialsError):
        authenticate(session=session, email="oidc@example.com", password="")
    with pytest.raises(InvalidCredentialsError):
        authenticate(session=session, email="oidc@example.com", password=PASSWORD)


def test_email_is_locked_after_max_failures_even_for_the_right_password(
    session: Session, few_failures: int
) -> None:
    make_user(session)
    start = utcnow()
    for attempt in range(few_failures):
        with pytest.raises(InvalidCredentialsError):
            authenticate(
                session=session,
                email=EMAIL,
                password="guess",
                now=start + timedelta(seconds=attempt),
            )
    with pytest.raises(TooManyAttemptsError):
        authenticate(
            session=session, email=EMAIL, password=PASSWORD, now=start + timedelta(minutes=1)
        )
    # The lock is per email, not per spelling of it.
    with pytest.raises(TooManyAttemptsError):
        authenticate(
            session=session,
            email="  ADA@EXAMPLE.COM",
            password=PASSWORD,
            now=start + timedelta(minutes=2),
        )


def test_lock_is_lifted_after_the_lockout_window(session: Session, few_failures: int) -> None:
    user = make_user(session)
    start = utcnow()
    for _ in range(few_failures):
        with pytest.raises(InvalidCredentialsError):
            authenticate(session=session, email=EMAIL, password="guess", now=start)
    lockout = timedelta(minutes=get_settings().sign_in_lockout_minutes)
    with pytest.raises(TooManyAttemptsError):
        authenticate(
            session=session,
            email=EMAIL,
            password=PASSWORD,
            now=start + lockout - timedelta(seconds=1),
        )
    signed_in = authenticate(
        session=session, email=EMAIL, password=PASSWORD, now=start + lockout + timedelta(seconds=1)
    )
    assert signed_in.id == user.id


def test_a_success_resets_the_failure_count(session: Session, few_failures: int) -> None:
    make_user(session)
    now = utcnow()
    for _ in range(few_failures - 1):
        with pytest.raises(InvalidCredentialsError):
            authenticate(session=session, email=EMAIL, password="guess", now=now)
    authenticate(session=session, email=EMAIL, password=PASSWORD, now=now)
    # Had the count survived, the next failure would lock the email.
    with pytest.raises(InvalidCredentialsError):
        authenticate(session=session, email=EMAIL, password="guess", now=now)
    assert authenticate(session=session, email=EMAIL, password=PASSWORD, now=now).email == EMAIL


def test_failures_older_than_the_window_are_forgotten(session: Session, few_failures: int) -> None:
    make_user(session)
    start = utcnow()
    for _ in range(few_failures - 1):
        with pytest.raises(InvalidCredentialsError):
            authenticate(session=session, email=EMAIL, password="guess", now=start)
    later = start + timedelta(minutes=get_settings().sign_in_lockout_minutes, seconds=1)
    with pytest.raises(InvalidCredentialsError):
        authenticate(session=session, email=EMAIL, password="guess", now=later)
    assert authenticate(session=session, email=EMAIL, password=PASSWORD, now=later).email == EMAIL


def test_unknown_email_is_throttled_the_same_way(
    session: Session, engine: Engine, few_failures: int
) -> None:
    now = utcnow()
    for _ in range(few_failures):
        with pytest.raises(InvalidCredentialsError):
            authenticate(session=session, email="ghost@example.com", password="guess", now=now)
    with pytest.raises(TooManyAttemptsError):
        authenticate(session=session, email="ghost@example.com", password="guess", now=now)
    # The lock is recorded against the email itself (as a digest), as for an existing
    # account: an account created for it now is locked until the window ends.
    assert count_rows(engine, SignInThrottle) == 1
    make_user(session, email="ghost@example.com")
    with pytest.raises(TooManyAttemptsError):
        authenticate(session=session, email="ghost@example.com", password=PASSWORD, now=now)


def test_locking_one_email_leaves_others_alone(session: Session, few_failures: int) -> None:
    make_user(session)
    other = make_user(session, email="grace@example.com")
    now = utcnow()
    for _ in range(few_failures):
        with pytest.raises(InvalidCredentialsError):
            authenticate(session=session, email=EMAIL, password="guess", now=now)
    signed_in = authenticate(session=session, email="grace@example.com", password=PASSWORD, now=now)
    assert signed_in.id == other.id


@pytest.mark.parametrize("email", [None, 42, ["ada@example.com"]])
def test_non_string_email_is_refused_as_invalid_credentials(
    session: Session, email: object
) -> None:
    make_user(session)
    with pytest.raises(InvalidCredentialsError):
        authenticate(session=session, email=email, password=PASSWORD)  # type: ignore[arg-type]


def test_overlong_email_is_refused_as_invalid_credentials(session: Session) -> None:
    overlong = "a" * 400 + "@example.com"
    with pytest.raises(InvalidCredentialsError):
        authenticate(session=session, email=overlong, password=PASSWORD)


# --- sign-in tickets ---------------------------------------------------------------------


def test_ticket_can_be_redeemed_once_for_a_working_session(session: Session) -> None:
    user = make_user(session)
    ticket = create_sign_in_ticket(
        session=session, browser_binding=BROWSER, user_id=user.id, next_path="/app/upgrade?x=1"
    )
    issued = redeem_sign_in_ticket(session=session, browser_binding=BROWSER, ticket=ticket)
    assert issued is not None
    assert issued.next_path == "/app/upgrade?x=1"
    assert issued.token != ticket
    signed_in = user_for_session_token(session=session, token=issued.token)
    assert signed_in is not None
    assert signed_in.id == user.id
    assert redeem_sign_in_ticket(session=session, browser_binding=BROWSER, ticket=ticket) is None


def test_ticket_is_stored_only_as_a_digest(session: Session, engine: Engine) -> None:
    user = make_user(session)
    ticket = create_sign_in_ticket(
        session=session, browser_binding=BROWSER, user_id=user.id, next_path="/app"
    )
    with Session(engine) as fresh:
        rows = fresh.exec(select(SignInTicket)).all()
    assert len(rows) == 1
    assert ticket not in rows[0].ticket_hash


def test_expired_ticket_is_refused(session: Session) -> None:
    user = make_user(session)
    issued_at = utcnow()
    ticket = create_sign_in_ticket(
        session=session, browser_binding=BROWSER, user_id=user.id, next_path="/app", now=issued_at
    )
    late = issued_at + TICKET_LIFETIME + timedelta(seconds=1)
    assert (
        redeem_sign_in_ticket(session=session, browser_binding=BROWSER, ticket=ticket, now=late)
        is None
    )
    # It does not come back to life either.
    assert (
        redeem_sign_in_ticket(
            session=session, browser_binding=BROWSER, ticket=ticket, now=issued_at
        )
        is None
    )


def test_tickets_never_redeemed_are_cleared_by_later_ones(session: Session, engine: Engine) -> None:
    user = make_user(session)
    issued_at = utcnow()
    create_sign_in_ticket(
        session=session, browser_binding=BROWSER, user_id=user.id, next_path="/app", now=issued_at
    )
    later = issued_at + TICKET_LIFETIME + timedelta(seconds=1)
    create_sign_in_ticket(
        session=session, browser_binding=BROWSER, user_id=user.id, next_path="/app", now=later
    )
    assert count_rows(engine, SignInTicket) == 1


def test_ticket_just_inside_its_lifetime_works(session: Session) -> None:
    user = make_user(session)
    issued_at = utcnow()
    ticket = create_sign_in_ticket(
        session=session, browser_binding=BROWSER, user_id=user.id, next_path="/app", now=issued_at
    )
    almost = issued_at + TICKET_LIFETIME - timedelta(seconds=1)
    assert (
        redeem_sign_in_ticket(session=session, browser_binding=BROWSER, ticket=ticket, now=almost)
        is not None
    )


@pytest.mark.parametrize("ticket", ["", "made-up-ticket", "x" * 500])
def test_unknown_ticket_is_refused(session: Session, ticket: str) -> None:
    make_user(session)
    assert redeem_sign_in_ticket(session=session, browser_binding=BROWSER, ticket=ticket) is None


@pytest.mark.parametrize(
    "unsafe", ["//evil.com", "https://evil.com/app", "/\\evil.com", "javascript:alert(1)", ""]
)
def test_ticket_next_path_is_made_safe(session: Session, unsafe: str) -> None:
    user = make_user(session)
    ticket = create_sign_in_ticket(
        session=session, browser_binding=BROWSER, user_id=user.id, next_path=unsafe
    )
    issued = redeem_sign_in_ticket(session=session, browser_binding=BROWSER, ticket=ticket)
    assert issued is not None
    assert issued.next_path == DEFAULT_AFTER_SIGN_IN


# --- sessions ----------------------------------------------------------------------------


def test_live_session_token_finds_its_user(session: Session) -> None:
    user = make_user(session)
    issued = start_session(session=session, user_id=user.id, next_path="/app")
    found = user_for_session_token(session=session, token=issued.token)
    assert found is not None
    assert found.id == user.id


def test_session_token_is_stored_only_as_a_digest(session: Session, engine: Engine) -> None:
    user = make_user(session)
    issued = start_session(session=session, user_id=user.id, next_path="/app")
    with Session(engine) as fresh:
        row = fresh.exec(select(AuthSession)).one()
    assert issued.token not in row.token_hash


@pytest.mark.parametrize("token", [None, "", "not-a-real-token"])
def test_missing_or_unknown_token_finds_nobody(session: Session, token: str | None) -> None:
    user = make_user(session)
    start_session(session=session, user_id=user.id, next_path="/app")
    assert user_for_session_token(session=session, token=token) is None


def test_expired_session_finds_nobody(session: Session) -> None:
    user = make_user(session)
    issued = start_session(session=session, user_id=user.id, next_path="/app")
    assert (
        user_for_session_token(
            session=session, token=issued.token, now=issued.expires_at - timedelta(seconds=1)
        )
        is not None
    )
    assert (
        user_for_session_token(session=session, token=issued.token, now=issued.expires_at) is None
    )
    assert (
        user_for_session_token(
            session=session, token=issued.token, now=issued.expires_at + timedelta(days=1)
        )
        is None
    )


def test_session_lifetime_follows_settings(session: Session) -> None:
    user = make_user(session)
    now = utcnow()
    issued = start_session(session=session, user_id=user.id, next_path="/app", now=now)
    assert issued.expires_at == now + timedelta(days=get_settings().session_lifetime_days)


def test_revoked_session_finds_nobody_and_others_survive(session: Session) -> None:
    user = make_user(session)
    phone = start_session(session=session, user_id=user.id, next_path="/app")
    laptop = start_session(session=session, user_id=user.id, next_path="/app")
    revoke_session(session=session, token=phone.token)
    assert user_for_session_token(session=session, token=phone.token) is None
    assert user_for_session_token(session=session, token=laptop.token) is not None
    # Revoking an unknown or empty token is harmless.
    revoke_session(session=session, token="unknown")
    revoke_session(session=session, token=None)
    assert user_for_session_token(session=session, token=laptop.token) is not None


def test_revoke_all_sessions_ends_every_session_of_that_user_only(session: Session) -> None:
    ada = make_user(session)
    grace = make_user(session, email="grace@example.com")
    ada_tokens = [
        start_session(session=session, user_id=ada.id, next_path="/app").token for _ in range(3)
    ]
    grace_token = start_session(session=session, user_id=grace.id, next_path="/app").token
    revoke_session(session=session, token=ada_tokens[0])

    assert revoke_all_sessions(session=session, user_id=ada.id) == 2
    for token in ada_tokens:
        assert user_for_session_token(session=session, token=token) is None
    still = user_for_session_token(session=session, token=grace_token)
    assert still is not None
    assert still.id == grace.id
    assert revoke_all_sessions(session=session, user_id=ada.id) == 0


# --- plans -------------------------------------------------------------------------------


def test_set_plan_changes_the_plan(session: Session, engine: Engine) -> None:
    user = make_user(session)
    updated = set_plan(session=session, email=" ADA@example.com", plan="pro")
    assert updated.plan == "pro"
    stored = fresh_user(engine, user.id)
    assert stored is not None
    assert stored.plan == "pro"
    assert stored.updated_at >= stored.created_at


def test_set_plan_refuses_an_unknown_plan(session: Session, engine: Engine) -> None:
    user = make_user(session)
    with pytest.raises(InvalidInputError) as caught:
        set_plan(session=session, email=EMAIL, plan="platinum")
    message = caught.value.field_errors["plan"]
    assert "platinum" in message
    assert "free" in message
    assert "pro" in message
    stored = fresh_user(engine, user.id)
    assert stored is not None
    assert stored.plan == "free"


def test_set_plan_for_unknown_email_raises_lookup_error(session: Session) -> None:
    make_user(session)
    with pytest.raises(LookupError, match=r"nobody@example\.com"):
        set_plan(session=session, email="Nobody@Example.com", plan="pro")


def test_get_user_accepts_uuid_and_str(session: Session) -> None:
    user = make_user(session)
    by_uuid = get_user(session=session, user_id=user.id)
    by_str = get_user(session=session, user_id=str(user.id))
    assert by_uuid is not None
    assert by_str is not None
    assert by_uuid.id == by_str.id == user.id


# --- deleting a user ---------------------------------------------------------------------


def test_deleting_a_user_deletes_their_data_and_nobody_elses(
    session: Session, engine: Engine
) -> None:
    ada = make_user(session)
    grace = make_user(session, email="grace@example.com")
    job_infos = {}
    for owner in (ada, grace):
        job_info = create_job_info(
            session=session,
            user_id=owner.id,
            name="Job",
            title=None,
            description="Do things.",
            experience_level="junior",
        )
        session.add(Interview(job_info_id=job_info.id))
        start_session(session=session, user_id=owner.id, next_path="/app")
        create_sign_in_ticket(
            session=session, browser_binding=BROWSER, user_id=owner.id, next_path="/app"
        )
        job_infos[owner.id] = job_info.id
    session.commit()

    session.delete(ada)
    session.commit()

    assert count_rows(engine, User, User.id == ada.id) == 0
    assert count_rows(engine, JobInfo, JobInfo.user_id == ada.id) == 0
    assert count_rows(engine, Interview, Interview.job_info_id == job_infos[ada.id]) == 0
    assert count_rows(engine, AuthSession, AuthSession.user_id == ada.id) == 0
    assert count_rows(engine, SignInTicket, SignInTicket.user_id == ada.id) == 0

    assert count_rows(engine, User, User.id == grace.id) == 1
    assert count_rows(engine, JobInfo, JobInfo.user_id == grace.id) == 1
    assert count_rows(engine, Interview, Interview.job_info_id == job_infos[grace.id]) == 1
    assert count_rows(engine, AuthSession, AuthSession.user_id == grace.id) == 1
    assert count_rows(engine, SignInTicket, SignInTicket.user_id == grace.id) == 1
