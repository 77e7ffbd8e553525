"""JSONL collections: kept fields, per-line skips, streaming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import read_path
from storyline.ingest.article import content_id
from storyline.models import Article, Published, Skipped

DATA = Path(__file__).resolve().parent / "data" / "ingest"
BATCH = DATA / "batch.jsonl"


@pytest.fixture(scope="module")
def batch() -> list[Article | Skipped]:
    return list(read_path(BATCH))


def _articles(items: list[Article | Skipped]) -> dict[str, Article]:
    return {item.id: item for item in items if isinstance(item, Article)}


def _skipped(items: list[Article | Skipped]) -> dict[str, str]:
    return {item.source: item.reason for item in items if isinstance(item, Skipped)}


def test_ingest_jsonl_keeps_the_input_fields(batch: list[Article | Skipped]) -> None:
    article = _articles(batch)["wire-101"]
    assert article.source == "Harbour Wire"
    assert article.url == "https://wire.example.net/101"
    assert article.title == "Port strike ends"
    assert article.published == Published("2024-03-05", "metadata")
    assert article.text.startswith("Port strike ends\nDock workers")


def test_ingest_jsonl_defaults(batch: list[Article | Skipped]) -> None:
    articles = _articles(batch)
    # An invalid "published" is ignored (and reported); no dateline either, so unknown.
    farmers = articles["wire-102"]
    assert farmers.published == Published(None, "unknown")
    assert farmers.source == f"{BATCH}:2"
    assert farmers.title == farmers.text
    # No id: one from the content; no published: the dateline in the text.
    [flood] = [a for a in articles.values() if a.title == "Flood warning lifted"]
    assert flood.id == content_id(flood.text)
    assert flood.published == Published("2024-03-12", "dateline")
    # A numeric id is kept as a string; a date-time keeps its date.
    assert articles["106"].published == Published("2024-02-29", "metadata")


def test_ingest_jsonl_bad_lines_are_skipped_and_the_rest_read(
    batch: list[Article | Skipped],
) -> None:
    assert set(_articles(batch)) >= {"wire-101", "wire-102", "106"}
    assert len(_articles(batch)) == 4
    reasons = _skipped(batch)
    assert set(reasons) == {f"{BATCH}:{n}" for n in (2, 4, 6, 8)}
    assert reasons.pop(f"{BATCH}:2").startswith("[S070]")
    assert all(reason.startswith("[S013]") for reason in reasons.values())
    assert "not valid JSON" in reasons[f"{BATCH}:4"]
    assert '"text"' in reasons[f"{BATCH}:6"]
    assert "not a JSON object" in reasons[f"{BATCH}:8"]


def _write_lines(tmp_path: Path, lines: list[str] | bytes) -> Path:
    path = tmp_path / "lines.jsonl"
    if isinstance(lines, bytes):
        path.write_bytes(lines)
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "record",
    [
        {"id": "x", "text": ""},
        {"id": "x", "text": "   \n"},
        {"id": "x", "text": 42},
        {"id": ["x"], "text": "Some words."},
        {"id": True, "text": "Some words."},
    ],
)
def test_ingest_jsonl_invalid_records(tmp_path: Path, record: dict[str, object]) -> None:
    path = _write_lines(tmp_path, [json.dumps(record)])
    [item] = list(read_path(path))
    assert isinstance(item, Skipped) and item.source == f"{path}:1"
    assert item.reason.startswith("[S013]")


def test_ingest_jsonl_text_newlines_are_normalised(tmp_path: Path) -> None:
    path = _write_lines(tmp_path, [json.dumps({"text": "Title\r\nBody line.\r\n"})])
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    assert article.text == "Title\nBody line.\n"


def test_ingest_jsonl_latin1_line_is_repaired(tmp_path: Path) -> None:
    line = '{"id": "c1", "text": "Caf\xe9 owners protest against the tax."}\n'
    path = _write_lines(tmp_path, b'{"id": "c0", "text": "Plain line."}\n' + line.encode("latin-1"))
    items = list(read_path(path))
    assert _articles(items)["c1"].text == "Café owners protest against the tax."
    assert _skipped(items)[f"{path}:2"].startswith("[S017]")


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "[S012]"), (b"\n \n\n", "[S012]"), (b'{"text": "a"}\x00\x00\x00', "[S011]")],
)
def test_ingest_jsonl_bad_files(tmp_path: Path, data: bytes, code: str) -> None:
    path = _write_lines(tmp_path, data)
    [item] = list(read_path(path))
    assert isinstance(item, Skipped) and item.source == str(path)
    assert item.reason.startswith(code)


def test_ingest_jsonl_is_streamed(tmp_path: Path) -> None:
    """Articles arrive before the end of the file is read."""
    path = tmp_path / "stream.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "s1", "text": "First story."}) + "\n")
        handle.flush()
        items = read_path(path)
        first = next(items)
        assert isinstance(first, Article) and first.id == "s1"
        handle.write(json.dumps({"id": "s2", "text": "Written later."}) + "\n")
    assert [item.id for item in items if isinstance(item, Article)] == ["s2"]


@pytest.mark.parametrize(
    "stated",
    ["not a date", "2099-13-45", "9999-12-31", "2024-03-03T25:00", "2024-02-30", 20240303],
)
def test_ingest_jsonl_invalid_published_is_reported(tmp_path: Path, stated: object) -> None:
    text = "Bridge reopens\n4 March 2024\nThe bridge reopened to traffic on Monday."
    path = _write_lines(tmp_path, [json.dumps({"id": "b1", "text": text, "published": stated})])
    items = list(read_path(path))
    [note] = [item for item in items if isinstance(item, Skipped)]
    assert note.source == f"{path}:1"
    assert note.reason.startswith("[S070]") and repr(stated)[:20] in note.reason
    # The date is read from the text instead, as if none had been stated.
    assert _articles(items)["b1"].published == Published("2024-03-04", "dateline")


@pytest.mark.parametrize(
    ("stated", "value"),
    [("2024-03-03T23:59:60Z", "2024-03-03"), ("2024-03", "2024-03"), (None, "2024-03-04")],
)
def test_ingest_jsonl_valid_published_is_not_reported(
    tmp_path: Path, stated: str | None, value: str
) -> None:
    text = "Bridge reopens\n4 March 2024\nThe bridge reopened to traffic on Monday."
    path = _write_lines(tmp_path, [json.dumps({"id": "b1", "text": text, "published": stated})])
    items = list(read_path(path))
    assert [item.published.value for item in items if isinstance(item, Article)] == [value]
    assert not [item for item in items if isinstance(item, Skipped)]
