"""Plans and their features, as configured by default and by the operator."""

from __future__ import annotations

import json

import pytest

from interview_app.config import get_settings
from interview_app.services.interviews.plans import plan_allows_interview, plan_features


def test_default_plans() -> None:
    assert plan_features("free") == frozenset({"1_interview"})
    assert plan_features("pro") == frozenset({"unlimited_interviews"})


def test_unknown_or_missing_plan_grants_nothing() -> None:
    assert plan_features("enterprise") == frozenset()
    assert plan_features("") == frozenset()
    assert plan_features(None) == frozenset()


def test_operator_configured_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    plans = {
        "free": ["1_interview"],
        "team": ["unlimited_interview", "feedback"],
        "trial": [],
    }
    monkeypatch.setenv("PLANS", json.dumps(plans))
    get_settings.cache_clear()

    assert plan_features("team") == frozenset({"unlimited_interview", "feedback"})
    assert plan_features("trial") == frozenset()
    assert plan_features("free") == frozenset({"1_interview"})
    # Configured plans replace the defaults.
    assert plan_features("pro") == frozenset()


def test_result_is_immutable() -> None:
    features = plan_features("free")
    assert isinstance(features, frozenset)
    with pytest.raises(AttributeError):
        features.add("unlimited_interviews")  # type: ignore[attr-defined]


FREE = frozenset({"1_interview"})
PRO = frozenset({"unlimited_interviews"})


@pytest.mark.parametrize(
    ("features", "completed", "allowed"),
    [
        (FREE, 0, True),
        (FREE, 1, True),
        (FREE, 2, False),
        (FREE, 3, False),
        (PRO, 0, True),
        (PRO, 2, True),
        (PRO, 500, True),
        (frozenset({"unlimited_interview"}), 9, True),
        (frozenset({"1_interview", "unlimited_interviews"}), 9, True),
        (frozenset(), 0, False),
        (frozenset({"feedback"}), 0, False),
    ],
)
def test_plan_rule_for_every_plan_and_count(
    features: frozenset[str], completed: int, allowed: bool
) -> None:
    assert plan_allows_interview(features, completed=completed, allowance=2) is allowed


def test_the_allowance_is_the_operators() -> None:
    assert plan_allows_interview(FREE, completed=4, allowance=5) is True
    assert plan_allows_interview(FREE, completed=0, allowance=0) is False
