"""A generated store: every SOC region inspected three times (2021, 2023, 2025).

What it holds, so tests can count it:
- 10 regions x 3 inspections = 30 inspections, one version each, 5-point scale throughout;
- every ROCU and force graded in every inspection; grades move by a rule (below) so some
  bodies improve and some decline between the 2023 and 2025 inspections;
- in every region's 2023 inspection: RECURRING and an area for improvement about disruption
  recording; in 2025: RECURRING again (so it persists), a region-specific strength and an
  area for improvement about workforce (so disruption recording is resolved);
- in London's 2025 inspection only: HOSTILE, a finding written to break out of HTML, as a
  cause of concern about workforce (so it is London's evidence for that recurring theme).
"""

from __future__ import annotations

import hashlib

from compare import registry
from compare.model import Extractor, Finding, Inspection, Judgment, Snapshot, Source
from compare.store import Store

DATES = ("2021-03-10", "2023-03-14", "2025-03-18")
LADDER = ("inadequate", "requires improvement", "adequate", "good", "outstanding")
RECURRING = (
    "The {name} region did not have enough analysts to assess the threat from organised "
    "crime groups, so intelligence was not assessed consistently"
)
HOSTILE = "Inspectors saw <script>alert(1)</script> and <img src=x onerror=alert(1)> in a log"


def grade_for(n_region: int, n_body: int, n_date: int) -> str:
    """A deterministic walk from a region- and body-dependent rung (1-3 of 0-4): by body
    index the 2025 grade moves up 1, down 1, up 2 or down 2 from 2023 (held at the ends of
    the scale); 2021 sits one rung behind 2023 in the same direction."""
    start = 1 + (n_region + n_body) % 3
    step = (1, -1, 2, -2)[n_body % 4]
    sign = 1 if step > 0 else -1
    rung = (start - sign, start, start + step)[n_date]
    return LADDER[max(0, min(4, rung))]


def snapshots() -> list[tuple[Snapshot, bytes]]:
    reg = registry.load()
    out = []
    for n_region, region in enumerate(reg.of_kind("region")):
        members = reg.members(region.id)
        for n_date, published in enumerate(DATES):
            raw = f"{region.id} {published}".encode()
            judgments = tuple(
                Judgment(
                    body=b.id,
                    name=b.name,
                    role=b.role,  # type: ignore[arg-type]
                    area="serious-and-organised-crime",
                    grade=grade_for(n_region, n_body, n_date),
                )
                for n_body, b in enumerate(members)
            )
            findings: list[Finding] = []
            if n_date == 1:
                texts_2023 = [
                    (
                        "region",
                        "area-for-improvement",
                        RECURRING.format(name=region.name),
                        ("intelligence-and-threat-assessment",),
                    ),
                    (
                        "region",
                        "area-for-improvement",
                        f"The {region.name} unit kept no record "
                        "of how it disrupted organised crime groups",
                        ("disruption-recording",),
                    ),
                ]
                for k, (body, polarity, text, themes) in enumerate(texts_2023):
                    findings.append(
                        Finding(
                            id=f"f-{k + 1}", body=body, polarity=polarity, text=text, themes=themes
                        )
                    )
            if n_date == 2:
                texts = [
                    (
                        "region",
                        "area-for-improvement",
                        RECURRING.format(name=region.name),
                        ("intelligence-and-threat-assessment",),
                    ),
                    (
                        "region",
                        "strength",
                        f"The unit in {region.name} shares learning from "
                        f"operation {region.id.upper()} with every team",
                        ("learning",),
                    ),
                    (
                        "region",
                        "area-for-improvement",
                        f"Vacancies in {region.name} were "
                        f"filled by {n_region + 3} recruits with little experience",
                        ("workforce",),
                    ),
                ]
                if region.id == "london":
                    texts.append(("region", "cause-of-concern", HOSTILE, ("workforce",)))
                for k, (body, polarity, text, themes) in enumerate(texts):
                    findings.append(
                        Finding(
                            id=f"f-{k + 1}", body=body, polarity=polarity, text=text, themes=themes
                        )
                    )
            snap = Snapshot(
                inspection=Inspection(
                    programme="soc-regional",
                    subject=region.id,
                    title=f"An inspection of the {region.name} regional response",
                    published=published,
                ),
                source=Source(
                    kind="url",
                    sha256=hashlib.sha256(raw).hexdigest(),
                    extractor=Extractor(name="inspdiff.ingest", version="1"),
                    url=f"https://example.org/{region.id}/{published}",
                ),
                judgments=judgments,
                findings=tuple(findings),
            )
            out.append((snap, raw))
    return out


def build(root) -> Store:
    store = Store(root)
    for snap, raw in snapshots():
        store.save(snap, raw=raw)
    return store
