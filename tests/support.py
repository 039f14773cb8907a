"""Test helpers: throwaway PostgreSQL and Redis servers on loopback, the app, free ports."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import glob
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interview_app.server import BUILD_STAMP_NAME, source_fingerprint

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


_HANDED_OUT_PORTS: set[int] = set()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now, never the same one twice.

    Never twice in one test run: a port is chosen before its server starts, and two servers
    on one address would share a frontend build made with the other's settings (the
    sign-in page prerendered without its "Continue with" button, say).
    """
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in _HANDED_OUT_PORTS:
            _HANDED_OUT_PORTS.add(port)
            return port


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
def redis_server() -> Iterator[str]:
    """Run a private Redis server on 127.0.0.1 (no persistence) for the duration of the block.

    Yields:
        Its URL.
    """
    redis_bin = shutil.which("redis-server")
    if redis_bin is None:
        msg = (
            "Redis is not installed (Debian package `redis-server`); scripts/setup.sh installs it."
        )
        raise RuntimeError(msg)
    root = Path(tempfile.mkdtemp(prefix="interview-redis-"))
    port = free_port()
    process = subprocess.Popen(
        [
            redis_bin,
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
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                msg = f"Redis did not start (exit code {process.poll()})"
                raise RuntimeError(msg)
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process_group(process, timeout=10)
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class AppProcess:
    """A running `interview-app run` and where its output goes."""

    base_url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        """Return what the app printed so far."""
        return self.log_path.read_text(errors="replace")


def _wait_until_serving(app: AppProcess, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if app.process.poll() is not None:
            msg = f"The app exited with {app.process.returncode}:\n{app.log()[-4000:]}"
            raise RuntimeError(msg)
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{app.base_url}/", timeout=5) as response,
        ):
            if response.status == 200:
                return
        if time.monotonic() > deadline:
            msg = f"The app did not start in time:\n{app.log()[-4000:]}"
            raise RuntimeError(msg)
        time.sleep(0.2)


def _wait_until_port_is_free(port: int, timeout: float) -> None:
    """Wait until a server may listen on `port`: the app that had it may still be exiting."""
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                if time.monotonic() > deadline:
                    msg = f"Port {port} is still in use after {timeout:g} s"
                    raise RuntimeError(msg) from None
            else:
                return
        time.sleep(0.2)


@functools.cache
def _builds_root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="interview-app-builds-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def web_workdir(public_url: str) -> str:
    """Return the frontend build folder of the app servers that browsers reach at `public_url`.

    The socket address is part of a build, so app servers on different ports each get a build
    of their own (instead of rebuilding, under each other's feet, the checkout's `.web`), and
    instances behind one address share one.
    """
    digest = hashlib.sha256(public_url.encode()).hexdigest()[:16]
    return str(_builds_root() / digest / ".web")


def app_env(
    database_url: str, extra_env: dict[str, str] | None = None, *, public_url: str
) -> dict[str, str]:
    """Return the environment `interview-app` runs with in tests, for one public URL."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "e2e-secret-key",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "REFLEX_WEB_WORKDIR": web_workdir(public_url),
        **(extra_env or {}),
    }


def frontend_is_built(public_url: str) -> bool:
    """Tell whether the build folder of `public_url` holds a build of the current sources.

    The app's own test (`interview_app.server.ensure_frontend_built`): a build belongs to an
    address and the sources; settings are read at run time, so apps that differ only in
    their environment share a build.

    Args:
        public_url: The address browsers use.

    Returns:
        True when `interview-app run` would keep the build as it is.
    """
    stamp = Path(web_workdir(public_url)) / "build" / BUILD_STAMP_NAME
    try:
        data = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    return data == {"public_url": public_url, "fingerprint": source_fingerprint()}


def build_frontend(public_url: str, extra_env: dict[str, str] | None = None) -> None:
    """Build the frontend for `public_url` (`interview-app build`) unless it is built already.

    Args:
        public_url: The address browsers use.
        extra_env: More environment variables for the build.

    Raises:
        RuntimeError: The build failed.
    """
    if frontend_is_built(public_url):
        return
    command = [
        str(Path(sys.executable).with_name("interview-app")),
        "build",
        "--public-url",
        public_url,
    ]
    env = app_env("sqlite://", extra_env, public_url=public_url)
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        msg = f"The frontend build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        raise RuntimeError(msg)


@contextlib.contextmanager
def start_app(
    database_url: str,
    *,
    port: int | None = None,
    workers: int | None = None,
    extra_env: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
    wait: bool = True,
    log_path: Path | None = None,
) -> Iterator[AppProcess]:
    """Run the production app (`interview-app run`) on a loopback port.

    Args:
        database_url: The database the app uses.
        port: The port; a free one when omitted.
        workers: `--workers`; the app's default when omitted.
        extra_env: More environment variables for the app (`REDIS_URL`, `PUBLIC_URL`, ...).
        extra_args: More arguments for `interview-app run`.
        wait: Wait until the app serves its landing page.
        log_path: Where the app's output goes; a temporary file when omitted.

    Yields:
        The running app; it is stopped (SIGTERM, then SIGKILL) on exit.
    """
    if port is None:
        port = free_port()
    else:
        _wait_until_port_is_free(port, timeout=60)
    log_path = log_path or Path(tempfile.mkdtemp(prefix="interview-app-log-")) / "server.log"
    command = [str(Path(sys.executable).with_name("interview-app")), "run", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    command += list(extra_args)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command,
            env=app_env(
                database_url,
                extra_env,
                public_url=(extra_env or {}).get("PUBLIC_URL") or f"http://localhost:{port}",
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    app = AppProcess(base_url=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
    try:
        if wait:
            _wait_until_serving(app, timeout=420)
        yield app
    finally:
        stop_process_group(process, timeout=40)


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
    with start_app(database_url, port=port, extra_env=extra_env, log_path=log_path) as app:
        yield app.base_url


class LoadBalancer:
    """A TCP load balancer on loopback: each new connection goes to the next backend that
    accepts it (round robin, no stickiness), as a layer-4 balancer in front of instances does.
    """

    def __init__(self, backends: list[tuple[str, int]], port: int | None = None) -> None:
        self.backends = backends
        self.port = port or free_port()
        self.connections_per_backend: dict[int, int] = {port: 0 for _, port in backends}
        self._next = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def url(self) -> str:
        """The address browsers use."""
        return f"http://127.0.0.1:{self.port}"

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(OSError):
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for _ in range(len(self.backends)):
            host, port = self.backends[self._next % len(self.backends)]
            self._next += 1
            try:
                backend_reader, backend_writer = await asyncio.open_connection(host, port)
            except OSError:
                continue
            self.connections_per_backend[port] += 1
            await asyncio.gather(
                self._pipe(reader, backend_writer), self._pipe(backend_reader, writer)
            )
            return
        writer.close()

    def __enter__(self) -> LoadBalancer:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._handle, "127.0.0.1", self.port), self._loop
        ).result(timeout=10)
        return self

    def __exit__(self, *_exc: object) -> None:
        server = self._server
        if server is not None:
            self._loop.call_soon_threadsafe(server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
