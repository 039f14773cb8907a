"""HTTP routes of an interview: the voice call's start and the transcript download.

Both identify the user by the HttpOnly session cookie and leave ownership to the services,
so another user's interview id gets the same 404 as a missing one.
"""

from __future__ import annotations

import logging
import uuid
from typing import Literal

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from interview_app import routes
from interview_app.db import open_session
from interview_app.services.calls.start import start_browser_call
from interview_app.services.errors import DomainError, NotCompletedError, NotFoundError
from interview_app.services.transcripts.export import export_transcript
from interview_app.web.cookies import signed_in_user_id

logger = logging.getLogger(__name__)

NO_STORE = {"Cache-Control": "no-store"}


def _same_origin(request: Request) -> bool:
    # The page's own fetch carries its origin; a cross-site form post would carry another.
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    return origin is None or origin.split("://", 1)[-1] == host


def _refusal(message: str, status_code: int) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status_code, headers=NO_STORE)


async def voice_call(request: Request) -> Response:
    """Mint a fresh token for the call of one of the user's interviews (SPEC §6)."""
    if not _same_origin(request):
        return _refusal("This request came from another site.", 403)
    user_id = await signed_in_user_id(request)
    if user_id is None:
        return _refusal("Please sign in again.", 401)
    try:
        call = await start_browser_call(
            user_id=user_id, interview_id=request.path_params["interview_id"]
        )
    except NotFoundError:
        return _refusal("This interview does not exist.", 404)
    except DomainError as error:
        return _refusal(str(error), 409)
    except Exception:
        logger.exception("Starting a voice call failed unexpectedly")
        return _refusal("The voice call could not be started. Please try again.", 500)
    return JSONResponse(
        {
            "provider": call.provider.value,
            "accessToken": call.access_token,
            "hostname": call.hostname,
            "configId": call.config_id,
            "variables": dict(call.variables),
        },
        headers=NO_STORE,
    )


def _export(user_id: uuid.UUID, interview_id: str, file_format: Literal["md", "json"]) -> Response:
    with open_session() as session:
        try:
            export = export_transcript(
                session=session,
                user_id=user_id,
                interview_id=interview_id,
                file_format=file_format,
            )
        except NotFoundError:
            return Response("Not found", status_code=404, media_type="text/plain")
        except NotCompletedError as error:
            return Response(str(error), status_code=409, media_type="text/plain")
    return Response(
        export.body,
        media_type=export.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{export.filename}"',
            **NO_STORE,
        },
    )


async def transcript_download(request: Request) -> Response:
    """Download the stored transcript of one of the user's interviews."""
    file_format = request.path_params["file_format"]
    if file_format not in ("md", "json"):
        return Response("Not found", status_code=404, media_type="text/plain")
    user_id = await signed_in_user_id(request)
    if user_id is None:
        return Response("Please sign in again.", status_code=401, media_type="text/plain")
    return await run_in_threadpool(
        _export, user_id, request.path_params["interview_id"], file_format
    )


def build_interview_routes() -> list[Route]:
    """Return the interview routes, to mount in front of Reflex.

    Returns:
        The routes.
    """
    return [
        Route(routes.VOICE_CALL, voice_call, methods=["POST"]),
        Route(routes.TRANSCRIPT_DOWNLOAD, transcript_download, methods=["GET"]),
    ]
