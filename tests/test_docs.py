"""The README documents what the code has: commands, settings, components, codes."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.nlp import COMPONENTS
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _update_readme_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts" / "update_readme.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_readme"] = module
    spec.loader.exec_module(module)
    return module


def test_docs_cli_reference_is_current() -> None:
    module = _update_readme_module()
    assert module.updated(README) == README, "run scripts/update_readme.py"


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Settings)])
def test_docs_every_setting_documented(field: str) -> None:
    assert f"| `{field}` |" in README


@pytest.mark.parametrize("name", [name for name, _ in COMPONENTS])
def test_docs_every_component_documented(name: str) -> None:
    assert f"| `{name}` |" in README


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
