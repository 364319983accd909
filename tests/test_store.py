"""The versioned store: append-only versions, no-op saves, verify, refs."""

import json
import multiprocessing
import os
from pathlib import Path

import msgspec
import pytest

from compare import model
from compare.errors import SnapshotNotFound, StoreError, UnsafeName
from compare.store import Store
from tests.factories import make_snapshot


def _save(store, snap, raw=b"press release text"):
    return store.save(snap, raw=raw)


def test_first_save_writes_v1_manifest_and_raw_source(tmp_path):
    """A new inspection gets v1.json, a manifest and its raw source named by sha256."""
    store = Store(tmp_path)
    snap = make_snapshot()
    result = _save(store, snap)
    d = tmp_path / "soc-regional" / "south-west" / "2025-06-12"
    assert (result.status, result.kind, result.version) == ("new", "new-inspection", 1)
    assert result.path == d / "v1.json"
    assert (d / "source" / f"{snap.source.sha256}.txt").read_bytes() == b"press release text"
    stored = model.from_json((d / "v1.json").read_bytes(), "v1")
    assert stored.version == 1 and stored.predecessor is None
    assert store.verify() == []


def test_saving_identical_content_is_unchanged_and_writes_nothing(tmp_path):
    """A second save of the same content is a no-op reported as unchanged."""
    store = Store(tmp_path)
    _save(store, make_snapshot())
    before = sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file())
    result = _save(store, make_snapshot())
    after = sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file())
    assert result.status == "unchanged" and result.version == 1
    assert before == after


def test_changed_content_becomes_next_version_linked_to_predecessor(tmp_path):
    """A correction is v2, records v1's hash, and leaves v1 byte-identical."""
    store = Store(tmp_path)
    first = _save(store, make_snapshot())
    v1 = first.path.read_bytes()
    corrected = make_snapshot(grades={"south-west-rocu": "good"}, raw=b"corrected text")
    second = store.save(corrected, raw=b"corrected text")
    assert (second.status, second.kind, second.version) == ("new", "correction", 2)
    v2 = model.from_json(second.path.read_bytes(), "v2")
    import hashlib

    assert v2.predecessor == hashlib.sha256(v1).hexdigest()
    assert first.path.read_bytes() == v1
    assert store.verify() == []


def test_newer_extractor_on_same_source_is_a_re_extraction(tmp_path):
    """Same raw bytes, newer extractor and different output: labelled re-extraction."""
    store = Store(tmp_path)
    _save(store, make_snapshot())
    again = make_snapshot(extractor_version="2", grades={"south-west-rocu": "good"})
    assert _save(store, again).kind == "re-extraction"


def test_save_refuses_mismatched_raw_bytes(tmp_path):
    """The raw source kept must be the bytes the snapshot says it came from."""
    with pytest.raises(StoreError, match="sha256"):
        Store(tmp_path).save(make_snapshot(), raw=b"other bytes")


def test_refs_resolve_latest_date_previous_and_version(tmp_path):
    """subject, subject@date, subject@previous and #vN each pick the right snapshot."""
    store = Store(tmp_path)
    _save(store, make_snapshot(published="2023-01-10"))
    _save(store, make_snapshot(published="2025-06-12"))
    store.save(make_snapshot(published="2025-06-12", raw=b"v2 text"), raw=b"v2 text")
    assert store.resolve("south-west").ref == "south-west@2025-06-12#v2"
    assert store.resolve("south-west@previous").ref == "south-west@2023-01-10#v1"
    assert store.resolve("south-west@2025-06-12#v1").ref == "south-west@2025-06-12#v1"
    assert store.resolve("soc-regional:south-west").version == 2
    with pytest.raises(SnapshotNotFound, match="subjects in the store: south-west"):
        store.resolve("wales")
    with pytest.raises(SnapshotNotFound, match="no v7"):
        store.resolve("south-west#v7")


@pytest.mark.parametrize(
    "ref", ["../x", "/etc/passwd", "a\0b", "a\nb", "x" * 300, "-rf", "South-West", "a/b"]
)
def test_unsafe_refs_are_rejected_before_touching_the_filesystem(tmp_path, ref, monkeypatch):
    """Traversal, absolute paths, NUL, newline, long and option-like refs never reach disk."""
    store = Store(tmp_path / "does-not-exist")

    def no_fs(*a, **k):
        raise AssertionError("filesystem touched")

    monkeypatch.setattr(Path, "glob", no_fs)
    monkeypatch.setattr(Path, "read_bytes", no_fs)
    with pytest.raises(UnsafeName):
        store.resolve(ref)


def test_unsafe_subject_in_a_snapshot_never_becomes_a_path(tmp_path):
    """A snapshot whose ids fail the allow-list cannot even be constructed."""
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(
            {
                **json.loads(model.to_json(make_snapshot())),
                "inspection": {
                    "programme": "soc-regional",
                    "subject": "../../x",
                    "title": "t",
                    "published": "2025-01-01",
                },
            },
            model.Snapshot,
        )


def _tamper_cases(tmp_path):
    store = Store(tmp_path)
    _save(store, make_snapshot())
    store.save(make_snapshot(raw=b"second", grades={"south-west-rocu": "good"}), raw=b"second")
    return store, tmp_path / "soc-regional" / "south-west" / "2025-06-12"


def test_verify_names_an_edited_grade(tmp_path):
    """Editing one grade by hand inside a stored version makes verify name that file."""
    store, d = _tamper_cases(tmp_path)
    path = d / "v1.json"
    path.write_text(path.read_text().replace('"adequate"', '"good"'))
    problems = store.verify()
    assert any(p.path == str(path) for p in problems)


@pytest.mark.parametrize("target", ["v1.json", "v2.json", "manifest.json", "source"])
@pytest.mark.parametrize("damage", ["truncate", "delete", "bitflip"])
def test_verify_names_each_damaged_file(tmp_path, target, damage):
    """Truncating, deleting or flipping a bit in any stored file is reported, naming it."""
    store, d = _tamper_cases(tmp_path)
    path = d / target if target != "source" else sorted((d / "source").iterdir())[0]
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "delete":
        path.unlink()
    else:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    problems = store.verify()
    assert problems, "verify missed the damage"
    assert str(path) in {p.path for p in problems}


def test_verify_names_swapped_versions(tmp_path):
    """Swapping two versions' contents is caught on both files."""
    store, d = _tamper_cases(tmp_path)
    a, b = (d / "v1.json").read_bytes(), (d / "v2.json").read_bytes()
    (d / "v1.json").write_bytes(b)
    (d / "v2.json").write_bytes(a)
    named = {p.path for p in store.verify()}
    assert {str(d / "v1.json"), str(d / "v2.json")} <= named


def test_verify_names_an_added_copy(tmp_path):
    """A duplicated file placed beside the versions is reported as unexpected."""
    store, d = _tamper_cases(tmp_path)
    (d / "v3.json").write_bytes((d / "v1.json").read_bytes())
    (d / "notes.json").write_bytes(b"{}")
    named = {p.path for p in store.verify()}
    assert {str(d / "v3.json"), str(d / "notes.json")} <= named


def _writer(root: str, worker: int, count: int) -> None:
    store = Store(root)
    for i in range(count):
        raw = f"worker {worker} save {i}".encode()
        store.save(make_snapshot(raw=raw, title=f"w{worker}-{i}"), raw=raw)


def test_four_processes_saving_25_times_each_give_100_versions(tmp_path):
    """Writers in separate processes are serialised: 100 saves, 100 versions, clean verify."""
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, 25)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    store = Store(tmp_path)
    (entry,) = store.inspections()
    assert len(entry.versions) == 100
    assert store.verify() == []
    assert not [p for p in tmp_path.rglob(".tmp-*")]
    assert os.path.exists(tmp_path / ".lock")


def test_parallel_verify_reports_exactly_what_serial_verify_does(tmp_path, monkeypatch):
    """Large stores are verified in forked workers: same problems, same order as serially."""
    from compare import store as store_module

    store = Store(tmp_path)
    for day in range(1, 13):
        raw = f"release {day}".encode()
        store.save(make_snapshot(published=f"2024-01-{day:02d}", raw=raw), raw=raw)
    for day in (3, 9):
        path = tmp_path / "soc-regional" / "south-west" / f"2024-01-{day:02d}" / "v1.json"
        path.write_text(path.read_text().replace("adequate", "good"))
    serial = store.verify()
    monkeypatch.setattr(store_module, "_PARALLEL_FROM", 2)
    assert store.verify() == serial
    assert [p.path.split("/")[-2] for p in serial if p.path.endswith("v1.json")] == [
        "2024-01-03",
        "2024-01-09",
    ]
