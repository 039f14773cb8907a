"""The résumés page: upload, read, correct and delete the signed-in user's résumés."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from interview_app.config import get_settings
from interview_app.models import Resume
from interview_app.services.errors import InvalidInputError, NotFoundError
from interview_app.services.resumes import store
from interview_app.services.resumes.parsing import MAX_TEXT_CHARS, ResumeFormatError
from interview_app.state.session import SERVICE_UNAVAILABLE_MESSAGE, SessionState

# The `id` of the upload zone, which `rx.upload_files` names.
UPLOAD_ID = "resume"
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word", "text": "Text"}
NO_FILE_MESSAGE = "Choose a PDF, DOCX or text file to upload."


@dataclasses.dataclass
class ResumeRow:
    """A résumé as the browser sees it: plain values, nothing else."""

    id: str = ""
    name: str = ""
    filename: str = ""
    format_label: str = ""
    text: str = ""
    created: str = ""
    updated: str = ""
    words: int = 0

    @classmethod
    def from_model(cls, resume: Resume) -> ResumeRow:
        """Copy the fields the page shows out of a database row."""
        return cls(
            id=str(resume.id),
            name=resume.name,
            filename=resume.filename,
            format_label=FORMAT_LABELS.get(resume.source_format, resume.source_format),
            text=resume.text,
            created=resume.created_at.strftime("%b %d, %Y"),
            updated=resume.updated_at.strftime("%b %d, %Y"),
            words=len(resume.text.split()),
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")


class ResumeState(SessionState):
    """Loads and saves the signed-in user's résumés; the service checks ownership.

    The editor keeps what was typed in `drafts` (per résumé, on leaving a field), so
    opening another résumé, an upload or a refused save loses nothing.
    """

    resumes: list[ResumeRow] = []
    selected_id: str = ""
    # Unsaved edits by résumé id: {"name": ..., "text": ...}.
    drafts: dict[str, dict[str, str]] = {}
    # Bumped when the editor must show values other than what is typed (another résumé).
    editor_version: int = 0
    # Bumped to empty the paste form once its résumé is saved.
    paste_version: int = 0
    loaded: bool = False
    uploading: bool = False
    upload_error: str = ""
    saving: bool = False
    deleting: bool = False
    field_errors: dict[str, str] = {}
    form_error: str = ""
    # The browser refuses larger files before sending them (RESUME_MAX_BYTES).
    max_upload_bytes: int = 2_000_000

    @rx.var
    def selected(self) -> ResumeRow:
        """The résumé open in the editor, or an empty row."""
        return next((row for row in self.resumes if row.id == self.selected_id), ResumeRow())

    @rx.var
    def editor_key(self) -> str:
        """Remounts the editor's fields when they must show other values."""
        return f"{self.selected_id}-{self.editor_version}"

    @rx.var
    def editor_name(self) -> str:
        """The name the editor shows: the draft's, else the saved one."""
        return self.drafts.get(self.selected_id, {}).get("name", self.selected.name)

    @rx.var
    def editor_text(self) -> str:
        """The text the editor shows: the draft's, else the saved one."""
        return self.drafts.get(self.selected_id, {}).get("text", self.selected.text)

    @rx.var
    def has_draft(self) -> bool:
        """Whether the open résumé has edits not saved yet."""
        draft = self.drafts.get(self.selected_id, {})
        return (
            draft.get("name", self.selected.name) != self.selected.name
            or draft.get("text", self.selected.text) != self.selected.text
        )

    @rx.var
    def upload_limit_label(self) -> str:
        """The largest file accepted, for people ("2 MB")."""
        return _megabytes(self.max_upload_bytes)

    def _clear_messages(self) -> None:
        self.field_errors = {}
        self.form_error = ""
        self.upload_error = ""

    def _open(self, resume_id: str) -> None:
        self.selected_id = resume_id
        self.editor_version += 1
        self.field_errors = {}
        self.form_error = ""

    @rx.event
    async def load_page(self) -> rx.event.EventSpec | None:
        """Show this user's résumés, the newest open."""
        self._clear_messages()
        self.uploading = self.saving = self.deleting = False
        self.max_upload_bytes = get_settings().resume_max_bytes
        outcome = await self._run_for_user(store.list_resumes, action="Listing résumés")
        if outcome.sign_in is not None:
            return outcome.sign_in
        if not outcome.succeeded:
            self.form_error = SERVICE_UNAVAILABLE_MESSAGE
        self.resumes = [ResumeRow.from_model(row) for row in outcome.value or []]
        known = {row.id for row in self.resumes}
        self.drafts = {key: draft for key, draft in self.drafts.items() if key in known}
        # `?resume=<id>` (a job info's link) opens that one.
        asked = parse_qs(urlsplit(str(self.router.url)).query).get("resume", [""])[0]
        if asked in known:
            self._open(asked)
        elif self.selected_id not in known:
            self._open(self.resumes[0].id if self.resumes else "")
        self.loaded = True
        return None

    @rx.event
    def open_resume(self, resume_id: str) -> None:
        """Show one of the listed résumés in the editor (its draft, if it has one)."""
        if any(row.id == resume_id for row in self.resumes):
            self._open(resume_id)

    def _keep(self, field: str, value: object) -> None:
        if field in ("name", "text") and self.selected_id and isinstance(value, str):
            draft = dict(self.drafts.get(self.selected_id, {}))
            # Far more than a résumé may have: the save refuses it with a message.
            draft[field] = value[: MAX_TEXT_CHARS * 2]
            self.drafts = {**self.drafts, self.selected_id: draft}

    @rx.event
    def keep_draft(self, field: str, value: str) -> None:
        """Remember what was typed in the editor's `name` or `text`, not saved yet."""
        self._keep(field, value)

    @rx.event
    async def upload(self, files: list[rx.UploadFile]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Read an uploaded file and keep its text as a new résumé, opened in the editor.

        Identity comes from the session cookie of this tab's socket, never from the upload.
        """
        if self.uploading:
            return
        self._clear_messages()
        if not files:
            self.upload_error = NO_FILE_MESSAGE
            return
        self.uploading = True
        yield
        upload = files[0]
        limit = get_settings().resume_max_bytes
        # One byte more than accepted tells a file that is too large; more is not read.
        data = upload.file.read(limit + 1)
        outcome = await self._run_for_user(
            store.create_resume_from_upload,
            action="Reading a résumé upload",
            data=data,
            filename=upload.name or "",
            content_type=upload.content_type,
        )
        self.uploading = False
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if outcome.error is not None:
            self.upload_error = str(outcome.error)
            return
        if outcome.value is None:
            self.upload_error = SERVICE_UNAVAILABLE_MESSAGE
            return
        row = ResumeRow.from_model(outcome.value)
        self.resumes = [row, *self.resumes]
        self._open(row.id)
        yield rx.toast.success(f"Read {row.words:,} words from {row.filename}.")

    @rx.event
    def upload_rejected(self, rejected: list[dict[str, Any]]) -> None:
        """Say why the browser refused a file before sending it (size, kind, or several)."""
        codes = {
            error.get("code")
            for item in rejected
            if isinstance(item, dict)
            for error in item.get("errors", [])
            if isinstance(error, dict)
        }
        if "file-too-large" in codes:
            self.upload_error = (
                f"This file is over {_megabytes(self.max_upload_bytes)}. Export your résumé "
                "without images, or paste the text."
            )
        elif "file-invalid-type" in codes:
            self.upload_error = str(ResumeFormatError())
        else:
            self.upload_error = "Upload one file at a time."

    async def _save_with(
        self, action: Any, *, field_prefix: str = "", **kwargs: Any
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        self.saving = True
        self._clear_messages()
        yield
        outcome = await self._run_for_user(action, action="Saving a résumé", **kwargs)
        self.saving = False
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if isinstance(outcome.error, InvalidInputError):
            errors = outcome.error.field_errors
            self.field_errors = {f"{field_prefix}{key}": value for key, value in errors.items()}
        elif outcome.error is not None:
            self.form_error = str(outcome.error)
        elif outcome.value is None:
            self.form_error = SERVICE_UNAVAILABLE_MESSAGE
        else:
            row = ResumeRow.from_model(outcome.value)
            if any(r.id == row.id for r in self.resumes):
                self.resumes = [row if r.id == row.id else r for r in self.resumes]
            else:
                self.resumes = [row, *self.resumes]
            self.drafts = {key: d for key, d in self.drafts.items() if key != row.id}
            self._open(row.id)
            if field_prefix:
                self.paste_version += 1
            yield rx.toast.success("Résumé saved.")

    @rx.event
    async def save(self, form_data: dict[str, Any]) -> AsyncIterator[rx.event.EventSpec | None]:
        """Save the name and text typed in the editor for the open résumé."""
        if self.saving or not self.selected_id:
            return
        name, text = str(form_data.get("name", "")), str(form_data.get("text", ""))
        # Kept as a draft first: a refused save leaves the typed text in the editor.
        self._keep("name", name)
        self._keep("text", text)
        async for update in self._save_with(
            store.update_resume,
            resume_id=self.selected_id,
            name=name,
            text=text,
        ):
            yield update

    @rx.event
    async def save_pasted(
        self, form_data: dict[str, Any]
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        """Keep a résumé whose text was pasted instead of uploaded."""
        if self.saving:
            return
        async for update in self._save_with(
            store.create_resume_from_text,
            # The paste form's fields are `paste_name` and `paste_text`.
            field_prefix="paste_",
            name=str(form_data.get("paste_name", "")),
            text=str(form_data.get("paste_text", "")),
        ):
            yield update

    @rx.event
    async def delete(self) -> AsyncIterator[rx.event.EventSpec | None]:
        """Delete the open résumé; job infos linked to it go on without one."""
        if self.deleting or not self.selected_id:
            return
        self.deleting = True
        self._clear_messages()
        yield
        resume_id = self.selected_id
        outcome = await self._run_for_user(
            store.delete_resume, action="Deleting a résumé", resume_id=resume_id
        )
        self.deleting = False
        if outcome.sign_in is not None:
            yield outcome.sign_in
            return
        if not outcome.succeeded and not isinstance(outcome.error, NotFoundError):
            yield rx.toast.error(str(outcome.error or SERVICE_UNAVAILABLE_MESSAGE))
            return
        self.resumes = [row for row in self.resumes if row.id != resume_id]
        self.drafts = {key: d for key, d in self.drafts.items() if key != resume_id}
        self._open(self.resumes[0].id if self.resumes else "")
        yield rx.toast.success("Résumé deleted.")
