"""Chart geometry for the HTML reports: where each bar, cell and point goes.

Only layout lives here (pixels, label positions, tick marks); what the numbers are was
decided by the engine. The shapes are plain frozen dataclasses, and the SVG elements are
written by ``templates/_charts.html.j2`` so every label passes through autoescaping. Colours
come from CSS classes (``g-<grade>``), so one palette serves badges, bars and cells.
Sizes are in SVG user units; the templates scale them with ``viewBox``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FONT = 13  # px: labels
CHAR = 7.0  # average width of a label character at FONT, for sizing label columns

# Fixed vertical position of each grade on movement charts, best at the top. A four-point
# grade has the same word, and so the same row, as on the five-point scale.
LEVELS: tuple[str, ...] = (
    "outstanding",
    "good",
    "adequate",
    "requires improvement",
    "inadequate",
)


def grade_class(grade: str | None) -> str:
    """CSS class of a grade's colour: ``g-requires-improvement``; ``g-none`` for none."""
    return "g-" + (grade.replace(" ", "-") if grade else "none")


def _label_width(labels: Sequence[str], minimum: float = 60, maximum: float = 460) -> float:
    longest = max((len(x) for x in labels), default=0)
    return max(minimum, min(maximum, longest * CHAR + 16))


@dataclass(frozen=True, slots=True)
class Segment:
    x: float
    width: float
    grade: str
    count: int
    css: str
    show_count: bool  # wide enough to print the count inside


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    y: float
    total: int
    segments: tuple[Segment, ...]
    total_x: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class LegendItem:
    x: float
    grade: str
    css: str


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal stacked bars, one per row label, segments in grade order."""

    width: float
    height: float
    label_x: float  # right edge of the row labels
    plot_x: float
    plot_width: float
    bar_height: float
    axis_y: float
    ticks: tuple[Tick, ...]
    legend: tuple[LegendItem, ...]
    legend_y: float
    bars: tuple[Bar, ...]


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[tuple[str, int]]]], *, plot_width: float = 600
) -> BarChart:
    """``rows``: (label, ((grade, count), ...)) with counts in the order to stack them."""
    label_w = _label_width([label for label, _ in rows])
    legend_grades = []
    for _, tallies in rows:
        for grade, _count in tallies:
            if grade not in legend_grades:
                legend_grades.append(grade)
    legend, x = [], 0.0
    for grade in legend_grades:
        legend.append(LegendItem(x=x, grade=grade, css=grade_class(_grade_or_none(grade))))
        x += 22 + len(grade) * CHAR + 14
    top = 34.0
    bar_h, gap = 24.0, 10.0
    plot_x = label_w
    most = max((sum(c for _, c in t) for _, t in rows), default=0) or 1
    unit = plot_width / most
    bars = []
    for n, (label, tallies) in enumerate(rows):
        y = top + n * (bar_h + gap)
        segs, cx = [], plot_x
        for grade, count in tallies:
            if count <= 0:
                continue
            w = count * unit
            segs.append(
                Segment(
                    x=round(cx, 2),
                    width=round(w, 2),
                    grade=grade,
                    count=count,
                    css=grade_class(_grade_or_none(grade)),
                    show_count=w >= 18,
                )
            )
            cx += w
        total = sum(c for _, c in tallies)
        bars.append(Bar(label=label, y=y, total=total, segments=tuple(segs), total_x=cx + 6))
    axis_y = top + len(rows) * (bar_h + gap) - gap + 6
    step = 1 if most <= 10 else 2 if most <= 20 else 5 if most <= 50 else 10
    ticks = tuple(
        Tick(x=round(plot_x + v * unit, 2), label=str(v)) for v in range(0, most + 1, step)
    )
    width = max(plot_x + plot_width + 40, x)
    return BarChart(
        width=round(width, 2),
        height=axis_y + 22,
        label_x=plot_x - 8,
        plot_x=plot_x,
        plot_width=plot_width,
        bar_height=bar_h,
        axis_y=axis_y,
        ticks=ticks,
        legend=tuple(legend),
        legend_y=6,
        bars=tuple(bars),
    )


def _grade_or_none(grade: str) -> str | None:
    return grade if grade in LEVELS else None


@dataclass(frozen=True, slots=True)
class Cell:
    x: float
    y: float
    width: float
    height: float
    text: str  # what the cell says: the grade, "not graded", or "—" for no judgment
    title: str  # tooltip: row, column and grade
    css: str


@dataclass(frozen=True, slots=True)
class RowLabel:
    y: float
    text: str
    group: bool  # a group heading (a region, a side) rather than a body


@dataclass(frozen=True, slots=True)
class ColumnLabel:
    x: float
    text: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    width: float
    height: float
    label_x: float
    cell_height: float
    rows: tuple[RowLabel, ...]
    columns: tuple[ColumnLabel, ...]
    column_y: float
    cells: tuple[Cell, ...]


NO_JUDGMENT = "—"


def heatmap(
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str | bool | None]]],
    *,
    group_rows: Sequence[tuple[int, str]] = (),
) -> HeatMap:
    """A grid of grade cells.

    ``rows``: (label, values) with one value per column: a grade, ``None`` (recorded but not
    graded) or ``False`` (no judgment there). ``group_rows``: (index, heading) puts a
    heading line before row ``index``."""
    label_w = _label_width([label for label, _ in rows] + [h for _, h in group_rows], 120)
    cell_w = max(150.0, _label_width(columns, 150, 260))
    cell_h, gap = 24.0, 2.0
    head = 30.0
    headings = dict(group_rows)
    y = head
    labels, cells = [], []
    for n, (label, values) in enumerate(rows):
        if n in headings:
            y += 6
            labels.append(RowLabel(y=y + cell_h / 2, text=headings[n], group=True))
            y += cell_h
        labels.append(RowLabel(y=y + cell_h / 2, text=label, group=False))
        for k, value in enumerate(values):
            if value is False:
                text, css = NO_JUDGMENT, "g-empty"
            elif value is None:
                text, css = "not graded", grade_class(None)
            else:
                text, css = str(value), grade_class(str(value))
            cells.append(
                Cell(
                    x=label_w + k * (cell_w + gap),
                    y=y,
                    width=cell_w,
                    height=cell_h,
                    text=text,
                    title=f"{label}, {columns[k]}: "
                    + ("no judgment" if text == NO_JUDGMENT else text),
                    css=css,
                )
            )
        y += cell_h + gap
    return HeatMap(
        width=label_w + len(columns) * (cell_w + gap) + 4,
        height=y + 4,
        label_x=label_w - 8,
        cell_height=cell_h,
        rows=tuple(labels),
        columns=tuple(
            ColumnLabel(x=label_w + k * (cell_w + gap) + cell_w / 2, text=c)
            for k, c in enumerate(columns)
        ),
        column_y=head - 10,
        cells=tuple(cells),
    )


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    grade: str | None
    label: str  # the grade, or "not graded"
    title: str
    css: str
    label_y: float


@dataclass(frozen=True, slots=True)
class Panel:
    """One area's grades over time."""

    title: str
    top: float
    levels: tuple[tuple[float, str], ...]  # (y, grade) gridlines
    points: tuple[Point, ...]
    path: str  # polyline points "x,y x,y" through the graded points, oldest first


@dataclass(frozen=True, slots=True)
class Movement:
    width: float
    height: float
    plot_x: float
    plot_right: float
    dates: tuple[Tick, ...]
    dates_y: float
    panels: tuple[Panel, ...]


def movement(
    dates: Sequence[str], series: Sequence[tuple[str, Sequence[tuple[str, str | None]]]]
) -> Movement:
    """Small multiples: one panel per series (an area), grade rows best at the top.

    ``dates``: the x positions, oldest first (evenly spaced: inspections are events, not a
    continuous measure). ``series``: (title, ((date, grade or None), ...))."""
    label_w = _label_width(list(LEVELS), 100)
    step = 130.0
    plot_x = label_w + 30
    plot_right = plot_x + max(1, len(dates) - 1) * step
    xs = {d: plot_x + n * step for n, d in enumerate(dates)}
    if len(dates) == 1:
        xs = {dates[0]: plot_x + step / 2}
        plot_right = plot_x + step
    row_h, title_h, panel_gap = 22.0, 26.0, 18.0
    panels, top = [], 0.0
    for title, values in series:
        levels = tuple((top + title_h + n * row_h + row_h / 2, g) for n, g in enumerate(LEVELS))
        level_y = {g: y for y, g in levels}
        pts = []
        for date, grade in values:
            y = level_y.get(grade, top + title_h + len(LEVELS) * row_h + row_h / 2)
            label = grade or "not graded"
            pts.append(
                Point(
                    x=xs[date],
                    y=y,
                    grade=grade,
                    label=label,
                    title=f"{title}, {date}: {label}",
                    css=grade_class(grade),
                    label_y=y - 10,
                )
            )
        path = " ".join(f"{p.x:g},{p.y:g}" for p in pts if p.grade)
        panels.append(Panel(title=title, top=top, levels=levels, points=tuple(pts), path=path))
        top += title_h + (len(LEVELS) + 1) * row_h + panel_gap
    return Movement(
        width=plot_right + 90,
        height=top + 10,
        plot_x=plot_x,
        plot_right=plot_right,
        dates=tuple(Tick(x=xs[d], label=d) for d in dates),
        dates_y=top - 4,
        panels=tuple(panels),
    )
