"""The ChangeSet as GitHub-flavoured Markdown, from ``compare/templates/compare.md.j2``.

Every value from a snapshot passes through ``md`` (inline text, safe in a table cell) and
every link through ``link`` (http and https only). jinja2 is imported on first use.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote, urlsplit

from compare.engine.changeset import ChangeSet

# Characters that mean something inline in CommonMark/GFM: code, emphasis, links and
# images, raw HTML and autolinks (an opening <), entities, table cells, strikethrough, math
# ($ on GitHub), issue references (# before a digit). A backslash makes each one literal,
# including inside a table cell.
_INLINE = re.compile(r"([\\`*_\[\]<|~&!$]|#(?=\d))")
# Block markers that only act at the start of a line: a list item, block quote, heading or
# thematic break; "1." or "1)" starts an ordered list.
_LEADING_MARK = re.compile(r"^([-+=>#])")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])")
# Line breaks a Markdown parser or a browser honours, and other control characters.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def md(value: object) -> str:
    """``value`` as inline Markdown text that shows exactly as written and can break
    nothing around it: one line (line breaks and runs of spaces become one space), no raw
    HTML, no links or images, no emphasis, safe inside a table cell.

    >>> print(md("a | b <script>"))
    a \\| b \\<script>
    """
    if value is None:
        return ""
    text = " ".join(_BREAKS.sub(" ", str(value)).split())
    text = _INLINE.sub(r"\\\1", text)
    text = _LEADING_MARK.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


# Left as they are in a link destination; everything else is percent-encoded, which keeps
# spaces, parentheses, brackets, angle brackets, pipes and backslashes out of it.
_URL_SAFE = "/:?#@!$&'*+,;=%-._~"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe to place in ``[text](url)``, or None for anything else
    (javascript:, data:, relative paths, URLs with control characters)."""
    if not url or _BREAKS.search(url):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def link(text: object, url: str | None) -> str:
    """``[text](url)`` when the URL is http(s); the escaped text alone otherwise."""
    target = safe_url(url)
    label = md(text)
    return f"[{label}]({target})" if target else label


def grade(value: str | None) -> str:
    return md(value) if value is not None else "not graded"


def count(value: int | None) -> str:
    return "n/a" if value is None else str(value)


@cache
def _environment():
    from compare.render.templating import new_environment

    env = new_environment("md")
    env.filters.update(md=md, grade=grade, count=count)
    env.globals.update(link=link)
    return env


_BLANK_RUNS = re.compile(r"\n{3,}")


def render(changeset: ChangeSet, *, generated: str | None = None) -> str:
    text = _environment().get_template("compare.md.j2").render(cs=changeset, generated=generated)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
