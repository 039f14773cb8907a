"""Settings shared by every process: the secret key file and `.env` (SPEC §9)."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.config import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKERS = 8


def _read_key(key_file: str, barrier: multiprocessing.synchronize.Barrier, results) -> None:
    settings = Settings(secret_key=None, secret_key_file=Path(key_file))
    barrier.wait()
    results.put(settings.resolved_secret_key())


@pytest.mark.parametrize("trial", range(3))
def test_workers_starting_at_once_all_use_one_private_secret_key(
    tmp_path: Path, trial: int
) -> None:
    key_file = tmp_path / "secret"
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    workers = [
        context.Process(target=_read_key, args=(str(key_file), barrier, results))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    keys = [results.get(timeout=30) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)

    assert len(set(keys)) == 1
    assert len(keys[0]) >= 40
    assert key_file.read_text().strip() == keys[0]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["secret"]


def test_redis_url_in_dotenv_reaches_reflex(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("REDIS_URL=redis://127.0.0.1:6390/3\n")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "REFLEX_REDIS_URL"}
    }
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    shown = subprocess.run(
        [sys.executable, "-c", "import rxconfig; print(rxconfig.config.redis_url)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert shown.stdout.strip().splitlines()[-1] == "redis://127.0.0.1:6390/3"
