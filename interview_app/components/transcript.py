"""A transcript on a page: speaker bubbles, consecutive messages of one speaker grouped.

The rendering is `LiveTranscript` of `assets/call_kit.jsx`, the same one the call screens
use, in plain React, fed the compact rows of `state.transcript_rows`.
"""

from __future__ import annotations

import reflex as rx

from interview_app.state.transcript_rows import TranscriptRow


class StoredTranscript(rx.Component):
    """`StoredTranscript` of assets/call_kit.jsx: compact rows, laid out on the page."""

    library = "$/public/call_kit.jsx"
    tag = "StoredTranscript"

    rows: rx.Var[list[TranscriptRow]]


def transcript_view(rows: rx.Var[list[TranscriptRow]]) -> rx.Component:
    """Render a stored transcript as grouped speaker bubbles with `transcript-message` hooks.

    Args:
        rows: The compact rows (`transcript_rows`).

    Returns:
        The transcript.
    """
    return StoredTranscript.create(rows=rows)
