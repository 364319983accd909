"""Two different subjects side by side: grades by role, and findings shared, contrasting or
found on one side only."""

from __future__ import annotations

from compare.engine import similarity as sim
from compare.engine.changeset import FindingRef, Match
from compare.engine.cite import finding_order, finding_refs, themes_label
from compare.model import Snapshot

# Shared first: a similar statement with the same polarity is the stronger relation, so a
# finding that has one is never spent on a looser contrast.
PHASES = (
    sim.Phase(
        name="shared",
        classes=((sim.POSITIVE, sim.POSITIVE), (sim.NEGATIVE, sim.NEGATIVE), (sim.NEUTRAL,) * 2),
        minimum=sim.SIMILAR_MIN,
    ),
    sim.Phase(
        name="contrasting",
        classes=((sim.POSITIVE, sim.NEGATIVE), (sim.NEGATIVE, sim.POSITIVE)),
        minimum=sim.CONTRAST_MIN,
        specific=sim.CONTRAST_SPECIFIC,
        close=sim.CONTRAST_CLOSE,
        # Findings without a theme can be shared (a near-identical statement) but cannot
        # contrast: "same theme" is the whole basis of a contrast.
        skip_blocks=frozenset({""}),
    ),
)


# A finding restates another of its own side when a shared finding could pair them: the
# same body, a common theme, a similar statement (SIMILAR_MIN) with real content in common
# (CONTRAST_SPECIFIC: "appoints senior officers to lead on regional priorities" and "the
# unit appoints senior officers to lead on the region's priorities" share "appoint" and
# "priority"), and polarities that do not oppose (a strength is restated as an observation;
# "effective, but needs to improve" is two findings). Unthemed findings restate nothing:
# their only common ground would be the words themselves.
RESTATES = sim.Phase(
    name="restates",
    classes=(
        *((c, c) for c in (sim.POSITIVE, sim.NEGATIVE, sim.NEUTRAL)),
        *((c, sim.NEUTRAL) for c in (sim.POSITIVE, sim.NEGATIVE)),
        *((sim.NEUTRAL, c) for c in (sim.POSITIVE, sim.NEGATIVE)),
    ),
    minimum=sim.SIMILAR_MIN,
    specific=sim.CONTRAST_SPECIFIC,
)


def items(refs: list[FindingRef], *, by_body: bool = False, themed: bool = False) -> list[sim.Item]:
    """Findings as the pairing sees them: blocked by theme (and body, when asked); those
    without a theme share a block of their own, or none when ``themed`` is asked."""
    out = []
    for f in refs:
        blocks = f.themes or (() if themed else ("",))
        if by_body:
            blocks = tuple(f"{f.body}/{t}" for t in blocks)
        out.append(
            sim.Item(key=f.id, cls=sim.POLARITY_CLASS[f.polarity], blocks=blocks, text=f.text)
        )
    return out


def common_themes(x: FindingRef, y: FindingRef) -> tuple[str, ...]:
    return tuple(sorted(set(x.themes) & set(y.themes)))


def match_findings(
    a: Snapshot, b: Snapshot
) -> tuple[tuple[Match, ...], tuple[Match, ...], tuple[FindingRef, ...], tuple[FindingRef, ...]]:
    """(shared, contrasting, only in a, only in b), each sorted for reading."""
    ra, rb = finding_refs(a), finding_refs(b)
    pairs = sim.pair(items(ra), items(rb), phases=PHASES)
    paired_a = {p.a for p in pairs}
    paired_b = {p.b for p in pairs}
    # Each side's unpaired findings that restate one of its paired ones: listed with it.
    restating_a = sim.restatements(items(ra, by_body=True, themed=True), paired_a, phase=RESTATES)
    restating_b = sim.restatements(items(rb, by_body=True, themed=True), paired_b, phase=RESTATES)
    also_a, also_b = by_target(ra, restating_a), by_target(rb, restating_b)
    matches = [
        Match(
            kind=p.phase,
            score=p.score,
            themes=(themes := common_themes(ra[p.a], rb[p.b])),
            themes_label=themes_label(themes),
            a=ra[p.a],
            b=rb[p.b],
            also_a=also_a.get(p.a, ()),
            also_b=also_b.get(p.b, ()),
        )
        for p in pairs
    ]

    def order(m: Match) -> tuple:
        return (m.themes[:1] or ("~",), -m.score, m.a.id, m.b.id)

    shared = tuple(sorted((m for m in matches if m.kind == "shared"), key=order))
    contrasting = tuple(sorted((m for m in matches if m.kind == "contrasting"), key=order))
    listed_a = paired_a | restating_a.keys()
    listed_b = paired_b | restating_b.keys()
    only_a = tuple(sorted((f for i, f in enumerate(ra) if i not in listed_a), key=finding_order))
    only_b = tuple(sorted((f for i, f in enumerate(rb) if i not in listed_b), key=finding_order))
    return shared, contrasting, only_a, only_b


def by_target(refs: list[FindingRef], restating: dict[int, int]):
    """paired index -> the findings that restate it, sorted for reading."""
    by_target: dict[int, list[FindingRef]] = {}
    for i, target in restating.items():
        by_target.setdefault(target, []).append(refs[i])
    return {t: tuple(sorted(fs, key=finding_order)) for t, fs in by_target.items()}
