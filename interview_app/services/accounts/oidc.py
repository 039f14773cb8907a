"""Sign-in through an OpenID Connect provider: claim checks and account linking (SPEC §8).

The HTTP side (discovery, PKCE, the token exchange) lives in `interview_app.web.oidc`;
these are the rules, free of any web framework.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from interview_app.config import Settings, get_settings
from interview_app.models import User, utcnow
from interview_app.services.accounts.users import get_user_by_email
from interview_app.services.errors import DomainError
from interview_app.services.validation import EMAIL_MAX, PERSON_NAME_MAX, normalize_email

# Clock skew tolerated between us and the provider, in seconds.
CLOCK_LEEWAY = 120
_WEB_SCHEMES = ("https://", "http://")


class OidcSignInError(DomainError):
    """OIDC sign-in cannot finish; the message says why, without internals."""

    default_message = "Sign-in with your identity provider failed. Please try again."


class InvalidIdTokenError(OidcSignInError):
    """The ID token's claims do not belong to this sign-in."""


class UnverifiedEmailError(OidcSignInError):
    """The provider's email matches a local account but is not verified."""

    default_message = (
        "An account with this email already exists, and your identity provider did not "
        "confirm that the email is yours. Sign in with your password instead."
    )


class MissingEmailError(OidcSignInError):
    """The provider shared no usable email address."""

    default_message = "Your identity provider did not share an email address, which this app needs."


class AccountLinkConflictError(OidcSignInError):
    """The email's account is already linked to another identity."""

    default_message = (
        "An account with this email is already linked to another sign-in. "
        "Use that sign-in, or your password."
    )


@dataclass(frozen=True)
class OidcIdentity:
    """Who the provider says signed in."""

    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None
    picture: str | None


def check_id_token_claims(
    claims: Mapping[str, Any],
    *,
    issuer: str,
    client_id: str,
    nonce: str | None,
    now: float | None = None,
) -> OidcIdentity:
    """Check the claims of a signature-verified ID token against this sign-in.

    authlib verifies these too; checking them here keeps the rules explicit and tested
    whatever the library version does.

    Args:
        claims: The decoded ID token claims.
        issuer: The issuer exactly as the provider's discovery document announces it.
        client_id: Our client id.
        nonce: The nonce sent with this sign-in's authorization request.
        now: Seconds since the epoch (for tests).

    Returns:
        The identity.

    Raises:
        InvalidIdTokenError: `iss`, `aud`, `azp`, `exp`, `nonce` or `sub` is wrong.
    """
    now = time.time() if now is None else now
    # Exactly as the provider's discovery document spells it (OIDC Core 3.1.3.7).
    if claims.get("iss") != issuer:
        raise InvalidIdTokenError()
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience or [])
    if client_id not in audiences:
        raise InvalidIdTokenError()
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise InvalidIdTokenError()
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or expires + CLOCK_LEEWAY < now:
        raise InvalidIdTokenError()
    if not nonce or claims.get("nonce") != nonce:
        raise InvalidIdTokenError()
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidIdTokenError()
    email = claims.get("email")
    name = claims.get("name")
    picture = claims.get("picture")
    return OidcIdentity(
        issuer=str(claims["iss"]),
        subject=subject,
        email=normalize_email(email) if isinstance(email, str) and email.strip() else None,
        email_verified=claims.get("email_verified") is True,
        name=name.strip()[:PERSON_NAME_MAX] if isinstance(name, str) and name.strip() else None,
        picture=picture if isinstance(picture, str) and picture.startswith(_WEB_SCHEMES) else None,
    )


class AccountChoice(StrEnum):
    """Which account an OIDC sign-in goes to."""

    KNOWN_IDENTITY = "known identity"
    LINK_EMAIL_ACCOUNT = "link email account"
    CREATE = "create"


def choose_account(
    identity: OidcIdentity, *, known_identity: bool, email_account: User | None
) -> AccountChoice:
    """The account linking rules, on plain values.

    Args:
        identity: The checked identity.
        known_identity: Whether a user already has this issuer + subject.
        email_account: The user who has the identity's email, if any.

    Returns:
        The known user, the email's account (to link), or a new user.

    Raises:
        MissingEmailError: No account yet and no usable email to create one.
        UnverifiedEmailError: The email belongs to an account and is not verified.
        AccountLinkConflictError: That account is linked to another identity already.
    """
    if known_identity:
        return AccountChoice.KNOWN_IDENTITY
    if identity.email is None or len(identity.email) > EMAIL_MAX:
        raise MissingEmailError()
    if email_account is None:
        return AccountChoice.CREATE
    if not identity.email_verified:
        raise UnverifiedEmailError()
    if email_account.oidc_subject is not None:
        raise AccountLinkConflictError()
    return AccountChoice.LINK_EMAIL_ACCOUNT


def sign_in_with_oidc(
    *, session: Session, identity: OidcIdentity, retry_after_conflict: bool = True
) -> User:
    """Find, link or create the user for an OIDC identity, keyed by issuer + subject.

    - A known issuer + subject: that user, with name and picture refreshed.
    - Else an existing account with the same email: linked only if the provider says the
      email is verified.
    - Else a new user on the default plan.

    Args:
        session: Open database session.
        identity: The checked identity.
        retry_after_conflict: Whether to look again once when a concurrent sign-in
            created the same user first (the unique email or issuer + subject).

    Returns:
        The signed-in user.

    Raises:
        UnverifiedEmailError: The email belongs to an account and is not verified.
        AccountLinkConflictError: That account is linked to another identity already.
        MissingEmailError: No account yet and no usable email to create one.
    """
    user = session.exec(
        select(User).where(
            User.oidc_issuer == identity.issuer, User.oidc_subject == identity.subject
        )
    ).first()
    email_account = (
        get_user_by_email(session=session, email=identity.email)
        if user is None and identity.email
        else None
    )
    if email_account is not None and (email_account.oidc_issuer, email_account.oidc_subject) == (
        identity.issuer,
        identity.subject,
    ):
        # A concurrent sign-in of this same identity created the account between the two
        # look-ups above.
        user, email_account = email_account, None
    choice = choose_account(identity, known_identity=user is not None, email_account=email_account)
    if choice is AccountChoice.LINK_EMAIL_ACCOUNT:
        user = email_account
    elif choice is AccountChoice.CREATE:
        user = User(
            email=identity.email,
            name=identity.name or identity.email.split("@")[0],
            plan=get_settings().default_plan,
        )
    assert user is not None
    user.oidc_issuer, user.oidc_subject = identity.issuer, identity.subject
    if identity.name:
        user.name = identity.name
    if identity.picture:
        user.image_url = identity.picture
    user.updated_at = utcnow()
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        # Another sign-in of the same person created or linked the account first; theirs
        # stands, and this one signs in to it.
        session.rollback()
        if retry_after_conflict:
            return sign_in_with_oidc(session=session, identity=identity, retry_after_conflict=False)
        raise
    session.refresh(user)
    return user


def oidc_configured(settings: Settings) -> bool:
    """Tell whether the operator set the three OIDC variables.

    Args:
        settings: The settings.

    Returns:
        True when the issuer, the client id and the client secret are all set.
    """
    return bool(settings.oidc_issuer and settings.oidc_client_id and settings.oidc_client_secret)
