"""The Python API: the same operations as the CLI, as functions.

``compare_refs(load_store("snapshots"), "south-west", "west-midlands")`` is
``inspdiff compare south-west west-midlands``; ``render_report(changes, "md")`` renders it.
"""

from __future__ import annotations

from pathlib import Path

from compare.errors import InspdiffError
from compare.store import Store


def load_store(path: str | Path | None = None) -> Store:
    """The store at ``path`` (default: ``$INSPDIFF_STORE`` or ``./snapshots``)."""
    return Store(path)


def compare_refs(store: Store, a: str, b: str | None = None, *, previous: bool = False):
    """Resolve references and compare them: ``inspdiff compare A B`` / ``A --previous``.

    Returns the frozen ``ChangeSet``; raises ``InspdiffError`` subclasses on bad references.
    """
    from compare.engine import compare

    if previous:
        if b is not None or "@" in a or "#" in a:
            raise InspdiffError("--previous takes one SUBJECT and no B")
        return compare(store.resolve(f"{a}@previous"), store.resolve(a))
    if b is None:
        raise InspdiffError("give two references A and B, or one SUBJECT with --previous")
    return compare(store.resolve(a), store.resolve(b))
