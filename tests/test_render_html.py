"""HTML rendering: escaping, safe links, self-contained pages, badges, arrows, charts, goldens."""

from __future__ import annotations

import html
import os
import re
from importlib import resources
from pathlib import Path

import msgspec
import pytest

from compare.engine import compare
from compare.engine.national import build_body, build_national
from compare.model import Finding
from compare.render import render
from compare.render.html import CSP, environment, render_html, safe_url, signed
from compare.store import Store
from tests import compare_fixtures as fx
from tests import national_store

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = national_store.HOSTILE


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; INSPDIFF_UPDATE_GOLDEN=1 rewrites it. Missing fails."""
    path = GOLDEN / name
    if os.environ.get("INSPDIFF_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.is_file(), f"{path} is missing: run with INSPDIFF_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def hostile_west_midlands(url: str | None = fx.WM_URL):
    wm = fx.west_midlands()
    bad = Finding(
        id="wm-hostile",
        body="west-midlands-police",
        polarity="cause-of-concern",
        text=HOSTILE,
        themes=("it-systems",),
    )
    source = msgspec.structs.replace(wm.source, url=url)
    return msgspec.structs.replace(wm, findings=(*wm.findings, bad), source=source)


@pytest.fixture(scope="module")
def seed_html() -> str:
    """The hand-built seed-like comparison (tests/compare_fixtures.py), in HTML."""
    return render_html(compare(fx.south_west(), fx.west_midlands()))


@pytest.fixture(scope="module")
def national():
    return build_national([s for s, _ in national_store.snapshots()])


def text_of(page: str) -> str:
    """The page's visible text, roughly: tags removed, entities decoded."""
    page = re.sub(r"<(style|title)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_every_html_template_is_autoescaped():
    """The HTML environment autoescapes every template name it ships, .j2 included."""
    env = environment()
    names = [n for n in env.list_templates() if n.endswith((".html.j2", ".css.j2"))]
    assert "changeset.html.j2" in names and "national.html.j2" in names
    assert all(env.autoescape(n) for n in names)


def test_no_template_marks_data_safe():
    """No HTML template uses |safe or Markup on anything."""
    folder = resources.files("compare").joinpath("templates")
    for entry in folder.iterdir():
        if entry.name.endswith(".html.j2"):
            text = entry.read_text(encoding="utf-8")
            assert not re.search(r"\|\s*safe\b(?!_url)", text), entry.name
            assert "Markup" not in text, entry.name


@pytest.mark.parametrize(
    "view",
    ["changeset", "national", "body"],
)
def test_a_finding_with_script_and_img_is_escaped_in_every_view(view, national):
    """<script> and <img onerror> in a finding come out as escaped text in every HTML view."""
    if view == "changeset":
        page = render_html(compare(fx.south_west(), hostile_west_midlands()))
    elif view == "national":
        page = render_html(national)
    else:
        page = render_html(build_body([s for s, _ in national_store.snapshots()], "london"))
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("http://example.org/", "http://example.org/"),
        ("reports/other.html#x", "reports/other.html#x"),
        ("#top", "#top"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:x", None),
        ("//evil.example/x", None),
        ("https:evil", None),
        ("file:///etc/passwd", None),
        ("a\\b", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url_allows_only_http_https_and_relative(url, expected):
    """safe_url keeps http(s) and relative URLs and drops every other scheme or trick."""
    assert safe_url(url) == expected


def test_a_javascript_source_url_becomes_plain_text():
    """A snapshot whose source URL is javascript: renders its citation without a link."""
    page = render_html(compare(fx.south_west(), hostile_west_midlands("javascript:alert(1)")))
    assert "javascript:" not in page
    assert 'href="https://example.org/south-west-soc"' in page


def test_the_page_is_self_contained_behind_a_strict_csp(seed_html):
    """One file: a CSP of default-src 'none', inline CSS, no script, link, font or remote URL."""
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', seed_html)
    assert [html.unescape(m) for m in metas] == [CSP]
    assert "default-src 'none'" in CSP and "script-src" not in CSP
    lowered = seed_html.lower()
    for banned in ("<script", "<link", "<iframe", "@import", "url(", "@font-face", "<img"):
        assert banned not in lowered, banned
    assert not re.search(r"""\ssrc\s*=""", lowered)
    assert "@media print" in seed_html and "@media (max-width: 720px)" in seed_html


def test_grades_are_badges_that_carry_their_name(seed_html):
    """Every grade badge names its grade in text, not by colour alone."""
    badges = re.findall(r'<span class="badge g-([a-z-]+)">([^<]*)</span>', seed_html)
    assert badges
    for css, text in badges:
        assert css == ("none" if text == "not graded" else text.replace(" ", "-"))


def test_changes_show_an_arrow_and_their_size():
    """A repeat inspection shows ▲ +N for an improvement and ▼ −N for a decline."""
    page = render_html(compare(fx.south_west(), fx.south_west_later()))
    cs = compare(fx.south_west(), fx.south_west_later())
    for c in cs.grade_changes:
        if c.status == "improved":
            assert f"▲ {signed(c.steps)}" in page
        if c.status == "declined":
            assert f"▼ {signed(c.steps)}" in page
    assert any(c.status in ("improved", "declined") for c in cs.grade_changes)
    assert signed(-2) == "\u22122" and signed(1) == "+1"


def test_every_chart_is_an_image_with_a_title_and_its_data_in_a_table(seed_html, national):
    """Each inline SVG has role=img, a title and description, and links to its data table."""
    for page in (seed_html, render_html(national)):
        svgs = re.findall(r"<svg[^>]*>.*?</svg>", page, flags=re.S)
        assert len(svgs) >= 2
        for svg in svgs:
            head = svg[: svg.index(">")]
            assert 'role="img"' in head and "aria-labelledby=" in head
            assert "<title id=" in svg and "<desc id=" in svg
        for target in re.findall(r'the same data is in <a href="#([^"]+)">', page):
            assert f'id="{target}"' in page


def test_html_shows_everything_the_markdown_shows(seed_html):
    """Every finding, body, grade and sentence of the Markdown report is in the HTML text."""
    cs = compare(fx.south_west(), fx.west_midlands())
    text = " ".join(text_of(seed_html).split())
    wanted = [cs.title, cs.summary, cs.a.sha256, cs.b.sha256, cs.a.title, cs.b.extractor]
    for g in cs.groups:
        wanted += [g.role_label, g.area_label]
        if g.ranked:  # as in the Markdown, a mix is shown where the rows are a ranking
            wanted += [g.mix_a.text, g.mix_b.text]
        for r in g.rows:
            wanted += [e.name for e in (r.a, r.b) if e] + [e.grade for e in (r.a, r.b) if e]
    for m in (*cs.shared, *cs.contrasting):
        wanted += [m.a.text, m.b.text, m.themes_label, f"score {m.score}"]
    for f in (*cs.only_a, *cs.only_b):
        wanted += [f.text, f.body_name, f.snapshot, f.id]
    for w in wanted:
        assert " ".join(str(w).split()) in text, w


def test_render_dispatch_knows_html_and_output_is_deterministic():
    """render(cs, "html") is the HTML view; two renders are identical; no time unless given."""
    cs = compare(fx.south_west(), fx.west_midlands())
    page = render(cs, "html")
    assert page == render(cs, "html") == render_html(cs)
    assert "Generated" not in page
    assert "Generated 2025-07-01T09:00:00Z." in render(cs, "html", generated="2025-07-01T09:00:00Z")


def test_seed_comparison_html_matches_its_golden_file():
    """The seed comparison (the shipped store's south-west and west-midlands) in HTML is
    byte-for-byte tests/golden/seed-south-west-vs-west-midlands.html."""
    store = Store(Path(__file__).resolve().parents[1] / "snapshots")
    cs = compare(store.resolve("south-west"), store.resolve("west-midlands"))
    assert_golden("seed-south-west-vs-west-midlands.html", render(cs, "html"))


def test_fixture_comparison_html_matches_its_golden_file(seed_html):
    """The hand-built South West / West Midlands comparison matches its HTML golden file."""
    assert_golden("fixture-south-west-vs-west-midlands.html", seed_html)


def test_repeat_inspection_html_matches_its_golden_file():
    """A repeat inspection's HTML (grade changes, finding lifecycle) matches its golden file."""
    page = render_html(compare(fx.south_west(), fx.south_west_later()))
    assert_golden("fixture-south-west-repeat.html", page)


def _rows(page: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", page, flags=re.S)


def test_the_first_screen_leads_with_the_headline_and_each_sides_grades(seed_html):
    """In page order: the headline, the time apart, then the grades, then the summary
    paragraph; the weaker side's column says so in words."""
    cs = compare(fx.south_west(), fx.west_midlands())
    at = {
        "headline": seed_html.index(f'<p class="headline">{html.escape(cs.headline)}</p>'),
        "apart": seed_html.index("Published 13 months apart"),
        "grades": seed_html.index('<h2 id="grades">'),
        "summary": seed_html.index(html.escape(cs.summary, quote=False)),
    }
    assert at["headline"] < at["apart"] < at["grades"] < at["summary"], at
    weaker = re.findall(r'<section class="side weaker"[^>]*>\s*<h3[^>]*>(.*?)</h3>', seed_html)
    assert len(weaker) == 1 and "South West" in weaker[0] and "graded weaker" in weaker[0]


def test_provenance_is_a_closed_section_at_the_end(seed_html):
    """Hashes, extractor and titles sit in a <details> (not open) after every other
    section; nothing before it names a sha256."""
    cs = compare(fx.south_west(), fx.west_midlands())
    start = seed_html.index('<h2 id="provenance">')
    before, after = seed_html[:start], seed_html[start:]
    assert "<details>" in after and "<details open" not in after
    assert "<h2" not in after.split("</h2>", 1)[1]  # the last section
    for hidden in (cs.a.sha256, cs.b.sha256, "sha256", cs.a.extractor):
        assert hidden not in before and hidden in after


def test_forces_of_two_regions_never_share_a_table_row(seed_html):
    """Each region lists its forces in its own table: no row holds a South West body and
    a West Midlands body, and each side's forces are listed best grade first."""
    cs = compare(fx.south_west(), fx.west_midlands())
    names_a = {e.name for g in cs.groups for e in g.entries_a}
    names_b = {e.name for g in cs.groups for e in g.entries_b}
    for row in _rows(seed_html):
        text = text_of(row)
        assert not (any(n in text for n in names_a) and any(n in text for n in names_b)), row
    forces_a = re.search(r'<table class="grades" id="grades-a-2">.*?</table>', seed_html, re.S)
    assert forces_a is not None
    listed = re.findall(r'<th scope="row">([^<]*)</th>', forces_a.group(0))
    assert listed == [e.name for e in cs.groups[1].entries_a]
    assert listed[-1] == "Gloucestershire Constabulary"  # inadequate: last


def test_a_repeat_inspection_leads_with_its_grade_changes():
    """A repeat inspection's page shows the headline and grade changes before the summary
    and the provenance."""
    cs = compare(fx.south_west(), fx.south_west_later())
    page = render_html(cs)
    order = [
        page.index(html.escape(cs.headline)),
        page.index("Published 21 months apart"),
        page.index('<h2 id="grade-changes">'),
        page.index('<h2 id="in-words">'),
        page.index('<h2 id="findings">'),
        page.index('<h2 id="provenance">'),
    ]
    assert order == sorted(order)


def test_a_restatement_appears_in_html_csv_and_xlsx_as_in_markdown():
    """A finding folded into a pair as a restatement (``also_a``) is shown with its pair in
    every view, once: HTML and the CSV/xlsx finding rows (status ``restated``, naming the
    finding it restates) as Markdown does; no view loses it."""
    import io as _io

    import openpyxl
    import pandas as pd

    cs = compare(fx.south_west_restating(), fx.west_midlands())
    assert [x.id for x in cs.shared[0].also_a] == ["sw-9"]
    html = render(cs, "html")
    assert html.count('finding <span class="mono">sw-9</span>') == 1
    assert "Restated by the same publication" in html
    rows = pd.read_csv(_io.StringIO(render(cs, "csv")))
    restated = rows[rows["finding_id"] == "sw-9"]
    assert restated[["status", "side", "paired_finding"]].values.tolist() == [
        ["restated", "a", "sw-1"]
    ]
    book = openpyxl.load_workbook(_io.BytesIO(render(cs, "xlsx")))
    sheet = book["findings"]
    header = [c.value for c in sheet[1]]
    ids = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert [r["status"] for r in ids if r["finding_id"] == "sw-9"] == ["restated"]
