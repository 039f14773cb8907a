"""Serving a frontend built beforehand (`interview-app run --no-build`) only reads the disk.

The container image's /app belongs to root; its app user may not write a lock file there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_app.server import (
    BUILD_STAMP_NAME,
    ServerConfigError,
    ensure_frontend_built,
    source_fingerprint,
)

PUBLIC_URL = "http://127.0.0.1:3000"


@pytest.fixture
def web(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    web = tmp_path / "install" / ".web"
    (web / "build").mkdir(parents=True)
    monkeypatch.setenv("REFLEX_WEB_WORKDIR", str(web))
    return web


def _stamp(web: Path, public_url: str) -> None:
    stamp = {"public_url": public_url, "fingerprint": source_fingerprint()}
    (web / "build" / BUILD_STAMP_NAME).write_text(json.dumps(stamp))


def test_a_matching_build_is_served_without_writing_anything(web: Path) -> None:
    _stamp(web, PUBLIC_URL)
    before = sorted(web.parent.rglob("*"))
    assert ensure_frontend_built(PUBLIC_URL, allow_build=False) is False
    assert sorted(web.parent.rglob("*")) == before


def test_a_build_for_another_address_is_refused_without_writing_anything(web: Path) -> None:
    _stamp(web, "http://elsewhere:3000")
    before = sorted(web.parent.rglob("*"))
    with pytest.raises(ServerConfigError, match="built for http://elsewhere:3000"):
        ensure_frontend_built(PUBLIC_URL, allow_build=False)
    assert sorted(web.parent.rglob("*")) == before
