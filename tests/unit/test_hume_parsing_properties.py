"""Hume's chat history is read leniently: whatever arrives, parsing never raises (Hypothesis).

Events are generated as arbitrary JSON-like values (NaN, infinities, huge numbers, wrong
types, deep nesting as objects and as JSON strings), and every entry that comes out must
fit the database: text storable, offsets within the INTEGER columns, scores finite.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interview_app.services import transcript_entry
from interview_app.services.transcript_entry import (
    MAX_MESSAGE_CHARS,
    MAX_MESSAGES,
    MAX_STORED_OFFSET_MS,
    MAX_TOTAL_CHARS,
    SPEAKERS,
    TranscriptEntry,
    fit_transcript,
)
from interview_app.services.voice.hume import (
    MAX_TIMESTAMP_MS,
    ChatEvent,
    HumeChat,
    chat_from_pages,
    parse_emotion_features,
    parse_event,
    to_transcript,
)

# Quick enough for the unit suite (a few seconds in all); no example database in the repo.
QUICK = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Deeper than the interpreter's recursion limit, so a recursive parse or str() raises.
DEEP = 5_000
NOW_MS = 1_735_000_000_000


def _nested(depth: int, wrap: Callable[[Any], Any]) -> Any:
    # Built in a loop: building it recursively would hit the very limit under test.
    value: Any = 1
    for _ in range(depth):
        value = wrap(value)
    return value


def _deep_json(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


odd_numbers = st.sampled_from(
    [math.nan, math.inf, -math.inf, 1e300, -1e300, 2**31, 2**63, 10**30, -(10**30), 10**400]
)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_numbers,
)
odd_text = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(["\x00", "\ud800", "\udfff", " ", "\n"])),
    max_size=4,
).map("".join)
leaves = st.one_of(st.none(), st.booleans(), numbers, odd_text)
json_like = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=10,
)
# Deep nesting as JSON text (the fields Hume sends as strings); nested Python objects are
# in `test_deeply_nested_objects_are_skipped`, as Hypothesis's printer cannot show them.
deep_values = st.one_of(
    st.integers(min_value=DEEP, max_value=3 * DEEP).map(_deep_json),
    st.integers(min_value=DEEP, max_value=3 * DEEP).map(lambda n: "[" * n + "]" * n),
)
anything = st.one_of(json_like, deep_values)
timestamps = st.one_of(
    st.integers(min_value=NOW_MS, max_value=NOW_MS + 3_600_000), numbers, anything
)
emotion_features = st.one_of(
    st.dictionaries(st.text(max_size=12), st.one_of(numbers, anything), max_size=6),
    st.dictionaries(st.text(max_size=12), numbers, max_size=6).map(
        lambda scores: json.dumps(scores, allow_nan=True, default=str)
    ),
    anything,
)
segment_times = st.integers(min_value=-(10**20), max_value=10**20)
metadata = st.one_of(
    st.lists(
        st.fixed_dictionaries(
            {"time": st.fixed_dictionaries({"begin_ms": segment_times, "end_ms": segment_times})}
        ),
        max_size=4,
    ).map(lambda segments: json.dumps({"segments": segments})),
    anything,
)
events = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.one_of(st.text(max_size=6), anything),
            "timestamp": timestamps,
            "role": st.one_of(st.sampled_from(["USER", "AGENT", "SYSTEM"]), anything),
            "type": st.one_of(
                st.sampled_from(["USER_MESSAGE", "AGENT_MESSAGE", "CHAT_START_MESSAGE"]),
                anything,
            ),
            "message_text": st.one_of(odd_text, anything),
            "emotion_features": emotion_features,
            "metadata": metadata,
        },
    ),
    anything,
)
pages = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "id": st.one_of(st.just("chat"), anything),
                "start_timestamp": timestamps,
                "config": st.one_of(st.fixed_dictionaries({"id": anything}), anything),
                "total_pages": numbers,
                "events_page": st.one_of(st.lists(events, max_size=4), anything),
            },
        ),
        st.dictionaries(st.text(max_size=6), anything, max_size=3),
    ),
    min_size=1,
    max_size=3,
)


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def _assert_event_in_range(event: ChatEvent) -> None:
    assert isinstance(event.id, str) and isinstance(event.role, str)
    assert isinstance(event.type, str) and isinstance(event.message_text, str)
    assert type(event.timestamp) is int and 0 <= event.timestamp <= MAX_TIMESTAMP_MS
    assert _storable(event.message_text)
    if event.emotion_scores is not None:
        assert all(
            type(score) is float and math.isfinite(score) for score in event.emotion_scores.values()
        )
    if event.duration_ms is not None:
        assert type(event.duration_ms) is int and 0 < event.duration_ms <= MAX_STORED_OFFSET_MS


def _assert_storable_transcript(entries: list[TranscriptEntry]) -> None:
    for entry in entries:
        assert entry.speaker in SPEAKERS
        assert entry.text and entry.text == entry.text.strip() and _storable(entry.text)
        assert type(entry.start_ms) is int and 0 <= entry.start_ms <= MAX_STORED_OFFSET_MS
        if entry.end_ms is not None:
            assert type(entry.end_ms) is int
            assert entry.start_ms <= entry.end_ms <= MAX_STORED_OFFSET_MS
        if entry.emotions is not None:
            assert entry.speaker == "interviewee" and len(entry.emotions) <= 3
            assert all(math.isfinite(score) for score in entry.emotions.values())
    assert [entry.start_ms for entry in entries] == sorted(entry.start_ms for entry in entries)


@QUICK
@given(raw=events)
@example(raw={"timestamp": math.nan, "type": "USER_MESSAGE", "message_text": "hi"})
@example(raw={"timestamp": math.inf, "type": "AGENT_MESSAGE", "message_text": "hi"})
@example(raw={"timestamp": 10**400, "type": "AGENT_MESSAGE", "message_text": "hi"})
@example(raw={"timestamp": NOW_MS, "type": "USER_MESSAGE", "emotion_features": _deep_json(DEEP)})
@example(raw={"timestamp": NOW_MS, "type": "USER_MESSAGE", "metadata": "[" * DEEP + "]" * DEEP})
@example(raw={"timestamp": NOW_MS, "type": "USER_MESSAGE", "emotion_features": {"Joy": 10**400}})
@example(raw={"timestamp": NOW_MS, "type": "USER_MESSAGE", "message_text": "a\x00b\ud800"})
def test_an_event_is_read_or_skipped_never_raising(raw: object) -> None:
    event = parse_event(raw)
    if event is not None:
        _assert_event_in_range(event)


@QUICK
@given(raw=emotion_features)
def test_emotion_features_are_finite_scores_or_none(raw: object) -> None:
    scores = parse_emotion_features(raw)
    assert scores is None or all(
        isinstance(name, str) and type(score) is float and math.isfinite(score)
        for name, score in scores.items()
    )


DEEP_OBJECTS: dict[str, Callable[[], Any]] = {
    "list": lambda: _nested(DEEP, lambda value: [value]),
    "object": lambda: _nested(DEEP, lambda value: {"a": value}),
}


@pytest.mark.parametrize(
    "field", ["id", "role", "type", "message_text", "emotion_features", "metadata"]
)
@pytest.mark.parametrize("shape", sorted(DEEP_OBJECTS))
def test_deeply_nested_objects_are_skipped(field: str, shape: str) -> None:
    raw = {"timestamp": NOW_MS, "type": "USER_MESSAGE", "message_text": "Hi."}
    raw[field] = DEEP_OBJECTS[shape]()

    event = parse_event(raw)

    assert event is not None
    _assert_event_in_range(event)
    chat = chat_from_pages("chat", [{"id": DEEP_OBJECTS[shape](), "events_page": [raw]}])
    assert chat.chat_id == "chat"
    _assert_storable_transcript(to_transcript(chat))


@QUICK
@given(
    raws=st.lists(events, max_size=5),
    start=st.one_of(st.none(), st.integers(min_value=-(10**20), max_value=10**20)),
)
@example(
    raws=[
        {"timestamp": NOW_MS, "type": "AGENT_MESSAGE", "message_text": "Hello."},
        {"timestamp": 1e300, "type": "USER_MESSAGE", "message_text": "Hi."},
    ],
    start=NOW_MS,
)
@example(
    raws=[
        {
            "timestamp": NOW_MS,
            "type": "USER_MESSAGE",
            "message_text": "Hi.",
            "metadata": json.dumps({"segments": [{"time": {"begin_ms": 0, "end_ms": 2**62}}]}),
        }
    ],
    start=NOW_MS,
)
@example(raws=[{"timestamp": NOW_MS, "type": "USER_MESSAGE", "message_text": "Hi."}], start=0)
def test_parsed_events_become_a_storable_transcript(raws: list[object], start: int | None) -> None:
    parsed = [event for event in map(parse_event, raws) if event is not None]

    entries = to_transcript(HumeChat("chat", None, start, parsed))

    _assert_storable_transcript(entries)


@QUICK
@given(raw_pages=pages)
@example(raw_pages=[{"id": "chat", "start_timestamp": math.nan, "total_pages": math.inf}])
@example(raw_pages=[{"id": 10**400, "config": {"id": 10**400}}])
@example(raw_pages=[{"events_page": [{"timestamp": NOW_MS}] * 500}])
def test_any_pages_become_a_chat_and_a_storable_transcript(raw_pages: list[Any]) -> None:
    chat = chat_from_pages("chat", raw_pages)

    assert isinstance(chat.chat_id, str) and chat.chat_id
    assert chat.config_id is None or isinstance(chat.config_id, str)
    assert chat.start_timestamp is None or 0 <= chat.start_timestamp <= MAX_TIMESTAMP_MS
    # A page holds at most the events asked for, whatever it sends.
    assert len(chat.events) <= 100 * len(raw_pages)
    for event in chat.events:
        _assert_event_in_range(event)
    _assert_storable_transcript(to_transcript(chat))


def _entry(text: str, start_ms: int = 0, end_ms: int | None = None) -> TranscriptEntry:
    return TranscriptEntry(speaker="interviewee", text=text, start_ms=start_ms, end_ms=end_ms)


entries_strategy = st.lists(
    st.builds(
        _entry,
        text=odd_text,
        start_ms=st.integers(min_value=-(2**70), max_value=2**70),
        end_ms=st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70)),
    ),
    max_size=12,
)


@QUICK
@given(entries=entries_strategy)
# Found by a run: the message crossing the budget, cut, left only "\r"; the message after it
# was kept in its place.
@example(
    entries=[_entry("000000"), _entry("000000"), _entry("0000000"), _entry("\r0"), _entry("0")]
)
def test_fitting_keeps_a_storable_prefix_and_says_when_it_cut(
    entries: list[TranscriptEntry],
) -> None:
    # Small caps, so that generated transcripts cross them often.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transcript_entry, "MAX_MESSAGES", 5)
        patch.setattr(transcript_entry, "MAX_MESSAGE_CHARS", 7)
        patch.setattr(transcript_entry, "MAX_TOTAL_CHARS", 20)
        fitted = fit_transcript(entries)

    kept = fitted.entries
    assert len(kept) <= 5
    assert all(len(entry.text) <= 7 for entry in kept)
    assert sum(len(entry.text) for entry in kept) <= 20
    for entry in kept:
        assert entry.text.strip() and _storable(entry.text)
        assert 0 <= entry.start_ms <= MAX_STORED_OFFSET_MS
        assert entry.end_ms is None or entry.start_ms <= entry.end_ms <= MAX_STORED_OFFSET_MS
    readable = [
        transcript_entry.storable_text(entry.text)
        for entry in entries[:5]
        if transcript_entry.storable_text(entry.text).strip()
    ]
    # What is kept is the start of what was readable, in order, each text a prefix.
    assert all(
        original.startswith(entry.text) for entry, original in zip(kept, readable, strict=False)
    )
    nothing_lost = len(entries) <= 5 and [entry.text for entry in kept] == readable
    assert fitted.cut != nothing_lost


def test_the_caps_are_the_browsers_caps() -> None:
    from interview_app.services.transcripts import browser

    assert (browser.MAX_MESSAGES, browser.MAX_MESSAGE_CHARS, browser.MAX_TOTAL_CHARS) == (
        MAX_MESSAGES,
        MAX_MESSAGE_CHARS,
        MAX_TOTAL_CHARS,
    )


def test_a_long_transcript_keeps_its_first_messages_and_its_first_characters() -> None:
    many = fit_transcript(
        [_entry(f"Answer {index}.", index) for index in range(MAX_MESSAGES + 500)]
    )
    assert many.cut and len(many.entries) == MAX_MESSAGES
    assert many.entries[-1].text == f"Answer {MAX_MESSAGES - 1}."

    long_text = "x" * (MAX_MESSAGE_CHARS + 1_000)
    wordy = fit_transcript([_entry(long_text, index) for index in range(60)])
    assert wordy.cut
    assert all(len(entry.text) == MAX_MESSAGE_CHARS for entry in wordy.entries)
    assert sum(len(entry.text) for entry in wordy.entries) == MAX_TOTAL_CHARS

    within = [_entry("Hello.", 0, 900), _entry("Hi.", 1_000)]
    assert fit_transcript(within) == transcript_entry.FittedTranscript(within, cut=False)
