"""The HTTP route that hands the browser a Gemini Live session for its own interview.

The ephemeral token travels only in this response (never in Reflex state): the browser's
call component asks for one at the start and again, with the latest resumption handle,
after `goAway` or a dropped connection.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from interview_app import routes
from interview_app.services.calls.gemini_live import LiveSessionLimitError, start_live_session
from interview_app.services.errors import ModelBudgetError, PermissionDeniedError
from interview_app.services.voice.gemini_live import (
    InterviewTimeUpError,
    LiveSessionError,
    clean_resumption_handle,
)
from interview_app.web.bodies import BodyTooLargeError, read_capped
from interview_app.web.cookies import signed_in_user_id

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 4_096
_NO_STORE = {"Cache-Control": "no-store"}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=_NO_STORE)


def _same_origin(request: Request) -> bool:
    # A cross-site page may not spend the user's interviews: the Origin must be ours.
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    if not origin or not host:
        return False
    return urlsplit(origin).netloc == host


async def live_session(request: Request) -> JSONResponse:
    """Mint a Live session (token, socket URL, setup) for one of the user's interviews."""
    if not _same_origin(request):
        return _error(403, "This request must come from the app's own pages.")
    # Who asks, and how much they say they send, before reading a byte of the body.
    user_id = await signed_in_user_id(request)
    if user_id is None:
        return _error(401, "Please sign in again.")
    try:
        body_bytes = await read_capped(request, MAX_BODY_BYTES)
    except BodyTooLargeError:
        return _error(413, "The request is too large.")
    try:
        body = json.loads(body_bytes or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("interview_id"), str):
        return _error(400, "The request must name an interview.")
    try:
        live = await start_live_session(
            user_id=user_id,
            interview_id=body["interview_id"],
            resumption_handle=clean_resumption_handle(body.get("resumption_handle")),
        )
    except PermissionDeniedError as error:
        return _error(403, str(error))
    except InterviewTimeUpError as error:
        return _error(409, str(error))
    except (LiveSessionLimitError, ModelBudgetError) as error:
        return _error(429, str(error))
    except LiveSessionError as error:
        return _error(503, str(error))
    except Exception:
        logger.exception("Starting a Gemini Live session failed unexpectedly")
        return _error(503, LiveSessionError.default_message)
    return JSONResponse(
        {
            "token": live.token,
            "socket_url": live.socket_url,
            "setup": live.setup,
            "no_answer_ms": live.no_answer_ms,
        },
        headers=_NO_STORE,
    )


def build_gemini_live_routes() -> list[BaseRoute]:
    """Return the Gemini Live routes to serve in front of Reflex.

    Returns:
        The session route.
    """
    return [Route(routes.GEMINI_LIVE_SESSION, live_session, methods=["POST"])]
