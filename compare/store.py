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
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from compare import io, model
from compare.errors import SnapshotInvalid, SnapshotNotFound, StoreError, UnsafeName
from compare.model import Snapshot

MANIFEST = "manifest.json"
SOURCE_DIR = "source"
_VERSION_FILE = re.compile(r"v([1-9][0-9]{0,5})\.json")
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


class _Manifest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    programme: str
    subject: str
    published: str
    versions: tuple[_ManifestEntry, ...]
    checksum: str = ""  # sha256 of the other fields, so damage to the manifest itself shows

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


def version_kind(before: Snapshot | None, after: Snapshot) -> str:
    """Why a new version exists: a new source (correction), a newer extractor on the same
    source (re-extraction), or the same source and extractor read with other options."""
    if before is None:
        return "new-inspection"
    if before.source.sha256 != after.source.sha256:
        return "correction"
    if before.source.extractor != after.source.extractor:
        return "re-extraction"
    return "amendment"


@dataclass(frozen=True, slots=True)
class HistoryRow:
    published: str
    version: int
    kind: str
    source: str  # sha256 of the raw source
    grades: tuple[tuple[str, str], ...]  # (body, grade or "not graded")


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
        if not self.root.is_dir():
            return found
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
        path = entry.directory / chosen.file
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(
                f"{path}: listed in the manifest but missing (run inspdiff verify)"
            ) from None
        return model.from_json(data, str(path))

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
                rows.append(HistoryRow(e.published, v.version, kind, snap.source.sha256, grades))
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
        identical to the latest version (then nothing is written: ``unchanged``)."""
        if media not in _MEDIA:
            raise StoreError(f"unsupported source media {media!r}")
        if sha256(raw) != snapshot.source.sha256:
            raise StoreError("the snapshot's source.sha256 does not match the raw source bytes")
        i = snapshot.inspection
        directory = self._dir(i.programme, i.subject, i.published)
        io.make_dirs(self.root)
        with io.locked(self.root):
            io.make_dirs(directory)
            manifest = self._read_manifest(directory)
            entries = manifest.versions if manifest else ()
            self._clean_unacknowledged(directory, entries)
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
                if model.content(latest) == model.content(snapshot):
                    return SaveResult(
                        "unchanged", "unchanged", directory / entries[-1].file, entries[-1].version
                    )
            number = len(entries) + 1
            new = msgspec.structs.replace(snapshot, version=number, predecessor=latest_sha)
            body = model.to_json(new)
            model.from_json(body, "new snapshot")  # never store what we could not read back
            source_dir = directory / SOURCE_DIR
            io.make_dirs(source_dir)
            source_path = source_dir / f"{snapshot.source.sha256}.{media}"
            if not source_path.exists():
                io.publish_new(source_path, raw)
            path = directory / f"v{number}.json"
            io.publish_new(path, body)
            new_manifest = _Manifest(
                i.programme,
                i.subject,
                i.published,
                (*entries, _ManifestEntry(number, path.name, sha256(body))),
            )
            io.write_atomic(directory / MANIFEST, _encode_manifest(new_manifest))
            return SaveResult("new", version_kind(latest, new), path, number)

    def _clean_unacknowledged(self, directory: Path, entries: tuple[_ManifestEntry, ...]) -> None:
        """Remove what an interrupted save left (temp files, a version the manifest never
        acknowledged). Called with the lock held, so no live writer owns them."""
        listed = {e.file for e in entries}
        for p in sorted(directory.iterdir()):
            if p.name.startswith(io.TMP_PREFIX) or (
                _VERSION_FILE.fullmatch(p.name) and p.name not in listed
            ):
                io.remove(p)
        source_dir = directory / SOURCE_DIR
        if source_dir.is_dir():
            for p in sorted(source_dir.iterdir()):
                if p.name.startswith(io.TMP_PREFIX):
                    io.remove(p)

    # -- verification --------------------------------------------------------------------
    def verify(self) -> list[Problem]:
        """Recompute every hash and predecessor link; report anything edited, truncated,
        removed, added or swapped. Never trusts a cache."""
        return _verify(self.root)


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
    if where.endswith((".yaml", ".yml")):
        from compare import yamlio

        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SnapshotInvalid(f"{where}: not UTF-8 text") from None
        return model.from_builtins(yamlio.load_text(text, where), where)

    def no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        out: dict[str, object] = {}
        for k, v in pairs:
            if k in out:
                raise SnapshotInvalid(f"{where}: duplicate key {k!r}")
            out[k] = v
        return out

    try:
        json.loads(data, object_pairs_hook=no_duplicates)
    except (ValueError, RecursionError) as err:
        if isinstance(err, SnapshotInvalid):
            raise
        raise SnapshotInvalid(f"{where}: not valid JSON ({err})") from None
    return model.from_json(data, where)


def _verify(root: Path) -> list[Problem]:
    problems: list[Problem] = []

    def bad(path: Path, message: str) -> None:
        problems.append(Problem(str(path), message))

    if not root.exists():
        return [Problem(str(root), "the store does not exist")]
    for path in sorted(root.iterdir()):
        if path.name in _ROOT_EXTRA or path.name.startswith(io.TMP_PREFIX):
            continue
        if not path.is_dir():
            bad(path, "unexpected file in the store")
    for inspection_dir in sorted(p for p in root.glob("*/*/*") if p.name != ".cache"):
        if ".cache" in inspection_dir.parts[len(root.parts) :]:
            continue
        _verify_inspection(inspection_dir, bad)
    for path in sorted(root.glob("*/*")):
        if path.parts[len(root.parts)] == ".cache":
            continue
        if not path.is_dir():
            bad(path, "unexpected file in the store")
    return problems


def _verify_inspection(directory: Path, bad) -> None:
    programme, subject, published = directory.parts[-3:]
    if not directory.is_dir():
        bad(directory, "unexpected file in the store")
        return
    try:
        check_key(programme, subject, published)
    except UnsafeName as err:
        bad(directory, f"not a valid inspection directory ({err})")
        return
    manifest_path = directory / MANIFEST
    try:
        manifest = _manifest_decoder.decode(manifest_path.read_bytes())
    except FileNotFoundError:
        bad(manifest_path, "missing: this inspection's versions cannot be checked")
        manifest = None
    except (msgspec.ValidationError, msgspec.DecodeError) as err:
        bad(manifest_path, f"unreadable manifest ({err})")
        manifest = None
    entries = manifest.versions if manifest else ()
    manifest_ok = manifest is not None and manifest.checksum == manifest.expected_checksum()
    if manifest is not None and not manifest_ok:
        bad(manifest_path, "checksum does not match its content (edited or damaged)")
    if manifest and (manifest.programme, manifest.subject, manifest.published) != (
        programme,
        subject,
        published,
    ):
        bad(manifest_path, "names another inspection than its directory")
    expected_files = {MANIFEST, SOURCE_DIR}
    referenced_sources: set[str] = set()
    previous_sha: str | None = None
    for n, entry in enumerate(entries, start=1):
        path = directory / entry.file
        expected_files.add(entry.file)
        if entry.version != n or entry.file != f"v{n}.json":
            bad(manifest_path, f"entry {n} is out of sequence ({entry.file})")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            bad(path, "missing (listed in the manifest)")
            previous_sha = entry.sha256
            continue
        actual = sha256(data)
        if manifest_ok and actual != entry.sha256:
            bad(path, "content does not match its recorded sha256 (edited, truncated or swapped)")
        snap = _check_version_file(path, data, n, previous_sha, directory, bad)
        if snap is not None:
            referenced_sources.add(f"{snap.source.sha256}.{snap.source.media}")
        previous_sha = entry.sha256
    # A version file the manifest does not list is an interrupted save only if it is the
    # valid next version; anything else was put there by hand.
    for path in sorted(directory.iterdir()):
        if path.name in expected_files or path.name.startswith(io.TMP_PREFIX):
            continue
        if _VERSION_FILE.fullmatch(path.name) and path.name == f"v{len(entries) + 1}.json":
            silent: list[str] = []
            snap = _check_version_file(
                path,
                path.read_bytes(),
                len(entries) + 1,
                previous_sha,
                directory,
                lambda _p, msg, sink=silent: sink.append(msg),
            )
            if snap is not None and not silent:
                referenced_sources.add(f"{snap.source.sha256}.{snap.source.media}")
                continue  # unacknowledged; the next save removes it
        bad(path, "unexpected file (not listed in the manifest)")
    source_dir = directory / SOURCE_DIR
    if source_dir.is_dir():
        for path in sorted(source_dir.iterdir()):
            if path.name.startswith(io.TMP_PREFIX):
                continue
            stem, _, ext = path.name.partition(".")
            if not model.SHA256.fullmatch(stem) or ext not in _MEDIA:
                bad(path, "unexpected file in source/")
            elif sha256(path.read_bytes()) != stem:
                bad(path, "raw source does not match the sha256 in its name")
            elif path.name not in referenced_sources:
                # Written by a save that was interrupted before its version: harmless if the
                # bytes match the name (checked above), so not an error.
                pass
    for name in sorted(referenced_sources):
        if not (source_dir / name).is_file():
            bad(source_dir / name, "missing raw source of a version")


def _check_version_file(path, data, n, previous_sha, directory, bad) -> Snapshot | None:
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
    if model.to_json(snap) != data:
        bad(path, "not in canonical form (edited by hand?)")
    return snap
