"""Page chrome: the top bar, the signed-in frame, and small shared pieces."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.loading import loading_spinner
from interview_app.components.navigation import link_button, not_found_notice
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
        white_space="nowrap",
        on_click=rx.call_script(_SIGN_OUT_SCRIPT),
        data_testid="sign-out",
    )


def _brand(href: str | rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.image(src="/icon.svg", alt="", width="24px", height="24px"),
            rx.text(
                APP_NAME,
                size=rx.breakpoints(initial="3", sm="4"),
                weight="bold",
                white_space="nowrap",
            ),
            align="center",
            spacing="2",
        ),
        href=href,
        underline="none",
        color_scheme="gray",
        high_contrast=True,
        flex_shrink="0",
    )


def top_bar() -> rx.Component:
    """The bar at the top of every page; on a phone the user's name gives way to the rest."""
    return rx.el.header(
        rx.hstack(
            _brand(rx.cond(SessionState.signed_in, routes.DASHBOARD, routes.LANDING)),
            rx.spacer(),
            rx.cond(
                SessionState.signed_in,
                rx.hstack(
                    rx.link(
                        "Résumés",
                        href=routes.RESUMES,
                        size="2",
                        white_space="nowrap",
                        data_testid="resumes-link",
                    ),
                    rx.link(
                        SessionState.user_name,
                        href=routes.ACCOUNT,
                        title="Your data",
                        size="2",
                        color_scheme="gray",
                        max_width="16em",
                        white_space="nowrap",
                        overflow="hidden",
                        text_overflow="ellipsis",
                        display=rx.breakpoints(initial="none", sm="block"),
                        data_testid="account-link",
                    ),
                    sign_out_button(),
                    align="center",
                    spacing="3",
                    min_width="0",
                ),
                rx.hstack(
                    link_button(
                        "Sign in", href=routes.SIGN_IN, variant="soft", white_space="nowrap"
                    ),
                    link_button("Sign up", href=routes.SIGN_UP, white_space="nowrap"),
                    align="center",
                    spacing="2",
                ),
            ),
            width="100%",
            align="center",
            spacing="3",
            padding_x=rx.breakpoints(initial="1em", sm="1.5em"),
            padding_y="0.75em",
        ),
        border_bottom="1px solid var(--gray-a5)",
    )


def page_frame(*children: rx.Component, max_width: str = "56em") -> rx.Component:
    """Wrap a page's content under the top bar, in the page's `main` landmark."""
    return rx.box(
        top_bar(),
        rx.el.main(
            rx.vstack(*children, spacing="5", width="100%"),
            max_width=max_width,
            margin_x="auto",
            padding_x=rx.breakpoints(initial="1em", sm="1.5em"),
            padding_y=rx.breakpoints(initial="1.25em", sm="2em"),
        ),
        min_height="100vh",
    )


def page_placeholder() -> rx.Component:
    """What a page with an id in its path shows from its first paint until its code runs.

    Such a page is served the build's one SPA fallback, drawn from this (Reflex's
    `hydrate_fallback`), so it must not depend on state: the top bar has only the app's
    name, and the content is the spinner every page shows while its data is on the way.
    """
    return rx.box(
        rx.el.header(
            rx.hstack(
                _brand(routes.LANDING),
                width="100%",
                align="center",
                padding_x=rx.breakpoints(initial="1em", sm="1.5em"),
                padding_y="0.75em",
                # The height of the top bar's buttons, so the bar does not grow when they come.
                min_height="calc(var(--space-6) + 1.5em)",
            ),
            border_bottom="1px solid var(--gray-a5)",
        ),
        rx.el.main(loading_spinner("Loading the page…"), max_width="56em", margin_x="auto"),
        min_height="100vh",
    )


def signed_in_only(content: rx.Component, loading: rx.Component | None = None) -> rx.Component:
    """Show `content` only once the page knows a user is signed in, `loading` until then."""
    return rx.cond(SessionState.signed_in, content, loading or loading_spinner())


def field_error(errors: rx.Var, field: str) -> rx.Component:
    """The message beside a field, when it has one."""
    return rx.cond(
        errors.contains(field),
        rx.text(errors[field], color_scheme="red", size="2", data_testid=f"{field}-error"),
    )


def form_alert(message: rx.Var) -> rx.Component:
    """A message about the whole form (not one field), as wide as the form."""
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            width="100%",
            data_testid="form-error",
        ),
    )


def field_label(text: str, field_id: str) -> rx.Component:
    """The label of the form field whose `id` is `field_id` (a real `<label for>`)."""
    return rx.el.label(
        text,
        html_for=field_id,
        class_name="rt-Text rt-r-size-2 rt-r-weight-medium",
    )


def loaded_page(
    loaded: rx.Var,
    not_found: rx.Var,
    content: rx.Component,
    missing: str | rx.Var,
    *,
    back_href: str | rx.Var = routes.DASHBOARD,
    back_label: str = "Back to your job infos",
    loading: rx.Component | None = None,
) -> rx.Component:
    """Show `content` once loaded, or a not-found notice with a way back for a missing record."""
    return signed_in_only(
        rx.cond(
            loaded,
            rx.cond(not_found, not_found_notice(missing, back_href, back_label), content),
            loading or loading_spinner(),
        ),
        loading,
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
