from __future__ import annotations

import pytest

from interview_app.config import Settings
from interview_app.server import ServerConfigError, choose_workers, redis_state_environment

REDIS = "redis://127.0.0.1:6379/0"


def test_one_worker_by_default_without_redis() -> None:
    assert choose_workers(None, redis_url=None, cores=8) == 1


def test_one_worker_per_core_by_default_with_redis() -> None:
    assert choose_workers(None, redis_url=REDIS, cores=2) == 2
    assert choose_workers(None, redis_url=REDIS, cores=6) == 6


def test_requested_workers_within_the_cores_are_kept() -> None:
    assert choose_workers(1, redis_url=None, cores=4) == 1
    assert choose_workers(3, redis_url=REDIS, cores=4) == 3


def test_several_workers_without_redis_are_refused_with_the_fix() -> None:
    with pytest.raises(ServerConfigError, match="needs REDIS_URL"):
        choose_workers(2, redis_url=None, cores=4)


def test_more_workers_than_cores_are_refused() -> None:
    with pytest.raises(ServerConfigError, match="at most 2"):
        choose_workers(3, redis_url=REDIS, cores=2)


def test_zero_workers_are_refused() -> None:
    with pytest.raises(ServerConfigError, match="at least 1"):
        choose_workers(0, redis_url=REDIS, cores=2)


def test_with_redis_a_worker_holds_a_tabs_state_for_a_second_by_default() -> None:
    hold = Settings(_env_file=None).redis_state_hold_seconds
    assert redis_state_environment(redis_url=REDIS, hold_seconds=hold) == {
        "REFLEX_OPLOCK_ENABLED": "true",
        "REFLEX_OPLOCK_HOLD_TIME": "1000ms",
    }


def test_no_state_is_held_without_redis_or_with_a_zero_hold_time() -> None:
    assert redis_state_environment(redis_url=None, hold_seconds=1.0) == {}
    assert redis_state_environment(redis_url=REDIS, hold_seconds=0) == {}


def test_the_hold_stays_below_a_shortened_redis_lock_expiry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The hold and the write after it must fit in the lock's expiry on a busy machine.
    monkeypatch.setenv("REFLEX_REDIS_LOCK_EXPIRATION", "1000")
    assert redis_state_environment(redis_url=REDIS, hold_seconds=1.0) == {
        "REFLEX_OPLOCK_ENABLED": "true",
        "REFLEX_OPLOCK_HOLD_TIME": "200ms",
    }
