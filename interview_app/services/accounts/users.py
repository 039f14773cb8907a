"""User accounts: creation, look-up and plans."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from interview_app.config import get_settings
from interview_app.models import User, utcnow
from interview_app.services.accounts.passwords import hash_password
from interview_app.services.errors import AccountExistsError, InvalidInputError
from interview_app.services.ids import parse_id
from interview_app.services.validation import normalize_email, validate_sign_up


class UnknownPlanError(InvalidInputError):
    """The plan is not one the operator configured."""

    def __init__(self, plan: str) -> None:
        plans = ", ".join(sorted(get_settings().plans))
        super().__init__({"plan": f"Unknown plan {plan!r}; choose one of: {plans}."})
        self.args = (self.field_errors["plan"],)


def check_plan(plan: str) -> str:
    """Return the plan if the operator configured it.

    Args:
        plan: A plan name.

    Returns:
        The same plan name.

    Raises:
        UnknownPlanError: When no such plan is configured.
    """
    if plan not in get_settings().plans:
        raise UnknownPlanError(plan)
    return plan


def get_user(*, session: Session, user_id: uuid.UUID | str) -> User | None:
    """Return a user by id.

    Args:
        session: Open database session.
        user_id: The user's id.

    Returns:
        The user, or None.
    """
    return session.get(User, parse_id(user_id))


def get_user_by_email(*, session: Session, email: str) -> User | None:
    """Return the user with this email, compared case-insensitively.

    Args:
        session: Open database session.
        email: The address.

    Returns:
        The user, or None.
    """
    return session.exec(select(User).where(User.email == normalize_email(email))).first()


def create_local_user(
    *, session: Session, email: str, password: str, name: str, plan: str | None = None
) -> User:
    """Create a user who signs in with email and password.

    Args:
        session: Open database session.
        email: Their email address.
        password: Their password, stored only as an Argon2id hash.
        name: Their display name.
        plan: A configured plan; the default plan when omitted.

    Returns:
        The new user.

    Raises:
        InvalidInputError: A field breaks a rule.
        AccountExistsError: The email already has an account.
    """
    clean = validate_sign_up(name=name, email=email, password=password)
    plan = check_plan(plan or get_settings().default_plan)
    if get_user_by_email(session=session, email=clean.email) is not None:
        raise AccountExistsError()
    user = User(
        email=clean.email,
        name=clean.name,
        plan=plan,
        password_hash=hash_password(clean.password),
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as error:
        # A concurrent sign-up took the email between the check above and this insert.
        session.rollback()
        raise AccountExistsError() from error
    session.refresh(user)
    return user


def set_plan(*, session: Session, email: str, plan: str) -> User:
    """Move a user to another plan; it applies to their next request.

    Args:
        session: Open database session.
        email: The user's email.
        plan: A configured plan.

    Returns:
        The updated user.

    Raises:
        UnknownPlanError: No such plan.
        LookupError: No user has this email.
    """
    check_plan(plan)
    user = get_user_by_email(session=session, email=email)
    if user is None:
        msg = f"No user has the email {normalize_email(email)!r}."
        raise LookupError(msg)
    user.plan = plan
    user.updated_at = utcnow()
    session.add(user)
    session.commit()
    session.refresh(user)
    return user
