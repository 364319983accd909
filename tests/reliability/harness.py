"""Shared machinery for the reliability battery: child runs, store fingerprints, scenarios,
and the one checker every crash and power-cut state must pass."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import msgspec
from click.testing import CliRunner

from compare import model
from compare.cli import cli
from compare.errors import InspdiffError
from compare.store import Store
from tests.factories import make_snapshot

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DRIVER = Path(__file__).with_name("_driver.py")
SOAK = os.environ.get("INSPDIFF_SOAK") == "1"
WORKERS = max(2, min(4, os.cpu_count() or 2))

Version = tuple[str, str, str, int, str]  # programme, subject, published, version, sha256


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child run: this one without any I/O switch, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INSPDIFF_")}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def run(args: list[str], *, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    """Run ``python -m compare ARGS`` or, for args starting with ``x-``, the test driver."""
    entry = [str(DRIVER)] if args[0].startswith("x-") else ["-m", "compare"]
    return subprocess.run(
        [PYTHON, *entry, *args],
        cwd=REPO,
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def parallel(fn: Callable, items) -> list:
    """``fn`` over ``items`` in a few threads (each call mostly waits on a child process)."""
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(fn, items))


def fingerprint(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (directories listed too), by relative path."""
    out: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        out[rel] = "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def files_only(fp: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in fp.items() if v != "dir"}


def versions(root: Path) -> set[Version]:
    """Acknowledged versions, as the manifests name them."""
    return {
        (e.programme, e.subject, e.published, v.version, v.sha256)
        for e in Store(root).inspections()
        for v in e.versions
    }


_IN_PROCESS = threading.Lock()  # CliRunner swaps sys.stdout: one in-process CLI call at a time


def check_state(root: Path, must: set[Version], may: set[Version]) -> list[str]:
    """Every problem a reader or ``inspdiff verify`` would meet in the store at ``root``, and
    whether its versions include every one in ``must`` and nothing outside ``may``. Empty
    when fine."""
    with _IN_PROCESS:
        return _check_state(root, must, may)


def _check_state(root: Path, must: set[Version], may: set[Version]) -> list[str]:
    problems: list[str] = []
    runner = CliRunner()
    if root.exists():
        result = runner.invoke(cli, ["verify", "--store", str(root)])
        if result.exit_code != 0:
            problems.append(f"verify exit {result.exit_code}: {result.stderr.strip()}")
    try:
        have = versions(root)
    except InspdiffError as err:
        return [*problems, f"the store cannot be listed: {err}"]
    if must - have:
        problems.append(f"acknowledged versions lost: {sorted(must - have)}")
    if have - may:
        problems.append(f"versions nobody saved: {sorted(have - may)}")
    listed = runner.invoke(cli, ["list", "--store", str(root)])
    if listed.exit_code != 0 or ".tmp-" in listed.stdout:
        problems.append(f"list: exit {listed.exit_code} {listed.output.strip()}")
    for programme, subject, published, version, sha in sorted(have):
        ref = f"{programme}:{subject}@{published}#v{version}"
        shown = runner.invoke(cli, ["show", ref, "--store", str(root)])
        if shown.exit_code != 0:
            problems.append(f"show {ref}: exit {shown.exit_code} {shown.stderr.strip()}")
            continue
        # A reader sees exactly the acknowledged bytes, never a half-written file.
        if hashlib.sha256(shown.stdout.encode()).hexdigest() != sha:
            problems.append(f"show {ref}: output does not match the acknowledged file")
    return problems


# -- scenarios: a seed store and one save to make into it -----------------------------------
@dataclass(frozen=True)
class Scenario:
    name: str
    seed: Callable[[Store], None]
    snapshot: model.Snapshot
    raw: bytes
    media: str = "txt"

    def prepare(self, workdir: Path) -> Path:
        """Build the seed store at ``workdir/seed`` and the save's input files, once."""
        seed = workdir / "seed"
        if not seed.exists():
            seed.mkdir(parents=True)
            self.seed(Store(seed))
            (workdir / "snap.json").write_bytes(model.to_json(self.snapshot))
            (workdir / "raw").write_bytes(self.raw)
        return seed

    def args(self, workdir: Path, store: Path) -> list[str]:
        """The child command that makes this scenario's save into ``store``."""
        snap, raw = str(workdir / "snap.json"), str(workdir / "raw")
        return ["x-save", snap, raw, "--media", self.media, "--store", str(store)]


def _save(store: Store, raw: bytes, **kw) -> None:
    store.save(make_snapshot(raw=raw, **kw), raw=raw)


def _seed_two_inspections(store: Store) -> None:
    _save(store, b"first release", published="2023-01-10")
    _save(store, b"second release")
    _save(store, b"second release, corrected", grades={"south-west-rocu": "good"})


def _seed_interrupted(store: Store) -> None:
    """What a save killed just before its manifest commit leaves: an unacknowledged next
    version, its raw source, and the manifest's temp file."""
    from tests.reliability.fsmodel import read_trace

    _seed_two_inspections(store)
    work = store.root.parent / "interrupting"
    work.mkdir()
    snap = make_snapshot(raw=b"interrupted", title="interrupted")
    (work / "snap.json").write_bytes(model.to_json(snap))
    (work / "raw").write_bytes(b"interrupted")
    args = ["x-save", str(work / "snap.json"), str(work / "raw"), "--store"]
    # Find the manifest's rename in a traced run on a copy, then crash the real one there.
    probe = shutil.copytree(store.root, work / "probe")
    full = run([*args, str(probe)], INSPDIFF_IO_TRACE=str(work / "trace"))
    assert full.returncode == 0, full.stderr
    k = next(r["k"] for r in read_trace(work / "trace") if r["op"] == "rename")
    crash = run([*args, str(store.root)], INSPDIFF_IO_CRASH_AT=str(k))
    assert crash.returncode == 99, crash.stderr
    shutil.rmtree(work)
    d = store.root / "soc-regional" / "south-west" / "2025-06-12"
    assert (d / "v3.json").exists() and any(d.glob(".tmp-*"))


def html_snapshot(snap: model.Snapshot) -> model.Snapshot:
    source = msgspec.structs.replace(snap.source, kind="html", media="html")
    return msgspec.structs.replace(snap, source=source)


SCENARIOS = [
    Scenario(
        "first-inspection-into-empty-store",
        lambda store: None,
        make_snapshot(raw=b"release"),
        b"release",
    ),
    Scenario(
        "correction-of-existing-inspection",
        _seed_two_inspections,
        make_snapshot(raw=b"second release, v3", grades={"south-west-rocu": "inadequate"}),
        b"second release, v3",
    ),
    Scenario(
        "re-extraction-reusing-its-source",
        _seed_two_inspections,
        make_snapshot(
            raw=b"second release, corrected",
            extractor_version="2",
            grades={"dorset-police": "good"},
        ),
        b"second release, corrected",
    ),
    Scenario(
        "new-inspection-beside-others",
        _seed_two_inspections,
        html_snapshot(make_snapshot(raw=b"<p>wales</p>", subject="wales", published="2024-03-01")),
        b"<p>wales</p>",
        media="html",
    ),
    Scenario(
        "unchanged-content-writes-nothing",
        _seed_two_inspections,
        make_snapshot(raw=b"second release, corrected", grades={"south-west-rocu": "good"}),
        b"second release, corrected",
    ),
    Scenario(
        "save-after-an-interrupted-save",
        _seed_interrupted,
        make_snapshot(raw=b"after the crash", title="after"),
        b"after the crash",
    ),
]


# -- scenarios for the real `inspdiff ingest` command -----------------------------------------
SEED_RELEASE = REPO / "tests/fixtures/seeds/000_29006897edd56686.txt"
HTML_RELEASE = REPO / "tests/fixtures/ingest/west-midlands-release.html"
_GRADED = b"Dorset Police has been graded as requires improvement"
_REGRADED = b"Dorset Police has been graded as adequate"


@dataclass(frozen=True)
class IngestScenario:
    """``inspdiff ingest SOURCE --published DATE --store DIR`` on a seeded store."""

    name: str
    seed: Callable[[Store], None]
    source: bytes
    suffix: str = ".txt"
    published: str = "2025-06-12"

    def prepare(self, workdir: Path) -> Path:
        seed = workdir / "seed"
        if not seed.exists():
            seed.mkdir(parents=True)
            self.seed(Store(seed))
            (workdir / f"source{self.suffix}").write_bytes(self.source)
        return seed

    def args(self, workdir: Path, store: Path) -> list[str]:
        source = str(workdir / f"source{self.suffix}")
        return ["ingest", source, "--published", self.published, "--store", str(store)]


@dataclass(frozen=True)
class FolderScenario(IngestScenario):
    """``inspdiff ingest FOLDER``: several sources saved with one group commit
    (``Store.save_batch``), two of them versions of the same inspection (two rounds)."""

    extra: tuple[bytes, ...] = ()

    def prepare(self, workdir: Path) -> Path:
        seed = workdir / "seed"
        if not seed.exists():
            seed.mkdir(parents=True)
            self.seed(Store(seed))
            folder = workdir / "folder"
            folder.mkdir()
            for n, data in enumerate((self.source, *self.extra)):
                (folder / f"release-{n}{self.suffix}").write_bytes(data)
        return seed

    def args(self, workdir: Path, store: Path) -> list[str]:
        folder = str(workdir / "folder")
        return ["ingest", folder, "--published", self.published, "--store", str(store)]


def ingest_into(store: Store, source: bytes, suffix: str = ".txt", published: str = "2025-06-12"):
    """Ingest ``source`` with the library and save it, as the CLI would."""
    import tempfile

    from compare.ingest import ingest_one

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"release{suffix}"
        path.write_bytes(source)
        result = ingest_one(str(path), published=published)
    return store.save(result.snapshot, raw=result.raw, media=result.media)


assert _GRADED in SEED_RELEASE.read_bytes()
INGEST_SCENARIOS = [
    IngestScenario("ingest-into-empty-store", lambda store: None, SEED_RELEASE.read_bytes()),
    IngestScenario(
        "ingest-a-correction",
        lambda store: ingest_into(store, SEED_RELEASE.read_bytes()),
        SEED_RELEASE.read_bytes().replace(_GRADED, _REGRADED),
    ),
    IngestScenario(
        "ingest-an-html-page-beside-others",
        _seed_two_inspections,
        HTML_RELEASE.read_bytes(),
        suffix=".html",
    ),
    FolderScenario(
        "ingest-a-folder-in-one-group-commit",
        _seed_two_inspections,
        SEED_RELEASE.read_bytes(),
        extra=(
            HTML_RELEASE.read_bytes().replace(b"<html", b"<!-- as text --><html"),
            SEED_RELEASE.read_bytes().replace(_GRADED, _REGRADED),
        ),
    ),
    IngestScenario(
        "ingest-unchanged-content",
        lambda store: ingest_into(store, SEED_RELEASE.read_bytes()),
        SEED_RELEASE.read_bytes(),
    ),
]


def fresh_copy(seed: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(seed, target)
    return target
