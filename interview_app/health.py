"""The health endpoint: is this instance able to serve (its database and Redis answer)?"""

from __future__ import annotations

import logging

import redis
import redis.asyncio
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from interview_app.config import get_settings
from interview_app.db import open_session

logger = logging.getLogger(__name__)
_REDIS_TIMEOUT_SECONDS = 2.0
# Load balancers and `docker compose` probe this path.
HEALTH_PATH = "/health"


class RedisUnavailableError(Exception):
    """Redis at `REDIS_URL` did not answer; the message names the URL's host, not secrets."""


def _redis_host(url: str) -> str:
    pool = redis.ConnectionPool.from_url(url)
    kwargs = pool.connection_kwargs
    return f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}"


def check_redis(url: str) -> None:
    """Ping Redis once, for a clear message at start instead of a crash later.

    Args:
        url: `REDIS_URL`.

    Raises:
        RedisUnavailableError: Redis did not answer.
    """
    client = redis.Redis.from_url(
        url, socket_timeout=_REDIS_TIMEOUT_SECONDS, socket_connect_timeout=_REDIS_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except (redis.RedisError, OSError, ValueError) as error:
        msg = f"Redis at {_redis_host(url)} (REDIS_URL) does not answer; start it or fix the URL."
        raise RedisUnavailableError(msg) from error
    finally:
        client.close()


def _database_answers() -> bool:
    try:
        with open_session() as session:
            session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False
    return True


async def _redis_answers(url: str) -> bool:
    client = redis.asyncio.Redis.from_url(
        url, socket_timeout=_REDIS_TIMEOUT_SECONDS, socket_connect_timeout=_REDIS_TIMEOUT_SECONDS
    )
    try:
        await client.ping()
    except (redis.RedisError, OSError):
        logger.warning("Health check: Redis does not answer", exc_info=True)
        return False
    finally:
        await client.aclose()
    return True


async def health(_request: Request) -> JSONResponse:
    """Answer 200 when the database (and Redis, when configured) answer, else 503."""
    redis_url = get_settings().redis_url
    checks = {
        "database": "ok" if await run_in_threadpool(_database_answers) else "unavailable",
        "redis": "not configured"
        if not redis_url
        else "ok"
        if await _redis_answers(redis_url)
        else "unavailable",
    }
    healthy = "unavailable" not in checks.values()
    return JSONResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status_code=200 if healthy else 503,
        headers={"Cache-Control": "no-store"},
    )


def build_health_routes() -> list[Route]:
    """Return the health route for `build_http_app()`."""
    return [Route(HEALTH_PATH, health, methods=["GET", "HEAD"])]
