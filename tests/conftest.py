"""Shared fixtures: the real English pipeline (loaded once) and the example corpus.

Every test that needs the trained English model gets it from one place: the
``nlp`` fixture (the whole Storyline pipeline) or the ``make_nlp`` factory
(the model with some of its components left out, then Storyline components
added by name). A test that uses either, directly or through another
fixture, is marked ``slow`` when it is collected, so ``pytest -m "not slow"``
runs only the tests that need no model.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from storyline.files import CACHE_ENV
from storyline.settings import Settings

# The tests (and the commands they start) keep their caches apart from the user's.
os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="storyline-test-cache-")

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
SHARED = Settings().shared_dir
#: The fixtures that load the trained English model.
PIPELINE_FIXTURES = frozenset({"nlp", "make_nlp"})

MakeNlp = Callable[..., "Language"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that loads the English model through a shared fixture."""
    for item in items:
        if PIPELINE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@functools.cache
def _load(components: tuple[str, ...], exclude: tuple[str, ...]) -> Language:
    from storyline.nlp.english import load_english
    from storyline.nlp.extensions import register_extensions

    register_extensions()
    english = load_english(Settings().model, exclude)
    for name in components:
        english.add_pipe(name)
    return english


@pytest.fixture(scope="session")
def make_nlp() -> MakeNlp:
    """``make_nlp(components=(...), exclude=(...))``: the trained English model without the
    ``exclude`` components, followed by the named Storyline ``components``.

    Each combination is loaded once per session and shared, so a test must
    not add pipes to what it gets.
    """

    def make(components: Sequence[str] = (), exclude: Sequence[str] = ()) -> Language:
        return _load(tuple(components), tuple(exclude))

    return make


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full Storyline pipeline, built once per test session."""
    from storyline.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED
