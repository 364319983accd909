"""Grade scales as ordered values, and normalisation of the words people write.

HMICFRS used a four-point scale until PEEL 2021/22 and a five-point one since (it added
"adequate"). A grade's rank is its position on its own scale, so changes are measured in
steps on that scale; a change across the two scales is not directly comparable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OUTSTANDING = "outstanding"
GOOD = "good"
ADEQUATE = "adequate"
REQUIRES_IMPROVEMENT = "requires improvement"
INADEQUATE = "inadequate"

FIVE_POINT = "5-point"
FOUR_POINT = "4-point"

# Best first.
_SCALES: dict[str, tuple[str, ...]] = {
    FIVE_POINT: (OUTSTANDING, GOOD, ADEQUATE, REQUIRES_IMPROVEMENT, INADEQUATE),
    FOUR_POINT: (OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE),
}
GRADES: tuple[str, ...] = _SCALES[FIVE_POINT]
SCALES: tuple[str, ...] = tuple(_SCALES)

# Inflections people (and press releases) use for "requires improvement".
_INFLECTIONS = {
    "outstanding": OUTSTANDING,
    "good": GOOD,
    "adequate": ADEQUATE,
    "inadequate": INADEQUATE,
    "requires improvement": REQUIRES_IMPROVEMENT,
    "require improvement": REQUIRES_IMPROVEMENT,
    "requiring improvement": REQUIRES_IMPROVEMENT,
    "required improvement": REQUIRES_IMPROVEMENT,
    "requires improvements": None,  # explicitly not a grade: the scale says "improvement"
}
_DASHES = re.compile(r"[\u2010-\u2015\u2212_-]+")
_QUOTES = re.compile(r"[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`\u00ab\u00bb]")
_SPACE = re.compile(r"\s+")


class GradeError(ValueError):
    """A word that is not a grade; the message lists the valid ones."""


def expected_list(scale: str = FIVE_POINT) -> str:
    return ", ".join(_SCALES[scale])


def normalise(word: str) -> str:
    """Map a written grade to its canonical form, or raise GradeError.

    >>> normalise("Requires-Improvement")
    'requires improvement'
    """
    text = _QUOTES.sub("", word)
    text = _DASHES.sub(" ", text)
    text = _SPACE.sub(" ", text).strip().strip(".,;:!").strip().lower()
    grade = _INFLECTIONS.get(text)
    if grade is None:
        raise GradeError(f"{word!r} is not a grade (expected one of: {expected_list()})")
    return grade


def is_grade(word: str) -> bool:
    try:
        normalise(word)
    except GradeError:
        return False
    return True


def check_on_scale(grade: str, scale: str) -> None:
    """Raise GradeError when a canonical grade is not on the given scale."""
    if scale not in _SCALES:
        raise GradeError(f"{scale!r} is not a scale (expected one of: {', '.join(SCALES)})")
    if grade not in _SCALES[scale]:
        raise GradeError(
            f"{grade!r} is not a grade on the {scale} scale "
            f"(expected one of: {expected_list(scale)})"
        )


def rank(grade: str, scale: str = FIVE_POINT) -> int:
    """Position on the scale, 1 = worst (inadequate). Higher is better."""
    order = _SCALES[scale]
    return len(order) - order.index(grade)


def at_least_adequate(grade: str) -> bool:
    """True for adequate or better (on the four-point scale: good or better)."""
    return grade in (OUTSTANDING, GOOD, ADEQUATE)


def adequate_share(good: int, graded: int) -> str:
    """How many of some graded bodies are adequate or better, in the one wording every view
    uses: "1 of 5 (20%)" ("0 of 0" when none is graded)."""
    return f"{good} of {graded} ({round(100 * good / graded)}%)" if graded else f"{good} of 0"


@dataclass(frozen=True, slots=True)
class GradeChange:
    """A move between two grades on the same scale (or a note that it cannot be measured)."""

    before: str
    after: str
    steps: int | None  # None: scales differ, not directly comparable

    @property
    def direction(self) -> str:
        if self.steps is None:
            return "not comparable"
        if self.steps > 0:
            return "improved"
        if self.steps < 0:
            return "declined"
        return "unchanged"


def change(before: str, after: str, scale_before: str, scale_after: str) -> GradeChange:
    if scale_before != scale_after:
        return GradeChange(before, after, None)
    return GradeChange(before, after, rank(after, scale_after) - rank(before, scale_before))


def scale_for(published: str, grades: list[str]) -> str:
    """Which scale a publication uses: five-point if "adequate" appears or it is from
    July 2021 onwards (PEEL 2021/22 introduced the five-point scale), else four-point."""
    if ADEQUATE in grades:
        return FIVE_POINT
    return FIVE_POINT if published >= "2021-07-01" else FOUR_POINT
