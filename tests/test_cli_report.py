"""`inspdiff report national` and `inspdiff report body`: formats, files, streams, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from compare.cli import cli
from tests import national_store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("store") / "s"
    national_store.build(root)
    return root


@pytest.fixture
def runner():
    return CliRunner()


def test_report_national_prints_markdown_by_default(runner, store_dir):
    """Without --output the Markdown report goes to stdout, nothing to stderr, exit 0."""
    result = runner.invoke(cli, ["report", "national", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# National overview\n")
    assert "### Moved up" in result.stdout and "▲ +2" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "xlsx"])
def test_report_national_writes_each_format_into_the_output_directory(
    runner, store_dir, tmp_path, fmt
):
    """--output DIR writes DIR/national.FORMAT and names it on stdout."""
    out = tmp_path / "reports"
    args = ["report", "national", "--store", str(store_dir), "--format", fmt, "--output", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    path = out / f"national.{fmt}"
    assert result.stdout == f"report: wrote {path}\n"
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        assert book.sheetnames == ["about", "grades", "findings", "recurring"]
        return
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["schema"] == "inspdiff.national/1"
    elif fmt == "csv":
        df = pd.read_csv(io.StringIO(text))
        assert (df["section"] == "grade").sum() == sum(
            len(s.judgments) for s, _ in national_store.snapshots()
        )
        assert (df["section"] == "finding").sum() > 0
    elif fmt == "html":
        assert "Content-Security-Policy" in text and "<svg" in text


def test_report_national_html_shows_movements_and_recurring_evidence(runner, store_dir):
    """The HTML overview of the 10 x 3 store lists movers and a statement from each region."""
    args = ["report", "national", "--store", str(store_dir), "--format", "html"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0
    page = result.stdout
    assert 'id="moved-up"' in page and 'id="moved-down"' in page
    assert "In 10 regions:" in page
    for region in ("East Midlands", "Wales", "Yorkshire and the Humber"):
        assert f"The {region} region did not have enough analysts" in page


def test_report_body_writes_its_history(runner, store_dir, tmp_path):
    """`report body ID --output DIR` writes DIR/body-ID.html."""
    args = ["report", "body", "dorset-police", "--store", str(store_dir)]
    result = runner.invoke(cli, [*args, "--format", "html", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Dorset Police: inspection history" in (tmp_path / "body-dorset-police.html").read_text()


def test_report_body_of_an_unknown_id_is_one_line_with_exit_2(runner, store_dir):
    """An id no inspection cites exits 2 with one line on stderr, nothing on stdout."""
    result = runner.invoke(cli, ["report", "body", "narnia-police", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "narnia-police" in result.stderr


def test_an_unknown_format_is_a_usage_error(runner, store_dir):
    """--format pdf is refused by click with exit 2 and the valid choices."""
    args = ["report", "national", "--store", str(store_dir), "--format", "pdf"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and "md" in result.stderr and "csv" in result.stderr


def test_help_imports_neither_jinja2_nor_pandas():
    """`inspdiff report national --help` stays lean: no jinja2 or pandas import."""
    code = (
        "import sys\n"
        "from compare.cli import main\n"
        "sys.argv = ['inspdiff', 'report', 'national', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'jinja2' not in sys.modules and 'pandas' not in sys.modules, 'imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
