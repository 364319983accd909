"""`compare.changes`: finding and classifying added versions in real git repositories,
the append-only guard, and one-line errors for what git cannot answer."""

import json
import subprocess

import pytest

from compare.changes import Baseline, Kind, append_only_violations, changes
from compare.errors import GitError
from tests.git_repo import GitRepo


@pytest.fixture
def repo(tmp_path):
    r = GitRepo(tmp_path / "repo")
    r.seed()
    return r


def _kinds(report):
    return [(i.ref, i.kind) for i in report.inspections]


def test_new_publication_and_correction_are_found_and_labelled(repo):
    """A later inspection is a new publication against the previous one; a new source for
    the same inspection is a correction against its previous version."""
    repo.add_later_south_west_and_corrected_west_midlands()
    report = changes(repo.store, "HEAD~1", "HEAD")
    assert _kinds(report) == [
        ("south-west@2027-03-01#v1", Kind.NEW_PUBLICATION),
        ("west-midlands@2025-05-14#v2", Kind.CORRECTION),
    ]
    sw, wm = report.inspections
    assert sw.baseline.ref == "south-west@2025-06-12#v1"
    assert sw.baseline_kind is Baseline.PREVIOUS_INSPECTION
    assert wm.baseline.ref == "west-midlands@2025-05-14#v1"
    assert wm.baseline_kind is Baseline.PREVIOUS_VERSION
    assert sw.path == "snapshots/soc-regional/south-west/2027-03-01/v1.json"


def test_grade_changes_carry_direction_and_size(repo):
    """The engine's ChangeSet for the later South West names one rise and one fall."""
    repo.add_later_south_west_and_corrected_west_midlands()
    sw = changes(repo.store, "HEAD~1").inspections[0]
    moved = {c.body: (c.status, c.steps) for c in sw.changeset.grade_changes if c.steps}
    assert moved == {
        "gloucestershire-constabulary": ("improved", 1),
        "dorset-police": ("declined", -1),
    }


def test_working_tree_is_the_default_until_and_includes_untracked_files(repo):
    """Without --until, a snapshot saved but not yet committed (untracked) is reported."""
    repo.save(b"south west press release, 2027", published="2027-03-01")
    assert _kinds(changes(repo.store, "HEAD")) == [
        ("south-west@2027-03-01#v1", Kind.NEW_PUBLICATION)
    ]


def test_until_reads_the_store_as_it_was_at_that_revision(repo):
    """--until HEAD ignores what the working tree added after it."""
    repo.add_later_south_west_and_corrected_west_midlands()
    repo.save(b"a 2028 inspection", published="2028-01-01")
    assert len(changes(repo.store, "HEAD~1", "HEAD").inspections) == 2
    assert len(changes(repo.store, "HEAD~1").inspections) == 3


def test_back_dated_import_is_labelled_when_a_newer_inspection_is_already_held(repo):
    """An older inspection added after a newer one is a back-dated import, compared with
    the inspection before it (none here) and naming the newest one already held."""
    repo.save(b"south west 2019", published="2019-04-01")
    (item,) = changes(repo.store, "HEAD").inspections
    assert item.kind is Kind.BACK_DATED
    assert item.newest_held == "2025-06-12" and item.baseline is None


def test_back_dated_import_between_two_inspections_is_compared_with_the_earlier(repo):
    """A back-dated inspection's baseline is the inspection published just before it."""
    repo.save(b"south west 2019", published="2019-04-01")
    repo.commit("2019")
    repo.save(b"south west 2022", published="2022-04-01")
    (item,) = changes(repo.store, "HEAD").inspections
    assert item.kind is Kind.BACK_DATED and item.baseline.ref == "south-west@2019-04-01#v1"


def test_re_extraction_is_labelled_when_only_the_extractor_changed(repo):
    """Same source bytes, newer extractor version: a re-extraction, not a correction."""
    repo.save(
        b"south west press release",
        extractor_version="2",
        grades={"south-west-rocu": "good"},
    )
    (item,) = changes(repo.store, "HEAD").inspections
    assert item.kind is Kind.RE_EXTRACTION


def test_first_inspection_of_a_subject_has_no_baseline(repo):
    """A subject new to the store is a new publication with nothing to compare against."""
    repo.save(b"eastern", subject="eastern", grades={"eastern-rocu": "good"})
    (item,) = changes(repo.store, "HEAD").inspections
    assert item.kind is Kind.NEW_PUBLICATION
    assert item.baseline is None and item.changeset is None


def test_two_versions_added_together_are_each_compared_with_their_predecessor(repo):
    """v2 and v3 arriving in one range: v2 against v1, v3 against v2."""
    repo.save(b"fix one", grades={"south-west-rocu": "good"})
    repo.save(b"fix two", grades={"south-west-rocu": "outstanding"})
    items = changes(repo.store, "HEAD").inspections
    assert [(i.ref, i.baseline.ref) for i in items] == [
        ("south-west@2025-06-12#v2", "south-west@2025-06-12#v1"),
        ("south-west@2025-06-12#v3", "south-west@2025-06-12#v2"),
    ]


def test_a_version_file_the_manifest_does_not_acknowledge_is_ignored(repo):
    """What an interrupted save left (a vN.json not in the manifest) is not a new version."""
    directory = repo.store.root / "soc-regional/south-west/2025-06-12"
    (directory / "v2.json").write_bytes((directory / "v1.json").read_bytes())
    assert changes(repo.store, "HEAD").inspections == ()


def test_nothing_added_gives_an_empty_report(repo):
    """A range with no new snapshot versions has no inspections, and that is not an error."""
    (repo.path / "notes.txt").write_text("unrelated\n")
    repo.commit("Unrelated change")
    report = changes(repo.store, "HEAD~1", "HEAD")
    assert report.inspections == () and report.counts() == {}


def test_a_store_below_the_repository_top_is_found_by_its_relative_path(tmp_path):
    """The store may sit anywhere inside the work tree, e.g. data/snapshots."""
    r = GitRepo(tmp_path / "repo")
    r.store = type(r.store)(r.path / "data" / "snapshots")
    r.seed()
    r.save(b"later", published="2027-03-01")
    (item,) = changes(r.store, "HEAD").inspections
    assert item.path == "data/snapshots/soc-regional/south-west/2027-03-01/v1.json"


# -- the append-only guard ---------------------------------------------------------------
def test_adding_versions_is_not_a_violation(repo):
    """New versions, sources and appended manifest entries pass the guard."""
    repo.add_later_south_west_and_corrected_west_midlands()
    assert append_only_violations(repo.store, "HEAD~1") == []


def test_editing_an_existing_version_is_a_violation_naming_file_and_commit(repo):
    """A committed edit to v1.json names the file and the commit that made it."""
    path = repo.store.root / "soc-regional/south-west/2025-06-12/v1.json"
    path.write_text(path.read_text().replace("An inspection", "An edited inspection"))
    sha = repo.commit("Edit a version in place")
    (v,) = append_only_violations(repo.store, "HEAD~1")
    assert v.path == "snapshots/soc-regional/south-west/2025-06-12/v1.json"
    assert v.what == "modified" and v.commits == (sha[: len(v.commits[0])],)
    assert "add a new version instead" in str(v)


def test_deleting_or_renaming_existing_files_are_violations(repo):
    """A deleted source, a renamed version and a deleted manifest are each named."""
    directory = repo.store.root / "soc-regional/south-west/2025-06-12"
    (directory / "source").iterdir().__next__().unlink()
    (directory / "manifest.json").unlink()
    wm = repo.store.root / "soc-regional/west-midlands/2025-05-14"
    (wm / "v1.json").rename(wm / "v2.json")
    repo.commit("Break things")
    found = {
        (v.path.split("/", 2)[2], v.what.split(" ")[0])
        for v in append_only_violations(repo.store, "HEAD~1")
    }
    assert ("south-west/2025-06-12/manifest.json", "deleted") in found
    assert ("west-midlands/2025-05-14/v1.json", "renamed") in found
    assert any(p.startswith("south-west/2025-06-12/source/") for p, what in found)


def test_a_manifest_that_rewrites_existing_entries_is_a_violation(repo):
    """A manifest may only gain entries: changing a recorded hash is named."""
    path = repo.store.root / "soc-regional/south-west/2025-06-12/manifest.json"
    data = json.loads(path.read_text())
    data["versions"][0]["sha256"] = "0" * 64
    path.write_text(json.dumps(data))
    (v,) = append_only_violations(repo.store, "HEAD")
    assert v.what == "rewrote existing entries" and v.commits == ()
    assert "in the working tree" in str(v)


def test_an_uncommitted_edit_is_named_as_in_the_working_tree(repo):
    """Without --until the working tree is checked too, and says so."""
    path = repo.store.root / "soc-regional/west-midlands/2025-05-14/v1.json"
    path.write_text(path.read_text().replace("An inspection", "Edited"))
    (v,) = append_only_violations(repo.store, "HEAD")
    assert v.path.endswith("west-midlands/2025-05-14/v1.json") and v.commits == ()


# -- errors ------------------------------------------------------------------------------
def test_outside_a_git_repository_is_one_clear_error(tmp_path):
    """A store that is not in a git work tree says so and what to do."""
    with pytest.raises(GitError, match="is not in a git repository"):
        changes(tmp_path / "snapshots", "HEAD~1")


def test_unknown_revision_is_one_clear_error(repo):
    """A revision git does not know is named in the error."""
    with pytest.raises(GitError, match="unknown revision 'no-such-branch'"):
        changes(repo.store, "no-such-branch")


def test_option_like_revision_is_refused(repo):
    """A revision that starts with '-' is never passed to git as an option."""
    with pytest.raises(GitError, match="is not a git revision"):
        changes(repo.store, "--output=/tmp/x")


def test_all_zeros_sha_of_a_new_branch_is_explained(repo):
    """The all-zeros 'before' of a push that created a branch gets its own explanation."""
    with pytest.raises(GitError, match="all-zeros"):
        changes(repo.store, "0" * 40)


def test_shallow_clone_lacking_the_revision_suggests_full_history(repo, tmp_path):
    """In a depth-1 clone, HEAD~1 is missing: the error says the clone is shallow and
    suggests fetch-depth: 0."""
    repo.add_later_south_west_and_corrected_west_midlands()
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)],
        check=True,
        env=repo.env,
        capture_output=True,
    )
    with pytest.raises(GitError, match=r"shallow.*fetch-depth: 0"):
        changes(clone / "snapshots", "HEAD~1")
