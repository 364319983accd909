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


# -- every finding listed once (issue 16) ----------------------------------------------------
# Statements that restate, contrast or merely share a generic word with one another, on
# few bodies and themes so that pairs and restatements are common.
LISTED_TEXTS = [
    "The unit must work together with forces to tackle crime.",
    "The unit and its forces must work together better to tackle crime.",
    "Forces should work together with the unit on operations.",
    "Forces and the unit work together well to tackle crime.",
    "Governance of regional resources is weak.",
    "Regional resources lack governance and oversight.",
    "Governance and oversight of regional resources are strong.",
    "Leaders manage change well.",
    "Leaders manage change badly.",
    "Senior leaders appoint officers to lead on regional priorities.",
    "Newly appointed leaders must manage change carefully.",
    "Debriefs share learning after operations.",
]


@st.composite
def listed_snapshots(draw, subject="south-west", published="2025-06-12", prefix="a"):
    texts = draw(st.lists(st.sampled_from(LISTED_TEXTS), min_size=2, max_size=8, unique=True))
    findings = [
        (
            f"{prefix}-{n}",
            draw(st.sampled_from(["region", "region", "south-west-rocu"])),
            draw(st.sampled_from(POLARITIES)),
            text,
            tuple(
                draw(
                    st.lists(
                        st.sampled_from(["collaboration", "governance", "leadership-and-change"]),
                        min_size=1,
                        max_size=2,
                        unique=True,
                    )
                )
            ),
        )
        for n, text in enumerate(texts)
    ]
    return fx.snapshot(subject=subject, published=published, judgments=[], findings=findings)


def _restates(x, y) -> bool:
    """The engine's rule for a restatement (regions.RESTATES), written out independently."""
    from compare.engine import similarity as sim

    classes = {sim.POLARITY_CLASS[x.polarity], sim.POLARITY_CLASS[y.polarity]}
    common = set(sim.specific_stems(x.text)) & set(sim.specific_stems(y.text))
    return (
        x.body == y.body
        and bool(set(x.themes) & set(y.themes))
        and classes != {sim.POSITIVE, sim.NEGATIVE}
        and sim.score(x.text, y.text) >= sim.SIMILAR_MIN
        and len(common) >= sim.CONTRAST_SPECIFIC
    )


def _once(cited, snap):
    assert sorted(cited) == sorted(f.id for f in snap.findings)


@settings(max_examples=150)
@given(listed_snapshots(prefix="a"), listed_snapshots(subject="wales", prefix="b"))
def test_regions_list_every_finding_once_and_never_restate_a_pair(a, b):
    """Regions: each finding is in exactly one place (a pair, a pair's restatements, or
    "only in"), the Markdown and JSON cite it once and the HTML at most once, and no
    "only in" finding restates a paired finding of its side."""
    import json

    from compare.render import render

    cs = compare(a, b)
    matches = (*cs.shared, *cs.contrasting)
    _once([m.a.id for m in matches] + [x.id for m in matches for x in m.also_a]
          + [f.id for f in cs.only_a], a)  # fmt: skip
    _once([m.b.id for m in matches] + [x.id for m in matches for x in m.also_b]
          + [f.id for f in cs.only_b], b)  # fmt: skip
    for side, only in (("a", cs.only_a), ("b", cs.only_b)):
        for m in matches:
            assert not any(_restates(f, getattr(m, side)) for f in only)
    md, html = render(cs, "md"), render(cs, "html")
    doc = json.loads(render(cs, "json"))
    for f in (*a.findings, *b.findings):
        assert md.count(f"finding {f.id})") == 1, f.id
        assert html.count(f'finding <span class="mono">{f.id}</span>') <= 1, f.id
    cited = json.dumps(doc["shared"] + doc["contrasting"] + doc["only_a"] + doc["only_b"])
    for f in (*a.findings, *b.findings):
        assert cited.count(f'"id": "{f.id}"') == 1, f.id


@settings(max_examples=150)
@given(listed_snapshots(prefix="a"), listed_snapshots(published="2027-03-01", prefix="b"))
def test_repeat_and_versions_list_every_finding_once(a, b):
    """Repeat: each finding of A is the ``a`` (or a restatement) of exactly one change, and
    each of B the ``b`` of one; none reported new or no longer reported restates a paired
    finding of its side; Markdown cites each once. Versions: one change per id."""
    from compare.render import render

    cs = compare(a, b)
    changes = cs.finding_changes
    _once([c.a.id for c in changes if c.a] + [x.id for c in changes for x in c.also_a], a)
    _once([c.b.id for c in changes if c.b] + [x.id for c in changes for x in c.also_b], b)
    pairs = [c for c in changes if c.a and c.b]
    for c in changes:
        if c.a and not c.b:  # no longer reported
            assert not any(_restates(c.a, p.a) for p in pairs)
        if c.b and not c.a:  # new
            assert not any(_restates(c.b, p.b) for p in pairs)
    md = render(cs, "md")
    for f in (*a.findings, *b.findings):
        assert md.count(f"finding {f.id})") == 1, f.id
    later = msgspec.structs.replace(b, inspection=a.inspection, version=2)
    ids = [(c.a or c.b).id for c in compare(a, later).finding_changes]
    assert len(ids) == len(set(ids))
