"""Interview screens: the list, one interview, and the upgrade page.

The new-interview page and its call screens live in `pages/new_interview.py`: Reflex bundles
the components of every page of one Python module together, and a finished interview's
page has no use for the call screens' code.
"""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.answers import answer_reviews
from interview_app.components.feedback import feedback_card
from interview_app.components.layout import (
    card_link,
    loaded_page,
    page_frame,
    signed_in_only,
)
from interview_app.components.navigation import Crumb, breadcrumbs, job_info_crumbs
from interview_app.components.review import delivery_metrics_section
from interview_app.components.transcript import transcript_view
from interview_app.state.interviews import InterviewRow, InterviewState
from interview_app.state.transcript import TranscriptState


def when_job_loaded(content: rx.Component, missing: str, **back: str | rx.Var) -> rx.Component:
    """`content` once the job info is loaded, or its not-found notice saying `missing`."""
    return loaded_page(InterviewState.loaded, InterviewState.not_found, content, missing, **back)


def job_crumbs(*more: Crumb) -> rx.Component:
    """Job infos > the job info > `more`."""
    job = InterviewState.job_info
    return job_info_crumbs(job.id, job.name, *more)


def _interview_card(row: InterviewRow) -> rx.Component:
    return card_link(
        rx.vstack(
            rx.hstack(
                rx.icon("calendar", size=16),
                rx.text(row.created, weight="medium"),
                align="center",
            ),
            rx.hstack(
                rx.icon("timer", size=16),
                rx.text(row.duration, data_testid="interview-duration"),
                rx.cond(row.has_feedback, rx.badge("Feedback ready", color_scheme="green")),
                rx.cond(
                    row.unfinished,
                    rx.tooltip(
                        rx.badge("Unfinished", color_scheme="amber", data_testid="unfinished"),
                        content="Fewer than half of its questions were answered; "
                        "it does not count against your plan.",
                    ),
                ),
                align="center",
                wrap="wrap",
            ),
            spacing="2",
        ),
        href=routes.interview_url(row.job_info_id, row.id),
        data_testid="interview-card",
    )


def _new_interview_card() -> rx.Component:
    return card_link(
        rx.center(
            rx.vstack(
                rx.icon("plus", size=28),
                rx.text("New interview", weight="medium"),
                align="center",
            ),
            height="100%",
            min_height="5em",
        ),
        href=routes.new_interview_url(InterviewState.job_info.id),
        height="100%",
        data_testid="new-interview",
    )


def interviews_page() -> rx.Component:
    """Completed interviews of a job info, newest first, and a card to start another."""
    return page_frame(
        when_job_loaded(
            rx.vstack(
                job_crumbs(("Interviews", None)),
                rx.heading("Interviews", size="6"),
                rx.grid(
                    _new_interview_card(),
                    rx.foreach(InterviewState.interviews, _interview_card),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="4",
                    width="100%",
                ),
                rx.cond(
                    InterviewState.more_interviews,
                    rx.button(
                        rx.icon("chevrons-down", size=16, aria_hidden="true"),
                        "Show more interviews",
                        variant="soft",
                        loading=InterviewState.loading_more,
                        on_click=InterviewState.load_more_interviews,
                        data_testid="more-interviews",
                    ),
                ),
                spacing="4",
                width="100%",
            ),
            "This job info does not exist.",
        )
    )


def interview_page() -> rx.Component:
    """One interview: when, how long, its transcript and its feedback."""
    interview = InterviewState.interview
    # A full page load first restores what this tab's state last held, possibly another
    # interview: show only the one in the URL (or its not-found notice).
    shown = InterviewState.loaded & (
        InterviewState.not_found | (interview.id == InterviewState.interview_id)
    )
    return page_frame(
        loaded_page(
            shown,
            InterviewState.not_found,
            rx.vstack(
                job_crumbs(
                    ("Interviews", routes.interviews_url(InterviewState.job_info.id)),
                    (interview.created, None),
                ),
                rx.heading("Interview for ", InterviewState.job_info.name, size="6"),
                rx.hstack(
                    rx.hstack(rx.icon("calendar", size=16), rx.text(interview.created)),
                    rx.hstack(
                        rx.icon("timer", size=16),
                        rx.text(
                            interview.duration,
                            white_space="nowrap",
                            data_testid="interview-duration",
                        ),
                    ),
                    spacing="5",
                    wrap="wrap",
                    color_scheme="gray",
                ),
                answer_reviews(),
                rx.grid(
                    transcript_card(),
                    delivery_metrics_section(),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
                feedback_card(),
                spacing="4",
                width="100%",
            ),
            "This interview does not exist.",
            back_href=routes.interviews_url(InterviewState.job_info_id),
            back_label="Back to the interviews",
        )
    )


def _download_button(label: str, href: rx.Var, test_id: str) -> rx.Component:
    # An anchor styled as a button. Reflex's anchors are the client-side router's links, and
    # the router, not knowing the HTTP route, showed "Page not found": `reload_document`
    # leaves the click to the browser, which downloads the file.
    return rx.button(
        rx.el.a(
            rx.icon("download", size=14),
            label,
            href=href,
            download=True,
            reload_document=True,
            data_testid=test_id,
        ),
        as_child=True,
        variant="soft",
        size="1",
    )


def _transcript_exports() -> rx.Component:
    return rx.hstack(
        _download_button("Markdown", TranscriptState.markdown_url, "transcript-export-md"),
        _download_button("JSON", TranscriptState.json_url, "transcript-export-json"),
        spacing="2",
    )


def _transcript_failure() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle-alert")),
        rx.callout.text(
            TranscriptState.error,
            " ",
            rx.button(
                "Try again",
                size="1",
                variant="soft",
                loading=TranscriptState.syncing,
                on_click=TranscriptState.retry_sync,
                data_testid="transcript-retry",
            ),
        ),
        color_scheme="red",
        data_testid="transcript-sync-error",
    )


def transcript_card() -> rx.Component:
    """The interview's transcript, from our own database, with its downloads."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Transcript", size="4"),
                rx.spacer(),
                rx.cond(TranscriptState.message_count > 0, _transcript_exports()),
                width="100%",
                align="center",
            ),
            rx.cond(TranscriptState.status == "failed", _transcript_failure()),
            rx.cond(
                TranscriptState.at_cap,
                rx.callout(
                    "This transcript reached the size limit of one interview: what came after "
                    "it was not kept.",
                    icon="info",
                    size="1",
                    color_scheme="gray",
                    data_testid="transcript-at-cap",
                ),
            ),
            rx.match(
                TranscriptState.status,
                (
                    "pending",
                    rx.hstack(
                        rx.spinner(size="2"),
                        rx.text("Fetching the transcript of your call…", color_scheme="gray"),
                        data_testid="transcript-pending",
                    ),
                ),
                (
                    "none",
                    rx.text(
                        "No transcript yet. It appears here once a voice call for this "
                        "interview has taken place.",
                        color_scheme="gray",
                        data_testid="transcript-empty",
                    ),
                ),
                rx.cond(
                    TranscriptState.message_count > 0,
                    transcript_view(TranscriptState.messages),
                    rx.cond(
                        TranscriptState.status == "stored",
                        rx.text(
                            "Nothing was said in this call.",
                            color_scheme="gray",
                            data_testid="transcript-empty",
                        ),
                    ),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def upgrade_page() -> rx.Component:
    """Explain the plan limit and how to get the pro plan on this installation."""
    usage = InterviewState.usage
    return page_frame(
        signed_in_only(
            rx.vstack(
                breadcrumbs(("Job infos", routes.DASHBOARD), ("Upgrade", None)),
                rx.heading("Upgrade your plan", size="6"),
                rx.callout.root(
                    rx.callout.icon(rx.icon("gauge")),
                    rx.callout.text(
                        rx.cond(
                            usage.unlimited,
                            rx.text("Your plan (", usage.plan, ") has no interview limit."),
                            rx.text(
                                rx.cond(
                                    usage.completed >= usage.allowance,
                                    "You have reached your plan limit. ",
                                    "",
                                ),
                                "Your plan (",
                                usage.plan,
                                ") includes ",
                                usage.allowance,
                                " completed interviews, and you have completed ",
                                usage.completed,
                                ". Interviews you started but never held do not count.",
                            ),
                        )
                    ),
                    color_scheme="amber",
                    high_contrast=True,
                    data_testid="plan-limit-alert",
                ),
                rx.card(
                    rx.heading("Getting the pro plan", size="4"),
                    rx.text(
                        "The pro plan has no interview limit. Plans on this installation are "
                        "managed by its operator: ask them to move your account (",
                        rx.code(InterviewState.user_email),
                        ") to pro. They run:",
                        margin_top="0.5em",
                    ),
                    rx.box(
                        rx.code(
                            "interview-app users set-plan ",
                            InterviewState.user_email,
                            " pro",
                            size="3",
                        ),
                        padding_y="0.75em",
                    ),
                    rx.text("It takes effect at once.", color_scheme="gray", size="2"),
                    width="100%",
                ),
                spacing="4",
                width="100%",
            )
        )
    )
