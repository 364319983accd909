"""The ChangeSet as JSON: schema ``inspdiff.changeset/1``, documented in
docs/changeset-schema.md.

The document is the ChangeSet's own fields in model order (``schema`` first), plus
``generated``; dict keys are sorted, indentation is two spaces, text stays UTF-8 and the
document ends with a newline, so equal ChangeSets give byte-identical files.
"""

from __future__ import annotations

import msgspec

from compare.engine.changeset import ChangeSet


def to_builtins(changeset: ChangeSet, *, generated: str | None = None) -> dict:
    """The JSON document as plain Python values."""
    data = msgspec.to_builtins(changeset, order="deterministic")
    return {"schema": data.pop("schema"), "generated": generated, **data}


def render(changeset: ChangeSet, *, generated: str | None = None) -> str:
    raw = msgspec.json.encode(to_builtins(changeset, generated=generated))
    return msgspec.json.format(raw, indent=2).decode("utf-8") + "\n"
