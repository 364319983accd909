"""Seeded generator of realistic benchmark inputs.

- ``build_store(root, n)``: ``n`` snapshots in a real store (via ``Store.save``): regional
  serious-and-organised-crime inspections (a ROCU and its forces) and PEEL inspections (a
  force graded on several areas), 20-60 findings each, repeated over the years so every
  subject has a history with grade movements.
- ``big_pair(n)``: two snapshots of one region with ``n`` findings each, for engine scaling.
- ``press_releases(folder, n)``: ``n`` press releases in the seeds' form, for folder ingest.

The same seed always builds the same corpus, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

from compare import grades, registry
from compare.model import Extractor, Finding, Inspection, Judgment, Quote, Snapshot, Source

PEEL_AREAS = (
    "preventing-crime-and-anti-social-behaviour",
    "responding-to-the-public",
    "investigating-crime",
    "protecting-vulnerable-people",
    "managing-offenders-and-suspects",
    "building-supporting-and-protecting-the-workforce",
    "leadership-and-force-management",
    "recording-data-about-crime",
)
_SUBJECTS = {
    "collaboration": [
        "how it works together with regional forces",
        "joint operations with partner agencies",
        "the way support requests from forces are managed",
    ],
    "intelligence-and-threat-assessment": [
        "how it assesses serious and organised crime threats",
        "the quality of its intelligence analysis",
        "the way organised crime groups are threat assessed",
    ],
    "governance": [
        "the governance of regional resources",
        "oversight of performance",
        "scrutiny of decision-making",
    ],
    "workforce": [
        "the recruitment and retention of experienced personnel",
        "staffing levels in specialist teams",
        "vacancies among investigators",
    ],
    "it-systems": [
        "access to IT systems across forces",
        "the connection of its computer systems",
        "the use of digital data and technology",
    ],
    "offender-management": [
        "the management of serious and organised crime offenders",
        "lifetime management of offenders",
        "the use of ancillary orders against offenders",
    ],
    "disruption-recording": [
        "how it records disruption activity",
        "the recording of disruptions against organised crime groups",
        "its measurement of outcomes",
    ],
    "vulnerability-and-safeguarding": [
        "how it safeguards vulnerable people",
        "the identification of vulnerability",
        "support for exploited children",
    ],
    "prevention": [
        "its work to prevent people being drawn into crime",
        "prevention activity with schools",
        "its use of prevent and deter tactics",
    ],
    "learning": [
        "how learning from operations is shared",
        "the use of debriefs",
        "reviews of what works",
    ],
    "specialist-capabilities": [
        "its range of specialist capabilities",
        "the use of covert tactics",
        "its specialist operational teams",
    ],
    "leadership-and-change": [
        "how regional change is managed by its leaders",
        "the leadership of its senior officers",
        "its change programme",
    ],
    "funding": ["the funding of the unit", "long-term financial planning", "the use of its budget"],
}
_GOOD = [
    "The {who} is effective at {what}.",
    "Inspectors found good practice in {what} at the {who}.",
    "The {who} has improved {what}, which is positive.",
]
_BAD = [
    "The {who} needs to improve {what}.",
    "Inspectors found that the {who} was inconsistent in {what}.",
    "The {who} should do more to improve {what}.",
]
_CONCERN = ["The inspectorate has a cause of concern about {what} at the {who}."]
_PROMISING = ["Inspectors found innovative and promising practice in {what} at the {who}."]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _findings(rng: random.Random, bodies: list[str], n: int, salt: str) -> tuple[Finding, ...]:
    out: dict[str, Finding] = {}
    themes = sorted(_SUBJECTS)
    while len(out) < n:
        theme = rng.choice(themes)
        polarity, templates = rng.choices(
            [
                ("strength", _GOOD),
                ("area-for-improvement", _BAD),
                ("cause-of-concern", _CONCERN),
                ("promising-practice", _PROMISING),
            ],
            weights=[40, 45, 8, 7],
        )[0]
        body = rng.choice(bodies)
        who = "unit" if body.endswith("-rocu") or body == "region" else "force"
        text = rng.choice(templates).format(who=who, what=rng.choice(_SUBJECTS[theme]))
        text = f"{text[:-1]} ({salt} {len(out)})." if rng.random() < 0.5 else text
        fid = "f-" + hashlib.sha1(f"{body}|{text}".encode()).hexdigest()[:12]
        out.setdefault(
            fid,
            Finding(
                id=fid,
                body=body,
                polarity=polarity,
                text=text,
                themes=(theme,),
                terms=(f"{theme}: {theme}",),
            ),
        )
    return tuple(out.values())


def _snapshot(programme, subject, published, judgments, findings, raw) -> Snapshot:
    scale = grades.scale_for(published, [j.grade for j in judgments if j.grade])
    fixed = tuple(
        j
        if j.grade in grades._SCALES[scale] or j.grade is None
        else Judgment(body=j.body, name=j.name, role=j.role, area=j.area, grade="good")
        for j in judgments
    )
    return Snapshot(
        inspection=Inspection(
            programme=programme,
            subject=subject,
            title=f"Inspection of {subject} ({published})",
            published=published,
            scale=scale,
        ),
        source=Source(
            kind="text",
            sha256=_sha(raw),
            extractor=Extractor(name="benchmarks.corpus", version="1"),
            fields={"published": "parsed", "subject": "parsed"},
        ),
        judgments=fixed,
        findings=findings,
        quotes=(
            Quote(
                speaker="His Majesty's Chief Inspector of Constabulary",
                text="We will be monitoring progress.",
            ),
        ),
    )


def generate(n: int, seed: int = 2026):
    """Yield (snapshot, raw) pairs: n snapshots spread over every region and force, each
    subject inspected repeatedly (one month apart from 2012 on), grades drifting by a step."""
    rng = random.Random(seed)
    reg = registry.load()
    regions = reg.of_kind("region")
    forces = reg.of_kind("force")
    subjects = [("soc-regional", r.id) for r in regions] + [("peel", f.id) for f in forces]
    state: dict[tuple[str, str, str], int] = {}
    produced = 0
    round_no = 0
    while produced < n:
        published = (dt.date(2012, 1, 15) + dt.timedelta(days=30 * round_no)).isoformat()
        for programme, subject in subjects:
            if produced >= n:
                break
            if programme == "soc-regional":
                bodies = [b.id for b in reg.members(subject)]
                pairs = [(b, "serious-and-organised-crime") for b in bodies]
            else:
                bodies = [subject]
                pairs = [(subject, area) for area in PEEL_AREAS]
            judgments = []
            for body, area in pairs:
                r = state.get((subject, body, area), rng.randint(2, 4))
                r = max(1, min(5, r + rng.choice((-1, 0, 0, 0, 1))))
                state[(subject, body, area)] = r
                grade = grades.GRADES[5 - r]
                judgments.append(
                    Judgment(
                        body=body,
                        name=reg.name_of(body),
                        role=reg.get(body).role,
                        area=area,
                        grade=grade,
                    )
                )
            findings = _findings(
                rng,
                [*bodies, "region"] if programme == "soc-regional" else bodies,
                rng.randint(20, 60),
                f"{subject} {published}",
            )
            raw = f"{programme} {subject} {published} {round_no}".encode()
            yield _snapshot(programme, subject, published, judgments, findings, raw), raw
            produced += 1
        round_no += 1


def build_store(root: Path, n: int, seed: int = 2026) -> Path:
    """A store of n snapshots under root (written through the store, so it verifies)."""
    from compare.store import Store

    store = Store(root)
    for snap, raw in generate(n, seed):
        store.save(snap, raw=raw)
    return root


def big_pair(n: int, seed: int = 7) -> tuple[Snapshot, Snapshot]:
    """Two inspections of the South West with n findings each, one year apart."""
    rng = random.Random(seed)
    reg = registry.load()
    bodies = [b.id for b in reg.members("south-west")] + ["region"]
    out = []
    for published in ("2024-06-12", "2025-06-12"):
        judgments = [
            Judgment(
                body=b,
                name=reg.name_of(b),
                role=reg.get(b).role,
                area="serious-and-organised-crime",
                grade=rng.choice(grades.GRADES),
            )
            for b in bodies
            if b != "region"
        ]
        findings = _findings(rng, bodies, n, published)
        out.append(
            _snapshot(
                "soc-regional", "south-west", published, judgments, findings, published.encode()
            )
        )
    return out[0], out[1]


_RELEASE = """date {published} HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)
{title}
{lead}
Get the report
An inspection of the {region_lc} regional response to serious and organised crime
{intro}
{graded}
{body}
His Majesty's Chief Inspector of Constabulary, Sir Andy Cooke said:
"{quote}"
Notes
- For further information, please contact the HMICFRS Press Office.
"""


def press_releases(folder: Path, n: int, seed: int = 11) -> list[Path]:
    """n press releases in the seeds' form, for every region with a ROCU, in turn."""
    rng = random.Random(seed)
    reg = registry.load()
    regions = [r for r in reg.of_kind("region") if reg.rocu_of(r.id)]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        region = regions[i % len(regions)]
        rocu = reg.rocu_of(region.id)
        forces = [b for b in reg.members(region.id) if b.kind == "force"]
        lines = [f"- The {rocu.name} has been graded as {rng.choice(grades.GRADES)};"]
        lines += [f"- {f.name} has been graded as {rng.choice(grades.GRADES)};" for f in forces]
        themes = rng.sample(sorted(_SUBJECTS), 6)
        sentences = []
        for t in themes:
            tpl = rng.choice(_GOOD + _BAD)
            sentences.append(tpl.format(who="unit", what=rng.choice(_SUBJECTS[t])))
        published = (dt.date(2015, 1, 1) + dt.timedelta(days=i)).isoformat()
        text = _RELEASE.format(
            published=published,
            title=f"Regional response to serious and organised crime in the {region.name}",
            lead=f"The {rocu.name} and its forces must improve how they work together.",
            region_lc=region.name.lower(),
            intro=(
                "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) "
                f"inspected the {rocu.name} and made graded judgments on how the unit and its "
                f"{len(forces)} regional police forces tackle serious and organised crime:"
            ),
            graded="\n".join(lines),
            body=" ".join(sentences[:4]),
            quote=" ".join(sentences[4:]),
        )
        path = folder / f"release-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
