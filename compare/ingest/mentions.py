"""Grades read from where they stand, not from a list of whole-sentence phrasings.

The forms in ``judgments`` read the phrasings they were written for. This reader takes
every grade mention those forms left, decides whether it is used as a grade, and ties it to
an area and a body by the sentence's structure:

- a mention is a grade when a grading cue stands right before it (``is``, ``was rated``,
  ``graded as``, ``:``, a dash) or it is quoted, and no noun follows it (``good practice``,
  ``outstanding warrants`` are not grades); ``requires improvement`` is a grade as a verb;
- its area follows it (``good at A``, ``'good' for its work in A``, ``adequate in terms of A
  and B``), or is its clause's subject (``A: good``, ``The extent to which the force is
  effective at ... is good``), or opens the sentence (``For A, ...``); a grade that counts
  areas (``'good' in four areas``) is a tally, and the areas listed after it (``... in three
  areas – A, B and C``) are that grade's; so are areas listed after a graded noun (``the
  areas requiring improvement include A, B and C``, ``Under the 'adequate' grade was: A; B``);
- its body is the body (or bodies) its clause names before it, else the nearest one, else
  ``the force``/``the unit``; an area grade with no body named is the publication's force.

What the forms decided stays decided: a mention they read, or judged past, is not read
again, and every grade found here is ``weak``: it never overrides a form's reading of the
same body and area, and two weak readings that disagree are both dropped, not chosen.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compare.ingest.judgments import Candidate, Reader

_Q = "[\"'\u2018\u2019\u201c\u201d]"
_GRADE = (
    r"outstanding|good|adequate|inadequate"
    rf"|requir(?:es|e|ing|ed){_Q}?\s+{_Q}?improvement|in\s+need\s+of\s+improvement"
    # "were rated as needing improvement": the grade in a reporter's words (a cue must
    # stand before it, as for every unquoted grade).
    r"|needing\s+improvement"
)
MENTION = re.compile(rf"(?<![\w-])(?P<q>{_Q})?(?P<grade>{_GRADE})(?P<q2>{_Q})?(?![\w-])", re.I)
# Words that may follow a grade: a preposition, a conjunction, "overall", or nothing.
NEXT_OK = re.compile(
    r"\s*(?:$|[.,;:!?)\u2013\u2014-]|(?:at|in|for|when|with|on|across|overall|and|or|but|as"
    r"|by|to|under|grades?|gradings?|ratings?|judgments?|judgements?|assessments?|respectively|too"
    r"|again|now|also|both|throughout|this|last|since|compared|than|from|after|because|while"
    r"|whilst|whereas|although|though|which|where|following|despite|today|yesterday|by|including"
    r"|namely|being)\b)",
    re.I,
)
# A grading cue right before the grade (after the clause's subject).
_CUE = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being|remains?|remained|stays?|stayed|graded|rated"
    r"|judged|assessed|found|deemed|considered|classed|ranked|scored|marked|given|awarded|as|got"
    r"|gets|received"
    r"|receives|achieved"
    r"|achieves|retained|retains|kept|keeps|maintained|maintains|earned|earns"
    # "the only force to achieve 'Outstanding' in ...": the verbs above in their base form.
    r"|achieve|receive|retain|maintain|earn"
    # The press's verbs: "branded 'inadequate'", "categorises GMP as 'good'".
    r"|branded|labelled|labeled|recogni[sz]ed|categori[sz]e[sd]?|described)"
    r"|\b(?:grade|grading|rating)\s+of|[:\u2013\u2014])"
    r"(?:\s+(?:as|to\s+be|being|now|still|also|both|overall|once\s+again|again|only|just|all"
    r"|each|rated|graded|judged|assessed|an?|the|grade|rating|of))*\s*$",
    re.I,
)
# What is left of the clause before the grade once its cue is taken off: the subject.
_CUE_TAIL = re.compile(
    r"(?:[\s,]*\b(?:has|have|had|been|is|are|was|were|be|being|now|still|also|both|overall"
    r"|again|once|only|just|all|each|remains?|remained|stays?|stayed|graded|rated|judged"
    r"|assessed|found|deemed|considered|classed|ranked|scored|marked|given|awarded|as|to|of|an?"
    r"|the|grade|branded|labelled|labeled|recogni[sz]ed|categori[sz]e[sd]?|described"
    r"|rating)\b"
    r"|[\s,]*[:\u2013\u2014])+\s*$",
    re.I,
)
# Every 2014-19 pillar at once ("Good across the board", "on all counts", "in three key
# areas"): compare/data/areas.yaml names it, compare.ingest.extract expands or drops it.
ALL_PILLARS = "peel-pillars-all"
AREA_AFTER = re.compile(
    r"\s*(?:,|[\u2013\u2014]|-(?=\s))?\s*(?:(?:gradings?|grades?|ratings?|assessments?)\s+)?"
    # "a grade of 'Good' being awarded for A and B"
    r"(?:(?:being|was|were|has\s+been|have\s+been)\s+(?:awarded|given)\s+)?"
    r"(?:at|in|for|when\s+it\s+comes\s+to|with"
    # "... require improvement, with A and B judged inadequate": a clause of its own.
    r"(?![^,;.]{3,120}?\s(?:judged|rated|graded|deemed|found|assessed|considered)\s)|on"
    r"|across)\s+(?!(?:all\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|\d{1,2}|several|most|many|some|both|the\s+other|the\s+remaining)\s+(?:\w+\s+)?(?:areas?"
    r"|others)\b)"
    r"(?:(?:some|most|all|many)\s+(?:elements|aspects|parts)\s+of\s+|both\s+)?"
    r"(?:(?:its|their|the\s+force[\u2019']s|the)\s+(?!ways?\b))?(?:(?:work|performance|approach)\s+"
    r"(?:in|on|at|to|for)\s+|terms\s+of\s+|respect\s+of\s+|relation\s+to\s+|ability\s+to\s+"
    r"|(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?(?:(?:key|main|core)\s+)?"
    r"areas?\s+(?:such\s+as|including|like|of)\s+|(?:the\s+)?following\s+(?:areas?|ways?)\s*:?\s*)?",
    re.I,
)
_NUMBER = (
    r"(?:all\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
    r"|all|both|each|several|most|many|some|the\s+other|the\s+remaining"
)
TALLY = re.compile(
    rf"\s*(?:,|[\u2013\u2014]|-(?=\s))?\s*(?:overall,?\s+and\s+)?(?:in|across|for)\s+(?P<n>{_NUMBER})\s+(?:of\s+(?:the|its|these)\s+)?(?:other\s+)?"
    rf"(?:\w+\s+)?(?:areas?|categories|questions?|pillars?|others)\b(?:\s+of\s+policing)?",
    re.I,
)
# A tally's later counts, the noun written once: "..., 'adequate' in four and ...".
_MORE_TALLY = re.compile(
    r"\s*,?\s*(?:in|across|for)\s+(?P<n>(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|\d{1,2}))\b(?!\s+\w+\s+(?:of|in)\b)",
    re.I,
)
# After a tally: "– A, B and C", ": A, B", ", namely A; B", ", including A".
_LIST_AFTER = re.compile(
    # "for all three areas assessed during the PEEL process: A, B and C"
    r"(?:\s+(?:assessed|inspected|graded|examined|rated)\b[^:;.\u2013\u2014]{0,60}(?=:))?"
    r"\s*(?:,\s*)?(?:[\u2013\u2014:;]|\s-\s|\bnamely\b|\bincluding\b|\bwhich\s+(?:are|were)\b)"
    r"\s*:?\s*",
    re.I,
)
# A graded noun and its list: "the areas requiring improvement include A, B and C", "the
# inadequate areas were A and B", "Under the 'adequate' grade was: A; B".
_GRADED_NOUN_HEAD = (
    rf"(?:(?:the\s+)?(?:{_Q}?(?P<g1>{_GRADE}){_Q}?\s+(?:areas?|grades?|ratings?)"
    rf"|areas?\s+(?:(?:that\s+(?:were|was|are|is)\s+)?(?:rated|graded|judged|assessed|found"
    rf"|deemed|(?:highlighted|identified)(?=\s+as\b))\s+(?:as\s+)?(?:being\s+)?(?:to\s+(?:be\s+)?)?)?{_Q}?(?P<g2>{_GRADE}|requiring\s+improvement"
    rf"|that\s+requires?\s+improvement){_Q}?|areas?\s+(?:in\s+which|where)\s+[^,;:]{{2,60}}?\s+"
    rf"(?:(?:was|were|is|are)\s+(?:(?:rated|graded|judged|assessed|found|deemed)\s+)?(?:as\s+)?"
    rf"(?:to\s+be\s+)?{_Q}?(?P<g4>{_GRADE}){_Q}?|(?:(?:is|are|was|were)\s+)?(?P<g5>(?:needs?|needed|needing|requires?"
    rf"|required|requiring)\s+improvement)))|under\s+the\s+{_Q}?(?P<g3>{_GRADE}){_Q}?\s+"
    rf"(?:grade|rating|banner|heading))\s*,?\s*(?:identified\s+)?(?:(?:by\s+\w+\s+)?(?:(?:which\s+)?include[sd]?"
    rf"|including|are|were|was|is|being|covered|namely|concerned|related\s+to)|[:\u2013\u2014])"
)
_GRADED_NOUN = re.compile(rf"{_GRADED_NOUN_HEAD}\s*:?\s*(?P<list>.+)$", re.I)
# The same, its list on the lines after it: "The areas where the force was found to be
# inadequate are:" over one area per line.
GRADED_NOUN_INTRO = re.compile(rf"{_GRADED_NOUN_HEAD}\s*:?\s*$", re.I)


def intro_grade(text: str) -> str | None:
    """The grade a list introduction gives the lines under it, or None."""
    m = GRADED_NOUN_INTRO.search(text) if text.rstrip().endswith(":") else None
    return _noun_grade(m) if m else None


def _noun_grade(m: re.Match) -> str | None:
    """The grade a graded-noun match names (g5, "needing improvement", has no grade word)."""
    found = m.group("g1") or m.group("g2") or m.group("g3") or m.group("g4")
    return _canonical(found) if found else "requires improvement"


_CLAUSE_END = re.compile(r"[.;!?()]|\s[\u2013\u2014]\s|,\s*(?:but|while|whilst|whereas|although)\b")
# "For protecting vulnerable people, the force was graded as adequate."
FRONT_AREA = re.compile(
    r"^\W*(?:for|in|on|at|when\s+it\s+comes\s+to)\s+(?P<area>[^,;:]{4,90}?),\s", re.I
)
EXTENT = re.compile(  # case-insensitive but for the capital a force's name starts with
    r"(?i:\bthe\s+)?(?i:extent\s+to\s+which)\s+(?:(?i:(?:the\s+)?(?:force|constabulary"
    r"|service)|it)|(?P<who>[A-Z][\w&'\u2019 -]{2,60}?))\s+(?:(?i:is)\s+)?(?P<area>(?i:"
    r"effective|efficient|legitimate|operates|treats|keeps)\b.+?)\s*$"
)


def _canonical(word: str) -> str | None:
    from compare.ingest.judgments import canonical

    word = re.sub(rf"{_Q}", "", word)
    word = re.sub(r"\s+", " ", word)
    if re.match(r"(?i)in need of improvement|needing improvement|requir", word):
        return "requires improvement"
    return canonical(word)


def _split_list(reader: Reader, text: str) -> list[str]:
    """Areas named in a list ("A; B, C and D"), in order; pieces naming none are skipped."""
    text = _CLAUSE_END.split(text, maxsplit=1)[0] if ";" not in text else text.split(".")[0]
    text = re.sub(r"\s+and\s+(?=how\b|its\b)", ", ", _strip_quotes(text).strip(" .:"))
    return reader.areas.listed(text)


def graded_nouns(reader: Reader, text: str, default) -> list[Candidate]:
    """ "The areas requiring improvement include A, B and C" and its kin."""

    m = _GRADED_NOUN.search(text)
    if not m:
        return []
    grade = _noun_grade(m)
    if grade is None or reader._past(text, reader._clause_start(text, m.start()), m.end()):
        return []
    return weak_grades(grade, text, default, _split_list(reader, m.group("list")))


def weak_grades(grade: str, text: str, subjects, areas) -> list[Candidate]:
    """One weak candidate per subject and area: the readings of this module."""
    from compare.ingest.judgments import Candidate

    return [
        Candidate(grade, text, body, ref, area, written, weak=True)
        for body, ref, written in subjects
        for area in areas
    ]


def read(
    reader: Reader, text: str, taken: list[tuple[int, int]], default, last=()
) -> list[Candidate]:
    """Candidates for the grade mentions of ``text`` outside ``taken`` (see the module).
    ``last`` is the subject of the grade read before them, for a list of grades that
    continues it ("graded X as outstanding for A, outstanding for B and good for C")."""
    from compare.ingest.judgments import Candidate

    if _NOUN_GATE.search(text):  # every graded-noun form holds one of these words
        out: list[Candidate] = list(graded_nouns(reader, text, default))
        if out:
            return out
    else:
        out = []
    # A sentence of more grade mentions than any publication writes is read no further.
    every = list(itertools.islice(MENTION.finditer(text), _MAX_MENTIONS))
    mentions = [m for m in every if not any(s <= m.start("grade") < e for s, e in taken)]
    if not mentions:
        return out  # the forms read every grade here (most sentences of a plain release)
    front = FRONT_AREA.match(text)
    front_areas = reader.areas.resolve_many(front.group("area")) if front else []
    skip_next = False
    prev_subj = list(last)
    for i, m in enumerate(mentions):
        if skip_next:
            skip_next = False
            continue
        grade = _canonical(m.group("grade"))
        if grade is None:
            continue
        after = text[m.end() :]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and re.fullmatch(
            rf"\s*{_Q}?\s*(?:,|or|and|and/or|,\s*or)\s*", text[m.end() : nxt.start()], re.I
        ):
            skip_next = True  # "good or adequate": a list of grades ties none
            continue
        if not NEXT_OK.match(after):
            continue  # "good practice", "inadequate supervision": not a grade
        # The clause starts after the grade before this one, at the latest.
        earlier = [e for e in every if e.end() <= m.start()]
        floor = earlier[-1].end() if earlier else 0
        start = max(reader._clause_start(text, m.start()), floor)
        before = text[start : m.start()]
        # "outstanding for A, outstanding for B and good for C": the list goes on.
        continued = bool(earlier) and bool(prev_subj) and _continues(reader, before)
        paren = None
        if after.lstrip().startswith(")"):
            paren = _PAREN_NAME.search(text, floor, m.start())
            paren = paren if paren is not None and paren.end() == m.start() else None
        quoted = bool(m.group("q") or m.group("q2")) or paren is not None
        verb = m.group("grade").lower().startswith("requir") and not m.group("q")
        # "The extent to which the force is effective at ... reducing crime good.": a pillar
        # line whose "is" was lost is still one.
        bare_extent = not before.strip().endswith(",") and EXTENT.search(before.strip())
        if not (quoted or verb or continued or _CUE.search(before) or bare_extent):
            continue
        # A relative clause holds the grade's own time: "made improvements since its last
        # inspection, particularly in A, where its performance was outstanding".
        rel = _EXCEPT.search(before) or _WHERE.search(before) or _WHICH.search(before)
        if reader._past(text, start + rel.start() if rel else start, m.end()):
            continue
        count = None if paren else _COUNT.search(before)
        if paren:  # "... for the unit (outstanding), Greater Manchester Police (good), ..."
            span, continued = paren.group("name"), False
        else:
            span = "" if continued else _CUE_TAIL.sub("", before)
        dashed = _DASHED_NAMES.search(span if span.strip() else text[floor : m.start()])
        if dashed:  # "Three of the forces – A, B and C – require improvement"
            span, count = dashed.group("names"), None
        if count is not None:
            # "the other four forces require improvement": resolved once every named grade
            # is known (compare.ingest.extract), never guessed.
            out.append(Candidate(grade, text, None, "count", None, count.group("n"), weak=True))
            continue
        these = None if continued else _THESE.search(span)
        if these:
            # "we need to do more in A, B and C, with these three areas rated as requiring
            # improvement": the areas named before it in the sentence, as many as it says.
            named = reader.areas.find_in(text[: start + these.start()])
            n = _tally_count(these.group("n")) if these.group("n") else None
            if named and (n is None or n == len(named)):
                out.extend(weak_grades(grade, text, default, named))
            continue
        counted = None if continued else _AREA_COUNT.search(span)
        apposed = None if continued or counted else _APPOSED.search(span)
        apposed_areas = _split_list(reader, apposed.group("list")) if apposed else []
        if apposed_areas:
            # "... nine areas, with only one, 'recording data about crime', judged to be good":
            # the areas in apposition to the count are the grade's.
            out.extend(weak_grades(grade, text, default, apposed_areas))
            continue
        if counted:
            # "Four categories were ranked 'adequate' - including A, B, C and D", "Two areas
            # were judged good": the subject counts areas, so it is a tally, and the areas
            # listed after the grade are that grade's (the publication's force's).
            n = _tally_count(counted.group("n"))
            if n is not None:
                reader.tallies.append((text, grade, n, None))
            listed = _LIST_AFTER.match(after)
            areas = _split_list(reader, after[listed.end() :]) if listed else []
            out.extend(weak_grades(grade, text, default, areas))
            continue
        these_after = None if continued else _THESE_AFTER.match(after)
        if these_after:
            # "said the force's work was 'inadequate' in these three areas": the areas its
            # sentence names before the grade, else the sentence before it, as many as it says.
            n = _tally_count(these_after.group("n")) if these_after.group("n") else None
            named = _areas_before(reader, text[: m.start()], n) or _areas_before(
                reader, reader.previous, n
            )
            if named:
                subj = _covering(reader, span) if span.strip(" ,") else []
                out.extend(weak_grades(grade, text, subj or list(default), named))
            continue
        gave = _GAVE.search(before)
        awarded = _AWARDED_TO.match(after)
        if gave:  # "HMICFRS gave the force an overall rating of 'requires improvement'"
            span, continued = gave.group("who"), False
        elif awarded:  # "An 'outstanding' rating has been awarded to X for tackling ..."
            span, continued = awarded.group("who"), False
            after = after[awarded.end("who") :]
        extent = EXTENT.search(span)
        if extent:  # "The extent to which Norfolk Constabulary is effective at ... is good"
            who = extent.group("who")
            subj = _covering(reader, who) if who else []
            subject_areas = reader.areas.resolve_many(extent.group("area"))
            subj = subj if subject_areas and (subj or not who) else []
        else:
            subj = prev_subj if continued else (_covering(reader, span) if span.strip(" ,") else [])
            subject_areas = [] if subj or not span.strip(" ,") else _subject_area(reader, span)
        if not subj and not subject_areas:
            subj = _nearest(reader, span)
        areas: list[str] = []
        tally = TALLY.match(after)
        if tally is None and reader.tallies and reader.tallies[-1][0] == text:
            tally = _MORE_TALLY.match(after)  # "'good' in two areas, 'adequate' in four and ..."
        if tally:
            listed = _LIST_AFTER.match(after, tally.end())
            if listed:
                areas = _split_list(reader, after[listed.end() :])
            n = _tally_count(tally.group("n"))
            if n is not None and len(subj) <= 1:
                body = subj[0][0] if subj else None
                reader.tallies.append((text, grade, n, body))
            if not areas and tally.group("n").lower() == "both":
                # "improved A and how it does B, being graded as 'good' in both areas"
                named = reader.areas.find_in(text[: m.start()])
                areas = named if len(named) == 2 else []
            if (
                not areas
                and n == 3
                and not listed  # "in all three areas of the assessment; in how it ...; ..."
                and not any(t[0] == text and t[1] != grade for t in reader.tallies)
            ):
                # "rated inadequate overall and in three key areas": in a 2014-19 text the
                # three are its pillars (compare.ingest.extract decides; dropped otherwise).
                who = subj or list(default)
                out.extend(weak_grades(grade, text, who, [ALL_PILLARS]))
            if not areas:
                prev_subj = subj or prev_subj
                continue  # "good in four areas": a tally, not a judgment
        else:
            a = AREA_AFTER.match(after)
            if a:
                areas = area_run(reader, after[a.end() :])
                tail = _TAIL_END.split(after[a.end() :], maxsplit=1)[0]
                areas = areas or reader.areas.leading(_strip_quotes(tail))[0]
                if not areas and re.match(r"\s*,?\s*(?:at|in|for|when|with|on)\b", after, re.I):
                    continue  # "good at sharing intelligence": not an area we know
        if subject_areas:  # "Investigating crime was good": the area is the subject
            subj, areas = list(default), areas or subject_areas
        if rel is not None and not areas:
            # "good or adequate in all areas, except A, where it ...", "particularly in A,
            # where its performance was ...", "in A, B and C, which were all judged to ...".
            if rel.re is _WHICH:
                areas = reader.areas.listed(rel.group("area"))
                subj = list(default) if areas else subj
            else:
                areas = reader.areas.resolve_many(rel.group("area"))
                subj = subj or list(default)
        areas = areas or front_areas
        if (
            not subj
            and areas
            and (not span.strip(" ,") or _continuation(span) or _impersonal(reader, span))
        ):
            subj = list(default)  # an area grade that names no body: the publication's force
        out.extend(weak_grades(grade, text, subj, areas or [None]))
        prev_subj = subj or prev_subj
    return out


# Where the areas after a grade end: a stop, or a clause that turns ("..., but it must ...").
_TAIL_END = re.compile(
    r"[.;:!?()]|,\s*(?:but|while|whilst|whereas|although|though|which|and\s+(?:it|the\s+force))\b",
    re.I,
)
_CONTINUED = re.compile(
    rf"\s*{_Q}?\s*(?:for|at|in|on|when)\s+[^,;.:]{{3,80}}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.I
)


_CONTINUED_AREA = re.compile(
    rf"\s*{_Q}?\s*(?:for|at|in|on)\s+(?P<area>.{{3,160}}?)\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.I
)


def _continues(reader: Reader, before: str) -> bool:
    """ "... 'outstanding' in A and 'good' ...": the text since the last grade is that
    grade's area and a joining word, so the next grade shares its subject. The area may
    hold commas of its own ("building, supporting and protecting the workforce")."""
    if _CONTINUED.fullmatch(before):
        return True
    m = _CONTINUED_AREA.fullmatch(before)
    if not m:
        return False
    area = _strip_quotes(m.group("area"))
    found, consumed = reader.areas.leading(area)
    return bool(found) and consumed >= len(area.rstrip(" ,")) - 1


def _covering(reader: Reader, span: str):
    """The bodies a subject span names, when names make up most of it: "Staffordshire and
    Warwickshire", not "Nottinghamshire's Police and Crime Commissioner has taken over ..."."""
    subj = reader.subjects(span)
    letters = len(re.sub(r"[\W_]", "", span))
    named = sum(len(re.sub(r"[\W_]", "", w)) for _b, _r, w in subj)
    return subj if subj and named >= 0.6 * letters else []


_EXCEPT = re.compile(
    r"\bexcept(?:\s+for)?\s+(?:in\s+)?(?P<area>[^,;]{3,80}?),?\s*(?:where|in\s+which)\s+"
    r"(?:it|the\s+force|the\s+constabulary)\s*(?:is|was)?\s*$",
    re.I,
)
# "particularly in how and when it records crime, where its performance was outstanding"
_WHERE = re.compile(
    r"\bin\s+(?P<area>[^,;]{3,80}?),\s*where\s+(?:its|the\s+force[\u2019']s|their)\s+"
    r"(?:performance|work)\s+(?:was|is)\s*$",
    re.I,
)
_WHICH = re.compile(
    r"\b(?:in|at|on)\s+(?P<area>[^;:]{3,200}?),\s*which\s+(?:were|was|are|is)\s+(?:all\s+|both\s+)?"
    r"(?:(?:judged|rated|graded|found|assessed|deemed)\s+)?(?:to\s+(?:be\s+)?|as\s+)?$",
    re.I,
)
# A clause that names nobody: "This has led to a rating of", "It was given a grade of".
_NOBODY = re.compile(r"^[\s,]*(?:this|that|which|it|there)\b[\w\s,'\u2019-]{0,60}$", re.I)


def _impersonal(reader: Reader, span: str) -> bool:
    return bool(_NOBODY.match(span)) and not reader.registry.mentions(span)


_MAX_MENTIONS = 60
# A clause subject that counts areas: "four categories", "two other areas", "three of the
# areas", "the remaining five areas".
_AREA_COUNT = re.compile(
    rf"(?:^|\b)(?:the\s+)?(?:other\s+|remaining\s+)?(?P<n>{_NUMBER})\s+(?:of\s+(?:the|its)\s+)?"
    r"(?:other\s+|more\s+|remaining\s+|further\s+)?(?:\w+\s+)?(?:areas|categories|questions|pillars"
    r"|area|category|question|pillar)\b(?:\s+(?:were|are|have\s+been)\s+[a-z]+)?[\s,]*$",
    re.I,
)
_THESE = re.compile(
    rf"\b(?:these|those|both|all)\s+(?:(?P<n>{_NUMBER})\s+)?(?:areas|categories)\b[\s,]*$", re.I
)
_THESE_AFTER = re.compile(
    rf"\s*{_Q}?\s*(?:in|for|across|on)\s+(?:all\s+|both\s+|each\s+of\s+)?(?:these|those)\s+"
    rf"(?:(?P<n>{_NUMBER})\s+)?(?:areas|categories)\b",
    re.I,
)
_APPOSED = re.compile(
    rf"\b(?:only\s+)?(?P<n>{_NUMBER})(?:\s+(?:other\s+)?(?:areas?|categories))?\s*(?:,|\s[\u2013\u2014-])"
    r"\s*(?P<list>[^()\u2013\u2014]{3,200}?)\s*(?:,|\s[\u2013\u2014-])?\s*$",
    re.I,
)
_NOUN_GATE = re.compile(r"\b(?:areas?|grades?|ratings?|under\s+the)\b", re.I)
_PAREN_NAME = re.compile(
    rf"(?:^|[,;:(]|\band\b|\bfor\b|\bwith\b)\s*(?P<name>[^,;:()]{{2,90}}?)\s*\(\s*{_Q}?$", re.I
)
_DASHED_NAMES = re.compile(
    r"[\u2013\u2014]\s*(?P<names>[^\u2013\u2014]{3,200}?)\s*[\u2013\u2014]\s*$"
)
NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip
_WORD_NUMBERS = {w: i + 1 for i, w in enumerate(NUMBER_WORDS)}
_COUNT = re.compile(
    r"(?:^|\b)(?:the\s+)?(?:other\s+|remaining\s+)?(?P<n>one|two|three|four|five|six|seven|\d)"
    r"\s+(?:of\s+(?:the|its)\s+)?(?:other\s+|remaining\s+|individual\s+|regional\s+|region[\u2019']s\s+"
    r"|police\s+)*(?:forces|constabularies)\s*$",
    re.I,
)


def _tally_count(word: str) -> int | None:
    """The areas a tally counts: "four", "4", "all three"; None for "most", "the other"."""
    word = re.sub(r"^(?:all|both|each)\s+", "", word.lower()).strip()
    if word.isdigit():
        return int(word)
    return _WORD_NUMBERS.get(word)


def count_of(written: str) -> int:
    """The number a count holds ("four", "Four", "4")."""
    return int(written) if written.isdigit() else _WORD_NUMBERS[written.lower()]


_GAVE = re.compile(
    r"\b(?:gave|gives|has\s+given|have\s+given|awarded|has\s+awarded|handed)\s+(?P<who>.+?)\s+"
    r"(?:a|an|the)\s+(?:overall\s+)?(?:rating|grade|grading|judg(?:e)?ment)\s+of\s*$",
    re.I,
)
_AWARDED_TO = re.compile(
    r"\s*(?:rating|grade|grading|judg(?:e)?ment)\s+(?:has\s+been\s+|was\s+|is\s+)?(?:awarded|given"
    r"|handed)\s+to\s+(?P<who>[^,.;:]+?)(?=\s+(?:for|at|in)\b|[,.;:]|$)",
    re.I,
)


def area_run(reader: Reader, text: str) -> list[str]:
    """Areas listed with semicolons up to the full stop ("A; B, and C; D; and E"), when every
    piece between the semicolons names areas and nothing else; [] otherwise. The run ends
    the sentence (its pieces are the rest of it)."""
    text = re.split(r"(?<=[a-z)])\.(?:\s|$)", text, maxsplit=1)[0]
    if ";" not in text:
        return []
    found: list[str] = []
    for piece in re.split(r"\s*;\s*(?:and\s+)?", _strip_quotes(text).strip(" .")):
        hits, consumed = reader.areas.leading(piece)
        if not hits or consumed < len(piece.rstrip(" ,")) - 1:
            return []
        found.extend(h for h in hits if h not in found)
    return found


def _areas_before(reader: Reader, text: str, n: int | None) -> list[str]:
    """The areas a sentence names, as many as ``n`` says (any number when None): written
    anywhere in it, or listed from its first "how" ("over how it investigates crime, responds
    to the public and monitors offenders"); [] when neither reading gives that many."""
    readings = [reader.areas.find_in(text)]
    how = re.search(r"\bhow\b", text, re.I)
    if how:
        readings.append(reader.areas.listed(text[how.start() :]))
    for named in readings:
        if named and (n is None or len(named) == n):
            return named
    return []


def _strip_quotes(text: str) -> str:
    return re.sub(rf"{_Q}", "", text)


def _continuation(span: str) -> bool:
    return bool(
        re.fullmatch(
            r"[\s,]*(?:(?:and|but|while|whilst|whereas|although|though|it|is|was|also|found"
            r"|that|the\s+force\s+was)\b[\s,]*)*",
            span,
            re.I,
        )
    )


def _subject_area(reader: Reader, span: str) -> list[str]:
    """The areas a clause's subject names: "Investigating crime", "The extent to which the
    force is effective at keeping people safe and reducing crime"."""
    span = span.strip(" ,")
    span = re.sub(
        r"^(?:and|but|while|whilst|whereas|although|however|its|their)[\s,]+", "", span, flags=re.I
    )
    if _ASPECT.match(span):
        return []  # "Its understanding of organised crime groups is good": a point, not an area
    for body in reader.registry.mentions(span):
        # "The way that Wiltshire Police treats its workforce ...": the force, as "the force".
        span = re.sub(rf"\b{re.escape(body.name)}\s*(?=[\u2019']s\b)|\b{re.escape(body.name)}\b",
                      "the force", span, flags=re.I)  # fmt: skip
    return reader.areas.resolve_many(_strip_quotes(span))


_ASPECT = re.compile(r"(?:the\s+)?(?:understanding|knowledge|awareness|quality)\s+of\b", re.I)


_REF = re.compile(
    # "... and the only force to achieve 'Outstanding' in ...": the force too.
    r"\b(?:the\s+(?:(?:only|first)\s+)?(?:force|constabulary|service|unit|rocu"
    r"|regional\s+organised\s+crime\s+unit)"
    r"|(?:the|this|its|their|a|an)\s+(?:regional\s+|policing\s+|organised\s+crime\s+)+unit"
    r"|it|they)\b",
    re.I,
)


_AFTER_VERB = re.compile(
    r"\b(?:found|finds|find|said|says|concluded|concludes|judged|judges|rated|rates|graded"
    r"|grades|considered|considers|deemed|deems|that)\s+(?P<tail>[^,;:]{2,80}?)\s*$",
    re.I,
)


def _nearest(reader: Reader, span: str):
    """The body named last in the clause before the grade, or a "the force"/"the unit"
    reference after it; [] when neither (or more than one body at the same place)."""
    from compare.ingest.judgments import ROCU_REF

    tail = _AFTER_VERB.search(span)
    if tail:  # "The review of A, B and C found B": the one after the verb
        subj = _covering(reader, tail.group("tail"))
        if subj:
            return subj
    named = reader.registry.mentions(span)
    refs = list(_REF.finditer(span))
    if named:
        last = named[-1]
        pos = span.lower().rfind(last.name.split()[0].lower())
        if refs and refs[-1].start() > pos >= 0:
            named = []
        elif last.kind != "region":
            return [(last, None, last.name)]
        elif re.search(r"\b(?:unit|rocu)\W*$", span, re.I):
            rocu = reader.registry.rocu_of(last.id)  # "an East Midlands policing unit"
            return [(rocu, None, rocu.name)] if rocu else []
        else:
            return []
    if refs:
        word = refs[-1].group(0)
        if ROCU_REF.match(word) or re.search(r"unit|rocu", word, re.I):
            return [(None, "rocu", word)]
        if re.match(r"(?i)they", word):
            return []
        return [(None, "force", word)]
    return []
