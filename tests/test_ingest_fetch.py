"""Reading sources: a real local HTTP server, bad files, size and encoding limits, folders."""

from __future__ import annotations

import socket

import pytest

from compare.errors import IngestError
from compare.ingest import ingest_many, ingest_one, iter_sources
from compare.ingest.fetch import decode, read
from tests.ingest_support import WEST_MIDLANDS, WEST_MIDLANDS_HTML, grades, serve

RELEASE = WEST_MIDLANDS.read_bytes()
PAGE = WEST_MIDLANDS_HTML.read_bytes()


@pytest.fixture(scope="module")
def server():
    with serve() as url:
        yield url


def test_a_release_served_over_http_is_ingested(server):
    """A URL is fetched and read like the file; the fetched URL is kept as the source."""
    result = ingest_one(f"{server}/release.txt")
    snap = result.snapshot
    assert grades(snap)["west-mercia-police"] == "inadequate"
    assert snap.source.kind == "url" and result.raw == RELEASE and result.media == "txt"
    # The article link written in the text wins over the address it was fetched from.
    assert snap.source.url.startswith("https://hmicfrs.justiceinspectorates.gov.uk/")


def test_an_html_page_served_over_http_is_read_as_html(server):
    """Content-Type text/html selects the HTML reader."""
    result = ingest_one(f"{server}/news/release")
    assert result.media == "html" and result.snapshot.source.media == "html"
    assert len(result.snapshot.judgments) == 5


def test_http_404_is_a_clear_error(server):
    """A missing page names the URL and the status."""
    url = f"{server}/no-such-release"
    with pytest.raises(IngestError, match=r"HTTP 404") as info:
        ingest_one(url)
    assert str(info.value).startswith(url)


def test_refused_connection_is_a_clear_error():
    """Nothing listening on the port: "connection refused", naming the URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    url = f"http://127.0.0.1:{port}/release.txt"
    with pytest.raises(IngestError, match="connection refused") as info:
        ingest_one(url)
    assert url in str(info.value) and "\n" not in str(info.value)


def test_a_slow_server_times_out(server):
    """A response slower than the timeout is abandoned with a timeout message."""
    with pytest.raises(IngestError, match="timed out"):
        ingest_one(f"{server}/slow", timeout=0.3)


def test_a_response_over_the_limit_is_refused(server):
    """Content-Length above max_bytes is refused before the body is read."""
    with pytest.raises(IngestError, match="over the 4000 bytes limit"):
        ingest_one(f"{server}/big", max_bytes=4000)


def test_redirect_to_a_file_url_is_refused(server):
    """A redirect may not lead to file: or any other non-http scheme."""
    with pytest.raises(IngestError, match=r"file:///etc/passwd.*not allowed|non-http"):
        ingest_one(f"{server}/to-file")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x.txt"])
def test_non_http_schemes_are_refused(url):
    """Only http and https are fetched."""
    with pytest.raises(IngestError, match="only http and https"):
        ingest_one(url)


def test_empty_file_is_an_error(tmp_path):
    """A file of nothing (or only whitespace) says it is empty."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(IngestError, match="the file is empty") as info:
        ingest_one(str(path))
    assert str(info.value).startswith(str(path))


def test_binary_file_is_an_error(tmp_path):
    """NUL bytes mean binary, whatever the suffix."""
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError, match="binary"):
        ingest_one(str(path))


def test_control_characters_without_nul_are_binary_too():
    """Mostly control characters is not text either."""
    with pytest.raises(IngestError, match="binary"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8] * 50), "x.txt")


def test_cp1252_text_is_decoded_and_recorded(tmp_path):
    """Curly quotes saved as Windows-1252 decode, and the snapshot records the encoding."""
    text = RELEASE.decode("utf-8")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    snap = ingest_one(str(path)).snapshot
    assert snap.source.encoding == "cp1252"
    assert len(snap.judgments) == 5
    assert snap.quotes[0].speaker == "His Majesty’s Inspector of Constabulary, Andy Cooke"


def test_utf8_with_bom_is_plain_utf8(tmp_path):
    """A byte-order mark is not part of the text."""
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RELEASE)
    snap = ingest_one(str(path)).snapshot
    assert snap.source.encoding == "utf-8"
    assert snap.inspection.title.startswith("Improvements needed")


def test_file_over_the_size_cap_is_refused(tmp_path):
    """A file above max_bytes is refused with its size and the limit."""
    path = tmp_path / "big.txt"
    path.write_bytes(RELEASE * 3)
    with pytest.raises(IngestError, match=r"over the .* limit"):
        ingest_one(str(path), max_bytes=len(RELEASE))
    assert read(str(path), max_bytes=len(RELEASE) * 3).raw == RELEASE * 3


def test_default_cap_is_20_mb(tmp_path):
    """The default limit refuses a 20 MB + 1 byte file (a sparse file: no disk used)."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(IngestError, match="20 MB limit"):
        ingest_one(str(path))


def test_missing_file_and_folder_messages(tmp_path):
    """A path that does not exist, and a folder with nothing to read, each say so."""
    with pytest.raises(IngestError, match="no such file"):
        ingest_one(str(tmp_path / "nope.txt"))
    with pytest.raises(IngestError, match="holds no"):
        list(iter_sources([str(tmp_path)]))


def test_folder_batch_continues_past_bad_files(tmp_path):
    """ingest_many reports each file's result or error in sorted order, never stopping."""
    (tmp_path / "0").mkdir()
    (tmp_path / "0" / "1-good.txt").write_bytes(RELEASE)
    (tmp_path / "0" / "2-empty.txt").write_bytes(b"")
    (tmp_path / "3-binary.html").write_bytes(b"\x00\x01")
    (tmp_path / "4-good.htm").write_bytes(PAGE)
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    outcomes = list(ingest_many([str(tmp_path)]))
    names = [o.origin.rsplit("/", 1)[-1] for o in outcomes]
    assert names == ["1-good.txt", "2-empty.txt", "3-binary.html", "4-good.htm"]
    assert [o.error is None for o in outcomes] == [True, False, False, True]
    assert "empty" in str(outcomes[1].error) and "binary" in str(outcomes[2].error)
