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
signatures are scored once: by rapidfuzz's ``cdist`` over the block, or, when few of the
block's cells share a stem at all, by joining the two sides on their stems (same scores, work
in proportion to the cells that share a stem). A cell is a candidate when it is among the
TOP_K best of its row or of its column (ties by id), so the pairs looked at in Python grow
linearly with the findings.

**Real common content.** A high score says two statements make the same point; a contrast
(opposite polarity, same theme) need not be worded alike, so a phase may also ask for
``specific`` stems in common: content stems that are not generic words (leaders, staff,
work, manage..., listed in ``compare/data/generic.yaml``). Generic stems are encoded with
the highest code points, so they sort last in a signature and its *specific* part is a
prefix: the same Indel / stem-join machinery counts them.

**Pairing.** Phases run in order (e.g. "shared" before "contrasting"); within a phase all
candidates of all blocks are sorted by (-score, ids) and taken greedily, each finding at
most once. Blocks where TOP_K cut candidates are then scored again over their unpaired
findings, round after round, until no unpaired pair meeting the phase's rule is left:
the pairing is one-to-one, deterministic and maximal. The order is symmetric in A and B,
so swapping the sides swaps every pair.

**Restatements.** ``restatements`` finds, on one side, the unpaired findings that restate a
paired one (a press release often says a point twice), so a report lists them with their
pair instead of again on their own.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

# A shared finding needs at least half of the two statements' content words in common.
# Restatements of one point ("need to improve how they work together to tackle ...") score
# 70-100 after boiler-plate is removed; two different points in the same theme rarely share
# more than one or two words of five to ten (scores 15-40). See tests/test_engine_similarity.
SIMILAR_MIN = 50

# A contrast (same theme, opposite polarity) need not be worded alike: "didn't have enough
# personnel to fully assess the intelligence" / "effective structures and processes in place
# to gather and assess intelligence" scores 31. Any score will do; it orders candidates.
CONTRAST_MIN = 1

# ... but the two must share real content: two specific stems (content stems that are not
# generic words), or one when the statements are mostly the same words (a score of at least
# CONTRAST_CLOSE: "must improve how it responds to the public" / "has made improvements in
# how it responds to the public"). One shared word of any kind let through pairs such as
# "senior leaders appoint officers to lead on priorities" / "newly appointed leaders must
# manage change" and "works well with partners to safeguard children" / "need to improve how
# they work together". Measured on tests/fixtures/match-pairs.yaml (benchmarks/matching.py),
# contrast precision and recall: one common stem of any kind, 0.56 and 1.00; two specific
# stems, 1.00 and 0.90; two, or one at a score of 40 or more, 1.00 and 0.95 (the rule).
# Over the 210 comparisons of the snapshots read from tests/fixtures and the shipped store,
# it keeps 40 of 163 contrasts: those sharing what is assessed, answered or protected.
CONTRAST_SPECIFIC = 2
CONTRAST_CLOSE = 40

# Best counterparts kept per signature and block. Greedy pairing uses a finding's best
# counterparts first, and a cell is kept when it is among the best of its row *or* its
# column; three covers realistic contests (a block rarely holds more than a handful of
# findings per side) while keeping the candidate list linear in the findings.
TOP_K = 3

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

# Generic stems are encoded from here up (near the top of Unicode), so they sort last.
_GENERIC_BASE = 0x10F000


@cache
def _dropped() -> frozenset[str]:
    """Function words, boiler-plate, and the place words of body names (from the registry;
    those that are also ordinary content words are kept)."""
    from compare import registry

    words: set[str] = set()
    for body in registry.load().bodies.values():
        if body.kind in ("region", "force", "national-force"):
            for name in (body.name, *body.aliases):
                words.update(_WORD.findall(_APOSTROPHES.sub("", name.lower())))
    return _STOPWORDS | _BOILERPLATE | frozenset(words - _NAME_WORDS_KEPT)


@cache
def generic_stems() -> frozenset[str]:
    """The stems of ``compare/data/generic.yaml``'s words (see CONTRAST_SPECIFIC)."""
    from compare import packagedata

    stems = frozenset(_stem(w.lower()) for w in packagedata.load("generic.yaml")["generic"])
    if len(stems) >= 0x100:  # their codes are compacted below 0x100 (_shared_stem_pairs)
        raise ValueError("compare/data/generic.yaml: at most 255 distinct stems")
    return stems


def specific_stems(text: str) -> tuple[str, ...]:
    """``content_stems`` without the generic ones: what a contrast must have in common."""
    generic = generic_stems()
    return tuple(s for s in content_stems(text) if s not in generic)


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
    words = set(_WORD.findall(_APOSTROPHES.sub("", text.lower())))
    kept = {_stem(w) for w in words - _dropped()}
    if not kept:
        kept = {_stem(w) for w in words}
    if not kept:
        kept = {" ".join(text.lower().split())}
    return tuple(sorted(kept))


_stem = lru_cache(maxsize=1 << 16)(stem)
# pair() and restatements() read the same texts in one comparison.
_content_stems = lru_cache(maxsize=1 << 16)(content_stems)


class _Encoder:
    """Stems -> one character each, so a stem set becomes a short sorted string. Generic
    stems get the highest code points: they sort last, so ``_specific`` is a prefix."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._generic = generic_stems()
        self._plain = 0
        self._others = 0

    def encode(self, stems: Sequence[str]) -> str:
        codes = self._codes
        for s in stems:
            if s not in codes:
                if s in self._generic:
                    codes[s] = chr(_GENERIC_BASE + self._others)
                    self._others += 1
                    continue
                n = self._plain + 0x100
                if n >= 0xD800:  # skip the surrogate range
                    n += 0x800
                if n >= _GENERIC_BASE:
                    raise ValueError("too many distinct stems to encode")
                codes[s] = chr(n)
                self._plain += 1
        return "".join(sorted(codes[s] for s in stems))


def _specific(sig: str) -> str:
    """The specific part of a signature: its characters below the generic ones."""
    k = len(sig)
    while k and ord(sig[k - 1]) >= _GENERIC_BASE:
        k -= 1
    return sig[:k]


def _enough(np, spec, scores, specific: int, close: int):
    """Which cells share enough specific stems: ``specific``, or one fewer at a score of
    ``close`` or more (works on numpy arrays and on plain ints alike)."""
    more = spec >= specific
    nearly = (spec >= specific - 1) & (scores >= close)
    return (more | nearly) if np is not None else (more or nearly)


def _dice(common, len_a, len_b):
    """200 * common / (len_a + len_b), rounded half up, in integers (exact everywhere)."""
    total = len_a + len_b
    return (200 * common + total // 2) // total


def _dense(np, a: Sequence[str], b: Sequence[str]):
    """Every cell's score, by rapidfuzz: the LCS of two sorted strings of distinct
    characters is the size of their intersection."""
    from rapidfuzz import process
    from rapidfuzz.distance import LCSseq

    # Threads pay for themselves only on big blocks; starting them costs ~1 ms a call.
    workers = -1 if len(a) * len(b) >= _PARALLEL_CELLS else 1
    common = process.cdist(a, b, scorer=LCSseq.similarity, dtype=np.int32, workers=workers)
    len_a = np.fromiter(map(len, a), dtype=np.int32, count=len(a))
    len_b = np.fromiter(map(len, b), dtype=np.int32, count=len(b))
    return _dice(common, len_a[:, None], len_b[None, :]).astype(np.uint8)


def _codes(np, sigs: Sequence[str]):
    """(code points, owning signature index, lengths) of a list of signatures."""
    lengths = np.fromiter(map(len, sigs), dtype=np.int64, count=len(sigs))
    codes = np.frombuffer("".join(sigs).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return codes, np.repeat(np.arange(len(sigs)), lengths), lengths


def _join(np, a: Sequence[str], b: Sequence[str]):
    """(cell ids ``row * len(b) + col``, sorted, and their stems in common) of the cells
    with at least one stem in common, by joining the two sides on their stems: work in
    proportion to the pairs that share a stem."""
    codes_a, rows_a, _ = _codes(np, a)
    codes_b, cols_b, _ = _codes(np, b)
    order = np.argsort(codes_b, kind="stable")
    codes_b, cols_b = codes_b[order], cols_b[order]
    lo = np.searchsorted(codes_b, codes_a, "left")
    count = np.searchsorted(codes_b, codes_a, "right") - lo
    total = int(count.sum())
    rows = np.repeat(rows_a, count)
    starts = np.repeat(lo - (np.cumsum(count) - count), count)
    cols = cols_b[np.arange(total) + starts]
    return np.unique(rows * len(b) + cols, return_counts=True)


def _sparse(np, a: Sequence[str], b: Sequence[str]):
    """(rows, cols, scores) of the cells with at least one stem in common (``_join``)."""
    len_a = np.fromiter(map(len, a), dtype=np.int64, count=len(a))
    len_b = np.fromiter(map(len, b), dtype=np.int64, count=len(b))
    cells, common = _join(np, a, b)
    rows, cols = np.divmod(cells, len(b))
    return rows, cols, _dice(common, len_a[rows], len_b[cols])


def _specific_common(np, a: Sequence[str], b: Sequence[str], rows, cols):
    """The specific stems each cell (rows[k], cols[k]) has in common, by a join on the
    specific parts of the signatures."""
    spec_a, spec_b = [_specific(x) for x in a], [_specific(y) for y in b]
    if not any(spec_a) or not any(spec_b):
        return np.zeros(len(rows), dtype=np.int64)
    cells, common = _join(np, spec_a, spec_b)
    if not len(cells):
        return np.zeros(len(rows), dtype=np.int64)
    wanted = rows.astype(np.int64) * len(b) + cols
    at = np.minimum(np.searchsorted(cells, wanted), len(cells) - 1)
    return np.where(cells[at] == wanted, common[at], 0)


def _shared_stem_pairs(np, a: Sequence[str], b: Sequence[str]) -> int:
    """How many (a, b, stem) triples a stem join would produce."""
    # Generic codes sit at the top of Unicode; below 0x100, where no other code is, they
    # keep the bincounts as short as the stems are few.
    codes_a = _compact(np, _codes(np, a)[0])
    codes_b = _compact(np, _codes(np, b)[0])
    size = int(max(codes_a.max(), codes_b.max())) + 1
    return int(np.bincount(codes_a, minlength=size) @ np.bincount(codes_b, minlength=size))


def _compact(np, codes):
    return np.where(codes >= _GENERIC_BASE, codes - _GENERIC_BASE, codes)


# A stem join costs a few times more per pair than rapidfuzz's cdist does per cell, so it
# is used when fewer than a quarter of the cells share a stem. Both give the same scores.
_SPARSE_SHARE = 0.25
_PARALLEL_CELLS = 250_000
# Up to this many A x B findings (e.g. two snapshots of 100 findings), blocks are scored
# one pair at a time in Python: a few milliseconds, where importing numpy takes ~100 ms.
_SMALL_CELLS = 10_000


def cells(
    a: Sequence[str],
    b: Sequence[str],
    minimum: int,
    *,
    specific: int = 0,
    close: int = 101,
    path: str | None = None,
):
    """(cells, cut): the (row, column, score) cells of signatures ``a`` x ``b`` that reach
    ``minimum`` (and share at least one stem), share ``specific`` specific stems (one fewer
    at a score of ``close`` or more), and are among their row's or their column's TOP_K
    best (ties by lower index, i.e. lower id), in row-major order; ``cut`` is True when
    some such cell was left out. ``path`` forces "small" (pure Python), "dense" or "sparse"
    (numpy); by default numpy chooses between the last two. All three give the same cells."""
    if path == "small":
        return _cells_small(a, b, minimum, specific, close)
    import numpy as np

    rows, cols, scores, cut = _cells(np, a, b, minimum, path, specific, close)
    return list(zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True)), cut


def _cells_small(a: Sequence[str], b: Sequence[str], minimum: int, specific=0, close=101):
    """cells() one pair at a time, without numpy or rapidfuzz: for small inputs, where
    importing them (~100 ms and ~14 ms) would cost more than the whole comparison. Each
    signature is a string of distinct sorted characters, so the LCS rapidfuzz computes is
    the size of the two character sets' intersection."""
    floor = max(minimum, 1)
    b_sets = [frozenset(y) for y in b]
    b_spec = [frozenset(_specific(y)) for y in b] if specific else []
    found = []
    for i, x in enumerate(a):
        xs = frozenset(x)
        x_spec = frozenset(_specific(x)) if specific else xs
        for j, y in enumerate(b):
            common = len(xs.intersection(b_sets[j]))
            if common and (s := _dice(common, len(x), len(y))) >= floor:
                if specific and not _enough(None, len(x_spec & b_spec[j]), s, specific, close):
                    continue
                found.append((i, j, s))
    keep: set[int] = set()
    by_row: dict[int, list] = {}
    by_col: dict[int, list] = {}
    for n, (i, j, s) in enumerate(found):
        by_row.setdefault(i, []).append((-s, j, n))
        by_col.setdefault(j, []).append((-s, i, n))
    for ranked in (*by_row.values(), *by_col.values()):
        keep.update(n for _, _, n in sorted(ranked)[:TOP_K])
    return [found[n] for n in sorted(keep)], len(keep) < len(found)


def _cells(np, a, b, minimum: int, path: str | None = None, specific=0, close=101):
    """cells() as numpy arrays: (rows, cols, scores, cut)."""
    floor = max(minimum, 1)
    if path is None:
        sparse = _shared_stem_pairs(np, a, b) < _SPARSE_SHARE * len(a) * len(b)
        path = "sparse" if sparse else "dense"
    if path == "dense":
        m = _dense(np, a, b)
        rows, cols = np.nonzero(m >= floor)
        scores = m[rows, cols]
    else:
        rows, cols, scores = _sparse(np, a, b)
        keep = scores >= floor
        rows, cols, scores = rows[keep], cols[keep], scores[keep]
    if specific:
        spec = _specific_common(np, a, b, rows, cols)
        keep = _enough(np, spec, scores.astype(np.int64), specific, close)
        rows, cols, scores = rows[keep], cols[keep], scores[keep]
    keep = _best(np, rows, cols, scores)
    return rows[keep], cols[keep], scores[keep].astype(np.int64), not keep.all()


def _best(np, rows, cols, scores):
    """Mask of the cells among their row's or their column's TOP_K best."""
    n = len(rows)
    neg = -scores.astype(np.int64)
    keep = np.zeros(n, dtype=bool)
    for major, minor in ((rows, cols), (cols, rows)):
        order = np.lexsort((minor, neg, major))
        grouped = major[order]
        starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
        rank = np.arange(n) - np.repeat(starts, np.diff(np.append(starts, n)))
        keep[order[rank < TOP_K]] = True
    return keep


def stems_score(a: Sequence[str], b: Sequence[str]) -> int:
    """``score`` of two statements from their ``content_stems``: the same number, for callers
    that compare one statement with several and keep its stems."""
    return _dice(len(set(a).intersection(b)), len(a), len(b))


def score(a: str, b: str) -> int:
    """The similarity of two statements, 0-100 (see the module docstring)."""
    from rapidfuzz.distance import LCSseq

    enc = _Encoder()
    sa, sb = enc.encode(content_stems(a)), enc.encode(content_stems(b))
    return _dice(LCSseq.similarity(sa, sb), len(sa), len(sb))


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
    specific: int = 0  # specific stems in common a pair needs (see CONTRAST_SPECIFIC) ...
    close: int = 101  # ... or one fewer at this score or more


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

    enc = _Encoder()
    stem_cache: dict[str, str] = {}

    def signature(text: str) -> str:
        sig = stem_cache.get(text)
        if sig is None:
            sig = stem_cache[text] = enc.encode(_content_stems(text))
        return sig

    sig_a = [signature(x.text) for x in a]
    sig_b = [signature(x.text) for x in b]
    order_a = sorted(range(len(a)), key=lambda k: a[k].key)
    order_b = sorted(range(len(b)), key=lambda k: b[k].key)
    # Keys as integers with the same order (and equality across the sides), for sorting
    # candidates in numpy.
    rank = {key: n for n, key in enumerate(sorted({x.key for x in a} | {x.key for x in b}))}
    ranks = ([rank[x.key] for x in a], [rank[x.key] for x in b])
    used_a = [False] * len(a)
    used_b = [False] * len(b)
    pairs: list[Pair] = []
    np = None
    if len(a) * len(b) > _SMALL_CELLS:
        import numpy as np

    for phase in phases:
        # block -> class -> signature -> _Group; kept across rounds (groups skip members
        # paired meanwhile), built from the items still unpaired when the phase starts.
        groups = (
            _groups(a, order_a, sig_a, used_a, phase.skip_blocks),
            _groups(b, order_b, sig_b, used_b, phase.skip_blocks),
        )
        blocks = sorted(groups[0].keys() & groups[1].keys())  # the first round: all of them
        while blocks:
            blocks = _round(groups, ranks, used_a, used_b, phase, blocks, pairs, np)
    pairs.sort(key=lambda p: (p.a, p.b))
    return pairs


def restatements(items: Sequence[Item], paired: Collection[int], *, phase: Phase) -> dict[int, int]:
    """Which unpaired items of one side restate one of its ``paired`` items, by ``phase``'s
    rule over the blocks they share: unpaired index -> the paired index it restates (the
    best score, ties by lower key). Many to one: a point made three times is one point, so
    a report lists it once, with its pair."""
    taken = [False] * len(items)
    for i in paired:
        taken[i] = True
    if all(taken) or not any(taken):
        return {}
    enc = _Encoder()
    sigs = [enc.encode(_content_stems(x.text)) for x in items]
    order = sorted(range(len(items)), key=lambda k: items[k].key)
    free = _groups(items, order, sigs, taken, phase.skip_blocks)
    held = _groups(items, order, sigs, [not t for t in taken], phase.skip_blocks)
    best: dict[int, tuple[int, str, int]] = {}
    for block in sorted(free.keys() & held.keys()):
        for cls_a, cls_b in phase.classes:
            ga, gb = free[block].get(cls_a), held[block].get(cls_b)
            if not ga or not gb:
                continue
            sa, sb = list(ga), list(gb)
            small = len(sa) * len(sb) <= _SMALL_CELLS
            found, _ = cells(
                sa, sb, phase.minimum, specific=phase.specific, close=phase.close,
                path="small" if small else None,
            )  # fmt: skip
            for i, j, score in found:
                target = gb[sb[j]].members[0]
                candidate = (-score, items[target].key, target)
                for u in ga[sa[i]].members:
                    if u not in best or candidate < best[u]:
                        best[u] = candidate
    return {u: target for u, (_, _, target) in sorted(best.items())}


def _round(groups, ranks, used_a, used_b, phase, blocks, pairs, np) -> list[str]:
    """One greedy round over the unpaired items of ``blocks`` (with numpy, or in pure
    Python when ``np`` is None); returns the blocks (sorted) where candidates were cut to
    TOP_K and both sides still have unpaired items."""
    groups_a, groups_b = groups
    rank_a, rank_b = ranks
    flat_a: list[_Group] = []
    flat_b: list[_Group] = []
    chunks = []
    cut: list[str] = []
    for block in blocks:
        for cls_a, cls_b in phase.classes:
            ga = _free(groups_a[block].get(cls_a), used_a)
            gb = _free(groups_b[block].get(cls_b), used_b)
            if not ga or not gb:
                continue
            rule = (phase.specific, phase.close)
            if np is None:
                found, was_cut = _cells_small(list(ga), list(gb), phase.minimum, *rule)
                count = len(found)
            else:
                rows, cols, scores, was_cut = _cells(
                    np, list(ga), list(gb), phase.minimum, None, *rule
                )
                found, count = (rows, cols, scores), len(rows)
            if was_cut and (not cut or cut[-1] != block):
                cut.append(block)
            if count:
                # Each group's first unpaired member stands for it in the greedy order.
                first_a = [rank_a[g.members[g.pos]] for g in ga.values()]
                first_b = [rank_b[g.members[g.pos]] for g in gb.values()]
                chunks.append((found, first_a, first_b, len(flat_a), len(flat_b)))
            flat_a.extend(ga.values())
            flat_b.extend(gb.values())
    # Greedy order: best score first, then the lower and the higher of the two groups'
    # first members' keys (symmetric in A and B), then blocks in order and cells row-major.
    order = _greedy_order(chunks, np)
    for s, i_a, i_b in order:
        x, y = flat_a[i_a], flat_b[i_b]
        while (i := x.next_free(used_a)) is not None and (j := y.next_free(used_b)) is not None:
            used_a[i] = used_b[j] = True
            pairs.append(Pair(i, j, s, phase.name))
    # A block whose every candidate was considered has no unpaired pair left that could
    # pair; one that was cut may, once its best counterparts are spent.
    return [
        block
        for block in cut
        if any(_free(c, used_a) for c in groups_a[block].values())
        and any(_free(c, used_b) for c in groups_b[block].values())
    ]


def _greedy_order(chunks, np):
    """(score, flat index in A, flat index in B) of every candidate, in greedy order."""
    if not chunks:
        return []
    if np is None:
        ranked = []
        for found, first_a, first_b, base_a, base_b in chunks:
            for i, j, s in found:
                ka, kb = first_a[i], first_b[j]
                lo, hi = (ka, kb) if ka <= kb else (kb, ka)
                ranked.append((-s, lo, hi, len(ranked), i + base_a, j + base_b))
        ranked.sort()
        return [(-t[0], t[4], t[5]) for t in ranked]
    scores, key_a, key_b, at_a, at_b = (
        np.concatenate(parts)
        for parts in zip(
            *(
                (s, np.asarray(fa)[r], np.asarray(fb)[c], r + base_a, c + base_b)
                for (r, c, s), fa, fb, base_a, base_b in chunks
            ),
            strict=True,
        )
    )
    order = np.lexsort(
        (np.arange(len(scores)), np.maximum(key_a, key_b), np.minimum(key_a, key_b), -scores)
    )
    return zip(scores[order].tolist(), at_a[order].tolist(), at_b[order].tolist(), strict=True)


def _free(by_sig: dict[str, _Group] | None, used: list[bool]) -> dict[str, _Group]:
    """``by_sig`` without its groups that have no unpaired member left. They are removed
    for good, so later rounds never look at them again."""
    if not by_sig:
        return {}
    for sig in [sig for sig, g in by_sig.items() if g.next_free(used) is None]:
        del by_sig[sig]
    return by_sig


class _Group:
    """Items with one signature in one block and class, lowest key first. ``next_free``
    skips members already paired (here or in another block) without rescanning them."""

    __slots__ = ("members", "pos")

    def __init__(self) -> None:
        self.members: list[int] = []
        self.pos = 0

    def next_free(self, used: list[bool]) -> int | None:
        members, pos = self.members, self.pos
        while pos < len(members) and used[members[pos]]:
            pos += 1
        self.pos = pos
        return members[pos] if pos < len(members) else None


def _groups(items, order, sigs, used, skip) -> dict[str, dict[str, dict[str, _Group]]]:
    """block -> class -> signature -> _Group of the unpaired items, in key order."""
    out: dict[str, dict[str, dict[str, _Group]]] = {}
    for idx in order:
        if used[idx]:
            continue
        item = items[idx]
        sig = sigs[idx]
        for block in item.blocks:
            if block in skip:
                continue
            by_sig = out.setdefault(block, {}).setdefault(item.cls, {})
            group = by_sig.get(sig)
            if group is None:
                group = by_sig[sig] = _Group()
            group.members.append(idx)
    return out
