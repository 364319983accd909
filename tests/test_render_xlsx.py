"""The xlsx workbook: its sheets read back with openpyxl, text never a formula, same bytes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import msgspec
import openpyxl
import pytest

from compare.engine import compare
from compare.engine.national import build_body, build_national, load_latest
from compare.model import Finding
from compare.render import csv as csv_render
from compare.render import render, tables
from compare.render import xlsx as xlsx_render
from compare.store import Store
from tests import compare_fixtures as fx
from tests import national_store

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(scope="module")
def snaps(tmp_path_factory):
    return load_latest(national_store.build(tmp_path_factory.mktemp("store")))


def _book(obj, **kwargs) -> openpyxl.Workbook:
    data = render(obj, "xlsx", **kwargs)
    assert isinstance(data, bytes) and data.startswith(b"PK")
    return openpyxl.load_workbook(io.BytesIO(data))


def _records(sheet) -> list[dict]:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _csv_rows(obj, section: str) -> int:
    return sum(len(t.rows) for t in tables.sections(obj) if t.section == section)


def test_a_regions_comparison_has_about_grades_findings_and_matches_sheets():
    """south_west() against west_midlands(): 11 grades, 12 findings (as in the CSV), and
    its 1 match (shared) with both sentences on one row; the shipped seeds' comparison
    adds a contrasting match."""
    cs = compare(fx.south_west(), fx.west_midlands())
    book = _book(cs)
    assert book.sheetnames == ["about", "grades", "findings", "matches"]
    about = {r["field"]: r["value"] for r in _records(book["about"])}
    assert about["a"] == "south-west@2025-06-12#v1" and about["mode"] == "regions"
    assert about["summary"] == cs.summary
    grades = _records(book["grades"])
    assert len(grades) == 11 == _csv_rows(cs, "grade")
    gloucestershire = next(g for g in grades if g["body"] == "gloucestershire-constabulary")
    assert gloucestershire["grade"] == "inadequate" and gloucestershire["grade_rank"] == 1
    assert gloucestershire["side"] == "a"
    findings = _records(book["findings"])
    assert len(findings) == 12 == _csv_rows(cs, "finding")
    assert {f["status"] for f in findings} == {"shared", "only-in-a", "only-in-b"}
    matches = _records(book["matches"])
    assert [m["status"] for m in matches] == ["shared"]
    assert all(m["a_text"] and m["b_text"] and isinstance(m["score"], int) for m in matches)
    store = Store(Path(__file__).resolve().parents[1] / "snapshots")
    seeds = compare(store.resolve("south-west"), store.resolve("west-midlands"))
    matches = _records(_book(seeds)["matches"])
    assert [m["status"] for m in matches] == ["shared", "contrasting"]
    assert all(m["a_text"] and m["b_text"] and isinstance(m["score"], int) for m in matches)


def test_a_repeat_comparison_gives_each_finding_its_status_and_each_grade_its_change():
    """south_west() against south_west_later(): grade changes with signed steps as
    numbers; findings and matches carry the repeat status."""
    book = _book(compare(fx.south_west(), fx.south_west_later()))
    grades = {g["body"]: g for g in _records(book["grades"])}
    assert grades["dorset-police"]["change"] == "declined"
    assert grades["dorset-police"]["change_steps"] == -1
    findings = _records(book["findings"])
    assert {(f["side"], f["finding_id"]): f["status"] for f in findings}[("b", "sw-8")] == "new"
    matches = _records(book["matches"])
    assert sorted(m["status"] for m in matches) == sorted(
        ["escalated", "new", "persisting", "persisting", *["no-longer-reported"] * 4]
    )


def test_a_versions_comparison_adds_a_fields_sheet():
    """Two versions of one inspection: the field-level changes get their own sheet."""
    v2 = msgspec.structs.replace(fx.south_west(), version=2, findings=fx.south_west().findings[1:])
    cs = compare(fx.south_west(), v2)
    book = _book(cs)
    assert book.sheetnames[-1] == "fields"
    assert len(_records(book["fields"])) == len(cs.field_changes) > 0


def test_reports_have_grade_and_finding_sheets(snaps):
    """The national workbook: grades (the timeline), findings (latest), recurring; the
    body workbook: grades, findings, lifecycle, matches. Rows equal the CSV's."""
    national = build_national(snaps)
    book = _book(national)
    assert book.sheetnames == ["about", "grades", "findings", "recurring"]
    assert len(_records(book["grades"])) == len(national.timeline)
    assert len(_records(book["findings"])) == len(national.findings) > 0
    assert len(_records(book["recurring"])) == sum(
        len(r.evidence) for r in (*national.recurring_statements, *national.recurring_themes)
    )
    body = build_body(snaps, "south-west")
    book = _book(body)
    assert book.sheetnames == ["about", "grades", "findings", "lifecycle", "matches"]
    assert len(_records(book["lifecycle"])) == _csv_rows(body, "lifecycle")


def test_a_finding_text_like_a_formula_is_a_quoted_string_cell_never_a_formula():
    """A finding =HYPERLINK(...) is a string cell holding exactly that text, with Excel's
    quote prefix (the workbook's form of the CSV's apostrophe); no sheet has a formula."""
    evil = Finding(id="f-evil", body="region", polarity="cause-of-concern", text=HOSTILE)
    snap = msgspec.structs.replace(fx.south_west(), findings=(*fx.south_west().findings, evil))
    for obj in (compare(snap, fx.west_midlands()), build_national([snap])):
        data = render(obj, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(data))["findings"]
        header = [c.value for c in sheet[1]]
        cells = {
            row[header.index("finding_id")].value: row[header.index("text")]
            for row in sheet.iter_rows(min_row=2)
        }
        cell = cells.pop("f-evil")
        assert cell.value == HOSTILE and cell.data_type == "s" and cell.quotePrefix
        assert cells and not any(c.quotePrefix for c in cells.values())
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
            assert parts and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in parts)
    assert csv_render.is_formula_like(HOSTILE)


def test_the_same_result_gives_the_same_bytes_in_another_process():
    """Two renders, one in a child process with another hash seed and time zone a second
    later, are byte-identical: the created date is fixed, not read from the clock."""
    code = (
        "import sys\n"
        "from compare.engine import compare\n"
        "from compare.render import render\n"
        "from tests import compare_fixtures as fx\n"
        "sys.stdout.buffer.write(render(compare(fx.south_west(), fx.west_midlands()), 'xlsx'))\n"
    )
    here = render(compare(fx.south_west(), fx.west_midlands()), "xlsx")
    env = {**os.environ, "PYTHONHASHSEED": "3", "TZ": "Asia/Kolkata"}
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, env=env, cwd=ROOT
    )
    assert child.stdout == here
    with zipfile.ZipFile(io.BytesIO(here)) as z:
        assert b"1980-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_the_created_date_is_the_generation_time_passed_in():
    """generated="2026-12-03T14:00:00+01:00" becomes the document's created date in UTC."""
    cs = compare(fx.south_west(), fx.west_midlands())
    data = render(cs, "xlsx", generated="2026-12-03T14:00:00+01:00")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"2026-12-03T13:00:00Z" in z.read("docProps/core.xml")
    assert xlsx_render.created(None) == xlsx_render.FIXED_CREATED
