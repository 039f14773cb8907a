from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from interview_app.config import get_settings
from interview_app.health import build_health_routes


def health(monkeypatch: pytest.MonkeyPatch, **env: str) -> tuple[int, dict[str, str]]:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    with TestClient(Starlette(routes=build_health_routes())) as client:
        response = client.get("/health")
    return response.status_code, response.json()


def test_healthy_without_redis_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert health(monkeypatch) == (
        200,
        {"status": "ok", "database": "ok", "redis": "not configured"},
    )


def test_healthy_with_redis_answering(monkeypatch: pytest.MonkeyPatch, redis_url: str) -> None:
    assert health(monkeypatch, REDIS_URL=redis_url) == (
        200,
        {"status": "ok", "database": "ok", "redis": "ok"},
    )


def test_unavailable_when_redis_or_the_database_does_not_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    status, body = health(
        monkeypatch,
        REDIS_URL="redis://:hunter2@127.0.0.1:1/0",
        DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/x/app.db",
    )
    assert status == 503
    assert body == {"status": "unavailable", "database": "unavailable", "redis": "unavailable"}
