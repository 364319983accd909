"""Graded judgments in running text, lists, labels and sections.

A grade is recorded only when the text ties it to a body: a named body (resolved through
the registry, never guessed), or an unambiguous reference that the caller resolves later
("the unit" = the subject region's ROCU; "the force" = the force whose section or PEEL
publication this is). Forms read:

- ``X has been graded as adequate`` (was/were/is graded, was rated, was judged to be, was
  assessed as, was found to be, received a grade of; grades in any case or in quotes), with
  several bodies (``X and Y were both graded ...``) and ellipsis (``..., and Z as good``);
- ``we graded X as good`` / ``inspectors judged X to be ...``;
- labels: ``X: requires improvement``, ``X – Good``, ``X (inadequate)``, table rows;
- grade-first lists: ``Requires improvement: X, Y and Z`` or a grade heading over items;
- PEEL: ``The force is good at responding to the public``, ``Investigating crime: requires
  improvement``, ``... requires improvement at investigating crime``; ungraded areas;
- full reports: a body's heading followed by ``Grade: adequate`` or a bare grade line.

Grades described as past (``previously``, ``in 2019``, ``had been graded``) are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare import grades as _grades
from compare.ingest import mentions
from compare.registry import Body, Registry

_Q = "[\"'\u2018\u2019\u201c\u201d]"
GRADE_WORDS = (
    r"outstanding|good|adequate|inadequate|requires?[\s-]+improvement|requiring[\s-]+improvement"
)
GRADE = rf"{_Q}?(?P<grade>{GRADE_WORDS}){_Q}?"
_GRADE_WORD = re.compile(GRADE_WORDS, re.I)
_UNGRADED = (
    r"(?P<ungraded>not graded|ungraded|no grade(?: given)?|not (?:yet )?(?:assessed|inspected))"
)
_AUX = (
    r"(?:has|have)\s+(?:(?:now|also|each|both|all|since|again|overall)\s+)?been"
    r"|(?:was|were|is|are)(?:\s+(?:both|each|all|also|now|again|currently|overall|once again))?"
)
_VERB = (
    r"(?:graded|rated|judged|assessed|found|given\s+(?:a|an|the)\s+(?:grade|rating)\s+of"
    r"|awarded\s+(?:a|an|the)\s+(?:grade|rating)\s+of)"
)
PASSIVE = re.compile(
    rf"\b(?:{_AUX})\s+{_VERB}(?:\s+(?:as(?:\s+being)?|to\s+be))?\s*[:\u2013\u2014]?\s*{GRADE}(?![\w-])",
    re.I,
)
# "X was the only force in the region to be graded as inadequate", "X is one of only three
# forces rated outstanding for ...": the grade is X's.
ONLY = re.compile(
    rf"\b(?:was|is|were|are)\s+(?:the\s+only\s+|one\s+of\s+(?:only\s+)?(?:the\s+)?)"
    rf"(?:[\w\u2019'-]+\s+){{0,8}}?(?:to\s+(?:be|have\s+been)\s+|that\s+(?:was|were|is|are|has"
    rf"\s+been|have\s+been)\s+|which\s+(?:was|were|is|are)\s+)?{_VERB}"
    rf"(?:\s+(?:as(?:\s+being)?|to\s+be))?\s*[:\u2013\u2014]?\s*{GRADE}(?![\w-])",
    re.I,
)
# "The only force graded as inadequate was BTP."
ONLY_LAST = re.compile(
    rf"^\W*(?:the\s+)?(?:only\s+(?:[\w\u2019'-]+\s+){{0,8}}?|(?:[\w\u2019'-]+\s+){{0,2}}?(?:forces?"
    rf"|constabular(?:y|ies)|units?)\s+)(?:to\s+(?:be|have\s+been)\s+|that\s+(?:was|is|were|are)\s+)?"
    rf"{_VERB}(?:\s+(?:as|to\s+be))?\s*{GRADE}"
    rf"(?P<area_tail>\s+(?:at|in|for)\s+[^.;:!?]+?)?\s+(?:was|is|were|are)\s+(?P<subj>[^.;:!?]{{2,300}}?)\W*$",
    re.I,
)
_RECEIVED = r"\b(?:received|receives|achieved|achieves|gets|got|was\s+given|has\s+been\s+given)\s+"
RECEIVED_OF = re.compile(
    rf"{_RECEIVED}(?:a|an|the)\s+(?:grade|rating|judgment)\s+of\s+{GRADE}(?![\w-])", re.I
)
RECEIVED_A = re.compile(rf"{_RECEIVED}(?:a|an)\s+{GRADE}\s+(?:grade|rating|judgment)\b", re.I)
ACTIVE = re.compile(
    rf"\b(?:(?:grade[ds]?|grading|rate[ds]?|rating|judge[ds]?|judging|assess(?:es|ed|ing)?)\s+"
    rf"(?!(?:in|across|on|of|for)\s)(?P<subj>[^.;:!?]{{2,160}}?)\s+(?:as|to\s+be)"
    rf"|(?:found|finds?|considers?|considered)\s+(?P<subj2>[^.;:!?]{{2,160}}?)\s+to\s+be)\s+"
    rf"{GRADE}(?![\w-])",
    re.I,
)
# A grade that changed: "improved from requires improvement to good", "moved from inadequate
# to adequate", "has been upgraded to good (from adequate)": the grade is the one it went to.
_GRADE_BEFORE = rf"{_Q}?(?:{GRADE_WORDS}){_Q}?"
CHANGED = re.compile(
    rf"\b(?:(?:has|have|had)\s+)?(?:improved|moved|risen|rose|gone\s+(?:up|down)|went(?:\s+(?:up|down))?"
    rf"|fallen|fell|dropped|declined|slipped|changed|deteriorated)\s+from\s+{_GRADE_BEFORE}\s+"
    rf"(?:to|into)\s+{GRADE}(?![\w-])",
    re.I,
)
REGRADED = re.compile(
    rf"\b(?:{_AUX})\s+(?:upgraded|downgraded|regraded|moved\s+(?:up|down))\s+(?:to|as)\s+{GRADE}(?![\w-])",
    re.I,
)
# "The unit's grade remains adequate", "its rating is now good".
KEPT = re.compile(
    rf"(?:(?<=grade)|(?<=rating)|(?<=judgment)|(?<=judgement))\s+(?:remains|remained|stays|stayed"
    rf"|is\s+(?:still|now)|was|is)\s+{GRADE}(?![\w-])",
    re.I,
)
# PEEL prose: "[the force] is good at X", "requires improvement at/in X".
AREA_PROSE = re.compile(
    rf"(?:\b(?:is|are|was|were|remains|remain|has\s+been|have\s+been|being|'s|\u2019s)\s+)?"
    rf"(?:(?:graded|rated|judged|assessed)\s+(?:as\s+)?)?"
    rf"{_Q}?(?P<grade>outstanding|good|adequate|inadequate|requires?\s+improvement){_Q}?"
    rf"\s+(?:at|in|for|when|with)\s+"
    rf"(?P<area>(?:(?!\s(?:but|while|whilst|whereas|although|though|yet)\b)[^.;:!?()])+)",
    re.I,
)
LABEL = re.compile(
    rf"^(?P<label>[^:|\u2013\u2014]{{2,160}}?)\s*(?::|\||\u2013|\u2014|\s-\s)\s*"
    rf"(?:(?:graded|rated|judged|assessed)\s+(?:as\s+)?)?(?:{GRADE}|{_UNGRADED})\s*[.;,]?\s*\|?$",
    re.I,
)
PAREN = re.compile(
    rf"^(?P<label>[^()]{{2,160}}?)\s*\(\s*(?:graded\s+(?:as\s+)?)?(?:{GRADE}|{_UNGRADED})\s*\)\s*[.;,]?$",
    re.I,
)
GRADE_FIRST = re.compile(
    rf"^(?:graded\s+(?:as\s+)?)?{GRADE}\s*(?::|\u2013|\u2014|\s-\s)\s*(?P<list>.+?)\.?$", re.I
)
BARE = re.compile(
    rf"^[:\u00bb>\u2022*\s]*(?:(?:overall\s+|our\s+)?(?:grade|rating|judgment|judgement)\s*(?::|\u2013|\u2014|-|is)?\s*)?"
    rf"(?:{GRADE}|{_UNGRADED})\s*[.;:]?$",
    re.I,
)
# "Lancashire Constabulary's overall grade: good" -> the name before the tail.
_LABEL_TAIL = re.compile(
    r"(?:[\u2019']s)?\s+(?:overall\s+)?(?:grade|rating|judg(?:e)?ment)\s*$", re.I
)
_SECTION_LABEL = re.compile(
    r"^(?:overall\s+|our\s+)?(?:grade|rating|judgment|judgement|graded|overall)$", re.I
)
UNGRADED_PROSE = re.compile(
    r"\b(?:(?:is|was|are|were)\s+not\s+graded|(?:we|hmicfrs|inspectors|the inspectorate)\s+"
    r"(?:do|does|did)\s+not\s+grade|(?:we|hmicfrs|inspectors|the inspectorate)\s+"
    r"(?:don|doesn|didn)[\u2019']t\s+grade|(?:is|was)\s+ungraded|no\s+grade\s+(?:is|was)\s+given"
    r"|(?:do|does|did)(?:\s+not|n[\u2019']t)\s+(?:make|give)\s+(?:a\s+)?grad(?:ed|ing)\s+judg(?:e)?ments?)",
    re.I,
)
# Every grade form needs one of these: a sentence without any is read no further.
ANY_GRADE = re.compile(
    r"outstanding|good|adequate|requir\w*[\u2019\u201d'\"]?[\s-]+[\u2018\u201c'\"]?improvement"
    r"|grad(?:e|ed|es|ing)\b|ungraded|need(?:s|ed|ing)?\s+improvement"
    r"|not\s+(?:yet\s+)?(?:assessed|inspected)",
    re.I,
)


# The forms _sentence reads, each with the words (lower case) one of which every match of it
# holds. Only tried on ASCII text: case-insensitive matching takes "ı" for "i" and "ſ" for
# "s", which lower-casing does not. Checked against the plain searches in the tests.
_FORMS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (PASSIVE, ("graded", "rated", "judged", "assessed", "found", "given", "awarded")),
    (ONLY, ("only", "one of")),
    (CHANGED, ("from",)),
    (REGRADED, ("graded", "moved")),
    (KEPT, ("grade", "rating", "judgment", "judgement")),
    (RECEIVED_OF, ("grade", "rating", "judgment")),
    (RECEIVED_A, ("grade", "rating", "judgment")),
)


def ungraded_prose(text: str) -> bool:
    """UNGRADED_PROSE.search, skipped when an ASCII text lacks "grad" (every form has it)."""
    if text.isascii() and "grad" not in text.lower():
        return False
    return UNGRADED_PROSE.search(text) is not None


def any_form(text: str) -> bool:
    """Whether one of the _FORMS matches ``text`` (trying only those whose words it holds)."""
    low = text.lower() if text.isascii() else None
    return any(
        (low is None or any(w in low for w in words)) and pattern.search(text)
        for pattern, words in _FORMS
    )


# "good in three areas, adequate in four areas": a tally of grades, not a finding.
GRADE_TALLY = re.compile(
    rf"{GRADE}\s+(?:in|at|for)\s+(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|all|most"
    rf"|some|several|many|both|each|\d+)\s+(?:of\s+(?:the|its|these)\s+)?(?:other\s+)?(?:\w+\s+)?"
    rf"areas?|the\s+(?:other|remaining)\s+(?:\w+\s+)?areas?)\b",
    re.I,
)
PAST = re.compile(
    r"\b(?:previous(?:ly)?|last\s+(?:inspection|time|year|report|assessment|visit)s?"
    r"|(?:our|its|their|the)\s+(?:last|earlier)\b|(?:our|its|their)\s+first\b"
    r"|the\s+first\s+(?:inspection|report|assessment|visit)|last\s+inspected|prior|formerly"
    r"|earlier(?!\s+this\s+(?:year|month|week|spring|summer|autumn|winter))"
    r"|at\s+the\s+time|used\s+to|had\s+been|ago|once\s+again\s+been"
    # Another inspection's grade, quoted in passing: "were judged as good in an HMIC
    # inspection of ..." (this publication's own is "the", "its" or "this" inspection).
    r"|in\s+an\s+(?:HMIC|HMICFRS|earlier|separate|other|\w+\s+HMIC)\b"
    r"|would|could|might|if|unless)\b",
    re.I,
)
# Another inspection's grade: "graded as outstanding ... in its regional HMICFRS inspection".
OTHER_INSPECTION = re.compile(
    r"\b(?:in|by|from)\s+(?:its|their|the|a|an)\s+(?:separate\s+|recent\s+)?(?:regional|thematic"
    r"|joint|national|separate|earlier|previous|last)\s+(?:[\w&-]+\s+){0,3}(?:inspection|review"
    r"|report|assessment)\b",
    re.I,
)
_SINCE = re.compile(
    r"\bsince\s+(?:(?:its|our|their|the)\s+(?:last|previous)\s+\w+|(?:19|20)\d\d)", re.I
)
PAST_AFTER = re.compile(r"^\s*(?:in|since|during|back in)\s+(?:its last|our last|their last)", re.I)
# A year, or the end of a range ("2021/22", "2023–25"): a grade given in a year before the
# publication's is another inspection's grade.
YEAR = re.compile(
    r"(?<![\d,./-])(?P<y>(?:19|20)\d\d)(?:\s*[/\u2013-]\s*(?P<to>(?:19|20)?\d\d))?(?![\d,/])"
)
# A fronted adverbial ("Last year, ...", "In its 2022 PEEL inspection, ...") sets the time of
# every clause of its sentence, "and ..." clauses included.
_FRONTED = re.compile(r"^\W*(?P<lead>[^,;:.]{2,90}?),\s")
_CLAUSE_BREAK = re.compile(r"[.;:!?\u201c\u201d\"]|\s[\u2013\u2014]\s|^\s*[-*\u2022]\s")
_LEAD = re.compile(
    r"^(?:(?:and|while|whilst|whereas|but|although|though|meanwhile|however|overall|also|"
    r"in addition|additionally|finally|so|then|now|both)\b[\s,]*)+",
    re.I,
)
# Where a new clause begins inside a sentence: a contrast, or ", and" before a new subject
# ("..., and it is now good at ...").
_CONTRAST = re.compile(
    r"(?:,\s*|\s)(?:while|whilst|whereas|but|although)\s+"
    r"|,\s*and\s+(?=(?:it|the\s+force|the\s+constabulary|they)\b)"
    # An absolute clause: "..., with A and B judged to be inadequate".
    # Not where a finite verb comes before it: "treats its workforce with fairness and
    # respect was graded ..." is the sentence's own subject.
    r"|(?:,\s*|\s)with\s+(?=[^,;.]{3,120}?\s(?<!was\s)(?<!were\s)(?<!been\s)(?<!is\s)(?<!are\s)"
    r"(?:judged|rated|graded|deemed|found|assessed|considered)\s)",
    re.I,
)
_PARENTHETICAL = re.compile(
    r",\s*(?:(?:to|of|in|for|with|by|from)\s+)?(?:which|who|whom|that|whose|where|when)\b[^,]*,"
    r"|\([^)]*\)"
)
# "It was also found to ...": a sentence that goes on from the one before, and so in its time.
_ALSO = re.compile(
    r"^\W*(?:it|they|the\s+force|the\s+constabulary|this)\s+(?:was|were|had|has|is)\s+"
    r"(?:also|further|likewise)\b",
    re.I,
)
_ELLIPSIS = re.compile(
    rf"(?:,|;|\band\b|\bwhile\b|\bwhereas\b|\bbut\b)\s+(?P<subj>[^,;]+?)\s+as\s+{GRADE}(?![\w-])",
    re.I,
)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_CONTINUATION = r"[\s,]*(?:(?:and|but|while|whilst|whereas|although|though)\b[\s,]*)?(?:it\s*)?"
_PERFORMANCE = re.compile(
    r"^(?P<who>.+?)(?:[\u2019']s?)\s+(?:overall\s+)?(?:performance|work|approach|effectiveness"
    r"|response|grade|rating|judg(?:e)?ment)(?:\s+(?:in|at|on|when|for)\s+(?P<area>.+))?$",
    re.I,
)
# More grades after the one read: "requires improvement or inadequate" ties no grade to a
# body; "adequate and good respectively" ties them in order.
_MORE_GRADES = re.compile(
    rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+){_Q}?(?:{GRADE_WORDS}){_Q}?(?![\w-])",
    re.I,
)
_RESPECTIVELY = re.compile(r"[\s,]*respectively\b", re.I)
# "Its performance in protecting vulnerable people is inadequate."
PERFORMANCE_IS = re.compile(
    rf"^\W*(?:(?P<its>its|their)|(?P<who>[^,;:]{{2,120}}?)[\u2019']s?)\s+(?:overall\s+)?"
    rf"(?:performance|work|effectiveness|approach)\s+(?:in|at|on|when|for)\s+(?P<area>[^.;:,]{{4,120}}?)"
    rf"\s+(?:is|was|has\s+been|remains|remained)\s+(?:(?:graded|rated|judged|assessed)\s+"
    rf"(?:as\s+|to\s+be\s+)?)?{GRADE}\W*$",
    re.I,
)
_COMPARED = re.compile(
    r"\b(?:compared|up\s+from|down\s+from|from|than|having|after|whereas|while|but)\b", re.I
)
_DASHED = re.compile(r"\s[\u2013\u2014]\s+([^\u2013\u2014]{2,300}?)\s+[\u2013\u2014]\s*$")
_ONLY_PREFIX = re.compile(r"^(?:only|just|of\s+these,?\s+only)\s+", re.I)
_PLURAL_KIND = re.compile(r"\s+(?:constabularies|police\s+forces|police\s+services|forces)$", re.I)
_PREPOSITION = {"in", "of", "for", "from", "with", "across", "by", "to", "at", "on", "within"}
ROCU_REF = re.compile(
    r"^(?:the|this|its|their)\s+(?:regional\s+)?(?:unit|rocu|regional organised crime unit"
    r"|regional special operations unit|special operations unit)$",
    re.I,
)
_OTHER_FORCES = re.compile(r"\b(?:forces|constabularies|services|others|units)\b", re.I)
FORCE_REF = re.compile(
    r"^(?:(?:the|this|our)\s+(?:county\s+|local\s+)?(?:force|constabulary|police force|service)|it"
    # A force's own statement: "the Inspectorate has rated us as 'Good' in ...". (HMICFRS's
    # "we" grades the force, so it is never the subject of a grade in its own texts.)
    r"|us|we|they)$",
    re.I,
)
_AREA_CLEAN = re.compile(
    r"^(?:"
    # A PEEL question as its heading: "How effective is the force at preventing crime ...?",
    # "How well does the force understand demand?", "To what extent does the force treat ...".
    r"how\s+(?:effective|efficient|legitimate|good|well)\s+is\s+the\s+(?:force|constabulary)"
    r"\s+(?:at|in)\s+(?!keeping\s+people\s+safe|reducing\s+crime\s+and\s+keeping)"
    r"|(?:how\s+(?:effectively|efficiently|legitimately|well)|to\s+what\s+extent)\s+does\s+the"
    r"\s+(?:force|constabulary)\s+"
    # "how (and when) it", "the way the force", "its work in", "the force's".
    r"|(?:(?:both|all|also)\s+)?(?:(?:how(?:\s+and\s+when)?|(?:the\s+)?ways?)\s+(?:in\s+which\s+"
    r"|that\s+)?(?:well\s+)?(?:the\s+force|the\s+constabulary|it)\s+"
    r"|its\s+(?:(?:work|performance|approach)\s+(?:in|on|to)\s+|ability\s+to\s+)?"
    r"|the\s+force[\u2019']s\s+(?:(?:work|performance|approach)\s+(?:in|on|to|at)\s+)?|their\s+)"
    r")",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A grade tied to a body (or to a reference the caller resolves: ``ref``)."""

    grade: str | None  # canonical grade; None: recorded as not graded
    evidence: str
    body: Body | None = None
    ref: str | None = None  # "rocu" | "force" | "section"
    area: str | None = None  # an area id when the text names one
    written: str = ""  # the name as written
    # Read by compare.ingest.mentions from where the grade stands, not by a whole form: it
    # never overrides a form's reading, and weak readings that disagree are dropped.
    weak: bool = False


class Areas:
    """Area ids and the ways they are written (``compare/data/areas.yaml``)."""

    def __init__(
        self, mapping: dict[str, list[str]], signatures: dict[str, list[str]] | None = None
    ):
        self.ids = set(mapping)
        self._names: dict[str, str] = {}
        for area_id, names in mapping.items():
            for n in (area_id.replace("-", " "), *names):
                self._names[_area_key(n)] = area_id
        # (letters, word beginnings, area id), most specific first.
        self._signatures = sorted(
            (
                (sum(map(len, words)), words, area_id)
                for area_id, sigs in (signatures or {}).items()
                for words in (tuple(_area_key(str(sig)).split()) for sig in sigs)
                if words
            ),
            key=lambda t: -t[0],
        )
        self._loose: dict[str, str | None] = {}

    def resolve(self, phrase: str, *, loose: bool = False) -> str | None:
        """The area ``phrase`` names: one of its names exactly, or (``loose``) a short
        phrase holding one of its signatures ("how it achieves value for money")."""
        key = _area_key(phrase)
        hit = self._names.get(key)
        if hit is not None or not loose:
            return hit
        if key not in self._loose:
            self._loose[key] = self._by_signature(key)
        return self._loose[key]

    def _by_signature(self, key: str) -> str | None:
        words = [w for w in key.split() if w not in _FILLER]
        if not words or len(words) > 12 or _GRADE_WORD.search(key):
            return None  # a piece holding a grade is the next clause, not an area
        for _letters, sig, area_id in self._signatures:
            at = [next((i for i, w in enumerate(words) if w.startswith(p)), None) for p in sig]
            # A one-word signature must open the phrase ("vulnerability work" is the area,
            # "understanding vulnerability" a skill within it); a longer one may follow one
            # word ("using police powers").
            if None not in at and min(at) <= (0 if len(sig) == 1 else 1):
                return area_id
        return None

    def find_in(self, text: str) -> list[str]:
        """Areas written anywhere in ``text`` (longest names first, no overlaps)."""
        key = f" {_area_key(text)} "
        found: list[str] = []
        for name in sorted(self._names, key=len, reverse=True):
            if len(name) > 6 and f" {name} " in key:
                found.append(self._names[name])
                key = key.replace(f" {name} ", " | ")
        return sorted(set(found), key=found.index)

    def resolve_many(self, phrase: str) -> list[str]:
        """Every area in a list ("A, B and C"); [] when the whole phrase names none."""
        whole = self.resolve(phrase)
        return [whole] if whole else self.leading(phrase)[0]

    def listed(self, phrase: str) -> list[str]:
        """Every area named in a list ("A; B, C and D"), skipping pieces that name none."""
        phrase = phrase[:_LIST_CHARS].replace(";", ",")
        found: list[str] = []
        while phrase.strip(" ,.'\"\u2018\u2019\u201c\u201d"):
            hits, consumed = self.leading(phrase)
            found.extend(h for h in hits if h not in found)
            if not consumed:  # a piece that names no area: skip to the next one
                sep = _LIST_SEP.search(phrase)
                if sep is None:
                    break
                consumed = sep.end()
            phrase = phrase[consumed:]
            phrase = phrase[_LIST_SEP.match(phrase).end() :] if _LIST_SEP.match(phrase) else phrase
        return found

    def leading(self, phrase: str) -> tuple[list[str], int]:
        """The areas listed at the start of ``phrase`` and how many characters they take.

        "preventing crime, police powers and public treatment, and managing offenders and
        suspects, which ..." gives three areas: pieces between commas and "and" are joined
        (with their own separators) into the longest run that names an area, left to right,
        stopping at the first piece that names none.
        """
        pieces: list[tuple[int, int]] = []  # (start, end) of each piece in phrase
        pos = 0
        for sep in _LIST_SEP.finditer(phrase):
            pieces.append((pos, sep.start()))
            pos = sep.end()
        pieces.append((pos, len(phrase)))
        found: list[str] = []
        consumed = 0
        i = 0
        while i < len(pieces):
            # No area's name spans more than _RUN pieces: bounded, a long list stays linear.
            for j in range(min(len(pieces), i + _RUN), i, -1):
                # Exact names first (the longest run), then signatures, for a short run
                # ("preventing and deterring crime").
                run = phrase[pieces[i][0] : pieces[j - 1][1]]
                hit = self.resolve(run, loose=j == i + 1)
                if hit:
                    found.append(hit)
                    consumed = pieces[j - 1][1]
                    i = j
                    break
            else:
                # "preventing and investigating crime": the noun written once for two.
                if i + 1 < len(pieces):
                    noun = phrase[pieces[i + 1][0] : pieces[i + 1][1]].split()[-1:]
                    hit = (
                        self.resolve(f"{phrase[pieces[i][0] : pieces[i][1]]} {noun[0]}", loose=True)
                        if noun
                        else None
                    )
                    if hit:
                        found.append(hit)
                        consumed = pieces[i][1]
                        i += 1
                        continue
                break
        return found, consumed


# Words a signature match looks past when it asks what a phrase is about.
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "its",
        "their",
        "it",
        "this",
        "that",
        "with",
        "how",
        "well",
        "way",
        "quickly",
        "more",
        "properly",
    ]
)
# The most pieces (between commas and "and") one area's name has: "preventing and deterring
# crime and antisocial behaviour and reducing vulnerability" is five.
_RUN = 8
# A list of areas longer than this is no list a publication writes: read no further.
_LIST_CHARS = 2000
_AREA_PREPOSITION = re.compile(r"^(?:at|in|for|on)\s+", re.I)
_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|as\s+well\s+as)\s+")


def _area_key(text: str) -> str:
    text = _AREA_CLEAN.sub("", _AREA_PREPOSITION.sub("", text.strip()))
    text = text.lower().replace("&", " and ").replace("anti-social", "antisocial")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    # "and" is left out: "prevents crime, tackles anti-social behaviour, keeps people safe"
    # is the question "preventing crime, tackling anti-social behaviour and keeping ...".
    return re.sub(r"^the | and(?= )", "", text)


def slug(text: str) -> str:
    """An id from free text: lower-case words joined by hyphens, at most 80 characters."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")
    return s[:80].rstrip("-")


def canonical(word: str) -> str | None:
    try:
        return _grades.normalise(word)
    except _grades.GradeError:
        return None


class Reader:
    """Reads grade candidates from lines and sentences, resolving names through the registry."""

    def __init__(self, registry: Registry, areas: Areas, year: int | None = None):
        self.registry = registry
        self.areas = areas
        # The publication's year: a grade set in an earlier year is not this inspection's.
        self.year = year
        self._sentence_past = False  # the sentence opens with a past time ("Last year, ...")
        self._pasts = 0  # grades of the current sentence found to be past
        # Grade tallies stated as this inspection's: (sentence, grade, areas, body or None).
        self.tallies: list[tuple[str, str, int, Body | None]] = []
        self._previous_past = False  # the sentence before spoke only of past grades
        # The running text's sentence before the one read (set by compare.ingest.extract):
        # "... over how it investigates crime and responds to the public." then "its work
        # was inadequate in these two areas".
        self.previous = ""

    # -- names ---------------------------------------------------------------------------
    def resolve_name(self, name: str) -> tuple[Body | None, str | None]:
        """A written name to (body, None), (None, "rocu"/"force") or (None, None)."""
        name = name.strip(" \t,;:-\u2013\u2014'\"\u2018\u2019\u201c\u201d")
        name = _ONLY_PREFIX.sub("", name)
        if not name:
            return None, None
        body = self.registry.resolve(name)
        if body is None:
            stripped = _PARENTHETICAL.sub(" ", name).strip(" ,")
            if stripped != name:
                body = self.registry.resolve(stripped)
        if body is not None:
            return body, None
        if ROCU_REF.match(name):
            return None, "rocu"
        if FORCE_REF.match(name):
            return None, "force"
        return None, None

    def _suffix(self, words: list[str], start_limit: int) -> tuple[Body | None, str | None]:
        """The longest suffix of ``words`` (starting before ``start_limit``) that names a
        force or ROCU and does not follow a preposition ("staff in Dorset Police")."""
        for k in range(1, start_limit):
            if words[k - 1].lower().strip(",") in _PREPOSITION:
                continue
            body, ref = self.resolve_name(" ".join(words[k:]))
            if ref and words[k].lower() == "they" and _OTHER_FORCES.search(" ".join(words[:k])):
                return None, None  # "27 forces were told they 'required improvement'": those
            if ref or (body is not None and body.kind != "region"):
                return body, ref
        return None, None

    def subjects(self, span: str) -> list[tuple[Body | None, str | None, str]]:
        """Every body named in a subject span, e.g. "Avon & Somerset and Dorset Police"."""
        span = _PARENTHETICAL.sub(" ", span)
        span = re.sub(r"\s+", " ", span).strip(" ,")
        span = _LEAD.sub("", span).strip(" ,")
        if not span:
            return []
        body, ref = self.resolve_name(span)
        if body or ref:
            return [(body, ref, span)]
        # "Norfolk and Suffolk constabularies": the kind, written once for all the names.
        span = _PLURAL_KIND.sub("", span)
        pieces = [p for p in _SPLIT.split(span) if p.strip()]
        out: list[tuple[Body | None, str | None, str]] = []
        i = skipped = 0
        while i < len(pieces):
            hit = False
            for j in range(len(pieces), i, -1):
                cand = " and ".join(pieces[i:j])
                body, ref = self.resolve_name(cand)
                if not (body or ref) and i == 0:
                    words = cand.split()
                    body, ref = self._suffix(words, len(pieces[0].split()))
                if body or ref:
                    out.append((body, ref, cand))
                    i, hit = j, True
                    break
            if not hit:
                if out:  # words before the first name are a fronted phrase ("Elsewhere, X")
                    skipped += len(pieces[i])
                i += 1  # an unknown name: skipped, never guessed
        # A span that is mostly other words is a clause, not a list of names: "It made graded
        # judgements on how the unit and the four forces tackle ..., and found X".
        named = sum(len(w) for _b, _r, w in out)
        return out if named >= skipped else []

    # -- forms ---------------------------------------------------------------------------
    def _label(self, label: str, grade: str | None, evidence: str) -> list[Candidate]:
        label = _LABEL_TAIL.sub("", label.strip())
        extent = mentions.EXTENT.search(re.sub(r"\s+is$", "", label))
        if extent:  # "The extent to which the force is legitimate at ... is: good."
            named = self.areas.resolve_many(extent.group("area"))
            who = self.subjects(extent.group("who")) if extent.group("who") else []
            return [
                Candidate(grade, evidence, body, ref, a, written)
                for body, ref, written in (who or [(None, "force", "")])
                for a in named
            ]
        if _SECTION_LABEL.match(label):
            return [Candidate(grade, evidence, ref="section")]
        found = [
            Candidate(grade, evidence, body, ref, None, written)
            for body, ref, written in self.subjects(label)
        ]
        if found:
            return found
        areas = self.areas.resolve_many(label)
        if areas:
            return [Candidate(grade, evidence, ref="force", area=a) for a in areas]
        return []

    def _clause_start(self, text: str, end: int, floor: int = 0) -> int:
        """Where the clause holding a grade starts: after the last punctuation break, a
        contrast ("while", "whereas", "but") or the previous grade read, whichever is last."""
        start = floor
        for m in _CLAUSE_BREAK.finditer(text, floor, end):
            start = m.end()
        base = start
        for m in _CONTRAST.finditer(text, base, end):
            if m.end() < end:
                start = m.end()
        return start

    def _past(self, text: str, start: int, end: int) -> bool:
        """Whether the grade in ``text[start:end]`` is another time's: the clause (and the
        rest of it after the grade) says so, or the sentence opened with a past time."""
        if self._sentence_past:
            self._pasts += 1
            return True
        after = re.split(r"[.;,!?(]", text[end : end + 60], maxsplit=1)[0]
        after = _COMPARED.split(after, maxsplit=1)[0]  # "good, up from adequate last year"
        clause = text[start:end] + " " + after
        past = bool(
            PAST.search(clause)
            or PAST_AFTER.match(after)
            or self._past_year(clause)
            or OTHER_INSPECTION.search(text, start)
        )
        self._pasts += past
        return past

    def _past_year(self, text: str) -> bool:
        """A year (or the end of a range, "2021/22") before the publication's year."""
        for m in YEAR.finditer(text):
            year = int(m.group("y"))
            if m.group("to"):
                to = m.group("to")
                end = int(to) if len(to) == 4 else year // 100 * 100 + int(to)
                year = end if end >= year else year
            if self.year is None or year < self.year:
                return True
        return False

    def fronted_past(self, text: str) -> bool:
        """ "Last year, ...", "In 2020, ...", "In its 2022 PEEL inspection, ...": an opening
        phrase, before the first comma and holding no grade, that puts the sentence in the past."""
        m = _FRONTED.match(text)
        if not m or _GRADE_WORD.search(m.group("lead")):
            return False
        # "... has improved since its last inspection, particularly in A, where it was
        # outstanding": "since" names the baseline of a change, whose result is current.
        lead = _SINCE.sub(" ", m.group("lead"))
        return bool(PAST.search(lead) or self._past_year(lead))

    def sentence(
        self, text: str, default: list[tuple[Body | None, str | None, str]] | None = None
    ) -> list[Candidate]:
        """Candidates in one sentence or list line of running text. ``default`` is the
        subject of an area grade that names none ("good in preventing crime")."""
        if not ANY_GRADE.search(text):
            return []
        out: list[Candidate] = []
        taken: list[tuple[int, int]] = []
        last: list[tuple[Body | None, str | None, str]] = []
        self._sentence_past = self.fronted_past(text) or bool(
            self._previous_past and _ALSO.match(text)
        )
        self._pasts = 0
        try:
            out.extend(self._only_last(text) or self.performance_is(text))
            if not out:
                self._sentence(text, default, out, taken, last)
            return out
        finally:
            self._previous_past = bool(self._pasts) and not out
            self._sentence_past = False

    def _only_last(self, text: str) -> list[Candidate]:
        """ "The only force graded as inadequate was BTP." """
        m = ONLY_LAST.match(text)
        if not m or self._sentence_past:
            return []
        grade = canonical(m.group("grade"))
        if grade is None or PAST.search(text):
            return []
        areas: list[str] = []
        if m.group("area_tail"):
            areas = self._area_after(m.group("area_tail"), 0)[0]
        return [
            Candidate(grade, text, body, ref, area, written)
            for body, ref, written in self.subjects(m.group("subj"))
            for area in areas or [None]
        ]

    def _sentence(self, text, default, out, taken, last) -> list[Candidate]:
        # Each form needs one of a few words; a form whose words are all absent is not
        # searched for (see _needs).
        low = text.lower() if text.isascii() else None
        matches = sorted(
            [
                m
                for pattern, words in _FORMS
                if low is None or any(w in low for w in words)
                for m in pattern.finditer(text)
            ],
            key=lambda m: m.start(),
        )
        floor = 0
        front = mentions.FRONT_AREA.match(text)
        front_areas = self.areas.resolve_many(front.group("area")) if front else []
        for m in matches:
            grade = canonical(m.group("grade"))
            if grade is None or m.start() < floor:
                taken.append((m.start(), m.end()))
                continue
            grades, list_end = self._grade_list(text, m.end(), grade)
            start = self._clause_start(text, m.start(), floor)
            clause_floor = floor
            areas, floor = self._area_after(text, list_end)
            areas = areas or front_areas
            if not areas and mentions.TALLY.match(text, list_end):
                continue  # "rated good in four areas, namely ...": compare.ingest.mentions
            taken.append((m.start(), m.end()))
            if self._past(text, start, m.end()):
                continue
            span = text[start : m.start()]
            subj = self.subjects(span)
            if not subj:
                subj, area = self._performance_subject(span)
                areas = areas or ([area] if area else [])
            if not subj and not span.strip():
                # "Three forces – A, B and C – were graded as ...": the list between dashes.
                dashed = _DASHED.search(text, clause_floor, start)
                subj = self.subjects(dashed.group(1)) if dashed else []
            if not subj and span.strip() and not areas:
                # "Investigating crime was graded as good": an area as the subject.
                named = self.areas.resolve_many(_LEAD.sub("", span.strip(" ,")))
                if named:
                    subj, areas = [(None, "force", "")], named
            if not subj and re.fullmatch(_CONTINUATION, span, re.I):
                subj = last
            if not subj and len(grades) == 1:
                taken.pop()  # no subject here: compare.ingest.mentions looks further back
                continue
            if len(grades) != 1:
                # "A and B were graded as adequate and good respectively", in order; a list
                # of grades otherwise ("good or outstanding") ties none.
                if len(grades) == len(subj):
                    for (body, ref, written), g in zip(subj, grades, strict=True):
                        for area in areas or [None]:
                            out.append(Candidate(g, text, body, ref, area, written))
                last = subj or last
                continue
            for body, ref, written in subj:
                for area in areas or [None]:
                    out.append(Candidate(grade, text, body, ref, area, written))
            last = subj or last
            # Ellipsis: "..., and Wiltshire Police as good".
            for e in _ELLIPSIS.finditer(text, floor):
                g = canonical(e.group("grade"))
                if g and not self._sentence_past and not PAST.search(e.group(0)):
                    for body, ref, written in self.subjects(e.group("subj")):
                        out.append(Candidate(g, text, body, ref, None, written))
        for m in ACTIVE.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            grade = canonical(m.group("grade"))
            if not mentions.NEXT_OK.match(text, m.end()):
                continue  # "considered it to be good practice that ...": not a grade
            # The clause holds the subject too: "the previous report that found X to be Y".
            if grade is None or self._past(text, self._clause_start(text, m.start()), m.end()):
                continue
            areas, end = self._area_after(text, m.end())
            if not areas and mentions.TALLY.match(text, m.end()):
                taken.pop()  # "found X to be 'good' in two areas, ...": a tally, read there
                continue
            floor = max(floor, end)
            subj = self.subjects(m.group("subj") or m.group("subj2"))
            for body, ref, written in subj:
                for area in areas or [None]:
                    out.append(Candidate(grade, text, body, ref, area, written))
            last = subj or last
        out.extend(self._area_prose(text, taken, last, floor, default or []))
        out.extend(mentions.read(self, text, taken, default or [(None, "force", "")], last))
        return out

    def _grade_list(self, text: str, end: int, grade: str) -> tuple[list[str], int]:
        """The grades listed from the one just read (which ends at ``end``) and where the list
        ends: [grade] alone; every grade of a "respectively" list, in order; or [] for a list
        that ties no grade to a body ("requires improvement or inadequate")."""
        grades = [grade]
        pos = end
        while m := _MORE_GRADES.match(text, pos):
            more = canonical(_GRADE_WORD.search(m.group(0)).group(0))
            if more is None:
                break
            grades.append(more)
            pos = m.end()
        if len(grades) == 1:
            return grades, end
        r = _RESPECTIVELY.match(text, pos)
        return (grades, r.end()) if r else ([], pos)

    def performance_is(self, text: str) -> list[Candidate]:
        """ "Its performance in protecting vulnerable people is inadequate." """
        m = PERFORMANCE_IS.match(text)
        if not m or self.fronted_past(text):
            return []
        grade = canonical(m.group("grade"))
        area = self.areas.resolve(m.group("area"))
        if grade is None or area is None:
            return []
        subj = [(None, "force", "")] if m.group("its") else self.subjects(m.group("who"))
        return [Candidate(grade, text, body, ref, area, written) for body, ref, written in subj]

    def _performance_subject(
        self, span: str
    ) -> tuple[list[tuple[Body | None, str | None, str]], str | None]:
        """ "The force's performance in investigating crime" -> (the force, the area)."""
        m = _PERFORMANCE.match(span.strip())
        if not m:
            return [], None
        area = self.areas.resolve(m.group("area")) if m.group("area") else None
        if m.group("area") and area is None:
            return [], None  # "X's work on something else was good": not a grade of X
        subj = self.subjects(m.group("who"))
        return (subj, area) if subj else ([], None)

    def _area_after(self, text: str, end: int) -> tuple[list[str], int]:
        """Areas named right after a grade ("... good at X and Y") and where they end."""
        m = mentions.AREA_AFTER.match(text[end:])
        if not m or not m.group(0).strip(" ,"):
            return [], end
        start = end + m.end()
        run = mentions.area_run(self, text[start:])
        if run:  # "adequate at A; B, and C; and D.": the run is the rest of the sentence
            return run, len(text)
        tail = re.split(r"[.;:!?()]", text[start:], maxsplit=1)[0]
        found, consumed = self.areas.leading(tail)
        return found, (start + consumed if found else end)

    def _area_prose(
        self,
        text: str,
        taken: list[tuple[int, int]],
        last: list[tuple[Body | None, str | None, str]],
        floor: int,
        default: list[tuple[Body | None, str | None, str]],
    ) -> list[Candidate]:
        out: list[Candidate] = []
        pos = 0
        while True:
            # Searched step by step, not with finditer: a match's area runs to the end of the
            # clause, and the next grade ("..., requires improvement in Y") may sit inside it.
            m = AREA_PROSE.search(text, pos)
            if m is None:
                break
            pos = m.start("grade") + 1
            if any(s <= m.start("grade") < e for s, e in taken):
                continue
            grade = canonical(m.group("grade"))
            run = mentions.area_run(self, text[m.start("area") :])
            areas, consumed = (
                (run, len(text) - m.start("area")) if run else self.areas.leading(m.group("area"))
            )
            if grade is None or not areas:
                continue
            start = self._clause_start(text, m.start(), floor)
            floor = pos = m.start("area") + consumed
            if self._past(text, start, m.end()):
                taken.append((m.start("grade"), m.end("grade")))
                continue
            span = text[start : m.start()]
            subj = self.subjects(span) if span.strip(" ,") else []
            if not subj and re.fullmatch(_CONTINUATION, span, re.I):
                # "..., but requires improvement at investigating crime", or a list line
                # "good in preventing crime" under "... found it was:".
                subj = last or default
            if subj:  # else compare.ingest.mentions looks for the subject further back
                taken.append((m.start("grade"), m.end("grade")))
            for body, ref, written in subj:
                for area in areas:
                    out.append(Candidate(grade, text, body, ref, area, written))
            last = subj or last
        return out

    def label_line(self, text: str) -> list[Candidate]:
        """``X: grade`` or ``X (grade)`` as a whole line; ``Grade: X, Y and Z``."""
        for pattern in (LABEL, PAREN):
            m = pattern.match(text)
            if m:
                grade = canonical(m.group("grade")) if m.group("grade") else None
                if grade is None and not m.group("ungraded"):
                    continue
                return self._label(m.group("label"), grade, text)
        m = GRADE_FIRST.match(text)
        if m:
            grade = canonical(m.group("grade"))
            if grade:
                found = [
                    Candidate(grade, text, body, ref, None, written)
                    for body, ref, written in self.subjects(m.group("list"))
                ]
                if found:
                    return found
                # "Outstanding – in engaging with and treating the public ...": areas.
                listed = re.sub(r"^(?:in|at|for)\s+", "", m.group("list").strip(), flags=re.I)
                return [
                    Candidate(grade, text, ref="force", area=a) for a in self.areas.listed(listed)
                ]
        return []

    def bare(self, text: str) -> tuple[bool, str | None]:
        """(True, grade) when the line is only a grade ("Requires improvement", "Grade: Good")."""
        m = BARE.match(text)
        if not m:
            return False, None
        if m.group("ungraded"):
            return True, None
        grade = canonical(m.group("grade"))
        return (grade is not None), grade
