"""The body registry: regions, ROCUs and forces, and one resolver from any written name to an id.

Data lives in ``compare/data/bodies.yaml``. Resolution is exact after normalisation (case,
punctuation, ``&``/``and``, curly quotes, possessives, a leading "the") against names,
aliases and generated variants ("Avon & Somerset Constabulary", "the ROCU for the West
Midlands", "SWROCU"). There is no fuzzy matching: an unknown name is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from compare.errors import InspdiffError

KINDS = ("region", "rocu", "force", "national-force")
_FORCE_SUFFIXES = ("police service", "police force", "constabulary", "police")
# Written mentions that are also ordinary words: resolvable as a whole name, never scanned
# for inside running text.
_NOT_SCANNED = {"met", "hampshire", "tarian", "titan"}
# ... except after "the", where they are unambiguous ("the Met"),
_SCANNED_AFTER_THE = {"met"}
# ... or written as a name is ("TITAN", "Tarian"), not as the word.
_WRITTEN = re.compile(r"(?<![\w-])(TITAN|TARIAN|Tarian)(?![\w-])")


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    name: str
    kind: str  # region | rocu | force | national-force
    region: str
    aliases: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        """The judgment role: rocu, force or region."""
        return {"national-force": "force"}.get(self.kind, self.kind)


class UnknownBody(InspdiffError):
    pass


_APOS = re.compile(r"[\u2018\u2019\u201b`´]")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """Lower-case words separated by single spaces; ``&`` -> ``and``; no leading "the"."""
    text = _APOS.sub("'", name).lower().replace("&", " and ")
    text = _POSSESSIVE.sub("", text)
    text = _NON_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


class Registry:
    def __init__(self, bodies: list[Body]):
        self.bodies: dict[str, Body] = {b.id: b for b in bodies}
        self._names: dict[str, str] = {}
        self._build()
        self._scan_names = {n: b for n, b in self._names.items() if n not in _NOT_SCANNED}
        self._scan_names.update(
            {f"the {n}": self._names[n] for n in _SCANNED_AFTER_THE if n in self._names}
        )

        # Every scanned name is words joined by single spaces (normalised): for each first
        # word, the word counts of the names it starts, longest first.
        starts: dict[str, set[int]] = {}
        for n in self._scan_names:
            words = n.split(" ")
            starts.setdefault(words[0], set()).add(len(words))
        self._starts = {w: sorted(lengths, reverse=True) for w, lengths in starts.items()}

    def scan(self, norm: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of the scanned names in ``norm`` (a ``normalise``d text): at
        each word, the longest name starting there, then on after it; the same result as
        searching for every name at word boundaries, longest first, without overlaps."""
        if not norm:
            return []
        words = norm.split(" ")
        offsets = []
        pos = 0
        for w in words:
            offsets.append(pos)
            pos += len(w) + 1
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            for k in self._starts.get(words[i], ()):
                name = " ".join(words[i : i + k])
                if i + k <= len(words) and name in self._scan_names:
                    out.append((offsets[i], offsets[i] + len(name), name))
                    i += k
                    break
            else:
                i += 1
        return out

    # -- construction --------------------------------------------------------------------
    def _add(self, name: str, body_id: str) -> None:
        key = normalise(name)
        if not key:
            return
        other = self._names.get(key)
        if other is not None and other != body_id:
            # Two bodies share a written form: keep neither guess-prone mapping.
            self._names[key] = ""
            return
        self._names[key] = body_id

    def _build(self) -> None:
        regions = [b for b in self.bodies.values() if b.kind == "region"]
        region_keys = {normalise(n) for r in regions for n in (r.name, *r.aliases)}
        for b in self.bodies.values():
            for n in (b.id.replace("-", " "), b.name, *b.aliases):
                self._add(n, b.id)
            if b.kind == "region":
                for n in (b.name, *b.aliases):
                    self._add(f"{n} region", b.id)
                    self._add(f"{n} regional", b.id)
            elif b.kind in ("force", "national-force"):
                core = normalise(b.name)
                for suffix in _FORCE_SUFFIXES:
                    if core.endswith(" " + suffix):
                        core = core[: -len(suffix) - 1]
                        break
                variants = [f"{core} {s}" for s in _FORCE_SUFFIXES]
                if core not in region_keys:
                    variants.append(core)
                for v in variants:
                    self._add(v, b.id)
            elif b.kind == "rocu":
                region = self.bodies[b.region]
                for r in (region.name, *region.aliases):
                    for pattern in (
                        "{r} rocu",
                        "{r} regional organised crime unit",
                        "{r} regional organised crime unit rocu",
                        "{r} regional special operations unit",
                        "{r} region special operations unit",
                        "rocu for the {r}",
                        "rocu for {r}",
                        "rocu in the {r}",
                        "regional organised crime unit for the {r}",
                        "regional organised crime unit for {r}",
                        "regional organised crime unit rocu for the {r}",
                        "regional organised crime unit rocu for {r}",
                        "regional organised crime unit in the {r}",
                        "{r} regional organised crime unit",
                    ):
                        self._add(pattern.format(r=r), b.id)
        self._names = {k: v for k, v in self._names.items() if v}

    # -- queries -------------------------------------------------------------------------
    def get(self, body_id: str) -> Body:
        try:
            return self.bodies[body_id]
        except KeyError:
            raise UnknownBody(f"unknown body id {body_id!r}") from None

    def resolve(self, name: str) -> Body | None:
        """The body a written name refers to, or None when it names no known body."""
        body_id = self._names.get(normalise(name))
        return self.bodies[body_id] if body_id else None

    def resolve_or_raise(self, name: str) -> Body:
        body = self.resolve(name)
        if body is None:
            raise UnknownBody(f"unknown body {name!r}: not in the registry")
        return body

    def mentions(self, text: str) -> list[Body]:
        """Bodies named in running text, in order of first mention, longest names first."""
        found: list[Body] = []
        seen: set[str] = set()
        norm = normalise(text)
        names = self._scan_names
        hits = [(start, names[name]) for start, _end, name in self.scan(norm)]
        if _WRITTEN.search(text) is not None:
            hits.extend((start, body.id) for start, _end, body in self.written_mentions(text, norm))
            hits.sort()
        for _start, body_id in hits:
            if body_id not in seen:
                seen.add(body_id)
                found.append(self.bodies[body_id])
        return found

    def without_names(self, text: str) -> str:
        """``text`` with every body name in it blanked out (possessive included): what a
        sentence says, whoever it is about."""
        names = {name for _start, _end, name in self.scan(normalise(text))}
        names.update(m.group(1).lower() for m in _WRITTEN.finditer(text))
        for name in sorted(names, key=len, reverse=True):
            text = _as_written(name).sub(" ", text)
        return text

    def written_mentions(self, text: str, norm: str | None = None) -> list[tuple[int, int, Body]]:
        """(start, end, body) in ``normalise(text)`` of the names that are also ordinary words
        and count only as written as names ("TITAN", "Tarian")."""
        if _WRITTEN.search(text) is None:
            return []
        norm = normalise(text) if norm is None else norm
        out: list[tuple[int, int, Body]] = []
        for key in {m.group(1).lower() for m in _WRITTEN.finditer(text)}:
            body_id = self._names.get(key)
            if body_id:
                for m in re.finditer(rf"(?<![a-z0-9]){key}(?![a-z0-9])", norm):
                    out.append((m.start(), m.end(), self.bodies[body_id]))
        return sorted(out, key=lambda x: x[:2])

    def of_kind(self, kind: str) -> list[Body]:
        return sorted((b for b in self.bodies.values() if b.kind == kind), key=lambda b: b.id)

    def members(self, region_id: str) -> list[Body]:
        """The ROCU and forces of a region, ROCU first, then forces by id."""
        inside = [b for b in self.bodies.values() if b.region == region_id and b.kind != "region"]
        return sorted(inside, key=lambda b: (b.kind != "rocu", b.id))

    def rocu_of(self, region_id: str) -> Body | None:
        return next((b for b in self.members(region_id) if b.kind == "rocu"), None)

    def name_of(self, body_id: str) -> str:
        b = self.bodies.get(body_id)
        return b.name if b else body_id


@lru_cache(maxsize=512)
def _as_written(name: str) -> re.Pattern[str]:
    """A normalised name as it may be written: any punctuation between its words, "&" for
    "and", an optional "the" before and "'s" after."""
    words = r"[\W_]*".join("(?:and|&)" if w == "and" else re.escape(w) for w in name.split())
    return re.compile(rf"(?<![\w])(?:the\s+)?{words}(?:['\u2019]s)?(?![\w])", re.I)


@cache
def load() -> Registry:
    """The registry shipped with the package (parsed once per process)."""
    from compare import packagedata

    data = packagedata.load("bodies.yaml")
    bodies: list[Body] = []
    for r in data["regions"]:
        bodies.append(Body(r["id"], r["name"], "region", r["id"], tuple(r.get("aliases", ()))))
        if r.get("rocu"):
            x = r["rocu"]
            bodies.append(Body(x["id"], x["name"], "rocu", r["id"], tuple(x.get("aliases", ()))))
        for f in r.get("forces", ()):
            bodies.append(Body(f["id"], f["name"], "force", r["id"], tuple(f.get("aliases", ()))))
        for o in r.get("others", ()):
            bodies.append(Body(o["id"], o["name"], o["kind"], r["id"], tuple(o.get("aliases", ()))))
    return Registry(bodies)
