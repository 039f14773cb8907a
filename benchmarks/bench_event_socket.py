"""Server throughput of "save job info" through Reflex's event socket, without a browser.

Browsers saturate a small machine long before the server does, so this speaks the event
socket's protocol itself (tests/reflex_socket.py): CLIENTS signed-in users each open the
new-job-info page and save SAVES job infos one after another. Printed per setup: saves/s,
p50/p95 latency (send -> the redirect to the saved job info), and server CPU per save (all
app processes; PostgreSQL + Redis shown apart).

Setups: (i) one process on SQLite, (ii) one instance with one worker per core on PostgreSQL
+ Redis (the default, which holds a tab's state in its worker between events; also with
`REDIS_STATE_HOLD_SECONDS=0`, which reads and writes it in Redis per event), (iii) two
instances (one worker each) sharing PostgreSQL + Redis, clients split between them. Everything
runs on loopback.
Run: `.venv/bin/python benchmarks/bench_event_socket.py` (`--clients 20 --saves 10`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil
from sqlmodel import Session

from interview_app.db import make_engine, migrate
from interview_app.server import available_cores
from interview_app.services.accounts.sessions import start_session
from interview_app.services.accounts.users import create_local_user
from tests.reflex_socket import ReflexSocket
from tests.support import AppProcess, build_frontend, postgres_server, redis_server, start_app

PUBLIC_URL = "http://localhost:3000"


def _cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            process = psutil.Process(pid)
            for member in [process, *process.children(recursive=True)]:
                times = member.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def _listening_pids(urls: list[str]) -> list[int]:
    # The servers this benchmark started (other PostgreSQL servers may run on the machine).
    ports = {urlsplit(url.replace("+psycopg", "")).port for url in urls}
    return [
        connection.pid
        for connection in psutil.net_connections(kind="tcp")
        if connection.status == psutil.CONN_LISTEN
        and connection.laddr.port in ports
        and connection.pid is not None
    ]


def _session_cookies(database_url: str, count: int) -> list[str]:
    engine = make_engine(database_url)
    cookies = []
    with Session(engine, expire_on_commit=False) as session:
        for _ in range(count):
            user = create_local_user(
                session=session,
                email=f"bench-{uuid.uuid4().hex[:10]}@example.com",
                password="correct horse battery",
                name="Bench",
            )
            cookies.append(start_session(session=session, user_id=user.id, next_path="/app").token)
    engine.dispose()
    return cookies


async def _client(base_url: str, cookie: str, saves: int, latencies: list[float]) -> None:
    socket = ReflexSocket(base_url, cookie)
    await socket.open("/app/job-infos/new")
    try:
        for index in range(saves):
            started = time.perf_counter()
            await socket.save_job_info(name=f"Bench {index}", description="Measure me. " * 50)
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        await socket.close()


async def _load(base_urls: list[str], cookies: list[str], saves: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _client(base_urls[i % len(base_urls)], cookie, saves, latencies)
            for i, cookie in enumerate(cookies)
        )
    )
    return time.perf_counter() - started, latencies


def _measure(
    label: str,
    apps: list[AppProcess],
    database_url: str,
    clients: int,
    saves: int,
    backing_urls: list[str],
) -> None:
    base_urls = [app.base_url for app in apps]
    # Warm up: first connections, imports, caches.
    asyncio.run(_load(base_urls, _session_cookies(database_url, 2), 2))
    cookies = _session_cookies(database_url, clients)
    app_pids = [app.process.pid for app in apps]
    backing_pids = _listening_pids(backing_urls)
    app_cpu, backing_cpu = _cpu_seconds(app_pids), _cpu_seconds(backing_pids)
    elapsed, latencies = asyncio.run(_load(base_urls, cookies, saves))
    app_cpu = _cpu_seconds(app_pids) - app_cpu
    backing_cpu = _cpu_seconds(backing_pids) - backing_cpu
    count = len(latencies)
    latencies.sort()
    p95 = latencies[min(count - 1, round(0.95 * count) - 1)]
    print(
        f"{label}: {count} saves by {clients} clients in {elapsed:.1f} s = "
        f"{count / elapsed:.1f} saves/s; latency p50 {statistics.median(latencies):.0f} ms, "
        f"p95 {p95:.0f} ms; CPU per save: app {app_cpu / count * 1000:.1f} ms"
        + (f", PostgreSQL+Redis {backing_cpu / count * 1000:.1f} ms" if backing_pids else "")
    )


@contextmanager
def _sqlite_database() -> Iterator[str]:
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    migrate(make_engine(url))
    yield url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--only", choices=["i", "ii", "iii"], default=None)
    args = parser.parse_args()
    cores = available_cores()
    print(
        f"machine: {cores} cores, {os.cpu_count()} CPUs; load: {args.clients} clients x "
        f"{args.saves} saves"
    )
    build_frontend(PUBLIC_URL)
    env = {"PUBLIC_URL": PUBLIC_URL}
    run = ("--no-build",)
    if args.only in (None, "i"):
        with _sqlite_database() as url, start_app(url, extra_env=env, extra_args=run) as app:
            _measure("(i) 1 process, SQLite", [app], url, args.clients, args.saves, [])
    with postgres_server() as database_url, redis_server() as redis_url:
        migrate(make_engine(database_url))
        env = {**env, "REDIS_URL": redis_url}
        backing = [database_url, redis_url]
        if args.only in (None, "ii"):
            with start_app(database_url, workers=cores, extra_env=env, extra_args=run) as app:
                _measure(
                    f"(ii) 1 instance x {cores} workers, PostgreSQL + Redis",
                    [app],
                    database_url,
                    args.clients,
                    args.saves,
                    backing,
                )
            per_event = {**env, "REDIS_STATE_HOLD_SECONDS": "0"}
            with start_app(database_url, workers=cores, extra_env=per_event, extra_args=run) as app:
                _measure(
                    "(ii) same, REDIS_STATE_HOLD_SECONDS=0",
                    [app],
                    database_url,
                    args.clients,
                    args.saves,
                    backing,
                )
        if args.only in (None, "iii"):
            with ExitStack() as stack:
                apps = [
                    stack.enter_context(
                        start_app(database_url, workers=1, extra_env=env, extra_args=run)
                    )
                    for _ in range(2)
                ]
                _measure(
                    "(iii) 2 instances x 1 worker, PostgreSQL + Redis",
                    apps,
                    database_url,
                    args.clients,
                    args.saves,
                    backing,
                )


if __name__ == "__main__":
    main()
