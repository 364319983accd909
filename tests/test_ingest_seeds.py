"""The two canonical press releases: the acceptance facts of issue 3."""

from __future__ import annotations

import pytest

from compare import model
from compare.errors import IngestError
from compare.ingest import EXTRACTOR_NAME, EXTRACTOR_VERSION, ingest_one, ingest_source
from tests.ingest_support import (
    SHARED_SEEDS,
    SOUTH_WEST,
    WEST_MIDLANDS,
    findings_with,
    grades,
)

RI = "requires improvement"


@pytest.fixture(scope="module")
def south_west():
    return ingest_one(str(SOUTH_WEST), published="2025-06-12").snapshot


@pytest.fixture(scope="module")
def west_midlands():
    return ingest_one(str(WEST_MIDLANDS)).snapshot


def test_repo_copies_of_the_seeds_match_the_shared_originals():
    """tests/fixtures/seeds holds byte-identical copies of shared/seeds (when present)."""
    if not SHARED_SEEDS.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    for path in (SOUTH_WEST, WEST_MIDLANDS):
        assert path.read_bytes() == (SHARED_SEEDS / path.name).read_bytes()


def test_south_west_has_exactly_its_six_judgments(south_west):
    """South West: the ROCU adequate, four forces requires improvement, Gloucestershire
    inadequate, all in the serious-and-organised-crime area."""
    assert grades(south_west) == {
        "south-west-rocu": "adequate",
        "avon-and-somerset-police": RI,
        "devon-and-cornwall-police": RI,
        "dorset-police": RI,
        "gloucestershire-constabulary": "inadequate",
        "wiltshire-police": RI,
    }
    assert {j.area for j in south_west.judgments} == {"serious-and-organised-crime"}
    roles = {j.body: j.role for j in south_west.judgments}
    assert roles["south-west-rocu"] == "rocu" and roles["dorset-police"] == "force"


def test_south_west_inspection_fields_record_what_was_given(south_west):
    """The date was given; programme, subject and title were read from the text."""
    i = south_west.inspection
    assert (i.programme, i.subject, i.published, i.scale) == (
        "soc-regional",
        "south-west",
        "2025-06-12",
        "5-point",
    )
    assert i.title.startswith("Improvements needed in the south west")
    assert south_west.source.fields == {
        "programme": "parsed",
        "published": "given",
        "subject": "parsed",
        "title": "parsed",
    }
    assert south_west.source.extractor == model.Extractor(
        name=EXTRACTOR_NAME, version=EXTRACTOR_VERSION
    )
    assert south_west.source.kind == "text" and south_west.source.media == "txt"


def test_south_west_without_a_date_asks_for_published():
    """The South West text carries no publication date: ingest refuses and says how to fix it."""
    with pytest.raises(IngestError, match=r"--published YYYY-MM-DD") as info:
        ingest_one(str(SOUTH_WEST))
    assert str(SOUTH_WEST) in str(info.value)


def test_west_midlands_has_exactly_its_five_judgments(west_midlands):
    """West Midlands: ROCU adequate, Staffordshire and Warwickshire requires improvement, West
    Mercia inadequate, West Midlands Police adequate."""
    assert grades(west_midlands) == {
        "west-midlands-rocu": "adequate",
        "staffordshire-police": RI,
        "warwickshire-police": RI,
        "west-mercia-police": "inadequate",
        "west-midlands-police": "adequate",
    }


def test_west_midlands_date_title_and_url_are_parsed(west_midlands):
    """The date line, the title after "Printable version" and the article link are read."""
    i = west_midlands.inspection
    assert (i.programme, i.subject, i.published) == ("soc-regional", "west-midlands", "2024-05-14")
    assert (
        i.title
        == "Improvements needed in West Midlands regional response to serious organised crime"
    )
    assert west_midlands.source.url == (
        "https://hmicfrs.justiceinspectorates.gov.uk/news/news-feed/"
        "improvements-needed-in-west-midlands-regional-response-to-serious-organised-crime/"
    )
    assert west_midlands.source.fields["published"] == "parsed"


def test_latest_news_list_leaves_no_trace_in_west_midlands(west_midlands):
    """Nothing after "Latest News from" is read: Gloucestershire appears nowhere."""
    blob = model.to_json(west_midlands).decode().lower()
    assert "gloucestershire" not in blob
    assert "cambridgeshire" not in blob and "northern ireland" not in blob


def test_both_seeds_have_a_collaboration_area_for_improvement(south_west, west_midlands):
    """ "need to improve how they work together" is a regional collaboration AFI in both."""
    for snap in (south_west, west_midlands):
        hits = [
            f
            for f in findings_with(snap, "work together")
            if f.polarity == "area-for-improvement" and "collaboration" in f.themes
        ]
        assert hits and all(f.body == "region" for f in hits)
        assert any("collaboration: work(?:s|ed|ing)? together" in f.terms for f in hits)


def test_threat_assessment_is_a_south_west_weakness_and_a_west_midlands_strength(
    south_west, west_midlands
):
    """The same theme with opposite polarity: SW threat assessment AFI, WM intelligence strength."""
    theme = "intelligence-and-threat-assessment"
    sw = [f for f in south_west.findings if theme in f.themes]
    wm = [f for f in west_midlands.findings if theme in f.themes]
    assert sw and {f.polarity for f in sw} == {"area-for-improvement"}
    assert wm and {f.polarity for f in wm} == {"strength"}
    assert any("threats consistently" in f.text for f in sw)
    assert any(f.body == "west-midlands-rocu" for f in wm)


@pytest.mark.parametrize(
    ("theme", "words", "body"),
    [
        ("workforce", "difficult to recruit", "south-west-rocu"),
        # The quote's "IT across forces isn't well connected" restates this sentence.
        ("it-systems", "accessing individual IT systems", "region"),
        ("governance", "governance of regional resources", "south-west-rocu"),
    ],
)
def test_south_west_only_findings_are_classified(south_west, west_midlands, theme, words, body):
    """Recruitment, IT and governance are South West areas for improvement, absent in WM."""
    hits = findings_with(south_west, words)
    assert len(hits) == 1
    f = hits[0]
    assert theme in f.themes and f.body == body
    assert f.polarity in ("area-for-improvement", "cause-of-concern")
    assert not any(theme in g.themes for g in west_midlands.findings)


@pytest.mark.parametrize(
    ("theme", "words", "polarity"),
    [
        ("offender-management", "offenders", "area-for-improvement"),
        ("disruption-recording", "records disruption activity", "area-for-improvement"),
        ("vulnerability-and-safeguarding", "safeguard vulnerable people", "strength"),
    ],
)
def test_west_midlands_only_findings_are_classified(
    south_west, west_midlands, theme, words, polarity
):
    """Offender management, disruption recording and safeguarding are West Midlands-only."""
    hits = findings_with(west_midlands, words)
    assert len(hits) == 1
    assert theme in hits[0].themes and hits[0].polarity == polarity
    assert hits[0].body == "west-midlands-rocu"
    assert not any(theme in g.themes for g in south_west.findings)


def test_safeguarding_finding_comes_from_the_chief_inspectors_quote(west_midlands):
    """The only mention of safeguarding is inside the quote, and it is still a finding."""
    (quote,) = west_midlands.quotes
    assert quote.speaker == "His Majesty’s Inspector of Constabulary, Andy Cooke"
    assert "safeguard vulnerable people" in quote.text
    assert not quote.text.startswith("“") and not quote.text.endswith("”")


def test_south_west_quote_has_its_speaker_and_three_paragraphs(south_west):
    """One quote, attributed to Sir Andy Cooke, kept paragraph by paragraph."""
    (quote,) = south_west.quotes
    assert quote.speaker == "His Majesty’s Chief Inspector of Constabulary, Sir Andy Cooke"
    assert quote.text.count("\n\n") == 2


@pytest.mark.parametrize(
    "text",
    [
        "Get the report",
        "An inspection of the",
        "has been graded",
        "Press Office",
        "said:",
        "made graded judgments",
        "monitoring its progress",
    ],
)
def test_boilerplate_never_becomes_a_finding(south_west, west_midlands, text):
    """Graded list lines, report links, press-office notes and quote intros are not findings."""
    for snap in (south_west, west_midlands):
        assert not findings_with(snap, text)


def test_finding_ids_are_slugs_unique_and_stable(south_west):
    """Ids match the model's slug rule, are unique, and are the same on a second run."""
    ids = [f.id for f in south_west.findings]
    assert all(model.SLUG.fullmatch(i) and i.startswith("f-") for i in ids)
    assert len(ids) == len(set(ids))
    again = ingest_one(str(SOUTH_WEST), published="2025-06-12").snapshot
    assert model.to_json(again) == model.to_json(south_west)


def test_seed_snapshots_round_trip_through_json(south_west, west_midlands):
    """What ingest builds is a valid snapshot: it survives encode and strict decode."""
    for snap in (south_west, west_midlands):
        assert model.from_json(model.to_json(snap), "test") == snap


def test_ingesting_the_seed_folder_reads_both_files_in_order():
    """A folder is read recursively in sorted order; options apply to every file."""
    results = ingest_source(str(SOUTH_WEST.parent), published="2025-06-12")
    assert [r.snapshot.inspection.subject for r in results] == ["south-west", "west-midlands"]
    assert results[1].snapshot.inspection.published == "2025-06-12"  # given wins
    assert results[1].snapshot.source.fields["published"] == "given"
    assert results[0].raw == SOUTH_WEST.read_bytes() and results[0].media == "txt"


def test_shipped_seed_snapshots_match_the_current_extractor():
    """snapshots/ holds what this extractor makes of the seeds: a change to extraction
    without a new EXTRACTOR_VERSION (and a re-ingest) fails here."""
    from pathlib import Path

    from compare.store import Store

    root = Path(__file__).resolve().parents[1] / "snapshots"
    if not root.is_dir():
        pytest.skip("no shipped snapshots")
    store = Store(root)
    for path, ref, options in (
        (SOUTH_WEST, "south-west@2025-06-12", {"published": "2025-06-12"}),
        (WEST_MIDLANDS, "west-midlands@2024-05-14", {}),
    ):
        shipped = store.resolve(ref)
        if shipped.source.extractor.version != EXTRACTOR_VERSION:
            continue  # a newer extractor: re-ingesting will add a re-extraction
        fresh = ingest_one(str(path), **options).snapshot
        assert model.content(shipped) == model.content(fresh), ref
