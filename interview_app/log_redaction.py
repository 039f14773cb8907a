"""Secrets never reach the logs, whichever library writes the record.

Reflex logs an event it cannot dispatch whole, with the socket's handshake headers (the
session cookie) and the event's payload (a sign-in form's password); other libraries may
log a request's headers. `install` wraps the process's log record factory, so every record
of every logger has its message (and its traceback) redacted before any handler sees it:
the values of cookies, authorization headers, and fields named like passwords, tokens,
secrets or keys.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable

REDACTED = "[REDACTED]"
_SENSITIVE_NAME = (
    r"[\w.-]*(?:cookie|authorization|passw(?:or)?d|token|secret|api[_-]?key|"
    r"private[_-]?key|credential|session)[\w.-]*"
)
# 'name': 'value' or "name": "value" (dict and JSON renderings), with escaped quotes inside.
_QUOTED = re.compile(
    rf"""(?P<lead>(?P<q>['"]){_SENSITIVE_NAME}(?P=q)\s*[:=]\s*)"""
    r"""(?P<vq>['"])(?P<value>(?:\\.|(?!(?P=vq)).)*)(?P=vq)""",
    re.IGNORECASE,
)
# 'name': ['value', ...]: a list (or tuple) of values under a secret name goes whole.
_QUOTED_LIST = re.compile(
    rf"""(?P<lead>(?P<q>['"]){_SENSITIVE_NAME}(?P=q)\s*[:=]\s*)(?P<value>\[[^\]]*\]|\([^)]*\))""",
    re.IGNORECASE,
)
# name=value in query strings and form bodies; name: value in header lines.
_BARE = re.compile(
    rf"""(?P<lead>(?<![\w.-]){_SENSITIVE_NAME}\s*(?:=|:\s))(?P<value>[^&\s'",;}}\]]+)""",
    re.IGNORECASE,
)
# A Cookie header rendered as text holds several `name=value; ` pairs: all are secret.
_COOKIE_LINE = re.compile(r"(?P<lead>\bcookie:\s*)(?P<value>[^\r\n]+)", re.IGNORECASE)

_installed = False


def redact(text: str) -> str:
    """Replace the values of secret-looking fields in a log message.

    Args:
        text: The message as it would be written.

    Returns:
        The message with each secret value replaced by `[REDACTED]`.
    """
    text = _COOKIE_LINE.sub(lambda match: match["lead"] + REDACTED, text)
    text = _QUOTED_LIST.sub(lambda match: f"{match['lead']}{REDACTED}", text)
    text = _QUOTED.sub(lambda match: f"{match['lead']}{match['vq']}{REDACTED}{match['vq']}", text)
    return _BARE.sub(lambda match: match["lead"] + REDACTED, text)


def _redacting(
    factory: Callable[..., logging.LogRecord],
) -> Callable[..., logging.LogRecord]:
    def make_record(*args: object, **kwargs: object) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call to the logger: keep what it gave
            return record
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_text = record.exc_text.rstrip("\n")
        return record

    return make_record


def install() -> None:
    """Redact every log record this process creates from now on (idempotent)."""
    global _installed
    if _installed:
        return
    logging.setLogRecordFactory(_redacting(logging.getLogRecordFactory()))
    _installed = True
