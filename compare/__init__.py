"""inspdiff: police inspection publications as versioned snapshots, and what changed.

The import package is ``compare``. Heavy modules load on first use, so importing this
package (and ``inspdiff --help``) stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
