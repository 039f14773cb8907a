"""Build the frontend once and serve it with the backend from several workers (SPEC §9).

`interview-app build` compiles the pages and bundles the frontend into `.web/build/client`,
with the socket address taken from `PUBLIC_URL`, and stamps the build with that URL and a
fingerprint of the sources. `interview-app run` serves an up-to-date build as it is (building
only when it is missing or stale), so every instance started from one build serves the same
asset names and talks to the same public socket address.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app.locks import exclusive_file_lock

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUILD_STAMP_NAME = "interview-app-build.json"
# What the compiled pages depend on; settings are read at run time, not at build time.
_SOURCE_GLOBS = ("interview_app/**/*.py", "interview_app/**/*.jsx", "assets/**/*", "rxconfig.py")
# A stopping worker's whole budget, after which Granian kills it. Its shutdown runs in
# sequence: the running events drain, then the sweep stops, then the held page state is
# written back to Redis; the parts below must fit in it together, or a busy worker is
# killed with its events unfinished ("refused to gracefully stop").
GRACEFUL_SHUTDOWN_SECONDS = 30
# How long the events a stopping worker is handling may take to finish.
EVENT_DRAIN_SECONDS = 24
SWEEP_STOP_SECONDS = 3
_REFLEX_DEFAULT_LOCK_EXPIRATION_MS = 10_000
# React Router's prerender gives each page a fixed 10 s (not configurable); on a saturated
# machine the first page can take longer, which fails a build that would otherwise pass.
_PRERENDER_TIMEOUT = re.compile(r"Prerender:\s+Request\s.{0,300}?timed\s+out", re.S)
_BUILD_ATTEMPTS = 3


def web_dir() -> Path:
    """Return the folder of the frontend build: `.web`, or Reflex's `REFLEX_WEB_WORKDIR`.

    Several builds for different public URLs can live side by side in folders of their own
    (the test suite gives each app server on its own port one).
    """
    return PROJECT_ROOT / os.environ.get("REFLEX_WEB_WORKDIR", ".web")


def _build_stamp_path() -> Path:
    return web_dir() / "build" / BUILD_STAMP_NAME


class ServerConfigError(Exception):
    """The requested way of serving cannot work; the message says why and what to do."""


def available_cores() -> int:
    """Return the number of CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def choose_workers(requested: int | None, *, redis_url: str | None, cores: int) -> int:
    """Decide how many backend workers to start.

    Args:
        requested: `--workers`, or None for the default.
        redis_url: `REDIS_URL`; workers share state only through Redis.
        cores: The CPU cores available.

    Returns:
        The worker count: 1 without Redis, one per core with Redis, unless requested.

    Raises:
        ServerConfigError: More workers than one without Redis, more than the cores, or < 1.
    """
    if requested is None:
        return cores if redis_url else 1
    if requested < 1:
        msg = "--workers must be at least 1."
        raise ServerConfigError(msg)
    if requested > 1 and not redis_url:
        msg = (
            f"--workers {requested} needs REDIS_URL: several workers share the app's state "
            "through Redis. Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) or use one worker."
        )
        raise ServerConfigError(msg)
    if requested > cores:
        msg = (
            f"--workers {requested} is more than the {cores} CPU core(s) available; "
            f"use at most {cores} (more workers than cores only adds switching)."
        )
        raise ServerConfigError(msg)
    return requested


def redis_state_environment(*, redis_url: str | None, hold_seconds: float) -> dict[str, str]:
    """Return the Reflex variables that make a worker keep a tab's Redis state between events.

    Without them every event locks the tab's state in Redis, reads it, writes it back and
    unlocks it. With Reflex's opportunistic lock a worker keeps the state (and its lock) for
    `hold_seconds` after an event, serves the tab's next events from memory, and writes the
    state back when the time is up, when another worker or instance asks for the lock, or
    when the worker stops.

    Args:
        redis_url: `REDIS_URL`; without Redis there is nothing to hold.
        hold_seconds: `REDIS_STATE_HOLD_SECONDS`; 0 turns holding off.

    Returns:
        The variables to set (empty when holding is off).
    """
    if not redis_url or hold_seconds <= 0:
        return {}
    # A held lock is written back only after the hold, so the hold plus that write must fit
    # in the lock's expiry, which an operator may shorten (`REFLEX_REDIS_LOCK_EXPIRATION`,
    # milliseconds): keeping the hold under a fifth of it leaves a saturated CPU the rest
    # (with a 1 s lock and half of it held, sign-ins under load lost their state writes).
    hold_ms = min(round(hold_seconds * 1000), _redis_lock_expiration_ms() // 5)
    return {"REFLEX_OPLOCK_ENABLED": "true", "REFLEX_OPLOCK_HOLD_TIME": f"{hold_ms}ms"}


def _redis_lock_expiration_ms() -> int:
    try:
        return max(int(os.environ.get("REFLEX_REDIS_LOCK_EXPIRATION", "")), 2)
    except ValueError:
        return _REFLEX_DEFAULT_LOCK_EXPIRATION_MS


def source_fingerprint() -> str:
    """Return a hash of every file the frontend build is compiled from."""
    digest = hashlib.sha256()
    paths = {p for pattern in _SOURCE_GLOBS for p in PROJECT_ROOT.glob(pattern) if p.is_file()}
    for path in sorted(paths):
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class BuildStamp:
    """What a frontend build was made from."""

    public_url: str
    fingerprint: str


def read_build_stamp() -> BuildStamp | None:
    """Return the stamp of the current build, or None when there is no complete build."""
    try:
        data = json.loads(_build_stamp_path().read_text())
        return BuildStamp(public_url=data["public_url"], fingerprint=data["fingerprint"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    # Instances started together from one checkout build one after another, not over each other.
    with exclusive_file_lock(web_dir().with_name(f"{web_dir().name}.interview-app-build.lock")):
        yield


def _reflex_command() -> str:
    return shutil.which("reflex") or str(Path(sys.executable).with_name("reflex"))


def _export(command: list[str], env: dict[str, str]) -> tuple[int, bool]:
    """Run `reflex export`, its output going to the console as it comes.

    Returns:
        Its exit code, and whether its output says a prerender request timed out.
    """
    tail: collections.deque[str] = collections.deque(maxlen=200)
    with subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            tail.append(line)
        sys.stdout.flush()
    # The export's console wraps long lines, so the message is looked for across them.
    return process.returncode, _PRERENDER_TIMEOUT.search(" ".join(tail)) is not None


def build_frontend(public_url: str) -> BuildStamp:
    """Compile the pages and bundle the frontend for `public_url`.

    Args:
        public_url: The address browsers use; its `/_event` is the socket address.

    Returns:
        The stamp of the new build.

    Raises:
        ServerConfigError: The build failed (its output is on the console).
    """
    stamp = BuildStamp(public_url=public_url, fingerprint=source_fingerprint())
    env = {
        **os.environ,
        "REFLEX_API_URL": public_url,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [_reflex_command(), "export", "--frontend-only", "--no-zip", "--env", "prod"]
    lock_file = PROJECT_ROOT / "reflex.lock" / "package.json"
    checked_in = lock_file.read_bytes() if lock_file.is_file() else None
    for attempt in range(1, _BUILD_ATTEMPTS + 1):
        returncode, timed_out = _export(command, env)
        if returncode == 0 or not timed_out or attempt == _BUILD_ATTEMPTS:
            break
        print(
            "Prerendering a page took longer than React Router's fixed 10 s on this busy "
            "machine; building again.",
            flush=True,
        )
    # Reflex rewrites the checked-in lock file on one line; keep the file as committed when
    # its content did not change, so a build leaves the checkout clean.
    if checked_in is not None and json.loads(lock_file.read_bytes()) == json.loads(checked_in):
        lock_file.write_bytes(checked_in)
    if returncode != 0:
        msg = f"The frontend build failed (exit code {returncode}); see the output above."
        raise ServerConfigError(msg)
    _build_stamp_path().write_text(
        json.dumps({"public_url": public_url, "fingerprint": stamp.fingerprint})
    )
    return stamp


def ensure_frontend_built(public_url: str, *, allow_build: bool) -> bool:
    """Make sure the build on disk matches the sources and `public_url`.

    Args:
        public_url: The address browsers use.
        allow_build: Build when the build is missing or stale; otherwise refuse.

    Returns:
        True when a build was made now, False when the existing one was kept.

    Raises:
        ServerConfigError: The build is missing or stale and building is not allowed.
    """
    wanted = BuildStamp(public_url=public_url, fingerprint=source_fingerprint())
    if not allow_build:
        # Only reads: a read-only install (the container image's root-owned /app) serves
        # its build without a lock file beside it.
        _refuse_unless_built(wanted)
        return False
    with _build_lock():
        if read_build_stamp() == wanted:
            return False
        build_frontend(public_url)
        return True


def _refuse_unless_built(wanted: BuildStamp) -> None:
    current = read_build_stamp()
    if current == wanted:
        return
    public_url = wanted.public_url
    reason = (
        "there is no frontend build"
        if current is None
        else f"the frontend was built for {current.public_url}"
        if current.public_url != public_url
        else "the frontend build is older than the sources"
    )
    msg = (
        f"{reason}; run `interview-app build` with PUBLIC_URL={public_url} first "
        f"(the container image: build it with --build-arg PUBLIC_URL={public_url})."
    )
    raise ServerConfigError(msg)


def serve(*, host: str, port: int, workers: int, environment: dict[str, str] | None = None) -> None:
    """Serve the built frontend and the backend on one port until stopped.

    Workers are forked from this process after the app is imported (they share its pages);
    each one opens its own database connections (`interview_app.db`). A worker that dies is
    started again; SIGTERM or SIGINT lets running events finish for up to
    `EVENT_DRAIN_SECONDS`, and a worker is killed if its whole stop takes longer than
    `GRACEFUL_SHUTDOWN_SECONDS`.

    Args:
        host: Address to listen on.
        port: Port to listen on.
        workers: Number of backend worker processes.
        environment: Variables for Reflex (see `redis_state_environment`); ones already set
            in the process environment win.
    """
    for name, value in (environment or {}).items():
        os.environ.setdefault(name, value)
    os.chdir(PROJECT_ROOT)
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))

    from granian.constants import Interfaces, RuntimeModes
    from granian.log import LogLevels
    from granian.server import Server
    from reflex import constants
    from reflex.config import environment
    from reflex.utils import exec as reflex_exec

    # What `reflex run --env prod` sets: serve the build on disk, never compile again.
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.set(True)

    # As `reflex run --env prod` does: import the app once here so forked workers share it.
    multiprocessing.set_start_method("fork", force=True)
    if not reflex_exec._preload_for_fork(None):
        multiprocessing.set_start_method("spawn", force=True)

    Server(
        target=reflex_exec.get_app_instance(),
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        # Granian's multi-threaded runtime (its default for ASGI) drops the Python futures
        # still pending on a stopping worker's socket from threads that do not hold the GIL,
        # which aborts the worker (panic = abort) with the running event unfinished; the
        # single-threaded runtime drops them on a thread that holds it.
        runtime_mode=RuntimeModes.st,
        workers=workers,
        log_level=LogLevels.warning,
        log_dictconfig=reflex_exec._granian_log_dictconfig(),
        respawn_failed_workers=True,
        respawn_interval=1.0,
        workers_kill_timeout=GRACEFUL_SHUTDOWN_SECONDS,
    ).serve()


@contextlib.asynccontextmanager
async def finish_running_events(app: Any) -> AsyncIterator[None]:
    """Lifespan task: on shutdown, let events already running finish instead of cancelling them.

    Reflex's event processor cancels running events when its worker stops; with a drain time
    it waits for them first (up to `EVENT_DRAIN_SECONDS`), so a save that was under way
    when SIGTERM arrived is completed and stored.

    Args:
        app: The Reflex app (passed by Reflex).

    Yields:
        None while the worker serves.
    """
    app.event_processor.graceful_shutdown_timeout = EVENT_DRAIN_SECONDS
    yield
