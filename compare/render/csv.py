"""Long-format CSV for analysts: one row per (body, area, inspection).

The only module that imports pandas (on first use): the report's ``timeline`` becomes a
DataFrame with a fixed column order and typed columns, and goes out as CSV with ``\\n`` line
endings, sorted rows and nothing that depends on the clock, so the same report always gives
the same bytes.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some a
tab or carriage return first) as a formula. Every *text* cell that starts with one of those
gets a leading ``'``, which spreadsheets show as text. Numeric columns are typed as numbers
(nullable integers) and are never prefixed, so ``-1`` in ``change_steps`` stays a number.
"""

from __future__ import annotations

from typing import Any

from compare.errors import InspdiffError

# (column, GradePoint field, dtype)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("body", "body", "string"),
    ("body_name", "body_name", "string"),
    ("role", "role", "string"),
    ("region", "region", "string"),
    ("area", "area", "string"),
    ("programme", "programme", "string"),
    ("subject", "subject", "string"),
    ("published", "published", "string"),
    ("version", "version", "Int64"),
    ("inspection", "inspection", "string"),
    ("scale", "scale", "string"),
    ("grade", "grade", "string"),
    ("grade_rank", "rank", "Int64"),
    ("previous_grade", "previous_grade", "string"),
    ("previous_published", "previous_published", "string"),
    ("previous_inspection", "previous_inspection", "string"),
    ("change", "status", "string"),
    ("change_steps", "steps", "Int64"),
    ("change_text", "text", "string"),
    ("source_url", "url", "string"),
)
SORT_BY = ("body", "area", "published", "programme", "subject")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value: Any) -> Any:
    """Prefix ``'`` to a text value a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def frame(report: Any):
    """The report's timeline as a typed pandas DataFrame (guarded, sorted)."""
    import pandas as pd

    points = getattr(report, "timeline", None)
    if points is None:
        raise InspdiffError(
            "CSV is made for `inspdiff report national` and `inspdiff report body`; "
            "use --format md, html or json for a comparison"
        )
    data = {
        column: pd.array(
            [guard(getattr(p, field)) if dtype == "string" else getattr(p, field) for p in points],
            dtype=dtype,
        )
        for column, field, dtype in COLUMNS
    }
    df = pd.DataFrame(data, columns=[c for c, _, _ in COLUMNS])
    return df.sort_values(list(SORT_BY), kind="stable", ignore_index=True)


def render(report: Any, *, generated: str | None = None) -> str:
    """CSV text; ``generated`` is accepted for the common interface and not written (a CSV
    has no place for it that would not break a one-table reader)."""
    return frame(report).to_csv(index=False, lineterminator="\n")
