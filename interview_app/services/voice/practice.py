"""Practice as a voice provider: no keys, the browser speaks and hears (SPEC §6).

The questions come from `services.voice.practice_plan`; the browser reads them aloud,
hears (or takes typed) answers and reports the transcript, which
`services.calls.practice` stores.
"""

from __future__ import annotations

from typing import ClassVar

from interview_app.config import Settings
from interview_app.services.voice.base import CallStart, Provider, TranscriptSource, VoiceProvider


class PracticeProvider(Provider):
    """Practice interviews: every installation can hold them."""

    name: ClassVar[VoiceProvider] = VoiceProvider.PRACTICE
    label: ClassVar[str] = "Practice interview"
    needs_keys: ClassVar[bool] = False
    transcript_source: ClassVar[TranscriptSource] = "browser"
    call_start: ClassVar[CallStart] = "none"

    def configured(self, settings: Settings) -> bool:
        """Always: practice needs no keys."""
        return True
