import pytest

from interview_app.models import User
from interview_app.services.accounts.oidc import (
    AccountChoice,
    AccountLinkConflictError,
    InvalidIdTokenError,
    MissingEmailError,
    UnverifiedEmailError,
    check_id_token_claims,
    choose_account,
)

ISSUER = "https://id.example.com"
CLIENT = "interview-app"
NOW = 1_800_000_000


def claims(**overrides):
    base = {
        "iss": ISSUER,
        "aud": CLIENT,
        "exp": NOW + 300,
        "iat": NOW,
        "nonce": "n-1",
        "sub": "subject-1",
        "email": "  Ada@Example.com ",
        "email_verified": True,
        "name": "Ada Lovelace",
        "picture": "https://id.example.com/ada.png",
    }
    base.update(overrides)
    return {key: value for key, value in base.items() if value is not None}


def check(token_claims, nonce="n-1"):
    return check_id_token_claims(
        token_claims, issuer=ISSUER, client_id=CLIENT, nonce=nonce, now=NOW
    )


def test_valid_claims_give_the_identity():
    identity = check(claims())
    assert identity.issuer == ISSUER
    assert identity.subject == "subject-1"
    assert identity.email == "ada@example.com"
    assert identity.email_verified is True
    assert identity.name == "Ada Lovelace"
    assert identity.picture == "https://id.example.com/ada.png"


@pytest.mark.parametrize(
    "bad",
    [
        {"iss": "https://evil.example.com"},
        {"aud": "someone-else"},
        {"aud": ["someone-else", "another"]},
        {"aud": [CLIENT, "another"]},  # several audiences need azp == us
        {"aud": [CLIENT, "another"], "azp": "another"},
        {"exp": NOW - 121},
        {"exp": "tomorrow"},
        {"nonce": "replayed-nonce"},
        {"sub": ""},
    ],
)
def test_claims_of_another_sign_in_are_refused(bad):
    with pytest.raises(InvalidIdTokenError):
        check(claims(**bad))


def test_missing_nonce_or_subject_is_refused():
    token = claims()
    del token["nonce"]
    with pytest.raises(InvalidIdTokenError):
        check(token)
    token = claims()
    del token["sub"]
    with pytest.raises(InvalidIdTokenError):
        check(token)
    with pytest.raises(InvalidIdTokenError):
        check(claims(), nonce=None)


def test_small_clock_skew_is_tolerated():
    assert check(claims(exp=NOW - 60)).subject == "subject-1"


def test_several_audiences_with_azp_of_ours_are_accepted():
    assert check(claims(aud=[CLIENT, "api"], azp=CLIENT)).subject == "subject-1"


def test_email_verified_must_be_literally_true():
    assert check(claims(email_verified="true")).email_verified is False
    assert check(claims(email_verified=None)).email_verified is False


def test_unsafe_or_missing_profile_fields_are_dropped():
    identity = check(claims(picture="javascript:alert(1)", name="   ", email=None))
    assert identity.picture is None
    assert identity.name is None
    assert identity.email is None


def identity(email="ada@example.com", verified=True):
    return check(claims(email=email, email_verified=verified))


def email_account(linked: bool = False) -> User:
    return User(
        email="ada@example.com",
        name="Ada",
        plan="free",
        oidc_issuer=ISSUER if linked else None,
        oidc_subject="someone-else" if linked else None,
    )


def test_a_known_identity_is_that_user_whatever_its_email():
    assert (
        choose_account(identity(email=None), known_identity=True, email_account=None)
        is AccountChoice.KNOWN_IDENTITY
    )


def test_a_new_email_creates_an_account_verified_or_not():
    for verified in (True, False):
        assert (
            choose_account(identity(verified=verified), known_identity=False, email_account=None)
            is AccountChoice.CREATE
        )


def test_a_verified_email_links_to_its_account():
    assert (
        choose_account(identity(), known_identity=False, email_account=email_account())
        is AccountChoice.LINK_EMAIL_ACCOUNT
    )


def test_an_unverified_email_never_links():
    with pytest.raises(UnverifiedEmailError):
        choose_account(
            identity(verified=False), known_identity=False, email_account=email_account()
        )


def test_an_account_linked_to_another_identity_is_not_taken_over():
    with pytest.raises(AccountLinkConflictError):
        choose_account(identity(), known_identity=False, email_account=email_account(True))


def test_no_email_and_no_account_is_refused():
    with pytest.raises(MissingEmailError):
        choose_account(identity(email=None), known_identity=False, email_account=None)
