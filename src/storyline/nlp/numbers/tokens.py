"""Reading one token that holds digits: ``2,700``, ``1.2bn``, ``$US113``, ``10,000–12,000``.

The tokenizer leaves many written forms glued together, so a numeric token can
carry a currency symbol or a hedge before the digits, a scale or a unit after
them, and even a whole range. :func:`read_numeric` splits such a token with one
compiled pattern and interprets the glued parts through the lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lexicon import NumberLexicon, Unit

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_NUMERIC = re.compile(
    rf"(?P<pre>[^\d+\-−.]*?)(?P<sign>[+\-−]?)(?P<num>{_DIGITS})"
    rf"(?:(?P<dash>[-–—])(?P<num2>{_DIGITS}))?(?P<suf>[^\d]*[23²³]?)"
)
_FRACTION = re.compile(r"(?P<num>\d{1,3})(?P<slash>[/⁄])(?P<den>\d{1,3})")
_SCIENTIFIC = re.compile(
    r"(?P<mant>\d+(?:\.\d+)?)\s?[×xX]\s?10(?:\^|\*\*)?(?P<exp>[-−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
_PHONE = re.compile(r"\(?\d{3}\)?[-.\s]?\d{3}[-.]\d{4}|\d{3}-\d{4}")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "th.", "nd.", "rd.", "st."})
_DECADE_SUFFIXES = frozenset({"s", "'s", "’s"})
_HEDGE_PREFIXES = {"~": "approximately", "c.": "approximately", "sub-": "less_than"}
_NEGATIVE = frozenset({"-", "−"})


@dataclass(frozen=True)
class Numeric:
    """What one numeric token says.

    ``kind`` is ``number`` for a usable quantity, or why it is not one:
    ``ordinal``, ``decade``, ``clock``, ``code`` (glued letters that are not a
    unit, e.g. ``S23``), ``phone``.
    """

    kind: str
    value: float = 0.0
    value2: float | None = None
    scale: float = 1.0
    unit: Unit | None = None
    qualifier: str | None = None
    signed: str | None = None
    plain: bool = False


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _vulgar(suffix: str) -> float | None:
    """The value of a vulgar fraction character such as ``½``, if ``suffix`` is one."""
    if len(suffix) == 1 and unicodedata.category(suffix) == "No":
        try:
            return float(unicodedata.numeric(suffix))
        except ValueError:
            return None
    return None


def _proper_fraction(num: int, den: int, fraction_slash: bool) -> bool:
    """``1/4`` and ``1/40`` are fractions; ``9/11`` and ``24/7`` read as dates or slogans."""
    return 0 < num < den and (fraction_slash or not (num <= 12 and 12 < den <= 31))


def _prefix(pre: str, before: str, lex: NumberLexicon) -> tuple[Unit | None, str | None] | None:
    """(currency, hedge) for the glued text before the digits, or None if it is not one.

    ``before`` is the previous token when it is written against this one, so
    ``$`` + ``US113`` reads as ``$US`` 113.
    """
    if not pre:
        return None, None
    if pre in lex.currency_symbols:
        return lex.currency_symbols[pre], None
    if before and before + pre in lex.currency_symbols:
        return lex.currency_symbols[before + pre], None
    if pre.lower() in _HEDGE_PREFIXES:
        return None, _HEDGE_PREFIXES[pre.lower()]
    if pre.startswith("~") and pre[1:] in lex.currency_symbols:
        return lex.currency_symbols[pre[1:]], "approximately"
    return None


def _suffix(
    suf: str, currency: Unit | None, lex: NumberLexicon
) -> tuple[str, float, Unit | None, str | None]:
    """(kind, scale, unit, hedge) for the glued text after the digits."""
    if len(suf) > 1 and suf.endswith("."):
        suf = suf[:-1]
    if not suf:
        return "number", 1.0, None, None
    if suf in lex.currency_symbols:
        return "number", 1.0, lex.currency_symbols[suf], None
    lower = suf.lower()
    if lower in _ORDINAL_SUFFIXES:
        return "ordinal", 1.0, None, None
    if lower in _DECADE_SUFFIXES:
        return "decade", 1.0, None, None
    if lower in lex.clock:
        return "clock", 1.0, None, None
    if suf in ("+", "-plus"):
        return "number", 1.0, None, "at_least"
    if suf == "-":
        return "number", 1.0, None, None
    if suf in ("M", "B", "bn", "mn") or (
        lower in lex.suffix_scales and (currency is not None or lower not in ("m", "b", "t"))
    ):
        return "number", lex.suffix_scales[lower], None, None
    unit = lex.unit_symbols.get(suf) or lex.unit_glued.get(suf) or lex.unit_forms.get(lower)
    if unit is not None:
        return "number", 1.0, unit, None
    for cut in range(1, len(suf)):
        head, tail = suf[:cut].lower(), suf[cut:]
        tail_unit = lex.unit_symbols.get(tail) or lex.unit_forms.get(tail.lower())
        if head in lex.suffix_scales and tail_unit is not None:
            return "number", lex.suffix_scales[head], tail_unit, None
    return "code", 1.0, None, None


def read_numeric(
    text: str, lex: NumberLexicon, currency: Unit | None = None, before: str = ""
) -> Numeric | None:
    """Interpret a token's text, or None when it holds no digits at all.

    ``currency`` is a currency written in the token(s) before, which lets a
    glued ``m``/``bn``/``T`` read as a scale (``$`` ``2.7m``).
    """
    vulgar_only = _vulgar(text)
    if vulgar_only is not None:
        return Numeric("number", vulgar_only)
    if _PHONE.fullmatch(text):
        return Numeric("phone")
    scientific = _SCIENTIFIC.fullmatch(text)
    if scientific is not None:  # ``1.99×10−30``, ``3x10^8``
        exponent = int(scientific["exp"].translate(_SUPERSCRIPTS))
        return Numeric("number", float(scientific["mant"]) * 10.0**exponent)
    fraction = _FRACTION.fullmatch(text)
    if fraction is not None:
        num, den = int(fraction["num"]), int(fraction["den"])
        if _proper_fraction(num, den, fraction["slash"] == "⁄"):
            return Numeric("number", num / den)
        return Numeric("code")
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return Numeric("code") if any(ch.isdigit() for ch in text) else None
    return _from_match(match, lex, currency, before)


def _from_match(
    match: re.Match[str], lex: NumberLexicon, currency: Unit | None, before: str
) -> Numeric:
    """The parts of a matched numeric token, interpreted."""
    pre, sign = match["pre"], match["sign"]
    if pre.lower() in lex.signs and sign:
        pre = ""
    elif pre.lower() == "sub" and sign == "-":
        pre, sign = "sub-", ""
    prefix = _prefix(pre, before, lex)
    if prefix is None:
        return Numeric("code")
    glued_currency, hedge = prefix
    vulgar = _vulgar(match["suf"])
    kind, scale, unit, suffix_hedge = (
        ("number", 1.0, None, None)
        if vulgar is not None
        else _suffix(match["suf"], glued_currency or currency, lex)
    )
    if kind != "number":
        return Numeric(kind)
    sign_factor = -1.0 if sign in _NEGATIVE else 1.0
    return Numeric(
        "number",
        value=(_number(match["num"]) + (vulgar or 0.0)) * scale * sign_factor,
        value2=_number(match["num2"]) * scale if match["num2"] else None,
        scale=scale,
        unit=glued_currency or unit,
        qualifier=hedge or suffix_hedge,
        signed=sign or None,
        plain=not (
            match["pre"] or match["suf"] or sign or "," in match["num"] or "." in match["num"]
        ),
    )
