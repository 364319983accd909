"""Baselines the benchmark measures beside inspdiff, so each target is a ratio that holds on
a slow machine as on a fast one (both sides slow down together).

    python benchmarks/baseline.py read-split FOLDER     # read every file, split sentences
    python benchmarks/baseline.py decode-hash STORE     # sha256 and msgspec-decode v*.json

Start-up's baseline needs no script: ``python -c "import click"``. Each does the least a
tool must do for the same job; no inspdiff module is imported.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from pathlib import Path


def read_split(folder: Path) -> int:
    """Read each file as UTF-8 and split it into sentences: the floor of any ingest."""
    n = 0
    splitter = re.compile(r"(?<=[.!?])\s+")
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            n += len(splitter.split(path.read_text(encoding="utf-8")))
    return n


def decode_hash(store: Path) -> int:
    """Hash and decode every version file: the floor of verify and a national report."""
    import msgspec

    decoder = msgspec.json.Decoder()
    n = 0
    for path in sorted(store.glob("*/*/*/v*.json")):
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        decoder.decode(data)
        n += 1
    return n


def main(argv: list[str]) -> int:
    """Prints the work's own seconds (start-up excluded) and what it counted."""
    jobs = {"read-split": read_split, "decode-hash": decode_hash}
    if len(argv) != 2 or argv[0] not in jobs:
        print(__doc__, file=sys.stderr)
        return 2
    start = time.perf_counter()
    count = jobs[argv[0]](Path(argv[1]))
    print(f"{time.perf_counter() - start:.6f} {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
