"""Prompt size of the feedback request for a 60-minute interview: a few emotions vs all 48.

Builds a 60-minute transcript: an interviewer question and a one-minute spoken answer about
every 75 seconds. Hume's EVI sends one user message per utterance (about a sentence), each
with its 48 prosody scores, so each answer is a message per sentence. It then writes the
prompt the app sends with the interviewee's 3 strongest emotions (what the app does) and
with all 48, and prints both sizes in characters. Goal: at least 60% smaller.
Run: `.venv/bin/python benchmarks/bench_feedback_prompt_size.py`.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_app.services.feedback.prompt import SYSTEM_PROMPT, FeedbackInputs, build_prompt
from interview_app.services.transcript_entry import TOP_EMOTIONS_KEPT, TranscriptEntry

HUME_EMOTIONS = [
    "Admiration",
    "Adoration",
    "Aesthetic Appreciation",
    "Amusement",
    "Anger",
    "Anxiety",
    "Awe",
    "Awkwardness",
    "Boredom",
    "Calmness",
    "Concentration",
    "Confusion",
    "Contemplation",
    "Contempt",
    "Contentment",
    "Craving",
    "Desire",
    "Determination",
    "Disappointment",
    "Disgust",
    "Distress",
    "Doubt",
    "Ecstasy",
    "Embarrassment",
    "Empathic Pain",
    "Entrancement",
    "Envy",
    "Excitement",
    "Fear",
    "Guilt",
    "Horror",
    "Interest",
    "Joy",
    "Love",
    "Nostalgia",
    "Pain",
    "Pride",
    "Realization",
    "Relief",
    "Romance",
    "Sadness",
    "Satisfaction",
    "Shame",
    "Surprise (negative)",
    "Surprise (positive)",
    "Sympathy",
    "Tiredness",
    "Triumph",
]
MINUTES = 60
QUESTION = "Can you walk me through a time you had to make a difficult technical decision?"
# About 140 spoken words a minute: a one-minute answer.
ANSWER = (
    "Sure. In my last role we had to choose between extending our monolith and splitting "
    "out the billing service. I gathered the error budgets, talked to the two teams that "
    "depended on it, and wrote a short design document comparing both options. We chose to "
    "split it because deployments were blocking each other, and I planned the migration in "
    "three steps so that we could roll back at each one. The first step moved the reads, "
    "the second the writes behind a feature flag, and the third removed the old code. It "
    "took six weeks, we had one incident during the second step that we caught with our "
    "alerts, and afterwards deployments for both teams went from weekly to daily. Looking "
    "back, I would involve the support team earlier, because they saw the customer impact "
    "of the incident before we did."
)


SENTENCES = [sentence.strip() + "." for sentence in ANSWER.split(".") if sentence.strip()]


def sixty_minute_transcript() -> list[TranscriptEntry]:
    rng = random.Random(8)
    entries = []
    start = 2_000
    while start + 75_000 < MINUTES * 60_000:
        entries.append(TranscriptEntry("interviewer", QUESTION, start, start + 5_000))
        utterance_start = start + 5_000 + rng.randint(800, 4_000)
        for sentence in SENTENCES:
            # About 140 words a minute, then a short breath.
            utterance_end = utterance_start + len(sentence.split()) * 430
            entries.append(
                TranscriptEntry(
                    "interviewee",
                    sentence,
                    utterance_start,
                    utterance_end,
                    emotions={name: rng.random() for name in HUME_EMOTIONS},
                )
            )
            utterance_start = utterance_end + rng.randint(200, 1_200)
        start = utterance_start + rng.randint(1_000, 6_000)
    return entries


def main() -> None:
    transcript = sixty_minute_transcript()
    inputs = FeedbackInputs(
        candidate_name="Ada Lovelace",
        job_title="Senior Backend Engineer",
        job_name="Payments",
        job_description="Design, build and run payment APIs in Python. " * 20,
        experience_level="senior",
        transcript=transcript,
    )
    top = len(build_prompt(inputs, emotions_kept=TOP_EMOTIONS_KEPT))
    everything = len(build_prompt(inputs, emotions_kept=None))
    system = len(SYSTEM_PROMPT)
    answers = sum(entry.speaker == "interviewee" for entry in transcript)
    minutes = transcript[-1].start_ms / 60_000
    print(
        f"{minutes:.0f}-minute transcript: {len(transcript)} messages, "
        f"{answers} interviewee utterances with 48 scores each"
    )
    print(f"prompt with the top {TOP_EMOTIONS_KEPT} emotions: {top:,} characters")
    print(f"prompt with all 48 emotions:    {everything:,} characters")
    print(f"smaller by: {1 - top / everything:.1%} (goal: at least 60%)")
    print(
        f"with the system prompt ({system:,} characters): {top + system:,} vs "
        f"{everything + system:,}, smaller by {1 - (top + system) / (everything + system):.1%}"
    )


if __name__ == "__main__":
    main()
