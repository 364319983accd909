"""The store-wide result cache: reused only while the store is unchanged, rebuilt otherwise."""

import os
import stat

from compare.engine.national import collect
from compare.reportcache import cache_path
from compare.store import Store
from tests.factories import make_snapshot


def _store(tmp_path):
    store = Store(tmp_path / "s")
    store.save(make_snapshot(published="2023-01-10", raw=b"first"), raw=b"first")
    return store


def test_national_report_is_cached_and_reused_while_nothing_changes(tmp_path, monkeypatch):
    """The second run reads the cache instead of the snapshots."""
    store = _store(tmp_path)
    first = collect(store)
    assert cache_path(store.root, "national").is_file()

    def no_reads(*a, **k):
        raise AssertionError("read a snapshot although the cache was valid")

    monkeypatch.setattr(Store, "load_head", no_reads)
    assert collect(store) == first


def test_a_new_version_invalidates_the_cache(tmp_path):
    """After a save, the report shows the new inspection (the fingerprint changed)."""
    store = _store(tmp_path)
    before = collect(store)
    store.save(
        make_snapshot(published="2025-06-12", grades={"south-west-rocu": "good"}, raw=b"second"),
        raw=b"second",
    )
    after = collect(store)
    assert after != before
    assert "2 inspection(s)" in after.summary


def test_a_damaged_cache_file_is_rebuilt_not_trusted(tmp_path):
    """A flipped bit in the cached payload is detected by its checksum and rebuilt."""
    store = _store(tmp_path)
    expected = collect(store)
    path = cache_path(store.root, "national")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    assert collect(store) == expected


def test_verify_ignores_the_cache_directory(tmp_path):
    """The cache is not store data: verify neither needs nor reports it."""
    store = _store(tmp_path)
    collect(store)
    assert store.verify() == []


def test_an_unwritable_cache_directory_still_reports(tmp_path, monkeypatch):
    """With no cache directory possible, the report is built every time."""
    store = _store(tmp_path)
    (tmp_path / "blocked").write_text("not a directory")
    monkeypatch.setenv("INSPDIFF_CACHE_DIR", str(tmp_path / "blocked"))
    assert collect(store).summary.startswith("1 inspection(s)")


def _tree(root):
    return sorted((str(p.relative_to(root)), p.stat().st_mtime_ns) for p in root.rglob("*"))


def test_reports_leave_the_store_alone_and_work_when_it_is_read_only(tmp_path):
    """The cache is in the user cache directory, keyed by the store: a read-only or shared
    store works, nothing appears in it, and two stores never share a cached result."""
    store = _store(tmp_path)
    before = _tree(store.root)
    first = collect(store)
    assert _tree(store.root) == before
    other = Store(tmp_path / "other")
    other.save(make_snapshot(published="2024-03-01", raw=b"x"), raw=b"x")
    assert collect(other) != first
    for p in [store.root, *store.root.rglob("*")]:
        p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        if os.geteuid() != 0:  # root writes anyway; the check above still holds
            assert not os.access(store.root, os.W_OK)
        assert collect(store) == first
        assert _tree(store.root) == before
    finally:
        for p in [store.root, *store.root.rglob("*")]:
            p.chmod(p.stat().st_mode | stat.S_IWUSR)


def test_a_report_cached_before_it_listed_findings_is_rebuilt(tmp_path):
    """A valid cache file holding a national report without ``findings`` (as cached before
    the spreadsheets listed them) fails to decode and is rebuilt, findings included."""
    import hashlib

    import msgspec

    from compare.reportcache import fingerprint

    store = Store(tmp_path / "s")
    findings = [("region", "area-for-improvement", "Leaders need to improve.", ())]
    store.save(make_snapshot(findings=findings, raw=b"first"), raw=b"first")
    expected = collect(store)
    assert len(expected.findings) == 1
    old = msgspec.to_builtins(expected)
    del old["findings"]
    payload = msgspec.msgpack.encode(old)
    key = fingerprint(store.root).encode()
    path = cache_path(store.root, "national")
    path.write_bytes(key + hashlib.sha256(payload).digest() + payload)
    assert collect(store) == expected
