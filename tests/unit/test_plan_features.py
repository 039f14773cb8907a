"""Plans and their features, as configured by default and by the operator."""

from __future__ import annotations

import json

import pytest

from interview_app.config import get_settings
from interview_app.services.permissions import plan_features


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
