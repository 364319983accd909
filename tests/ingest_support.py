"""Shared helpers for the ingest tests: fixture paths and compact views of a snapshot."""

from __future__ import annotations

import contextlib
import http.server
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from compare.ingest import Ingested, ingest_text
from compare.model import Snapshot

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SOUTH_WEST = SEEDS / "000_29006897edd56686.txt"
WEST_MIDLANDS = SEEDS / "003_ac41119d1ef5f4f1.txt"
WEST_MIDLANDS_HTML = FIXTURES / "ingest" / "west-midlands-release.html"
# The canonical inputs, beside the checkout (CI lays shared/ next to the clone).
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def grades(snap: Snapshot) -> dict[str, str | None]:
    """body id -> grade, for publications with one area."""
    return {j.body: j.grade for j in snap.judgments}


def area_grades(snap: Snapshot) -> dict[tuple[str, str], str | None]:
    return {(j.body, j.area): j.grade for j in snap.judgments}


def ingest(text: str, **options) -> Ingested:
    """Ingest a dedented text publication."""
    return ingest_text(textwrap.dedent(text).strip() + "\n", **options)


def findings_with(snap: Snapshot, words: str):
    """The findings whose text contains ``words`` (case-insensitive)."""
    return [f for f in snap.findings if words.lower() in f.text.lower()]


class _Handler(http.server.BaseHTTPRequestHandler):
    """Routes for the local server: the West Midlands release as text and as a page,
    a slow response, a redirect to a file: URL, a large body, a PDF, and 404 for anything else."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the client may have given up (the timeout test)

    def do_GET(self):
        if self.path == "/release.txt":
            self._send(200, WEST_MIDLANDS.read_bytes(), "text/plain; charset=utf-8")
        elif self.path == "/news/release":
            self._send(200, WEST_MIDLANDS_HTML.read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, WEST_MIDLANDS.read_bytes(), "text/plain")
        elif self.path == "/to-file":
            self._send(302, b"", "text/plain", {"Location": "file:///etc/passwd"})
        elif self.path == "/report.pdf":
            self._send(200, b"%PDF-1.4\n1 0 obj <<>> endobj\n", "application/pdf")
        elif self.path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def refused_url() -> str:
    """A URL on a port where nothing listens."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/release.txt"
