"""The public landing page."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.layout import page_frame
from interview_app.components.navigation import link_button
from interview_app.state.session import SessionState


def _step(icon: str, title: str, text: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.icon(icon, size=24, aria_hidden="true"),
            rx.heading(title, size="4", as_="h2"),
            rx.text(text, color_scheme="gray"),
            spacing="2",
        ),
        width="100%",
    )


def landing_page() -> rx.Component:
    """Say what the product does and lead to sign-up or sign-in."""
    return page_frame(
        rx.vstack(
            rx.heading("Practise the interview before it counts.", size="8"),
            rx.text(
                "Paste a job description, hold a spoken mock interview with an AI interviewer, "
                "and get structured, honest feedback on how you came across.",
                size="4",
                color_scheme="gray",
            ),
            rx.cond(
                SessionState.signed_in,
                link_button("Go to your job infos", href=routes.DASHBOARD, size="3"),
                rx.flex(
                    link_button("Create an account", href=routes.SIGN_UP, size="3"),
                    link_button("Sign in", href=routes.SIGN_IN, size="3", variant="outline"),
                    wrap="wrap",
                    spacing="3",
                ),
            ),
            spacing="4",
            padding_y="2em",
        ),
        rx.grid(
            _step(
                "file-text", "1. Describe the job", "Name it, paste the description, pick a level."
            ),
            _step("mic", "2. Talk it through", "A voice interviewer asks what that job would ask."),
            _step(
                "clipboard-check", "3. Learn from it", "Ratings and advice, with quotes and times."
            ),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="4",
            width="100%",
        ),
    )
