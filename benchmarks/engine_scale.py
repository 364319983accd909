"""How the compare engine scales with the number of findings (a quick check, not a test).

    .venv/bin/python benchmarks/engine_scale.py [--sizes 2000,8000] [--repeat 5]

Builds two snapshots with N findings each (seeded, so every run is the same) and times
``compare.engine.compare`` (best of --repeat runs after one warm-up, wall clock and process
CPU: on a shared machine the CPU figure is the steadier one) for three corpora:

- ``phrases``: sentences assembled from per-theme phrase banks with varied subjects and
  qualifiers, like real findings (many near-restatements, a modest vocabulary);
- ``words``: sentences of random words from a 5,000-word vocabulary plus common domain
  words (almost every sentence distinct, little overlap): the case blocking must handle;
- ``big_pair``: ``benchmarks/corpus.big_pair`` (two South West inspections a year apart,
  the performance benchmark's own corpus): a repeat-inspection comparison.

Prints the time per size and the ratio of the largest size to the smallest.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compare.model import Extractor, Finding, Inspection, Judgment, Snapshot, Source

THEMES = {
    "collaboration": ["work together", "share resources with partners", "joint operations"],
    "intelligence-and-threat-assessment": [
        "assess threats",
        "gather intelligence",
        "map organised crime groups",
    ],
    "governance": ["oversee regional resources", "hold leaders to account", "set priorities"],
    "workforce": ["recruit experienced staff", "train investigators", "retain detectives"],
    "it-systems": ["access IT systems", "share data between forces", "replace old databases"],
    "offender-management": ["manage offenders", "monitor released offenders", "use orders"],
    "disruption-recording": ["record disruption activity", "count disruptions", "log outcomes"],
    "vulnerability-and-safeguarding": [
        "safeguard vulnerable people",
        "identify exploited children",
        "refer victims",
    ],
    "prevention": ["prevent people joining gangs", "deter reoffending", "run prevention work"],
    "learning": ["learn from operations", "review what works", "share lessons"],
    "specialist-capabilities": ["use specialist capabilities", "deploy covert teams", "fund labs"],
    "leadership-and-change": ["manage change", "appoint senior leads", "plan for new leaders"],
    "funding": ["secure funding", "plan budgets", "cover costs of operations"],
}
SUBJECTS = ["The unit", "The ROCU", "Forces in the region", "The force", "Regional teams"]
VERBS = ["should improve how they", "need to", "do not consistently", "effectively", "rarely"]
QUALIFIERS = [
    "across the region",
    "for serious and organised crime",
    "in every force",
    "during operations",
    "with partner agencies",
    "in line with national guidance",
    "when resources allow",
    "",
]
POLARITIES = ["strength", "area-for-improvement", "cause-of-concern", "observation"]


def phrases_text(rng: random.Random, theme: str) -> str:
    return " ".join(
        x
        for x in (
            rng.choice(SUBJECTS),
            rng.choice(VERBS),
            rng.choice(THEMES[theme]),
            rng.choice(QUALIFIERS),
            rng.choice(QUALIFIERS),
        )
        if x
    )


VOCAB = [f"w{n:04d}" for n in range(5000)] + ["unit", "forces", "intelligence", "threat", "staff"]


def words_text(rng: random.Random, theme: str) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(rng.randint(8, 20)))


def snapshot(subject: str, n: int, seed: int, corpus: str) -> Snapshot:
    rng = random.Random(seed)
    make = phrases_text if corpus == "phrases" else words_text
    themes = sorted(THEMES)
    findings = []
    for i in range(n):
        picked = tuple(sorted(rng.sample(themes, rng.choice((1, 1, 2, 3)))))
        findings.append(
            Finding(
                id=f"f-{i:05d}",
                body="region",
                polarity=rng.choice(POLARITIES),
                text=make(rng, picked[0]) + ".",
                themes=picked,
            )
        )
    return Snapshot(
        inspection=Inspection(
            programme="soc-regional", subject=subject, title="t", published="2025-01-01"
        ),
        source=Source(
            kind="text",
            sha256=hashlib.sha256(subject.encode()).hexdigest(),
            extractor=Extractor(name="bench", version="1"),
        ),
        judgments=(
            Judgment(
                body=f"{subject}-rocu", name="ROCU", role="rocu", area="soc", grade="adequate"
            ),
        ),
        findings=tuple(findings),
        version=1,
    )


def best_time(fn, repeat: int) -> tuple[float, float]:
    """(wall, cpu) seconds, each the best of ``repeat`` runs after a warm-up."""
    fn()  # warm-up: imports, caches
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return min(walls), min(cpus)


def pairs(corpus: str, n: int) -> tuple[Snapshot, Snapshot]:
    if corpus == "big_pair":
        from benchmarks.corpus import big_pair

        return big_pair(n)
    return snapshot("south-west", n, 1, corpus), snapshot("west-midlands", n, 2, corpus)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2000,8000")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from compare.engine import compare

    for corpus in ("phrases", "words", "big_pair"):
        results = []
        for n in sizes:
            a, b = pairs(corpus, n)
            wall, cpu = best_time(lambda a=a, b=b: compare(a, b), args.repeat)
            results.append((wall, cpu))
            print(
                f"{corpus:8s} {n:6d} findings/side: "
                f"wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms"
            )
        (w0, c0), (w1, c1) = results[0], results[-1]
        print(f"{corpus:8s} ratio {sizes[-1]}/{sizes[0]}: wall {w1 / w0:.2f}x  cpu {c1 / c0:.2f}x")


if __name__ == "__main__":
    main()
