"""Long-format CSV for analysts: one table a spreadsheet can filter, every row one grade or
one finding.

The rows are ``compare.render.tables``' sections (grade, finding, and for a body report
lifecycle), one after another, told apart by the first column, ``section``; every section
uses the same fixed columns (``COLUMNS``) and leaves the ones it has no value for blank. One
table rather than one file per section: it goes to stdout, opens in any spreadsheet, and
``pandas.read_csv`` reads it whole, and a filter on ``section`` gives each table back.

The only module that imports pandas (on first use): the rows become a DataFrame with typed
columns and go out as CSV with ``\\n`` line endings, in the engine's order and with nothing
that depends on the clock, so the same result always gives the same bytes.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some a
tab or carriage return first) as a formula. Every *text* cell that starts with one of those
gets a leading ``'``, which spreadsheets show as text. Numeric columns are typed as numbers
(nullable integers) and are never prefixed, so ``-1`` in ``change_steps`` stays a number.
The workbook (``compare.render.xlsx``) applies the same test, ``is_formula_like``.
"""

from __future__ import annotations

from typing import Any

from compare.render.tables import COLUMNS, STRING, sections

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    """True for text a spreadsheet would run as a formula if typed into a cell."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def guard(value: Any) -> Any:
    """Prefix ``'`` to a text value a spreadsheet would run as a formula."""
    return "'" + value if is_formula_like(value) else value


def frame(obj: Any):
    """The CSV's rows as a typed pandas DataFrame (guarded, in section order)."""
    import pandas as pd

    rows = [{"section": t.section, **row} for t in sections(obj) for row in t.rows]
    data = {
        column: pd.array(
            [guard(r.get(column)) if dtype == STRING else r.get(column) for r in rows],
            dtype=dtype,
        )
        for column, dtype in COLUMNS
    }
    return pd.DataFrame(data, columns=[c for c, _ in COLUMNS])


def render(obj: Any, *, generated: str | None = None) -> str:
    """CSV text; ``generated`` is accepted for the common interface and not written (a CSV
    has no place for it that would not break a one-table reader)."""
    return frame(obj).to_csv(index=False, lineterminator="\n")
