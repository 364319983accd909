"""The snapshot model: validation messages name the file and the field path."""

import json

import pytest

from compare import model
from compare.errors import SnapshotInvalid
from tests.factories import make_snapshot


def _as_dict(snap):
    return json.loads(model.to_json(snap))


def test_round_trip_is_exact():
    """to_json then from_json gives back an equal, frozen snapshot."""
    snap = make_snapshot()
    again = model.from_json(model.to_json(snap), "x.json")
    assert again == snap
    with pytest.raises(AttributeError):
        again.version = 3


def test_bad_grade_names_file_and_field_path():
    """An unknown grade is reported as FILE: judgments[i].grade: ... expected one of."""
    data = _as_dict(make_snapshot())
    data["judgments"][1]["grade"] = "requires improvements"
    with pytest.raises(SnapshotInvalid) as err:
        model.from_json(json.dumps(data).encode(), "snapshots/a/v1.json")
    assert str(err.value) == (
        "snapshots/a/v1.json: judgments[1].grade: 'requires improvements' is not a grade "
        "(expected one of: outstanding, good, adequate, requires improvement, inadequate)"
    )


def test_adequate_on_a_four_point_inspection_is_rejected():
    """A legacy-scale inspection cannot hold 'adequate'."""
    data = _as_dict(make_snapshot(grades={"dorset-police": "adequate"}))
    data["inspection"]["scale"] = "4-point"
    with pytest.raises(SnapshotInvalid, match=r"judgments\[0\]\.grade: .*4-point"):
        model.from_json(json.dumps(data).encode(), "f.json")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("inspection", "subject"), "../etc", "inspection.subject"),
        (("inspection", "published"), "2025-02-30", "inspection.published"),
        (("inspection", "published"), "12:30:00", "inspection.published"),
        (("source", "sha256"), "abc", "source.sha256"),
        (("inspection", "title"), False, "inspection.title"),
    ],
)
def test_invalid_fields_are_named(path, value, message):
    """Unsafe ids, impossible dates, bad hashes and wrong types are rejected by field path."""
    data = _as_dict(make_snapshot())
    data[path[0]][path[1]] = value
    with pytest.raises(SnapshotInvalid, match=message.replace(".", r"\.")):
        model.from_json(json.dumps(data).encode(), "f.json")


def test_unknown_fields_are_rejected():
    """A misspelt field is an error, not silently dropped."""
    data = _as_dict(make_snapshot())
    data["judgement"] = []
    with pytest.raises(SnapshotInvalid, match="unknown field `judgement`"):
        model.from_json(json.dumps(data).encode(), "f.json")


def test_duplicate_body_area_is_rejected():
    """Two grades for the same body and area cannot both be true."""
    data = _as_dict(make_snapshot())
    data["judgments"].append(dict(data["judgments"][0]))
    with pytest.raises(SnapshotInvalid, match="a second judgment"):
        model.from_json(json.dumps(data).encode(), "f.json")
