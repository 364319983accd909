"""The engine's finding matches against a labelled set of pairs (tests/fixtures/match-pairs.yaml):
precision and recall at least what the current thresholds reach (benchmarks/matching.py)."""

from collections import Counter

import pytest

from benchmarks import matching


@pytest.fixture(scope="module")
def outcomes():
    return matching.judge(matching.load())


def test_the_labelled_set_covers_every_kind_of_pair():
    """40-80 pairs with unique ids; shared, contrasting and non-matches each at least 15,
    and every way of not matching (generic word, theme word, unrelated, near miss) present."""
    pairs = matching.load()
    assert 40 <= len(pairs) <= 80
    assert len({p["id"] for p in pairs}) == len(pairs)
    labels = Counter(p["label"] for p in pairs)
    assert set(labels) == {"shared", "contrasting", "none"} and min(labels.values()) >= 15
    kinds = {p["kind"] for p in pairs if p["label"] == "none"}
    assert kinds == {"generic", "theme-word", "unrelated", "near-miss"}
    assert all(p["a"][0] in matching.POLARITY and p["b"][0] in matching.POLARITY for p in pairs)


def test_precision_and_recall_reach_the_measured_floors(outcomes):
    """Overall and per kind, precision and recall are at least matching.FLOORS."""
    figures = matching.figures(outcomes)
    misses = [o for o in outcomes if o.found != o.label]
    for key, floor in matching.FLOORS.items():
        assert figures[key] >= floor, (key, figures[key], misses)


def test_no_pair_sharing_only_generic_words_is_reported(outcomes):
    """Issue 16: statements sharing only a word like "leaders", "staff" or "work" (or only
    the theme's own word) are never a contrast or a shared finding."""
    wrong = [o.id for o in outcomes if o.kind in ("generic", "theme-word") and o.found != "none"]
    assert wrong == []


def test_the_benchmark_prints_precision_and_recall(capsys):
    """benchmarks/matching.py prints each figure against its floor and exits 0."""
    assert matching.main() == 0
    out = capsys.readouterr().out
    assert "PASS  precision: " in out and "PASS  recall: " in out
    assert "contrasting precision" in out and "shared recall" in out
