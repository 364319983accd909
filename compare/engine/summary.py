"""The plain-English words at the top of every comparison: a one-line headline, a note
when the two publications are far apart in time, and a one-paragraph summary.

Built from the ChangeSet's own sections, so they can never say something the sections do
not. Dates come from the snapshots, never from the clock.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal

from compare.engine.changeset import ChangeSet, FindingRef, Match, RoleGroup
from compare.engine.cite import label


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _mix_words(group: RoleGroup, side: str) -> str:
    counts = [(c.grade, getattr(c, side)) for c in group.mix]
    parts = [f"{n} {g}" for g, n in counts if n]
    return _join(parts) if parts else "none graded"


def _theme(themes: tuple[str, ...]) -> str:
    return label(themes[0]) if themes else "no theme"


def _themes_of(refs: tuple[FindingRef, ...], limit: int = 5) -> str:
    """The first themes of some findings, most frequent first (ties alphabetical):
    "governance; IT systems; learning and 2 more themes"."""
    counts = Counter(_theme(f.themes) for f in refs)
    ranked = [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))]
    if len(ranked) > limit:
        more = len(ranked) - limit
        return "; ".join(ranked[:limit]) + f" and {_plural(more, 'more theme')}"
    return "; ".join(ranked)


def regions(cs: ChangeSet) -> str:
    a, b = cs.a.subject_name, cs.b.subject_name
    s: list[str] = [f"{a} ({cs.a.ref}) compared with {b} ({cs.b.ref})."]
    for g in cs.groups:
        if g.role == "force":
            s.append(
                f"Forces graded adequate or better: {a} {g.mix_a.text}, {b} {g.mix_b.text}"
                f" ({a}: {_mix_words(g, 'a')}; {b}: {_mix_words(g, 'b')})."
            )
            continue
        for r in g.rows:
            ga = r.a.grade if r.a else None
            gb = r.b.grade if r.b else None
            label = "ROCUs" if g.role == "rocu" else f"{g.role_label.lower()} judgments"
            if r.a and r.b and ga == gb and ga is not None:
                s.append(f"Both {label} were graded {ga}.")
            elif r.a and r.b:
                s.append(
                    f"{r.a.name} was graded {ga or 'not graded'}; {r.b.name} {gb or 'not graded'}."
                )
            else:
                e = r.a or r.b
                assert e is not None
                s.append(
                    f"Only {e.name} has a {g.role_label} judgment ({e.grade or 'not graded'})."
                )
    s += _partial_sentences(cs)
    if cs.shared:
        themes = "; ".join(dict.fromkeys(_theme(m.themes) for m in cs.shared))
        best = max(cs.shared, key=lambda m: m.score)  # the first of the best: sorted input
        s.append(
            f"Both report {_plural(len(cs.shared), 'shared finding')} (on {themes}), "
            f"e.g. \u201c{_short(best)}\u201d."
        )
    else:
        s.append("They share no finding.")
    if cs.contrasting:
        s.append(_contrasts(cs))
    for name, refs in ((a, cs.only_a), (b, cs.only_b)):
        if refs:
            s.append(f"{_plural(len(refs), 'finding')} only in {name} (on {_themes_of(refs)}).")
    return " ".join(s)


def _contrasts(cs: ChangeSet) -> str:
    """ "They contrast on X (South West: area for improvement; West Midlands: strength) and
    on Y (...)": one clause per theme and direction, with the number of pairs when > 1."""
    a, b = cs.a.subject_name, cs.b.subject_name
    counts = Counter(
        (_theme(m.themes), m.a.polarity_label, m.b.polarity_label) for m in cs.contrasting
    )
    clauses = []
    for (theme, pa, pb), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        pairs = f", {n} pairs" if n > 1 else ""
        clauses.append(f"on {theme} ({a}: {pa}; {b}: {pb}{pairs})")
    return f"They contrast {_join(clauses)}."


def _article(label: str) -> str:
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


def _short(m: Match, words: int = 14) -> str:
    text = " ".join(m.a.text.split())
    parts = text.split(" ")
    return text if len(parts) <= words else " ".join(parts[:words]) + " \u2026"


def repeat(cs: ChangeSet) -> str:
    name = cs.a.subject_name
    s = [f"{name}: the inspection published {cs.b.published} compared with {cs.a.published}."]
    if cs.a.published > cs.b.published:
        s.append("B was published before A; changes read from A to B.")
    s += _grade_sentences(cs)
    moved = [c.text for c in cs.tally_changes if c.before != c.after]
    if moved:
        s.append("Stated grade tally: " + "; ".join(moved) + ".")
    s += _partial_sentences(cs)
    s += _finding_sentences(cs)
    return " ".join(s)


def _partial_sentences(cs: ChangeSet) -> list[str]:
    """ "B is partial: 2 of 8 graded areas named." for each side whose tally counts more."""
    return [
        f"{label} is partial: {side.partial}."
        for label, side in (("A", cs.a), ("B", cs.b))
        if side.partial
    ]


def versions(cs: ChangeSet) -> str:
    s = [
        f"{cs.a.subject_name} ({cs.a.published}): version {cs.b.ref} compared with "
        f"{cs.a.ref}: {_article(cs.version_label or '')}."
        if cs.version_label != "identical"
        else f"{cs.a.subject_name} ({cs.a.published}): {cs.a.ref} and {cs.b.ref} are identical."
    ]
    if cs.version_label == "re-extraction":
        s.append("The source is the same; a newer extractor read it differently.")
    elif cs.version_label == "correction":
        s.append("The source publication itself changed.")
    if cs.version_label != "identical":
        s += _grade_sentences(cs)
        counts = Counter(c.status for c in cs.finding_changes)
        parts = [f"{counts[k]} {k}" for k in ("added", "removed", "changed") if counts[k]]
        s.append(f"Findings: {_join(parts)}." if parts else "No finding changed.")
        s.append(f"{_plural(len(cs.field_changes), 'field')} differ in all.")
    return " ".join(s)


def _grade_sentences(cs: ChangeSet) -> list[str]:
    moved = [c for c in cs.grade_changes if c.status in ("improved", "declined")]
    other = [
        c
        for c in cs.grade_changes
        if c.status in ("newly-graded", "no-longer-graded", "not-comparable")
    ]
    same = [c for c in cs.grade_changes if c.status == "unchanged"]
    s = []
    if moved:
        s.append("Grades moved: " + "; ".join(f"{c.name} {c.text}" for c in moved) + ".")
    if other:
        s.append("Also: " + "; ".join(f"{c.name} {c.text}" for c in other) + ".")
    if same:
        s.append(f"{_plural(len(same), 'grade')} unchanged.")
    if not cs.grade_changes:
        s.append("Neither has graded judgments.")
    return s


def _finding_sentences(cs: ChangeSet) -> list[str]:
    """ "Findings: 1 escalated (on intelligence and threat assessment), ... and 4 resolved
    (on governance; IT systems; ...)." The themes are given for what moved, not for what
    persists."""
    parts = []
    for g in cs.finding_groups:
        label = {
            "strengths-no-longer-reported": "strengths or observations no longer reported",
            "no-longer-reported": "issues no longer reported",
        }.get(g.status, g.status)
        text = f"{len(g.changes)} {label}"
        if g.status != "persisting":
            refs = tuple(c.b or c.a for c in g.changes)
            text += f" (on {_themes_of(refs, limit=3)})"
        parts.append(text)
    if not parts:
        return ["Neither inspection reports findings."]
    return [f"Findings: {_join(parts)}."]


# -- how far apart ---------------------------------------------------------------------
# Why six months: grades describe the force or unit at its fieldwork, months before
# publication, and the SOC regional round published its ten regions over about two years.
# Two publications within half a year read as one round; beyond that a reader comparing
# them should know one may describe an older state of affairs (or, for a repeat
# inspection, how long the body had to change).
FAR_APART_DAYS = 183
_DAYS_PER_MONTH = 365.2425 / 12


def _interval(days: int) -> str:
    """394 days -> "13 months"; beyond two years, in years ("about 3 years")."""
    months = round(days / _DAYS_PER_MONTH)
    if months < 24:
        return _plural(months, "month")
    return f"about {round(months / 12)} years"


def apart(cs: ChangeSet) -> str | None:
    """ "Published 13 months apart (West Midlands 2024-05-14, South West 2025-06-12): ..."
    when the two publication dates are at least FAR_APART_DAYS apart; None otherwise."""
    if cs.mode == "versions":
        return None
    try:
        da, db = date.fromisoformat(cs.a.published), date.fromisoformat(cs.b.published)
    except ValueError:
        return None
    days = abs((db - da).days)
    if days < FAR_APART_DAYS:
        return None
    first, last = (cs.a, cs.b) if da <= db else (cs.b, cs.a)
    if cs.mode == "regions":
        return (
            f"Published {_interval(days)} apart ({first.subject_name} {first.published}, "
            f"{last.subject_name} {last.published}): grades from different times."
        )
    return f"Published {_interval(days)} apart ({first.published} and {last.published})."


# -- the headline ----------------------------------------------------------------------
def weaker(cs: ChangeSet) -> Literal["a", "b"] | None:
    """Which side is graded weaker, by the figure every view leads with: the share of
    forces graded adequate or better; where that is level (or either side has no graded
    force), the ROCU's grade when both sides use one scale. None: level, or nothing to
    compare."""
    forces = [g for g in cs.groups if g.role == "force"]
    if len(forces) == 1:
        sa, sb = forces[0].mix_a.share, forces[0].mix_b.share
        if sa is not None and sb is not None and sa != sb:
            return "a" if sa < sb else "b"
    if cs.a.scale == cs.b.scale:
        for g in cs.groups:
            if g.role == "rocu" and len(g.rows) == 1:
                ra = g.rows[0].a.rank if g.rows[0].a else None
                rb = g.rows[0].b.rank if g.rows[0].b else None
                if ra is not None and rb is not None and ra != rb:
                    return "a" if ra < rb else "b"
    return None


def _rocu_words(g: RoleGroup, cs: ChangeSet) -> str:
    r = g.rows[0]
    ga, gb = (r.a.grade if r.a else None), (r.b.grade if r.b else None)
    if r.a and r.b and ga == gb:
        return f"both ROCUs {ga or 'not graded'}"
    if r.a and r.b:
        return (
            f"ROCU {ga or 'not graded'} in {cs.a.subject_name}, "
            f"{gb or 'not graded'} in {cs.b.subject_name}"
        )
    e, name = (r.a, cs.a.subject_name) if r.a else (r.b, cs.b.subject_name)
    assert e is not None
    return f"only {name}'s ROCU graded ({e.grade or 'not graded'})"


def headline_regions(cs: ChangeSet, side: Literal["a", "b"] | None) -> str:
    """ "South West is graded weaker: 0 of 5 forces adequate or better against 1 of 4 in
    West Midlands; both ROCUs adequate." One line, the weaker side's figure first."""
    names = {"a": cs.a.subject_name, "b": cs.b.subject_name}
    forces = [g for g in cs.groups if g.role == "force"]
    parts = []
    if len(forces) == 1:
        mix = {"a": forces[0].mix_a, "b": forces[0].mix_b}
        if side is None:
            parts.append(
                f"{mix['a'].adequate_or_better} of {mix['a'].graded} forces adequate or better "
                f"in {names['a']}, {mix['b'].adequate_or_better} of {mix['b'].graded} "
                f"in {names['b']}"
            )
        else:
            other = "b" if side == "a" else "a"
            parts.append(
                f"{mix[side].adequate_or_better} of {mix[side].graded} forces adequate or "
                f"better against {mix[other].adequate_or_better} of {mix[other].graded} "
                f"in {names[other]}"
            )
    parts += [_rocu_words(g, cs) for g in cs.groups if g.role == "rocu" and len(g.rows) == 1]
    if not parts:
        if not cs.groups:
            return f"{names['a']} and {names['b']}: neither has grades to compare."
        return (
            f"{names['a']} and {names['b']}: grades side by side in "
            f"{_plural(len(cs.groups), 'group')}."
        )
    lead = f"{names[side]} is graded weaker" if side else "Graded level"
    return f"{lead}: {'; '.join(parts)}."


def headline_repeat(cs: ChangeSet) -> str:
    """ "South West, 2025-06-12 to 2027-03-01: 1 grade improved, 1 declined, 4 unchanged;
    1 finding escalated, 2 new." """
    return f"{cs.a.subject_name}, {cs.a.published} to {cs.b.published}: {_moves(cs)}."


def headline_versions(cs: ChangeSet) -> str:
    """ "South West (2025-06-12): v2 is a correction of v1: no grade changed; 1 finding
    removed." """
    if cs.version_label == "identical":
        return f"{cs.a.subject_name} ({cs.a.published}): {cs.a.ref} and {cs.b.ref} are identical."
    label = cs.version_label or "change"
    va = f"v{cs.a.version}" if cs.a.version else cs.a.ref
    vb = f"v{cs.b.version}" if cs.b.version else cs.b.ref
    return (
        f"{cs.a.subject_name} ({cs.a.published}): {vb} is {_article(label)} of {va}: {_moves(cs)}."
    )


def _moves(cs: ChangeSet) -> str:
    """ "1 grade improved, 1 declined, 4 unchanged; 1 finding escalated, 2 new" """
    counts = Counter(c.status for c in cs.grade_changes)
    moved = [
        (counts[k], k.replace("-", " "))
        for k in ("improved", "declined", "unchanged", "newly-graded", "no-longer-graded",
                  "not-comparable")
        if counts[k]
    ]  # fmt: skip
    if moved:
        (n, word), *rest = moved
        grade_part = f"{_plural(n, 'grade')} {word}" + "".join(f", {m} {w}" for m, w in rest)
    else:
        grade_part = "no graded judgments"
    statuses = [g for g in cs.finding_groups if g.status != "persisting"]
    if statuses:
        first, *rest = statuses
        finding_part = f"{_plural(len(first.changes), 'finding')} {_status_words(first.status)}"
        finding_part += "".join(f", {len(g.changes)} {_status_words(g.status)}" for g in rest)
    else:
        finding_part = "no finding changed"
    return f"{grade_part}; {finding_part}"


def _status_words(status: str) -> str:
    return {
        "strengths-no-longer-reported": "strengths or observations no longer reported",
        "no-longer-reported": "issues no longer reported",
    }.get(status, status.replace("-", " "))
