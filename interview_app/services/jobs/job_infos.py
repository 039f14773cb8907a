"""Job infos: the jobs a candidate prepares for. Every function checks ownership."""

from __future__ import annotations

import enum
import hashlib
import json
import uuid

from sqlmodel import Session, col, select

from interview_app.models import JobInfo, Resume, utcnow
from interview_app.services.algorithm_version import algorithm_version
from interview_app.services.errors import InvalidInputError, NotFoundError
from interview_app.services.ids import parse_id
from interview_app.services.jobs import key_terms as key_terms_module
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.languages import DEFAULT_LANGUAGE, is_supported
from interview_app.services.validation import JobInfoInput, validate_job_info

# The key-term extractor's version: terms found by another are found again on next use.
KEY_TERMS_VERSION = algorithm_version(key_terms_module)

RESUME_REFUSED_MESSAGE = "Choose one of your résumés, or no résumé."
LANGUAGE_REFUSED_MESSAGE = "Choose one of the languages offered."


class Unchanged(enum.Enum):
    """Marks a field an update leaves as it is (the job info's résumé or language)."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


def _validated(
    *,
    session: Session,
    user_id: uuid.UUID | str,
    fields: dict[str, object],
    resume_id: uuid.UUID | str | Unchanged | None,
    interview_language: str | Unchanged,
) -> tuple[JobInfoInput, uuid.UUID | Unchanged | None, str | Unchanged]:
    """Check the form's fields, the résumé (one of the user's) and the language together.

    Every broken rule is reported at once, keyed by field: `resume_id` when the résumé is
    missing or someone else's (worded alike, so ids reveal nothing), `interview_language`
    when the code is not one of `LANGUAGES`.
    """
    errors: dict[str, str] = {}
    clean: JobInfoInput | None = None
    try:
        clean = validate_job_info(**fields)
    except InvalidInputError as error:
        errors.update(error.field_errors)
    resume: uuid.UUID | Unchanged | None = UNCHANGED
    if resume_id is not UNCHANGED:
        resume = None
        if resume_id not in (None, ""):
            try:
                resume = parse_id(resume_id)
            except NotFoundError:
                errors["resume_id"] = RESUME_REFUSED_MESSAGE
            else:
                owned = session.exec(
                    select(Resume.id).where(
                        Resume.id == resume, Resume.user_id == parse_id(user_id)
                    )
                ).first()
                if owned is None:
                    errors["resume_id"] = RESUME_REFUSED_MESSAGE
    language: str | Unchanged = interview_language
    if interview_language is not UNCHANGED and not (
        isinstance(interview_language, str) and is_supported(interview_language)
    ):
        errors["interview_language"] = LANGUAGE_REFUSED_MESSAGE
    if errors or clean is None:
        raise InvalidInputError(errors)
    return clean, resume, language


def _description_digest(description: str) -> str:
    return hashlib.sha256(description.encode()).hexdigest()[:16]


def _find_key_terms(job_info: JobInfo) -> list[str]:
    terms = extract_key_terms(job_info.description)
    # Kept with the description they were found in, so that a description changed by any
    # path (not only `update_job_info`) reads as changed.
    job_info.key_terms = json.dumps(
        {"description": _description_digest(job_info.description), "terms": terms}
    )
    job_info.key_terms_version = KEY_TERMS_VERSION
    return terms


def job_key_terms(*, session: Session, job_info: JobInfo) -> list[str]:
    """Return the key terms of a job info's description, as stored when it was saved.

    Terms stored by an older extractor or for another description (or none, for job infos
    saved before terms were stored) are found again and set on the job info; the caller's
    commit stores them.

    Args:
        session: Open database session.
        job_info: The job info, already checked for ownership.

    Returns:
        The key terms, most important first.
    """
    if job_info.key_terms is not None and job_info.key_terms_version == KEY_TERMS_VERSION:
        kept = json.loads(job_info.key_terms)
        if kept["description"] == _description_digest(job_info.description):
            return kept["terms"]
    terms = _find_key_terms(job_info)
    session.add(job_info)
    return terms


def get_job_info(
    *, session: Session, user_id: uuid.UUID | str, job_info_id: uuid.UUID | str
) -> JobInfo:
    """Return a job info of this user.

    Args:
        session: Open database session.
        user_id: The acting user.
        job_info_id: The job info's id.

    Returns:
        The job info.

    Raises:
        NotFoundError: It does not exist or belongs to someone else.
    """
    job_info = session.exec(
        select(JobInfo).where(
            JobInfo.id == parse_id(job_info_id), JobInfo.user_id == parse_id(user_id)
        )
    ).first()
    if job_info is None:
        raise NotFoundError()
    return job_info


def list_job_infos(
    *, session: Session, user_id: uuid.UUID | str, limit: int | None = None, offset: int = 0
) -> list[JobInfo]:
    """Return this user's job infos, most recently changed first.

    Args:
        session: Open database session.
        user_id: The acting user.
        limit: At most this many (all when None): a page lists them a screenful at a time.
        offset: Skip this many first.

    Returns:
        The job infos.
    """
    return list(
        session.exec(
            select(JobInfo)
            .where(JobInfo.user_id == parse_id(user_id))
            .order_by(col(JobInfo.updated_at).desc(), col(JobInfo.id))
            .offset(offset)
            .limit(limit)
        ).all()
    )


def create_job_info(
    *,
    session: Session,
    user_id: uuid.UUID | str,
    name: str,
    title: str | None,
    description: str,
    experience_level: str,
    resume_id: uuid.UUID | str | None = None,
    interview_language: str = DEFAULT_LANGUAGE,
) -> JobInfo:
    """Validate and save a new job info for this user.

    Args:
        session: Open database session.
        user_id: The acting user.
        name: Required name.
        title: Optional job title.
        description: Required job description.
        experience_level: `junior`, `mid-level` or `senior`.
        resume_id: One of the user's résumés to prepare with, or None (or "") for none.
        interview_language: The code of the language the interview is held in.

    Returns:
        The saved job info.

    Raises:
        InvalidInputError: A field breaks a rule (the résumé is not one of the user's, the
            language is not offered, ...); nothing is saved.
    """
    clean, resume, language = _validated(
        session=session,
        user_id=user_id,
        fields={
            "name": name,
            "title": title,
            "description": description,
            "experience_level": experience_level,
        },
        resume_id=resume_id,
        interview_language=interview_language,
    )
    job_info = JobInfo(
        user_id=parse_id(user_id),
        name=clean.name,
        title=clean.title,
        description=clean.description,
        experience_level=clean.experience_level.value,
        resume_id=None if resume is UNCHANGED else resume,
        interview_language=DEFAULT_LANGUAGE if language is UNCHANGED else language,
    )
    _find_key_terms(job_info)
    session.add(job_info)
    session.commit()
    session.refresh(job_info)
    return job_info


def update_job_info(
    *,
    session: Session,
    user_id: uuid.UUID | str,
    job_info_id: uuid.UUID | str,
    name: str,
    title: str | None,
    description: str,
    experience_level: str,
    resume_id: uuid.UUID | str | Unchanged | None = UNCHANGED,
    interview_language: str | Unchanged = UNCHANGED,
) -> JobInfo:
    """Validate and save changes to one of this user's job infos.

    Args:
        session: Open database session.
        user_id: The acting user.
        job_info_id: The job info to change.
        name: Required name.
        title: Optional job title.
        description: Required job description.
        experience_level: `junior`, `mid-level` or `senior`.
        resume_id: One of the user's résumés, None (or "") for none, or UNCHANGED.
        interview_language: A language code, or UNCHANGED.

    Returns:
        The updated job info.

    Raises:
        NotFoundError: It does not exist or belongs to someone else.
        InvalidInputError: A field breaks a rule; nothing is saved.
    """
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    clean, resume, language = _validated(
        session=session,
        user_id=user_id,
        fields={
            "name": name,
            "title": title,
            "description": description,
            "experience_level": experience_level,
        },
        resume_id=resume_id,
        interview_language=interview_language,
    )
    job_info.name = clean.name
    job_info.title = clean.title
    job_info.description = clean.description
    job_info.experience_level = clean.experience_level.value
    if resume is not UNCHANGED:
        job_info.resume_id = resume
    if language is not UNCHANGED:
        job_info.interview_language = language
    _find_key_terms(job_info)
    job_info.updated_at = utcnow()
    session.add(job_info)
    session.commit()
    session.refresh(job_info)
    return job_info


def delete_job_info(
    *, session: Session, user_id: uuid.UUID | str, job_info_id: uuid.UUID | str
) -> None:
    """Delete one of this user's job infos; its interviews go with it.

    Args:
        session: Open database session.
        user_id: The acting user.
        job_info_id: The job info to delete.

    Raises:
        NotFoundError: It does not exist or belongs to someone else.
    """
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    session.delete(job_info)
    session.commit()
