"""iter_inputs: paths and directories, duplicates, counting, and never raising."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import count_inputs, iter_inputs, list_directory
from storyline.ingest.article import MAX_TITLE_CHARS, clip
from storyline.models import Article, Skipped
from storyline.settings import Settings

DATA = Path(__file__).resolve().parent / "data" / "ingest"
CORPUS = DATA / "corpus"


def _split(items: list[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    articles = [item for item in items if isinstance(item, Article)]
    return articles, [item for item in items if isinstance(item, Skipped)]


def test_ingest_directory_is_read_recursively_in_order() -> None:
    articles, skipped = _split(list(iter_inputs([CORPUS])))
    assert skipped == []
    names = [Path(a.source).relative_to(CORPUS).as_posix() for a in articles]
    # README.md is not an article format and is ignored inside a directory.
    assert names == [
        "regional/archive/ferry.TXT",
        "regional/bridge.htm",
        "regional/museum.txt",
        "tram.txt",
    ]
    by_name = dict(zip(names, articles, strict=True))
    assert by_name["tram.txt"].published.value == "2024-03-04"
    assert by_name["regional/archive/ferry.TXT"].published.value == "2017-04-05"
    assert by_name["regional/museum.txt"].published.basis == "unknown"


def test_ingest_directory_skips_hidden_entries(tmp_path: Path) -> None:
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "draft.txt").write_text("Draft\nNot ready.\n", encoding="utf-8")
    (tmp_path / ".backup.txt").write_text("Backup\nOld copy.\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text("Story\nThe real one.\n", encoding="utf-8")
    files, problems = list_directory(tmp_path)
    assert files == [tmp_path / "story.txt"] and problems == []


def test_ingest_explicit_file_of_another_kind_is_skipped(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", encoding="utf-8")
    bare = tmp_path / "LICENSE"
    bare.write_text("MIT\n", encoding="utf-8")
    items = list(iter_inputs([notes, bare, tmp_path / "absent.pdf"]))
    reasons = [item.reason for item in items if isinstance(item, Skipped)]
    assert len(items) == len(reasons) == 3
    assert reasons[0].startswith("[S015]") and "'.md' files" in reasons[0]
    assert reasons[1].startswith("[S015]") and "without an extension" in reasons[1]
    assert reasons[2].startswith("[S010]")


def test_ingest_duplicates_are_analysed_once(tmp_path: Path) -> None:
    text = "Council approves tram line\nThe council approved the line on Monday.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    record = {
        "id": "j9",
        "text": "  Council approves tram line The council approved the line on Monday.",
    }
    (tmp_path / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles, skipped = _split(list(iter_inputs([tmp_path, tmp_path / "a.txt"])))
    assert [a.source for a in articles] == [str(tmp_path / "a.txt")]
    first = articles[0]
    expected = f"[S016] duplicate of article {first.id} ({first.source}); analysed once"
    assert [(s.source, s.reason) for s in skipped] == [
        (str(tmp_path / "b.txt"), expected),
        (f"{tmp_path / 'c.jsonl'}:1", expected),
        (str(tmp_path / "a.txt"), expected),
    ]


def test_ingest_reused_id_is_skipped(tmp_path: Path) -> None:
    lines = [{"id": "r1", "text": "First story."}, {"id": "r1", "text": "Another story."}]
    path = tmp_path / "ids.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    articles, skipped = _split(list(iter_inputs([path])))
    assert [a.text for a in articles] == ["First story."]
    [reuse] = skipped
    assert reuse.reason.startswith("[S013]") and "'r1'" in reuse.reason


def test_ingest_ids_are_stable_across_runs() -> None:
    first = [a.id for a in iter_inputs([CORPUS]) if isinstance(a, Article)]
    again = [a.id for a in iter_inputs([CORPUS]) if isinstance(a, Article)]
    assert first == again and len(set(first)) == 4


def test_ingest_count_inputs() -> None:
    assert count_inputs([CORPUS, DATA / "batch.jsonl", "missing.txt"]) == 6
    assert count_inputs([]) == 0


def test_ingest_single_path_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        list(iter_inputs("examples/seeds"))


def test_ingest_seeds_are_three_articles(seeds_dir: Path) -> None:
    articles, skipped = _split(list(iter_inputs([seeds_dir], Settings())))
    assert skipped == [] and len(articles) == 3
    for article in articles:
        first_line = Path(article.source).read_text(encoding="utf-8").split("\n")[0]
        assert article.title == clip(first_line.strip(), MAX_TITLE_CHARS)
    assert [a.published.value for a in articles] == [None, "2025-09-04", None]


def test_ingest_spans_index_the_text_as_read(seeds_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    for article in iter_inputs([seeds_dir, tmp_path / "corpus", DATA / "batch.jsonl"]):
        if isinstance(article, Article) and article.source.endswith(".txt"):
            raw = Path(article.source).read_bytes().decode("utf-8").replace("\r\n", "\n")
            assert article.text == raw
        if isinstance(article, Article) and article.title:
            shown = article.title.removesuffix("…")  # a clipped title
            start = article.text.find(shown)
            assert start >= 0 and article.text[start : start + len(shown)] == shown


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda text: text.encode("utf-8", "surrogatepass")),
    ),
    suffix=st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".bin"]),
)
def test_ingest_never_raises_for_bad_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in iter_inputs([path]):
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Skipped):
            assert re.match(r"\[S0[17]\d\] ", item.reason), item.reason
        else:
            assert item.text.strip() and item.word_count == len(item.text.split())
