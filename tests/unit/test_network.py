"""Origins, forwarded headers and cookies as browsers and proxies really send them."""

from __future__ import annotations

import pytest

from interview_app.config import get_settings
from interview_app.http_headers import (
    accepts_encoding,
    client_address,
    cookie_value,
    is_https,
    is_own_origin,
)


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch):
    def set_env(**values: str) -> None:
        for key, value in values.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()

    return set_env


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://127.0.0.1:3000", "127.0.0.1:3000"),
        ("http://localhost:8123", "localhost:8123"),
        ("https://coach.example.org", "coach.example.org"),
        ("https://coach.example.org", "coach.example.org:443"),
        ("http://COACH.example.org", "coach.example.org"),
        ("http://[::1]:3000", "[::1]:3000"),
    ],
)
def test_the_origin_of_the_host_the_request_was_sent_to_is_accepted(origin: str, host: str) -> None:
    assert is_own_origin(origin, host)


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://evil.example", "127.0.0.1:3000"),
        ("http://127.0.0.1:3001", "127.0.0.1:3000"),
        ("http://127.0.0.1:3000@evil.example", "127.0.0.1:3000"),
        ("null", "127.0.0.1:3000"),
        ("", "127.0.0.1:3000"),
        ("file://", "127.0.0.1:3000"),
        ("http://127.0.0.1:3000", ""),
        ("https://coach.example.org", "coach.example.org:8443"),
    ],
)
def test_other_origins_are_refused(origin: str, host: str) -> None:
    assert not is_own_origin(origin, host)


def test_an_operator_lists_origins_for_a_proxy_that_rewrites_the_host(settings_env) -> None:
    settings_env(ALLOWED_ORIGINS="https://coach.example.org, https://other.example.org/")
    assert is_own_origin("https://coach.example.org", "10.0.0.7:3000")
    assert is_own_origin("https://other.example.org", "10.0.0.7:3000")
    assert not is_own_origin("https://evil.example.org", "10.0.0.7:3000")


def test_forwarded_headers_count_only_from_trusted_proxies(settings_env) -> None:
    forwarded = {"x-forwarded-proto": "https"}
    assert client_address("198.51.100.7", "1.2.3.4") == "198.51.100.7"
    assert not is_https("http", "198.51.100.7", forwarded)

    settings_env(TRUSTED_PROXIES="10.0.0.0/8,127.0.0.1")
    assert client_address("10.1.2.3", "1.2.3.4, 198.51.100.9, 10.0.0.2") == "198.51.100.9"
    assert client_address("127.0.0.1", "") == "127.0.0.1"
    assert client_address("198.51.100.7", "1.2.3.4") == "198.51.100.7"
    assert is_https("http", "10.1.2.3", forwarded)
    assert not is_https("http", "198.51.100.7", forwarded)
    assert is_https("https", "198.51.100.7", {})


@pytest.mark.parametrize(
    "header",
    [
        'foo={"a":1}; interview_session=TOKEN',
        "x=a b; interview_session=TOKEN",
        'interview_session=TOKEN; foo={"a":1}',
        "bad cookie without equals; interview_session=TOKEN; other=1",
    ],
)
def test_odd_cookies_from_other_apps_do_not_hide_the_session_cookie(header: str) -> None:
    assert cookie_value(header, "interview_session") == "TOKEN"


def test_a_missing_cookie_is_none() -> None:
    assert cookie_value("", "interview_session") is None
    assert cookie_value("other=1", "interview_session") is None


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, GZIP;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("gzip;q=nonsense", False),
        ("*;q=0.5, gzip;q=0", False),
        (None, False),
        (",,;", False),
    ],
)
def test_a_compressed_body_is_sent_only_when_the_browser_accepts_it(
    header: str | None, accepted: bool
) -> None:
    assert accepts_encoding(header, "gzip") is accepted
