"""Fetching a 1,500-event chat (15 pages of 100) with 250 ms added to every request.

Serves the fake EVI server on loopback with 250 ms of latency per request, then times,
10 times each, our fetch (page 0, then the other 14 pages at once) and a sequential fetch
page after page (the seed's way), and prints the medians and their ratio. Two round trips
are the floor (0.5 s), so the best possible ratio is 7.5x.
Run: `.venv/bin/python benchmarks/bench_hume_chat_fetch.py`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn

from interview_app.devtools.fake_hume import FakeHume
from interview_app.services.voice.hume import PAGE_SIZE, HumeClient
from tests.support import free_port

RUNS = 10
EVENTS = 1500
LATENCY_SECONDS = 0.25
CHAT_ID = "bench-chat"


def serve_fake(port: int) -> None:
    """The fake in its own process, so its work does not share a core with the client's."""
    fake = FakeHume(latency_seconds=LATENCY_SECONDS)
    # 1,498 messages plus the chat's start and end events: 1,500 events, 15 pages.
    fake.add_chat(
        [("USER" if n % 2 else "AGENT", f"message {n}") for n in range(EVENTS - 2)],
        config_id="bench",
        chat_id=CHAT_ID,
    )
    uvicorn.run(fake.build_app(), host="127.0.0.1", port=port, log_level="warning")


def wait_until_up(base_url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base_url}/v0/evi/chats/{CHAT_ID}", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the fake EVI server did not start")


async def sequential_fetch(client: HumeClient, chat_id: str) -> int:
    """Page after page until `total_pages`, one request at a time."""
    events = 0
    async with httpx.AsyncClient(base_url=client.base_url, timeout=30) as http:
        page, total_pages = 0, 1
        while page < total_pages:
            response = await http.get(
                f"/v0/evi/chats/{chat_id}",
                params={"page_number": page, "page_size": PAGE_SIZE, "ascending_order": "true"},
                headers={"X-Hume-Api-Key": client.api_key},
            )
            body = response.json()
            total_pages = body["total_pages"]
            events += len(body["events_page"])
            page += 1
    return events


async def ours(client: HumeClient, chat_id: str) -> int:
    return len((await client.fetch_chat(chat_id)).events)


async def median_seconds(fetch, client: HumeClient, chat_id: str) -> tuple[float, float]:
    """Median wall-clock seconds of a fetch, and the client's median CPU seconds."""
    times, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        count = await fetch(client, chat_id)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert count == EVENTS, count
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    port = free_port()
    server = multiprocessing.Process(target=serve_fake, args=(port,), daemon=True)
    server.start()
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_up(base_url)
        client = HumeClient(base_url=base_url, api_key="fake-api-key", secret_key="fake-secret-key")
        ours_s, ours_cpu = asyncio.run(median_seconds(ours, client, CHAT_ID))
        sequential_s, sequential_cpu = asyncio.run(
            median_seconds(sequential_fetch, client, CHAT_ID)
        )
    finally:
        server.terminate()
        server.join(timeout=10)
    print(f"chat of {EVENTS} events, {EVENTS // PAGE_SIZE} pages, +{LATENCY_SECONDS * 1000:.0f} ms")
    print(
        f"  ours (page 0, then the rest): median {ours_s * 1000:.0f} ms over {RUNS}"
        f" (client CPU {ours_cpu * 1000:.0f} ms)"
    )
    print(
        f"  sequential (the seed's way):   median {sequential_s * 1000:.0f} ms over {RUNS}"
        f" (client CPU {sequential_cpu * 1000:.0f} ms)"
    )
    print(f"  ratio: {sequential_s / ours_s:.1f}x (two round trips, the floor, would be 7.5x)")
    load = os.getloadavg()[0]
    print(f"  (load average {load:.1f} on {os.cpu_count()} cores while measuring)")


if __name__ == "__main__":
    main()
