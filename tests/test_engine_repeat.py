"""Repeat inspections of one subject: grade changes with sign and size, findings' fates."""

import pytest

from compare import render_report
from compare.engine import compare, mode_of
from tests import compare_fixtures as fx


@pytest.fixture(scope="module")
def cs():
    return compare(fx.south_west(), fx.south_west_later())


def _by_body(cs):
    return {c.body: c for c in cs.grade_changes}


def test_same_subject_on_another_date_is_a_repeat_inspection(cs):
    """Same programme and subject, different dates: mode "repeat"."""
    assert mode_of(fx.south_west(), fx.south_west_later()) == "repeat"
    assert cs.mode == "repeat"


def test_each_grade_change_has_its_direction_and_size(cs):
    """south_west_later() docstring: Gloucestershire +1, Dorset -1, Wiltshire +1, three
    unchanged; six bodies in all."""
    got = {b: (c.status, c.steps, c.text) for b, c in _by_body(cs).items()}
    assert got == {
        "gloucestershire-constabulary": (
            "improved",
            1,
            "inadequate -> requires improvement, +1",
        ),
        "dorset-police": ("declined", -1, "requires improvement -> inadequate, -1"),
        "wiltshire-police": ("improved", 1, "requires improvement -> adequate, +1"),
        "south-west-rocu": ("unchanged", 0, "adequate, unchanged"),
        "avon-and-somerset-police": ("unchanged", 0, "requires improvement, unchanged"),
        "devon-and-cornwall-police": ("unchanged", 0, "requires improvement, unchanged"),
    }


def test_findings_are_persisting_new_escalated_or_no_longer_reported(cs):
    """south_west_later() docstring: 2 persisting, 1 escalated, 4 no longer reported (the
    later report does not say they were resolved), 1 new."""
    got = {
        g.status: sorted((c.a.id if c.a else None, c.b.id if c.b else None) for c in g.changes)
        for g in cs.finding_groups
    }
    assert got == {
        "escalated": [("sw-5", "sw-5")],
        "new": [(None, "sw-8")],
        "persisting": [("sw-1", "sw-1"), ("sw-2", "sw-2")],
        "no-longer-reported": [("sw-3", None), ("sw-4", None), ("sw-6", None), ("sw-7", None)],
    }
    (escalated,) = next(g for g in cs.finding_groups if g.status == "escalated").changes
    assert escalated.text == "area for improvement -> cause of concern"
    assert escalated.a.snapshot == "south-west@2025-06-12#v1"
    assert escalated.b.snapshot == "south-west@2027-03-01#v1"


def test_fail_on_decline_matches_exactly_when_a_grade_declined(cs):
    """decline matches Dorset's fall; the same inspection without it matches nothing."""
    assert cs.triggers(["decline"]) == [
        "decline: Dorset Police (serious-and-organised-crime) requires improvement -> "
        "inadequate, -1"
    ]
    calm = compare(fx.south_west(), fx.south_west_without_decline())
    assert calm.triggers(["decline"]) == []
    assert calm.has_changes


def test_fail_on_inadequate_looks_at_the_later_inspection(cs):
    """inadequate lists bodies graded inadequate in B: Dorset now, not Gloucestershire."""
    assert cs.triggers(["inadequate"]) == [
        "inadequate: Dorset Police (serious-and-organised-crime) in south-west@2027-03-01#v1"
    ]


def test_summary_lists_the_moves_and_the_finding_counts(cs):
    """The summary names each move with its size and counts each finding status."""
    assert "Dorset Police requires improvement -> inadequate, -1" in cs.summary
    assert "Gloucestershire Constabulary inadequate -> requires improvement, +1" in cs.summary
    assert (
        "Findings: 1 escalated (on intelligence and threat assessment), 1 new (on offender "
        "management), 2 persisting and 4 issues no longer reported (on governance; IT "
        "systems; learning and 1 more theme)."
    ) in cs.summary


def _force(published, grade, scale, area="investigating-crime"):
    return fx.snapshot(
        programme="peel",
        subject="dorset-police",
        published=published,
        judgments=[("dorset-police", "force", grade)] if grade else [],
        findings=[],
        scale=scale,
        area=area,
    )


def test_grades_on_the_four_and_five_point_scales_are_not_directly_comparable():
    """good (4-point, 2019) -> adequate (5-point, 2023): labelled, no steps, no decline."""
    cs = compare(
        _force("2019-03-01", "good", "4-point"), _force("2023-03-01", "adequate", "5-point")
    )
    (c,) = cs.grade_changes
    assert (c.status, c.steps) == ("not-comparable", None)
    assert c.text == "good -> adequate, not directly comparable (4-point -> 5-point scale)"
    assert cs.triggers(["decline"]) == []


def test_areas_newly_graded_and_no_longer_graded_are_reported():
    """An area graded only later is newly graded; one graded only earlier no longer is."""
    before = _force("2021-03-01", None, "5-point")
    after = _force("2023-03-01", "good", "5-point")
    (c,) = compare(before, after).grade_changes
    assert (c.status, c.steps, c.text) == ("newly-graded", None, "newly graded: good")
    (c,) = compare(after, before).grade_changes
    assert (c.status, c.text) == ("no-longer-graded", "good -> not graded")


def test_a_finding_about_another_body_does_not_persist():
    """The same words said of a different force are one new finding and one no longer
    reported."""
    text = "The force does not record disruption activity consistently."
    theme = ("disruption-recording",)
    a = fx.snapshot(
        subject="south-west",
        published="2025-06-12",
        judgments=[],
        findings=[("f-1", "dorset-police", "area-for-improvement", text, theme)],
    )
    b = fx.snapshot(
        subject="south-west",
        published="2027-03-01",
        judgments=[],
        findings=[("f-1", "wiltshire-police", "area-for-improvement", text, theme)],
    )
    statuses = [g.status for g in compare(a, b).finding_groups]
    assert statuses == ["new", "no-longer-reported"]


def test_an_issue_is_resolved_only_where_the_later_report_says_it_improved():
    """An area for improvement in A and, in B, a strength on the same body and theme that
    says it improved: resolved, citing B's sentence. B's silence is not resolution."""
    theme = ("disruption-recording",)
    a = fx.snapshot(
        subject="south-west",
        published="2025-06-12",
        judgments=[],
        findings=[
            ("f-1", "dorset-police", "area-for-improvement",
             "The force does not record disruption activity consistently.", theme),
            ("f-2", "wiltshire-police", "area-for-improvement",
             "The force does not record disruption activity consistently.", theme),
        ],
    )  # fmt: skip
    b = fx.snapshot(
        subject="south-west",
        published="2027-03-01",
        judgments=[],
        findings=[
            ("f-3", "dorset-police", "strength",
             "The force has improved how it records disruption activity.", theme),
        ],
    )  # fmt: skip
    groups = {g.status: g.changes for g in compare(a, b).finding_groups}
    assert set(groups) == {"resolved", "no-longer-reported"}
    (fixed,) = groups["resolved"]
    assert (fixed.a.body, fixed.b.id) == ("dorset-police", "f-3")
    assert fixed.text == "resolved: B says it improved"
    assert [c.a.body for c in groups["no-longer-reported"]] == ["wiltshire-police"]


def test_reversed_dates_are_said_in_the_summary():
    """Passing the later inspection first is allowed and the summary says so."""
    cs = compare(fx.south_west_later(), fx.south_west())
    assert "B was published before A" in cs.summary


def test_a_strength_not_reported_again_uses_the_one_vocabulary():
    """A strength in A that B does not mention is "no longer reported" in every view (the
    status id, its heading and the summary), never "dropped"."""
    text = "The unit shares intelligence with partners quickly and well."
    a = fx.snapshot(
        subject="south-west",
        published="2025-06-12",
        judgments=[],
        findings=[("f-1", "dorset-police", "strength", text, ("intelligence",))],
    )
    b = fx.snapshot(subject="south-west", published="2027-03-01", judgments=[], findings=[])
    cs = compare(a, b)
    (group,) = cs.finding_groups
    assert group.status == "strengths-no-longer-reported"
    assert "no longer reported" in group.heading and "no longer reported" in cs.summary
    assert "dropped" not in render_report(cs, "json") + render_report(cs, "md")


def test_a_restatement_of_a_persisting_finding_is_not_reported_new():
    """Issue 16: a later observation restating the later half of a persisting pair is listed
    with that change (also_b), not again as a new observation."""
    a = fx.snapshot(subject="south-west", published="2025-06-12", judgments=[], findings=[
        ("a-1", "region", "area-for-improvement",
         "The unit does not record its disruption activity accurately.",
         ("disruption-recording",)),
    ])  # fmt: skip
    b = fx.snapshot(subject="south-west", published="2027-03-01", judgments=[], findings=[
        ("b-1", "region", "area-for-improvement",
         "Disruption activity is still not recorded accurately by the unit.",
         ("disruption-recording",)),
        ("b-2", "region", "observation",
         "Inspectors said the unit's records of disruption activity were not accurate.",
         ("disruption-recording",)),
    ])  # fmt: skip
    cs = compare(a, b)
    (change,) = cs.finding_changes
    assert (change.status, change.a.id, change.b.id) == ("persisting", "a-1", "b-1")
    assert [x.id for x in change.also_b] == ["b-2"] and change.also_a == ()
