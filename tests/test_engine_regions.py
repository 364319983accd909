"""Region vs region: grades side by side by role, grade mix, and matched findings."""

import dataclasses

import msgspec
import pytest

from compare.engine import SCHEMA, compare, mode_of
from tests import compare_fixtures as fx


@pytest.fixture(scope="module")
def cs():
    return compare(fx.south_west(), fx.west_midlands())


def test_different_subjects_are_compared_as_regions(cs):
    """Two subjects give mode "regions", citing each side by its snapshot ref and URL."""
    assert mode_of(fx.south_west(), fx.west_midlands()) == "regions"
    assert cs.mode == "regions" and cs.schema == SCHEMA
    assert (cs.a.ref, cs.a.url) == ("south-west@2025-06-12#v1", fx.SW_URL)
    assert (cs.b.ref, cs.b.url) == ("west-midlands@2024-05-14#v1", fx.WM_URL)
    assert cs.title == "South West compared with West Midlands"


def test_rocus_are_set_side_by_side(cs):
    """The ROCU group has one row: both ROCUs, both adequate."""
    rocu = next(g for g in cs.groups if g.role == "rocu")
    assert [(r.a.body, r.a.grade, r.b.body, r.b.grade) for r in rocu.rows] == [
        ("south-west-rocu", "adequate", "west-midlands-rocu", "adequate")
    ]
    assert not rocu.ranked


def test_forces_are_ranked_best_first(cs):
    """Forces are ranked by grade (ties by name); the shorter side's extra rows are empty."""
    forces = next(g for g in cs.groups if g.role == "force")
    a = [r.a.name if r.a else None for r in forces.rows]
    b = [r.b.name if r.b else None for r in forces.rows]
    assert a == [
        "Avon and Somerset Police",
        "Devon and Cornwall Police",
        "Dorset Police",
        "Wiltshire Police",
        "Gloucestershire Constabulary",
    ]
    assert b == [
        "West Midlands Police",
        "Staffordshire Police",
        "Warwickshire Police",
        "West Mercia Police",
        None,
    ]
    assert forces.ranked


def test_grade_mix_counts_forces_only(cs):
    """South West forces: 4 requires improvement, 1 inadequate; West Midlands forces: 1
    adequate, 2 requires improvement, 1 inadequate (the ROCUs are a group of their own)."""
    forces = next(g for g in cs.groups if g.role == "force")
    mix = {c.grade: (c.a, c.b) for c in forces.mix}
    assert mix == {
        "outstanding": (0, 0),
        "good": (0, 0),
        "adequate": (0, 1),
        "requires improvement": (4, 2),
        "inadequate": (1, 1),
    }
    assert (forces.mix_a.adequate_or_better, forces.mix_a.graded, forces.mix_a.share) == (0, 5, 0)
    assert (forces.mix_b.adequate_or_better, forces.mix_b.graded, forces.mix_b.share) == (
        1,
        4,
        0.25,
    )
    assert (forces.mix_a.text, forces.mix_b.text) == ("0 of 5 (0%)", "1 of 4 (25%)")


def test_fixture_differences_are_exactly_as_documented(cs):
    """west_midlands() docstring: 1 shared, no contrast, 6 only in A, 4 only in B."""
    assert (len(cs.shared), len(cs.contrasting), len(cs.only_a), len(cs.only_b)) == (1, 0, 6, 4)
    assert {f.id for f in cs.only_a} == {"sw-2", "sw-3", "sw-4", "sw-5", "sw-6", "sw-7"}
    assert {f.id for f in cs.only_b} == {"wm-2", "wm-3", "wm-4", "wm-5"}


def test_working_together_is_shared_with_its_evidence(cs):
    """The working-together finding pairs across the sides with score, theme, both sentences
    and both citations."""
    (m,) = cs.shared
    assert (m.a.id, m.b.id, m.themes) == ("sw-1", "wm-1", ("collaboration",))
    assert m.score >= 50
    assert "work together" in m.a.text and "work together" in m.b.text
    assert (m.a.snapshot, m.a.url) == ("south-west@2025-06-12#v1", fx.SW_URL)
    assert (m.b.snapshot, m.b.url) == ("west-midlands@2024-05-14#v1", fx.WM_URL)


def test_a_weakness_and_a_strength_sharing_one_word_do_not_contrast(cs):
    """ "Not assessing threats consistently" and "processes to gather and assess
    intelligence" share only "assess": no real common content, so no contrast."""
    assert cs.contrasting == ()
    only = {f.id: f.polarity for f in (*cs.only_a, *cs.only_b)}
    assert (only["sw-5"], only["wm-2"]) == ("area-for-improvement", "strength")


def test_summary_says_what_differs_and_what_is_shared(cs):
    """The engine's paragraph names the ROCU grades, the force mix, the shared theme and the
    one-side counts (and no contrast, for there is none)."""
    s = cs.summary
    assert "Both ROCUs were graded adequate." in s
    assert "South West 0 of 5 (0%), West Midlands 1 of 4 (25%)" in s
    assert "4 requires improvement and 1 inadequate" in s
    assert "1 shared finding (on collaboration)" in s
    assert "contrast" not in s
    assert "6 findings only in South West" in s and "4 findings only in West Midlands" in s


def test_the_changeset_is_frozen_plain_data(cs):
    """A ChangeSet cannot be modified and converts to builtins without custom types."""
    with pytest.raises(AttributeError):
        cs.title = "x"
    data = msgspec.to_builtins(cs)
    assert data["schema"] == "inspdiff.changeset/1"
    assert not any(dataclasses.is_dataclass(v) for v in data.values())


def test_differing_regions_have_changes_and_match_any_change(cs):
    """Two different regions differ, so --fail-on any-change matches and decline does not."""
    assert cs.has_changes
    assert cs.triggers(["any-change"]) == [
        "any-change: south-west@2025-06-12#v1 and west-midlands@2024-05-14#v1 differ"
    ]
    assert cs.triggers(["decline"]) == []


def test_inadequate_rule_names_bodies_on_either_side(cs):
    """--fail-on inadequate in regions mode lists every inadequate body on both sides."""
    assert cs.triggers(["inadequate"]) == [
        "inadequate: Gloucestershire Constabulary (serious-and-organised-crime) in "
        "south-west@2025-06-12#v1",
        "inadequate: West Mercia Police (serious-and-organised-crime) in "
        "west-midlands@2024-05-14#v1",
    ]


def test_unknown_fail_on_rules_are_refused(cs):
    """An unknown rule raises the tool's error, naming it and the valid rules."""
    from compare.errors import InspdiffError

    with pytest.raises(InspdiffError, match=r"unknown --fail-on rule.*worse.*decline"):
        cs.triggers(["decline", "worse"])


def test_findings_without_a_theme_can_be_shared_but_never_contrast():
    """Identical unthemed statements are shared; opposite unthemed ones stay one-sided."""
    text = "Unthemed statement about quarterly dashboards."
    a = fx.snapshot(
        subject="south-west",
        published="2025-06-12",
        judgments=[],
        findings=[
            ("a-1", "region", "area-for-improvement", text, ()),
            ("a-2", "region", "strength", "Quarterly dashboards are published.", ()),
        ],
    )
    b = fx.snapshot(
        subject="wales",
        published="2025-01-01",
        judgments=[],
        findings=[
            ("b-1", "region", "area-for-improvement", text, ()),
            ("b-2", "region", "area-for-improvement", "Quarterly dashboards are late.", ()),
        ],
    )
    cs = compare(a, b)
    assert [(m.a.id, m.b.id, m.themes) for m in cs.shared] == [("a-1", "b-1", ())]
    assert cs.contrasting == ()
    assert [f.id for f in cs.only_a] == ["a-2"] and [f.id for f in cs.only_b] == ["b-2"]


def _one_side(subject, published, findings):
    return fx.snapshot(subject=subject, published=published, judgments=[], findings=findings)


def test_a_restatement_of_a_paired_finding_is_listed_with_its_pair_not_again():
    """Issue 16: a South West observation restating the South West finding that is shared
    is listed with the pair (also_a), not again under "only in"; a similar statement about
    another body, or of opposite polarity, is not a restatement."""
    together = "The unit and its forces need to improve how they work together on county lines."
    a = _one_side("south-west", "2025-06-12", [
        ("a-1", "region", "area-for-improvement", together, ("collaboration",)),
        ("a-2", "region", "observation",
         "Inspectors said the unit and its forces should work together better on county lines.",
         ("collaboration",)),
        ("a-3", "dorset-police", "observation",
         "Dorset Police and the unit should work together better on county lines.",
         ("collaboration",)),
        ("a-4", "region", "strength",
         "The unit and its forces work together well on county lines.", ("collaboration",)),
    ])  # fmt: skip
    b = _one_side("wales", "2025-01-01", [
        ("b-1", "region", "area-for-improvement",
         "The ROCU and the region's forces must improve how they work together on county lines.",
         ("collaboration",)),
    ])  # fmt: skip
    cs = compare(a, b)
    (m,) = cs.shared
    assert (m.a.id, m.b.id, [x.id for x in m.also_a], m.also_b) == ("a-1", "b-1", ["a-2"], ())
    assert {f.id for f in cs.only_a} == {"a-3", "a-4"}
    assert cs.only_b == ()
    assert "2 findings only in South West" in cs.summary
