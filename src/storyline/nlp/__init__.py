"""The language pipeline: :func:`build_nlp` and the Storyline components.

Components are registered as spaCy factories named ``storyline_*`` when
:func:`build_nlp` runs (or when spaCy resolves them through the package's
``spacy_factories`` entry points), never on ``import storyline``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..settings import Settings
from .english import load_english
from .extensions import register_extensions

if TYPE_CHECKING:
    from spacy.language import Language

#: Storyline's components in pipeline order, with the module defining each.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("storyline_lines", "lines"),
    ("storyline_entities", "entities"),
    ("storyline_times", "times"),
    ("storyline_quantities", "quantities"),
    ("storyline_claims", "claims"),
    ("storyline_events", "events"),
    ("storyline_tone", "tone"),
)

#: Components that set what the parser must respect, so run before it.
BEFORE_PARSER = frozenset({"storyline_lines"})


def register_components() -> None:
    """Import the component modules so their factories are registered."""
    register_extensions()
    for _, module in COMPONENTS:
        importlib.import_module(f"{__name__}.components.{module}")


def build_nlp(settings: Settings | None = None) -> Language:
    """Load the English pipeline and add Storyline's components to it.

    A run keeps the pipeline out of the garbage collector's way while it
    analyses (:func:`storyline.lexicons.objects_frozen`).
    """
    settings = settings or Settings()
    register_components()
    nlp = load_english(settings.model)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    for name, _ in COMPONENTS:
        early = name in BEFORE_PARSER and "parser" in nlp.pipe_names
        nlp.add_pipe(
            name, config=_component_config(name, settings), before="parser" if early else None
        )
    return nlp


def _component_config(name: str, settings: Settings) -> dict[str, object]:
    if name == "storyline_entities" and settings.actors_file is not None:
        return {"actors_file": str(settings.actors_file)}
    if name == "storyline_tone":
        return {"satire_min_score": settings.satire_min_score}
    return {}
