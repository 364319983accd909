"""Judgments: side-by-side groups with their grade mix, and grade changes per (body, area)."""

from __future__ import annotations

from itertools import zip_longest

from compare import grades, registry
from compare.engine.changeset import (
    GradeChange,
    GradeCount,
    GradeEntry,
    GradeMix,
    GradeRow,
    RoleGroup,
    TallyChange,
)
from compare.engine.cite import ROLE_LABELS, ROLE_ORDER, label
from compare.model import Judgment, Snapshot


def _role(j: Judgment) -> str:
    return j.role if j.role in ROLE_ORDER else "other"


def _name(j: Judgment) -> str:
    body = registry.load().bodies.get(j.body)
    return body.name if body else j.name


def _entry(j: Judgment, scale: str) -> GradeEntry:
    return GradeEntry(
        body=j.body,
        name=_name(j),
        role=_role(j),
        area=j.area,
        grade=j.grade,
        rank=grades.rank(j.grade, scale) if j.grade is not None else None,
    )


def _ranked(entries: list[GradeEntry]) -> list[GradeEntry]:
    """Best grade first, ungraded last, ties by name then id."""
    return sorted(entries, key=lambda e: (-(e.rank or 0), e.name, e.body))


def _mix(entries: list[GradeEntry]) -> GradeMix:
    graded = [e for e in entries if e.grade is not None]
    good = sum(1 for e in graded if grades.at_least_adequate(e.grade))
    share = round(good / len(graded), 4) if graded else None
    return GradeMix(
        graded=len(graded),
        ungraded=len(entries) - len(graded),
        adequate_or_better=good,
        share=share,
        text=grades.adequate_share(good, len(graded)),
    )


def _scale_grades(scale: str) -> tuple[str, ...]:
    return tuple(g for g in grades.GRADES if _on_scale(g, scale))


def _on_scale(grade: str, scale: str) -> bool:
    try:
        grades.check_on_scale(grade, scale)
    except grades.GradeError:
        return False
    return True


def role_groups(a: Snapshot, b: Snapshot) -> tuple[RoleGroup, ...]:
    """Judgments grouped by (role, area), each side ranked, rows paired best first."""
    sa, sb = a.inspection.scale, b.inspection.scale
    by_key: dict[tuple[str, str], tuple[list[GradeEntry], list[GradeEntry]]] = {}
    for j in a.judgments:
        by_key.setdefault((_role(j), j.area), ([], []))[0].append(_entry(j, sa))
    for j in b.judgments:
        by_key.setdefault((_role(j), j.area), ([], []))[1].append(_entry(j, sb))
    on_a, on_b = _scale_grades(sa), _scale_grades(sb)
    groups = []
    for role, area in sorted(by_key, key=lambda k: (ROLE_ORDER.index(k[0]), k[1])):
        ea, eb = (_ranked(x) for x in by_key[(role, area)])
        rows = tuple(
            GradeRow(position=n, a=x, b=y) for n, (x, y) in enumerate(zip_longest(ea, eb), start=1)
        )
        mix = tuple(
            GradeCount(
                grade=g,
                a=sum(1 for e in ea if e.grade == g) if g in on_a else None,
                b=sum(1 for e in eb if e.grade == g) if g in on_b else None,
            )
            for g in grades.GRADES
            if g in on_a or g in on_b
        )
        groups.append(
            RoleGroup(
                role=role,
                role_label=ROLE_LABELS[role],
                area=area,
                area_label=label(area),
                ranked=len(ea) > 1 or len(eb) > 1,
                rows=rows,
                mix=mix,
                mix_a=_mix(ea),
                mix_b=_mix(eb),
            )
        )
    return tuple(groups)


def grade_changes(a: Snapshot, b: Snapshot) -> tuple[GradeChange, ...]:
    """Every (body, area) judged in either snapshot, with what happened to its grade."""
    sa, sb = a.inspection.scale, b.inspection.scale
    before = {(j.body, j.area): j for j in a.judgments}
    after = {(j.body, j.area): j for j in b.judgments}
    out = []
    for key in before.keys() | after.keys():
        ja, jb = before.get(key), after.get(key)
        j = jb or ja
        assert j is not None
        ga = ja.grade if ja else None
        gb = jb.grade if jb else None
        status, steps, text = describe(ga, gb, sa, sb)
        out.append(
            GradeChange(
                body=j.body,
                name=_name(j),
                role=_role(j),
                area=j.area,
                area_label=label(j.area),
                before=ga,
                after=gb,
                status=status,
                steps=steps,
                text=text,
            )
        )
    out.sort(key=lambda c: (ROLE_ORDER.index(c.role), c.name, c.body, c.area))
    return tuple(out)


def describe(ga: str | None, gb: str | None, sa: str, sb: str) -> tuple[str, int | None, str]:
    """(status, signed steps or None, text) for grade ``ga`` on scale ``sa`` becoming ``gb``
    on ``sb``; either grade may be None (absent or not graded)."""
    if ga is None and gb is None:
        return "ungraded", None, "not graded"
    if ga is None:
        return "newly-graded", None, f"newly graded: {gb}"
    if gb is None:
        return "no-longer-graded", None, f"{ga} -> not graded"
    change = grades.change(ga, gb, sa, sb)
    if change.steps is None:
        return "not-comparable", None, f"{ga} -> {gb}, not directly comparable ({sa} -> {sb} scale)"
    if change.steps == 0:
        return "unchanged", 0, f"{gb}, unchanged"
    return change.direction, change.steps, f"{ga} -> {gb}, {change.steps:+d}"


def tally_changes(a: Snapshot, b: Snapshot) -> tuple[TallyChange, ...]:
    """Each grade's count in the two stated tallies, best grade first ("inadequate 6 -> 0");
    () unless one side states a tally. Counts are the publications' own, so a change shows
    even when neither snapshot could name the areas."""
    if a.tally is None and b.tally is None:
        return ()
    ta, tb = a.tally, b.tally
    seen = set(ta.grades if ta else ()) | set(tb.grades if tb else ())
    out = []
    for g in reversed(grades.GRADES):
        if g not in seen:
            continue
        before = ta.grades.get(g, 0) if ta else None
        after = tb.grades.get(g, 0) if tb else None
        text = f"{g} {'?' if before is None else before} -> {'?' if after is None else after}"
        out.append(TallyChange(grade=g, before=before, after=after, text=text))
    return tuple(out)
