"""The page for any address the app does not have."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.layout import page_frame
from interview_app.components.navigation import link_button
from interview_app.state.session import SessionState


def not_found_page() -> rx.Component:
    """Say the page does not exist, under the usual header, with a way home."""
    return page_frame(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.icon("map-pin-off", size=24, aria_hidden="true"),
                    rx.heading("Page not found", size="6", as_="h1"),
                    align="center",
                ),
                rx.text(
                    "There is no page at this address. It may have moved, or the link may "
                    "have a typo.",
                    color_scheme="gray",
                ),
                link_button(
                    rx.icon("house", size=16, aria_hidden="true"),
                    rx.cond(SessionState.signed_in, "Go to your job infos", "Go to the home page"),
                    href=rx.cond(SessionState.signed_in, routes.DASHBOARD, routes.LANDING),
                    data_testid="not-found-home",
                ),
                spacing="4",
            ),
            width="100%",
            size="3",
            data_testid="page-not-found",
        )
    )
