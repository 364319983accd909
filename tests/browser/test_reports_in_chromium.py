"""The HTML reports in a real, offline, headless Chromium: no errors, nothing run, axe clean.

Each page is opened at desktop and phone width with networking off. Screenshots go to
reports/screenshots/ (a CI artifact). Locally the tests skip when Chromium or axe-core is
missing; in CI (CI=true) a missing one is a failure, since .ci/run installs both.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.engine import compare
from compare.engine.national import collect, collect_body
from compare.model import Finding
from compare.render.html import render_html
from compare.store import Store
from tests import compare_fixtures as fx
from tests import national_store
from tests.browser.cdp import Browser, find_chromium
from tests.git_repo import GitRepo

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "reports" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HOSTILE = national_store.HOSTILE
IN_CI = bool(os.environ.get("CI"))


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is missing in CI (.ci/run should have installed it)")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def browser():
    exe = find_chromium()
    if exe is None:
        _missing("chromium")
    b = Browser(exe)
    yield b
    b.close()


# The pages of `inspdiff changes --format html` (see _changes_pages), by file name.
CHANGES_PAGES = {
    "changes": "changes.html",
    "changes-repeat": "soc-regional_south-west_2027-03-01_v1.html",
    "changes-versions": "soc-regional_west-midlands_2025-05-14_v2.html",
    "changes-first": "soc-regional_eastern_2025-06-12_v1.html",
}


def _changes_pages(root: Path) -> dict[str, Path]:
    """Every HTML page `inspdiff changes` writes: the combined report, a repeat inspection's
    and a correction's comparison, and a first inspection with nothing to compare."""
    repo = GitRepo(root / "repo")
    repo.seed()
    repo.add_later_south_west_and_corrected_west_midlands()
    repo.save(b"eastern", subject="eastern", grades={"essex-police": "good"})
    repo.commit("A first Eastern inspection")
    out = root / "changes"
    result = CliRunner().invoke(
        cli,
        ["changes", "--store", str(repo.store.root), "--since", "HEAD~2", "--format", "html",
         "--output", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return {name: out / file for name, file in CHANGES_PAGES.items()}


def _corrected_south_west():
    """Version 2 of the fixture South West: one finding fewer, from new source bytes."""
    sw = fx.south_west()
    return msgspec.structs.replace(
        sw,
        version=2,
        findings=sw.findings[1:],
        source=msgspec.structs.replace(sw.source, sha256="1" * 64),
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Every kind of HTML page the tool renders: the shipped seed comparison, the hand-built
    one with a hostile finding, a repeat inspection, two versions of one inspection, the
    national overview of a generated store (London holds the hostile finding), the history
    of a body never graded (London) and of one graded three times (Gloucestershire), and the
    pages `inspdiff changes` writes."""
    out = tmp_path_factory.mktemp("html")
    wm = fx.west_midlands()
    hostile = Finding(
        id="wm-hostile",
        body="west-midlands-police",
        polarity="cause-of-concern",
        text=HOSTILE,
        themes=("it-systems",),
    )
    wm = msgspec.structs.replace(wm, findings=(*wm.findings, hostile))
    store = national_store.build(out / "store")
    shipped = Store(ROOT / "snapshots")
    docs = {
        "seed-sw-vs-wm": render_html(
            compare(shipped.resolve("south-west"), shipped.resolve("west-midlands"))
        ),
        "sw-vs-wm": render_html(compare(fx.south_west(), wm)),
        "repeat": render_html(compare(fx.south_west(), fx.south_west_later())),
        "versions": render_html(compare(fx.south_west(), _corrected_south_west())),
        "national": render_html(collect(store)),
        "body-london": render_html(collect_body(store, "london")),
        "body-gloucestershire": render_html(collect_body(store, "gloucestershire-constabulary")),
    }
    paths = {}
    for name, text in docs.items():
        paths[name] = out / f"{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    return {**paths, **_changes_pages(out)}


ALL_PAGES = [
    "seed-sw-vs-wm",
    "sw-vs-wm",
    "repeat",
    "versions",
    "national",
    "body-london",
    "body-gloucestershire",
    *CHANGES_PAGES,
]


def _open(browser, path: Path, name: str, *, phone: bool = False):
    page = browser.open(path.as_uri(), width=390 if phone else 1280, height=900, mobile=phone)
    page.screenshot(SHOTS / f"{name}-{'phone' if phone else 'desktop'}.png")
    return page


def _assert_clean(page) -> None:
    ev = page.events
    assert ev.errors == [], ev.errors
    assert ev.dialogs == [], ev.dialogs
    outside = [u for u in ev.requests if not u.startswith(("file:", "data:"))]
    assert outside == [], outside


def _assert_hostile_is_text(page) -> None:
    text = page.evaluate("document.body.innerText")
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_seed_comparison_renders_offline_with_no_errors_and_runs_nothing(browser, pages, phone):
    """The seed comparison loads offline with no console or CSP error, shows its grade table,
    prints the hostile finding as text, opens no dialog and fits a phone's width."""
    page = _open(browser, pages["sw-vs-wm"], "sw-vs-wm", phone=phone)
    try:
        _assert_clean(page)
        _assert_hostile_is_text(page)
        table = page.evaluate("document.getElementById('grades').parentElement.innerText")
        for expected in ("Gloucestershire Constabulary", "inadequate", "West Mercia Police"):
            assert expected in table
        assert page.evaluate("document.querySelectorAll('svg[role=img] > title').length") >= 2
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"page wider than the viewport: {width}"
    finally:
        page.close()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_national_overview_renders_offline_with_no_errors_and_runs_nothing(browser, pages, phone):
    """The national overview of the generated store loads offline with no error, shows the
    latest-grade table and movements, prints the hostile finding as text and fits a phone."""
    page = _open(browser, pages["national"], "national", phone=phone)
    try:
        _assert_clean(page)
        _assert_hostile_is_text(page)
        table = page.evaluate("document.getElementById('latest-table').innerText")
        assert "Gloucestershire Constabulary" in table and "South West" in table
        assert "▲ +" in page.evaluate(
            "document.getElementById('moved-up').nextElementSibling.innerText"
        )
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"page wider than the viewport: {width}"
    finally:
        page.close()


def test_body_history_renders_offline_with_no_errors(browser, pages):
    """A body's history page loads offline with no error and shows its lifecycle."""
    page = _open(browser, pages["body-london"], "body-london")
    try:
        _assert_clean(page)
        _assert_hostile_is_text(page)
        # The later inspection does not mention the issue: "no longer reported", not resolved.
        assert "Issues no longer reported" in page.evaluate(
            "document.getElementById('lifecycle').parentElement.innerText"
        )
    finally:
        page.close()


def test_the_error_collector_sees_csp_violations(browser, tmp_path):
    """Negative control: a page whose inline script and image break the CSP is reported,
    so a clean result above means something."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        "<title>bad</title></head><body><script>alert(1)</script>"
        '<img src="x" alt=""></body></html>',
        encoding="utf-8",
    )
    page = browser.open(bad.as_uri())
    try:
        assert len(page.events.errors) >= 2, page.events.errors
        assert page.events.dialogs == []
    finally:
        page.close()


def test_the_shipped_seed_comparison_opens_offline_with_no_errors(browser, pages):
    """`inspdiff compare south-west west-midlands --format html` on the shipped store: it
    opens offline with no error and shows both sides' grades and the charts."""
    page = _open(browser, pages["seed-sw-vs-wm"], "seed-sw-vs-wm")
    try:
        _assert_clean(page)
        text = page.evaluate("document.body.innerText")
        for expected in ("Gloucestershire Constabulary", "West Mercia Police", "Shared findings"):
            assert expected in text
        assert page.evaluate("document.querySelectorAll('svg[role=img]').length") == 2
    finally:
        page.close()


# Every table whose box pokes out of its parent's, or whose parent has to scroll sideways
# to show it, after opening every <details> (a reader opens the provenance too); and the
# page itself when it is wider than the viewport.
_OVERFLOWING = """(() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const bad = [], main = document.querySelector('main').getBoundingClientRect();
  for (const t of document.querySelectorAll('table')) {
    const box = t.parentElement, r = t.getBoundingClientRect(), p = box.getBoundingClientRect();
    const name = t.id || (t.caption ? t.caption.innerText : '') ||
      (box.getAttribute('aria-label') || '') || t.querySelector('th').innerText;
    if (r.right > p.right + 0.5 || r.left < p.left - 0.5 || r.right > main.right + 0.5 ||
        box.scrollWidth > box.clientWidth + 0.5 || t.scrollWidth > t.clientWidth + 0.5)
      bad.push([name, Math.round(r.width), Math.round(box.clientWidth)]);
  }
  const page = document.documentElement.scrollWidth;
  if (page > window.innerWidth) bad.push(['the page', page, window.innerWidth]);
  return JSON.stringify(bad);
})()"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_table_overflows_its_container(browser, pages, name, width):
    """At 1280 and 390 px, in every HTML report the tool renders, no table is clipped
    behind a scrollbar or wider than its container (details opened), and the page does
    not scroll sideways."""
    page = browser.open(pages[name].as_uri(), width=width, height=800, mobile=width < 500)
    try:
        assert page.evaluate("document.querySelectorAll('table').length") > 0
        bad = json.loads(page.evaluate(_OVERFLOWING))
        assert bad == [], f"[table, width, container width] that overflow: {bad}"
    finally:
        page.close()


# The bottom of every grade badge (and the adequate-or-better line) of each side's column.
_GRADES_BOTTOM = """JSON.stringify([...document.querySelectorAll('.sides > .side')].map(s =>
  Math.max(...[...s.querySelectorAll('.badge, .mix')]
    .map(e => e.getBoundingClientRect().bottom))))"""


@pytest.mark.parametrize("name", ["seed-sw-vs-wm", "sw-vs-wm"])
def test_the_comparisons_grades_are_above_the_fold(browser, pages, name):
    """At 1280x800, before any scrolling, the headline names the weaker side and both
    sides' grades (every badge and the adequate-or-better figure) are on screen."""
    page = browser.open(pages[name].as_uri(), width=1280, height=800)
    try:
        assert page.evaluate("window.scrollY") == 0
        bottoms = json.loads(page.evaluate(_GRADES_BOTTOM))
        assert len(bottoms) == 2, bottoms
        assert max(bottoms) <= 800, f"grades end at {bottoms} px, below the 800 px fold"
        headline = page.evaluate(
            "document.querySelector('.headline').getBoundingClientRect().bottom"
        )
        assert headline <= 800
        assert "South West is graded weaker" in page.evaluate(
            "document.querySelector('.headline').innerText"
        )
        # The weaker column says so in words, not by colour alone.
        assert page.evaluate("document.querySelector('.side.weaker .tag').innerText") == (
            "GRADED WEAKER"
        )
        # Provenance is the last section and closed: its hashes are not drawn at all.
        assert page.evaluate("[...document.querySelectorAll('h2')].pop().id") == "provenance"
        assert page.evaluate("document.querySelector('#provenance + details').open") is False
        assert page.evaluate("document.getElementById('sides-table').checkVisibility()") is False
        assert page.evaluate("/[0-9a-f]{64}/.test(document.body.innerText)") is False
    finally:
        page.close()


def test_a_repeat_inspections_grade_changes_are_above_the_fold(browser, pages):
    """At 1280x800 every grade badge of a repeat inspection's grade changes is on screen."""
    page = browser.open(pages["repeat"].as_uri(), width=1280, height=800)
    try:
        bottom = page.evaluate(
            "Math.max(...[...document.querySelectorAll('#grade-changes-table .badge')]"
            ".map(e => e.getBoundingClientRect().bottom))"
        )
        assert 0 < bottom <= 800, bottom
    finally:
        page.close()


@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_serious_or_critical_violations(browser, pages, name):
    """axe-core, injected through DevTools, reports no serious or critical violation."""
    if not AXE.is_file():
        _missing("axe-core (npm ci)")
    page = browser.open(pages[name].as_uri())
    try:
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,"
            " help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)}))))"
        )
        bad = [v for v in json.loads(result) if v["impact"] in ("serious", "critical")]
        assert bad == [], json.dumps(bad, indent=1)
        _assert_clean(page)
    finally:
        page.close()
