# ruff: noqa: E501  (the publications are written one paragraph per line, as published)
"""The finding classifier: taxonomy data, polarity order, attribution, sentence splitting."""

from __future__ import annotations

import pytest

from compare import model, registry
from compare.ingest import findings

REQUIRED_THEMES = {
    "collaboration",
    "intelligence-and-threat-assessment",
    "governance",
    "workforce",
    "it-systems",
    "offender-management",
    "disruption-recording",
    "vulnerability-and-safeguarding",
    "prevention",
    "learning",
    "specialist-capabilities",
    "leadership-and-change",
    "funding",
}


def ctx(region="south-west", force=None, section=None):
    return findings.Context(registry.load(), region, force, section)


def test_taxonomy_ships_every_required_theme_with_valid_terms():
    """themes.yaml has the thirteen themes (ids are slugs) and every term compiles."""
    lex = findings.lexicon()
    themes = {t.theme for t in lex.themes}
    assert themes >= REQUIRED_THEMES
    assert all(model.SLUG.fullmatch(t) for t in themes)
    assert [p for p, _ in lex.cues] == [
        "cause-of-concern",
        "area-for-improvement",
        "promising-practice",
        "strength",
    ]


def test_each_finding_records_the_terms_that_matched():
    """themes_of returns the themes and "theme: term" for each match."""
    themes, terms = findings.themes_of("The unit had difficulty recruiting analysts.")
    assert "workforce" in themes
    assert "workforce: recruit\\w*" in terms


def test_it_matches_only_in_capitals():
    """ "IT" is information technology; "it" is a pronoun."""
    assert "it-systems" in findings.themes_of("IT across forces isn't connected.")[0]
    assert "it-systems" not in findings.themes_of("It was good to see it work.")[0]


@pytest.mark.parametrize(
    ("sentence", "polarity"),
    [
        ("The unit has effective processes in place.", "strength"),
        ("The unit has effective processes but needs to improve its recording.",
         "area-for-improvement"),
        ("Forces aren't assessing threats consistently.", "area-for-improvement"),
        ("This is a cause of concern.", "cause-of-concern"),
        ("The force has an innovative approach to tackling county lines.", "promising-practice"),
        ("The unit appoints senior officers to lead on regional priorities.", "observation"),
        ("It was troubling to hear about recruitment.", "area-for-improvement"),
        ("Not only is it effective, it is efficient.", "strength"),
    ],
)  # fmt: skip
def test_polarity_cues_in_order(sentence, polarity):
    """The first polarity with a cue wins: concern, improvement, promising, strength."""
    assert findings.polarity_of(sentence) == polarity


def test_a_sentence_with_neither_cue_nor_theme_is_not_a_finding():
    """Procedural sentences ("The inspection took place in March.") are dropped."""
    c = findings.classify(
        "The inspection took place in March.", ctx(), heading_polarity=None, previous=None
    )
    assert c is None


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        ("The unit needs to improve its governance.", "south-west-rocu"),
        ("The unit and its regional forces need to work together.", "region"),
        ("Dorset Police and Wiltshire Police must share intelligence.", "region"),
        ("Some forces in the region lack analysts.", "region"),
        ("Dorset Police has too few investigators.", "dorset-police"),
        ("SWROCU regularly reviews what works well.", "south-west-rocu"),
        ("Learning was not shared consistently.", "region"),
    ],
)
def test_attribution_by_the_earliest_reference(sentence, body):
    """Named body, "the unit" (the region's ROCU), collectives and joined bodies."""
    c = findings.classify(sentence, ctx(), heading_polarity=None, previous=None)
    assert c is not None and c.body == body


def test_pronoun_sentences_continue_the_previous_body():
    """ "It ..." is about whoever the previous sentence was about."""
    c = findings.classify(
        "It also prioritises safeguarding vulnerable people.",
        ctx(),
        heading_polarity=None,
        previous="dorset-police",
    )
    assert c is not None and c.body == "dorset-police"


def test_the_force_is_the_peel_subject():
    """In a force's own publication "the force" and unattributed sentences are that force,
    and "other forces" do not make a sentence regional."""
    c = ctx(region=None, force="kent-police")
    for sentence in (
        "The force needs to improve its call handling.",
        "Call handling needs to improve, as in other forces.",
    ):
        got = findings.classify(sentence, c, heading_polarity=None, previous=None)
        assert got is not None and got.body == "kent-police"


def test_sentences_split_on_full_stops_but_not_after_titles():
    """ "Sir." or "e.g." does not end a sentence; quoted sentence ends do."""
    assert findings.sentences("Dr. Smith spoke. It went well.") == [
        "Dr. Smith spoke.",
        "It went well.",
    ]
    assert findings.sentences("“It is good.” Then more.") == ["“It is good.”", "Then more."]


def test_finding_ids_depend_on_text_and_body_only():
    """The id is stable under whitespace and quote style, and differs by body."""
    a = findings.finding_id("The unit’s  work.", "region")
    assert a == findings.finding_id("The unit's work.", "region")
    assert a != findings.finding_id("The unit's work.", "dorset-police")
    assert model.SLUG.fullmatch(a)


def test_polarity_belongs_to_the_clause_not_the_sentence():
    """ "have improved how they work together, but inspectors raised a cause of concern
    about how threats are assessed": a strength on collaboration and a cause of concern on
    threat assessment, each its own finding with its own clause as text."""
    from tests.ingest_support import ingest

    snap = ingest(
        """
        Serious and organised crime in the South West
        Published: 12 June 2025
        The South West Regional Organised Crime Unit has been graded as adequate.
        The unit and its forces have improved how they work together, but inspectors raised a cause of concern about how threats are assessed.
        """
    ).snapshot
    got = {(f.polarity, f.themes, f.text) for f in snap.findings}
    assert got == {
        (
            "strength",
            ("collaboration",),
            "The unit and its forces have improved how they work together",
        ),
        (
            "cause-of-concern",
            ("intelligence-and-threat-assessment",),
            "inspectors raised a cause of concern about how threats are assessed.",
        ),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Dorset Police was the most improved force in the region.",
        "The unit has filled most vacancies, so staff now have the experience they need.",
    ],
)
def test_improvement_made_is_not_an_area_for_improvement(sentence):
    assert findings.polarity_of(sentence) != "area-for-improvement"


def test_a_sentence_making_one_point_stays_whole():
    """Two clauses of the same polarity are one finding: the sentence is not cut."""
    assert findings.clauses("The unit shares intelligence well, and its analysts are skilled.") == [
        "The unit shares intelligence well, and its analysts are skilled."
    ]
    parts = findings.clauses(
        "The unit works well with partners, but it does not record its disruptions consistently."
    )
    assert parts == [
        "The unit works well with partners",
        "it does not record its disruptions consistently.",
    ]


def test_a_line_with_no_sentence_ends_is_read_in_bounded_pieces():
    """A megabyte of words with no full stop (a hostile or broken page) is read in pieces
    of at most MAX_SENTENCE characters: no finding longer than that, the grade before it
    still read. (Before, the whole line was one sentence: one finding of a million
    characters, and reading it was quadratic.)"""
    from compare.ingest import ingest_text

    words = "the force needs to improve how it shares intelligence with partners and must act "
    text = "The South West Regional Organised Crime Unit was graded adequate. " + words * 12_000
    snap = ingest_text(
        text, published="2025-01-01", programme="soc-regional", subject="south-west"
    ).snapshot
    assert [(j.body, j.grade) for j in snap.judgments] == [("south-west-rocu", "adequate")]
    assert snap.findings
    assert max(len(f.text) for f in snap.findings) <= findings.MAX_SENTENCE
    assert all(len(s) <= findings.MAX_SENTENCE for s in findings.sentences(words * 100))
