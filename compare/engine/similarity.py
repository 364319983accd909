"""How alike two findings are, and a one-to-one, deterministic pairing of two sets of them.

**Score.** Each finding's text becomes its set of *content stems*: lower-cased words without
function words, without the words every inspection uses ("serious", "organised", "crime",
"unit", "forces", "improve", "need"...) and without the place words of body names (a South
West finding and a West Midlands finding should not look alike because both say "West").
Words are stemmed crudely ("assessing", "assessment", "assesses" -> "assess"). The score is
the Dice coefficient of the two sets, 0-100: ``200 * |common| / (|a| + |b|)``, "the share of
their content words the two statements have in common". It is computed by rapidfuzz: each
stem is encoded as one character and each set as its sorted characters, so rapidfuzz's Indel
ratio (``fuzz.ratio``) on the two strings *is* the Dice coefficient (the longest common
subsequence of two sorted strings of distinct characters is their intersection), and
``process.cdist`` computes whole blocks of it in C, in parallel.

**Candidates.** Only findings that share a *block* are compared (a theme in region
comparisons; a body and theme in repeat inspections), and within a block identical
signatures are scored once. Of each block's score matrix each signature keeps its TOP_K best
counterparts (ties by id), so the pairs looked at in Python grow linearly with the findings.

**Pairing.** Phases run in order (e.g. "shared" before "contrasting"); within a phase all
candidates of all blocks are sorted by (-score, ids) and taken greedily, each finding at
most once. The order is symmetric in A and B, so swapping the sides swaps every pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

# A shared finding needs at least half of the two statements' content words in common.
# Restatements of one point ("need to improve how they work together to tackle ...") score
# 70-100 after boiler-plate is removed; two different points in the same theme rarely share
# more than one or two words of five to ten (scores 15-40). See tests/test_engine_similarity.
SIMILAR_MIN = 50

# A contrast (same theme, opposite polarity) is about a theme, not a restatement: "not
# assessing threats consistently" against "effective processes to gather and assess
# intelligence" share a single word. One common content word is enough; it keeps pairs that
# share only a theme label and nothing said out of the report. The score orders candidates.
CONTRAST_MIN = 1

# Best counterparts kept per signature and block. Greedy pairing uses a finding's best
# counterparts first; five covers every realistic contest (a block rarely holds more than a
# handful of findings per side) while keeping the candidate list linear in the findings.
TOP_K = 5

POSITIVE = "positive"
NEGATIVE = "negative"
NEUTRAL = "neutral"

POLARITY_CLASS = {
    "strength": POSITIVE,
    "promising-practice": POSITIVE,
    "area-for-improvement": NEGATIVE,
    "cause-of-concern": NEGATIVE,
    "observation": NEUTRAL,
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _words(
    """
    a about above across after again against all along also although am among an and any
    are as at be because been before being below between both but by can could did didnt
    do does doesnt doing done dont down during each either enough even ever every few for
    from further had hadnt has hasnt have havent having he her here hers him his how however
    i if in into is isnt it its itself just least less like made make makes making many
    may me might more most much must my neither no nor not now of off often on once one only
    or other others our out over own per quite rather same she should so some such than that
    the their theirs them then there these they this those though through thus to too under
    until up upon us very was wasnt we were werent what when where whether which while who
    whom whose why will with within without would yet you your
    """
)

# Words nearly every statement in an inspection report uses; they say nothing about which
# point is being made. Polarity words ("effective", "poor") are here too: pairing compares
# polarity separately, so they would only make different points look alike.
_BOILERPLATE = _words(
    """
    serious organised organized crime crimes criminal regional region regions unit units rocu
    rocus police policing force forces constabulary constabularies hmicfrs hmic inspectorate
    inspector inspectors inspected inspection inspections chief sir said say says told found
    find finds noted note notes heard report reported reports improve improves improved
    improving improvement improvements need needs needed should ensure ensures effective
    effectively ineffective well good better poor positive important troubling concern
    concerned area areas example examples way ways also his majesty majestys respective
    constituent partner local
    """
)

# Place words of bodies come from the registry; these are also ordinary content words.
_NAME_WORDS_KEPT = frozenset({"city", "service", "transport", "special", "operations"})

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019\u2018`]")


@cache
def _name_words() -> frozenset[str]:
    from compare import registry

    words: set[str] = set()
    for body in registry.load().bodies.values():
        if body.kind in ("region", "force", "national-force"):
            for name in (body.name, *body.aliases):
                words.update(_WORD.findall(_APOSTROPHES.sub("", name.lower())))
    return frozenset(words - _NAME_WORDS_KEPT)


def stem(word: str) -> str:
    """A crude, deterministic suffix stripper: enough to make inflections meet."""
    if len(word) > 4:
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("sses", "shes", "ches", "xes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if len(word) > 7 and word.endswith("ment"):
        word = word[:-4]
    elif len(word) > 5:
        for suffix in ("ing", "ed", "ly"):
            if word.endswith(suffix):
                word = word[: -len(suffix)]
                break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def content_stems(text: str) -> tuple[str, ...]:
    """The sorted, distinct content stems of ``text`` (see the module docstring).

    A text of function words only falls back to all its stems, and a text without words to
    itself, so no finding has an empty signature."""
    words = _WORD.findall(_APOSTROPHES.sub("", text.lower()))
    drop = _STOPWORDS | _BOILERPLATE | _name_words()
    kept = {stem(w) for w in words if w not in drop}
    if not kept:
        kept = {stem(w) for w in words}
    if not kept:
        kept = {" ".join(text.lower().split())}
    return tuple(sorted(kept))


class _Encoder:
    """Stems -> one character each, so a stem set becomes a short sorted string."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, stems: Sequence[str]) -> str:
        codes = self._codes
        for s in stems:
            if s not in codes:
                n = len(codes) + 0x100
                if n >= 0xD800:  # skip the surrogate range
                    n += 0x800
                codes[s] = chr(n)
        return "".join(sorted(codes[s] for s in stems))


def _matrix(a: Sequence[str], b: Sequence[str], minimum: int):
    """Dice scores 0-100 (uint8) of every signature in ``a`` against every one in ``b``;
    scores below ``minimum`` are 0."""
    import numpy as np
    from rapidfuzz import fuzz, process

    return process.cdist(a, b, scorer=fuzz.ratio, dtype=np.uint8, score_cutoff=minimum, workers=-1)


def score(a: str, b: str) -> int:
    """The similarity of two statements, 0-100 (see the module docstring)."""
    enc = _Encoder()
    sa, sb = enc.encode(content_stems(a)), enc.encode(content_stems(b))
    return int(_matrix([sa], [sb], 0)[0, 0])


@dataclass(frozen=True, slots=True)
class Item:
    """One finding as the pairing sees it."""

    key: str  # a stable id: the tie-breaker
    cls: str  # polarity class: positive | negative | neutral
    blocks: tuple[str, ...]  # only items sharing a block are compared
    text: str


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    classes: tuple[tuple[str, str], ...]  # (class in A, class in B) pairs compared
    minimum: int  # lowest score that pairs
    skip_blocks: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Pair:
    a: int  # index into the A items
    b: int  # index into the B items
    score: int
    phase: str


def pair(a: Sequence[Item], b: Sequence[Item], *, phases: Sequence[Phase]) -> list[Pair]:
    """Pair items of ``a`` with items of ``b`` one-to-one, phase by phase (module docstring).

    Returns the pairs sorted by (a index, b index)."""
    if not a or not b:
        return []
    import numpy as np

    enc = _Encoder()
    stem_cache: dict[str, str] = {}

    def signature(text: str) -> str:
        sig = stem_cache.get(text)
        if sig is None:
            sig = stem_cache[text] = enc.encode(content_stems(text))
        return sig

    sig_a = [signature(x.text) for x in a]
    sig_b = [signature(x.text) for x in b]
    used_a = [False] * len(a)
    used_b = [False] * len(b)
    pairs: list[Pair] = []

    for phase in phases:
        # block -> class -> signature -> member indices (in key order)
        groups_a = _groups(a, sig_a, used_a, phase.skip_blocks)
        groups_b = _groups(b, sig_b, used_b, phase.skip_blocks)
        candidates: list[tuple[int, str, str, str, str, list[int], list[int]]] = []
        for block in sorted(groups_a.keys() & groups_b.keys()):
            for cls_a, cls_b in phase.classes:
                ga = groups_a[block].get(cls_a)
                gb = groups_b[block].get(cls_b)
                if not ga or not gb:
                    continue
                keys_a, keys_b = list(ga), list(gb)
                m = _matrix(keys_a, keys_b, phase.minimum)
                for i, j, s in _top_k(np, m, phase.minimum):
                    ma, mb = ga[keys_a[i]], gb[keys_b[j]]
                    ka, kb = a[ma[0]].key, b[mb[0]].key
                    lo, hi = (ka, kb) if ka <= kb else (kb, ka)
                    candidates.append((-s, lo, hi, ka, block, ma, mb))
        candidates.sort(key=lambda c: c[:5])
        for neg_score, _lo, _hi, _ka, _block, ma, mb in candidates:
            free_a = [i for i in ma if not used_a[i]]
            if not free_a:
                continue
            free_b = [j for j in mb if not used_b[j]]
            for i, j in zip(free_a, free_b, strict=False):
                used_a[i] = used_b[j] = True
                pairs.append(Pair(i, j, -neg_score, phase.name))
    pairs.sort(key=lambda p: (p.a, p.b))
    return pairs


def _groups(items, sigs, used, skip):
    out: dict[str, dict[str, dict[str, list[int]]]] = {}
    for idx in sorted(range(len(items)), key=lambda k: items[k].key):
        if used[idx]:
            continue
        item = items[idx]
        for block in item.blocks:
            if block in skip:
                continue
            out.setdefault(block, {}).setdefault(item.cls, {}).setdefault(sigs[idx], []).append(idx)
    return out


def _top_k(np, m, minimum: int):
    """(row, column, score) of each row's and each column's TOP_K best cells that reach
    ``minimum`` (and are above 0); ties go to the lower index, i.e. the lower id."""
    rows, cols = m.shape
    floor = max(minimum, 1)
    if rows <= TOP_K or cols <= TOP_K:
        keep = m >= floor
    else:
        order = 100 - m  # uint8; a stable sort on it is a radix sort, best first
        keep = np.zeros(m.shape, dtype=bool)
        best_in_row = np.argsort(order, axis=1, kind="stable")[:, :TOP_K]
        keep[np.arange(rows)[:, None], best_in_row] = True
        best_in_col = np.argsort(order, axis=0, kind="stable")[:TOP_K, :]
        keep[best_in_col, np.arange(cols)[None, :]] = True
        keep &= m >= floor
    ii, jj = np.nonzero(keep)
    return zip(ii.tolist(), jj.tolist(), m[ii, jj].tolist(), strict=True)
