"""Which language an article is written in, told offline by py3langid.

py3langid ships its own small model (character n-grams, 97 languages) inside
the package, so nothing is downloaded. The model is loaded on first use and
kept (:func:`identifier`; ``identifier.cache_clear()`` drops it).

A language is named (ISO 639-1, ``en``) only when the model is at least
:data:`MIN_CONFIDENCE` sure and the text has at least :data:`MIN_LETTERS`
letters to judge by; otherwise the language is unknown (None), and an
unknown language is never a reason to skip an article. Only the first
:data:`SAMPLE_CHARS` characters are read, so a long text costs no more than
a short one.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

#: The language Storyline's pipeline reads.
ENGLISH = "en"
#: The least probability at which a detected language is believed.
MIN_CONFIDENCE = 0.9
#: Fewer letters than this are too few to tell a language by.
MIN_LETTERS = 40
#: How many leading characters of a text are looked at.
SAMPLE_CHARS = 20_000


@functools.cache
def identifier() -> LanguageIdentifier:
    """py3langid's identifier with its bundled model, probabilities normalised."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return None
    code, probability = identifier().classify(sample)
    return str(code) if probability >= MIN_CONFIDENCE else None
