"""Small snapshot builders for tests: every field explicit, nothing read from disk."""

from __future__ import annotations

import hashlib

from compare.model import Extractor, Finding, Inspection, Judgment, Snapshot, Source


def raw_for(text: str) -> bytes:
    return text.encode("utf-8")


def make_snapshot(
    *,
    subject: str = "south-west",
    published: str = "2025-06-12",
    programme: str = "soc-regional",
    grades: dict[str, str | None] | None = None,
    findings: list[tuple[str, str, str, tuple[str, ...]]] | None = None,
    raw: bytes = b"press release text",
    extractor_version: str = "1",
    title: str = "An inspection",
) -> Snapshot:
    """grades: body id -> grade; findings: (body, polarity, text, themes)."""
    grades = (
        {"south-west-rocu": "adequate", "dorset-police": "requires improvement"}
        if grades is None
        else grades
    )
    findings = findings or []
    return Snapshot(
        inspection=Inspection(
            programme=programme, subject=subject, title=title, published=published
        ),
        source=Source(
            kind="text",
            sha256=hashlib.sha256(raw).hexdigest(),
            extractor=Extractor(name="inspdiff.ingest", version=extractor_version),
            fields={"published": "given", "subject": "parsed"},
        ),
        judgments=tuple(
            Judgment(
                body=body,
                name=body.replace("-", " ").title(),
                role="rocu" if body.endswith("-rocu") else "force",
                area="serious-and-organised-crime",
                grade=grade,
            )
            for body, grade in sorted(grades.items())
        ),
        findings=tuple(
            Finding(
                id=f"f-{hashlib.sha1(text.encode()).hexdigest()[:12]}",
                body=body,
                polarity=polarity,
                text=text,
                themes=themes,
            )
            for body, polarity, text, themes in findings
        ),
    )
