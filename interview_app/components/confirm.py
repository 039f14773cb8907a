"""A delete button that asks first: the same dialog wherever something can be deleted."""

from __future__ import annotations

from typing import Any

import reflex as rx


def delete_with_confirmation(
    *,
    title: str,
    consequence: str,
    deleting: rx.Var[bool],
    on_confirm: Any,
    test_id: str,
) -> rx.Component:
    """A red "Delete" button opening a dialog that names what deleting does.

    Args:
        title: The dialog's question, e.g. "Delete this résumé?".
        consequence: What is deleted with it, and that it cannot be undone.
        deleting: True while the deletion runs (the button shows it is busy).
        on_confirm: The event the dialog's "Delete" triggers.
        test_id: The button's `data-testid`; the dialog's button gets `<test_id>-confirm`.

    Returns:
        The button with its dialog.
    """
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("trash-2", size=16, aria_hidden="true"),
                "Delete",
                type="button",
                color_scheme="red",
                variant="soft",
                loading=deleting,
                data_testid=test_id,
            ),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(consequence),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(
                        "Delete",
                        color_scheme="red",
                        on_click=on_confirm,
                        data_testid=f"{test_id}-confirm",
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
    )
