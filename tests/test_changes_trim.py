"""Channel-sized Markdown: the job summary stays under 1 MiB and the PR comment under
65,536 characters, trimmed at whole sections with a line saying how much was left out."""

import re

import msgspec
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from compare.changes import Baseline, ChangedInspection, ChangesReport, Kind
from compare.changes import report as rep
from compare.engine import compare
from tests.factories import make_snapshot

FORCES = [f"force-{n:02d}" for n in range(1, 41)]


def _changed(n: int) -> ChangedInspection:
    """Inspection n of a synthetic subject: 40 forces, every grade moved (up or down)."""
    subject = f"region-{n:03d}"
    before = make_snapshot(
        subject=subject,
        published="2024-01-01",
        grades={f: "requires improvement" for f in FORCES},
        raw=f"{n} before".encode(),
    )
    after = make_snapshot(
        subject=subject,
        published="2026-01-01",
        grades={f: ("good" if i % 2 else "inadequate") for i, f in enumerate(FORCES)},
        raw=f"{n} after".encode(),
    )
    before, after = (msgspec.structs.replace(s, version=1) for s in (before, after))
    return ChangedInspection(
        path=f"snapshots/soc-regional/{subject}/2026-01-01/v1.json",
        kind=Kind.NEW_PUBLICATION,
        snapshot=after,
        baseline=before,
        baseline_kind=Baseline.PREVIOUS_INSPECTION,
        newest_held=None,
        changeset=compare(before, after),
    )


def _report(count: int) -> ChangesReport:
    return ChangesReport(
        store="snapshots",
        since="HEAD~1",
        since_commit="a" * 40,
        until=None,
        until_commit=None,
        inspections=tuple(_changed(n) for n in range(count)),
    )


REPORT_500 = _report(500)
TRIGGERS_500 = rep.fail_on(REPORT_500, ["decline"])


def _shown(text: str) -> list[str]:
    return re.findall(r"^## `([^`]+)`", text, flags=re.MULTILINE)


def _more(text: str) -> int:
    m = re.search(
        r"… (\d+) more inspections? not shown \((\d+) of (\d+) shown\); the full "
        r"report is in the `inspdiff-reports` artifact\.",
        text,
    )
    assert m, text[-300:]
    assert int(m[1]) + int(m[2]) == int(m[3])
    return int(m[1])


def test_summary_for_500_changed_inspections_stays_under_1_mib_and_says_how_much_was_trimmed():
    """The full report is over 1 MiB; the summary is under it, in UTF-8 bytes, and its last
    line says how many inspections it left out and where the full report is."""
    full = rep.markdown(REPORT_500, TRIGGERS_500)
    assert len(full.encode("utf-8")) > 1024 * 1024
    text = rep.summary(REPORT_500, TRIGGERS_500)
    assert len(text.encode("utf-8")) < 1024 * 1024
    shown = _shown(text)
    assert 0 < len(shown) < 500
    assert _more(text) == 500 - len(shown)
    assert text.rstrip().endswith("artifact.")


def test_comment_for_500_changed_inspections_stays_under_65536_characters():
    """The pull-request comment keeps under 65,536 characters and says how much it trimmed."""
    text = rep.comment(REPORT_500, TRIGGERS_500)
    assert len(text) < 65536
    assert _more(text) == 500 - len(_shown(text))


def test_trimming_keeps_whole_sections_so_every_table_is_complete():
    """Each section kept is byte-identical to its place in the full report, and every
    table in the comment parses with all its rows."""
    full = rep.markdown(REPORT_500, TRIGGERS_500)
    text = rep.comment(REPORT_500, TRIGGERS_500)
    sections = text.split("\n## ")[1:]
    last = sections[-1].split("\n… ")[0]
    for section in [*sections[:-1], last]:
        assert f"\n## {section}" in full
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows = sum(1 for t in tokens if t.type == "tr_open")
    assert rows == len(_shown(text)) * (len(FORCES) + 1)


def test_the_head_names_the_rules_that_matched_even_when_sections_are_trimmed():
    """The fail-on line is in the head, so it survives trimming (at most 10 refs listed)."""
    text = rep.comment(REPORT_500, TRIGGERS_500)
    assert "**--fail-on decline matched** in `region-000@2026-01-01#v1`" in text
    assert "and 490 more." in text


def test_a_small_report_is_not_trimmed():
    """Two inspections fit whole: no "not shown" line."""
    report = _report(2)
    assert rep.summary(report) == rep.markdown(report)
    assert "not shown" not in rep.comment(report)


def test_multibyte_text_is_measured_in_utf8_bytes_for_the_summary():
    """A limit in bytes counts 'é' as two: the text fits in bytes, not just characters."""
    sections = ["## s\n\n" + "é" * 300 + "\n"] * 10
    text = rep.fit("# h\n", sections, limit=2000, measure=lambda s: len(s.encode("utf-8")))
    assert len(text.encode("utf-8")) < 2000 and len(text) < 2000
    assert "… 7 more inspections not shown (3 of 10 shown)" in text


@given(
    sizes=st.lists(st.integers(min_value=1, max_value=400), max_size=30),
    limit=st.integers(min_value=300, max_value=5000),
)
def test_fit_never_reaches_the_limit_and_keeps_a_prefix_of_whole_sections(sizes, limit):
    """For any sections and limit, the output is under the limit and is the head, then
    the first k sections whole, then (if k < all) the trimmed line."""
    sections = [f"## {i}\n{'x' * n}\n" for i, n in enumerate(sizes)]
    text = rep.fit("# head\n", sections, limit=limit, measure=len)
    assert len(text) < limit
    body = text.split("\n… ")[0]
    kept = body.count("\n## ")
    assert body == "\n".join(["# head\n", *sections[:kept]])
    assert ("not shown" in text) == (kept < len(sections))
