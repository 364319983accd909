"""Versions of one inspection: field-level changes keyed by id, correction vs re-extraction."""

import subprocess
import sys

import msgspec

from compare import store
from compare.engine import compare, mode_of
from compare.engine import versions as v
from compare.model import Finding, Judgment
from tests import compare_fixtures as fx


def _v2(**changes):
    return msgspec.structs.replace(fx.south_west(), version=2, **changes)


def _with_source(snap, *, raw=None, extractor=None):
    src = snap.source
    if raw is not None:
        import hashlib

        src = msgspec.structs.replace(src, sha256=hashlib.sha256(raw).hexdigest())
    if extractor is not None:
        src = msgspec.structs.replace(
            src, extractor=msgspec.structs.replace(src.extractor, version=extractor)
        )
    return msgspec.structs.replace(snap, source=src)


def _corrected():
    """v2 of south_west(), exactly: a new source; a finding inserted first (sw-0); sw-3's
    text edited; sw-7 removed; Dorset requires improvement -> inadequate."""
    base = fx.south_west()
    inserted = Finding(
        id="sw-0", body="region", polarity="observation", text="A new first sentence."
    )
    findings = [inserted]
    for f in base.findings:
        if f.id == "sw-3":
            f = msgspec.structs.replace(f, text="Learning from operations was inconsistent.")
        if f.id != "sw-7":
            findings.append(f)
    judgments = tuple(
        Judgment(body=j.body, name=j.name, role=j.role, area=j.area, grade="inadequate")
        if j.body == "dorset-police"
        else j
        for j in base.judgments
    )
    return _with_source(
        _v2(findings=tuple(findings), judgments=judgments), raw=b"corrected press release"
    )


def test_same_inspection_key_means_versions():
    """Same programme, subject and date: mode "versions", whatever the version numbers."""
    assert mode_of(fx.south_west(), _v2()) == "versions"


def test_a_correction_reports_each_changed_field_by_id():
    """_corrected() docstring: one sha256, one finding added, one text, one removed, one
    grade; an insertion at the front does not make every later finding "changed"."""
    cs = compare(fx.south_west(), _corrected())
    assert cs.version_label == "correction"
    got = [(c.path, c.kind) for c in cs.field_changes]
    assert got == [
        ("findings[sw-0]", "added"),
        ("findings[sw-3].text", "changed"),
        ("findings[sw-7]", "removed"),
        ("judgments[dorset-police/serious-and-organised-crime].grade", "changed"),
        ("source.sha256", "changed"),
    ]
    text = next(c for c in cs.field_changes if c.path == "findings[sw-3].text")
    assert (
        text.before == '"Across the region, learning from operational activity was inconsistent."'
    )
    assert text.after == '"Learning from operations was inconsistent."'


def test_finding_changes_are_read_off_the_field_changes():
    """Findings are grouped added / removed / changed, each citing its version."""
    cs = compare(fx.south_west(), _corrected())
    got = {
        g.status: [(c.a and c.a.id, c.b and c.b.id, c.text) for c in g.changes]
        for g in cs.finding_groups
    }
    assert got == {
        "added": [(None, "sw-0", "added")],
        "removed": [("sw-7", None, "removed")],
        "changed": [("sw-3", "sw-3", "changed: text")],
    }
    changed = cs.finding_groups[2].changes[0]
    assert (changed.a.snapshot, changed.b.snapshot) == (
        "south-west@2025-06-12#v1",
        "south-west@2025-06-12#v2",
    )


def test_a_corrected_grade_is_a_grade_change_too():
    """A correction that lowers a grade declines, so --fail-on decline sees it."""
    cs = compare(fx.south_west(), _corrected())
    assert cs.triggers(["decline"]) == [
        "decline: Dorset Police (serious-and-organised-crime) requires improvement -> "
        "inadequate, -1"
    ]


def test_same_source_newer_extractor_is_a_re_extraction():
    """Same sha256, other extractor version: labelled re-extraction, not a correction."""
    later = _with_source(
        _v2(findings=fx.south_west().findings[:-1]),
        extractor="2",
    )
    cs = compare(fx.south_west(), later)
    assert cs.version_label == "re-extraction"
    assert "a newer extractor" in cs.summary
    assert ("source.extractor.version", "changed") in [(c.path, c.kind) for c in cs.field_changes]


def test_labels_agree_with_the_store():
    """The engine labels versions by the store's rule (correction, re-extraction, amendment)."""
    base = fx.south_west()
    cases = [
        _corrected(),
        _with_source(_v2(findings=()), extractor="2"),
        _v2(findings=()),
    ]
    for later in cases:
        assert v.label(base, later) == store.version_kind(base, later)
    assert v.label(base, _v2()) == "identical"


def test_identical_versions_have_no_changes():
    """A version compared with an identical one has no field, grade or finding changes."""
    cs = compare(fx.south_west(), _v2())
    assert cs.field_changes == () and cs.finding_groups == ()
    assert not cs.has_changes and cs.triggers(["any-change", "decline"]) == []


def test_deepdiff_is_imported_only_for_versions():
    """Region and repeat comparisons never import deepdiff (nor pandas), and small ones
    not even numpy."""
    code = (
        "import sys\n"
        "from compare.engine import compare\n"
        "from compare.render import render\n"
        "from tests import compare_fixtures as fx\n"
        "render(compare(fx.south_west(), fx.west_midlands()), 'md')\n"
        "render(compare(fx.south_west(), fx.south_west_later()), 'json')\n"
        "print(sorted(m for m in ('deepdiff', 'pandas', 'numpy') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
