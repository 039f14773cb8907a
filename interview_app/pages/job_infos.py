"""Job info screens: the dashboard, the form (new and edit), and the hub page."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.confirm import delete_with_confirmation
from interview_app.components.layout import (
    card_link,
    clamped_text,
    field_error,
    field_label,
    form_alert,
    loaded_page,
    page_frame,
    signed_in_only,
)
from interview_app.components.loading import skeleton_cards
from interview_app.components.navigation import breadcrumbs, job_info_crumbs, link_button
from interview_app.components.progress_chart import progress_chart
from interview_app.models import ExperienceLevel
from interview_app.services.languages import LANGUAGES
from interview_app.services.validation import DESCRIPTION_MAX, NAME_MAX, TITLE_MAX
from interview_app.state.job_infos import JobInfoRow, JobInfoState, ResumeOption


def _labelled(label: str, name: str, field: rx.Component, hint: str = "") -> rx.Component:
    return rx.vstack(
        field_label(label, name),
        field,
        rx.cond(hint != "", rx.text(hint, size="1", color_scheme="gray")),
        field_error(JobInfoState.field_errors, name),
        spacing="1",
        width="100%",
    )


_NATIVE_SELECT_STYLE = {
    "width": "100%",
    "padding": "0.45em 0.6em",
    "border": "1px solid var(--gray-a7)",
    "border_radius": "var(--radius-2)",
    "background": "var(--color-surface)",
    "font_size": "var(--font-size-2)",
}


def _experience_select(default: rx.Var | str) -> rx.Component:
    # A native select, so the value always takes part in the form post.
    return rx.el.select(
        rx.el.option("Choose a level", value="", disabled=True),
        *[rx.el.option(level.label, value=level.value) for level in ExperienceLevel],
        id="experience_level",
        name="experience_level",
        default_value=default,
        data_testid="job-info-experience-level",
        class_name="rt-reset",
        style=_NATIVE_SELECT_STYLE,
    )


def _resume_option(option: ResumeOption) -> rx.Component:
    return rx.el.option(option.name, value=option.id)


def _resume_select(default: rx.Var | str) -> rx.Component:
    return rx.el.select(
        rx.el.option("No résumé", value=""),
        rx.foreach(JobInfoState.resume_options, _resume_option),
        id="resume_id",
        name="resume_id",
        default_value=default,
        data_testid="job-info-resume",
        class_name="rt-reset",
        style=_NATIVE_SELECT_STYLE,
    )


def _language_select(default: rx.Var | str) -> rx.Component:
    return rx.el.select(
        *[rx.el.option(language.name, value=language.code) for language in LANGUAGES],
        id="interview_language",
        name="interview_language",
        default_value=default,
        data_testid="job-info-language",
        class_name="rt-reset",
        style=_NATIVE_SELECT_STYLE,
    )


def job_info_form(
    row: JobInfoRow | rx.Var, on_submit: rx.EventHandler, submit_label: str
) -> rx.Component:
    """The job info form; typed values stay in the fields when the input is refused."""
    return rx.form(
        rx.vstack(
            form_alert(JobInfoState.form_error),
            _labelled(
                "Name",
                "name",
                rx.input(
                    id="name",
                    name="name",
                    default_value=row.name,
                    placeholder="e.g. Backend role at Acme",
                    max_length=NAME_MAX,
                    data_testid="job-info-name",
                    width="100%",
                ),
                "Your own label for this job.",
            ),
            _labelled(
                "Job title (optional)",
                "title",
                rx.input(
                    id="title",
                    name="title",
                    default_value=row.title,
                    placeholder="e.g. Senior Python Engineer",
                    max_length=TITLE_MAX,
                    data_testid="job-info-title",
                    width="100%",
                ),
            ),
            _labelled(
                "Experience level", "experience_level", _experience_select(row.experience_level)
            ),
            _labelled(
                "Résumé (optional)",
                "resume_id",
                _resume_select(row.resume_id),
                "The interview asks about what it names. Add résumés on the Résumés page.",
            ),
            _labelled(
                "Interview language",
                "interview_language",
                _language_select(row.interview_language),
            ),
            _labelled(
                "Job description",
                "description",
                rx.text_area(
                    id="description",
                    name="description",
                    default_value=row.description,
                    placeholder="Paste the job description here.",
                    rows="10",
                    data_testid="job-info-description",
                    width="100%",
                ),
                f"Up to {DESCRIPTION_MAX:,} characters.",
            ),
            rx.button(
                submit_label,
                type="submit",
                loading=JobInfoState.saving,
                data_testid="job-info-submit",
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=on_submit,
        width="100%",
    )


def _job_info_card(row: JobInfoRow) -> rx.Component:
    return card_link(
        rx.vstack(
            rx.hstack(
                rx.heading(row.name, size="4", as_="h2"),
                rx.spacer(),
                rx.badge(row.experience_label),
                width="100%",
            ),
            rx.cond(row.title != "", rx.text(row.title, color_scheme="gray", size="2")),
            clamped_text(row.excerpt, 3),
            rx.text("Updated ", row.updated, size="1", color_scheme="gray"),
            spacing="2",
            width="100%",
        ),
        href=routes.job_info_url(row.id),
        data_testid="job-info-card",
    )


def dashboard_page() -> rx.Component:
    """One card per job info, or a welcome with the form when there are none."""
    with_cards = rx.vstack(
        rx.flex(
            rx.heading("Your job infos", size="6"),
            link_button(
                rx.icon("plus", size=16, aria_hidden="true"),
                "New job info",
                href=routes.NEW_JOB_INFO,
            ),
            justify="between",
            align="center",
            wrap="wrap",
            spacing="3",
            width="100%",
        ),
        rx.grid(
            rx.foreach(JobInfoState.job_infos, _job_info_card),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        rx.cond(
            JobInfoState.more_job_infos,
            rx.button(
                rx.icon("chevrons-down", size=16, aria_hidden="true"),
                "Show more job infos",
                variant="soft",
                loading=JobInfoState.loading_more,
                on_click=JobInfoState.load_more_job_infos,
                data_testid="more-job-infos",
            ),
        ),
        spacing="4",
        width="100%",
    )
    welcome = rx.vstack(
        rx.heading("Welcome! Let's prepare for your next interview.", size="6"),
        rx.text(
            "Start with the job you are applying for: give it a name, paste its description "
            "and choose the level. Your mock interviews and feedback will be kept with it.",
            color_scheme="gray",
        ),
        rx.card(job_info_form(JobInfoRow(), JobInfoState.create, "Save job info"), width="100%"),
        spacing="4",
        width="100%",
    )
    loading = skeleton_cards(label="Loading your job infos…")
    return page_frame(
        breadcrumbs(("Job infos", None)),
        signed_in_only(
            rx.vstack(
                rx.cond(
                    JobInfoState.loaded,
                    rx.cond(JobInfoState.job_infos.length() > 0, with_cards, welcome),
                    loading,
                ),
                rx.link(
                    "Your data: download it or delete your account",
                    href=routes.ACCOUNT,
                    size="2",
                    color_scheme="gray",
                    underline="always",
                    data_testid="your-data",
                ),
                spacing="5",
                width="100%",
            ),
            loading,
        ),
    )


def new_job_info_page() -> rx.Component:
    """Create a job info."""
    return page_frame(
        signed_in_only(
            rx.vstack(
                breadcrumbs(("Job infos", routes.DASHBOARD), ("New job info", None)),
                rx.heading("New job info", size="6"),
                rx.card(
                    job_info_form(JobInfoRow(), JobInfoState.create, "Save job info"),
                    width="100%",
                ),
                spacing="4",
                width="100%",
            )
        )
    )


def _when_loaded(content: rx.Component) -> rx.Component:
    return loaded_page(
        JobInfoState.loaded, JobInfoState.not_found, content, "This job info does not exist."
    )


def _delete_button() -> rx.Component:
    return delete_with_confirmation(
        title="Delete this job info?",
        consequence="Its interviews and their feedback are deleted too. This cannot be undone.",
        deleting=JobInfoState.deleting,
        on_confirm=JobInfoState.delete,
        test_id="job-info-delete",
    )


def _resume_and_language(row: JobInfoRow | rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(
            "Résumé: ",
            rx.cond(
                row.resume_id != "",
                rx.link(row.resume_name, href=routes.resumes_url(row.resume_id)),
                rx.text("none", as_="span", color_scheme="gray"),
            ),
            size="2",
            style={"overflow_wrap": "anywhere"},
            data_testid="job-info-resume-name",
        ),
        rx.text(
            "Interview language: ",
            row.language_label,
            size="2",
            data_testid="job-info-language-name",
        ),
        spacing="1",
    )


def job_info_hub_page() -> rx.Component:
    """A job info with links to its interviews and to edit it."""
    row = JobInfoState.job_info
    return page_frame(
        _when_loaded(
            rx.vstack(
                job_info_crumbs(row.id, row.name),
                rx.flex(
                    rx.vstack(
                        rx.heading(row.name, size="7", data_testid="job-info-heading"),
                        rx.hstack(
                            rx.badge(row.experience_label),
                            rx.cond(row.title != "", rx.text(row.title, color_scheme="gray")),
                            align="center",
                            wrap="wrap",
                        ),
                        _resume_and_language(row),
                        spacing="2",
                        flex="1 1 16em",
                        min_width="0",
                    ),
                    rx.hstack(
                        link_button(
                            rx.icon("pencil", size=16, aria_hidden="true"),
                            "Edit",
                            href=routes.edit_job_info_url(row.id),
                            variant="soft",
                        ),
                        _delete_button(),
                        spacing="3",
                    ),
                    justify="between",
                    align="start",
                    wrap="wrap",
                    spacing="3",
                    width="100%",
                ),
                rx.grid(
                    card_link(
                        rx.hstack(
                            rx.icon("mic", aria_hidden="true"),
                            rx.heading("Interviews", size="4", as_="h2"),
                        ),
                        rx.text(
                            "Practise a spoken interview for this job and review the feedback.",
                            color_scheme="gray",
                            size="2",
                        ),
                        href=routes.interviews_url(row.id),
                    ),
                    columns="1",
                    width="100%",
                ),
                progress_chart(),
                rx.card(
                    rx.heading("Job description", size="3", as_="h2"),
                    rx.text(row.description, white_space="pre-wrap", size="2", margin_top="0.5em"),
                    width="100%",
                ),
                spacing="4",
                width="100%",
            )
        )
    )


def edit_job_info_page() -> rx.Component:
    """Change a job info."""
    return page_frame(
        _when_loaded(
            rx.vstack(
                job_info_crumbs(
                    JobInfoState.job_info.id, JobInfoState.job_info.name, ("Edit", None)
                ),
                rx.heading("Edit job info", size="6"),
                rx.card(
                    job_info_form(JobInfoState.job_info, JobInfoState.update, "Save changes"),
                    width="100%",
                ),
                spacing="4",
                width="100%",
            )
        )
    )
