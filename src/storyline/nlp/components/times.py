"""Placeholder for the `storyline_times` component (being written)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions


@Language.factory("storyline_times")
def make_times(nlp: Language, name: str, actors_file: str | None = None) -> Any:
    register_extensions()

    def component(doc: Doc) -> Doc:
        return doc

    return component
