"""The issue's acceptance run on the shipped seed snapshots: commit them in a fresh git
repository, add a later South West inspection and a corrected West Midlands version, and
run `inspdiff changes --since HEAD~1` as CI would."""

import shutil
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.store import Store, sha256
from tests.git_repo import GitRepo

SHIPPED = Path(__file__).parent.parent / "snapshots"


def _regrade(snap, grades: dict[str, str]):
    judgments = tuple(
        msgspec.structs.replace(j, grade=grades[j.body]) if j.body in grades else j
        for j in snap.judgments
    )
    return msgspec.structs.replace(snap, judgments=judgments)


def _new_source(snap, raw: bytes):
    source = msgspec.structs.replace(snap.source, sha256=sha256(raw))
    return msgspec.structs.replace(snap, source=source, version=None, predecessor=None)


@pytest.fixture
def repo(tmp_path):
    """A git repository whose first commit holds the two shipped seed snapshots, and whose
    second adds: South West 2027-03-01 (Gloucestershire inadequate -> requires
    improvement, +1; Dorset requires improvement -> inadequate, -1) and West Midlands
    2024-05-14 v2 from corrected source bytes (Warwickshire requires improvement ->
    adequate, +1)."""
    r = GitRepo(tmp_path / "repo")
    shutil.copytree(SHIPPED / "soc-regional", r.store.root / "soc-regional")
    assert Store(r.store.root).verify() == []
    r.commit("Seed snapshots")
    sw = r.store.resolve("south-west@2025-06-12")
    raw = b"South West serious and organised crime inspection, 2027"
    later = _new_source(sw, raw)
    later = msgspec.structs.replace(
        later, inspection=msgspec.structs.replace(later.inspection, published="2027-03-01")
    )
    later = _regrade(
        later,
        {"gloucestershire-constabulary": "requires improvement", "dorset-police": "inadequate"},
    )
    r.store.save(later, raw=raw)
    wm = r.store.resolve("west-midlands@2024-05-14")
    raw = b"West Midlands serious and organised crime inspection (corrected)"
    r.store.save(_regrade(_new_source(wm, raw), {"warwickshire-police": "adequate"}), raw=raw)
    r.commit("South West 2027 and a West Midlands correction")
    return r


def test_seed_acceptance_labels_both_and_names_each_grade_change(repo):
    """Exit 0; the later South West is a new publication and the West Midlands v2 a
    correction; each grade change appears with its direction and size."""
    out = repo.path / "reports" / "changes"
    args = ["changes", "--since", "HEAD~1", "--store", str(repo.store.root)]
    result = CliRunner().invoke(cli, [*args, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "new publication\tsouth-west@2027-03-01#v1\tcompared with south-west@2025-06-12#v1",
        "correction\twest-midlands@2024-05-14#v2\tcompared with west-midlands@2024-05-14#v1",
    ]
    text = (out / "changes.md").read_text(encoding="utf-8")
    for row in (
        "| Gloucestershire Constabulary | serious and organised crime "
        "| inadequate -> requires improvement, +1 | improved |",
        "| Dorset Police | serious and organised crime "
        "| requires improvement -> inadequate, -1 | declined |",
        "| Warwickshire Police | serious and organised crime "
        "| requires improvement -> adequate, +1 | improved |",
    ):
        assert row in text


def test_seed_acceptance_fail_on_decline_exits_1(repo):
    """With --fail-on decline, Dorset's fall makes the exit code 1."""
    args = ["changes", "--since", "HEAD~1", "--store", str(repo.store.root)]
    out = repo.path / "reports" / "changes"
    result = CliRunner().invoke(cli, [*args, "--output", str(out), "--fail-on", "decline"])
    assert result.exit_code == 1
    assert result.stderr.startswith("south-west@2027-03-01#v1: decline: Dorset Police")


def test_seed_acceptance_verify_since_passes_then_fails_on_an_edit(repo):
    """verify --since HEAD~1 passes on the appended versions; after a commit that edits
    the seed West Midlands v1 in place it exits 1 naming that file."""
    args = ["verify", "--since", "HEAD~1", "--store", str(repo.store.root)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    path = repo.store.root / "soc-regional/west-midlands/2024-05-14/v1.json"
    path.write_bytes(path.read_bytes().replace(b'"adequate"', b'"good"', 1))
    repo.commit("Regrade in place")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "snapshots/soc-regional/west-midlands/2024-05-14/v1.json: modified by commit" in (
        result.stderr
    )
