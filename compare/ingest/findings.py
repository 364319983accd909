"""Findings: sentences classified by polarity and theme, each attributed to a body.

The classifier is a transparent lexicon (``compare/data/themes.yaml`` and
``compare/data/polarity.yaml``): every finding lists the "theme: term" pairs that matched, so
a surprising theme can be traced to the term that caused it and fixed by editing YAML.

Attribution: the earliest reference in the sentence decides. A named body followed by
"and its forces"/another body, or a collective ("forces", "the region"), is the region; "the
unit"/"the ROCU" is the subject region's ROCU; "the force" is the force whose section this is
(or the PEEL subject); "It ..." continues the previous sentence's body; no reference falls
back to the section's body, else the region (regional publications) or the subject force.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from compare import model, packagedata
from compare import registry as _registry
from compare.errors import IngestError
from compare.ingest.prefilter import WordGate, matches

REGION = model.REGION

# A sentence ends at . ! or ? (and any closing quotes or bracket) before a capital or digit.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sir|St|No|Nos|e\.g|i\.e|etc|vs|Supt|Insp|Det|Ch|Sgt|Cllr|Prof|approx|cf|Co)\.$"
)
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True, slots=True)
class Term:
    theme: str
    term: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    themes: tuple[Term, ...]
    cues: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]  # polarity order matters
    headings: dict[str, list[re.Pattern[str]]]
    not_findings: tuple[re.Pattern[str], ...]  # also as one pattern: any_not_finding
    # One alternation per theme and per polarity, for text the gates cannot filter: a
    # sentence is searched once per theme; only a theme that matched has its terms tried.
    by_theme: tuple[tuple[str, re.Pattern[str], tuple[Term, ...]], ...]
    any_cue: tuple[tuple[str, re.Pattern[str]], ...]
    # Which terms (keyed by their index in ``themes``) and which polarities' cues could
    # match at all: most cannot, and are not tried (compare/ingest/prefilter.py).
    term_gate: WordGate
    cue_gate: WordGate
    not_cues: re.Pattern[str] | None = None  # blanked out before cues are tried
    any_not_finding: re.Pattern[str] | None = None


def _any_of(terms: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{t})" for t in terms) + r")(?![\w])", re.I)


def _compile(term: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?<![\w-])(?:{term})(?![\w])", re.I)
    except re.error as err:
        raise IngestError(f"{where}: the term {term!r} is not a valid pattern ({err})") from None


def _data(name: str) -> object:
    return packagedata.load(name)


@cache
def lexicon() -> Lexicon:
    """The shipped taxonomy and polarity cues, compiled once per process."""
    themes_data = _data("themes.yaml")
    polarity_data = _data("polarity.yaml")
    terms: list[Term] = []
    for theme, items in themes_data["themes"].items():
        try:
            model.check_slug(theme, "theme")
        except ValueError as err:
            raise IngestError(f"compare/data/themes.yaml: {err}") from None
        for t in items:
            terms.append(Term(theme, str(t), _compile(str(t), "compare/data/themes.yaml")))
    cues = tuple(
        (pol, tuple(_compile(str(t), "compare/data/polarity.yaml") for t in items))
        for pol, items in polarity_data["cues"].items()
    )
    headings = {
        pol: [re.compile(str(t), re.I) for t in items]
        for pol, items in polarity_data["headings"].items()
    }
    not_findings = tuple(re.compile(str(t), re.I) for t in polarity_data.get("not_findings", ()))
    for pol, _ in cues:
        if pol not in model.POLARITIES:
            raise IngestError(f"compare/data/polarity.yaml: {pol!r} is not a polarity")
    by_theme = tuple(
        (theme, _any_of([t.term for t in group]), tuple(group))
        for theme, group in (
            (theme, [t for t in terms if t.theme == theme]) for theme in themes_data["themes"]
        )
    )
    any_cue = tuple(
        (pol, _any_of([str(t) for t in items])) for pol, items in polarity_data["cues"].items()
    )
    not_cues = polarity_data.get("not_cues") or []
    for t in not_cues:
        _compile(str(t), "compare/data/polarity.yaml")
    blank = _any_of([str(t) for t in not_cues]) if not_cues else None
    any_not_finding = (
        re.compile("|".join(f"(?:{p.pattern})" for p in not_findings), re.I)
        if not_findings
        else None
    )
    return Lexicon(
        themes=tuple(terms),
        cues=cues,
        headings=headings,
        not_findings=not_findings,
        by_theme=by_theme,
        any_cue=any_cue,
        term_gate=WordGate({i: [t.term] for i, t in enumerate(terms)}),
        cue_gate=WordGate(
            {pol: [str(t) for t in items] for pol, items in polarity_data["cues"].items()}
        ),
        not_cues=blank,
        any_not_finding=any_not_finding,
    )


# The longest sentence read as one. Real sentences, lists included, stay well under it; text
# with no sentence ends (a 5 MB line of words) is cut at word boundaries into pieces this
# long, so reading stays linear in the text's length and no finding is longer than this.
MAX_SENTENCE = 1200


def _bounded(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    out: list[str] = []
    pos = 0
    while len(sentence) - pos > MAX_SENTENCE:
        cut = sentence.rfind(" ", pos + MAX_SENTENCE // 2, pos + MAX_SENTENCE)
        cut = cut if cut > pos else pos + MAX_SENTENCE  # one unbroken "word": cut anyway
        out.append(sentence[pos:cut])
        pos = cut
    out.append(sentence[pos:])
    return out


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (not after "Sir.", "e.g." and the like), none longer
    than MAX_SENTENCE characters."""
    text = text.strip()
    parts: list[str] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        parts.append(text[pos : m.end()])
        pos = m.end()
    parts.append(text[pos:])
    out: list[str] = []
    for p in parts:
        if out and _ABBREVIATIONS.search(out[-1]):
            out[-1] = out[-1] + p
        else:
            out.append(p)
    return [piece.strip() for s in out for piece in _bounded(s) if piece.strip()]


# Where a sentence turns from one point to another: "..., but ...", "...; however, ...",
# "Although A, B". Each side is a clause that can carry its own polarity and theme.
_TURN = re.compile(
    r",\s+but\s+|\s+but\s+(?=(?:it|they|the|inspectors|hmicfrs|there|its|their)\b)"
    r"|;\s+(?:however,?\s+|but\s+)?|,\s+(?:however|whereas|while|whilst|although|though),?\s+",
    re.I,
)
_LEAD_ALTHOUGH = re.compile(
    r"^(?:although|though|while|whilst)\s+(?P<a>[^,]{12,}),\s+(?P<b>.+)$", re.I
)


_TURN_WORDS = ("but", ";", "however", "whereas", "while", "whilst", "though")


def clauses(sentence: str) -> list[str]:
    """The clauses a sentence turns between (``[sentence]`` when it makes one point), each
    of five words or more: "The unit and its forces have improved how they work together,
    but inspectors raised a cause of concern about how threats are assessed" is two."""
    low = sentence.lower()
    if not any(w in low for w in _TURN_WORDS):
        return [sentence]  # most sentences: no word a turn needs
    m = _LEAD_ALTHOUGH.match(sentence)
    parts = [m.group("a"), m.group("b")] if m else _TURN.split(sentence)
    parts = [p.strip(" ,;") for p in parts if p and p.strip(" ,;")]
    if len(parts) < 2 or len(parts) > 3 or any(len(_WORD.findall(p)) < 5 for p in parts):
        return [sentence]
    return parts


def themes_of(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(themes, "theme: term" pairs) matched in ``text``, both sorted."""
    found_themes: set[str] = set()
    found_terms: set[str] = set()
    lex = lexicon()
    maybe = lex.term_gate.candidates(text)
    if maybe is None:  # text the gate cannot filter: every theme's alternation
        for theme, combined, terms in lex.by_theme:
            if combined.search(text):
                found_themes.add(theme)
                found_terms.update(f"{theme}: {t.term}" for t in terms if t.pattern.search(text))
    else:
        # Only the terms that could match, one by one and only where they could start (a
        # theme matches when one of its terms does, as its alternation would).
        for i, positions in maybe.items():
            term = lex.themes[i]
            if matches(term.pattern, text, positions):
                found_themes.add(term.theme)
                found_terms.add(f"{term.theme}: {term.term}")
    return tuple(sorted(found_themes)), tuple(sorted(found_terms))


def polarity_of(text: str) -> str:
    """The first polarity (in polarity.yaml order) with a matching cue, else observation.
    Phrases listed as ``not_cues`` are blanked out first."""
    lex = lexicon()
    if lex.not_cues is not None:
        text = lex.not_cues.sub(" ", text)
    maybe = lex.cue_gate.candidates(text)
    for pol, combined in lex.any_cue:
        if maybe is None:
            if combined.search(text):
                return pol
        elif pol in maybe and matches(combined, text, maybe[pol]):
            return pol
    return "observation"


def finding_id(text: str, body: str) -> str:
    norm = normalise_text(text)
    return "f-" + hashlib.sha1(f"{body}\n{norm}".encode()).hexdigest()[:12]


def normalise_text(text: str) -> str:
    text = re.sub(r"[\u2018\u2019\u201b`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e]", '"', text)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


# -- attribution -----------------------------------------------------------------------
_ROCU_WORDS = r"(?:unit|rocu|regional organised crime unit|regional special operations unit)"
_ANAPHORA = re.compile(
    rf"(?:^|\b(?:the|this|its|their) )(?:(?P<rocu>{_ROCU_WORDS})|(?P<force>force|constabulary))\b"
)
_COLLECTIVE = re.compile(r"\b(?:forces|regions?)\b")
_JOINED = re.compile(
    r"^\s*(?:and|as well as|together with|with)\s+(?:(?:its|their|the|all|each|five|four|three"
    r"|six|seven|two|regional|constituent|local|police|partner|of)\s+)*$"
)
_PRONOUN = re.compile(
    r"^(?:(?:but|and|however|also|so)[,\s]+)?(?-i:It|Its|They|Their|it|its|they|their)\b(?!\w)"
)
_APPOSITION = re.compile(r"\s*(?:the\s+)?")
_MET = re.compile(r"\b[Tt]he Met\b")


@dataclass(frozen=True, slots=True)
class Context:
    """What attribution needs to know about the publication."""

    registry: _registry.Registry
    region: str | None  # subject region id (regional programmes)
    force: str | None  # subject force id (PEEL)
    section_body: str | None = None  # the body whose section the sentence is in


def _references(text: str, ctx: Context, previous: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, target) in normalised text; target is a body id, REGION, "it" or ""."""
    norm = _registry.normalise(text)
    refs: list[tuple[int, int, str]] = []
    for start, end, name in ctx.registry.scan(norm):
        body = ctx.registry.resolve(name)
        if body is not None:
            refs.append((start, end, REGION if body.kind == "region" else body.id))
    for start, end, body in ctx.registry.written_mentions(text, norm):
        refs.append((start, end, REGION if body.kind == "region" else body.id))
    if _MET.search(text):
        met = ctx.registry.resolve("the Met")
        if met is not None:
            i = norm.find("met")
            refs.append((i, i + 3, met.id))

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e, _ in refs)

    extra: list[tuple[int, int, str]] = []
    for m in _ANAPHORA.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        if m.group("rocu"):
            rocu = ctx.registry.rocu_of(ctx.region) if ctx.region else None
            extra.append((m.start(), m.end(), rocu.id if rocu else REGION))
        else:
            # "the force": this section's force, the publication's force, else the force
            # the previous sentence was about; otherwise nobody in particular.
            force = ctx.section_body if _is_force(ctx, ctx.section_body) else ctx.force
            if force is None and _is_force(ctx, previous):
                force = previous
            extra.append((m.start(), m.end(), force or ""))
    if ctx.force is None:  # in a force's own publication, "other forces" are not the subject
        for m in _COLLECTIVE.finditer(norm):
            if free(m.start(), m.end()):
                extra.append((m.start(), m.end(), REGION))
    refs.extend(extra)
    refs.sort()
    return refs


def _is_force(ctx: Context, body_id: str | None) -> bool:
    if not body_id or body_id == REGION:
        return False
    body = ctx.registry.bodies.get(body_id)
    return body is not None and body.role == "force"


def attribute(text: str, ctx: Context, previous: str | None) -> str:
    """The body a sentence is about (see the module docstring)."""
    refs = [r for r in _references(text, ctx, previous) if r[2]]
    if previous and _PRONOUN.match(text.strip()):
        return previous  # "It ..." continues the previous sentence's subject
    if not refs:
        return ctx.section_body or (ctx.force if ctx.force else REGION)
    _start, end, target = refs[0]
    # Skip further mentions of the same body ("the Eastern Region Special Operations Unit
    # (ERSOU)"), then: "X and its forces" / "X and Y" is about the region.
    rest = [r for r in refs[1:] if r[2] != target or r[0] < end]
    same = [r for r in refs[1:] if r[2] == target]
    for r in same:
        # "ERSOU (the Eastern Region Special Operations Unit)", "Tarian, the regional
        # organised crime unit for southern Wales, ...": one mention.
        if r[0] >= end and _APPOSITION.fullmatch(_registry.normalise(text)[end : r[0]]):
            end = r[1]
    if target != REGION and rest and ctx.force is None:
        nxt = min((r for r in rest if r[0] >= end), default=None)
        between = _registry.normalise(text)[end : nxt[0]] if nxt is not None else None
        # "X and its forces", "X and Y", or a list "X, Y and Z" (names side by side once the
        # commas are gone): about the region.
        if between is not None and (_JOINED.match(between) or not between.strip()):
            return REGION
    return target


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    body: str
    polarity: str
    themes: tuple[str, ...]
    terms: tuple[str, ...]


# A finding that says again what an earlier one said (same body, same polarity, a theme in
# common) is dropped, the first statement kept. Similarity is the compare engine's score
# (compare/engine/similarity.py). A quotation restates the release by design ("But the unit
# and its regional forces need to improve how they work together ..." under a lead saying
# just that), so the engine's own bar for "the same point" applies, against the findings read
# from the release's own text; between two sentences of that text the bar is higher, as two
# short sentences on one theme can share half their words and make different points.
QUOTE_RESTATES = 50  # = compare.engine.similarity.SIMILAR_MIN
TEXT_RESTATES = 70


def drop_restatements(
    found: list[model.Finding], quoted: set[str], registry: _registry.Registry
) -> list[model.Finding]:
    """``found`` without the findings that restate an earlier one (see QUOTE_RESTATES);
    ``quoted`` holds the ids of the findings read from quotations. Body names are left out of
    the comparison (the two findings are about the same body already): "The North East
    Regional Special Operations Unit (NERSOU) and its three forces need to improve how they
    share intelligence" and "the unit and its forces need to improve how they share
    intelligence" make one point."""
    groups: dict[tuple[str, str], list[model.Finding]] = {}
    for f in found:
        groups.setdefault((f.body, f.polarity), []).append(f)
    if all(len(g) < 2 for g in groups.values()):
        return found
    from compare.engine.similarity import content_stems, stems_score

    stems: dict[str, tuple[str, ...]] = {}

    def said(f: model.Finding) -> tuple[str, ...]:
        if f.id not in stems:
            stems[f.id] = content_stems(registry.without_names(f.text))
        return stems[f.id]

    dropped: set[str] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        kept: list[model.Finding] = []
        # The release's own sentences first, in order; then the quotations against them.
        for f in sorted(group, key=lambda f: f.id in quoted):
            bar = QUOTE_RESTATES if f.id in quoted else TEXT_RESTATES
            themes = set(f.themes)
            if any(
                k.id not in quoted
                and not themes.isdisjoint(k.themes)
                and stems_score(said(k), said(f)) >= bar
                for k in kept
            ):
                dropped.add(f.id)
            else:
                kept.append(f)
    return [f for f in found if f.id not in dropped] if dropped else found


def classify(
    text: str, ctx: Context, *, heading_polarity: str | None, previous: str | None
) -> Candidate | None:
    """One sentence to a finding, or None when it is not one (no cue and no theme,
    boilerplate, a fragment, a list introduction)."""
    text = text.strip().strip('\u201c\u201d"').strip()
    if len(_WORD.findall(text)) < 4 or text.endswith(":"):
        return None
    lex = lexicon()
    if lex.any_not_finding is not None and lex.any_not_finding.search(text):
        return None
    themes, terms = themes_of(text)
    polarity = heading_polarity or polarity_of(text)
    if polarity == "observation" and not themes:
        return None
    if heading_polarity and ctx.section_body:
        body = ctx.section_body
    else:
        body = attribute(text, ctx, previous)
    return Candidate(text, body, polarity, themes, terms)
