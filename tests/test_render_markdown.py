"""Markdown: valid GFM tables, citations, and escaping that hostile data cannot get past."""

import re

import msgspec
import pytest
from markdown_it import MarkdownIt

from compare.engine import compare
from compare.model import Finding, Inspection, Judgment
from compare.render import FORMATS, render
from compare.render.markdown import link, md, safe_url
from tests import compare_fixtures as fx

HOSTILE = [
    "a | b || c",
    "`code` and ``more``",
    "[click](javascript:alert(1)) and ![img](http://x/y.png)",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "line one\nline two\r\n| x | y |\n|---|---|",
    "# not a heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
    "*not emphasis* _nor this_ ~~nor this~~",
    "&lt;b&gt; &amp; &#106;avascript:",
    "{{ 7*7 }} {% if 1 %}x{% endif %}",
    "trailing backslash \\",
    "$x^2$ and #12",
    "<https://evil.example/autolink>",
    "    four spaces then code",
    "\x00 nul \u2028 separator",
]


# Constructs the templates never write: seeing one means data escaped into Markdown.
FOREIGN = {
    "html_inline",
    "html_block",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "blockquote_open",
    "ordered_list_open",
    "hr",
    "s_open",
    "em_open",
}


def _parser():
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _tables(tokens):
    """Each table as a list of rows, each row the number of its cells."""
    tables, rows, cells = [], None, 0
    for t in tokens:
        if t.type == "table_open":
            rows = []
        elif t.type == "tr_open":
            cells = 0
        elif t.type in ("th_open", "td_open"):
            cells += 1
        elif t.type == "tr_close":
            rows.append(cells)
        elif t.type == "table_close":
            tables.append(rows)
    return tables


def _inline_children(tokens):
    for t in tokens:
        if t.type == "inline":
            yield from t.children or ()
        yield t


def check_markdown(text: str) -> list:
    """Parse ``text``; assert every table keeps its column count, every delimiter row and
    heading line in the source became a table and a heading, no FOREIGN construct appears,
    and every link is http(s)."""
    tokens = _parser().parse(text)
    tables = _tables(tokens)
    for rows in tables:
        assert len(set(rows)) == 1, f"a table row has the wrong number of cells: {rows}"
    delimiter_rows = [line for line in text.splitlines() if re.fullmatch(r"\|(:?-+:?\|)+", line)]
    assert len(tables) == len(delimiter_rows)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == sum(1 for t in tokens if t.type == "heading_open")
    for t in _inline_children(tokens):
        assert t.type not in FOREIGN, f"{t.type} in the output"
        if t.type == "link_open":
            assert re.match(r"https?://", t.attrs["href"]), t.attrs
    return tokens


def _hostile_pair():
    """South West and West Midlands with every free-text field replaced by hostile strings:
    titles, a judgment name (of a body the registry does not know), finding texts, and a
    javascript: source URL."""
    sw, wm = fx.south_west(), fx.west_midlands()
    findings = tuple(
        Finding(id=f"h-{n}", body="region", polarity=pol, text=text, themes=("collaboration",))
        for n, (text, pol) in enumerate(
            zip(HOSTILE, ["area-for-improvement", "strength"] * len(HOSTILE), strict=False)
        )
    )
    sw = msgspec.structs.replace(
        sw,
        inspection=msgspec.structs.replace(sw.inspection, title=HOSTILE[5] + HOSTILE[3]),
        source=msgspec.structs.replace(sw.source, url="javascript:alert(document.cookie)"),
        findings=findings,
        judgments=(
            *sw.judgments,
            Judgment(
                body="made-up-body",
                name=HOSTILE[0] + HOSTILE[2],
                role="other",
                area="x",
                grade="good",
            ),
        ),
    )
    wm = msgspec.structs.replace(
        wm,
        inspection=Inspection(
            programme="soc-regional",
            subject="west-midlands",
            title="|".join(HOSTILE[:4]),
            published="2024-05-14",
        ),
        source=msgspec.structs.replace(wm.source, url="https://example.org/a b|c(d)<e>"),
        findings=tuple(msgspec.structs.replace(f, id=f"w-{f.id}") for f in findings[::-1]),
    )
    return sw, wm


@pytest.mark.parametrize(
    "pair",
    [
        (fx.south_west, fx.west_midlands),
        (fx.south_west, fx.south_west_later),
        (fx.south_west_later, fx.south_west),
    ],
    ids=["regions", "repeat", "repeat-reversed"],
)
def test_every_table_parses_with_its_column_count(pair):
    """Region and repeat reports parse as GFM with every table row the header's width."""
    text = render(compare(pair[0](), pair[1]()), "md")
    tokens = check_markdown(text)
    assert any(t.type == "table_open" for t in tokens)


def test_region_report_shows_grades_mix_and_findings_with_citations():
    """The report has the ROCU and force tables, the mix, each section, and linked refs."""
    text = render(compare(fx.south_west(), fx.west_midlands()), "md")
    assert "| South West Regional Organised Crime Unit | adequate |" in text
    assert "Forces adequate or better: **0 of 5 (0%)**" in text
    assert "| **Adequate or better** | 0 of 5 (0%) | 1 of 4 (25%) |" in text
    assert "| requires improvement | 4 | 2 |" in text
    for heading in (
        "## Shared findings (1)",
        "## Contrasting findings (0)",
        "## Only in South West (6)",
        "## Only in West Midlands (4)",
    ):
        assert heading in text
    assert f"[south-west@2025-06-12#v1]({fx.SW_URL})" in text
    assert f"[west-midlands@2024-05-14#v1]({fx.WM_URL})" in text


def test_a_restatement_is_cited_with_its_pair():
    """A finding that restates a paired one of its side is cited under the pair, once."""
    cs = compare(fx.south_west_restating(), fx.west_midlands())
    text = render(cs, "md")
    assert [x.id for x in cs.shared[0].also_a] == ["sw-9"]
    assert "  - South West, restated: observation, South West region:" in text
    assert text.count("finding sw-9)") == 1 and "## Only in South West (6)" in text


def test_repeat_report_shows_each_change_with_sign_and_size():
    """Grade changes appear as rows with their +/- size; finding groups as headings."""
    text = render(compare(fx.south_west(), fx.south_west_later()), "md")
    assert (
        "| Dorset Police | serious and organised crime | requires improvement -> inadequate, -1 "
        "| declined |" in text
    )
    assert (
        "| Gloucestershire Constabulary | serious and organised crime | inadequate -> requires "
        "improvement, +1 | improved |" in text
    )
    assert "### Escalated: area for improvement -> cause of concern (1)" in text
    assert (
        "### Issues no longer reported (the later report does not say they were resolved) (4)"
        in text
    )


def test_versions_report_lists_field_changes_in_a_table():
    """A corrected version shows its label and a field table that parses."""
    v2 = msgspec.structs.replace(
        fx.south_west(),
        version=2,
        findings=fx.south_west().findings[:-1],
        source=msgspec.structs.replace(fx.south_west().source, sha256="0" * 64),
    )
    text = render(compare(fx.south_west(), v2), "md")
    check_markdown(text)
    assert "Versions: **correction**." in text
    assert "| findings\\[sw-7\\] | removed |" in text


def test_hostile_data_cannot_break_tables_or_inject_html_or_links():
    """Pipes, newlines, backticks, brackets, HTML, entities and template syntax in every
    text field render as inert text: tables keep their shape, no HTML or javascript: link."""
    sw, wm = _hostile_pair()
    text = render(compare(sw, wm), "md")
    tokens = check_markdown(text)
    html = _parser().render(text)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "{{ 7*7 }} {% if 1 %}x{% endif %}" in html
    hrefs = [t.attrs["href"] for t in _inline_children(tokens) if t.type == "link_open"]
    assert "https://example.org/a%20b%7Cc%28d%29%3Ce%3E" in hrefs
    assert not any("javascript" in h for h in hrefs)


@pytest.mark.parametrize("value", HOSTILE)
def test_md_filter_output_reads_back_as_the_same_text(value):
    """md(x) parses back to x itself (whitespace folded), as plain text, in a table cell."""
    cell = md(value)
    assert "\n" not in cell and "\r" not in cell
    tokens = _parser().parse(f"| h |\n|---|\n| {cell} |\n")
    assert _tables(tokens) == [[1, 1]]
    inline = [t for t in tokens if t.type == "inline"][1]
    assert [c.type for c in inline.children] == ["text"] * len(inline.children)
    shown = "".join(c.content for c in inline.children)
    expected = " ".join(value.replace("\x00", " ").replace("\u2028", " ").split())
    assert shown == expected


def test_links_are_http_only_and_percent_encoded():
    """javascript:, data:, relative and broken URLs are not linked; odd characters in an
    http(s) URL are percent-encoded so they cannot end the link or the table cell."""
    for bad in (
        "javascript:alert(1)",
        "JAVASCRIPT:x",
        "data:text/html,x",
        "/relative",
        "",
        None,
        "https://",
        "https://x/\nnext",
        "https://x/\x00",
    ):
        assert safe_url(bad) is None
        assert not link("label", bad).startswith("[")
    assert safe_url("https://x.org/a b)|") == "https://x.org/a%20b%29%7C"
    assert link("a]b", "http://x.org/") == "[a\\]b](http://x.org/)"


def test_generation_time_is_shown_only_when_given():
    """Renderers never read the clock: the time appears when passed, and only then."""
    cs = compare(fx.south_west(), fx.west_midlands())
    assert "Generated" not in render(cs, "md")
    assert (
        render(cs, "md", generated="2026-01-02T03:04:05Z")
        .rstrip()
        .endswith("Generated 2026-01-02T03:04:05Z.")
    )


def test_unknown_format_names_the_known_ones():
    """render() refuses an unknown format with the list of formats it has."""
    from compare.errors import InspdiffError

    with pytest.raises(InspdiffError, match="unknown format 'pdf'"):
        render(compare(fx.south_west(), fx.west_midlands()), "pdf")
    assert {"md", "json"} <= set(FORMATS)


def test_region_report_leads_with_the_headline_and_lists_each_side_on_its_own():
    """The Markdown opens with the headline and the time apart; each region's forces are
    in a table of their own (no row pairs a South West force with a West Midlands one);
    provenance comes last."""
    cs = compare(fx.south_west(), fx.west_midlands())
    text = render(cs, "md")
    lines = text.splitlines()
    assert lines[2] == f"**{cs.headline}**"
    assert lines[4].startswith("Published 13 months apart")
    assert "### South West, published 2025-06-12 (graded weaker)" in text
    names_a = {e.name for g in cs.groups for e in g.entries_a}
    names_b = {e.name for g in cs.groups for e in g.entries_b}
    for line in lines:
        if line.startswith("|"):
            assert not (any(n in line for n in names_a) and any(n in line for n in names_b))
    assert text.index("## Provenance") > text.index("## Only in West Midlands")
    assert text.index("Source sha256") > text.index("## Provenance")
