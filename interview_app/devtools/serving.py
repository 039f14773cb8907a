"""Serving a local fake on loopback in a background thread, for tests and development."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn
from starlette.types import ASGIApp

START_TIMEOUT_SECONDS = 30


@contextlib.contextmanager
def serve_in_thread(app: ASGIApp, port: int = 0, **config: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on 127.0.0.1 in a background thread.

    Args:
        app: The app.
        port: The port; 0 picks a free one.
        **config: More `uvicorn.Config` options (e.g. `ws`, `lifespan`).

    Yields:
        The base URL (`http://127.0.0.1:PORT`), once the server listens.

    Raises:
        RuntimeError: The server did not start within `START_TIMEOUT_SECONDS`.
    """
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **config)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            msg = f"The local server for {type(app).__name__} did not start"
            raise RuntimeError(msg)
        time.sleep(0.02)
    bound_port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
