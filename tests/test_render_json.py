"""JSON: the documented inspdiff.changeset/1 document, from the same ChangeSet."""

import json

import msgspec

from compare.engine import SCHEMA, ChangeSet, compare
from compare.render import render
from tests import compare_fixtures as fx


def test_document_starts_with_its_schema_and_generation_time():
    """The first keys are "schema" (inspdiff.changeset/1) and "generated" (null unless given)."""
    cs = compare(fx.south_west(), fx.west_midlands())
    doc = json.loads(render(cs, "json"))
    assert list(doc)[:3] == ["schema", "generated", "mode"]
    assert doc["schema"] == SCHEMA == "inspdiff.changeset/1"
    assert doc["generated"] is None
    assert json.loads(render(cs, "json", generated="2026-01-02"))["generated"] == "2026-01-02"


def test_json_carries_what_the_markdown_shows():
    """Matches keep score, themes, both sentences and both citations; the mix its counts."""
    doc = json.loads(render(compare(fx.south_west(), fx.west_midlands()), "json"))
    (shared,) = doc["shared"]
    assert shared["kind"] == "shared" and shared["themes"] == ["collaboration"]
    assert shared["a"]["snapshot"] == "south-west@2025-06-12#v1"
    assert shared["b"]["url"] == fx.WM_URL
    forces = next(g for g in doc["groups"] if g["role"] == "force")
    assert {c["grade"]: [c["a"], c["b"]] for c in forces["mix"]}["requires improvement"] == [4, 2]
    assert forces["mix_b"]["share"] == 0.25
    assert doc["has_changes"] is True


def test_json_decodes_back_into_the_same_changeset():
    """Dropping "generated", the document converts back to an equal ChangeSet."""
    for b in (fx.west_midlands(), fx.south_west_later()):
        cs = compare(fx.south_west(), b)
        doc = json.loads(render(cs, "json"))
        del doc["generated"]
        assert msgspec.convert(doc, ChangeSet) == cs


def test_json_is_pretty_sorted_and_ends_with_a_newline():
    """Two-space indent, UTF-8 text kept as is, one trailing newline; the same every time."""
    cs = compare(fx.south_west(), fx.south_west_later())
    text = render(cs, "json")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert '\n  "mode": "repeat",\n' in text
    assert text == render(compare(fx.south_west(), fx.south_west_later()), "json")


def test_every_field_is_documented_in_the_schema_doc():
    """docs/changeset-schema.md names every key a ChangeSet document can contain."""
    from pathlib import Path

    from compare.engine import changeset as model

    doc = (Path(__file__).resolve().parents[1] / "docs" / "changeset-schema.md").read_text()
    structs = [
        model.ChangeSet,
        model.Side,
        model.FindingRef,
        model.Match,
        model.RoleGroup,
        model.GradeRow,
        model.GradeEntry,
        model.GradeCount,
        model.GradeMix,
        model.GradeChange,
        model.FindingGroup,
        model.FindingChange,
        model.FieldChange,
    ]
    missing = sorted(
        f"{s.__name__}.{name}"
        for s in structs
        for name in s.__struct_fields__
        if f"`{name}`" not in doc
    )
    assert missing == []
    assert "`generated`" in doc and model.SCHEMA in doc
