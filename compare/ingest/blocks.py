"""Clean text blocks: the one shape every source is reduced to before extraction.

A plain-text publication is one block per line; an HTML page is one block per heading,
paragraph or list item (see ``compare.ingest.html``). The extractor never sees markup, so a
press release pasted as text and the same release served as a web page read the same.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["heading", "paragraph", "item"]

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bullets people type: -, *, •, en and em dashes, middle dot, ▪ ◦ ‣ ⁃ ► ■ ●.
_BULLET = re.compile(
    r"^\s*(?:[-*\u2022\u2013\u2014\u00b7\u25aa\u25e6\u2023\u2043\u25ba\u25a0\u25cf]"
    # "1.", "1)", and as hand-typed lists also write them: "1).", "(1)".
    r"|\(?\d{1,2}(?:\)\.|\.\)|[.)]))\s+"
)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_TERMINAL = re.compile(r"[.!?:;,]$|[.!?][\"'\u201d\u2019)]$")


_PAST_COLUMN = re.compile(r"\b(?:previous|prior|last|former|earlier|old|before)\b", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*[/\u2013-]\s*(\d\d))?(?!\d)")
_GRADE_CELL = re.compile(
    r"^\W*(?:outstanding|good|adequate|inadequate|requires?\s+improvement|not graded)\W*$", re.I
)
_PIPE_ROW = re.compile(r"^\s*\|(.+\|)\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


def past_columns(header: list[str]) -> frozenset[int]:
    """Columns of a grade table that hold earlier grades: headed "Previous grade", "Last
    inspection" and the like, or headed with a year when another column has a later one
    ("2022 grade" beside "2025 grade"). A grade from another inspection is never this one's."""
    past = {i for i, h in enumerate(header) if _PAST_COLUMN.search(h)}
    years: dict[int, int] = {}
    for i, h in enumerate(header):
        m = _YEAR.search(h)
        if m and i not in past:
            year = int(m.group(1))
            if m.group(2):
                year = year // 100 * 100 + int(m.group(2))
            years[i] = year
    if len(set(years.values())) > 1:
        latest = max(years.values())
        past |= {i for i, y in years.items() if y < latest}
    if len(past) >= len(header):
        return frozenset()  # every column is past: a table of history, kept as written
    return frozenset(past)


_GRADE_ROW_LABEL = re.compile(r"^\W*(?:overall\s+)?(?:grade|rating|judg(?:e)?ment)s?\W*$", re.I)


def table_lines(header: list[str] | None, past: frozenset[int], cells: list[str]) -> list[str]:
    """The lines a table row reads as, given its table's header (None before one is seen) and
    past columns: "label: grade" ("a: b: c" for other rows); one "column: grade" line per
    column for a transposed grade table (bodies across the header, a "Grade" row below)."""
    if header is not None and cells and _GRADE_ROW_LABEL.match(cells[0]):
        return [
            f"{header[i]}: {c}"
            for i, c in enumerate(cells)
            if 0 < i < len(header) and i not in past and c and header[i]
        ]
    kept = grade_row([c for i, c in enumerate(cells) if i not in past and c])
    return [": ".join(kept)] if kept else []


def grade_row(cells: list[str]) -> list[str]:
    """A table row read as "label: grade" when it has more than two cells and exactly one of
    them after the first is a bare grade ("Investigating crime | Good | \u2191 from adequate",
    "Dorset Police | Good | 3 areas for improvement"); otherwise the cells as they are."""
    if len(cells) > 2:
        graded = [c for c in cells[1:] if _GRADE_CELL.match(c)]
        if len(graded) == 1:
            return [cells[0], graded[0]]
    return cells


def is_header_row(cells: list[str]) -> bool:
    """A first row written with ordinary cells that is a header all the same: no cell is a
    grade, and one names a year or an earlier inspection."""
    return (
        len(cells) >= 2
        and not any(_GRADE_CELL.match(c) for c in cells)
        and any(_PAST_COLUMN.search(c) or _YEAR.search(c) for c in cells[1:])
    )


# An HTML entity left in text copied from a page's source or a feed ("Fire &amp; Rescue").
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# -- run-on text: a publication whose line breaks were lost --------------------------------
# A line this long that carries the marks of a publication's structure (a list opened after
# ":" or ";", "said: “", "Get the report", "Notes -", a date line) is a whole publication
# run together. ``reflow`` puts back the breaks those marks imply, and one sentence per line.
RUN_ON_MIN = 600
_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_A_DATE = (
    rf"(?:(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+"
    rf"{_MONTH_NAMES},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_OPENQ = '\u201c\u2018"'
_STRUCTURE = re.compile(
    rf"[:;]\s+[-\u2022*\u2013]\s+[A-Z{_OPENQ}]|\b(?:said|says|added)\s*:\s*[{_OPENQ}]"
    r"|\bGet the (?:full )?report\b|\bNotes?\s+[-\u2022*]\s|\bdate \d{4}-\d{2}-\d{2}"
    r"|\b(?:Published(?: on)?|Date(?: of publication)?|Publication date)\s*:"
)
_BREAKS = (
    # Line marks: a break before (and after) each.
    (re.compile(r"\s*\|?\s*\b(Printable version|Get the (?:full )?report)\b\s*"), r"\n\1\n"),
    (re.compile(r"\s+(?=date \d{4}-\d{2}-\d{2}\b)"), "\n"),
    (re.compile(r"(\(HMICFRS\))\s+(?=[A-Z|])"), r"\1\n"),
    (
        re.compile(
            rf"\s*\b((?:Published(?: on)?|Date(?: of publication)?|Publication date)\s*:?\s*"
            rf"{_A_DATE})\s*"
        ),
        r"\n\1\n",
    ),
    (re.compile(r"\s+(?=(?:Latest News from|Original article link:|Notes?\s+[-\u2022*]\s))"), "\n"),
    (re.compile(r"\b(Latest News from|Notes?)\s+(?=[-\u2022*]\s|HM|His|Her)"), r"\1\n"),
    (re.compile(r"(Original article link:\s*\S+)\s+"), r"\1\n"),
    # A list: items after ":" or ";" (or "; and"), each a bullet line.
    (
        re.compile(rf"(?:(?<=[:;.!?\u201d\"])|(?<=\band))\s+(?=[-\u2022*\u2013]\s+[A-Z{_OPENQ}])"),
        "\n",
    ),
    # Quotations: "X said:" ends a line; each quoted paragraph opens one.
    (re.compile(rf"\b((?:said|says|added|commented)\s*:)\s*(?=[{_OPENQ}])"), r"\1\n"),
    (re.compile(rf"(?<=[.!?:])\s+(?=[{_OPENQ}])"), "\n"),
    (re.compile(r"(?<=[.!?][\u201d\u2019\"])\s+(?=[A-Z])"), "\n"),
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]*\s+(?=[(\u201c\u2018\"]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sir|St|No|e\.g|i\.e|etc|vs|Supt|Insp|Det|Sgt|Prof|Co)\.$"
)
# Where a headline ends and the first sentence begins, when nothing marks it: before a word
# that opens sentences ("The", "His Majesty's ..."), else before the first capitalised word
# that follows a lower-case content word ("... says police inspectorate Cumbria ...").
_OPENER = re.compile(
    r"(?<=[a-z\u2019')])\s+(?=(?:The|His|Her|HMICFRS|HM|Inspectors|In|This|Today|It|We|Our"
    r"|There|A|An)\s)"
)
_FUNCTION_WORDS = frozenset(
    (
        *("a", "an", "the", "of", "in", "on", "at", "for", "to", "from", "by", "with", "and"),
        *("or", "but", "as", "into", "about", "over", "than", "under", "across", "within"),
        *("between", "says", "said"),
    )
)


_META_PIECE = re.compile(
    r"^(?:date \d|Printable version|Published|Date|Publication date|\|)|\(HMICFRS\)$"
)


def _split_headline(piece: str) -> list[str]:
    """A headline run into the first sentence ("... organised crime The South West ..."),
    split; a piece that is one sentence stays whole."""
    first = _SENTENCE_BREAK.split(piece, maxsplit=1)[0]
    if len(first.split()) <= 15 or not re.search(r"[.!?:][\"\u201d\u2019)]*$", first):
        return [piece]
    for m in _OPENER.finditer(first):
        head = first[: m.start()]
        if len(head.split()) >= 4 and head.split()[-1].lower() not in _FUNCTION_WORDS:
            return [head, piece[m.end() :]]
    words = list(re.finditer(r"\S+", first))
    for prev, word in itertools.pairwise(words):
        p, w = prev.group(0), word.group(0)
        if (
            prev.start() > 0
            and p.islower()
            and p.isalpha()
            and p not in _FUNCTION_WORDS
            and w[:1].isupper()
            and len(first[: word.start()].split()) >= 4
        ):
            return [first[: word.start()].rstrip(), piece[word.start() :]]
    return [piece]


# Hard-wrapped text (a release pasted from an e-mail or a PDF: a break every 50-80
# characters, sentences running on across them): most lines that end without a stop go on
# in lower case, and no line is longer than a wrap width.
_WRAP_WIDTH = 100
_SENTENCE_END = re.compile(r"[.!?:][\"'\u201d\u2019)]?$")


def _goes_on(line: str) -> bool:
    """A line that starts in lower case (after any opening quote): a sentence going on."""
    return line.lstrip("\"'\u2018\u2019\u201c\u201d(").strip()[:1].islower()


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether a plain text is hard-wrapped (see ``unwrap``)."""
    full = [x.strip() for x in lines if x.strip()]
    if len(full) < 8 or max(map(len, full)) > _WRAP_WIDTH:
        return False
    pairs = list(itertools.pairwise(full))
    run_on = sum(
        1 for a, b in pairs if not _SENTENCE_END.search(a) and _goes_on(b) and len(a) >= 25
    )
    return run_on >= max(3, len(pairs) // 5)


def unwrap(lines: list[str]) -> list[str]:
    """Lines of a hard-wrapped text joined back into its sentences' lines: a line that does
    not end a sentence goes on in the next where the next starts in lower case or the line
    reaches the wrap width (a short line is a title, a heading or a date line: it stays, as
    do bullets and blank lines)."""
    full = sorted(len(x.strip()) for x in lines if x.strip())
    width = full[int(len(full) * 0.9)] if full else 0
    # Each output line is gathered as a list of its input lines and joined once, and only
    # the newest input line is tested for a sentence end: on a text that never ends a
    # sentence the work stays linear in its size.
    out: list[list[str]] = []
    joinable = False
    last = 0  # the length of the line before
    for raw in lines:
        line = raw.strip()
        if not line:
            out.append([])
            joinable = False
            continue
        if joinable and not _BULLET.match(line) and (_goes_on(line) or last >= 0.75 * width):
            out[-1].append(line)
        else:
            out.append([line])
        last = len(line)
        joinable = not _SENTENCE_END.search(line)
    return [" ".join(parts) for parts in out]


def is_run_on(line: str) -> bool:
    """A line that is a whole publication run together (see ``reflow``)."""
    return len(line) >= RUN_ON_MIN and len(_STRUCTURE.findall(line)) >= 2


def reflow(line: str) -> list[str]:
    """The lines of a publication whose line breaks were lost: breaks put back before and
    after the marks of its structure, then one sentence per line (a quotation's paragraph
    kept whole, as it must open with its quotation mark)."""
    text = line
    for pattern, repl in _BREAKS:
        text = pattern.sub(repl, text)
    pieces = [p.strip() for p in text.split("\n") if p.strip()]
    out: list[str] = []
    headline = True  # the first piece that is not metadata opens with the headline
    for piece in pieces:
        if headline and not _META_PIECE.search(piece):
            parts = _split_headline(piece)
            headline = False
        else:
            parts = [piece]
        if re.fullmatch(r"Get the (?:full )?report", piece):
            headline = True  # the report's title, run into the next sentence
        for part in parts:
            if part[:1] in _OPENQ:
                out.append(part)
                continue
            sentences: list[str] = []
            for s in _SENTENCE_BREAK.split(part):
                if sentences and _ABBREVIATION.search(sentences[-1]):
                    sentences[-1] += " " + s
                else:
                    sentences.append(s)
            out.extend(s for s in sentences if s)
    return out


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text. ``level`` is the heading level (1-6), 0 for other kinds."""

    kind: Kind
    text: str
    level: int = 0


# Advertising placeholders news pages leave glued to the text ("Hide AdThe force was ...").
_AD_MARK = re.compile(r"^\s*(?:Hide Ad|Advertisement|ADVERTISEMENT)(?=[A-Z\s]|$)\s*")


def clean(text: str) -> str:
    """One line of text: no control or zero-width characters, no ad placeholder, single
    spaces, trimmed."""
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _AD_MARK.sub("", _SPACE.sub(" ", text).strip())


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
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    lines = text.splitlines()
    if not markdown and is_hard_wrapped(lines):
        lines = unwrap(lines)
    if any(is_run_on(x) for x in lines):
        lines = [y for x in lines for y in (reflow(x) if is_run_on(x) else [x])]
    past: frozenset[int] | None = None  # the open pipe table's past columns
    header: list[str] | None = None
    for n, raw in enumerate(lines):
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
                past = None
                continue
            if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):  # a thematic break
                continue
        row = _PIPE_ROW.match(line)
        if row and row.group(1).count("|") >= 2:
            if _PIPE_RULE.match(line):
                continue
            cells = [clean(c) for c in row.group(1).split("|")[:-1]]
            if past is None:  # a table's first row: its header when a rule follows
                nxt = lines[n + 1] if n + 1 < len(lines) else ""
                past = frozenset()
                if _PIPE_RULE.match(nxt) or is_header_row(cells):
                    header, past = cells, past_columns(cells)
                    continue  # a header names the columns; it states nothing
            blocks.extend(Block("paragraph", t) for t in table_lines(header, past, cells))
            continue
        past = header = None
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
