"""The article's title as evidence of satire, apart from its sentences.

A satirical piece is often a straight-faced report under a joke of a
headline ("Area Man Heroically Finishes Entire Bag Of Chips Before
Dinner"). The satire model was trained on exactly such headlines, and a
title belongs to the whole article, not to one of its sentences: so the
title's evidence is added to the article's satire log-odds directly,
rather than as one sentence among many in the mixture of
:mod:`.decide`, where one sentence can weigh little. It counts only when
another sentence shows satire too (``title_support`` in the cue file): to
the model, plain news titles can look like joke headlines.

The title is the one the article's metadata gives, else the text's first
line when that line is short (a plain-text article's headline). When the
text begins with it, the sentences inside it leave the mixture (so they are
not counted twice) and the first of them carries the evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cues import Lexicon
from .model import SatireModel
from .text import Syntax


@dataclass(frozen=True)
class Title:
    """A title's satire evidence and where it sits among the sentences.

    ``text`` is the title; ``ratio`` is the model's log-likelihood ratio less
    the headline margin, never below 0 and at most ``title_cap``; ``members`` are the sentences
    inside the title, ``index`` the first of them (None when the text does
    not begin with the title).
    """

    text: str
    ratio: float
    index: int | None
    members: tuple[int, ...]


def first_line_title(text: str, max_words: int) -> str | None:
    """The first non-empty line, when it is short and more text follows it."""
    stripped = text.lstrip()
    line, newline, rest = stripped.partition("\n")
    line = line.strip()
    if not line or not newline or not rest.strip() or len(line.split()) > max_words:
        return None
    return line


def assess_title(
    text: str,
    bounds: Sequence[tuple[int, int]],
    title: str | None,
    model: SatireModel,
    lexicon: Lexicon,
    syntax: Sequence[Syntax] | None = None,
) -> Title | None:
    """The title's evidence, or None when the article has no title to read."""
    title = (title or "").strip() or first_line_title(text, lexicon.headline_max_words)
    if title is None or len(title.split()) > lexicon.headline_max_words:
        return None
    start = text.find(title)
    inside = start >= 0 and not text[:start].strip()
    members: tuple[int, ...] = ()
    if inside:
        end = start + len(title)
        members = tuple(i for i, (s, e) in enumerate(bounds) if s >= start and e <= end)
    parse = [syntax[members[0]]] if syntax is not None and len(members) == 1 else None
    llr = float(model.log_likelihood_ratio([title], parse)[0])
    ratio = min(max(0.0, llr - lexicon.headline_margin), lexicon.title_cap)
    return Title(title, ratio, members[0] if members else None, members)
