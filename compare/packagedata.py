"""Reading the YAML reference data shipped in ``compare/data`` (bodies, areas, themes,
polarity cues), and the per-user cache directory.

YAML is the editable form; parsing it (and importing PyYAML) costs ~15 ms a run, so the
parsed data is also kept as JSON in the cache directory, named by the sha256 of the YAML
text: an edited file is simply parsed again. Each cache file opens with the sha256 of its
JSON on a line of its own: a file a power cut or a full disk damaged is parsed again, even
when what is left of it is still valid JSON. The cache directory is ``$INSPDIFF_CACHE_DIR``,
else the user cache directory platformdirs names (``$XDG_CACHE_HOME/inspdiff`` or
``~/.cache/inspdiff`` on Linux, ``~/Library/Caches/inspdiff`` on macOS, ``%LOCALAPPDATA%``
on Windows); when it cannot be written, everything still works, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from compare import __version__
from compare.io import TMP_PREFIX

_DATA = Path(__file__).with_name("data")


def cache_dir() -> Path:
    """The per-user cache directory: every cache of the tool lives under it, never in the
    store (a read-only or shared store works, and nothing appears in a user's git status)."""
    base = os.environ.get("INSPDIFF_CACHE_DIR")
    if not base:
        # Imported here: --help and --version never need it.
        import platformdirs

        base = platformdirs.user_cache_dir("inspdiff", appauthor=False)
    return Path(base)


def write_cache(path: Path, data: bytes) -> None:
    """Best effort: replace the cache file ``path`` with ``data`` (a temp file, then
    ``os.replace``; no fsync: a cache file a power cut damaged fails its checksum and is
    rebuilt). A read-only or full disk only costs the speed-up, so OSError is swallowed."""
    tmp = path.with_name(f"{TMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with open(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def load(name: str):
    """The parsed contents of ``compare/data/<name>`` (a YAML file)."""
    where = f"compare/data/{name}"
    # A plain path, not importlib.resources: the package is always a directory on disk
    # (pyproject installs it so), and importlib.resources costs ~4 ms of start-up.
    text = (_DATA / name).read_text("utf-8")
    digest = hashlib.sha256(f"{__version__}\n{text}".encode()).hexdigest()[:24]
    cached = cache_dir() / "data" / f"{name}.{digest}.json"
    try:
        check, _, payload = cached.read_bytes().partition(b"\n")
        if check == hashlib.sha256(payload).hexdigest().encode():
            return json.loads(payload)
    except (OSError, ValueError):
        pass
    from compare import yamlio

    data = yamlio.load_text(text, where)
    payload = json.dumps(data).encode()
    write_cache(cached, hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    return data
