"""HTML to clean text blocks (headings, paragraphs, list items), dropping page chrome.

selectolax's lexbor backend parses like a browser (HTML5 tree building, entities decoded, no
external entities or network access) and, unlike libxml2, has no nesting limit that silently
truncates a deep document. The tree is walked with an explicit stack, so depth never meets
Python's recursion limit either. Only lexbor's own cost grows with depth (quadratically for
block elements), so a page nesting them more than ``MAX_DEPTH`` deep is refused, loudly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.errors import IngestError
from compare.ingest.blocks import Block, Kind, clean, is_header_row, past_columns, table_lines

MAX_DEPTH = 10_000

# Never content, wherever they are.
_DROP_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "nav", "aside", "form", "svg",
        "math", "iframe", "object", "embed", "canvas", "button", "select", "textarea",
        "input", "label", "dialog", "menu", "video", "audio", "picture", "img", "map",
    }
)  # fmt: skip
# Site chrome at page level; inside an article or section they are that part's own header
# or footer (HTML's sectioning rule), which may hold the title or the date.
_CHROME_TAGS = frozenset({"header", "footer"})
_SECTIONING = frozenset({"article", "section", "main"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCK_TAGS = frozenset(
    {
        "html", "body", "main", "article", "section", "div", "p", "li", "ul", "ol", "dl",
        "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr",
        "caption", "figure", "figcaption", "address", "details", "summary", "fieldset",
        "legend", "center", "hr", "header", "footer", *_HEADINGS,
    }
)  # fmt: skip
_ITEM_TAGS = frozenset({"li", "dt", "dd"})
_CELL_TAGS = frozenset({"td", "th"})
# Structural containers whose class/id is never a reason to drop the whole page.
_NEVER_DROPPED = frozenset({"html", "body", "main", "article"})
_DROP_SUBSTRINGS = ("cookie", "consent", "banner", "breadcrumb", "skiplink", "skip-link")
_DROP_TOKENS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "share", "sharing", "social", "related",
        "sidebar", "pagination", "pager", "print", "masthead", "newsletter", "subscribe",
        "popup", "modal", "advert", "advertisement", "promo", "feedback",
        # whole class names
        "hidden", "visually-hidden", "govuk-visually-hidden", "sr-only", "screen-reader-text",
        "latest-news",
    }
)  # fmt: skip
_DROP_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
)
_TOKEN = re.compile(r"[a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A heading that starts a list of other publications, not part of this one.
RELATED_HEADING = re.compile(
    r"^(?:latest news|more news|related(?: \w+){0,3}|other news|news from|you may also"
    r"|see also|read more|most read|popular|explore the topic|also in the news)\b",
    re.I,
)
# Opening and closing block tags, for the depth check before lexbor sees the page.
# Only containers that are closed explicitly (a <p> or <li> closes itself) and that make
# lexbor slow when nested: inline elements are cheap at any depth.
_DEPTH_TAG = re.compile(
    r"<(/?)(div|section|article|main|blockquote|table|ul|ol|dl|aside|header|footer|nav|"
    r"center|figure|details|fieldset|form)\b[^>]*?(/?)>",
    re.I,
)

_SEP = "\x1f"  # between table cells, turned into ": " when the row becomes a block


@dataclass(frozen=True, slots=True)
class HtmlDoc:
    blocks: list[Block]
    title: str | None = None  # the <title> element, a fallback when there is no <h1>
    meta: dict[str, str] = field(default_factory=dict)  # published, url (from <meta>/<link>)


def _too_deep(raw: str) -> int:
    depth = peak = 0
    for m in _DEPTH_TAG.finditer(raw):
        if m.group(3):  # self-closing
            continue
        depth += -1 if m.group(1) else 1
        if depth > peak:
            peak = depth
            if peak > MAX_DEPTH:
                return peak
    return 0


def _dropped(node, tag: str, in_section: bool) -> bool:
    if tag in _DROP_TAGS:
        return True
    if tag in _CHROME_TAGS and not in_section:
        return True
    attrs = node.attributes
    if not attrs:
        return False
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if _HIDDEN_STYLE.search(attrs.get("style") or ""):
        return True
    if (attrs.get("role") or "").lower() in _DROP_ROLES:
        return True
    if tag in _NEVER_DROPPED:
        return False
    names = " ".join(
        (attrs.get(a) or "") for a in ("class", "id", "aria-label", "data-module")
    ).lower()
    if not names.strip():
        return False
    words = set(names.split())
    tokens = {t for t in _TOKEN.findall(names) if t != "hidden"}
    if not (any(s in names for s in _DROP_SUBSTRINGS) or (words | tokens) & _DROP_TOKENS):
        return False
    # A class name is a weak signal ("content-with-sidebar", "has-nav"): never drop by it
    # an element that holds the page's main heading or article.
    return node.css_first("h1, article, main") is None


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.context: list[tuple[Kind, int]] = [("paragraph", 0)]
        # One entry per open <table>: the columns its header row marks as past grades.
        self.tables: list[_Table] = []
        # Description lists: the open <dt>'s text until its <dd>s are read.
        self.term: str | None = None
        self.term_used = False
        self.in_dt = False
        self.in_dd = False

    def flush(self) -> None:
        if not self.buf:
            return
        text = "".join(self.buf)
        self.buf = []
        if _SEP in text:
            cells = [clean(c) for c in text.split(_SEP)]
            if cells and not cells[0]:
                cells = cells[1:]  # the separator opens each cell
            lines = (
                self.tables[-1].row(cells) if self.tables else [": ".join(c for c in cells if c)]
            )
            kind, level = self.context[-1]
            self.blocks.extend(Block(kind, t, level) for t in lines if t)
            return
        text = clean(text)
        if not text:
            return
        kind, level = self.context[-1]
        if self.term is not None and self.in_dd:
            # A description list: "term: description", as a table row would read.
            self.blocks.append(Block("item", f"{self.term}: {text}"))
            self.term_used = True
            return
        if self.in_dt:
            self.end_term()
            self.term, self.term_used = text, False
            return
        self.blocks.append(Block(kind, text, level))

    def end_term(self) -> None:
        """A term no description followed is an item of its own."""
        if self.term is not None and not self.term_used:
            self.blocks.append(Block("item", self.term))
        self.term = None

    def walk(self, root) -> None:
        # (node, leaving, inside an article/section/main)
        stack: list[tuple[object, bool, bool]] = [(root, False, False)]
        while stack:
            node, leaving, in_section = stack.pop()
            if leaving:
                self.flush()
                self.context.pop()
                if node.tag == "table" and self.tables:
                    self.tables.pop()
                elif node.tag == "dt":
                    self.in_dt = False
                elif node.tag == "dd":
                    self.in_dd = False
                elif node.tag == "dl":
                    self.end_term()
                continue
            tag = node.tag
            if tag == "-text":
                self.buf.append(node.text_content or "")
                continue
            if not tag or tag.startswith("-") or tag.startswith("!"):
                continue  # comments, doctype
            if _dropped(node, tag, in_section):
                continue
            if tag == "br":
                self.flush()
                continue
            if tag in _CELL_TAGS:
                self.buf.append(_SEP)
                if self.tables:
                    self.tables[-1].cell(tag)
            elif tag == "tr" and self.tables:
                self.tables[-1].start_row()
            elif tag == "table":
                self.tables.append(_Table())
            elif tag == "dt":
                self.flush()
                self.in_dt = True
            elif tag == "dd":
                self.flush()
                self.in_dd = True
            inner = in_section or tag in _SECTIONING
            if tag in _BLOCK_TAGS:
                self.flush()
                if tag in _HEADINGS:
                    ctx: tuple[Kind, int] = ("heading", _HEADINGS[tag])
                elif tag in _ITEM_TAGS:
                    ctx = ("item", 0)
                elif self.context[-1][0] in ("heading", "item"):
                    ctx = self.context[-1]
                else:
                    ctx = ("paragraph", 0)
                self.context.append(ctx)
                stack.append((node, True, in_section))
            child = node.last_child
            while child is not None:
                stack.append((child, False, inner))
                child = child.prev
        self.flush()
        self.end_term()


class _Table:
    """A table's header and the columns it marks as past (see ``past_columns``)."""

    __slots__ = ("header", "kinds", "past", "rows")

    def __init__(self) -> None:
        self.header: list[str] | None = None
        self.past: frozenset[int] = frozenset()
        self.kinds: list[str] = []
        self.rows = 0

    def start_row(self) -> None:
        self.kinds = []
        self.rows += 1

    def cell(self, tag: str) -> None:
        self.kinds.append(tag)

    def row(self, cells: list[str]) -> list[str]:
        """The lines a row reads as (``blocks.table_lines``); the header row sets the past
        columns and reads as nothing: it names the columns, it states nothing."""
        if self.header is None and (
            (self.kinds and all(k == "th" for k in self.kinds))
            or (self.rows <= 1 and is_header_row(cells))
        ):
            self.header = cells
            self.past = past_columns(cells)
            return []
        return table_lines(self.header, self.past, cells)


def _drop_related_sections(blocks: list[Block]) -> list[Block]:
    """Remove a "Latest news"/"Related" heading and everything under it (to the next heading
    of the same or a higher level)."""
    out: list[Block] = []
    skipping_level: int | None = None
    for b in blocks:
        if b.kind == "heading" and skipping_level is not None and b.level <= skipping_level:
            skipping_level = None
        if skipping_level is not None:
            continue
        if b.kind == "heading" and RELATED_HEADING.match(b.text):
            skipping_level = b.level or 6
            continue
        out.append(b)
    return out


def _meta(tree) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = clean(attrs.get("content") or "")
        if not value:
            continue
        if key in (
            "article:published_time",
            "datepublished",
            "dc.date",
            "dc.date.issued",
            "dcterms.issued",
            "dcterms.created",
            "date",
            "govuk:first-published-at",
        ):
            meta.setdefault("published", value)
        elif key == "og:url":
            meta.setdefault("url", value)
    for node in tree.css("link"):
        rel = (node.attributes.get("rel") or "").lower().split()
        href = node.attributes.get("href") or ""
        if "canonical" in rel and href.startswith(("http://", "https://")):
            meta["url"] = href
    if "url" in meta and not meta["url"].startswith(("http://", "https://")):
        del meta["url"]
    return meta


def html_blocks(html: str, origin: str = "<html>") -> HtmlDoc:
    """Parse ``html`` and return its content blocks, the <title> and page metadata."""
    depth = _too_deep(html)
    if depth:
        raise IngestError(
            f"{origin}: HTML nests elements more than {MAX_DEPTH} deep; refusing to parse it"
        )
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("head > title") or tree.css_first("title")
    title = clean(title_node.text(deep=True)) if title_node is not None else None
    meta = _meta(tree)
    walker = _Walker()
    if tree.root is not None:
        walker.walk(tree.root)
    return HtmlDoc(_drop_related_sections(walker.blocks), title or None, meta)
