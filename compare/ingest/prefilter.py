"""A cheap, exact pre-filter for "which of these term patterns could match this text?".

Every lexicon term is matched at a word start (``(?<![\\w-])``, see ``findings._compile``),
so a match begins a run of word characters. When a term's pattern must begin with known
literal characters ("collaborat\\w*" with "collaborat", "(?:OCG|organised crime group)
mapping" with "ocg" or "organised"), a text none of whose word runs begins with one of them
cannot match it, and its (slow) regular expression need not run. A term whose start is not
plainly literal (a character class, an optional first letter, a look-around) is always run.

The filter may let through a group that then fails to match; it never holds back one that
would match. Prefixes are compared lower-cased and cut to ``MAX_PREFIX`` characters (a
shorter prefix only lets more through). A text with a non-ASCII word character is not
filtered at all: case-insensitive matching treats some of those as ASCII letters ("ſ" as
"s", the Kelvin sign as "k"), which lower-casing does not.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator, Mapping

MAX_PREFIX = 4
_WORDCHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_QUANTIFIERS = frozenset("?*{")
_TOKEN = re.compile(r"[a-z0-9_]+")
_NON_ASCII_WORD = re.compile(r"(?![\x00-\x7f])\w")


def _syntax(term: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, groups open before it) for each character of ``term`` outside an
    escape or a character class, then a last ``(len(term), "", depth)``, depth -1 when a
    class is left open."""
    depth = 0
    in_class = False
    i = 0
    while i < len(term):
        c = term[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            yield i, c, depth
            depth += {"(": 1, ")": -1}.get(c, 0)
        i += 1
    yield len(term), "", -1 if in_class else depth


def _group_end(term: str) -> int | None:
    """Index just past the ``)`` closing the group that opens ``term``."""
    return next((i + 1 for i, c, depth in _syntax(term) if c == ")" and depth == 1), None)


def _branches(term: str) -> list[str] | None:
    """``term`` split at its top-level ``|``; None if it cannot be read."""
    parts: list[str] = []
    last = 0
    for i, c, depth in _syntax(term):
        if c == "|" and depth == 0:
            parts.append(term[last:i])
            last = i + 1
        elif not c and depth != 0:
            return None
    parts.append(term[last:])
    return parts


def literal_prefixes(term: str) -> frozenset[str] | None:
    """The lower-cased literal starts one of which every match of ``term`` begins with, or
    None when there is no such set (the term must then always be tried)."""
    branches = _branches(term)
    if branches is None:
        return None
    out: set[str] = set()
    for branch in branches:
        found = _branch_prefixes(branch)
        if not found:
            return None
        out |= found
    return frozenset(p[:MAX_PREFIX] for p in out)


def _branch_prefixes(branch: str) -> set[str] | None:
    for opener in ("(?:", "(?-i:", "(?i:"):
        if branch.startswith(opener):
            end = _group_end(branch)
            if end is None or branch[end : end + 1] in _QUANTIFIERS:  # an optional group
                return None
            inner = literal_prefixes(branch[len(opener) : end - 1])
            return set(inner) if inner else None
    i = 0
    while i < len(branch) and branch[i] in _WORDCHARS:
        i += 1
    if i < len(branch) and branch[i] in _QUANTIFIERS:
        i -= 1  # "works?": the last letter may be absent
    prefix = branch[:i].lower()
    return {prefix} if prefix else None


class WordGate:
    """Which keys' terms could match a text, from the literal prefixes of their terms."""

    def __init__(self, terms: Mapping[Hashable, Iterable[str]]):
        self.always: frozenset = frozenset()
        by_prefix: dict[str, set] = {}
        always = set()
        for key, patterns in terms.items():
            for term in patterns:
                prefixes = literal_prefixes(term)
                if prefixes is None:
                    always.add(key)
                    break
                for p in prefixes:
                    by_prefix.setdefault(p, set()).add(key)
        self.always = frozenset(always)
        self._by_prefix = {p: frozenset(keys) for p, keys in by_prefix.items()}
        self._lengths = sorted({len(p) for p in by_prefix})
        self._token_keys: dict[str, frozenset] = {}

    def candidates(self, text: str) -> dict | None:
        """For each key whose terms may match ``text``, the positions a match could start
        at (each a word start with one of its prefixes; -1 for a key always tried, meaning
        anywhere). None when the text cannot be filtered: every key must then be searched.
        A term's pattern matches ``text`` exactly when it matches at one of those positions
        (``pattern.match(text, pos)``; its look-behind still sees what comes before)."""
        if not text.isascii() and _NON_ASCII_WORD.search(text):
            return None
        found: dict = {key: [-1] for key in self.always}
        known = self._token_keys
        for m in _TOKEN.finditer(text.lower()):
            token = m.group()
            keys = known.get(token)
            if keys is None:
                keys = self._keys_of(token)
            if keys:
                start = m.start()
                for key in keys:
                    at = found.get(key)
                    if at is None:
                        found[key] = [start]
                    elif at[-1] != start:
                        at.append(start)
        return found

    def _keys_of(self, token: str) -> frozenset:
        """The keys one of whose prefixes ``token`` starts with (remembered: words recur)."""
        keys: set = set()
        for k in self._lengths:
            if k > len(token):
                break
            keys.update(self._by_prefix.get(token[:k], ()))
        if len(self._token_keys) >= 100_000:
            self._token_keys.clear()  # bounded memory in a long batch
        self._token_keys[token] = found = frozenset(keys)
        return found


def matches(pattern: re.Pattern[str], text: str, positions: list[int] | None) -> bool:
    """Whether ``pattern`` matches ``text`` somewhere, trying only ``positions`` (from
    ``WordGate.candidates``; None or [-1]: anywhere)."""
    if positions is None or positions[0] < 0:
        return pattern.search(text) is not None
    return any(pattern.match(text, p) is not None for p in positions)
