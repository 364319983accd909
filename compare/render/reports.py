"""The reports over the whole store (national overview, one body's history) in every format.

The same renderers as a comparison, chosen by the one table ``compare.render.RENDERERS``:
HTML from ``compare.render.html``, JSON from ``compare.render.json`` (any frozen Struct
model, ``schema`` first), CSV from ``compare.render.csv`` (the only place pandas is
imported), xlsx from ``compare.render.xlsx``, and Markdown from here:
``national.md.j2``/``body.md.j2`` with the Markdown module's escaping filters.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from compare.render.html import MINUS

_TEMPLATES = {"NationalReport": "national.md.j2", "BodyReport": "body.md.j2"}
_BLANK_RUNS = re.compile(r"\n{3,}")


def arrow(status: str, steps: int | None) -> str:
    """A grade move as text: ``▲ +1``, ``▼ −2``, ``= unchanged``, ``first inspection``."""
    if status == "improved" and steps is not None:
        return f"▲ +{steps}"
    if status == "declined" and steps is not None:
        return f"▼ {MINUS}{-steps}"
    if status == "unchanged":
        return "= unchanged"
    if status == "first":
        return "first inspection"
    return status.replace("-", " ")


@cache
def _markdown_env():
    from compare.render import markdown
    from compare.render.templating import new_environment

    env = new_environment("md")
    env.filters.update(md=markdown.md, grade=markdown.grade, count=markdown.count)
    env.globals.update(link=markdown.link, arrow=arrow)
    return env


def markdown(report: Any, *, generated: str | None = None) -> str:
    template = _markdown_env().get_template(_TEMPLATES[type(report).__name__])
    text = template.render(report=report, generated=generated)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"


def render(report: Any, fmt: str, *, generated: str | None = None) -> str | bytes:
    """``report`` (a NationalReport or BodyReport) in ``fmt``, through the render door
    (``compare.render.RENDERERS``)."""
    from compare.render import render as render_any

    return render_any(report, fmt, generated=generated)


def write(data: str | bytes, directory: Path, stem: str, fmt: str) -> Path:
    """Write ``data`` (text, or a binary format's bytes) to ``directory/stem.<fmt>``
    atomically; return the path."""
    from compare import io
    from compare.render import RENDERERS

    if not any(f == fmt for _, f in RENDERERS):
        raise ValueError(f"unknown format {fmt!r}")  # fmt becomes a file name: no paths
    io.make_dirs(directory)
    path = directory / f"{stem}.{fmt}"
    io.write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
    return path
