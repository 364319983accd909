"""How the compare engine scales with the number of findings (a quick check, not a test).

    .venv/bin/python benchmarks/engine_scale.py [--sizes 2000,8000] [--repeat 5]

Builds two region snapshots with N findings each (seeded, so every run is the same), times
``compare.engine.compare`` (median of --repeat runs, after one warm-up) for two corpora:

- ``phrases``: sentences assembled from per-theme phrase banks with varied subjects and
  qualifiers, like real findings (many near-restatements, a modest vocabulary);
- ``words``: sentences of random words from a 5,000-word vocabulary plus common domain
  words (almost every sentence distinct, little overlap): the case blocking must handle.

Prints the time per size and the ratio of the largest size to the smallest.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
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


def median_time(fn, repeat: int) -> float:
    fn()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2000,8000")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from compare.engine import compare

    for corpus in ("phrases", "words"):
        results = []
        for n in sizes:
            a = snapshot("south-west", n, 1, corpus)
            b = snapshot("west-midlands", n, 2, corpus)
            t = median_time(lambda a=a, b=b: compare(a, b), args.repeat)
            cs = compare(a, b)
            results.append(t)
            print(
                f"{corpus:8s} {n:6d} findings/side: {t * 1000:8.1f} ms  "
                f"(shared {len(cs.shared)}, contrasting {len(cs.contrasting)})"
            )
        print(f"{corpus:8s} ratio {sizes[-1]}/{sizes[0]}: {results[-1] / results[0]:.2f}x")


if __name__ == "__main__":
    main()
