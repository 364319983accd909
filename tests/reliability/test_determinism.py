"""Determinism: every report and listing is byte-identical whatever PYTHONHASHSEED (0..4),
TZ (UTC, Asia/Kolkata) and LC_ALL (C, C.UTF-8) the process runs under.

In CI the environments form a covering array (every value of each variable, every TZ x
LC_ALL pair, every seed); INSPDIFF_SOAK=1 runs the full 20-way product. Controls printed by
the same child prove each variable really reaches it.
"""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path

import pytest

from compare.store import Store
from tests.reliability.harness import (
    HTML_RELEASE,
    PYTHON,
    REPO,
    SEED_RELEASE,
    SOAK,
    child_env,
    ingest_into,
    parallel,
)

_WM_RELEASE = REPO / "tests/fixtures/seeds/003_ac41119d1ef5f4f1.txt"
SEEDS, ZONES, LOCALES = range(5), ["UTC", "Asia/Kolkata"], ["C", "C.UTF-8"]
if SOAK:
    ENVIRONMENTS = list(itertools.product(SEEDS, ZONES, LOCALES))
else:
    pairs = list(itertools.product(ZONES, LOCALES))
    ENVIRONMENTS = [(seed, *pairs[seed % len(pairs)]) for seed in SEEDS]
CONTROLS = {"x-hash-order": 0, "x-local-time": 1, "x-codeset": 2}  # -> the variable it shows


def _commands(store: Path) -> list[list[str]]:
    v1 = str(store / "soc-regional/south-west/2025-06-12/v1.json")
    formats = ["md", "json", "html", "csv", "xlsx"]
    cmds = [
        ["list"],
        ["show", "south-west"],
        ["show", "south-west@2025-06-12#v1"],
        ["history", "south-west"],
        ["history", "west-midlands"],
        ["verify"],
        ["validate", v1],
        ["ingest", str(SEED_RELEASE), "--published", "2025-06-12", "--dry-run"],
        ["ingest", str(HTML_RELEASE), "--published", "2025-06-12", "--dry-run"],
    ]
    for fmt in formats:
        cmds += [
            ["compare", "south-west", "west-midlands", "--format", fmt],
            ["compare", "south-west@2025-06-12#v1", "south-west@2025-06-12#v2", "--format", fmt],
            ["compare", "south-west", "--previous", "--format", fmt],
        ]
    for fmt in formats:
        cmds += [
            ["report", "national", "--format", fmt],
            ["report", "body", "dorset-police", "--format", fmt],
        ]
    return cmds + [[c] for c in CONTROLS]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[tuple, dict[str, bytes]]:
    """Each environment's output of every command (stdout, exit code), keyed by command."""
    tmp = tmp_path_factory.mktemp("determinism")
    store = Store(tmp / "store")
    seed = SEED_RELEASE.read_bytes()
    ingest_into(store, seed, published="2023-01-10")
    ingest_into(store, seed)
    ingest_into(store, seed.replace(b"graded as inadequate", b"graded as adequate"))
    ingest_into(store, _WM_RELEASE.read_bytes(), published="2024-01-01")
    ingest_into(store, HTML_RELEASE.read_bytes(), suffix=".html")
    commands = tmp / "commands.json"
    commands.write_text(json.dumps(_commands(store.root)))

    def run_in(environment: tuple) -> dict[str, bytes]:
        seed_, tz, lc = environment
        env = child_env(PYTHONHASHSEED=str(seed_), TZ=tz, LC_ALL=lc, INSPDIFF_STORE=str(store.root))
        env.pop("LANG", None)
        proc = subprocess.run(
            [PYTHON, str(Path(__file__).with_name("_outputs.py")), str(commands)],
            cwd=REPO,
            env=env,
            capture_output=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        chunks = proc.stdout.split(b"\0== ")[1:]
        return {c.split(b"\n", 1)[0].decode(): c.split(b"\n", 1)[1] for c in chunks}

    return dict(zip(ENVIRONMENTS, parallel(run_in, ENVIRONMENTS), strict=True))


def test_every_command_output_is_byte_identical_in_every_environment(outputs):
    """list/show/history/verify/validate/ingest --dry-run/compare/report: same bytes everywhere."""
    first = next(iter(outputs.values()))
    commands = [c for c in first if not c.startswith("x-")]
    assert len(commands) == 34
    differing = {c: [env for env, out in outputs.items() if out[c] != first[c]] for c in commands}
    assert {c: envs for c, envs in differing.items() if envs} == {}


def test_every_command_succeeded(outputs):
    """The compared outputs are real reports, not the same error message everywhere."""
    first = next(iter(outputs.values()))
    failed = {c: out[-40:] for c, out in first.items() if not out.endswith(b"\0exit 0\n")}
    assert failed == {}


def test_the_environment_really_reaches_the_child(outputs):
    """Controls: hash order, local time and codeset differ across seeds, zones and locales."""
    for control, position in CONTROLS.items():
        seen = {env[position]: out[control] for env, out in outputs.items()}
        assert len(set(seen.values())) == len(seen) > 1, control
