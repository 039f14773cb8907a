from __future__ import annotations

import io
import wave

import pytest

from interview_app.services.speech.recognizer import NotAudioError, read_wav
from interview_app.services.speech.words import (
    RecognisedWord,
    spoken_delivery,
    words_from_json,
    words_to_json,
)


def w(word: str, start: int, end: int) -> RecognisedWord:
    return RecognisedWord(word=word, start_ms=start, end_ms=end)


def test_delivery_of_an_answer_with_pauses_and_fillers() -> None:
    words = [
        w("Umm,", 800, 1_200),
        w("I", 1_300, 1_400),
        w("rewrote", 1_400, 1_900),
        # 1.5 s of silence: a pause.
        w("the", 3_400, 3_500),
        w("pipeline.", 3_500, 4_000),
        # 3.5 s: a long pause too.
        w("Uh,", 7_500, 7_800),
        w("it", 7_900, 8_000),
        w("worked.", 8_000, 8_800),
    ]
    delivery = spoken_delivery(words)
    assert delivery.words == 8
    assert delivery.speaking_ms == 8_000
    assert delivery.words_per_minute == 60.0
    assert delivery.pauses_over_1s == 2
    assert delivery.pauses_over_3s == 1
    assert delivery.longest_pause_ms == 3_500
    assert delivery.first_word_ms == 800
    assert delivery.fillers == 2


def test_delivery_without_words_measures_nothing() -> None:
    delivery = spoken_delivery([])
    assert delivery.words == 0 and delivery.words_per_minute is None
    assert delivery.first_word_ms is None and delivery.pauses_over_1s == 0


def test_overlapping_and_unordered_words_make_no_negative_pause() -> None:
    delivery = spoken_delivery([w("two", 500, 900), w("one", 0, 600), w("three", 880, 1_000)])
    assert delivery.first_word_ms == 0
    assert delivery.pauses_over_1s == 0 and delivery.longest_pause_ms == 0
    assert delivery.speaking_ms == 1_000


def test_a_single_instantaneous_word_has_no_pace() -> None:
    assert spoken_delivery([w("Yes.", 400, 400)]).words_per_minute is None


def test_words_round_trip_through_json_and_junk_is_skipped() -> None:
    words = [w("Café,", 0, 300), w("done.", 350, 700)]
    assert words_from_json(words_to_json(words)) == words
    junk = (
        '[{"word": "ok", "start_ms": 5, "end_ms": 9}, {"word": 3}, "x",'
        ' {"word": "back", "start_ms": 9, "end_ms": 2}, {"word": "b", "start_ms": true,'
        ' "end_ms": 4}]'
    )
    assert words_from_json(junk) == [w("ok", 5, 9)]
    assert words_from_json(None) == [] and words_from_json("{") == []
    assert words_from_json('{"word": "x"}') == []


def wav(channels: int = 1, rate: int = 16_000, seconds: float = 0.5) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(channels)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(b"\x00\x10" * int(rate * seconds) * channels)
    return buffer.getvalue()


def test_the_browsers_wav_is_read_as_float_samples() -> None:
    samples = read_wav(wav(), max_seconds=10)
    assert len(samples) == 8_000
    assert samples.dtype.name == "float32"
    assert samples[0] == pytest.approx(4_096 / 32_768)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a wav file at all", "not a WAV file"),
        (wav(channels=2), "16 kHz mono"),
        (wav(rate=44_100), "16 kHz mono"),
        (wav(seconds=11), "at most 10 seconds"),
    ],
)
def test_recordings_the_app_does_not_read_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(NotAudioError, match=message):
        read_wav(data, max_seconds=10)
