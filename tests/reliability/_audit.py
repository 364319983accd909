"""Child process for the path-traversal tests: run hostile cases with every filesystem
access recorded (``sys.addaudithook`` for open/listdir/scandir/mkdir/rename/link/remove...,
plus wrappers for os.stat/lstat/access, which raise no audit event).

Usage: ``python _audit.py STORE CASES_JSON``; CASES is a list of [surface, *arguments];
prints one JSON object per case: {"outcome": exception class or "ok", "exit": code,
"stderr": ..., "paths": [every path touched]}.
"""

from __future__ import annotations

import io as _io
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

_touched: list[str] = []
_PATH_EVENTS = {
    "open",
    "os.listdir",
    "os.scandir",
    "os.mkdir",
    "os.rename",
    "os.link",
    "os.symlink",
    "os.remove",
    "os.rmdir",
    "os.truncate",
    "os.chmod",
    "os.chown",
    "os.utime",
    "os.chdir",
    "glob.glob",
}


def _record(path) -> None:
    if isinstance(path, (str, bytes, os.PathLike)):
        _touched.append(os.fsdecode(path))


def _hook(event: str, args: tuple) -> None:
    if event in _PATH_EVENTS and args:
        _record(args[0])
        if event in ("os.rename", "os.link", "os.symlink") and len(args) > 1:
            _record(args[1])


def _wrap(name: str) -> None:
    real = getattr(os, name)

    def wrapper(path, *a, **kw):
        _record(path)
        return real(path, *a, **kw)

    setattr(os, name, wrapper)


def run_case(case: list, store_root: str) -> dict:
    import msgspec
    from click.testing import CliRunner

    from compare.cli import cli
    from compare.store import Store
    from tests.factories import make_snapshot

    surface, *args = case
    result: dict = {"outcome": "ok"}
    _touched.clear()
    try:
        if surface == "resolve":
            Store(store_root).resolve(args[0])
        elif surface == "history":
            Store(store_root).subject_history(args[0])
        elif surface == "save":
            field, value = args
            snap = make_snapshot()
            target = snap.inspection
            msgspec.structs.force_setattr(target, field, value)  # bypass model validation
            Store(store_root).save(snap, raw=b"press release text")
        elif surface == "ingest":
            from compare.ingest import ingest_text

            option, value, text = args
            ingest_text(text, **{"published": "2025-06-12", option: value})
        elif surface == "cli":
            runner = CliRunner()
            out = runner.invoke(cli, [*args, "--store", store_root])
            result.update(exit=out.exit_code, stderr=out.stderr)
            if out.exception and not isinstance(out.exception, SystemExit):
                result["outcome"] = type(out.exception).__name__
        else:
            raise AssertionError(surface)
    except Exception as err:
        result["outcome"] = type(err).__name__
        result["message"] = str(err)
    result["paths"] = list(_touched)
    return result


def main() -> None:
    store_root, cases = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    sys.stdout = _io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
    # Import everything a case may need first, so imports are not mistaken for the case's
    # own filesystem calls.
    import compare.cli
    import compare.ingest.extract
    import compare.store  # noqa: F401

    run_case(["cli", "report", "body", "dorset-police"], store_root)
    sys.addaudithook(_hook)
    for name in ("stat", "lstat", "access"):
        _wrap(name)
    results = [run_case(case, store_root) for case in cases]
    print(json.dumps(results))


if __name__ == "__main__":
    main()
