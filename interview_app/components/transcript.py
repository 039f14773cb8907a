"""A stored transcript on a page: speaker bubbles, consecutive messages grouped.

Rows are plain dataclasses built from `services.transcripts.TranscriptEntry`, so any state
(the interview page, a provider's call screen) can hold them in a public var.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import reflex as rx

from interview_app.services.transcripts import (
    SPEAKER_NAMES,
    TranscriptEntry,
    format_offset,
    group_consecutive,
)


@dataclasses.dataclass
class TranscriptMessageRow:
    """One message as the browser sees it; `emotions` are the interviewee's top three."""

    speaker: str = ""
    text: str = ""
    emotions: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class TranscriptGroupRow:
    """Consecutive messages of one speaker, with when the first one started."""

    speaker: str = ""
    label: str = ""
    at: str = ""
    messages: list[TranscriptMessageRow] = dataclasses.field(default_factory=list)


def transcript_rows(entries: Sequence[TranscriptEntry]) -> list[TranscriptGroupRow]:
    """Group a transcript into rows for display.

    Args:
        entries: The messages in order.

    Returns:
        One row per run of messages of one speaker.
    """
    return [
        TranscriptGroupRow(
            speaker=group[0].speaker,
            label=SPEAKER_NAMES[group[0].speaker],
            at=format_offset(group[0].start_ms),
            messages=[
                TranscriptMessageRow(
                    speaker=entry.speaker,
                    text=entry.text,
                    emotions=[
                        f"{name} {score:.0%}" for name, score in (entry.emotions or {}).items()
                    ]
                    if entry.speaker == "interviewee"
                    else [],
                )
                for entry in group
            ],
        )
        for group in group_consecutive(entries)
    ]


def _message(message: TranscriptMessageRow) -> rx.Component:
    return rx.box(
        rx.text(message.text),
        rx.cond(
            message.emotions.length() > 0,
            rx.hstack(
                rx.foreach(
                    message.emotions,
                    lambda emotion: rx.badge(emotion, variant="soft", radius="full", size="1"),
                ),
                spacing="1",
                wrap="wrap",
                margin_top="0.2em",
            ),
        ),
        data_testid="transcript-message",
        data_speaker=message.speaker,
    )


def _group(group: TranscriptGroupRow) -> rx.Component:
    mine = group.speaker == "interviewee"
    return rx.box(
        rx.hstack(
            rx.text(group.label, weight="bold", size="2"),
            rx.text(group.at, size="1", color_scheme="gray"),
            align="baseline",
            spacing="2",
        ),
        rx.vstack(rx.foreach(group.messages, _message), spacing="2", margin_top="0.2em"),
        align_self=rx.cond(mine, "flex-end", "flex-start"),
        max_width="85%",
        padding="0.6em 0.9em",
        border_radius="0.8em",
        background=rx.cond(mine, "var(--accent-a4)", "var(--gray-a3)"),
        data_testid="transcript-group",
    )


def transcript_view(groups: rx.Var[list[TranscriptGroupRow]]) -> rx.Component:
    """Render grouped transcript rows as speaker bubbles.

    Args:
        groups: The rows.

    Returns:
        The transcript.
    """
    return rx.flex(
        rx.foreach(groups, _group),
        direction="column",
        spacing="3",
        width="100%",
        data_testid="transcript",
    )
