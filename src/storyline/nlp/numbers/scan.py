"""Finding quantities in a parsed ``Doc``: one left-to-right pass over the tokens.

At each token that can start a number the scanner reads the number (digits,
words, a vague amount or a fraction), then looks around it: a hedge before
(``more than``) or after (``or so``), a second number making a range
(``10,000 to 12,000``, ``between 500 and 1300``), a unit or the noun counted,
and the verb that makes it a change (``rose 6.5%``). The guards in
:mod:`.guards` then drop dates, years, labels and codes.

Bounds follow what the words allow: ``exact`` and ``approximately`` give
``low == high``; ``more_than``/``at_least`` leave ``high`` open (None);
``up_to``/``at_most``/``less_than`` leave ``low`` open; a ``range`` has both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ...models import Value
from .guards import not_quantity, pronoun_one
from .lexicon import NumberLexicon, Unit
from .tokens import Numeric, read_numeric
from .units import UnitMatch, counted_noun, currency_before, noun_unit, per_unit, unit_after
from .words import FRACTION, NUMBER, VAGUE, Read, add_scales, read_fraction, read_vague, read_words

_THOUSANDS_GROUP = re.compile(r"\d{3}")
_DIGIT = re.compile(r"\d")
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


@dataclass(frozen=True)
class _Skip:
    """Tokens up to ``end`` hold a number that is not a quantity."""

    end: int


def scan(doc: Doc, lex: NumberLexicon, blocked: Sequence[bool]) -> list[Found]:
    """Every quantity in ``doc``, skipping tokens flagged in ``blocked`` (time expressions)."""
    found: list[Found] = []
    floor = 0
    for token in doc:
        i = token.i
        if i < floor or blocked[i] or not _may_start(token.text, token.lower_, lex):
            continue
        result = _candidate(doc, i, lex, blocked, floor)
        if isinstance(result, Found):
            if found:
                result = _restatement(doc, found[-1], result)
                found[-1] = _shared_unit(doc, found[-1], result)
            found.append(result)
            floor = result.end
        elif isinstance(result, _Skip):
            floor = max(floor, result.end)
    return found


def _shared_unit(doc: Doc, previous: Found, found: Found) -> Found:
    """``eight or nine euros``, ``45 and 50 mg``: a bare number takes the unit written next."""
    if previous.unit is not None or found.unit is None or found.unit.kind in ("count", "fraction"):
        return previous
    between = [t.lower_ for t in doc[previous.end : found.start]]
    if between in (["or"], ["and"], [","], ["to"]):
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


def _may_start(text: str, lower: str, lex: NumberLexicon) -> bool:
    if _DIGIT.search(text):
        return True
    return (
        lower in lex.words
        or lower in lex.vague_plurals
        or lower in ("a", "an", "half", "several", "few", "many", "tens", "hundreds")
        or (len(text) == 1 and not text.isascii() and text.isnumeric())
    )


def read_number(doc: Doc, i: int, lex: NumberLexicon) -> Read | _Skip | None:
    """The number starting at ``doc[i]``, a :class:`_Skip` for a non-quantity, or None."""
    token = doc[i]
    if any(ch.isdigit() for ch in token.text) or token.text.isnumeric():
        return _read_digits(doc, i, lex)
    for reader in (read_vague, read_fraction, read_words):
        read = reader(doc, i, lex)
        if read is not None:
            return _with_scales(doc, read, lex) if read.sort == NUMBER else read
    return None


def _with_scales(doc: Doc, read: Read, lex: NumberLexicon) -> Read:
    value, end, factor = add_scales(doc, read.end, read.value, lex)
    return replace(read, value=value, end=end, scale=read.scale * factor)


def _read_digits(doc: Doc, i: int, lex: NumberLexicon) -> Read | _Skip:
    token = doc[i]
    before = currency_before(doc, i, lex)
    glued = doc[i - 1].text if i > 0 and not doc[i - 1].whitespace_ else ""
    currency = before[0] if before else None
    numeric = read_numeric(token.text, lex, currency, glued)
    if numeric is None or numeric.kind != "number":
        return _Skip(i + 1)
    value, j = numeric.value, i + 1
    joined = _glued_suffix(doc, i, lex, currency, glued)
    if joined is not None:
        numeric, value, j = joined, joined.value, i + 2
    plain = numeric.plain
    while plain and value < 1000 and _thousands_group(doc, j):
        value, j = value * 1000 + float(doc[j].text), j + 1
    if j < len(doc) and "/" in doc[j].text and token.whitespace_ == " ":
        extra = read_numeric(doc[j].text, lex)
        if extra is not None and extra.kind == "number" and 0 < extra.value < 1:
            value, j = value + extra.value, j + 1
    if _million_not_metre(doc, j - 1, numeric.unit):
        numeric = replace(numeric, unit=None, scale=1e6, plain=False)
        value *= 1e6
    money = before is not None or (numeric.unit is not None and numeric.unit.kind == "currency")
    value, end, factor = add_scales(doc, j, value, lex, money)
    return Read(
        start=before[1] if before else i,
        end=end,
        value=value,
        scale=numeric.scale * factor,
        value2=numeric.value2 * factor if numeric.value2 is not None else None,
        unit=numeric.unit or (before[0] if before else None),
        qualifier=numeric.qualifier,
        signed=numeric.signed,
        plain=plain and end == i + 1 and before is None,
    )


def _glued_suffix(
    doc: Doc, i: int, lex: NumberLexicon, currency: Unit | None, glued: str
) -> Numeric | None:
    """``1.2`` + ``m``, ``2.7`` + ``bn``: a short word written against the digits."""
    if doc[i].whitespace_ or i + 1 >= len(doc):
        return None
    suffix = doc[i + 1]
    if not suffix.is_alpha or len(suffix.text) > 3:
        return None
    numeric = read_numeric(doc[i].text + suffix.text, lex, currency, glued)
    if numeric is None or numeric.kind != "number" or (numeric.unit is None and numeric.scale == 1):
        return None
    return numeric


def _million_not_metre(doc: Doc, i: int, unit: Unit | None) -> bool:
    """``1.2m tons``, ``35m of its devices``: a glued ``m`` before what is counted is a million."""
    if unit is None or unit.name != "metre" or not doc[i].text.endswith("m"):
        return False
    j = i + 1
    while j < len(doc) and doc[j].tag_ in ("JJ", "VBN", "CC", "HYPH"):
        j += 1
    return j < len(doc) and (doc[j].tag_ in ("NNS", "NNPS") or doc[j].lower_ == "of")


def _thousands_group(doc: Doc, j: int) -> bool:
    """``10 000``: a three-digit token after a short number, one space between."""
    return (
        j < len(doc)
        and doc[j - 1].whitespace_ == " "
        and _THOUSANDS_GROUP.fullmatch(doc[j].text) is not None
        and len(doc[j - 1].text) <= 3
    )


def _candidate(
    doc: Doc, i: int, lex: NumberLexicon, blocked: Sequence[bool], floor: int
) -> Found | _Skip | None:
    first = read_number(doc, i, lex)
    if first is None or isinstance(first, _Skip):
        return first
    if any(blocked[k] for k in range(first.start, first.end)) or pronoun_one(doc, first, lex):
        return _Skip(first.end)
    first = _signed_by_word(doc, first, lex, floor)
    unit = _unit(doc, first, lex)
    hedge = _hedge_before(doc, first.start, floor, lex)
    start = hedge[1] if hedge else first.start
    starter = doc[start - 1].lower_ if start > floor else ""
    end = unit.end if unit and unit.end > first.end else first.end
    ratio = _one_in(doc, first, end, lex)
    if ratio is not None:
        first, end = ratio
        unit = None
    ranged = None if ratio else _range(doc, first, unit, end, starter, lex, blocked)
    if isinstance(ranged, _Skip):
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
    value: Value | _Skip,
    unit: UnitMatch | None,
    hedged: bool,
    lex: NumberLexicon,
) -> Found | _Skip:
    if isinstance(value, _Skip):
        return value
    number_end = unit.start if unit and unit.start > first.start else end
    after = _hedge_after(doc, end, lex)
    if after is not None and value.qualifier == "exact":
        value = _value(replace(first, value=value.low or 0.0), after[0])
        end = after[1]
    noun = None
    if unit is None or unit.unit.kind == "fraction":
        noun = counted_noun(doc, first.start, number_end - 1, end)
    final = _final_unit(doc, first, unit, noun, start, end, lex)
    if final is not None and noun is None and final.end > end:
        end = final.end
    reason = not_quantity(
        doc, first, final.unit if final else None, hedged or after is not None, lex
    )
    if reason is not None or _attributive(doc, number_end, final.unit if final else None):
        return _Skip(end)
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
    start: int,
    end: int,
    lex: NumberLexicon,
) -> UnitMatch | None:
    """The unit with a rate attached (``$52 a barrel``), or the counted noun's lemma."""
    if unit is None and noun is not None:
        if first.sort == FRACTION:
            unit = UnitMatch(FRACTION_UNIT, first.end, first.end)
        else:
            unit = UnitMatch(noun_unit(noun), first.end, first.end)
            rate = per_unit(doc, noun.i + 1, unit.unit, lex)
            return UnitMatch(rate.unit, first.end, first.end) if rate else unit
    if unit is None:
        if first.sort == FRACTION:
            return UnitMatch(FRACTION_UNIT, first.end, first.end)
        if start > 0 and doc[start - 1].lower_ == "aged":
            return UnitMatch(AGE_UNIT, first.end, first.end)
        return None
    rate = per_unit(doc, max(unit.end, end), unit.unit, lex)
    return UnitMatch(rate.unit, unit.start, rate.end) if rate else unit


def _unit(doc: Doc, read: Read, lex: NumberLexicon) -> UnitMatch | None:
    """A glued or prefixed unit, else a unit word right after the number."""
    after = unit_after(doc, read.end, lex, read.scale != 1.0) if read.end < len(doc) else None
    if read.unit is not None:
        if after is not None and read.unit.kind == "currency" and after.unit.kind == "currency":
            return UnitMatch(read.unit, read.end, after.end)
        return UnitMatch(read.unit, read.end, read.end)
    if read.sort == VAGUE and after is not None and after.unit.kind != "currency":
        return None
    return after


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
        if qualifier is not None:
            return qualifier, first
    return None


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


def _range(
    doc: Doc,
    first: Read,
    unit: UnitMatch | None,
    end: int,
    starter: str,
    lex: NumberLexicon,
    blocked: Sequence[bool],
) -> tuple[Value | _Skip, UnitMatch | None, int] | _Skip | None:
    """``10,000 to 12,000``, ``between 500 and 1300``, ``10,000–12,000`` (one token)."""
    if first.value2 is not None:
        return _in_token_range(first, unit, end, lex)
    if end + 1 >= len(doc) or first.sort != NUMBER:
        return None
    joiner = doc[end].lower_
    if joiner not in lex.range_joiners or (joiner == "and" and starter != "between"):
        return None
    if starter == "from" and _after_change(doc, first.start - 1, lex):
        return None
    if starter in lex.by_preps and unit is not None:
        return None
    second = _second_number(doc, end + 1, lex, blocked)
    if second is None:
        return None
    if first.plain and _years(first.value, first.value, lex) and not second.plain:
        return None
    unit2 = _unit(doc, second, lex)
    if unit and unit2 and unit.unit != unit2.unit:
        return None
    if unit and unit2 is None and unit.end > first.end:
        return None
    low = first.value
    if first.scale == 1.0 and second.scale > 1.0 and low * second.scale <= second.value:
        low *= second.scale
    stop = unit2.end if unit2 and unit2.end > second.end else second.end
    if low >= second.value:
        return _Skip(stop) if joiner in _HYPHENS and first.plain and second.plain else None
    if first.plain and second.plain and _years(first.value, second.value, lex):
        return _Skip(stop)
    return Value(low, second.value, "range"), unit or unit2, stop


def _one_in(doc: Doc, first: Read, end: int, lex: NumberLexicon) -> tuple[Read, int] | None:
    """``one in five Americans``, ``3 out of 10 voters``: a fraction of a group."""
    if first.sort != NUMBER or end >= len(doc) - 1 or first.value <= 0:
        return None
    words = (doc[end].lower_, doc[end + 1].lower_)
    k = end + 1 if words[0] == "in" else end + 2 if words == ("out", "of") else 0
    if not k or k >= len(doc):
        return None
    whole = read_number(doc, k, lex)
    if not isinstance(whole, Read) or whole.sort != NUMBER or whole.start != k:
        return None
    if not (first.value < whole.value <= 1000) or whole.value != int(whole.value):
        return None
    share = replace(first, end=whole.end, value=first.value / whole.value, sort=FRACTION)
    return share, whole.end


def _second_number(doc: Doc, j: int, lex: NumberLexicon, blocked: Sequence[bool]) -> Read | None:
    """The number after a range joiner, possibly behind its own currency symbol (``$68``)."""
    for k in range(j, min(j + 3, len(doc))):
        if blocked[k]:
            return None
        read = read_number(doc, k, lex)
        if isinstance(read, Read):
            return read if read.sort == NUMBER and read.start == j else None
        if any(ch.isdigit() for ch in doc[k].text):
            return None
    return None


def _after_change(doc: Doc, k: int, lex: NumberLexicon) -> bool:
    """Whether ``doc[k]`` (``from``) follows a verb of change: ``rose from 300 to 600``."""
    if k < 0:
        return False
    words = {doc[k].head.lemma_.lower()}
    j = k - 1
    while j >= 0 and doc[j].tag_ in ("RB", "RBR", "RP"):
        j -= 1
    if j >= 0:
        words |= {doc[j].lower_, doc[j].lemma_.lower()}
    return bool(words & (lex.change_up | lex.change_down))


def _in_token_range(
    first: Read, unit: UnitMatch | None, end: int, lex: NumberLexicon
) -> tuple[Value | _Skip, UnitMatch | None, int] | _Skip:
    high = first.value2 or 0.0
    if first.value >= high or _years(first.value, high, lex):
        return _Skip(end)
    return Value(first.value, high, "range"), unit, end


def _years(low: float, high: float, lex: NumberLexicon) -> bool:
    return all(v == int(v) and lex.year_min <= v <= lex.year_max for v in (low, high))


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
    for word in (token.lower_, token.lemma_.lower()):
        if word in lex.change_up:
            return "up"
        if word in lex.change_down:
            return "down"
    return None
