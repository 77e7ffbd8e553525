"""Reading numbers in text: written forms, hedges, ranges, units, and who counted what.

The quantity component (:mod:`storyline.nlp.components.quantities`) uses
:func:`.scan.scan`; the claims component (:mod:`storyline.nlp.components.claims`)
uses :mod:`.measures` and :mod:`.sources`. Lexicons live in ``storyline/data``.
"""

from __future__ import annotations

from .codec import register_value_codec
from .lexicon import NumberLexicon, Unit, number_lexicon

__all__ = ["NumberLexicon", "Unit", "number_lexicon", "register_value_codec"]
