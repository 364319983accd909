"""Renderers: one ChangeSet, many views. Each format is a module with
``render(changeset, *, generated=None) -> str``; add a format by adding its module to
FORMATS (e.g. ``"html": "compare.render.html"``). Modules load on first use, so importing
this package costs nothing.

``generated`` is the generation time as the caller wants it shown (e.g. an ISO 8601
string); renderers never read the clock, so the same ChangeSet always renders to the same
bytes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from compare.errors import InspdiffError

if TYPE_CHECKING:
    from compare.engine.changeset import ChangeSet

FORMATS: dict[str, str] = {
    "md": "compare.render.markdown",
    "json": "compare.render.json",
    "html": "compare.render.html",
}


def render(changeset: ChangeSet, fmt: str, *, generated: str | None = None) -> str:
    """The ChangeSet as text in format ``fmt`` (one of FORMATS)."""
    try:
        module = FORMATS[fmt]
    except KeyError:
        raise InspdiffError(
            f"unknown format {fmt!r} (expected one of: {', '.join(sorted(FORMATS))})"
        ) from None
    return importlib.import_module(module).render(changeset, generated=generated)
