"""The GitHub workflow that runs `inspdiff changes` is valid and runs the right commands."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).parent.parent / ".github" / "workflows" / "snapshots.yml"


def _tool(name: str) -> str | None:
    """A tool from this environment's scripts directory, else from PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.is_file() else shutil.which(name)


def test_actionlint_passes_on_the_snapshots_workflow():
    """actionlint (with shellcheck on the run: scripts) finds nothing wrong with the workflow."""
    actionlint = _tool("actionlint")
    assert actionlint, "actionlint is missing: install the test extra (pip install -e '.[test]')"
    shellcheck = _tool("shellcheck")
    args = [actionlint, "-no-color"]
    args.append(f"-shellcheck={shellcheck}" if shellcheck else "-shellcheck=")
    proc = subprocess.run([*args, str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_fetches_full_history_and_uploads_reports_even_on_failure():
    """The checkout is not shallow, and the artifact upload runs whatever the exit codes."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = flow["jobs"]["changes"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "${{ always() }}" and upload["with"]["path"] == "reports/"
    runs = "\n".join(s.get("run", "") for s in steps)
    assert 'inspdiff verify --since "$SINCE"' in runs
    assert 'inspdiff changes --since "$SINCE"' in runs and "$GITHUB_STEP_SUMMARY" in runs


def test_workflow_triggers_on_snapshot_pushes_prs_a_schedule_and_by_hand():
    """push and pull_request are limited to snapshots/**; schedule and dispatch exist."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = flow[True]  # YAML 1.1 reads the key "on" as a boolean
    assert on["push"]["paths"] == ["snapshots/**"]
    assert on["pull_request"]["paths"] == ["snapshots/**"]
    assert on["schedule"] and "workflow_dispatch" in on


def _base_script() -> str:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = flow["jobs"]["changes"]["steps"]
    return next(s for s in steps if s.get("id") == "base")["run"]


def _choose_base(repo, tmp_path, **env) -> str:
    """Run the workflow's base-selection script in ``repo`` and return what it chose."""
    output = tmp_path / "github_output"
    output.write_text("")
    variables = {"EVENT": "", "PUSH_BEFORE": "", "PR_BASE": "", "INPUT_SINCE": ""}
    variables |= {"DEFAULT_BRANCH": "main", "GITHUB_OUTPUT": str(output), **env}
    subprocess.run(
        ["bash", "-e", "-c", _base_script()],
        cwd=repo.path,
        env={**repo.env, **variables},
        check=True,
        capture_output=True,
    )
    (line,) = output.read_text().splitlines()
    assert line.startswith("since=")
    return line.removeprefix("since=")


def test_base_is_the_push_before_sha_or_the_pull_request_base(tmp_path):
    """push uses github.event.before; pull_request uses the PR's base sha."""
    from tests.git_repo import GitRepo

    repo = GitRepo(tmp_path / "repo")
    first = repo.seed()
    repo.add_later_south_west_and_corrected_west_midlands()
    assert _choose_base(repo, tmp_path, EVENT="push", PUSH_BEFORE=first) == first
    assert _choose_base(repo, tmp_path, EVENT="pull_request", PR_BASE=first) == first


def test_all_zeros_or_missing_before_falls_back_to_a_week_ago_or_the_first_commit(tmp_path):
    """A new branch's all-zeros 'before', or a force-pushed sha the clone lacks, falls back
    to the last commit over a week old, else the first commit; never to all zeros."""
    from tests.git_repo import GitRepo

    repo = GitRepo(tmp_path / "repo")
    old_env = {
        "GIT_COMMITTER_DATE": "2020-01-01T00:00:00Z",
        "GIT_AUTHOR_DATE": "2020-01-01T00:00:00Z",
    }
    repo.env |= old_env
    old = repo.seed()
    for key in old_env:
        del repo.env[key]
    repo.add_later_south_west_and_corrected_west_midlands()
    zeros = "0" * 40
    assert _choose_base(repo, tmp_path, EVENT="push", PUSH_BEFORE=zeros) == old
    assert _choose_base(repo, tmp_path, EVENT="push", PUSH_BEFORE="1" * 40) == old
    assert _choose_base(repo, tmp_path, EVENT="schedule") == old
    young = GitRepo(tmp_path / "young")
    root = young.seed()
    young.add_later_south_west_and_corrected_west_midlands()
    assert _choose_base(young, tmp_path, EVENT="workflow_dispatch") == root
