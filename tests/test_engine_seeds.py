"""The shipped seed snapshots compared: the issue's acceptance facts, one per test."""

from pathlib import Path

import pytest

from compare.engine import compare
from compare.store import Store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cs():
    store = Store(ROOT / "snapshots")
    return compare(store.resolve("south-west"), store.resolve("west-midlands"))


def _texts(refs):
    return " ".join(f.text for f in refs).lower()


def test_both_rocus_are_adequate(cs):
    """The ROCU row sets SWROCU and the West Midlands ROCU side by side, both adequate."""
    (row,) = next(g for g in cs.groups if g.role == "rocu").rows
    assert (row.a.body, row.a.grade) == ("south-west-rocu", "adequate")
    assert (row.b.body, row.b.grade) == ("west-midlands-rocu", "adequate")


def test_grade_mix_counts_the_forces(cs):
    """South West: 4 requires improvement, 1 inadequate; West Midlands: 1 adequate,
    2 requires improvement, 1 inadequate (forces only)."""
    forces = next(g for g in cs.groups if g.role == "force")
    mix = {c.grade: (c.a, c.b) for c in forces.mix if c.a or c.b}
    assert mix == {"adequate": (0, 1), "requires improvement": (4, 2), "inadequate": (1, 1)}


def test_working_together_is_shared(cs):
    """A collaboration finding about working together is shared by both regions."""
    assert any(
        "work together" in m.a.text and "work together" in m.b.text
        for m in cs.shared
        if "collaboration" in m.themes
    )


def test_threat_assessment_contrasts_with_intelligence_assessment(cs):
    """South West forces lacking the personnel to assess intelligence (weakness) contrast
    with the West Midlands' effective processes to assess intelligence (strength): the one
    contrast, on what both assess. "Not assessing threats consistently" shares only
    "assess" with the West Midlands' strengths, so it is not paired."""
    (m,) = cs.contrasting
    assert m.themes == ("intelligence-and-threat-assessment",)
    assert (m.a.polarity, m.b.polarity) == ("area-for-improvement", "strength")
    assert "assess the intelligence" in m.a.text and "assess intelligence" in m.b.text
    assert any("not assessing" in f.text for f in cs.only_a)


def test_leadership_statements_sharing_only_leaders_words_do_not_contrast(cs):
    """Issue 16: "appoints senior officers to lead on regional priorities" (South West
    strength) and "change is managed by the newly appointed leaders" (West Midlands area for
    improvement) share only words any finding uses: both are listed one-sided."""
    assert not any("leadership-and-change" in m.themes for m in cs.contrasting)
    assert any("appoints senior officers" in f.text for f in cs.only_a)
    assert any("newly appointed leaders" in f.text for f in cs.only_b)


def test_one_side_findings_name_what_only_one_region_reports(cs):
    """Only South West: recruitment, IT across forces, governance of regional resources.
    Only West Midlands: offender management, recording disruption, safeguarding."""
    a, b = _texts(cs.only_a), _texts(cs.only_b)
    # IT across forces: "personnel in regional forces have difficulty accessing individual IT
    # systems" (the Chief Inspector's "IT across forces isn't well connected" restates it).
    for words in ("recruit", "accessing individual it systems", "governance of regional resources"):
        assert words in a
    for words in ("offenders", "records disruption activity", "safeguard vulnerable people"):
        assert words in b
