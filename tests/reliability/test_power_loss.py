"""Power-cut model: at every point of a save (and of a save after a crashed one), drop what
was not fsynced (see fsmodel.py) and check no acknowledged version is lost.

The trace of completed filesystem calls is replayed over a model of the store; every cut of
the trace, and every way the not-yet-durable name operations may be lost at that cut, is
written out and checked like a crash state. The replay itself is checked against real crash
states in test_crash_points.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import pytest

from tests.reliability.fsmodel import FsModel, materialize, read_trace
from tests.reliability.harness import (
    INGEST_SCENARIOS,
    SCENARIOS,
    Scenario,
    Version,
    check_state,
    fresh_copy,
    run,
    versions,
)


@dataclass
class PowerCuts:
    cuts: int = 0  # points in the history a power cut was simulated at
    states: int = 0  # distinct surviving states checked
    problems: dict[str, list[str]] = field(default_factory=dict)  # "cut c variant j" -> ...


def _versions_in_manifest_blobs(blobs: Path) -> set[Version]:
    """Every version any manifest written during the history named."""
    from compare.store import _manifest_decoder

    found: set[Version] = set()
    for blob in blobs.iterdir() if blobs.exists() else ():
        try:
            m = _manifest_decoder.decode(blob.read_bytes())
        except (msgspec.ValidationError, msgspec.DecodeError):
            continue
        found |= {(m.programme, m.subject, m.published, v.version, v.sha256) for v in m.versions}
    return found


def power_cuts(
    scenario: Scenario, workdir: Path, crashes: list[int | None], *, from_step: int = 0, **env
) -> PowerCuts:
    """Run the scenario's save once per entry of ``crashes`` (None: to completion, else
    killed at that call if it gets that far), one after the other on one store, tracing
    every call; then simulate a power cut at every point from the start of step
    ``from_step`` on."""
    seed = scenario.prepare(workdir)
    store = fresh_copy(seed, workdir / "run" / "store")
    model = FsModel(store.parent)
    trace = workdir / "trace"
    initial = versions(store)
    steps: list[tuple[int, set[Version] | None]] = []  # (records so far, versions if acked)
    for crash in crashes:
        extra = {"INSPDIFF_IO_CRASH_AT": str(crash)} if crash else {}
        proc = run(scenario.args(workdir, store), INSPDIFF_IO_TRACE=str(trace), **extra, **env)
        # A crash point beyond the run's calls lets it complete: then it is acknowledged.
        assert proc.returncode in ((99, 0) if crash else (0,)), proc.stderr
        acked = versions(store) if proc.returncode == 0 else None
        steps.append((len(read_trace(trace)), acked))
    records = read_trace(trace)
    blobs = Path(f"{trace}.blobs")
    may = initial | _versions_in_manifest_blobs(blobs)
    start = steps[from_step - 1][0] if from_step else 0
    result = PowerCuts()
    seen: dict[str, list[str]] = {}
    for c in range(len(records) + 1):
        if c > 0:
            model.apply(records[c - 1], blobs)
        if c < start:
            continue
        must = set(initial)
        for end, acked in steps:
            if acked is not None and end <= c:
                must |= acked
        result.cuts += 1
        for j, files in enumerate(model.durable_variants()):
            digest = hashlib.sha256(json.dumps(sorted(files), default=repr).encode())
            for name in sorted(files):
                digest.update(hashlib.sha256(files[name]).digest())
            key = f"{digest.hexdigest()}:{sorted(must)}"
            if key not in seen:
                target = workdir / "cut"
                materialize(files, target)
                seen[key] = check_state(target / "store", must, may)
                result.states += 1
            if seen[key]:
                result.problems[f"cut {c} variant {j}"] = seen[key]
    return result


@pytest.mark.parametrize("scenario", SCENARIOS + INGEST_SCENARIOS, ids=lambda s: s.name)
def test_a_power_cut_anywhere_in_a_save_loses_no_acknowledged_version(scenario, tmp_path):
    """Dropping unsynced data and names at every point of a save keeps every acked version."""
    result = power_cuts(scenario, tmp_path, [None])
    assert result.cuts >= 2
    assert result.problems == {}


def test_a_power_cut_after_a_save_that_followed_a_crashed_first_save_loses_nothing(tmp_path):
    """First save killed at any call, a second completes, power cut anywhere: nothing lost."""
    scenario = next(s for s in SCENARIOS if s.name == "first-inspection-into-empty-store")
    probe = power_cuts(scenario, tmp_path / "probe", [None])
    calls = probe.cuts - 1
    failures = {}
    for k in range(1, calls + 1):
        result = power_cuts(scenario, tmp_path / f"k{k}", [k, None], from_step=1)
        if result.problems:
            failures[k] = result.problems
    assert failures == {}


def test_without_fsync_the_power_cut_checker_finds_lost_versions(tmp_path):
    """Negative control: with INSPDIFF_IO_UNSAFE=nofsync the same checker reports losses."""
    scenario = next(s for s in SCENARIOS if s.name == "correction-of-existing-inspection")
    result = power_cuts(scenario, tmp_path, [None], INSPDIFF_IO_UNSAFE="nofsync")
    lost = [p for ps in result.problems.values() for p in ps if "acknowledged versions lost" in p]
    assert lost, "a store written without any fsync survived every simulated power cut"
