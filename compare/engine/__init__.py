"""The compare engine: two snapshots in, one frozen ChangeSet out. Pure: no I/O, no printing.

``compare(a, b)`` picks the mode from the snapshots themselves:

- **versions**: the same inspection (programme, subject, published): field-level changes,
  labelled correction (new source) or re-extraction (same source, newer extractor);
- **repeat**: the same programme and subject published on different dates: grade changes
  with direction and size, findings resolved / persisting / new / escalated;
- **regions**: anything else (different subjects): grades side by side by role with each
  side's grade mix, findings shared / contrasting / on one side only.
"""

from __future__ import annotations

from compare.engine.changeset import (
    RULES,
    SCHEMA,
    ChangeSet,
    FieldChange,
    FindingChange,
    FindingGroup,
    FindingRef,
    GradeChange,
    GradeCount,
    GradeEntry,
    GradeMix,
    GradeRow,
    Match,
    Mode,
    RoleGroup,
    Side,
    check_rules,
)
from compare.model import Snapshot

__all__ = [
    "RULES",
    "SCHEMA",
    "ChangeSet",
    "FieldChange",
    "FindingChange",
    "FindingGroup",
    "FindingRef",
    "GradeChange",
    "GradeCount",
    "GradeEntry",
    "GradeMix",
    "GradeRow",
    "Match",
    "Mode",
    "RoleGroup",
    "Side",
    "check_rules",
    "compare",
    "mode_of",
]


def mode_of(a: Snapshot, b: Snapshot) -> Mode:
    """Which comparison two snapshots call for (see the module docstring)."""
    if a.key == b.key:
        return "versions"
    ia, ib = a.inspection, b.inspection
    if (ia.programme, ia.subject) == (ib.programme, ib.subject):
        return "repeat"
    return "regions"


def compare(a: Snapshot, b: Snapshot, *, mode: Mode | None = None) -> ChangeSet:
    """Compare snapshot ``a`` (before, or left) with ``b`` (after, or right).

    ``mode`` overrides the automatic choice, e.g. ``"regions"`` to set two inspections of
    one subject side by side."""
    from compare.engine import cite, grading, summary

    mode = mode or mode_of(a, b)
    side_a, side_b = cite.side(a), cite.side(b)
    if mode == "regions":
        from compare.engine import regions

        shared, contrasting, only_a, only_b = regions.match_findings(a, b)
        cs = ChangeSet(
            mode=mode,
            title=f"{side_a.subject_name} compared with {side_b.subject_name}",
            summary="",
            a=side_a,
            b=side_b,
            groups=grading.role_groups(a, b),
            shared=shared,
            contrasting=contrasting,
            only_a=only_a,
            only_b=only_b,
        )
        text = summary.regions(cs)
    elif mode == "repeat":
        from compare.engine import repeat

        cs = ChangeSet(
            mode=mode,
            title=(
                f"{side_a.subject_name}: inspection of {side_b.published} "
                f"compared with {side_a.published}"
            ),
            summary="",
            a=side_a,
            b=side_b,
            grade_changes=grading.grade_changes(a, b),
            tally_changes=grading.tally_changes(a, b),
            finding_groups=repeat.finding_groups(a, b),
        )
        text = summary.repeat(cs)
    elif mode == "versions":
        from compare.engine import versions

        fields = versions.field_changes(a, b)
        cs = ChangeSet(
            mode=mode,
            title=(
                f"{side_a.subject_name}, inspection of {side_a.published}: "
                f"{_version(side_b)} compared with {_version(side_a)}"
            ),
            summary="",
            a=side_a,
            b=side_b,
            grade_changes=grading.grade_changes(a, b),
            finding_groups=versions.finding_groups(a, b, fields),
            version_label=versions.label(a, b),
            field_changes=fields,
        )
        text = summary.versions(cs)
    else:
        raise ValueError(f"unknown mode {mode!r} (expected regions, repeat or versions)")
    import msgspec

    if mode == "regions":
        side = summary.weaker(cs)
        headline = summary.headline_regions(cs, side)
    else:
        side = None
        headline = (summary.headline_repeat if mode == "repeat" else summary.headline_versions)(cs)
    return msgspec.structs.replace(
        cs,
        summary=text,
        headline=headline,
        apart=summary.apart(cs),
        weaker=side,
        has_changes=cs.differs(),
    )


def _version(side: Side) -> str:
    return f"v{side.version}" if side.version else "unversioned file"
