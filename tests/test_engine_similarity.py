"""Similarity of findings: thresholds on written pairs, and one-to-one deterministic pairing."""

import pytest

from compare.engine import similarity as sim

# Restatements of one point, as different reports (or later inspections) word it.
SAME_POINT = [
    (
        "The unit and its forces need to improve how they work together to tackle serious "
        "and organised crime.",
        "The ROCU and its regional forces should improve how they work together to tackle "
        "serious and organised crime.",
    ),
    (
        "The unit has found it difficult to recruit experienced personnel.",
        "The ROCU struggled to recruit experienced personnel.",
    ),
    (
        "Forces were not assessing serious and organised crime threats consistently.",
        "Threats from serious and organised crime are not assessed consistently across the forces.",
    ),
    (
        "Personnel have difficulty accessing the IT systems of other forces.",
        "Officers in the region have difficulty accessing IT systems across forces.",
    ),
    (
        "The ROCU should improve its management of serious and organised crime offenders.",
        "The unit needs to improve how it manages serious and organised crime offenders.",
    ),
    (
        "The unit does not record its disruption activity accurately.",
        "Disruption activity is not recorded accurately by the unit.",
    ),
    (
        "The force identifies opportunities to safeguard vulnerable people.",
        "The ROCU identifies opportunities to safeguard vulnerable people and tackle "
        "vulnerability.",
    ),
]

# Different points, often in the same theme and in the same report's vocabulary.
DIFFERENT_POINTS = [
    (
        "The unit and its forces need to improve how they work together to tackle serious "
        "and organised crime.",
        "The unit needs to improve the governance of regional resources and support assigned "
        "to forces.",
    ),
    (
        "The unit has found it difficult to recruit experienced personnel.",
        "Personnel have difficulty accessing the IT systems of other forces.",
    ),
    (
        "Forces were not assessing serious and organised crime threats consistently.",
        "The ROCU has effective structures and processes in place to gather and assess "
        "intelligence.",
    ),
    (
        "The ROCU should improve its management of serious and organised crime offenders.",
        "The ROCU should improve how it records disruption activity.",
    ),
    (
        "Across the region, learning from operational activity was inconsistent.",
        "The unit reviews what works well in its operations and shares this learning with forces.",
    ),
    (
        "The West Midlands ROCU should improve how it records disruption activity.",
        "The South West ROCU should improve how it manages offenders.",
    ),
    (
        "The ROCU has a range of specialist operational capabilities.",
        "Regional change must be managed effectively by the newly appointed leaders.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME_POINT)
def test_restatements_of_one_point_reach_the_shared_threshold(a, b):
    """Each written pair making the same point scores at least SIMILAR_MIN."""
    assert sim.score(a, b) >= sim.SIMILAR_MIN


@pytest.mark.parametrize(("a", "b"), DIFFERENT_POINTS)
def test_different_points_stay_below_the_shared_threshold(a, b):
    """Each written pair making different points scores below SIMILAR_MIN."""
    assert sim.score(a, b) < sim.SIMILAR_MIN


def test_a_contrast_needs_real_content_in_common():
    """Issue 16: opposite statements in one theme contrast only when they share two
    specific stems (not generic words such as leaders, officers, manage), or one at a score
    of CONTRAST_CLOSE or more."""
    phases = (
        sim.Phase(
            name="contrasting",
            classes=((sim.POSITIVE, sim.NEGATIVE), (sim.NEGATIVE, sim.POSITIVE)),
            minimum=sim.CONTRAST_MIN,
            specific=sim.CONTRAST_SPECIFIC,
            close=sim.CONTRAST_CLOSE,
        ),
    )

    def contrasts(good: str, poor: str) -> bool:
        a = _items("a", [(sim.POSITIVE, ("t",), good)])
        b = _items("b", [(sim.NEGATIVE, ("t",), poor)])
        return bool(sim.pair(a, b, phases=phases))

    # Only "appoint" is specific ("leaders", "lead", "senior", "officers", "manage" are not).
    assert not contrasts(
        "It manages support requests and appoints senior officers to lead on priorities.",
        "Regional change must be managed by the newly appointed leaders.",
    )
    assert not contrasts("Staff feel valued.", "The unit does not have enough staff.")
    # Two specific stems: what is assessed, and how.
    assert contrasts(
        "The unit assesses the threat consistently.",
        "Forces do not assess the threat from organised crime groups.",
    )
    # One specific stem, but the statements are mostly the same words.
    assert (
        sim.score(
            "It responds to the public well.", "It must improve how it responds to the public."
        )
        >= sim.CONTRAST_CLOSE
    )
    assert contrasts(
        "It responds to the public well.", "It must improve how it responds to the public."
    )


def test_generic_words_are_data_and_sort_last_in_a_signature():
    """compare/data/generic.yaml lists the generic words (stemmed on load); the encoder
    gives them the highest code points, so a signature's specific part is its prefix."""
    assert {"leader", "staff", "work", "manag", "officer"} <= sim.generic_stems()
    assert sim.specific_stems("Senior leaders manage the threat assessment.") == (
        "assess",
        "threat",
    )
    sig = sim._Encoder().encode(sim.content_stems("Senior leaders manage the threat."))
    assert len(sig) == 4 and sim._specific(sig) == sig[:1]


def test_score_is_the_dice_coefficient_of_content_stems():
    """Two stems each, one in common: 200 * 1 / (2 + 2) = 50, whatever the word order."""
    assert sim.content_stems("Offenders are assessed.") == ("assess", "offender")
    assert sim.score("Offenders are assessed.", "Threats assessment.") == 50
    assert sim.score("Threats assessment.", "Offenders are assessed.") == 50


def test_place_words_and_boilerplate_do_not_count():
    """Region and force names, and words every report uses, are not content."""
    text = "The South West ROCU and Dorset Police must improve their plans, HMICFRS said."
    assert sim.content_stems(text) == ("plan",)
    assert sim.content_stems("West Midlands Police forces need better plans") == ("plan",)


def test_a_text_of_function_words_still_has_a_signature():
    """A finding with no content words falls back to all its words, never to nothing."""
    assert sim.content_stems("It is what it is.") != ()
    assert sim.content_stems("!!!") == ("!!!",)


def _items(side, rows):
    return [
        sim.Item(key=f"{side}{n}", cls=cls, blocks=blocks, text=text)
        for n, (cls, blocks, text) in enumerate(rows)
    ]


SHARED_ONLY = (
    sim.Phase(
        name="shared",
        classes=((sim.NEGATIVE, sim.NEGATIVE), (sim.POSITIVE, sim.POSITIVE)),
        minimum=sim.SIMILAR_MIN,
    ),
)


def test_pairing_is_one_to_one_and_prefers_the_best_score():
    """One A finding similar to two B findings pairs with the closer one only."""
    a = _items("a", [(sim.NEGATIVE, ("t",), "recruit experienced personnel quickly")])
    b = _items(
        "b",
        [
            (sim.NEGATIVE, ("t",), "recruit experienced personnel slowly everywhere"),
            (sim.NEGATIVE, ("t",), "recruit experienced personnel quickly"),
        ],
    )
    pairs = sim.pair(a, b, phases=SHARED_ONLY)
    assert [(p.a, p.b, p.score) for p in pairs] == [(0, 1, 100)]


def test_findings_in_different_blocks_or_classes_never_pair():
    """Identical text pairs only within a shared block and a compatible polarity class."""
    text = "difficulty accessing individual systems"
    a = _items("a", [(sim.NEGATIVE, ("x",), text), (sim.POSITIVE, ("y",), text)])
    b = _items("b", [(sim.NEGATIVE, ("y",), text), (sim.NEGATIVE, ("z",), text)])
    assert sim.pair(a, b, phases=SHARED_ONLY) == []


def test_duplicates_pair_off_in_id_order():
    """Three identical statements against two pair two-to-two, lowest ids first."""
    text = "records disruption activity inconsistently"
    a = _items("a", [(sim.NEGATIVE, ("t",), text)] * 3)
    b = _items("b", [(sim.NEGATIVE, ("t",), text)] * 2)
    assert [(p.a, p.b) for p in sim.pair(a, b, phases=SHARED_ONLY)] == [(0, 0), (1, 1)]


def test_pairing_is_the_same_whatever_the_input_order():
    """Shuffling the inputs changes no pair (ties are broken by id, not position)."""
    rows = [
        (sim.NEGATIVE, ("t",), "recruit experienced personnel"),
        (sim.NEGATIVE, ("t",), "recruit personnel"),
        (sim.NEGATIVE, ("t", "u"), "experienced personnel recruit slowly"),
        (sim.POSITIVE, ("u",), "safeguard vulnerable people"),
    ]
    a, b = _items("a", rows), _items("b", rows[::-1])

    def keyed(x, y):
        return sorted((x[p.a].key, y[p.b].key, p.score) for p in sim.pair(x, y, phases=SHARED_ONLY))

    assert keyed(a, b) == keyed(a[::-1], b[::-1]) == keyed(a[1:] + a[:1], b[2:] + b[:2])


def test_large_blocks_keep_each_findings_best_counterparts():
    """With more than TOP_K signatures per block the best pair is still found."""
    filler = [(sim.NEGATIVE, ("t",), f"topic{n} alpha{n} beta{n}") for n in range(40)]
    a = _items("a", [*filler, (sim.NEGATIVE, ("t",), "recruit experienced personnel")])
    b = _items("b", [(sim.NEGATIVE, ("t",), "recruit experienced personnel"), *filler[::-1]])
    pairs = sim.pair(a, b, phases=SHARED_ONLY)
    assert (40, 0, 100) in [(p.a, p.b, p.score) for p in pairs]
    assert len(pairs) == 41


def test_rounds_leave_no_unpaired_pair_that_could_pair():
    """With blocks far larger than TOP_K the pairing is still one-to-one and maximal: no
    unpaired A and B finding sharing a block and class reach the minimum together."""
    import random

    rng = random.Random(9)
    vocab = ["recruit", "personnel", "experienced", "vacancy", "training", "retain", "staff"]

    def rows(n):
        return [
            (
                rng.choice((sim.NEGATIVE, sim.POSITIVE)),
                tuple(sorted(rng.sample(["t", "u"], rng.randint(1, 2)))),
                " ".join(rng.sample(vocab, rng.randint(2, 5))),
            )
            for _ in range(n)
        ]

    a, b = _items("a", rows(60)), _items("b", rows(50))
    pairs = sim.pair(a, b, phases=SHARED_ONLY)
    assert len({p.a for p in pairs}) == len({p.b for p in pairs}) == len(pairs)
    free_a = set(range(len(a))) - {p.a for p in pairs}
    free_b = set(range(len(b))) - {p.b for p in pairs}
    for i in free_a:
        for j in free_b:
            if a[i].cls == b[j].cls and set(a[i].blocks) & set(b[j].blocks):
                assert sim.score(a[i].text, b[j].text) < sim.SIMILAR_MIN
    assert len(pairs) > 40


def test_stem_join_and_rapidfuzz_give_the_same_cells():
    """The sparse path (a join on stems) and the dense one (cdist) agree cell for cell."""
    import random

    rng = random.Random(4)
    vocab = [f"word{n}" for n in range(60)]
    enc = sim._Encoder()

    def sigs(n):
        return list(
            dict.fromkeys(
                enc.encode(sim.content_stems(" ".join(rng.sample(vocab, rng.randint(1, 8)))))
                for _ in range(n)
            )
        )

    for minimum in (1, 30, 50):
        a, b = sigs(40), sigs(35)
        dense = sim.cells(a, b, minimum, path="dense")
        assert sim.cells(a, b, minimum, path="sparse") == dense
        assert sim.cells(a, b, minimum, path="small") == dense
        assert dense[1] or minimum > 1, "TOP_K should cut something in blocks this size"


def test_the_three_paths_agree_on_the_specific_stem_rule():
    """With generic words in the vocabulary, the dense, sparse and pure-Python paths keep the
    same cells under a rule of two specific stems (or one at a score of 40)."""
    import random

    rng = random.Random(6)
    vocab = [f"word{n}" for n in range(30)] + ["leaders", "staff", "work", "manage", "team"]
    enc = sim._Encoder()

    def sigs(n):
        return list(
            dict.fromkeys(
                enc.encode(sim.content_stems(" ".join(rng.sample(vocab, rng.randint(1, 7)))))
                for _ in range(n)
            )
        )

    kept = 0
    for minimum, specific, close in ((1, 2, 40), (1, 1, 101), (30, 2, 101)):
        a, b = sigs(40), sigs(35)
        rule = {"specific": specific, "close": close}
        dense = sim.cells(a, b, minimum, path="dense", **rule)
        assert sim.cells(a, b, minimum, path="sparse", **rule) == dense
        assert sim.cells(a, b, minimum, path="small", **rule) == dense
        assert len(dense[0]) < len(sim.cells(a, b, minimum, path="small")[0])
        kept += len(dense[0])
    assert kept


def test_pairing_without_numpy_equals_pairing_with_it(monkeypatch):
    """The pure-Python path for small inputs pairs exactly as the numpy path does."""
    import random

    rng = random.Random(5)
    vocab = ["recruit", "personnel", "vacancy", "training", "retain", "staff", "systems", "data"]

    def rows(n):
        return [
            (
                rng.choice((sim.NEGATIVE, sim.POSITIVE, sim.NEUTRAL)),
                tuple(sorted(rng.sample(["t", "u", "v"], rng.randint(1, 2)))),
                " ".join(rng.sample(vocab, rng.randint(1, 5))),
            )
            for _ in range(n)
        ]

    phases = (
        *SHARED_ONLY,
        sim.Phase(
            name="contrasting",
            classes=((sim.POSITIVE, sim.NEGATIVE), (sim.NEGATIVE, sim.POSITIVE)),
            minimum=sim.CONTRAST_MIN,
            specific=sim.CONTRAST_SPECIFIC,
            close=sim.CONTRAST_CLOSE,
        ),
    )
    a, b = _items("a", rows(70)), _items("b", rows(60))
    monkeypatch.setattr(sim, "_SMALL_CELLS", 10**9)
    small = sim.pair(a, b, phases=phases)
    monkeypatch.setattr(sim, "_SMALL_CELLS", 0)
    assert sim.pair(a, b, phases=phases) == small
    assert len(small) > 30
