"""The tool's own exceptions. The library raises these; only the CLI prints them."""

from __future__ import annotations


class InspdiffError(Exception):
    """Base class: a problem the user can fix. ``str(err)`` is one line."""


class SnapshotInvalid(InspdiffError):
    """A snapshot file (or data meant to become one) breaks the format."""


class SnapshotNotFound(InspdiffError):
    """A reference names no snapshot in the store."""


class StoreError(InspdiffError):
    """The store cannot be read or written as asked."""


class UnsafeName(InspdiffError):
    """An id, slug or reference would leave the store or is not allowed."""


class IngestError(InspdiffError):
    """A source could not be turned into a snapshot."""


class GitError(InspdiffError):
    """git could not answer what was asked (not a repository, unknown revision...)."""
