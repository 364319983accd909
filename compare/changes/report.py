"""The reports of a ChangesReport: one combined report, one file per added version, and
channel-sized Markdown (a GitHub job summary, a pull-request comment) trimmed to fit.

Free text (body names) goes through the Markdown renderer's ``md`` filter; everything
else written here comes from allow-listed alphabets (snapshot refs, ids, dates, grade
words, numbers, file names, hex shas), so nothing a publication says can break a table or
inject a link. Trimming drops whole sections from the end, never part of a table, and
says how many.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import msgspec

from compare import io, model
from compare.changes.find import Baseline, ChangedInspection, ChangesReport, Kind
from compare.engine import GradeChange
from compare.errors import InspdiffError

SCHEMA = "inspdiff.changes/1"
SUMMARY_LIMIT = 1024 * 1024  # bytes: GitHub's limit for one step's job summary
COMMENT_LIMIT = 65536  # characters: GitHub's limit for a pull-request comment body
ARTIFACT = "inspdiff-reports"  # the artifact name the workflow uploads reports/ as
FORMATS = ("md", "json", "html")
COMBINED = "changes"  # the combined report's file stem

# Report file names this module writes; stale ones from an earlier run are removed.
_OWN_FILE = re.compile(
    r"(?:changes|[a-z0-9-]+_[a-z0-9-]+_\d{4}-\d{2}-\d{2}_v[1-9][0-9]*)\.(?:md|json|html)"
)
_SAFE_REV = re.compile(r"[A-Za-z0-9._/~^@{}:+-]{1,80}")
_SAFE_ARTIFACT = re.compile(r"[A-Za-z0-9._-]{1,100}")
_SAFE_PATH = re.compile(r"[A-Za-z0-9._/-]{0,200}")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A --fail-on rule that matched one added version."""

    ref: str
    rule: str
    line: str  # one line for stderr: "south-west@2027-03-01#v1: decline: Dorset Police ..."


def check_formats(formats: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(f.strip() for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise InspdiffError(
            f"unknown --format {', '.join(unknown) or '(none)'} (expected a comma list of: "
            f"{', '.join(FORMATS)})"
        )
    return wanted


def fail_on(report: ChangesReport, rules) -> tuple[Trigger, ...]:
    """The --fail-on rules (decline, inadequate, any-change) each added version matches.

    A re-extraction never matches: it reads the same publication again, so it is never a
    real change. A first inspection of a subject (no baseline) matches ``inadequate`` when
    a body is graded inadequate in it, and ``any-change`` always."""
    from compare.engine import check_rules

    wanted = check_rules(rules)
    out: list[Trigger] = []
    for item in report.inspections:
        if item.kind is Kind.RE_EXTRACTION or not wanted:
            continue
        if item.changeset is not None:
            for line in item.changeset.triggers(wanted):
                rule = line.split(":", 1)[0]
                out.append(Trigger(item.ref, rule, f"{item.ref}: {line}"))
            continue
        if "inadequate" in wanted:
            for j in item.snapshot.judgments:
                if j.grade == "inadequate":
                    out.append(
                        Trigger(
                            item.ref, "inadequate", f"{item.ref}: inadequate: {j.name} ({j.area})"
                        )
                    )
        if "any-change" in wanted:
            out.append(
                Trigger(
                    item.ref,
                    "any-change",
                    f"{item.ref}: any-change: the first inspection of its subject in the store",
                )
            )
    return tuple(out)


# -- text shared by the Markdown and HTML views ---------------------------------------
def _md_code(text: str) -> str:
    # Only for values from allow-listed alphabets (refs, dates, ids, shas): no backticks.
    return f"`{text}`"


def _plain(text: str) -> str:
    return text


def _range_line(report: ChangesReport, code=_md_code) -> str:
    since = code(report.since_commit[:12])
    if _SAFE_REV.fullmatch(report.since) and report.since != report.since_commit:
        since = f"{code(report.since)} ({since})"
    if report.until is None:
        until = "the working tree"
    else:
        until = code((report.until_commit or "")[:12])
        if _SAFE_REV.fullmatch(report.until) and report.until != report.until_commit:
            until = f"{code(report.until)} ({until})"
    store = code(report.store or ".") if _SAFE_PATH.fullmatch(report.store) else "the store"
    return f"Snapshots added to {store} from {since} to {until}"


def _overview(report: ChangesReport, code=_md_code) -> str:
    n = len(report.inspections)
    if not n:
        return f"No new snapshots. {_range_line(report, code)}: none."
    counts = ", ".join(_plural(c, kind.value) for kind, c in report.counts().items())
    return f"{_range_line(report, code)}: {_plural(n, 'new version')} ({counts})."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _refs_by_rule(triggers: tuple[Trigger, ...]) -> dict[str, list[str]]:
    """rule -> the refs that matched it, each once, in report order."""
    out: dict[str, dict[str, None]] = {}
    for t in triggers:
        out.setdefault(t.rule, {})[t.ref] = None
    return {rule: list(refs) for rule, refs in out.items()}


def _rules_by_ref(triggers: tuple[Trigger, ...]) -> dict[str, list[str]]:
    """ref -> the --fail-on rules it matched, each once, in RULES order."""
    out: dict[str, list[str]] = {}
    for t in triggers:
        rules = out.setdefault(t.ref, [])
        if t.rule not in rules:
            rules.append(t.rule)
    return out


def _baseline_line(item: ChangedInspection, code=_md_code) -> str:
    if item.baseline is None:
        subject = code(item.snapshot.inspection.subject)
        first = f"The first inspection of {subject} in the store"
        if item.kind is Kind.BACK_DATED:
            return (
                f"{first}, published before {code(item.newest_held or '')}, the newest one "
                "already held (a back-dated import): nothing earlier to compare it with."
            )
        return f"{first}: nothing earlier to compare it with."
    what = "version" if item.baseline_kind is Baseline.PREVIOUS_VERSION else "inspection"
    line = f"Compared with the previous {what}, {code(item.baseline.ref)}."
    if item.kind is Kind.BACK_DATED:
        line += (
            f" Back-dated: published before {code(item.newest_held or '')}, the newest "
            "inspection already held, so it adds history rather than news."
        )
    if item.kind is Kind.RE_EXTRACTION:
        line += " Same source read by a newer extractor: not a real change."
    return line


def _moved(item: ChangedInspection) -> tuple[list[GradeChange], int]:
    """The grade changes that are not 'unchanged', and how many are."""
    if item.changeset is None:
        return [], 0
    changes = item.changeset.grade_changes
    moved = [c for c in changes if c.status not in ("unchanged", "ungraded")]
    return moved, len(changes) - len(moved)


def _grades(item: ChangedInspection) -> list[tuple[str, str, str | None]]:
    """(body name, area label, grade) of a version with no baseline."""
    from compare import registry
    from compare.engine.cite import label

    names = registry.load()
    return [
        (names.name_of(j.body) if j.body in names.bodies else j.name, label(j.area), j.grade)
        for j in item.snapshot.judgments
    ]


def _facts(item: ChangedInspection) -> list[str]:
    """Short plain sentences: how many grades stayed, findings by fate, field changes."""
    cs = item.changeset
    if cs is None:
        return [f"{_plural(len(item.snapshot.findings), 'finding')}."]
    moved, same = _moved(item)
    facts = [f"{_plural(same, 'grade')} unchanged." if moved else "No grade changed."]
    counts = Counter(c.status for c in cs.finding_changes)
    if counts:
        listed = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        facts.append(f"Findings: {listed}.")
    if cs.field_changes:
        facts.append(f"{_plural(len(cs.field_changes), 'field change')}.")
    return facts


# -- Markdown ----------------------------------------------------------------------------
def _head(report: ChangesReport, triggers: tuple[Trigger, ...]) -> str:
    lines = ["# Snapshot changes", "", _overview(report)]
    if triggers:
        lines.append("")
        for rule, refs in _refs_by_rule(triggers).items():
            shown = refs[:10]
            more = len(refs) - len(shown)
            tail = f" and {more} more" if more else ""
            listed = ", ".join(f"`{r}`" for r in shown)
            lines.append(f"- **--fail-on {rule} matched** in {listed}{tail}.")
    return "\n".join(lines) + "\n"


def _grade_table(item: ChangedInspection) -> list[str]:
    """Rows for the grades that moved (or, with no baseline, every grade)."""
    from compare.engine.cite import label
    from compare.render.markdown import md

    if item.changeset is None:
        grades = _grades(item)
        if not grades:
            return []
        rows = ["| Body | Area | Grade |", "|---|---|---|"]
        for name, area, grade in grades:
            rows.append(f"| {md(name)} | {md(area)} | {md(grade or 'not graded')} |")
        return rows
    moved, _ = _moved(item)
    if not moved:
        return []
    rows = ["| Body | Area | Change | Direction |", "|---|---|---|---|"]
    for c in moved:
        cells = (md(c.name), md(c.area_label), md(c.text), md(label(c.status)))
        rows.append(f"| {' | '.join(cells)} |")
    return rows


def _section(item: ChangedInspection, matched: list[str], files: dict[str, str]) -> str:
    lines = [f"## `{item.ref}`: {item.kind.value}", "", _baseline_line(item), ""]
    table = _grade_table(item)
    if table:
        lines += [*table, ""]
    facts = _facts(item)
    if matched:
        facts.append(f"**Matched --fail-on {', '.join(matched)}.**")
    if files.get(item.ref):
        facts.append(f"Full report: `{files[item.ref]}`.")
    lines.append(" ".join(facts))
    return "\n".join(lines) + "\n"


def _sections(report: ChangesReport, triggers: tuple[Trigger, ...], files: dict[str, str]):
    matched = _rules_by_ref(triggers)
    return [_section(i, matched.get(i.ref, []), files) for i in report.inspections]


def markdown(
    report: ChangesReport, triggers: tuple[Trigger, ...] = (), files: dict[str, str] | None = None
) -> str:
    """The whole combined report, untrimmed. ``files``: ref -> its own report's file name."""
    parts = [_head(report, triggers), *_sections(report, triggers, files or {})]
    return "\n".join(parts)


# -- HTML --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HtmlItem:
    ref: str
    kind: str
    context: str
    changes: tuple[GradeChange, ...]
    grades: tuple[tuple[str, str, str | None], ...]
    facts: str
    matched: tuple[str, ...]
    file: str | None


@dataclass(frozen=True, slots=True)
class HtmlView:
    """What ``changes.html.j2`` shows: plain values, computed here, escaped by jinja2."""

    title: str
    summary: str
    fail_on: tuple[tuple[str, tuple[str, ...]], ...]
    items: tuple[HtmlItem, ...]


def html(
    report: ChangesReport,
    triggers: tuple[Trigger, ...] = (),
    files: dict[str, str] | None = None,
    *,
    summary: str | None = None,
) -> str:
    """The combined report as one self-contained HTML page (the renderer's layout)."""
    from compare.render.html import environment

    files = files or {}
    matched = _rules_by_ref(triggers)
    items = tuple(
        HtmlItem(
            ref=i.ref,
            kind=i.kind.value,
            context=_baseline_line(i, _plain),
            changes=tuple(_moved(i)[0]),
            grades=tuple(_grades(i)) if i.changeset is None else (),
            facts=" ".join(_facts(i)),
            matched=tuple(matched.get(i.ref, ())),
            file=files.get(i.ref),
        )
        for i in report.inspections
    )
    view = HtmlView(
        title="Snapshot changes",
        summary=summary if summary is not None else _overview(report, _plain),
        fail_on=tuple((rule, tuple(refs)) for rule, refs in _refs_by_rule(triggers).items()),
        items=items,
    )
    template = environment().get_template("changes.html.j2")
    return template.render(report=view, charts={}, generated=None)


def fit(head: str, sections: list[str], *, limit: int, measure, artifact: str = ARTIFACT) -> str:
    """``head`` and as many whole ``sections`` as fit, in order, strictly under ``limit``
    (as ``measure`` counts), then a line saying how many were left out and where the
    full report is. ``measure`` must add up over concatenation (characters, or UTF-8
    bytes), so each piece is measured once."""
    if not _SAFE_ARTIFACT.fullmatch(artifact):
        raise InspdiffError(
            f"{artifact!r} is not an artifact name (letters, digits, '.', '_' and '-')"
        )

    def footer(left: int) -> str:
        if not left:
            return ""
        return (
            f"\n… {_plural(left, 'more inspection')} not shown "
            f"({len(sections) - left} of {len(sections)} shown); "
            f"the full report is in the `{artifact}` artifact.\n"
        )

    if measure(head + footer(len(sections))) >= limit:
        raise InspdiffError(f"a limit of {limit} leaves no room for the report's head")
    parts, size = [head], measure(head)
    for i, section in enumerate(sections):
        piece = f"\n{section}"
        grown = size + measure(piece)
        if grown + measure(footer(len(sections) - i - 1)) >= limit:
            return "".join(parts) + footer(len(sections) - i)
        parts.append(piece)
        size = grown
    return "".join(parts)


def summary(
    report: ChangesReport,
    triggers: tuple[Trigger, ...] = (),
    *,
    limit: int = SUMMARY_LIMIT,
    artifact: str = ARTIFACT,
) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: under ``limit`` bytes of UTF-8."""
    return _fitted(report, triggers, limit, lambda s: len(s.encode("utf-8")), artifact)


def comment(
    report: ChangesReport,
    triggers: tuple[Trigger, ...] = (),
    *,
    limit: int = COMMENT_LIMIT,
    artifact: str = ARTIFACT,
) -> str:
    """A pull-request comment body: under ``limit`` characters."""
    return _fitted(report, triggers, limit, len, artifact)


def _fitted(report: ChangesReport, triggers, limit: int, measure, artifact: str) -> str:
    """The report's Markdown, whole sections dropped from the end until it fits."""
    return fit(
        _head(report, triggers),
        _sections(report, triggers, {}),
        limit=limit,
        measure=measure,
        artifact=artifact,
    )


# -- JSON --------------------------------------------------------------------------------
def _item_json(item: ChangedInspection, matched: list[str], file: str | None):
    i = item.snapshot.inspection
    return {
        "ref": item.ref,
        "path": item.path,
        "programme": i.programme,
        "subject": i.subject,
        "published": i.published,
        "version": item.version,
        "kind": item.kind.value,
        "baseline": item.baseline.ref if item.baseline is not None else None,
        "baseline_kind": item.baseline_kind.value if item.baseline_kind else None,
        "newest_held": item.newest_held,
        "fail_on": matched,
        "report": file,
        "changeset": msgspec.to_builtins(item.changeset) if item.changeset is not None else None,
        "snapshot": model.to_builtins(item.snapshot) if item.changeset is None else None,
    }


def to_json(
    report: ChangesReport, triggers: tuple[Trigger, ...] = (), files: dict[str, str] | None = None
) -> bytes:
    files = files or {}
    matched = _rules_by_ref(triggers)
    doc = {
        "schema": SCHEMA,
        "store": report.store,
        "since": {"rev": report.since, "commit": report.since_commit},
        "until": {"rev": report.until, "commit": report.until_commit},
        "counts": {k.value: n for k, n in report.counts().items()},
        "fail_on": [t.line for t in triggers],
        "inspections": [
            _item_json(i, matched.get(i.ref, []), files.get(i.ref)) for i in report.inspections
        ],
    }
    return msgspec.json.format(msgspec.json.encode(doc), indent=2) + b"\n"


# -- files -------------------------------------------------------------------------------
def _own_report(item: ChangedInspection, fmt: str, matched: list[str]) -> bytes:
    if fmt == "json":
        doc = _item_json(item, matched, None)
        return msgspec.json.format(msgspec.json.encode(doc), indent=2) + b"\n"
    if item.changeset is None:
        if fmt == "html":
            one = ChangesReport("", "", "", None, None, (item,))
            triggers = tuple(Trigger(item.ref, rule, "") for rule in matched)
            text = f"A new version: {item.kind.value}."
            return html(one, triggers, summary=text).encode("utf-8")
        return f"# Snapshot changes\n\n{_section(item, matched, {})}".encode()
    from compare.render import render

    body = render(item.changeset, fmt)
    if fmt != "md":
        return body.encode("utf-8")
    # Why this version exists goes right under the engine's title.
    context = _context(item, matched)
    title, _, rest = body.partition("\n")
    if not title.startswith("# "):
        return f"{context}\n\n{body}".encode()
    return f"{title}\n\n{context}\n{rest}".encode()


def _context(item: ChangedInspection, matched: list[str]) -> str:
    """One paragraph: what kind of new version this is and what it is compared with."""
    kind = item.kind.value
    line = f"**{kind[0].upper()}{kind[1:]}** (`{item.ref}`). {_baseline_line(item)}"
    if matched:
        line += f" **Matched --fail-on {', '.join(matched)}.**"
    return line


def write(
    report: ChangesReport,
    output: Path,
    formats: tuple[str, ...],
    triggers: tuple[Trigger, ...] = (),
) -> list[Path]:
    """Write the combined report and one report per added version into ``output``, in each
    format; remove report files an earlier run left there. Returns the paths written."""
    io.make_dirs(output)
    written: list[Path] = []
    main_format = "md" if "md" in formats else formats[0]
    files = {i.ref: f"{i.stem}.{main_format}" for i in report.inspections}
    matched = _rules_by_ref(triggers)
    for fmt in formats:
        for item in report.inspections:
            path = output / f"{item.stem}.{fmt}"
            io.write_atomic(path, _own_report(item, fmt, matched.get(item.ref, [])))
            written.append(path)
        path = output / f"{COMBINED}.{fmt}"
        if fmt == "md":
            io.write_atomic(path, markdown(report, triggers, files).encode("utf-8"))
        elif fmt == "html":
            links = {i.ref: f"{i.stem}.html" for i in report.inspections}
            io.write_atomic(path, html(report, triggers, links).encode("utf-8"))
        else:
            io.write_atomic(path, to_json(report, triggers, files))
        written.append(path)
    keep = {p.name for p in written}
    for stale in sorted(output.iterdir()):
        if stale.is_file() and _OWN_FILE.fullmatch(stale.name) and stale.name not in keep:
            io.remove(stale)
    return written
