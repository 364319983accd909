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


def items(refs: list[FindingRef], *, by_body: bool = False) -> list[sim.Item]:
    """Findings as the pairing sees them: blocked by theme (and body, when asked)."""
    out = []
    for f in refs:
        blocks = f.themes or ("",)
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
    matches = [
        Match(
            kind=p.phase,
            score=p.score,
            themes=(themes := common_themes(ra[p.a], rb[p.b])),
            themes_label=themes_label(themes),
            a=ra[p.a],
            b=rb[p.b],
        )
        for p in pairs
    ]

    def order(m: Match) -> tuple:
        return (m.themes[:1] or ("~",), -m.score, m.a.id, m.b.id)

    shared = tuple(sorted((m for m in matches if m.kind == "shared"), key=order))
    contrasting = tuple(sorted((m for m in matches if m.kind == "contrasting"), key=order))
    paired_a = {p.a for p in pairs}
    paired_b = {p.b for p in pairs}
    only_a = tuple(sorted((f for i, f in enumerate(ra) if i not in paired_a), key=finding_order))
    only_b = tuple(sorted((f for i, f in enumerate(rb) if i not in paired_b), key=finding_order))
    return shared, contrasting, only_a, only_b
