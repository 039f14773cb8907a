"""Form input rules shared by the services and the pages (limits are in the README)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_app.models import ExperienceLevel
from interview_app.services.errors import InvalidInputError

NAME_MAX = 100
TITLE_MAX = 100
DESCRIPTION_MAX = 10_000
PERSON_NAME_MAX = 100
EMAIL_MAX = 254
PASSWORD_MIN = 8
PASSWORD_MAX = 128

_EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class JobInfoInput:
    """Validated job info fields."""

    name: str
    title: str | None
    description: str
    experience_level: ExperienceLevel


@dataclass(frozen=True)
class SignUpInput:
    """Validated sign-up fields."""

    name: str
    email: str
    password: str


def normalize_email(email: str) -> str:
    """Return the canonical form of an email address, used as its key.

    Args:
        email: The address as typed.

    Returns:
        The address trimmed and lower-cased.
    """
    return email.strip().lower()


def _check_length(errors: dict[str, str], field: str, value: str, label: str, maximum: int) -> None:
    if len(value) > maximum:
        errors[field] = f"{label} must be at most {maximum:,} characters."


def validate_job_info(
    *, name: object, title: object, description: object, experience_level: object
) -> JobInfoInput:
    """Validate job info fields as a browser may send them (any type, any value).

    Args:
        name: Required, at most NAME_MAX characters.
        title: Optional, at most TITLE_MAX characters; blank means none.
        description: Required, at most DESCRIPTION_MAX characters.
        experience_level: One of `junior`, `mid-level`, `senior`.

    Returns:
        The cleaned input.

    Raises:
        InvalidInputError: With a message for every field that breaks a rule.
    """
    errors: dict[str, str] = {}
    clean_name = name.strip() if isinstance(name, str) else ""
    clean_title = title.strip() if isinstance(title, str) else ""
    clean_description = description.strip() if isinstance(description, str) else ""
    if not clean_name:
        errors["name"] = "Name is required."
    _check_length(errors, "name", clean_name, "Name", NAME_MAX)
    _check_length(errors, "title", clean_title, "Title", TITLE_MAX)
    if not clean_description:
        errors["description"] = "Description is required."
    _check_length(errors, "description", clean_description, "Description", DESCRIPTION_MAX)
    try:
        level = ExperienceLevel(experience_level)
    except ValueError:
        errors["experience_level"] = "Choose Junior, Mid-Level or Senior."
    if errors:
        raise InvalidInputError(errors)
    return JobInfoInput(
        name=clean_name,
        title=clean_title or None,
        description=clean_description,
        experience_level=level,
    )


def validate_sign_up(*, name: object, email: object, password: object) -> SignUpInput:
    """Validate sign-up fields as a browser may send them.

    Args:
        name: Required, at most PERSON_NAME_MAX characters.
        email: A plausible address, at most EMAIL_MAX characters.
        password: PASSWORD_MIN to PASSWORD_MAX characters.

    Returns:
        The cleaned input, email normalized.

    Raises:
        InvalidInputError: With a message for every field that breaks a rule.
    """
    errors: dict[str, str] = {}
    clean_name = name.strip() if isinstance(name, str) else ""
    clean_email = normalize_email(email) if isinstance(email, str) else ""
    clean_password = password if isinstance(password, str) else ""
    if not clean_name:
        errors["name"] = "Name is required."
    _check_length(errors, "name", clean_name, "Name", PERSON_NAME_MAX)
    if not _EMAIL_PATTERN.match(clean_email) or len(clean_email) > EMAIL_MAX:
        errors["email"] = "Enter a valid email address."
    if len(clean_password) < PASSWORD_MIN:
        errors["password"] = f"Password must be at least {PASSWORD_MIN} characters."
    _check_length(errors, "password", clean_password, "Password", PASSWORD_MAX)
    if errors:
        raise InvalidInputError(errors)
    return SignUpInput(name=clean_name, email=clean_email, password=clean_password)
