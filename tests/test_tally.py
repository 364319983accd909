# ruff: noqa: E501  (the publications are written one paragraph per line, as published)
"""Grade tallies as data: kept beside the judgments, shown wherever a snapshot is partial."""

from __future__ import annotations

import json

import msgspec
import pytest
from click.testing import CliRunner

from compare import model, render_report
from compare.cli import cli as main
from compare.engine import compare
from compare.store import Store
from tests.ingest_support import ingest

RELEASE = """
Kent Police inspected
Published: {date}
HMICFRS graded Kent Police’s performance across nine areas of policing and found the force was {tally}.
{named}
"""


def kent(date: str, tally: str, named: str = ""):
    return ingest(RELEASE.format(date=date, tally=tally, named=named))


@pytest.fixture
def two_partial_inspections():
    """Two PEEL releases of one force: each names one area and states a tally."""
    a = kent(
        "2 March 2023",
        "‘good’ in one area, ‘requires improvement’ in two areas and ‘inadequate’ in six areas",
        "The force was inadequate at responding to the public.",
    )
    b = kent(
        "4 March 2025",
        "‘good’ in four areas, ‘adequate’ in three areas and ‘requires improvement’ in two areas",
        "The force was rated good at responding to the public.",
    )
    return a, b


def test_a_snapshot_records_the_stated_tally_and_says_it_is_partial(two_partial_inspections):
    a, _b = two_partial_inspections
    snap = a.snapshot
    assert snap.tally == model.Tally(
        areas=9,
        grades={"good": 1, "inadequate": 6, "requires improvement": 2},
        evidence=snap.tally.evidence,
    )
    assert "across nine areas of policing" in snap.tally.evidence
    assert snap.partial() == "1 of 9 graded areas named"


def test_a_repeat_comparison_of_partial_snapshots_reports_the_tally_change(
    two_partial_inspections,
):
    """inadequate 6 -> 0 although neither snapshot names those six areas."""
    a, b = two_partial_inspections
    cs = compare(a.snapshot, b.snapshot)
    assert cs.mode == "repeat"
    changes = {c.grade: (c.before, c.after) for c in cs.tally_changes}
    assert changes == {
        "good": (1, 4),
        "adequate": (0, 3),
        "requires improvement": (2, 2),
        "inadequate": (6, 0),
    }
    assert "inadequate 6 -> 0" in cs.summary
    assert "A is partial: 1 of 9 graded areas named" in cs.summary
    md = render_report(cs, "md")
    assert "## Grade tally" in md and "| inadequate | 6 | 0 |" in md
    assert "| Partial | 1 of 9 graded areas named | 1 of 9 graded areas named |" in md
    data = json.loads(render_report(cs, "json"))
    assert data["a"]["partial"] == "1 of 9 graded areas named"
    assert {"grade": "inadequate", "before": 6, "after": 0, "text": "inadequate 6 -> 0"} in (
        data["tally_changes"]
    )
    html = render_report(cs, "html")
    assert 'id="tally"' in html and "1 of 9 graded areas named" in html


def test_a_snapshot_without_a_tally_shows_nothing_of_it():
    """Seeds and other snapshots that state no tally: no tally row, no partial, no key."""
    snap = ingest(
        "Dorset Police inspected\nPublished: 3 March 2025\nDorset Police was rated good at "
        "investigating crime.\n"
    ).snapshot
    cs = compare(snap, snap)
    assert snap.tally is None and snap.partial() is None
    data = json.loads(render_report(cs, "json"))
    assert "partial" not in data["a"] and "tally" not in data["a"]
    assert "Partial" not in render_report(cs, "md")


def test_snapshots_written_before_tallies_stay_valid():
    """A stored snapshot has no "tally" key: it decodes as it is, with no tally."""
    snap = ingest(
        "Dorset Police inspected\nPublished: 3 March 2025\nDorset Police was rated good at "
        "investigating crime.\n"
    ).snapshot
    data = json.loads(model.to_json(snap))
    del data["tally"]
    old = msgspec.json.decode(json.dumps(data).encode(), type=model.Snapshot)
    assert old.tally is None and old.judgments == snap.judgments


@pytest.mark.parametrize(
    ("tally", "message"),
    [
        ({"areas": 3, "grades": {"good": 4}}, "4 grades counted in 3 areas"),
        ({"grades": {"very good": 1}}, "'very good' is not a grade"),
        ({"grades": {"good": 0}}, "0 is not a number of areas"),
    ],
)
def test_a_tally_that_cannot_be_is_refused(tally, message):
    with pytest.raises(ValueError, match=message):
        model.Tally(**tally)


def test_history_and_show_say_a_snapshot_is_partial(tmp_path, two_partial_inspections):
    store = Store(tmp_path / "s")
    for r in two_partial_inspections:
        store.save(r.snapshot, raw=r.raw, media=r.media)
    runner = CliRunner()
    out = runner.invoke(main, ["history", "kent-police", "--store", str(tmp_path / "s")])
    assert out.exit_code == 0, out.output
    assert out.output.count("(partial: 1 of 9 graded areas named)") == 2
    shown = runner.invoke(main, ["show", "kent-police", "--store", str(tmp_path / "s")])
    assert json.loads(shown.output)["tally"]["grades"]["adequate"] == 3
    report = runner.invoke(
        main, ["report", "body", "kent-police", "--format", "md", "--store", str(tmp_path / "s")]
    )
    assert report.exit_code == 0, report.output
    assert "(partial: 1 of 9 graded areas named)" in report.output
