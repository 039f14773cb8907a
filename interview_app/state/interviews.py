"""Interview screens: the list, the new-interview page, one interview, and the upgrade page."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator

import reflex as rx
from reflex_components_sonner.toast import ToastAction
from sqlmodel import Session

from interview_app import routes
from interview_app.models import Interview
from interview_app.services.errors import (
    PLAN_LIMIT_MESSAGE,
    RATE_LIMIT_DESCRIPTION,
    RATE_LIMIT_TITLE,
    NotFoundError,
    PlanLimitError,
    RateLimitError,
)
from interview_app.services.interviews import lifecycle as interviews
from interview_app.services.interviews import plans as permissions
from interview_app.services.interviews.plans import PlanUsage
from interview_app.services.jobs import job_infos
from interview_app.services.languages import language_for
from interview_app.services.voice import registry
from interview_app.state.job_infos import JobInfoRow
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session

# Providers whose call screen runs in the new-interview page once the interview exists
# (`call_screen` in pages/new_interview.py); any other opens the interview's page at once.
IN_PAGE_CALL_PROVIDERS: frozenset[str] = frozenset(row.name.value for row in registry.PROVIDERS)


@dataclasses.dataclass
class InterviewRow:
    """An interview as the browser sees it."""

    id: str = ""
    job_info_id: str = ""
    created: str = ""
    duration: str = "00:00:00"
    has_feedback: bool = False
    # A practice finished with fewer than half of its questions answered.
    unfinished: bool = False

    @classmethod
    def from_model(cls, interview: Interview) -> InterviewRow:
        """Copy the fields a page shows out of a database row."""
        return cls(
            id=str(interview.id),
            job_info_id=str(interview.job_info_id),
            created=interview.created_at.strftime("%b %d, %Y at %H:%M UTC"),
            duration=interview.duration,
            has_feedback=bool(interview.feedback),
            unfinished=interview.unfinished,
        )


# Interviews a list shows at first, and each time "Show more" is clicked.
INTERVIEWS_PAGE_SIZE = 24


def _load_list(
    *, session: Session, user_id: uuid.UUID, job_info_id: str, offset: int
) -> tuple[JobInfoRow, list[InterviewRow], bool]:
    job_info = job_infos.get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    # One more than shown tells whether there are more.
    rows = interviews.list_completed_interviews(
        session=session,
        user_id=user_id,
        job_info_id=job_info.id,
        limit=INTERVIEWS_PAGE_SIZE + 1,
        offset=offset,
    )
    shown = [InterviewRow.from_model(row) for row in rows[:INTERVIEWS_PAGE_SIZE]]
    return JobInfoRow.from_model(job_info), shown, len(rows) > INTERVIEWS_PAGE_SIZE


def _load_new_interview(
    *, session: Session, user_id: uuid.UUID, job_info_id: str
) -> tuple[JobInfoRow, str] | None:
    # The plan comes first, as on creation: a user over the limit learns that before anything.
    if not permissions.can_create_interview(session=session, user_id=user_id):
        return None
    job_info = job_infos.get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    return JobInfoRow.from_model(job_info), job_info.interview_language


class InterviewState(SessionState):
    """Loads interviews of the signed-in user; the services check ownership and limits."""

    job_info: JobInfoRow = JobInfoRow()
    interviews: list[InterviewRow] = []
    # The job has more completed interviews than the list shows so far.
    more_interviews: bool = False
    loading_more: bool = False
    interview: InterviewRow = InterviewRow()
    usage: PlanUsage = PlanUsage(plan="", allowance=0, completed=0, unlimited=False)
    loaded: bool = False
    not_found: bool = False
    starting: bool = False
    # The interview whose call is under way on the new-interview page, and its provider.
    call_interview_id: str = ""
    call_provider: str = ""
    # Why the installation's voice interview cannot be held in the job's language ("" when
    # it can): Hume EVI speaks only English.
    voice_language_note: str = ""

    @rx.var
    def voice_provider(self) -> str:
        """The installation's voice provider (`hume`, `gemini`), or "" when none is set up."""
        provider = registry.installation_voice_provider()
        return provider.value if provider else ""

    @rx.var
    def voice_provider_label(self) -> str:
        """The name of the installation's voice provider, for its start button."""
        provider = registry.installation_voice_provider()
        return registry.provider(provider).label if provider else ""

    def _begin_load(self) -> None:
        self.loaded = False
        self.not_found = False
        self.starting = False
        self.loading_more = False
        self.call_interview_id = ""
        self.call_provider = ""

    @rx.event
    async def load_list(self) -> rx.event.EventSpec | None:
        """List the completed interviews; with none yet, go straight to a new one."""
        self._begin_load()
        user_id = await self._current_user_id()
        if user_id is None:
            return self._sign_in_redirect()
        try:
            self.job_info, self.interviews, self.more_interviews = await run_in_session(
                _load_list, user_id=user_id, job_info_id=self.job_info_id, offset=0
            )
        except NotFoundError:
            self.not_found = True
        self.loaded = True
        if not self.not_found and not self.interviews:
            return rx.redirect(routes.new_interview_url(self.job_info.id), replace=True)
        return None

    @rx.event
    async def load_more_interviews(self) -> AsyncIterator[rx.event.EventSpec | None]:
        """List the next screenful of the job's interviews under those shown."""
        if self.loading_more:
            return
        self.loading_more = True
        yield
        user_id = await self._current_user_id()
        if user_id is None:
            yield self._sign_in_redirect()
            return
        try:
            _, more, self.more_interviews = await run_in_session(
                _load_list,
                user_id=user_id,
                job_info_id=self.job_info_id,
                offset=len(self.interviews),
            )
        except NotFoundError:
            self.not_found = True
        else:
            self.interviews = [*self.interviews, *more]
        self.loading_more = False

    @rx.event
    async def load_new(self) -> rx.event.EventSpec | None:
        """Check the plan, then the job info's owner, then show the start button."""
        self._begin_load()
        user_id = await self._current_user_id()
        if user_id is None:
            return self._sign_in_redirect()
        self.voice_language_note = ""
        try:
            loaded = await run_in_session(
                _load_new_interview, user_id=user_id, job_info_id=self.job_info_id
            )
        except NotFoundError:
            self.not_found = True
            loaded = (JobInfoRow(), "en")
        if loaded is None:
            return rx.redirect(routes.UPGRADE, replace=True)
        self.job_info, language = loaded
        provider = registry.installation_voice_provider()
        if provider is not None and not registry.speaks(provider, language):
            self.voice_language_note = (
                f"The {registry.provider(provider).label} is held in English only, and this "
                f"job's interviews are in {language_for(language).name}. The practice "
                "interview asks its questions in that language."
            )
        self.loaded = True
        return None

    @rx.event
    async def load_upgrade(self) -> rx.event.EventSpec | None:
        """Explain the user's plan and how far they used it."""
        user_id = await self._current_user_id()
        if user_id is None:
            return self._sign_in_redirect()
        self.usage = await run_in_session(permissions.plan_usage, user_id=user_id)
        self.loaded = True
        return None

    @rx.event
    async def start_interview(self, provider: str = "") -> AsyncIterator[rx.event.EventSpec | None]:
        """Create the interview (provider, plan, rate limit and ownership checked), start it.

        Args:
            provider: The voice provider to hold it (`hume`, `gemini`, `practice`); the
                installation's preferred one when empty. The service refuses any other.
        """
        if self.starting:
            return
        self.starting = True
        yield
        outcome = await self._run_for_user(
            interviews.create_interview,
            action="Starting an interview",
            job_info_id=self.job_info_id,
            voice_provider=provider or None,
        )
        interview = outcome.value
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if isinstance(outcome.error, PlanLimitError):
            yield rx.toast.error(
                PLAN_LIMIT_MESSAGE,
                action=ToastAction(label="Upgrade", on_click=rx.redirect(routes.UPGRADE)),
                duration=10_000,
            )
        elif isinstance(outcome.error, RateLimitError):
            yield rx.toast.error(RATE_LIMIT_TITLE, description=RATE_LIMIT_DESCRIPTION)
        elif outcome.error is not None:
            yield rx.toast.error(str(outcome.error))
        elif interview is None:
            yield rx.toast.error(SERVICE_UNAVAILABLE_MESSAGE)
        elif interview.voice_provider in IN_PAGE_CALL_PROVIDERS:
            self.call_interview_id = str(interview.id)
            self.call_provider = interview.voice_provider
        else:
            yield rx.redirect(routes.interview_url(str(interview.job_info_id), str(interview.id)))
            return
        self.starting = False
