import pytest

from interview_app.config import Settings
from interview_app.services.voice.base import VoiceProvider
from interview_app.services.voice.registry import (
    available_providers,
    installation_voice_provider,
    parse_provider,
)

HUME_KEYS = {"hume_api_key": "k", "hume_secret_key": "s"}


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, None),
        (HUME_KEYS, VoiceProvider.HUME),
        ({"gemini_api_key": "g"}, VoiceProvider.GEMINI),
        ({**HUME_KEYS, "gemini_api_key": "g"}, VoiceProvider.GEMINI),
        ({**HUME_KEYS, "gemini_api_key": "g", "voice_provider": "hume"}, VoiceProvider.HUME),
        ({**HUME_KEYS, "voice_provider": "GEMINI"}, None),
        ({"hume_api_key": "k"}, None),
        ({"gemini_api_key": "g", "voice_provider": "nonsense"}, VoiceProvider.GEMINI),
    ],
)
def test_installation_voice_provider(settings: dict[str, str], expected: VoiceProvider | None):
    assert installation_voice_provider(Settings(**settings)) == expected


def test_practice_is_always_available_and_last():
    assert available_providers(Settings()) == [VoiceProvider.PRACTICE]
    assert available_providers(Settings(**HUME_KEYS)) == [
        VoiceProvider.HUME,
        VoiceProvider.PRACTICE,
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (" Practice ", VoiceProvider.PRACTICE),
        ("hume", VoiceProvider.HUME),
        ("x", None),
        (None, None),
    ],
)
def test_parse_provider(value: object, expected: VoiceProvider | None):
    assert parse_provider(value) == expected
