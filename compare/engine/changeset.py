"""The ChangeSet: everything a renderer shows about two snapshots, as plain frozen values.

One flat model for all three modes (``regions``, ``repeat``, ``versions``); sections a mode
does not use are empty tuples, so a renderer loops without asking which mode it is in.
Every sentence, label and number a report prints is computed here or in the engine, never
in a template. Values are str, int, float, None, tuples and these Structs only (no deepdiff
or pandas objects), so ``msgspec.to_builtins`` turns a ChangeSet into JSON directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import msgspec

from compare.errors import InspdiffError

SCHEMA = "inspdiff.changeset/1"

Mode = Literal["regions", "repeat", "versions"]

# --fail-on rules, in the order they are reported.
RULES: tuple[str, ...] = ("decline", "inadequate", "any-change")


class _Struct(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Side(_Struct, omit_defaults=True):
    """One of the two snapshots compared, as cited in the report. ``tally`` and ``partial``
    are left out of the JSON when the snapshot states no tally."""

    ref: str  # south-west@2025-06-12#v1
    programme: str
    subject: str
    subject_name: str
    title: str
    published: str
    version: int | None
    scale: str
    url: str | None  # the source URL, when the publication came from one
    sha256: str  # of the raw source bytes
    extractor: str  # "name version"
    tally: str | None = None  # the stated grade tally: "good 2, adequate 1 (8 areas graded)"
    partial: str | None = None  # "2 of 8 graded areas named": the tally counts more


class TallyChange(_Struct):
    """One grade's count in the stated tallies of two inspections (repeat mode)."""

    grade: str
    before: int | None  # None: that side states no tally
    after: int | None
    text: str  # "inadequate 6 -> 0"


class FindingRef(_Struct):
    """A finding as cited: its sentence, whose it is, and where it was published."""

    id: str
    body: str
    body_name: str
    polarity: str
    polarity_label: str  # "area for improvement"
    themes: tuple[str, ...]
    themes_label: str  # "intelligence and threat assessment; IT systems"
    text: str
    snapshot: str  # Side.ref of the snapshot it comes from
    url: str | None


class Match(_Struct):
    """Two findings paired across the sides: ``shared`` (same theme, similar statement, same
    polarity class) or ``contrasting`` (same theme, opposite polarity, real content in
    common). ``also_a`` / ``also_b``: other findings of the same side that restate ``a`` /
    ``b`` (same body and theme, a similar statement), listed here and not under "only in",
    so no point a pair makes is listed twice."""

    kind: Literal["shared", "contrasting"]
    score: int  # 0-100: share of content words in common (Dice), see engine.similarity
    themes: tuple[str, ...]  # the themes both findings carry
    themes_label: str
    a: FindingRef
    b: FindingRef
    also_a: tuple[FindingRef, ...] = ()
    also_b: tuple[FindingRef, ...] = ()


class GradeEntry(_Struct):
    """One body's grade in one area on one side."""

    body: str
    name: str
    role: str
    area: str
    grade: str | None  # None: recorded but not graded
    rank: int | None  # position on the side's scale, 1 = inadequate; higher is better


class GradeRow(_Struct):
    """A row of a side-by-side table: the n-th best body of each side (either may be None)."""

    position: int
    a: GradeEntry | None
    b: GradeEntry | None


class GradeCount(_Struct):
    grade: str
    a: int | None  # None: the grade is not on that side's scale
    b: int | None


class GradeMix(_Struct):
    """How one side's bodies in a group are graded."""

    graded: int
    ungraded: int
    adequate_or_better: int
    share: float | None  # adequate_or_better / graded, rounded to 4 places; None if none graded
    text: str  # "0 of 5 (0%)"


class RoleGroup(_Struct):
    """Judgments of one role in one area, side by side (regions mode).

    ``rows`` pairs the sides best grade first (ties by name); ``mix`` counts each grade."""

    role: str
    role_label: str  # "ROCU", "Forces", "Region"
    area: str
    area_label: str  # "serious and organised crime"
    ranked: bool  # more than one body on a side: the rows are a ranking, the mix means something
    rows: tuple[GradeRow, ...]
    mix: tuple[GradeCount, ...]
    mix_a: GradeMix
    mix_b: GradeMix

    # Why properties and not the paired rows: the n-th best force of one region and the
    # n-th best of another are not a pair, so reports list each side on its own. The rows
    # stay the JSON's ranking; these read each side's column back out of them.
    @property
    def entries_a(self) -> tuple[GradeEntry, ...]:
        """Side A's bodies, best grade first."""
        return tuple(r.a for r in self.rows if r.a is not None)

    @property
    def entries_b(self) -> tuple[GradeEntry, ...]:
        """Side B's bodies, best grade first."""
        return tuple(r.b for r in self.rows if r.b is not None)


GradeStatus = Literal[
    "improved",
    "declined",
    "unchanged",
    "not-comparable",
    "newly-graded",
    "no-longer-graded",
    "ungraded",
]


class GradeChange(_Struct):
    """One (body, area) across two inspections or versions of the same subject."""

    body: str
    name: str
    role: str
    area: str
    area_label: str
    before: str | None
    after: str | None
    status: GradeStatus
    steps: int | None  # signed steps on the ordered scale; None when not measurable
    text: str  # "inadequate -> requires improvement, +1"


FindingStatus = Literal[
    "escalated",
    "new",
    "persisting",
    "resolved",
    "no-longer-reported",
    "strengths-no-longer-reported",
    "added",
    "removed",
    "changed",
]


class FindingChange(_Struct):
    """A finding's fate between two inspections (repeat) or two versions (versions).

    repeat: ``escalated`` (area for improvement -> cause of concern), ``new`` (only in B),
    ``persisting`` (in both), ``resolved`` (an issue in A that B says improved: b is the
    finding that says so), ``no-longer-reported`` (an issue in A that B does not mention),
    ``strengths-no-longer-reported`` (a strength or observation in A that B no longer reports).
    versions (keyed by finding id): ``added``, ``removed``, ``changed``.
    """

    status: FindingStatus
    score: int | None  # similarity of a and b when both exist
    themes: tuple[str, ...]
    themes_label: str
    a: FindingRef | None
    b: FindingRef | None
    text: str  # one line: what happened
    # repeat: other findings of A / B that restate a / b (as in Match), listed here and not
    # again as "new" or "no longer reported"
    also_a: tuple[FindingRef, ...] = ()
    also_b: tuple[FindingRef, ...] = ()


class FindingGroup(_Struct):
    """Finding changes with one status, under the heading a report gives them."""

    status: FindingStatus
    heading: str
    changes: tuple[FindingChange, ...]


class FieldChange(_Struct):
    """A field-level change between two versions of one inspection (from the diff module)."""

    path: str  # our own notation: findings[f-1].text, judgments[dorset-police/area].grade
    kind: Literal["added", "removed", "changed"]
    before: str | None  # JSON text of the value; None when added
    after: str | None  # JSON text of the value; None when removed


class ChangeSet(_Struct, kw_only=True):
    """What changed between snapshot ``a`` and snapshot ``b`` (or how they differ)."""

    schema: str = SCHEMA
    mode: Mode
    title: str
    summary: str
    a: Side
    b: Side
    # The one line a report leads with: in regions mode it names the weaker side.
    headline: str = ""
    # "Published 13 months apart ...": set when the publication dates are at least
    # summary.FAR_APART_DAYS apart, None otherwise (and always None for versions).
    apart: str | None = None
    # regions: "a" or "b", the side graded weaker (see summary.weaker); None when level or
    # not comparable.
    weaker: Literal["a", "b"] | None = None
    # regions
    groups: tuple[RoleGroup, ...] = ()
    shared: tuple[Match, ...] = ()
    contrasting: tuple[Match, ...] = ()
    only_a: tuple[FindingRef, ...] = ()
    only_b: tuple[FindingRef, ...] = ()
    # repeat and versions
    grade_changes: tuple[GradeChange, ...] = ()
    tally_changes: tuple[TallyChange, ...] = ()  # when either side states a grade tally
    finding_groups: tuple[FindingGroup, ...] = ()  # non-empty groups, in a fixed order
    # versions
    version_label: str | None = None  # correction | re-extraction | amendment | identical
    field_changes: tuple[FieldChange, ...] = ()
    has_changes: bool = False  # see differs()

    @property
    def finding_changes(self) -> tuple[FindingChange, ...]:
        """Every finding change, group after group."""
        return tuple(c for g in self.finding_groups for c in g.changes)

    def differs(self) -> bool:
        """True when the two sides differ in anything a report shows (the engine stores the
        answer in ``has_changes``).

        regions: grades that differ row by row (the n-th best of each side), contrasting
        or one-side findings.
        repeat/versions: a grade that is not unchanged, a finding that is not persisting,
        or any field change."""
        if self.mode == "regions":
            return bool(self.contrasting or self.only_a or self.only_b) or any(
                (r.a.grade if r.a else None) != (r.b.grade if r.b else None)
                for g in self.groups
                for r in g.rows
            )
        return (
            any(c.status not in ("unchanged", "ungraded") for c in self.grade_changes)
            or any(c.before != c.after for c in self.tally_changes)
            or any(g.status != "persisting" for g in self.finding_groups)
            or bool(self.field_changes)
        )

    def triggers(self, rules: Iterable[str]) -> list[str]:
        """One line per ``--fail-on`` rule that matched, in RULES order; [] when none did.

        ``decline``: a grade went down on its scale. ``inadequate``: a body is graded
        inadequate in B (in regions mode, on either side). ``any-change``: has_changes."""
        wanted = check_rules(rules)
        lines: list[str] = []
        if "decline" in wanted:
            lines += [
                f"decline: {c.name} ({c.area}) {c.text}"
                for c in self.grade_changes
                if c.status == "declined"
            ]
        if "inadequate" in wanted:
            lines += [f"inadequate: {who}" for who in self._inadequate()]
        if "any-change" in wanted and self.has_changes:
            lines.append(f"any-change: {self.a.ref} and {self.b.ref} differ")
        return lines

    def _inadequate(self) -> list[str]:
        if self.mode == "regions":
            found = []
            for g in self.groups:
                for r in g.rows:
                    for side, e in ((self.a, r.a), (self.b, r.b)):
                        if e is not None and e.grade == "inadequate":
                            found.append(f"{e.name} ({e.area}) in {side.ref}")
            return sorted(found)
        return [
            f"{c.name} ({c.area}) in {self.b.ref}"
            for c in self.grade_changes
            if c.after == "inadequate"
        ]


def check_rules(rules: Iterable[str]) -> set[str]:
    """The set of rules, or InspdiffError naming the unknown ones and the valid ones."""
    wanted = {r.strip() for r in rules if r.strip()}
    unknown = sorted(wanted - set(RULES))
    if unknown:
        raise InspdiffError(
            f"unknown --fail-on rule(s): {', '.join(unknown)} (expected: {', '.join(RULES)})"
        )
    return wanted
