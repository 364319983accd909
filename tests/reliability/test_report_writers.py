"""Crash points of the commands that write reports (compare --output, report --output,
changes): killed at each filesystem call, every report file is either its old content or
the complete new one (never partial), and the store is untouched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability.fsmodel import read_trace
from tests.reliability.harness import (
    HTML_RELEASE,
    SEED_RELEASE,
    fingerprint,
    fresh_copy,
    ingest_into,
    parallel,
    run,
)

OLD = b"an older report, to be replaced whole or not at all\n"


@dataclass(frozen=True)
class Writer:
    name: str
    build: Callable[[Path], None]  # makes workdir/base (store, git repo...) once
    args: Callable[[Path], list[str]]  # the command, given the copy's base directory
    outputs: tuple[str, ...]  # report files it writes, relative to base


def _store(base: Path) -> None:
    from compare.store import Store

    store = Store(base / "store")
    ingest_into(store, SEED_RELEASE.read_bytes(), published="2023-01-10")
    ingest_into(store, SEED_RELEASE.read_bytes())
    ingest_into(store, HTML_RELEASE.read_bytes(), suffix=".html")


def _git(base: Path) -> None:
    from tests.git_repo import GitRepo

    repo = GitRepo(base / "repo")
    (base / "since").write_text(repo.seed())
    (base / "until").write_text(repo.add_later_south_west_and_corrected_west_midlands())


WRITERS = [
    Writer(
        "compare-output",
        _store,
        lambda b: [
            "compare",
            "south-west",
            "west-midlands",
            "--format",
            "html",
            "--output",
            str(b / "out/cmp.html"),
            "--store",
            str(b / "store"),
        ],
        ("out/cmp.html",),
    ),
    Writer(
        "report-national-output",
        _store,
        lambda b: [
            "report",
            "national",
            "--format",
            "md",
            "--output",
            str(b / "out"),
            "--store",
            str(b / "store"),
        ],
        ("out/national.md",),
    ),
    Writer(
        "report-body-output",
        _store,
        lambda b: [
            "report",
            "body",
            "dorset-police",
            "--format",
            "json",
            "--output",
            str(b / "out"),
            "--store",
            str(b / "store"),
        ],
        ("out/body-dorset-police.json",),
    ),
    Writer(
        "changes-output-summary-comment",
        _git,
        lambda b: [
            "changes",
            "--since",
            (b / "since").read_text(),
            "--until",
            (b / "until").read_text(),
            "--store",
            str(b / "repo/snapshots"),
            "--output",
            str(b / "out"),
            "--format",
            "md",
            "--summary",
            str(b / "summary.md"),
            "--comment",
            str(b / "comment.md"),
        ],
        ("summary.md", "comment.md"),  # plus the per-version files found from a full run
    ),
]


def _outputs_state(base: Path, names: list[str]) -> dict[str, bytes | None]:
    return {n: (base / n).read_bytes() if (base / n).is_file() else None for n in names}


def enumerate_writer(writer: Writer, workdir: Path, **env: str) -> tuple[int, dict[int, list[str]]]:
    seed = workdir / "seed"
    seed.mkdir(parents=True)
    writer.build(seed)
    # Old reports in place, so a crash must leave old-or-new, not absent-or-partial.
    probe = fresh_copy(seed, workdir / "probe")
    full = run(writer.args(probe), INSPDIFF_IO_TRACE=str(workdir / "trace"))
    assert full.returncode in (0, 1), full.stderr  # changes exits 1 only with --fail-on
    written = sorted(
        {
            Path(r["path"]).relative_to(probe).as_posix()
            for r in read_trace(workdir / "trace")
            if r["op"] == "rename"
        }
    )
    assert set(writer.outputs) <= set(written)
    new = _outputs_state(probe, written)
    for name in written:
        (seed / name).parent.mkdir(parents=True, exist_ok=True)
        (seed / name).write_bytes(OLD)
    calls = max(r["k"] for r in read_trace(workdir / "trace") if r["k"])
    untouched = {k: v for k, v in fingerprint(seed).items() if not k.startswith("out")}
    untouched = {k: v for k, v in untouched.items() if k not in written}

    def crash_at(k: int) -> list[str]:
        base = fresh_copy(seed, workdir / f"k{k}")
        proc = run(writer.args(base), INSPDIFF_IO_CRASH_AT=str(k), **env)
        if proc.returncode not in (99, 0, 1):
            return [f"exit {proc.returncode}: {proc.stderr}"]
        problems = []
        for name, data in _outputs_state(base, written).items():
            if data not in (OLD, new[name]):
                problems.append(f"{name}: neither the old report nor the complete new one")
        now = fingerprint(base)
        if {k2: now.get(k2) for k2 in untouched} != untouched:
            problems.append("files other than the reports changed")
        return problems

    return calls, dict(enumerate(parallel(crash_at, range(1, calls + 2)), start=1))


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_a_report_writer_killed_anywhere_leaves_old_or_complete_reports(writer, tmp_path):
    """compare/report/changes killed at each call: each report is old or complete, store intact."""
    calls, problems = enumerate_writer(writer, tmp_path)
    assert calls >= 4
    assert {k: p for k, p in problems.items() if p} == {}


def test_a_non_atomic_report_writer_is_caught(tmp_path):
    """Negative control: with INSPDIFF_IO_UNSAFE=nonatomic a half-written report is found."""
    writer = next(w for w in WRITERS if w.name == "report-national-output")
    _, problems = enumerate_writer(writer, tmp_path, INSPDIFF_IO_UNSAFE="nonatomic")
    assert any(problems.values())
