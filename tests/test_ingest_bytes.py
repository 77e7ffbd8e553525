"""``ingest.read_bytes``: an input held in memory reads exactly as the same file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import iter_inputs, read_bytes
from storyline.models import Article, Skipped
from storyline.settings import Settings

SETTINGS = Settings(any_language=True)
TEXT = "Storm floods the valley\n\nHeavy rain flooded the valley on Monday, officials said.\n"
PAGE = (
    "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
    "<p>The old bridge reopened on Friday after two years of repairs, the city said.</p>"
    "<p>Traffic was light in the morning and heavier by noon, according to the police.</p>"
    "</article></body></html>"
)
LINES = (
    json.dumps({"id": "one", "title": "First", "text": "The first article says little."})
    + "\nnot json\n"
    + json.dumps({"id": "two", "title": "Second", "text": "The second article says more."})
    + "\n"
)


def _by_file(tmp_path: Path, data: bytes, suffix: str) -> list[Article | Skipped]:
    path = tmp_path / f"body{suffix}"
    path.write_bytes(data)
    return list(iter_inputs([path], SETTINGS))


def _relabelled(items: list[Article | Skipped], old: str, new: str) -> list[object]:
    out: list[object] = []
    for item in items:
        if isinstance(item, Skipped):
            out.append((item.source.replace(old, new), item.reason.replace(old, new)))
        else:
            out.append((item.id, item.source.replace(old, new), item.title, item.text))
    return out


@pytest.mark.parametrize(
    ("data", "kind"),
    [(TEXT.encode(), "txt"), (PAGE.encode(), ".html"), (LINES.encode(), "JSONL")],
)
def test_read_bytes_matches_reading_the_file(tmp_path: Path, data: bytes, kind: str) -> None:
    suffix = "." + kind.lower().lstrip(".")
    from_file = _by_file(tmp_path, data, suffix)
    from_bytes = list(read_bytes(data, kind, "posted", SETTINGS))
    assert from_bytes, "nothing was read"
    path = str(tmp_path / f"body{suffix}")
    assert _relabelled(from_bytes, "posted", "X") == _relabelled(from_file, path, "X")


def test_read_bytes_names_json_lines_by_their_source() -> None:
    items = list(read_bytes(LINES.encode(), "jsonl", "feed", SETTINGS))
    assert [item.source for item in items] == ["feed:1", "feed:2", "feed:3"]
    assert isinstance(items[1], Skipped) and items[1].reason.startswith("[S013]")


def test_read_bytes_skips_bad_input_with_its_reason() -> None:
    (binary,) = read_bytes(b"\x00\x01\x02" * 50, "txt", "blob", SETTINGS)
    assert isinstance(binary, Skipped) and binary.reason.startswith("[S011]")
    (empty,) = read_bytes(b"   \n", "jsonl", "nothing", SETTINGS)
    assert isinstance(empty, Skipped) and empty.reason.startswith("[S012]")


def test_read_bytes_reads_each_text_once() -> None:
    line = json.dumps({"title": "Same", "text": "One text told twice in a feed."})
    first, second = read_bytes(f"{line}\n{line}\n".encode(), "jsonl", "feed", SETTINGS)
    assert isinstance(first, Article)
    assert isinstance(second, Skipped) and second.reason.startswith("[S016]")


def test_read_bytes_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown input kind 'pdf'"):
        list(read_bytes(b"%PDF", "pdf", "doc"))
