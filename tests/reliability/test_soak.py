"""Soak: random histories of crashed and completed saves on one store, with a power cut
simulated at every point of the whole history. Slow; runs with INSPDIFF_SOAK=1."""

from __future__ import annotations

import random

import pytest

from tests.reliability.harness import INGEST_SCENARIOS, SCENARIOS, SOAK
from tests.reliability.test_power_loss import power_cuts

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SOAK, reason="soak: set INSPDIFF_SOAK=1"),
]

_NAMES = [
    "first-inspection-into-empty-store",
    "correction-of-existing-inspection",
    "save-after-an-interrupted-save",
    "ingest-a-correction",
]


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("name", _NAMES)
def test_random_histories_of_crashes_and_saves_survive_a_power_cut_anywhere(name, seed, tmp_path):
    """5 saves, each killed at a random call or completed; a power cut anywhere loses nothing."""
    scenario = next(s for s in SCENARIOS + INGEST_SCENARIOS if s.name == name)
    rng = random.Random(f"{name}-{seed}")
    crashes = [rng.choice([None, rng.randint(1, 35)]) for _ in range(5)]
    result = power_cuts(scenario, tmp_path, crashes)
    assert result.problems == {}, crashes
