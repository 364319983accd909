"""How far a reader can trust the engine's finding matches: precision and recall over a
labelled set of pairs (tests/fixtures/match-pairs.yaml).

    python benchmarks/matching.py          # figures, and every pair the engine gets wrong

Each labelled pair becomes two one-finding snapshots of different regions, compared as
``inspdiff compare`` does (``compare.engine.regions.match_findings``): the engine calls the
pair shared, contrasting or neither. A match the engine reports is right when the label
says the same kind; precision = right matches / matches reported, recall = right matches /
matches labelled. tests/test_match_pairs.py holds the engine to FLOORS, the figures the
current thresholds reach (so the bar is what is measured, neither lower nor higher).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "fixtures" / "match-pairs.yaml"
POLARITY = {
    "S": "strength",
    "P": "promising-practice",
    "O": "observation",
    "A": "area-for-improvement",
    "C": "cause-of-concern",
}
KINDS = ("shared", "contrasting")

# What the engine reaches on PAIRS with its thresholds (similarity.SIMILAR_MIN,
# CONTRAST_SPECIFIC, CONTRAST_CLOSE and compare/data/generic.yaml); a change that lowers a
# figure fails tests/test_match_pairs.py. Raise a floor when the engine gets better.
FLOORS = {
    "precision": 1.0,
    "recall": 0.94,
    "shared precision": 1.0,
    "shared recall": 0.93,
    "contrasting precision": 1.0,
    "contrasting recall": 0.95,
}


@dataclass(frozen=True)
class Outcome:
    id: str
    kind: str  # the pair's kind in the fixture (restatement, contrast, generic...)
    label: str  # shared | contrasting | none
    found: str  # what the engine said


def load(path: Path = PAIRS) -> list[dict]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]


def _snapshot(subject: str, pid: str, polarity: str, text: str, theme: str):
    from compare.model import Extractor, Finding, Inspection, Snapshot, Source

    return Snapshot(
        inspection=Inspection(
            programme="soc-regional",
            subject=subject,
            title=f"labelled pair {pid}",
            published="2025-01-01",
            scale="5-point",
        ),
        source=Source(
            kind="text",
            sha256=hashlib.sha256(pid.encode()).hexdigest(),
            extractor=Extractor(name="benchmark", version="1"),
        ),
        findings=(
            Finding(
                id=f"f-{subject}", body="region", polarity=POLARITY[polarity], text=text,
                themes=(theme,),
            ),
        ),
    )  # fmt: skip


def judge(pairs: Iterable[dict]) -> list[Outcome]:
    """What the engine makes of each labelled pair."""
    from compare.engine.regions import match_findings

    out = []
    for p in pairs:
        a = _snapshot("south-west", p["id"], *p["a"], p["theme"])
        b = _snapshot("west-midlands", p["id"], *p["b"], p["theme"])
        shared, contrasting, _, _ = match_findings(a, b)
        found = "shared" if shared else "contrasting" if contrasting else "none"
        out.append(Outcome(p["id"], p["kind"], p["label"], found))
    return out


def _ratio(n: int, d: int) -> float:
    return n / d if d else 1.0


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    """Precision and recall over all matches and per kind (the keys of FLOORS)."""
    out = {}
    for name, kinds in (("", KINDS), *((f"{k} ", (k,)) for k in KINDS)):
        right = sum(o.found == o.label for o in outcomes if o.found in kinds)
        reported = sum(o.found in kinds for o in outcomes)
        labelled = sum(o.label in kinds for o in outcomes)
        out[f"{name}precision"] = _ratio(right, reported)
        out[f"{name}recall"] = _ratio(right, labelled)
    return out


def main() -> int:
    outcomes = judge(load())
    fig = figures(outcomes)
    labelled = {k: sum(o.label == k for o in outcomes) for k in (*KINDS, "none")}
    print(
        f"{len(outcomes)} labelled pairs: {labelled['shared']} shared, "
        f"{labelled['contrasting']} contrasting, {labelled['none']} not a match"
    )
    for key, value in fig.items():
        verdict = "PASS" if value >= FLOORS[key] else "FAIL"
        print(f"{verdict}  {key}: {value:.3f} (floor {FLOORS[key]:.2f})")
    for o in outcomes:
        if o.found != o.label:
            print(f"  miss  {o.id} ({o.kind}): labelled {o.label}, engine says {o.found}")
    return 0 if all(fig[k] >= FLOORS[k] for k in FLOORS) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
