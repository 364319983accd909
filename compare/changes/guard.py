"""The append-only guard: a snapshot version, raw source or manifest that existed at
``since`` must still be there, byte for byte, at ``until``; a manifest may only gain entries.

The check is on the net difference between the two sides (so a file edited and restored
inside the range is not a problem: its bytes are intact), and each problem names the
commits that touched the file, so the person who made it can find it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from compare.changes.layout import locate
from compare.gitlog import Repo
from compare.store import Store

_ADVICE = "snapshot files are never changed in place: add a new version instead"


@dataclass(frozen=True, slots=True)
class Violation:
    """One existing snapshot file that was changed instead of added to."""

    path: str  # relative to the repository's top
    what: str  # "modified", "deleted", "renamed to ...", "rewrote existing entries"
    commits: tuple[str, ...]  # short shas; empty when only the working tree changed it

    def __str__(self) -> str:
        where = f"by commit {', '.join(self.commits)}" if self.commits else "in the working tree"
        return f"{self.path}: {self.what} {where}; {_ADVICE}"


def append_only_violations(
    store: Store | Path | str, since: str, until: str | None = None
) -> list[Violation]:
    """Existing snapshot versions, raw sources and manifests that were modified, renamed
    or deleted from ``since`` to ``until`` (None: the working tree), sorted by path."""
    root = store.root if isinstance(store, Store) else Path(store)
    repo = Repo.containing(root)
    prefix = repo.relative(root)
    since_sha = repo.resolve(since)
    until_sha = repo.resolve(until) if until is not None else None
    found: list[tuple[str, str]] = []
    manifests: list[str] = []
    for change in repo.diff(since_sha, until_sha, prefix, renames=True):
        old = change.old_path if change.status in "RC" else change.path
        if old is None or change.status in "AC":
            continue  # additions (and copies, which leave the original) are what we want
        loc = locate(old, prefix)
        if loc is None:
            continue
        if change.status == "R":
            found.append((old, f"renamed to {change.path}"))
        elif change.status == "D":
            found.append((old, "deleted"))
        elif loc.role == "manifest":
            manifests.append(old)
        else:
            found.append((old, "modified"))
    if manifests:
        with repo.reader(since_sha) as before, repo.reader(until_sha) as after:
            for path in manifests:
                if not _only_appends(before.read(path), after.read(path)):
                    found.append((path, "rewrote existing entries"))
    return [
        Violation(path, what, tuple(repo.commits_touching(since_sha, until_sha, path)))
        for path, what in sorted(found)
    ]


def _only_appends(old: bytes | None, new: bytes | None) -> bool:
    """True when the new manifest keeps the old one's inspection and entries, in order."""
    if old is None or new is None:
        return False
    try:
        a, b = json.loads(old), json.loads(new)
    except ValueError:
        return False
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    if any(a.get(k) != b.get(k) for k in ("programme", "subject", "published")):
        return False
    va, vb = a.get("versions"), b.get("versions")
    return isinstance(va, list) and isinstance(vb, list) and vb[: len(va)] == va
