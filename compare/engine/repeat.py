"""Two inspections of the same subject: what happened to each finding."""

from __future__ import annotations

import re

import msgspec

from compare.engine import similarity as sim
from compare.engine.changeset import FindingChange, FindingGroup, FindingRef
from compare.engine.cite import POLARITY_LABELS, finding_order, finding_refs, themes_label
from compare.engine.regions import RESTATES, by_target, common_themes, items
from compare.model import Snapshot

# The same point made again about the same body: a similar statement in the same polarity
# class. Area for improvement -> cause of concern stays in the negative class, so it pairs
# and is then labelled escalated. A weakness that became a strength is not paired: the
# weakness is reported resolved and the strength new, each with its own citation.
PHASES = (
    sim.Phase(
        name="same",
        classes=((sim.POSITIVE, sim.POSITIVE), (sim.NEGATIVE, sim.NEGATIVE), (sim.NEUTRAL,) * 2),
        minimum=sim.SIMILAR_MIN,
    ),
)

# An issue of A that B does not report again is "resolved" only where B says so: a positive
# finding on the same body and theme that says it improved. Otherwise B is silent about it,
# and the report says no more than that: "no longer reported".
RESOLVED = (
    sim.Phase(
        name="resolved",
        classes=((sim.NEGATIVE, sim.POSITIVE),),
        minimum=sim.CONTRAST_MIN,
        # What B says improved must be what A said was wrong, not a word about it.
        specific=sim.CONTRAST_SPECIFIC,
        close=sim.CONTRAST_CLOSE,
        skip_blocks=frozenset({""}),
    ),
)
_SAYS_IMPROVED = re.compile(
    r"\b(?:improv\w*|addressed|resolved|no longer|now (?:has|have|is|are)|better|progress"
    r"|(?:has|have) (?:been )?(?:acted|taken action|put right|fixed|tackled))\b",
    re.I,
)

STATUS_ORDER = (
    "escalated",
    "new",
    "persisting",
    "resolved",
    "no-longer-reported",
    "strengths-no-longer-reported",
)
HEADINGS = {
    "escalated": "Escalated: area for improvement -> cause of concern",
    "new": "New",
    "persisting": "Persisting",
    "resolved": "Resolved: the later report says the issue improved",
    "no-longer-reported": (
        "Issues no longer reported (the later report does not say they were resolved)"
    ),
    "strengths-no-longer-reported": "Strengths and observations no longer reported",
}


def finding_groups(a: Snapshot, b: Snapshot) -> tuple[FindingGroup, ...]:
    """finding_changes() grouped by status under their headings."""
    return group(_classify(a, b), STATUS_ORDER, HEADINGS)


def finding_changes(a: Snapshot, b: Snapshot) -> tuple[FindingChange, ...]:
    """Each finding of either inspection, classified (see FindingChange), sorted by status
    (STATUS_ORDER), then theme, body, polarity and id."""
    return tuple(c for g in finding_groups(a, b) for c in g.changes)


def _classify(a: Snapshot, b: Snapshot) -> list[FindingChange]:
    ra, rb = finding_refs(a), finding_refs(b)
    # Blocked by body as well as theme: the same words said of another force are that
    # force's finding, not this one's.
    pairs = sim.pair(items(ra, by_body=True), items(rb, by_body=True), phases=PHASES)
    matched: list[tuple[int, int, FindingChange]] = []
    for p in pairs:
        x, y = ra[p.a], rb[p.b]
        if x.polarity == "area-for-improvement" and y.polarity == "cause-of-concern":
            status, text = "escalated", "area for improvement -> cause of concern"
        elif y.polarity == "area-for-improvement" and x.polarity == "cause-of-concern":
            status, text = (
                "persisting",
                "persisting, eased: cause of concern -> area for improvement",
            )
        elif x.polarity != y.polarity:
            status = "persisting"
            text = f"persisting: {POLARITY_LABELS[x.polarity]} -> {POLARITY_LABELS[y.polarity]}"
        else:
            status, text = "persisting", f"persisting {POLARITY_LABELS[y.polarity]}"
        matched.append((p.a, p.b, _change(status, p.score, common_themes(x, y), x, y, text)))
    paired_a = {p.a for p in pairs}
    paired_b = {p.b for p in pairs}
    # The issues B says were put right: an unpaired issue of A against an unpaired strength
    # of B about the same body and theme that speaks of improvement.
    left_a = [i for i in range(len(ra)) if i not in paired_a]
    left_b = [j for j in range(len(rb)) if j not in paired_b and _SAYS_IMPROVED.search(rb[j].text)]
    fixed = sim.pair(
        items([ra[i] for i in left_a], by_body=True),
        items([rb[j] for j in left_b], by_body=True),
        phases=RESOLVED,
    )
    for p in fixed:
        i, j = left_a[p.a], left_b[p.b]
        x, y = ra[i], rb[j]
        text = "resolved: B says it improved"
        matched.append((i, j, _change("resolved", p.score, common_themes(x, y), x, y, text)))
        paired_a.add(i)
        paired_b.add(j)
    # A finding restating one already matched on its side is listed with it, not again.
    restating_a = sim.restatements(items(ra, by_body=True, themed=True), paired_a, phase=RESTATES)
    restating_b = sim.restatements(items(rb, by_body=True, themed=True), paired_b, phase=RESTATES)
    also_a, also_b = by_target(ra, restating_a), by_target(rb, restating_b)
    out = [
        msgspec.structs.replace(c, also_a=also_a.get(i, ()), also_b=also_b.get(j, ()))
        for i, j, c in matched
    ]
    paired_a |= restating_a.keys()
    paired_b |= restating_b.keys()
    for i, x in enumerate(ra):
        if i in paired_a:
            continue
        if sim.POLARITY_CLASS[x.polarity] == sim.NEGATIVE:
            out.append(_change("no-longer-reported", None, x.themes, x, None, "no longer reported"))
        else:
            text = f"{POLARITY_LABELS[x.polarity]} no longer reported"
            out.append(_change("strengths-no-longer-reported", None, x.themes, x, None, text))
    for j, y in enumerate(rb):
        if j not in paired_b:
            out.append(
                _change("new", None, y.themes, None, y, f"new {POLARITY_LABELS[y.polarity]}")
            )
    return out


def group(changes: list[FindingChange], order, headings) -> tuple[FindingGroup, ...]:
    """Non-empty groups in ``order``, each sorted by theme, body, polarity and id."""
    by_status: dict[str, list[FindingChange]] = {}
    for c in changes:
        by_status.setdefault(c.status, []).append(c)
    return tuple(
        FindingGroup(
            status=status,
            heading=headings[status],
            changes=tuple(sorted(by_status[status], key=lambda c: finding_order(c.b or c.a))),
        )
        for status in order
        if status in by_status
    )


def _change(status, score, themes, a: FindingRef | None, b: FindingRef | None, text: str):
    return FindingChange(
        status=status,
        score=score,
        themes=themes,
        themes_label=themes_label(themes),
        a=a,
        b=b,
        text=text,
    )
