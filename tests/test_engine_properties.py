"""Invariants, on generated snapshots: self-comparison, swapping sides."""

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import grades
from compare.engine import compare
from tests import compare_fixtures as fx

BODIES = ["south-west-rocu", "dorset-police", "wiltshire-police", "gloucestershire-constabulary"]
POLARITIES = [
    "strength",
    "promising-practice",
    "observation",
    "area-for-improvement",
    "cause-of-concern",
]
THEMES = ["collaboration", "governance", "workforce", "it-systems"]
# Statements with distinct content words, some close to each other.
TEXTS = [
    "The unit must work together with forces to tackle crime.",
    "Forces should work together with the unit on operations.",
    "Governance of regional resources is weak.",
    "Regional resources lack governance and oversight.",
    "It is difficult to recruit experienced personnel.",
    "Recruitment of experienced detectives is slow.",
    "Personnel cannot access IT systems across forces.",
    "IT systems across forces are not connected.",
    "Leaders manage change well.",
    "Debriefs share learning after operations.",
]

settings.register_profile(
    "engine", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("engine")


@st.composite
def snapshots(draw, subject="south-west", published="2025-06-12", prefix="a"):
    graded = draw(
        st.dictionaries(
            st.sampled_from(BODIES), st.sampled_from([*grades.GRADES, None]), max_size=4
        )
    )
    judgments = [
        (body, "rocu" if body.endswith("-rocu") else "force", grade)
        for body, grade in sorted(graded.items())
    ]
    texts = draw(st.lists(st.sampled_from(TEXTS), max_size=8, unique=True))
    findings = [
        (
            f"{prefix}-{n}",
            draw(st.sampled_from(["region", *BODIES])),
            draw(st.sampled_from(POLARITIES)),
            text,
            tuple(draw(st.lists(st.sampled_from(THEMES), max_size=2, unique=True))),
        )
        for n, text in enumerate(texts)
    ]
    return fx.snapshot(subject=subject, published=published, judgments=judgments, findings=findings)


@given(snapshots())
def test_a_snapshot_compared_with_itself_has_no_changes(snap):
    """compare(s, s) reports nothing: no field, grade or finding change; no rule matches."""
    cs = compare(snap, snap)
    assert cs.mode == "versions" and cs.version_label == "identical"
    assert not cs.has_changes and cs.field_changes == () and cs.finding_groups == ()
    assert all(c.status in ("unchanged", "ungraded") for c in cs.grade_changes)
    assert cs.triggers(["decline", "any-change"]) == []


@given(snapshots())
def test_a_snapshot_set_beside_itself_shares_every_finding(snap):
    """In regions mode against itself, every finding is shared with itself at score 100."""
    cs = compare(snap, snap, mode="regions")
    assert cs.contrasting == () and cs.only_a == () and cs.only_b == ()
    assert sorted((m.a.id, m.b.id, m.score) for m in cs.shared) == sorted(
        (f.id, f.id, 100) for f in snap.findings
    )


@given(snapshots(prefix="a"), snapshots(subject="wales", published="2024-01-01", prefix="b"))
def test_swapping_regions_swaps_every_side(a, b):
    """compare(b, a) is compare(a, b) mirrored: pairs, one-side lists and grade rows swap."""
    ab, ba = compare(a, b), compare(b, a)
    assert sorted((m.a.id, m.b.id, m.score, m.kind) for m in ab.shared + ab.contrasting) == sorted(
        (m.b.id, m.a.id, m.score, m.kind) for m in ba.shared + ba.contrasting
    )
    assert ab.only_a == ba.only_b and ab.only_b == ba.only_a
    for g, h in zip(ab.groups, ba.groups, strict=True):
        assert [(r.a, r.b) for r in g.rows] == [(r.b, r.a) for r in h.rows]
        assert (g.mix_a, g.mix_b) == (h.mix_b, h.mix_a)
    assert ab.has_changes == ba.has_changes


OPPOSITE = {
    "improved": "declined",
    "declined": "improved",
    "newly-graded": "no-longer-graded",
    "no-longer-graded": "newly-graded",
    "unchanged": "unchanged",
    "ungraded": "ungraded",
    "not-comparable": "not-comparable",
}


@given(snapshots(prefix="a"), snapshots(published="2027-03-01", prefix="b"))
def test_swapping_inspections_negates_every_grade_change(a, b):
    """compare(b, a) has each grade change of compare(a, b) reversed with its size negated,
    and the same findings paired."""
    ab, ba = compare(a, b), compare(b, a)
    forward = {(c.body, c.area): c for c in ab.grade_changes}
    backward = {(c.body, c.area): c for c in ba.grade_changes}
    assert forward.keys() == backward.keys()
    for key, c in forward.items():
        d = backward[key]
        assert (d.before, d.after) == (c.after, c.before)
        assert d.status == OPPOSITE[c.status]
        assert d.steps == (None if c.steps is None else -c.steps)
    paired = sorted((c.a.id, c.b.id) for c in ab.finding_changes if c.a and c.b)
    assert paired == sorted((c.b.id, c.a.id) for c in ba.finding_changes if c.a and c.b)


@given(snapshots(), st.sampled_from(["decline", "inadequate", "any-change"]))
def test_rules_never_match_a_snapshot_against_an_identical_version(snap, rule):
    """No --fail-on rule other than inadequate matches identical versions; inadequate
    matches exactly when B grades some body inadequate."""
    cs = compare(snap, msgspec.structs.replace(snap, version=2))
    inadequate = any(j.grade == "inadequate" for j in snap.judgments)
    assert bool(cs.triggers([rule])) == (rule == "inadequate" and inadequate)
