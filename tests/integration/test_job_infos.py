from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from interview_app.models import Interview, JobInfo, User
from interview_app.services.errors import InvalidInputError, NotFoundError
from interview_app.services.jobs.job_infos import (
    create_job_info,
    delete_job_info,
    get_job_info,
    list_job_infos,
    update_job_info,
)

FIELDS = {
    "name": "Backend role at Acme",
    "title": "Python Developer",
    "description": "Build and run APIs in Python and PostgreSQL.",
    "experience_level": "mid-level",
}


def count_rows(engine: Engine, model: type[SQLModel], *where: object) -> int:
    """Count rows in a fresh session, so nothing cached in the test's session can lie."""
    with Session(engine) as fresh:
        return fresh.exec(select(func.count()).select_from(model).where(*where)).one()


def stored_job_info(engine: Engine, job_info_id: uuid.UUID) -> JobInfo | None:
    with Session(engine) as fresh:
        return fresh.get(JobInfo, job_info_id)


def add_user(session: Session, email: str) -> User:
    # Inserted directly: these tests are about job infos, not the (slow) password hashing.
    user = User(email=email, name=email.split("@")[0], plan="free")
    session.add(user)
    session.commit()
    return user


def add_job_info(session: Session, user: User, **changes: object) -> JobInfo:
    return create_job_info(session=session, user_id=user.id, **{**FIELDS, **changes})


@pytest.fixture
def ada(session: Session) -> User:
    return add_user(session, "ada@example.com")


@pytest.fixture
def grace(session: Session) -> User:
    return add_user(session, "grace@example.com")


# --- create / get / list -----------------------------------------------------------------


def test_create_saves_the_cleaned_fields(session: Session, engine: Engine, ada: User) -> None:
    created = create_job_info(
        session=session,
        user_id=ada.id,
        name="  Backend role  ",
        title="   ",
        description="  Build APIs.  ",
        experience_level="senior",
    )
    assert isinstance(created.id, uuid.UUID)
    stored = stored_job_info(engine, created.id)
    assert stored is not None
    assert stored.user_id == ada.id
    assert stored.name == "Backend role"
    assert stored.title is None
    assert stored.description == "Build APIs."
    assert stored.experience_level == "senior"
    assert stored.created_at.tzinfo is not None
    assert stored.updated_at.tzinfo is not None


def test_create_accepts_the_user_id_as_a_string(
    session: Session, engine: Engine, ada: User
) -> None:
    created = create_job_info(session=session, user_id=str(ada.id), **FIELDS)
    stored = stored_job_info(engine, created.id)
    assert stored is not None
    assert stored.user_id == ada.id


def test_long_description_is_saved_whole(session: Session, engine: Engine, ada: User) -> None:
    description = "Responsibilities:\n" + "- ship features, écrire du code ✓\n" * 250
    created = add_job_info(session, ada, description=description)
    stored = stored_job_info(engine, created.id)
    assert stored is not None
    assert stored.description == description.strip()


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"name": "   "}, {"name"}),
        ({"description": ""}, {"description"}),
        ({"experience_level": "Senior"}, {"experience_level"}),
        ({"experience_level": None}, {"experience_level"}),
        ({"title": "t" * 101}, {"title"}),
        (
            {"name": None, "description": None, "experience_level": 3},
            {"name", "description", "experience_level"},
        ),
    ],
)
def test_invalid_input_is_refused_and_nothing_is_saved(
    session: Session, engine: Engine, ada: User, changes: dict, fields: set[str]
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        add_job_info(session, ada, **changes)
    assert set(caught.value.field_errors) == fields
    assert count_rows(engine, JobInfo) == 0


def test_get_accepts_uuid_and_str_ids(session: Session, ada: User) -> None:
    created = add_job_info(session, ada)
    for job_info_id in (created.id, str(created.id), str(created.id).upper()):
        for user_id in (ada.id, str(ada.id)):
            found = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
            assert found.id == created.id
            assert found.name == FIELDS["name"]


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "", "123", "../etc/passwd", None, 42])
def test_malformed_id_is_not_found(session: Session, ada: User, bad_id: object) -> None:
    add_job_info(session, ada)
    with pytest.raises(NotFoundError):
        get_job_info(session=session, user_id=ada.id, job_info_id=bad_id)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        update_job_info(
            session=session,
            user_id=ada.id,
            job_info_id=bad_id,  # type: ignore[arg-type]
            **FIELDS,
        )
    with pytest.raises(NotFoundError):
        delete_job_info(session=session, user_id=ada.id, job_info_id=bad_id)  # type: ignore[arg-type]


def test_unknown_id_is_not_found(session: Session, engine: Engine, ada: User) -> None:
    add_job_info(session, ada)
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError):
        get_job_info(session=session, user_id=ada.id, job_info_id=missing)
    with pytest.raises(NotFoundError):
        update_job_info(session=session, user_id=ada.id, job_info_id=missing, **FIELDS)
    with pytest.raises(NotFoundError):
        delete_job_info(session=session, user_id=ada.id, job_info_id=missing)
    assert count_rows(engine, JobInfo) == 1


def test_list_is_per_user_and_most_recently_updated_first(
    session: Session, ada: User, grace: User
) -> None:
    first = add_job_info(session, ada, name="First")
    second = add_job_info(session, ada, name="Second")
    third = add_job_info(session, ada, name="Third")
    add_job_info(session, grace, name="Grace's")

    names = [job.name for job in list_job_infos(session=session, user_id=ada.id)]
    assert names == ["Third", "Second", "First"]

    update_job_info(
        session=session, user_id=ada.id, job_info_id=first.id, **{**FIELDS, "name": "First v2"}
    )
    listed = list_job_infos(session=session, user_id=str(ada.id))
    assert [job.id for job in listed] == [first.id, third.id, second.id]
    assert [job.name for job in list_job_infos(session=session, user_id=grace.id)] == ["Grace's"]


def test_list_is_empty_for_a_new_user(session: Session, ada: User, grace: User) -> None:
    add_job_info(session, ada)
    assert list_job_infos(session=session, user_id=grace.id) == []


# --- update ------------------------------------------------------------------------------


def test_update_changes_fields_and_updated_at_only(
    session: Session, engine: Engine, ada: User
) -> None:
    created = add_job_info(session, ada)
    before = stored_job_info(engine, created.id)
    assert before is not None
    returned = update_job_info(
        session=session,
        user_id=ada.id,
        job_info_id=str(created.id),
        name=" Renamed ",
        title=None,
        description="New description.",
        experience_level="junior",
    )
    assert returned.name == "Renamed"
    after = stored_job_info(engine, created.id)
    assert after is not None
    assert (after.name, after.title, after.description, after.experience_level) == (
        "Renamed",
        None,
        "New description.",
        "junior",
    )
    assert after.created_at == before.created_at
    assert after.updated_at > before.updated_at
    assert after.user_id == ada.id


def test_invalid_update_changes_nothing(session: Session, engine: Engine, ada: User) -> None:
    created = add_job_info(session, ada)
    with pytest.raises(InvalidInputError) as caught:
        update_job_info(
            session=session,
            user_id=ada.id,
            job_info_id=created.id,
            name="Renamed",
            title="Still fine",
            description="   ",
            experience_level="principal",
        )
    assert set(caught.value.field_errors) == {"description", "experience_level"}
    stored = stored_job_info(engine, created.id)
    assert stored is not None
    assert stored.name == FIELDS["name"]
    assert stored.title == FIELDS["title"]
    assert stored.description == FIELDS["description"]
    assert stored.experience_level == FIELDS["experience_level"]
    assert stored.updated_at == created.updated_at


# --- ownership ---------------------------------------------------------------------------


def test_another_user_cannot_get_or_list_it(session: Session, ada: User, grace: User) -> None:
    adas = add_job_info(session, ada)
    for job_info_id in (adas.id, str(adas.id)):
        with pytest.raises(NotFoundError):
            get_job_info(session=session, user_id=grace.id, job_info_id=job_info_id)
    assert list_job_infos(session=session, user_id=grace.id) == []


def test_another_user_cannot_update_it(
    session: Session, engine: Engine, ada: User, grace: User
) -> None:
    adas = add_job_info(session, ada)
    with pytest.raises(NotFoundError):
        update_job_info(
            session=session,
            user_id=grace.id,
            job_info_id=adas.id,
            name="Hijacked",
            title="Hijacked",
            description="Hijacked",
            experience_level="senior",
        )
    stored = stored_job_info(engine, adas.id)
    assert stored is not None
    assert stored.user_id == ada.id
    assert stored.name == FIELDS["name"]
    assert stored.description == FIELDS["description"]
    assert stored.updated_at == adas.updated_at


def test_another_user_cannot_delete_it(
    session: Session, engine: Engine, ada: User, grace: User
) -> None:
    adas = add_job_info(session, ada)
    session.add(Interview(job_info_id=adas.id))
    session.commit()
    with pytest.raises(NotFoundError):
        delete_job_info(session=session, user_id=grace.id, job_info_id=str(adas.id))
    assert count_rows(engine, JobInfo, JobInfo.id == adas.id) == 1
    assert count_rows(engine, Interview, Interview.job_info_id == adas.id) == 1
    assert get_job_info(session=session, user_id=ada.id, job_info_id=adas.id).id == adas.id


def test_not_found_looks_the_same_for_missing_and_someone_elses(
    session: Session, ada: User, grace: User
) -> None:
    adas = add_job_info(session, ada)
    with pytest.raises(NotFoundError) as someone_elses:
        get_job_info(session=session, user_id=grace.id, job_info_id=adas.id)
    with pytest.raises(NotFoundError) as missing:
        get_job_info(session=session, user_id=grace.id, job_info_id=uuid.uuid4())
    assert str(someone_elses.value) == str(missing.value)


# --- delete ------------------------------------------------------------------------------


def test_delete_removes_it(session: Session, engine: Engine, ada: User) -> None:
    kept = add_job_info(session, ada, name="Kept")
    gone = add_job_info(session, ada, name="Gone")
    delete_job_info(session=session, user_id=str(ada.id), job_info_id=str(gone.id))
    assert count_rows(engine, JobInfo, JobInfo.id == gone.id) == 0
    with pytest.raises(NotFoundError):
        get_job_info(session=session, user_id=ada.id, job_info_id=gone.id)
    assert [job.id for job in list_job_infos(session=session, user_id=ada.id)] == [kept.id]
    with pytest.raises(NotFoundError):
        delete_job_info(session=session, user_id=ada.id, job_info_id=gone.id)


def test_deleting_a_job_info_deletes_its_interviews_only(
    session: Session, engine: Engine, ada: User
) -> None:
    doomed = add_job_info(session, ada, name="Doomed")
    other = add_job_info(session, ada, name="Other")
    session.add_all(
        [
            Interview(job_info_id=doomed.id),
            Interview(job_info_id=doomed.id, duration="00:12:34", hume_chat_id="chat-1"),
            Interview(job_info_id=other.id),
        ]
    )
    session.commit()
    assert count_rows(engine, Interview, Interview.job_info_id == doomed.id) == 2

    delete_job_info(session=session, user_id=ada.id, job_info_id=doomed.id)

    assert count_rows(engine, Interview, Interview.job_info_id == doomed.id) == 0
    assert count_rows(engine, Interview, Interview.job_info_id == other.id) == 1
    assert count_rows(engine, JobInfo, JobInfo.id == other.id) == 1


def test_database_refuses_an_unknown_experience_level(session: Session, ada: User) -> None:
    # The CHECK constraint guards the column even against code that skips validation.
    session.add(JobInfo(user_id=ada.id, name="n", description="d", experience_level="guru"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_the_list_comes_a_page_at_a_time_in_a_stable_order(
    session: Session, ada: User, grace: User
) -> None:
    made = [add_job_info(session, ada, name=f"Job {number}") for number in range(5)]
    add_job_info(session, grace, name="Grace's")
    pages = [
        [job.name for job in list_job_infos(session=session, user_id=ada.id, limit=2, offset=at)]
        for at in (0, 2, 4)
    ]
    assert pages == [["Job 4", "Job 3"], ["Job 2", "Job 1"], ["Job 0"]]
    assert len(list_job_infos(session=session, user_id=ada.id)) == len(made)
