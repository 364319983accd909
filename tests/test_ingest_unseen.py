# ruff: noqa: E501  (publications are written one paragraph per line, as published)
"""Publications written as the HMICFRS press office and report pages write them, none of
which the extractor was tuned on when they were written (tests/fixtures/ingest/unseen/): each
asserts the exact judgments, the inspection fields, key findings, and that nothing is
invented. Further cases isolate the rules those publications exposed."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.ingest import ingest_one, ingest_text
from tests.ingest_support import (
    FIXTURES,
    SOUTH_WEST,
    WEST_MIDLANDS,
    area_grades,
    findings_with,
    grades,
    ingest,
)

UNSEEN = FIXTURES / "ingest" / "unseen"
RI = "requires improvement"
SOC = "serious-and-organised-crime"


def read(name: str, **options):
    """Ingest one unseen fixture through the file reader (encoding, BOM, line endings)."""
    return ingest_one(str(UNSEEN / name), **options).snapshot


def inspection(snap) -> tuple[str, str, str, str]:
    i = snap.inspection
    return (i.programme, i.subject, i.published, i.scale)


def one(snap, words: str):
    """The single finding containing ``words``."""
    hits = findings_with(snap, words)
    assert len(hits) == 1, [f.text for f in hits]
    return hits[0]


def no_finding(snap, *phrases: str) -> None:
    for words in phrases:
        assert not findings_with(snap, words), words


# -- PEEL --------------------------------------------------------------------------------


def test_peel_release_with_chained_area_grades_and_an_earlier_inspections_grade():
    """Cumbria: "rated as good at X, adequate at Y and Z, and requires improvement in W",
    "graded as ‘inadequate’ for", "It was also graded", and the 2022 grade left out."""
    snap = read("peel-2025-cumbria-release.txt")
    c = "cumbria-constabulary"
    assert area_grades(snap) == {
        (c, "investigating-crime"): "good",
        (c, "responding-to-the-public"): "adequate",
        (c, "preventing-crime"): "adequate",  # the 2023-25 area
        (c, "managing-offenders-and-suspects"): RI,
        (c, "protecting-vulnerable-people"): "inadequate",
        (c, "building-supporting-and-protecting-the-workforce"): "good",
        (c, "leadership-and-force-management"): "adequate",
    }
    assert inspection(snap) == ("peel", c, "2025-03-03", "5-point")
    f = one(snap, "backlog of home visits")
    assert (f.body, f.polarity) == (c, "area-for-improvement")
    assert "offender-management" in f.themes
    f = one(snap, "answers emergency calls quickly")
    assert (f.polarity, f.themes) == ("strength", ("responding-to-the-public",))
    # The quote's "serious concerns about how the force protects vulnerable people"
    # restates the lead; it stays in the quote, not as a second finding.
    no_finding(snap, "serious concerns", "across eight areas", "2022 PEEL inspection")
    assert "serious concerns" in snap.quotes[0].text


def test_peel_bulleted_area_list_with_windows_line_endings_and_no_break_spaces():
    """Norfolk: "- Area – Grade" items, a 03/03/2025 date line, CRLF and NBSP as a web page
    pastes them; the tally "good in four areas" is neither a judgment nor a finding."""
    raw = (UNSEEN / "peel-2025-norfolk-bullets.txt").read_bytes()
    assert b"\r\n" in raw and "\u00a0".encode() in raw
    snap = read("peel-2025-norfolk-bullets.txt")
    n = "norfolk-constabulary"
    assert area_grades(snap) == {
        (n, "police-powers-and-public-treatment"): "good",
        (n, "preventing-crime"): "outstanding",  # the 2023-25 area
        (n, "responding-to-the-public"): RI,
        (n, "investigating-crime"): "good",
        (n, "protecting-vulnerable-people"): "good",
        (n, "managing-offenders-and-suspects"): "adequate",
        (n, "building-supporting-and-protecting-the-workforce"): "good",
        (n, "leadership-and-force-management"): "adequate",
        (n, "recording-data-about-crime"): RI,
    }
    assert inspection(snap) == ("peel", n, "2025-03-03", "5-point")
    assert snap.inspection.title == "PEEL 2023–25: Norfolk Constabulary’s performance"
    f = one(snap, "non-emergency calls")
    assert (f.body, f.polarity, f.themes) == (
        n,
        "area-for-improvement",
        ("responding-to-the-public",),
    )
    f = one(snap, "innovative approach to preventing crime")
    assert (f.polarity, f.themes) == ("promising-practice", ("prevention",))
    no_finding(snap, "four areas", "– Good")


def test_peel_page_with_a_grade_table_holding_the_previous_inspections_grades():
    """Hertfordshire: a <table> with "2022 grade" and "2025 grade" columns reads only the
    latest; "We don’t grade this area." after a sentence naming it records it ungraded."""
    snap = read("peel-2025-hertfordshire-table.html")
    h = "hertfordshire-constabulary"
    assert area_grades(snap) == {
        (h, "police-powers-and-public-treatment"): "outstanding",
        (h, "preventing-crime"): "good",  # the 2023-25 area
        (h, "responding-to-the-public"): "adequate",
        (h, "investigating-crime"): "good",
        (h, "protecting-vulnerable-people"): RI,
        (h, "managing-offenders-and-suspects"): "good",
        (h, "building-supporting-and-protecting-the-workforce"): "adequate",
        (h, "leadership-and-force-management"): "adequate",
        (h, "recording-data-about-crime"): None,
    }
    assert inspection(snap) == ("peel", h, "2025-03-03", "5-point")
    assert snap.inspection.title == "PEEL 2023–25: An inspection of Hertfordshire Constabulary"
    assert snap.source.url.endswith("/peel-assessment-2023-25-hertfordshire/")
    f = one(snap, "go missing from home")
    assert (f.polarity, f.body) == ("area-for-improvement", h)
    assert "vulnerability-and-safeguarding" in f.themes
    # Table rows, the question asked and the related-publications box are not findings.
    no_finding(
        snap, "Good: Outstanding", "how good Hertfordshire", "inspected how effective", "Essex"
    )


def test_peel_2019_release_on_the_four_point_scale():
    """Surrey 2019: the three pillars by their long names; last year's "outstanding at
    operating efficiently" is not this inspection's grade."""
    snap = read("peel-2019-surrey-four-point.txt")
    s = "surrey-police"
    assert area_grades(snap) == {
        (s, "effectiveness"): "good",
        (s, "efficiency"): "good",
        (s, "legitimacy"): RI,
    }
    assert inspection(snap) == ("peel", s, "2019-05-02", "4-point")
    f = one(snap, "stop and search")
    assert f.polarity == "area-for-improvement" and "treatment-of-the-public" in f.themes
    assert all("last year" not in j.evidence for j in snap.judgments)


def test_peel_2019_pillars_with_an_earlier_years_grade_in_a_fronted_phrase():
    """Lancashire: "good at reducing crime and keeping people safe"; "In 2017, the force
    was judged to be outstanding for efficiency" is another inspection's."""
    snap = read("peel-2018-lancashire-pillars.txt")
    la = "lancashire-constabulary"
    assert area_grades(snap) == {
        (la, "effectiveness"): "good",
        (la, "efficiency"): "good",
        (la, "legitimacy"): RI,
    }
    assert inspection(snap) == ("peel", la, "2019-05-02", "4-point")
    f = one(snap, "grievance procedures")
    assert f.polarity == "area-for-improvement" and "workforce" in f.themes


def test_peel_2022_page_with_a_list_of_bold_area_labels_and_an_ungraded_area():
    """Gwent: "<li><strong>Area</strong> &ndash; grade</li>", the 2021/22 short name "Good use
    of resources", "not graded", and the date from <meta name="DC.date.issued">."""
    snap = read("peel-2022-gwent-list.html")
    g = "gwent-police"
    assert area_grades(snap) == {
        (g, "engaging-with-and-treating-the-public-with-fairness-and-respect"): "good",
        (g, "preventing-crime-and-anti-social-behaviour"): "good",  # 2021/22's area
        (g, "responding-to-the-public"): RI,
        (g, "investigating-crime"): RI,
        (g, "protecting-vulnerable-people"): "adequate",
        (g, "managing-offenders-and-suspects"): "good",
        (g, "building-supporting-and-protecting-the-workforce"): "adequate",
        (g, "strategic-planning-organisational-management-and-value-for-money"): "adequate",
        (g, "recording-data-about-crime"): "adequate",
        (g, "providing-a-service-to-victims-of-crime"): None,
    }
    assert inspection(snap) == ("peel", g, "2022-07-01", "5-point")
    assert snap.inspection.title == "Gwent Police must improve how it responds to the public"
    f = one(snap, "101 calls")
    assert (f.polarity, f.themes) == ("area-for-improvement", ("responding-to-the-public",))
    # "solve local problems" is not a weakness; tallies and labels are not findings.
    assert one(snap, "solve local problems").polarity == "observation"
    no_finding(snap, "three areas", "Good use of resources", "Share on")


def test_peel_grade_headings_over_lists_of_areas():
    """Thames Valley: a "Good" line over bulleted areas, then "Adequate", then "Requires
    improvement"; the area names and the tally items are not findings."""
    snap = read("peel-2025-thames-valley-grade-headings.txt")
    t = "thames-valley-police"
    assert area_grades(snap) == {
        (t, "protecting-vulnerable-people"): "good",
        (t, "preventing-crime"): "good",  # the 2023-25 area
        (t, "police-powers-and-public-treatment"): "good",
        (t, "responding-to-the-public"): "adequate",
        (t, "managing-offenders-and-suspects"): "adequate",
        (t, "leadership-and-force-management"): "adequate",
        (t, "investigating-crime"): RI,
        (t, "building-supporting-and-protecting-the-workforce"): RI,
    }
    assert inspection(snap) == ("peel", t, "2025-05-21", "5-point")
    assert len(snap.findings) == 4
    f = one(snap, "wellbeing")
    assert (f.body, f.polarity, f.themes) == (t, "area-for-improvement", ("workforce",))
    # The lead "rated as good at A, but it needs to improve how it investigates crime": its
    # graded clause is a judgment, its other clause an area for improvement of its own.
    f = one(snap, "needs to improve how it investigates crime")
    assert f.text.startswith("it needs to improve") and f.polarity == "area-for-improvement"


def test_peel_release_that_mentions_other_forces_grades_in_passing():
    """Wiltshire: other forces' grades ("Last year, Dorset Police was graded good ...",
    "..., which was graded outstanding ... in 2023", "in their most recent PEEL
    inspections") belong to other inspections; the title names the subject."""
    snap = read("peel-2025-wiltshire-other-forces.txt")
    w = "wiltshire-police"
    assert area_grades(snap) == {
        (w, "responding-to-the-public"): "adequate",
        (w, "investigating-crime"): RI,
        (w, "managing-offenders-and-suspects"): "good",
        (w, "protecting-vulnerable-people"): "adequate",
        (w, "preventing-crime"): "adequate",  # the 2023-25 area
    }
    assert inspection(snap) == ("peel", w, "2025-01-15", "5-point")
    assert {f.body for f in snap.findings} == {w}
    f = one(snap, "probation service")
    assert (f.polarity, f.themes) == ("strength", ("offender-management",))
    no_finding(snap, "Dorset Police", "Gloucestershire")


# -- regional serious and organised crime ------------------------------------------------


def test_north_east_release_with_windows_line_endings_and_a_restating_quote():
    """NERSOU: CRLF line endings; the quote and a later paragraph restate the lead and the
    Cleveland finding, so each point is one finding; the quote is still kept whole."""
    assert b"\r\n" in (UNSEEN / "soc-north-east-nersou-crlf.txt").read_bytes()
    snap = read("soc-north-east-nersou-crlf.txt")
    assert grades(snap) == {
        "north-east-rocu": "good",
        "cleveland-police": RI,
        "durham-constabulary": "good",
        "northumbria-police": "adequate",
    }
    assert inspection(snap) == ("soc-regional", "north-east", "2025-02-18", "5-point")
    f = one(snap, "share intelligence")
    assert (f.body, f.polarity) == ("region", "area-for-improvement")
    assert f.text.startswith("The North East Regional Special Operations Unit (NERSOU)")
    f = one(snap, "trained analysts")
    assert (f.body, f.polarity) == ("cleveland-police", "area-for-improvement")
    assert one(snap, "county lines").body == "durham-constabulary"
    (quote,) = snap.quotes
    assert quote.speaker == "His Majesty’s Inspector of Constabulary, Michelle Skeer"
    assert quote.text.count("\n\n") == 3 and "concerned that Cleveland" in quote.text


def test_eastern_release_with_shared_grades_the_only_force_and_plural_names():
    """ERSOU and seven forces: "X, Y and Z were all graded", "Kent Police was the only force
    ... to be graded as outstanding", "Norfolk and Suffolk constabularies", and Essex's
    2020 grade left out."""
    snap = read("soc-eastern-ersou.txt")
    assert grades(snap) == {
        "eastern-rocu": "good",
        "bedfordshire-police": "adequate",
        "cambridgeshire-constabulary": "adequate",
        "essex-police": "good",
        "hertfordshire-constabulary": "adequate",
        "kent-police": "outstanding",
        "norfolk-constabulary": RI,
        "suffolk-constabulary": RI,
    }
    assert inspection(snap) == ("soc-regional", "eastern", "2024-09-11", "5-point")
    f = one(snap, "innovative approach to disrupting county lines")
    assert (f.body, f.polarity) == ("kent-police", "promising-practice")
    f = one(snap, "record disruptions")
    assert (f.body, f.polarity, f.themes) == (
        "region",
        "area-for-improvement",
        ("disruption-recording",),
    )
    assert one(snap, "deserves credit").polarity == "strength"
    no_finding(snap, "only force", "In 2020")


def test_east_midlands_release_with_a_bom_no_break_space_quoted_grades_and_weekday_date():
    """EMSOU: a UTF-8 BOM, ‘Requires improvement’ with a no-break space, "Tuesday 4 March
    2025", "the only force in the region graded as inadequate"."""
    assert (UNSEEN / "soc-east-midlands-emsou-bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    snap = read("soc-east-midlands-emsou-bom.txt")
    assert grades(snap) == {
        "east-midlands-rocu": "adequate",
        "derbyshire-constabulary": "good",
        "leicestershire-police": RI,
        "lincolnshire-police": "adequate",
        "northamptonshire-police": "inadequate",
        "nottinghamshire-police": "adequate",
    }
    assert inspection(snap) == ("soc-regional", "east-midlands", "2025-03-04", "5-point")
    assert (
        snap.inspection.title
        == "The East Midlands regional response to serious and organised crime"
    )
    f = one(snap, "unacceptable")
    assert (f.body, f.polarity, f.themes) == (
        "northamptonshire-police",
        "cause-of-concern",
        ("governance",),
    )
    f = one(snap, "work with schools")
    assert (f.body, f.polarity) == ("east-midlands-rocu", "promising-practice")
    assert "prevention" in f.themes
    assert one(snap, "ancillary orders").body == "leicestershire-police"
    no_finding(snap, "only force")


def test_wales_release_naming_tarian_in_running_text():
    """Tarian (a ROCU name that is also a Welsh word) is the unit when written as a name;
    "Tarian, the regional organised crime unit for southern Wales, and its three forces"
    is the region."""
    snap = read("soc-wales-tarian.txt")
    assert grades(snap) == {
        "wales-rocu": "adequate",
        "dyfed-powys-police": RI,
        "gwent-police": RI,
        "south-wales-police": "good",
    }
    assert inspection(snap) == ("soc-regional", "wales", "2025-01-28", "5-point")
    f = one(snap, "good relationships with partner agencies")
    assert (f.body, f.polarity, f.themes) == ("wales-rocu", "strength", ("collaboration",))
    f = one(snap, "Tarian, the regional organised crime unit")
    assert (f.body, f.polarity, f.themes) == (
        "region",
        "area-for-improvement",
        ("offender-management",),
    )
    assert one(snap, "mapping organised crime groups").body == "gwent-police"
    # The quote's closing sentence restates the lead.
    no_finding(snap, "must improve how they manage")


def test_london_release_without_a_rocu():
    """London: "The Metropolitan Police Service (MPS) – requires improvement", "BTP was the
    only force graded as inadequate"; a list of the three forces is the region."""
    snap = read("soc-london.txt")
    assert grades(snap) == {
        "metropolitan-police-service": RI,
        "city-of-london-police": "good",
        "british-transport-police": "inadequate",
    }
    assert inspection(snap) == ("soc-regional", "london", "2024-11-19", "5-point")
    assert {j.role for j in snap.judgments} == {"force"}
    f = one(snap, "work together")
    assert (f.body, f.polarity, f.themes) == ("region", "area-for-improvement", ("collaboration",))
    assert f.text.startswith("The Metropolitan Police Service, City of London Police")
    assert one(snap, "wide range of specialist").body == "metropolitan-police-service"
    assert one(snap, "rail network").body == "british-transport-police"
    no_finding(snap, "– requires improvement", "only force")


def test_full_report_page_with_force_sections_boxes_and_recommendations():
    """South East report page: a section per body with "Grade:", "Area for improvement 1"
    and "Area for improvement 2:" boxes, a cause of concern with its recommendations, and
    a past grade ("In our last inspection") and related links left out."""
    snap = read("full-report-south-east.html")
    assert grades(snap) == {
        "south-east-rocu": "good",
        "hampshire-and-isle-of-wight-constabulary": "adequate",
        "surrey-police": RI,
        "sussex-police": "inadequate",
        "thames-valley-police": "good",
    }
    assert inspection(snap) == ("soc-regional", "south-east", "2025-04-09", "5-point")
    f = one(snap, "digital tool")
    assert (f.body, f.polarity) == ("south-east-rocu", "promising-practice")
    f = one(snap, "evaluates the outcomes")
    assert (f.body, f.polarity) == ("south-east-rocu", "area-for-improvement")
    f = one(snap, "neighbourhood teams")
    assert (f.body, f.polarity) == (
        "hampshire-and-isle-of-wight-constabulary",
        "area-for-improvement",
    )
    f = one(snap, "not effectively managing")
    assert (f.body, f.polarity) == ("sussex-police", "cause-of-concern")
    assert "offender-management" in f.themes
    f = one(snap, "review its use of ancillary orders")
    assert (f.body, f.polarity) == ("sussex-police", "area-for-improvement")
    assert one(snap, "lifetime management of offenders").body == "region"
    no_finding(snap, "last inspection", "Kent", "between September")


def test_plain_text_full_report_with_numbered_labels():
    """North West report as text: a contents list, "Grade: X" under each body,
    "Area for improvement 1: ...", "Recommendation 1: ...", and TITAN in running text."""
    snap = read("full-report-north-west.txt")
    assert grades(snap) == {
        "north-west-rocu": "good",
        "cheshire-constabulary": "adequate",
        "cumbria-constabulary": RI,
        "greater-manchester-police": "good",
        "lancashire-constabulary": "good",
        "merseyside-police": "outstanding",
        "north-wales-police": "adequate",
    }
    assert inspection(snap) == ("soc-regional", "north-west", "2024-06-27", "5-point")
    f = one(snap, "records the disruption")
    assert (f.body, f.polarity, f.themes) == (
        "north-west-rocu",
        "area-for-improvement",
        ("disruption-recording",),
    )
    f = one(snap, "Within six months")
    assert (f.body, f.polarity) == ("cumbria-constabulary", "area-for-improvement")
    f = one(snap, "often delayed")
    assert (f.body, f.polarity) == ("cumbria-constabulary", "cause-of-concern")
    f = one(snap, "diverts young people")
    assert (f.body, f.polarity, f.themes) == (
        "lancashire-constabulary",
        "promising-practice",
        ("prevention",),
    )
    assert one(snap, "(TITAN) and the six forces").body == "region"
    assert one(snap, "National Crime Agency").body == "north-west-rocu"


def test_repeat_release_with_a_previous_grade_column():
    """South West revisit: a table with "Previous grade (2025)" and "Grade" columns reads
    the current grades only; the rows are not findings."""
    snap = read("soc-south-west-2027-table.html")
    assert grades(snap) == {
        "south-west-rocu": "good",
        "avon-and-somerset-police": "adequate",
        "devon-and-cornwall-police": RI,
        "dorset-police": "adequate",
        "gloucestershire-constabulary": RI,
        "wiltshire-police": RI,
    }
    assert inspection(snap) == ("soc-regional", "south-west", "2027-03-09", "5-point")
    f = one(snap, "resolved most of the problems")
    assert (f.body, f.polarity) == ("south-west-rocu", "strength")
    assert one(snap, "difficulty recruiting").polarity == "area-for-improvement"
    assert len(snap.findings) == 3


def test_plain_text_with_html_entities():
    """A release copied from a page's source or a feed: &amp;, &rsquo; and &ndash; in a
    .txt file are read as the characters they stand for."""
    snap = read("soc-north-west-entities.txt")
    assert grades(snap) == {
        "north-west-rocu": "adequate",
        "cheshire-constabulary": "good",
        "cumbria-constabulary": RI,
        "greater-manchester-police": "adequate",
        "lancashire-constabulary": "adequate",
        "merseyside-police": "good",
        "north-wales-police": RI,
    }
    assert inspection(snap) == ("soc-regional", "north-west", "2025-02-14", "5-point")
    assert (
        snap.inspection.title
        == "Improvements needed in the North West’s response to serious & organised crime"
    )
    assert not any("&amp;" in f.text or "&rsquo;" in f.text for f in snap.findings)
    f = one(snap, "threat assessments")
    assert (f.body, f.polarity) == ("north-west-rocu", "strength")
    f = one(snap, "specialist officers")
    assert (f.body, f.polarity) == ("region", "area-for-improvement")


def test_release_with_every_line_break_removed():
    """Yorkshire and the Humber, one line: the date, title, list, quote and the end of the
    release are found again; the "Latest News" item after it is not read."""
    text = (UNSEEN / "soc-yorkshire-one-line.txt").read_text(encoding="utf-8")
    assert "\n" not in text.strip()
    snap = read("soc-yorkshire-one-line.txt")
    assert grades(snap) == {
        "yorkshire-and-the-humber-rocu": "adequate",
        "humberside-police": "good",
        "north-yorkshire-police": RI,
        "south-yorkshire-police": "adequate",
        "west-yorkshire-police": "good",
    }
    assert inspection(snap) == ("soc-regional", "yorkshire-and-the-humber", "2024-10-08", "5-point")
    assert snap.inspection.title.startswith(
        "Yorkshire and the Humber regional organised crime unit is adequate"
    )
    (quote,) = snap.quotes
    assert quote.speaker == "His Majesty’s Inspector of Constabulary, Roy Wilsher"
    assert quote.text.startswith("YHROCU manages") and quote.text.count("\n\n") == 1
    f = one(snap, "enough analysts")
    assert (f.body, f.polarity) == ("north-yorkshire-police", "area-for-improvement")
    no_finding(snap, "Lincolnshire", "Printable", "further information")


@pytest.mark.parametrize(("path", "published"), [(SOUTH_WEST, "2025-06-12"), (WEST_MIDLANDS, None)])
def test_seeds_with_their_line_breaks_removed_read_as_the_originals(path, published):
    """Each seed run together on one line yields the same title, judgments, findings,
    quotes and source URL as the seed itself."""
    text = path.read_text(encoding="utf-8")
    original = ingest_text(text, published=published).snapshot
    run_on = ingest_text(" ".join(text.split()), published=published).snapshot
    assert run_on.inspection == original.inspection
    assert run_on.judgments == original.judgments
    assert run_on.findings == original.findings
    assert run_on.quotes == original.quotes
    assert run_on.source.url == original.source.url


# -- the rules, one at a time ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Last year, Dorset Police was graded as inadequate, and Wiltshire Police was rated inadequate.",
        "In 2022, Dorset Police was graded as inadequate.",
        "In its 2021/22 PEEL inspection, Dorset Police was graded as inadequate.",
        "Dorset Police, which was graded inadequate in 2023, has improved.",
        "Dorset Police was graded as inadequate two years ago.",
        "When we last inspected the force, Dorset Police was graded as inadequate.",
        "Dorset Police had been graded as inadequate.",
    ],
)
def test_grades_of_earlier_inspections_are_not_recorded(sentence):
    """A year before the publication's, a fronted "Last year,"/"In 2022," (for every clause
    of the sentence), "ago", "last inspected", "had been": not this inspection's grade."""
    snap = ingest(
        f"""
        South West serious and organised crime inspection
        Published: 3 March 2025
        {sentence}
        Avon and Somerset Police has been graded as good.
        """
    ).snapshot
    assert grades(snap) == {"avon-and-somerset-police": "good"}


def test_a_year_of_this_publication_does_not_make_a_grade_past():
    """ "In our 2025 inspection, ..." in a 2025 publication, and a range ending this year
    ("PEEL 2023–25"), are this inspection."""
    snap = ingest(
        """
        South West serious and organised crime inspection
        Published: 3 March 2025
        In our 2025 inspection, Dorset Police was graded as adequate.
        In PEEL 2023–25 terms, Wiltshire Police was graded as good.
        """
    ).snapshot
    assert grades(snap) == {"dorset-police": "adequate", "wiltshire-police": "good"}


@pytest.mark.parametrize(
    ("sentence", "body", "grade"),
    [
        (
            "Kent Police was the only force in the region to be graded as outstanding.",
            "kent-police",
            "outstanding",
        ),
        (
            "Norfolk Constabulary was the only force graded inadequate.",
            "norfolk-constabulary",
            "inadequate",
        ),
        ("The only force graded as inadequate was Essex Police.", "essex-police", "inadequate"),
        ("Of the seven forces, only Kent Police was graded as good.", "kent-police", "good"),
        (
            "Suffolk Constabulary is one of only two forces rated outstanding.",
            "suffolk-constabulary",
            "outstanding",
        ),
    ],
)
def test_the_only_force_graded(sentence, body, grade):
    """ "X was the only force (in the region) (to be) graded as Y" and its variants."""
    snap = ingest(
        f"""
        Eastern serious and organised crime inspection
        date 2024-09-11
        {sentence}
        """
    ).snapshot
    assert grades(snap) == {body: grade}
    assert not snap.findings


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Three of the region’s forces – Avon and Somerset Police, Dorset Police and Wiltshire Police – were graded as requires improvement.",
            {"avon-and-somerset-police": RI, "dorset-police": RI, "wiltshire-police": RI},
        ),
        ("Dorset Police’s performance was graded as good.", {"dorset-police": "good"}),
        (
            "HMICFRS found Dorset Police to be outstanding at tackling serious and organised crime.",
            {"dorset-police": "outstanding"},
        ),
        (
            "Dorset Police’s grade improved from requires improvement to good.",
            {"dorset-police": "good"},
        ),
        ("Wiltshire Police moved from inadequate to adequate.", {"wiltshire-police": "adequate"}),
        (
            "Avon and Somerset Police has been downgraded to inadequate from adequate.",
            {"avon-and-somerset-police": "inadequate"},
        ),
        ("The unit’s grade remains adequate.", {"south-west-rocu": "adequate"}),
        (
            "Dorset Police has been graded ‘good’ (previously ‘adequate’).",
            {"dorset-police": "good"},
        ),
        (
            "Dorset Police was graded as good, up from adequate last year.",
            {"dorset-police": "good"},
        ),
        (
            "The grades were as follows: SWROCU: adequate. Dorset Police: good.",
            {"south-west-rocu": "adequate", "dorset-police": "good"},
        ),
        (
            "Dorset Police and Wiltshire Police were graded as adequate and good respectively.",
            {"dorset-police": "adequate", "wiltshire-police": "good"},
        ),
        ("The ROCU and Dorset Police were graded as requires improvement or inadequate.", {}),
        ("Inspectors considered it to be good practice that Dorset Police was consulted.", {}),
        ("We expect Dorset Police to be graded as good next time.", {}),
        ("Dorset Police would be graded inadequate if it did not improve.", {}),
    ],
)
def test_regional_grade_phrasings(sentence, expected):
    """Grades written as changes, lists between dashes, "respectively", a label run into a
    paragraph; and lists or hypotheticals that tie no grade to a body."""
    snap = ingest(
        f"""
        South West serious and organised crime inspection
        Published: 3 March 2025
        {sentence}
        """,
        allow_ungraded=True,
    ).snapshot
    assert grades(snap) == expected


@pytest.mark.parametrize(
    ("sentence", "area", "grade"),
    [
        (
            "The force was assessed as requiring improvement in how it investigates crime.",
            "investigating-crime",
            RI,
        ),
        (
            "We found the force to be outstanding at preventing crime and anti-social behaviour.",
            "preventing-crime",  # 2023-25's name for it
            "outstanding",
        ),
        (
            "For protecting vulnerable people, the force was graded as adequate.",
            "protecting-vulnerable-people",
            "adequate",
        ),
        ("Investigating crime was graded as good.", "investigating-crime", "good"),
        (
            "Its performance in protecting vulnerable people is inadequate.",
            "protecting-vulnerable-people",
            "inadequate",
        ),
        (
            "Kent Police is judged as good at managing offenders and suspects.",
            "managing-offenders-and-suspects",
            "good",
        ),
    ],
)
def test_peel_grade_phrasings(sentence, area, grade):
    """PEEL area grades: "requiring improvement in how it ...", "found the force to be",
    a fronted area, an area as subject, "Its performance in X is Y"; none is a finding."""
    snap = ingest(
        f"""
        PEEL 2023–25: Kent Police
        Published: 3 March 2025
        {sentence}
        """
    ).snapshot
    assert area_grades(snap) == {("kent-police", area): grade}
    assert not snap.findings


def test_markdown_table_with_a_previous_grade_column():
    """A Markdown (pipe) table: the header's "Previous grade" column is left out and each
    row reads as a label line; a table is no longer dropped as page chrome."""
    snap = ingest(
        """
        # PEEL 2023–25: Kent Police
        Published: 30 January 2025
        | Area | Previous grade | Grade |
        |---|---|---|
        | Investigating crime | Good | Adequate |
        | Responding to the public | Inadequate | Requires improvement |
        """,
        media="md",
    ).snapshot
    assert area_grades(snap) == {
        ("kent-police", "investigating-crime"): "adequate",
        ("kent-police", "responding-to-the-public"): RI,
    }
    assert not snap.findings


def test_html_table_whose_header_row_uses_ordinary_cells():
    """A first row of <td>s naming years ("2022", "2025") is a header all the same."""
    page = """<html><body><main><h1>PEEL: Essex Police</h1><p>Published: 2 May 2025</p>
    <table><tr><td>Area</td><td>2022</td><td>2025</td></tr>
    <tr><td>Investigating crime</td><td>Inadequate</td><td>Good</td></tr></table>
    </main></body></html>"""
    snap = ingest_text(page, media="html").snapshot
    assert area_grades(snap) == {("essex-police", "investigating-crime"): "good"}


def test_html_description_list_and_a_table_with_an_extra_column():
    """<dl> terms with their <dd> grades read as label lines; a row "Area | Good | ↑ from
    adequate" reads its one bare grade; neither becomes a finding."""
    page = """<html><body><main><h1>PEEL 2023–25: Kent Police</h1><p>3 March 2025</p>
    <dl><dt>Investigating crime</dt><dd>Good</dd>
    <dt>Responding to the public</dt><dd>Requires improvement</dd></dl>
    <table><tr><th>Area</th><th>Grade</th><th>Change</th></tr>
    <tr><td>Protecting vulnerable people</td><td>Adequate</td><td>↑ from inadequate</td></tr></table>
    </main></body></html>"""
    snap = ingest_text(page, media="html").snapshot
    assert area_grades(snap) == {
        ("kent-police", "investigating-crime"): "good",
        ("kent-police", "responding-to-the-public"): RI,
        ("kent-police", "protecting-vulnerable-people"): "adequate",
    }
    assert not snap.findings


def test_report_with_a_summary_table_and_nested_force_sections():
    """A "Summary of grades" table with count columns, then force sections (h3 under an h2)
    restating the grades; an earlier grade in a section is left out; no table text is a
    finding."""
    page = """<html><body><main>
    <h1>An inspection of the East Midlands regional response to serious and organised crime</h1>
    <p>Published on: 5 June 2025</p>
    <h2>Summary of grades</h2>
    <table><thead><tr><th>Unit or force</th><th>Grade</th><th>Causes of concern</th><th>Areas for improvement</th></tr></thead>
    <tr><td>EMSOU</td><td>Good</td><td>0</td><td>2</td></tr>
    <tr><td>Derbyshire Constabulary</td><td>Adequate</td><td>0</td><td>1</td></tr>
    <tr><td>Leicestershire Police</td><td>Requires improvement</td><td>1</td><td>3</td></tr></table>
    <h2>Force findings</h2>
    <h3>Derbyshire Constabulary</h3>
    <p>We graded the force as adequate. In 2021, we graded it as good.</p>
    <h4>Area for improvement</h4><p>The force should improve how it records disruptions.</p>
    <h3>Leicestershire Police</h3><p>Grade: Requires improvement</p>
    <h4>Cause of concern</h4><p>The force doesn't have enough financial investigators.</p>
    <h2>EMSOU</h2><p>The unit was graded as good.</p><p>It works well with partners.</p>
    </main></body></html>"""
    snap = ingest_text(page, media="html").snapshot
    assert grades(snap) == {
        "east-midlands-rocu": "good",
        "derbyshire-constabulary": "adequate",
        "leicestershire-police": RI,
    }
    assert [(f.body, f.polarity) for f in snap.findings] == [
        ("derbyshire-constabulary", "area-for-improvement"),
        ("leicestershire-police", "cause-of-concern"),
        ("east-midlands-rocu", "strength"),
    ]
    assert snap.findings[2].themes == ("collaboration",)


def test_transposed_grade_table():
    """Bodies across the header and a "Grade" row below: one grade per column."""
    snap = ingest(
        """
        # North East serious and organised crime inspection
        Published: 5 April 2023
        | | NERSOU | Cleveland Police | Durham Constabulary |
        |---|---|---|---|
        | Grade | Adequate | Inadequate | Good |
        """,
        media="md",
    ).snapshot
    assert grades(snap) == {
        "north-east-rocu": "adequate",
        "cleveland-police": "inadequate",
        "durham-constabulary": "good",
    }


def test_date_label_and_plain_text_entities():
    """ "Date: 3 March 2025" is the publication date; "&amp;" in text is "&"."""
    snap = ingest(
        """
        Avon &amp; Somerset Police&rsquo;s response to serious and organised crime
        Date: 3 March 2025
        Avon &amp; Somerset Police has been graded as good.
        """
    ).snapshot
    assert snap.inspection.published == "2025-03-03"
    assert (
        snap.inspection.title == "Avon & Somerset Police’s response to serious and organised crime"
    )
    assert grades(snap) == {"avon-and-somerset-police": "good"}


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published 3 March 2025", "2025-03-03"),
        ("Published: 3 March 2025 | Last updated: 5 March 2025", "2025-03-03"),
        ("Mon 3 Mar 2025", "2025-03-03"),
        ("Posted on 3 March 2025", "2025-03-03"),
        ("News story · 3 March 2025", "2025-03-03"),
        ("Release date: 3 March 2025", "2025-03-03"),
        ("Embargoed until 00:01 Tuesday 4 March 2025", "2025-03-04"),
        ("03.03.2025", "2025-03-03"),
    ],
)
def test_publication_date_lines(line, published):
    """Date lines as press offices and news pages label them."""
    snap = ingest(
        f"""
        South West serious and organised crime inspection
        {line}
        Dorset Police has been graded as good.
        """
    ).snapshot
    assert snap.inspection.published == published


def test_a_last_updated_date_is_not_the_publication_date():
    """ "Last updated" alone says when the page changed: the date is asked for, not guessed."""
    from compare.errors import IngestError

    with pytest.raises(IngestError, match="--published"):
        ingest(
            """
            South West serious and organised crime inspection
            Last updated: 5 March 2025
            Dorset Police has been graded as good.
            """
        )


@pytest.mark.parametrize(
    "quote",
    [
        "Commenting on the report, HM Inspector of Constabulary Roy Wilsher said:\n“Dorset Police needs to improve its intelligence analysis.”",
        "HM Inspector of Constabulary Roy Wilsher said: “Dorset Police needs to improve its intelligence analysis.”",
        "“Dorset Police needs to improve its intelligence analysis,” said HM Inspector of Constabulary Roy Wilsher.",
        'HM Inspector of Constabulary Roy Wilsher said:\n"Dorset Police needs to improve its intelligence analysis."',
    ],
)
def test_quotation_forms(quote):
    """The speaker (without "Commenting on the report,") and the quotation, whether the
    quote follows "said:" on its own line or the same one, or comes first."""
    text = (
        "South West serious and organised crime inspection\nPublished: 3 March 2025\nDorset Police has been graded as good.\n"
        + quote
        + "\n"
    )
    snap = ingest_text(text).snapshot
    # The quotation as written; the comma of “...,” said X is not part of it.
    assert [(q.speaker, q.text.rstrip(".")) for q in snap.quotes] == [
        (
            "HM Inspector of Constabulary Roy Wilsher",
            "Dorset Police needs to improve its intelligence analysis",
        )
    ]
    (f,) = snap.findings
    assert (f.body, f.polarity) == ("dorset-police", "area-for-improvement")


def test_he_added_continues_the_previous_speaker():
    """ "He added:" is the last named speaker; with nobody named before, no quote is made up."""
    snap = ingest(
        """
        South West serious and organised crime inspection
        Published: 3 March 2025
        Dorset Police has been graded as good.
        HM Inspector of Constabulary Roy Wilsher said:
        “Dorset Police works well with partners.”
        He added:
        “The unit must improve its intelligence analysis.”
        """
    ).snapshot
    assert [q.speaker for q in snap.quotes] == ["HM Inspector of Constabulary Roy Wilsher"] * 2


def test_a_quote_restating_a_finding_is_not_a_second_finding():
    """Same body, polarity and theme and a similar statement (the compare engine's score):
    the quote's sentence is dropped; a quote making a different point stays."""
    snap = ingest(
        """
        North East serious and organised crime inspection
        date 2025-02-18
        NERSOU has been graded as good.
        NERSOU needs to improve how it records disruptions against organised crime groups.
        HM Inspector of Constabulary Michelle Skeer said:
        “The unit needs to improve how it records the disruption of organised crime groups.
        “But the unit also needs more trained surveillance officers.”
        """
    ).snapshot
    assert [f.text for f in findings_with(snap, "disrupt")] == [
        "NERSOU needs to improve how it records disruptions against organised crime groups."
    ]
    f = one(snap, "surveillance officers")
    assert (f.body, f.polarity) == ("north-east-rocu", "area-for-improvement")


def test_two_different_points_on_one_theme_are_both_kept():
    """Sentences of the release on one theme that share words but make different points
    are not restatements."""
    snap = ingest(
        """
        Kent Police PEEL inspection
        Published: 30 January 2025
        Kent Police was graded as good at investigating crime.
        The force needs to improve how it investigates burglary.
        The force needs to improve how it investigates fraud.
        """
    ).snapshot
    assert len(findings_with(snap, "needs to improve how it investigates")) == 2


def test_run_on_detection_leaves_ordinary_long_paragraphs_alone():
    """A long paragraph without a publication's structure marks is not reflowed."""
    from compare.ingest.blocks import is_run_on, text_blocks

    paragraph = " ".join(["The force has a good understanding of the demand it faces."] * 15)
    assert not is_run_on(paragraph)
    assert [b.kind for b in text_blocks(paragraph)] == ["paragraph"]


def test_unseen_fixtures_are_all_tested():
    """Every publication in the unseen folder is read by a test in this module."""
    source = Path(__file__).read_text(encoding="utf-8")
    names = sorted(p.name for p in UNSEEN.iterdir())
    assert len(names) >= 15
    assert [n for n in names if f'"{n}"' not in source] == []
