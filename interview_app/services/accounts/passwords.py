"""Password hashing with Argon2id."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the email is unknown, so both paths cost the same time.
_UNKNOWN_USER_HASH = _hasher.hash("no account has this password")


def hash_password(password: str) -> str:
    """Hash a password for storage.

    Args:
        password: The plain password.

    Returns:
        The Argon2id hash string, salt and parameters included.
    """
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password against a stored hash in constant work.

    Args:
        password_hash: The stored hash, or None when there is no such local account.
        password: The password typed by the user.

    Returns:
        True when the password matches.
    """
    try:
        return _hasher.verify(password_hash or _UNKNOWN_USER_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Tell whether a hash was made with weaker parameters than today's.

    Args:
        password_hash: The stored hash.

    Returns:
        True when it should be replaced on the next successful sign-in.
    """
    return _hasher.check_needs_rehash(password_hash)
