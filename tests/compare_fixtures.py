"""Hand-built snapshots for the compare engine, each with its differences written down.

Built in code (no disk, no ingest) so engine tests do not depend on extraction. The
sentences follow the two seed press releases; ids are short and readable.
"""

from __future__ import annotations

import hashlib

from compare.model import Extractor, Finding, Inspection, Judgment, Snapshot, Source

AREA = "serious-and-organised-crime"
SW_URL = "https://example.org/south-west-soc"
WM_URL = "https://example.org/west-midlands-soc"
# The raw source of each fixture (its sha256 is the snapshot's source.sha256), for saving
# fixtures into a store.
SW_RAW = b"south west press release"
WM_RAW = b"west midlands press release"
SW_LATER_RAW = b"south west press release, 2027"


def snapshot(
    *,
    subject: str,
    published: str,
    judgments: list[tuple[str, str, str | None]],
    findings: list[tuple[str, str, str, str, tuple[str, ...]]],
    url: str | None = None,
    raw: bytes = b"source",
    extractor: str = "1",
    version: int | None = 1,
    programme: str = "soc-regional",
    scale: str = "5-point",
    area: str = AREA,
) -> Snapshot:
    """judgments: (body, role, grade); findings: (id, body, polarity, text, themes)."""
    return Snapshot(
        inspection=Inspection(
            programme=programme,
            subject=subject,
            title=f"An inspection of the {subject} response to serious and organised crime",
            published=published,
            scale=scale,
        ),
        source=Source(
            kind="text",
            sha256=hashlib.sha256(raw).hexdigest(),
            extractor=Extractor(name="inspdiff.ingest", version=extractor),
            url=url,
        ),
        judgments=tuple(
            Judgment(body=body, name=body, role=role, area=area, grade=grade)
            for body, role, grade in judgments
        ),
        findings=tuple(
            Finding(id=fid, body=body, polarity=pol, text=text, themes=themes)
            for fid, body, pol, text, themes in findings
        ),
        version=version,
    )


SW_JUDGMENTS = [
    ("south-west-rocu", "rocu", "adequate"),
    ("avon-and-somerset-police", "force", "requires improvement"),
    ("devon-and-cornwall-police", "force", "requires improvement"),
    ("dorset-police", "force", "requires improvement"),
    ("gloucestershire-constabulary", "force", "inadequate"),
    ("wiltshire-police", "force", "requires improvement"),
]

SW_FINDINGS = [
    (
        "sw-1",
        "region",
        "area-for-improvement",
        "The South West Regional Organised Crime Unit and its regional police forces need to "
        "improve how they work together to tackle serious and organised crime.",
        ("collaboration",),
    ),
    (
        "sw-2",
        "south-west-rocu",
        "strength",
        "The unit appoints senior officers to lead on the region's priorities to tackle "
        "serious organised crime.",
        ("leadership-and-change",),
    ),
    (
        "sw-3",
        "region",
        "area-for-improvement",
        "Across the region, learning from operational activity was inconsistent.",
        ("learning",),
    ),
    (
        "sw-4",
        "south-west-rocu",
        "area-for-improvement",
        "The unit needs to improve the governance of regional resources and support assigned "
        "to forces.",
        ("governance",),
    ),
    (
        "sw-5",
        "region",
        "area-for-improvement",
        "The unit and its regional forces were not assessing their serious and organised "
        "crime threats consistently.",
        ("intelligence-and-threat-assessment",),
    ),
    (
        "sw-6",
        "south-west-rocu",
        "area-for-improvement",
        "The unit had found it difficult to recruit personnel.",
        ("workforce",),
    ),
    (
        "sw-7",
        "region",
        "area-for-improvement",
        "Personnel in regional forces have difficulty accessing individual IT systems, making "
        "it harder for them to do their jobs.",
        ("it-systems",),
    ),
]

WM_JUDGMENTS = [
    ("west-midlands-rocu", "rocu", "adequate"),
    ("staffordshire-police", "force", "requires improvement"),
    ("warwickshire-police", "force", "requires improvement"),
    ("west-mercia-police", "force", "inadequate"),
    ("west-midlands-police", "force", "adequate"),
]

WM_FINDINGS = [
    (
        "wm-1",
        "region",
        "area-for-improvement",
        "The Regional Organised Crime Unit (ROCU) for the West Midlands and its constituent "
        "police forces should improve how they work together to tackle serious and organised "
        "crime.",
        ("collaboration",),
    ),
    (
        "wm-2",
        "west-midlands-rocu",
        "strength",
        "The West Midlands ROCU has effective structures and processes in place to gather and "
        "assess intelligence.",
        ("intelligence-and-threat-assessment",),
    ),
    (
        "wm-3",
        "west-midlands-rocu",
        "area-for-improvement",
        "The West Midlands ROCU should improve its management of serious and organised crime "
        "offenders.",
        ("offender-management",),
    ),
    (
        "wm-4",
        "west-midlands-rocu",
        "area-for-improvement",
        "The ROCU should improve how it records disruption activity.",
        ("disruption-recording",),
    ),
    (
        "wm-5",
        "west-midlands-rocu",
        "strength",
        "It also prioritises tackling vulnerability, identifying opportunities to safeguard "
        "vulnerable people.",
        ("vulnerability-and-safeguarding",),
    ),
]


def south_west() -> Snapshot:
    """The South West as the seed describes it: ROCU adequate, four forces requires
    improvement, Gloucestershire inadequate; 7 findings (6 weaknesses, 1 strength)."""
    return snapshot(
        subject="south-west",
        published="2025-06-12",
        judgments=SW_JUDGMENTS,
        findings=SW_FINDINGS,
        url=SW_URL,
        raw=SW_RAW,
    )


def west_midlands() -> Snapshot:
    """The West Midlands as the seed describes it: ROCU adequate, Staffordshire and
    Warwickshire requires improvement, West Mercia inadequate, West Midlands Police
    adequate; 5 findings.

    Against south_west(): 1 shared (working together), no contrast (the threat assessment
    weakness sw-5 and the intelligence strength wm-2 share only the word "assess"), 6 only
    in the South West (leadership, learning, governance, threat assessment, recruitment,
    IT), 4 only in the West Midlands (intelligence, offenders, disruption recording,
    safeguarding)."""
    return snapshot(
        subject="west-midlands",
        published="2024-05-14",
        judgments=WM_JUDGMENTS,
        findings=WM_FINDINGS,
        url=WM_URL,
        raw=WM_RAW,
    )


def south_west_later() -> Snapshot:
    """A later South West inspection (2027-03-01). Against south_west() exactly:

    grades (6 bodies): Gloucestershire inadequate -> requires improvement (+1); Dorset
    requires improvement -> inadequate (-1); Wiltshire requires improvement -> adequate
    (+1); the ROCU, Avon and Somerset, Devon and Cornwall unchanged.
    findings: persisting sw-1 (working together, reworded) and sw-2 (strength);
    escalated sw-5 (threat assessment: area for improvement -> cause of concern);
    resolved sw-3 (learning), sw-4 (governance), sw-6 (recruitment), sw-7 (IT);
    new sw-8 (offender management)."""
    judgments = [
        ("south-west-rocu", "rocu", "adequate"),
        ("avon-and-somerset-police", "force", "requires improvement"),
        ("devon-and-cornwall-police", "force", "requires improvement"),
        ("dorset-police", "force", "inadequate"),
        ("gloucestershire-constabulary", "force", "requires improvement"),
        ("wiltshire-police", "force", "adequate"),
    ]
    findings = [
        (
            "sw-1",
            "region",
            "area-for-improvement",
            "The unit and its regional forces still need to improve how they work together "
            "to tackle serious and organised crime.",
            ("collaboration",),
        ),
        SW_FINDINGS[1],
        (
            "sw-5",
            "region",
            "cause-of-concern",
            "The unit and its regional forces are still not assessing serious and organised "
            "crime threats consistently.",
            ("intelligence-and-threat-assessment",),
        ),
        (
            "sw-8",
            "south-west-rocu",
            "area-for-improvement",
            "The unit should improve its management of serious and organised crime offenders.",
            ("offender-management",),
        ),
    ]
    return snapshot(
        subject="south-west",
        published="2027-03-01",
        judgments=judgments,
        findings=findings,
        url=SW_URL,
        raw=SW_LATER_RAW,
    )


def south_west_without_decline() -> Snapshot:
    """south_west_later() with Dorset left at requires improvement: two grades improve
    (Gloucestershire +1, Wiltshire +1), none declines."""
    later = south_west_later()
    judgments = tuple(
        Judgment(body=j.body, name=j.name, role=j.role, area=j.area, grade="requires improvement")
        if j.body == "dorset-police"
        else j
        for j in later.judgments
    )
    import msgspec

    return msgspec.structs.replace(later, judgments=judgments)


def south_west_restating() -> Snapshot:
    """south_west() plus sw-9, an observation restating sw-1 ("Inspectors said ..."): in a
    comparison with west_midlands() it is folded into sw-1's shared pair (also_a)."""
    import msgspec

    sw = south_west()
    sw1 = next(f for f in sw.findings if f.id == "sw-1")
    again = msgspec.structs.replace(
        sw1, id="sw-9", polarity="observation", text="Inspectors said " + sw1.text[0].lower()
        + sw1.text[1:],
    )  # fmt: skip
    return msgspec.structs.replace(sw, findings=(*sw.findings, again))
