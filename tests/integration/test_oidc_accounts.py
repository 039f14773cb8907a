import pytest
from sqlmodel import select

from interview_app.models import User
from interview_app.services.accounts.oidc import (
    AccountLinkConflictError,
    MissingEmailError,
    OidcIdentity,
    UnverifiedEmailError,
    sign_in_with_oidc,
)
from interview_app.services.accounts.users import create_local_user

ISSUER = "https://id.example.com"


def identity(**overrides):
    values = {
        "issuer": ISSUER,
        "subject": "sub-ada",
        "email": "ada@example.com",
        "email_verified": True,
        "name": "Ada Lovelace",
        "picture": "https://id.example.com/ada.png",
    }
    values.update(overrides)
    return OidcIdentity(**values)


def test_first_sign_in_creates_the_user_on_the_default_plan(session):
    user = sign_in_with_oidc(session=session, identity=identity())
    assert (user.email, user.name, user.image_url, user.plan) == (
        "ada@example.com",
        "Ada Lovelace",
        "https://id.example.com/ada.png",
        "free",
    )
    assert (user.oidc_issuer, user.oidc_subject) == (ISSUER, "sub-ada")
    assert user.password_hash is None


def test_later_sign_ins_update_name_and_picture_without_duplicates(session):
    first = sign_in_with_oidc(session=session, identity=identity())
    again = sign_in_with_oidc(
        session=session,
        identity=identity(name="Ada King", picture="https://id.example.com/new.png"),
    )
    assert again.id == first.id
    assert (again.name, again.image_url) == ("Ada King", "https://id.example.com/new.png")
    assert len(session.exec(select(User)).all()) == 1


def test_users_are_keyed_by_issuer_and_subject_not_email(session):
    first = sign_in_with_oidc(session=session, identity=identity())
    changed_email = sign_in_with_oidc(
        session=session, identity=identity(email="ada.new@example.com")
    )
    assert changed_email.id == first.id
    with pytest.raises(AccountLinkConflictError):
        sign_in_with_oidc(session=session, identity=identity(issuer="https://other.example.com"))


def test_verified_email_links_to_the_existing_local_account(session):
    local = create_local_user(
        session=session, email="Ada@example.com", password="password123", name="Ada"
    )
    linked = sign_in_with_oidc(session=session, identity=identity())
    assert linked.id == local.id
    assert linked.password_hash == local.password_hash
    assert (linked.oidc_issuer, linked.oidc_subject) == (ISSUER, "sub-ada")


def test_unverified_email_never_links_to_an_existing_account(session):
    local = create_local_user(
        session=session, email="ada@example.com", password="password123", name="Ada"
    )
    with pytest.raises(UnverifiedEmailError):
        sign_in_with_oidc(session=session, identity=identity(email_verified=False))
    session.refresh(local)
    assert local.oidc_subject is None


def test_unverified_email_may_still_create_a_new_account(session):
    user = sign_in_with_oidc(
        session=session, identity=identity(email="new@example.com", email_verified=False)
    )
    assert user.email == "new@example.com"


def test_no_email_and_no_account_is_refused(session):
    with pytest.raises(MissingEmailError):
        sign_in_with_oidc(session=session, identity=identity(email=None))
    assert session.exec(select(User)).all() == []
