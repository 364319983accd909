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
