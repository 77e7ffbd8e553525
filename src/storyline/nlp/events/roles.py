"""Who did what to whom: reading a trigger word's arguments off the dependency parse.

These helpers answer the questions event and relation extraction share:
which entity mentions a noun phrase stands for (``North Korean troops`` ->
North Korea), who the subject of a verb is (following ``xcomp``, ``conj``
and participles up to the clause that has one), what its objects and
prepositional phrases hold, and whether the trigger is negated or only
speculated about. They read spaCy's English dependency labels (ClearNLP
style: ``nsubj``, ``dobj``, ``pobj``, ``agent``...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..extensions import ENTITIES

#: Modal verbs that make a trigger speculative ("Russia may transfer ...").
SPECULATIVE_MODALS = frozenset({"may", "might", "could"})
#: Governing verbs that make a trigger speculative ("considers transferring").
SPECULATIVE_VERBS = frozenset(
    {"consider", "contemplate", "mull", "weigh", "hope", "wish", "speculate", "fear", "rumor"}
)
#: Dependency labels under which a modifier of a noun names its owner or kind.
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp", "acomp"})


@dataclass(frozen=True)
class EntityRef:
    """An entity mention as the extractors see it."""

    key: str
    kind: str
    country: str | None
    span: Span


def entity_index(doc: Doc) -> dict[int, EntityRef]:
    """Token index -> the entity mention covering it (the longest when several do)."""
    index: dict[int, EntityRef] = {}
    if ENTITIES not in doc.spans:
        return index
    spans = sorted(doc.spans[ENTITIES], key=lambda s: s.end - s.start, reverse=True)
    for span in spans:
        key = span._.storyline_key
        if not key:
            continue
        ref = EntityRef(str(key), span.label_, span._.storyline_country, span)
        for i in range(span.start, span.end):
            index.setdefault(i, ref)
    return index


def lemma(token: Token) -> str:
    """The lower-cased lemma (titles tag nouns as proper nouns; their lemma keeps case)."""
    return (token.lemma_ or token.text).lower()


def words_of(token: Token) -> set[str]:
    """Lemma and lower-cased text: the forms a lexicon entry may list."""
    return {lemma(token), token.text.lower()}


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it (``A, B and C``)."""
    return [token, *token.conjuncts]


def phrase_entities(token: Token, index: dict[int, EntityRef], depth: int = 1) -> list[EntityRef]:
    """The entities a noun phrase headed by ``token`` (and its conjuncts) stands for.

    A head inside a mention is that mention (``President Vladimir Putin``).
    Otherwise the owner named by a modifier or an ``of``/``from``/``by``
    phrase: ``North Korean troops``, ``Russia's government``, ``soldiers
    from Gondor``, ``an attack by Gondor's soldiers`` (one phrase deep).
    """
    found: list[EntityRef] = []
    for head in conjuncts(token):
        if head.i in index:
            found.append(index[head.i])
            continue
        for child in head.children:
            if child.dep_ in _MODIFIER_DEPS and child.i in index:
                found.append(index[child.i])
            elif child.dep_ in {"prep", "agent"} and lemma(child) in {"of", "from", "by"}:
                for obj in prep_objects(child):
                    if obj.i in index:
                        found.append(index[obj.i])
                    elif depth > 0:
                        found.extend(phrase_entities(obj, index, depth - 1))
    return unique(found)


def unique(refs: Iterable[EntityRef]) -> list[EntityRef]:
    """Entity refs without repeated keys, first occurrence kept."""
    seen: dict[str, EntityRef] = {}
    for ref in refs:
        seen.setdefault(ref.key, ref)
    return list(seen.values())


def prep_objects(prep: Token) -> list[Token]:
    """The object(s) of a preposition, coordinated ones included."""
    return [c for o in prep.children if o.dep_ in {"pobj", "pcomp"} for c in conjuncts(o)]


def preps(token: Token, names: Iterable[str] | None = None) -> Iterator[tuple[str, Token]]:
    """``(preposition, object)`` pairs attached to ``token`` (``agent`` counts as ``by``)."""
    wanted = None if names is None else set(names)
    for child in token.children:
        if child.dep_ not in {"prep", "agent", "dative"} or child.pos_ not in {"ADP", "SCONJ"}:
            continue
        name = "by" if child.dep_ == "agent" else lemma(child)
        if wanted is None or name in wanted:
            for obj in prep_objects(child):
                yield name, obj


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice (a passive subject or auxiliary)."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )


def subjects(verb: Token) -> list[Token]:
    """The subject head(s) of a verb, inherited from the governing clause when missing.

    ``Russia agreed to supply`` -> Russia for ``supply``; a relative clause's
    ``which``/``that`` resolves to the noun it modifies; an active participle
    modifying a noun (``troops crossing the border``) has that noun as subject.
    """
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            break
        wanted = {"nsubj", "csubj"} if current.i == verb.i else {"nsubj", "csubj", "nsubjpass"}
        found = [c for c in current.children if c.dep_ in wanted]
        if found:
            return [_resolve_relative(t) for t in found]
        if current.dep_ == "acl" and current.tag_ == "VBG":
            return [current.head]
        if current.dep_ == "relcl":
            return [current.head]
        if current.dep_ in _INHERIT_DEPS and current.head.i != current.i:
            current = current.head
            continue
        break
    return []


def _resolve_relative(token: Token) -> Token:
    if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def agents(verb: Token) -> list[Token]:
    """Objects of the ``by`` phrase of a passive verb."""
    return [obj for _, obj in preps(verb, ["by"])]


def objects(token: Token) -> list[Token]:
    """Direct objects (and attributes) of a verb, coordinated ones included."""
    direct = [c for c in token.children if c.dep_ in {"dobj", "attr", "oprd"}]
    return [c for o in direct for c in conjuncts(o)]


def patients(verb: Token) -> list[Token]:
    """What a verb acts on: its object, or its subject when it is passive."""
    if is_passive(verb):
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and not passive:
            passive = [verb.head]
        return [c for p in passive for c in conjuncts(p)]
    return objects(verb)


def actors(verb: Token) -> list[Token]:
    """Who does what a verb says: the ``by`` phrase if passive, else the subject."""
    if is_passive(verb):
        return agents(verb)
    return [c for s in subjects(verb) for c in conjuncts(s)]


def governing_verb(noun: Token, light_verbs: frozenset[str]) -> Token | None:
    """The verb a noun trigger is the object of, when that verb only carries it.

    ``held a meeting``, ``signed a pact``: the verb's subject, place and date
    belong to the noun's event. So do those of any verb whose subject the
    noun's possessive pronoun points back to (``X and Y postponed their
    meeting``).
    """
    head = noun.head
    if head.i == noun.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    if noun.dep_ not in {"dobj", "nsubjpass", "attr"}:
        return None
    if lemma(head) in light_verbs:
        return head
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return head
    return None


def participles(noun: Token) -> list[Token]:
    """Participles modifying a noun (``a pact signed in June``, ``the meeting held on``)."""
    return [c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"]


def negated(tokens: Iterable[Token], negations: frozenset[str]) -> bool:
    """Whether any of ``tokens`` carries a negation (``did not meet``, ``no deal``)."""
    for token in tokens:
        for child in token.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in {"advmod", "det"} and lemma(child) in negations:
                return True
    return False


def speculative(tokens: Iterable[Token]) -> bool:
    """Whether a trigger is only speculated about.

    ``Russia may transfer``, ``considers sending``, ``any increase in
    assistance might...``: a modal on the trigger's clause, a speculating
    governor, or ``any`` on the noun phrase holding it. A noun that is the
    subject of its clause is presupposed (``the alliance could reshape``).
    """
    for token in tokens:
        if token.dep_ in {"xcomp", "ccomp"} and lemma(token.head) in SPECULATIVE_VERBS:
            return True
        if _speculative_clause(token):
            return True
    return False


def _speculative_clause(token: Token) -> bool:
    current = token
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"}:
            return any(c.dep_ == "aux" and lemma(c) in SPECULATIVE_MODALS for c in current.children)
        if any(c.dep_ == "det" and lemma(c) == "any" for c in current.children):
            return True
        if current.dep_ in {"nsubj", "nsubjpass"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def item_words(token: Token, index: dict[int, EntityRef]) -> list[str]:
    """What a noun phrase says is moved: ``artillery``, ``weapon technologies``, ``troops``.

    Each coordinated head with its noun compounds is one item; a noun
    wrongly parsed as an adjective of the head (``artillery and conventional
    weapons``) is one more. Entity modifiers (``North Korean``) are left out.
    """
    items: list[str] = []
    for head in conjuncts(token):
        if head.i in index:
            continue
        compounds = [
            c.text.lower()
            for c in head.children
            if c.dep_ == "compound" and c.i not in index and c.i < head.i
        ]
        items.append(" ".join([*compounds, head.text.lower()]))
        items += [
            c.text.lower()
            for c in head.children
            if c.dep_ == "amod" and c.pos_ == "NOUN" and c.i not in index
        ]
    return items
