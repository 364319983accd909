"""I/O errors: the k-th filesystem call of a save fails with ENOSPC, then EIO, for every k.

Each failed save must say so in one line on stderr (no traceback), exit non-zero, and leave
every file of the store byte-identical. The one call allowed to fail silently is removing a
temp file after its content was linked into place (best-effort cleanup; the save succeeded).
The writer lock file (``.lock``, empty, created by the first writer and never removed) is
not data and is left out of the comparison.
"""

from __future__ import annotations

import pytest

from tests.reliability.fsmodel import read_trace
from tests.reliability.harness import (
    INGEST_SCENARIOS,
    SCENARIOS,
    SOAK,
    check_state,
    files_only,
    fingerprint,
    fresh_copy,
    parallel,
    run,
    versions,
)

# The real `ingest` command for the common saves; the driver for the saves ingest cannot
# make on demand. The driver's versions of the first two run in soak mode only (same calls).
_CASES = [
    "ingest-into-empty-store",
    "ingest-a-correction",
    "re-extraction-reusing-its-source",
    "new-inspection-beside-others",
    "ingest-a-folder-in-one-group-commit",
]
if SOAK:
    _CASES += ["first-inspection-into-empty-store", "correction-of-existing-inspection"]
_MESSAGES = {"ENOSPC": "No space left on device", "EIO": "Input/output error"}


def _data(store) -> dict[str, str]:
    return {k: v for k, v in files_only(fingerprint(store)).items() if k != ".lock"}


def inject_errors(scenario, workdir, error: str, *extra: str) -> tuple[int, dict[int, list[str]]]:
    """Fail each call of the scenario's save in turn; return the number of calls and the
    problems found at each k (empty lists when the save behaved)."""
    seed = scenario.prepare(workdir)
    before = _data(seed)
    acked = versions(seed)
    probe = fresh_copy(seed, workdir / "probe" / "store")
    trace = workdir / "probe.trace"
    assert run(scenario.args(workdir, probe), INSPDIFF_IO_TRACE=str(trace)).returncode == 0
    after = versions(probe)
    ops = {r["k"]: r for r in read_trace(trace) if r["k"]}
    calls = max(ops)

    def fail_at(k: int) -> list[str]:
        store = fresh_copy(seed, workdir / f"{error}{k}" / "store")
        proc = run([*scenario.args(workdir, store), *extra], INSPDIFF_IO_FAIL_AT=f"{k}:{error}")
        rec = ops.get(k, {})
        cleanup = rec.get("op") == "unlink" and "/.tmp-" in rec.get("path", "")
        if proc.returncode == 0 and cleanup:
            return check_state(store, after, after)
        problems = []
        if proc.returncode != 2:
            problems.append(f"exit {proc.returncode}")
        lines = proc.stderr.splitlines()
        if (
            len(lines) != 1
            or not lines[0].startswith("Error: ")
            or _MESSAGES[error] not in lines[0]
        ):
            problems.append(f"stderr is not one error line: {proc.stderr!r}")
        if _data(store) != before:
            problems.append("the store's files changed")
        return problems + check_state(store, acked, acked)

    return calls, dict(enumerate(parallel(fail_at, range(1, calls + 1)), start=1))


@pytest.mark.parametrize("error", ["ENOSPC", "EIO"])
@pytest.mark.parametrize("name", _CASES)
def test_a_failing_call_anywhere_in_a_save_leaves_the_store_byte_identical(name, error, tmp_path):
    """ENOSPC/EIO at any call: one-line error, exit 2, every file of the store unchanged."""
    scenario = next(s for s in SCENARIOS + INGEST_SCENARIOS if s.name == name)
    calls, problems = inject_errors(scenario, tmp_path, error)
    assert calls >= 5
    assert {k: p for k, p in problems.items() if p} == {}


def test_without_the_rollback_the_error_checker_finds_changed_files(tmp_path):
    """Negative control: a save that does not undo its writes on error is caught."""
    scenario = next(s for s in SCENARIOS if s.name == "correction-of-existing-inspection")
    _, problems = inject_errors(scenario, tmp_path, "EIO", "--no-rollback")
    changed = [k for k, p in problems.items() if "the store's files changed" in p]
    assert changed, "a save that left its files behind passed the byte-identical check"
