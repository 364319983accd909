"""Publications (text files, HTML files, URLs, folders) to snapshots.

    >>> from compare.ingest import ingest_source
    >>> [r.snapshot.inspection.subject for r in ingest_source("release.txt")]  # doctest: +SKIP
    ['west-midlands']

The library never prints or exits: a source that cannot be read or understood raises
IngestError with one line naming the source and the problem. A folder is read file by file;
``ingest_many`` reports each file's result or error without stopping at the first failure.

``EXTRACTOR_VERSION`` names the extraction rules: bump it whenever a change to this package
or its data (themes, cues, areas) changes what a source yields, so the store labels the new
versions as re-extractions rather than changes to the publication.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from compare.errors import IngestError
from compare.ingest.fetch import MAX_BYTES, SUFFIXES, TIMEOUT, is_url
from compare.model import Snapshot

EXTRACTOR_NAME = "inspdiff.ingest"
EXTRACTOR_VERSION = "2"

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "Ingested",
    "Outcome",
    "ingest_many",
    "ingest_one",
    "ingest_source",
    "ingest_text",
    "iter_sources",
]


@dataclass(frozen=True, slots=True)
class Ingested:
    """One source's snapshot, with the raw bytes it was made from (the store keeps them)."""

    snapshot: Snapshot
    raw: bytes
    media: Literal["txt", "html"]
    origin: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """One source of a batch: its result, or the error that stopped it."""

    origin: str
    result: Ingested | None = None
    error: IngestError | None = None


def iter_sources(sources: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Expand folders (recursively, sorted) to the supported files inside them.

    Files and URLs pass through unchanged, even when they do not exist or are of a type the
    reader refuses: ``ingest_one`` reports that, so a batch can carry on. A folder's files of
    other types (hidden files aside) are appended to ``skipped``, so a summary can count them.
    A folder with no supported file raises IngestError.
    """
    for source in sources:
        if is_url(source):
            yield source
            continue
        path = Path(source)
        if not path.is_dir():
            yield source
            continue
        files: list[Path] = []
        for p in sorted(path.rglob("*")):
            if p.name.startswith(".") or not p.is_file():
                continue
            if p.suffix.lower() in SUFFIXES:
                files.append(p)
            elif skipped is not None:
                skipped.append(str(p))
        if not files:
            raise IngestError(f"{source}: the folder holds no {', '.join(SUFFIXES)} files")
        for p in files:
            yield str(p)


def ingest_text(
    text: str,
    *,
    media: Literal["txt", "html", "md"] = "txt",
    origin: str = "<text>",
    raw: bytes | None = None,
    kind: str | None = None,
    encoding: str = "utf-8",
    url: str | None = None,
    published: str | None = None,
    subject: str | None = None,
    programme: str | None = None,
    allow_ungraded: bool = False,
    scale: str | None = None,
) -> Ingested:
    """Extract a snapshot from text already in memory (``media`` says how to read it)."""
    from compare.ingest import extract as _extract
    from compare.ingest.blocks import text_blocks

    html_title = None
    meta: dict[str, str] = {}
    if media == "html":
        from compare.ingest.html import html_blocks

        doc = html_blocks(text, origin)
        blocks, html_title, meta = doc.blocks, doc.title, doc.meta
        if not blocks:
            raise IngestError(f"{origin}: the HTML page has no text")
    else:
        blocks = text_blocks(text, markdown=media == "md" or origin.lower().endswith(".md"))
    stored: Literal["txt", "html"] = "html" if media == "html" else "txt"
    src = _extract.SourceInfo(
        origin=origin,
        raw=text.encode("utf-8") if raw is None else raw,
        media=stored,
        kind=kind or ("html" if media == "html" else "text"),
        encoding=encoding,
        url=url,
    )
    opts = _extract.Options(published, subject, programme, allow_ungraded, scale)
    snapshot = _extract.extract(blocks, src, opts, html_title=html_title, meta=meta)
    return Ingested(snapshot, src.raw, stored, origin)


def ingest_one(
    source: str,
    *,
    published: str | None = None,
    subject: str | None = None,
    programme: str | None = None,
    allow_ungraded: bool = False,
    scale: str | None = None,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
) -> Ingested:
    """Read one file or URL and extract its snapshot."""
    from compare.ingest.fetch import read

    fetched = read(source, max_bytes=max_bytes, timeout=timeout)
    media: Literal["txt", "html", "md"] = fetched.media
    if media == "txt" and source.lower().endswith(".md"):
        media = "md"
    return ingest_text(
        fetched.text,
        media=media,
        origin=source,
        raw=fetched.raw,
        kind=fetched.kind,
        encoding=fetched.encoding,
        url=fetched.url,
        published=published,
        subject=subject,
        programme=programme,
        allow_ungraded=allow_ungraded,
        scale=scale,
    )


def ingest_many(sources: Iterable[str], **options) -> Iterator[Outcome]:
    """Ingest every source (folders expanded), yielding each result or error in turn."""
    for given in sources:
        try:
            expanded = list(iter_sources([given]))
        except IngestError as err:  # a folder with nothing to read
            yield Outcome(given, error=err)
            continue
        for source in expanded:
            try:
                yield Outcome(source, ingest_one(source, **options))
            except IngestError as err:
                yield Outcome(source, error=err)


def ingest_source(source: str, **options) -> list[Ingested]:
    """Ingest a file, URL or folder; raise IngestError at the first source that fails.

    Options are those of ``ingest_one``: published, subject, programme, allow_ungraded,
    scale, max_bytes, timeout.
    """
    return [ingest_one(s, **options) for s in iter_sources([source])]
