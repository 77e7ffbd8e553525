"""The one YAML loader: bundled files fail as model errors, user files as usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ModelError, UsageError
from storyline.lexicons import bundled_yaml, read_yaml, user_yaml


def test_bundled_yaml_reads_a_shipped_file() -> None:
    assert "events" in bundled_yaml("nlp/events.yaml")


def test_bundled_yaml_missing_file_says_reinstall() -> None:
    with pytest.raises(ModelError, match="reinstall Storyline"):
        bundled_yaml("no-such-file.yaml")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"a: [1, 2\n", "fix the YAML syntax"),
        (b"- a list\n", "must be a YAML mapping; give it a map"),
        (b"name: caf\xe9\n", "not valid UTF-8"),
    ],
)
def test_user_yaml_says_what_is_wrong(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_bytes(content)
    with pytest.raises(UsageError, match=fragment) as caught:
        user_yaml(path, "word list", "give it a map")
    assert "word list" in str(caught.value) and str(path) in str(caught.value)


def test_user_yaml_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"Cannot read the lexicon .*give an existing YAML file"):
        user_yaml(tmp_path / "absent.yaml")


def test_read_yaml_raises_the_callers_error() -> None:
    assert read_yaml("a: 1", "here") == {"a": 1}
    with pytest.raises(ModelError, match="The lexicon here must be a YAML mapping"):
        read_yaml("just text", "here")


def test_lexicons_objects_frozen_hands_objects_back_on_exit() -> None:
    import gc

    from storyline.lexicons import objects_frozen

    before = gc.get_freeze_count()
    with objects_frozen():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0
