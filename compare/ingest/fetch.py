"""Read a source's bytes (a file or an http(s) URL) and decode them to text, with limits.

Every failure is an IngestError whose message names the source and says what went wrong, in
one line. Reads are bounded: at most ``max_bytes + 1`` bytes are ever read, so a huge file or
an endless response cannot exhaust memory, and a network read gives up after ``timeout``.
"""

from __future__ import annotations

import re
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from compare import __version__
from compare.errors import IngestError

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 10.0

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_SUPPORTED = "supported: " + ", ".join(SUFFIXES)

# Formats people save publications in that this reader cannot read, by their first bytes.
# Checked before decoding, so a PDF renamed .txt is refused instead of read as PDF operators.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (Word, Excel or OpenDocument file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_JSON_START = re.compile(rb"\s*[\[{]")
# Content types a URL may answer with that are read as text or HTML (others are refused).
_READABLE_TYPES = re.compile(r"^(?:text/|application/(?:xhtml\+xml|xml)\b|$)")

Media = Literal["txt", "html"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A source read and decoded. ``url`` is set for sources fetched over HTTP."""

    origin: str
    raw: bytes
    text: str
    media: Media
    kind: Literal["text", "html", "url"]
    encoding: str
    url: str | None = None


def is_url(source: str) -> bool:
    """True when ``source`` has a scheme (``http://...``, ``ftp://...``), not a file path."""
    return bool(_SCHEME.match(source))


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_file(path: str, *, max_bytes: int = MAX_BYTES) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise IngestError(f"{path}: is a folder (ingest reads the files inside it)")
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"{path}: the file is {_size(size)}, over the {_size(max_bytes)} limit"
            )
        with p.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except PermissionError:
        raise IngestError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder (ingest reads the files inside it)") from None
    except OSError as err:
        raise IngestError(f"{path}: cannot read it ({err.strerror or err})") from None
    if len(raw) > max_bytes:  # grew while we looked, or a device that reports no size
        raise IngestError(f"{path}: the file is over the {_size(max_bytes)} limit")
    return raw


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s), never to file:, ftp: or anything else."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        scheme = (_SCHEME.match(newurl) or [None, ""])[1].lower()
        if scheme not in ("http", "https"):
            raise IngestError(f"{req.full_url}: redirected to a non-http URL {newurl!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _reason(err: BaseException) -> str:
    reason = getattr(err, "reason", err)
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason)


def fetch_url(
    url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT
) -> tuple[bytes, str | None, str]:
    """GET ``url``; return (body, Content-Type, final URL). Refuses non-http(s) schemes."""
    m = _SCHEME.match(url)
    scheme = m.group(1).lower() if m else ""
    if scheme not in ("http", "https"):
        raise IngestError(f"{url}: only http and https URLs can be fetched (not {scheme}:)")
    opener = urllib.request.build_opener(_SafeRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": f"inspdiff/{__version__}"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise IngestError(
                    f"{url}: the response is {_size(int(length))}, "
                    f"over the {_size(max_bytes)} limit"
                )
            raw = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type")
            final = response.geturl() or url
    except urllib.error.HTTPError as err:
        raise IngestError(f"{url}: HTTP {err.code} {err.reason}".rstrip()) from None
    except urllib.error.URLError as err:
        raise IngestError(f"{url}: cannot fetch it: {_reason(err)}") from None
    except TimeoutError:
        raise IngestError(f"{url}: timed out after {timeout:g} s") from None
    except (ConnectionError, OSError) as err:
        raise IngestError(f"{url}: cannot fetch it: {_reason(err)}") from None
    except ValueError as err:  # malformed URL
        raise IngestError(f"{url}: not a valid URL ({err})") from None
    if len(raw) > max_bytes:
        raise IngestError(f"{url}: the response is over the {_size(max_bytes)} limit")
    return raw, content_type, final


# Control characters other than tab, newline, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def decode(raw: bytes, origin: str, declared: str | None = None) -> tuple[str, str]:
    """Bytes to text: UTF-8 (BOM allowed), else a declared charset, else cp1252.

    Refuses empty input and binary data (NUL bytes, or mostly control characters).
    """
    if not raw.strip():
        raise IngestError(f"{origin}: the file is empty")
    if b"\x00" in raw[:65536]:
        raise IngestError(f"{origin}: looks like a binary file, not text or HTML")
    text: str | None = None
    encoding = "utf-8"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        for candidate in (declared, "cp1252"):
            if not candidate:
                continue
            try:
                text = raw.decode(candidate)
                encoding = candidate.lower()
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        raise IngestError(f"{origin}: not text (neither UTF-8 nor cp1252)")
    sample = text[:65536]
    control = len(_CONTROL.findall(sample))
    if control > max(8, len(sample) // 20):
        raise IngestError(f"{origin}: looks like a binary file, not text or HTML")
    return text, encoding


def unsupported_suffix(path: str) -> str | None:
    """The suffix of a file this reader does not take (None: supported, or no suffix)."""
    suffix = Path(path).suffix.lower()
    return suffix if suffix and suffix not in SUFFIXES else None


def refuse_format(raw: bytes, origin: str) -> None:
    """Raise IngestError when the bytes are a known non-text format, whatever the name."""
    head = raw[:16].lstrip(b"\xef\xbb\xbf")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise IngestError(f"{origin}: the file is {what}, not text or HTML ({_SUPPORTED})")
    if _JSON_START.match(raw):
        import json

        try:
            json.loads(raw)
        except ValueError:
            return
        raise IngestError(f"{origin}: the file is JSON data, not a publication ({_SUPPORTED})")


def sniff_html(raw: bytes) -> bool:
    return bool(_HTML_START.match(raw[:4096].lstrip(b"\xef\xbb\xbf")))


def read(source: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT) -> Fetched:
    """Read and decode one source: a file path or an http(s) URL."""
    if is_url(source):
        raw, content_type, final = fetch_url(source, max_bytes=max_bytes, timeout=timeout)
        ctype = (content_type or "").lower()
        declared = None
        m = _CHARSET.search(ctype)
        if m:
            declared = m.group(1)
        mime = ctype.split(";")[0].strip()
        if not _READABLE_TYPES.match(mime) and not sniff_html(raw):
            raise IngestError(f"{source}: unsupported content type {mime} ({_SUPPORTED})")
        refuse_format(raw, source)
        html = "html" in ctype or (not ctype.startswith("text/plain") and sniff_html(raw))
        text, encoding = decode(raw, source, declared)
        return Fetched(source, raw, text, "html" if html else "txt", "url", encoding, final)
    raw = read_file(source, max_bytes=max_bytes)
    bad = unsupported_suffix(source)
    # A web page saved by a browser under an odd suffix (page.download) is still a page.
    if bad is not None and not sniff_html(raw):
        raise IngestError(f"{source}: unsupported file type {bad} ({_SUPPORTED})")
    refuse_format(raw, source)
    suffix = Path(source).suffix.lower()
    # A page saved as .txt is still a page: markup must never reach the text reader.
    html = suffix in HTML_SUFFIXES or sniff_html(raw)
    declared = None
    if html:
        m = _CHARSET.search(raw[:2048].decode("ascii", "replace"))
        declared = m.group(1) if m else None
    text, encoding = decode(raw, source, declared)
    media: Media = "html" if html else "txt"
    return Fetched(source, raw, text, media, "html" if html else "text", encoding)
