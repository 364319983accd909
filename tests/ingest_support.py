"""Shared helpers for the ingest tests: fixture paths and compact views of a snapshot."""

from __future__ import annotations

import textwrap
from pathlib import Path

from compare.ingest import Ingested, ingest_text
from compare.model import Snapshot

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SOUTH_WEST = SEEDS / "000_29006897edd56686.txt"
WEST_MIDLANDS = SEEDS / "003_ac41119d1ef5f4f1.txt"
WEST_MIDLANDS_HTML = FIXTURES / "ingest" / "west-midlands-release.html"
# The canonical inputs, beside the checkout (CI lays shared/ next to the clone).
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def grades(snap: Snapshot) -> dict[str, str | None]:
    """body id -> grade, for publications with one area."""
    return {j.body: j.grade for j in snap.judgments}


def area_grades(snap: Snapshot) -> dict[tuple[str, str], str | None]:
    return {(j.body, j.area): j.grade for j in snap.judgments}


def ingest(text: str, **options) -> Ingested:
    """Ingest a dedented text publication."""
    return ingest_text(textwrap.dedent(text).strip() + "\n", **options)


def findings_with(snap: Snapshot, words: str):
    """The findings whose text contains ``words`` (case-insensitive)."""
    return [f for f in snap.findings if words.lower() in f.text.lower()]
