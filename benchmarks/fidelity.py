"""How exactly ingest reads real publications: grades found against the grades they state.

    python benchmarks/fidelity.py              # the table, per publisher class
    python benchmarks/fidelity.py -v           # and each document's misses and inventions
    python benchmarks/fidelity.py --json       # the figures as JSON

Reads ``benchmarks/fidelity/facts.yaml`` (facts we wrote down from real publications: url,
date, programme, publisher, subject and each stated grade) and ingests every text of it
that is present in ``benchmarks/corpus-real/`` (git-ignored: third-party text is never
committed) as ``inspdiff ingest FILE --dry-run`` would, in this process. A text with no
date of its own is read with ``--published`` from the facts, as a user would when asked.

- found: stated (body, area, grade) triples the snapshot holds;
- invented: graded judgments of the snapshot that the text does not state;
- exact: complete texts (they state every grade of their inspection) read to exactly the
  stated grades, nothing more;
- refused: texts ingest declined (exit 2), with the reason; crashes: anything else raised.

Exit 0 always (it measures; the targets are read from the table): 1 when a text crashes.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from compare.errors import IngestError  # noqa: E402
from compare.ingest import ingest_one  # noqa: E402

FACTS = HERE / "fidelity" / "facts.yaml"
CORPUS = HERE / "corpus-real"
CLASSES = ("hmicfrs", "force", "pcc", "news", "trade")


@dataclass
class Tally:
    documents: int = 0
    stated: int = 0
    found: int = 0
    invented: int = 0
    complete: int = 0
    exact: int = 0
    refused: int = 0
    crashed: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Result:
    file: str
    publisher: str
    set: str
    tally: Tally
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    invented: list[tuple[str, str, str]] = field(default_factory=list)
    error: str = ""


def triples(grades: list[dict]) -> set[tuple[str, str, str]]:
    return {(g["body"], g["area"], g["grade"]) for g in grades}


def measure(entry: dict) -> Result:
    path = CORPUS / entry["file"]
    stated = triples(entry.get("grades") or [])
    t = Tally(documents=1, stated=len(stated), complete=int(bool(entry.get("complete"))))
    result = Result(entry["file"], entry.get("publisher", "news"), entry.get("set", "dev"), t)
    try:
        try:
            snaps = [ingest_one(str(path))]
        except IngestError as err:
            if "no publication date" not in str(err):
                raise
            snaps = [ingest_one(str(path), published=str(entry["published"]))]
    except IngestError as err:
        t.refused = 1
        result.error = str(err)
        result.missed = sorted(stated)
        return result
    except Exception:  # a crash is what this counts
        t.crashed = 1
        result.error = traceback.format_exc(limit=3)
        result.missed = sorted(stated)
        return result
    read = {(j.body, j.area, j.grade) for s in snaps for j in s.snapshot.judgments if j.grade}
    t.found = len(read & stated)
    result.missed = sorted(stated - read)
    result.invented = sorted(read - stated)
    t.invented = len(result.invented)
    t.exact = int(bool(t.complete and read == stated))
    return result


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "-"


def table(rows: dict[str, Tally]) -> str:
    lines = [
        "| publisher | texts | grades found / stated | complete texts exact | invented | refused "
        "| crashes |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, t in rows.items():
        lines.append(
            f"| {name} | {t.documents} | {t.found} / {t.stated} ({pct(t.found, t.stated)}) "
            f"| {t.exact} / {t.complete} | {t.invented} | {t.refused} | {t.crashed} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="each document's misses")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    parser.add_argument("--facts", type=Path, default=FACTS)
    parser.add_argument("--only", help="only texts whose file name holds this")
    parser.add_argument(
        "--set",
        metavar="SET",
        help="only the texts of this set: dev, holdout, holdout2, ... (default: all)",
    )
    args = parser.parse_args(argv)
    try:
        entries = yaml.safe_load(args.facts.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as err:
        parser.error(f"{args.facts}: {err}")
    present = [e for e in entries if (CORPUS / e["file"]).is_file()]
    if args.only:
        present = [e for e in present if args.only in e["file"]]
    if args.set:
        present = [e for e in present if e.get("set", "dev") == args.set]
    results = [measure(e) for e in present]
    by_class: dict[str, Tally] = defaultdict(Tally)
    for r in results:
        by_class[r.publisher].add(r.tally)
        key = "HMICFRS-written" if r.publisher == "hmicfrs" else "others (force, PCC, press)"
        by_class[key].add(r.tally)
        by_class["all"].add(r.tally)
        by_class[f"set: {r.set}"].add(r.tally)
    order = [
        *CLASSES,
        "HMICFRS-written",
        "others (force, PCC, press)",
        *sorted(k for k in by_class if k.startswith("set: ")),
        "all",
    ]
    rows = {k: by_class[k] for k in order if k in by_class}
    if args.json:
        print(json.dumps({k: vars(v) for k, v in rows.items()}, indent=2))
    else:
        print(f"{len(present)} of {len(entries)} texts present in {CORPUS}")
        print(table(rows))
    if args.verbose:
        for r in results:
            if r.missed or r.invented or r.error:
                print(f"\n{r.file} ({r.publisher}): found {r.tally.found}/{r.tally.stated}")
                if r.error:
                    print(f"  error: {r.error.strip().splitlines()[-1]}")
                for m in r.missed:
                    print(f"  missed   {' | '.join(m)}")
                for i in r.invented:
                    print(f"  INVENTED {' | '.join(i)}")
    return 1 if by_class["all"].crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
