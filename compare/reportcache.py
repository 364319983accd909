"""A cache of store-wide results (the national overview), kept in the user cache directory
(``compare.packagedata.cache_dir()``, under ``reports/``), one folder per store, named by the
sha256 of the store's absolute path: reading a report never writes into the store.

A result is reused only when the store's fingerprint is unchanged: the size, modification
time and inode of every inspection directory and its manifest (a save adds a version file
and replaces the manifest, so it always changes the fingerprint), plus the tool's version
and reference data. A version file edited in place by hand is tampering, which ``verify``
reports; the cache does not look for it.
Each cache file carries the sha256 of its payload; a damaged or stale file is rebuilt. The
cache is never consulted by ``verify`` and can be deleted at any time; where the cache
directory cannot be written, reports are simply built every time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import msgspec

from compare import __version__
from compare.packagedata import cache_dir, write_cache

T = TypeVar("T")


def _scan(path: str):
    try:
        with os.scandir(path) as it:
            return sorted(it, key=lambda e: e.name)
    except (NotADirectoryError, FileNotFoundError, PermissionError):
        return []


def fingerprint(root: Path) -> str:
    h = hashlib.sha256(f"{__version__}\n".encode())
    from importlib import resources

    h.update(resources.files("compare").joinpath("data/bodies.yaml").read_bytes())
    for programme in _scan(str(root)):
        if programme.name.startswith(".") or not programme.is_dir(follow_symlinks=False):
            continue
        for subject in _scan(programme.path):
            if not subject.is_dir(follow_symlinks=False):
                continue
            for inspection in _scan(subject.path):
                # The directory's own times change whenever a file is added, removed or
                # renamed in it; the manifest is replaced by every save.
                for path in (inspection.path, f"{inspection.path}/manifest.json"):
                    try:
                        st = os.stat(path, follow_symlinks=False)
                    except OSError:
                        continue
                    h.update(f"{path} {st.st_size} {st.st_mtime_ns} {st.st_ino}\n".encode())
    return h.hexdigest()


def cache_path(root: Path, name: str) -> Path:
    """Where the cached result ``name`` of the store at ``root`` lives."""
    store = hashlib.sha256(os.fsencode(os.path.abspath(root))).hexdigest()[:24]
    return cache_dir() / "reports" / store / f"{name}.msgpack"


def cached(root: Path, name: str, kind: type[T], build: Callable[[], T]) -> T:
    """The result of ``build()``, reused from ``cache_path(root, name)`` while the store's
    fingerprint (its path and content) is unchanged."""
    path = cache_path(root, name)
    key = fingerprint(root).encode()
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    header, digest, payload = data[:64], data[64:96], data[96:]
    if header == key and hashlib.sha256(payload).digest() == digest:
        try:
            return msgspec.msgpack.decode(payload, type=kind)
        except (msgspec.DecodeError, msgspec.ValidationError):
            pass
    result = build()
    payload = msgspec.msgpack.encode(result)
    write_cache(path, key + hashlib.sha256(payload).digest() + payload)
    return result
