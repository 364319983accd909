"""Every string field of a snapshot filled with injection payloads renders inert: in the
ChangeSet's HTML and Markdown, in the national and body reports (HTML, Markdown), and CSV
cells never start a formula.

HTML is checked with an independent parser (the standard library's): no script-capable
element, no ``on*`` attribute, no URL with a script or data scheme, and every payload
visible as text (so "inert" does not mean "silently dropped"). Markdown is first turned into
HTML by markdown-it with raw HTML and every link allowed (the most permissive renderer a
reader might use), then checked the same way.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.model import Extractor, Finding, Inspection, Judgment, Quote, Snapshot, Source
from compare.store import Store

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "'><iframe src=javascript:alert(4)>",
    '<a href="javascript:alert(5)">x</a>',
    "[click](javascript:alert(6))",
    "![img](javascript:alert(7))",
    "{{7*7}}",
    "{% for x in range(9) %}x{% endfor %}",
    "${7*7}",
    "</textarea></title><script>alert(8)</script>",
    "<style>*{background:url(javascript:alert(9))}</style>",
    '=HYPERLINK("http://evil.example","x")',
    "+SUM(1,2)",
    "-1+2",
    "@SUM(1)",
]
# Source URLs: script schemes for HTML/Markdown, formula starts for CSV (the one free-text
# column a CSV report carries).
BAD_URLS = [
    "javascript:alert(10)",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "java\tscript:alert(11)",
    "data:text/html,<script>alert(12)</script>",
]


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def hostile_snapshot(
    *, subject: str = "south-west", published: str = "2025-06-12", side: int = 0
) -> tuple[Snapshot, bytes]:
    """A snapshot whose every free-text field carries payloads (ids must be slugs)."""
    raw = f"hostile {subject} {published} {side}".encode()
    p = PAYLOADS
    grades = ["adequate", "good"] if side == 0 else ["inadequate", "requires improvement"]
    findings = tuple(
        Finding(
            id=f"f-{side}-{i}",
            body="south-west-rocu" if i % 2 else "dorset-police",
            polarity="strength" if i % 3 else "cause-of-concern",
            text=f"{payload} finding {side}-{i}",
            themes=(payload,),
            terms=(f"{payload}: term",),
        )
        for i, payload in enumerate(p)
        if i % 2 == side % 2 or i < 4
    )
    snap = Snapshot(
        inspection=Inspection(
            programme="soc-regional",
            subject=subject,
            title=" ".join(p[:4]),
            published=published,
            cycle=p[7],
        ),
        source=Source(
            kind="url",
            sha256=_sha(raw),
            extractor=Extractor(name=p[0], version=p[7]),
            url=BAD_URLS[side % len(BAD_URLS)],
        ),
        judgments=(
            Judgment(
                body="south-west-rocu",
                name=p[1],
                role="rocu",
                area="serious-and-organised-crime",
                grade=grades[0],
                evidence=p[2],
            ),
            Judgment(
                body="dorset-police",
                name=p[12],
                role="force",
                area="serious-and-organised-crime",
                grade=grades[1],
                evidence=p[5],
            ),
        ),
        findings=findings,
        quotes=tuple(Quote(speaker=s, text=t) for s, t in zip(p[::2], p[1::2], strict=True)),
    )
    return snap, raw


# -- the checks -----------------------------------------------------------------------------
_SCRIPTABLE = {
    "script",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "base",
    "form",
    "meta",
    "link",
    "textarea",
}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._style = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SCRIPTABLE and not (tag in ("meta", "link") and self._harmless(attrs)):
            self.problems.append(f"<{tag}> element")
        if tag == "style":
            self._style += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> handler")
            if name in _URL_ATTRS and value is not None:
                scheme = re.sub(r"[\x00-\x20]", "", value).split(":", 1)[0].lower()
                if ":" in re.sub(r"[\x00-\x20]", "", value) and scheme not in (
                    "http",
                    "https",
                    "mailto",
                ):
                    self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == "style":
            self._style -= 1

    def handle_data(self, data):
        if self._style and "javascript:" in data:
            self.problems.append("javascript: inside <style>")
        self.text.append(data)

    @staticmethod
    def _harmless(attrs) -> bool:
        """The page's own <meta charset>/<meta name=viewport>/CSP and no http-equiv refresh."""
        a = dict(attrs)
        return a.get("http-equiv", "").lower() != "refresh" and "href" not in a


def audit_html(html: str) -> tuple[list[str], str]:
    """(active content found, the visible text with whitespace collapsed)."""
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.problems, " ".join("".join(parser.text).split())


def markdown_to_html(text: str) -> str:
    """The most permissive common reading of Markdown: raw HTML on, every link allowed."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    return md.render(text)


def assert_inert(html: str, *, must_show: list[str]) -> None:
    problems, text = audit_html(html)
    assert problems == []
    missing = [p for p in must_show if " ".join(p.split()) not in text]
    assert missing == [], "payloads not shown as text"


# -- controls: the checker itself catches what it should ----------------------------------
@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert(1)</script></p>",
        "<img src=x onerror=alert(1)>",
        '<a href=" java\tscript:alert(1)">x</a>',
        markdown_to_html("[x](javascript:alert(1))"),
        markdown_to_html("<svg onload=alert(1)>"),
    ],
)
def test_the_inertness_checker_catches_active_content(html):
    """Control: raw script, a handler, a javascript: link (also via Markdown) are caught."""
    assert audit_html(html)[0] != []


# -- ChangeSet ------------------------------------------------------------------------------
def _changeset():
    from compare.engine import compare

    (a, _), (b, _) = hostile_snapshot(side=0), hostile_snapshot(side=1)
    return compare(a, b)


_SHOWN = [p for p in PAYLOADS if not p.startswith(("=", "+", "-", "@"))]


def test_a_changeset_renders_every_payload_as_inert_html():
    """ChangeSet HTML: no active content; every payload visible as text."""
    from compare.render import render

    assert_inert(render(_changeset(), "html"), must_show=_SHOWN)


def test_a_changeset_renders_every_payload_as_inert_markdown():
    """ChangeSet Markdown read by a permissive renderer: no active content; text shown."""
    from compare.render import render

    text = render(_changeset(), "md")
    assert_inert(markdown_to_html(text), must_show=_SHOWN)
    assert "](javascript:" not in text.replace("\\]", "")


# -- national and body reports through the CLI -------------------------------------------
@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss") / "store"
    store = Store(root)
    for side, (subject, published) in enumerate(
        [
            ("south-west", "2023-01-10"),
            ("south-west", "2024-06-12"),
            ("south-west", "2025-06-12"),
            ("wales", "2022-03-01"),
            ("wales", "2023-03-01"),
            ("wales", "2024-03-01"),
            ("london", "2024-05-05"),
            ("london", "2025-05-05"),
        ]
    ):
        snap, raw = hostile_snapshot(subject=subject, published=published, side=side)
        store.save(snap, raw=raw)
    return root


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize(
    "report", [["national"], ["body", "south-west-rocu"], ["body", "dorset-police"]]
)
def test_reports_render_every_payload_as_inert(hostile_store, report, fmt):
    """`report national|body --format html|md`: no active content from snapshot text."""
    result = CliRunner().invoke(
        cli, ["report", *report, "--format", fmt, "--store", str(hostile_store)]
    )
    assert result.exit_code == 0, result.output
    html = result.stdout if fmt == "html" else markdown_to_html(result.stdout)
    problems, text = audit_html(html)
    assert problems == []
    assert "<script>alert(1)</script>" in text or "{{7*7}}" in text, "no payload reached the report"


@pytest.mark.parametrize("report", [["national"], ["body", "dorset-police"]])
def test_csv_cells_never_start_a_formula(hostile_store, report):
    """`--format csv`: a text cell starting with = + - @ tab or CR is prefixed with '."""
    result = CliRunner().invoke(
        cli, ["report", *report, "--format", "csv", "--store", str(hostile_store)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) > 1
    guarded = [cell for row in rows[1:] for cell in row if cell[:2] in ("'=", "'+", "'@", "'-")]
    assert guarded, "no formula payload reached the CSV: the check would be vacuous"
    risky = []
    for row in rows[1:]:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    risky.append(cell)
    assert risky == []


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize(
    "refs",
    [["south-west", "wales"], ["south-west", "--previous"], ["wales@2023-03-01", "wales"]],
    ids=["regions", "previous", "repeat"],
)
def test_the_compare_command_renders_every_payload_as_inert(hostile_store, refs, fmt):
    """`inspdiff compare A B --format html|md` on hostile snapshots: no active content."""
    args = ["compare", *refs, "--format", fmt, "--store", str(hostile_store)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    html = result.stdout if fmt == "html" else markdown_to_html(result.stdout)
    problems, text = audit_html(html)
    assert problems == []
    assert "<script>alert(1)</script>" in text, "no payload reached the report"
