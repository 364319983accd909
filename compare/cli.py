"""The command line: thin click commands that call one library function each.

This module is the only place that prints or exits. Library errors (InspdiffError) are
translated once, in InspdiffGroup.invoke, into one line on stderr and exit code 2.
Exit codes: 0 done; 1 a --fail-on rule matched or verify found a problem; 2 error.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from compare import __version__
from compare.errors import InspdiffError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class InspdiffGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InspdiffError as err:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {err}", err=True)
            ctx.exit(2)
        except OSError as err:
            if ctx.params.get("debug"):
                raise
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"Error: {where}{err.strerror or err}", err=True)
            ctx.exit(2)


def store_option(func):
    """``--store DIR`` on every command that reads or writes the store."""

    @click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="INSPDIFF_STORE",
        default="snapshots",
        show_default=True,
        help="Snapshot store directory (env INSPDIFF_STORE).",
    )
    @functools.wraps(func)
    def wrapper(*args, store_dir: Path, **kwargs):
        from compare.store import Store

        return func(*args, store=Store(store_dir), **kwargs)

    return wrapper


@click.group(cls=InspdiffGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="inspdiff")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Turn police inspection publications into versioned snapshots and report what changed.

    \b
    Example:
      inspdiff ingest press-release.txt --published 2025-06-12
      inspdiff compare south-west west-midlands
    """


@cli.command("list")
@store_option
def list_(store) -> None:
    """List every inspection in the store with its versions.

    \b
    Example:
      inspdiff list --store snapshots
    """
    entries = store.inspections()
    if not entries:
        click.echo(f"The store {store.root} holds no snapshots.")
        return
    click.echo("programme\tsubject\tpublished\tversions")
    for e in entries:
        click.echo(f"{e.programme}\t{e.subject}\t{e.published}\t{len(e.versions)}")


@cli.command()
@click.argument("ref")
@store_option
def show(ref: str, store) -> None:
    """Print one snapshot as JSON.

    REF is SUBJECT (latest inspection), SUBJECT@YYYY-MM-DD, SUBJECT@previous, any of these
    with #vN, or a path to a snapshot file.

    \b
    Example:
      inspdiff show south-west@2025-06-12#v1
    """
    from compare import model

    click.echo(model.to_json(store.resolve(ref)).decode("utf-8"), nl=False)


@cli.command()
@click.argument("subject")
@store_option
def history(subject: str, store) -> None:
    """List a subject's inspections, each version, and its grades.

    \b
    Example:
      inspdiff history south-west
    """
    rows = store.subject_history(subject)
    click.echo("published\tversion\tkind\tsource\tgrades")
    for r in rows:
        grades = "; ".join(f"{body} {grade}" for body, grade in r.grades)
        click.echo(f"{r.published}\tv{r.version}\t{r.kind}\t{r.source[:12]}\t{grades}")


@cli.command()
@store_option
def verify(store) -> None:
    """Recompute every hash and predecessor link in the store.

    Exit 0 when the store is intact, 1 naming each file that was edited, truncated,
    removed, added or swapped.

    \b
    Example:
      inspdiff verify --store snapshots
    """
    problems = store.verify()
    for p in problems:
        click.echo(str(p), err=True)
    if problems:
        click.echo(f"verify: {len(problems)} problem(s) in {store.root}", err=True)
        sys.exit(1)
    count = sum(len(e.versions) for e in store.inspections())
    click.echo(f"verify: {count} version(s) intact in {store.root}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check that each FILE is a valid snapshot (JSON or YAML).

    Exit 0 when all are valid, else 2 with one line per invalid file.

    \b
    Example:
      inspdiff validate snapshots/soc-regional/south-west/2025-06-12/v1.json
    """
    from compare.store import validate_files

    failures = validate_files(files)
    for line in failures:
        click.echo(line, err=True)
    if failures:
        sys.exit(2)
    click.echo(f"{len(files)} valid snapshot file(s)")


def main() -> None:
    cli(prog_name="inspdiff")
