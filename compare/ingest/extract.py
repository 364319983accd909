"""Blocks to a Snapshot: metadata, programme and subject, judgments, findings, quotes.

Nothing is invented: a date that is not written must be given; a grade not tied to a body is
not read; a body the registry does not know is skipped; when the programme or the subject
cannot be told from the text the caller is asked to pass it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import msgspec

from compare import grades as _grades
from compare import model, packagedata
from compare import registry as _registry
from compare.errors import IngestError, InspdiffError
from compare.ingest import findings as _findings
from compare.ingest import judgments as _judgments
from compare.ingest import mentions as _mentions
from compare.ingest.blocks import Block
from compare.ingest.text import Document, Segment, parse_date, read_document

SOC = "soc-regional"
# The subject of a publication that grades forces of several regions.
NATIONAL = "england-and-wales"
PEEL = "peel"
SOC_AREA = "serious-and-organised-crime"

_SOC_WORDS = re.compile(
    r"serious (?:and )?organi[sz]ed crime|\bROCUs?\b|regional organised crime units?"
    r"|special operations units?",
    re.I,
)
_PEEL_WORD = re.compile(r"\b(?:PEEL|Peel)\b(?!ian)")
# A list's introduction that holds its grade: "The force was also graded as good at:-".
_GRADE_INTRO = re.compile(rf"{_judgments.GRADE}\s+(?:at|in|for)\s*:?-?\s*$", re.I)
# A 2014-19 pillar phrase that names no pillar (compare/data/areas.yaml), and what tells
# which pillar a publication is about: the pillars' nouns (_PILLAR; the adjectives describe
# other things too: "effective processes in the control room"), PEEL's name aside.
_UNNAMED_PILLAR = "peel-pillar-unnamed"
_PEEL_NAME = re.compile(
    r"effectiveness,?\s+efficiency,?\s+(?:and\s+)?legitimacy(?:,?\s+(?:and\s+)?leadership)?"
    r"|efficiency,?\s+effectiveness,?\s+(?:and\s+)?legitimacy"
)
# The 2014-19 pillars and their questions, which no later cycle grades.
_LATER_CYCLES = frozenset({"peel-2021-22", "peel-2023-25"})
_PILLAR_AREA = re.compile(r"^(?:effectiveness|efficiency|legitimacy)(?:-|$)")
_REPORT_PUBLISHED = re.compile(
    r"\bpublish(?:ed|es)\b.{0,80}\b(?:PEEL|inspection|report)\b"
    r"|\b(?:PEEL|inspection|report)\b.{0,80}\bpublish(?:ed|es)\b",
    re.I,
)
_EARLY_CYCLES = frozenset({"peel-2014", "peel-2014-19"})
_EARLY_AREA = re.compile(r"^(?:effectiveness|efficiency|legitimacy|leadership)(?:-|$)")
_PEEL_WORDS = re.compile(
    r"effectiveness,? efficiency,? and legitimacy|areas of policing|\b(?:police|its|the force[’']s)"
    r" (?:effectiveness|efficiency|legitimacy)\b|\b(?:effectiveness|efficiency|legitimacy) of"
    r" (?:the |all )?(?:police )?forces\b",
    re.I,
)
_AREAS_GRADED = re.compile(
    rf"\b(?:across|over|on)\s+(?P<n>\d{{1,2}}|{'|'.join(_mentions.NUMBER_WORDS)})\s+"
    rf"(?:(?:graded|key|core)\s+)?areas\b"
    rf"|\b(?P<n2>\d{{1,2}}|{'|'.join(_mentions.NUMBER_WORDS)})\s+areas\s+of\s+policing\b",
    re.I,
)
_ORGANISED_CRIME = re.compile(r"\borgani[sz]ed crime\b", re.I)
_THIS_AREA = re.compile(r"\b(?:this|that|these)\s+(?:areas?|questions?)\b", re.I)
_RESET_HEADING = re.compile(
    r"^(?:regional findings|the region|(?:executive )?summary|introduction|overview"
    r"|conclusions?|background|about (?:this|the) (?:inspection|report)|(?:key|our|main) findings"
    r"|contents|methodology|glossary|annex|appendix)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Options:
    published: str | None = None
    subject: str | None = None
    programme: str | None = None
    allow_ungraded: bool = False
    scale: str | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    origin: str
    raw: bytes
    media: str  # txt | html
    kind: str  # text | html | url
    encoding: str = "utf-8"
    url: str | None = None  # the URL fetched, when there was one


@cache
def areas() -> _judgments.Areas:
    data = packagedata.load("areas.yaml")
    return _judgments.Areas(
        {k: [str(n) for n in v] for k, v in data["areas"].items()},
        {k: [str(n) for n in v] for k, v in data.get("signatures", {}).items()},
    )


@cache
def cycles() -> dict[str, dict]:
    """PEEL cycles: id -> {from, names, areas} (``compare/data/areas.yaml``)."""
    return {k: dict(v) for k, v in packagedata.load("areas.yaml").get("cycles", {}).items()}


_LIST_MARK = re.compile(r"^\s*(?::+|\u00bb|>|\u2022|\*|-)\s*\w")
_THE_FORCE = re.compile(r"\b(?:the|this)\s+(?:force|constabulary)\b", re.I)
_PILLAR = re.compile(r"\b(effectiveness|efficiency|legitimacy)\b")
_CYCLE_TITLE = re.compile(r"PEEL|effectiveness|efficiency|legitimacy|inspection", re.I)


class _Extraction:
    def __init__(self, blocks: list[Block], src: SourceInfo, opts: Options, *, title, meta):
        self.src = src
        self.opts = opts
        self.registry = _registry.load()
        self.areas = areas()
        self.lexicon = _findings.lexicon()
        self.reader = _judgments.Reader(self.registry, self.areas)
        self._targets: dict[str, tuple[str, str] | None] = {}
        self._list_lines: set[str] = set()  # lines read as items of a list (see candidates)
        self._text_pillars: set[str] | None = None  # see text_pillar
        # Lines read whole as grades (labels, bare grades, items under a grade heading):
        # never findings.
        self.graded_lines: set[int] = set()
        # Sentences of running text -> whether the reader found a grade in them.
        self._read: dict[str, bool] = {}
        self._intro_forces: dict[str, list[_registry.Body]] = {}
        self.cycle: str | None = None  # the PEEL cycle, once the programme is known
        self.inferred: list[str] = []  # "judgments.BODY.AREA" keys recorded by inference
        self._grade_heads: set[int] = set()  # grade lines over area lines (a grade-first list)
        self.doc: Document = read_document(
            blocks,
            html_title=title,
            meta=meta,
            polarity_headings=self.lexicon.headings,
            classify_heading=self._classify_heading,
        )

    # -- sections ------------------------------------------------------------------------
    def target(self, heading: str | None) -> tuple[str, str] | None:
        """What a section heading is about: ("body", id) or ("area", id), or None."""
        if heading is None or heading in self._list_lines:
            return None  # a line of a list under "... are:" is an item, not a section
        if heading in self._targets:
            return self._targets[heading]
        found: tuple[str, str] | None = None
        text = re.sub(r"\s*[:\u2013\u2014]\s*$", "", heading)
        labelled = self.reader.label_line(text)
        bodies = [c.body for c in labelled if c.body is not None]
        if len(bodies) == 1:
            found = ("body", bodies[0].id)
        elif labelled and all(c.area for c in labelled) and len(labelled) == 1:
            found = ("area", labelled[0].area)
        if found is None:
            body, _ = self.reader.resolve_name(text)
            if body is not None and body.kind != "region":
                found = ("body", body.id)
        if found is None:
            area = self.areas.resolve(text)
            if area:
                found = ("area", area)
        if found is None and len(text.split()) <= 14:
            named = [b for b in self.registry.mentions(text) if b.kind != "region"]
            if len(named) == 1:
                found = ("body", named[0].id)
        self._targets[heading] = found
        return found

    def _classify_heading(self, text: str) -> str | None:
        if self.target(text) is not None:
            return "section"
        if _RESET_HEADING.match(text):
            return "reset"
        return None

    # -- judgments -----------------------------------------------------------------------
    def candidates(self) -> list[tuple[_judgments.Candidate, Segment]]:
        out: list[tuple[_judgments.Candidate, Segment]] = []
        reader = self.reader
        segments = self.doc.segments
        names_of: dict[int, str] = {}  # index of a line of names -> the grade over it
        over = self._grades_over_areas(segments)  # index of an area line -> its grade
        question: tuple[int, str] | None = None  # (position, area) of the last PEEL question
        lines_intro: tuple[str, int] | None = None  # (grade, position) of "... are:" over lines
        previous = ""  # the last sentence of the paragraph before (reader.previous)
        for n, seg in enumerate(segments):
            if seg.kind == "heading":
                previous = ""
            if seg.text.rstrip().endswith("?"):
                area = self.areas.resolve(seg.text.rstrip(" ?"))
                question = (n, area) if area else None
            elif question is not None and n - question[0] <= 3:
                # "How effective is the force at investigating crime ...?" then, after a
                # "Last updated" line at most, a bare "Requires improvement": that question's.
                ok, grade = reader.bare(seg.text)
                if ok:
                    out.append(
                        (_judgments.Candidate(grade, seg.text, None, "force", question[1]), seg)
                    )
                    self.graded_lines.add(seg.index)
                    question = None
                    continue
            if seg.index in self._grade_heads:
                continue  # a grade line over area lines: read with them
            if seg.index in over:
                # "Good" then "Managing offenders and suspects", "Investigating crime", ...
                out.extend(
                    (_judgments.Candidate(over[seg.index], seg.text, None, "force", a), seg)
                    for a in self.areas.resolve_many(
                        re.sub(r"\s*\([^)]*\)", "", seg.text).strip(" .;,")
                    )
                )
                self.graded_lines.add(seg.index)
                continue
            if seg.index in names_of:
                # The line of names under a bare grade line (":: Good" then "A, B and C").
                grade = names_of[seg.index]
                out.extend(
                    (_judgments.Candidate(grade, seg.text, body, ref, None, written), seg)
                    for body, ref, written in reader.subjects(seg.text)
                )
                self.graded_lines.add(seg.index)
                continue
            following = segments[n + 1] if n + 1 < len(segments) else None
            if following is not None and following.kind != "item":
                ok, grade = reader.bare(seg.text)
                # Two names or more, or a grade line marked as a list head (":: Good"): a
                # lone name after a plain grade line is the next body's section heading.
                if (
                    ok
                    and grade
                    and (_LIST_MARK.match(seg.text) or len(reader.subjects(following.text)) > 1)
                    and _names_only(reader, following.text)
                ):
                    names_of[following.index] = grade
                    self.graded_lines.add(seg.index)
                    continue
            if seg.kind == "paragraph" and seg.text.rstrip().endswith(":"):
                listed = _mentions.intro_grade(seg.text)
                lines_intro = (listed, n) if listed and not reader.fronted_past(seg.text) else None
            elif lines_intro is not None and seg.kind in ("paragraph", "heading"):
                # "The areas where the force was found to be inadequate are:" then one area
                # per line, as plain text shows a list: each line's area has that grade.
                named = (
                    self.areas.resolve_many(seg.text.strip(" .;,"))
                    if len(seg.text) <= 160 and n - lines_intro[1] <= 12
                    else []
                )
                if named:
                    subject = self._default_subject(seg)[0]
                    out.extend(
                        (
                            _judgments.Candidate(
                                lines_intro[0], seg.text, subject[0], subject[1], a
                            ),
                            seg,
                        )
                        for a in named
                    )
                    self.graded_lines.add(seg.index)
                    self._list_lines.add(seg.text)
                    continue
                lines_intro = None
            if seg.kind == "heading":
                found = reader.label_line(seg.text)
                ok, grade = reader.bare(seg.text)
                following = segments[n + 1] if n + 1 < len(segments) else None
                if not found and ok and (following is None or following.kind != "item"):
                    # A bare grade line that plain text shows as a heading, in a section.
                    found = [_judgments.Candidate(grade, seg.text, ref="section")]
                if not found and not ok:
                    # A statement that plain text shows as a heading (a line without a full
                    # stop): "North Yorkshire Police's effectiveness ... is good". Weak, as a
                    # headline's grades are.
                    read = reader.sentence(seg.text, self._default_subject(seg))
                    found = [dataclasses.replace(c, weak=True) for c in read]
                out.extend((c, seg) for c in found)
                continue
            if seg.kind == "item" and seg.list_intro:
                ok, grade = reader.bare(seg.list_intro.rstrip(":"))
                intro = _GRADE_INTRO.search(re.sub(r"\s*\([^)]*\)", "", seg.list_intro))
                if not ok and intro and not reader.fronted_past(seg.list_intro):
                    # "The force was also graded as good at:-" over a list of areas.
                    ok, grade = True, _judgments.canonical(intro.group("grade"))
                if ok and grade:  # a grade heading over a list of bodies or areas
                    subjects = reader.subjects(seg.text)
                    found = [
                        _judgments.Candidate(grade, seg.text, body, ref, None, written)
                        for body, ref, written in subjects
                    ]
                    if not found:
                        subject = self._default_subject(seg)[0]
                        found = [
                            _judgments.Candidate(grade, seg.text, subject[0], subject[1], a)
                            for a in self.areas.resolve_many(seg.text.rstrip(" .;,"))
                        ]
                    if found:
                        self.graded_lines.add(seg.index)
                        out.extend((c, seg) for c in found)
                        continue
            found = reader.label_line(seg.text)
            if not found:
                ok, grade = reader.bare(seg.text)
                if ok:
                    found = [_judgments.Candidate(grade, seg.text, ref="section")]
            if found:
                self.graded_lines.add(seg.index)
            else:
                default = self._default_subject(seg)
                before = ""  # the previous sentence
                for sentence in _findings.sentences(seg.text):
                    reader.previous = before or previous
                    read = reader.sentence(sentence, default)
                    self._read[sentence] = bool(read)
                    found.extend(read)
                    if not read and (";" in sentence or ":" in sentence):
                        # Labels run into a paragraph: "The grades were: A – adequate;
                        # B – good", "SWROCU: adequate. Dorset Police: good."
                        for part in sentence.split(";"):
                            part = part.strip()
                            if ":" in part and not reader.label_line(part):
                                part = part.split(":", 1)[1].strip()
                            found.extend(reader.label_line(part))
                    if _judgments.ungraded_prose(sentence):
                        named = self.areas.find_in(sentence)
                        if not named and _THIS_AREA.search(sentence):
                            named = self.areas.find_in(before)  # "We don't grade this area."
                        found.extend(
                            _judgments.Candidate(None, sentence, ref="force", area=a) for a in named
                        )
                        if not named:
                            found.append(_judgments.Candidate(None, sentence, ref="section"))
                    before = sentence
                previous = before
            out.extend((c, seg) for c in found)
        if self.doc.title:
            # A headline states grades too ("Cheshire Police rated good for efficiency ..."),
            # but in few words: what the text itself says overrides it.
            seg = Segment(-1, "paragraph", self.doc.title)
            read = reader.sentence(self.doc.title, [(None, "force", "")])
            out.extend((dataclasses.replace(c, weak=True), seg) for c in read)
        return out

    def _grades_over_areas(self, segments: list[Segment]) -> dict[int, str]:
        """A list laid out grade first: a bare grade line, then lines that each name an area
        ("Good" / "Preventing crime and anti-social behaviour" / "Managing offenders" /
        "Adequate" / ...). Only when the first bare grade line stands outside any area's
        section and an area line follows it: a full report's "Investigating crime" heading
        over a grade line is the other way round. {index of each area line: its grade}."""
        reader = self.reader
        bare = [reader.bare(s.text) for s in segments]
        first = next((i for i, (ok, g) in enumerate(bare) if ok and g), None)
        if (
            first is None
            or first + 1 >= len(segments)
            or (self.target(segments[first].section) or ("", ""))[0] == "area"
            or not self._area_line(segments[first + 1].text)
        ):
            return {}
        out: dict[int, str] = {}
        grade: str | None = None
        for i, seg in enumerate(segments[first:], first):
            ok, g = bare[i]
            if ok:
                grade = g
                self.graded_lines.add(seg.index)
                self._grade_heads.add(seg.index)
            elif grade and self._area_line(seg.text):
                out[seg.index] = grade
            else:
                grade = None
        return out

    def _area_line(self, text: str) -> bool:
        """A line that is one or more area names and nothing else."""
        if text.rstrip().endswith("?"):
            return False  # a PEEL question heads the grade after it, not before
        text = re.sub(r"\s*\([^)]*\)", "", text).strip(" .;,")
        if len(text) > 160:
            return False
        return bool(self.areas.resolve(text) or self.areas.leading(text)[1] >= len(text) - 2)

    def _default_subject(self, seg: Segment) -> list[tuple[_registry.Body | None, str | None, str]]:
        """Whom an area grade without a subject is about: the one force named in the line
        that introduced the list ("Kent Police was found to be:"), else "the force"."""
        if seg.kind == "item" and seg.list_intro:
            forces = self._intro_forces.get(seg.list_intro)
            if forces is None:
                forces = [b for b in self.registry.mentions(seg.list_intro) if b.role == "force"]
                self._intro_forces[seg.list_intro] = forces
            if len(forces) == 1:
                return [(forces[0], None, forces[0].name)]
        return [(None, "force", "")]

    def is_graded_sentence(self, sentence: str) -> bool:
        """A grade statement (even about an unknown body) is a judgment, not a finding."""
        if not _judgments.ANY_GRADE.search(sentence):
            return False  # every form below needs a grade word or "not graded"/"grade"
        r = self.reader
        read = self._read.get(sentence)  # what candidates() found in this very sentence
        if read:
            return True  # a grade was read in it: the searches below would only agree
        return bool(
            _judgments.any_form(sentence)  # PASSIVE, ONLY, CHANGED, REGRADED, KEPT, RECEIVED_*
            or _judgments.ONLY_LAST.search(sentence)
            or _judgments.PERFORMANCE_IS.match(sentence)
            or _judgments.ACTIVE.search(sentence)
            or _judgments.LABEL.match(sentence)  # a grade against a label, known or not
            or _judgments.PAREN.match(sentence)
            or r.label_line(sentence)
            or r.bare(sentence)[0]
            or (read if read is not None else r.sentence(sentence, [(None, "force", "")]))
            or _judgments.ungraded_prose(sentence)
            or _judgments.GRADE_TALLY.search(sentence)
        )

    # -- grade tally -------------------------------------------------------------------------
    def tally(self, programme: str, subject: str) -> model.Tally | None:
        """The grade tally the publication states for its PEEL subject: the counts of its
        first tally statement (consecutive counts, until a grade is counted again) and the
        number of areas graded said before it ("across nine areas of policing")."""
        body = self.registry.bodies.get(subject)
        if programme != PEEL or body is None or body.role != "force":
            return None  # a tally counts one force's areas
        rows = [r for r in self.reader.tallies if r[3] is None or r[3].id == subject]
        if not rows:
            return None
        counts: dict[str, int] = {}
        sentences: list[str] = []
        for sentence, grade, n, _body in rows:
            if grade in counts:
                break
            counts[grade] = n
            if sentence not in sentences:
                sentences.append(sentence)
        text = self.all_text()
        end = text.find(sentences[-1])
        end = len(text) if end < 0 else end + len(sentences[-1])
        areas = None
        for m in _AREAS_GRADED.finditer(text, max(0, text.find(sentences[0]) - 600), end):
            areas = _mentions.count_of(m.group("n") or m.group("n2"))
        if areas is not None and sum(counts.values()) > areas:
            areas = None
        evidence = " ".join(sentences)
        evidence = evidence if len(evidence) <= 300 else evidence[:297] + "..."
        try:
            return model.Tally(areas=areas, grades=dict(sorted(counts.items())), evidence=evidence)
        except (ValueError, msgspec.ValidationError, InspdiffError):
            return None  # counts that cannot be a tally: not recorded

    # -- PEEL cycle --------------------------------------------------------------------------
    def detect_cycle(self, programme: str, published: str) -> str | None:
        """The PEEL cycle a title names ("PEEL 2021/22 – An inspection of ..."), else the one
        in force on the publication date; None outside PEEL."""
        if programme != PEEL:
            return None
        published = min(published, self._report_date() or published)
        titles = [
            t for t in (self.doc.title or "", *self.doc.report_titles) if _CYCLE_TITLE.search(t)
        ]
        named = [
            (len(n), cid)
            for cid, c in cycles().items()
            for n in c.get("names", ())
            if any(
                re.search(rf"(?<![\d/\u2013-]){re.escape(str(n))}(?![\d/\u2013-])", t)
                for t in titles
            )
        ]
        in_force = {cid for cid, c in cycles().items() if str(c["from"]) <= published}
        named = [(n, cid) for n, cid in named if cid in in_force]
        if named:
            return max(named)[1]
        # Names of areas (or of the cycle) that only one cycle used, anywhere in the text but
        # in what it says of an earlier inspection ("the previous report found it to require
        # improvement in engaging with and treating the public ...", "It was also found ...").
        kept: list[str] = []
        past = False
        for seg in self.doc.segments:
            past = bool(_judgments.PAST.search(seg.text)) or (
                past and bool(_judgments._ALSO.match(seg.text))
            )
            if not past:
                kept.append(seg.text)
        text = re.sub(r"[^a-z0-9/\u2013-]+", " ", "\n".join(kept).lower().replace("&", " and "))
        text = re.sub(r" and(?= )", "", text)
        marks: dict[str, int] = {}
        for cid, c in cycles().items():
            if cid not in in_force:
                continue  # a cycle that had not begun cannot be the publication's
            for mark in c.get("marks", ()):
                if re.sub(r" and(?= )", "", str(mark).lower()) in text:
                    marks[cid] = marks.get(cid, 0) + 1
        for cid, n in list(marks.items()):
            if n < 2 and published > str(cycles()[cid].get("until", "9999")):
                del marks[cid]
        most = max(marks.values(), default=0)
        marked = [cid for cid, n in marks.items() if n == most]
        if len(marked) == 1:  # the most marks; a tie goes by date
            return marked[0]
        current = None
        for cid, c in sorted(cycles().items(), key=lambda kv: str(kv[1]["from"])):
            if str(c["from"]) <= published:
                current = cid
        return current

    def _report_date(self) -> str | None:
        """The date the text says its report was published ("On 17th March 2023 HMICFRS
        published its PEEL inspection of ..."), where an article written later states it:
        the report's cycle is the one in force then. None where it states none (what it says
        of an earlier report does not count)."""
        for seg in self.doc.segments:
            if _REPORT_PUBLISHED.search(seg.text) and not _judgments.PAST.search(seg.text):
                day = parse_date(seg.text)
                if day:
                    return day
        return None

    def text_pillar(self, programme: str, sentence: str) -> str | None:
        """The one 2014-19 pillar a publication is about, for a grade "at keeping people safe
        and reducing crime" that does not say which: the third where its sentence names the
        other two, else its title's pillar, else the one pillar its text names (the words of
        "effectiveness, efficiency and legitimacy", PEEL's name, do not count), else None:
        every pillar release wrote that phrase."""
        if programme != PEEL or self.cycle not in ("peel-2014", "peel-2014-19"):
            return None
        beside = set(_PILLAR.findall(_PEEL_NAME.sub(" ", sentence.lower())))
        if len(beside) == 2:  # "good at keeping people safe ..., good in efficiency and legitimacy"
            return ({"effectiveness", "efficiency", "legitimacy"} - beside).pop()
        titled = self.title_pillar(programme)
        if titled:
            return titled
        if self._text_pillars is None:  # once per publication, not per grade
            self._text_pillars = set(_PILLAR.findall(_PEEL_NAME.sub(" ", self.all_text().lower())))
        return next(iter(self._text_pillars)) if len(self._text_pillars) == 1 else None

    def bare_pillar(self, programme: str, sentence: str) -> str | None:
        """The 2014-19 pillar of a grade stated with no area ("South Yorkshire Police and
        Humberside Police have been judged as requiring improvement in the latest efficiency
        inspection"): the one pillar its sentence names, else the one its publication is
        about (text_pillar); None where the sentence names several. Pillar reports came out
        one at a time in 2015-17, and their coverage names the pillar once, often not beside
        the grade."""
        if programme != PEEL or self.cycle not in ("peel-2014", "peel-2014-19"):
            return None
        named = set(_PILLAR.findall(_PEEL_NAME.sub(" ", sentence.lower())))
        if len(named) == 1:
            return named.pop()
        return None if named else self.text_pillar(programme, sentence)

    def title_pillar(self, programme: str) -> str | None:
        """The one 2014-19 pillar a PEEL title names ("PEEL: police legitimacy 2017 – force
        press releases"): a grade stated without an area in such a publication is for it."""
        if programme != PEEL or self.cycle != "peel-2014-19":
            return None
        named = set(_PILLAR.findall((self.doc.title or "").lower()))
        return named.pop() if len(named) == 1 else None

    def cycle_areas(self, programme: str) -> dict[str, str]:
        """Area ids to this publication's cycle's ids (empty outside PEEL)."""
        cycle = self.cycle if programme == PEEL else None
        return dict(cycles()[cycle].get("areas", {})) if cycle else {}

    # -- programme and subject -------------------------------------------------------------
    def all_text(self) -> str:
        return "\n".join(s.text for s in self.doc.segments)

    def detect_programme(self, cands: list[_judgments.Candidate]) -> tuple[str, str]:
        if self.opts.programme:
            return self._checked_slug(self.opts.programme, "programme"), "given"
        # The titles first (the page's and the report's it announces), then what was graded,
        # then the words of the text.
        title = "\n".join([self.doc.title or "", *self.doc.report_titles])
        text = self.all_text()
        explicit_areas = {c.area for c in cands if c.area and c.area != SOC_AREA}
        has_rocu = any(c.body is not None and c.body.kind == "rocu" for c in cands) or any(
            c.ref == "rocu" for c in cands
        )
        if _PEEL_WORD.search(title) or (explicit_areas and not has_rocu):
            return PEEL, "parsed"
        # Graded regional SOC inspections began in 2022: before, "serious and organised crime"
        # in a text is a PEEL effectiveness question.
        regional_era = self.reader.year is None or self.reader.year >= 2022
        if has_rocu or _SOC_WORDS.search(title) or (regional_era and _SOC_WORDS.search(text)):
            return SOC, "parsed"
        if _PEEL_WORD.search(text) or _PEEL_WORDS.search(text) or not regional_era:
            return PEEL, "parsed"
        if _ORGANISED_CRIME.search(title) or _ORGANISED_CRIME.search(text):
            # "how police forces tackle organised crime"
            return SOC, "parsed"
        if len(set(self.areas.find_in(text)) - {SOC_AREA}) >= 2:
            # "gradings in nine areas ... 'recording data about crime', 'preventing crime'":
            # two or more PEEL areas named, even where no form tied a grade to them.
            return PEEL, "parsed"
        raise IngestError(
            f"{self.src.origin}: cannot tell which inspection programme this is; "
            "pass --programme (e.g. soc-regional or peel)"
        )

    def _checked_slug(self, value: str, what: str) -> str:
        try:
            return model.check_slug(value, what)
        except ValueError as err:
            raise IngestError(f"{self.src.origin}: --{what}: {err}") from None

    def detect_subject(self, programme: str, cands: list[_judgments.Candidate]) -> tuple[str, str]:
        if self.opts.subject:
            return self._checked_slug(self.opts.subject, "subject"), "given"
        named = [c.body or self._antecedent(c) for c in cands]
        named = [b for b in named if b is not None]
        title = self.doc.title or ""
        in_title = self.registry.mentions(title)
        if programme == PEEL:
            forces = sorted({b.id for b in named if b.role == "force"})
            if len(forces) > 1:
                # Other forces' grades in passing ("Dorset Police was also graded ..."): the
                # publication is about the one force its title names.
                titled = sorted({b.id for b in in_title if b.id in forces})
                forces = titled if len(titled) == 1 else forces
            if not forces:
                for found in (in_title, self.registry.mentions(self.all_text())):
                    forces = sorted({b.id for b in found if b.role == "force"})
                    if forces:
                        break
            if len(forces) == 1:
                return forces[0], "parsed"
            if len(forces) >= 2:
                # A release that grades several forces (PEEL 2014-17 reports came out in
                # national batches; local news covers its county's two forces): one
                # inspection about their region, or the nation.
                regions = {self.registry.bodies[f].region for f in forces}
                return (regions.pop() if len(regions) == 1 else NATIONAL), "parsed"
            what = (
                "no force is named" if not forces else f"several forces are ({', '.join(forces)})"
            )
            raise IngestError(
                f"{self.src.origin}: cannot tell which force this is about: {what}; "
                "pass --subject FORCE-ID"
            )
        regions = Counter(b.region for b in named)
        if len(regions) > 1:
            # The region whose unit is graded, else the one the title names.
            for found in ([b for b in named if b.kind == "rocu"], in_title):
                narrowed = {b.region for b in found if b.region in regions}
                if len(narrowed) == 1:
                    regions = Counter(narrowed)
                    break
        if not regions:
            for found in (in_title, self.registry.mentions(self.all_text())):
                regions = Counter(b.region for b in found)
                if regions:
                    break
        if len(regions) == 1:
            return next(iter(regions)), "parsed"
        what = (
            "no region is named"
            if not regions
            else f"bodies of several regions are ({', '.join(sorted(regions))})"
        )
        raise IngestError(
            f"{self.src.origin}: cannot tell which region this is about: {what}; "
            "pass --subject REGION-ID"
        )

    # -- assembly ------------------------------------------------------------------------
    def _scope(self, programme: str, subject: str) -> tuple[str | None, str | None]:
        """(region, force) the publication is about: a regional publication's region (or
        the region of a non-PEEL subject body), and a force subject."""
        subject_body = self.registry.bodies.get(subject)
        if subject_body is None:
            return None, None
        region = subject if subject_body.kind == "region" else None
        if region is None and programme != PEEL:
            region = subject_body.region
        force = subject if subject_body.role == "force" else None
        return region, force

    def judgments(
        self, pairs: list[tuple[_judgments.Candidate, Segment]], programme: str, subject: str
    ) -> list[model.Judgment]:
        reg = self.registry
        region, force = self._scope(programme, subject)
        default_area = SOC_AREA if programme == SOC else (None if programme == PEEL else programme)
        chosen: dict[tuple[str, str], model.Judgment] = {}
        weak: set[tuple[str, str]] = set()  # keys read only by compare.ingest.mentions
        dropped: set[tuple[str, str]] = set()  # weak readings that disagreed
        cycle_areas = self.cycle_areas(programme)
        title_area = self.title_pillar(programme)
        counts: list[_judgments.Candidate] = []
        for c, seg in self._every_pillar(pairs, programme):
            if c.ref == "count":
                counts.append(c)
                continue
            target = self.target(seg.section)
            section_body = target[1] if target and target[0] == "body" else None
            section_area = target[1] if target and target[0] == "area" else None
            body = c.body
            if (
                body is None
                and c.ref == "force"
                and programme == SOC
                and section_body is None
                and _THE_FORCE.search(c.written or c.evidence)
            ):
                # A regional publication about one of its forces ("Inspectors rated the force
                # 'adequate'" in a story naming only Cleveland Police): that force. (A grade
                # read without a written subject counts when its sentence says "the force".)
                body = self._only_force(region)
            if body is None and programme == PEEL and section_body is None:
                body = self._antecedent(c)
            if body is None and c.ref == "rocu":
                body = reg.rocu_of(region) if region else None
            elif body is None and c.ref in ("force", "section"):
                if section_body is not None and (
                    c.ref == "section" or reg.bodies[section_body].role == "force"
                ):
                    body = reg.bodies[section_body]
                elif force is not None and (c.ref == "force" or section_area):
                    body = reg.bodies[force]
            if body is not None and body.kind == "region" and programme == PEEL:
                # PEEL grades forces: "West Midlands" in a list of forces is the force.
                body = reg.resolve(f"{body.name} Police")
            if body is None or not self._in_scope(
                body, region, force if programme == PEEL else None
            ):
                continue
            area = c.area or section_area or default_area or title_area
            if area is None:
                area = self.bare_pillar(programme, c.evidence)
                if area is None:
                    continue
            if area == _UNNAMED_PILLAR:
                area = self.text_pillar(programme, c.evidence)
                if area is None:
                    continue
            area = cycle_areas.get(area, area)
            if self.cycle in _EARLY_CYCLES and not _EARLY_AREA.match(area):
                # "the force's recent 'Outstanding' grade for crime data integrity" in a 2019
                # letter: 2014-19 PEEL graded its pillars and their questions only; crime
                # recording, victim service and the like were other inspections' grades then.
                continue
            if self.cycle in _LATER_CYCLES and _PILLAR_AREA.match(area):
                # "the effectiveness of force IT" in a 2021/22 list: the 2014-19 pillars and
                # their questions are not areas of a later cycle (its map translated those
                # that have a successor).
                continue
            key = (body.id, area)
            if c.weak and key in dropped:
                continue
            evidence = c.evidence if len(c.evidence) <= 300 else c.evidence[:297] + "..."
            j = model.Judgment(
                body=body.id, name=c.written or body.name, role=body.role, area=area,
                grade=c.grade,
                evidence=evidence,
            )  # fmt: skip
            if key in chosen:
                if chosen[key].grade != j.grade and (c.weak or key in weak):
                    if c.weak and key in weak:  # two weak readings disagree: neither
                        del chosen[key]
                        dropped.add(key)
                    elif not c.weak:  # a form's reading overrides a weak one
                        chosen[key] = j
                        weak.discard(key)
                    continue
                if chosen[key].grade != j.grade:
                    before, after = chosen[key].grade, j.grade
                    raise IngestError(
                        f"{self.src.origin}: conflicting grades for {body.id} ({area}): "
                        f"{before or 'not graded'} and {after or 'not graded'}"
                    )
                if not c.weak and key in weak:
                    weak.discard(key)
                continue
            chosen[key] = j
            if c.weak:
                weak.add(key)
        if programme == SOC and region:
            self._infer_counts(counts, region, chosen)
        return [chosen[k] for k in sorted(chosen)]

    def _every_pillar(
        self, pairs: list[tuple[_judgments.Candidate, Segment]], programme: str
    ) -> list[tuple[_judgments.Candidate, Segment]]:
        """A grade for every pillar at once ("rated Good across the board") as one grade per
        pillar, where the publication is a 2015-19 PEEL assessment of all three (its title,
        text and sentence name no single pillar, and the sentence counts no other grade); dropped
        elsewhere: a pillar report's "good in three areas" counts its questions."""
        out: list[tuple[_judgments.Candidate, Segment]] = []
        for c, seg in pairs:
            if c.area != _mentions.ALL_PILLARS:
                out.append((c, seg))
                continue
            if self.cycle != "peel-2014-19" or self.title_pillar(programme) is not None:
                continue
            counted = {t[1] for t in self.reader.tallies if t[0] == c.evidence}
            named = set(_PILLAR.findall(_PEEL_NAME.sub(" ", c.evidence.lower())))
            if len(counted) > 1 or len(named) == 1 or self.text_pillar(programme, "") is not None:
                continue  # "the report, which examines force efficiency, ... all three areas"
            out.extend(
                (dataclasses.replace(c, area=pillar), seg)
                for pillar in ("effectiveness", "efficiency", "legitimacy")
            )
        return out

    def _antecedent(self, c: _judgments.Candidate) -> _registry.Body | None:
        """The force a "the force" names: the one force its sentence names before it ("HMIC's
        inspection of Humberside Police assessed the force as ..."), else None."""
        if c.body is not None or c.ref != "force":
            return None
        at = c.evidence.lower().find(c.written.lower()) if c.written else -1
        named = [b for b in self.registry.mentions(c.evidence[: max(at, 0)]) if b.role == "force"]
        return named[0] if len(named) == 1 else None

    def _infer_counts(
        self,
        counts: list[_judgments.Candidate],
        region: str,
        chosen: dict[tuple[str, str], model.Judgment],
    ) -> None:
        """ "Gloucestershire was inadequate and the other four forces require improvement":
        when the forces a count speaks of are exactly the region's forces the text grades no
        other way, each gets the grade, recorded as inferred with the count's sentence."""
        for c in counts:
            forces = [b for b in self.registry.members(region) if b.kind == "force"]
            ungraded = [b for b in forces if (b.id, SOC_AREA) not in chosen]
            if not ungraded or len(ungraded) != _mentions.count_of(c.written):
                continue
            for b in ungraded:
                evidence = c.evidence if len(c.evidence) <= 300 else c.evidence[:297] + "..."
                chosen[(b.id, SOC_AREA)] = model.Judgment(
                    body=b.id, name=b.name, role=b.role, area=SOC_AREA, grade=c.grade,
                    evidence=evidence,
                )  # fmt: skip
                self.inferred.append(f"judgments.{b.id}.{SOC_AREA}")

    def _only_force(self, region: str | None) -> _registry.Body | None:
        """The one force of ``region`` the text names, if it names exactly one."""
        named = {b.id for b in self.registry.mentions(self.all_text()) if b.role == "force"}
        named |= {b.id for b in self.registry.mentions(self.doc.title or "") if b.role == "force"}
        bodies = [self.registry.bodies[f] for f in sorted(named)]
        inside = [b for b in bodies if region is None or b.region == region]
        return inside[0] if len(inside) == 1 and len(bodies) == 1 else None

    @staticmethod
    def _in_scope(body: _registry.Body, region: str | None, force: str | None) -> bool:
        """A PEEL publication grades its own force and a regional one its own region's bodies;
        any other body's grade mentioned in passing belongs to another inspection."""
        if force is not None:
            return body.id == force
        if region is not None:
            return body.region == region
        return True

    def findings(self, programme: str, subject: str) -> list[model.Finding]:
        reg = self.registry
        region, force = self._scope(programme, subject)
        out: list[model.Finding] = []
        quoted: set[str] = set()  # ids of findings read from quotations
        ids: set[str] = set()
        previous: str | None = None
        last_section: str | None = None

        def add(cand: _findings.Candidate, seg: Segment) -> None:
            fid = _findings.finding_id(cand.text, cand.body)
            if fid in ids:
                return
            ids.add(fid)
            if seg.kind == "quote":
                quoted.add(fid)
            out.append(
                model.Finding(
                    id=fid, body=cand.body, polarity=cand.polarity, text=cand.text,
                    themes=cand.themes, terms=cand.terms,
                )
            )  # fmt: skip

        for seg in self.doc.segments:
            if seg.kind == "heading" or seg.index in self.graded_lines:
                continue
            if seg.section != last_section:
                previous, last_section = None, seg.section
            target = self.target(seg.section)
            section_body = target[1] if target and target[0] == "body" else None
            ctx = _findings.Context(reg, region, force, section_body)
            for sentence in _findings.sentences(seg.text):
                split = self._turns(sentence, ctx, seg.polarity, previous)
                if split:
                    for cand in split:
                        previous = cand.body
                        add(cand, seg)
                    continue
                if self.is_graded_sentence(sentence):
                    # Not a finding, but it says whom the next "the force"/"It" is about.
                    previous = _findings.attribute(sentence, ctx, previous)
                    continue
                cand = _findings.classify(
                    sentence, ctx, heading_polarity=seg.polarity, previous=previous
                )
                if cand is None:
                    continue
                previous = cand.body
                add(cand, seg)
        return _findings.drop_restatements(out, quoted, reg)

    def _turns(
        self, sentence: str, ctx: _findings.Context, heading: str | None, previous: str | None
    ) -> list[_findings.Candidate]:
        """A sentence that turns between two points ("..., but ...") as one finding per
        clause, when its clauses differ in polarity (a strength and a cause of concern); []
        when it makes one point, or a heading sets the passage's polarity."""
        if heading is not None:
            return []
        parts = _findings.clauses(sentence)
        if len(parts) < 2:
            return []
        # Cheap first: clauses of one polarity make one point, unless one of them is a grade.
        graded = self.is_graded_sentence(sentence)
        if not graded and len({_findings.polarity_of(p) for p in parts}) < 2:
            return []
        found: list[_findings.Candidate] = []
        for part in parts:
            if self.is_graded_sentence(part):
                previous = _findings.attribute(part, ctx, previous)
                continue
            cand = _findings.classify(part, ctx, heading_polarity=None, previous=previous)
            if cand is not None:
                found.append(cand)
                previous = cand.body
        if len({c.polarity for c in found}) < 2 and not (
            found and len(found) < len(parts) and graded
        ):
            return []
        return found


def _names_only(reader: _judgments.Reader, text: str) -> bool:
    """Whether a line is a list of body names and nothing else ("Avon & Somerset, Dorset
    and Wiltshire"): the names read from it make up nearly all of its letters."""
    if len(text) > 1500:
        return False
    named = reader.subjects(text)
    letters = len(re.sub(r"[\W_]|\band\b", "", text))
    return bool(named) and sum(len(re.sub(r"[\W_]", "", w)) for _b, _r, w in named) >= 0.9 * letters


def extract(
    blocks: list[Block],
    src: SourceInfo,
    opts: Options,
    *,
    html_title: str | None = None,
    meta: dict[str, str] | None = None,
) -> model.Snapshot:
    """Build the snapshot of one publication (see the module docstring)."""
    where = src.origin
    if not any(b.text.strip() for b in blocks):
        raise IngestError(f"{where}: no text found")
    ex = _Extraction(blocks, src, opts, title=html_title, meta=meta or {})
    doc = ex.doc
    if not doc.segments and not doc.title:
        raise IngestError(f"{where}: no text found")
    fields: dict[str, str] = {"title": "parsed"}

    if opts.published:
        try:
            published = model.check_date(opts.published)
        except ValueError as err:
            raise IngestError(f"{where}: --published: {err}") from None
        fields["published"] = "given"
    elif doc.published:
        published = doc.published
        fields["published"] = "parsed"
    else:
        raise IngestError(
            f"{where}: no publication date found in the text; pass --published YYYY-MM-DD"
        )

    ex.reader.year = int(published[:4])
    pairs = ex.candidates()
    cands = [c for c, _ in pairs]
    programme, fields["programme"] = ex.detect_programme(cands)
    subject, fields["subject"] = ex.detect_subject(programme, cands)
    ex.cycle = ex.detect_cycle(programme, published)
    judgments = ex.judgments(pairs, programme, subject)
    fields.update(dict.fromkeys(ex.inferred, "inferred"))
    graded = [j.grade for j in judgments if j.grade is not None]
    tally = ex.tally(programme, subject)
    if not graded and tally is None and not opts.allow_ungraded:
        raise IngestError(
            f"no graded judgments found in {where} (pass --allow-ungraded to keep it anyway)"
        )
    if opts.scale:
        if opts.scale not in _grades.SCALES:
            raise IngestError(
                f"{where}: --scale: {opts.scale!r} is not a scale "
                f"(expected one of: {', '.join(_grades.SCALES)})"
            )
        scale = opts.scale
    else:
        scale = _grades.scale_for(published, graded)
    findings = ex.findings(programme, subject)
    quotes = [model.Quote(speaker=s, text=t) for s, t in doc.quotes]
    title = doc.title or src.origin
    url = doc.url or src.url
    try:
        return model.Snapshot(
            inspection=model.Inspection(
                programme=programme, subject=subject, title=title, published=published,
                scale=scale, cycle=ex.cycle,
            ),
            source=model.Source(
                kind=src.kind,  # type: ignore[arg-type]
                sha256=hashlib.sha256(src.raw).hexdigest(),
                extractor=model.Extractor(name=_extractor()[0], version=_extractor()[1]),
                fields=dict(sorted(fields.items())),  # type: ignore[arg-type]
                url=url,
                encoding=src.encoding,
                media=src.media,  # type: ignore[arg-type]
            ),
            judgments=tuple(judgments),
            tally=tally,
            findings=tuple(findings),
            quotes=tuple(quotes),
        )  # fmt: skip
    except (ValueError, msgspec.ValidationError, InspdiffError) as err:
        message = str(err)
        if message.startswith("@"):
            message = message[1:]
        raise IngestError(f"{where}: {message}") from None


def _extractor() -> tuple[str, str]:
    from compare.ingest import EXTRACTOR_NAME, EXTRACTOR_VERSION

    return EXTRACTOR_NAME, EXTRACTOR_VERSION
