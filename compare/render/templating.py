"""The one place jinja2 environments are built.

Templates are package data (``compare/templates``). Compiling them costs more than
rendering a report (~20 ms of a ~40 ms render), so compiled templates are kept in a bytecode
cache under ``$INSPDIFF_CACHE_DIR`` (default ``$XDG_CACHE_HOME/inspdiff`` or
``~/.cache/inspdiff``). jinja2 keys the cache by template source checksum, so an edited
template is recompiled, and each cached file carries a sha256 of itself, so a damaged one
is recompiled too; an unwritable cache directory only costs the speed-up.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from compare import __version__
from compare.packagedata import cache_dir, write_cache


def _bytecode_cache():
    import jinja2

    class CheckedCache(jinja2.FileSystemBytecodeCache):
        """jinja2's cache checks the template's source, not the cached bytes; a file a power
        cut or a full disk damaged could load as broken code. Each file here carries the
        sha256 of its payload: a damaged file is a miss, and the template is recompiled."""

        def load_bytecode(self, bucket) -> None:
            try:
                data = Path(self._get_cache_filename(bucket)).read_bytes()
            except OSError:
                return
            digest, payload = data[:32], data[32:]
            if len(data) > 32 and hashlib.sha256(payload).digest() == digest:
                try:
                    bucket.bytecode_from_string(payload)
                except Exception:
                    bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            payload = bucket.bytecode_to_string()
            name = Path(self._get_cache_filename(bucket))
            write_cache(name, hashlib.sha256(payload).digest() + payload)

    directory = cache_dir() / f"jinja2-{__version__}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return CheckedCache(str(directory))


def new_environment(kind: str):
    """A fresh environment (callers cache their own and add their filters to it).

    ``kind`` is "html" (autoescape on for every template) or "md" (Markdown: escaped by the
    md filter, autoescape still on for any ``*.html.j2``)."""
    import jinja2

    if kind == "html":
        autoescape = jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2", "j2"), default_for_string=True, default=True
        )
    elif kind == "md":
        autoescape = jinja2.select_autoescape(enabled_extensions=("html.j2",))
    else:
        raise ValueError(f"unknown template kind {kind!r}")
    return jinja2.Environment(
        # A plain directory: the package is installed as files (PackageLoader would also
        # import importlib's resource readers, ~2 ms of start-up, to find the same place).
        loader=jinja2.FileSystemLoader(Path(__file__).parent.parent / "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
