"""The first screen's words: the headline, the weaker side, and the time between two
publications, all computed by the engine from the snapshots (never from the clock)."""

from __future__ import annotations

import msgspec
import pytest

from compare.engine import compare
from compare.engine.summary import FAR_APART_DAYS
from tests import compare_fixtures as fx


def _published(snap, date: str):
    return msgspec.structs.replace(
        snap, inspection=msgspec.structs.replace(snap.inspection, published=date)
    )


def _graded(subject: str, rocu: str, forces: list[str]):
    """A region with a ROCU and forces graded as given (force ids are made up)."""
    judgments = [(f"{subject}-rocu", "rocu", rocu)]
    judgments += [(f"{subject}-force-{n}", "force", g) for n, g in enumerate(forces)]
    return fx.snapshot(subject=subject, published="2025-06-12", judgments=judgments, findings=[])


def test_the_headline_names_the_weaker_side_first_with_its_figures():
    """South West (0 of 5 forces adequate or better) is weaker than West Midlands (1 of 4),
    whichever side it is on; the headline is one line and names both ROCUs' grade."""
    cs = compare(fx.south_west(), fx.west_midlands())
    expected = (
        "South West is graded weaker: 0 of 5 forces adequate or better against 1 of 4 in "
        "West Midlands; both ROCUs adequate."
    )
    assert cs.weaker == "a"
    assert cs.headline == expected
    swapped = compare(fx.west_midlands(), fx.south_west())
    assert swapped.weaker == "b"
    assert swapped.headline == expected
    assert "\n" not in cs.headline


def test_level_sides_are_called_level():
    """Two sides graded alike have no weaker side and say so."""
    cs = compare(fx.south_west(), fx.south_west(), mode="regions")
    assert cs.weaker is None
    assert cs.headline == (
        "Graded level: 0 of 5 forces adequate or better in South West, 0 of 5 in South West; "
        "both ROCUs adequate."
    )


def test_the_rocu_grade_decides_when_the_forces_are_level():
    """With the same share of forces adequate or better, the lower ROCU grade is weaker."""
    a = _graded("south-west", "good", ["adequate", "inadequate"])
    b = _graded("eastern", "requires improvement", ["good", "inadequate"])
    cs = compare(a, b)
    assert cs.weaker == "b"
    assert cs.headline == (
        "Eastern is graded weaker: 1 of 2 forces adequate or better against 1 of 2 in "
        "South West; ROCU good in South West, requires improvement in Eastern."
    )


def test_publications_13_months_apart_are_said_to_be():
    """The seeds (2024-05-14 and 2025-06-12, 394 days) are "published 13 months apart",
    the earlier named first."""
    cs = compare(fx.south_west(), fx.west_midlands())
    assert cs.apart == (
        "Published 13 months apart (West Midlands 2024-05-14, South West 2025-06-12): "
        "grades from different times."
    )


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2024-11-12", None),  # 182 days: under the threshold
        ("2024-11-13", "6 months"),  # 183 days: the threshold
        ("2026-05-13", "about 2 years"),  # 729 days: 24 months
        ("2028-01-01", "about 4 years"),
    ],
)
def test_far_apart_starts_at_six_months_and_reads_in_years_beyond_two(date, expected):
    """Under FAR_APART_DAYS (183) nothing is said; from 24 months the gap reads in years."""
    assert FAR_APART_DAYS == 183
    a = _published(fx.west_midlands(), "2024-05-14")
    cs = compare(a, _published(fx.south_west(), date))
    if expected is None:
        assert cs.apart is None
    else:
        assert cs.apart.startswith(f"Published {expected} apart (West Midlands 2024-05-14, ")


def test_a_repeat_inspection_says_how_long_after_and_what_moved():
    """A repeat inspection 21 months later: the interval, and grade and finding moves."""
    cs = compare(fx.south_west(), fx.south_west_later())
    assert cs.apart == "Published 21 months apart (2025-06-12 and 2027-03-01)."
    assert cs.headline == (
        "South West, 2025-06-12 to 2027-03-01: 2 grades improved, 1 declined, 3 unchanged; "
        "1 finding escalated, 1 new, 4 issues no longer reported."
    )
    assert cs.weaker is None


def test_versions_of_one_inspection_have_a_headline_and_no_interval():
    """Two versions of one publication: a headline naming the label, nothing about time."""
    sw = fx.south_west()
    v2 = msgspec.structs.replace(
        sw,
        version=2,
        findings=sw.findings[1:],
        source=msgspec.structs.replace(sw.source, sha256="1" * 64),
    )
    cs = compare(sw, v2)
    assert cs.apart is None
    assert cs.headline == (
        "South West (2025-06-12): v2 is a correction of v1: 6 grades unchanged; 1 finding removed."
    )
