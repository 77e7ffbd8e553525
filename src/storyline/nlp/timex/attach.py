"""Which time expression says when a given word's event happened.

``The rebels seized the town on Monday and freed the hostages in March``:
``Monday`` is the time of ``seized``, ``March`` of ``freed``. A time
expression belongs to the word it hangs from in the parse: the verb or
event noun it modifies directly (``talks on Monday``), through a
preposition (``seized ... on Monday``), or as a bare noun phrase (``met
Friday``). When it hangs from something else inside a verb's clause, it
belongs to that verb (:func:`~storyline.nlp.timex.tense.governing_verb`).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from .tense import governing_verb


def attached_head(span: Span) -> Token | None:
    """The word a time expression modifies: its head, past a preposition; None at the root."""
    root = span.root
    if root.head.i == root.i:
        return None
    if root.dep_ == "pobj" and root.head.dep_ in {"prep", "agent"}:
        preposition = root.head
        return None if preposition.head.i == preposition.i else preposition.head
    return root.head


def times_of(token: Token, times: Iterable[Span]) -> list[Span]:
    """The time expressions of ``times`` (spans of ``token``'s Doc) that attach to ``token``.

    A time belongs to ``token`` when it modifies it directly (through a
    preposition or not) or, for a verb, when the verb governs the time
    expression's clause and no other noun claims it first (``talks on
    Friday failed``: Friday is the talks', not the failure's). Nearest first.
    """
    mine = []
    for span in times:
        if span.start <= token.i < span.end:
            continue
        head = attached_head(span)
        if head is not None and head.i == token.i:
            mine.append(span)
            continue
        owned = head is not None and head.pos_ in {"NOUN", "PROPN"}
        if token.pos_ in {"VERB", "AUX"} and not owned:
            verb = governing_verb(span)
            if verb is not None and verb.i == token.i:
                mine.append(span)
    return sorted(mine, key=lambda s: min(abs(s.start - token.i), abs(s.end - 1 - token.i)))
