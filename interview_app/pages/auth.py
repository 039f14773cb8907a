"""Sign-in and sign-up pages."""

from __future__ import annotations

import reflex as rx

from interview_app import routes
from interview_app.components.layout import field_error, field_label, form_alert, page_frame
from interview_app.services.validation import EMAIL_MAX, PASSWORD_MAX, PERSON_NAME_MAX
from interview_app.state.auth import AuthFormState


def _labelled(label: str, field: rx.Component, name: str) -> rx.Component:
    return rx.vstack(
        field_label(label, name),
        field,
        field_error(AuthFormState.field_errors, name),
        spacing="1",
        width="100%",
    )


def _email_field() -> rx.Component:
    return _labelled(
        "Email",
        rx.input(
            id="email",
            name="email",
            type="email",
            auto_complete="email",
            max_length=EMAIL_MAX,
            data_testid="email-input",
            width="100%",
        ),
        "email",
    )


def _password_field(autocomplete: str) -> rx.Component:
    return _labelled(
        "Password",
        rx.input(
            id="password",
            name="password",
            type="password",
            auto_complete=autocomplete,
            max_length=PASSWORD_MAX,
            data_testid="password-input",
            width="100%",
        ),
        "password",
    )


def _auth_card(title: str, form: rx.Component, footer: rx.Component) -> rx.Component:
    return page_frame(
        rx.center(
            rx.card(
                rx.vstack(rx.heading(title, size="6"), form, footer, spacing="4", width="100%"),
                width="100%",
                max_width="26em",
                size="3",
            ),
            width="100%",
        ),
    )


def _provider_button() -> rx.Component:
    return rx.cond(
        AuthFormState.oidc_enabled,
        rx.vstack(
            rx.button(
                rx.el.a(
                    rx.icon("key-round", size=16),
                    "Continue with ",
                    AuthFormState.oidc_provider_name,
                    href=AuthFormState.oidc_login_href,
                    data_testid="oidc-sign-in",
                    # A full page load: the sign-in starts at an HTTP route, not a page.
                    custom_attrs={"reloadDocument": True},
                ),
                as_child=True,
                variant="outline",
                size="3",
                width="100%",
            ),
            rx.hstack(
                rx.separator(size="4"),
                rx.text("or", size="1", color_scheme="gray", flex_shrink="0"),
                rx.separator(size="4"),
                align="center",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
    )


def sign_in_page() -> rx.Component:
    """Email and password sign-in, and the identity provider when one is configured."""
    form = rx.form(
        rx.vstack(
            form_alert(AuthFormState.form_error),
            _provider_button(),
            _email_field(),
            _password_field("current-password"),
            rx.button(
                "Sign in",
                type="submit",
                loading=AuthFormState.submitting,
                data_testid="sign-in-submit",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=AuthFormState.sign_in,
        width="100%",
        # Without JavaScript the browser posts the form itself: never a GET, which would
        # put the password in the URL.
        method="post",
        action=routes.AUTH_SIGN_IN,
    )
    footer = rx.cond(
        AuthFormState.local_sign_up_enabled,
        rx.text(
            "No account yet? ",
            rx.link("Create one", href=routes.SIGN_UP, underline="always"),
            size="2",
        ),
    )
    return _auth_card("Sign in", form, footer)


def sign_up_page() -> rx.Component:
    """Create a local account."""
    form = rx.form(
        rx.vstack(
            form_alert(AuthFormState.form_error),
            _labelled(
                "Name",
                rx.input(
                    id="name",
                    name="name",
                    auto_complete="name",
                    max_length=PERSON_NAME_MAX,
                    data_testid="name-input",
                    width="100%",
                ),
                "name",
            ),
            _email_field(),
            _password_field("new-password"),
            rx.text("At least 8 characters.", size="1", color_scheme="gray"),
            rx.button(
                "Create account",
                type="submit",
                loading=AuthFormState.submitting,
                data_testid="sign-up-submit",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=AuthFormState.sign_up,
        width="100%",
    )
    footer = rx.text(
        "Already have an account? ",
        rx.link("Sign in", href=routes.SIGN_IN, underline="always"),
        size="2",
        method="post",
        action=routes.AUTH_SIGN_UP,
    )
    disabled = rx.callout(
        "New accounts are created through your identity provider on this installation.",
        icon="info",
    )
    return _auth_card(
        "Create your account",
        rx.vstack(
            _provider_button(),
            rx.cond(AuthFormState.local_sign_up_enabled, form, disabled),
            width="100%",
        ),
        footer,
    )
