"""Clean text blocks: the one shape every source is reduced to before extraction.

A plain-text publication is one block per line; an HTML page is one block per heading,
paragraph or list item (see ``compare.ingest.html``). The extractor never sees markup, so a
press release pasted as text and the same release served as a web page read the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["heading", "paragraph", "item"]

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bullets people type: -, *, •, en and em dashes, middle dot, ▪ ◦ ‣ ⁃.
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013\u2014\u00b7\u25aa\u25e6\u2023\u2043]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_TERMINAL = re.compile(r"[.!?:;,]$|[.!?][\"'\u201d\u2019)]$")


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text. ``level`` is the heading level (1-6), 0 for other kinds."""

    kind: Kind
    text: str
    level: int = 0


def clean(text: str) -> str:
    """One line of text: no control or zero-width characters, single spaces, trimmed."""
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation, which in plain text is how headings look."""
    if not text or _TERMINAL.search(text) or text[0] in "\"'\u201c\u2018(":
        return False
    words = text.split()
    return len(words) <= 14 and len(text) <= 120


def text_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Plain text (or light Markdown) to blocks: one per non-empty line.

    Bullet lines become items. In Markdown, ``#`` lines are headings with their level and
    every other line is a paragraph; in plain text, which does not say which lines are
    headings, short lines without closing punctuation become level-0 headings.
    """
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw
        if markdown:
            line = _MD_QUOTE.sub("", line)
            line = _MD_LINK.sub(r"\1", line)
            line = _MD_EMPHASIS.sub(r"\2", line)
            m = _MD_HEADING.match(line)
            if m:
                heading = clean(m.group(2))
                if heading:
                    blocks.append(Block("heading", heading, len(m.group(1))))
                continue
            if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):  # a thematic break
                continue
        line = clean(line)
        if not line:
            continue
        m = _BULLET.match(line)
        if m and len(line) > m.end():
            blocks.append(Block("item", line[m.end() :].strip()))
        elif not markdown and looks_like_heading(line):
            blocks.append(Block("heading", line, 0))
        else:
            blocks.append(Block("paragraph", line))
    return blocks
