"""story.json: shape, schema validation, round trip and atomic writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import ReportError
from storyline.models import Quantity, Skipped, Story, Value
from storyline.report import load_story_json, story_to_json, validate_story, write_story_json

FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"
TOP_LEVEL = [
    "schema",
    "generated_at",
    "articles",
    "skipped",
    "entities",
    "times",
    "quantities",
    "claims",
    "events",
    "relations",
    "findings",
    "timeline",
    "incidents",
]


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story_json(FIXTURE)


def test_report_json_empty_story_has_every_list_and_validates() -> None:
    data = story_to_json(Story(generated_at="2025-01-01T00:00:00+00:00"))
    assert list(data) == TOP_LEVEL
    assert data["schema"] == "storyline/story@2"
    assert all(data[key] == [] for key in TOP_LEVEL[2:])
    validate_story(data)


def test_report_json_full_story_validates_with_contract_field_names(story: Story) -> None:
    data = story_to_json(story)
    validate_story(data)
    article = data["articles"][1]
    assert set(article) >= {"id", "source", "title", "published", "tone", "word_count", "text"}
    assert article["published"] == {"value": None, "basis": "unknown", "reason": None}
    assert article["tone"]["label"] == "satire"
    claim = data["claims"][0]
    assert set(claim) >= {"id", "article", "subject", "subject_text", "measure", "value"}
    assert set(claim) >= {"unit", "as_of", "source", "span"}
    assert claim["value"] == {"low": 4000, "high": 4000, "qualifier": "approximately"}
    assert data["claims"][3]["source"] is None
    assert data["timeline"][3]["date"] == {"value": None, "precision": None}


def test_report_json_spans_point_at_their_article_text(story: Story) -> None:
    data = story_to_json(story)
    texts = {article["id"]: article["text"] for article in data["articles"]}
    spans = [claim["span"] for claim in data["claims"]]
    spans += [span for finding in data["findings"] for span in finding["evidence"]]
    spans += [span for relation in data["relations"] for span in relation["evidence"]]
    spans += [{k: t[k] for k in ("article", "start", "end", "text")} for t in data["times"]]
    assert spans
    for span in spans:
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


def test_report_json_round_trip_gives_the_same_story(story: Story, tmp_path: Path) -> None:
    target = tmp_path / "out" / "story.json"
    write_story_json(story, target)
    assert load_story_json(target) == story


def test_report_json_writes_utf8_indented_without_ascii_escapes(tmp_path: Path) -> None:
    story = Story("2025-01-01T00:00:00+00:00", skipped=(Skipped("Zürich–news.txt", "vide"),))
    target = tmp_path / "story.json"
    write_story_json(story, target)
    raw = target.read_bytes().decode("utf-8")
    assert "Zürich–news.txt" in raw
    assert '\n  "generated_at": ' in raw
    assert json.loads(raw)["skipped"] == [{"source": "Zürich–news.txt", "reason": "vide"}]


def test_report_json_write_replaces_old_file_and_leaves_no_temporary(
    story: Story, tmp_path: Path
) -> None:
    target = tmp_path / "story.json"
    target.write_text("old and broken", encoding="utf-8")
    write_story_json(story, target)
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "storyline/story@2"
    assert [path.name for path in tmp_path.iterdir()] == ["story.json"]


def test_report_json_write_into_unwritable_place_raises_usage_error(
    story: Story, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ReportError, match=r"^\[S060\] Cannot write"):
        write_story_json(story, blocker / "story.json")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("timeline"), "top level: 'timeline' is a required property"),
        (lambda d: d.update(schema="storyline/story@0"), r"'\$\.schema'"),
        (
            lambda d: d["claims"][0]["value"].update(qualifier="roughly"),
            r"'\$\.claims\[0\]\.value\.qualifier'",
        ),
        (lambda d: d["articles"][0]["published"].update(basis="guess"), r"\.published\.basis'"),
        (lambda d: d["findings"][0].update(severity="urgent"), "'urgent' is not one of"),
    ],
)
def test_report_json_validate_names_the_problem(story: Story, change: object, where: str) -> None:
    data = story_to_json(story)
    change(data)  # type: ignore[operator]
    with pytest.raises(ReportError, match=where):
        validate_story(data)


def test_report_json_load_rejects_what_is_not_a_story(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReportError, match="not UTF-8 JSON"):
        load_story_json(bad_json)
    not_object = tmp_path / "list.json"
    not_object.write_text("[]", encoding="utf-8")
    with pytest.raises(ReportError, match="not a JSON object"):
        load_story_json(not_object)
    with pytest.raises(ReportError, match="Cannot read"):
        load_story_json(tmp_path / "missing.json")


def test_report_json_load_ignores_extra_fields(story: Story, tmp_path: Path) -> None:
    data = story_to_json(story)
    data["articles"][0]["outlet"] = "The Daily"
    data["mentions"] = []
    target = tmp_path / "story.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    assert load_story_json(target) == story


def test_report_json_fractions_and_open_bounds_survive(tmp_path: Path) -> None:
    quantity = Quantity("a", 0, 4, "2.5%", Value(2.5, None, "at_least"), "percent")
    story = Story("2025-01-01T00:00:00+00:00", quantities=(quantity,))
    data = story_to_json(story)
    validate_story(data)
    assert data["quantities"][0]["value"] == {"low": 2.5, "high": None, "qualifier": "at_least"}
    write_story_json(story, tmp_path / "story.json")
    assert load_story_json(tmp_path / "story.json") == story


def test_report_json_written_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        write_story_json(Story("now"), tmp_path / "story.json")
    finally:
        os.umask(mask)
    assert (tmp_path / "story.json").stat().st_mode & 0o777 == 0o644
