"""Which snapshot versions arrived between two git revisions, and why each one exists.

Every added version is compared with its *baseline*: the previous version of the same
inspection (v2 against v1), or else the previous inspection of the same subject by
published date, in the store as it is at ``until``. Versions are append-only, so reading
the baseline at ``until`` is the same as reading it at ``since``; what "already held"
means (for a back-dated import) is decided by the store at ``since``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from compare.changes.layout import Key, Location, StoreAt, file_stem, held, locate
from compare.engine import ChangeSet, compare
from compare.gitlog import WORKING_TREE, Repo
from compare.model import Snapshot
from compare.store import Store, version_kind


class Kind(StrEnum):
    """Why a new snapshot version exists, as a reader of the report needs to know."""

    NEW_PUBLICATION = "new publication"
    BACK_DATED = "back-dated import"  # older than the newest inspection already held
    CORRECTION = "correction"  # the source changed
    RE_EXTRACTION = "re-extraction"  # same source, newer extractor: not a real change
    AMENDMENT = "amendment"  # same source and extractor, read with other options


class Baseline(StrEnum):
    PREVIOUS_VERSION = "previous version"
    PREVIOUS_INSPECTION = "previous inspection"


_VERSION_KIND = {
    "correction": Kind.CORRECTION,
    "re-extraction": Kind.RE_EXTRACTION,
    "amendment": Kind.AMENDMENT,
}


@dataclass(frozen=True, slots=True)
class ChangedInspection:
    """One snapshot version added in the range, with what it is compared against."""

    path: str  # the added version file, relative to the repository's top
    kind: Kind
    snapshot: Snapshot
    baseline: Snapshot | None  # None: the first inspection of its subject in the store
    baseline_kind: Baseline | None
    newest_held: str | None  # for a back-dated import: the newest date already held
    changeset: ChangeSet | None  # the engine's comparison with the baseline, if there is one

    @property
    def key(self) -> Key:
        return self.snapshot.key

    @property
    def version(self) -> int:
        return self.snapshot.version or 1

    @property
    def ref(self) -> str:
        return self.snapshot.ref

    @property
    def stem(self) -> str:
        """The file name (without extension) of this version's own report."""
        return file_stem(self.key, self.version)


@dataclass(frozen=True, slots=True)
class ChangesReport:
    """Every snapshot version added between two revisions, sorted by inspection and version."""

    store: str  # the store directory, relative to the repository's top
    since: str  # the revision as given
    since_commit: str
    until: str | None  # None: the working tree
    until_commit: str | None
    inspections: tuple[ChangedInspection, ...]

    @property
    def until_label(self) -> str:
        return self.until if self.until is not None else WORKING_TREE

    def counts(self) -> dict[Kind, int]:
        """How many added versions of each kind, in the order of ``Kind``."""
        c = Counter(i.kind for i in self.inspections)
        return {k: c[k] for k in Kind if c[k]}


def changes(store: Store | Path | str, since: str, until: str | None = None) -> ChangesReport:
    """The snapshot versions added to ``store`` from ``since`` to ``until`` (a revision, or
    None for the working tree including untracked files), each classified and paired with
    its baseline.

    >>> changes("snapshots", "HEAD~1")  # doctest: +SKIP
    """
    root = store.root if isinstance(store, Store) else Path(store)
    repo = Repo.containing(root)
    prefix = repo.relative(root)
    since_sha = repo.resolve(since)
    until_sha = repo.resolve(until) if until is not None else None
    added: list[Location] = []
    paths: dict[Location, str] = {}
    for change in repo.diff(since_sha, until_sha, prefix, renames=False):
        loc = locate(change.path, prefix)
        if change.status == "A" and loc is not None and loc.role == "version":
            added.append(loc)
            paths[loc] = change.path
    found: list[ChangedInspection] = []
    if added:
        held_at_since = held(repo.ls_tree(since_sha, prefix), prefix)
        until_paths = repo.ls_tree(until_sha, prefix) if until_sha is not None else None
        with repo.reader(until_sha) as tree:
            side = StoreAt(tree, prefix, until_paths)
            for loc in sorted(added):
                item = _classify(loc, paths[loc], side, held_at_since)
                if item is not None:
                    found.append(item)
    return ChangesReport(
        store=prefix,
        since=since,
        since_commit=since_sha,
        until=until,
        until_commit=until_sha,
        inspections=tuple(found),
    )


def _classify(
    loc: Location, path: str, side: StoreAt, held_at_since: dict[tuple[str, str], set[str]]
) -> ChangedInspection | None:
    acknowledged = [v for v, _ in side.acknowledged(loc.key)]
    if loc.version not in acknowledged:
        return None  # left by an interrupted save: readers ignore it, and so do we
    snap = side.load(loc.key, loc.version)
    if loc.version > 1:
        before = side.load(loc.key, loc.version - 1)
        kind = _VERSION_KIND.get(version_kind(before, snap), Kind.AMENDMENT)
        return ChangedInspection(
            path, kind, snap, before, Baseline.PREVIOUS_VERSION, None, compare(before, snap)
        )
    dates = side.dates(loc.programme, loc.subject)
    baseline = None
    for published in reversed([d for d in dates if d < loc.published]):
        baseline = side.latest((loc.programme, loc.subject, published))
        if baseline is not None:
            break
    already = held_at_since.get((loc.programme, loc.subject), set())
    newest = max(already) if already else None
    if newest is not None and newest > loc.published:
        kind, newest_held = Kind.BACK_DATED, newest
    else:
        kind, newest_held = Kind.NEW_PUBLICATION, None
    return ChangedInspection(
        path,
        kind,
        snap,
        baseline,
        Baseline.PREVIOUS_INSPECTION if baseline is not None else None,
        newest_held,
        compare(baseline, snap) if baseline is not None else None,
    )
