"""inspdiff: police inspection publications as versioned snapshots, and what changed.

The import package is ``compare``. Heavy modules load on first use, so importing this
package (and ``inspdiff --help``) stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "compare_refs", "load_store", "render_report"]


def __getattr__(name: str):
    # Lazy: ``import compare`` must not pull in the engine, jinja2 or rapidfuzz.
    if name in ("load_store", "compare_refs"):
        from compare import api

        return getattr(api, name)
    if name == "render_report":  # ``compare.render`` is the rendering subpackage
        from compare.render import render

        return render
    raise AttributeError(f"module 'compare' has no attribute {name!r}")
