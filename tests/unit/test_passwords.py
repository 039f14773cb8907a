from __future__ import annotations

import pytest

from interview_app.services.accounts.passwords import hash_password, verify_password


@pytest.fixture(scope="module")
def stored() -> str:
    # Hashing is deliberately slow; one hash serves the whole module.
    return hash_password("correct horse battery staple")


def test_hash_then_verify_round_trip(stored: str) -> None:
    assert verify_password(stored, "correct horse battery staple") is True


def test_wrong_password_is_refused(stored: str) -> None:
    assert verify_password(stored, "correct horse battery stapler") is False
    assert verify_password(stored, "Correct horse battery staple") is False
    assert verify_password(stored, "") is False


def test_unknown_user_none_hash_never_verifies() -> None:
    assert verify_password(None, "no account has this password") is False
    assert verify_password(None, "") is False


def test_garbage_hash_is_refused_without_raising() -> None:
    assert verify_password("not-a-hash", "password") is False
    assert verify_password("", "password") is False


def test_hash_is_argon2id_and_does_not_contain_the_password(stored: str) -> None:
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored


def test_hashes_are_salted() -> None:
    first = hash_password("same password")
    second = hash_password("same password")
    assert first != second
    assert verify_password(first, "same password")
    assert verify_password(second, "same password")
