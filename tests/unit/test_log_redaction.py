"""No cookie, authorization header or password-like field reaches a log line, whoever logs it."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from reflex.event import Event

from interview_app import log_redaction

SESSION = "s3ss10n-t0k3n-value"
PASSWORD = "hunter2-correct-horse"
BEARER = "Bearer eyJhbGciOi.secret"
HEADERS = {
    "host": "127.0.0.1:3000",
    "cookie": f"interview_browser=b1nd1ng; interview_session={SESSION}",
    "authorization": BEARER,
    "user-agent": "Mozilla/5.0",
}


@pytest.fixture
def log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger writing formatted lines to a buffer, through the redacting record factory."""
    original = logging.getLogRecordFactory()
    logging.setLogRecordFactory(log_redaction._redacting(original))
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield logger, buffer
    finally:
        logger.removeHandler(handler)
        logging.setLogRecordFactory(original)


def _event(name: str, payload: dict[str, object]) -> Event:
    return Event(
        name=name,
        router_data={"pathname": "/sign-in/", "headers": HEADERS, "query": {}},
        payload=payload,
    )


def _assert_clean(text: str) -> None:
    for secret in (SESSION, PASSWORD, "b1nd1ng", "eyJhbGciOi"):
        assert secret not in text
    assert log_redaction.REDACTED in text


def test_an_event_for_an_unknown_handler_is_logged_without_cookie_or_password(log) -> None:
    logger, buffer = log
    event = _event(
        "reflex___state____state.no_such_state.sign_in",
        {"form_data": {"email": "ada@example.com", "password": PASSWORD}},
    )
    try:
        raise ValueError(f"Unknown handler for {event}")
    except ValueError:
        logger.exception(f"Error processing event queue entry for {event} [txid=1]:")
    text = buffer.getvalue()
    _assert_clean(text)
    assert "ada@example.com" in text  # the rest stays readable
    assert "Unknown handler" in text


def test_an_event_with_the_wrong_argument_shape_is_logged_redacted(log) -> None:
    logger, buffer = log
    event = _event("reflex___state____state.auth_form_state.sign_in", {"password": [PASSWORD]})
    logger.error("Failed to process %s", event)
    _assert_clean(buffer.getvalue())


def test_an_undecodable_event_string_is_logged_redacted(log) -> None:
    logger, buffer = log
    raw = (
        '{"name": "x.sign_in", "payload": {"form_data": {"password": "'
        + PASSWORD
        + '"}}, "router_data": {"headers": {"cookie": "interview_session='
        + SESSION
        + '", "authorization": "'
        + BEARER
        + '"}}'
    )
    logger.warning(f"Received event data as a string. Event data: {raw}")
    _assert_clean(buffer.getvalue())


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (f"GET /auth/session?ticket=abc&session_token={SESSION} 200", SESSION),
        (f"Cookie: interview_session={SESSION}; other=1", SESSION),
        (f"config {{'hume_api_key': '{PASSWORD}', 'model': 'x'}}", PASSWORD),
        (f"form password={PASSWORD}&email=a@b.c", PASSWORD),
        (f'{{"secret_key": "{PASSWORD}"}}', PASSWORD),
    ],
)
def test_header_lines_query_strings_and_settings_are_redacted(line: str, secret: str) -> None:
    assert secret not in log_redaction.redact(line)


def test_plain_messages_are_left_alone() -> None:
    line = "Transcript sync of 1f0e did not finish: VoiceChatNotFoundError"
    assert log_redaction.redact(line) == line
