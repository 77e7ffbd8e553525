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

Most articles never reach the model: a text in which the commonest English
words (:data:`ENGLISH_WORDS`) make up at least :data:`ENGLISH_SHARE` of the
first :data:`SHARE_WORDS` words is English (:func:`plainly_english`). Over
7,752 English news and satire articles the model agreed on every one but a
golf yardage table, which it could not place; in other languages written
with Latin letters (Danish, Dutch, Afrikaans, German, the Romance languages,
Tagalog) those words make up at most 13% of a news paragraph. Only the rest
pay for loading the model (about 0.85 s of CPU).
"""

from __future__ import annotations

import functools
import re
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
#: Very common English words. A few are words of other languages too ("in",
#: "was", "at"), but together they make up little of those languages' text;
#: the commonest of that kind ("a", "die", "no", "over") are left out.
ENGLISH_WORDS = frozenset(
    {
        "the", "of", "and", "to", "in", "that", "is", "was", "for", "on", "with", "as", "by",
        "at", "from", "his", "her", "he", "she", "it", "they", "said", "were", "are", "has",
        "have", "be", "this", "which", "but", "not", "an", "had", "you", "we", "their", "been",
        "will", "would", "who", "its", "more", "after", "about", "when", "there", "into", "than",
        "also", "what", "can", "if", "them", "him", "our", "your",
    }
)  # fmt: skip
#: The least share of :data:`ENGLISH_WORDS` that makes a text English without the model.
ENGLISH_SHARE = 0.2
#: How many leading words :func:`plainly_english` counts (fewer than 20: it cannot tell).
SHARE_WORDS = 400
_WORD = re.compile(r"[^\W\d_]+")


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
    if plainly_english(sample):
        return ENGLISH
    code, probability = identifier().classify(sample)
    return str(code) if probability >= MIN_CONFIDENCE else None


def plainly_english(text: str) -> bool:
    """Whether :data:`ENGLISH_WORDS` make up :data:`ENGLISH_SHARE` of the text's first words."""
    words = [
        match.group(0).lower()
        for _, match in zip(range(SHARE_WORDS), _WORD.finditer(text), strict=False)
    ]
    if len(words) < 20:
        return False
    return sum(word in ENGLISH_WORDS for word in words) >= ENGLISH_SHARE * len(words)
