"""What git says about the snapshot store between two revisions.

The git command line through ``subprocess`` (``git -C TOP ...``), never GitPython: one
fewer dependency, and git's machine formats (``-z``) are stable. Every failure becomes a
one-line GitError that says how to fix it: not a repository, an unknown revision, or a
shallow clone that lacks the revision (the usual CI mistake: ``fetch-depth: 0``).

A *side* of a comparison is a revision (a commit sha) or ``None`` for the working tree,
which includes untracked files (a snapshot just ingested and not yet committed).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from compare.errors import GitError

WORKING_TREE = "the working tree"

# Git's messages are for people; what we parse is -z machine output, but keep the
# messages we quote stable too.
_ENV = {**os.environ, "LC_ALL": "C", "LANG": "C", "GIT_TERMINAL_PROMPT": "0"}


@dataclass(frozen=True, slots=True)
class PathChange:
    """One path's change between two sides, as ``git diff --name-status`` reports it."""

    status: str  # A added, M modified, D deleted, R renamed, C copied, T type changed
    path: str  # repo-relative POSIX path (the new path of a rename or copy)
    old_path: str | None = None  # the old path of a rename or copy


class Repo:
    """A git work tree, addressed by its top-level directory."""

    def __init__(self, top: Path):
        self.top = top

    @classmethod
    def containing(cls, path: Path | str) -> Repo:
        """The repository whose work tree holds ``path`` (which need not exist yet)."""
        start = Path(os.path.abspath(path))
        while not start.is_dir() and start != start.parent:
            start = start.parent
        try:
            proc = subprocess.run(
                ["git", "-C", str(start), "rev-parse", "--show-toplevel"],
                capture_output=True,
                env=_ENV,
                check=False,
            )
        except FileNotFoundError:
            raise GitError("git is not installed (or not on PATH); install git") from None
        if proc.returncode != 0:
            reason = _first_line(proc.stderr)
            if "not a git repository" in reason:
                raise GitError(
                    f"{path} is not in a git repository: run inside a clone of the repository "
                    "that holds the snapshots (or pass --store DIR inside one)"
                )
            raise GitError(f"git cannot read the repository at {start}: {reason}")
        return cls(Path(os.fsdecode(proc.stdout).strip()))

    # -- running git ---------------------------------------------------------------------
    def git(self, *args: str, ok: Iterable[int] = (0,)) -> bytes:
        """Run ``git -C TOP args...`` and return stdout; raise GitError on failure."""
        proc = subprocess.run(
            ["git", "-C", str(self.top), *args], capture_output=True, env=_ENV, check=False
        )
        if proc.returncode not in tuple(ok):
            raise GitError(f"git {args[0]} failed in {self.top}: {_first_line(proc.stderr)}")
        return proc.stdout

    def is_shallow(self) -> bool:
        return self.git("rev-parse", "--is-shallow-repository").strip() == b"true"

    def resolve(self, rev: str) -> str:
        """The full sha of the commit ``rev`` names, or a GitError saying why there is none."""
        if not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r"):
            raise GitError(f"{rev!r} is not a git revision")
        proc = subprocess.run(
            ["git", "-C", str(self.top), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
            capture_output=True,
            env=_ENV,
            check=False,
        )
        if proc.returncode == 0:
            return proc.stdout.decode("ascii").strip()
        if set(rev) == {"0"}:
            raise GitError(
                f"{rev} is git's all-zeros sha (a push that created a branch has no "
                "previous commit): pass a real base revision, e.g. the default branch"
            )
        if self.is_shallow():
            raise GitError(
                f"unknown revision {rev!r}: this clone is shallow and lacks it; fetch the full "
                "history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)"
            )
        raise GitError(
            f"unknown revision {rev!r} in {self.top} (check the name, or git fetch it first)"
        )

    def relative(self, path: Path | str) -> str:
        """``path`` relative to the top of the work tree, as a POSIX path ('' for the top)."""
        top = Path(os.path.realpath(self.top))
        target = Path(os.path.realpath(path))
        try:
            rel = target.relative_to(top)
        except ValueError:
            raise GitError(f"{path} is outside the git work tree {self.top}") from None
        return PurePosixPath(*rel.parts).as_posix() if rel.parts else ""

    # -- questions -----------------------------------------------------------------------
    def diff(self, since: str, until: str | None, under: str, *, renames: bool) -> list[PathChange]:
        """Paths under ``under`` that differ from ``since`` to ``until`` (None: the working
        tree, untracked files included as additions)."""
        args = ["diff", "--name-status", "-z", "--no-ext-diff", "--no-textconv"]
        args.append("-M" if renames else "--no-renames")
        args += [since] if until is None else [since, until]
        changes = _parse_name_status(self.git(*args, "--", _spec(under)))
        if until is None:
            changes += [PathChange("A", p) for p in self.untracked(under)]
        return sorted(changes, key=lambda c: (c.path, c.status))

    def untracked(self, under: str) -> list[str]:
        out = self.git("ls-files", "--others", "--exclude-standard", "-z", "--", _spec(under))
        return sorted(os.fsdecode(p) for p in out.split(b"\0") if p)

    def ls_tree(self, rev: str, under: str) -> list[str]:
        """Every file path under ``under`` at ``rev``."""
        out = self.git("ls-tree", "-r", "--name-only", "-z", rev, "--", _spec(under))
        return sorted(os.fsdecode(p) for p in out.split(b"\0") if p)

    def commits_touching(self, since: str, until: str | None, path: str) -> list[str]:
        """Short shas of the non-merge commits in ``since..until`` that changed ``path``,
        oldest first; empty when only the working tree changed it."""
        out = self.git(
            "rev-list",
            "--reverse",
            "--no-merges",
            "--abbrev-commit",
            f"{since}..{until or 'HEAD'}",
            "--",
            _spec(path),
        )
        return out.decode("ascii").split()

    def short(self, sha: str) -> str:
        return self.git("rev-parse", "--short", sha).decode("ascii").strip()

    def reader(self, rev: str | None) -> TreeReader:
        return TreeReader(self, rev)


class TreeReader:
    """Read files as they are at one side: a revision (through one long-lived
    ``git cat-file --batch``) or the working tree (from disk)."""

    def __init__(self, repo: Repo, rev: str | None):
        self.repo, self.rev = repo, rev
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> TreeReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._proc is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait()
            self._proc = None

    def read(self, path: str) -> bytes | None:
        """The file's bytes at this side, or None when it does not exist there."""
        if self.rev is None:
            try:
                return (self.repo.top / path).read_bytes()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                return None
        if "\n" in path:
            return None
        proc = self._batch()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(f"{self.rev}:{path}\n".encode())
        proc.stdin.flush()
        header = proc.stdout.readline()
        if not header:
            raise GitError(f"git cat-file stopped while reading {path} at {self.rev[:12]}")
        parts = header.split()
        if len(parts) != 3 or parts[1] != b"blob":
            if len(parts) == 3:  # a tree or a submodule: skip its body
                proc.stdout.read(int(parts[2]) + 1)
            return None
        data = proc.stdout.read(int(parts[2]))
        proc.stdout.read(1)  # the newline after each object
        return data

    def _batch(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            self._proc = subprocess.Popen(
                ["git", "-C", str(self.repo.top), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_ENV,
            )
        return self._proc


def _spec(path: str) -> str:
    # A literal pathspec: a store directory named "[x]" or "*" means itself.
    return f":(literal){path or '.'}"


def _parse_name_status(out: bytes) -> list[PathChange]:
    fields = [os.fsdecode(f) for f in out.split(b"\0")]
    changes: list[PathChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        code = status[0]
        if code in "RC":
            changes.append(PathChange(code, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            changes.append(PathChange(code, fields[i + 1]))
            i += 2
    return changes


def _first_line(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    line = lines[0] if lines else "no message"
    return line.removeprefix("fatal: ").removeprefix("error: ")
