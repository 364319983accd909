"""An xlsx workbook for analysts: the CSV's sections as sheets (grades, findings, and for a
body report lifecycle), plus ``about``, ``matches`` and what else the model holds (see
``compare.render.tables``). Returns bytes.

Written with XlsxWriter (BSD-2, pure Python, no dependencies; the writer pandas itself
uses), imported here only, so no other command pays for it. Choices, and why:

- Same bytes for the same result: XlsxWriter stamps the zip members with a fixed date
  already, but writes "now" as the document's created date unless told otherwise; it is
  set from ``generated`` when the caller passes one, else a fixed date (1980-01-01, the
  earliest a zip can carry). Renderers never read the clock.
- ``in_memory``: by default XlsxWriter spools each sheet through a temporary file; every
  filesystem mutation this tool makes goes through ``compare.io``, so nothing is written
  here but the returned bytes.
- Text is written as text, never as a formula, link or number: ``write_string`` for every
  text cell (and ``strings_to_formulas``/``strings_to_urls``/``strings_to_numbers`` off, so
  no helper can reinterpret one). A text that starts like a formula (the CSV's guard,
  ``csv.is_formula_like``) also gets Excel's quote prefix, the workbook's own form of the
  CSV's leading ``'``: the cell shows the text as it is and stays text when edited.
  Integer columns are numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from compare.render.csv import is_formula_like
from compare.render.tables import INT, sheets

# The earliest date a zip member can carry; XlsxWriter uses it for its members too.
FIXED_CREATED = dt.datetime(1980, 1, 1)
# Column widths in characters: wide enough to read, fixed so the bytes never depend on data.
_WIDE = {"text": 80, "summary": 80, "value": 80, "label": 60, "change_text": 40}
_WIDE.update({f"{s}_text": 60 for s in "ab"})
_WIDTH = 16


def created(generated: str | None) -> dt.datetime:
    """The document's created date: ``generated`` (ISO 8601) in UTC, or FIXED_CREATED."""
    if generated is None:
        return FIXED_CREATED
    when = dt.datetime.fromisoformat(generated)
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when


def render(obj: Any, *, generated: str | None = None) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    workbook = xlsxwriter.Workbook(out, options)
    workbook.set_properties({"created": created(generated)})
    header = workbook.add_format({"bold": True})
    quoted = workbook.add_format({"quote_prefix": True})
    for table in sheets(obj, generated=generated):
        sheet = workbook.add_worksheet(table.name)
        for col, (name, _) in enumerate(table.columns):
            sheet.write_string(0, col, name, header)
            sheet.set_column(col, col, _WIDE.get(name, _WIDTH))
        for r, row in enumerate(table.rows, start=1):
            for col, (name, dtype) in enumerate(table.columns):
                value = row.get(name)
                if value is None:
                    continue
                if dtype == INT:
                    sheet.write_number(r, col, value)
                elif is_formula_like(value):
                    sheet.write_string(r, col, value, quoted)
                else:
                    sheet.write_string(r, col, str(value))
        sheet.freeze_panes(1, 0)
        if table.columns:
            sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.columns) - 1)
    workbook.close()
    return out.getvalue()
