"""Renderers: one result model, many views, through one door.

``RENDERERS`` is the one table of (model, format) -> renderer, each ``"module:function"``
with the signature ``function(obj, *, generated=None) -> str | bytes``. The CLI's
``--format`` choices are derived from it (``formats``), so a format is added by adding its
module and its rows here. Modules load on first use, so importing this package costs
nothing (the CLI imports it to build its choices).

``generated`` is the generation time as the caller wants it shown (e.g. an ISO 8601
string); renderers never read the clock, so the same result always renders to the same
bytes. Text formats return ``str``; formats in ``BINARY`` return ``bytes``.
"""

from __future__ import annotations

import importlib
from typing import Any

from compare.errors import InspdiffError

_MD = "compare.render.markdown:render"
_JSON = "compare.render.json:render"
_HTML = "compare.render.html:render"
_CSV = "compare.render.csv:render"
_XLSX = "compare.render.xlsx:render"
_REPORT_MD = "compare.render.reports:markdown"

# Model names rather than classes: importing the models would pull in the engine.
RENDERERS: dict[tuple[str, str], str] = {
    ("ChangeSet", "md"): _MD,
    ("ChangeSet", "json"): _JSON,
    ("ChangeSet", "html"): _HTML,
    ("ChangeSet", "csv"): _CSV,
    ("ChangeSet", "xlsx"): _XLSX,
    ("NationalReport", "md"): _REPORT_MD,
    ("NationalReport", "html"): _HTML,
    ("NationalReport", "json"): _JSON,
    ("NationalReport", "csv"): _CSV,
    ("NationalReport", "xlsx"): _XLSX,
    ("BodyReport", "md"): _REPORT_MD,
    ("BodyReport", "html"): _HTML,
    ("BodyReport", "json"): _JSON,
    ("BodyReport", "csv"): _CSV,
    ("BodyReport", "xlsx"): _XLSX,
}

# Formats whose renderer returns bytes: written to a file, or to a stdout that is not a
# terminal (the CLI refuses to spray a zip archive over a terminal).
BINARY: frozenset[str] = frozenset({"xlsx"})


def formats(model: str) -> tuple[str, ...]:
    """The formats ``model`` (e.g. ``"ChangeSet"``) renders to, in table order."""
    return tuple(fmt for kind, fmt in RENDERERS if kind == model)


# The ChangeSet's formats, as ``inspdiff compare --format`` offers them.
FORMATS: tuple[str, ...] = formats("ChangeSet")


def render(obj: Any, fmt: str, *, generated: str | None = None) -> str | bytes:
    """``obj`` (a ChangeSet, NationalReport or BodyReport) in format ``fmt``: ``str`` for a
    text format, ``bytes`` for one in BINARY."""
    kind = type(obj).__name__
    try:
        target = RENDERERS[(kind, fmt)]
    except KeyError:
        raise InspdiffError(
            f"unknown format {fmt!r} for {kind} (expected one of: {', '.join(formats(kind))})"
        ) from None
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)(obj, generated=generated)
