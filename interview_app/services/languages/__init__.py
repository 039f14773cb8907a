"""The languages an interview can be held in, and what each name means."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """An interview language.

    Attributes:
        code: ISO 639-1 code, as stored on a job info and given to speech recognition.
        name: English name, shown on the app's (English) screens.
        native_name: The language's name for itself.
        bcp47: The tag browsers' speech synthesis and Gemini Live's speech config take.
    """

    code: str
    name: str
    native_name: str
    bcp47: str


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "en-US"),
    Language("de", "German", "Deutsch", "de-DE"),
    Language("fr", "French", "Français", "fr-FR"),
    Language("es", "Spanish", "Español", "es-ES"),
    Language("pt", "Portuguese", "Português", "pt-BR"),
    Language("it", "Italian", "Italiano", "it-IT"),
    Language("nl", "Dutch", "Nederlands", "nl-NL"),
    Language("pl", "Polish", "Polski", "pl-PL"),
    Language("hi", "Hindi", "हिन्दी", "hi-IN"),
    Language("ja", "Japanese", "日本語", "ja-JP"),
)

DEFAULT_LANGUAGE = "en"

_BY_CODE = {language.code: language for language in LANGUAGES}


def language_for(code: str | None) -> Language:
    """Return the language of a stored code, English for an unknown or missing one.

    Args:
        code: A language code as stored on a job info (case and region ignored).

    Returns:
        The language.
    """
    key = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return _BY_CODE.get(key, _BY_CODE[DEFAULT_LANGUAGE])


def is_supported(code: str) -> bool:
    """Say whether a code names an offered interview language.

    Args:
        code: A language code, exactly as a form sent it.

    Returns:
        True for one of `LANGUAGES`' codes.
    """
    return code in _BY_CODE
