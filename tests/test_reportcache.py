"""The store-wide result cache: reused only while the store is unchanged, rebuilt otherwise."""

from compare.engine.national import collect
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
    assert (store.root / ".cache" / "national.msgpack").is_file()

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
    path = store.root / ".cache" / "national.msgpack"
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    assert collect(store) == expected


def test_verify_ignores_the_cache_directory(tmp_path):
    """The cache is not store data: verify neither needs nor reports it."""
    store = _store(tmp_path)
    collect(store)
    assert store.verify() == []


def test_an_unwritable_store_still_reports(tmp_path):
    """With no cache directory possible, the report is built every time."""
    store = _store(tmp_path)
    (store.root / ".cache").write_text("not a directory")
    assert collect(store).summary.startswith("1 inspection(s)")
