"""Reports over the whole store: the national overview and one body's history.

``collect(store)`` and ``collect_body(store, body_id)`` are the entry points. Both read the
store through ``load_latest`` only (the latest version of every inspection), so a faster
store index or cache changes that one function. Everything after it is a pure function of
the snapshots (``build_national``, ``build_body``), and tests call those directly too.

The models are frozen msgspec Structs like the ChangeSet, for the same reason: plain values
that ``msgspec.to_builtins`` turns into JSON, and that every renderer (Markdown, HTML, JSON,
CSV) shows without computing anything. Every status, count, label and sentence is here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

import msgspec

from compare import grades, registry
from compare.engine import cite, grading, regions, repeat
from compare.engine import similarity as sim
from compare.engine.changeset import FindingGroup, FindingRef
from compare.engine.cite import ROLE_LABELS, ROLE_ORDER
from compare.errors import SnapshotNotFound, UnsafeName
from compare.model import REGION, Snapshot, check_slug

if TYPE_CHECKING:
    from compare.store import Store

NATIONAL_SCHEMA = "inspdiff.national/1"
BODY_SCHEMA = "inspdiff.body/1"

# Best first: the order of legends, stacked bars and tallies.
GRADE_ORDER: tuple[str, ...] = grades.GRADES
NOT_GRADED = "not graded"

Status = Literal[
    "first",
    "improved",
    "declined",
    "unchanged",
    "not-comparable",
    "newly-graded",
    "no-longer-graded",
    "ungraded",
]

# Worst first: the finding a region is cited by for a theme is its most serious one.
_SEVERITY = {
    "cause-of-concern": 0,
    "area-for-improvement": 1,
    "observation": 2,
    "promising-practice": 3,
    "strength": 4,
}


class _Struct(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Inspected(_Struct, omit_defaults=True):
    """One inspection (its latest version) as cited by a report."""

    ref: str  # south-west@2025-06-12#v1
    programme: str
    subject: str
    subject_name: str
    title: str
    published: str
    version: int | None
    scale: str
    url: str | None
    partial: str | None = None  # "2 of 8 graded areas named": its stated tally counts more


class GradePoint(_Struct):
    """One body's grade in one area at one inspection, with the grade it had before.

    ``previous_*`` describe the body's previous inspection in the same area (any subject),
    ``status`` what happened since, ``steps`` by how much on the ordered scale."""

    body: str
    body_name: str
    role: str
    region: str
    region_name: str
    area: str
    area_label: str
    inspection: str  # Inspected.ref
    programme: str
    subject: str
    published: str
    version: int | None
    scale: str
    url: str | None
    grade: str | None  # None: recorded but not graded
    rank: int | None  # position on the inspection's scale, 1 = inadequate
    previous_grade: str | None
    previous_published: str | None
    previous_inspection: str | None
    status: Status
    steps: int | None  # signed steps on the scale; None when not measurable
    text: str  # "inadequate -> requires improvement, +1"


class LatestRow(_Struct):
    """A body's latest grade in each area; ``cells`` line up with the report's ``areas``."""

    body: str
    body_name: str
    role: str
    region: str
    region_name: str
    cells: tuple[GradePoint | None, ...]


class Tally(_Struct):
    grade: str  # a grade, or "not graded"
    count: int


class RegionMix(_Struct):
    """How the latest grades of one kind of body in a region (its forces, its ROCU; every
    area) are spread over the scale. Forces and ROCUs are never counted together, so the
    figures are the ones a comparison of two regions gives."""

    region: str
    name: str
    role: str  # "rocu", "force", ... (ROLE_ORDER)
    role_label: str  # "ROCU", "Forces"
    tallies: tuple[Tally, ...]  # GRADE_ORDER, then "not graded"; zero counts included
    graded: int
    ungraded: int
    adequate_or_better: int
    text: str  # "2 of 5 (40%)": adequate or better of those graded


class Evidence(_Struct):
    """One region's instance of a recurring finding."""

    region: str
    region_name: str
    finding: FindingRef


class Recurring(_Struct):
    """A theme, or a similar statement, found in two or more regions' latest inspections.

    ``statement``: findings paired across regions by the engine's similarity pairing (same
    polarity class, scores of at least ``similarity.SIMILAR_MIN``); ``score`` is the lowest
    pair score that joined the group. ``theme``: findings carrying the same theme; each
    region is cited by its most serious finding in that theme."""

    kind: Literal["statement", "theme"]
    label: str
    theme: str | None
    theme_label: str | None
    regions: tuple[str, ...]
    score: int | None
    evidence: tuple[Evidence, ...]  # one per region, by region id


class NationalReport(_Struct, kw_only=True):
    schema: str = NATIONAL_SCHEMA
    title: str
    summary: str
    inspections: tuple[Inspected, ...]
    areas: tuple[str, ...]
    area_labels: tuple[str, ...]  # the areas as words, in the same order
    grade_order: tuple[str, ...]
    latest: tuple[LatestRow, ...]  # every body's latest grade per area (also the heatmap)
    regions: tuple[RegionMix, ...]
    moved_up: tuple[GradePoint, ...]
    moved_down: tuple[GradePoint, ...]
    not_comparable: tuple[GradePoint, ...]
    unchanged: int  # bodies whose latest grade equals their previous one
    first: int  # (body, area) pairs with no earlier inspection in the store
    recurring_statements: tuple[Recurring, ...]
    recurring_themes: tuple[Recurring, ...]
    timeline: tuple[GradePoint, ...]  # one per (body, area, inspection): the CSV rows
    # Every finding of each subject's latest inspection, by region, inspection and id: the
    # findings rows of the CSV and xlsx views. Required (no default), so a report cached
    # before it existed fails to decode and is rebuilt rather than read back without it.
    findings: tuple[Evidence, ...]


class AreaSeries(_Struct):
    """A body's grades in one area, oldest first (the "movement over time" chart)."""

    area: str
    area_label: str
    points: tuple[GradePoint, ...]


class Lifecycle(_Struct):
    """What became of a body's findings between two consecutive inspections of a subject,
    as classified by the engine's repeat-inspection comparison."""

    a: Inspected
    b: Inspected
    summary: str  # "1 new, 2 persisting, 1 resolved"
    groups: tuple[FindingGroup, ...]  # the engine's groups, this body's findings only


class BodyReport(_Struct, kw_only=True):
    schema: str = BODY_SCHEMA
    title: str
    summary: str
    body: str
    name: str
    kind: str
    role: str
    region: str
    region_name: str
    inspections: tuple[Inspected, ...]  # oldest first
    areas: tuple[str, ...]
    area_labels: tuple[str, ...]
    grade_order: tuple[str, ...]
    series: tuple[AreaSeries, ...]
    lifecycle: tuple[Lifecycle, ...]
    findings: tuple[FindingRef, ...]  # the body's findings in its latest inspection
    timeline: tuple[GradePoint, ...]


# -- loading (the one place that reads the store) ----------------------------------------


def load_latest(store: Store) -> list[Snapshot]:
    """The latest version of every inspection in the store, in store key order."""
    return [store.load_version(entry) for entry in store.inspections()]


def collect(store: Store) -> NationalReport:
    """The national overview of everything in ``store``.

    Grades come from every inspection's latest version read without its findings; only the
    latest inspection of each subject is read in full (recurring findings use those alone).
    The result is cached in the store (``compare.reportcache``) until any file changes."""
    from compare import reportcache

    def build() -> NationalReport:
        import gc

        # Tens of thousands of small frozen objects and no cycles: the cyclic collector
        # would rescan the growing heap again and again (superlinear in the store's size).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _build()
        finally:
            if enabled:
                gc.enable()

    def _build() -> NationalReport:
        entries = store.inspections()
        heads = [store.load_head(e) for e in entries]
        newest = {}
        for e in sorted(entries, key=lambda e: (e.published, e.key)):
            newest[(e.programme, e.subject)] = e
        full = [store.load_version(newest[k]) for k in sorted(newest)]
        return build_national(heads, latest_full=full)

    return reportcache.cached(store.root, "national", NationalReport, build)


def collect_body(store: Store, body_id: str) -> BodyReport:
    """One body's history across every inspection in ``store`` that grades or cites it."""
    try:
        check_slug(body_id, "body id")
    except ValueError as err:
        raise UnsafeName(str(err)) from None
    return build_body(load_latest(store), body_id)


# -- shared pieces -----------------------------------------------------------------------


def _order(snaps: Iterable[Snapshot]) -> list[Snapshot]:
    return sorted(snaps, key=lambda s: (s.inspection.published, *s.key))


def inspected(snap: Snapshot) -> Inspected:
    i = snap.inspection
    return Inspected(
        ref=snap.ref,
        programme=i.programme,
        subject=i.subject,
        subject_name=registry.load().name_of(i.subject),
        title=i.title,
        published=i.published,
        version=snap.version,
        scale=i.scale,
        url=snap.source.url,
        partial=snap.partial(),
    )


def _region_of(body_id: str, subject: str) -> str:
    reg = registry.load()
    b = reg.bodies.get(body_id) or reg.bodies.get(subject)
    return b.region if b else subject


def timeline(snaps: Sequence[Snapshot]) -> list[GradePoint]:
    """One GradePoint per (body, area, inspection), each knowing the body's previous grade
    in that area. Sorted by body, area, date, programme, subject."""
    reg = registry.load()
    last: dict[tuple[str, str], tuple[Snapshot, str | None]] = {}
    points: list[GradePoint] = []
    for snap in _order(snaps):
        i = snap.inspection
        for j in sorted(snap.judgments, key=lambda j: (j.body, j.area)):
            key = (j.body, j.area)
            prev = last.get(key)
            if prev is None:
                status: Status = "first"
                steps: int | None = None
                text = j.grade or NOT_GRADED
            else:
                # The engine's own wording, so a change reads the same in every report.
                status, steps, text = grading.describe(
                    prev[1], j.grade, prev[0].inspection.scale, i.scale
                )
            region = _region_of(j.body, i.subject)
            points.append(
                GradePoint(
                    body=j.body,
                    body_name=reg.name_of(j.body) if j.body in reg.bodies else j.name,
                    role=j.role,
                    region=region,
                    region_name=reg.name_of(region),
                    area=j.area,
                    area_label=cite.label(j.area),
                    inspection=snap.ref,
                    programme=i.programme,
                    subject=i.subject,
                    published=i.published,
                    version=snap.version,
                    scale=i.scale,
                    url=snap.source.url,
                    grade=j.grade,
                    rank=grades.rank(j.grade, i.scale) if j.grade else None,
                    previous_grade=prev[1] if prev else None,
                    previous_published=prev[0].inspection.published if prev else None,
                    previous_inspection=prev[0].ref if prev else None,
                    status=status,
                    steps=steps,
                    text=text,
                )
            )
            last[key] = (snap, j.grade)
    points.sort(key=lambda p: (p.body, p.area, p.published, p.programme, p.subject))
    return points


def _moved(n_word: str, points: tuple[GradePoint, ...], limit: int = 5) -> str:
    """ "2 moved down (Wiltshire Police, Dorset Police)": who moved, not just how many; a
    body that moved in two areas is named once."""
    names = list(dict.fromkeys(p.body_name for p in points))
    if not names:
        return f"0 {n_word}"
    shown = ", ".join(names[:limit]) + (
        f" and {len(names) - limit} more" if len(names) > limit else ""
    )
    return f"{len(points)} {n_word} ({shown})"


# -- the national overview ---------------------------------------------------------------


def build_national(
    snaps: Sequence[Snapshot], *, latest_full: Sequence[Snapshot] | None = None
) -> NationalReport:
    """``latest_full``: the full latest snapshot of each subject when ``snaps`` were read without
    findings (default: taken from ``snaps``)."""
    reg = registry.load()
    points = timeline(snaps)
    latest_by_key: dict[tuple[str, str], GradePoint] = {}
    for p in points:  # sorted oldest first within (body, area): the last one wins
        latest_by_key[(p.body, p.area)] = p
    areas = tuple(sorted({area for _, area in latest_by_key}))

    def body_order(body: str, region: str) -> tuple:
        b = reg.bodies.get(body)
        kind_rank = {"region": 0, "rocu": 1}.get(b.kind if b else "", 2)
        return (region, kind_rank, reg.name_of(body), body)

    bodies: dict[str, GradePoint] = {}
    for p in latest_by_key.values():
        bodies.setdefault(p.body, p)
    latest = tuple(
        LatestRow(
            body=body,
            body_name=first.body_name,
            role=first.role,
            region=first.region,
            region_name=first.region_name,
            cells=tuple(latest_by_key.get((body, area)) for area in areas),
        )
        for body, first in sorted(bodies.items(), key=lambda kv: body_order(kv[0], kv[1].region))
    )

    by_region: dict[tuple[str, str], list[GradePoint]] = defaultdict(list)
    for p in latest_by_key.values():
        role = p.role if p.role in ROLE_ORDER else "other"
        by_region[(p.region, role)].append(p)
    mixes = []
    for region, role in sorted(by_region, key=lambda k: (k[0], ROLE_ORDER.index(k[1]))):
        cells = by_region[(region, role)]
        counts = {g: 0 for g in (*GRADE_ORDER, NOT_GRADED)}
        for p in cells:
            counts[p.grade or NOT_GRADED] += 1
        graded = len(cells) - counts[NOT_GRADED]
        good = sum(1 for p in cells if p.grade and grades.at_least_adequate(p.grade))
        mixes.append(
            RegionMix(
                region=region,
                name=reg.name_of(region),
                role=role,
                role_label=ROLE_LABELS[role],
                tallies=tuple(Tally(grade=g, count=c) for g, c in counts.items()),
                graded=graded,
                ungraded=counts[NOT_GRADED],
                adequate_or_better=good,
                text=grades.adequate_share(good, graded),
            )
        )

    moves = sorted(latest_by_key.values(), key=lambda p: (-abs(p.steps or 0), p.body_name, p.area))
    up = tuple(p for p in moves if p.status == "improved")
    down = tuple(p for p in moves if p.status == "declined")
    odd = tuple(p for p in moves if p.status == "not-comparable")
    unchanged = sum(1 for p in moves if p.status == "unchanged")
    first = sum(1 for p in moves if p.status == "first")

    latest_snaps = _latest_per_subject(snaps) if latest_full is None else list(latest_full)
    findings = tuple(
        Evidence(region=region, region_name=reg.name_of(region), finding=f)
        for region, refs in sorted(_findings_by_region(latest_snaps).items())
        for f in refs
    )
    statements = recurring_statements(latest_snaps)
    themes = recurring_themes(latest_snaps)
    ordered = _order(snaps)
    summary = (
        f"{len(ordered)} inspection(s) of {len({s.inspection.subject for s in ordered})} "
        f"subject(s); {len(latest)} bodies graded in {len(areas)} area(s); "
        f"{_moved('moved up', up)} and {_moved('moved down', down)} since their previous "
        "inspection; "
        f"{len(statements)} statement(s) and {len(themes)} theme(s) recur in 2 or more regions."
    )
    return NationalReport(
        title="National overview",
        summary=summary,
        inspections=tuple(inspected(s) for s in ordered),
        areas=areas,
        area_labels=tuple(cite.label(a) for a in areas),
        grade_order=GRADE_ORDER,
        latest=latest,
        regions=tuple(mixes),
        moved_up=up,
        moved_down=down,
        not_comparable=odd,
        unchanged=unchanged,
        first=first,
        recurring_statements=statements,
        recurring_themes=themes,
        timeline=tuple(points),
        findings=findings,
    )


def _latest_per_subject(snaps: Sequence[Snapshot]) -> list[Snapshot]:
    latest: dict[tuple[str, str], Snapshot] = {}
    for s in _order(snaps):
        latest[(s.inspection.programme, s.inspection.subject)] = s
    return [latest[k] for k in sorted(latest)]


def _findings_by_region(snaps: Sequence[Snapshot]) -> dict[str, list[FindingRef]]:
    """Each region's findings (of the given snapshots), cited as the engine cites them."""
    out: dict[str, list[FindingRef]] = defaultdict(list)
    for s in snaps:
        subject = s.inspection.subject
        for f in cite.finding_refs(s):
            out[_region_of(subject if f.body == REGION else f.body, subject)].append(f)
    for refs in out.values():
        refs.sort(key=lambda f: (f.snapshot, f.id))
    return out


def recurring_statements(snaps: Sequence[Snapshot]) -> tuple[Recurring, ...]:
    """Groups of similar statements seen in two or more regions (see Recurring).

    Each pair of regions is paired one-to-one by the engine's own rule for a shared finding
    (``regions.PHASES``' "shared" phase: same theme, same polarity class, a similarity score
    of at least ``similarity.SIMILAR_MIN``); pairs are then joined into groups (single link),
    and a group counts when it spans two or more regions."""
    reg = registry.load()
    by_region = _findings_by_region(snaps)
    names = sorted(by_region)
    items = {r: regions.items(by_region[r]) for r in names}
    shared = tuple(p for p in regions.PHASES if p.name == "shared")
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    weakest: dict[tuple[str, int], int] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for n, ra in enumerate(names):
        for rb in names[n + 1 :]:
            for p in sim.pair(items[ra], items[rb], phases=shared):
                x, y = find((ra, p.a)), find((rb, p.b))
                root, child = min(x, y), max(x, y)
                score = min(weakest.get(x, 100), weakest.get(y, 100), p.score)
                parent.setdefault(root, root)
                parent[child] = root
                weakest[root] = score
    groups: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for node in parent:
        groups[find(node)].add(node)
    out = []
    for root, members in groups.items():
        first: dict[str, int] = {}
        for r, idx in sorted(members):
            first.setdefault(r, idx)
        if len(first) < 2:
            continue
        evidence = tuple(
            Evidence(region=r, region_name=reg.name_of(r), finding=by_region[r][idx])
            for r, idx in first.items()
        )
        common = set.intersection(*(set(e.finding.themes) for e in evidence))
        out.append(
            Recurring(
                kind="statement",
                label=evidence[0].finding.text,
                theme=min(common) if common else None,
                theme_label=cite.label(min(common)) if common else None,
                regions=tuple(first),
                score=weakest.get(root),
                evidence=evidence,
            )
        )
    out.sort(key=lambda r: (-len(r.regions), r.label))
    return tuple(out)


def recurring_themes(snaps: Sequence[Snapshot]) -> tuple[Recurring, ...]:
    """Themes carried by findings in two or more regions, each region cited by its most
    serious finding in the theme (cause of concern first)."""
    reg = registry.load()
    by_theme: dict[str, dict[str, FindingRef]] = defaultdict(dict)
    for region, refs in sorted(_findings_by_region(snaps).items()):
        for f in refs:
            for theme in f.themes:
                held = by_theme[theme].get(region)
                if held is None or _SEVERITY[f.polarity] < _SEVERITY[held.polarity]:
                    by_theme[theme][region] = f
    out = [
        Recurring(
            kind="theme",
            label=cite.label(theme),
            theme=theme,
            theme_label=cite.label(theme),
            regions=tuple(sorted(cited)),
            score=None,
            evidence=tuple(
                Evidence(region=r, region_name=reg.name_of(r), finding=cited[r])
                for r in sorted(cited)
            ),
        )
        for theme, cited in by_theme.items()
        if len(cited) >= 2
    ]
    out.sort(key=lambda r: (-len(r.regions), r.label))
    return tuple(out)


# -- one body ----------------------------------------------------------------------------


def _cites(snap: Snapshot, body_id: str) -> bool:
    return (
        snap.inspection.subject == body_id
        or any(j.body == body_id for j in snap.judgments)
        or any(
            f.body == body_id or (f.body == REGION and snap.inspection.subject == body_id)
            for f in snap.findings
        )
    )


def _about(f: FindingRef | None, body_id: str, subject: str) -> bool:
    if f is None:
        return False
    return f.body == body_id or (f.body == REGION and subject == body_id)


def build_body(snaps: Sequence[Snapshot], body_id: str) -> BodyReport:
    reg = registry.load()
    mine = [s for s in _order(snaps) if _cites(s, body_id)]
    if not mine:
        known = body_id in reg.bodies
        raise SnapshotNotFound(
            f"no inspection in the store grades or cites {body_id!r}"
            + ("" if known else " (and it is not a body id in the registry)")
        )
    body = reg.bodies.get(body_id)
    points = [p for p in timeline(mine) if p.body == body_id]
    areas = tuple(sorted({p.area for p in points}))
    series = tuple(
        AreaSeries(
            area=a,
            area_label=cite.label(a),
            points=tuple(sorted((p for p in points if p.area == a), key=lambda p: p.published)),
        )
        for a in areas
    )
    by_subject: dict[tuple[str, str], list[Snapshot]] = defaultdict(list)
    for s in mine:
        by_subject[(s.inspection.programme, s.inspection.subject)].append(s)
    lifecycle = []
    for key in sorted(by_subject):
        seq = by_subject[key]
        for a, b in pairwise(seq):
            changes = [
                c
                for c in repeat.finding_changes(a, b)
                if _about(c.a, body_id, a.inspection.subject)
                or _about(c.b, body_id, b.inspection.subject)
            ]
            if not changes:
                continue  # neither inspection says anything about this body
            groups = repeat.group(changes, repeat.STATUS_ORDER, repeat.HEADINGS)
            counts = ", ".join(f"{len(g.changes)} {g.status.replace('-', ' ')}" for g in groups)
            lifecycle.append(
                Lifecycle(
                    a=inspected(a),
                    b=inspected(b),
                    summary=counts,
                    groups=groups,
                )
            )
    lifecycle.sort(key=lambda lc: (lc.b.published, lc.b.ref))
    last = mine[-1]
    findings = tuple(
        sorted(
            (f for f in cite.finding_refs(last) if _about(f, body_id, last.inspection.subject)),
            key=lambda f: (_SEVERITY[f.polarity], f.id),
        )
    )
    name = body.name if body else (points[0].body_name if points else body_id)
    region = body.region if body else _region_of(body_id, mine[-1].inspection.subject)
    latest_grades = [s.points[-1] for s in series]
    graded = ", ".join(f"{p.area_label}: {p.grade or NOT_GRADED}" for p in latest_grades)
    summary = (
        f"{name}: {len(mine)} inspection(s) from {mine[0].inspection.published} to "
        f"{last.inspection.published}"
        + (f"; latest grades: {graded}" if graded else "; never graded")
        + "."
    )
    return BodyReport(
        title=f"{name}: inspection history",
        summary=summary,
        body=body_id,
        name=name,
        kind=body.kind if body else "other",
        role=body.role if body else (points[0].role if points else "other"),
        region=region,
        region_name=reg.name_of(region),
        inspections=tuple(inspected(s) for s in mine),
        areas=areas,
        area_labels=tuple(cite.label(a) for a in areas),
        grade_order=GRADE_ORDER,
        series=series,
        lifecycle=tuple(lifecycle),
        findings=findings,
        timeline=tuple(points),
    )
