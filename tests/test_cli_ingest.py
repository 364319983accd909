"""`inspdiff ingest`: exit codes, stdout and stderr, the store it writes, batches."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import compare.ingest
from compare.cli import cli
from tests.ingest_support import (
    SOUTH_WEST,
    WEST_MIDLANDS,
    WEST_MIDLANDS_HTML,
    refused_url,
    serve,
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def store(tmp_path):
    return tmp_path / "snapshots"


def test_ingest_writes_a_first_version_and_reports_it(store):
    """A release becomes v1 of a new inspection; stdout names it, stderr is empty."""
    r = run("ingest", str(WEST_MIDLANDS), "--store", str(store))
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("new\tnew-inspection\tv1\t")
    assert "ingested 1, new versions 1, unchanged 0, failed 0" in r.stdout
    assert r.stderr == ""
    v1 = store / "soc-regional" / "west-midlands" / "2024-05-14" / "v1.json"
    data = json.loads(v1.read_text())
    assert len(data["judgments"]) == 5
    assert next(iter((v1.parent / "source").iterdir())).read_bytes() == WEST_MIDLANDS.read_bytes()


def test_ingesting_the_same_source_twice_keeps_one_version(store):
    """The second run writes nothing and says unchanged."""
    args = ("ingest", str(SOUTH_WEST), "--published", "2025-06-12", "--store", str(store))
    assert run(*args).exit_code == 0
    r = run(*args)
    assert r.exit_code == 0
    assert r.stdout.startswith("unchanged\t")
    assert "new versions 0, unchanged 1" in r.stdout
    assert sorted(
        p.name for p in (store / "soc-regional" / "south-west" / "2025-06-12").glob("v*")
    ) == ["v1.json"]


def test_a_newer_extractor_on_the_same_source_is_a_re_extraction(store, monkeypatch):
    """Bumping EXTRACTOR_VERSION makes a new version labelled re-extraction, not a change."""
    args = ("ingest", str(WEST_MIDLANDS), "--store", str(store))
    assert run(*args).exit_code == 0
    monkeypatch.setattr(compare.ingest, "EXTRACTOR_VERSION", "999")
    r = run(*args)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("new\tre-extraction\tv2\t")


def test_missing_date_exits_2_with_the_fix(store):
    """No date: exit 2, one line naming the file and --published; nothing written."""
    r = run("ingest", str(SOUTH_WEST), "--store", str(store))
    assert r.exit_code == 2
    assert f"failed: {SOUTH_WEST}: no publication date" in r.stderr
    assert "--published YYYY-MM-DD" in r.stderr
    assert not store.exists() or not any(store.rglob("*.json"))


def test_dry_run_prints_json_and_writes_nothing(store):
    """--dry-run prints the snapshot JSON on stdout and leaves the store untouched."""
    r = run("ingest", str(WEST_MIDLANDS_HTML), "--dry-run", "--store", str(store))
    assert r.exit_code == 0, r.output
    snap = json.loads(r.stdout)
    assert snap["inspection"]["subject"] == "west-midlands"
    assert snap["source"]["media"] == "html"
    assert "ingested 1" in r.stderr
    assert not store.exists()


def test_a_url_is_ingested_from_a_local_server(store):
    """inspdiff ingest http://127.0.0.1:PORT/... works against a real HTTP server."""
    with serve() as url:
        r = run("ingest", f"{url}/release.txt", "--store", str(store))
    assert r.exit_code == 0, r.output
    assert "new versions 1" in r.stdout


def test_a_refused_connection_exits_2(store):
    """Nothing listening: exit 2 with "connection refused" and the URL."""
    url = refused_url()
    r = run("ingest", url, "--store", str(store))
    assert r.exit_code == 2
    assert f"failed: {url}: cannot fetch it: connection refused" in r.stderr
    assert "failed 1" in r.stdout


def test_a_404_exits_2(store):
    """A missing page: exit 2 with the status."""
    with serve() as url:
        r = run("ingest", f"{url}/gone", "--store", str(store))
    assert r.exit_code == 2
    assert f"{url}/gone: HTTP 404" in r.stderr


def test_a_folder_batch_continues_past_bad_files_and_summarises(tmp_path, store):
    """Good files are saved, bad ones reported with one reason each, then exit 2."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.txt").write_bytes(WEST_MIDLANDS.read_bytes())
    (folder / "2.txt").write_bytes(b"")
    (folder / "3.txt").write_bytes(SOUTH_WEST.read_bytes())  # no date
    (folder / "4.html").write_bytes(
        WEST_MIDLANDS_HTML.read_bytes()
    )  # the same release as a page: a new source
    r = run("ingest", str(folder), "--store", str(store))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"failed: {folder / '2.txt'}: the file is empty")
    assert lines[1].startswith(f"failed: {folder / '3.txt'}: no publication date")
    assert "ingested 2, new versions 2, unchanged 0, failed 2" in r.stdout


def test_given_options_reach_the_snapshot(store):
    """--subject, --programme and --scale are applied and recorded as given."""
    r = run(
        "ingest", str(WEST_MIDLANDS), "--dry-run", "--subject", "west-midlands",
        "--programme", "soc-regional", "--scale", "5-point",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    fields = json.loads(r.stdout)["source"]["fields"]
    assert fields["subject"] == "given" and fields["programme"] == "given"


def test_ingest_help_lists_every_option():
    """-h documents each option and gives an example."""
    r = run("ingest", "-h")
    assert r.exit_code == 0
    for option in (
        "--published", "--subject", "--programme", "--scale", "--allow-ungraded", "--dry-run",
        "--store", "Example",
    ):  # fmt: skip
        assert option in r.stdout


# A minimal PDF whose only text is in page operators: read as text it once gave a judgment.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> stream\nBT (Dorset Police is graded good) Tj ET\nendstream\n"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("report.docx", b"PK\x03\x04" + b"\0" * 40, "unsupported file type .docx"),
        ("notes.json", b'{"grade": "good"}', "unsupported file type .json"),
        ("report.pdf", PDF_BYTES, "unsupported file type .pdf"),
        ("renamed.txt", PDF_BYTES, "the file is a PDF document, not text or HTML"),
        ("data.txt", b'[{"body": "Dorset Police", "grade": "good"}]', "the file is JSON data"),
        ("scan.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "the file is a PNG image"),
    ],
)
def test_a_file_of_another_type_is_refused(tmp_path, store, name, content, reason):
    """One line naming the file, what it is and what is supported; exit 2; no store."""
    path = tmp_path / name
    path.write_bytes(content)
    r = run("ingest", str(path), "--store", str(store))
    assert r.exit_code == 2
    assert f"failed: {path}: {reason}" in r.stderr
    assert "supported: .txt, .text, .md, .html, .htm" in r.stderr
    assert not store.exists()


def test_a_pdf_url_is_refused_by_its_content_type(store):
    with serve() as url:
        r = run("ingest", f"{url}/report.pdf", "--store", str(store))
    assert r.exit_code == 2
    assert f"{url}/report.pdf: unsupported content type application/pdf" in r.stderr


def test_a_folder_counts_the_files_it_skips(tmp_path, store):
    """Files of other types in a folder are skipped, named and counted; the rest is read."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "1.txt").write_bytes(WEST_MIDLANDS.read_bytes())
    (folder / "sub" / "report.pdf").write_bytes(PDF_BYTES)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden").write_bytes(b"x")
    r = run("ingest", str(folder), "--store", str(store))
    assert r.exit_code == 0, r.output
    assert f"skipped: {folder / 'notes.docx'}: unsupported file type" in r.stderr
    assert f"skipped: {folder / 'sub' / 'report.pdf'}: unsupported file type" in r.stderr
    assert ".hidden" not in r.stderr
    assert "ingested 1, new versions 1, unchanged 0, failed 0, skipped 2" in r.stdout
