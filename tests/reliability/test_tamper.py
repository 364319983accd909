"""Tamper detection: every file of a fixture store, every kind of damage, always named.

The fixture holds four inspections (two programmes, one to three versions each, text and
HTML sources). For each file: three bit flips, three truncations, deletion, copies under
sibling names (including the next version's name and the source under its other
extension), a swap with its next sibling, an edit re-saved as pretty JSON (a text edit for
raw sources), and replacement by a symbolic link to an identical copy. ``Store.verify()``
and ``inspdiff verify`` must report every case, naming the damaged file(s).

Out of scope, by design: ``.lock`` (the writer lock, empty, no data) and ``.tmp-*`` names
(scratch space readers ignore and the next writer removes); and a forger who rewrites a
file *and* every hash that covers it (the hashes are unkeyed; git history is the record).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.store import Store
from tests.factories import make_snapshot
from tests.reliability.harness import fresh_copy, html_snapshot, run


def _build(root: Path) -> None:
    store = Store(root)

    def save(raw: bytes, html: bool = False, **kw) -> None:
        snap = make_snapshot(raw=raw, **kw)
        snap = html_snapshot(snap) if html else snap
        store.save(snap, raw=raw, media=snap.source.media)

    save(b"old release", published="2023-01-10")
    save(b"release")
    save(b"release, corrected", grades={"south-west-rocu": "good"})
    save(b"release, corrected", grades={"dorset-police": "good"}, extractor_version="2")
    wm = {"west-midlands-rocu": "good"}
    save(b"wm release", subject="west-midlands", published="2024-02-01", grades=wm)
    save(b"<p>wm</p>", html=True, subject="west-midlands", published="2024-02-01", grades={})
    peel = {"dorset-police": "good"}
    save(b"peel", programme="peel", subject="dorset-police", published="2024-05-01", grades=peel)
    save(b"peel 2", programme="peel", subject="dorset-police", published="2024-05-01")


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tamper") / "store"
    _build(root)
    assert Store(root).verify() == []
    return root


def _data_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != ".lock")


# -- the damage -----------------------------------------------------------------------------
def _flip(at: float, bit: int) -> Callable[[Path], list[Path]]:
    def damage(path: Path) -> list[Path]:
        data = bytearray(path.read_bytes())
        data[min(int(len(data) * at), len(data) - 1)] ^= bit
        path.write_bytes(bytes(data))
        return [path]

    return damage


def _truncate(keep: Callable[[int], int]) -> Callable[[Path], list[Path]]:
    def damage(path: Path) -> list[Path]:
        data = path.read_bytes()
        path.write_bytes(data[: keep(len(data))])
        return [path]

    return damage


def _delete(path: Path) -> list[Path]:
    path.unlink()
    return [path]


def _copy_as(name: Callable[[Path], str | None]) -> Callable[[Path], list[Path] | None]:
    def damage(path: Path) -> list[Path] | None:
        target = name(path)
        if target is None:
            return None
        shutil.copyfile(path, path.parent / target)
        return [path.parent / target]

    return damage


def _next_version_name(path: Path) -> str | None:
    if not (path.name.startswith("v") and path.suffix == ".json"):
        return None
    return f"v{len(list(path.parent.glob('v*.json'))) + 1}.json"


def _other_extension(path: Path) -> str | None:
    if path.parent.name != "source":
        return None
    stem, ext = path.name.split(".", 1)
    return f"{stem}.{'html' if ext == 'txt' else 'txt'}"


def _swap(path: Path) -> list[Path] | None:
    siblings = sorted(p for p in path.parent.iterdir() if p.is_file())
    if len(siblings) < 2:
        return None
    other = siblings[(siblings.index(path) + 1) % len(siblings)]
    a, b = path.read_bytes(), other.read_bytes()
    path.write_bytes(b)
    other.write_bytes(a)
    return [path, other]


def _edit_and_resave(path: Path) -> list[Path]:
    if path.parent.name == "source":
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(text[0], text[0].swapcase(), 1) + " ", encoding="utf-8")
        return [path]
    data = json.loads(path.read_bytes())
    if "versions" in data:  # a manifest: claim a version was published on another day
        data["published"] = "2020-01-01"
    else:
        data["inspection"]["title"] += " (edited)"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return [path]


DAMAGE: dict[str, Callable[[Path], list[Path] | None]] = {
    "bitflip-first": _flip(0.0, 0x01),
    "bitflip-middle": _flip(0.5, 0x10),
    "bitflip-last": _flip(1.0, 0x80),
    "truncate-empty": _truncate(lambda n: 0),
    "truncate-half": _truncate(lambda n: n // 2),
    "truncate-last-byte": _truncate(lambda n: n - 1),
    "delete": _delete,
    "duplicate-bak": _copy_as(lambda p: p.name + ".bak"),
    "duplicate-hidden": _copy_as(lambda p: "." + p.name),
    "duplicate-next-version": _copy_as(_next_version_name),
    "duplicate-other-extension": _copy_as(_other_extension),
    "swap-with-sibling": _swap,
    "edit-and-resave": _edit_and_resave,
}


def _cases(root: Path) -> list[tuple[str, str]]:
    return [(p.relative_to(root).as_posix(), d) for p in _data_files(root) for d in DAMAGE]


def _restore(store: Path, original: dict[str, bytes]) -> None:
    """Put a damaged copy back exactly as it was (cheaper than copying the store per case)."""
    for p in sorted(store.rglob("*"), reverse=True):
        rel = p.relative_to(store).as_posix()
        if p.is_symlink() or (p.is_file() and rel not in original):
            p.unlink()
    for rel, data in original.items():
        path = store / rel
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)


def _apply_all(fixture: Path, workdir: Path) -> dict[str, list[str]]:
    """Apply every damage to every file of a copy of the fixture; return what verify missed
    ({} when every case was named), and count the cases."""
    missed: dict[str, list[str]] = {}
    applied = 0
    runner = CliRunner()
    store = fresh_copy(fixture, workdir / "case")
    original = {p.relative_to(store).as_posix(): p.read_bytes() for p in _data_files(store)}
    for rel, name in _cases(fixture):
        _restore(store, original)
        damaged = DAMAGE[name](store / rel)
        if damaged is None:
            continue  # not applicable (no sibling, not a version, not a source)
        applied += 1
        named = {p.path for p in Store(store).verify()}
        result = runner.invoke(cli, ["verify", "--store", str(store)])
        gaps = [str(p) for p in damaged if str(p) not in named]
        gaps += [f"CLI does not name {p}" for p in damaged if str(p) not in result.stderr]
        if result.exit_code != 1:
            gaps.append(f"CLI exit {result.exit_code}")
        if gaps:
            missed[f"{rel} {name}"] = gaps
    _restore(store, original)
    assert Store(store).verify() == []  # the restore really restores: no case leaks
    _apply_all.applied = applied  # type: ignore[attr-defined]
    return missed


def test_every_damage_to_every_file_is_reported_naming_the_file(fixture_store, tmp_path):
    """Bit flip, truncation, deletion, duplicate, swap, edit: 100% reported, file named."""
    missed = _apply_all(fixture_store, tmp_path)
    assert missed == {}
    assert len(_data_files(fixture_store)) >= 18
    assert _apply_all.applied >= 200  # type: ignore[attr-defined]


def test_a_symbolic_link_in_place_of_any_file_is_reported(fixture_store, tmp_path):
    """A file replaced by a link to an identical copy outside the store is still reported."""
    missed = []
    for path in _data_files(fixture_store):
        store = fresh_copy(fixture_store, tmp_path / "case")
        target = store / path.relative_to(fixture_store)
        outside = tmp_path / "outside"
        shutil.copyfile(target, outside)
        target.unlink()
        target.symlink_to(outside)
        if str(target) not in {p.path for p in Store(store).verify()}:
            missed.append(str(target))
    assert missed == []


def test_an_untouched_copy_and_a_byte_identical_rewrite_are_not_reported(fixture_store, tmp_path):
    """Control: verify does not flag everything: rewriting every file's own bytes is clean."""
    store = fresh_copy(fixture_store, tmp_path / "case")
    for path in _data_files(store):
        path.write_bytes(path.read_bytes())
    assert Store(store).verify() == []


@pytest.mark.parametrize(
    "name", ["bitflip-middle", "delete", "duplicate-next-version", "swap-with-sibling"]
)
def test_the_real_verify_command_exits_1_naming_the_damaged_file(fixture_store, tmp_path, name):
    """`python -m compare verify` (a real process) exits 1 and names the file on stderr."""
    store = fresh_copy(fixture_store, tmp_path / "case")
    target = next(p for p in _data_files(store) if p.name == "v1.json")
    damaged = DAMAGE[name](target)
    proc = run(["verify", "--store", str(store)])
    assert proc.returncode == 1
    assert all(str(p) in proc.stderr for p in damaged)
