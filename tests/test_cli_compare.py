"""`inspdiff compare`: references, formats, --output, --fail-on and exit codes 0 / 1 / 2."""

import json

import msgspec
import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.store import Store
from tests import compare_fixtures as fx


@pytest.fixture
def runner():
    return CliRunner()


def _unversioned(snap):
    return msgspec.structs.replace(snap, version=None)


@pytest.fixture
def store_dir(tmp_path):
    """South West 2025 and 2027 (Dorset declines) and West Midlands 2024."""
    store = Store(tmp_path / "s")
    store.save(_unversioned(fx.south_west()), raw=fx.SW_RAW)
    store.save(_unversioned(fx.west_midlands()), raw=fx.WM_RAW)
    store.save(_unversioned(fx.south_west_later()), raw=fx.SW_LATER_RAW)
    return tmp_path / "s"


def _run(runner, store_dir, *args):
    return runner.invoke(cli, ["compare", *args, "--store", str(store_dir)])


def test_two_regions_print_a_markdown_report(runner, store_dir):
    """compare A B prints the Markdown report on stdout, nothing on stderr, exit 0."""
    result = _run(runner, store_dir, "south-west@2025-06-12", "west-midlands")
    assert result.exit_code == 0
    assert result.stdout.startswith("# South West compared with West Midlands\n")
    assert "## Shared findings (1)" in result.stdout
    assert result.stderr == ""


def test_previous_compares_a_subjects_two_latest_inspections(runner, store_dir):
    """--previous with one subject compares its previous inspection with its latest."""
    result = _run(runner, store_dir, "south-west", "--previous")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "# South West: inspection of 2027-03-01 compared with 2025-06-12\n"
    )
    assert "requires improvement -> inadequate, -1" in result.stdout


def test_fail_on_decline_exits_1_with_the_report_still_written(runner, store_dir):
    """A decline with --fail-on decline: report on stdout, the rule's line on stderr, exit 1."""
    result = _run(runner, store_dir, "south-west", "--previous", "--fail-on", "decline")
    assert result.exit_code == 1
    assert "## Grade changes" in result.stdout
    assert result.stderr == (
        "decline: Dorset Police (serious-and-organised-crime) requires improvement -> "
        "inadequate, -1\n"
    )


def test_fail_on_decline_exits_0_when_nothing_declined(runner, store_dir, tmp_path):
    """The same repeat comparison without Dorset's decline exits 0 under --fail-on decline."""
    calm = tmp_path / "calm.json"
    from compare import model

    calm.write_bytes(model.to_json(_unversioned(fx.south_west_without_decline())))
    result = _run(runner, store_dir, "south-west@2025-06-12", str(calm), "--fail-on", "decline")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "Gloucestershire Constabulary inadequate -> requires improvement, +1" in result.stdout


def test_versions_are_compared_by_reference_with_json_output(runner, store_dir):
    """Two versions (…#v1, …#v2) give a JSON document in versions mode."""
    store = Store(store_dir)
    v2 = msgspec.structs.replace(
        _unversioned(fx.south_west()), findings=fx.south_west().findings[1:]
    )
    store.save(v2, raw=fx.SW_RAW)
    result = _run(
        runner,
        store_dir,
        "south-west@2025-06-12#v1",
        "south-west@2025-06-12#v2",
        "--format",
        "json",
        "--fail-on",
        "any-change",
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["schema"] == "inspdiff.changeset/1" and doc["mode"] == "versions"
    assert doc["version_label"] == "amendment"
    assert [c["path"] for c in doc["field_changes"]] == ["findings[sw-1]"]
    assert result.stderr.startswith("any-change: ")


def test_output_writes_the_report_to_a_file(runner, store_dir, tmp_path):
    """--output PATH writes the report there (creating folders) and says so on stdout."""
    target = tmp_path / "reports" / "sw-vs-wm.md"
    result = _run(runner, store_dir, "south-west", "west-midlands", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == f"compare: wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# South West compared with")


def test_unknown_reference_exits_2_listing_the_subjects(runner, store_dir):
    """An unknown subject is one line on stderr naming the subjects that exist, exit 2."""
    result = _run(runner, store_dir, "north-east", "west-midlands")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no snapshot matches 'north-east' (subjects in the store: south-west, "
        "west-midlands)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["south-west", "west-midlands", "--fail-on", "decline,worse"], "unknown --fail-on"),
        (["south-west"], "give two references A and B"),
        (["south-west", "west-midlands", "--previous"], "--previous takes one SUBJECT"),
        (["south-west", "west-midlands", "--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_bad_arguments_exit_2_before_any_report(runner, store_dir, args, message):
    """Unknown rules, a missing B, --previous with B, an unknown format: exit 2, no report."""
    result = _run(runner, store_dir, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "# " not in result.stdout


def test_compare_is_listed_in_help(runner):
    """`inspdiff --help` lists compare and `inspdiff compare -h` shows an example."""
    assert "  compare " in runner.invoke(cli, ["-h"]).output
    assert (
        "inspdiff compare south-west west-midlands" in runner.invoke(cli, ["compare", "-h"]).output
    )


def test_csv_lists_grades_and_findings_with_their_repeat_status(runner, store_dir):
    """--previous --format csv: one table on stdout, grade rows then finding rows, each
    finding with its status (sw-8 new in 2027, sw-5 escalated)."""
    import io

    import pandas as pd

    result = _run(runner, store_dir, "south-west", "--previous", "--format", "csv")
    assert result.exit_code == 0, result.output
    df = pd.read_csv(io.StringIO(result.stdout))
    assert list(df["section"].drop_duplicates()) == ["grade", "finding"]
    status = dict(zip(df["finding_id"] + " " + df["side"], df["status"], strict=True))
    assert status["sw-8 b"] == "new" and status["sw-5 a"] == status["sw-5 b"] == "escalated"


def test_xlsx_goes_to_a_file_or_a_pipe_as_the_same_bytes(runner, store_dir, tmp_path):
    """--format xlsx --output PATH writes the workbook atomically; without --output, on a
    stdout that is not a terminal, the same bytes go to stdout."""
    import io

    import openpyxl

    target = tmp_path / "out" / "sw-vs-wm.xlsx"
    args = ["south-west", "west-midlands", "--format", "xlsx"]
    written = _run(runner, store_dir, *args, "--output", str(target))
    assert written.exit_code == 0 and written.stdout == f"compare: wrote {target}\n"
    piped = _run(runner, store_dir, *args)
    assert piped.exit_code == 0 and piped.stdout_bytes == target.read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == ["about", "grades", "findings", "matches"]


def test_xlsx_onto_a_terminal_is_refused_before_any_work(store_dir):
    """A real terminal as stdout: xlsx without --output exits 2 with one line saying to
    use --output or a redirect, and writes nothing to the terminal."""
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    try:
        args = ["compare", "south-west", "west-midlands", "--format", "xlsx"]
        proc = subprocess.run(
            [sys.executable, "-m", "compare", *args, "--store", str(store_dir)],
            stdout=secondary,
            stderr=subprocess.PIPE,
            timeout=60,
        )
        os.set_blocking(primary, False)
        try:
            shown = os.read(primary, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(primary)
        os.close(secondary)
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and "--output" in proc.stderr.decode()
    assert shown == b""
