"""Crash-point enumeration: a save killed (os._exit) at each of its filesystem calls in turn.

Every state a crash can leave must verify, hold exactly the versions before or before plus
the new one, show no temp file, and give readers complete old or new snapshots. The replay
model used by the power-cut tests is checked against each real crash state here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.reliability.fsmodel import FsModel, files_on_disk, read_trace
from tests.reliability.harness import (
    INGEST_SCENARIOS,
    SCENARIOS,
    SOAK,
    Scenario,
    check_state,
    fresh_copy,
    parallel,
    run,
    versions,
)


@dataclass
class Enumeration:
    calls: int  # filesystem calls in a complete run
    problems: dict[int, list[str]] = field(default_factory=dict)  # crash point -> problems
    model_mismatches: list[int] = field(default_factory=list)

    @property
    def failing(self) -> list[int]:
        return sorted(k for k, p in self.problems.items() if p)


def enumerate_crashes(scenario: Scenario, workdir: Path, **env: str) -> Enumeration:
    """Run the scenario's save once to completion (traced), then once per crash point."""
    seed = scenario.prepare(workdir)
    before = versions(seed)
    probe = fresh_copy(seed, workdir / "probe" / "store")
    full = run(scenario.args(workdir, probe), INSPDIFF_IO_TRACE=str(workdir / "probe.trace"), **env)
    assert full.returncode == 0, full.stderr
    after = versions(probe)
    calls = max(r["k"] for r in read_trace(workdir / "probe.trace") if r["k"])
    result = Enumeration(calls)

    def crash_at(k: int) -> None:
        store = fresh_copy(seed, workdir / f"k{k}" / "store")
        model = FsModel(store.parent)
        trace = workdir / f"k{k}.trace"
        proc = run(
            scenario.args(workdir, store),
            INSPDIFF_IO_CRASH_AT=str(k),
            INSPDIFF_IO_TRACE=str(trace),
            **env,
        )
        if k > calls:
            assert proc.returncode == 0, f"the run did not complete after {calls} calls"
        else:
            assert proc.returncode == 99, f"crash point {k}: exit {proc.returncode} {proc.stderr}"
        for rec in read_trace(trace):
            model.apply(rec, Path(f"{trace}.blobs"))
        if model.volatile_files() != files_on_disk(store.parent):
            result.model_mismatches.append(k)
        # The completed run (k > calls) must hold the new version; a crash, old or new.
        must = after if k > calls else before
        result.problems[k] = check_state(store, must, after | before)

    parallel(crash_at, range(1, calls + 2))
    return result


# The HTML ingest makes the same calls as the driver's HTML save; enumerated in soak mode.
_CRASHED = SCENARIOS + [s for s in INGEST_SCENARIOS if SOAK or "html" not in s.name]


@pytest.mark.parametrize("scenario", _CRASHED, ids=lambda s: s.name)
def test_every_crash_point_leaves_a_verifiable_store_with_old_or_new_versions(scenario, tmp_path):
    """A save killed at any of its filesystem calls leaves verify clean and old-or-new data."""
    outcome = enumerate_crashes(scenario, tmp_path)
    assert outcome.calls >= 1
    assert outcome.failing == [], {k: outcome.problems[k] for k in outcome.failing}
    assert outcome.model_mismatches == []


@pytest.mark.parametrize("name", ["correction-of-existing-inspection", "ingest-a-correction"])
def test_a_non_atomic_write_is_caught_at_some_crash_point(name, tmp_path):
    """Negative control: with INSPDIFF_IO_UNSAFE=nonatomic the same checker finds damage."""
    scenario = next(s for s in SCENARIOS + INGEST_SCENARIOS if s.name == name)
    outcome = enumerate_crashes(scenario, tmp_path, INSPDIFF_IO_UNSAFE="nonatomic")
    assert outcome.failing, "the checker passed a store written without temp files and renames"
    assert outcome.model_mismatches == []
