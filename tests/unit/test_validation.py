from __future__ import annotations

import pytest

from interview_app.models import ExperienceLevel
from interview_app.services.errors import InvalidInputError
from interview_app.services.validation import (
    DESCRIPTION_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PASSWORD_MAX,
    PASSWORD_MIN,
    PERSON_NAME_MAX,
    TITLE_MAX,
    normalize_email,
    validate_job_info,
    validate_sign_up,
)

GOOD_JOB = {
    "name": "Backend role at Acme",
    "title": "Senior Python Developer",
    "description": "Build and run APIs in Python.",
    "experience_level": "senior",
}

GOOD_SIGN_UP = {"name": "Ada Lovelace", "email": "ada@example.com", "password": "correct horse"}


def job_errors(**changes: object) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        validate_job_info(**{**GOOD_JOB, **changes})
    return caught.value.field_errors


def sign_up_errors(**changes: object) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        validate_sign_up(**{**GOOD_SIGN_UP, **changes})
    return caught.value.field_errors


# --- validate_job_info -------------------------------------------------------------------


def test_valid_job_info_is_returned_cleaned() -> None:
    clean = validate_job_info(
        name="  Backend role  ",
        title="\tPython Developer\n",
        description="  Build APIs.  ",
        experience_level="mid-level",
    )
    assert clean.name == "Backend role"
    assert clean.title == "Python Developer"
    assert clean.description == "Build APIs."
    assert clean.experience_level is ExperienceLevel.MID_LEVEL


@pytest.mark.parametrize("title", [None, "", "   ", "\t\n"])
def test_blank_or_missing_title_means_no_title(title: object) -> None:
    assert validate_job_info(**{**GOOD_JOB, "title": title}).title is None


@pytest.mark.parametrize("level", ["junior", "mid-level", "senior"])
def test_every_experience_level_is_accepted(level: str) -> None:
    assert validate_job_info(**{**GOOD_JOB, "experience_level": level}).experience_level == level


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_name_is_required(value: object) -> None:
    assert set(job_errors(name=value)) == {"name"}


@pytest.mark.parametrize("value", [None, "", "   "])
def test_description_is_required(value: object) -> None:
    assert set(job_errors(description=value)) == {"description"}


@pytest.mark.parametrize("value", [None, 42, ["junior"], {"level": "junior"}, 1.5, b"junior"])
def test_wrong_types_for_text_fields_are_refused_not_crashing(value: object) -> None:
    assert set(job_errors(name=value, description=value)) == {"name", "description"}


@pytest.mark.parametrize(
    "level",
    ["", "Junior", "SENIOR", " junior", "lead", "mid", None, 0, 1, ["junior"], {"x": 1}, b"junior"],
)
def test_unknown_or_wrongly_typed_experience_level_is_refused(level: object) -> None:
    errors = job_errors(experience_level=level)
    assert set(errors) == {"experience_level"}
    assert errors["experience_level"] == "Choose Junior, Mid-Level or Senior."


def test_every_broken_field_is_reported_at_once() -> None:
    errors = job_errors(name="", title="t" * (TITLE_MAX + 1), description="", experience_level="x")
    assert set(errors) == {"name", "title", "description", "experience_level"}


@pytest.mark.parametrize(
    ("field", "maximum"),
    [("name", NAME_MAX), ("title", TITLE_MAX), ("description", DESCRIPTION_MAX)],
)
def test_job_info_length_limit_is_inclusive(field: str, maximum: int) -> None:
    clean = validate_job_info(**{**GOOD_JOB, field: "x" * maximum})
    assert getattr(clean, field) == "x" * maximum


@pytest.mark.parametrize(
    ("field", "maximum"),
    [("name", NAME_MAX), ("title", TITLE_MAX), ("description", DESCRIPTION_MAX)],
)
def test_job_info_one_over_the_limit_is_refused(field: str, maximum: int) -> None:
    errors = job_errors(**{field: "x" * (maximum + 1)})
    assert set(errors) == {field}
    assert f"{maximum:,}" in errors[field]


def test_length_is_measured_after_trimming() -> None:
    clean = validate_job_info(**{**GOOD_JOB, "name": "  " + "x" * NAME_MAX + "  "})
    assert clean.name == "x" * NAME_MAX


def test_limits_are_the_documented_ones() -> None:
    # The README's table of form limits promises these numbers to users.
    assert (NAME_MAX, TITLE_MAX, DESCRIPTION_MAX) == (100, 100, 10_000)
    assert (PERSON_NAME_MAX, EMAIL_MAX, PASSWORD_MIN, PASSWORD_MAX) == (100, 254, 8, 128)


# --- validate_sign_up --------------------------------------------------------------------


def test_valid_sign_up_is_returned_with_email_normalized() -> None:
    clean = validate_sign_up(name="  Ada  ", email="  Ada@Example.COM ", password=" secret pw ")
    assert clean.name == "Ada"
    assert clean.email == "ada@example.com"
    # Passwords are kept exactly as typed: spaces are part of them.
    assert clean.password == " secret pw "


@pytest.mark.parametrize("value", [None, "", "   ", 7])
def test_sign_up_name_is_required(value: object) -> None:
    assert set(sign_up_errors(name=value)) == {"name"}


@pytest.mark.parametrize(
    "email",
    [
        None,
        "",
        "   ",
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "ada@@example.com",
        "ada lovelace@example.com",
        "ada@exa mple.com",
        123,
        ["ada@example.com"],
    ],
)
def test_implausible_email_is_refused(email: object) -> None:
    assert set(sign_up_errors(email=email)) == {"email"}


def test_email_length_limit_is_inclusive() -> None:
    domain = "@example.com"
    at_limit = "a" * (EMAIL_MAX - len(domain)) + domain
    assert len(at_limit) == EMAIL_MAX
    assert validate_sign_up(**{**GOOD_SIGN_UP, "email": at_limit}).email == at_limit
    assert set(sign_up_errors(email="a" + at_limit)) == {"email"}


def test_person_name_length_limit_is_inclusive() -> None:
    assert validate_sign_up(**{**GOOD_SIGN_UP, "name": "n" * PERSON_NAME_MAX}).name == (
        "n" * PERSON_NAME_MAX
    )
    assert set(sign_up_errors(name="n" * (PERSON_NAME_MAX + 1))) == {"name"}


def test_password_length_limits_are_inclusive() -> None:
    assert validate_sign_up(**{**GOOD_SIGN_UP, "password": "p" * PASSWORD_MIN}).password == (
        "p" * PASSWORD_MIN
    )
    assert validate_sign_up(**{**GOOD_SIGN_UP, "password": "p" * PASSWORD_MAX}).password == (
        "p" * PASSWORD_MAX
    )
    too_short = sign_up_errors(password="p" * (PASSWORD_MIN - 1))
    assert set(too_short) == {"password"}
    assert str(PASSWORD_MIN) in too_short["password"]
    assert set(sign_up_errors(password="p" * (PASSWORD_MAX + 1))) == {"password"}


@pytest.mark.parametrize("password", [None, 12345678, ["password1"]])
def test_password_of_wrong_type_is_refused(password: object) -> None:
    assert set(sign_up_errors(password=password)) == {"password"}


def test_all_sign_up_errors_are_reported_at_once() -> None:
    assert set(sign_up_errors(name="", email="nope", password="short")) == {
        "name",
        "email",
        "password",
    }


# --- normalize_email ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ada@example.com", "ada@example.com"),
        ("Ada@Example.COM", "ada@example.com"),
        ("  ada@example.com\t\n", "ada@example.com"),
        (" ADA.LOVELACE+Jobs@MAIL.Example.org ", "ada.lovelace+jobs@mail.example.org"),
    ],
)
def test_normalize_email(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


def test_normalize_email_is_idempotent() -> None:
    once = normalize_email("  Mixed.Case@Example.COM ")
    assert normalize_email(once) == once
