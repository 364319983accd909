# ruff: noqa: E501  (the publications are written one paragraph per line, as published)
"""Publications written here in other phrasings, each with its exact judgments; and negative
cases proving nothing is invented."""

from __future__ import annotations

import pytest

from compare.errors import IngestError
from compare.ingest import ingest_text
from tests.ingest_support import area_grades, findings_with, grades, ingest

RI = "requires improvement"


def test_east_midlands_release_with_quoted_grades_en_dash_bullets_and_alias():
    """EMSOU alias, grades in curly quotes, en-dash bullets, "Published on:" date."""
    snap = ingest(
        """
        Mixed picture in the East Midlands response to serious and organised crime
        Published on: 3 October 2024
        HMICFRS inspected the East Midlands Special Operations Unit and its five forces.
        – EMSOU was graded as ‘good’;
        – Derbyshire Constabulary was graded as ‘adequate’;
        – Leicestershire Police was graded as “requires improvement”;
        – Lincolnshire Police was graded as 'inadequate';
        – Northamptonshire Police was graded as ‘adequate’; and
        – Nottinghamshire Police was graded as ‘good’.
        Inspectors found that EMSOU has a strong understanding of the threat from organised crime.
        """
    ).snapshot
    assert grades(snap) == {
        "east-midlands-rocu": "good",
        "derbyshire-constabulary": "adequate",
        "leicestershire-police": RI,
        "lincolnshire-police": "inadequate",
        "northamptonshire-police": "adequate",
        "nottinghamshire-police": "good",
    }
    i = snap.inspection
    assert (i.programme, i.subject, i.published) == ("soc-regional", "east-midlands", "2024-10-03")
    (f,) = findings_with(snap, "strong understanding")
    assert f.body == "east-midlands-rocu" and f.polarity == "strength"
    assert "intelligence-and-threat-assessment" in f.themes


def test_north_west_release_in_title_case_with_bullets_and_slash_date():
    """Title Case verbs and grades, • bullets, a 14/05/2024 date line, TITAN in brackets."""
    snap = ingest(
        """
        North West Regional Response To Serious And Organised Crime
        14/05/2024
        • The North West Regional Organised Crime Unit (TITAN) Has Been Graded As Good;
        • Cheshire Constabulary Has Been Graded As Adequate;
        • Cumbria Constabulary Has Been Graded As Requires Improvement;
        • Greater Manchester Police Has Been Graded As Adequate;
        • Lancashire Constabulary Has Been Graded As Good;
        • Merseyside Police Has Been Graded As Outstanding; and
        • North Wales Police Has Been Graded As Requires Improvement.
        """
    ).snapshot
    assert grades(snap) == {
        "north-west-rocu": "good",
        "cheshire-constabulary": "adequate",
        "cumbria-constabulary": RI,
        "greater-manchester-police": "adequate",
        "lancashire-constabulary": "good",
        "merseyside-police": "outstanding",
        "north-wales-police": RI,
    }
    assert snap.inspection.published == "2024-05-14"


def test_london_release_with_the_met_judged_rated_and_assessed():
    """ "the Met", "was judged to be", "was assessed as", "is graded", and BTP by its alias."""
    snap = ingest(
        """
        London's response to serious and organised crime
        date 2025-01-20
        The Met was judged to be adequate at tackling serious and organised crime.
        City of London Police was assessed as good.
        BTP is graded requires improvement.
        Inspectors said the Met needs to improve how it records disruption activity.
        """
    ).snapshot
    assert grades(snap) == {
        "metropolitan-police-service": "adequate",
        "city-of-london-police": "good",
        "british-transport-police": RI,
    }
    assert snap.inspection.subject == "london"
    (f,) = findings_with(snap, "records disruption")
    assert f.body == "metropolitan-police-service" and f.polarity == "area-for-improvement"


def test_eastern_release_with_label_lines_and_ampersand():
    """ "X – Grade", "X: Grade", "X (grade)" with * bullets, and & in the ROCU's name."""
    snap = ingest(
        """
        Eastern region: serious & organised crime inspection
        Published: 2 February 2024
        Grades:
        * Eastern Region Special Operations Unit – Good
        * Bedfordshire Police – Requires Improvement
        * Cambridgeshire Constabulary: Adequate
        * Essex Police: Good
        * Hertfordshire Constabulary (adequate)
        * Kent Police (good)
        * Norfolk Constabulary - Inadequate
        * Suffolk Constabulary — Adequate
        """
    ).snapshot
    assert grades(snap) == {
        "eastern-rocu": "good",
        "bedfordshire-police": RI,
        "cambridgeshire-constabulary": "adequate",
        "essex-police": "good",
        "hertfordshire-constabulary": "adequate",
        "kent-police": "good",
        "norfolk-constabulary": "inadequate",
        "suffolk-constabulary": "adequate",
    }
    assert snap.inspection.published == "2024-02-02"


def test_south_east_release_with_several_bodies_in_one_sentence():
    """ "X and Y were both graded as ..., while Z was graded ... and W as ...", SEROCU alias."""
    snap = ingest(
        """
        South East inspection published
        12th March 2025
        SEROCU has been graded as outstanding.
        Surrey Police and Sussex Police were both graded as requires improvement, while Thames Valley Police was graded as good and Hampshire & Isle of Wight Constabulary as adequate.
        """
    ).snapshot
    assert grades(snap) == {
        "south-east-rocu": "outstanding",
        "surrey-police": RI,
        "sussex-police": RI,
        "thames-valley-police": "good",
        "hampshire-and-isle-of-wight-constabulary": "adequate",
    }
    assert snap.inspection.published == "2025-03-12"


def test_wales_release_with_active_voice_and_weekday_date():
    """ "We graded X as ...", "Inspectors judged X to be ...", "Tuesday 4 June 2024"."""
    snap = ingest(
        """
        Southern Wales regional organised crime unit inspection
        Tuesday 4 June 2024
        We graded TARIAN as adequate.
        Inspectors judged Gwent Police to be inadequate and rated Dyfed-Powys Police as good.
        HMICFRS graded South Wales Police as requires improvement.
        """
    ).snapshot
    assert grades(snap) == {
        "wales-rocu": "adequate",
        "gwent-police": "inadequate",
        "dyfed-powys-police": "good",
        "south-wales-police": RI,
    }
    assert snap.inspection.published == "2024-06-04"


def test_grade_first_lists_and_received_a_grade():
    """ "Requires improvement: A, B and C", "received a grade of", "received an 'adequate' grade"."""
    snap = ingest(
        """
        Yorkshire and the Humber: serious and organised crime
        Published 9 September 2024
        Requires improvement: Humberside Police, North Yorkshire Police and South Yorkshire Police.
        West Yorkshire Police received a grade of good.
        The Yorkshire and Humber ROCU received an ‘adequate’ grade.
        """
    ).snapshot
    assert grades(snap) == {
        "humberside-police": RI,
        "north-yorkshire-police": RI,
        "south-yorkshire-police": RI,
        "west-yorkshire-police": "good",
        "yorkshire-and-the-humber-rocu": "adequate",
    }


def test_semicolon_list_in_one_paragraph():
    """ "The grades were: A – adequate; B – inadequate; ..." in a single paragraph."""
    snap = ingest(
        """
        North East serious and organised crime inspection
        date 2023-12-01
        The grades were: NERSOU – adequate; Cleveland Police – inadequate; Durham Constabulary – good; Northumbria Police – good.
        """
    ).snapshot
    assert grades(snap) == {
        "north-east-rocu": "adequate",
        "cleveland-police": "inadequate",
        "durham-constabulary": "good",
        "northumbria-police": "good",
    }


FULL_REPORT = """<!DOCTYPE html>
<html><head><title>An inspection of the Yorkshire and the Humber regional response to
serious and organised crime</title></head>
<body>
<nav><a href="/">Home</a></nav>
<main>
<h1>An inspection of the Yorkshire and the Humber regional response to serious and organised crime</h1>
<p>Published on: 21 November 2024</p>
<h2>Regional findings</h2>
<p>Forces in the region need to improve how they share intelligence with each other.</p>
<h2>Yorkshire and the Humber Regional Organised Crime Unit</h2>
<p>Grade: Adequate</p>
<p>The unit has a well-resourced covert capability.</p>
<h3>Area for improvement</h3>
<p>The ROCU and forces should review how they record disruptions.</p>
<h3>Innovative and promising practice</h3>
<p>The unit runs a programme that diverts young people away from crime.</p>
<h2>Humberside Police</h2>
<p>Requires improvement</p>
<h3>Cause of concern</h3>
<p>Humberside Police and the ROCU are not managing the risk posed by offenders effectively.</p>
<h2>North Yorkshire Police: Good</h2>
<p>The force has strong leadership of its serious and organised crime work.</p>
<h2>South Yorkshire Police</h2>
<p>Overall grade – inadequate</p>
<h2>West Yorkshire Police</h2>
<p>We graded the force as outstanding.</p>
<h2>Latest news</h2>
<ul><li>Cleveland Police has been graded as inadequate</li></ul>
<footer>Crown copyright</footer>
</main></body></html>
"""


@pytest.fixture(scope="module")
def full_report():
    return ingest_text(FULL_REPORT, media="html", origin="report.html").snapshot


def test_full_report_reads_a_grade_from_each_bodys_section(full_report):
    """Body headings with "Grade: X", a bare grade, "Name: Grade", "Overall grade – X",
    and "We graded the force as X" (the force of that section)."""
    assert grades(full_report) == {
        "yorkshire-and-the-humber-rocu": "adequate",
        "humberside-police": RI,
        "north-yorkshire-police": "good",
        "south-yorkshire-police": "inadequate",
        "west-yorkshire-police": "outstanding",
    }
    assert full_report.inspection.subject == "yorkshire-and-the-humber"
    assert full_report.inspection.published == "2024-11-21"


def test_full_report_highlighted_passages_belong_to_their_section(full_report):
    """Area for improvement, promising practice and cause of concern take their heading's
    polarity and the body whose section they are in, whatever else they name."""
    (afi,) = findings_with(full_report, "record disruptions")
    assert (afi.polarity, afi.body) == ("area-for-improvement", "yorkshire-and-the-humber-rocu")
    assert "disruption-recording" in afi.themes
    (good,) = findings_with(full_report, "diverts young people")
    assert (good.polarity, good.body) == ("promising-practice", "yorkshire-and-the-humber-rocu")
    assert "prevention" in good.themes
    (concern,) = findings_with(full_report, "risk posed by offenders")
    assert (concern.polarity, concern.body) == ("cause-of-concern", "humberside-police")
    assert "offender-management" in concern.themes


def test_full_report_section_text_defaults_to_its_body(full_report):
    """Plain sentences in a body's section are about that body; regional findings about the
    region; "the force" in a force's section is that force."""
    (f,) = findings_with(full_report, "covert capability")
    assert (f.body, f.polarity) == ("yorkshire-and-the-humber-rocu", "strength")
    (f,) = findings_with(full_report, "share intelligence")
    assert (f.body, f.polarity) == ("region", "area-for-improvement")
    (f,) = findings_with(full_report, "strong leadership")
    assert f.body == "north-yorkshire-police" and "leadership-and-change" in f.themes


def test_markdown_full_report_with_body_headings_and_bare_grades():
    """A Markdown report: "## Body" headings each followed by a bare grade line."""
    snap = ingest(
        """
        # An inspection of the North East regional response to serious and organised crime

        Published: 5 April 2023

        ## North East Regional Special Operations Unit

        **Adequate**

        ## Cleveland Police

        Inadequate

        ## Durham Constabulary

        Good

        ## Northumbria Police

        Requires improvement
        """,
        media="md",
    ).snapshot
    assert grades(snap) == {
        "north-east-rocu": "adequate",
        "cleveland-police": "inadequate",
        "durham-constabulary": "good",
        "northumbria-police": RI,
    }


def test_peel_release_with_area_grades_and_an_ungraded_area():
    """PEEL: "is good at X", "requires improvement at Y", "Area: grade" lines, and an
    ungraded area recorded with no grade; areas become ids; the force is the subject."""
    snap = ingest(
        """
        PEEL 2023–25: Dorset Police needs to improve how it protects vulnerable people
        Published on: 7 March 2024
        Dorset Police is good at responding to the public and investigating crime, but requires improvement at protecting vulnerable people.
        Inspectors graded the force in the other areas as follows:
        - Preventing crime: outstanding
        - Managing offenders and suspects: adequate
        - Police powers and public treatment – good
        - Leadership and force management: requires improvement
        - Providing a service to victims of crime: not graded
        The force needs to improve how it safeguards children at risk of exploitation.
        """
    ).snapshot
    d = "dorset-police"
    assert area_grades(snap) == {
        (d, "responding-to-the-public"): "good",
        (d, "investigating-crime"): "good",
        (d, "protecting-vulnerable-people"): RI,
        (d, "preventing-crime"): "outstanding",
        (d, "managing-offenders-and-suspects"): "adequate",
        (d, "police-powers-and-public-treatment"): "good",
        (d, "leadership-and-force-management"): RI,
        (d, "providing-a-service-to-victims-of-crime"): None,
    }
    i = snap.inspection
    assert (i.programme, i.subject) == ("peel", "dorset-police")
    (f,) = findings_with(snap, "safeguards children")
    assert f.body == d and f.polarity == "area-for-improvement"
    assert "vulnerability-and-safeguarding" in f.themes


def test_peel_page_with_a_grade_table():
    """An HTML table of areas and grades, with "The force is good at ..." prose."""
    page = """<html><body><main>
    <h1>PEEL 2023–25: an inspection of Kent Police</h1>
    <p>Published on: 30 January 2025</p>
    <p>The force is good at preventing crime.</p>
    <table><tr><th>Area</th><th>Grade</th></tr>
    <tr><td>Investigating crime</td><td>Requires improvement</td></tr>
    <tr><td>Responding to the public</td><td>Adequate</td></tr></table>
    </main></body></html>"""
    snap = ingest_text(page, media="html").snapshot
    assert area_grades(snap) == {
        ("kent-police", "preventing-crime"): "good",
        ("kent-police", "investigating-crime"): RI,
        ("kent-police", "responding-to-the-public"): "adequate",
    }


def test_peel_area_sections_with_bare_grades():
    """A PEEL report with a heading per area and the grade on the next line."""
    snap = ingest(
        """
        # PEEL 2021/22: An inspection of Gwent Police
        Published: 1 July 2022
        ## Investigating crime
        Adequate
        ## Protecting vulnerable people
        Good
        ## Providing a service to the victims of crime
        We do not grade forces on this question.
        """,
        media="md",
    ).snapshot
    assert area_grades(snap) == {
        ("gwent-police", "investigating-crime"): "adequate",
        ("gwent-police", "protecting-vulnerable-people"): "good",
        ("gwent-police", "providing-a-service-to-victims-of-crime"): None,
    }
    assert snap.inspection.scale == "5-point"


# -- nothing invented ----------------------------------------------------------------------


def test_grades_not_tied_to_a_named_body_are_not_recorded():
    """ "Two forces were graded inadequate", a pronoun and a bare grade outside any section
    give nothing; only the named body's grade is recorded."""
    snap = ingest(
        """
        South West serious and organised crime inspection
        date 2025-02-01
        Two forces were graded as inadequate.
        It was graded as good.
        Adequate
        Dorset Police has been graded as requires improvement.
        """
    ).snapshot
    assert grades(snap) == {"dorset-police": RI}


def test_unknown_force_is_skipped_never_guessed():
    """ "Narnia Police" is not in the registry: no judgment, no finding, no error."""
    snap = ingest(
        """
        South West serious and organised crime inspection
        date 2025-02-01
        Narnia Police has been graded as inadequate.
        Narnia Police and Wiltshire Police were graded as good.
        The South West ROCU was graded as adequate.
        """
    ).snapshot
    assert grades(snap) == {"wiltshire-police": "good", "south-west-rocu": "adequate"}
    assert not findings_with(snap, "Narnia")


def test_previous_grades_are_not_read_as_current():
    """A grade described as past ("previously", "had been", "in 2019") is not recorded."""
    snap = ingest(
        """
        Gloucestershire inspection of serious and organised crime
        date 2025-02-01
        In our previous inspection Gloucestershire Constabulary was graded as good.
        Wiltshire Police had been graded as inadequate.
        Dorset Police was graded as outstanding in 2019.
        Gloucestershire Constabulary has now been graded as inadequate.
        """
    ).snapshot
    assert grades(snap) == {"gloucestershire-constabulary": "inadequate"}


def test_latest_news_items_are_never_read():
    """Grades in a trailing "Latest News from ..." list belong to other publications."""
    snap = ingest(
        """
        Wales serious and organised crime inspection
        date 2024-04-02
        Gwent Police has been graded as good, the inspectorate said in its report today.
        Latest News from HMICFRS
        Dyfed-Powys Police has been graded as inadequate 01/04/2024 10:00:00
        """
    ).snapshot
    assert grades(snap) == {"gwent-police": "good"}
    assert snap.inspection.published == "2024-04-02"


def test_no_date_is_an_error_naming_the_option():
    """No date in the text and none given: refuse, telling the user what to pass."""
    with pytest.raises(IngestError, match=r"release\.txt: no publication date.*--published"):
        ingest("Dorset Police has been graded as good at tackling serious and organised crime.\n",
               origin="release.txt")  # fmt: skip


def test_dates_inside_sentences_are_not_publication_dates():
    """ "On 3 March 2023 inspectors visited" is not when the report was published."""
    with pytest.raises(IngestError, match="--published"):
        ingest(
            """
            Dorset inspection of serious and organised crime
            On 3 March 2023 inspectors visited the force.
            Dorset Police has been graded as good.
            """
        )


def test_no_graded_judgment_is_an_error_unless_allowed():
    """A publication with no grade is refused, or kept with allow_ungraded."""
    text = """
        West Midlands serious and organised crime update
        date 2024-01-01
        The ROCU for the West Midlands needs to improve its intelligence processes.
        """
    with pytest.raises(IngestError, match=r"no graded judgments found in notes\.txt"):
        ingest(text, origin="notes.txt")
    snap = ingest(text, origin="notes.txt", allow_ungraded=True).snapshot
    assert snap.judgments == () and snap.inspection.subject == "west-midlands"
    assert snap.findings and snap.findings[0].body == "west-midlands-rocu"


def test_conflicting_grades_for_one_body_are_an_error():
    """Two different current grades for the same body and area: refuse rather than choose."""
    with pytest.raises(IngestError, match="conflicting grades for dorset-police"):
        ingest(
            """
            South West serious and organised crime
            date 2024-01-01
            Dorset Police has been graded as good.
            Dorset Police has been graded as inadequate.
            """
        )


def test_given_subject_and_programme_override_detection_and_are_recorded():
    """--subject/--programme win over the text and are marked "given"."""
    snap = ingest(
        """
        South West serious and organised crime
        date 2024-01-01
        Dorset Police has been graded as good.
        The unit has been graded as adequate.
        """,
        subject="south-west",
        programme="soc-regional",
        scale="5-point",
    ).snapshot
    assert snap.source.fields == {
        "programme": "given",
        "published": "parsed",
        "subject": "given",
        "title": "parsed",
    }
    assert grades(snap) == {"dorset-police": "good", "south-west-rocu": "adequate"}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("subject", "South West!", "--subject"),
        ("programme", "../etc", "--programme"),
        ("published", "14 May 2024", "--published"),
        ("scale", "7-point", "--scale"),
    ],
)
def test_bad_given_values_are_errors(option, value, message):
    """Given values are checked: slugs, an ISO date, a known scale."""
    with pytest.raises(IngestError, match=message):
        ingest(
            """
            South West serious and organised crime
            date 2024-01-01
            Dorset Police has been graded as good.
            """,
            **{option: value},
        )


def test_four_point_scale_before_july_2021():
    """An older publication without "adequate" is on the four-point scale."""
    snap = ingest(
        """
        PEEL 2018/19: Wiltshire Police
        Published on: 2 May 2019
        Wiltshire Police was graded as good at investigating crime.
        """
    ).snapshot
    assert snap.inspection.scale == "4-point"
    # The 2014-19 effectiveness question, not the 2021+ area of the same words.
    assert area_grades(snap) == {("wiltshire-police", "effectiveness-investigating-crime"): "good"}
    assert snap.inspection.cycle == "peel-2014-19"


def test_peel_release_listing_areas_under_each_grade():
    """ "found it was: - good in A, B, and C; - adequate in ...", a performance-in phrasing,
    and "doesn't make graded judgments in" an area, which is recorded as not graded."""
    snap = ingest(
        """
        Cambridgeshire Constabulary uses police powers effectively but must improve how it responds to the public
        Published on: 13 March 2024
        HMICFRS assessed the constabulary’s performance across nine areas of policing and found it was:
        - good in police powers and public treatment, preventing crime, and building, supporting and protecting the workforce;
        - adequate in investigating crime, protecting vulnerable people and leadership and force management; and
        - requires improvement in responding to the public and managing offenders and suspects.
        HMICFRS doesn't make graded judgments in the remaining area, providing a service to victims of crime.
        The force’s performance in recording data about crime was judged to be good.
        Inspectors found the constabulary has a good understanding of its workforce’s wellbeing needs.
        """
    ).snapshot
    c = "cambridgeshire-constabulary"
    assert area_grades(snap) == {
        (c, "police-powers-and-public-treatment"): "good",
        (c, "preventing-crime"): "good",
        (c, "building-supporting-and-protecting-the-workforce"): "good",
        (c, "investigating-crime"): "adequate",
        (c, "protecting-vulnerable-people"): "adequate",
        (c, "leadership-and-force-management"): "adequate",
        (c, "responding-to-the-public"): RI,
        (c, "managing-offenders-and-suspects"): RI,
        (c, "providing-a-service-to-victims-of-crime"): None,
        (c, "recording-data-about-crime"): "good",
    }
    assert (snap.inspection.programme, snap.inspection.subject) == ("peel", c)
    # The graded lines are judgments, not findings; the wellbeing sentence is a finding.
    assert [f.text for f in snap.findings] == [
        "Inspectors found the constabulary has a good understanding of its workforce’s "
        "wellbeing needs."
    ]
    assert snap.findings[0].body == c and "workforce" in snap.findings[0].themes


def test_old_peel_pillars_on_the_four_point_scale():
    """PEEL 2014-2019 pillars (effectiveness, efficiency, legitimacy) are areas too."""
    snap = ingest(
        """
        PEEL: Police effectiveness, efficiency and legitimacy 2017 – Devon and Cornwall Police
        Published: 22 March 2018
        Devon and Cornwall Police has been graded as good at keeping people safe and reducing crime, requires improvement in efficiency and good in legitimacy.
        """
    ).snapshot
    d = "devon-and-cornwall-police"
    assert area_grades(snap) == {
        (d, "effectiveness"): "good",
        (d, "efficiency"): RI,
        (d, "legitimacy"): "good",
    }
    assert snap.inspection.scale == "4-point"


def test_plain_text_full_report_with_sections_labels_and_a_quote():
    """A full report as plain text: body headings, "Our judgment"/"Grade:"/bare grades,
    highlighted passages attributed to their section's body, region-wide sentences."""
    from tests.ingest_support import FIXTURES

    snap = ingest_text(
        (FIXTURES / "ingest" / "eastern-full-report.txt").read_text("utf-8"), origin="e.txt"
    ).snapshot
    assert grades(snap) == {
        "eastern-rocu": "good",
        "bedfordshire-police": RI,
        "essex-police": "adequate",
        "kent-police": "good",
    }
    expect = {
        "and its seven forces have a good": ("region", "strength"),
        "forces don't always use": ("region", "area-for-improvement"),
        "covert capabilities well": ("eastern-rocu", "strength"),
        "training they need": ("eastern-rocu", "area-for-improvement"),
        "limited capacity": ("bedfordshire-police", "area-for-improvement"),
        "isn't managing the risk": ("bedfordshire-police", "cause-of-concern"),
        "divert young people": ("essex-police", "promising-practice"),
        "works well with partner agencies": ("kent-police", "strength"),
        "ERSOU is a strong unit": ("eastern-rocu", "strength"),
    }
    for words, (body, polarity) in expect.items():
        (f,) = findings_with(snap, words)
        assert (f.body, f.polarity) == (body, polarity), words
    assert snap.quotes[0].speaker == "Sir Andy Cooke"


def test_text_copied_from_a_web_page_skips_the_page_chrome():
    """ "Skip to main content", a breadcrumb, "Share this page" and "Print" are not the title
    or findings; the title is the first real line."""
    snap = ingest(
        """
        Skip to main content
        Home > News > Press releases
        Gwent Police improves its response to organised crime
        Published 5 May 2023
        Share this page
        Gwent Police has been graded as good at tackling serious and organised crime.
        The force has improved how it disrupts organised crime groups.
        Print
        """
    ).snapshot
    assert snap.inspection.title == "Gwent Police improves its response to organised crime"
    assert grades(snap) == {"gwent-police": "good"}
    assert [f.text for f in snap.findings] == [
        "The force has improved how it disrupts organised crime groups."
    ]
    assert snap.findings[0].body == "gwent-police"  # "the force": the one just named


def test_mixed_label_forms_present_tense_and_an_unnamed_rocu():
    """ "The regional organised crime unit (ROCU)" is the region's ROCU; "X's overall grade:",
    "X | Good", "X: graded outstanding", "HMICFRS rates X as"; a 2019 grade is ignored."""
    from tests.ingest_support import FIXTURES

    path = FIXTURES / "ingest" / "north-west-mixed-forms.txt"
    snap = ingest_text(path.read_text("utf-8"), origin=str(path)).snapshot
    assert grades(snap) == {
        "north-west-rocu": "good",
        "lancashire-constabulary": RI,
        "cheshire-constabulary": "good",
        "merseyside-police": "outstanding",
        "cumbria-constabulary": "adequate",
    }
    assert snap.inspection.published == "2024-05-14"
