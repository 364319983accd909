"""The reports over the whole store (national overview, one body's history) in every format.

The same renderers as a comparison: HTML from ``compare.render.html``, JSON from
``compare.render.json`` (any frozen Struct model, ``schema`` first), Markdown from
``national.md.j2``/``body.md.j2`` with the Markdown module's escaping filters, and CSV from
``compare.render.csv`` (the only place pandas is imported).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from compare.render.html import MINUS


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


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


def render(report: Any, fmt: ReportFormat | str, *, generated: str | None = None) -> str:
    """``report`` (a NationalReport or BodyReport) as text in ``fmt``."""
    fmt = ReportFormat(fmt)
    if fmt is ReportFormat.md:
        return markdown(report, generated=generated)
    if fmt is ReportFormat.html:
        from compare.render import html

        return html.render(report, generated=generated)
    if fmt is ReportFormat.json:
        from compare.render import json

        return json.render(report, generated=generated)
    from compare.render import csv

    return csv.render(report, generated=generated)


def write(text: str, directory: Path, stem: str, fmt: ReportFormat | str) -> Path:
    """Write ``text`` to ``directory/stem.<fmt>`` atomically; return the path."""
    from compare import io

    io.make_dirs(directory)
    path = directory / f"{stem}.{ReportFormat(fmt).value}"
    io.write_atomic(path, text.encode("utf-8"))
    return path
