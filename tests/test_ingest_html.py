"""HTML pages: chrome dropped, content kept (however deep), same result as the plain text."""

from __future__ import annotations

import pytest

from compare.errors import IngestError
from compare.ingest import ingest_one, ingest_text
from compare.ingest.html import MAX_DEPTH, html_blocks
from tests.ingest_support import WEST_MIDLANDS, WEST_MIDLANDS_HTML


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body>{body}</body></html>"


def test_html_release_yields_the_same_judgments_and_findings_as_the_text():
    """The West Midlands release in a page with header, nav, scripts, a cookie banner, share
    links, a Latest News section and a footer reads exactly like the plain text."""
    text = ingest_one(str(WEST_MIDLANDS)).snapshot
    page = ingest_one(str(WEST_MIDLANDS_HTML)).snapshot
    assert page.judgments == text.judgments
    assert page.findings == text.findings
    assert page.quotes == text.quotes
    assert page.inspection == text.inspection
    assert page.source.url == text.source.url
    assert page.source.kind == "html" and page.source.media == "html"


def test_page_chrome_is_dropped():
    """Cookie banner, nav, header, aside, footer, scripts, share links and breadcrumbs go."""
    blocks = html_blocks(WEST_MIDLANDS_HTML.read_text("utf-8")).blocks
    text = "\n".join(b.text for b in blocks)
    for chrome in (
        "cookies",
        "Skip to main content",
        "Our work",
        "dataLayer",
        "Crown copyright",
        "Share this",
        "Related publications",
        "Latest News",
        "Gloucestershire",
        "Dorset Police has been graded as outstanding",
    ):
        assert chrome not in text, chrome
    assert blocks[0].kind == "heading" and blocks[0].level == 1


def test_headings_items_and_paragraphs_keep_their_kind():
    """h2 is a level-2 heading, li an item, p a paragraph; inline markup joins its text."""
    doc = html_blocks(
        _page("<h2>Dorset <em>Police</em></h2><ul><li>One &amp; two</li></ul><p>A <b>b</b>c.</p>")
    )
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 2, "Dorset Police"),
        ("item", 0, "One & two"),
        ("paragraph", 0, "A bc."),
    ]
    assert doc.title == "T"


def test_table_rows_become_label_lines():
    """A grade table row reads as "Area: Grade", which the PEEL reader understands; the header
    row names the columns and states nothing, so it is not a block."""
    doc = html_blocks(
        _page("<table><tr><th>Area</th><th>Grade</th></tr>"
              "<tr><td>Investigating crime</td><td>Requires improvement</td></tr></table>")
    )  # fmt: skip
    assert [b.text for b in doc.blocks] == ["Investigating crime: Requires improvement"]


def test_a_header_inside_the_article_is_kept():
    """A page-level <header> is chrome; an article's own <header> holds its title."""
    doc = html_blocks(
        _page("<header><p>Site name</p></header><article><header><h1>The title</h1></header>"
              "<p>Body text here.</p></article>")
    )  # fmt: skip
    assert [b.text for b in doc.blocks] == ["The title", "Body text here."]


def test_hidden_elements_and_related_sections_are_dropped():
    """hidden, aria-hidden, display:none, and a "Related" heading with its content go."""
    doc = html_blocks(
        _page(
            "<p>Kept.</p><p hidden>Hidden.</p><p aria-hidden='true'>Aria.</p>"
            "<p style='display: none'>None.</p><h2>Related content</h2><p>Other story.</p>"
            "<h2>Back to the report</h2><p>Kept too.</p>"
        )
    )
    assert [b.text for b in doc.blocks] == ["Kept.", "Back to the report", "Kept too."]


@pytest.mark.parametrize("tag", ["div", "section", "span"])
def test_text_nested_300_deep_is_not_lost(tag):
    """Deeply nested text (300 levels) survives, which libxml2-based parsers would drop."""
    deep = f"<{tag}>" * 300 + "Deep text at the bottom." + f"</{tag}>" * 300
    doc = html_blocks(_page(f"<p>Before.</p>{deep}<p>After.</p>"))
    assert [b.text for b in doc.blocks] == ["Before.", "Deep text at the bottom.", "After."]


def test_nesting_beyond_the_limit_is_refused_not_truncated():
    """A page nesting blocks deeper than MAX_DEPTH raises a clear error instead."""
    deep = "<div>" * (MAX_DEPTH + 1) + "x" + "</div>" * (MAX_DEPTH + 1)
    with pytest.raises(IngestError, match="nests elements more than"):
        html_blocks(_page(deep), "deep.html")


def test_html_with_no_text_is_an_error(tmp_path):
    """A page of scripts, styles and navigation only has nothing to ingest."""
    path = tmp_path / "empty.html"
    path.write_text(
        _page("<nav><a href='/'>Home</a></nav><script>var x = 1;</script>", "<style>p{}</style>")
    )
    with pytest.raises(IngestError, match="has no text") as info:
        ingest_one(str(path))
    assert str(path) in str(info.value)


def test_meta_published_date_is_used_when_the_page_shows_none():
    """article:published_time in <meta> dates a page whose text has no date."""
    page = _page(
        "<main><h1>Dorset Police inspection</h1>"
        "<p>Dorset Police has been graded as good for serious and organised crime.</p></main>",
        '<meta property="article:published_time" content="2023-11-02T09:00:00Z">',
    )
    snap = ingest_text(page, media="html").snapshot
    assert snap.inspection.published == "2023-11-02"
    assert snap.source.fields["published"] == "parsed"


def test_html_is_sniffed_whatever_the_file_suffix(tmp_path):
    """A page saved as .txt (or with no known suffix) is read as HTML, not as text."""
    from compare.ingest.fetch import read

    for name in ("page.txt", "page.download"):
        path = tmp_path / name
        path.write_bytes(WEST_MIDLANDS_HTML.read_bytes())
        assert read(str(path)).media == "html"
    plain = tmp_path / "plain.txt"
    plain.write_text("Dorset Police <b>is</b> fine.\n")
    assert read(str(plain)).media == "txt"


def test_a_container_whose_class_looks_like_chrome_keeps_the_article():
    """class="content-with-sidebar" around the article is not a reason to drop the page."""
    doc = html_blocks(
        _page('<div class="content-with-sidebar"><h1>Title</h1><p>Body.</p></div>'
              '<div class="sidebar"><p>Other links.</p></div>')
    )  # fmt: skip
    assert [b.text for b in doc.blocks] == ["Title", "Body."]
