"""`inspdiff changes` and `inspdiff verify --since` on real git repositories: files
written, exit codes (0 report, 1 --fail-on matched or verify failed, 2 error), streams."""

import json
import subprocess

import msgspec
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from compare.cli import cli
from tests.factories import make_snapshot
from tests.git_repo import GitRepo


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def repo(tmp_path):
    r = GitRepo(tmp_path / "repo")
    r.seed()
    r.add_later_south_west_and_corrected_west_midlands()
    return r


def _changes(runner, repo, *args):
    out = repo.path / "reports" / "changes"
    return runner.invoke(
        cli,
        ["changes", "--store", str(repo.store.root), "--output", str(out), *args],
    ), out


def _tables(markdown: str) -> list[tuple[int, list[int]]]:
    """(header cells, cells per body row) for every table markdown-it finds."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables, header, rows, cells, in_head = [], 0, [], 0, False
    for t in tokens:
        if t.type == "table_open":
            header, rows = 0, []
        elif t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            cells = 0
        elif t.type in ("th_open", "td_open"):
            cells += 1
        elif t.type == "tr_close":
            if in_head:
                header = cells
            else:
                rows.append(cells)
        elif t.type == "table_close":
            tables.append((header, rows))
    return tables


def test_changes_labels_a_new_publication_and_a_correction_with_grade_moves(runner, repo):
    """`changes --since HEAD~1` exits 0, labels both new versions and names each grade
    change with its direction and size."""
    result, out = _changes(runner, repo, "--since", "HEAD~1")
    assert result.exit_code == 0, result.output
    assert "new publication\tsouth-west@2027-03-01#v1" in result.stdout
    assert "correction\twest-midlands@2025-05-14#v2" in result.stdout
    assert result.stderr == ""
    report = (out / "changes.md").read_text(encoding="utf-8")
    assert "## `south-west@2027-03-01#v1`: new publication" in report
    assert "## `west-midlands@2025-05-14#v2`: correction" in report
    assert (
        "| Gloucestershire Constabulary | serious and organised crime "
        "| inadequate -> requires improvement, +1 | improved |" in report
    )
    assert (
        "| Dorset Police | serious and organised crime "
        "| requires improvement -> inadequate, -1 | declined |" in report
    )
    assert (
        "| Warwickshire Police | serious and organised crime "
        "| requires improvement -> adequate, +1 | improved |" in report
    )


def test_changes_writes_a_combined_report_and_one_per_new_version(runner, repo):
    """Markdown and JSON, combined and per version, with tables that parse whole."""
    result, out = _changes(runner, repo, "--since", "HEAD~1")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "changes.json",
        "changes.md",
        "soc-regional_south-west_2027-03-01_v1.json",
        "soc-regional_south-west_2027-03-01_v1.md",
        "soc-regional_west-midlands_2025-05-14_v2.json",
        "soc-regional_west-midlands_2025-05-14_v2.md",
    ]
    data = json.loads((out / "changes.json").read_text())
    assert data["schema"] == "inspdiff.changes/1"
    assert data["counts"] == {"new publication": 1, "correction": 1}
    sw = data["inspections"][0]
    assert sw["kind"] == "new publication" and sw["baseline"] == "south-west@2025-06-12#v1"
    assert sw["changeset"]["mode"] == "repeat"
    own = (out / "soc-regional_south-west_2027-03-01_v1.md").read_text()
    assert own.startswith("# ") and "**New publication** (`south-west@2027-03-01#v1`)" in own
    for name in ("changes.md", "soc-regional_south-west_2027-03-01_v1.md"):
        tables = _tables((out / name).read_text())
        assert tables and all(rows and set(rows) == {head} for head, rows in tables)


def test_html_reports_are_self_contained_pages_linking_each_version(runner, repo):
    """--format html writes a combined page that links each version's own page, with
    every grade change in a table, and no script."""
    result, out = _changes(runner, repo, "--since", "HEAD~1", "--format", "html")
    assert result.exit_code == 0, result.output
    page = (out / "changes.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert 'href="soc-regional_south-west_2027-03-01_v1.html"' in page
    assert '<th scope="row">Dorset Police</th>' in page
    assert "requires improvement -&gt; inadequate, -1" in page
    own = (out / "soc-regional_west-midlands_2025-05-14_v2.html").read_text(encoding="utf-8")
    assert own.startswith("<!doctype html>") and "Warwickshire Police" in own


def test_markup_in_a_body_name_is_escaped_in_markdown_and_html(runner, tmp_path):
    """A first inspection (no baseline) whose body name holds markup and a pipe: Markdown
    escapes it inside its table cell, HTML shows it as text."""
    r = GitRepo(tmp_path / "repo")
    r.commit("empty")
    snap = make_snapshot(subject="eastern", grades={"made-up-force": "good"}, raw=b"x")
    hostile = "<script>alert(1)</script> | [x](javascript:y)"
    judgment = msgspec.structs.replace(snap.judgments[0], name=hostile)
    r.store.save(msgspec.structs.replace(snap, judgments=(judgment,)), raw=b"x")
    result, out = _changes(runner, r, "--since", "HEAD", "--format", "md,html")
    assert result.exit_code == 0, result.output
    text = (out / "changes.md").read_text(encoding="utf-8")
    assert "\\<script>" in text and "<script>" not in text.replace("\\<script>", "")
    assert _tables(text) == [(3, [3])]
    page = (out / "changes.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    own = (out / "soc-regional_eastern_2025-06-12_v1.html").read_text(encoding="utf-8")
    assert "A new version: new publication." in own and "<script" not in own


def test_fail_on_decline_exits_1_and_names_the_decline(runner, repo):
    """--fail-on decline matches Dorset's fall: exit 1, the reports still written."""
    result, out = _changes(runner, repo, "--since", "HEAD~1", "--fail-on", "decline")
    assert result.exit_code == 1
    assert result.stderr == (
        "south-west@2027-03-01#v1: decline: Dorset Police (serious-and-organised-crime) "
        "requires improvement -> inadequate, -1\n"
    )
    assert (
        "**--fail-on decline matched** in `south-west@2027-03-01#v1`."
        in (out / "changes.md").read_text()
    )


def test_fail_on_rules_that_do_not_match_exit_0(runner, repo):
    """Without a decline in range, --fail-on decline leaves the exit code at 0."""
    result, _ = _changes(
        runner, repo, "--since", "HEAD~1", "--until", "HEAD~1", "--fail-on", "decline"
    )
    assert result.exit_code == 0 and result.stderr == ""


def test_fail_on_inadequate_and_any_change(runner, repo):
    """inadequate matches the South West (Dorset inadequate); any-change matches both."""
    result, _ = _changes(runner, repo, "--since", "HEAD~1", "--fail-on", "inadequate,any-change")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        "south-west@2027-03-01#v1: inadequate: Dorset Police (serious-and-organised-crime) "
        "in south-west@2027-03-01#v1" in lines
    )
    assert sum(": any-change: " in line for line in lines) == 2


def test_nothing_new_writes_a_no_new_snapshots_report_and_exits_0(runner, repo):
    """A range without new versions still produces a (short) report, and exit 0."""
    result, out = _changes(
        runner, repo, "--since", "HEAD", "--until", "HEAD", "--fail-on", "any-change"
    )
    assert result.exit_code == 0
    assert "changes: 0 new version(s)" in result.stdout
    assert "No new snapshots." in (out / "changes.md").read_text()
    assert json.loads((out / "changes.json").read_text())["inspections"] == []


def test_summary_and_comment_are_written_for_ci(runner, repo):
    """--summary and --comment write the channel-sized Markdown."""
    summary, comment = repo.path / "summary.md", repo.path / "comment.md"
    result, _ = _changes(
        runner, repo, "--since", "HEAD~1", "--summary", str(summary), "--comment", str(comment)
    )
    assert result.exit_code == 0
    for path in (summary, comment):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Snapshot changes") and "south-west@2027-03-01#v1" in text
        assert "not shown" not in text


def test_a_later_run_removes_report_files_of_versions_no_longer_in_range(runner, repo):
    """Per-version reports from an earlier run do not linger next to a newer report."""
    _changes(runner, repo, "--since", "HEAD~1")
    result, out = _changes(runner, repo, "--since", "HEAD", "--format", "md")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["changes.md"]


def test_unknown_format_or_rule_exits_2_before_writing(runner, repo):
    """A bad --format or --fail-on is one line on stderr, exit 2, and no files."""
    for args in (["--format", "pdf"], ["--format", ""], ["--fail-on", "declines"]):
        result, out = _changes(runner, repo, "--since", "HEAD~1", *args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
        assert not out.exists()


def test_not_a_repository_exits_2_with_one_line(runner, tmp_path):
    """Outside a git work tree: exit 2, one line saying so."""
    result = runner.invoke(
        cli, ["changes", "--since", "HEAD~1", "--store", str(tmp_path / "snapshots")]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is not in a git repository" in result.stderr


def test_unknown_revision_exits_2_with_one_line(runner, repo):
    """An unknown --since: exit 2, one line naming it."""
    result, out = _changes(runner, repo, "--since", "v9.9.9")
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: unknown revision 'v9.9.9' in {repo.path} "
        "(check the name, or git fetch it first)\n"
    )
    assert not out.exists()


def test_shallow_clone_exits_2_suggesting_fetch_depth_0(runner, repo, tmp_path):
    """A depth-1 clone lacks HEAD~1: exit 2, and the line says fetch-depth: 0."""
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)],
        check=True,
        env=repo.env,
        capture_output=True,
    )
    for command in (["changes"], ["verify"]):
        result = runner.invoke(
            cli, [*command, "--since", "HEAD~1", "--store", str(clone / "snapshots")]
        )
        assert result.exit_code == 2, command
        assert result.stderr.count("\n") == 1
        assert "shallow" in result.stderr and "fetch-depth: 0" in result.stderr


def test_verify_since_passes_when_versions_were_only_added(runner, repo):
    """`verify --since` exits 0 on a range that only appended versions."""
    result = runner.invoke(cli, ["verify", "--since", "HEAD~1", "--store", str(repo.store.root)])
    assert result.exit_code == 0, result.output
    assert "version(s) intact" in result.stdout


def test_verify_since_exits_1_naming_an_edited_version(runner, repo):
    """A commit that edits an existing version makes `verify --since` exit 1, naming it."""
    path = repo.store.root / "soc-regional/south-west/2025-06-12/v1.json"
    path.write_text(path.read_text().replace('"An inspection"', '"A retitled inspection"'))
    repo.commit("Retitle the 2025 South West inspection in place")
    result = runner.invoke(cli, ["verify", "--since", "HEAD~1", "--store", str(repo.store.root)])
    assert result.exit_code == 1
    assert (
        "snapshots/soc-regional/south-west/2025-06-12/v1.json: modified by commit " in result.stderr
    )
    assert "add a new version instead" in result.stderr
