# ruff: noqa: E501  (the publications are written one paragraph per line, as published)
"""The forms real publications state grades in, one test each, in sentences written here.

Every sentence below was composed for this file after the shape of a form found in real
HMICFRS pages and releases, force and PCC statements and press coverage (the texts
themselves stay out of the repository; see benchmarks/fidelity.py). Each test asserts the
exact judgments: the grades read and nothing more.
"""

from __future__ import annotations

import pytest

from compare.ingest import ingest_text
from tests.ingest_support import area_grades, grades, ingest

RI = "requires improvement"
K = "kent-police"


def peel(body: str, published: str = "3 March 2025", title: str = "Kent Police inspected"):
    """A PEEL publication of Kent Police with ``body`` as its text."""
    return ingest(f"{title}\nPublished: {published}\n{body}").snapshot


# -- PEEL 2014-2019 -----------------------------------------------------------------------


def test_pillar_lines_of_an_assessment_page_are_the_three_pillars():
    """ "The extent to which the force is effective at keeping people safe ... is good";
    "not yet graded" is recorded as not graded."""
    snap = peel(
        """
        This is the fourth PEEL assessment of Kent Police.
        The extent to which the force is effective at keeping people safe and reducing crime is not yet graded.
        The extent to which the force is efficient at keeping people safe and reducing crime is good.
        The extent to which the force is legitimate at keeping people safe and reducing crime is outstanding.
        """,
        published="9 November 2017",
    )
    assert {k: v for k, v in area_grades(snap).items() if v} == {
        (K, "efficiency"): "good",
        (K, "legitimacy"): "outstanding",
    }
    assert snap.inspection.cycle == "peel-2014-19" and snap.inspection.scale == "4-point"


def test_pillar_lines_that_name_the_force_and_the_2018_wording():
    """The force named in the pillar line; 2018/19's "operates efficiently and sustainably"
    and "treats the public and its workforce legitimately"."""
    snap = peel(
        """
        The extent to which Kent Police is effective at keeping people safe and reducing crime is good.
        We found the extent to which the force operates efficiently and sustainably is outstanding.
        We found the extent to which the force treats the public and its workforce legitimately requires improvement.
        """,
        published="2 May 2019",
    )
    assert area_grades(snap) == {
        (K, "effectiveness"): "good",
        (K, "efficiency"): "outstanding",
        (K, "legitimacy"): RI,
    }


def test_questions_of_2014_19_are_their_own_areas_never_the_later_ones():
    """ "good at preventing crime and tackling anti-social behaviour" in 2016 is the
    effectiveness question, not the 2021+ area of similar words."""
    snap = peel(
        "Inspectors found Kent Police is good at preventing crime and tackling anti-social "
        "behaviour and requires improvement in how it protects vulnerable people.",
        published="2 March 2017",
    )
    assert area_grades(snap) == {
        (K, "effectiveness-preventing-crime"): "good",
        (K, "effectiveness-protecting-vulnerable-people"): RI,
    }


def test_efficiency_questions_chained_with_semicolons():
    """ "judged to be good in its understanding of demand; its use of resources is assessed
    to be good; and its planning for future demand requires improvement"."""
    snap = peel(
        "Kent Police is judged to be outstanding in its understanding of demand; its use of "
        "resources to manage demand is assessed to be good; and its planning for future demand "
        "is judged to require improvement.",
        published="9 November 2017",
    )
    assert area_grades(snap) == {
        (K, "efficiency-understanding-demand"): "outstanding",
        (K, "efficiency-using-resources"): "good",
        (K, "efficiency-planning-for-the-future"): RI,
    }


def test_pillars_listed_after_one_active_verb():
    """ "graded X as outstanding for effectiveness, outstanding for efficiency and good for
    legitimacy": each grade goes with the area after it."""
    snap = peel(
        "The inspectorate graded Kent as good for effectiveness, outstanding for efficiency "
        "and requires improvement for legitimacy.",
        published="22 March 2018",
    )
    assert area_grades(snap) == {
        (K, "effectiveness"): "good",
        (K, "efficiency"): "outstanding",
        (K, "legitimacy"): RI,
    }


def test_quoted_grade_in_respect_of_the_efficiency_with_which():
    snap = peel(
        "The commissioner welcomed the finding that Kent Police is ‘Good in respect of the "
        "efficiency with which it keeps people safe and reduces crime’.",
        published="3 November 2016",
    )
    assert area_grades(snap) == {(K, "efficiency"): "good"}


def test_how_efficiently_it_keeps_people_safe_is_the_efficiency_pillar():
    snap = peel(
        "Kent Police has been judged as ‘requires improvement’ in how efficiently it keeps "
        "people safe and reduces crime.",
        published="9 November 2017",
    )
    assert area_grades(snap) == {(K, "efficiency"): RI}


# -- PEEL 2021-2025 -----------------------------------------------------------------------


def test_tally_then_the_areas_of_one_grade_after_a_dash():
    """ "'requires improvement' in two areas – A and B": the tally names its areas."""
    snap = peel(
        "HMICFRS graded the force across eight areas of policing and found it was ‘good’ in "
        "three areas and ‘inadequate’ in two areas – responding to the public and "
        "investigating crime."
    )
    assert area_grades(snap) == {
        (K, "responding-to-the-public"): "inadequate",
        (K, "investigating-crime"): "inadequate",
    }
    assert snap.tally.areas == 8
    assert snap.tally.grades == {"good": 3, "inadequate": 2}
    assert snap.partial() == "2 of 8 graded areas named"


@pytest.mark.parametrize(
    "sentence",
    [
        "The areas requiring improvement include how the force responds to the public, how "
        "it investigates crime and how it manages offenders and suspects.",
        "HMICFRS said the areas requiring improvement are responding to the public; "
        "investigating crime; and managing offenders.",
        "Areas found to require improvement were responding to the public, investigating "
        "crime and managing offenders.",
        "Under the ‘requires improvement’ grade was: responding to the public; investigating "
        "crime; managing offenders.",
    ],
)
def test_areas_listed_after_a_graded_noun(sentence):
    snap = peel(sentence)
    assert area_grades(snap) == {
        (K, "responding-to-the-public"): RI,
        (K, "investigating-crime"): RI,
        (K, "managing-offenders-and-suspects"): RI,
    }


def test_the_outstanding_areas_included_two_described_in_words():
    """Areas written as what the force does: "how the force disrupts organised crime and how
    it achieves value for money" (2021/22's area ids)."""
    snap = peel(
        "HMICFRS said the ‘outstanding’ areas included how the force disrupts organised crime "
        "and how it achieves value for money.",
        published="20 May 2022",
        title="PEEL 2021/22 – An inspection of Kent Police",
    )
    assert area_grades(snap) == {
        (K, "disrupting-serious-organised-crime"): "outstanding",
        (K, "strategic-planning-organisational-management-and-value-for-money"): "outstanding",
    }
    assert snap.inspection.cycle == "peel-2021-22"


def test_rated_good_in_n_areas_namely_a_list_with_semicolons():
    snap = peel(
        "Kent Police is now rated as Good in three areas namely police powers and public "
        "treatment; preventing and deterring crime; and managing offenders and suspects."
    )
    assert area_grades(snap) == {
        (K, "police-powers-and-public-treatment"): "good",
        (K, "preventing-crime"): "good",
        (K, "managing-offenders-and-suspects"): "good",
    }


def test_rated_adequate_in_terms_of_and_in_areas_such_as():
    snap = peel(
        """
        The force was rated Adequate in terms of responding to the public and leadership and force management.
        The report rates Kent Police as good in areas such as ‘protecting vulnerable people’ and ‘investigating crime’.
        """
    )
    assert area_grades(snap) == {
        (K, "responding-to-the-public"): "adequate",
        (K, "leadership-and-force-management"): "adequate",
        (K, "protecting-vulnerable-people"): "good",
        (K, "investigating-crime"): "good",
    }


def test_areas_as_the_subject_and_a_contrast_clause():
    """ "A, B and C were judged 'adequate', while D was 'good'"."""
    snap = peel(
        "Police powers and public treatment, managing offenders, and developing a positive "
        "workplace were judged ‘adequate’, while preventing crime was ‘good’."
    )
    assert area_grades(snap) == {
        (K, "police-powers-and-public-treatment"): "adequate",
        (K, "managing-offenders-and-suspects"): "adequate",
        (K, "building-supporting-and-protecting-the-workforce"): "adequate",
        (K, "preventing-crime"): "good",
    }


def test_all_areas_but_one_and_the_exception():
    """ "'good' or 'adequate' in all areas, except A, where it 'requires improvement'": the
    exception is read, the list of two grades ties none."""
    snap = peel(
        "The report said Kent Police is ‘good’ or ‘adequate’ in all areas, except investigating "
        "crime, where it ‘requires improvement’."
    )
    assert area_grades(snap) == {(K, "investigating-crime"): RI}


def test_a_rating_of_grade_for_an_area_names_no_body_but_the_forces():
    snap = peel(
        "This has led to a rating of Requires Improvement for ‘Recording data about crime’."
    )
    assert area_grades(snap) == {(K, "recording-data-about-crime"): RI}


def test_a_sentence_going_on_from_a_past_one_is_past_too():
    """ "It was also found to ..." after the previous report's grades: not this one's."""
    snap = peel(
        """
        Kent Police was rated good at investigating crime.
        This is better than the previous report, which found Kent Police to be inadequate at responding to the public
        It was also found to ‘require improvement’ in protecting vulnerable people and managing offenders.
        """
    )
    assert area_grades(snap) == {(K, "investigating-crime"): "good"}


def test_another_inspections_grade_in_passing_is_not_read():
    snap = peel(
        "Kent Police was good at investigating crime. It is also graded as outstanding in "
        "disrupting serious organised crime in its regional HMICFRS inspection."
    )
    assert area_grades(snap) == {(K, "investigating-crime"): "good"}


def test_the_cycle_follows_the_area_names_a_late_2021_22_report_uses():
    """A 2021/22 report published in 2024 names 2021/22's areas: its cycle is 2021/22."""
    snap = peel(
        "Engaging with and treating the public with fairness and respect: Good\n"
        "Preventing crime and anti-social behaviour: Adequate",
        published="22 February 2024",
    )
    assert snap.inspection.cycle == "peel-2021-22"
    assert area_grades(snap) == {
        (K, "engaging-with-and-treating-the-public-with-fairness-and-respect"): "good",
        (K, "preventing-crime-and-anti-social-behaviour"): "adequate",
    }


def test_a_pipe_row_with_a_trailing_bar():
    snap = peel("Investigating crime | Good |\nResponding to the public | Inadequate |")
    assert area_grades(snap) == {
        (K, "investigating-crime"): "good",
        (K, "responding-to-the-public"): "inadequate",
    }


def test_praise_of_a_practice_is_not_an_area_grade():
    """ "good at increasing the diversity of its workforce" is not the workforce area, and
    "good practice" is not a grade."""
    snap = peel(
        "Kent Police was rated good at investigating crime. The force is good at increasing the "
        "diversity of its workforce, and inspectors saw good practice in its control room."
    )
    assert area_grades(snap) == {(K, "investigating-crime"): "good"}


def test_an_ad_placeholder_glued_to_a_line_is_dropped():
    snap = peel("Hide AdThe force was rated Adequate in terms of investigating crime.")
    assert area_grades(snap) == {(K, "investigating-crime"): "adequate"}


def test_a_date_line_prefix_keeps_the_rest_of_its_line():
    snap = ingest_text(
        "Kent Police improves\n date 2025-07-23 Kent Police was rated as ‘good’ for its work "
        "in responding to the public, inspectors said in their PEEL report.\n"
    ).snapshot
    assert snap.inspection.published == "2025-07-23"
    assert area_grades(snap) == {(K, "responding-to-the-public"): "good"}


# -- tallies --------------------------------------------------------------------------------


def test_a_release_that_only_counts_grades_is_kept_with_its_tally():
    """No area named, but a tally stated: the snapshot holds the tally and says it is
    partial, instead of refusing the release."""
    snap = peel(
        "HMICFRS graded Kent Police’s performance across nine areas of policing and found the "
        "force was outstanding in one area, good in two areas, adequate in five areas and "
        "requires improvement in one area."
    )
    assert snap.judgments == ()
    assert snap.tally.areas == 9
    assert snap.tally.grades == {"outstanding": 1, "good": 2, "adequate": 5, RI: 1}
    assert snap.partial() == "0 of 9 graded areas named"


def test_a_past_tally_is_not_this_inspections():
    snap = peel(
        """
        Kent Police was rated good at investigating crime and adequate in three areas.
        In 2022 the force was inadequate in six areas.
        """
    )
    assert snap.tally.grades == {"adequate": 3}


# -- regional serious and organised crime -----------------------------------------------------

SOC = "Serious and organised crime in the South West\nPublished: 12 June 2025\n"


def test_names_with_their_grade_in_brackets():
    snap = ingest(
        SOC + "The report gave individual grades to the South West Regional Organised Crime "
        "Unit (outstanding), Dorset Police (good), Wiltshire Police (adequate) and "
        "Gloucestershire Constabulary (requires improvement)."
    ).snapshot
    assert grades(snap) == {
        "south-west-rocu": "outstanding",
        "dorset-police": "good",
        "wiltshire-police": "adequate",
        "gloucestershire-constabulary": RI,
    }


def test_a_count_that_closes_the_set_is_recorded_as_inferred():
    """Five forces; one named inadequate and "four of the individual forces 'require'
    improvement": the four others, by logic, with the count's sentence as evidence."""
    snap = ingest(
        SOC + "The unit was graded as ‘adequate’ overall, but it was found that four of the "
        "individual forces ‘require’ improvement, while Gloucestershire Constabulary was "
        "graded as ‘inadequate’."
    ).snapshot
    assert grades(snap) == {
        "south-west-rocu": "adequate",
        "gloucestershire-constabulary": "inadequate",
        "avon-and-somerset-police": RI,
        "devon-and-cornwall-police": RI,
        "dorset-police": RI,
        "wiltshire-police": RI,
    }
    fields = snap.source.fields
    assert fields["judgments.dorset-police.serious-and-organised-crime"] == "inferred"
    assert "judgments.gloucestershire-constabulary.serious-and-organised-crime" not in fields
    dorset = next(j for j in snap.judgments if j.body == "dorset-police")
    assert "four of the individual forces" in dorset.evidence


def test_a_count_that_does_not_close_the_set_records_nothing():
    snap = ingest(
        SOC + "Dorset Police was graded as good, and two of the forces require improvement."
    ).snapshot
    assert grades(snap) == {"dorset-police": "good"}


def test_names_between_dashes_before_a_split_quoted_grade():
    snap = ingest(
        SOC + "Two of the forces – Dorset Police and Wiltshire Police – ‘require’ improvement."
    ).snapshot
    assert grades(snap) == {"dorset-police": RI, "wiltshire-police": RI}


def test_a_county_and_a_policing_unit_stand_for_the_force_and_the_rocu():
    snap = ingest(
        SOC + "The commissioner for Dorset has taken over oversight of a South West policing "
        "unit graded ‘inadequate’. Wiltshire and Dorset require improvement."
    ).snapshot
    assert grades(snap) == {
        "south-west-rocu": "inadequate",
        "wiltshire-police": RI,
        "dorset-police": RI,
    }


def test_a_relative_clause_between_a_body_and_its_grade():
    """ "found SWROCU, to which Dorset Police contributes officers, 'outstanding'": the grade
    is the unit's, not the force's in the relative clause."""
    snap = ingest(
        SOC + "The report found SWROCU, to which Dorset Police contributes officers, "
        "‘outstanding’ at tackling serious and organised crime."
    ).snapshot
    assert grades(snap) == {"south-west-rocu": "outstanding"}


def test_a_clause_that_mentions_bodies_before_the_one_graded():
    snap = ingest(
        SOC + "It made graded judgements on how the unit and the five forces tackle serious and "
        "organised crime, and found Dorset Police was ‘Inadequate’ at tackling serious and "
        "organised crime."
    ).snapshot
    assert grades(snap) == {"dorset-police": "inadequate"}


def test_for_the_first_time_is_not_a_past_time():
    snap = ingest(
        SOC + "For the first time this year, the report grades the region's forces, with "
        "Dorset Police (good) and Wiltshire Police (adequate)."
    ).snapshot
    assert grades(snap) == {"dorset-police": "good", "wiltshire-police": "adequate"}


def test_organised_crime_and_an_inspectorate_make_a_regional_release():
    snap = ingest(
        "Inspectors review how three forces tackle organised crime\nPublished: 7 December 2022\n"
        "The review of Cleveland, Durham and Northumbria found Durham was rated ‘outstanding’."
    ).snapshot
    assert snap.inspection.programme == "soc-regional"
    assert grades(snap) == {"durham-constabulary": "outstanding"}


# -- layouts and national releases --------------------------------------------------------


def test_a_grade_first_list_of_area_lines():
    """ "Good" over lines that each name an area, then "Adequate" over more: the grade line
    stands outside any area's section, so it heads the lines after it."""
    snap = peel(
        """
        Kent Police received the following gradings:
        Outstanding
        Good use of resources
        Good
        Managing offenders and suspects
        Developing a positive workplace (supporting and protecting the workforce)
        Adequate
        Investigating crime
        """,
        published="14 October 2022",
    )
    assert area_grades(snap) == {
        (K, "strategic-planning-organisational-management-and-value-for-money"): "outstanding",
        (K, "managing-offenders-and-suspects"): "good",
        (K, "building-supporting-and-protecting-the-workforce"): "good",
        (K, "investigating-crime"): "adequate",
    }


def test_grade_first_lines_that_name_areas():
    snap = peel(
        """
        The inspectors' grades for Kent Police were:
        - Outstanding – in engaging with and treating the public with fairness and respect
        - Requiring improvement – in responding to the public, investigating crime and crime recording
        """,
        published="3 March 2023",
    )
    assert area_grades(snap) == {
        (K, "engaging-with-and-treating-the-public-with-fairness-and-respect"): "outstanding",
        (K, "responding-to-the-public"): RI,
        (K, "investigating-crime"): RI,
        (K, "recording-data-about-crime"): RI,
    }


def test_a_national_release_is_one_inspection_of_the_nation():
    """A 2017 pillar release naming forces by grade: its subject is england-and-wales, the
    title's one pillar is the area, and each named force has its grade."""
    snap = ingest(
        """
        PEEL: police legitimacy 2017 – force press releases
        Published: 12 December 2017
        - The force judged as outstanding is Kent Police.
        - The three forces assessed as ‘requires improvement’ are Cleveland Police, Dorset Police and Gwent Police.
        - All other forces were judged as ‘good’.
        """
    ).snapshot
    assert (snap.inspection.programme, snap.inspection.subject) == ("peel", "england-and-wales")
    assert area_grades(snap) == {
        (K, "legitimacy"): "outstanding",
        ("cleveland-police", "legitimacy"): RI,
        ("dorset-police", "legitimacy"): RI,
        ("gwent-police", "legitimacy"): RI,
    }


def test_a_radio_list_of_grades_over_short_force_names():
    """ ":: Good" over a line of names ("Dorset, West Midlands and Met Police"); before 2022,
    "serious and organised crime" in the text is a PEEL question, and "West Midlands" in a
    list of forces is the force."""
    snap = ingest(
        """
        HMIC examined the effectiveness of police forces in England and Wales.
        date 2017-03-02
        Forces were assessed on preventing crime and on tackling serious and organised crime.
        HMIC graded forces for their overall effectiveness as follows:
        :: Outstanding
        Durham
        :: Good
        Dorset, West Midlands and Met Police
        """
    ).snapshot
    assert (snap.inspection.programme, snap.inspection.subject) == ("peel", "england-and-wales")
    assert area_grades(snap) == {
        ("durham-constabulary", "effectiveness"): "outstanding",
        ("dorset-police", "effectiveness"): "good",
        ("west-midlands-police", "effectiveness"): "good",
        ("metropolitan-police-service", "effectiveness"): "good",
    }


def test_a_headline_grade_is_read_and_the_text_overrides_it():
    snap = ingest(
        """
        Kent Police rated good for efficiency and legitimacy
        Published: 22 March 2018
        Inspectors found Kent Police requires improvement in legitimacy after all.
        """
    ).snapshot
    assert area_grades(snap) == {(K, "efficiency"): "good", (K, "legitimacy"): RI}


def test_a_statement_shown_as_a_heading_is_read():
    """A line without a full stop is a heading in plain text; it can still state a grade."""
    snap = peel(
        "Kent Police’s effectiveness at keeping people safe and reducing crime is good\n"
        "The force has a clear plan for its neighbourhood teams.",
        published="2 March 2017",
    )
    assert area_grades(snap) == {(K, "effectiveness"): "good"}


def test_a_noun_written_once_for_two_areas():
    snap = peel("Kent Police was rated good at preventing and investigating crime.")
    assert area_grades(snap) == {
        (K, "preventing-crime"): "good",
        (K, "investigating-crime"): "good",
    }


def test_a_skill_within_an_area_is_not_the_area():
    """ "good at understanding and identifying vulnerability" praises a skill; it is not the
    vulnerability question's grade."""
    snap = peel(
        "Kent Police is good at reducing crime and keeping people safe. The force is good at "
        "understanding and identifying vulnerability.",
        published="2 May 2019",
    )
    assert area_grades(snap) == {(K, "effectiveness"): "good"}


def test_regional_coverage_forms():
    """ "the unit was graded 'adequate' overall", "practices in X were 'inadequate'", "X was
    rated as requiring improvement", a county standing for its force in "A and B require
    improvement"."""
    snap = ingest(
        """
        Serious and organised crime in the West Midlands
        Published: 14 May 2024
        The unit was graded 'adequate' overall.
        Inspectors found practices in West Mercia were 'inadequate'.
        Warwickshire Police was rated as requiring improvement.
        Staffordshire and West Midlands Police require improvement.
        """
    ).snapshot
    assert grades(snap) == {
        "west-midlands-rocu": "adequate",
        "west-mercia-police": "inadequate",
        "warwickshire-police": RI,
        "staffordshire-police": RI,
        "west-midlands-police": RI,
    }


def test_a_peel_question_then_its_bare_grade():
    """A 2018/19 page: each question (a line ending "?"), a "Last updated" line, then the bare
    grade; the pillar questions keep their pillar ("How efficient is the force at keeping
    people safe ...?" is efficiency, not effectiveness)."""
    snap = peel(
        """
        How efficient is the force at keeping people safe and reducing crime?
        Last updated 09/11/2017
        Requires improvement
        How effective is the force at investigating crime and reducing re-offending?
        Good
        """,
        published="22 March 2018",
    )
    assert area_grades(snap) == {
        (K, "efficiency"): RI,
        (K, "effectiveness-investigating-crime"): "good",
    }


def test_areas_listed_with_semicolons_after_one_grade():
    snap = peel(
        "The report said it was adequate at investigating crime; preventing and deterring "
        "crime and anti-social behaviour, and reducing vulnerability; managing offenders and "
        "suspects; and leadership and force management. It required improvement in "
        "responding to the public; protecting vulnerable people; and building, supporting, "
        "and protecting the workforce."
    )
    assert area_grades(snap) == {
        (K, "investigating-crime"): "adequate",
        (K, "preventing-crime"): "adequate",
        (K, "managing-offenders-and-suspects"): "adequate",
        (K, "leadership-and-force-management"): "adequate",
        (K, "responding-to-the-public"): RI,
        (K, "protecting-vulnerable-people"): RI,
        (K, "building-supporting-and-protecting-the-workforce"): RI,
    }


def test_a_grade_line_over_arrow_bullets():
    snap = peel(
        "Inspectors found that the force was also graded as good at:-\n"
        "► Understanding the demands for its services.\n"
        "► How it uses its resources.\n"
        "► Planning for the future.\n",
        published="9 November 2017",
    )
    assert area_grades(snap) == {
        (K, "efficiency-understanding-demand"): "good",
        (K, "efficiency-using-resources"): "good",
        (K, "efficiency-planning-for-the-future"): "good",
    }


def test_the_county_force_and_areas_before_which_were_all_judged():
    """ "rated the county force 'Good' in A and B, and 'Adequate' at C", and "work needs to be
    done in D and E, which were all judged to 'Require Improvement'"."""
    snap = peel(
        "HMICFRS rated the county force 'Good' in preventing and deterring crime and "
        "managing suspects, and 'Adequate' at recording data about crime. But it highlighted "
        "that work needs to be done in responding to the public and investigating crime, "
        "which were all judged to 'Require Improvement'."
    )
    assert area_grades(snap) == {
        (K, "preventing-crime"): "good",
        (K, "managing-offenders-and-suspects"): "good",
        (K, "recording-data-about-crime"): "adequate",
        (K, "responding-to-the-public"): RI,
        (K, "investigating-crime"): RI,
    }


def test_a_tally_whose_noun_is_written_once_and_a_title_case_peel():
    """ "the Peel Report found X to be 'good' in two areas, 'adequate' in four and 'requiring
    improvement' in three": a tally of three grades, the release kept with it."""
    snap = ingest(
        """
        Kent Police inspected
        Published: 10 April 2025
        The Peel Report found Kent Police to be ‘good’ in two areas, ‘adequate’ in four and ‘requiring improvement’ in three.
        """
    ).snapshot
    assert snap.inspection.programme == "peel"
    assert snap.tally.grades == {"good": 2, "adequate": 4, RI: 3}
    assert snap.judgments == () and snap.partial() == "0 of 9 graded areas named"


def test_a_long_list_of_areas_costs_work_in_proportion_to_its_length(monkeypatch):
    """Area lists are read in runs of a bounded number of pieces: twice the list, about
    twice the look-ups (counted, not timed). The reader before tried every run of every
    length, cubic in the list's length."""
    from compare.ingest import judgments

    calls = {"n": 0}
    resolve = judgments.Areas.resolve

    def counting(self, phrase, *, loose=False):
        calls["n"] += 1
        return resolve(self, phrase, loose=loose)

    monkeypatch.setattr(judgments.Areas, "resolve", counting)
    counts = []
    for n in (200, 400):
        calls["n"] = 0
        peel("Kent Police was rated good at " + ", ".join(["investigating crime and"] * n) + ".")
        counts.append(calls["n"])
    assert counts[1] <= 2.5 * counts[0]


# -- Forms met in a later reading of the corpus (this session) -------------------------------


def test_improved_since_its_last_inspection_is_a_baseline_not_a_past_grade():
    """ "has made improvements since its last inspection, particularly in A, where its
    performance was outstanding": the grade is today's; "since" names what it changed from."""
    snap = peel(
        "The inspectorate said the force has made several improvements since its last inspection, particularly in how and when it records crime, where its performance was outstanding."
    )
    assert area_grades(snap) == {(K, "recording-data-about-crime"): "outstanding"}


def test_an_absolute_with_clause_carries_its_own_grade():
    """ "A and B were deemed to require improvement with C and D judged to be inadequate"."""
    snap = peel(
        "‘Managing offenders’ and ‘leadership and force management’ were deemed to require improvement with ‘investigating crime’ and ‘responding to the public’ judged to be ‘inadequate’."
    )
    assert area_grades(snap) == {
        (K, "managing-offenders-and-suspects"): RI,
        (K, "leadership-and-force-management"): RI,
        (K, "investigating-crime"): "inadequate",
        (K, "responding-to-the-public"): "inadequate",
    }


def test_areas_where_the_force_needs_improvement_are_listed():
    """ "four areas where the force is needing improvement, which includes A, B, C and D";
    "needs to improve" alone, or "needs improvement in A", is not read as a grade."""
    snap = peel(
        "The report named three areas where Kent Police is needing improvement, which includes investigating crime, responding to the public, and showing leadership and force management."
    )
    assert area_grades(snap) == {
        (K, "investigating-crime"): RI,
        (K, "responding-to-the-public"): RI,
        (K, "leadership-and-force-management"): RI,
    }
    snap = ingest(
        "Kent Police PEEL inspection\nPublished: 3 March 2025\nKent Police needs improvement in investigating crime, and needs to improve how it responds to the public.\n",
        allow_ungraded=True,
    ).snapshot
    assert area_grades(snap) == {}


def test_a_subject_that_counts_areas_is_a_tally_and_its_list_is_graded():
    """ "Three categories were ranked 'good' - including A, B and C"; "Two other areas were
    classed as 'inadequate', including D and E"; "with only one, 'F', judged to be
    outstanding": counted subjects, their listed or apposed areas, and no body-level grade."""
    snap = peel(
        "Its report sets out grades in six areas, with only one, ‘recording data about crime’, judged to be outstanding.\n"
        "Three categories were ranked ‘good’ - including ‘preventing crime’, ‘investigating crime’, and ‘managing offenders’.\n"
        "Two other areas were classed as ‘inadequate’, including ‘responding to the public’ and ‘protecting vulnerable people’.\n"
    )
    assert area_grades(snap) == {
        (K, "recording-data-about-crime"): "outstanding",
        (K, "preventing-crime"): "good",
        (K, "investigating-crime"): "good",
        (K, "managing-offenders-and-suspects"): "good",
        (K, "responding-to-the-public"): "inadequate",
        (K, "protecting-vulnerable-people"): "inadequate",
    }
    snap = peel(
        "Four areas were judged good and two were ranked adequate.", title="Kent Police PEEL"
    )
    assert area_grades(snap) == {}


def test_a_release_naming_peel_areas_is_peel_without_the_word():
    """No "PEEL" anywhere, but the areas graded are PEEL's: the programme is PEEL."""
    snap = ingest(
        "Inspectors publish findings on Kent Police\nPublished: 3 March 2025\n"
        "Four categories were ranked ‘adequate’ - including ‘preventing crime’, ‘investigating crime’, ‘responding to the public’ and ‘managing offenders’.\n"
    ).snapshot
    assert snap.inspection.programme == "peel"
    assert len(area_grades(snap)) == 4


def test_a_graded_list_introduction_over_one_area_per_line():
    """ "The areas where the force was found to be inadequate are:" then one area per line
    (plain text, no bullets): each line's area has that grade, and a line is not a section."""
    snap = peel(
        "Inspectors graded Kent Police in five areas.\n\n"
        "The areas where the force was found to be inadequate are:\n\n"
        "Investigating crime\n\n"
        "Responding to the public.\n\n"
        "The three areas where it was found to be adequate were: preventing crime, managing offenders and suspects, and protecting vulnerable people.\n"
    )
    assert area_grades(snap) == {
        (K, "investigating-crime"): "inadequate",
        (K, "responding-to-the-public"): "inadequate",
        (K, "preventing-crime"): "adequate",
        (K, "managing-offenders-and-suspects"): "adequate",
        (K, "protecting-vulnerable-people"): "adequate",
    }


def test_a_dash_between_a_grade_and_its_areas():
    """ "found to be Good – at A, B" and "Requires improvement – in three areas including A;
    B and C"."""
    snap = peel(
        "Kent Police were found to be Good – at preventing crime, police powers and public treatment.\n"
        "However, the report said the force is only Adequate – at recording data about crime and that its service Requires improvement – in three areas including responding to the public; investigating crime and protecting vulnerable people.\n"
    )
    assert area_grades(snap) == {
        (K, "preventing-crime"): "good",
        (K, "police-powers-and-public-treatment"): "good",
        (K, "recording-data-about-crime"): "adequate",
        (K, "responding-to-the-public"): RI,
        (K, "investigating-crime"): RI,
        (K, "protecting-vulnerable-people"): RI,
    }


def test_the_cycle_is_not_taken_from_what_the_text_says_of_the_previous_report():
    """A 2024 release whose previous-report paragraph names 2021/22's areas, and whose own
    grades use one 2021/22 name beside a 2023-25 one: the cycle is 2023-25."""
    snap = peel(
        "Kent Police was rated good at treating the public fairly and respectfully and adequate at building, supporting and protecting the workforce.\n\n"
        "The previous report found it to require improvement in engaging with and treating the public with fairness and respect, and in strategic planning, organisational management and value for money.\n",
        published="30 August 2024",
    )
    assert snap.inspection.cycle == "peel-2023-25"
    assert area_grades(snap) == {
        (K, "police-powers-and-public-treatment"): "good",
        (K, "building-supporting-and-protecting-the-workforce"): "adequate",
    }


def test_a_pillar_line_that_lost_its_is():
    """ "The extent to which the force is effective at keeping people safe and reducing crime
    good." (the page's own slip) is the effectiveness pillar's line all the same."""
    snap = peel(
        """
        The extent to which the force is effective at keeping people safe and reducing crime good.
        The extent to which the force is efficient at keeping people safe and reducing crime is good.
        The extent to which the force is legitimate at keeping people safe and reducing crime is outstanding.
        """,
        published="9 March 2017",
    )
    assert area_grades(snap) == {
        (K, "effectiveness"): "good",
        (K, "efficiency"): "good",
        (K, "legitimacy"): "outstanding",
    }


def test_a_forces_own_statement_in_the_first_person():
    """A force writing of itself: "rated us as 'Good' in A", "rated the force as competent or
    'Adequate' in the following areas: B, C", "we need to do more in D, E and F, with these
    three areas rated as requiring improvement"."""
    snap = peel(
        "In particular, the Inspectorate has rated us as ‘Good’ in preventing crime.\n"
        "It has further rated the force as competent or ‘Adequate’ in the following areas: managing offenders and suspects, and leadership and force management.\n"
        "But it also says we need to do more in the areas of responding to the public, investigating crime, protecting vulnerable people, with these three areas rated as requiring improvement.\n"
    )
    assert area_grades(snap) == {
        (K, "preventing-crime"): "good",
        (K, "managing-offenders-and-suspects"): "adequate",
        (K, "leadership-and-force-management"): "adequate",
        (K, "responding-to-the-public"): RI,
        (K, "investigating-crime"): RI,
        (K, "protecting-vulnerable-people"): RI,
    }
    # "these two areas" where three are named: a count that does not close the set reads none.
    snap = ingest(
        "Kent Police PEEL inspection\nPublished: 3 March 2025\nWe must do more on responding to the public, investigating crime and protecting vulnerable people, with these two areas rated as inadequate.\n",
        allow_ungraded=True,
    ).snapshot
    assert area_grades(snap) == {}


def test_a_counted_grade_then_including_without_a_comma():
    """ "Four other areas were rated as 'adequate' including how it protects vulnerable
    people, manages suspects and offenders and supporting and protecting its workforce"."""
    snap = peel(
        "“Three other areas were rated as ‘adequate’ including how it protects vulnerable people, manages suspects and offenders and supporting and protecting its workforce."
    )
    assert area_grades(snap) == {
        (K, "protecting-vulnerable-people"): "adequate",
        (K, "managing-offenders-and-suspects"): "adequate",
        (K, "building-supporting-and-protecting-the-workforce"): "adequate",
    }


def test_given_gradings_and_a_grade_list_that_goes_on_past_a_commaed_area():
    """ "They have been given 'Good' gradings for A, B and C"; "the only one to receive
    'outstanding' in building, supporting and protecting the workforce and 'good' ratings for
    D and E" (the second grade shares the first's subject though the area holds commas)."""
    snap = peel(
        "They have been given ‘Good’ gradings for preventing crime, managing offenders and suspects and recording data about crime.\n"
        "The force was the only one to receive 'outstanding' in building, supporting and protecting the workforce and 'adequate' ratings for responding to the public and investigating crime.\n"
    )
    assert area_grades(snap) == {
        (K, "preventing-crime"): "good",
        (K, "managing-offenders-and-suspects"): "good",
        (K, "recording-data-about-crime"): "good",
        (K, "building-supporting-and-protecting-the-workforce"): "outstanding",
        (K, "responding-to-the-public"): "adequate",
        (K, "investigating-crime"): "adequate",
    }


def test_a_grade_from_another_inspection_quoted_in_passing_is_not_read():
    """ "... were judged as outstanding in an HMIC inspection of child protection": another
    inspection's grade, not this publication's."""
    snap = peel(
        "Kent Police was rated good at investigating crime.\n"
        "Its investigations into crimes against vulnerable groups were judged as outstanding in an HMIC inspection of child protection.\n"
    )
    assert area_grades(snap) == {(K, "investigating-crime"): "good"}


def test_an_understanding_of_something_is_not_an_areas_grade():
    """ "Its understanding of organised crime groups is good": a point inside the question,
    not the serious and organised crime question's grade."""
    snap = peel(
        "The extent to which the force is effective at keeping people safe and reducing crime is good.\n"
        "The force has improved its approach to tackling serious and organised crime. Its understanding of organised crime groups is good.\n",
        published="2 March 2017",
    )
    assert area_grades(snap) == {(K, "effectiveness"): "good"}


def test_a_pillar_word_in_a_later_cycles_list_is_not_an_area():
    """ "the areas requiring improvement included how the force responds to the public and
    the effectiveness of force IT" in a 2021/22 release: no 2014-19 pillar is read."""
    snap = peel(
        "HMICFRS graded Kent Police in its PEEL 2021/22 inspection. The areas requiring improvement included how the force responds to the public, and the effectiveness of force IT and the accuracy of its data.",
        published="3 June 2022",
    )
    assert area_grades(snap) == {(K, "responding-to-the-public"): RI}


def test_keeping_people_safe_alone_is_the_pillar_the_publication_names():
    """ "rated 'good' at keeping people safe and reducing crime" ends every 2014-19 pillar
    line: it is the pillar the text names (PEEL's own name does not count), and no grade
    where the text names none or several."""
    body = "Following annual reviews of police effectiveness, efficiency and legitimacy (PEEL), Kent Police has been rated ‘good’ at keeping people safe and reducing crime.\n"
    snap = peel(
        body + "The legitimacy inspection looked at how the force treats people.\n",
        published="8 December 2016",
    )
    assert area_grades(snap) == {(K, "legitimacy"): "good"}
    snap = ingest(
        "Kent Police inspected\nPublished: 8 December 2016\n"
        + body
        + "The report highlighted effective processes in the control room.\n",
        allow_ungraded=True,
    ).snapshot
    assert area_grades(snap) == {}


def test_a_grade_with_no_area_is_the_pillar_its_sentence_or_publication_names():
    """2015-17 coverage of one pillar report: "X and Y have been judged as requiring
    improvement in the latest efficiency inspection" (the pillar in the sentence), and
    "A and B were ranked 'good'" beside a text that names the one pillar elsewhere."""
    snap = ingest(
        "Two county forces told to improve\nPublished: 3 November 2016\n"
        "Kent Police and Essex Police have been judged as requiring improvement in the latest efficiency inspection by the inspectorate.\n"
        "Surrey Police and Sussex Police were both deemed to be 'good' by the inspectors.\n"
        "The efficiency report looked at how forces plan for future demand.\n"
    ).snapshot
    assert snap.inspection.subject == "england-and-wales"
    assert area_grades(snap) == {
        (K, "efficiency"): RI,
        ("essex-police", "efficiency"): RI,
        ("surrey-police", "efficiency"): "good",
        ("sussex-police", "efficiency"): "good",
    }


def test_the_force_in_a_release_about_several_forces_is_the_one_its_sentence_names():
    """ "The inspection of Kent Police assessed the force as requiring improvement in
    efficiency" in a story about two forces: Kent Police, not the story's subject."""
    snap = ingest(
        "Two forces told to improve\nPublished: 3 November 2016\n"
        "The latest inspection of Kent Police assessed the force as requiring improvement in how efficiently it keeps people safe.\n"
        "Essex Police was judged good in the efficiency inspection.\n"
    ).snapshot
    assert area_grades(snap) == {(K, "efficiency"): RI, ("essex-police", "efficiency"): "good"}


def test_they_after_a_count_of_forces_is_those_forces():
    """ "27 forces were told they 'required improvement'": the other forces' tally, not the
    publication's force (whose pillar the text names)."""
    snap = peel(
        "In its latest effectiveness inspection, the inspectorate judged the force as being 'good' at protecting vulnerable people from harm.\n"
        "Out of the 43 forces only 12 were judged as being 'good'. 27 forces were told they 'required improvement' and four were seen to be 'inadequate' at protecting vulnerable people.\n",
        published="15 December 2015",
    )
    assert area_grades(snap) == {(K, "effectiveness-protecting-vulnerable-people"): "good"}


def test_the_quality_of_something_is_not_a_questions_grade():
    """ "The quality of crime investigation is now good" in the HMI's observations: a point
    inside the question, like "its understanding of", not the question's grade."""
    snap = peel(
        "The extent to which the force is effective at keeping people safe and reducing crime is good.\n"
        "The concern I raised last year has been addressed. The quality of crime investigation is now good.\n",
        published="25 February 2016",
    )
    assert area_grades(snap) == {(K, "effectiveness"): "good"}


def test_a_2019_text_has_no_grade_for_an_area_only_later_cycles_graded():
    """ "its recent 'Outstanding' grade for crime data integrity" in a 2019 letter about the
    PEEL pillars: crime recording was another inspection's grade then."""
    snap = peel(
        "Kent Police is the only force to achieve 'Outstanding' in both Efficiency and Legitimacy.\n"
        "Taking into account the force's recent 'Outstanding' grade for crime data integrity, I believe it is the best force in the country.\n",
        published="26 July 2019",
    )
    assert area_grades(snap) == {(K, "efficiency"): "outstanding", (K, "legitimacy"): "outstanding"}


def test_a_hand_numbered_list_of_area_grades():
    """ "1). Area: Grade" lines, as a blog types them: the numbers are list markers."""
    snap = peel(
        "The inspection assessed the force in eight areas, shown below with their grades.\n\n"
        "1). Engaging with and treating the public with fairness and respect: Good\n\n"
        "(2) Responding to the public: Requires improvement\n",
        published="20 March 2023",
    )
    assert area_grades(snap) == {
        (K, "engaging-with-and-treating-the-public-with-fairness-and-respect"): "good",
        (K, "responding-to-the-public"): RI,
    }


def test_the_cycle_is_the_one_in_force_when_the_report_the_text_speaks_of_came_out():
    """An article dated 2025 that says "On 17th March 2023 the inspectorate published its
    PEEL inspection of Kent Police": the 2021/22 cycle, so its area names are 2021/22's."""
    snap = peel(
        "On 17th March 2023 the inspectorate published its PEEL inspection of Kent Police, which graded it as follows.\n\n"
        "Engaging with and treating the public with fairness and respect: Good\n\n"
        "Investigating crime: Requires improvement\n",
        published="20 March 2025",
    )
    assert snap.inspection.cycle == "peel-2021-22"
    assert area_grades(snap) == {
        (K, "engaging-with-and-treating-the-public-with-fairness-and-respect"): "good",
        (K, "investigating-crime"): RI,
    }


def test_the_only_force_to_achieve_a_grade_in_both_of_two_areas():
    """ "one of two forces graded 'Outstanding' in two pillars and the only force to achieve
    'Outstanding' in both A and B": the tally reads nothing, the second grade both areas."""
    snap = peel(
        "Kent Police is one of two forces graded 'Outstanding' in two pillars and the only force to achieve 'Outstanding' in both efficiency and legitimacy.\n",
        published="26 July 2019",
    )
    assert area_grades(snap) == {(K, "efficiency"): "outstanding", (K, "legitimacy"): "outstanding"}


def test_a_hard_wrapped_release_is_read_as_its_sentences():
    """A release pasted with a break every 60 characters, sentences running on across the
    breaks: the lines are joined back before reading."""
    wrapped = """Kent Police has been praised for its
performance by the police inspectorate.
His Majesty's Inspectorate of Constabulary and Fire & Rescue
Services graded the force's performance across nine areas of
policing and found the force was
'outstanding' in two areas, 'good' in five areas and
'adequate' in two areas.
The inspectorate said the force was graded 'outstanding' in preventing
crime and anti-social behaviour and in managing offenders and
suspects.
The force was rated 'adequate' for responding to the public
and for investigating crime.
The chief constable said she was proud of the officers and
staff who work hard every day for the people of the county.
"""
    snap = peel(wrapped, published="1 July 2022")
    assert area_grades(snap) == {
        (K, "preventing-crime-and-anti-social-behaviour"): "outstanding",
        (K, "managing-offenders-and-suspects"): "outstanding",
        (K, "responding-to-the-public"): "adequate",
        (K, "investigating-crime"): "adequate",
    }


def test_a_short_text_with_short_lines_is_not_unwrapped():
    """Lines that are headings and one-line paragraphs stay lines: only text that runs on
    in lower case across most breaks is joined."""
    from compare.ingest.blocks import is_hard_wrapped

    lines = [
        "Kent Police inspected",
        "Key findings",
        "Preventing crime: Good",
        "Investigating crime: Adequate",
    ] * 3
    assert not is_hard_wrapped(lines)


def test_a_grade_of_x_being_awarded_for_areas_and_good_assessments_for_areas():
    """ "graded the force with a grade of 'Good' being awarded for A and B"; "It received
    good assessments for C and D"."""
    snap = peel(
        "The inspectorate has graded the force across nine areas with a grade of 'Good' being awarded for engaging with and treating the public with fairness and respect, and managing offenders and suspects.\n"
        "It received adequate assessments for investigating crime and protecting vulnerable people.\n",
        published="10 June 2022",
    )
    assert area_grades(snap) == {
        (K, "engaging-with-and-treating-the-public-with-fairness-and-respect"): "good",
        (K, "managing-offenders-and-suspects"): "good",
        (K, "investigating-crime"): "adequate",
        (K, "protecting-vulnerable-people"): "adequate",
    }


def test_a_sentence_ending_colon_dash_introduces_a_list_of_areas():
    """ "In addition to the overall judgment of the force being good, it was also graded as
    good at:-" over bullet lines of the pillar's questions."""
    snap = peel(
        "In addition to the overall judgment of Kent Police being good in efficiency, the force was also graded as good at:-\n"
        "► Understanding the demand for its services.\n"
        "► Planning for the future.\n",
        published="9 November 2017",
    )
    assert area_grades(snap) == {
        (K, "efficiency"): "good",
        (K, "efficiency-understanding-demand"): "good",
        (K, "efficiency-planning-for-the-future"): "good",
    }


def test_the_2023_25_prevention_area_written_whole_in_a_list():
    """ "'good' gradings for preventing and deterring crime, antisocial behaviour and
    vulnerability, and building, supporting and protecting the workforce": two areas, the
    first one name with commas in it, not three."""
    snap = peel(
        "The force also received 'good' gradings for preventing and deterring crime, antisocial behaviour and vulnerability, and building, supporting and protecting the workforce.\n",
        published="1 March 2025",
    )
    assert area_grades(snap) == {
        (K, "preventing-crime"): "good",
        (K, "building-supporting-and-protecting-the-workforce"): "good",
    }


def test_organised_crime_in_a_2023_25_release_is_that_cycles_area():
    """ "rated 'outstanding' in targeting organised crime" in a 2023-25 PEEL release:
    the cycle's "disrupting serious organised crime" area, not the regional SOC area."""
    snap = peel(
        "Kent Police was rated 'outstanding' in targeting organised crime but must answer calls faster.\n",
        published="5 October 2023",
        title="Kent Police PEEL inspection",
    )
    assert area_grades(snap) == {(K, "disrupting-serious-organised-crime"): "outstanding"}


def test_a_subject_area_that_names_the_force_and_holds_with():
    """ "The way that Kent Police treats its workforce with fairness and respect was graded
    as 'outstanding'": the force's name inside the area, and "with" not a clause of its own;
    "outstanding at understanding current and future demand" is the 2016 demand question."""
    snap = peel(
        "The way that Kent Police treats its workforce with fairness and respect was graded as 'outstanding'.\n",
        published="8 December 2016",
    )
    assert area_grades(snap) == {(K, "legitimacy-fair-treatment-of-the-workforce"): "outstanding"}
    snap = peel(
        "The inspectorate found that the force is outstanding at understanding current and future demand.\n",
        published="3 November 2016",
    )
    assert area_grades(snap) == {(K, "efficiency-understanding-demand"): "outstanding"}


def test_areas_rated_as_needing_improvement():
    """ "Response to the public, investigation and leadership were rated as needing
    improvement": the reporter's words for the grade."""
    snap = peel(
        "Response to the public, investigating crime, and leadership and force management were rated as needing improvement.\n",
        published="7 December 2023",
    )
    assert area_grades(snap) == {
        (K, "responding-to-the-public"): RI,
        (K, "investigating-crime"): RI,
        (K, "leadership-and-force-management"): RI,
    }


def test_a_tally_whose_areas_follow_a_participle_and_a_colon():
    """ "rated as 'inadequate' for all three areas assessed during the PEEL process:
    efficiency, effectiveness and legitimacy"."""
    snap = peel(
        "In the latest report, Kent Police were rated as 'inadequate' for all three areas assessed during the PEEL process: efficiency, effectiveness and legitimacy.\n",
        published="27 September 2019",
    )
    assert area_grades(snap) == {
        (K, "efficiency"): "inadequate",
        (K, "effectiveness"): "inadequate",
        (K, "legitimacy"): "inadequate",
    }


def test_a_semicolon_list_after_adequate_at_with_the_reporters_names_of_areas():
    """ "adequate at A, B; C and making good use of resources" and "...; and use of police
    powers and treating the public fairly and respectfully": every piece is an area."""
    snap = peel(
        "Inspectors said Kent Police was adequate at investigating crime, protecting vulnerable people; developing a positive workplace and making good use of resources.\n",
        published="14 October 2022",
    )
    assert area_grades(snap) == {
        (K, "investigating-crime"): "adequate",
        (K, "protecting-vulnerable-people"): "adequate",
        (K, "building-supporting-and-protecting-the-workforce"): "adequate",
        (K, "strategic-planning-organisational-management-and-value-for-money"): "adequate",
    }
    snap = peel(
        "The report found it good at managing offenders and suspects; responding to the public; and use of police powers and treating the public fairly and respectfully.\n",
        published="2 April 2025",
    )
    assert area_grades(snap) == {
        (K, "managing-offenders-and-suspects"): "good",
        (K, "responding-to-the-public"): "good",
        (K, "police-powers-and-public-treatment"): "good",
    }


def test_the_force_in_a_regional_story_about_one_force():
    """A regional SOC story naming only one force (and calling the report a PEEL report):
    "inspectors said the force was 'inadequate' at tackling serious organised crime" is that
    force's grade."""
    snap = ingest(
        "Kent Police responds to organised crime report\nPublished: 9 November 2023\n"
        "Kent Police say they have improved since the inspection.\n"
        "In their police effectiveness, efficiency and legitimacy (PEEL) report, inspectors said the force was 'inadequate' at tackling serious organised crime, raising concerns about the harm to victims.\n"
    ).snapshot
    assert area_grades(snap) == {(K, "serious-and-organised-crime"): "inadequate"}


@pytest.mark.parametrize(
    "sentence",
    [
        "In the latest PEEL assessment inspectors have graded Kent Police as Good across the board.",
        "Kent Police was rated good on all counts.",
        "Kent Police has been rated good overall and in three key areas by the inspectorate.",
    ],
)
def test_one_grade_for_every_pillar_of_a_2015_19_assessment(sentence):
    """ "Good across the board", "on all counts", "in three key areas": in an assessment of
    all three 2014-19 pillars, the grade of each."""
    snap = peel(sentence + "\n", published="22 March 2019")
    assert area_grades(snap) == {
        (K, "effectiveness"): "good",
        (K, "efficiency"): "good",
        (K, "legitimacy"): "good",
    }


def test_three_areas_of_a_pillar_report_or_a_later_cycle_are_not_the_pillars():
    """A pillar report's "all three areas of the assessment" are its questions, and "good
    across the board" in a 2021-25 release names no areas: neither is read as pillars."""
    snap = ingest(
        "Kent Police told it must improve\nPublished: 9 November 2017\n"
        "The report, which examines force efficiency, concluded that Kent Police requires improvement in all three areas of the assessment.\n"
        "The legitimacy report follows in December.\n",
        allow_ungraded=True,
    ).snapshot
    assert area_grades(snap) == {}
    snap = ingest(
        "Kent Police inspected\nPublished: 3 March 2025\nKent Police was rated good across the board.\n",
        allow_ungraded=True,
    ).snapshot
    assert area_grades(snap) == {}


def test_the_short_county_name_the_press_writes():
    """ "Herts Police" is Hertfordshire Constabulary, "Notts Police" Nottinghamshire Police."""
    snap = ingest(
        "Herts Police inspected\nPublished: 3 March 2025\nHerts Police was rated good at investigating crime.\n"
    ).snapshot
    assert area_grades(snap) == {("hertfordshire-constabulary", "investigating-crime"): "good"}
    snap = ingest(
        "Notts Police inspected\nPublished: 3 March 2025\nNotts Police was rated adequate at responding to the public.\n"
    ).snapshot
    assert area_grades(snap) == {("nottinghamshire-police", "responding-to-the-public"): "adequate"}


def test_a_grade_for_these_areas_takes_the_areas_of_the_sentence_before():
    """ "... concerns over how it investigates crime, responds to the public and manages
    offenders." then "the force's work was 'inadequate' in these three areas": the three,
    and only when the count agrees."""
    snap = peel(
        """
        Kent Police must improve after concerns were raised over how it investigates crime, responds to the public and manages offenders.
        The inspectorate said the force's work was 'inadequate' in these three areas.
        """,
        published="7 October 2022",
    )
    assert area_grades(snap) == {
        (K, "investigating-crime"): "inadequate",
        (K, "responding-to-the-public"): "inadequate",
        (K, "managing-offenders-and-suspects"): "inadequate",
    }
    snap = ingest(
        "Kent Police inspected\nPublished: 7 October 2022\n"
        "Kent Police must improve after concerns were raised over how it investigates crime and responds to the public.\n"
        "The inspectorate said the force's work was 'inadequate' in these three areas.\n",
        allow_ungraded=True,
    ).snapshot
    assert area_grades(snap) == {}


def test_the_press_verbs_for_a_grade_without_quotation_marks():
    """ "branded inadequate at A", "recognised as good at B", "categorises the force as
    outstanding for C": the press's verbs of grading, unquoted."""
    snap = peel(
        """
        Kent Police has been branded inadequate at responding to the public.
        The force was recognised as good at investigating crime.
        The report categorises the force as outstanding for recording data about crime.
        """,
        published="2 February 2025",
    )
    assert area_grades(snap) == {
        (K, "responding-to-the-public"): "inadequate",
        (K, "investigating-crime"): "good",
        (K, "recording-data-about-crime"): "outstanding",
    }


def test_an_area_highlighted_as_requiring_improvement():
    """ "one area highlighted as requiring improvement is 'protecting vulnerable people'",
    "the areas identified as inadequate were A and B"."""
    snap = peel(
        """
        The commissioner said that one area highlighted as requiring improvement is 'protecting vulnerable people'.
        The areas identified as inadequate were responding to the public and investigating crime.
        """,
        published="2 February 2025",
    )
    assert area_grades(snap) == {
        (K, "protecting-vulnerable-people"): RI,
        (K, "responding-to-the-public"): "inadequate",
        (K, "investigating-crime"): "inadequate",
    }
