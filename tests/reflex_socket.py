"""A protocol-level client of Reflex's event socket (Engine.IO 4 / Socket.IO 5 over websocket).

It sends what the app's frontend sends (frames recorded from Chromium against this app): the
namespace connect carries the page's `hydrate_and_load`, events are `42/_event,["event",{...}]`
and the server answers with `delta` and `events` frames. Used by the multi-instance tests and
the load benchmarks, where browsers would saturate the machine before the server does.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import websockets

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
SESSION_STATE = f"{ROOT_STATE}.interview_app___state___session____session_state"
JOB_INFO_STATE = f"{SESSION_STATE}.interview_app___state___job_infos____job_info_state"
FEEDBACK_STATE = f"{SESSION_STATE}.interview_app___state___feedback____feedback_state"


def _router_data(path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
    # The frontend sends a dynamic route's arguments (`[interview_id]`) as the query.
    path = path.rstrip("/") + "/"
    return {"pathname": path, "asPath": path, "query": params or {}}


@dataclass
class ReflexSocket:
    """One browser tab's socket: a client token, the session cookie, and the open connection."""

    base_url: str
    session_cookie: str | None = None
    cookie_name: str = "interview_session"
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    _connection: Any = None
    _inbox: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    _reader: asyncio.Task[None] | None = None

    async def open(
        self, page_path: str, params: dict[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """Connect as a page load of `page_path` does; returns the updates up to hydration."""
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        url = f"{scheme}://{parts.netloc}{NAMESPACE}/?token={self.token}&EIO=4&transport=websocket"
        headers = {"Origin": self.base_url}
        if self.session_cookie:
            headers["Cookie"] = f"{self.cookie_name}={self.session_cookie}"
        self._connection = await websockets.connect(
            url, additional_headers=headers, subprotocols=["0.10.1"], max_size=None
        )
        opening = await self._connection.recv()
        if not str(opening).startswith("0"):
            msg = f"Unexpected Engine.IO opening: {opening!r}"
            raise ConnectionError(msg)
        hydrate = {
            "event": {
                "name": f"{ROOT_STATE}.hydrate_and_load",
                "payload": {},
                "router_data": _router_data(page_path, params),
            }
        }
        await self._connection.send(f"40{NAMESPACE},{json.dumps(hydrate)}")
        self._reader = asyncio.create_task(self._read())
        return await self.until(lambda update: _is_hydrated(update))

    async def _read(self) -> None:
        async for frame in self._connection:
            text = str(frame)
            if text == "2":
                await self._connection.send("3")
            elif text.startswith(f"42{NAMESPACE},"):
                name, data = json.loads(text[len(NAMESPACE) + 3 :])
                if name == "event":
                    await self._inbox.put(data)

    async def send(
        self,
        handler: str,
        payload: dict[str, Any],
        page_path: str,
        params: dict[str, str] | None = None,
    ) -> None:
        """Send one event, as a click on the page at `page_path` does."""
        event = {
            "name": handler,
            "payload": payload,
            "router_data": _router_data(page_path, params),
        }
        await self._connection.send(f"42{NAMESPACE},{json.dumps(['event', event])}")

    async def until(self, done: Any, timeout: float = 30) -> list[dict[str, Any]]:
        """Collect updates until `done(update)` is true for one; returns them all."""
        updates: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                msg = f"No matching update in {timeout} s; got {updates!r:.2000}"
                raise TimeoutError(msg)
            try:
                update = await asyncio.wait_for(self._inbox.get(), remaining)
            except TimeoutError:
                if self._reader is not None and self._reader.done():
                    msg = "The server closed the socket"
                    raise ConnectionError(msg) from None
                continue
            updates.append(update)
            if done(update):
                return updates

    async def save_job_info(self, *, name: str, description: str) -> str:
        """Submit the new-job-info form; returns the id of the saved job info."""
        form = [
            ["name", name],
            ["title", ""],
            ["experience_level", "senior"],
            ["description", description],
        ]
        await self.send(
            f"{JOB_INFO_STATE}.create",
            {"form_data": {"__reflex_form_data__": form}},
            "/app/job-infos/new",
        )
        updates = await self.until(_redirect_path)
        return _redirect_path(updates[-1]).rsplit("/", 1)[-1]

    async def generate_feedback(self, job_info_id: str, interview_id: str) -> None:
        """Click "generate feedback" on the page of one interview."""
        path = f"/app/job-infos/{job_info_id}/interviews/{interview_id}"
        params = {"job_info_id": job_info_id, "interview_id": interview_id}
        await self.send(f"{FEEDBACK_STATE}.generate", {}, path, params)

    async def close(self) -> None:
        """Close the socket."""
        if self._reader is not None:
            self._reader.cancel()
        if self._connection is not None:
            await self._connection.close()


def _is_hydrated(update: dict[str, Any]) -> bool:
    return update.get("delta", {}).get(ROOT_STATE, {}).get("is_hydrated_rx_state_") is True


def _redirect_path(update: dict[str, Any]) -> str:
    for event in update.get("events", []):
        if event.get("name") == "_redirect":
            return event["payload"]["path"]
    return ""


def signed_in_user(updates: list[dict[str, Any]]) -> str:
    """Return the email the page shows as signed in ('' when signed out)."""
    email = ""
    for update in updates:
        session = update.get("delta", {}).get(SESSION_STATE, {})
        email = session.get("user_email_rx_state_", email)
    return email
