"""The download of everything the app holds about the signed-in user."""

from __future__ import annotations

import uuid

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from interview_app import routes
from interview_app.db import open_session
from interview_app.services.errors import NotFoundError
from interview_app.services.privacy.export import AccountArchive, export_account
from interview_app.web.cookies import signed_in_user_id
from interview_app.web.interviews import NO_STORE


def _archive(user_id: uuid.UUID) -> AccountArchive | None:
    with open_session() as session:
        try:
            return export_account(session=session, user_id=user_id)
        except NotFoundError:
            return None


async def account_export(request: Request) -> Response:
    """Send the signed-in user's archive (account, job infos, interviews) as a ZIP file."""
    user_id = await signed_in_user_id(request)
    archive = await run_in_threadpool(_archive, user_id) if user_id is not None else None
    if archive is None:
        return Response("Please sign in again.", status_code=401, media_type="text/plain")
    return Response(
        archive.body,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{archive.filename}"',
            **NO_STORE,
        },
    )


def build_account_routes() -> list[Route]:
    """Return the account routes, to mount in front of Reflex.

    Returns:
        The routes.
    """
    return [Route(routes.ACCOUNT_EXPORT, account_export, methods=["GET"])]
