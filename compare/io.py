"""Every filesystem mutation inspdiff makes goes through this module.

A write is: a temp file in the same directory, fsync, then ``os.replace`` (or ``os.link``
for a path that must not already exist), then an fsync of the directory. A reader therefore
sees either the old file or the complete new one, and an acknowledged write survives power
loss.

Test-only switches (environment variables, read once per process) let the reliability tests
enumerate crash points and injected errors; they are off in normal use:

- ``INSPDIFF_IO_CRASH_AT=k``: ``os._exit(99)`` just before the k-th filesystem call;
- ``INSPDIFF_IO_FAIL_AT=k:ENOSPC``: the k-th call raises that OSError instead;
- ``INSPDIFF_IO_TRACE=path``: append one JSON line to ``path`` per *completed* call, in
  order: ``{"k": 3, "pid": 812, "op": "link", "path": "...", "src": "..."}``. ``k`` is the
  call's number (the one CRASH_AT/FAIL_AT count; ``null`` for error-path cleanup), ``op`` one
  of ``create`` (a new temp file holding the bytes whose sha256 is ``blob``; the bytes are
  kept in ``<path>.blobs/<sha256>``), ``fsync``, ``fsync-dir``, ``rename``, ``link``,
  ``unlink``, ``mkdir``, ``lock`` (open-or-create the lock file), and for the non-atomic
  control ``open`` (``trunc``: emptied) and ``append`` (``blob``). A crash at k leaves
  exactly the effects of the lines with a smaller k, so the reliability tests can replay the
  log to model what a power cut would keep (tests/reliability/fsmodel.py);
- ``INSPDIFF_IO_UNSAFE=nonatomic|nofsync``: deliberately broken writes, the negative controls.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

TMP_PREFIX = ".tmp-"

_env = os.environ.get
_CRASH_AT = int(_env("INSPDIFF_IO_CRASH_AT") or 0)
_FAIL_AT, _, _FAIL_ERR = (_env("INSPDIFF_IO_FAIL_AT") or "0:").partition(":")
_FAIL_AT_N = int(_FAIL_AT or 0)
_TRACE = _env("INSPDIFF_IO_TRACE")
_UNSAFE = _env("INSPDIFF_IO_UNSAFE", "")
_calls = 0
_deferred = False  # inside deferred(): see there
_queue: list[tuple[str, Path, Path]] = []  # (op, temp file, destination) awaiting barrier()
_queued: set[str] = set()  # every temp file and destination in _queue, for O(1) look-ups


def _tick(op: str, path: os.PathLike[str] | str) -> int:
    """Count a filesystem call; crash or fail here when a test asked for it."""
    global _calls
    _calls += 1
    if _calls == _CRASH_AT:
        os._exit(99)
    if _calls == _FAIL_AT_N:
        code = getattr(errno, _FAIL_ERR or "EIO", errno.EIO)
        raise OSError(code, os.strerror(code), os.fspath(path))
    return _calls


def _log(k: int | None, op: str, path: os.PathLike[str] | str, **extra: object) -> None:
    """Record a completed call in the trace (test-only; a no-op unless tracing)."""
    if not _TRACE:
        return
    record = {"k": k, "pid": os.getpid(), "op": op, "path": os.fspath(path), **extra}
    with open(_TRACE, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


def _blob(data: bytes) -> str:
    """Keep a copy of written bytes beside the trace, so a replay knows file contents."""
    digest = hashlib.sha256(data).hexdigest()
    if _TRACE:
        blobs = Path(f"{_TRACE}.blobs")
        blobs.mkdir(exist_ok=True)
        if not (blobs / digest).exists():
            (blobs / digest).write_bytes(data)
    return digest


def _fsync_dir(directory: Path) -> None:
    if _UNSAFE == "nofsync" or _deferred:
        return
    k = _tick("fsync-dir", directory)
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _log(k, "fsync-dir", directory)


def sync_dir(directory: Path) -> None:
    """Make the entries of ``directory`` (names created, renamed or removed) durable."""
    if _UNSAFE == "nofsync" or _deferred:
        return  # a group commit syncs everything at its barrier
    _fsync_dir(Path(directory))


def _write_temp(directory: Path, name: str, data: bytes) -> Path:
    tmp = directory / f"{TMP_PREFIX}{name}.{os.getpid()}.{os.urandom(4).hex()}"
    k = _tick("write", tmp)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as err:  # name the file the user asked for, not our temp file
        raise OSError(err.errno, err.strerror, os.fspath(directory / name)) from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if _TRACE:
            _log(k, "create", tmp, blob=_blob(data))
        if _UNSAFE != "nofsync" and not _deferred:
            k = _tick("fsync", tmp)
            os.fsync(fd)
            _log(k, "fsync", tmp)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
            _log(None, "unlink", tmp)
        raise
    os.close(fd)
    return tmp


def _write_in_place(path: Path, data: bytes, *, exclusive: bool) -> None:
    """The negative control: a plain, non-atomic write (test-only)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    k = _tick("open", path)
    fd = os.open(path, flags, 0o644)
    _log(k, "open", path, trunc=not exclusive)
    try:
        half = len(data) // 2
        for part in (data[:half], data[half:]):
            k = _tick("write", path)
            os.write(fd, part)
            if _TRACE:
                _log(k, "append", path, blob=_blob(part))
    finally:
        os.close(fd)


def write_atomic(path: Path | str, data: bytes) -> None:
    """Create or replace ``path`` with ``data``, all or nothing."""
    path = Path(path)
    if _UNSAFE == "nonatomic":
        _write_in_place(path, data, exclusive=False)
        return
    tmp = _write_temp(path.parent, path.name, data)
    if _deferred:
        _enqueue("replace", tmp, path)
        return
    try:
        k = _tick("replace", path)
        os.replace(tmp, path)
        _log(k, "rename", path, src=os.fspath(tmp))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
            _log(None, "unlink", tmp)
        raise
    _fsync_dir(path.parent)


def publish_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; raise FileExistsError rather than overwrite anything."""
    if _UNSAFE == "nonatomic":
        _write_in_place(path, data, exclusive=True)
        return
    if _deferred and (path.exists() or os.fspath(path) in _queued):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fspath(path))
    tmp = _write_temp(path.parent, path.name, data)
    if _deferred:
        _enqueue("link", tmp, path)
        return
    try:
        k = _tick("link", path)
        os.link(tmp, path)
        _log(k, "link", path, src=os.fspath(tmp))
    finally:
        # Best effort: a temp file left behind is ignored by readers and removed by the
        # next writer, so failing to remove it must not fail a save that succeeded.
        with contextlib.suppress(OSError):
            k = _tick("unlink", tmp)
            os.unlink(tmp)
            _log(k, "unlink", tmp)
    _fsync_dir(path.parent)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Group commit. Inside, file contents go to temp files without an fsync each, and
    every name they are to take (``publish_new``'s link, ``write_atomic``'s rename) waits
    in a queue; ``barrier()`` syncs the filesystem once, then gives the names in the order
    they were asked for, then syncs again. So no name ever becomes durable before its bytes,
    and names appear in the same order as with one fsynced call at a time: every state an
    interruption leaves is one a single interrupted save could leave. On an error, queued
    temp files are removed and their names never given."""
    global _deferred
    _deferred = True
    try:
        yield
        if _queue:
            raise RuntimeError("deferred writes were not committed with barrier()")
    finally:
        _deferred = False
        while _queue:
            _, tmp, _ = _queue.pop()
            with contextlib.suppress(OSError):
                os.unlink(tmp)
                _log(None, "unlink", tmp)
        _queued.clear()


def _enqueue(op: str, tmp: Path, path: Path) -> None:
    _queue.append((op, tmp, path))
    _queued.update((os.fspath(tmp), os.fspath(path)))


def _sync_all() -> None:
    if _UNSAFE == "nofsync":
        return
    k = _tick("sync", "/")
    os.sync()
    _log(k, "sync-all", "/")


def barrier() -> None:
    """Inside ``deferred()``: make every queued write durable under its name."""
    _sync_all()
    for op, tmp, path in _queue:
        if op == "link":
            k = _tick("link", path)
            os.link(tmp, path)
            _log(k, "link", path, src=os.fspath(tmp))
            with contextlib.suppress(OSError):
                k = _tick("unlink", tmp)
                os.unlink(tmp)
                _log(k, "unlink", tmp)
        else:
            k = _tick("replace", path)
            os.replace(tmp, path)
            _log(k, "rename", path, src=os.fspath(tmp))
    _queue.clear()
    _queued.clear()
    _sync_all()


def make_dirs(path: Path) -> None:
    """``mkdir -p`` that fsyncs each parent it adds an entry to."""
    missing: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        k = _tick("mkdir", d)
        try:
            os.mkdir(d)
        except FileExistsError:
            continue
        _log(k, "mkdir", d)
        _fsync_dir(d.parent)


def remove(path: Path, *, durable: bool = False) -> None:
    """Delete a file this tool left behind unacknowledged (a temp file or an orphan).

    ``durable``: also fsync the directory, so the removal cannot be undone by a power cut
    (needed when a later write must not meet the removed file again)."""
    if os.fspath(path) in _queued:
        return  # a deferred write of ours, awaiting its name
    k = _tick("unlink", path)
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    _log(k, "unlink", path)
    if durable:
        _fsync_dir(path.parent)


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive OS lock on ``directory/.lock`` (released by the kernel if we die)."""
    import fcntl

    make_dirs(directory)
    lock_path = directory / ".lock"
    k = _tick("lock", lock_path)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    _log(k, "lock", lock_path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock


@contextlib.contextmanager
def shared(directory: Path) -> Iterator[None]:
    """Hold ``directory/.lock`` in shared mode: no writer commits meanwhile, other readers
    may share. Read-only: a store with no lock file (no writer ever ran) is not locked, and
    nothing is created, so read-only checkouts can be checked."""
    import fcntl

    try:
        fd = os.open(directory / ".lock", os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)
