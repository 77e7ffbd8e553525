"""Placeholder for the `storyline_tone` component (being written)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions


@Language.factory("storyline_tone")
def make_tone(nlp: Language, name: str, actors_file: str | None = None) -> Any:
    register_extensions()

    def component(doc: Doc) -> Doc:
        return doc

    return component
