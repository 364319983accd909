"""Reading the YAML reference data shipped in ``compare/data`` (bodies, areas, themes,
polarity cues), and the per-user cache directory.

YAML is the editable form; parsing it (and importing PyYAML) costs ~15 ms a run, so the
parsed data is also kept as JSON in the cache directory, named by the sha256 of the YAML
text: an edited file is simply parsed again. Each cache file opens with the sha256 of its
JSON on a line of its own: a file a power cut or a full disk damaged is parsed again, even
when what is left of it is still valid JSON. The cache directory is ``$INSPDIFF_CACHE_DIR``,
else ``$XDG_CACHE_HOME/inspdiff``, else ``~/.cache/inspdiff``; when it cannot be written,
everything still works, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

from compare import __version__


def cache_dir() -> Path:
    base = os.environ.get("INSPDIFF_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "inspdiff"
    )
    return Path(base)


def load(name: str):
    """The parsed contents of ``compare/data/<name>`` (a YAML file)."""
    where = f"compare/data/{name}"
    text = resources.files("compare").joinpath(f"data/{name}").read_text("utf-8")
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
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".tmp-")
        try:
            payload = json.dumps(data).encode()
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
            os.replace(tmp, cached)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return data
