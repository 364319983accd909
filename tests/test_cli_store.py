"""CLI over the store: list, show, history, verify, validate; exit codes and streams."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import model
from compare.cli import cli
from compare.store import Store
from tests.factories import make_snapshot


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def store_dir(tmp_path):
    store = Store(tmp_path / "s")
    store.save(make_snapshot(published="2023-01-10"), raw=b"press release text")
    store.save(make_snapshot(), raw=b"press release text")
    store.save(make_snapshot(grades={"south-west-rocu": "good"}, raw=b"b"), raw=b"b")
    return tmp_path / "s"


def test_help_lists_the_commands(runner):
    """`inspdiff --help` names every command, and -h works too."""
    result = runner.invoke(cli, ["-h"])
    assert result.exit_code == 0
    for name in ("list", "show", "history", "verify", "validate"):
        assert f"  {name} " in result.output


def test_version_prints_the_package_version(runner):
    """`inspdiff --version` prints the version and exits 0."""
    from compare import __version__

    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_list_shows_each_inspection_with_version_counts(runner, store_dir):
    """`list --store` prints one row per inspection with its number of versions."""
    result = runner.invoke(cli, ["list", "--store", str(store_dir)])
    assert result.exit_code == 0
    assert "soc-regional\tsouth-west\t2023-01-10\t1" in result.stdout
    assert "soc-regional\tsouth-west\t2025-06-12\t2" in result.stdout


def test_store_can_come_from_the_environment(runner, store_dir):
    """INSPDIFF_STORE selects the store when --store is not given."""
    result = runner.invoke(cli, ["list"], env={"INSPDIFF_STORE": str(store_dir)})
    assert "2025-06-12\t2" in result.stdout


def test_show_prints_the_resolved_snapshot_as_json(runner, store_dir):
    """`show REF#v1` prints exactly that version's JSON."""
    result = runner.invoke(cli, ["show", "south-west@2025-06-12#v1", "--store", str(store_dir)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["judgments"][0]["grade"] == "requires improvement"


def test_unknown_ref_is_one_line_on_stderr_with_exit_2(runner, store_dir):
    """An unknown subject exits 2 with one line listing the subjects that exist."""
    result = runner.invoke(cli, ["show", "narnia", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "subjects in the store: south-west" in result.stderr


def test_history_lists_every_version_with_its_kind(runner, store_dir):
    """`history` shows each inspection's versions, oldest first, with why they exist."""
    result = runner.invoke(cli, ["history", "south-west", "--store", str(store_dir)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()[1:]
    assert [line.split("\t")[:3] for line in lines] == [
        ["2023-01-10", "v1", "new-inspection"],
        ["2025-06-12", "v1", "new-inspection"],
        ["2025-06-12", "v2", "correction"],
    ]


def test_verify_exits_0_when_clean_and_1_naming_an_edited_file(runner, store_dir):
    """Hand-editing one grade flips verify from 0 to 1 and names the file on stderr."""
    ok = runner.invoke(cli, ["verify", "--store", str(store_dir)])
    assert ok.exit_code == 0 and "3 version(s) intact" in ok.stdout
    path = store_dir / "soc-regional" / "south-west" / "2023-01-10" / "v1.json"
    path.write_text(path.read_text().replace("requires improvement", "good"))
    bad = runner.invoke(cli, ["verify", "--store", str(store_dir)])
    assert bad.exit_code == 1
    assert str(path) in bad.stderr


def test_validate_reports_one_line_per_invalid_file(runner, tmp_path):
    """`validate` exits 0 for valid files and 2 with one line per invalid one."""
    good = tmp_path / "good.json"
    good.write_bytes(model.to_json(make_snapshot()))
    broken = tmp_path / "broken.json"
    data = json.loads(good.read_text())
    data["judgments"][0]["grade"] = "requires improvements"
    broken.write_text(json.dumps(data))
    dup = tmp_path / "dup.json"
    dup.write_text('{"schema": 1, "schema": 1}')
    assert runner.invoke(cli, ["validate", str(good)]).exit_code == 0
    result = runner.invoke(cli, ["validate", str(good), str(broken), str(dup), "missing.json"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{broken}: judgments[0].grade: 'requires improvements'")
    assert "duplicate key 'schema'" in lines[1]
    assert lines[2] == "missing.json: no such file"


def test_validate_names_the_wrong_file_in_the_users_words(runner, tmp_path, store_dir):
    """An empty file says "empty"; a store's manifest passed as a snapshot says it is a
    manifest; a list or a string is "not a snapshot" (not a decoder's field message)."""
    manifest = next(store_dir.rglob("manifest.json"))
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "blank.json").write_text("  \n")
    (tmp_path / "list.json").write_text("[]")
    (tmp_path / "word.yaml").write_text("hello\n")
    files = [
        manifest,
        *(tmp_path / n for n in ("empty.yaml", "blank.json", "list.json", "word.yaml")),
    ]
    result = runner.invoke(cli, ["validate", *map(str, files)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{manifest}: this is an inspection's manifest, not a snapshot"
        " (validate a version file beside it, such as v1.json)",
        f"{tmp_path / 'empty.yaml'}: empty file (a snapshot is a JSON or YAML object)",
        f"{tmp_path / 'blank.json'}: empty file (a snapshot is a JSON or YAML object)",
        f"{tmp_path / 'list.json'}: not a snapshot: the file holds a list, not an object",
        f"{tmp_path / 'word.yaml'}: not a snapshot: the file holds a string, not an object",
    ]


def test_validate_accepts_yaml_without_type_guessing(runner, tmp_path):
    """A hand-written YAML snapshot validates; `title: no` stays a string, not False."""
    import yaml

    data = json.loads(model.to_json(make_snapshot()))
    text = yaml.safe_dump(data).replace("title: An inspection", "title: no")
    path = tmp_path / "s.yaml"
    path.write_text(text)
    assert runner.invoke(cli, ["validate", str(path)]).exit_code == 0
    assert (
        model.from_builtins(
            __import__("compare.yamlio").yamlio.load_text(text, "s"), "s"
        ).inspection.title
        == "no"
    )


def test_python_dash_m_compare_works():
    """`python -m compare --version` runs the same CLI."""
    out = subprocess.run(
        [sys.executable, "-m", "compare", "--version"], capture_output=True, text=True, check=True
    )
    assert "inspdiff" in out.stdout


def test_help_and_version_import_no_heavy_modules():
    """--help and --version load none of pandas, deepdiff, jinja2, rapidfuzz, lxml, selectolax."""
    code = (
        "import sys\n"
        "from compare.cli import cli\n"
        "for args in (['--help'], ['--version'], ['verify', '--help']):\n"
        "    try:\n"
        "        cli(args, prog_name='inspdiff')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'pandas', 'deepdiff', 'jinja2', 'rapidfuzz', 'lxml', 'selectolax'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_markdown_compare_imports_no_template_engine_or_dataframes():
    """`inspdiff compare` (Markdown, the main job) loads neither jinja2 nor pandas nor
    deepdiff: its start-up is a benchmarked target (4x a script that only loads the files)."""
    code = (
        "import sys\n"
        "from compare.cli import cli\n"
        "try:\n"
        "    cli(['compare', 'south-west', 'west-midlands'], prog_name='inspdiff')\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "heavy = {'pandas', 'deepdiff', 'jinja2', 'lxml', 'selectolax'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={**os.environ, "INSPDIFF_STORE": str(root / "snapshots")},
    )
    assert "## Shared findings" in out.stdout  # the report was really written
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "args",
    [["list"], ["verify"], ["show", "x"], ["history", "x"], ["compare", "a", "b"],
     ["report", "national"], ["report", "body", "x"]],
)  # fmt: skip
def test_a_missing_store_is_an_error_for_every_command(runner, tmp_path, args):
    """A mistyped --store exits 2 with one line, never 1 ("damaged") or 0 ("empty")."""
    missing = tmp_path / "nowhere"
    result = runner.invoke(cli, [*args, "--store", str(missing)])
    assert result.exit_code == 2, result.output
    assert (
        result.stderr == f"Error: the store {missing} does not exist "
        "(give --store DIR or set INSPDIFF_STORE)\n"
    )


def test_store_and_debug_work_before_and_after_the_command(runner, store_dir, tmp_path):
    """`inspdiff --store DIR list` and `inspdiff list --store DIR` are the same; after wins."""
    after = runner.invoke(cli, ["list", "--store", str(store_dir)])
    before = runner.invoke(cli, ["--store", str(store_dir), "list"])
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output and "south-west" in before.output
    both = runner.invoke(cli, ["--store", str(tmp_path / "no"), "list", "--store", str(store_dir)])
    assert both.output == after.output
    for args in (["--debug", "show", "nope"], ["show", "nope", "--debug"]):
        result = runner.invoke(cli, [*args, "--store", str(store_dir)])
        assert type(result.exception).__name__ == "SnapshotNotFound", args  # a traceback
    plain = runner.invoke(cli, ["show", "nope", "--store", str(store_dir)])
    assert plain.exit_code == 2 and plain.stderr.startswith("Error: no snapshot matches")


def test_the_store_comes_from_the_environment_when_not_given(runner, store_dir):
    result = runner.invoke(cli, ["list"], env={"INSPDIFF_STORE": str(store_dir)})
    assert result.exit_code == 0 and "south-west" in result.output
