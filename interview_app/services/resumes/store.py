"""Résumés kept for a candidate: the text read from an upload (or pasted), owner-checked.

Only the text is stored, never the file. Every function takes the acting user and checks
that each id is theirs; another user's résumé reads as missing (`NotFoundError`).
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath, PureWindowsPath

from sqlmodel import Session, col, func, select

from interview_app.config import get_settings
from interview_app.models import JobInfo, Resume, utcnow
from interview_app.services.errors import DomainError, InvalidInputError, NotFoundError
from interview_app.services.ids import parse_id
from interview_app.services.resumes.parsing import (
    MAX_TEXT_CHARS,
    MIN_WORDS,
    normalise_text,
    read_resume,
)

RESUME_NAME_MAX = 100
# The `resumes.filename` column's length.
FILENAME_MAX = 255
# What a résumé is called when its file's name gives nothing better.
DEFAULT_NAME = "Résumé"


class ResumeLimitError(DomainError):
    """The user keeps as many résumés as `RESUMES_PER_USER` allows."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"You can keep up to {limit} résumés. Delete one you no longer need to add another."
        )


def list_resumes(*, session: Session, user_id: uuid.UUID | str) -> list[Resume]:
    """Return this user's résumés, newest first.

    Args:
        session: Open database session.
        user_id: The acting user.

    Returns:
        The résumés.
    """
    return list(
        session.exec(
            select(Resume)
            .where(Resume.user_id == parse_id(user_id))
            .order_by(col(Resume.created_at).desc(), col(Resume.id))
        ).all()
    )


def get_resume(*, session: Session, user_id: uuid.UUID | str, resume_id: uuid.UUID | str) -> Resume:
    """Return one of this user's résumés.

    Args:
        session: Open database session.
        user_id: The acting user.
        resume_id: The résumé's id.

    Returns:
        The résumé.

    Raises:
        NotFoundError: It does not exist or belongs to someone else.
    """
    resume = session.exec(
        select(Resume).where(Resume.id == parse_id(resume_id), Resume.user_id == parse_id(user_id))
    ).first()
    if resume is None:
        raise NotFoundError("This résumé does not exist, or is not yours.")
    return resume


def _check_room(session: Session, user_id: uuid.UUID) -> None:
    limit = get_settings().resumes_per_user
    count = session.exec(
        select(func.count()).select_from(Resume).where(Resume.user_id == user_id)
    ).one()
    if count >= limit:
        raise ResumeLimitError(limit)


def name_from_filename(filename: str) -> str:
    """Return a résumé's default name: its file's name without folders or extension.

    Args:
        filename: The uploaded file's name, as the browser gave it (any folders in it,
            from either kind of system, are dropped).

    Returns:
        The name, at most RESUME_NAME_MAX characters, or "Résumé" when nothing is left.
    """
    base = PureWindowsPath(PurePosixPath(filename or "").name).name
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    cleaned = " ".join(stem.replace("_", " ").split())
    return cleaned[:RESUME_NAME_MAX].strip() or DEFAULT_NAME


def _safe_filename(filename: str) -> str:
    base = PureWindowsPath(PurePosixPath(filename or "").name).name
    return "".join(ch for ch in base if ch.isprintable())[:FILENAME_MAX] or "resume"


def create_resume_from_upload(
    *,
    session: Session,
    user_id: uuid.UUID | str,
    data: bytes,
    filename: str,
    content_type: str | None = None,
) -> Resume:
    """Read an uploaded résumé file and keep its text for this user.

    Args:
        session: Open database session.
        user_id: The acting user.
        data: The file's bytes (sniffed: PDF, DOCX or plain text).
        filename: The file's name as uploaded; the résumé is named after it.
        content_type: The browser's content type (not trusted).

    Returns:
        The saved résumé.

    Raises:
        ResumeLimitError: The user keeps as many résumés as allowed; nothing is read.
        ResumeFileError: The file cannot be read (the message says why); nothing is saved.
    """
    owner = parse_id(user_id)
    _check_room(session, owner)
    parsed = read_resume(data, filename, content_type)
    resume = Resume(
        user_id=owner,
        name=name_from_filename(filename),
        filename=_safe_filename(filename),
        source_format=parsed.source_format,
        text=parsed.text,
    )
    session.add(resume)
    session.commit()
    session.refresh(resume)
    return resume


def _validated(name: object, text: object) -> tuple[str, str]:
    errors: dict[str, str] = {}
    clean_name = " ".join(name.split()) if isinstance(name, str) else ""
    clean_text = normalise_text(text) if isinstance(text, str) else ""
    if not clean_name:
        errors["name"] = "Name is required."
    elif len(clean_name) > RESUME_NAME_MAX:
        errors["name"] = f"Name must be at most {RESUME_NAME_MAX:,} characters."
    if not clean_text.strip():
        errors["text"] = "The résumé's text is required."
    elif len(clean_text) > MAX_TEXT_CHARS:
        errors["text"] = f"The résumé's text must be at most {MAX_TEXT_CHARS:,} characters."
    elif len(clean_text.split()) < MIN_WORDS:
        errors["text"] = f"A résumé needs at least {MIN_WORDS} words."
    if errors:
        raise InvalidInputError(errors)
    return clean_name, clean_text


def create_resume_from_text(
    *, session: Session, user_id: uuid.UUID | str, name: str, text: str
) -> Resume:
    """Keep a résumé whose text the candidate pasted.

    Args:
        session: Open database session.
        user_id: The acting user.
        name: Required, at most RESUME_NAME_MAX characters.
        text: Required, at least MIN_WORDS words and at most MAX_TEXT_CHARS characters.

    Returns:
        The saved résumé.

    Raises:
        InvalidInputError: A field breaks a rule (keys `name`, `text`); nothing is saved.
        ResumeLimitError: The user keeps as many résumés as allowed.
    """
    owner = parse_id(user_id)
    clean_name, clean_text = _validated(name, text)
    _check_room(session, owner)
    resume = Resume(
        user_id=owner,
        name=clean_name,
        filename="pasted.txt",
        source_format="text",
        text=clean_text,
    )
    session.add(resume)
    session.commit()
    session.refresh(resume)
    return resume


def update_resume(
    *,
    session: Session,
    user_id: uuid.UUID | str,
    resume_id: uuid.UUID | str,
    name: str,
    text: str,
) -> Resume:
    """Save a new name and text for one of this user's résumés.

    Args:
        session: Open database session.
        user_id: The acting user.
        resume_id: The résumé to change.
        name: Required, at most RESUME_NAME_MAX characters.
        text: Required, at least MIN_WORDS words and at most MAX_TEXT_CHARS characters.

    Returns:
        The updated résumé.

    Raises:
        NotFoundError: It does not exist or belongs to someone else.
        InvalidInputError: A field breaks a rule (keys `name`, `text`); nothing is saved.
    """
    resume = get_resume(session=session, user_id=user_id, resume_id=resume_id)
    resume.name, resume.text = _validated(name, text)
    resume.updated_at = utcnow()
    session.add(resume)
    session.commit()
    session.refresh(resume)
    return resume


def delete_resume(
    *, session: Session, user_id: uuid.UUID | str, resume_id: uuid.UUID | str
) -> None:
    """Delete one of this user's résumés; job infos linked to it keep going without one.

    Args:
        session: Open database session.
        user_id: The acting user.
        resume_id: The résumé to delete.

    Raises:
        NotFoundError: It does not exist or belongs to someone else.
    """
    resume = get_resume(session=session, user_id=user_id, resume_id=resume_id)
    # The foreign key sets the links to NULL; said here too, so that the session's own
    # copies of those job infos agree without a reload.
    for job_info in session.exec(select(JobInfo).where(JobInfo.resume_id == resume.id)).all():
        job_info.resume_id = None
        session.add(job_info)
    session.delete(resume)
    session.commit()


def resume_for_job_info(*, session: Session, job_info: JobInfo) -> Resume | None:
    """Return the résumé a job info is linked to, if any.

    Args:
        session: Open database session.
        job_info: The job info, already checked for ownership.

    Returns:
        The résumé, or None when the job info has none (or, defensively, when the linked
        résumé is not its owner's).
    """
    if job_info.resume_id is None:
        return None
    resume = session.get(Resume, job_info.resume_id)
    if resume is None or resume.user_id != job_info.user_id:
        return None
    return resume
