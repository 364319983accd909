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
from compare import render as render_door  # the format table only: renderers load on use
from compare.errors import InspdiffError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.meta.get("inspdiff.debug"))


def _set_debug(ctx: click.Context, _param, value: bool) -> None:
    # ctx.meta is shared by every context of one invocation: "--debug" before or after the
    # command name lands in the same place.
    if value:
        ctx.meta["inspdiff.debug"] = True


_DEBUG_HELP = "Show tracebacks instead of one-line errors."
_STORE_HELP = "Snapshot store directory (env INSPDIFF_STORE; default: snapshots)."


def _debug_param() -> click.Option:
    return click.Option(
        ["--debug"], is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
        help=_DEBUG_HELP,
    )  # fmt: skip


class InspdiffCommand(click.Command):
    """Every command takes ``--debug`` after its name too, as git and docker users type it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_debug_param())


class InspdiffGroup(click.Group):
    command_class = InspdiffCommand

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InspdiffError as err:
            if _debug(ctx):
                raise
            click.echo(f"Error: {err}", err=True)
            ctx.exit(2)
        except OSError as err:
            if _debug(ctx):
                raise
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"Error: {where}{err.strerror or err}", err=True)
            ctx.exit(2)


# Subgroups (``report``) are InspdiffGroups too, so their commands get --debug as well.
InspdiffGroup.group_class = InspdiffGroup


def _store_param(ctx: click.Context, _param, value: Path | None) -> None:
    if value is not None:
        ctx.meta["inspdiff.store"] = value


def store_option(func):
    """``--store DIR`` on every command that reads or writes the store; also accepted before
    the command name (``inspdiff --store DIR list``). After the name wins, then before it,
    then INSPDIFF_STORE, then ./snapshots."""

    @click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help=_STORE_HELP,
    )
    @functools.wraps(func)
    def wrapper(*args, store_dir: Path | None, **kwargs):
        import os

        from compare.store import Store

        ctx = click.get_current_context()
        chosen = store_dir or ctx.meta.get("inspdiff.store")
        chosen = chosen or Path(os.environ.get("INSPDIFF_STORE") or "snapshots")
        return func(*args, store=Store(chosen), **kwargs)

    return wrapper


@click.group(cls=InspdiffGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="inspdiff")
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    expose_value=False,
    callback=_store_param,
    help=_STORE_HELP,
)
def cli() -> None:
    """Turn police inspection publications into versioned snapshots and report what changed.

    \b
    Example:
      inspdiff ingest press-release.txt --published 2025-06-12
      inspdiff compare south-west west-midlands
    """


# The same --debug before the command name as after it.
cli.params.append(_debug_param())


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
        if r.partial:
            grades += f" (partial: {r.partial})"
        click.echo(f"{r.published}\tv{r.version}\t{r.kind}\t{r.source[:12]}\t{grades}")


@cli.command()
@store_option
@click.option(
    "--since",
    metavar="REV",
    help="Also fail when a commit since git revision REV modified, renamed or deleted an "
    "existing version, raw source or manifest instead of adding a new version.",
)
def verify(store, since: str | None) -> None:
    """Recompute every hash and predecessor link in the store.

    Exit 0 when the store is intact, 1 naming each file that was edited, truncated,
    removed, added or swapped (with --since, also each existing file changed in git).

    \b
    Example:
      inspdiff verify --store snapshots
      inspdiff verify --since origin/main
    """
    problems = store.verify()
    if since is not None:
        from compare.changes import append_only_violations

        problems = [*problems, *append_only_violations(store, since)]
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


def _save_many(store, results, report, failed: list[str]) -> None:
    """Save a chunk of a batch with one group commit; if the commit fails, save one by one
    so each failure is reported against its own source."""
    if not results:
        return
    try:
        saved = store.save_batch([(r.snapshot, r.raw, r.media) for r in results])
    except InspdiffError:
        for r in results:
            try:
                report(store.save(r.snapshot, raw=r.raw, media=r.media))
            except InspdiffError as err:
                failed.append(f"{r.origin}: {err}")
        return
    for s in saved:
        report(s)


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date, for a text that has none (overrides the text's date).",
)
@click.option("--subject", metavar="ID", help="Region or force id (overrides detection).")
@click.option(
    "--programme", metavar="ID", help="Programme id, e.g. soc-regional, peel (overrides detection)."
)
@click.option(
    "--scale",
    type=click.Choice(["5-point", "4-point"]),
    help="Grade scale (default: from the date and grades).",
)
@click.option("--allow-ungraded", is_flag=True, help="Keep a publication with no graded judgment.")
@click.option("--dry-run", is_flag=True, help="Print each snapshot as JSON and write nothing.")
@store_option
def ingest(
    sources: tuple[str, ...],
    published: str | None,
    subject: str | None,
    programme: str | None,
    scale: str | None,
    allow_ungraded: bool,
    dry_run: bool,
    store,
) -> None:
    """Read publications into versioned snapshots in the store.

    SOURCE is a text file, an HTML file, an http(s) URL, or a folder (its .txt, .text, .md,
    .html and .htm files, recursively; files of other types are skipped and counted). A file
    of another type, or whose content is PDF, Word, JSON or an image, is refused. A batch
    carries on past a bad source, ends with a summary, and exits 2 if any source failed.
    Saving unchanged content writes nothing.

    \b
    Example:
      inspdiff ingest release.txt --published 2025-06-12
      inspdiff ingest publications/ --dry-run
    """
    import contextlib

    from compare import model
    from compare.ingest import ingest_one, iter_sources

    options = {
        "published": published,
        "subject": subject,
        "programme": programme,
        "scale": scale,
        "allow_ungraded": allow_ungraded,
    }
    targets: list[str] = []
    failed: list[str] = []
    skipped: list[str] = []
    for source in sources:
        try:
            targets.extend(iter_sources([source], skipped))
        except InspdiffError as err:
            failed.append(str(err))
    counts = {"ingested": 0, "new": 0, "unchanged": 0}
    bar = len(targets) > 1 and sys.stderr.isatty()

    def report(saved) -> None:
        counts["ingested"] += 1
        counts[saved.status] += 1
        if not bar:
            click.echo(f"{saved.status}\t{saved.kind}\tv{saved.version}\t{saved.path}")

    if len(targets) == 1:
        try:
            result = ingest_one(targets[0], **options)
            if dry_run:
                click.echo(model.to_json(result.snapshot).decode("utf-8"), nl=False)
                counts["ingested"] += 1
            else:
                report(store.save(result.snapshot, raw=result.raw, media=result.media))
        except InspdiffError as err:
            message = str(err)
            failed.append(message if targets[0] in message else f"{targets[0]}: {message}")
    elif targets:
        from compare.ingest.parallel import extract_all

        progress = (
            click.progressbar(length=len(targets), label="Ingesting", file=sys.stderr)
            if bar
            else contextlib.nullcontext()
        )
        good: list = []  # extracted, to be saved together (one group commit per 256)
        with progress as meter:
            for outcomes in extract_all(targets, **options):
                for o in outcomes:
                    if o.error is not None:
                        message = str(o.error)
                        failed.append(message if o.origin in message else f"{o.origin}: {message}")
                    elif dry_run:
                        click.echo(model.to_json(o.result.snapshot).decode("utf-8"), nl=False)
                        counts["ingested"] += 1
                    else:
                        good.append(o.result)
                if len(good) >= 256:
                    _save_many(store, good, report, failed)
                    good = []
                if meter is not None:
                    meter.update(len(outcomes))
            _save_many(store, good, report, failed)
    for path in skipped:
        click.echo(f"skipped: {path}: unsupported file type", err=True)
    for message in failed:
        click.echo(f"failed: {message}", err=True)
    summary = (
        f"ingested {counts['ingested']}, new versions {counts['new']}, "
        f"unchanged {counts['unchanged']}, failed {len(failed)}"
    )
    if skipped:
        summary += f", skipped {len(skipped)} (unsupported file type)"
    click.echo(summary, err=dry_run)
    if failed:
        sys.exit(2)


@cli.command()
@click.option("--since", required=True, metavar="REV", help="Git revision to compare from.")
@click.option(
    "--until",
    metavar="REV",
    help="Git revision to compare to (default: the working tree, untracked files included).",
)
@store_option
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default="reports/changes",
    show_default=True,
    help="Directory for the combined report and one report per new version.",
)
@click.option(
    "--format",
    "formats",
    default="md,json",
    show_default=True,
    metavar="LIST",
    help="Comma list of report formats: md, json, html.",
)
@click.option(
    "--fail-on",
    "fail_on",
    default="",
    metavar="LIST",
    help="Comma list of decline, inadequate, any-change: exit 1 when one matches a new "
    "version (never a re-extraction).",
)
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    help='Also write Markdown trimmed under 1 MiB, e.g. "$GITHUB_STEP_SUMMARY".',
)
@click.option(
    "--comment",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a pull-request comment body trimmed under 65,536 characters.",
)
@click.option(
    "--artifact",
    default="inspdiff-reports",
    show_default=True,
    help="Artifact name that trimmed outputs point to for the full report.",
)
def changes(
    since: str,
    until: str | None,
    store,
    output: Path,
    formats: str,
    fail_on: str,
    summary: Path | None,
    comment: Path | None,
    artifact: str,
) -> None:
    """Report what the snapshot versions added in git since REV changed.

    Each new version is compared with the previous version of its inspection, or else with
    the previous inspection of its subject, and labelled new publication, back-dated
    import, correction, re-extraction or amendment. Exit 0 when the reports were written
    (even with nothing new), 1 only when a --fail-on rule matched, 2 on error.

    \b
    Example:
      inspdiff changes --since HEAD~1
      inspdiff changes --since origin/main --fail-on decline --summary "$GITHUB_STEP_SUMMARY"
    """
    from compare import io
    from compare.changes import changes as find_changes
    from compare.changes import report as rep
    from compare.engine import check_rules

    wanted = rep.check_formats(formats.split(","))
    rules = fail_on.split(",")
    check_rules(rules)
    found = find_changes(store, since, until)
    triggers = rep.fail_on(found, rules)
    rep.write(found, output, wanted, triggers)
    if summary is not None:
        text = rep.summary(found, triggers, artifact=artifact)
        io.write_atomic(summary, text.encode("utf-8"))
    if comment is not None:
        io.write_atomic(comment, rep.comment(found, triggers, artifact=artifact).encode("utf-8"))
    for item in found.inspections:
        against = item.baseline.ref if item.baseline is not None else "nothing earlier"
        click.echo(f"{item.kind.value}\t{item.ref}\tcompared with {against}")
    count = len(found.inspections)
    click.echo(
        f"changes: {count} new version(s) from {since} to {found.until_label}; reports in {output}"
    )
    for t in triggers:
        click.echo(t.line, err=True)
    if triggers:
        sys.exit(1)


@cli.command("compare")
@click.argument("a", metavar="A")
@click.argument("b", metavar="[B]", required=False)
@click.option(
    "--previous", is_flag=True, help="Compare subject A's previous inspection with its latest."
)
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(render_door.formats("ChangeSet")),
    default="md",
    show_default=True,
    help="Report format: md, json, html, csv (one row per grade and per finding) or xlsx "
    "(a workbook: grades, findings, matches; binary, so --output or a redirected stdout).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to PATH (atomically) instead of stdout.",
)
@click.option(
    "--fail-on",
    "fail_on",
    default="",
    metavar="LIST",
    help="Comma list of decline, inadequate, any-change: exit 1 when one matches "
    "(the report is still written).",
)
def compare_(
    a: str, b: str | None, previous: bool, store, fmt: str, output: Path | None, fail_on: str
) -> None:
    """Compare two snapshots: two regions, two inspections of a subject, or two versions.

    A and B are references: SUBJECT (its latest inspection), SUBJECT@YYYY-MM-DD,
    SUBJECT@previous, any of these with #vN, or a path to a snapshot file. The comparison
    follows from them: different subjects side by side; one subject on two dates, what
    changed; one inspection's two versions, field by field. With --previous, A alone is a
    subject whose previous inspection is compared with its latest. Exit 0 when the report
    was produced, 1 when a --fail-on rule matched, 2 on error.

    \b
    Example:
      inspdiff compare south-west west-midlands
      inspdiff compare south-west --previous --fail-on decline
      inspdiff compare south-west@2025-06-12#v1 south-west@2025-06-12#v2 --format json
      inspdiff compare south-west west-midlands --format xlsx --output sw-vs-wm.xlsx
    """
    from compare.api import compare_refs
    from compare.engine import check_rules
    from compare.render import render

    rules = fail_on.split(",")
    check_rules(rules)
    if output is None:
        _check_stdout(fmt)
    changeset = compare_refs(store, a, b, previous=previous)
    data = render(changeset, fmt)
    if output is None:
        _emit(data)
    else:
        from compare import io

        io.make_dirs(output.parent)
        io.write_atomic(output, data.encode("utf-8") if isinstance(data, str) else data)
        click.echo(f"compare: wrote {output}")
    triggers = changeset.triggers(rules)
    for line in triggers:
        click.echo(line, err=True)
    if triggers:
        sys.exit(1)


@cli.group()
def report() -> None:
    """Reports over the whole store: the national overview, or one body's history.

    \b
    Example:
      inspdiff report national --format html --output reports
      inspdiff report body gloucestershire-constabulary --format csv
    """


def _check_stdout(fmt: str) -> None:
    """Refuse a binary format on a terminal before any work is done, as curl does: the
    bytes would garble the screen and help no one. Piped or redirected, they flow."""
    if fmt in render_door.BINARY and click.get_binary_stream("stdout").isatty():
        raise InspdiffError(
            f"{fmt} is a binary format: give --output, or redirect stdout to a file "
            f"(> report.{fmt})"
        )


def _emit(data: str | bytes) -> None:
    """A rendered report onto stdout: text as text, a binary format's bytes unchanged."""
    if isinstance(data, bytes):
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
    else:
        click.echo(data, nl=False)


def report_options(func):
    """``--format`` and ``--output DIR`` of every ``report`` command."""
    func = click.option(
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory to write the report into (created if missing); default: stdout.",
    )(func)
    return click.option(
        "--format",
        "fmt",
        # National and body reports offer the same formats.
        type=click.Choice(render_door.formats("NationalReport")),
        default="md",
        show_default=True,
        help="md, html (one self-contained page with charts), json, csv (one row per body, "
        "area and inspection, and per finding) or xlsx (a workbook; binary, so --output or "
        "a redirected stdout).",
    )(func)


def _emit_report(obj, fmt: str, output: Path | None, stem: str) -> None:
    from compare.render import reports

    data = reports.render(obj, fmt)
    if output is None:
        _emit(data)
    else:
        click.echo(f"report: wrote {reports.write(data, output, stem, fmt)}")


@report.command("national")
@store_option
@report_options
def report_national(store, fmt: str, output: Path | None) -> None:
    """Every body's latest grades, region grade mix, movements and recurring findings.

    Written to OUTPUT/national.FORMAT with --output.

    \b
    Example:
      inspdiff report national --format html --output reports
    """
    from compare.engine.national import collect

    if output is None:
        _check_stdout(fmt)
    _emit_report(collect(store), fmt, output, "national")


@report.command("body")
@click.argument("body_id", metavar="ID")
@store_option
@report_options
def report_body(body_id: str, store, fmt: str, output: Path | None) -> None:
    """One body's inspections, grade by area over time and its findings' lifecycle.

    ID is a registry id (a force, ROCU or region). Written to OUTPUT/body-ID.FORMAT with
    --output.

    \b
    Example:
      inspdiff report body south-west-rocu --format html --output reports
    """
    from compare.engine.national import collect_body

    if output is None:
        _check_stdout(fmt)
    _emit_report(collect_body(store, body_id), fmt, output, f"body-{body_id}")


def main() -> None:
    cli(prog_name="inspdiff")
