"""Plain-text articles: decoding, repairs, titles, ids, offsets and bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from storyline.ingest import read_path
from storyline.ingest.article import MAX_TITLE_CHARS, content_id, make_title
from storyline.ingest.decode import decode_utf8, looks_binary
from storyline.models import Article, Published, Skipped
from storyline.settings import Settings

STORY = (
    "Council approves tram line\n"
    "\n"
    "4 March 2024\n"
    "The city council approved a new tram line on Monday after a two-year debate.\n"
    "Work starts in May, the mayor said.\n"
)


def _read(tmp_path: Path, data: bytes, name: str = "story.txt") -> list[Article | Skipped]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_path(path, Settings()))


def _only_article(items: list[Article | Skipped]) -> Article:
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 1, items
    return articles[0]


def test_ingest_txt_reads_title_date_and_counts(tmp_path: Path) -> None:
    items = _read(tmp_path, STORY.encode("utf-8"))
    article = _only_article(items)
    assert items == [article]
    assert article.text == STORY
    assert article.title == "Council approves tram line"
    assert article.published == Published("2024-03-04", "dateline")
    assert article.word_count == len(STORY.split()) == 28
    assert article.source == str(tmp_path / "story.txt")
    assert article.id == content_id(STORY) and len(article.id) == 13


def test_ingest_txt_title_skips_leading_blank_lines(tmp_path: Path) -> None:
    article = _only_article(_read(tmp_path, b"\n  \n   Headline with spaces  \nBody.\n"))
    assert article.title == "Headline with spaces"
    assert article.text.startswith("\n  \n")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_ingest_txt_byte_order_marks_are_honoured(tmp_path: Path, encoding: str) -> None:
    data = STORY.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    items = _read(tmp_path, data)
    assert items == [_only_article(items)]
    assert _only_article(items).text == STORY


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_ingest_txt_line_endings_become_lf_and_offsets_hold(tmp_path: Path, ending: str) -> None:
    article = _only_article(_read(tmp_path, STORY.replace("\n", ending).encode("utf-8")))
    assert article.text == STORY
    assert article.title == "Council approves tram line"
    assert article.published == Published("2024-03-04", "dateline")
    start = article.text.index("tram line on Monday")
    assert article.text[start : start + 9] == "tram line"


def test_ingest_txt_latin1_is_repaired_and_reported(tmp_path: Path) -> None:
    text = "Café owners protest\nOwners of cafés in the old town protested on Monday.\n"
    items = _read(tmp_path, text.encode("latin-1"))
    article = _only_article(items)
    assert article.text == text
    notes = [item for item in items if isinstance(item, Skipped)]
    assert len(notes) == 1
    assert notes[0].source == article.source
    assert notes[0].reason.startswith("[S017] not valid UTF-8; read as Latin-1")


def test_ingest_txt_stray_bytes_keep_the_valid_utf8() -> None:
    data = "Zürich “talks”\n".encode() + b"price \x80 5 and caf\xe9\n"
    decoded = decode_utf8(data)
    assert decoded.repaired
    assert decoded.text == "Zürich “talks”\nprice € 5 and café\n"
    assert decode_utf8(codecs.BOM_UTF8 + b"plain").text == "plain"
    assert not decode_utf8(b"plain").repaired


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "[S012]"),
        (b"   \n\t\n  ", "[S012]"),
        (codecs.BOM_UTF8 + b"\n\n", "[S012]"),
        (bytes(range(256)) * 4, "[S011]"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "[S011]"),
        (b"text with one NUL\x00 byte\n", "[S011]"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"mostly control bytes", "[S011]"),
    ],
)
def test_ingest_txt_bad_files_are_skipped(tmp_path: Path, data: bytes, code: str) -> None:
    items = _read(tmp_path, data)
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].reason.startswith(code)
    assert str(tmp_path / "story.txt") in items[0].reason


def test_ingest_txt_form_feeds_and_escapes_are_still_text() -> None:
    assert not looks_binary(b"Page one\x0cPage two\n\x1b[1mbold\x1b[0m\n")
    assert looks_binary(b"a\x00b")


def test_ingest_txt_unreadable_paths_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    for name in ("missing.txt", "dangling.txt"):
        [item] = list(read_path(tmp_path / name))
        assert isinstance(item, Skipped) and item.reason.startswith("[S010]"), item
    # A directory named like a file is read as a directory (here: empty).
    assert list(read_path(tmp_path / "folder.txt")) == []


def test_ingest_txt_long_text_is_cut_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Long report\n" + "word " * 100, encoding="utf-8")
    items = list(read_path(path, Settings(max_chars=100)))
    article = _only_article(items)
    assert len(article.text) <= 100 and not article.text.endswith("wor")
    assert (tmp_path / "long.txt").read_text(encoding="utf-8").startswith(article.text)
    [note] = [item for item in items if isinstance(item, Skipped)]
    assert note.reason.startswith("[S018]") and "max_chars" in note.reason


def test_ingest_txt_ids_depend_on_text_not_on_layout() -> None:
    assert content_id("A  b\nc") == content_id("A b c ")
    assert content_id("A b c") != content_id("A b d")
    assert content_id("Cafe\u0301") == content_id("Café")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Storm closes port. Ships wait offshore. " * 50_000, "Storm closes port."),
        ("\n\n  A headline on its own line  \nThe body.\n", "A headline on its own line"),
        ("word " * 100_000, ("word " * 60)[:-1] + "…"),
        ("Lines of\nthe text.\n", "Lines of"),
        (
            "Dr. Ana Reyes said troops left. More later. " * 9,
            "Dr. Ana Reyes said troops left.",
        ),
    ],
)
def test_ingest_txt_title_is_one_short_line(tmp_path: Path, text: str, title: str) -> None:
    article = _only_article(_read(tmp_path, text.encode("utf-8")))
    assert article.title == title
    assert article.title is not None and len(article.title) <= MAX_TITLE_CHARS


def test_ingest_txt_title_never_longer_than_limit() -> None:
    for given in ("x" * 5_000, "A title\nsplit over\r\nlines " + "y " * 400):
        title = make_title(given, "text")
        assert title is not None and "\n" not in title and len(title) <= MAX_TITLE_CHARS
