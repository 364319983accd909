"""CSV for analysts: long format, typed numbers, formula-injection guard, deterministic bytes."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from compare.engine import compare
from compare.engine.national import build_national, load_latest
from compare.errors import InspdiffError
from compare.model import Judgment
from compare.render import csv as csv_render
from tests import compare_fixtures as fx
from tests import national_store
from tests.factories import make_snapshot


@pytest.fixture(scope="module")
def snaps(tmp_path_factory):
    return load_latest(national_store.build(tmp_path_factory.mktemp("store")))


@pytest.fixture(scope="module")
def report(snaps):
    return build_national(snaps)


def test_national_csv_has_one_row_per_body_area_inspection(report):
    """pandas reads one row per (body, area, inspection), in the fixed column order."""
    df = pd.read_csv(io.StringIO(csv_render.render(report)))
    assert list(df.columns) == [c for c, _, _ in csv_render.COLUMNS]
    assert len(df) == sum(len(s.judgments) for s, _ in national_store.snapshots())
    assert not df.duplicated(["body", "area", "inspection"]).any()
    assert list(df.index) == list(df.sort_values(list(csv_render.SORT_BY)).index)


def test_numbers_stay_numbers(report):
    """grade_rank, version and change_steps read back as integers; declines are negative."""
    df = pd.read_csv(io.StringIO(csv_render.render(report)))
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
    text = csv_render.render(build_national([snap]))
    df = pd.read_csv(io.StringIO(text))
    row = df[df["body"] == "not-in-registry"].iloc[0]
    assert row["body_name"] == """'=HYPERLINK("http://evil.example","x")"""
    assert row["grade_rank"] == 3


def test_csv_is_deterministic_with_lf_line_endings(report, snaps):
    """Two renders are the same bytes, whatever the input order; lines end in \\n only."""
    a, b = csv_render.render(report), csv_render.render(build_national(snaps[::-1]))
    assert a == b and "\r" not in a and a.endswith("\n")


def test_csv_of_a_comparison_is_a_clear_error():
    """A ChangeSet has no timeline: asking for CSV says which reports offer it."""
    with pytest.raises(InspdiffError, match="report national"):
        csv_render.render(compare(fx.south_west(), fx.west_midlands()))
