"""Grade scales: normalisation, order, and changes measured on the scale."""

import pytest

from compare import grades


@pytest.mark.parametrize(
    "written",
    [
        "Requires Improvement",
        "requiring improvement",
        "require improvement",
        "requires-improvement",
        "  REQUIRES   improvement. ",
        "\u2018requires improvement\u2019",
        "requires\u2013improvement",
    ],
)
def test_requires_improvement_inflections_normalise(written):
    """Every common way of writing 'requires improvement' maps to the one grade."""
    assert grades.normalise(written) == grades.REQUIRES_IMPROVEMENT


@pytest.mark.parametrize("word", ["requires improvements", "excellent", "", "good-ish"])
def test_unknown_words_are_rejected_with_the_valid_list(word):
    """A word that is not a grade fails with the list of grades in the message."""
    with pytest.raises(grades.GradeError) as err:
        grades.normalise(word)
    assert "expected one of: outstanding, good, adequate, requires improvement, inadequate" in str(
        err.value
    )


def test_five_point_scale_is_ordered_best_first():
    """Ranks increase from inadequate to outstanding on the five-point scale."""
    ranks = [grades.rank(g) for g in grades.GRADES]
    assert ranks == [5, 4, 3, 2, 1]


def test_adequate_is_not_on_the_legacy_scale():
    """The four-point scale has no 'adequate'."""
    with pytest.raises(grades.GradeError):
        grades.check_on_scale("adequate", grades.FOUR_POINT)
    grades.check_on_scale("good", grades.FOUR_POINT)


def test_change_has_direction_and_size():
    """inadequate -> requires improvement is +1; good -> requires improvement is -2."""
    up = grades.change("inadequate", "requires improvement", "5-point", "5-point")
    down = grades.change("good", "requires improvement", "5-point", "5-point")
    assert (up.steps, up.direction) == (1, "improved")
    assert (down.steps, down.direction) == (-2, "declined")


def test_change_across_scales_is_not_comparable():
    """A move between the four- and five-point scales has no size."""
    c = grades.change("good", "good", "4-point", "5-point")
    assert c.steps is None and c.direction == "not comparable"


def test_scale_is_inferred_from_adequate_or_date():
    """'adequate' or a date from July 2021 means five-point; earlier means four-point."""
    assert grades.scale_for("2019-01-01", ["adequate"]) == "5-point"
    assert grades.scale_for("2019-01-01", ["good"]) == "4-point"
    assert grades.scale_for("2024-05-14", ["good"]) == "5-point"
