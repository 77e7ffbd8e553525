"""Who a figure is attributed to: reporting verbs, evidence nouns and ``according to``.

The rules are described, and the word lists kept, in ``data/nlp/attribution.yaml``.
From the figure the finder climbs the parse towards the root of the sentence;
the first reporting verb or evidence noun on the way decides the source.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...lexicons import bundled_yaml

_SPEECH_PATH = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj", "dep"})
_SUBJECTS = frozenset({"nsubj"})
_LEADING = frozenset({"DET", "PUNCT", "CCONJ", "ADP", "SPACE", "ADV"})
#: Pronouns the analysis stage resolves to a person; other pronouns are no source.
_PERSONAL = frozenset({"he", "she", "we", "i"})


@dataclass(frozen=True)
class AttributionLexicon:
    """Word lists of ``data/nlp/attribution.yaml``."""

    speech_verbs: frozenset[str]
    estimate_verbs: frozenset[str]
    evidence_nouns: frozenset[str]
    owner_preps: frozenset[str]
    climb_deps: frozenset[str]
    max_climb: int
    not_sources: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FoundSource:
    """A source: an entity key (or None) and the words naming it."""

    entity: str | None
    text: str


@functools.cache
def attribution_lexicon() -> AttributionLexicon:
    """The attribution word lists, read once per process."""
    data = bundled_yaml("nlp/attribution.yaml")
    return AttributionLexicon(
        speech_verbs=frozenset(data["speech_verbs"]),
        estimate_verbs=frozenset(data["estimate_verbs"]),
        evidence_nouns=frozenset(data["evidence_nouns"]),
        owner_preps=frozenset(data["owner_preps"]),
        climb_deps=frozenset(data["climb_deps"]),
        max_climb=int(data["max_climb"]),
        not_sources=frozenset(str(w) for w in data.get("not_sources") or ()),
    )


def find_source(
    anchor: Token, lex: AttributionLexicon, key_at: Callable[[Span], str | None]
) -> FoundSource | None:
    """The source of the figure at ``anchor``, or None when the sentence names none."""
    child = anchor
    for ancestor in anchor.ancestors:
        lemma = ancestor.lemma_.lower()
        reporting = lemma in lex.estimate_verbs or (
            lemma in lex.speech_verbs and child.dep_ in _SPEECH_PATH
        )
        if ancestor.pos_ in ("VERB", "AUX") and reporting:
            subject = _subject(ancestor, lex)
            if subject is not None:
                return _from_phrase(subject, lex, key_at)
        if ancestor.pos_ in ("NOUN", "PROPN") and lemma in lex.evidence_nouns:
            return _from_phrase(ancestor, lex, key_at)
        child = ancestor
    return _according_to(anchor.sent, lex, key_at)


def _subject(verb: Token, lex: AttributionLexicon) -> Token | None:
    """The verb's active subject, or that of the clause it hangs from (``..., asserting``).

    A past participle does not borrow the subject above it: in ``the quake
    occurred in 2002, the largest recorded, killing three`` nobody recorded
    anything as the quake.
    """
    current = verb
    for _ in range(lex.max_climb + 1):
        subject = next((c for c in current.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        if current.dep_ not in lex.climb_deps or current.head.i == current.i:
            return None
        if current.tag_ == "VBN":
            return None
        current = current.head
    return None


def _owner(noun: Token, lex: AttributionLexicon) -> Token | None:
    """``X's estimate`` / ``estimates by X``: who an evidence noun belongs to."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in lex.owner_preps and child.lower_ != "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _from_phrase(
    head: Token, lex: AttributionLexicon, key_at: Callable[[Span], str | None]
) -> FoundSource | None:
    if head.lemma_.lower() in lex.evidence_nouns:
        owner = _owner(head, lex)
        if owner is not None:
            head = owner
    if not names_a_source(head, lex):
        return None
    phrase = _phrase(head)
    key = key_at(phrase)
    if key is not None and key.startswith("place:"):
        return None
    return FoundSource(key, phrase.text)


def names_a_source(head: Token, lex: AttributionLexicon) -> bool:
    """Whether a phrase with this head word can name who gave a figure (see ``not_sources``)."""
    if head.pos_ == "PRON":
        return head.lower_ in _PERSONAL
    return head.lemma_.lower() not in lex.not_sources and head.lower_ not in lex.not_sources


def _phrase(head: Token) -> Span:
    """The words naming a source: the head with what stands before it (no determiner)."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and doc[start].pos_ in _LEADING:
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "appos") or (
            child.dep_ == "prep" and child.lower_ == "of" and child.right_edge.i - head.i <= 4
        ):
            end = child.right_edge.i + 1
        else:
            break
    return doc[start:end]


def _according_to(
    sentence: Span, lex: AttributionLexicon, key_at: Callable[[Span], str | None]
) -> FoundSource | None:
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            target = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if target is not None:
                return _from_phrase(target, lex, key_at)
    return None
