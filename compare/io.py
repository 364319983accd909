"""Every filesystem mutation inspdiff makes goes through this module.

A write is: a temp file in the same directory, fsync, then ``os.replace`` (or ``os.link``
for a path that must not already exist), then an fsync of the directory. A reader therefore
sees either the old file or the complete new one, and an acknowledged write survives power
loss.

Test-only switches (environment variables, read once per process) let the reliability tests
enumerate crash points and injected errors; they are off in normal use:

- ``INSPDIFF_IO_CRASH_AT=k``: ``os._exit(99)`` just before the k-th filesystem call;
- ``INSPDIFF_IO_FAIL_AT=k:ENOSPC``: the k-th call raises that OSError instead;
- ``INSPDIFF_IO_TRACE=path``: append one line per call (``op path``) to ``path``;
- ``INSPDIFF_IO_UNSAFE=nonatomic|nofsync``: deliberately broken writes, the negative controls.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
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


def _tick(op: str, path: os.PathLike[str] | str) -> None:
    """Count a filesystem call; crash or fail here when a test asked for it."""
    global _calls
    _calls += 1
    if _TRACE:
        with open(_TRACE, "a", encoding="utf-8") as fh:
            fh.write(f"{_calls} {op} {os.fspath(path)}\n")
    if _calls == _CRASH_AT:
        os._exit(99)
    if _calls == _FAIL_AT_N:
        code = getattr(errno, _FAIL_ERR or "EIO", errno.EIO)
        raise OSError(code, os.strerror(code), os.fspath(path))


def _fsync_dir(directory: Path) -> None:
    if _UNSAFE == "nofsync":
        return
    _tick("fsync-dir", directory)
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(directory: Path, name: str, data: bytes) -> Path:
    tmp = directory / f"{TMP_PREFIX}{name}.{os.getpid()}.{secrets.token_hex(4)}"
    _tick("write", tmp)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if _UNSAFE != "nofsync":
            _tick("fsync", tmp)
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def _write_in_place(path: Path, data: bytes, *, exclusive: bool) -> None:
    """The negative control: a plain, non-atomic write (test-only)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    _tick("open", path)
    fd = os.open(path, flags, 0o644)
    try:
        half = len(data) // 2
        _tick("write", path)
        os.write(fd, data[:half])
        _tick("write", path)
        os.write(fd, data[half:])
    finally:
        os.close(fd)


def write_atomic(path: Path | str, data: bytes) -> None:
    """Create or replace ``path`` with ``data``, all or nothing."""
    path = Path(path)
    if _UNSAFE == "nonatomic":
        _write_in_place(path, data, exclusive=False)
        return
    tmp = _write_temp(path.parent, path.name, data)
    try:
        _tick("replace", path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def publish_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; raise FileExistsError rather than overwrite anything."""
    if _UNSAFE == "nonatomic":
        _write_in_place(path, data, exclusive=True)
        return
    tmp = _write_temp(path.parent, path.name, data)
    try:
        _tick("link", path)
        os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            _tick("unlink", tmp)
            os.unlink(tmp)
    _fsync_dir(path.parent)


def make_dirs(path: Path) -> None:
    """``mkdir -p`` that fsyncs each parent it adds an entry to."""
    missing: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        _tick("mkdir", d)
        try:
            os.mkdir(d)
        except FileExistsError:
            continue
        _fsync_dir(d.parent)


def remove(path: Path) -> None:
    """Delete a file this tool left behind unacknowledged (a temp file or an orphan)."""
    _tick("unlink", path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive OS lock on ``directory/.lock`` (released by the kernel if we die)."""
    import fcntl

    make_dirs(directory)
    fd = os.open(directory / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock
