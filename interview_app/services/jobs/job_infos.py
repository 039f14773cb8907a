"""Job infos: the jobs a candidate prepares for. Every function checks ownership."""

from __future__ import annotations

import hashlib
import json
import uuid

from sqlmodel import Session, col, select

from interview_app.models import JobInfo, utcnow
from interview_app.services.algorithm_version import algorithm_version
from interview_app.services.errors import NotFoundError
from interview_app.services.ids import parse_id
from interview_app.services.jobs import key_terms as key_terms_module
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.validation import validate_job_info

# The key-term extractor's version: terms found by another are found again on next use.
KEY_TERMS_VERSION = algorithm_version(key_terms_module)


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
) -> JobInfo:
    """Validate and save a new job info for this user.

    Args:
        session: Open database session.
        user_id: The acting user.
        name: Required name.
        title: Optional job title.
        description: Required job description.
        experience_level: `junior`, `mid-level` or `senior`.

    Returns:
        The saved job info.

    Raises:
        InvalidInputError: A field breaks a rule; nothing is saved.
    """
    clean = validate_job_info(
        name=name, title=title, description=description, experience_level=experience_level
    )
    job_info = JobInfo(
        user_id=parse_id(user_id),
        name=clean.name,
        title=clean.title,
        description=clean.description,
        experience_level=clean.experience_level.value,
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

    Returns:
        The updated job info.

    Raises:
        NotFoundError: It does not exist or belongs to someone else.
        InvalidInputError: A field breaks a rule; nothing is saved.
    """
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    clean = validate_job_info(
        name=name, title=title, description=description, experience_level=experience_level
    )
    job_info.name = clean.name
    job_info.title = clean.title
    job_info.description = clean.description
    job_info.experience_level = clean.experience_level.value
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
