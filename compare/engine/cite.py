"""Citations: the sides of a comparison and each finding as a report quotes it."""

from __future__ import annotations

from functools import cache

from compare import registry
from compare.engine.changeset import FindingRef, Side
from compare.grades import GRADES
from compare.model import REGION, Finding, Snapshot

POLARITY_LABELS = {
    "strength": "strength",
    "promising-practice": "promising practice",
    "observation": "observation",
    "area-for-improvement": "area for improvement",
    "cause-of-concern": "cause of concern",
}

ROLE_ORDER = ("region", "rocu", "force", "other")
# Words that stay upper-case when an id becomes a label.
_ACRONYMS = {"it": "IT", "ict": "ICT", "soc": "SOC", "rocu": "ROCU", "peel": "PEEL"}


@cache
def label(slug: str) -> str:
    """``it-systems`` -> ``IT systems``: an id as words."""
    return " ".join(_ACRONYMS.get(w, w) for w in slug.split("-"))


@cache
def themes_label(themes: tuple[str, ...]) -> str:
    return "; ".join(label(t) for t in themes) if themes else "no theme"


ROLE_LABELS = {"region": "Region", "rocu": "ROCU", "force": "Forces", "other": "Other bodies"}


def subject_name(snap: Snapshot) -> str:
    return registry.load().name_of(snap.inspection.subject)


def body_name(body: str, snap: Snapshot) -> str:
    """The registry's name for a body id; a finding about the whole region names the region."""
    if body == REGION:
        return f"{subject_name(snap)} region"
    return registry.load().name_of(body)


def side(snap: Snapshot) -> Side:
    i, s = snap.inspection, snap.source
    return Side(
        ref=snap.ref,
        programme=i.programme,
        subject=i.subject,
        subject_name=subject_name(snap),
        title=i.title,
        published=i.published,
        version=snap.version,
        scale=i.scale,
        url=s.url,
        sha256=s.sha256,
        extractor=f"{s.extractor.name} {s.extractor.version}",
        tally=tally_text(snap),
        partial=snap.partial(),
    )


def tally_text(snap: Snapshot) -> str | None:
    """ "good 2, adequate 1, requires improvement 5 (8 areas graded)", best grade first."""
    t = snap.tally
    if t is None or not t.grades:
        return None
    counts = ", ".join(f"{g} {t.grades[g]}" for g in reversed(GRADES) if g in t.grades)
    return f"{counts} ({t.areas} areas graded)" if t.areas else counts


def finding_refs(snap: Snapshot) -> list[FindingRef]:
    """Every finding of ``snap`` as a citation, in the snapshot's order."""
    ref, url = snap.ref, snap.source.url
    names: dict[str, str] = {}
    out = []
    for f in snap.findings:
        name = names.get(f.body)
        if name is None:
            name = names[f.body] = body_name(f.body, snap)
        out.append(_ref(f, name, ref, url))
    return out


def _ref(f: Finding, name: str, ref: str, url: str | None) -> FindingRef:
    return FindingRef(
        id=f.id,
        body=f.body,
        body_name=name,
        polarity=f.polarity,
        polarity_label=POLARITY_LABELS[f.polarity],
        themes=(themes := tuple(sorted(set(f.themes)))),
        themes_label=themes_label(themes),
        text=f.text,
        snapshot=ref,
        url=url,
    )


def finding_order(f: FindingRef) -> tuple:
    """How one-side lists are sorted: by first theme, then body, polarity and id."""
    return (f.themes[:1] or ("~",), f.body, f.polarity, f.id)
