"""Golden files: the reports of the seed comparison and of the fixtures, byte for byte.

Regenerate with ``INSPDIFF_UPDATE_GOLDEN=1 pytest tests/test_render_golden.py`` and review
the diff. A missing golden file fails: it never passes silently.
"""

import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from compare.engine import compare
from compare.render import render
from compare.store import Store
from tests import compare_fixtures as fx

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


def seeds():
    store = Store(ROOT / "snapshots")
    return compare(store.resolve("south-west"), store.resolve("west-midlands"))


def corrected():
    v2 = msgspec.structs.replace(
        fx.south_west(),
        version=2,
        findings=fx.south_west().findings[1:],
        source=msgspec.structs.replace(fx.south_west().source, sha256="1" * 64),
    )
    return compare(fx.south_west(), v2)


CASES = {
    "seed-south-west-vs-west-midlands.md": lambda: render(seeds(), "md"),
    "seed-south-west-vs-west-midlands.json": lambda: render(seeds(), "json"),
    "fixture-south-west-repeat.md": lambda: render(
        compare(fx.south_west(), fx.south_west_later()), "md"
    ),
    "fixture-south-west-repeat.json": lambda: render(
        compare(fx.south_west(), fx.south_west_later()), "json"
    ),
    "fixture-south-west-versions.md": lambda: render(corrected(), "md"),
    "seed-south-west-vs-west-midlands.csv": lambda: render(seeds(), "csv"),
    "fixture-south-west-repeat.csv": lambda: render(
        compare(fx.south_west(), fx.south_west_later()), "csv"
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_matches_its_golden_file(name):
    """The rendered report equals tests/golden/NAME exactly (INSPDIFF_UPDATE_GOLDEN=1
    rewrites it)."""
    text = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("INSPDIFF_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
    assert path.is_file(), f"{path} is missing: run INSPDIFF_UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


_SCRIPT = """
import sys
from tests.test_render_golden import CASES
for name in sorted(CASES):
    sys.stdout.write(CASES[name]())
"""


def test_reports_are_byte_identical_across_hash_seeds():
    """The same reports come out of processes with PYTHONHASHSEED 0, 1 and 2 (and TZ)."""
    outputs = set()
    for seed, tz in (("0", "UTC"), ("1", "Asia/Kolkata"), ("2", "America/New_York")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz}
        run = subprocess.run(
            [sys.executable, "-c", _SCRIPT], cwd=ROOT, env=env, capture_output=True, check=True
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_a_missing_golden_file_fails(tmp_path, monkeypatch):
    """Without its golden file the comparison fails rather than passing or skipping."""
    monkeypatch.setattr(sys.modules[__name__], "GOLDEN", tmp_path)
    monkeypatch.delenv("INSPDIFF_UPDATE_GOLDEN", raising=False)
    with pytest.raises(AssertionError, match="is missing"):
        test_report_matches_its_golden_file("fixture-south-west-versions.md")
