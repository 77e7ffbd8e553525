"""How numbers, units and long texts read in the report and the web app.

Plain functions from values to words: a hedged figure (``≈ 4,000``, ``up to
4,000``), a normalised unit after a number (``soldiers``, ``%``, ``USD``),
and a quote cut to one line.
"""

from __future__ import annotations

from ..models import Value


def format_number(number: float) -> str:
    """``4000`` -> ``4,000``; ``2.5`` -> ``2.5``; at most two decimals."""
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_value(value: Value) -> str:
    """A claimed number with its hedge written out: ``≈ 4,000``, ``up to 4,000``..."""
    low, high = value.low, value.high
    if value.qualifier == "range" and low is not None and high is not None and low != high:
        return f"{format_number(low)}–{format_number(high)}"
    qualifier = value.qualifier
    if qualifier == "range":  # a range with one bound is a one-sided hedge
        qualifier = "up_to" if low is None else "at_least" if high is None else "exact"
    upper = qualifier in ("at_most", "up_to", "less_than")
    first, second = (high, low) if upper else (low, high)
    number = first if first is not None else second
    if number is None:
        return "unknown"
    return f"{_HEDGE_PREFIX.get(qualifier, '')}{format_number(number)}"


_HEDGE_PREFIX = {
    "approximately": "≈ ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "up_to": "up to ",
    "less_than": "less than ",
}


_IRREGULAR_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women"}
#: ISO 4217 codes a quantity unit may hold; shown in capitals before the reader's eye.
_CURRENCIES = frozenset(
    "usd eur gbp jpy cny rub uah krw kpw inr chf cad aud brl try ils irr sar".split()  # noqa: SIM905
)


def format_unit(unit: str | None, value: Value | None = None) -> str:
    """How a normalised unit reads after a number: ``percent`` -> ``%``, ``usd`` -> ``USD``.

    Count nouns are put in the plural unless ``value`` is exactly one
    (``soldier`` -> ``soldiers``), so a figure reads as a phrase.
    """
    if unit is None:
        return ""
    if unit == "percent":
        return "%"
    if unit in _CURRENCIES:
        return unit.upper()
    words = unit.replace("_", " ")
    single = value is not None and value.qualifier == "exact" and value.low == value.high == 1
    return words if single else pluralize(words)


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
