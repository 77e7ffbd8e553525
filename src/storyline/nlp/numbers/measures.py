"""What a figure counts and whose it is: measures and subjects for the claims component.

The vocabulary is ``data/nlp/measures.yaml``. Phrases are matched on lemmas (or
the lower-cased word) once per sentence with a dictionary keyed by their first
word, so a document costs one pass over the sentences that hold figures.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...lexicons import bundled_yaml

_GAP = "*"
_MAX_GAP = 3
_CLIMB = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "relcl"})


@dataclass(frozen=True)
class Measure:
    """One entry of the measure vocabulary."""

    name: str
    contested: bool
    applies_to: frozenset[str]
    owned_by_agent: bool
    nouns: frozenset[str]


@dataclass(frozen=True)
class MeasureLexicon:
    """The measures, their phrases indexed by first word, and the subject rules."""

    measures: dict[str, Measure]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    figure_nouns: frozenset[str]
    subject_stop_words: frozenset[str]
    not_subjects: frozenset[str]
    kind_heads: frozenset[str]
    min_plain_count: float

    @property
    def contested(self) -> frozenset[str]:
        """Measures whose unattributed figures deserve a finding."""
        return frozenset(name for name, m in self.measures.items() if m.contested)


@dataclass(frozen=True)
class Hit:
    """A measure phrase found in ``doc[start:end]``."""

    measure: str
    start: int
    end: int


@functools.cache
def measure_lexicon() -> MeasureLexicon:
    """The measure vocabulary, read once per process."""
    data = bundled_yaml("nlp/measures.yaml")
    measures: dict[str, Measure] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, entry in data["measures"].items():
        measures[name] = Measure(
            name=name,
            contested=bool(entry.get("contested", False)),
            applies_to=frozenset(entry.get("applies_to", ["count"])),
            owned_by_agent=bool(entry.get("owned_by_agent", False)),
            nouns=frozenset(str(n).lower() for n in entry.get("nouns", [])),
        )
        for phrase in entry.get("phrases", []):
            words = tuple(str(phrase).lower().split())
            phrases.setdefault(words[0], []).append((words, name))
    return MeasureLexicon(
        measures=measures,
        phrases={first: tuple(items) for first, items in phrases.items()},
        figure_nouns=frozenset(data["figure_nouns"]),
        subject_stop_words=frozenset(data["subject_stop_words"]),
        not_subjects=frozenset(data["not_subjects"]),
        kind_heads=frozenset(data["kind_heads"]),
        min_plain_count=float(data["min_plain_count"]),
    )


def _is(token: Token, word: str) -> bool:
    return word in (token.lemma_.lower(), token.lower_)


def find_hits(sentence: Span, lex: MeasureLexicon) -> list[Hit]:
    """Every measure phrase in ``sentence``."""
    hits: list[Hit] = []
    for token in sentence:
        keys = {token.lemma_.lower(), token.lower_}
        for key in keys:
            for words, measure in lex.phrases.get(key, ()):
                end = _match_rest(sentence, token.i + 1, words[1:])
                if end is not None:
                    hits.append(Hit(measure, token.i, end))
    return hits


def _match_rest(sentence: Span, i: int, words: tuple[str, ...]) -> int | None:
    """End index when ``words`` match from ``doc[i]`` (``*`` skips up to three tokens)."""
    if not words:
        return i
    if words[0] == _GAP:
        for skip in range(_MAX_GAP + 1):
            end = _match_rest(sentence, i + skip, words[1:])
            if end is not None:
                return end
        return None
    if i >= sentence.end or not _is(sentence.doc[i], words[0]):
        return None
    return _match_rest(sentence, i + 1, words[1:])


def choose_measure(
    anchor: Token, noun: Token | None, kind: str, hits: Iterable[Hit], lex: MeasureLexicon
) -> tuple[str, bool] | None:
    """The measure of a figure from the phrases around it, and whether it is tied to it.

    Strongest first: the counted word itself when it is no plural noun (a
    participle or an adjective, however tagged: "nearly 50 hurt"), inside
    the counted phrase, on a verb above it (nearest
    first, not past a verb of its own coordinated clause), in a clause that
    describes the counted noun (below a verb above it: "killed nine refugees
    who had fled the war" counts the killed), the counted noun's own
    meaning; these are tied to the figure. A
    noun phrase elsewhere in the sentence (the nearest, such as ``casualty``
    in ``anticipated a higher casualty rate, asserting that 4,000 ...``) is
    used last, untied; verbs elsewhere belong to other clauses and are not.
    """
    usable = [h for h in hits if kind in lex.measures[h.measure].applies_to]
    head = noun if noun is not None else anchor
    if noun is not None and noun.tag_ not in ("NNS", "NNPS"):  # "nearly 50 hurt", "30 dead"
        named = [h for h in usable if h.start <= noun.i < h.end]
        if named:  # a counted word that is no plural noun is a participle, itself the measure
            return named[0].measure, True
    inside = [h for h in usable if _modifies(h, head)]
    own = [h for h in inside if not _in_clause(h, head)]
    if own:
        return min(own, key=lambda h: abs(h.start - head.i)).measure, True
    for ancestor in head.ancestors:
        above = [h for h in usable if h.start <= ancestor.i < h.end]
        if above:
            return above[0].measure, True
        if ancestor.pos_ == "VERB" and ancestor.dep_ == "conj":
            break  # "injured 200 people and damaged 300 houses": the houses were not injured
        if ancestor.i == head.head.i and _elsewhere(head):
            break  # "killed ... when three shells landed": the shells only landed
    if inside:  # "300 soldiers taken off the battlefield": a clause about them, no verb above
        return min(inside, key=lambda h: abs(h.start - head.i)).measure, True
    if noun is not None:
        lemma = noun.lemma_.lower()
        for name, measure in lex.measures.items():
            if lemma in measure.nouns and kind in measure.applies_to:
                return name, True
    nominal = [
        h
        for h in usable
        if head.doc[h.start].pos_ in ("NOUN", "ADJ")
        and not _names_a_kind(head.doc[h.start], lex)
        and not _about_elsewhere(head.doc[h.start])
        and not _in_speakers_name(head.doc[h.start], head)
    ]
    if nominal and not _at_a_place(head):
        nearest = min(nominal, key=lambda h: min(abs(h.start - head.i), abs(h.end - 1 - head.i)))
        return nearest.measure, False
    return None


#: Prepositions whose object is where or against what something happened, not who it happened to.
#: ("at" and "around" are left out: "the toll stood at 40", "around 1,200".)
_PLACE_PREPS = frozenset({"in", "into", "across", "against", "inside", "within", "throughout"})


def _elsewhere(head: Token) -> bool:
    """Whether the counted noun has a part of its own below the verbs above it: the subject
    of its own verb ("killed ... when three shells landed") or a place ("in 14 countries")."""
    own_verb = head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX")
    return own_verb or _at_a_place(head)


def _at_a_place(token: Token) -> bool:
    """The object of a preposition of place: ``in 14 countries``, ``against three schools``."""
    return token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS


def _in_speakers_name(token: Token, head: Token) -> bool:
    """Whether a word lies in the subject of a verb whose clause holds the figure ("the
    head of the refugee agency said three shells landed"): it names who speaks."""
    subject = next((t for t in (token, *token.ancestors) if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    verb = subject.head
    below = next((t for t in (head, *head.ancestors) if t.head.i == verb.i and t.i != verb.i), None)
    return below is not None and below.dep_ in ("ccomp", "xcomp", "advcl", "parataxis")


def _names_a_kind(token: Token, lex: MeasureLexicon) -> bool:
    """Whether a measure word only says what kind of thing the noun after it is
    ("death threats", "a death sentence"): it counts nothing."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in lex.kind_heads


def _about_elsewhere(token: Token) -> bool:
    """Whether a word lies in a clause about another noun ("the school where 350 people were
    taking shelter") or in a place ("in Jabaliya refugee camp"): no measure of a figure
    outside it."""
    return any(t.dep_ in ("relcl", "acl") or _at_a_place(t) for t in (token, *token.ancestors))


def _modifies(hit: Hit, head: Token) -> bool:
    """Whether a phrase hangs from ``head`` itself (``soldiers taken off the battlefield``).

    A phrase inside a clause about another noun (``attacks, including the
    bombing that killed one``) does not describe ``head``.
    """
    token = head.doc[hit.start]
    if hit.start <= head.i < hit.end or not head.left_edge.i <= hit.start <= head.right_edge.i:
        return False
    while token.i != head.i:
        if token.head.i == token.i or token.dep_ == "conj" or _own_subject(token):
            return False  # "schools and shelters" lists; "where civilians sought refuge" is theirs
        token = token.head
        if token.i != head.i and token.pos_ in ("NOUN", "PROPN"):
            return False
    return True


#: Words that open a relative clause and stand for the noun it describes.
_RELATIVES = frozenset({"who", "whom", "that", "which", "whose"})


def _own_subject(token: Token) -> bool:
    """Whether ``token`` heads a clause with a subject of its own (not a relative pronoun):
    such a clause tells what befell its subject, not the noun it hangs from."""
    if token.dep_ not in ("relcl", "acl"):
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.lower_ not in _RELATIVES for c in subjects)


def _in_clause(hit: Hit, head: Token) -> bool:
    """Whether a phrase inside the counted phrase lies in a clause that describes the
    counted people: a relative clause ("who had fled") or a present participle
    ("Palestinians sheltering in a school"). A past participle is no such clause:
    in "six killed and 58 injured" it says what befell them.
    """
    token = head.doc[hit.start]
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG"):
            return True
        token = token.head
    return False


def free_measure(anchor: Token) -> str:
    """A short phrase when no measure fits: the governing verb (``release``) or ``count``."""
    for ancestor in (anchor, *anchor.ancestors):
        if ancestor.pos_ == "VERB":
            particle = next((c.lower_ for c in ancestor.children if c.dep_ == "prt"), "")
            return f"{ancestor.lemma_.lower()} {particle}".strip()
    return "count"


def subject_text(phrase: list[Token], lex: MeasureLexicon) -> str | None:
    """The counted group as written, without words describing the figure (``additional``)."""
    while phrase and phrase[0].lower_ in lex.subject_stop_words:
        phrase = phrase[1:]
    if not phrase:
        return None
    doc = phrase[0].doc
    return doc[phrase[0].i : phrase[-1].i + 1].text


def owner_key(
    noun: Token,
    phrase: list[Token],
    key_at: Callable[[Token], str | None],
    agent: bool,
) -> str | None:
    """The entity the counted group belongs to.

    An entity among its modifiers (``North Korean soldiers``), a possessor
    (``Russia's troops``), a ``from``/``of`` owner (``troops from Chad``), or,
    when ``agent`` is set, whoever performs the verb (``Kim is sending troops``).
    """
    for token in phrase:
        key = key_at(token)
        if key is not None:
            return key
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("from", "of")):
            target = child if child.dep_ == "poss" else _pobj(child)
            key = key_at(target) if target is not None else None
            if key is not None:
                return key
    if agent:
        actor = clause_subject(noun)
        return key_at(actor) if actor is not None else None
    return None


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def clause_subject(token: Token, max_climb: int = 3) -> Token | None:
    """The active subject of the verb above ``token``, climbing through participle clauses."""
    verb: Token | None = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    for _ in range(max_climb + 1):
        if verb is None:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None
