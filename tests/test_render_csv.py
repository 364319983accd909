"""CSV for analysts: long format (grade and finding rows in one table), typed numbers,
formula-injection guard, deterministic bytes."""

from __future__ import annotations

import io

import msgspec
import pandas as pd
import pytest

from compare.engine import compare
from compare.engine.national import build_body, build_national, load_latest
from compare.model import Finding, Judgment
from compare.render import csv as csv_render
from compare.render import render
from tests import compare_fixtures as fx
from tests import national_store
from tests.factories import make_snapshot


@pytest.fixture(scope="module")
def snaps(tmp_path_factory):
    return load_latest(national_store.build(tmp_path_factory.mktemp("store")))


@pytest.fixture(scope="module")
def report(snaps):
    return build_national(snaps)


HOSTILE = '=HYPERLINK("http://evil.example","click")'


def _read(obj) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(render(obj, "csv")))


def test_national_csv_has_one_grade_row_per_body_area_inspection(report):
    """pandas reads one grade row per (body, area, inspection), sorted, in the fixed
    column order."""
    df = _read(report)
    assert list(df.columns) == [c for c, _ in csv_render.COLUMNS]
    grades = df[df["section"] == "grade"]
    assert len(grades) == sum(len(s.judgments) for s, _ in national_store.snapshots())
    assert not grades.duplicated(["body", "area", "inspection"]).any()
    order = ["body", "area", "published", "programme", "subject"]
    assert list(grades.index) == list(grades.sort_values(order, kind="stable").index)
    assert grades["finding_id"].isna().all()


def test_national_csv_has_one_row_per_finding_of_each_latest_inspection(report, snaps):
    """Every finding of each subject's latest inspection is a finding row naming its
    inspection, body, region, polarity, themes and text; no grade column is filled."""
    df = _read(report)
    found = df[df["section"] == "finding"]
    latest = {}
    for s in snaps:
        key = (s.inspection.programme, s.inspection.subject)
        if key not in latest or s.inspection.published > latest[key].inspection.published:
            latest[key] = s
    expected = {(s.ref, f.id) for s in latest.values() for f in s.findings}
    assert len(found) == len(expected) > 0
    assert set(zip(found["inspection"], found["finding_id"], strict=True)) == expected
    assert found["region"].notna().all() and found["polarity"].notna().all()
    assert found["text"].notna().all() and found["published"].notna().all()
    assert found[["grade", "area", "change"]].isna().all().all()


def test_regions_comparison_csv_lists_grades_by_side_and_every_finding_with_its_match():
    """south_west() against west_midlands(): 11 grade rows (6 + 5, by side), and one
    finding row per finding: 1 shared pair (each side citing the other, with the score),
    6 only in A, 4 only in B (sw-5 and wm-2 share only "assess": no contrast)."""
    df = _read(compare(fx.south_west(), fx.west_midlands()))
    grades = df[df["section"] == "grade"]
    assert grades["side"].value_counts().to_dict() == {"a": 6, "b": 5}
    found = df[df["section"] == "finding"]
    assert found["status"].value_counts().to_dict() == {
        "only-in-a": 6,
        "only-in-b": 4,
        "shared": 2,
    }
    shared = found[found["status"] == "shared"]
    a, b = shared.iloc[0], shared.iloc[1]
    assert (a["side"], b["side"]) == ("a", "b")
    assert a["paired_finding"] == b["finding_id"] and b["paired_finding"] == a["finding_id"]
    assert a["paired_inspection"] == "west-midlands@2024-05-14#v1"
    assert a["score"] == b["score"] and 50 <= a["score"] <= 100
    only = found[found["status"] == "only-in-a"]
    assert only["paired_finding"].isna().all() and (only["subject"] == "south-west").all()


def test_repeat_comparison_csv_gives_each_finding_its_status():
    """south_west() against south_west_later(): grade rows carry before, after and the
    change; finding rows carry the repeat status: persisting sw-1 and sw-2 (both sides),
    escalated sw-5 (both sides), sw-3, sw-4, sw-6 and sw-7 no longer reported (A's side
    only: the later publication does not say they improved), new sw-8."""
    df = _read(compare(fx.south_west(), fx.south_west_later()))
    grades = df[df["section"] == "grade"].set_index("body")
    glos = grades.loc["gloucestershire-constabulary"]
    assert (glos["previous_grade"], glos["grade"], glos["change"]) == (
        "inadequate",
        "requires improvement",
        "improved",
    )
    assert glos["change_steps"] == 1 and grades.loc["dorset-police", "change_steps"] == -1
    found = df[df["section"] == "finding"]
    status = {(row.side, row.finding_id): row.status for row in found.itertuples(index=False)}
    assert status[("a", "sw-1")] == status[("b", "sw-1")] == "persisting"
    assert status[("a", "sw-5")] == status[("b", "sw-5")] == "escalated"
    assert status[("b", "sw-8")] == "new"
    gone = sorted(f"{side} {f}" for (side, f), s in status.items() if s == "no-longer-reported")
    assert gone == ["a sw-3", "a sw-4", "a sw-6", "a sw-7"]
    assert len(found) == 2 + 2 + 2 + 4 + 1
    assert found["inspection"].isin(["south-west@2025-06-12#v1", "south-west@2027-03-01#v1"]).all()


def test_body_csv_has_its_latest_findings_and_their_lifecycle(snaps):
    """A body report's CSV: its grade rows, its latest findings, and lifecycle rows with
    the repeat status of each finding between consecutive inspections."""
    body = build_body(snaps, "south-west")
    df = _read(body)
    assert set(df["section"]) <= {"grade", "finding", "lifecycle"}
    found = df[df["section"] == "finding"]
    assert len(found) == len(body.findings)
    lifecycle = df[df["section"] == "lifecycle"]
    changes = [c for lc in body.lifecycle for g in lc.groups for c in g.changes]
    assert len(lifecycle) == sum((c.a is not None) + (c.b is not None) for c in changes)
    assert lifecycle["status"].notna().all()


def test_numbers_stay_numbers(report):
    """grade_rank, version and change_steps read back as integers (blank where a row has
    none); declines are negative."""
    df = pd.read_csv(io.StringIO(render(report, "csv")), dtype_backend="numpy_nullable")
    for column in ("grade_rank", "version"):
        assert pd.api.types.is_integer_dtype(df[column])
    steps = df["change_steps"].dropna()
    assert (steps == steps.round()).all() and (steps < 0).any()
    assert not df["change_text"].dropna().str.startswith("'").any()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_guard_prefixes_text_a_spreadsheet_would_run(start):
    """A text cell starting with = + - @ tab or CR gets a leading apostrophe."""
    assert csv_render.guard(f"{start}cmd") == f"'{start}cmd"
    assert csv_render.guard("plain") == "plain" and csv_render.guard(-1) == -1


def test_a_finding_text_like_a_formula_reaches_the_csv_as_text():
    """A finding whose text is =HYPERLINK(...) gets a leading apostrophe in every CSV that
    lists it: a comparison's and a report's."""
    evil = Finding(id="f-evil", body="region", polarity="cause-of-concern", text=HOSTILE, themes=())
    snap = msgspec.structs.replace(fx.south_west(), findings=(*fx.south_west().findings, evil))
    for obj in (compare(snap, fx.west_midlands()), build_national([snap])):
        df = _read(obj)
        row = df[df["finding_id"] == "f-evil"].iloc[0]
        assert row["text"] == "'" + HOSTILE


def test_formula_injection_in_a_snapshot_is_neutralised_in_the_csv():
    """A body name like =HYPERLINK(...) reaches the CSV as text starting with an apostrophe."""
    snap = make_snapshot(grades={"dorset-police": "good"})
    evil = Judgment(
        body="not-in-registry",
        name='=HYPERLINK("http://evil.example","x")',
        role="other",
        area="serious-and-organised-crime",
        grade="adequate",
    )
    snap = type(snap)(
        inspection=snap.inspection, source=snap.source, judgments=(*snap.judgments, evil)
    )
    df = _read(build_national([snap]))
    row = df[df["body"] == "not-in-registry"].iloc[0]
    assert row["body_name"] == """'=HYPERLINK("http://evil.example","x")"""
    assert row["grade_rank"] == 3


def test_csv_is_deterministic_with_lf_line_endings(report, snaps):
    """Two renders are the same bytes, whatever the input order; lines end in \\n only."""
    a, b = render(report, "csv"), render(build_national(snaps[::-1]), "csv")
    assert a == b and "\r" not in a and a.endswith("\n")
