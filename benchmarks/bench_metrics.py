"""Delivery metrics (and the automatic rubric) over a 60-minute transcript: how long they take.

Builds a realistic 60-minute interview: 40 questions and answers of 150 to 400 words each,
split into a few messages per turn as voice providers deliver them, with times, fillers
and STAR phrases, against a 10,000-character job description. Times `compute_metrics`
(with the key terms), the key-term extraction, and the whole automatic feedback (key terms,
metrics, a review of every answer, the rubric); prints median and p95 over 50 runs.
Goal: metrics under 50 ms. Run: `.venv/bin/python benchmarks/bench_metrics.py`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_app.services.delivery.metrics import compute_metrics
from interview_app.services.feedback.rubric import automatic_feedback_for
from interview_app.services.jobs.key_terms import extract_key_terms
from interview_app.services.transcript_entry import TranscriptEntry

RUNS = 50
MINUTES = 60
SAMPLE = (
    "we I the team built a service um in my last role so I decided to use Python and "
    "Kubernetes you know basically as a result latency dropped by 30 percent then I "
    "talked to the product manager and the goal was to ship before the deadline"
)
WORDS = SAMPLE.split(" ")
DESCRIPTION = (
    "We are looking for an engineer with experience with PostgreSQL, Kafka and Terraform. "
    "You will build APIs in Python and Go on Kubernetes and AWS, with CI/CD and Docker. "
) * 60


def transcript(seed: int = 7) -> list[TranscriptEntry]:
    rng = random.Random(seed)
    entries: list[TranscriptEntry] = []
    clock, end = 0, MINUTES * 60 * 1000
    while clock < end:
        question = " ".join(rng.choices(WORDS, k=rng.randint(15, 40)))
        entries.append(TranscriptEntry("interviewer", question, clock, clock + 8_000))
        clock += 8_000 + rng.randint(500, 4_000)
        for _ in range(rng.randint(2, 5)):
            words = rng.randint(40, 100)
            seconds = words * 60 // rng.randint(110, 160)
            text = " ".join(rng.choices(WORDS, k=words))
            entries.append(
                TranscriptEntry(
                    "interviewee",
                    text,
                    clock,
                    clock + seconds * 1000,
                    emotions={"Calmness": 0.4},
                )
            )
            clock += seconds * 1000 + 300
    return entries


def timed(function, runs: int = RUNS) -> tuple[float, float, float]:
    """Median and p95 wall time, and median CPU time of this process, in ms.

    On a shared machine the wall time includes waiting for a core; the CPU time is what
    the computation itself costs.
    """
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    wall.sort()
    return statistics.median(wall), wall[int(len(wall) * 0.95) - 1], statistics.median(cpu)


def main() -> None:
    entries = transcript()
    words = sum(len(entry.text.split()) for entry in entries)
    terms = extract_key_terms(DESCRIPTION)
    metrics = compute_metrics(entries, terms)
    print(
        f"transcript: {MINUTES} min, {len(entries)} messages, {words} words, "
        f"{len(metrics.answers)} answers; description {len(DESCRIPTION)} characters"
    )
    for label, function in (
        ("compute_metrics (60-min transcript)", lambda: compute_metrics(entries, terms)),
        ("extract_key_terms (job description)", lambda: extract_key_terms(DESCRIPTION)),
        (
            "automatic_feedback_for (all of it)",
            lambda: automatic_feedback_for(transcript=entries, job_description=DESCRIPTION),
        ),
    ):
        median, p95, cpu = timed(function)
        print(f"{label:38s} wall median {median:6.2f} ms, p95 {p95:6.2f} ms; CPU {cpu:6.2f} ms")
    print(f"load average over the last minute: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
