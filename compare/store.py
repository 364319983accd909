"""The versioned, append-only snapshot store.

Layout (every name is checked against an allow-list before any filesystem call)::

    <root>/<programme>/<subject>/<published>/
        manifest.json            the acknowledged versions and the sha256 of each file
        v1.json, v2.json, ...    one snapshot per version, never edited in place
        source/<sha256>.<ext>    the raw bytes each version was extracted from

A save is acknowledged when ``manifest.json`` names the new version. Each version records
the sha256 of its predecessor's file, so ``verify`` can prove the chain intact; the manifest
also records the newest version's hash, so removing or editing the newest file is caught too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from compare import io, model
from compare.errors import (
    InspdiffError,
    SnapshotInvalid,
    SnapshotNotFound,
    StoreError,
    UnsafeName,
)
from compare.model import Snapshot

MANIFEST = "manifest.json"
SOURCE_DIR = "source"
_MEDIA = ("txt", "html")
_REF = re.compile(
    r"(?:(?P<programme>[a-z0-9-]{1,80}):)?(?P<subject>[a-z0-9-]{1,80})"
    r"(?:@(?P<when>\d{4}-\d{2}-\d{2}|previous|latest))?(?:#v(?P<version>[1-9][0-9]{0,5}))?"
)
_ROOT_EXTRA = {".lock", ".gitkeep", ".cache", "README.md"}


def default_root() -> Path:
    return Path(os.environ.get("INSPDIFF_STORE") or "snapshots")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _ManifestEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    version: int
    file: str
    sha256: str

    def __post_init__(self) -> None:
        # The store opens the file an entry names: only ever vN.json in the same directory.
        if self.version < 1 or self.file != f"v{self.version}.json":
            raise ValueError(f"entry file {self.file!r} is not v{self.version}.json")
        if not model.SHA256.fullmatch(self.sha256):
            raise ValueError(f"{self.sha256!r} is not a sha256 hex digest")


class _Manifest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    programme: str
    subject: str
    published: str
    versions: tuple[_ManifestEntry, ...]
    checksum: str = ""  # sha256 of the other fields, so damage to the manifest itself shows

    def __post_init__(self) -> None:
        model.check_slug(self.programme, "programme")
        model.check_slug(self.subject, "subject")
        model.check_date(self.published)

    def expected_checksum(self) -> str:
        body = msgspec.json.encode([self.programme, self.subject, self.published, self.versions])
        return sha256(body)


_manifest_decoder = msgspec.json.Decoder(_Manifest)


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: str  # "new" or "unchanged"
    kind: str  # new-inspection | correction | re-extraction | amendment | unchanged
    path: Path
    version: int


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class InspectionEntry:
    programme: str
    subject: str
    published: str
    directory: Path
    versions: tuple[_ManifestEntry, ...] = field(default=())

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.programme, self.subject, self.published)


def check_key(programme: str, subject: str, published: str) -> None:
    """Raise UnsafeName unless all three parts are allow-listed names."""
    for what, value in (("programme", programme), ("subject", subject)):
        try:
            model.check_slug(value, what)
        except ValueError as err:
            raise UnsafeName(str(err)) from None
    try:
        model.check_date(published)
    except ValueError as err:
        raise UnsafeName(f"published: {err}") from None


# The rule lives with the model (the engine uses it too); kept importable from here.
version_kind = model.version_kind


@dataclass(frozen=True, slots=True)
class HistoryRow:
    published: str
    version: int
    kind: str
    source: str  # sha256 of the raw source
    grades: tuple[tuple[str, str], ...]  # (body, grade or "not graded")
    partial: str | None = None  # "2 of 8 graded areas named": its stated tally counts more


class Store:
    """Snapshots under one root directory. Readers need no lock; writers take one."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_root()

    # -- paths ---------------------------------------------------------------------------
    def _dir(self, programme: str, subject: str, published: str) -> Path:
        check_key(programme, subject, published)
        return self.root / programme / subject / published

    def _where(self, path: Path) -> str:
        return str(path)

    # -- reading -------------------------------------------------------------------------
    def _read_manifest(self, directory: Path) -> _Manifest | None:
        path = directory / MANIFEST
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return _manifest_decoder.decode(data)
        except (msgspec.ValidationError, msgspec.DecodeError) as err:
            raise SnapshotInvalid(model.format_error(self._where(path), err)) from None

    def inspections(self) -> list[InspectionEntry]:
        """Every inspection with at least one acknowledged version, sorted by key."""
        found: list[InspectionEntry] = []
        self._require_root()
        for manifest_path in sorted(self.root.glob(f"*/*/*/{MANIFEST}")):
            directory = manifest_path.parent
            programme, subject, published = directory.parts[-3:]
            try:
                check_key(programme, subject, published)
            except UnsafeName:
                continue
            m = self._read_manifest(directory)
            if m and m.versions:
                found.append(InspectionEntry(programme, subject, published, directory, m.versions))
        return found

    @staticmethod
    def load_file(path: Path | str) -> Snapshot:
        """Load a snapshot file, in the store or not (JSON or hand-written YAML)."""
        return load_file(path)

    def load_head(self, entry: InspectionEntry) -> model.SnapshotHead:
        """The latest version without findings and quotes (hash checked all the same)."""
        return model.head_from_json(*self._read_checked(entry, entry.versions[-1]))

    def _read_checked(self, entry: InspectionEntry, chosen: _ManifestEntry) -> tuple[bytes, str]:
        path = entry.directory / chosen.file
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(
                f"{path}: listed in the manifest but missing (run inspdiff verify)"
            ) from None
        # A reader never returns altered history: the bytes must be the acknowledged ones.
        if sha256(data) != chosen.sha256:
            raise StoreError(
                f"{path}: does not match the sha256 its manifest records (run inspdiff verify)"
            )
        return data, str(path)

    def load_version(self, entry: InspectionEntry, version: int | None = None) -> Snapshot:
        versions = entry.versions
        chosen = versions[-1] if version is None else None
        if chosen is None:
            chosen = next((v for v in versions if v.version == version), None)
            if chosen is None:
                have = ", ".join(f"v{v.version}" for v in versions)
                raise SnapshotNotFound(
                    f"{entry.subject}@{entry.published} has no v{version} (it has {have})"
                )
        return model.from_json(*self._read_checked(entry, chosen))

    def subjects(self) -> list[str]:
        return sorted({e.subject for e in self.inspections()})

    def _entries_for(self, subject: str, programme: str | None = None) -> list[InspectionEntry]:
        entries = [
            e
            for e in self.inspections()
            if e.subject == subject and (programme is None or e.programme == programme)
        ]
        programmes = {e.programme for e in entries}
        if len(programmes) > 1:
            raise SnapshotNotFound(
                f"{subject!r} has inspections in several programmes "
                f"({', '.join(sorted(programmes))}): write PROGRAMME:{subject}"
            )
        return sorted(entries, key=lambda e: e.published)

    def history(self, subject: str, programme: str | None = None) -> list[Snapshot]:
        """The latest version of each inspection of ``subject``, oldest first."""
        return [self.load_version(e) for e in self._entries_for(subject, programme)]

    def subject_history(self, subject: str) -> list[HistoryRow]:
        """Every version of every inspection of ``subject``, oldest first."""
        try:
            model.check_slug(subject, "subject")
        except ValueError as err:
            raise UnsafeName(str(err)) from None
        entries = self._entries_for(subject)
        if not entries:
            raise self._unknown(subject)
        rows: list[HistoryRow] = []
        for e in entries:
            before: Snapshot | None = None
            for v in e.versions:
                snap = self.load_version(e, v.version)
                grades = tuple(
                    (
                        j.body if j.area == "serious-and-organised-crime" else f"{j.body}/{j.area}",
                        j.grade or "not graded",
                    )
                    for j in snap.judgments
                )
                kind = version_kind(before, snap)
                rows.append(
                    HistoryRow(
                        e.published, v.version, kind, snap.source.sha256, grades, snap.partial()
                    )
                )
                before = snap
        return rows

    def _unknown(self, ref: str) -> SnapshotNotFound:
        have = self.subjects()
        listing = ", ".join(have) if have else f"none: the store {self.root} is empty"
        return SnapshotNotFound(f"no snapshot matches {ref!r} (subjects in the store: {listing})")

    def resolve(self, ref: str) -> Snapshot:
        """A snapshot by reference: ``subject``, ``subject@YYYY-MM-DD``, ``subject@previous``,
        ``...#vN``, ``programme:subject...``, or a path to a ``.json``/``.yaml`` file."""
        if not isinstance(ref, str) or not ref or "\0" in ref or "\n" in ref or len(ref) > 250:
            raise UnsafeName(f"{ref!r} is not a snapshot reference")
        if ref.endswith((".json", ".yaml", ".yml")) and not ref.startswith("-"):
            return self.load_file(ref)
        m = _REF.fullmatch(ref)
        if not m:
            raise UnsafeName(
                f"{ref!r} is not a snapshot reference (expected SUBJECT, SUBJECT@YYYY-MM-DD, "
                "SUBJECT@previous, ...#vN, or a path to a .json or .yaml snapshot file)"
            )
        subject, when = m["subject"], m["when"] or "latest"
        try:
            model.check_slug(subject, "subject")
            if m["programme"] is not None:
                model.check_slug(m["programme"], "programme")
            if when not in ("latest", "previous"):
                model.check_date(when)
        except ValueError as err:
            raise UnsafeName(str(err)) from None
        entries = self._entries_for(subject, m["programme"])
        if not entries:
            raise self._unknown(ref)
        if when == "latest":
            entry = entries[-1]
        elif when == "previous":
            if len(entries) < 2:
                raise SnapshotNotFound(f"{subject} has only one inspection: no previous one")
            entry = entries[-2]
        else:
            entry = next((e for e in entries if e.published == when), None)
            if entry is None:
                dates = ", ".join(e.published for e in entries)
                raise SnapshotNotFound(f"{subject} has no inspection on {when} (it has {dates})")
        return self.load_version(entry, int(m["version"]) if m["version"] else None)

    # -- writing -------------------------------------------------------------------------
    def save(self, snapshot: Snapshot, *, raw: bytes, media: str = "txt") -> SaveResult:
        """Store ``snapshot`` as the next version of its inspection, unless its content is
        identical to the latest version (then nothing is written: ``unchanged``).

        All or nothing: if any step fails, what this save wrote is undone before the error
        is raised, so a failed save leaves the store as it found it."""
        self._check_item(snapshot, raw, media)
        i = snapshot.inspection
        directory = self._dir(i.programme, i.subject, i.published)
        io.make_dirs(self.root)
        with io.locked(self.root):
            io.make_dirs(directory)
            undo = _Undo(_read_or_none(directory / MANIFEST))
            try:
                return self._save_locked(snapshot, raw, media, directory, undo)
            except BaseException:
                self._roll_back(directory, undo)
                raise

    def save_batch(self, items: Sequence[tuple[Snapshot, bytes, str]]) -> list[SaveResult]:
        """Save many ``(snapshot, raw, media)`` with a handful of filesystem-wide syncs
        instead of several fsyncs per publication (group commit). Nothing is acknowledged
        until this returns; if anything fails, every change the batch made is undone and
        the error raised, leaving the store as it was.

        Each round holds at most one new version per inspection and runs ``save``'s own
        steps under ``io.deferred()``: all bytes are synced once, then every name is given
        in ``save``'s order, then synced once more. An interruption therefore leaves only
        states a single interrupted save may leave (one pending version per inspection)."""
        for snapshot, raw, media in items:
            self._check_item(snapshot, raw, media)
        results: list[SaveResult] = []
        undos: dict[Path, _Undo] = {}
        io.make_dirs(self.root)
        with io.locked(self.root):
            try:
                self._save_rounds(items, results, undos)
            except BaseException:
                # All or nothing, earlier rounds included: nothing was acknowledged yet.
                for d, undo in undos.items():
                    self._roll_back(d, undo)
                raise
        return results

    def _save_rounds(self, items, results: list[SaveResult], undos: dict[Path, _Undo]) -> None:
        start = 0
        while start < len(items):
            seen: set[Path] = set()
            end = start
            while end < len(items):
                i = items[end][0].inspection
                d = self._dir(i.programme, i.subject, i.published)
                if d in seen:
                    break
                seen.add(d)
                end += 1
            results.extend(self._commit_round(items[start:end], undos))
            start = end

    def _check_item(self, snapshot: Snapshot, raw: bytes, media: str) -> None:
        if media not in _MEDIA:
            raise StoreError(f"unsupported source media {media!r}")
        if media != snapshot.source.media:
            # The source file's name comes from here and verify finds it from the snapshot.
            raise StoreError(
                f"media {media!r} disagrees with the snapshot's source.media "
                f"{snapshot.source.media!r}"
            )
        if sha256(raw) != snapshot.source.sha256:
            raise StoreError("the snapshot's source.sha256 does not match the raw source bytes")

    def _commit_round(
        self, items: Sequence[tuple[Snapshot, bytes, str]], undos: dict[Path, _Undo]
    ) -> list[SaveResult]:
        with io.deferred():
            results = []
            for snapshot, raw, media in items:
                i = snapshot.inspection
                d = self._dir(i.programme, i.subject, i.published)
                io.make_dirs(d)
                # The first round to touch an inspection keeps its manifest as it was.
                undo = undos.setdefault(d, _Undo(_read_or_none(d / MANIFEST)))
                results.append(self._save_locked(snapshot, raw, media, d, undo))
            io.barrier()
        return results

    def _save_locked(
        self,
        snapshot: Snapshot,
        raw: bytes,
        media: str,
        directory: Path,
        undo: _Undo,
    ) -> SaveResult:
        i = snapshot.inspection
        manifest = self._read_manifest(directory)
        if manifest is None:
            self._begin_inspection(directory, i.programme, i.subject, i.published)
        entries = manifest.versions if manifest else ()
        latest: Snapshot | None = None
        latest_sha: str | None = None
        if entries:
            data = (directory / entries[-1].file).read_bytes()
            latest_sha = sha256(data)
            if latest_sha != entries[-1].sha256:
                raise StoreError(
                    f"{directory / entries[-1].file}: does not match its manifest hash "
                    "(run inspdiff verify); refusing to add a version on top of it"
                )
            latest = model.from_json(data, str(directory / entries[-1].file))
        self._clean_unacknowledged(directory, entries, latest_sha)
        if latest is not None and model.content(latest) == model.content(snapshot):
            # "unchanged" acknowledges the stored version; the manifest naming it may come
            # from a save that died before syncing its directory, so sync it now.
            io.sync_dir(directory)
            return SaveResult(
                "unchanged", "unchanged", directory / entries[-1].file, entries[-1].version
            )
        number = len(entries) + 1
        new = msgspec.structs.replace(snapshot, version=number, predecessor=latest_sha)
        body = model.to_json(new)
        model.from_json(body, "new snapshot")  # never store what we could not read back
        # The version before its source: every state an interruption leaves is then one
        # verify can tell from tampering (a pending version whose source may be missing),
        # and a raw source no version refers to is always an error.
        path = directory / f"v{number}.json"
        undo.created.append(path)
        io.publish_new(path, body)
        source_dir = directory / SOURCE_DIR
        io.make_dirs(source_dir)
        source_path = source_dir / f"{snapshot.source.sha256}.{media}"
        if not source_path.exists():
            undo.created.append(source_path)
            io.publish_new(source_path, raw)
        new_manifest = _Manifest(
            i.programme,
            i.subject,
            i.published,
            (*entries, _ManifestEntry(number, path.name, sha256(body))),
        )
        io.write_atomic(directory / MANIFEST, _encode_manifest(new_manifest))
        return SaveResult("new", version_kind(latest, new), path, number)

    def _begin_inspection(self, directory: Path, *key: str) -> None:
        """Before the first version of an inspection: check the directory holds only what an
        interrupted first save leaves, make its path durable, and write an empty manifest.

        The empty manifest is what lets verify tell an interrupted save from a deleted
        manifest: once an inspection has a version, it has a manifest."""
        for p in sorted(directory.iterdir()):
            if not _first_save_residue(p):
                raise StoreError(
                    f"{p}: unexpected in an inspection without a manifest "
                    "(run inspdiff verify); refusing to save beside it"
                )
        # make_dirs fsyncs each parent it adds an entry to, but a save that died between a
        # mkdir and that fsync leaves a directory this save would not sync again: without
        # this, a power cut could take the whole inspection, acknowledged versions and all.
        for d in (directory.parent, directory.parent.parent, self.root, self.root.parent):
            io.sync_dir(d)
        io.write_atomic(directory / MANIFEST, _encode_manifest(_Manifest(*key, ())))

    def _clean_unacknowledged(
        self, directory: Path, entries: tuple[_ManifestEntry, ...], latest_sha: str | None
    ) -> None:
        """Remove what an interrupted save left: temp files, and the one next version the
        manifest never acknowledged (with its raw source if nothing else uses it). Refuse
        anything else rather than delete it. Called with the lock held, so no live writer
        owns these files."""
        listed = {MANIFEST, SOURCE_DIR} | {e.file for e in entries}
        pending: tuple[Path, Snapshot] | None = None
        for p in sorted(directory.iterdir()):
            if p.name.startswith(io.TMP_PREFIX):
                io.remove(p)
            elif p.name in listed and not p.is_symlink():
                continue
            elif (snap := _pending_version(p, len(entries), latest_sha)) is not None:
                pending = (p, snap)
            else:
                raise StoreError(
                    f"{p}: unexpected file in the store (run inspdiff verify); "
                    "refusing to save beside it"
                )
        source_dir = directory / SOURCE_DIR
        if source_dir.is_dir():
            for p in sorted(source_dir.iterdir()):
                if p.name.startswith(io.TMP_PREFIX):
                    io.remove(p)
        if pending is not None:
            # Durable removals, source first: a power cut must not bring back a source
            # without the version that explains it.
            path, snap = pending
            source = source_dir / _source_name(snap)
            if source.exists() and source.name not in self._sources_of(directory, entries):
                io.remove(source, durable=True)
            io.remove(path, durable=True)

    def _sources_of(self, directory: Path, entries: tuple[_ManifestEntry, ...]) -> set[str]:
        """Raw source file names the acknowledged versions refer to."""
        return {
            _source_name(model.from_json((directory / e.file).read_bytes(), e.file))
            for e in entries
        }

    def _roll_back(self, directory: Path, undo: _Undo) -> None:
        """Undo a failed save: restore the manifest (the commit point) first, then remove
        the files this save created, newest first, then an empty manifest it began with.
        Stops at the first step that fails: every prefix leaves a state verify accepts."""
        manifest = directory / MANIFEST
        try:
            now = _read_or_none(manifest)
            if undo.manifest is not None and now != undo.manifest:
                io.write_atomic(manifest, undo.manifest)
            elif undo.manifest is None and now is not None:
                key = directory.parts[-3:]
                empty = _encode_manifest(_Manifest(*key, ()))
                if now != empty:
                    io.write_atomic(manifest, empty)
            for path in reversed(undo.created):
                if path.exists():
                    io.remove(path, durable=True)
            if undo.manifest is None and manifest.exists():
                io.remove(manifest, durable=True)
        except (OSError, InspdiffError):
            pass  # the original error is what the user needs to see; verify shows the rest

    # -- verification --------------------------------------------------------------------
    def verify(self) -> list[Problem]:
        """Recompute every hash and predecessor link; report anything edited, truncated,
        removed, added or swapped. Never trusts a cache. A missing store is an error (the
        caller asked for the wrong place), not a damaged one."""
        self._require_root()
        return _verify(self.root)

    def _require_root(self) -> None:
        if not self.root.is_dir():
            # Most likely a mistyped --store: saying "no snapshots" (or "damaged") would hide it.
            what = "is not a directory" if self.root.exists() else "does not exist"
            raise StoreError(
                f"the store {self.root} {what} (give --store DIR or set INSPDIFF_STORE)"
            )


@dataclass
class _Undo:
    """What a failed save must put back: the manifest's bytes before it (None: there was
    none) and the files it may have created, in creation order."""

    manifest: bytes | None
    created: list[Path] = field(default_factory=list)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _source_name(snap: Snapshot) -> str:
    return f"{snap.source.sha256}.{snap.source.media}"


def _first_save_residue(path: Path) -> bool:
    """True for what an interrupted first save can leave before its empty manifest: temp
    files, and a source/ directory holding nothing but temp files."""
    if path.name.startswith(io.TMP_PREFIX):
        return True
    if path.name == SOURCE_DIR and path.is_dir() and not path.is_symlink():
        return all(p.name.startswith(io.TMP_PREFIX) for p in path.iterdir())
    return False


def _pending_version(path: Path, acknowledged: int, previous_sha: str | None) -> Snapshot | None:
    """The snapshot in ``path`` if it is exactly what an interrupted save leaves: the valid
    next version, linked to the latest acknowledged one, of this directory's inspection."""
    if path.name != f"v{acknowledged + 1}.json" or path.is_symlink() or not path.is_file():
        return None
    problems: list[str] = []
    snap = _check_version_file(
        path,
        path.read_bytes(),
        acknowledged + 1,
        previous_sha,
        path.parent,
        lambda _p, msg: problems.append(msg),
    )
    return snap if snap is not None and not problems else None


def _encode_manifest(m: _Manifest) -> bytes:
    m = msgspec.structs.replace(m, checksum=m.expected_checksum())
    return msgspec.json.format(msgspec.json.encode(m), indent=2) + b"\n"


def load_file(path: Path | str) -> Snapshot:
    """Load and strictly validate one snapshot file (JSON, or YAML written by hand)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SnapshotNotFound(f"{path}: no such file") from None
    except OSError as err:
        raise SnapshotInvalid(f"{path}: cannot read ({err.strerror})") from None
    return parse_snapshot(data, str(path))


def validate_files(paths) -> list[str]:
    """One error line per file that is not a valid snapshot; empty when all are."""
    failures: list[str] = []
    for path in paths:
        try:
            load_file(path)
        except (SnapshotInvalid, SnapshotNotFound) as err:
            failures.append(str(err))
    return failures


def parse_snapshot(data: bytes, where: str) -> Snapshot:
    """Strictly parse a snapshot file a person may have written: duplicate keys rejected,
    YAML through the strict loader, then full model validation."""
    if not data.strip():
        raise SnapshotInvalid(f"{where}: empty file (a snapshot is a JSON or YAML object)")
    if where.endswith((".yaml", ".yml")):
        from compare import yamlio

        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SnapshotInvalid(f"{where}: not UTF-8 text") from None
        doc = yamlio.load_text(text, where)
        _what_it_is(doc, where)
        return model.from_builtins(doc, where)

    def no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        out: dict[str, object] = {}
        for k, v in pairs:
            if k in out:
                raise SnapshotInvalid(f"{where}: duplicate key {k!r}")
            out[k] = v
        return out

    try:
        doc = json.loads(data, object_pairs_hook=no_duplicates)
    except (ValueError, RecursionError) as err:
        if isinstance(err, SnapshotInvalid):
            raise
        raise SnapshotInvalid(f"{where}: not valid JSON ({err})") from None
    _what_it_is(doc, where)
    return model.from_json(data, where)


def _what_it_is(doc: object, where: str) -> None:
    """Name the common wrong files in the user's words before the model's field-level
    message: a store's manifest passed as a snapshot, or a document that is not an object."""
    if isinstance(doc, dict) and "versions" in doc and "inspection" not in doc:
        raise SnapshotInvalid(
            f"{where}: this is an inspection's manifest, not a snapshot "
            "(validate a version file beside it, such as v1.json)"
        )
    if not isinstance(doc, dict):
        kind = {list: "a list", str: "a string", type(None): "null"}.get(type(doc), "a value")
        raise SnapshotInvalid(f"{where}: not a snapshot: the file holds {kind}, not an object")


def _verify(root: Path) -> list[Problem]:
    problems: list[Problem] = []

    def bad(path: Path, message: str) -> None:
        problems.append(Problem(str(path), message))

    # Walk the three directory levels explicitly: a symbolic link anywhere is reported, never
    # followed (a store cloned from git can carry links pointing outside it).
    inspections: list[Path] = []
    for programme in sorted(root.iterdir()):
        if programme.name in _ROOT_EXTRA or programme.name.startswith(io.TMP_PREFIX):
            continue
        if not _real_dir(programme, bad):
            continue
        for subject in sorted(programme.iterdir()):
            if _real_dir(subject, bad):
                inspections.extend(sorted(subject.iterdir()))
    for found in _map_inspections(root, inspections):
        problems.extend(found)
    return problems


# Below this many inspections a second process costs more than it saves.
_PARALLEL_FROM = 400


def _verify_chunk(root: Path, directories: list[Path]) -> list[list[Problem]]:
    out: list[list[Problem]] = []
    for directory in directories:
        found: list[Problem] = []
        with io.shared(root):  # one inspection at a time: writers interleave
            _verify_settled(directory, lambda p, m, sink=found: sink.append(Problem(str(p), m)))
        out.append(found)
    return out


def _map_inspections(root: Path, directories: list[Path]) -> list[list[Problem]]:
    """Verify each inspection; on a large store, in one forked worker per core (the work is
    hashing and decoding, CPU-bound). Results come back in the order given."""
    import multiprocessing

    workers = min(os.cpu_count() or 1, 4)
    if (
        len(directories) < _PARALLEL_FROM
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _verify_chunk(root, directories)
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(directories) // workers)
    chunks = [directories[i : i + size] for i in range(0, len(directories), size)]
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(chunks), mp_context=ctx) as pool:
        results = pool.map(_verify_chunk, [root] * len(chunks), chunks)
        return [found for chunk in results for found in chunk]


_VERIFY_ATTEMPTS = 20


def _listing(directory: Path) -> tuple[bytes | None, list[str], list[str]]:
    """What a writer changes in an inspection: its manifest and the names it holds (temp
    files aside, which come and go without meaning)."""

    def names(d: Path) -> list[str]:
        if not d.is_dir() or d.is_symlink():
            return []
        return sorted(n for n in os.listdir(d) if not n.startswith(io.TMP_PREFIX))

    manifest = directory / MANIFEST
    data = _read_or_none(manifest) if manifest.is_file() else None
    return data, names(directory), names(directory / SOURCE_DIR)


def _verify_settled(directory: Path, bad) -> None:
    """Verify one inspection as a single consistent state. The shared lock keeps writers out;
    where there is no lock file to take, a check that saw the inspection change under it (a
    commit, a pending version or source appearing, a file removed) is repeated."""
    found: list[tuple[Path, str]] = []
    for _ in range(_VERIFY_ATTEMPTS):
        attempt: list[tuple[Path, str]] = []
        try:
            before = _listing(directory)
            _verify_inspection(
                directory, lambda path, message, sink=attempt: sink.append((path, message))
            )
            settled = _listing(directory) == before
        except FileNotFoundError:
            continue
        found = attempt
        if settled:
            break
    else:
        found.append((directory, "changed during every attempt to verify it; run verify again"))
    for path, message in found:
        bad(path, message)


def _real_dir(path: Path, bad) -> bool:
    if path.is_symlink():
        bad(path, "a symbolic link (the store holds only real files and directories)")
        return False
    if not path.is_dir():
        bad(path, "unexpected file in the store")
        return False
    return True


def _regular_file(path: Path, bad) -> bool:
    """False (and reported) for a symbolic link or anything but a regular file."""
    if path.is_symlink():
        bad(path, "a symbolic link (the store holds only real files and directories)")
        return False
    if not path.is_file():
        bad(path, "unexpected entry (not a regular file)")
        return False
    return True


def _verify_inspection(directory: Path, bad) -> None:
    programme, subject, published = directory.parts[-3:]
    if not _real_dir(directory, bad):
        return
    try:
        check_key(programme, subject, published)
    except UnsafeName as err:
        bad(directory, f"not a valid inspection directory ({err})")
        return
    manifest_path = directory / MANIFEST
    if manifest_path.is_symlink() or (manifest_path.exists() and not manifest_path.is_file()):
        _regular_file(manifest_path, bad)
        return
    try:
        manifest_bytes = manifest_path.read_bytes()
    except FileNotFoundError:
        # Before its empty manifest, an interrupted first save leaves only temp files.
        if not all(_first_save_residue(p) for p in directory.iterdir()):
            bad(manifest_path, "missing: this inspection's versions cannot be checked")
        return
    try:
        manifest = _manifest_decoder.decode(manifest_bytes)
    except (msgspec.ValidationError, msgspec.DecodeError) as err:
        bad(manifest_path, f"unreadable manifest ({err})")
        _verify_without_manifest(directory, bad)
        return
    manifest_ok = manifest.checksum == manifest.expected_checksum()
    if not manifest_ok:
        bad(manifest_path, "checksum does not match its content (edited or damaged)")
    elif _encode_manifest(manifest) != manifest_bytes:
        bad(manifest_path, "not in canonical form (edited by hand?)")
    if (manifest.programme, manifest.subject, manifest.published) != (
        programme,
        subject,
        published,
    ):
        bad(manifest_path, "names another inspection than its directory")
    entries = manifest.versions
    expected_files = {MANIFEST, SOURCE_DIR}
    referenced_sources: set[str] = set()
    unreadable = False  # a version we could not read: its source is unknown
    previous_sha: str | None = None
    for n, entry in enumerate(entries, start=1):
        path = directory / entry.file
        expected_files.add(entry.file)
        if entry.version != n:
            bad(manifest_path, f"entry {n} is out of sequence ({entry.file})")
        if not path.exists() and not path.is_symlink():
            bad(path, "missing (listed in the manifest)")
            previous_sha, unreadable = entry.sha256, True
            continue
        if not _regular_file(path, bad):
            previous_sha, unreadable = entry.sha256, True
            continue
        data = path.read_bytes()
        recorded = manifest_ok and sha256(data) == entry.sha256
        if manifest_ok and not recorded:
            bad(path, "content does not match its recorded sha256 (edited, truncated or swapped)")
        # Bytes matching an intact manifest are the bytes the store wrote: canonical already.
        snap = _check_version_file(
            path, data, n, previous_sha, directory, bad, canonical_known=recorded
        )
        if snap is None:
            unreadable = True
        else:
            referenced_sources.add(_source_name(snap))
        previous_sha = entry.sha256
    # A file the manifest does not list is an interrupted save only if it is the valid next
    # version (its source may not be written yet); anything else was put there by hand.
    pending_source: str | None = None
    for path in sorted(directory.iterdir()):
        if path.name in expected_files or path.name.startswith(io.TMP_PREFIX):
            continue
        snap = _pending_version(path, len(entries), previous_sha)
        if snap is not None:
            pending_source = _source_name(snap)
            continue
        bad(path, "unexpected file (not listed in the manifest)")
    known = None if unreadable else referenced_sources | {pending_source}
    _verify_sources(directory / SOURCE_DIR, known, bad)
    for name in sorted(referenced_sources):
        if not (directory / SOURCE_DIR / name).is_file():
            bad(directory / SOURCE_DIR / name, "missing raw source of a version")


def _verify_sources(source_dir: Path, known: set[str | None] | None, bad) -> None:
    """Each raw source must match the sha256 in its name and, when ``known`` (the names the
    versions refer to) is given, be one of them."""
    if not (source_dir.exists() or source_dir.is_symlink()) or not _real_dir(source_dir, bad):
        return
    for path in sorted(source_dir.iterdir()):
        if path.name.startswith(io.TMP_PREFIX) or not _regular_file(path, bad):
            continue
        stem, _, ext = path.name.partition(".")
        if not model.SHA256.fullmatch(stem) or ext not in _MEDIA:
            bad(path, "unexpected file in source/")
        elif sha256(path.read_bytes()) != stem:
            bad(path, "raw source does not match the sha256 in its name")
        elif known is not None and path.name not in known:
            bad(path, "raw source no version refers to (added by hand?)")


def _verify_without_manifest(directory: Path, bad) -> None:
    """With the manifest unreadable, still check every file on its own: version files must
    be v1..vN, each a valid canonical snapshot linked to the file before it."""
    numbers: list[int] = []
    for path in sorted(directory.iterdir()):
        if path.name in (MANIFEST, SOURCE_DIR) or path.name.startswith(io.TMP_PREFIX):
            continue
        m = re.fullmatch(r"v([1-9][0-9]{0,5})\.json", path.name)
        if m is None:
            bad(path, "unexpected file in the store")
        else:
            numbers.append(int(m[1]))
    previous_sha: str | None = None
    for n in range(1, max(numbers, default=0) + 1):
        path = directory / f"v{n}.json"
        if not path.exists() and not path.is_symlink():
            bad(path, "missing (a later version exists)")
            previous_sha = None
            continue
        if _regular_file(path, bad):
            data = path.read_bytes()
            _check_version_file(path, data, n, previous_sha, directory, bad)
            previous_sha = sha256(data)
    _verify_sources(directory / SOURCE_DIR, None, bad)


def _check_version_file(
    path, data, n, previous_sha, directory, bad, *, canonical_known: bool = False
) -> Snapshot | None:
    try:
        snap = model.from_json(data, str(path))
    except SnapshotInvalid as err:
        bad(path, f"not a valid snapshot ({str(err).split(': ', 1)[-1]})")
        return None
    if snap.version != n:
        bad(path, f"records version {snap.version}, expected {n}")
    if snap.predecessor != previous_sha:
        bad(path, "predecessor hash does not match the previous version")
    i = snap.inspection
    if (i.programme, i.subject, i.published) != tuple(directory.parts[-3:]):
        bad(path, "belongs to another inspection than its directory")
    if not canonical_known and model.to_json(snap) != data:
        bad(path, "not in canonical form (edited by hand?)")
    return snap
