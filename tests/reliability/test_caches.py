"""Per-user caches (parsed reference data, compiled templates) damaged as a power cut or a
full disk leaves them: every command must still give the same output, never a traceback.

Each cache file of a populated cache directory is emptied, truncated (5 bytes, 20 bytes,
half, all but one byte), zero-filled or bit-flipped in turn, in its own copy of the cache;
then the command that reads it runs again and must print byte-identical output, exit 0.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.reliability.harness import REPO, SEED_RELEASE, parallel, run

_READERS = {  # cache kind -> the command that reads it
    "data": ["ingest", str(SEED_RELEASE), "--published", "2025-06-12", "--dry-run"],
    "jinja2": ["compare", "south-west", "west-midlands", "--format", "html"],
}
_DAMAGE = {
    "empty": lambda b: b"",
    "first-5-bytes": lambda b: b[:5],
    "first-20-bytes": lambda b: b[:20],
    "half": lambda b: b[: len(b) // 2],
    "all-but-one-byte": lambda b: b[:-1],
    "zero-filled": lambda b: bytes(len(b)),
    "bit-flip": lambda b: b[: len(b) // 2] + bytes([b[len(b) // 2] ^ 0x04]) + b[len(b) // 2 + 1 :],
}


def _run(kind: str, cache: Path) -> tuple[int, str]:
    proc = run([*_READERS[kind], "--store", str(REPO / "snapshots")], INSPDIFF_CACHE_DIR=str(cache))
    return proc.returncode, proc.stdout + proc.stderr


def _cases(tmp_path: Path, kind: str) -> tuple[tuple[int, str], list[tuple[Path, str]]]:
    """The undamaged output, and (cache copy with one file damaged, description) per case."""
    populated = tmp_path / "cache"
    expected = _run(kind, populated)
    assert expected[0] == 0
    files = sorted(p for p in populated.rglob("*") if p.is_file() and kind in p.parts[-2])
    assert files, f"no {kind} cache was written"
    cases = []
    for i, path in enumerate(files):
        for name, damage in _DAMAGE.items():
            copy = tmp_path / f"case-{i}-{name}"
            shutil.copytree(populated, copy)
            target = copy / path.relative_to(populated)
            target.write_bytes(damage(path.read_bytes()))
            cases.append((copy, f"{path.name} {name}"))
    return expected, cases


def test_a_damaged_reference_data_cache_changes_nothing(tmp_path):
    """Each parsed-data cache file damaged 7 ways: same output, exit 0 (it is re-parsed)."""
    expected, cases = _cases(tmp_path, "data")
    got = parallel(lambda case: _run("data", case[0]), cases)
    assert [what for (_, what), out in zip(cases, got, strict=True) if out != expected] == []


def test_a_damaged_template_cache_changes_nothing(tmp_path):
    """Each compiled-template cache file damaged 7 ways: same output, exit 0 (recompiled)."""
    expected, cases = _cases(tmp_path, "jinja2")
    got = parallel(lambda case: _run("jinja2", case[0]), cases)
    assert [what for (_, what), out in zip(cases, got, strict=True) if out != expected] == []
