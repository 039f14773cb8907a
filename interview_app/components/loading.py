"""What a page shows while its data is on the way: a spinner or placeholder cards."""

from __future__ import annotations

import reflex as rx

# Hidden from sight but read by screen readers (the classic "visually hidden" rules).
VISUALLY_HIDDEN = {
    "position": "absolute",
    "width": "1px",
    "height": "1px",
    "padding": "0",
    "margin": "-1px",
    "overflow": "hidden",
    "clip": "rect(0, 0, 0, 0)",
    "white_space": "nowrap",
    "border": "0",
}


def loading_spinner(label: str = "Loading…") -> rx.Component:
    """A spinner that screen readers announce, for a page or panel that loads its data.

    Args:
        label: What is loading, read out instead of shown.

    Returns:
        A centred spinner in a `status` region.
    """
    return rx.center(
        rx.spinner(size="3"),
        rx.text(label, style=VISUALLY_HIDDEN),
        role="status",
        padding="4em",
        width="100%",
        data_testid="loading",
    )


def skeleton_cards(count: int = 2, label: str = "Loading…") -> rx.Component:
    """Grey placeholder cards the shape of a card list, while the list loads.

    Args:
        count: How many placeholder cards.
        label: What is loading, read out instead of shown.

    Returns:
        A grid of skeleton cards in a `status` region.
    """
    card = rx.card(
        rx.vstack(
            rx.skeleton(rx.box(height="1.25em", width="60%")),
            rx.skeleton(rx.box(height="0.9em", width="90%")),
            rx.skeleton(rx.box(height="0.9em", width="75%")),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    return rx.box(
        rx.text(label, style=VISUALLY_HIDDEN),
        rx.grid(
            *[card for _ in range(count)],
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        role="status",
        width="100%",
        data_testid="loading",
    )
