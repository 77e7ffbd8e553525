"""The README documents what the code has: commands, settings, components, codes."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import InputError
from storyline.models import Story
from storyline.nlp import COMPONENTS
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_cli_reference_is_current() -> None:
    from scripts.update_readme import updated

    assert updated(README) == README, "run .venv/bin/python -m scripts.update_readme"


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Settings)])
def test_docs_every_setting_documented(field: str) -> None:
    assert f"| `{field}` |" in README


@pytest.mark.parametrize("name", [name for name, _ in COMPONENTS])
def test_docs_every_component_documented_with_what_it_assigns(name: str) -> None:
    """The README's row names each extension attribute the factory declares it assigns."""
    from spacy.language import Language

    from storyline.nlp import register_components

    register_components()
    row = next((line for line in README.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert row is not None, f"{name} has no row in the README's component table"
    for assigned in Language.get_factory_meta(name).assigns:
        attribute = assigned.rpartition(".")[2] if "._." in assigned else assigned
        assert attribute in row, f"the README's row for {name} does not say it sets {assigned}"


def _input_codes() -> list[str]:
    codes = {cls.code for cls in _subclasses(InputError)}
    return sorted(codes)


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


@pytest.mark.parametrize("code", _input_codes())
def test_docs_every_input_error_code_documented(code: str) -> None:
    assert re.search(rf"^\| {code} \|", README, re.MULTILINE), code


STORY_DOC = (ROOT / "docs" / "story-json.md").read_text(encoding="utf-8")
SCHEMA = json.loads((ROOT / "src" / "storyline" / "data" / "story.schema.json").read_text("utf-8"))


def documented_fields(markdown: str) -> set[str]:
    """Every field path docs/story-json.md describes.

    A table row ``| `name` | ...`` documents ``name`` under each path written in
    backticks in the heading above it (``### Value (`claims[].value`)``), or at
    the top level under the heading "Top level".
    """
    found: set[str] = set()
    prefixes: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("#"):
            paths = re.findall(r"`([^`]+)`", line)
            prefixes = [""] if line.strip("# ") == "Top level" else paths
            continue
        row = re.match(r"\| `([^`]+)` \|", line)
        if row:
            found.update(f"{prefix}.{row.group(1)}".lstrip(".") for prefix in prefixes)
    return found


def schema_fields(node: dict[str, Any], path: str = "") -> list[str]:
    """Every property path of the schema: ``claims[].scope.kind``, ``incidents[].place.name``."""
    found = []
    for name, child in node.get("properties", {}).items():
        child_path = f"{path}.{name}".lstrip(".")
        found.append(child_path)
        found += schema_fields(child, child_path)
    if "items" in node:
        found += schema_fields(node["items"], f"{path}[]")
    return found


def model_fields(cls: type, path: str = "") -> list[str]:
    """Every field path of :class:`Story`'s records, as they appear in story.json."""
    found = []
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        child_path = f"{path}.{field.name}".lstrip(".")
        found.append(child_path)
        hint, suffix = hints[field.name], ""
        if typing.get_origin(hint) is tuple:
            hint, suffix = typing.get_args(hint)[0], "[]"
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)] or [hint]
        if len(options) == 1 and dataclasses.is_dataclass(options[0]):
            found += model_fields(options[0], child_path + suffix)  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize("path", schema_fields(SCHEMA))
def test_docs_every_story_json_field_of_the_schema_documented(path: str) -> None:
    assert path in documented_fields(STORY_DOC), f"document {path} in docs/story-json.md"


@pytest.mark.parametrize("path", model_fields(Story))
def test_docs_every_story_record_field_documented(path: str) -> None:
    assert path in documented_fields(STORY_DOC), f"document {path} in docs/story-json.md"


def test_docs_story_json_names_the_current_format_and_readme_links_it() -> None:
    assert f'`"{SCHEMA["properties"]["schema"]["const"]}"`' in STORY_DOC
    assert "](docs/story-json.md)" in README
