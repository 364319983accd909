"""A publication's structure: what is metadata, what is content, and where each block sits.

``read_document`` takes the blocks of a press release, a full report or a PEEL page and
returns its title, publication date and source URL, and the content as ``Segment``s: each
block annotated with the section it is in (a body's section, an area's section), the
polarity its heading gives it ("Area for improvement"), and whether it is a quotation and
whose. Graded judgments and findings are read from segments (``judgments``, ``findings``).

Everything from a trailing "Latest News from ..." heading on is another publication list
and is dropped; so is everything after "Notes" (press-office boilerplate), except the
metadata lines found there (the date, "Original article link").
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from compare.ingest.blocks import Block

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"\.?,?\s+)?"
)
_DATE_PATTERNS = (
    # 2024-05-14 (also the date part of 2024-05-14T10:00:00Z)
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    # 14/05/2024, 14.05.2024 (UK order)
    re.compile(r"(?<![\d/.])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?!\d)"),
    # Tuesday 14 May 2024, 14th May 2024
    re.compile(
        rf"{_WEEKDAY}(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})(?!\d)",
        re.I,
    ),
    # May 14, 2024
    re.compile(
        rf"{_WEEKDAY}(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)",
        re.I,
    ),
)
_TIME = r",?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm)?(?:\s*(?:GMT|BST|UTC|Z))?"
_DATE_LINE = re.compile(r"^\W*date\s*:?\s*(?=\d{4}-\d{2}-\d{2})", re.I)
_PUBLISHED = re.compile(
    r"^(?:[|•·\-\s]*)(?:(?:first\s+)?published|publication date|date published|date of publication"
    r"|date|released|issued|press release|release date|date of release|posted|news story|news"
    r"|embargoed\s+(?:until|to)|embargo)(?:\s+on)?\s*[:\u00b7|\u2022\u2013-]?\s*",
    re.I,
)
_URL = re.compile(r"https?://[^\s<>\"'\u201c\u201d]+")
_ARTICLE_LINK = re.compile(
    r"^\W*(?:original article link|original article|source|link)\s*:\s*", re.I
)
_CHROME = re.compile(
    r"^\W*(?:printable version|print this page|print|share(?: this(?: page| article)?)?"
    r"|skip to (?:main )?content|back to top|cookies? (?:settings|policy)|accept(?: all)? cookies"
    r"|menu|home|search|news|press releases?|news story|contents)\W*$",
    re.I,
)
_BREADCRUMB = re.compile(
    r"^\W*(?:home|you are here:?)\s*(?:[>\u203a\u00bb/|]\s*[^>\u203a\u00bb]+){1,6}$", re.I
)
# A heading that starts a trailing list of other publications. Narrower than the HTML rule
# (compare.ingest.html.RELATED_HEADING): in plain text everything after it is dropped.
LATEST_NEWS = re.compile(
    r"^\W*(?:latest news|more news|other news|news from|related (?:news|articles?|content"
    r"|publications?|stories|links|reports?)|you may also (?:like|be interested))\b",
    re.I,
)
_NOTES = re.compile(r"^\W*(?:notes?(?: to editors)?|editor'?s'? notes?|ends)\W*$", re.I)
_GET_REPORT = re.compile(
    r"^\W*(?:get|read|download|view|access)\s+(?:the\s+)?(?:full\s+)?(?:report|publication)s?\b",
    re.I,
)
_REPORT_TITLE = re.compile(
    r"^(?:an?|the|joint)\s+(?:\w+\s+){0,2}(?:inspection|review|report)\s+(?:of|into|on)\b", re.I
)
_PUBLISHER = re.compile(
    r"^\W*(?:HM|His Majesty[’']s|Her Majesty[’']s)\s+Inspectorate of Constabulary[\w\s&,]*"
    r"(?:\(HMICFRS\))?\W*$",
    re.I,
)
_SPEAKER = re.compile(
    r"^(?P<speaker>[^“”\"]{2,200}?),?\s+(?:said|says|added|commented|stated|explained)\s*[:,]?\s*$",
    re.I,
)
# Cheap tests before the speaker patterns (which try every split of a line).
_SAYS = re.compile(r"\b(?:said|says|added|commented|stated|explained)\s*:", re.I)
_SAYS_AT_END = re.compile(r"\b(?:said|says|added|commented|stated|explained)\s*[:,]?\s*$", re.I)
# "X said: “...”" on one line: the speaker, then the quotation.
_SPEAKER_THEN_QUOTE = re.compile(
    r"^(?P<speaker>[^“”\"]{2,200}?),?\s+(?:said|says|added|commented|stated|explained)\s*:\s*"
    r"(?P<quote>[“\"].+)$",
    re.I,
)
# "Commenting on the report, HM Inspector ... said:" -> "HM Inspector ..."
_SPEAKER_LEAD = re.compile(
    r"^(?:commenting|speaking|responding)\s+(?:on|about|to)\s+[^,]{2,80},\s*", re.I
)
_PRONOUN_SPEAKER = re.compile(r"^(?:he|she|they)(?:\s+also)?$", re.I)
_OPEN_QUOTE = '\u201c"\u2018'
_CLOSE_QUOTES = '\u201d"\u2019'
_INLINE_QUOTE = re.compile(
    r"^[\u201c\"](?P<q>.+?)[,.]?[\u201d\"]\s*,?\s*(?:(?:said|says|added)\s+(?P<s1>[^.\u201c]+?)"
    r"|(?P<s2>[^.\u201c]+?)\s+(?:said|says|added))\s*\.?$"
)
_LABEL = re.compile(
    r"^(?P<label>(?:innovative\s+(?:and|&)\s+)?promising practice|innovative practice"
    r"|notable practice|good practice|areas? for improvement|causes? (?:of|for) concern"
    r"|recommendations?|strengths?)(?:\s+\d+)?\s*(?:[:\u2013\u2014-]\s*|\.\s+)(?P<rest>\S.*)$",
    re.I,
)


_HAS_YEAR = re.compile(r"\d{4}")


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as YYYY-MM-DD, or None. UK order for 01/02/2024."""
    if not _HAS_YEAR.search(text):
        return None  # every date pattern has a four-digit year: most lines end here
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                month = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else None
            except (IndexError, ValueError):
                month = None
            if month is None:
                month = MONTHS.get(m.group("mon").lower().rstrip("."))
            try:
                day = _dt.date(int(m.group("y")), month or 0, int(m.group("d")))
            except (TypeError, ValueError):
                continue
            if not 1990 <= day.year <= 2100:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), day.isoformat())
            break
    return best[1] if best else None


def _only_date(text: str) -> str | None:
    """The date when ``text`` is a date and nothing more (a time and a publisher allowed)."""
    date = parse_date(text)
    if date is None:
        return None
    stripped = text
    for pattern in _DATE_PATTERNS:
        stripped = pattern.sub(" ", stripped, count=1)
    stripped = re.sub(_TIME, " ", stripped, flags=re.I)
    stripped = _PUBLISHER.sub(" ", stripped.strip())
    return date if not re.search(r"[A-Za-z]{2,}", stripped) else None


@dataclass(frozen=True, slots=True)
class Segment:
    """One content block with what its position tells: section, polarity, quotation."""

    index: int
    kind: str  # heading | paragraph | item | quote
    text: str
    heading_level: int = 0
    section: str | None = None  # heading text of the enclosing body/area section
    polarity: str | None = None  # from a heading or label ("Area for improvement")
    speaker: str | None = None  # for quotes
    list_intro: str | None = None  # for items: the paragraph that introduced the list


@dataclass(frozen=True, slots=True)
class Document:
    title: str | None
    published: str | None  # parsed, YYYY-MM-DD
    url: str | None
    segments: list[Segment]
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text)
    # Titles of the report a release announces ("PEEL 2021/22 – An inspection of Kent
    # Police" under "Get the report"): metadata, never content, but they name the programme.
    report_titles: list[str] = field(default_factory=list)


def _cut_related(blocks: list[Block]) -> list[Block]:
    """Drop a trailing "Latest News from ..." list: from its heading to the end.

    Only a heading after the first substantial paragraph counts, so a "Latest news" link in
    a page's top navigation cannot swallow the publication itself.
    """
    seen_content = False
    for i, b in enumerate(blocks):
        if b.kind == "paragraph" and len(b.text.split()) >= 12:
            seen_content = True
        if seen_content and _is_latest_news(b):
            return blocks[:i]
    return [b for b in blocks if not _is_latest_news(b)]


def _is_latest_news(b: Block) -> bool:
    # A heading, or a short line standing as one (a <p> or <strong> in some pages).
    return len(b.text.split()) <= 15 and bool(LATEST_NEWS.match(b.text))


def _polarity_heading(text: str, headings: dict[str, list[re.Pattern[str]]]) -> str | None:
    t = re.sub(r"\s*\d+\s*$", "", text.strip().rstrip(":").strip())
    for polarity, patterns in headings.items():
        if any(p.fullmatch(t) for p in patterns):
            return polarity
    return None


def _is_quote_open(text: str) -> bool:
    return bool(text) and text[0] in _OPEN_QUOTE


def _strip_quote(text: str) -> str:
    text = text.strip()
    if text and text[0] in _OPEN_QUOTE:
        text = text[1:]
    if text and text[-1] in _CLOSE_QUOTES:
        text = text[:-1]
    return text.strip()


def _split_speaker_lines(
    content: list[Block], title_index: int | None
) -> tuple[list[Block], int | None]:
    """ "X said: “...”" on one line becomes the speaker's line and the quotation's (the
    title's index follows)."""
    out: list[Block] = []
    new_title = title_index
    for i, b in enumerate(content):
        if i == title_index:
            new_title = len(out)
        m = (
            _SPEAKER_THEN_QUOTE.match(b.text)
            if i != title_index and ":" in b.text and _SAYS.search(b.text)
            else None
        )
        if m:
            out.append(Block("paragraph", m.group("speaker").strip() + " said:"))
            out.append(Block("paragraph", m.group("quote").strip()))
        else:
            out.append(b)
    return out, new_title


def read_document(
    blocks: list[Block],
    *,
    html_title: str | None = None,
    meta: dict[str, str] | None = None,
    polarity_headings: dict[str, list[re.Pattern[str]]],
    classify_heading: Callable[[str], str | None],
) -> Document:
    """Split blocks into metadata and annotated content segments.

    ``classify_heading(text)`` says whether a heading opens a body's or an area's section
    ("section"), closes one ("reset": "Regional findings", "Summary"), or neither (None). It
    needs the registry, which this module does not know about.
    """
    meta = meta or {}
    blocks = _cut_related(blocks)
    published: str | None = None
    published_rank = 99
    url: str | None = None
    content: list[Block] = []
    for b in blocks:
        text = b.text
        # Publication date: "date 2024-05-14" line > "Published: ..." > a date-only line.
        m = _DATE_LINE.match(text)
        if m:
            date = parse_date(text[m.end() : m.end() + 10])
            if date and published_rank > 0:
                published, published_rank = date, 0
            rest = text[m.end() + 10 :].strip()
            if len(rest.split()) < 4:
                continue
            # "date 2025-07-23 The chief of ... said": the date, then the text's first line.
            b = Block(b.kind, rest, b.level)
            text = rest
        m = _PUBLISHED.match(text)
        if m and parse_date(text[m.end() : m.end() + 40]) and len(text) < 120:
            if published_rank > 1:
                published, published_rank = parse_date(text[m.end() : m.end() + 40]), 1
            continue
        only = _only_date(text) if len(text) < 80 else None
        if only:
            if published_rank > 3:
                published, published_rank = only, 3
            continue
        m = _ARTICLE_LINK.match(text)
        if m and _URL.search(text):
            url = url or _URL.search(text).group(0).rstrip(".,;)")
            continue
        if (
            _CHROME.match(text)
            or _PUBLISHER.match(text)
            or text.startswith("|")
            or _BREADCRUMB.match(text)
        ):
            continue
        content.append(b)
    if "published" in meta and published_rank > 2:
        date = parse_date(meta["published"])
        if date:
            published = date
    url = url or meta.get("url")

    # Title: the first level-1 heading (HTML), else the first block.
    title: str | None = None
    title_index: int | None = None
    for i, b in enumerate(content):
        if b.kind == "heading" and b.level == 1:
            title, title_index = b.text, i
            break
    if title is None and content:
        first = content[0]
        if first.kind == "heading" or len(first.text) <= 200:
            title, title_index = first.text, 0
    if title is None:
        title = html_title

    segments: list[Segment] = []
    quotes: list[tuple[str, str]] = []
    section: str | None = None
    section_level = 0
    polarity: str | None = None
    polarity_level = 0
    speaker: str | None = None
    quote_parts: list[str] = []
    list_intro: str | None = None
    skip_next_title = False
    report_titles: list[str] = []

    def close_quote() -> None:
        nonlocal quote_parts, speaker
        if quote_parts and speaker:
            quotes.append((speaker, "\n\n".join(quote_parts)))
        quote_parts = []
        speaker = None

    content, title_index = _split_speaker_lines(content, title_index)
    last_speaker: str | None = None
    for i, b in enumerate(content):
        if i == title_index:
            continue
        text = b.text
        if _NOTES.match(text):
            break
        if _GET_REPORT.match(text):
            skip_next_title = True
            continue
        if skip_next_title:
            skip_next_title = False
            if not re.search(r"[.!?]$", text) and len(text) <= 200:
                report_titles.append(text)
                continue  # the report's title, under "Get the report"
        if _REPORT_TITLE.match(text) and not re.search(r"[.!?]$", text) and len(text) <= 200:
            report_titles.append(text)
            continue
        # Quotations: "X said:" then paragraphs that open with a quotation mark (a quote of
        # several paragraphs opens each one and closes only the last).
        if speaker and not _is_quote_open(text):
            close_quote()
        sm = _SPEAKER.match(text) if _SAYS_AT_END.search(text) else None
        if sm:
            close_quote()
            speaker = _SPEAKER_LEAD.sub("", sm.group("speaker").strip())
            if _PRONOUN_SPEAKER.match(speaker):
                if last_speaker is None:
                    speaker = None  # "He added:" with nobody before it: not a quote
                    continue
                speaker = last_speaker
            last_speaker = speaker
            continue
        if speaker:
            inner = _strip_quote(text)
            quote_parts.append(inner)
            segments.append(Segment(i, "quote", inner, 0, section, polarity, speaker))
            continue
        im = _INLINE_QUOTE.match(text)
        if im and (im.group("s1") or im.group("s2")):
            who = (im.group("s1") or im.group("s2")).strip()
            quotes.append((who, im.group("q").strip()))
            segments.append(Segment(i, "quote", im.group("q").strip(), 0, section, polarity, who))
            continue
        if b.kind == "heading":
            level = b.level
            pol = _polarity_heading(text, polarity_headings)
            if pol is not None:
                polarity, polarity_level = pol, level
                list_intro = None
                segments.append(Segment(i, "heading", text, level, section, None))
                continue
            if polarity is not None and (level == 0 or level <= polarity_level):
                polarity = None
            role = classify_heading(text)
            if role == "section":
                section, section_level = text, level
            elif role == "reset" or (section is not None and level and level <= section_level):
                section = None
            list_intro = text
            segments.append(Segment(i, "heading", text, level, section, polarity))
            continue
        lm = _LABEL.match(text)
        if lm:
            pol = _polarity_heading(lm.group("label"), polarity_headings)
            segments.append(Segment(i, b.kind, lm.group("rest"), 0, section, pol))
            list_intro = None
            continue
        if b.kind == "item":
            segments.append(Segment(i, "item", text, 0, section, polarity, None, list_intro))
            continue
        # "... graded as good at:-": the colon-dash British writing puts before a list too.
        list_intro = text if text.rstrip("-\u2013\u2014 ").endswith(":") else None
        segments.append(Segment(i, "paragraph", text, 0, section, polarity))
    close_quote()
    return Document(title, published, url, segments, quotes, report_titles)
