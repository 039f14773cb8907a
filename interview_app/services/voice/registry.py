"""The registry of voice providers: one table, asked by pages, routes and services (SPEC §6, §9).

Adding a provider is one module with a `Provider` subclass and one row in `PROVIDERS`. The
order of the table is the order of preference when `VOICE_PROVIDER` is unset.
"""

from __future__ import annotations

from interview_app.config import Settings, get_settings
from interview_app.services.errors import VoiceNotConfiguredError
from interview_app.services.languages import language_for
from interview_app.services.voice.base import ChatHistoryAdapter, Provider, VoiceProvider
from interview_app.services.voice.gemini_live import GeminiLiveProvider
from interview_app.services.voice.hume import HumeProvider
from interview_app.services.voice.practice import PracticeProvider

PROVIDERS: tuple[Provider, ...] = (GeminiLiveProvider(), HumeProvider(), PracticeProvider())
_BY_NAME: dict[str, Provider] = {row.name.value: row for row in PROVIDERS}
# Providers whose transcripts we read from their chat history with our key.
HISTORY_PROVIDERS: tuple[str, ...] = tuple(
    row.name.value for row in PROVIDERS if row.transcript_source == "history"
)


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


def provider(name: VoiceProvider | str) -> Provider:
    """Return the registry row of a provider.

    Args:
        name: The provider's name.

    Returns:
        Its row.

    Raises:
        VoiceNotConfiguredError: No provider has that name.
    """
    row = _BY_NAME.get(str(name))
    if row is None:
        raise VoiceNotConfiguredError()
    return row


def installation_voice_provider(settings: Settings | None = None) -> VoiceProvider | None:
    """Return the voice provider of this installation (SPEC §9 `VOICE_PROVIDER`).

    Unset, it is the first configured provider of the table that needs keys (`gemini`
    before `hume`). A provider named explicitly counts only when its keys are set too.

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        The configured voice provider, or None when no voice keys are set.
    """
    settings = settings or get_settings()
    voice_rows = [row for row in PROVIDERS if row.needs_keys]
    chosen = (settings.voice_provider or "").strip().lower()
    for row in voice_rows:
        if row.name.value == chosen:
            return row.name if row.configured(settings) else None
    for row in voice_rows:
        if row.configured(settings):
            return row.name
    return None


def available_providers(settings: Settings | None = None) -> list[VoiceProvider]:
    """Return the providers a user may start an interview with, the preferred first.

    Args:
        settings: The settings; the process's when omitted.

    Returns:
        The installation's voice provider when configured, then the keyless ones.
    """
    voice = installation_voice_provider(settings)
    keyless = [row.name for row in PROVIDERS if not row.needs_keys]
    return [voice, *keyless] if voice else keyless


def keeps_history(name: str) -> bool:
    """Whether a provider's transcripts are read from its chat history (not reported).

    Args:
        name: The provider that held the interview.

    Returns:
        True for providers that keep histories (Hume).
    """
    return name in HISTORY_PROVIDERS


def history_adapter(
    name: VoiceProvider | str, settings: Settings | None = None
) -> ChatHistoryAdapter | None:
    """Return the chat-history adapter of a provider, when it has one.

    Args:
        name: The provider that held the interview.
        settings: The settings; the process's when omitted.

    Returns:
        The adapter configured for this installation, or None when the provider's
        transcripts are reported by the browser instead.

    Raises:
        VoiceNotConfiguredError: The provider keeps histories but has no keys here.
    """
    row = _BY_NAME.get(str(name))
    if row is None or row.transcript_source != "history":
        return None
    return row.history(settings or get_settings())


def speaks(name: VoiceProvider | str, language: str) -> bool:
    """Whether a provider can hold an interview in a language.

    Args:
        name: The provider's name.
        language: An interview language's code, as stored on a job info.

    Returns:
        True when the provider takes any language or this one.
    """
    languages = provider(name).languages
    return languages is None or language_for(language).code in languages
