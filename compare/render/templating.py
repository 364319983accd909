"""The one place jinja2 environments are built.

Templates are package data (``compare/templates``). Compiling them costs more than
rendering a report (~20 ms of a ~40 ms render), so compiled templates are kept in a bytecode
cache under ``$INSPDIFF_CACHE_DIR`` (default ``$XDG_CACHE_HOME/inspdiff`` or
``~/.cache/inspdiff``). jinja2 keys the cache by template source checksum, so an edited
template is recompiled; an unwritable cache directory only costs the speed-up.
"""

from __future__ import annotations

import contextlib

from compare import __version__
from compare.packagedata import cache_dir


def _bytecode_cache():
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket) -> None:
            with contextlib.suppress(OSError):  # read-only or full disk: no caching
                super().dump_bytecode(bucket)

    directory = cache_dir() / f"jinja2-{__version__}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietCache(str(directory))


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
        loader=jinja2.PackageLoader("compare", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
