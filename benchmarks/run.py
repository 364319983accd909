"""Measure inspdiff against its performance targets and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # the full run (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # tiny corpus, a check that every scenario runs

Every scenario runs the real CLI in a child process, repeated, and reports the median.
Ratios compare figures taken in the same run. Prints PASS/FAIL per target and exits 1 if a
target fails (--quick reports figures but asserts nothing: small inputs say nothing about
scale). Corpora are generated with fixed seeds (benchmarks/corpus.py) into a temp dir.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

BIN = Path(sys.executable).parent
INSPDIFF = (
    [str(BIN / "inspdiff")] if (BIN / "inspdiff").exists() else [sys.executable, "-m", "compare"]
)
DEEP = BIN / "deep"


@dataclass
class Target:
    name: str
    figure: str
    limit: str
    ok: bool | None  # None: reported, not asserted


def run(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None) -> float:
    """Wall time of one run; fails loudly if the command fails (a benchmark of an error is
    worthless)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
            f"{proc.stderr.decode(errors='replace')}"
        )
    return elapsed


def median(cmd: list[str], repeat: int, **kw) -> float:
    run(cmd, **kw)  # warm the page cache
    return statistics.median(run(cmd, **kw) for _ in range(repeat))


def medians(cmds: dict[str, tuple[list[str], dict]], repeat: int) -> dict[str, float]:
    """Medians of several commands measured side by side: each repetition runs every command
    once, in turn, so a slow spell of a shared machine slows all of them alike and the
    ratios between them hold."""
    for cmd, kw in cmds.values():
        run(cmd, **kw)  # warm the page cache
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, (cmd, kw) in cmds.items():
            times[name].append(run(cmd, **kw))
    return {name: statistics.median(t) for name, t in times.items()}


def peak_rss_mb(cmd: list[str], **kw) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one run, via a fresh child so RUSAGE is its own."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "e = time.perf_counter() - t\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(e, r, p.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True, **kw
    ).stdout.split()
    if out[2] != "0":
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    return float(out[0]), float(out[1])


def build_store(store: Path, n: int) -> None:
    """A store of ``n`` generated snapshots, written in a child process (its memory is not
    this one's) through the real store, without fsync (corpus building only)."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, corpus, pathlib; corpus.build_store(pathlib.Path(sys.argv[1]), {n})",
            str(store),
        ],
        cwd=HERE,
        env={**os.environ, "INSPDIFF_IO_UNSAFE": "nofsync"},
        check=True,
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny corpus, no assertions")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--scratch",
        type=Path,
        default=HERE / ".work",
        help="where corpora and stores are built (default benchmarks/.work, removed after)",
    )
    args = parser.parse_args()
    # What README's set-up does after installing: with PYTHONDONTWRITEBYTECODE=1 (set on
    # these machines) an edited, uncompiled module would be recompiled on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "compare")], check=True)
    quick = args.quick
    repeat = 3 if quick else 11
    targets: list[Target] = []
    env = {**os.environ, "INSPDIFF_STORE": str(ROOT / "snapshots")}
    # Scratch space beside the project, where a user's store lives, not the system temp
    # directory: there, a test run's clean-up of tens of thousands of files makes creating
    # files several times slower for minutes afterwards (ext4 without a journal skips
    # recently freed inodes one by one), which the ingest figure would then measure.
    made_scratch = not args.scratch.exists()
    if args.scratch.exists() and not args.scratch.is_dir():
        parser.error(f"--scratch {args.scratch}: not a directory")
    try:
        args.scratch.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        parser.error(f"--scratch {args.scratch}: {err.strerror or err}")
    work = Path(tempfile.mkdtemp(prefix="inspdiff-bench-", dir=args.scratch))
    try:
        # 1. start-up -------------------------------------------------------------------
        for flag in ("--help", "--version"):
            t = median([*INSPDIFF, flag], repeat * 2, env=env)
            targets.append(Target(f"`inspdiff {flag}`", ms(t), "<= 80 ms", t <= 0.080))

        # 2. compare the seeds vs deepdiff's CLI and a floor script ------------------------
        seeds = sorted((ROOT / "snapshots").glob("soc-regional/*/*/v*.json"))
        a = next(p for p in seeds if "/south-west/" in str(p))
        b = next(p for p in seeds if "/west-midlands/" in str(p))
        trio = {
            "compare": (
                [*INSPDIFF, "compare", "south-west", "west-midlands"],
                {"cwd": ROOT, "env": env},
            ),
            "floor": ([sys.executable, str(HERE / "floor.py"), str(a), str(b)], {}),
        }
        if DEEP.exists():
            trio["deep"] = ([str(DEEP), "diff", str(a), str(b)], {})
        t = medians(trio, repeat)
        t_cmp, t_floor = t["compare"], t["floor"]
        line = f"{ms(t_cmp)} (floor {ms(t_floor)}"
        if DEEP.exists():
            t_deep = t["deep"]
            line += f", deep diff {ms(t_deep)})"
            targets.append(
                Target(
                    "compare seeds / `deep diff`",
                    f"{t_cmp / t_deep:.2f}x ({ms(t_cmp)} / {ms(t_deep)})",
                    "<= 0.5x",
                    None if quick else t_cmp <= 0.5 * t_deep,
                )
            )
        else:
            line += ")"
            targets.append(
                Target(
                    "compare seeds / `deep diff`",
                    "deepdiff[cli] not installed",
                    "<= 0.5x",
                    None if quick else False,
                )
            )
        targets.append(
            Target(
                "compare seeds / floor",
                f"{t_cmp / t_floor:.2f}x ({line})",
                "<= 4x",
                None if quick else t_cmp <= 4 * t_floor,
            )
        )

        # 3. engine scaling -------------------------------------------------------------
        from compare import model

        n1 = 200 if quick else 2000
        pairs = {}
        for n in (n1, 4 * n1):
            x, y = corpus.big_pair(n)
            px, py = work / f"a{n}.json", work / f"b{n}.json"
            px.write_bytes(model.to_json(x))
            py.write_bytes(model.to_json(y))
            pairs[n] = ([*INSPDIFF, "compare", str(px), str(py)], {})
        times = medians(pairs, max(3, repeat // 2))
        targets.append(
            Target(
                f"compare {n1} findings each",
                ms(times[n1]),
                "<= 600 ms",
                None if quick else times[n1] <= 0.600,
            )
        )
        ratio = times[4 * n1] / times[n1]
        targets.append(
            Target(
                f"compare {4 * n1} vs {n1} findings",
                f"{ratio:.2f}x ({ms(times[4 * n1])})",
                "<= 6x",
                None if quick else ratio <= 6,
            )
        )

        # 4. folder ingest ----------------------------------------------------------------
        n_rel = 100 if quick else 2000
        folder = work / "releases"
        corpus.press_releases(folder, n_rel)
        one = work / "one"
        one.mkdir()
        shutil.copy(sorted(folder.iterdir())[0], one)
        t_one = median([*INSPDIFF, "ingest", str(one), "--store", str(work / "s1")], 3)
        shutil.rmtree(work / "s1")
        # Each run into a store of its own, none deleted before the end: on a file system
        # without a journal (as here), creating files just after many were deleted is slow
        # (ext4 skips recently freed inodes one by one), which would time the deletions.
        t_all = statistics.median(
            run([*INSPDIFF, "ingest", str(folder), "--store", str(work / f"s-all-{i}")])
            for i in range(1 if quick else 3)
        )
        rate = (n_rel - 1) / max(t_all - t_one, 1e-9)
        targets.append(
            Target(
                f"folder ingest of {n_rel} releases",
                f"{rate:.0f}/s ({t_all:.2f} s in all, start-up and one file {ms(t_one)})",
                ">= 500/s after start-up",
                None if quick else rate >= 500,
            )
        )

        # 5. national over 10,000 and 20,000 snapshots -----------------------------------
        sizes = (300, 600) if quick else (10_000, 20_000)
        stores = {n: work / f"store{n}" for n in sizes}
        for n, store in stores.items():
            build_store(store, n)
        subprocess.run(["sync"], check=False)  # the build's writes, not the runs', hit the disk
        # Cold runs (cache removed) of both sizes side by side, repeated; medians.
        cold_runs: dict[int, list[float]] = {n: [] for n in sizes}
        rss: dict[int, float] = dict.fromkeys(sizes, 0.0)
        for _ in range(1 if quick else 3):
            for n, store in stores.items():
                shutil.rmtree(store / ".cache", ignore_errors=True)
                t, r = peak_rss_mb([*INSPDIFF, "report", "national", "--store", str(store)])
                cold_runs[n].append(t)
                rss[n] = max(rss[n], r)
        cold = {n: statistics.median(t) for n, t in cold_runs.items()}
        n = sizes[0]
        warm = median([*INSPDIFF, "report", "national", "--store", str(stores[n])], 3)
        targets += [
            Target(
                f"national over {n} snapshots, cold",
                f"{cold[n]:.2f} s",
                "<= 5 s",
                None if quick else cold[n] <= 5,
            ),
            Target(
                f"national over {n} snapshots, unchanged store",
                f"{warm:.2f} s",
                "<= 1 s",
                None if quick else warm <= 1,
            ),
            Target(
                f"national over {n} snapshots, peak RSS",
                f"{rss[n]:.0f} MB",
                "<= 500 MB",
                None if quick else rss[n] <= 500,
            ),
        ]
        big = sizes[1]
        r = cold[big] / cold[n]
        targets.append(
            Target(
                f"national cold {big} / {n}",
                f"{r:.2f}x ({cold[big]:.2f} s, {rss[big]:.0f} MB)",
                "<= 2.2x",
                None if quick else r <= 2.2,
            )
        )

        # 6. verify over 3,000 versions -------------------------------------------------
        n_ver = 300 if quick else 3000
        vstore = work / "verify"
        build_store(vstore, n_ver)
        t_ver = median([*INSPDIFF, "verify", "--store", str(vstore)], max(3, repeat // 2))
        targets.append(
            Target(
                f"verify over {n_ver} versions", ms(t_ver), "<= 1 s", None if quick else t_ver <= 1
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if made_scratch:
            with contextlib.suppress(OSError):
                args.scratch.rmdir()

    failed = [t for t in targets if t.ok is False]
    for t in targets:
        verdict = {True: "PASS", False: "FAIL", None: "----"}[t.ok]
        print(f"{verdict}  {t.name}: {t.figure} (target {t.limit})")
    if not quick:
        write_results(args.output, targets)
        print(f"wrote {args.output}")
    return 1 if failed else 0


def write_results(path: Path, targets: list[Target]) -> None:
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in (
            "inspdiff",
            "click",
            "msgspec",
            "jinja2",
            "rapidfuzz",
            "pandas",
            "deepdiff",
            "selectolax",
            "PyYAML",
        )
    )
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lines = [
        "# Benchmark results",
        "",
        "Written by `python benchmarks/run.py`; medians of repeated runs of the real CLI in a "
        "child process.",
        "",
        f"- Machine: {os.cpu_count()} cores, {cpu}, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"{platform.system()} {platform.release()}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- Versions: {versions}",
        f"- PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')}",
        "",
        "| verdict | scenario | figure | target |",
        "|---|---|---|---|",
    ]
    for t in targets:
        verdict = {True: "PASS", False: "FAIL", None: "-"}[t.ok]
        lines.append(f"| {verdict} | {t.name} | {t.figure} | {t.limit} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
