"""The résumés page: upload a résumé, correct the text read from it, delete it."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.confirm import delete_with_confirmation
from interview_app.components.layout import (
    field_error,
    field_label,
    form_alert,
    page_frame,
    signed_in_only,
)
from interview_app.components.loading import skeleton_cards
from interview_app.components.navigation import breadcrumbs
from interview_app.services.resumes.parsing import MAX_TEXT_CHARS
from interview_app.services.resumes.store import RESUME_NAME_MAX
from interview_app.state.resumes import UPLOAD_ID, ResumeRow, ResumeState

# What the file chooser offers; the server still sniffs every file's bytes.
_ACCEPTED = {
    "application/pdf": [".pdf"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
    "text/plain": [".txt", ".text"],
    "text/markdown": [".md"],
}


def _upload_zone() -> rx.Component:
    zone = rx.upload.root(
        rx.vstack(
            rx.icon("file-up", size=28, aria_hidden="true", color="var(--accent-11)"),
            rx.text("Drop your résumé here, or click to choose a file", weight="medium"),
            rx.text(
                "PDF, Word (DOCX) or text, up to ",
                ResumeState.upload_limit_label,
                ". Only the text is kept, never the file.",
                size="2",
                color_scheme="gray",
            ),
            align="center",
            spacing="2",
        ),
        id=UPLOAD_ID,
        multiple=False,
        max_files=1,
        max_size=ResumeState.max_upload_bytes,
        accept=_ACCEPTED,
        disabled=ResumeState.uploading,
        on_drop=ResumeState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
        on_drop_rejected=ResumeState.upload_rejected,
        border="1px dashed var(--accent-8)",
        border_radius="var(--radius-3)",
        padding=rx.breakpoints(initial="1.5em 1em", sm="2em"),
        text_align="center",
        cursor="pointer",
        width="100%",
        aria_label="Upload a résumé",
    )
    # rx.upload puts its props on the drop zone; the hooks the checks use (and the label a
    # screen reader announces) belong on the file input inside it.
    file_input = zone.children[0].children[0]
    file_input.custom_attrs.update(
        {"data-testid": "resume-upload", "aria-label": "Choose a résumé file"}
    )
    return zone


def _upload_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Add a résumé", size="4", as_="h2"),
            _upload_zone(),
            rx.cond(
                ResumeState.uploading,
                rx.hstack(
                    rx.spinner(size="2"),
                    rx.text("Reading your résumé…", size="2"),
                    role="status",
                    align="center",
                    data_testid="resume-uploading",
                ),
            ),
            rx.cond(
                ResumeState.upload_error != "",
                rx.callout(
                    ResumeState.upload_error,
                    icon="triangle-alert",
                    color_scheme="red",
                    role="alert",
                    width="100%",
                    data_testid="resume-upload-error",
                ),
            ),
            _paste_form(),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _paste_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            rx.text("Or paste your résumé's text", as_="span", size="2", weight="medium"),
            cursor="pointer",
        ),
        rx.form(
            rx.vstack(
                field_label("Name", "paste-name"),
                rx.input(
                    id="paste-name",
                    name="paste_name",
                    placeholder="e.g. Backend CV 2026",
                    max_length=RESUME_NAME_MAX,
                    data_testid="resume-paste-name",
                    width="100%",
                ),
                field_error(ResumeState.field_errors, "paste_name"),
                field_label("Text", "paste-text"),
                rx.text_area(
                    id="paste-text",
                    name="paste_text",
                    rows="8",
                    data_testid="resume-paste-text",
                    width="100%",
                ),
                field_error(ResumeState.field_errors, "paste_text"),
                rx.button(
                    "Save pasted résumé",
                    type="submit",
                    variant="soft",
                    loading=ResumeState.saving,
                    data_testid="resume-paste-submit",
                ),
                spacing="2",
                width="100%",
                margin_top="0.75em",
            ),
            on_submit=ResumeState.save_pasted,
            key=ResumeState.paste_version,
            width="100%",
        ),
        width="100%",
    )


def _resume_item(row: ResumeRow) -> rx.Component:
    current = row.id == ResumeState.selected_id
    return rx.button(
        rx.vstack(
            rx.text(row.name, weight="medium", style={"overflow_wrap": "anywhere"}),
            rx.text(row.format_label, " · ", row.words, " words · ", row.created, size="1"),
            align="start",
            spacing="1",
            min_width="0",
        ),
        on_click=ResumeState.open_resume(row.id),
        variant=rx.cond(current, "soft", "outline"),
        color_scheme="gray",
        high_contrast=True,
        aria_pressed=rx.cond(current, "true", "false"),
        height="auto",
        padding="0.6em 0.9em",
        # A Radix button centres its content; the list reads from the left.
        justify_content="flex-start",
        text_align="left",
        width="100%",
        data_testid="resume-item",
    )


def _delete_button() -> rx.Component:
    return delete_with_confirmation(
        title="Delete this résumé?",
        consequence=(
            "Its text is deleted. Job infos prepared with it keep going without a "
            "résumé. This cannot be undone."
        ),
        deleting=ResumeState.deleting,
        on_confirm=ResumeState.delete,
        test_id="resume-delete",
    )


def _editor() -> rx.Component:
    row = ResumeState.selected
    return rx.card(
        rx.form(
            rx.vstack(
                rx.flex(
                    rx.heading("Text read from ", row.filename, size="4", as_="h2"),
                    rx.cond(
                        ResumeState.has_draft,
                        rx.badge("Unsaved changes", color_scheme="amber"),
                    ),
                    justify="between",
                    align="center",
                    wrap="wrap",
                    spacing="2",
                    width="100%",
                    style={"overflow_wrap": "anywhere"},
                ),
                rx.text(
                    "Correct anything read wrongly: the interviewer and the feedback use this "
                    "text.",
                    size="2",
                    color_scheme="gray",
                ),
                form_alert(ResumeState.form_error),
                field_label("Name", "resume-name"),
                rx.input(
                    id="resume-name",
                    name="name",
                    default_value=ResumeState.editor_name,
                    max_length=RESUME_NAME_MAX,
                    on_blur=lambda value: ResumeState.keep_draft("name", value),
                    data_testid="resume-name",
                    width="100%",
                ),
                field_error(ResumeState.field_errors, "name"),
                field_label("Text", "resume-text"),
                rx.text_area(
                    id="resume-text",
                    name="text",
                    default_value=ResumeState.editor_text,
                    rows="18",
                    on_blur=lambda value: ResumeState.keep_draft("text", value),
                    data_testid="resume-text",
                    width="100%",
                    font_size="var(--font-size-2)",
                ),
                rx.text(f"Up to {MAX_TEXT_CHARS:,} characters.", size="1", color_scheme="gray"),
                field_error(ResumeState.field_errors, "text"),
                rx.flex(
                    rx.button(
                        "Save",
                        type="submit",
                        loading=ResumeState.saving,
                        data_testid="resume-save",
                    ),
                    _delete_button(),
                    justify="between",
                    wrap="wrap",
                    spacing="3",
                    width="100%",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=ResumeState.save,
            key=ResumeState.editor_key,
            width="100%",
        ),
        width="100%",
        data_testid="resume-editor",
    )


def _list_and_editor() -> rx.Component:
    return rx.cond(
        ResumeState.resumes.length() > 0,
        rx.vstack(
            rx.heading("Your résumés", size="4", as_="h2"),
            rx.vstack(
                rx.foreach(ResumeState.resumes, _resume_item),
                spacing="2",
                width="100%",
            ),
            rx.cond(ResumeState.selected_id != "", _editor()),
            spacing="3",
            width="100%",
        ),
        rx.text(
            "No résumés yet. Add one above; then choose it on a job info, so the interview "
            "can ask about your own experience.",
            color_scheme="gray",
            data_testid="resumes-empty",
        ),
    )


def resumes_page() -> rx.Component:
    """Upload résumés, correct the text read from each, delete them."""
    loading = skeleton_cards(label="Loading your résumés…")
    return page_frame(
        breadcrumbs(("Job infos", routes.DASHBOARD), ("Résumés", None)),
        signed_in_only(
            rx.vstack(
                rx.heading("Résumés", size="6"),
                rx.text(
                    "Link a résumé to a job info and the interview asks about your own "
                    "projects and employers.",
                    color_scheme="gray",
                ),
                _upload_card(),
                rx.cond(ResumeState.loaded, _list_and_editor(), loading),
                spacing="4",
                width="100%",
            ),
            loading,
        ),
    )
