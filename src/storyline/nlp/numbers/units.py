"""The unit of a number: a currency before it, a unit after it, or the noun it counts.

Units are matched on the text as written (``per cent``, ``km/h``, ``sq m``),
so they do not depend on how the tokenizer split them. Counted nouns come
from the parse: the noun the number modifies, or the object of ``of`` after a
vague amount or a fraction (``thousands of troops``, ``a third of the
soldiers``). :func:`counted_noun` is shared with the claims component, which
needs the noun itself and not just its lemma.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicon import NumberLexicon, Unit
from .words import VAGUE, Read

_MAX_UNIT_TOKENS = 4
#: How many modifiers may stand between a number and the noun it counts
#: (``about 20 decently sized coal-fired power plants``).
_MAX_MODIFIERS = 6
_MAX_ASIDE = 10
_MODIFIER_TAGS = frozenset(
    {"JJ", "JJR", "JJS", "VBN", "VBG", "HYPH", "NN", "NNP", "NNPS", "NNS", "CD", "CC", "RB"}
)
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "PUNCT", "NUM", "VERB", "CCONJ", "ADV"})
#: How a modifier between a number and its noun may hang on that noun (``400 charging
#: stations``, ``460 Kia and Hyundai vehicles``, ``20 decently sized plants``).
_MODIFIER_DEPS = frozenset(
    {"amod", "compound", "nmod", "nummod", "punct", "cc", "conj", "advmod", "npadvmod", "quantmod"}
)
_PER = frozenset({"per", "/", "a", "an"})
#: Words that make the noun after a number a time phrase, not what it counts (``300 last year``).
_TIME_DEICTIC = frozenset({"last", "next", "past", "coming", "this", "that"})
_OF_SKIP = frozenset({"DET", "ADJ", "PRON", "NUM", "PROPN", "PART"})


@dataclass(frozen=True)
class UnitMatch:
    """A unit found in ``doc[start:end]`` (``end == start`` for a counted noun not in the span)."""

    unit: Unit
    start: int
    end: int


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _slice(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def currency_before(doc: Doc, i: int, lex: NumberLexicon) -> tuple[Unit, int] | None:
    """A currency symbol just before ``doc[i]`` (``$``, ``US $``, ``HK$``), with its start.

    A country prefix set apart from the dollar sign (``AU $``, ``NZ $``), as
    some feeds print it, reads as the joined symbol.
    """
    for size in (2, 1):
        start = i - size
        if start < 0:
            continue
        text = _slice(doc, start, i).strip()
        unit = lex.currency_symbols.get(text)
        if unit is None and text.endswith("$"):
            unit = lex.currency_symbols.get(text.replace(" ", ""))  # ``AU $89.99``
        if unit is not None and (size == 1 or doc[start].whitespace_ or text.endswith("$")):
            return unit, start
    return None


def unit_after(doc: Doc, j: int, lex: NumberLexicon, scaled: bool) -> UnitMatch | None:
    """The longest unit written from ``doc[j]`` on (``degrees Celsius``, ``%``, ``pounds``)."""
    glued = j > 0 and not doc[j - 1].whitespace_
    for size in range(min(_MAX_UNIT_TOKENS, len(doc) - j), 0, -1):
        text = _slice(doc, j, j + size)
        lower = text.lower()
        unit = lex.unit_symbols.get(text) or lex.unit_forms.get(lower)
        last = doc[j + size - 1].text
        if unit is None and len(last) > 1 and last.endswith(".") and _ends(doc, j + size, size):
            unit = lex.unit_forms.get(lower[:-1])  # ``per sq m.``, ``125.8 p.`` ending a sentence
        if unit is None and lower.startswith("-") and glued:
            unit = lex.unit_symbols.get(text[1:]) or lex.unit_forms.get(lower[1:])
        if unit is None and glued:
            unit = lex.unit_glued.get(text) or lex.currency_symbols.get(text)
        bare = lower[1:] if glued and lower.startswith("-") else lower
        if unit is None and bare in lex.ambiguous:
            name = lex.ambiguous[bare][0 if scaled else 1]
            unit = None if name is None else _ambiguous_unit(name, lex)
        if unit is not None:
            return UnitMatch(unit, j, j + size)
    return None


def _ends(doc: Doc, end: int, size: int) -> bool:
    """Whether a full stop glued to a unit ending before ``doc[end]`` may end the sentence."""
    return size > 1 or end == len(doc) or bool(doc[end - 1].is_sent_end)


def _ambiguous_unit(name: str, lex: NumberLexicon) -> Unit:
    for table in (lex.currency_symbols, lex.unit_forms):
        for unit in table.values():
            if unit.name == name:
                return unit
    return Unit(name, "count")


def per_unit(doc: Doc, j: int, unit: Unit, lex: NumberLexicon) -> UnitMatch | None:
    """A rate after a unit ending before ``doc[j]``: ``$52 a barrel``, ``points per game``.

    ``a year`` followed by ``earlier``/``ago`` (``$6.8 billion a year
    earlier``) dates the figure; it is not a rate.
    """
    if j >= len(doc) - 1 or doc[j].lower_ not in _PER:
        return None
    article = doc[j].lower_ in ("a", "an")
    denominator = unit_after(doc, j + 1, lex, scaled=False)
    if denominator is not None and denominator.unit.kind != "currency":
        if article and denominator.unit.kind not in ("time", "mass", "volume", "length", "area"):
            return None
        if article and _lower(doc, denominator.end) in lex.not_rate_after:
            return None
        name = f"{unit.name} per {denominator.unit.name}"
        return UnitMatch(Unit(name, unit.kind), j, denominator.end)
    noun = doc[j + 1]
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or (article and lemma not in lex.per_nouns):
        return None
    if article and _lower(doc, j + 2) in lex.not_rate_after:
        return None
    return UnitMatch(Unit(f"{unit.name} per {lemma}", unit.kind), j, j + 2)


def after_aside(doc: Doc, j: int) -> int | None:
    """Where the text resumes after a restatement in brackets at ``doc[j]``, if there is one.

    ``9 billion shekels ($2.4 billion) a year`` and ``C$6 (US$4.46) per
    share``: a rate written after the brackets belongs to the figure before
    them (``doc[j]`` is ``(``) and to the one inside them (``doc[j]`` is ``)``).
    """
    if j >= len(doc):
        return None
    if doc[j].text == ")":
        return j + 1
    if doc[j].text != "(":
        return None
    for k in range(j + 1, min(len(doc), j + _MAX_ASIDE)):
        if doc[k].text == ")":
            inside = doc[j + 1 : k]
            return k + 1 if any(t.like_num or t.is_digit for t in inside) else None
    return None


def counted_noun(
    doc: Doc, first: int, last: int, end: int, unit_words: Container[str] = ()
) -> Token | None:
    """The noun a number in ``doc[first:end]`` counts, if any.

    ``last`` is the number's final digit token: its syntactic head when that
    head is a noun just after the number (only modifiers between, as in
    ``300 North Korean soldiers``), else the object of a following ``of``
    (``thousands of troops``, ``4,000 of its soldiers``). A verb right after
    the number (``2,700 sustaining injuries``) means the counted noun was left
    out, and None is returned, as does a time phrase after it (``300 last
    year``). Before a singular noun, a noun compounded to it is what is
    counted (``a 12 page document`` counts pages). Before a noun in
    ``unit_words`` any participle is a modifier (``517 rushing yards``).
    """
    if end >= len(doc):
        return None
    head = doc[last].head
    if head.i >= end and head.i - end <= _MAX_MODIFIERS and head.pos_ == "NOUN" and head.is_alpha:
        between = doc[end : head.i]
        joined = any(t.pos_ == "CCONJ" for t in between)
        if any(t.lower_ in _TIME_DEICTIC for t in between):
            return None
        unit = head.lower_ in unit_words
        if all(_modifier(t, unit) and not (joined and t.like_num) for t in between):
            return _counted_compound(doc[end], head)
    nxt = doc[end]
    plural = (nxt.pos_ == "NOUN" and nxt.tag_ == "NNS") or nxt.tag_ == "NNPS"
    if plural and len(nxt.text) > 1:
        return _compound_head(nxt)
    if nxt.lower_ == "of":
        return _of_object(nxt)
    return None


def _counted_compound(first: Token, head: Token) -> Token:
    """``12 page document`` -> ``page``: a number cannot count a singular head noun."""
    compound = first.tag_ == "NN" and first.dep_ == "compound" and len(first.text) > 1
    if head.tag_ == "NN" and compound and first != head:
        return first
    return head


def _modifier(token: Token, unit: bool = False) -> bool:
    """Whether ``token`` can stand between a number and the noun (or ``unit``) it counts."""
    if token.tag_ not in _MODIFIER_TAGS or token.pos_ not in _MODIFIER_POS:
        return False
    if token.pos_ == "VERB":
        # ``400 charging stations``, ``300 recorded songs``; not ``2,700 sustaining injuries``
        participle = token.tag_ == "VBN" or unit
        return token.dep_ == "compound" or (participle and token.dep_ == "amod")
    return token.pos_ not in ("CCONJ", "ADV") or token.dep_ in _MODIFIER_DEPS


def _compound_head(token: Token) -> Token:
    """``peace doves`` -> ``doves``: follow compounds to their noun."""
    while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "NOUN":
        token = token.head
    return token


def _of_object(of: Token) -> Token | None:
    for child in of.children:
        if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN") and child.tag_ != "NNP":
            return child
    return None


def singular(token: Token) -> str:
    """A noun's lower-case singular: its lemma, with a plural proper noun's ``s`` taken off.

    The English lemmatizer leaves plural proper nouns as written (``Americans``,
    ``Democrats``); counting ``1,307,000 Americans`` should give ``american``.
    """
    lemma = token.lemma_.lower()
    plural = lemma.endswith("s") and not lemma.endswith("ss") and len(lemma) > 3
    if token.tag_ == "NNPS" and lemma == token.lower_ and plural:
        return lemma[:-1]
    return lemma


def noun_unit(noun: Token) -> Unit:
    """The unit a counted noun gives: its singular lemma (``soldiers`` -> ``soldier``)."""
    return Unit(singular(noun), "count")


def noun_of_span(span: Span) -> Token | None:
    """The counted noun of a quantity span whose unit is a counted noun's lemma.

    It is the first noun after the span with that lemma (``300 North Korean
    soldiers``), else the object of a following ``of`` (``a third of the
    soldiers``).
    """
    unit = span._.storyline_unit
    doc = span.doc
    if unit is None:
        return None
    lemma = unit.split(" per ")[0]
    for token in doc[span.end : min(len(doc), span.end + _MAX_MODIFIERS + 2)]:
        if singular(token) == lemma and token.pos_ in ("NOUN", "PROPN"):
            return token
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        return _of_object(doc[span.end])
    return None


def counted_phrase(noun: Token, stop: int) -> list[Token]:
    """The counted noun with the modifiers before it (``North Korean soldiers``).

    Determiners, possessives, numbers and conjunctions are left out, as is
    anything before ``stop`` (the end of the number itself).
    """
    starts = [t.left_edge.i for t in noun.lefts if t.dep_ in _PHRASE_DEPS]
    start = max(stop, min(starts, default=noun.i))
    return [t for t in noun.doc[start : noun.i + 1] if t.pos_ not in _PHRASE_SKIP]


_PHRASE_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "advmod", "npadvmod", "punct"})
_PHRASE_SKIP = frozenset({"DET", "PRON", "NUM", "CCONJ", "PART", "ADP", "SYM"})


def unit_of(doc: Doc, read: Read, lex: NumberLexicon) -> UnitMatch | None:
    """A glued or prefixed unit, else a unit word right after the number."""
    after = unit_after(doc, read.end, lex, read.scale != 1.0) if read.end < len(doc) else None
    if read.unit is not None:
        if after is not None and read.unit.kind == "currency" and after.unit.kind == "currency":
            return UnitMatch(read.unit, read.end, after.end)
        return UnitMatch(read.unit, read.end, read.end)
    if read.sort == VAGUE and after is not None and after.unit.kind != "currency":
        return None
    return after
