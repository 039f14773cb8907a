"""The token bucket's refill arithmetic, with an injected clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from interview_app.services.interviews.rate_limit import refill

DAY = 86_400


def _refill(tokens: float, elapsed: timedelta) -> float:
    return refill(tokens, elapsed.total_seconds(), 12, 4, DAY)


def test_no_time_no_refill() -> None:
    assert _refill(3, timedelta(0)) == 3


def test_a_full_day_adds_four_tokens() -> None:
    assert _refill(0, timedelta(days=1)) == pytest.approx(4)


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (timedelta(hours=6), 1.0),
        (timedelta(hours=12), 2.0),
        (timedelta(hours=18), 3.0),
        (timedelta(days=1, hours=6), 5.0),
        (timedelta(seconds=1), 4 / DAY),
    ],
)
def test_partial_days_refill_in_proportion(elapsed: timedelta, expected: float) -> None:
    assert _refill(0, elapsed) == pytest.approx(expected)


def test_just_under_six_hours_is_not_yet_a_whole_token() -> None:
    assert _refill(0, timedelta(hours=6) - timedelta(seconds=1)) < 1


def test_refill_is_capped_at_capacity() -> None:
    assert _refill(10, timedelta(days=1)) == 12
    assert _refill(0, timedelta(days=30)) == 12
    assert _refill(12, timedelta(hours=1)) == 12


def test_a_level_above_a_lowered_capacity_is_cut_to_it() -> None:
    assert refill(20.0, 0.0, 12, 4, DAY) == 12


def test_a_clock_that_went_backwards_adds_nothing() -> None:
    assert _refill(2.5, timedelta(hours=-5)) == 2.5


def test_fractions_are_kept() -> None:
    assert _refill(0.5, timedelta(hours=3)) == pytest.approx(1.0)


def test_other_configurations() -> None:
    # 1 token per minute, capacity 3.
    assert refill(0.0, 90.0, 3, 1, 60) == pytest.approx(1.5)
    assert refill(0.0, 3600.0, 3, 1, 60) == 3


def test_result_is_a_float() -> None:
    assert isinstance(_refill(1, timedelta(0)), float)
