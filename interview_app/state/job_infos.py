"""Job info screens: dashboard, create, hub, edit, delete."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx
from sqlmodel import Session

from interview_app import routes
from interview_app.models import ExperienceLevel, JobInfo, Resume
from interview_app.services.errors import InvalidInputError, NotFoundError
from interview_app.services.jobs import job_infos
from interview_app.services.languages import DEFAULT_LANGUAGE, language_for
from interview_app.services.resumes import store as resumes
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState, run_in_session


@dataclasses.dataclass
class JobInfoRow:
    """A job info as the browser sees it: plain values, nothing else."""

    id: str = ""
    name: str = ""
    title: str = ""
    description: str = ""
    experience_level: str = ""
    experience_label: str = ""
    updated: str = ""
    # The description's start, for a card (which shows three lines of it).
    excerpt: str = ""
    # The résumé it is prepared with ("" for none), and the interview's language.
    resume_id: str = ""
    resume_name: str = ""
    interview_language: str = DEFAULT_LANGUAGE
    language_label: str = ""

    @classmethod
    def from_model(cls, job_info: JobInfo, resume: Resume | None = None) -> JobInfoRow:
        """Copy the fields a page shows out of a database row (and its résumé's name)."""
        return cls(
            id=str(job_info.id),
            name=job_info.name,
            title=job_info.title or "",
            description=job_info.description,
            experience_level=job_info.experience_level,
            experience_label=ExperienceLevel(job_info.experience_level).label,
            updated=job_info.updated_at.strftime("%b %d, %Y"),
            resume_id=str(resume.id) if resume is not None else "",
            resume_name=resume.name if resume is not None else "",
            interview_language=language_for(job_info.interview_language).code,
            language_label=language_for(job_info.interview_language).name,
        )

    @classmethod
    def card(cls, job_info: JobInfo) -> JobInfoRow:
        """Copy what a card shows: an excerpt of the description, not all of it."""
        return dataclasses.replace(
            cls.from_model(job_info), description="", excerpt=excerpt(job_info.description)
        )


@dataclasses.dataclass
class ResumeOption:
    """One of the user's résumés, as the job info form offers it."""

    id: str = ""
    name: str = ""


def _resume_options(*, session: Session, user_id: uuid.UUID) -> list[ResumeOption]:
    return [
        ResumeOption(id=str(row.id), name=row.name)
        for row in resumes.list_resumes(session=session, user_id=user_id)
    ]


def _job_info_page(
    *, session: Session, user_id: uuid.UUID, job_info_id: str
) -> tuple[JobInfoRow, list[ResumeOption]]:
    """A job info with its résumé's name, and the résumés its form may offer."""
    job_info = job_infos.get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    resume = resumes.resume_for_job_info(session=session, job_info=job_info)
    row = JobInfoRow.from_model(job_info, resume)
    return row, _resume_options(session=session, user_id=user_id)


# A card clamps its excerpt to three lines; a few more characters than fit is enough, and a
# dashboard of many jobs then sends a few kilobytes instead of every whole description.
EXCERPT_CHARS = 300
# Job infos the dashboard lists at first, and each time "Show more" is clicked.
DASHBOARD_PAGE_SIZE = 24


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Return the start of a text, cut at a word when it is longer than `limit`.

    Args:
        text: The text.
        limit: The most characters kept.

    Returns:
        The text, or its first words and an ellipsis.
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return (cut.rsplit(None, 1)[0] if " " in cut else cut) + "…"


def _form_fields(form_data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": form_data.get("name", ""),
        "title": form_data.get("title", ""),
        "description": form_data.get("description", ""),
        "experience_level": form_data.get("experience_level", ""),
        "resume_id": form_data.get("resume_id", ""),
        "interview_language": form_data.get("interview_language", DEFAULT_LANGUAGE),
    }


class JobInfoState(SessionState):
    """Loads and saves the signed-in user's job infos; the service checks ownership."""

    job_infos: list[JobInfoRow] = []
    # The user has more job infos than the dashboard lists so far.
    more_job_infos: bool = False
    loading_more: bool = False
    job_info: JobInfoRow = JobInfoRow()
    # The user's résumés, for the form's résumé choice.
    resume_options: list[ResumeOption] = []
    loaded: bool = False
    not_found: bool = False
    field_errors: dict[str, str] = {}
    form_error: str = ""
    saving: bool = False
    deleting: bool = False

    def _reset_form(self) -> None:
        self.field_errors = {}
        self.form_error = ""
        self.saving = False
        self.deleting = False

    @rx.event
    async def load_dashboard(self) -> rx.event.EventSpec | None:
        """Show this user's job infos."""
        self._reset_form()
        user_id = await self._current_user_id()
        if user_id is None:
            return self._sign_in_redirect()
        self.job_infos, self.more_job_infos = await self._job_info_cards(user_id, offset=0)
        # With no job infos yet the dashboard shows the form, which offers the résumés.
        self.resume_options = (
            await run_in_session(_resume_options, user_id=user_id) if not self.job_infos else []
        )
        self.loaded = True
        return None

    async def _job_info_cards(
        self, user_id: uuid.UUID, *, offset: int
    ) -> tuple[list[JobInfoRow], bool]:
        # One more than shown tells whether there are more.
        rows = await run_in_session(
            job_infos.list_job_infos,
            user_id=user_id,
            limit=DASHBOARD_PAGE_SIZE + 1,
            offset=offset,
        )
        cards = [JobInfoRow.card(row) for row in rows[:DASHBOARD_PAGE_SIZE]]
        return cards, len(rows) > DASHBOARD_PAGE_SIZE

    @rx.event
    async def load_more_job_infos(self) -> AsyncIterator[rx.event.EventSpec | None]:
        """List the next screenful of the user's job infos under those shown."""
        if self.loading_more:
            return
        self.loading_more = True
        yield
        user_id = await self._current_user_id()
        if user_id is None:
            yield self._sign_in_redirect()
            return
        cards, self.more_job_infos = await self._job_info_cards(user_id, offset=len(self.job_infos))
        self.job_infos = [*self.job_infos, *cards]
        self.loading_more = False

    @rx.event
    async def load_new_form(self) -> rx.event.EventSpec | None:
        """Open an empty job info form."""
        self._reset_form()
        user_id = await self._current_user_id()
        if user_id is None:
            return self._sign_in_redirect()
        self.resume_options = await run_in_session(_resume_options, user_id=user_id)
        return None

    @rx.event
    async def load_job_info(self) -> rx.event.EventSpec | None:
        """Load the job info named in the URL, if it is this user's."""
        self._reset_form()
        self.loaded = False
        self.not_found = False
        user_id = await self._current_user_id()
        if user_id is None:
            return self._sign_in_redirect()
        try:
            self.job_info, self.resume_options = await run_in_session(
                _job_info_page, user_id=user_id, job_info_id=self.job_info_id
            )
        except NotFoundError:
            self.not_found = True
            self.job_info = JobInfoRow()
        self.loaded = True
        return None

    async def _save(self, action: Any, **kwargs: Any) -> AsyncIterator[rx.event.EventSpec | None]:
        self.saving = True
        self.field_errors = {}
        self.form_error = ""
        yield
        outcome = await self._run_for_user(action, action="Saving a job info", **kwargs)
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if isinstance(outcome.error, InvalidInputError):
            self.field_errors = outcome.error.field_errors
        elif outcome.error is not None:
            self.form_error = str(outcome.error)
        elif outcome.value is None:
            self.form_error = SERVICE_UNAVAILABLE_MESSAGE
        else:
            self.job_info = JobInfoRow.from_model(outcome.value)
            yield rx.redirect(routes.job_info_url(self.job_info.id))
            return
        self.saving = False

    @rx.event
    async def create(self, form_data: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Save a new job info and open its hub page."""
        async for update in self._save(job_infos.create_job_info, **_form_fields(form_data)):
            yield update

    @rx.event
    async def update(self, form_data: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Save changes to the job info in the URL and open its hub page."""
        async for update in self._save(
            job_infos.update_job_info, job_info_id=self.job_info_id, **_form_fields(form_data)
        ):
            yield update

    @rx.event
    async def delete(self) -> AsyncIterator[rx.event.EventSpec | None]:
        """Delete the job info in the URL (and its interviews), then go to the dashboard."""
        if self.deleting:
            return
        self.deleting = True
        yield
        outcome = await self._run_for_user(
            job_infos.delete_job_info, action="Deleting a job info", job_info_id=self.job_info_id
        )
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if isinstance(outcome.error, NotFoundError):
            self.not_found = True
        elif not outcome.succeeded:
            yield rx.toast.error(str(outcome.error or SERVICE_UNAVAILABLE_MESSAGE))
        else:
            yield rx.toast.success("Job info deleted.")
            yield rx.redirect(routes.DASHBOARD)
            return
        self.deleting = False
