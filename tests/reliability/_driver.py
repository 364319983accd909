"""Child-process driver for the reliability tests (run as ``python tests/reliability/_driver.py``).

It adds test-only commands to the real ``compare.cli`` group, so errors reach the user
through the same one-place translation (InspdiffGroup) as every real command:

- ``x-save SNAPSHOT RAW --store DIR``: ``Store.save`` one snapshot (JSON file) with its raw
  source: the stand-in for ``inspdiff ingest`` where a test needs exact control of content
  (``--no-rollback``: the negative control for the I/O-error tests);
- ``x-saves WORKER COUNT --store DIR``: COUNT saves of distinct content into one inspection
  (``--no-lock``: the negative control for the concurrency test);
- ``x-read REF STOPFILE --store DIR``: loop ``show REF``, ``list``, ``verify`` and
  ``compare REF#v1 REF`` in-process until STOPFILE exists, then print a JSON summary (reads,
  errors, versions seen; ``--unguarded-verify``: the negative control for verify's lock);
- ``x-hold-lock --store DIR``: take the store's writer lock, say ``locked``, and sleep.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import click

from compare.cli import cli, store_option


@cli.command("x-save")
@click.argument("snapshot", type=click.Path(path_type=Path))
@click.argument("raw", type=click.Path(path_type=Path))
@click.option("--media", default="txt")
@click.option(
    "--no-rollback", is_flag=True, help="Negative control: skip the undo of a failed save."
)
@store_option
def x_save(snapshot: Path, raw: Path, media: str, no_rollback: bool, store) -> None:
    from compare import model

    if no_rollback:
        type(store)._roll_back = lambda self, directory, undo: None

    snap = model.from_json(snapshot.read_bytes(), str(snapshot))
    result = store.save(snap, raw=raw.read_bytes(), media=media)
    click.echo(f"{result.status}\t{result.kind}\tv{result.version}")


@cli.command("x-saves")
@click.argument("worker", type=int)
@click.argument("count", type=int)
@click.option("--no-lock", is_flag=True, help="Negative control: save without the writer lock.")
@store_option
def x_saves(worker: int, count: int, no_lock: bool, store) -> None:
    import contextlib

    from compare import io
    from tests.factories import make_snapshot

    if no_lock:
        io.locked = lambda directory: contextlib.nullcontext()

    for i in range(count):
        raw = f"worker {worker} save {i}".encode()
        result = store.save(make_snapshot(raw=raw, title=f"w{worker}-{i}"), raw=raw)
        if result.status != "new":
            raise click.ClickException(f"save {i} of worker {worker} was {result.status}")
    click.echo(f"worker {worker}: {count} saves")


@cli.command("x-read")
@click.argument("ref")
@click.argument("stopfile", type=click.Path(path_type=Path))
@click.option(
    "--unguarded-verify",
    is_flag=True,
    help="Negative control: verify without the shared lock and without re-checking.",
)
@store_option
def x_read(ref: str, stopfile: Path, unguarded_verify: bool, store) -> None:
    import contextlib

    from click.testing import CliRunner

    if unguarded_verify:
        from compare import io
        from compare import store as store_module

        io.shared = lambda directory: contextlib.nullcontext()
        store_module._VERIFY_ATTEMPTS = 1

    runner = CliRunner()
    args = ["--store", str(store.root)]
    summary = {
        "reads": 0,
        "compares": 0,
        "verifies": 0,
        "not_yet": 0,
        "errors": [],
        "versions_seen": [],
        "regressions": 0,
    }
    last = 0
    while not stopfile.exists():
        shown = runner.invoke(cli, ["show", ref, *args])
        listed = runner.invoke(cli, ["list", *args])
        summary["reads"] += 1
        if shown.exit_code == 2 and "no snapshot matches" in shown.stderr:
            summary["not_yet"] += 1
        elif shown.exit_code != 0:
            summary["errors"].append(f"show exit {shown.exit_code}: {shown.stderr.strip()}")
        else:
            try:
                version = json.loads(shown.stdout)["version"]
            except (ValueError, KeyError) as err:
                summary["errors"].append(f"show output unparsable: {err}")
                continue
            if version < last:
                summary["regressions"] += 1
            last = max(last, version)
            summary["versions_seen"].append(version)
        if listed.exit_code != 0:
            summary["errors"].append(f"list exit {listed.exit_code}: {listed.stderr.strip()}")
        elif ".tmp-" in listed.stdout:
            summary["errors"].append("list shows a temp file")
        checked = runner.invoke(cli, ["verify", *args])
        summary["verifies"] += 1
        if checked.exit_code != 0 or checked.exception is not None:
            summary["errors"].append(f"verify exit {checked.exit_code}: {checked.output.strip()}")
        if last >= 1:  # compare the first version with the latest, as JSON
            compared = runner.invoke(cli, ["compare", f"{ref}#v1", ref, "--format", "json", *args])
            summary["compares"] += 1
            if compared.exit_code != 0:
                summary["errors"].append(
                    f"compare exit {compared.exit_code}: {compared.stderr.strip()}"
                )
            else:
                try:
                    json.loads(compared.stdout)
                except ValueError as err:
                    summary["errors"].append(f"compare output unparsable: {err}")
    summary["versions_seen"] = sorted(set(summary["versions_seen"]))
    click.echo(json.dumps(summary))


@cli.command("x-hold-lock")
@store_option
def x_hold_lock(store) -> None:
    from compare import io

    with io.locked(store.root):
        click.echo("locked")
        sys.stdout.flush()
        time.sleep(600)


if __name__ == "__main__":
    cli(prog_name="inspdiff-test-driver")
