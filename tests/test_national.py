"""The national overview and body history models, over the generated 10 x 3 store."""

from __future__ import annotations

import pytest

from compare import registry
from compare.engine.national import (
    build_body,
    build_national,
    collect,
    collect_body,
    load_latest,
    timeline,
)
from compare.errors import SnapshotNotFound, UnsafeName
from tests import national_store
from tests.factories import make_snapshot


@pytest.fixture(scope="module")
def snaps(tmp_path_factory):
    """The generated store's snapshots as the store returns them (versions set)."""
    return load_latest(national_store.build(tmp_path_factory.mktemp("store")))


@pytest.fixture(scope="module")
def report(snaps):
    return build_national(snaps)


def test_generated_store_has_thirty_inspections_and_every_body_latest(report):
    """10 regions x 3 inspections; every ROCU and force has one latest row, from 2025."""
    assert len(report.inspections) == 30
    reg = registry.load()
    members = {b.id for r in reg.of_kind("region") for b in reg.members(r.id)}
    assert {row.body for row in report.latest} == members
    assert all(c.published == "2025-03-18" for row in report.latest for c in row.cells if c)


def test_movements_are_reported_with_direction_and_size(report):
    """Bodies that moved since 2023 are listed up or down with their signed steps."""
    assert report.moved_up and report.moved_down
    assert all(p.steps > 0 and p.status == "improved" for p in report.moved_up)
    assert all(p.steps < 0 and p.status == "declined" for p in report.moved_down)
    assert {abs(p.steps) for p in (*report.moved_up, *report.moved_down)} >= {1, 2}
    p = report.moved_down[0]
    assert p.previous_published == "2023-03-14" and p.previous_grade is not None
    movers = len(report.moved_up) + len(report.moved_down) + report.unchanged + report.first
    assert movers == len(report.latest)


def test_a_recurring_statement_has_evidence_from_each_region(report):
    """The reworded analysts statement recurs in all 10 regions, one citation from each."""
    regions = tuple(r.id for r in registry.load().of_kind("region"))
    analysts = [r for r in report.recurring_statements if "analysts" in r.label]
    assert len(analysts) == 1
    rec = analysts[0]
    assert rec.regions == regions
    assert tuple(e.region for e in rec.evidence) == regions
    for e in rec.evidence:
        assert "analysts" in e.finding.text and e.finding.snapshot.endswith("@2025-03-18#v1")
    assert rec.score is not None and rec.score >= 50


def test_a_recurring_theme_cites_each_regions_most_serious_finding(report):
    """The workforce theme cites London's cause of concern rather than its milder finding."""
    workforce = next(r for r in report.recurring_themes if r.theme == "workforce")
    assert len(workforce.regions) == 10
    london = next(e for e in workforce.evidence if e.region == "london")
    assert london.finding.polarity == "cause-of-concern"


def test_region_mix_counts_each_bodys_latest_grade(report):
    """Each region's forces and its ROCU are tallied apart (as a comparison of two regions
    counts them), each row adding up to the bodies of that kind, in grade order."""
    reg = registry.load()
    per_region: dict[str, int] = {}
    for mix in report.regions:
        assert [t.grade for t in mix.tallies][-1] == "not graded"
        assert mix.graded == sum(t.count for t in mix.tallies[:-1])
        per_region[mix.region] = per_region.get(mix.region, 0) + sum(t.count for t in mix.tallies)
        if mix.role == "rocu":
            assert sum(t.count for t in mix.tallies) == 1
    assert per_region == {r.id: len(reg.members(r.id)) for r in reg.of_kind("region")}
    roles = {(m.region, m.role) for m in report.regions}
    assert ("wales", "rocu") in roles and ("wales", "force") in roles
    assert ("london", "rocu") not in roles  # London has no ROCU


def test_national_and_compare_give_one_figure_for_a_regions_forces(report, snaps):
    """The national mix of a region's forces reads exactly as compare's "adequate or
    better" of the same forces: same denominator, same words."""
    from compare.engine.grading import role_groups

    latest = {s.inspection.subject: s for s in snaps}  # snaps are in publication order
    snap = latest["south-west"]
    forces = next(g for g in role_groups(snap, snap) if g.role == "force")
    mix = next(m for m in report.regions if m.region == "south-west" and m.role == "force")
    assert mix.text == forces.mix_a.text
    assert mix.graded == forces.mix_a.graded == 5


def test_timeline_has_one_point_per_body_area_inspection(snaps):
    """One GradePoint per judgment, each with the previous grade of that body and area."""
    points = timeline(snaps)
    assert len(points) == sum(len(s.judgments) for s in snaps)
    assert len({(p.body, p.area, p.inspection) for p in points}) == len(points)
    firsts = [p for p in points if p.published == "2021-03-10"]
    assert all(p.status == "first" and p.previous_grade is None for p in firsts)


def test_one_inspection_alone_has_no_movements_or_recurrence():
    """A store of one inspection: latest grades, no movement, nothing recurs."""
    r = build_national([make_snapshot()])
    assert len(r.latest) == 2 and r.moved_up == r.moved_down == ()
    assert r.recurring_statements == r.recurring_themes == ()


def test_empty_store_gives_an_empty_report(tmp_path):
    """An empty store is a report with nothing in it, not an error."""
    from compare.store import Store

    (tmp_path / "empty").mkdir()
    r = collect(Store(tmp_path / "empty"))
    assert r.inspections == () and r.latest == () and r.regions == ()


def test_a_missing_store_is_an_error_naming_it(tmp_path):
    """A mistyped --store is reported, not taken for an empty store."""
    import pytest

    from compare.errors import StoreError
    from compare.store import Store

    with pytest.raises(StoreError, match=r"none does not exist"):
        collect(Store(tmp_path / "none"))


def test_body_history_follows_grades_and_findings_lifecycle(snaps):
    """A region's history: three inspections, and its findings new, persisting, resolved."""
    b = build_body(snaps, "south-west")
    assert [i.published for i in b.inspections] == list(national_store.DATES)
    last = b.lifecycle[-1]
    statuses = [g.status for g in last.groups]
    assert statuses == ["new", "persisting", "no-longer-reported"]
    persisting = last.groups[1].changes[0]
    assert "analysts" in persisting.a.text and "analysts" in persisting.b.text


def test_body_history_of_a_force_has_its_grade_series(snaps):
    """A force's history has one series per area, oldest first, with changes from before."""
    b = build_body(snaps, "dorset-police")
    assert b.areas == ("serious-and-organised-crime",)
    points = b.series[0].points
    assert [p.published for p in points] == list(national_store.DATES)
    assert points[0].status == "first" and points[1].previous_grade == points[0].grade


def test_body_report_of_unknown_or_unsafe_ids_is_an_error(tmp_path):
    """An id no inspection cites is SnapshotNotFound; a path-like id is refused early."""
    store = national_store.build(tmp_path / "s")
    with pytest.raises(SnapshotNotFound, match="grades or cites 'nowhere'"):
        collect_body(store, "nowhere")
    with pytest.raises(UnsafeName):
        collect_body(store, "../etc")


def test_summary_names_who_moved(report):
    """ "2 moved down (Wiltshire Police, ...)": the summary says who moved, not only how many."""
    assert report.moved_down and report.moved_up
    for word, points in (("moved up", report.moved_up), ("moved down", report.moved_down)):
        names = list(dict.fromkeys(p.body_name for p in points))
        assert f"{len(points)} {word} ({names[0]}" in report.summary
