"""Request bodies read with a cap: never more than a route needs is held in memory.

A route that reads a body looks at the session (where it has one) and the declared
`Content-Length` before reading anything, then streams the body and stops at the cap, so a
huge body costs a refusal, not the worker's memory.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.datastructures import FormData
from starlette.requests import Request

# Sign-in and sign-up forms: an email, a name, a password, a path. Generous.
FORM_MAX_BYTES = 16_384
# Fields of those forms; more is not a form of ours.
FORM_MAX_FIELDS = 20


class BodyTooLargeError(Exception):
    """The request's body is over the route's cap (or says it will be)."""


def declared_too_large(request: Request, limit: int) -> bool:
    """Tell whether the request's `Content-Length` is over `limit` (or is not a number).

    Args:
        request: The request, its body not read yet.
        limit: The most bytes the route accepts.

    Returns:
        True when the body must be refused without reading it.
    """
    declared = request.headers.get("content-length")
    if declared is None:
        return False
    declared = declared.strip()
    return not declared.isdigit() or int(declared) > limit


async def read_capped(request: Request, limit: int) -> bytes:
    """Read a request's body, refusing it as soon as it is over `limit`.

    Args:
        request: The request, its body not read yet.
        limit: The most bytes the route accepts.

    Returns:
        The body.

    Raises:
        BodyTooLargeError: The body is (or says it is) over the limit; what was read is
            dropped and the rest is not read.
    """
    if declared_too_large(request, limit):
        raise BodyTooLargeError()
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLargeError()
    return bytes(body)


async def read_capped_form(request: Request, limit: int = FORM_MAX_BYTES) -> FormData:
    """Read a URL-encoded form with a cap (our pages post no other kind).

    Args:
        request: The request, its body not read yet.
        limit: The most bytes the route accepts.

    Returns:
        The form's fields; empty for a body of another kind or with too many fields.

    Raises:
        BodyTooLargeError: The body is over the limit.
    """
    body = await read_capped(request, limit)
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return FormData()
    try:
        fields = parse_qsl(
            body.decode("utf-8", errors="replace"),
            keep_blank_values=True,
            max_num_fields=FORM_MAX_FIELDS,
        )
    except ValueError:
        return FormData()
    return FormData(fields)
