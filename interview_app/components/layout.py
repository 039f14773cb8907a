"""Page chrome: the top bar, the signed-in frame, and small shared pieces."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.state.session import SessionState

APP_NAME = "Interview Coach"


# A real form post, so the HTTP route can revoke the session and clear the HttpOnly cookie
# (Reflex's own forms always stop the browser's submit).
_SIGN_OUT_SCRIPT = (
    "const form = document.createElement('form');"
    f"form.method = 'post'; form.action = '{routes.AUTH_SIGN_OUT}';"
    "document.body.appendChild(form); form.submit();"
)


def sign_out_button() -> rx.Component:
    """The button that signs the browser out."""
    return rx.button(
        "Sign out",
        variant="soft",
        on_click=rx.call_script(_SIGN_OUT_SCRIPT),
        data_testid="sign-out",
    )


def top_bar() -> rx.Component:
    """The bar at the top of every page."""
    return rx.hstack(
        rx.link(
            rx.hstack(rx.icon("mic", size=20), rx.heading(APP_NAME, size="4"), align="center"),
            href=rx.cond(SessionState.signed_in, routes.DASHBOARD, routes.LANDING),
            underline="none",
            color_scheme="gray",
            high_contrast=True,
        ),
        rx.spacer(),
        rx.cond(
            SessionState.signed_in,
            rx.hstack(
                rx.text(SessionState.user_name, size="2", color_scheme="gray"),
                sign_out_button(),
                align="center",
                spacing="3",
            ),
            rx.hstack(
                rx.link(rx.button("Sign in", variant="ghost"), href=routes.SIGN_IN),
                rx.link(rx.button("Sign up"), href=routes.SIGN_UP),
                spacing="3",
            ),
        ),
        width="100%",
        padding_x="1.5em",
        padding_y="0.75em",
        border_bottom="1px solid var(--gray-a5)",
        align="center",
    )


def page_frame(*children: rx.Component, max_width: str = "56em") -> rx.Component:
    """Wrap a page's content under the top bar."""
    return rx.box(
        top_bar(),
        rx.box(
            rx.vstack(*children, spacing="5", width="100%"),
            max_width=max_width,
            margin_x="auto",
            padding_x="1.5em",
            padding_y="2em",
        ),
        min_height="100vh",
    )


def signed_in_only(content: rx.Component) -> rx.Component:
    """Show `content` only once the page knows a user is signed in."""
    return rx.cond(SessionState.signed_in, content, loading_spinner())


def not_found_notice(message: str = "This job info does not exist.") -> rx.Component:
    """What a user sees for a missing record, or for someone else's."""
    return rx.callout(
        rx.text("Not found. ", rx.text.span(message)),
        icon="search-x",
        color_scheme="amber",
        data_testid="not-found",
    )


def field_error(errors: rx.Var, field: str) -> rx.Component:
    """The message beside a field, when it has one."""
    return rx.cond(
        errors.contains(field),
        rx.text(errors[field], color_scheme="red", size="2", data_testid=f"{field}-error"),
    )


def form_alert(message: rx.Var) -> rx.Component:
    """A message about the whole form (not one field)."""
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle-alert", color_scheme="red", data_testid="form-error"),
    )


def loading_spinner() -> rx.Component:
    """Shown while a page loads its data."""
    return rx.center(rx.spinner(size="3"), padding="4em")


def loaded_page(
    loaded: rx.Var, not_found: rx.Var, content: rx.Component, missing: str
) -> rx.Component:
    """Show `content` once loaded, or the not-found notice for a missing record."""
    return signed_in_only(
        rx.cond(loaded, rx.cond(not_found, not_found_notice(missing), content), loading_spinner())
    )


def card_link(*children: rx.Component, href: str | rx.Var, **card_props: object) -> rx.Component:
    """A whole card that opens a page."""
    return rx.link(
        rx.card(*children, width="100%", **card_props),
        href=href,
        underline="none",
        color="inherit",
        width="100%",
    )


def clamped_text(text: rx.Var, lines: int) -> rx.Component:
    """Text cut to at most `lines` lines, keeping its line breaks."""
    return rx.text(
        text,
        size="2",
        style={
            "display": "-webkit-box",
            "-webkit-line-clamp": str(lines),
            "-webkit-box-orient": "vertical",
            "overflow": "hidden",
            "white-space": "pre-wrap",
        },
    )
