"""A replay model of what a power cut keeps, driven by compare.io's trace.

Model (the usual one for POSIX file systems, as in ALICE/CrashMonkey):

- a file's bytes are durable only once the file is fsynced; a power cut truncates a file to
  what its last fsync saw (empty if it was never fsynced);
- a name operation (create, link, rename, unlink, mkdir) is durable only once the directory
  holding the name is fsynced; until then a power cut may undo it. Pending operations are
  undone newest first: the variants kept are "every durable operation plus the first j
  pending ones" for each j, from "nothing pending survived" to "all names survived but no
  unsynced data did".

Every file under ``base`` at load time counts as durable. Replaying the trace of completed
calls up to a cut gives the state a crash at that point leaves (``volatile``), and each
``durable(j)`` variant gives what a power cut at that point may leave.
"""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Inode:
    volatile: bytes
    durable: bytes


@dataclass
class Dir:
    entries: dict[str, Inode | Dir] = field(default_factory=dict)


@dataclass
class Pending:
    """A name operation not yet made durable: ``parent.entries[name]`` was ``old``."""

    directory: str  # the directory whose fsync makes this durable
    parent: Dir
    name: str
    old: Inode | Dir | None

    def undo(self) -> None:
        if self.old is None:
            self.parent.entries.pop(self.name, None)
        else:
            self.parent.entries[self.name] = self.old


class FsModel:
    """A file tree under ``base`` (an absolute path) and the pending name operations."""

    def __init__(self, base: Path):
        self.base = Path(base).resolve()
        self.root = Dir()
        self.pending: list[Pending] = []
        self._load(self.base, self.root)

    def _load(self, path: Path, node: Dir) -> None:
        for child in sorted(path.iterdir()):
            if child.is_dir():
                sub = Dir()
                node.entries[child.name] = sub
                self._load(child, sub)
            else:
                data = child.read_bytes()
                node.entries[child.name] = Inode(data, data)

    # -- namespace helpers ---------------------------------------------------------------
    def _split(self, path: str) -> tuple[Dir, str, str]:
        rel = Path(path).resolve().relative_to(self.base)
        node = self.root
        for part in rel.parts[:-1]:
            child = node.entries[part]
            assert isinstance(child, Dir), f"{path}: a parent is not a directory"
            node = child
        return node, rel.parts[-1], str(Path(path).resolve().parent)

    def _set(self, path: str, value: Inode | Dir | None) -> None:
        """Bind (or with None, unbind) a name, recording how to undo it."""
        parent, name, directory = self._split(path)
        self.pending.append(Pending(directory, parent, name, parent.entries.get(name)))
        if value is None:
            parent.entries.pop(name, None)
        else:
            parent.entries[name] = value

    def _get(self, path: str) -> Inode | Dir | None:
        try:
            parent, name, _ = self._split(path)
        except (KeyError, AssertionError):
            return None
        return parent.entries.get(name)

    # -- replay --------------------------------------------------------------------------
    def apply(self, rec: dict, blobs: Path) -> None:
        """Apply one completed call from the trace."""
        op, path = rec["op"], rec["path"]
        if op == "create":
            data = (blobs / rec["blob"]).read_bytes()
            self._set(path, Inode(data, b""))
        elif op == "fsync":
            inode = self._get(path)
            assert isinstance(inode, Inode), f"fsync of a missing file {path}"
            inode.durable = inode.volatile
        elif op == "sync-all":  # os.sync(): every byte and every name is durable
            self._sync_all(self.root)
            self.pending = []
        elif op == "fsync-dir":
            directory = str(Path(path).resolve())
            self.pending = [p for p in self.pending if p.directory != directory]
        elif op == "rename":
            inode = self._get(rec["src"])
            assert inode is not None, f"rename of a missing file {rec['src']}"
            assert Path(rec["src"]).parent == Path(path).parent
            self._set(path, inode)
            self._set(rec["src"], None)
        elif op == "link":
            inode = self._get(rec["src"])
            assert isinstance(inode, Inode), f"link of a missing file {rec['src']}"
            self._set(path, inode)
        elif op == "unlink":
            if self._get(path) is not None:
                self._set(path, None)
        elif op == "mkdir":
            self._set(path, Dir())
        elif op == "lock":
            if self._get(path) is None:
                self._set(path, Inode(b"", b""))
        elif op == "open":  # the non-atomic control: O_TRUNC or O_EXCL in place
            inode = self._get(path)
            if isinstance(inode, Inode):
                inode.volatile = b""
            else:
                self._set(path, Inode(b"", b""))
        elif op == "append":
            inode = self._get(path)
            assert isinstance(inode, Inode)
            inode.volatile += (blobs / rec["blob"]).read_bytes()
        else:
            raise AssertionError(f"unknown traced operation {op!r}")

    def _sync_all(self, node: Dir) -> None:
        for child in node.entries.values():
            if isinstance(child, Dir):
                self._sync_all(child)
            else:
                child.durable = child.volatile

    # -- states --------------------------------------------------------------------------
    def volatile_files(self) -> dict[str, bytes]:
        """What a crash (process death, no power cut) leaves: every name, every byte."""
        return _files(self.root, "", durable=False)

    def durable_variants(self) -> list[dict[str, bytes]]:
        """What a power cut may leave: durable operations plus the first j pending ones,
        for j from 0 (none survived) to all; file contents as of their last fsync."""
        variants = []
        for j in range(len(self.pending), -1, -1):
            state = _clone(self)
            for p in reversed(state.pending[j:]):
                p.undo()
            variants.append(_files(state.root, "", durable=True))
        return variants


def _clone(model: FsModel) -> FsModel:
    """A deep copy; one deepcopy call keeps the pending operations pointing into the copy."""
    new = FsModel.__new__(FsModel)
    new.base = model.base
    new.root, new.pending = copy.deepcopy((model.root, model.pending))
    return new


def _files(node: Dir, prefix: str, *, durable: bool) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for name, child in node.entries.items():
        rel = f"{prefix}{name}"
        if isinstance(child, Dir):
            out[rel + "/"] = b""
            out.update(_files(child, rel + "/", durable=durable))
        else:
            out[rel] = child.durable if durable else child.volatile
    return out


def read_trace(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def files_on_disk(base: Path) -> dict[str, bytes]:
    """The real tree under ``base`` in the same shape as FsModel states."""
    out: dict[str, bytes] = {}
    for p in sorted(base.rglob("*")):
        rel = p.relative_to(base).as_posix()
        out[rel + "/" if p.is_dir() else rel] = b"" if p.is_dir() else p.read_bytes()
    return out


def materialize(files: dict[str, bytes], target: Path) -> None:
    """Write a model state to a fresh directory."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for rel, data in sorted(files.items()):
        if rel.endswith("/"):
            (target / rel).mkdir(parents=True, exist_ok=True)
        else:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_bytes(data)
