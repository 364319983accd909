"""The store's layout seen from git: which repo-relative paths are versions, manifests and
raw sources, and the store as it was at one side (a revision or the working tree).

This reads the store's files through git rather than through ``compare.store.Store``,
because the store at an old revision is not on disk. The manifest is read leniently here
(only the acknowledged version list); ``inspdiff verify`` is what checks it strictly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec

from compare import model
from compare.errors import StoreError, UnsafeName
from compare.gitlog import TreeReader
from compare.model import Snapshot
from compare.store import MANIFEST, SOURCE_DIR, check_key

_VERSION_FILE = re.compile(r"v([1-9][0-9]{0,5})\.json")

Key = tuple[str, str, str]  # programme, subject, published


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """Where a repo-relative path sits in the store."""

    programme: str
    subject: str
    published: str
    role: str  # "version", "manifest" or "source"
    version: int = 0  # for a version file
    name: str = ""  # the file name

    @property
    def key(self) -> Key:
        return (self.programme, self.subject, self.published)


def locate(path: str, prefix: str) -> Location | None:
    """The store location of ``path`` (repo-relative), or None for any other file."""
    if prefix:
        if not path.startswith(prefix + "/"):
            return None
        path = path[len(prefix) + 1 :]
    parts = path.split("/")
    if len(parts) == 4:
        programme, subject, published, name = parts
        m = _VERSION_FILE.fullmatch(name)
        role = "version" if m else "manifest" if name == MANIFEST else ""
        number = int(m[1]) if m else 0
    elif len(parts) == 5 and parts[3] == SOURCE_DIR:
        programme, subject, published, _, name = parts
        role, number = "source", 0
    else:
        return None
    if not role:
        return None
    try:
        check_key(programme, subject, published)
    except UnsafeName:
        return None
    return Location(programme, subject, published, role, number, name)


def held(paths: list[str], prefix: str) -> dict[tuple[str, str], set[str]]:
    """(programme, subject) -> the published dates with at least one version file."""
    out: dict[tuple[str, str], set[str]] = {}
    for path in paths:
        loc = locate(path, prefix)
        if loc is not None and loc.role == "version":
            out.setdefault((loc.programme, loc.subject), set()).add(loc.published)
    return out


class _Entry(msgspec.Struct, frozen=True):
    version: int
    file: str


class _ManifestView(msgspec.Struct, frozen=True):
    programme: str
    subject: str
    published: str
    versions: tuple[_Entry, ...]


_manifest = msgspec.json.Decoder(_ManifestView)


def manifest_entries(data: bytes, where: str) -> tuple[tuple[int, str], ...]:
    """(version, file) for every acknowledged version a manifest lists."""
    try:
        m = _manifest.decode(data)
    except (msgspec.ValidationError, msgspec.DecodeError) as err:
        raise StoreError(f"{where}: unreadable manifest ({err}); run inspdiff verify") from None
    return tuple((e.version, e.file) for e in m.versions)


class StoreAt:
    """The store at one side, read through a TreeReader."""

    def __init__(self, tree: TreeReader, prefix: str, paths: list[str] | None):
        # paths: every file under the store at a revision; None for the working tree,
        # which is listed from disk on demand.
        self.tree, self.prefix = tree, prefix
        self._held = held(paths, prefix) if paths is not None else None
        self._manifests: dict[Key, tuple[tuple[int, str], ...]] = {}

    def _path(self, *parts: str) -> str:
        return "/".join((self.prefix, *parts) if self.prefix else parts)

    def dates(self, programme: str, subject: str) -> list[str]:
        """Published dates of the subject's inspections at this side, oldest first."""
        if self._held is not None:
            return sorted(self._held.get((programme, subject), ()))
        directory = self.tree.repo.top / self._path(programme, subject)
        if not directory.is_dir():
            return []
        found = []
        for d in directory.iterdir():
            try:
                model.check_date(d.name)
            except ValueError:
                continue
            if (d / MANIFEST).is_file():
                found.append(d.name)
        return sorted(found)

    def acknowledged(self, key: Key) -> tuple[tuple[int, str], ...]:
        """The versions the inspection's manifest acknowledges at this side."""
        if key not in self._manifests:
            path = self._path(*key, MANIFEST)
            data = self.tree.read(path)
            self._manifests[key] = () if data is None else manifest_entries(data, path)
        return self._manifests[key]

    def load(self, key: Key, version: int) -> Snapshot:
        path = self._path(*key, f"v{version}.json")
        data = self.tree.read(path)
        side = "the working tree" if self.tree.rev is None else self.tree.rev[:12]
        if data is None:
            raise StoreError(
                f"{path}: listed in its manifest but missing at {side} (run inspdiff verify)"
            )
        return model.from_json(data, path)

    def latest(self, key: Key) -> Snapshot | None:
        """The newest acknowledged version of an inspection, or None if it has none."""
        entries = self.acknowledged(key)
        return self.load(key, entries[-1][0]) if entries else None


def file_stem(key: Key, version: int) -> str:
    """A file name for one version's report: slugs never contain '_', so it is unambiguous."""
    programme, subject, published = key
    return f"{programme}_{subject}_{published}_v{version}"
