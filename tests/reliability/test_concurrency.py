"""Concurrency: writers in separate processes serialise on the store lock, readers never see
a half-written state, and a writer killed while holding the lock does not block the next."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time

from tests.factories import make_snapshot
from tests.reliability.harness import DRIVER, PYTHON, REPO, SOAK, child_env, run, versions

WRITERS, SAVES, READERS = 4, (250 if SOAK else 100), 2


def _spawn(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, str(DRIVER), *args],
        cwd=REPO,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def hammer(
    store, stop, saves: int, *extra: str, reader_extra: tuple[str, ...] = ()
) -> tuple[list[tuple[int, str]], list[dict]]:
    """WRITERS x ``saves`` saves into one inspection while READERS loop show, list, verify
    and compare. Returns each writer's (exit code, stderr) and each reader's summary."""
    store.mkdir(parents=True, exist_ok=True)  # an empty store: verify says so, exit 0
    readers = [
        _spawn(["x-read", "south-west", str(stop), *reader_extra, "--store", str(store)])
        for _ in range(READERS)
    ]
    writers = [
        _spawn(["x-saves", str(w), str(saves), *extra, "--store", str(store)])
        for w in range(WRITERS)
    ]
    results = []
    for w in writers:
        _, err = w.communicate(timeout=300)
        results.append((w.returncode, err))
    stop.touch()
    summaries = []
    for r in readers:
        out, err = r.communicate(timeout=60)
        assert r.returncode == 0, err
        summaries.append(json.loads(out))
    return results, summaries


def test_four_writers_and_two_readers_give_every_version_and_no_torn_reads(tmp_path):
    """4 x 100 concurrent saves: 400 chained versions; show/list/verify/compare see 0 errors."""
    store = tmp_path / "store"
    writers, readers = hammer(store, tmp_path / "stop", SAVES)
    assert writers == [(0, "")] * WRITERS
    assert len(versions(store)) == WRITERS * SAVES
    assert run(["verify", "--store", str(store)]).returncode == 0
    assert not list(store.rglob(".tmp-*"))
    for summary in readers:
        assert summary["errors"] == []
        assert summary["regressions"] == 0
        assert len(summary["versions_seen"]) >= 2, "the readers never overlapped the writers"
        assert summary["compares"] >= 10 and summary["verifies"] >= 10


def test_without_the_lock_the_concurrency_checker_finds_lost_or_failed_saves(tmp_path):
    """Negative control: writers that skip the lock lose versions or fail, and it is seen."""
    store = tmp_path / "store"
    writers, _ = hammer(store, tmp_path / "stop", 25, "--no-lock")
    failed = [code for code, _ in writers if code != 0]
    assert failed or len(versions(store)) != WRITERS * 25


def test_without_its_shared_lock_a_concurrent_verify_reports_false_problems(tmp_path):
    """Negative control: verify that neither locks nor re-checks flags a writer's pending files."""
    _, readers = hammer(
        tmp_path / "store", tmp_path / "stop", 50, reader_extra=("--unguarded-verify",)
    )
    assert any(e.startswith("verify exit 1") for r in readers for e in r["errors"])


def test_a_writer_killed_while_holding_the_lock_does_not_block_the_next(tmp_path):
    """SIGKILL the lock holder: a waiting save proceeds within 2 s (and waited before)."""
    from compare.store import Store

    store = Store(tmp_path / "store")
    holder = _spawn(["x-hold-lock", "--store", str(store.root)])
    try:
        assert holder.stdout.readline().strip() == "locked"
        done = threading.Event()
        errors: list[BaseException] = []

        def save() -> None:
            try:
                store.save(make_snapshot(), raw=b"press release text")
            except BaseException as err:  # reported by the assertion below
                errors.append(err)
            done.set()

        thread = threading.Thread(target=save, daemon=True)
        thread.start()
        assert not done.wait(0.5), "the save did not wait for the lock holder"
        killed = time.monotonic()
        os.kill(holder.pid, signal.SIGKILL)
        assert done.wait(10)
        waited = time.monotonic() - killed
    finally:
        holder.kill()
        holder.wait()
    assert errors == []
    assert waited < 2.0, f"the next writer waited {waited:.2f} s after the holder died"
    assert store.verify() == []
