"""Test helpers: a throwaway PostgreSQL server on loopback, and free ports."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Debian's Chromium, kept off every network but loopback.
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def stop_process_group(process: subprocess.Popen, timeout: float) -> None:
    """Stop a process started with `start_new_session=True`, and all its children."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    found = shutil.which("pg_ctl")
    if candidates:
        return Path(candidates[0]).parent
    if found:
        return Path(found).parent
    msg = "PostgreSQL is not installed (Debian package `postgresql`); .ci/run installs it."
    raise RuntimeError(msg)


def _as_postgres_user(command: list[str]) -> list[str]:
    # The server refuses to run as root; Debian's package creates the `postgres` user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Run a private PostgreSQL server on 127.0.0.1 for the duration of the block.

    Yields:
        A SQLAlchemy URL of an empty database on it.
    """
    bin_dir = _postgres_bin_dir()
    root = Path(tempfile.mkdtemp(prefix="interview-pg-"))
    data_dir, socket_dir = root / "data", root / "sock"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -h 127.0.0.1 -k {socket_dir} -F -c max_connections=200"
    subprocess.run(
        _as_postgres_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data_dir),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "-l",
                str(root / "server.log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate", "-w", "stop"]
            ),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def app_server(
    database_url: str,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
    log_path: Path | None = None,
) -> Iterator[str]:
    """Run the production app (`interview-app run`) on a loopback port.

    Args:
        database_url: The database the app uses.
        extra_env: More environment variables for the app.
        port: The port; a free one when omitted.
        log_path: Where the app's output goes; a temporary file when omitted.

    Yields:
        The app's base URL.
    """
    import sys
    import time
    import urllib.request

    port = port or free_port()
    log_path = log_path or Path(tempfile.mkdtemp(prefix="interview-app-log-")) / "server.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "e2e-secret-key",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **(extra_env or {}),
    }
    command = [str(Path(sys.executable).with_name("interview-app")), "run", "--port", str(port)]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 420
        while True:
            if process.poll() is not None:
                msg = f"The app exited with {process.returncode}:\n{log_path.read_text()[-4000:]}"
                raise RuntimeError(msg)
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{base_url}/", timeout=5) as response,
            ):
                if response.status == 200:
                    break
            if time.monotonic() > deadline:
                msg = f"The app did not start in time:\n{log_path.read_text()[-4000:]}"
                raise RuntimeError(msg)
            time.sleep(0.5)
        yield base_url
    finally:
        stop_process_group(process, timeout=20)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """Run a private Redis server (Debian's `redis-server`) on 127.0.0.1 for the block.

    Yields:
        Its URL.
    """
    import time

    binary = shutil.which("redis-server") or "/usr/sbin/redis-server"
    if not Path(binary).exists():
        msg = (
            "Redis is not installed (Debian package `redis-server`); scripts/setup.sh installs it."
        )
        raise RuntimeError(msg)
    port = free_port()
    root = Path(tempfile.mkdtemp(prefix="interview-redis-"))
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(root),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                msg = "Redis did not start."
                raise RuntimeError(msg)
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process_group(process, timeout=10)
        shutil.rmtree(root, ignore_errors=True)
