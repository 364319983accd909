"""Real git repositories in temp directories, for the `changes` and `verify --since` tests.

Each repository gets its own identity and ignores the user's and the system's git config,
so the tests behave the same on any machine.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from compare.store import Store
from tests.factories import make_snapshot

AREA = "serious-and-organised-crime"

# Seed-like grades: the South West and West Midlands as their 2025 press releases grade them.
SOUTH_WEST = {
    "south-west-rocu": "adequate",
    "avon-and-somerset-police": "requires improvement",
    "devon-and-cornwall-police": "requires improvement",
    "dorset-police": "requires improvement",
    "gloucestershire-constabulary": "inadequate",
    "wiltshire-police": "requires improvement",
}
WEST_MIDLANDS = {
    "west-midlands-rocu": "adequate",
    "staffordshire-police": "requires improvement",
    "warwickshire-police": "requires improvement",
    "west-mercia-police": "inadequate",
    "west-midlands-police": "adequate",
}


def git_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Test Author",
        "GIT_COMMITTER_EMAIL": "author@example.org",
    }


class GitRepo:
    """A work tree with a snapshot store at ``snapshots/``."""

    def __init__(self, path: Path):
        self.path = path
        self.env = git_env(path.parent)
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "commit.gpgsign", "false")
        self.store = Store(path / "snapshots")

    def git(self, *args: str) -> str:
        proc = subprocess.run(
            ["git", "-C", str(self.path), *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=True,
        )
        return proc.stdout.strip()

    def commit(self, message: str) -> str:
        """Commit everything in the work tree (this is a throwaway test repository)."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def save(self, raw: bytes, **fields) -> Path:
        """Save a factory snapshot whose source is ``raw``; return the version's path."""
        return self.store.save(make_snapshot(raw=raw, **fields), raw=raw).path

    def seed(self) -> str:
        """Commit the two seed-like inspections (South West and West Midlands, 2025)."""
        self.save(b"south west press release", subject="south-west", grades=SOUTH_WEST)
        self.save(
            b"west midlands press release",
            subject="west-midlands",
            published="2025-05-14",
            grades=WEST_MIDLANDS,
        )
        return self.commit("Seed: South West and West Midlands")

    def add_later_south_west_and_corrected_west_midlands(self) -> str:
        """A later South West inspection (Gloucestershire inadequate -> requires improvement,
        +1; Dorset requires improvement -> inadequate, -1; the rest unchanged) and a
        corrected West Midlands publication (Warwickshire requires improvement -> adequate,
        +1, from new source bytes)."""
        later = {
            **SOUTH_WEST,
            "gloucestershire-constabulary": "requires improvement",
            "dorset-police": "inadequate",
        }
        self.save(b"south west press release, 2027", published="2027-03-01", grades=later)
        corrected = {**WEST_MIDLANDS, "warwickshire-police": "adequate"}
        self.save(
            b"west midlands press release (corrected)",
            subject="west-midlands",
            published="2025-05-14",
            grades=corrected,
        )
        return self.commit("Add South West 2027 and a corrected West Midlands 2025")
