"""The ingest short-cuts give exactly what the slow, plain searches give.

Two places skip regular-expression work: the theme pre-filter (compare/ingest/prefilter.py)
and the registry's word scanner (Registry.scan, which replaced one alternation of every
name). Each is checked here against the plain search it stands for.
"""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import packagedata, registry
from compare.ingest import findings
from compare.ingest.prefilter import WordGate, literal_prefixes, matches

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((Path(__file__).parent.parent / "snapshots").rglob("source/*"))


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("collaborat\\w*", {"coll"}),
        ("works? together", {"work"}),
        ("co-?operat\\w*", {"co"}),
        ("(?:OCG|organised crime group) mapping", {"ocg", "orga"}),
        ("(?-i:IT)", {"it"}),
        ("(?:regional )?governance", None),  # optional first word: no fixed start
        ("[a-z]+ing", None),
        ("\\bthreat", None),
        ("threat|\\w+ risk", None),  # one branch without a literal start
        ("a?b", None),
        ("(?:ab|)c", None),
        ("threat|risk", {"thre", "risk"}),
    ],
)
def test_literal_prefixes(term, expected):
    got = literal_prefixes(term)
    assert (set(got) if got is not None else None) == expected


def _texts() -> list[str]:
    out = []
    for path in [*sorted(FIXTURES.rglob("*")), *SEEDS]:
        if path.is_file() and path.suffix in (".txt", ".html"):
            out += [
                s
                for line in path.read_text("utf-8", "replace").splitlines()
                for s in findings.sentences(line)
            ]
    return out


def _ungated_themes(text: str):
    lex = findings.lexicon()
    found, terms = set(), set()
    for theme, combined, group in lex.by_theme:
        if combined.search(text):
            found.add(theme)
            terms.update(f"{theme}: {t.term}" for t in group if t.pattern.search(text))
    return tuple(sorted(found)), tuple(sorted(terms))


def _ungated_polarity(text: str) -> str:
    lex = findings.lexicon()
    if lex.not_cues is not None:
        text = lex.not_cues.sub(" ", text)
    return next((pol for pol, combined in lex.any_cue if combined.search(text)), "observation")


def test_themes_and_polarity_match_the_plain_search_on_every_fixture_sentence():
    texts = _texts()
    assert len(texts) > 500
    assert [findings.themes_of(t) for t in texts] == [_ungated_themes(t) for t in texts]
    assert sum(bool(findings.themes_of(t)[0]) for t in texts) > 100  # themes were found
    polarities = [findings.polarity_of(t) for t in texts]
    assert polarities == [_ungated_polarity(t) for t in texts]
    assert len(set(polarities)) >= 4  # every kind of cue was met


_TERMS = packagedata.load("themes.yaml")["themes"]
_CUES = packagedata.load("polarity.yaml")["cues"]
_WORDS = sorted(
    {
        w
        for terms in [*_TERMS.values(), *_CUES.values()]
        for t in terms
        for w in re.findall(r"\w+", t)
    }
)
# Characters a case-insensitive search treats as ASCII letters, dashes, quotes, digits.
_ODD = ["ſ", "\u212a", "ı", "İ", "é", "-", "\u2019", "_", "1", " ", ".", "co-", "IT", "it"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + _ODD) | st.text(max_size=3), max_size=20))
def test_the_gate_never_holds_back_a_theme_that_matches(parts):
    text = " ".join(parts)
    assert findings.themes_of(text) == _ungated_themes(text)
    assert findings.polarity_of(text) == _ungated_polarity(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcoITſ\u212a -_1é"), max_size=30))
def test_a_gate_from_any_terms_is_a_superset(text):
    terms = {
        "a": ["co-?operat\\w*", "it"],
        "b": ["(?-i:IT)"],
        "c": ["s[a-z]"],
        "d": ["ab|c1"],
        "e": ["b", "i\\w* \\w*o"],  # short words; a prefix repeated in the text
    }
    gate = WordGate(terms)
    maybe = gate.candidates(text)
    for key, patterns in terms.items():
        for p in patterns:
            pattern = findings._compile(p, "test")
            if pattern.search(text) and maybe is not None:
                # Kept, and found again from the positions the gate gives.
                assert key in maybe
                assert matches(pattern, text, maybe[key])


def _plain_scan(reg: registry.Registry, norm: str):
    names = sorted(reg._scan_names, key=lambda n: (-len(n), n))
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, names)) + r")(?![a-z0-9])")
    return [(m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(norm)]


def test_the_name_scanner_matches_one_alternation_of_every_name():
    reg = registry.load()
    vocab = sorted({w for n in reg._scan_names for w in n.split()} | {"and", "its", "the"})
    texts = _texts() + [" ".join(vocab[i : i + 7]) for i in range(0, len(vocab), 3)]
    norms = [registry.normalise(t) for t in texts]
    assert [reg.scan(n) for n in norms] == [_plain_scan(reg, n) for n in norms]
    assert sum(bool(reg.scan(n)) for n in norms) > 100


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_name_scanner_on_runs_of_name_words(data):
    reg = registry.load()
    vocab = sorted({w for n in reg._scan_names for w in n.split()} | {"and", "its"})
    words = data.draw(st.lists(st.sampled_from(vocab), max_size=12))
    norm = " ".join(words)
    assert reg.scan(norm) == _plain_scan(reg, norm)


_GRADE_TEXTS = [
    "has been graded as good",
    "was rated outstanding",
    "improved from inadequate to adequate",
    "has been upgraded to good",
    "was moved up to good",
    "The unit's grade remains adequate",
    "its judgement is now good",
    "received a rating of requires improvement",
    "achieved a good grade",
    "is one of only three forces rated outstanding",
    "was found to be inadequate",
    "was given a grade of good",
    "was awarded a rating of adequate",
    "is not graded",
    "we did not grade",
    "was ungraded",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_GRADE_TEXTS, "the", "force", "ı", "ſ", "GRADED", "From", "x"]),
        max_size=6,
    )
)
def test_judgment_forms_are_only_skipped_when_they_cannot_match(parts):
    """judgments._FORMS skips a form when none of its words is in the (ASCII) sentence:
    that must never skip a form that matches."""
    from compare.ingest import judgments

    text = " ".join(parts)
    assert judgments.ungraded_prose(text) == bool(judgments.UNGRADED_PROSE.search(text))
    for pattern, words in judgments._FORMS:
        if pattern.search(text) and text.isascii():
            assert any(w in text.lower() for w in words), (pattern.pattern[:40], text)


def test_every_judgment_form_is_exercised():
    from compare.ingest import judgments

    hits = {p.pattern for p, _ in judgments._FORMS for t in _GRADE_TEXTS if p.search(t)}
    assert hits == {p.pattern for p, _ in judgments._FORMS}


@pytest.mark.parametrize(
    "text",
    [
        "Crime prevention is not graded.",
        "We do not grade this area.",
        "HMICFRS doesn't grade it",
        "The unit was ungraded",
        "no grade was given",
        "did not make a graded judgment",
        "didn’t give grading judgements",
        "Crime prevention is not GRADED.",
    ],
)
def test_the_ungraded_gate_keeps_every_ungraded_form(text):
    from compare.ingest import judgments

    assert judgments.UNGRADED_PROSE.search(text)
    assert judgments.ungraded_prose(text)
    assert not judgments.ungraded_prose("It was good.")
