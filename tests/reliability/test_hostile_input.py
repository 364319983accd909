"""Hostile input: YAML code tags and alias bombs, duplicate keys, YAML 1.1 type hazards,
path traversal in every id/slug/reference, oversized sources, and deeply nested HTML."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from compare import model, yamlio
from compare.errors import InspdiffError, SnapshotInvalid
from compare.store import Store, load_file
from tests.factories import make_snapshot
from tests.reliability.harness import PYTHON, REPO, child_env, run

# A snapshot as YAML a person might write, with a slot for hostile content.
_YAML = """\
schema: 1
inspection:
  programme: soc-regional
  subject: south-west
  title: {title}
  published: '2025-06-12'
source:
  kind: text
  sha256: {sha}
  extractor: {{name: inspdiff.ingest, version: '1'}}
"""
_SHA = "0" * 64
# Generous: a correctness bound (nothing is expanded or executed), not a benchmark.
FAST = 0.1


def _timed(fn, *args):
    start = time.perf_counter()
    try:
        fn(*args)
    except InspdiffError as err:
        return time.perf_counter() - start, err
    return time.perf_counter() - start, None


# -- YAML: code execution and alias bombs ---------------------------------------------------
_CODE_TAGS = [
    '!!python/object/apply:os.system ["touch {canary}"]',
    '!!python/object/apply:subprocess.call [["touch", "{canary}"]]',
    '!!python/object/new:os.system ["touch {canary}"]',
    "!!python/name:os.system",
    "!!python/module:os",
    '!!python/object:builtins.open {{file: "{canary}", mode: "w"}}',
    '!local-tag "touch {canary}"',
]


@pytest.mark.parametrize("tag", _CODE_TAGS)
def test_yaml_code_tags_are_rejected_quickly_and_never_run(tag, tmp_path):
    """A !!python/... tag in a YAML snapshot is refused (< 100 ms); the canary never appears."""
    canary = tmp_path / "canary"
    text = _YAML.format(title=tag.format(canary=canary), sha=_SHA)
    elapsed, err = _timed(yamlio.load_text, text, "hostile.yaml")
    assert isinstance(err, SnapshotInvalid) and elapsed < FAST
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    proc = run(["validate", str(path)])
    assert proc.returncode == 2 and "hostile.yaml" in proc.stderr
    assert run(["show", str(path)]).returncode == 2
    assert not canary.exists()


def _billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "doc",
    [
        _billion_laughs(),
        "inspection: &x {title: a}\nsource: *x\n",  # one alias: still refused
        "a: &a [" + ",".join(["x"] * 1000) + "]\n" + "".join(f"k{i}: *a\n" for i in range(2000)),
    ],
    ids=["billion-laughs", "single-alias", "quadratic-fan-out"],
)
def test_yaml_anchors_and_alias_bombs_are_rejected_quickly(doc, tmp_path):
    """Anchors and aliases are refused before anything is expanded, in < 100 ms."""
    elapsed, err = _timed(yamlio.load_text, doc, "bomb.yaml")
    assert isinstance(err, SnapshotInvalid) and "aliases" in str(err)
    assert elapsed < FAST, f"{elapsed * 1000:.0f} ms"
    path = tmp_path / "bomb.yaml"
    path.write_text(doc)
    proc = run(["validate", str(path)])
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1


def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path):
    """10,000 nested YAML lists give SnapshotInvalid, not RecursionError or a hang."""
    doc = "title: " + "[" * 10_000 + "]" * 10_000 + "\n"
    elapsed, err = _timed(load_text_or_recursion, doc)
    assert isinstance(err, SnapshotInvalid), err
    assert elapsed < 2


def load_text_or_recursion(doc: str):
    try:
        return yamlio.load_text(doc, "deep.yaml")
    except RecursionError as err:  # reported as a failure by the caller's isinstance check
        raise AssertionError(f"RecursionError escaped: {err}") from None


# -- duplicate keys -------------------------------------------------------------------------
_SNAP_JSON = json.loads(model.to_json(make_snapshot()))


def _json_with_duplicate(path: str) -> str:
    """The snapshot as JSON text with the key at dotted ``path`` written twice."""
    text = json.dumps(_SNAP_JSON, indent=2)
    *parents, key = path.split(".")
    value = _SNAP_JSON
    for p in parents:
        value = value[p]
    needle = f'"{key}": {json.dumps(value[key])}'
    assert needle in text
    return text.replace(needle, f'"{key}": "decoy",\n{needle}', 1)


@pytest.mark.parametrize("key", ["schema", "inspection.title", "source.extractor.version"])
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_duplicate_keys_are_rejected_in_json_and_yaml(fmt, key, tmp_path):
    """A key written twice, at the top or nested, is an error naming the file, not last-wins."""
    text = _json_with_duplicate(key)
    path = tmp_path / f"dup.{fmt}"
    path.write_text(text)  # JSON is YAML: the same text exercises the strict YAML loader
    with pytest.raises(SnapshotInvalid, match="duplicate key"):
        load_file(path)
    proc = run(["validate", str(path)])
    assert proc.returncode == 2 and str(path) in proc.stderr


# -- YAML 1.1 type hazards ------------------------------------------------------------------
_HAZARDS = [
    "no",
    "yes",
    "off",
    "on",
    "y",
    "n",
    "12:30:00",
    "1.10",
    "1e3",
    "0o17",
    "017",
    "0x1F",
    ".inf",
    ".nan",
    "~2",
    "2025-06-12",
    "2025-06-12T10:00:00Z",
    "1_000",
]


@pytest.mark.parametrize("plain", _HAZARDS)
def test_yaml_type_hazards_stay_the_strings_that_were_written(plain, tmp_path):
    """`no`, `12:30:00`, `1.10`... as plain scalars in string fields load as those strings."""
    doc = (
        _YAML.format(title=plain, sha=_SHA).replace("version: '1'", f"version: {plain}")
        + f"quotes:\n  - {{speaker: {plain}, text: {plain}}}\ninspection_cycle: x\n"
    )
    doc = doc.replace("inspection_cycle: x\n", "").replace(
        "  published: '2025-06-12'\n", f"  published: '2025-06-12'\n  cycle: {plain}\n"
    )
    path = tmp_path / "hazard.yaml"
    path.write_text(doc)
    snap = load_file(path)
    assert snap.inspection.title == plain
    assert snap.inspection.cycle == plain
    assert snap.source.extractor.version == plain
    assert (snap.quotes[0].speaker, snap.quotes[0].text) == (plain, plain)


def test_a_number_where_a_string_belongs_is_rejected_not_converted(tmp_path):
    """JSON `"version": 1.10` is refused, never silently stored as "1.1"."""
    data = json.loads(json.dumps(_SNAP_JSON))
    data["source"]["extractor"]["version"] = 1.10
    path = tmp_path / "number.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SnapshotInvalid, match="version"):
        load_file(path)


# -- path traversal -------------------------------------------------------------------------
# payload -> the marker a touched path would contain if the payload reached the filesystem
TRAVERSAL = {
    "../inspdiff-escape": "inspdiff-escape",
    "../../../../etc/passwd": "passwd",
    "/etc/passwd": "passwd",
    "south-west/../../inspdiff-escape": "inspdiff-escape",
    "..": None,  # checked as a ".." path component
    "nulbyte\x00x": "nulbyte",
    "new\nline": "\n",
    "s" * 300: "s" * 300,
    "-leading-dash": "-leading-dash",
    "UPPER-case": "UPPER-case",
    "trailing-dash-": "trailing-dash-",
}
_RELEASE = (REPO / "tests/fixtures/seeds/000_29006897edd56686.txt").read_text()


def _refs(p: str) -> list[str]:
    return [
        p,
        f"{p}@2025-06-12",
        f"south-west@{p}",
        f"soc-regional:{p}",
        f"{p}:south-west",
        f"south-west@2025-06-12#v{p}",
    ]


_CONTROLS = [["resolve", "south-west"], ["history", "south-west"], ["cli", "show", "south-west"]]


def _cases() -> list[tuple[str | None, list]]:
    """(payload, case) for every surface and every payload; payload None for controls."""
    cases: list[tuple[str | None, list]] = [(None, c) for c in _CONTROLS]
    for p in TRAVERSAL:
        more = [["resolve", r] for r in _refs(p)]
        more += [["history", p]]
        more += [["save", field, p] for field in ("programme", "subject", "published")]
        more += [["ingest", opt, p, _RELEASE] for opt in ("subject", "programme", "published")]
        if "\x00" not in p:  # a NUL cannot be passed in argv; the library cases cover it
            more += [["cli", "show", r] for r in _refs(p)]
            more += [["cli", "history", p], ["cli", "report", "body", p]]
        cases += [(p, c) for c in more]
    return cases


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> list[tuple[str | None, list, dict]]:
    """Every traversal case run once in a child with every filesystem access recorded."""
    tmp = tmp_path_factory.mktemp("audit")
    store = Store(tmp / "store")
    store.save(make_snapshot(), raw=b"press release text")
    cases = _cases()
    (tmp / "cases.json").write_text(json.dumps([c for _, c in cases]))
    audit = Path(__file__).with_name("_audit.py")
    proc = subprocess.run(
        [PYTHON, str(audit), str(store.root), str(tmp / "cases.json")],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    return [(p, c, r) for (p, c), r in zip(cases, results, strict=True)]


def _escaped(payload: str, paths: list[str]) -> list[str]:
    marker = TRAVERSAL[payload]
    return [p for p in paths if (marker and marker in p) or ".." in Path(p).parts]


def test_hostile_ids_never_reach_the_filesystem(audited):
    """No path built from a hostile id/slug/REF is ever opened, listed, created or stat'ed."""
    leaks = {
        repr(case[:3]): _escaped(payload, result["paths"])
        for payload, case, result in audited
        if payload is not None and _escaped(payload, result["paths"])
    }
    assert leaks == {}


def test_hostile_ids_are_rejected_before_any_filesystem_call_in_the_store(audited):
    """Store.resolve/subject_history/save with a hostile value touch nothing at all."""
    touched = {
        repr(case): result["paths"]
        for payload, case, result in audited
        if payload is not None and case[0] in ("resolve", "history", "save") and result["paths"]
    }
    assert touched == {}


def test_hostile_ids_are_refused_with_the_tools_own_errors(audited):
    """Every case ends in an InspdiffError (library) or exit 2 (CLI), never a crash."""
    own = {"UnsafeName", "SnapshotNotFound", "IngestError", "SnapshotInvalid", "StoreError"}
    wrong = {}
    for payload, case, result in audited:
        if payload is None:
            continue
        if case[0] == "cli":
            if result.get("exit") != 2 or result["outcome"] != "ok":
                wrong[repr(case)] = (result.get("exit"), result["outcome"], result.get("stderr"))
        elif result["outcome"] not in own:
            wrong[repr(case[:3])] = (result["outcome"], result.get("message"))
    assert wrong == {}


def test_the_audit_sees_filesystem_calls_when_they_happen(audited):
    """Control: valid references run in the same audited child do touch the store."""
    controls = [(c, r) for p, c, r in audited if p is None]
    assert len(controls) == len(_CONTROLS)
    for case, result in controls:
        assert result["outcome"] == "ok" and result.get("exit", 0) == 0, (case, result)
        assert any(p.endswith("manifest.json") for p in result["paths"]), case


def test_a_manifest_naming_a_file_outside_the_store_is_refused(tmp_path):
    """A manifest (checksum and all) pointing at ../../x.json is invalid; x is never read."""
    import hashlib

    import msgspec

    store = Store(tmp_path / "store")
    store.save(make_snapshot(), raw=b"press release text")
    d = store.root / "soc-regional" / "south-west" / "2025-06-12"
    outside = tmp_path / "outside.json"
    outside.write_bytes(model.to_json(make_snapshot(title="planted")))
    entry = {"version": 1, "file": "../../../../outside.json"}
    entry["sha256"] = hashlib.sha256(outside.read_bytes()).hexdigest()
    key = ["soc-regional", "south-west", "2025-06-12"]
    checksum = hashlib.sha256(msgspec.json.encode([*key, [entry]])).hexdigest()
    manifest = dict(zip(("programme", "subject", "published"), key, strict=True))
    manifest.update(versions=[entry], checksum=checksum)
    (d / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    with pytest.raises(SnapshotInvalid, match=r"v1\.json"):
        store.resolve("south-west")
    assert str(d / "manifest.json") in {p.path for p in store.verify()}


# -- oversized sources ----------------------------------------------------------------------
# Peak RSS of the child alone: VmHWM is reset by exec, whereas getrusage's ru_maxrss keeps
# the high-water mark of the process that forked the child (pytest, ~100 MB).
_PEAK_RSS_CHILD = """
import sys
from compare.errors import IngestError
from compare.ingest import ingest_one

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

base = hwm()
try:
    ingest_one(sys.argv[1], published="2025-06-12")
except IngestError as err:
    print(f"IngestError: {err}")
print(f"rss {base // 1024} {hwm() // 1024}")
"""


def _ingest_peak_rss(path: Path) -> tuple[str, int, int]:
    proc = subprocess.run(
        [PYTHON, "-c", _PEAK_RSS_CHILD, str(path)],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    message, rss = proc.stdout.splitlines()
    _, base, peak = rss.split()
    return message, int(base), int(peak)


def test_a_100_mb_file_is_refused_at_the_size_cap_with_bounded_memory(tmp_path):
    """A 100 MB text file is refused (20 MB cap) and the child's peak RSS stays < 100 MB."""
    path = tmp_path / "huge.txt"
    line = b"The South West Regional Organised Crime Unit has been graded as good.\n"
    with path.open("wb") as fh:
        chunk = line * (1024 * 1024 // len(line))
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(chunk)
    message, base, peak = _ingest_peak_rss(path)
    assert message.startswith("IngestError:") and "limit" in message
    assert peak < 100, f"peak RSS {peak} MB (at start {base} MB)"


_CLI_WITH_PEAK_RSS = """
import atexit, sys

def report():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print(f"VmHWM {int(line.split()[1]) // 1024}", file=sys.stderr)

atexit.register(report)
sys.argv = ["inspdiff", *sys.argv[1:]]
from compare.cli import main
main()
"""


def test_the_ingest_command_refuses_a_100_mb_file_with_bounded_memory(tmp_path):
    """`inspdiff ingest huge.txt`: exit 2, one failure line naming the limit, store untouched."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(
            b"The South West Regional Organised Crime Unit has been graded as good.\n" * 1_500_000
        )
    assert path.stat().st_size > 100 * 1024 * 1024
    store = tmp_path / "store"
    proc = subprocess.run(
        [
            PYTHON,
            "-c",
            _CLI_WITH_PEAK_RSS,
            "ingest",
            str(path),
            "--published",
            "2025-06-12",
            "--store",
            str(store),
        ],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    failures = [line for line in proc.stderr.splitlines() if line.startswith("failed:")]
    assert len(failures) == 1 and "limit" in failures[0] and str(path) in failures[0]
    peak = int(proc.stderr.rsplit("VmHWM ", 1)[1].split()[0])
    assert peak < 100, f"peak RSS {peak} MB"
    assert not store.exists() or Store(store).inspections() == []  # nothing was written


def test_a_100_mb_stream_without_a_size_is_cut_at_the_cap_with_bounded_memory(tmp_path):
    """A FIFO (no size to stat) carrying 100 MB is read only to the cap, peak RSS < 100 MB."""
    fifo = tmp_path / "stream.txt"
    os.mkfifo(fifo)
    sent = {"bytes": 0}

    def feed() -> None:
        try:
            with fifo.open("wb") as fh:
                block = b"x" * (1024 * 1024)
                for _ in range(100):
                    fh.write(block)
                    sent["bytes"] += len(block)
        except BrokenPipeError:
            pass  # the reader stopped at the cap: what we want

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    message, base, peak = _ingest_peak_rss(fifo)
    writer.join(10)
    assert message.startswith("IngestError:") and "limit" in message
    assert sent["bytes"] < 100 * 1024 * 1024, "the whole stream was read"
    assert peak < 100, f"peak RSS {peak} MB (at start {base} MB)"


# -- deeply nested HTML ---------------------------------------------------------------------
_PAGE = (REPO / "tests/fixtures/ingest/west-midlands-release.html").read_text()


def _nest(html: str, open_tag: str, close_tag: str, depth: int) -> str:
    start = html.index("<body")
    start = html.index(">", start) + 1
    end = html.index("</body>")
    return html[:start] + open_tag * depth + html[start:end] + close_tag * depth + html[end:]


@pytest.mark.parametrize(
    ("open_tag", "close_tag"),
    [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<section><div>", "</div></section>"),
        ("<b><i>", "</i></b>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<div>", ""),
    ],
    ids=["div", "span", "section-div", "inline", "table", "unclosed-div"],
)
def test_a_page_nested_300_deep_keeps_its_text_and_judgments_or_errors(open_tag, close_tag):
    """The release wrapped in 300 levels of markup yields the same judgments, or IngestError."""
    from compare.errors import IngestError
    from compare.ingest import ingest_text

    plain = ingest_text(_PAGE, media="html", published="2025-06-12").snapshot
    deep = _nest(_PAGE, open_tag, close_tag, 300)
    try:
        nested = ingest_text(deep, media="html", published="2025-06-12").snapshot
    except IngestError:
        return  # refusing loudly is allowed; losing text silently is not
    assert nested.judgments == plain.judgments
    assert [f.text for f in nested.findings] == [f.text for f in plain.findings]


def test_html_nested_beyond_the_depth_limit_is_refused_loudly():
    """100,000 nested divs are refused with IngestError, quickly, not parsed for minutes."""
    from compare.errors import IngestError
    from compare.ingest import ingest_text

    start = time.perf_counter()
    with pytest.raises(IngestError, match="deep"):
        ingest_text(_nest(_PAGE, "<div>", "</div>", 100_000), media="html", published="2025-06-12")
    assert time.perf_counter() - start < 5
