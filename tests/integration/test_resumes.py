"""Résumés: kept per user, owner-checked everywhere, linked to job infos (issue 21)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile

import pytest
from sqlalchemy import Engine, delete
from sqlmodel import Session, select

from interview_app.config import get_settings
from interview_app.models import JobInfo, Resume, User
from interview_app.services.accounts.deletion import delete_user
from interview_app.services.errors import InvalidInputError, NotFoundError
from interview_app.services.jobs.job_infos import (
    LANGUAGE_REFUSED_MESSAGE,
    RESUME_REFUSED_MESSAGE,
    create_job_info,
    update_job_info,
)
from interview_app.services.privacy.export import export_account
from interview_app.services.resumes.parsing import ResumeScannedError
from interview_app.services.resumes.store import (
    ResumeLimitError,
    create_resume_from_text,
    create_resume_from_upload,
    delete_resume,
    get_resume,
    list_resumes,
    name_from_filename,
    resume_for_job_info,
    update_resume,
)
from tests.support_resume_files import RESUME_LINES, image_only_pdf, text_pdf

TEXT = "\n".join(RESUME_LINES)
JOB = {
    "name": "Backend role at Acme",
    "title": "Python Developer",
    "description": "Build and run APIs in Python and PostgreSQL.",
    "experience_level": "mid-level",
}


def add_user(session: Session, email: str) -> User:
    user = User(email=email, name=email.split("@")[0], plan="free")
    session.add(user)
    session.commit()
    return user


def fresh(engine: Engine, model: type, key: uuid.UUID) -> object | None:
    """A row read in a fresh session, so nothing cached in the test's session can lie."""
    with Session(engine) as other:
        return other.get(model, key)


@pytest.fixture
def ada(session: Session) -> User:
    return add_user(session, "ada@example.com")


@pytest.fixture
def grace(session: Session) -> User:
    return add_user(session, "grace@example.com")


def test_an_uploaded_pdf_is_kept_as_its_text(session: Session, engine: Engine, ada: User):
    resume = create_resume_from_upload(
        session=session,
        user_id=ada.id,
        data=text_pdf(),
        filename="C:\\Users\\ada\\Jordan_Ellis CV.pdf",
        content_type="application/pdf",
    )
    stored = fresh(engine, Resume, resume.id)
    assert isinstance(stored, Resume)
    assert stored.user_id == ada.id
    assert stored.name == "Jordan Ellis CV"
    assert stored.filename == "Jordan_Ellis CV.pdf"
    assert stored.source_format == "pdf"
    assert "Ridgeline Payments Inc." in stored.text


def test_an_unreadable_upload_saves_nothing(session: Session, engine: Engine, ada: User):
    with pytest.raises(ResumeScannedError):
        create_resume_from_upload(
            session=session, user_id=ada.id, data=image_only_pdf(), filename="scan.pdf"
        )
    assert list_resumes(session=session, user_id=ada.id) == []


@pytest.mark.parametrize(
    ("filename", "name"),
    [
        ("cv.pdf", "cv"),
        ("/tmp/a/b.docx", "b"),
        (".pdf", ".pdf"),
        ("", "Résumé"),
        ("x" * 300, "x" * 100),
    ],
)
def test_a_resume_is_named_after_its_file(filename: str, name: str):
    assert name_from_filename(filename) == name


def test_list_is_newest_first_and_only_the_users(session: Session, ada: User, grace: User):
    first = create_resume_from_text(session=session, user_id=ada.id, name="First", text=TEXT)
    second = create_resume_from_text(session=session, user_id=ada.id, name="Second", text=TEXT)
    create_resume_from_text(session=session, user_id=grace.id, name="Grace's", text=TEXT)
    assert [r.id for r in list_resumes(session=session, user_id=ada.id)] == [second.id, first.id]


def test_another_users_resume_reads_as_missing_everywhere(
    session: Session, engine: Engine, ada: User, grace: User
):
    graces = create_resume_from_text(session=session, user_id=grace.id, name="Mine", text=TEXT)
    with pytest.raises(NotFoundError):
        get_resume(session=session, user_id=ada.id, resume_id=graces.id)
    with pytest.raises(NotFoundError):
        update_resume(session=session, user_id=ada.id, resume_id=graces.id, name="X", text=TEXT)
    with pytest.raises(NotFoundError):
        delete_resume(session=session, user_id=ada.id, resume_id=str(graces.id))
    with pytest.raises(NotFoundError):
        get_resume(session=session, user_id=ada.id, resume_id="not-a-uuid")
    stored = fresh(engine, Resume, graces.id)
    assert isinstance(stored, Resume) and stored.name == "Mine"


def test_update_validates_and_loses_nothing_on_a_refusal(
    session: Session, engine: Engine, ada: User
):
    resume = create_resume_from_text(session=session, user_id=ada.id, name="CV", text=TEXT)
    with pytest.raises(InvalidInputError) as refused:
        update_resume(session=session, user_id=ada.id, resume_id=resume.id, name=" ", text="Hi")
    assert refused.value.field_errors == {
        "name": "Name is required.",
        "text": "A résumé needs at least 20 words.",
    }
    with pytest.raises(InvalidInputError) as refused:
        update_resume(
            session=session, user_id=ada.id, resume_id=resume.id, name="n" * 101, text="w " * 30_000
        )
    assert set(refused.value.field_errors) == {"name", "text"}
    session.rollback()
    stored = fresh(engine, Resume, resume.id)
    assert isinstance(stored, Resume) and (stored.name, stored.text) == ("CV", TEXT)

    updated = update_resume(
        session=session,
        user_id=ada.id,
        resume_id=resume.id,
        name="  Backend   CV ",
        text=TEXT + "\r\nProject: Queue Doctor",
    )
    stored = fresh(engine, Resume, resume.id)
    assert isinstance(stored, Resume)
    assert stored.name == "Backend CV"
    assert stored.text.endswith("\nProject: Queue Doctor")
    assert stored.updated_at >= updated.created_at


def test_a_user_keeps_at_most_the_configured_number(
    session: Session, ada: User, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("RESUMES_PER_USER", "2")
    get_settings.cache_clear()
    create_resume_from_text(session=session, user_id=ada.id, name="One", text=TEXT)
    create_resume_from_upload(session=session, user_id=ada.id, data=TEXT.encode(), filename="2.txt")
    with pytest.raises(ResumeLimitError, match="You can keep up to 2 résumés"):
        create_resume_from_upload(
            session=session, user_id=ada.id, data=text_pdf(), filename="3.pdf"
        )
    with pytest.raises(ResumeLimitError):
        create_resume_from_text(session=session, user_id=ada.id, name="Three", text=TEXT)
    assert len(list_resumes(session=session, user_id=ada.id)) == 2


def test_a_job_info_links_only_the_users_own_resume_and_an_offered_language(
    session: Session, engine: Engine, ada: User, grace: User
):
    own = create_resume_from_text(session=session, user_id=ada.id, name="Mine", text=TEXT)
    graces = create_resume_from_text(session=session, user_id=grace.id, name="Hers", text=TEXT)

    job = create_job_info(
        session=session, user_id=ada.id, resume_id=str(own.id), interview_language="de", **JOB
    )
    stored = fresh(engine, JobInfo, job.id)
    assert isinstance(stored, JobInfo)
    assert (stored.resume_id, stored.interview_language) == (own.id, "de")
    assert resume_for_job_info(session=session, job_info=job).id == own.id

    for refused_id in (graces.id, str(uuid.uuid4()), "not-a-uuid"):
        with pytest.raises(InvalidInputError) as refused:
            create_job_info(session=session, user_id=ada.id, resume_id=refused_id, **JOB)
        assert refused.value.field_errors == {"resume_id": RESUME_REFUSED_MESSAGE}
        with pytest.raises(InvalidInputError):
            update_job_info(
                session=session, user_id=ada.id, job_info_id=job.id, resume_id=refused_id, **JOB
            )
    with pytest.raises(InvalidInputError) as refused:
        create_job_info(
            session=session, user_id=ada.id, interview_language="xx", **{**JOB, "name": ""}
        )
    assert refused.value.field_errors["interview_language"] == LANGUAGE_REFUSED_MESSAGE
    assert "name" in refused.value.field_errors
    session.rollback()
    stored = fresh(engine, JobInfo, job.id)
    assert isinstance(stored, JobInfo)
    assert (stored.resume_id, stored.interview_language) == (own.id, "de")
    assert len(session.exec(select(JobInfo)).all()) == 1


def test_update_keeps_or_clears_the_link(session: Session, engine: Engine, ada: User):
    own = create_resume_from_text(session=session, user_id=ada.id, name="Mine", text=TEXT)
    job = create_job_info(session=session, user_id=ada.id, resume_id=own.id, **JOB)
    assert job.interview_language == "en"
    update_job_info(session=session, user_id=ada.id, job_info_id=job.id, **JOB)
    stored = fresh(engine, JobInfo, job.id)
    assert isinstance(stored, JobInfo) and stored.resume_id == own.id
    update_job_info(
        session=session,
        user_id=ada.id,
        job_info_id=job.id,
        resume_id="",
        interview_language="fr",
        **JOB,
    )
    stored = fresh(engine, JobInfo, job.id)
    assert isinstance(stored, JobInfo)
    assert (stored.resume_id, stored.interview_language) == (None, "fr")
    assert resume_for_job_info(session=session, job_info=stored) is None


def test_deleting_a_resume_leaves_its_job_infos_without_one(
    session: Session, engine: Engine, ada: User
):
    own = create_resume_from_text(session=session, user_id=ada.id, name="Mine", text=TEXT)
    job = create_job_info(session=session, user_id=ada.id, resume_id=own.id, **JOB)
    delete_resume(session=session, user_id=ada.id, resume_id=own.id)
    assert fresh(engine, Resume, own.id) is None
    stored = fresh(engine, JobInfo, job.id)
    assert isinstance(stored, JobInfo) and stored.resume_id is None


def test_the_foreign_key_itself_unlinks_a_deleted_resume(
    session: Session, engine: Engine, ada: User
):
    own = create_resume_from_text(session=session, user_id=ada.id, name="Mine", text=TEXT)
    job = create_job_info(session=session, user_id=ada.id, resume_id=own.id, **JOB)
    with Session(engine) as other:
        other.exec(delete(Resume).where(Resume.id == own.id))  # type: ignore[call-overload]
        other.commit()
    stored = fresh(engine, JobInfo, job.id)
    assert isinstance(stored, JobInfo) and stored.resume_id is None


def test_the_export_holds_the_users_resumes_and_deletion_removes_them(
    session: Session, engine: Engine, ada: User, grace: User
):
    own = create_resume_from_upload(
        session=session, user_id=ada.id, data=text_pdf(), filename="ada.pdf"
    )
    create_job_info(
        session=session, user_id=ada.id, resume_id=own.id, interview_language="es", **JOB
    )
    graces = create_resume_from_text(session=session, user_id=grace.id, name="Hers", text=TEXT)

    archive = export_account(session=session, user_id=ada.id)
    with zipfile.ZipFile(io.BytesIO(archive.body)) as opened:
        resumes = json.loads(opened.read("resumes.json"))
        jobs = json.loads(opened.read("job_infos.json"))
    assert [(r["name"], r["filename"], r["source_format"]) for r in resumes] == [
        ("ada", "ada.pdf", "pdf")
    ]
    assert "Ridgeline Payments Inc." in resumes[0]["text"]
    assert {"created_at", "updated_at"} <= resumes[0].keys()
    assert (jobs[0]["resume_id"], jobs[0]["interview_language"]) == (str(own.id), "es")

    delete_user(session=session, user_id=ada.id)
    assert fresh(engine, Resume, own.id) is None
    assert fresh(engine, Resume, graces.id) is not None
    with Session(engine) as other:
        assert other.exec(select(Resume).where(Resume.user_id == ada.id)).all() == []
