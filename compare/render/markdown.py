"""The ChangeSet as GitHub-flavoured Markdown.

Built in Python rather than from a jinja2 template: this is the report `inspdiff compare`
prints, and importing jinja2 alone costs ~15 ms of a run whose target is ~100 ms (four times
a script that only loads and prints the two files; see benchmarks/). The HTML views and
the national and body reports stay templates. Every value from a snapshot passes through
``md`` (inline text, safe in a table cell) and every link through ``link`` (http and https
only).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

from compare.engine.changeset import ChangeSet

# Characters that mean something inline in CommonMark/GFM: code, emphasis, links and
# images, raw HTML and autolinks (an opening <), entities, table cells, strikethrough, math
# ($ on GitHub), issue references (# before a digit). A backslash makes each one literal,
# including inside a table cell.
_INLINE = re.compile(r"([\\`*_\[\]<|~&!$]|#(?=\d))")
# Block markers that only act at the start of a line: a list item, block quote, heading or
# thematic break; "1." or "1)" starts an ordered list.
_LEADING_MARK = re.compile(r"^([-+=>#])")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])")
# Line breaks a Markdown parser or a browser honours, and other control characters.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def md(value: object) -> str:
    """``value`` as inline Markdown text that shows exactly as written and can break
    nothing around it: one line (line breaks and runs of spaces become one space), no raw
    HTML, no links or images, no emphasis, safe inside a table cell.

    >>> print(md("a | b <script>"))
    a \\| b \\<script>
    """
    if value is None:
        return ""
    return _md_text(value if type(value) is str else str(value))


@lru_cache(maxsize=65536)
def _md_text(text: str) -> str:
    # Memoised: a national report escapes the same names, areas and grades ~100,000 times.
    text = " ".join(_BREAKS.sub(" ", text).split())
    text = _INLINE.sub(r"\\\1", text)
    text = _LEADING_MARK.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


# Left as they are in a link destination; everything else is percent-encoded, which keeps
# spaces, parentheses, brackets, angle brackets, pipes and backslashes out of it.
_URL_SAFE = "/:?#@!$&'*+,;=%-._~"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe to place in ``[text](url)``, or None for anything else
    (javascript:, data:, relative paths, URLs with control characters)."""
    if not url or _BREAKS.search(url):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def link(text: object, url: str | None) -> str:
    """``[text](url)`` when the URL is http(s); the escaped text alone otherwise."""
    target = safe_url(url)
    label = md(text)
    return f"[{label}]({target})" if target else label


def grade(value: str | None) -> str:
    return md(value) if value is not None else "not graded"


def count(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def _finding(f) -> str:
    return (
        f"{md(f.polarity_label)}, {md(f.body_name)}: “{md(f.text)}” "
        f"({link(f.snapshot, f.url)}, finding {md(f.id)})"
    )


def _or_dash(value: object, fmt=md) -> str:
    return fmt(value) if value is not None else "—"


def _header(cs: ChangeSet) -> list[str]:
    """The title, the one-line headline, the time apart when it matters, the summary."""
    out = [f"# {md(cs.title)}", "", f"**{md(cs.headline)}**"]
    if cs.apart:
        out += ["", md(cs.apart)]
    return [*out, "", md(cs.summary)]


def _provenance(cs: ChangeSet) -> list[str]:
    """The two snapshots as cited: references, titles, source hashes, extractors. Last,
    as in the HTML: a reader checks them, but does not read them first."""
    a, b = cs.a, cs.b
    out = ["", "## Provenance", ""]
    if cs.version_label:
        out += [f"Versions: **{md(cs.version_label)}**.", ""]
    out += ["| | A | B |", "|---|---|---|"]
    out.append(f"| Subject | {md(a.subject_name)} | {md(b.subject_name)} |")
    out.append(f"| Snapshot | {link(a.ref, a.url)} | {link(b.ref, b.url)} |")
    for label, field in (
        ("Published", "published"),
        ("Title", "title"),
        ("Scale", "scale"),
        ("Source sha256", "sha256"),
        ("Extractor", "extractor"),
    ):
        out.append(f"| {label} | {md(getattr(a, field))} | {md(getattr(b, field))} |")
    if a.tally or b.tally:
        out.append(f"| Stated tally | {_or_dash(a.tally)} | {_or_dash(b.tally)} |")
    if a.partial or b.partial:
        out.append(f"| Partial | {_or_dash(a.partial)} | {_or_dash(b.partial)} |")
    return out


def _grades(cs: ChangeSet) -> list[str]:
    """One section per side, one table per role: the n-th force of one region and the n-th
    of the other are not a pair, so no row joins them. The grade mix then compares counts."""
    if not cs.groups:
        return []
    name_a, name_b = md(cs.a.subject_name), md(cs.b.subject_name)
    out = ["", "## Grades"]
    for key, side in (("a", cs.a), ("b", cs.b)):
        weaker = " (graded weaker)" if cs.weaker == key else ""
        out += ["", f"### {md(side.subject_name)}, published {md(side.published)}{weaker}"]
        for g in cs.groups:
            first = " (best grade first)" if g.ranked else ""
            out += ["", f"| {md(g.role_label)}: {md(g.area_label)}{first} | Grade |", "|---|---|"]
            entries = g.entries_a if key == "a" else g.entries_b
            out += [f"| {md(e.name)} | {grade(e.grade)} |" for e in entries] or ["| — | — |"]
            if g.ranked:
                mix = g.mix_a if key == "a" else g.mix_b
                out += ["", f"{md(g.role_label)} adequate or better: **{md(mix.text)}**"]
    for g in cs.groups:
        if g.ranked:
            out += ["", f"### Grade mix: {md(g.role_label)}, {md(g.area_label)}", ""]
            out += [f"| Grade | {name_a} | {name_b} |", "|---|---:|---:|"]
            out += [f"| {md(c.grade)} | {count(c.a)} | {count(c.b)} |" for c in g.mix]
            out.append(f"| **Adequate or better** | {md(g.mix_a.text)} | {md(g.mix_b.text)} |")
    return out


def _section(heading: str, intro: str | None, items: list[str]) -> list[str]:
    out = ["", heading, ""]
    if intro:
        out += [intro, ""]
    return out + (items or ["None."])


def _pair(m, name_a: str, name_b: str) -> list[str]:
    """A match's two findings, each followed by the findings of its side that restate it."""
    out = []
    for name, f, also in ((name_a, m.a, m.also_a), (name_b, m.b, m.also_b)):
        out.append(f"  - {name}: {_finding(f)}")
        out += [f"  - {name}, restated: {_finding(x)}" for x in also]
    return out


def _regions(cs: ChangeSet) -> list[str]:
    name_a, name_b = md(cs.a.subject_name), md(cs.b.subject_name)
    shared = []
    for m in cs.shared:
        shared.append(f"- **{md(m.themes_label)}** (score {m.score})")
        shared += _pair(m, name_a, name_b)
    contrasting = []
    for m in cs.contrasting:
        contrasting.append(
            f"- **{md(m.themes_label)}**: {md(m.a.polarity_label)} in {name_a}, "
            f"{md(m.b.polarity_label)} in {name_b} (score {m.score})"
        )
        contrasting += _pair(m, name_a, name_b)
    return [
        *_section(
            f"## Shared findings ({len(cs.shared)})",
            "The same theme and a similar statement on both sides. Score: the share of content"
            " words the two statements have in common (0-100).",
            shared,
        ),
        *_section(
            f"## Contrasting findings ({len(cs.contrasting)})",
            "The same theme, opposite polarity: a strength on one side, a weakness on the other.",
            contrasting,
        ),
        *_section(
            f"## Only in {name_a} ({len(cs.only_a)})",
            None,
            [f"- **{md(f.themes_label)}**: {_finding(f)}" for f in cs.only_a],
        ),
        *_section(
            f"## Only in {name_b} ({len(cs.only_b)})",
            None,
            [f"- **{md(f.themes_label)}**: {_finding(f)}" for f in cs.only_b],
        ),
    ]


def _grade_changes(cs: ChangeSet) -> list[str]:
    if not cs.grade_changes:
        return []
    out = ["", "## Grade changes", "", "| Body | Area | Change | Status |", "|---|---|---|---|"]
    for c in cs.grade_changes:
        out.append(f"| {md(c.name)} | {md(c.area_label)} | {md(c.text)} | {md(c.status)} |")
    return out


def _tally_changes(cs: ChangeSet) -> list[str]:
    if not cs.tally_changes:
        return []
    out = ["", "## Grade tally", "", "The number of areas at each grade, as each publication "
           "states it (also where it does not name them).", "", "| Grade | A | B |",
           "|---|---:|---:|"]  # fmt: skip
    for c in cs.tally_changes:
        out.append(f"| {md(c.grade)} | {_or_dash(c.before, str)} | {_or_dash(c.after, str)} |")
    return out


def _findings(cs: ChangeSet) -> list[str]:
    out = ["", "## Findings"]
    for g in cs.finding_groups:
        out += ["", f"### {md(g.heading)} ({len(g.changes)})", ""]
        for c in g.changes:
            score = f" (score {c.score})" if c.score is not None else ""
            out.append(f"- **{md(c.themes_label)}**: {md(c.text)}{score}")
            if c.a:
                out.append(f"  - A: {_finding(c.a)}")
            out += [f"  - A, restated: {_finding(x)}" for x in c.also_a]
            if c.b:
                out.append(f"  - B: {_finding(c.b)}")
            out += [f"  - B, restated: {_finding(x)}" for x in c.also_b]
    if not cs.finding_groups:
        out += ["", "None."]
    return out


def _field_changes(cs: ChangeSet) -> list[str]:
    rows = []
    if cs.field_changes:
        rows = ["| Field | Change | Before | After |", "|---|---|---|---|"]
        rows += [
            f"| {md(c.path)} | {md(c.kind)} | {_or_dash(c.before)} | {_or_dash(c.after)} |"
            for c in cs.field_changes
        ]
    return _section(f"## Field changes ({len(cs.field_changes)})", None, rows)


_BLANK_RUNS = re.compile(r"\n{3,}")


def render(changeset: ChangeSet, *, generated: str | None = None) -> str:
    """The report: title, headline and summary, then grades, then the findings sections of
    the mode ("regions": shared, contrasting, one side only; otherwise grade changes and
    finding changes; "versions" adds field changes), the provenance of the two snapshots,
    then the time it was generated if given."""
    cs = changeset
    lines = _header(cs) + _grades(cs)
    if cs.mode == "regions":
        lines += _regions(cs)
    lines += _grade_changes(cs) + _tally_changes(cs)
    if cs.mode != "regions":
        lines += _findings(cs)
    if cs.mode == "versions":
        lines += _field_changes(cs)
    lines += _provenance(cs)
    if generated:
        lines += ["", f"Generated {md(generated)}."]
    text = "\n".join(line.rstrip() for line in lines)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
