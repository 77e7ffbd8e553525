"""Finding quantities in a parsed ``Doc``: one left-to-right pass over the tokens.

At each token that can start a number the scanner reads the number (digits,
words, a vague amount or a fraction), then looks around it: a hedge before
(``more than``) or after (``or so``), a second number making a range
(``10,000 to 12,000``, ``between 500 and 1300``), a unit or the noun counted,
and the verb that makes it a change (``rose 6.5%``). The guards in
:mod:`.guards` then drop dates, years, labels and codes, and
:mod:`.ellipsis` gives a bare number the unit an earlier figure of its
sentence wrote for both (``84.75 cents, while the lowest is 74.07``).

Bounds follow what the words allow: ``exact`` and ``approximately`` give
``low == high``; ``more_than``/``at_least`` leave ``high`` open (None);
``up_to``/``at_most``/``less_than`` leave ``low`` open; a ``range`` has both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ...models import Value
from .ellipsis import carry_units
from .guards import not_quantity, pronoun_one
from .lexicon import NumberLexicon, Unit
from .ranges import one_in, read_range
from .reading import Skip, may_start, read_number
from .units import UnitMatch, after_aside, counted_noun, noun_unit, per_unit, unit_of
from .words import FRACTION, NUMBER, VAGUE, Read

_HYPHENS = frozenset({"-", "–", "—"})
_OPEN_HIGH = frozenset({"more_than", "at_least"})
_OPEN_LOW = frozenset({"up_to", "at_most", "less_than"})
FRACTION_UNIT = Unit("fraction", "fraction")
AGE_UNIT = Unit("year of age", "age")


@dataclass(frozen=True)
class Found:
    """A quantity in ``doc[start:end]``; ``noun`` is the counted noun's index, if any."""

    start: int
    end: int
    value: Value
    unit: Unit | None
    change: str | None = None
    noun: int | None = None


def scan(doc: Doc, lex: NumberLexicon, blocked: Sequence[bool]) -> list[Found]:
    """Every quantity in ``doc``, skipping tokens flagged in ``blocked`` (time expressions)."""
    found: list[Found] = []
    floor = 0
    for token in doc:
        i = token.i
        if i < floor or blocked[i] or not may_start(token.text, token.lower_, lex):
            continue
        result = _candidate(doc, i, lex, blocked, floor)
        if isinstance(result, Found):
            if found:
                result = _restatement(doc, found[-1], result)
                found[-1] = _shared_unit(doc, found[-1], result)
            found.append(result)
            floor = result.end
        elif isinstance(result, Skip):
            floor = max(floor, result.end)
    return carry_units(doc, found)


def _shared_unit(doc: Doc, previous: Found, found: Found) -> Found:
    """``eight or nine euros``, ``45 and 50 mg``: a bare number takes the unit written next."""
    if previous.unit is not None or found.unit is None or found.unit.kind in ("count", "fraction"):
        return previous
    between = [t.lower_ for t in doc[previous.end : found.start]]
    if between in (["or"], ["and"], ["to"]):
        return replace(previous, unit=found.unit)
    return previous


def _restatement(doc: Doc, previous: Found, found: Found) -> Found:
    """A figure restated in other units takes the first one's direction and hedge.

    ``lost 190 points, or 0.6%`` (direction); ``more than 100 kilometres (60
    miles)`` and ``just under 296 hp (224 kW / 300 PS)`` (hedge and direction).
    """
    after = previous.end if previous.noun is None else max(previous.end, previous.noun + 1)
    between = [t.lower_ for t in doc[after : found.start]]
    if between not in (["or"], [",", "or"], ["("], ["/"], ["(", "or"]):
        return found
    if found.change is None and previous.change is not None:
        found = replace(found, change=previous.change)
    own, first = found.value, previous.value
    if between[-1] in ("(", "/") and own.qualifier == "exact" and first.qualifier != "range":
        number = own.low
        low = None if first.low is None else number
        high = None if first.high is None else number
        found = replace(found, value=Value(low, high, first.qualifier))
    return found


def _candidate(
    doc: Doc, i: int, lex: NumberLexicon, blocked: Sequence[bool], floor: int
) -> Found | Skip | None:
    first = read_number(doc, i, lex)
    if first is None or isinstance(first, Skip):
        return first
    if any(blocked[k] for k in range(first.start, first.end)) or pronoun_one(doc, first, lex):
        return Skip(first.end)
    first = _signed_by_word(doc, first, lex, floor)
    unit = unit_of(doc, first, lex)
    hedge = _hedge_before(doc, first.start, floor, lex) or _hedge_before_age(doc, first, floor, lex)
    start = hedge[1] if hedge else first.start
    starter = doc[start - 1].lower_ if start > floor else ""
    end = unit.end if unit and unit.end > first.end else first.end
    ratio = one_in(doc, first, end, lex)
    if ratio is not None:
        first, end = ratio
        unit = None
    ranged = None if ratio else read_range(doc, first, unit, end, starter, lex, blocked)
    if isinstance(ranged, Skip):
        return ranged
    if ranged is not None:
        value, unit, end = ranged
        if starter in lex.range_starters:
            start -= 1
        if "approximately" in ((hedge or ("", 0))[0], first.qualifier) and isinstance(value, Value):
            value = replace(value, qualifier="approximately")
    else:
        value = _value(first, hedge[0] if hedge else first.qualifier)
    return _finish(doc, first, start, end, value, unit, hedge is not None, lex)


def _finish(
    doc: Doc,
    first: Read,
    start: int,
    end: int,
    value: Value | Skip,
    unit: UnitMatch | None,
    hedged: bool,
    lex: NumberLexicon,
) -> Found | Skip:
    if isinstance(value, Skip):
        return value
    number_end = unit.start if unit and unit.start > first.start else end
    after = _hedge_after(doc, end, lex)
    if after is not None and value.qualifier == "exact":
        value = _value(replace(first, value=value.low or 0.0), after[0])
        end = after[1]
    noun = None
    if unit is None or unit.unit.kind == "fraction":
        noun = counted_noun(doc, first.start, number_end - 1, end, lex.unit_forms)
    final = _final_unit(doc, first, unit, noun, end, lex)
    if final is not None and noun is None and final.end > end:
        end = final.end
    reason = not_quantity(
        doc, first, final.unit if final else None, hedged or after is not None, lex
    )
    if reason is not None or _attributive(doc, number_end, final.unit if final else None):
        return Skip(end)
    return Found(
        start=start,
        end=end,
        value=value,
        unit=final.unit if final else None,
        change=_change(doc, start, first, final.unit if final else None, lex),
        noun=noun.i if noun is not None else None,
    )


def _attributive(doc: Doc, j: int, unit: Unit | None) -> bool:
    """``a three-bed apartment``, ``a five-year award``: a number hyphenated into a modifier."""
    if j >= len(doc) - 1 or doc[j].text != "-" or doc[j].whitespace_ or doc[j - 1].whitespace_:
        return False
    return unit is None or unit.kind in ("count", "time")


def _final_unit(
    doc: Doc,
    first: Read,
    unit: UnitMatch | None,
    noun: Token | None,
    end: int,
    lex: NumberLexicon,
) -> UnitMatch | None:
    """The unit with a rate attached (``$52 a barrel``), or what the counted noun gives.

    A counted noun that names a unit (``hundreds of miles``) gives that unit;
    any other gives its lemma (``soldier``). A bare whole number said of a
    person is an age (``aged 44``, ``she was 10``).
    """
    if unit is None and noun is not None:
        if first.sort == FRACTION:
            unit = UnitMatch(FRACTION_UNIT, first.end, first.end)
        else:
            named = lex.unit_forms.get(noun.lower_)  # ``1/32 of a US quart``
            unit = UnitMatch(named or noun_unit(noun), first.end, first.end)
            rate = per_unit(doc, noun.i + 1, unit.unit, lex)
            return UnitMatch(rate.unit, first.end, first.end) if rate else unit
    if unit is None:
        if first.sort == FRACTION:
            return UnitMatch(FRACTION_UNIT, first.end, first.end)
        if _is_age(doc, first, lex):
            return UnitMatch(AGE_UNIT, first.end, first.end)
        return None
    if unit.unit.name == "year" and _age_marker(doc, first.start, lex):  # ``age of 5 years``
        return UnitMatch(AGE_UNIT, unit.start, unit.end)
    rate = per_unit(doc, max(unit.end, end), unit.unit, lex)
    if rate is not None:
        return UnitMatch(rate.unit, unit.start, rate.end)
    resume = after_aside(doc, max(unit.end, end))
    rate = per_unit(doc, resume, unit.unit, lex) if resume is not None else None
    return UnitMatch(rate.unit, unit.start, unit.end) if rate else unit


def _age_marker(doc: Doc, start: int, lex: NumberLexicon) -> bool:
    """``aged 44``, ``over the age of 21``: a word before the number that makes it an age."""
    words = [doc[k].lower_ for k in range(max(0, start - 2), start)]
    return any(" ".join(words[k:]) in lex.age_markers for k in range(len(words)))


def _is_age(doc: Doc, first: Read, lex: NumberLexicon) -> bool:
    """A bare whole number that is a person's age (``aged 44``, ``she was 10``)."""
    if _age_marker(doc, first.start, lex):
        return True
    if first.value != int(first.value) or not 0 < first.value < 130 or first.sort != NUMBER:
        return False
    if not (first.plain or first.word) or first.value2 is not None:
        return False
    token = doc[first.end - 1]
    verb = token.head
    if token.dep_ not in ("attr", "acomp", "dobj") or verb.lemma_.lower() not in lex.age_verbs:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in lex.age_subjects for c in verb.children)


def _signed_by_word(doc: Doc, read: Read, lex: NumberLexicon, floor: int) -> Read:
    """``minus 40 degrees``: a sign word before the number."""
    k = read.start - 1
    if k > floor and doc[k].text == "-" and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
        k -= 1
    if k >= floor and doc[k].lower_ in lex.signs:
        sign = lex.signs[doc[k].lower_]
        return replace(read, start=k, value=read.value * sign, signed="-")
    return read


def _hedge_before(doc: Doc, start: int, floor: int, lex: NumberLexicon) -> tuple[str, int] | None:
    for size in range(lex.max_hedge_words, 0, -1):
        first = start - size
        if first < floor:
            continue
        key = tuple(doc[k].lower_ for k in range(first, start))
        qualifier = lex.hedges_before.get(key)
        if qualifier is not None and not _up_noun(doc, first, key, lex):
            return qualifier, first
    return None


def _up_noun(doc: Doc, first: int, key: tuple[str, ...], lex: NumberLexicon) -> bool:
    """``the lead up to 3G``, ``the run-up to``: ``up`` that belongs to the noun before it."""
    if key[0] != "up" or first == 0:
        return False
    hyphen = doc[first - 1].text in ("-", "–")
    k = first - 2 if hyphen else first - 1
    return k >= 0 and doc[k].lower_ in lex.up_nouns and (hyphen or doc[k].pos_ == "NOUN")


def _hedge_before_age(
    doc: Doc, read: Read, floor: int, lex: NumberLexicon
) -> tuple[str, int] | None:
    """``under the age of 5``: a hedge before an age marker bounds the age."""
    k = read.start - 2
    if k - 1 < floor or f"{doc[k].lower_} {doc[k + 1].lower_}" not in lex.age_markers:
        return None
    k -= doc[k - 1].lower_ == "the"
    return _hedge_before(doc, k, floor, lex)


def _hedge_after(doc: Doc, end: int, lex: NumberLexicon) -> tuple[str, int] | None:
    for size in (2, 1):
        if end + size > len(doc):
            continue
        words = tuple(doc[k].lower_ for k in range(end, end + size))
        qualifier = lex.hedges_after.get(words) or lex.hedges_after.get(("".join(words),))
        if qualifier is not None and (words[0] not in _HYPHENS or not doc[end - 1].whitespace_):
            return qualifier, end + size
    return None


def _value(read: Read, qualifier: str | None) -> Value:
    if read.sort == VAGUE:
        return Value(read.value, None, "at_least")
    qualifier = qualifier or "exact"
    if qualifier in _OPEN_HIGH:
        return Value(read.value, None, qualifier)  # type: ignore[arg-type]
    if qualifier in _OPEN_LOW:
        return Value(None, read.value, qualifier)  # type: ignore[arg-type]
    return Value(read.value, read.value, qualifier)  # type: ignore[arg-type]


def _change(doc: Doc, start: int, first: Read, unit: Unit | None, lex: NumberLexicon) -> str | None:
    """``up``/``down`` when the number is the size of a change (``rose 6.5%``, ``-1.3%``)."""
    if first.signed and unit is not None and unit.kind == "ratio":
        return "up" if first.signed == "+" else "down"
    k = start - 1
    while k >= 0 and doc[k].tag_ in ("RB", "RBR") and doc[k].lower_ not in ("up", "down"):
        k -= 1
    if k < 0:
        return None
    token = doc[k]
    if token.lower_ in lex.by_preps:
        token = token.head if token.head.i < k else doc[k - 1] if k > 0 else token
    elif unit is not None and unit.kind == "count":
        return None
    if token.dep_ == "prt" and token.head.lemma_.lower() in lex.not_change_heads:
        return None
    # ``revised upward by 40 billion``: the direction may sit on the verb's adverb.
    adverbs = [c for c in token.children if c.dep_ == "advmod" and c.i < k]
    for word in (t for w in (token, *adverbs) for t in (w.lower_, w.lemma_.lower())):
        if word in lex.change_up:
            return "up"
        if word in lex.change_down:
            return "down"
    return None
