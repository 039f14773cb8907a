"""The account page: everything the app holds about you, to download or to delete."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.layout import (
    field_label,
    form_alert,
    page_frame,
    signed_in_only,
)
from interview_app.components.navigation import breadcrumbs
from interview_app.services.validation import PASSWORD_MAX
from interview_app.state.account import AccountState


def _download_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Download your data", size="4", as_="h2"),
            rx.text(
                "One ZIP file with your account, your résumés, your job infos and every "
                "interview: its transcript, feedback and delivery metrics, as JSON and "
                "Markdown.",
                size="2",
            ),
            rx.link(
                rx.button(rx.icon("download", size=16), "Download everything", variant="soft"),
                href=routes.ACCOUNT_EXPORT,
                # A whole-document request: the browser saves the file the HTTP route sends.
                reload_document=True,
                download=True,
                data_testid="account-export",
            ),
            spacing="3",
            align="start",
        ),
        width="100%",
    )


def _delete_card() -> rx.Component:
    password = rx.cond(
        AccountState.has_password,
        rx.vstack(
            field_label("Your password", "delete-password"),
            rx.input(
                id="delete-password",
                name="password",
                type="password",
                auto_complete="current-password",
                max_length=PASSWORD_MAX,
                data_testid="account-delete-password",
                width="100%",
            ),
            rx.cond(
                AccountState.password_error != "",
                rx.text(
                    AccountState.password_error,
                    color_scheme="red",
                    size="2",
                    data_testid="account-delete-password-error",
                ),
            ),
            spacing="1",
            width="100%",
        ),
        rx.text(
            "You sign in with your identity provider: sign in again, then delete within "
            "10 minutes.",
            size="2",
        ),
    )
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Delete your account", size="4", as_="h2"),
                rx.text(
                    "This deletes your account, your résumés, your job infos, every "
                    "interview, transcript and feedback, at once and for good. You are signed "
                    "out everywhere.",
                    size="2",
                ),
                form_alert(AccountState.form_error),
                password,
                rx.button(
                    "Delete my account and everything in it",
                    type="submit",
                    color_scheme="red",
                    loading=AccountState.deleting,
                    data_testid="account-delete",
                ),
                spacing="3",
                align="start",
                width="100%",
            ),
            on_submit=AccountState.delete_account,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
    )


def account_page() -> rx.Component:
    """Download everything the app holds about you, or delete your account."""
    return page_frame(
        signed_in_only(
            rx.vstack(
                breadcrumbs(("Job infos", routes.DASHBOARD), ("Your data", None)),
                rx.heading("Your data", size="6"),
                _download_card(),
                _delete_card(),
                spacing="4",
                width="100%",
            )
        )
    )
