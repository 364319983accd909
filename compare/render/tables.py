"""The spreadsheet views' rows: each result model laid out as named tables of plain values,
so the CSV and the xlsx workbook show the same rows under the same column names.

This module lays out what the engine computed and decides nothing: it copies fields, writes
a finding's inspection details beside it (looked up by the ref the finding cites), and joins
theme ids with ``"; "``. Three tables are *sections*, the rows of the one long CSV (told
apart by its ``section`` column) and a sheet each in the workbook:

- ``grade``: one row per grade. Reports: per (body, area, inspection), with the previous
  grade and the change. A regions comparison: per body and area on each side (``side`` a
  or b). A repeat or versions comparison: per (body, area), B's grade against A's.
- ``finding``: one row per finding. A comparison: every finding it lists, on its side,
  with ``status`` (regions: shared, contrasting, only-in-a, only-in-b; repeat: persisting,
  new, escalated, resolved, no-longer-reported, strengths-no-longer-reported; versions:
  added, removed, changed), the ``score`` of its pairing and the finding it is paired with;
  a finding that restates a paired one on its side has status ``restated`` and names it.
  Reports: every finding of each subject's latest inspection (national) or the body's
  findings in its latest inspection (body); no status.
- ``lifecycle`` (body report): the findings of each pair of consecutive inspections, as a
  repeat comparison gives them (side a: the earlier inspection).

The workbook adds ``about`` (title, summary, the references compared), ``matches`` (one
row per pair, both findings side by side), ``recurring`` (national: each region's instance
of a recurring statement or theme) and ``fields`` (versions: the field-level changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STRING, INT = "string", "Int64"  # pandas dtypes: nullable, so a blank stays blank

# The CSV's columns, in order; each section fills the ones it has (see SECTION_COLUMNS).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("section", STRING),
    ("side", STRING),
    ("body", STRING),
    ("body_name", STRING),
    ("role", STRING),
    ("region", STRING),
    ("area", STRING),
    ("programme", STRING),
    ("subject", STRING),
    ("published", STRING),
    ("version", INT),
    ("inspection", STRING),
    ("scale", STRING),
    ("grade", STRING),
    ("grade_rank", INT),
    ("previous_grade", STRING),
    ("previous_published", STRING),
    ("previous_inspection", STRING),
    ("change", STRING),
    ("change_steps", INT),
    ("change_text", STRING),
    ("finding_id", STRING),
    ("polarity", STRING),
    ("themes", STRING),
    ("text", STRING),
    ("status", STRING),
    ("score", INT),
    ("paired_inspection", STRING),
    ("paired_finding", STRING),
    ("source_url", STRING),
)
_GRADE = (
    "side", "body", "body_name", "role", "region", "area", "programme", "subject",
    "published", "version", "inspection", "scale", "grade", "grade_rank", "previous_grade",
    "previous_published", "previous_inspection", "change", "change_steps", "change_text",
    "source_url",
)  # fmt: skip
_FINDING = (
    "side", "body", "body_name", "region", "programme", "subject", "published", "version",
    "inspection", "finding_id", "polarity", "themes", "text", "status", "score",
    "paired_inspection", "paired_finding", "source_url",
)  # fmt: skip
SECTION_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "grade": tuple(c for c in COLUMNS if c[0] in _GRADE),
    "finding": tuple(c for c in COLUMNS if c[0] in _FINDING),
    "lifecycle": tuple(c for c in COLUMNS if c[0] in _FINDING),
}
SHEETS = {"grade": "grades", "finding": "findings", "lifecycle": "lifecycle"}

_SIDE = ("inspection", "finding", "body", "body_name", "polarity", "text")
_MATCH_COLUMNS = (
    ("status", STRING),
    ("score", INT),
    ("themes", STRING),
    *((f"a_{c}", STRING) for c in _SIDE),
    *((f"b_{c}", STRING) for c in _SIDE),
    ("text", STRING),
)
_RECURRING_COLUMNS = tuple(
    (c, INT if c == "score" else STRING)
    for c in (
        "kind", "label", "theme", "regions", "score", "region", "region_name", "inspection",
        "finding_id", "body", "body_name", "polarity", "text",
    )
)  # fmt: skip
_FIELD_COLUMNS = (("path", STRING), ("kind", STRING), ("before", STRING), ("after", STRING))
_ABOUT_COLUMNS = (("field", STRING), ("value", STRING))


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet of the workbook; for a section, also its rows in the CSV."""

    name: str  # the sheet's name
    section: str | None  # the CSV's ``section`` value; None: workbook only
    columns: tuple[tuple[str, str], ...]  # (name, dtype)
    rows: tuple[dict[str, Any], ...]  # column -> value; a missing column is blank


def sections(obj: Any) -> tuple[Table, ...]:
    """The tables that make up the CSV of ``obj``, in the order it lists them."""
    kind = type(obj).__name__
    if kind == "ChangeSet":
        parts = {"grade": _changeset_grades(obj), "finding": _changeset_findings(obj)}
    elif kind == "NationalReport":
        parts = {"grade": _points(obj.timeline), "finding": _national_findings(obj)}
    elif kind == "BodyReport":
        parts = {
            "grade": _points(obj.timeline),
            "finding": _body_findings(obj),
            "lifecycle": _lifecycle(obj),
        }
    else:
        raise TypeError(f"no spreadsheet view for {kind}")
    return tuple(Table(SHEETS[s], s, SECTION_COLUMNS[s], tuple(rows)) for s, rows in parts.items())


def sheets(obj: Any, *, generated: str | None = None) -> tuple[Table, ...]:
    """The workbook's sheets: ``about``, the sections, then what else the model holds."""
    kind = type(obj).__name__
    extra: list[Table] = []
    if kind == "ChangeSet":
        extra.append(Table("matches", None, _MATCH_COLUMNS, _changeset_matches(obj)))
        if obj.mode == "versions":
            extra.append(Table("fields", None, _FIELD_COLUMNS, _fields(obj)))
    elif kind == "NationalReport":
        extra.append(Table("recurring", None, _RECURRING_COLUMNS, _recurring(obj)))
    elif kind == "BodyReport":
        extra.append(Table("matches", None, _MATCH_COLUMNS, _lifecycle_matches(obj)))
    about = Table("about", None, _ABOUT_COLUMNS, _about(obj, generated))
    return (about, *sections(obj), *extra)


# -- grades ------------------------------------------------------------------------------


def _points(points) -> list[dict]:
    return [
        {
            "body": p.body,
            "body_name": p.body_name,
            "role": p.role,
            "region": p.region,
            "area": p.area,
            "programme": p.programme,
            "subject": p.subject,
            "published": p.published,
            "version": p.version,
            "inspection": p.inspection,
            "scale": p.scale,
            "grade": p.grade,
            "grade_rank": p.rank,
            "previous_grade": p.previous_grade,
            "previous_published": p.previous_published,
            "previous_inspection": p.previous_inspection,
            "change": p.status,
            "change_steps": p.steps,
            "change_text": p.text,
            "source_url": p.url,
        }
        for p in points
    ]


def _inspection(side) -> dict:
    """The columns that say which inspection a row belongs to (a Side or an Inspected)."""
    return {
        "programme": side.programme,
        "subject": side.subject,
        "published": side.published,
        "version": side.version,
        "inspection": side.ref,
    }


def _changeset_grades(cs) -> list[dict]:
    if cs.mode == "regions":
        return [
            {
                "side": name,
                "body": e.body,
                "body_name": e.name,
                "role": e.role,
                "area": e.area,
                **_inspection(side),
                "scale": side.scale,
                "grade": e.grade,
                "grade_rank": e.rank,
                "source_url": side.url,
            }
            for g in cs.groups
            for r in g.rows
            for name, side, e in (("a", cs.a, r.a), ("b", cs.b, r.b))
            if e is not None
        ]
    return [
        {
            "body": c.body,
            "body_name": c.name,
            "role": c.role,
            "area": c.area,
            **_inspection(cs.b),
            "scale": cs.b.scale,
            "grade": c.after,
            "previous_grade": c.before,
            "previous_published": cs.a.published,
            "previous_inspection": cs.a.ref,
            "change": c.status,
            "change_steps": c.steps,
            "change_text": c.text,
            "source_url": cs.b.url,
        }
        for c in cs.grade_changes
    ]


# -- findings ----------------------------------------------------------------------------


def _finding(f, where: dict, **extra: Any) -> dict:
    """One finding's row; ``where`` maps an inspection ref to its Side or Inspected."""
    side = where.get(f.snapshot)
    row = {
        "body": f.body,
        "body_name": f.body_name,
        **(_inspection(side) if side is not None else {"inspection": f.snapshot}),
        "finding_id": f.id,
        "polarity": f.polarity,
        "themes": "; ".join(f.themes),
        "text": f.text,
        "source_url": f.url,
    }
    row.update(extra)
    return row


def _paired(f, other, where: dict, *, side: str, status: str, score: int | None) -> dict:
    return _finding(
        f,
        where,
        side=side,
        status=status,
        score=score,
        paired_inspection=other.snapshot if other is not None else None,
        paired_finding=other.id if other is not None else None,
    )


def _restated(also, f, where: dict, side: str) -> list[dict]:
    """The findings of one side that restate its paired finding ``f``: status ``restated``,
    naming the finding they restate."""
    return [_paired(x, f, where, side=side, status="restated", score=None) for x in also]


def _change_rows(changes, where: dict) -> list[dict]:
    """A FindingChange's finding on each side it has, each naming the other, then the
    findings of that side that restate it."""
    rows = []
    for c in changes:
        for name, f, other, also in (("a", c.a, c.b, c.also_a), ("b", c.b, c.a, c.also_b)):
            if f is not None:
                rows.append(_paired(f, other, where, side=name, status=c.status, score=c.score))
                rows += _restated(also, f, where, name)
    return rows


def _changeset_findings(cs) -> list[dict]:
    where = {cs.a.ref: cs.a, cs.b.ref: cs.b}
    if cs.mode != "regions":
        return _change_rows(cs.finding_changes, where)
    rows = []
    for m in (*cs.shared, *cs.contrasting):
        rows.append(_paired(m.a, m.b, where, side="a", status=m.kind, score=m.score))
        rows += _restated(m.also_a, m.a, where, "a")
        rows.append(_paired(m.b, m.a, where, side="b", status=m.kind, score=m.score))
        rows += _restated(m.also_b, m.b, where, "b")
    for name, only in (("a", cs.only_a), ("b", cs.only_b)):
        for f in only:
            rows.append(_paired(f, None, where, side=name, status=f"only-in-{name}", score=None))
    return rows


def _national_findings(report) -> list[dict]:
    where = {i.ref: i for i in report.inspections}
    return [_finding(e.finding, where, region=e.region) for e in report.findings]


def _body_findings(report) -> list[dict]:
    where = {i.ref: i for i in report.inspections}
    return [_finding(f, where, region=report.region) for f in report.findings]


def _lifecycle(report) -> list[dict]:
    where = {i.ref: i for i in report.inspections}
    rows = []
    for lc in report.lifecycle:
        for row in _change_rows((c for g in lc.groups for c in g.changes), where):
            rows.append({**row, "region": report.region})
    return rows


# -- workbook-only sheets ----------------------------------------------------------------


def _side(prefix: str, f) -> dict:
    if f is None:
        return {}
    return {
        f"{prefix}_inspection": f.snapshot,
        f"{prefix}_finding": f.id,
        f"{prefix}_body": f.body,
        f"{prefix}_body_name": f.body_name,
        f"{prefix}_polarity": f.polarity,
        f"{prefix}_text": f.text,
    }


def _match(status: str, score, themes, a, b, text: str | None) -> dict:
    return {
        "status": status,
        "score": score,
        "themes": "; ".join(themes),
        **_side("a", a),
        **_side("b", b),
        "text": text,
    }


def _changeset_matches(cs) -> tuple[dict, ...]:
    if cs.mode == "regions":
        return tuple(
            _match(m.kind, m.score, m.themes, m.a, m.b, None) for m in (*cs.shared, *cs.contrasting)
        )
    return tuple(_match(c.status, c.score, c.themes, c.a, c.b, c.text) for c in cs.finding_changes)


def _lifecycle_matches(report) -> tuple[dict, ...]:
    return tuple(
        _match(c.status, c.score, c.themes, c.a, c.b, c.text)
        for lc in report.lifecycle
        for g in lc.groups
        for c in g.changes
    )


def _recurring(report) -> tuple[dict, ...]:
    return tuple(
        {
            "kind": r.kind,
            "label": r.label,
            "theme": r.theme,
            "regions": "; ".join(r.regions),
            "score": r.score,
            "region": e.region,
            "region_name": e.region_name,
            "inspection": e.finding.snapshot,
            "finding_id": e.finding.id,
            "body": e.finding.body,
            "body_name": e.finding.body_name,
            "polarity": e.finding.polarity,
            "text": e.finding.text,
        }
        for r in (*report.recurring_statements, *report.recurring_themes)
        for e in r.evidence
    )


def _fields(cs) -> tuple[dict, ...]:
    return tuple(
        {"path": c.path, "kind": c.kind, "before": c.before, "after": c.after}
        for c in cs.field_changes
    )


def _about(obj, generated: str | None) -> tuple[dict, ...]:
    pairs: list[tuple[str, Any]] = [
        ("schema", obj.schema),
        ("title", obj.title),
        ("summary", obj.summary),
    ]
    if type(obj).__name__ == "ChangeSet":
        pairs += [
            ("mode", obj.mode),
            ("a", obj.a.ref),
            ("a_title", obj.a.title),
            ("b", obj.b.ref),
            ("b_title", obj.b.title),
        ]
        if obj.version_label is not None:
            pairs.append(("version_label", obj.version_label))
    if generated is not None:
        pairs.append(("generated", generated))
    return tuple({"field": k, "value": v} for k, v in pairs)
