"""The snapshot: one version of one inspection, as stored and as compared.

msgspec Structs: frozen, validated on decode, and cheap to import (~10 ms), which keeps
every command's start-up lean. Strings that name things on disk (ids, slugs) are checked
against an allow-list here, so nothing decoded can point outside the store.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Literal

import msgspec

from compare import grades
from compare.errors import SnapshotInvalid

SCHEMA = 1

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
SHA256 = re.compile(r"[0-9a-f]{64}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Checked in C by msgspec while decoding (a post-init check in Python cost a third of the
# decode time of a store): the ids that repeat most, finding and judgment ids and bodies.
_SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?\Z"
Slug = Annotated[str, msgspec.Meta(pattern=_SLUG_PATTERN)]
Text = Annotated[str, msgspec.Meta(pattern=r"\S")]
_SLUG_MESSAGE = (
    "not a valid id (lower-case letters, digits and inner hyphens, at most 80 characters)"
)

Polarity = Literal[
    "strength", "area-for-improvement", "cause-of-concern", "promising-practice", "observation"
]
POLARITIES: tuple[str, ...] = (
    "strength",
    "promising-practice",
    "observation",
    "area-for-improvement",
    "cause-of-concern",
)
Role = Literal["region", "rocu", "force", "other"]
# How a field was obtained: read from the text, given by the user, or (a judgment) inferred
# by logic from what the text states ("the other four forces require improvement").
Obtained = Literal["parsed", "given", "inferred"]
SourceKind = Literal["text", "html", "url"]

REGION = "region"  # the body of a finding about the region as a whole


def _fail(field: str, message: str) -> None:
    # "@field: " lets format_error append the field to msgspec's path.
    raise ValueError(f"@{field}: {message}")


def check_slug(value: str, what: str = "id") -> str:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid {what} (lower-case letters, digits and inner hyphens, "
            "at most 80 characters)"
        )
    return value


def check_date(value: str) -> str:
    if not DATE.fullmatch(value):
        raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD)")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


class _Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Inspection(_Base):
    programme: str
    subject: str
    title: str
    published: str
    scale: str = grades.FIVE_POINT
    cycle: str | None = None

    def __post_init__(self) -> None:
        for name in ("programme", "subject"):
            try:
                check_slug(getattr(self, name), name)
            except ValueError as err:
                _fail(name, str(err))
        try:
            check_date(self.published)
        except ValueError as err:
            _fail("published", str(err))
        if self.scale not in grades.SCALES:
            _fail(
                "scale",
                f"{self.scale!r} is not a scale (expected one of: {', '.join(grades.SCALES)})",
            )


class Extractor(_Base):
    name: str
    version: str


class Source(_Base):
    kind: SourceKind
    sha256: str
    extractor: Extractor
    fields: dict[str, Obtained] = {}
    url: str | None = None
    encoding: str = "utf-8"
    media: Literal["txt", "html"] = "txt"

    def __post_init__(self) -> None:
        if not SHA256.fullmatch(self.sha256):
            _fail("sha256", f"{self.sha256!r} is not a sha256 hex digest")


class Judgment(_Base):
    body: Slug
    name: str
    role: Role
    area: Slug
    grade: str | None  # None: the area is recorded but was not graded
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.grade is not None and self.grade not in grades.GRADES:
            _fail(
                "grade",
                f"{self.grade!r} is not a grade (expected one of: {grades.expected_list()})",
            )


class Tally(_Base):
    """The grade tally a publication states ("graded across nine areas ... 'good' in four
    areas, 'adequate' in one ..."), kept beside the judgments it could name: a release often
    counts grades without naming every area."""

    areas: int | None = None  # areas graded, when the text says ("across nine areas")
    grades: dict[str, int] = {}  # grade -> number of areas, as stated
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.areas is not None and not 0 < self.areas <= 50:
            _fail("tally.areas", f"{self.areas} is not a number of areas (1-50)")
        for grade, n in self.grades.items():
            if grade not in grades.GRADES:
                _fail("tally.grades", f"{grade!r} is not a grade")
            if not 0 < n <= 50:
                _fail(f"tally.grades.{grade}", f"{n} is not a number of areas (1-50)")
        if self.areas is not None and sum(self.grades.values()) > self.areas:
            _fail("tally", f"{sum(self.grades.values())} grades counted in {self.areas} areas")

    @property
    def total(self) -> int:
        """How many graded areas the tally speaks of."""
        return self.areas if self.areas is not None else sum(self.grades.values())


class Finding(_Base):
    id: Slug
    body: Slug
    polarity: Polarity
    text: Text
    themes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # "theme: term" for every taxonomy term that matched


class Quote(_Base):
    speaker: str
    text: str


class Snapshot(_Base):
    """One version of one inspection. ``version``/``predecessor`` are set by the store."""

    inspection: Inspection
    source: Source
    judgments: tuple[Judgment, ...] = ()
    # Optional, so snapshots written before tallies were read stay valid as they are.
    tally: Tally | None = None
    findings: tuple[Finding, ...] = ()
    quotes: tuple[Quote, ...] = ()
    schema: int = SCHEMA
    version: int | None = None
    predecessor: str | None = None  # sha256 of the previous version's file

    def __post_init__(self) -> None:
        if self.schema != SCHEMA:
            _fail("schema", f"format version {self.schema} is not supported (expected {SCHEMA})")
        if self.predecessor is not None and not SHA256.fullmatch(self.predecessor):
            _fail("predecessor", f"{self.predecessor!r} is not a sha256 hex digest")
        seen: set[tuple[str, str]] = set()
        for i, j in enumerate(self.judgments):
            if j.grade is not None:
                try:
                    grades.check_on_scale(j.grade, self.inspection.scale)
                except grades.GradeError as err:
                    _fail(f"judgments[{i}].grade", str(err))
            key = (j.body, j.area)
            if key in seen:
                _fail(f"judgments[{i}]", f"a second judgment for {j.body} / {j.area}")
            seen.add(key)
        if self.tally is not None:
            for grade in self.tally.grades:
                try:
                    grades.check_on_scale(grade, self.inspection.scale)
                except grades.GradeError as err:
                    _fail("tally.grades", str(err))
        ids: set[str] = set()
        for i, f in enumerate(self.findings):
            if f.id in ids:
                _fail(f"findings[{i}].id", f"duplicate finding id {f.id!r}")
            ids.add(f.id)

    def partial(self) -> str | None:
        """See ``partial``."""
        return partial(self)

    @property
    def key(self) -> tuple[str, str, str]:
        i = self.inspection
        return (i.programme, i.subject, i.published)

    @property
    def ref(self) -> str:
        """Short citation: ``south-west@2025-06-12#v1``."""
        i = self.inspection
        suffix = f"#v{self.version}" if self.version else ""
        return f"{i.subject}@{i.published}{suffix}"


class SourceHead(msgspec.Struct, frozen=True, kw_only=True):
    url: str | None = None


class SnapshotHead(msgspec.Struct, frozen=True, kw_only=True):
    """A snapshot read without its findings and quotes: what a store-wide grade overview
    needs. msgspec skips the other fields without building them, so a store of thousands
    of snapshots decodes in a fraction of the time and memory. Read only from files whose
    hash the store has checked; full validation is ``Snapshot``'s."""

    inspection: Inspection
    source: SourceHead
    judgments: tuple[Judgment, ...] = ()
    tally: Tally | None = None
    version: int | None = None

    def partial(self) -> str | None:
        return partial(self)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return ()  # not decoded (that is the point): load the Snapshot for findings

    key = Snapshot.key
    ref = Snapshot.ref


def partial(snap: Snapshot | SnapshotHead) -> str | None:
    """ "4 of 9 graded areas named" when the tally a snapshot states counts more graded areas
    than it names for its subject; None when it names them all or states no tally."""
    if snap.tally is None or not snap.tally.total:
        return None
    subject = snap.inspection.subject
    named = sum(1 for j in snap.judgments if j.grade is not None and j.body == subject)
    if named >= snap.tally.total:
        return None
    return f"{named} of {snap.tally.total} graded areas named"


_head_decoder = msgspec.json.Decoder(SnapshotHead)


def head_from_json(data: bytes, where: str) -> SnapshotHead:
    try:
        return _head_decoder.decode(data)
    except msgspec.ValidationError as err:
        raise SnapshotInvalid(format_error(where, err)) from None
    except msgspec.DecodeError as err:
        raise SnapshotInvalid(f"{where}: not valid JSON ({err})") from None


def content(snap: Snapshot) -> Snapshot:
    """The snapshot without store bookkeeping: what "same content" means."""
    return msgspec.structs.replace(snap, version=None, predecessor=None)


def version_kind(before: Snapshot | None, after: Snapshot) -> str:
    """Why a new version exists: a new source (correction), a newer extractor on the same
    source (re-extraction), or the same source and extractor read with other options
    (amendment). With nothing before, it is a new inspection."""
    if before is None:
        return "new-inspection"
    if before.source.sha256 != after.source.sha256:
        return "correction"
    if before.source.extractor != after.source.extractor:
        return "re-extraction"
    return "amendment"


_encoder = msgspec.json.Encoder(order="deterministic")


def to_json(snap: Snapshot) -> bytes:
    """Canonical, human-readable bytes: fields in model order, two-space indent, final newline."""
    return msgspec.json.format(_encoder.encode(snap), indent=2) + b"\n"


def to_builtins(obj: object) -> object:
    return msgspec.to_builtins(obj, order="deterministic")


def format_error(where: str, err: msgspec.ValidationError | ValueError) -> str:
    """``file: judgments[3].grade: message`` from msgspec's ``message - at `$.path```."""
    text = str(err)
    path = ""
    m = re.search(r" - at `\$(.*)`$", text)
    if m:
        path, text = m.group(1).lstrip("."), text[: m.start()]
    if text.startswith("Expected `str` matching regex"):
        text = "a finding needs text" if "\\S" in text else _SLUG_MESSAGE
    if text.startswith("@"):
        field, _, text = text[1:].partition(": ")
        path = f"{path}.{field}" if path else field
    return f"{where}: {path}: {text}" if path else f"{where}: {text}"


_decoder = msgspec.json.Decoder(Snapshot)


def from_json(data: bytes, where: str) -> Snapshot:
    """Decode and validate; raise SnapshotInvalid naming ``where`` and the field path."""
    try:
        return _decoder.decode(data)
    except msgspec.ValidationError as err:
        raise SnapshotInvalid(format_error(where, err)) from None
    except msgspec.DecodeError as err:
        raise SnapshotInvalid(f"{where}: not valid JSON ({err})") from None


def from_builtins(data: object, where: str) -> Snapshot:
    try:
        return msgspec.convert(data, Snapshot)
    except msgspec.ValidationError as err:
        raise SnapshotInvalid(format_error(where, err)) from None
