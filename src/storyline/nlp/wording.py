"""How figures read in words: numbers, hedges, ranges, units and quotes cut to a line.

One module says how a figure is written wherever Storyline writes one: in a
finding's summary (``story.json``), in the timeline, in the report's tables
and in the web app. :func:`value_words` writes a stated value with its hedge
(``about 4,000``, ``more than 15,000``, ``10,000–12,000``);
:func:`unit_words` a unit after a number (``soldiers``, ``%``, ``USD``);
:func:`figure_words` a value with the units a sentence needs (``40%``,
``2 million USD``); :func:`date_words` a date (``3 September 2025``). A value
with no number reads as :data:`UNKNOWN_VALUE`.
"""

from __future__ import annotations

from ..models import Value
from .timex.dates import MONTH_NAMES, date_precision

#: What a value without a number reads as.
UNKNOWN_VALUE = "unknown"
#: How each hedge reads before its number (``exact`` and ``range`` have none).
HEDGES = {
    "approximately": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "up_to": "up to ",
    "less_than": "fewer than ",
}
#: Hedges that bound a value from above: their number is the value's high end.
_UPPER = frozenset({"at_most", "up_to", "less_than"})
#: ISO 4217 codes a quantity unit may hold; written in capitals.
CURRENCIES = frozenset(
    "usd eur gbp jpy cny rub uah krw kpw inr chf cad aud brl try ils irr sar".split()  # noqa: SIM905
)
_IRREGULAR_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women"}


def number_words(number: float) -> str:
    """``4000`` -> ``4,000``; ``1.25`` -> ``1.25``; round millions past ten million spelled
    out (``12 million``)."""
    if abs(number) >= 10_000_000 and number % 100_000 == 0:
        return f"{number / 1_000_000:g} million"
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def value_words(value: Value, unit: str | None = None) -> str:
    """A stated value with its hedge: ``about 4,000``, ``up to 4,000``, ``10,000–12,000``.

    A range with one bound reads as the one-sided hedge it is (``up to 9``);
    ``less_than`` reads ``less than`` before an amount (a percentage or a
    currency, by ``unit``) and ``fewer than`` before a count.
    """
    low, high = value.low, value.high
    if value.qualifier == "range" and low is not None and high is not None and low != high:
        return f"{number_words(low)}–{number_words(high)}"
    qualifier = value.qualifier
    if qualifier == "range":
        qualifier = "up_to" if low is None else "at_least" if high is None else "exact"
    first, second = (high, low) if qualifier in _UPPER else (low, high)
    amount = first if first is not None else second
    if amount is None:
        return UNKNOWN_VALUE
    hedge = HEDGES.get(qualifier, "")
    if qualifier == "less_than" and _is_amount(unit):
        hedge = "less than "
    return hedge + number_words(amount)


def unit_words(unit: str | None, value: Value | None = None) -> str:
    """How a normalised unit reads after a number: ``percent`` -> ``%``, ``usd`` -> ``USD``.

    Count nouns are put in the plural unless ``value`` is exactly one
    (``soldier`` -> ``soldiers``), so a figure reads as a phrase.
    """
    if unit is None:
        return ""
    if unit == "percent":
        return "%"
    if unit in CURRENCIES:
        return unit.upper()
    words = unit.replace("_", " ")
    single = value is not None and value.qualifier == "exact" and value.low == value.high == 1
    return words if single else pluralize(words)


def figure_words(value: Value, unit: str | None = None) -> str:
    """A value as a sentence writes it: with ``%`` or its currency, other units left to the
    words around it (``40%``, ``about 2 million USD``, ``more than 15,000``)."""
    text = value_words(value, unit)
    if text == UNKNOWN_VALUE or not _is_amount(unit):
        return text
    words = unit_words(unit, value)
    return text + words if words == "%" else f"{text} {words}"


def _is_amount(unit: str | None) -> bool:
    return unit == "percent" or unit in CURRENCIES


def pluralize(noun: str) -> str:
    """English plural of the last word of ``noun`` (regular rules and a few irregulars)."""
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR_PLURALS.values():
        plural = last  # already plural: "people", "children"
    elif last in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[last]
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last if last.endswith("s") else last + "es"
    elif len(last) > 1 and last.endswith("y") and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def truncate(text: str, limit: int = 140) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis past ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


def excerpt(text: str, limit: int, focus: str) -> str:
    """``text`` cut like :func:`truncate`, but around ``focus`` when the cut would lose it.

    A figure at the end of a long sentence stays in view: the excerpt then
    opens with an ellipsis at a word boundary, up to a third of ``limit``
    before it.
    """
    flat = " ".join(text.split())
    at = flat.find(focus) if focus else -1
    if len(flat) <= limit or at < 0 or at + len(focus) < limit - 1:
        return truncate(flat, limit)
    start = max(0, min(at - limit // 3, len(flat) - limit + 1))  # use the whole room
    if start > 0:
        start = flat.find(" ", start - 1, at) + 1 or at  # the next word boundary
    return "…" + truncate(flat[start:], limit - 1)


#: What a missing date reads as.
UNKNOWN_DATE = "an unknown date"
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def date_words(value: str | None) -> str:
    """A TIMEX date as a reader writes it: ``3 September 2025``, ``June 2024``, ``2024``,
    ``week 35 of 2025``, ``Q3 2025``, ``summer 2025``; other values as they are."""
    if value is None:
        return UNKNOWN_DATE
    kind = date_precision(value)
    year, _, rest = value.partition("-")
    if kind == "day":
        month, day = rest.split("-")
        return f"{int(day)} {MONTH_NAMES[int(month) - 1]} {year}"
    if kind == "month":
        return f"{MONTH_NAMES[int(rest) - 1]} {year}"
    if kind == "week":
        return f"week {int(rest[1:])} of {year}"
    if kind == "quarter":
        return f"{rest} {year}"
    if kind == "season":
        return f"{_SEASON_NAMES[rest]} {year}"
    return value
