"""HTML views: one self-contained page per report.

Each page carries its CSS inline and nothing else: no script, no font, no image, no request
of any kind, enforced by a Content-Security-Policy meta tag (``default-src 'none'``, inline
styles only). Charts are inline SVG drawn here at render time, so they need no JavaScript.

Every template is autoescaped, switched on explicitly (jinja2's default
``select_autoescape()`` does not cover ``.j2`` names), no template marks data ``|safe``, and
links pass ``safe_url``: http, https and relative URLs only, so a ``javascript:`` URL in a
snapshot becomes plain text. This module lays charts out and formats numbers; what they say
was computed by the engine.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

from compare.render import svg

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

MINUS = "\u2212"
_TEMPLATES = {
    "ChangeSet": "changeset.html.j2",
    "NationalReport": "national.html.j2",
    "BodyReport": "body.html.j2",
}


def safe_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL with a host, or a relative URL; else None.

    Anything with whitespace, control characters or backslashes is refused outright:
    browsers strip or reinterpret those, which is how ``java\\tscript:`` gets through
    naive checks."""
    if not isinstance(value, str) or not value:
        return None
    if any(c.isspace() or ord(c) < 0x20 or c in "\\\x7f" for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme:
        return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None
    if value.startswith("//") or ":" in value.split("/", 1)[0].split("?", 1)[0]:
        return None  # protocol-relative, or something a browser may read as a scheme
    return value


def signed(n: int | None) -> str:
    """+1, −2 (a real minus sign), 0; empty for None."""
    if n is None:
        return ""
    if n > 0:
        return f"+{n}"
    if n < 0:
        return f"{MINUS}{-n}"
    return "0"


def words(slug: str | None) -> str:
    """An id as words: ``serious-and-organised-crime`` -> ``serious and organised crime``."""
    return (slug or "").replace("-", " ")


def pct(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


@cache
def environment():
    from compare.render.templating import new_environment

    # Explicit: every template this environment loads is HTML (or SVG/CSS inside HTML).
    env = new_environment("html")
    env.filters.update(
        safe_url=safe_url, signed=signed, words=words, pct=pct, grade_class=svg.grade_class
    )
    env.globals.update(CSP=CSP)
    return env


def charts(obj: Any) -> dict[str, Any]:
    """Chart layouts for a report, keyed by the name its template uses."""
    kind = type(obj).__name__
    if kind == "NationalReport":
        return _national_charts(obj)
    if kind == "BodyReport":
        return _body_charts(obj)
    if kind == "ChangeSet":
        return _changeset_charts(obj)
    raise TypeError(f"no HTML view for {kind}")


def _national_charts(r) -> dict[str, Any]:
    bars = svg.stacked_bars(
        [
            (
                f"{m.name}: {m.role_label}",
                [(t.grade, t.count) for t in m.tallies if t.count or t.grade != "not graded"],
            )
            for m in r.regions
        ]
    )
    rows, groups, last_region = [], [], None
    for n, row in enumerate(r.latest):
        if row.region != last_region:
            groups.append((n, row.region_name))
            last_region = row.region
        rows.append((row.body_name, [c.grade if c is not None else False for c in row.cells]))
    heat = svg.heatmap(list(r.area_labels), rows, group_rows=groups) if rows else None
    return {"bars": bars if r.regions else None, "heat": heat}


def _body_charts(r) -> dict[str, Any]:
    dates = sorted({p.published for s in r.series for p in s.points})
    move = (
        svg.movement(
            dates, [(s.area_label, [(p.published, p.grade) for p in s.points]) for s in r.series]
        )
        if r.series
        else None
    )
    by_key = {(p.area, p.published): p for p in r.timeline}
    heat = (
        svg.heatmap(
            dates,
            [
                (
                    label,
                    [by_key[(a, d)].grade if (a, d) in by_key else False for d in dates],
                )
                for a, label in zip(r.areas, r.area_labels, strict=True)
            ],
        )
        if r.areas
        else None
    )
    return {"move": move, "heat": heat}


def _changeset_charts(cs) -> dict[str, Any]:
    out: dict[str, Any] = {"bars": None, "heat": None}
    if cs.groups:
        one_area = len({g.area for g in cs.groups}) == 1
        rows = []
        for g in cs.groups:
            label = g.role_label if one_area else f"{g.role_label}, {g.area_label}"
            for side, ref in (("a", cs.a), ("b", cs.b)):
                tallies = [
                    (c.grade, getattr(c, side)) for c in g.mix if getattr(c, side) is not None
                ]
                ungraded = getattr(g, f"mix_{side}").ungraded
                if ungraded:
                    tallies.append(("not graded", ungraded))
                rows.append((f"{label}: {ref.subject_name}", tallies))
        out["bars"] = svg.stacked_bars(rows)
        areas = sorted({(g.area, g.area_label) for g in cs.groups})
        heat_rows, groups = [], []
        for side, ref in (("a", cs.a), ("b", cs.b)):
            groups.append((len(heat_rows), f"{ref.subject_name} ({ref.published})"))
            seen: dict[str, dict[str, str | None]] = {}
            names: dict[str, str] = {}
            for g in cs.groups:
                for row in g.rows:
                    e = getattr(row, side)
                    if e is not None:
                        seen.setdefault(e.body, {})[e.area] = e.grade
                        names[e.body] = e.name
            for body, cells in seen.items():  # engine order: role, then best grade first
                heat_rows.append((names[body], [cells.get(a, False) for a, _ in areas]))
        out["heat"] = svg.heatmap([lbl for _, lbl in areas], heat_rows, group_rows=groups)
    elif cs.grade_changes:
        several = len({c.area for c in cs.grade_changes}) > 1
        out["heat"] = svg.heatmap(
            [f"{cs.a.published} ({_v(cs.a)})", f"{cs.b.published} ({_v(cs.b)})"]
            if cs.a.published == cs.b.published
            else [cs.a.published, cs.b.published],
            [
                (f"{c.name}, {c.area_label}" if several else c.name, [c.before, c.after])
                for c in cs.grade_changes
            ],
        )
    return out


def _v(side) -> str:
    return f"v{side.version}" if side.version else "file"


def render_html(obj: Any, *, generated: str | None = None) -> str:
    """The report ``obj`` (ChangeSet, NationalReport or BodyReport) as one HTML page.

    ``generated``: a timestamp to print in the footer; omitted when None, so the same
    input always gives the same bytes."""
    kind = type(obj).__name__
    try:
        name = _TEMPLATES[kind]
    except KeyError:
        raise TypeError(f"no HTML view for {kind}") from None
    template = environment().get_template(name)
    return template.render(report=obj, charts=charts(obj), generated=generated)


# The interface every format module in compare.render.FORMATS offers.
render = render_html
