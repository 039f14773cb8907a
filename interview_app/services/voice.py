"""Which voice providers this installation can run (SPEC §6, §9).

A provider holds the interview's conversation: `hume` (EVI), `gemini` (Gemini Live) or
`practice` (no keys: questions planned locally, spoken and heard by the browser). Every
provider ends with the same normalised transcript (`services.transcripts`), so pages,
metrics and feedback never depend on which one held the interview.
"""

from __future__ import annotations

from enum import StrEnum

from interview_app.config import Settings, get_settings


class VoiceProvider(StrEnum):
    """The providers an interview can be held with."""

    HUME = "hume"
    GEMINI = "gemini"
    PRACTICE = "practice"

    @property
    def label(self) -> str:
        """Return the name shown to people.

        Returns:
            A short human name of the provider.
        """
        return {
            "hume": "Hume EVI voice interview",
            "gemini": "Gemini Live voice interview",
            "practice": "Practice interview",
        }[self.value]


def hume_configured(settings: Settings | None = None) -> bool:
    """Whether Hume's keys are set.

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        True when an API key and a secret key are configured.
    """
    settings = settings or get_settings()
    return bool(settings.hume_api_key and settings.hume_secret_key)


def gemini_configured(settings: Settings | None = None) -> bool:
    """Whether a Gemini API key is set (Live interviews and AI feedback).

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        True when `GEMINI_API_KEY` is configured.
    """
    settings = settings or get_settings()
    return bool(settings.gemini_api_key)


def installation_voice_provider(settings: Settings | None = None) -> VoiceProvider | None:
    """Return the voice provider of this installation (SPEC §9 `VOICE_PROVIDER`).

    Unset, it is `gemini` when `GEMINI_API_KEY` is set, else `hume` when Hume's keys are.
    A provider named explicitly counts only when its keys are set too.

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        The configured voice provider, or None when no voice keys are set.
    """
    settings = settings or get_settings()
    configured = {
        VoiceProvider.GEMINI: gemini_configured(settings),
        VoiceProvider.HUME: hume_configured(settings),
    }
    chosen = (settings.voice_provider or "").strip().lower()
    if chosen in configured:
        provider = VoiceProvider(chosen)
        return provider if configured[provider] else None
    for provider in (VoiceProvider.GEMINI, VoiceProvider.HUME):
        if configured[provider]:
            return provider
    return None


def available_providers(settings: Settings | None = None) -> list[VoiceProvider]:
    """Return the providers a user may start an interview with, the preferred first.

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        The installation's voice provider when configured, then `practice` (always).
    """
    voice = installation_voice_provider(settings)
    return [voice, VoiceProvider.PRACTICE] if voice else [VoiceProvider.PRACTICE]


def parse_provider(value: object) -> VoiceProvider | None:
    """Turn a provider name from outside into a provider.

    Args:
        value: The name as given.

    Returns:
        The provider, or None when the value names none.
    """
    try:
        return VoiceProvider(str(value).strip().lower())
    except ValueError:
        return None
