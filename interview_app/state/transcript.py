"""The transcript section of an interview's page: read from our database, synced on demand."""

from __future__ import annotations

import asyncio
import logging
import uuid

import reflex as rx
from sqlmodel import Session

from interview_app import routes
from interview_app.services.errors import (
    DomainError,
    NotFoundError,
    TranscriptSyncInProgressError,
)
from interview_app.services.ids import parse_id
from interview_app.services.transcripts import store as transcripts
from interview_app.services.transcripts import sync as transcript_sync
from interview_app.state.session import SessionState, run_in_session
from interview_app.state.transcript_rows import TranscriptRow, transcript_rows

logger = logging.getLogger(__name__)

# How long the page waits for a sync another task is running, checking once a second.
SYNC_WAIT_SECONDS = 90
_syncs_in_flight: set[asyncio.Task[None]] = set()


async def _sync_quietly(user_id: uuid.UUID, interview_id: str) -> None:
    try:
        await transcript_sync.sync_transcript(user_id=user_id, interview_id=interview_id)
    except DomainError as error:
        # Recorded on the interview; its page shows it with a retry.
        logger.info("Transcript sync of %s did not finish: %s", interview_id, type(error).__name__)
    except Exception:
        logger.exception("Transcript sync of %s failed unexpectedly", interview_id)


def start_transcript_sync(*, user_id: uuid.UUID, interview_id: str) -> None:
    """Sync a transcript in the background; the browser does not wait for it.

    Args:
        user_id: The acting user (the sync checks ownership).
        interview_id: The interview whose call just ended.
    """
    task = asyncio.get_running_loop().create_task(_sync_quietly(user_id, interview_id))
    _syncs_in_flight.add(task)
    task.add_done_callback(_syncs_in_flight.discard)


def _load(
    *, session: Session, user_id: uuid.UUID, interview_id: str
) -> tuple[transcripts.TranscriptStatus, list[TranscriptRow]]:
    status = transcripts.transcript_status(
        session=session, user_id=user_id, interview_id=interview_id
    )
    # The status checked ownership; the messages need no second look-up.
    entries = transcripts.stored_transcript(session=session, interview_id=parse_id(interview_id))
    return status, transcript_rows(entries)


class TranscriptState(SessionState):
    """The stored transcript of the interview on the page, and its sync status."""

    messages: list[TranscriptRow] = []
    # none | pending | stored | failed (see services.transcripts.TranscriptStatus)
    status: str = "none"
    error: str = ""
    message_count: int = 0
    # The stored transcript reached a size cap: the page says later messages were not kept.
    at_cap: bool = False
    syncing: bool = False

    @rx.var
    def markdown_url(self) -> str:
        """The Markdown download of this transcript."""
        return routes.transcript_download_url(self.interview_id, "md")

    @rx.var
    def json_url(self) -> str:
        """The JSON download of this transcript."""
        return routes.transcript_download_url(self.interview_id, "json")

    def _show(self, status: transcripts.TranscriptStatus, messages: list[TranscriptRow]) -> None:
        self.status, self.error, self.message_count = status.state, status.error, status.messages
        self.at_cap = status.at_cap
        self.messages = messages

    async def _reload(self, user_id: uuid.UUID, interview_id: str) -> None:
        try:
            status, messages = await run_in_session(
                _load, user_id=user_id, interview_id=interview_id
            )
        except NotFoundError:
            status, messages = transcripts.TranscriptStatus("none", "", 0), []
        async with self:
            self._show(status, messages)

    @rx.event(background=True)
    async def await_sync(self) -> None:
        """Run the due sync, or wait for the one under way, then show the result."""
        await self._sync()

    @rx.event(background=True)
    async def retry_sync(self) -> None:
        """Fetch the transcript from the provider again (the retry after a failure)."""
        await self._sync()

    async def _sync(self) -> None:
        async with self:
            if self.syncing:
                return
            self.syncing = True
            user_id = await self._current_user_id()
            interview_id = self.interview_id
            if user_id is not None:
                self.status, self.error = "pending", ""
        try:
            if user_id is None:
                return
            await self._sync_or_wait(user_id, interview_id)
            await self._reload(user_id, interview_id)
        finally:
            async with self:
                self.syncing = False

    async def _sync_or_wait(self, user_id: uuid.UUID, interview_id: str) -> None:
        try:
            await transcript_sync.sync_transcript(user_id=user_id, interview_id=interview_id)
            return
        except TranscriptSyncInProgressError:
            pass
        except DomainError:
            return  # recorded on the interview and shown by the reload
        except Exception:
            logger.exception("Transcript sync of %s failed unexpectedly", interview_id)
            return
        # The sync started when the call ended is running: wait for its outcome.
        for _ in range(SYNC_WAIT_SECONDS):
            await asyncio.sleep(1)
            status = await run_in_session(
                transcripts.transcript_status, user_id=user_id, interview_id=interview_id
            )
            if status.state != "pending":
                return
