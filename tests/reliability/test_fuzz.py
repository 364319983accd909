"""Fuzzing with Hypothesis: ingest and the snapshot parsers raise only the tool's own errors;
generated well-formed press releases round-trip their judgments exactly; and a stateful
model of the store (saves, crashed saves, failed saves, verify, resolve, compare) agrees
with the store at every step.

Example counts are modest for CI; INSPDIFF_SOAK=1 multiplies them.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from compare import model
from compare.errors import InspdiffError, SnapshotInvalid
from compare.store import Store, parse_snapshot
from tests.factories import make_snapshot
from tests.reliability.harness import SOAK

SCALE = 20 if SOAK else 1


def _settings(n: int, **kw) -> settings:
    return settings(
        max_examples=n * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        **kw,
    )


# -- ingest raises nothing but InspdiffError ------------------------------------------------
_WORDS = [
    "South West Regional Organised Crime Unit",
    "Dorset Police",
    "Gloucestershire Constabulary",
    "has been graded as",
    "was graded as",
    "good",
    "adequate",
    "requires improvement",
    "inadequate",
    "outstanding",
    "Published on:",
    "3 October 2024",
    "14/05/2024",
    "HMICFRS",
    "serious and organised crime",
    "cause of concern",
    "area for improvement",
    "Inspectors found",
    "\u2018",
    "\u201c",
    "•",
    "- ",
    "–",
    ";",
    ":",
    ".",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "\x00",
    "\ufeff",
    "\u200b",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "#",
    "ROCU",
    "the Met",
    "PEEL",
    "2021/22",
]
_TAGS = [
    "p",
    "div",
    "h1",
    "h2",
    "li",
    "ul",
    "ol",
    "table",
    "td",
    "script",
    "style",
    "nav",
    "main",
    "article",
    "span",
    "b",
    "br",
    "title",
    "head",
    "body",
    "html",
    "meta",
    "template",
]


@st.composite
def release_like(draw) -> str:
    """Text made of the words a release uses, in any order, with any noise."""
    parts = draw(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), max_size=60))
    return "".join(parts)


@st.composite
def tag_soup(draw) -> str:
    """HTML fragments: open/close tags in any order, attributes, entities, release words."""
    out = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(_TAGS))
        if kind == 0:
            attr = draw(st.sampled_from(["", ' class="x"', " id=a", ' content="2024-01-01"', " <"]))
            out.append(f"<{tag}{attr}>")
        elif kind == 1:
            out.append(f"</{tag}>")
        elif kind == 2:
            out.append(draw(st.sampled_from(_WORDS)))
        elif kind == 3:
            out.append(draw(st.text(max_size=10)))
        else:
            out.append(draw(st.sampled_from(["<!--", "-->", "<![CDATA[", "<!doctype html>", "&"])))
    return "".join(out)


def _ingest_only_own_errors(text: str, media: str, published: str | None) -> None:
    from compare.ingest import ingest_text

    try:
        result = ingest_text(text, media=media, published=published)
    except InspdiffError:
        return
    # Whatever ingest accepts must be a snapshot the store can keep and read back.
    snap = result.snapshot
    assert model.from_json(model.to_json(snap), "fuzz") == snap


@pytest.mark.parametrize("media", ["txt", "md"])
@pytest.mark.parametrize("published", [None, "2024-10-03"])
@given(text=st.one_of(release_like(), st.text()))
@_settings(60)
def test_arbitrary_text_given_to_ingest_raises_only_inspdiff_errors(media, published, text):
    """Any text (release-like or random) ends in a valid snapshot or an InspdiffError."""
    _ingest_only_own_errors(text, media, published)


@pytest.mark.parametrize("published", [None, "2024-10-03"])
@given(text=st.one_of(tag_soup(), st.text()))
@_settings(60)
def test_arbitrary_html_given_to_ingest_raises_only_inspdiff_errors(published, text):
    """Any tag soup ends in a valid snapshot or an InspdiffError."""
    _ingest_only_own_errors(text, "html", published)


def test_arbitrary_bytes_from_a_file_raise_only_inspdiff_errors(tmp_path):
    """Any bytes in a .txt/.html file (encodings, BOMs, binary) give a snapshot or an error."""
    from compare.ingest import ingest_one

    @given(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".md"]))
    @_settings(60)
    def check(data: bytes, suffix: str) -> None:
        path = tmp_path / f"source{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(InspdiffError):
            ingest_one(str(path), published="2024-10-03")

    check()


# -- snapshot parsers -----------------------------------------------------------------------
_VALID = model.to_json(make_snapshot()).decode()


@st.composite
def mutated_snapshot(draw) -> bytes:
    """A valid snapshot's text with a few random edits (so parsing gets deep)."""
    text = _VALID
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 8)))
        text = text[:i] + draw(st.text(max_size=6)) + text[j:]
    return text.encode("utf-8", "surrogatepass")


def test_arbitrary_bytes_as_a_snapshot_file_raise_only_snapshot_invalid():
    """validate/show on any bytes, as .json or .yaml: a Snapshot or SnapshotInvalid."""

    @given(
        st.one_of(mutated_snapshot(), st.binary(max_size=300)),
        st.sampled_from(["a.json", "a.yaml"]),
    )
    @_settings(150)
    def check(data: bytes, where: str) -> None:
        with contextlib.suppress(SnapshotInvalid):
            parse_snapshot(data, where)

    check()


def test_arbitrary_manifest_bytes_make_verify_report_not_crash(tmp_path):
    """verify over a store whose manifest holds any bytes returns problems, never raises."""
    store = Store(tmp_path / "store")
    store.save(make_snapshot(), raw=b"press release text")
    manifest = tmp_path / "store/soc-regional/south-west/2025-06-12/manifest.json"
    original = manifest.read_text()

    @given(st.integers(0, len(original)), st.text(max_size=8), st.integers(0, 8))
    @_settings(100)
    def check(at: int, insert: str, cut: int) -> None:
        damaged = original[:at] + insert + original[at + cut :]
        manifest.write_text(damaged)
        problems = store.verify()
        if damaged != original:
            assert str(manifest) in {p.path for p in problems}

    check()


# -- generated releases round-trip ----------------------------------------------------------
_GRADES = ["outstanding", "good", "adequate", "requires improvement", "inadequate"]
_REGIONS = [
    "north-east",
    "north-west",
    "yorkshire-and-the-humber",
    "east-midlands",
    "west-midlands",
    "eastern",
    "south-east",
    "south-west",
    "wales",
]


@st.composite
def press_release(draw):
    """A well-formed release: every body of a region graded, in one of the usual phrasings.
    Returns (text, published date, region id, {body id: grade})."""
    from compare.registry import load

    registry = load()
    region = draw(st.sampled_from(_REGIONS))
    bodies = registry.members(region)
    expected = {b.id: draw(st.sampled_from(_GRADES)) for b in bodies}
    verb = draw(st.sampled_from(["has been graded as", "was graded as"]))
    bullet = draw(st.sampled_from(["- ", "• ", "– "]))
    quote = draw(st.sampled_from([("", ""), ("\u2018", "\u2019"), ("\u201c", "\u201d")]))
    y, m, d = draw(st.integers(2019, 2026)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    date_line = draw(
        st.sampled_from([f"Published on: {d} {months[m - 1]} {y}", f"{d:02d}/{m:02d}/{y}"])
    )
    name = registry.get(region).name
    lines = [
        f"Inspection of the {name} regional response to serious and organised crime",
        date_line,
        f"HMICFRS inspected the {bodies[0].name} and its regional police forces.",
    ]
    for i, b in enumerate(bodies):
        end = "." if i == len(bodies) - 1 else ";"
        and_ = " and" if i == len(bodies) - 2 else ""
        lines.append(f"{bullet}{b.name} {verb} {quote[0]}{expected[b.id]}{quote[1]}{end}{and_}")
    return "\n".join(lines) + "\n", f"{y}-{m:02d}-{d:02d}", region, expected


def test_generated_press_releases_round_trip_their_judgments_exactly():
    """Every body's grade, the region and the date come back exactly as written."""
    from compare.ingest import ingest_text

    @given(press_release())
    @_settings(80)
    def check(release) -> None:
        text, published, region, expected = release
        snap = ingest_text(text).snapshot
        assert {j.body: j.grade for j in snap.judgments} == expected
        assert (snap.inspection.subject, snap.inspection.published) == (region, published)
        assert model.from_json(model.to_json(snap), "rt") == snap

    check()


# -- the store against a model of acknowledged versions -----------------------------------
_POOL = [b"release a", b"release b", b"release c", b"release d"]


def _snap(content: int, published: str) -> tuple[model.Snapshot, bytes]:
    raw = _POOL[content]
    return make_snapshot(raw=raw, published=published, title=f"t{content}"), raw


def _in_child(root: Path, snap: model.Snapshot, raw: bytes, **env: str) -> int:
    """Save in a forked child with the I/O switches set; return its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.environ.update(env)
            import compare.io

            importlib.reload(compare.io)  # re-read the switches, restart the call count
            Store(root).save(snap, raw=raw)
            code = 0
        except OSError:
            code = 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


class StoreMachine(RuleBasedStateMachine):
    """Saves (some killed at a random call, some failing with EIO) against a model: per
    inspection, the list of acknowledged contents."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.root = Path(self.dir.name) / "store"
        self.root.mkdir()  # an empty store (verify reports a missing one)
        self.store = Store(self.root)
        self.model: dict[str, list[int]] = {}  # published -> content index per version
        self.crashes = 0

    def teardown(self) -> None:
        self.dir.cleanup()

    def _stored(self, published: str) -> list[int]:
        entries = [e for e in self.store.inspections() if e.published == published]
        if not entries:
            return []
        out = []
        for v in entries[0].versions:
            snap = self.store.load_version(entries[0], v.version)
            out.append(int(snap.inspection.title[1:]))
        return out

    @rule(content=st.integers(0, 3), published=st.sampled_from(["2024-01-01", "2025-06-12"]))
    def save(self, content: int, published: str) -> None:
        snap, raw = _snap(content, published)
        result = self.store.save(snap, raw=raw)
        versions = self.model.setdefault(published, [])
        if versions and versions[-1] == content:
            assert result.status == "unchanged"
        else:
            assert result.status == "new" and result.version == len(versions) + 1
            versions.append(content)

    @rule(
        content=st.integers(0, 3),
        published=st.sampled_from(["2024-01-01", "2025-06-12"]),
        k=st.integers(1, 40),
    )
    def crashed_save(self, content: int, published: str, k: int) -> None:
        snap, raw = _snap(content, published)
        code = _in_child(self.root, snap, raw, INSPDIFF_IO_CRASH_AT=str(k))
        assert code in (0, 99)
        self.crashes += code == 99
        before = self.model.get(published, [])
        stored = self._stored(published)
        # Old or old-plus-new, nothing else; whichever it is becomes the model.
        allowed = [before]
        if not before or before[-1] != content:
            allowed.append([*before, content])
        assert stored in allowed
        if stored:
            self.model[published] = stored

    @rule(
        content=st.integers(0, 3),
        published=st.sampled_from(["2024-01-01", "2025-06-12"]),
        k=st.integers(1, 40),
    )
    def failed_save(self, content: int, published: str, k: int) -> None:
        snap, raw = _snap(content, published)
        code = _in_child(self.root, snap, raw, INSPDIFF_IO_FAIL_AT=f"{k}:EIO")
        before = self.model.get(published, [])
        stored = self._stored(published)
        if code == 2:
            assert stored == before  # an error changes nothing
        else:
            assert code == 0
            if not before or before[-1] != content:
                before.append(content)
            self.model[published] = before
            assert stored == before

    @precondition(lambda self: any(self.model.values()))
    @rule()
    def resolve_and_compare(self) -> None:
        from compare.engine import compare

        latest = self.store.resolve("south-west")
        published = max(p for p, v in self.model.items() if v)
        assert latest.inspection.title == f"t{self.model[published][-1]}"
        if len(self.model.get(published, [])) > 1:
            previous = self.store.resolve(f"south-west@{published}#v1")
            compare(previous, latest)
        compare(latest, latest)

    @invariant()
    def verifies_and_matches_the_model(self) -> None:
        assert self.store.verify() == []
        for published, versions in self.model.items():
            assert self._stored(published) == versions


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = _settings(30, stateful_step_count=12)


def test_the_store_machine_catches_a_store_that_loses_versions(monkeypatch):
    """Control: with saves that silently write nothing, the machine's checks fail."""
    from hypothesis.errors import Flaky

    def lose(self, snapshot, *, raw, media="txt"):
        from compare.store import SaveResult

        return SaveResult("new", "new-inspection", Path("nowhere"), 1)

    monkeypatch.setattr(Store, "save", lose)
    with pytest.raises((AssertionError, Flaky, ExceptionGroup)) as caught:
        _settings(10, stateful_step_count=5)(StoreMachine).TestCase().runTest()
    assert "does not exist" not in str(caught.value)
