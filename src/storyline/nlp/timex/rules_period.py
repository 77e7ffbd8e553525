"""Rules for reporting periods: quarters, halves, ``year-earlier``, ``year-end``.

Business news counts in quarters: ``the third quarter`` without a year is
the anchor's year (the year before when a past-tense clause names a quarter
still to come); ``the latest quarter`` is the last one completed.
"""

from __future__ import annotations

import re

from .base import Context, Found, Rule, compile_rule, found, sentence_around, span_of
from .fragments import Fragments
from .resolve import quarter_value, relative_quarter, shifted

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "final": 4, "last": 4}
_YEAR_BEFORE = re.compile(r"year-(?:ago|earlier|before)|prior-year", re.IGNORECASE)
_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended|which\s+ended)\s+([A-Z][a-z]+)\.?\s+\d")
_WHICH_OFFSET = {
    "": -1, "latest": -1, "most recent": -1, "recent": -1, "just-ended": -1,
    "just-completed": -1, "previous": -1, "prior": -1, "last": -1, "current": 0, "this": 0,
    "fiscal": 0, "next": 1, "year-ago": -5, "year-earlier": -5, "same": -5, "comparable": -5,
}  # fmt: skip


def _numbered(match: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(match)
    ordinal = match.group("ord").lower()
    unit = match.group("unit").lower()
    year_text = match.group("y1") or match.group("y2")
    year = int(year_text) if year_text else None
    relative = match.group("rel") or match.group("rel0")
    if year is None and relative and ctx.anchor is not None:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[relative.lower()]
    if unit == "quarter" and ordinal == "last" and year is None:
        return Found(start, end, "DATE", relative_quarter(ctx.anchor, -1), "quarter")
    if year is None and _YEAR_BEFORE.search(match.group(0)) and ctx.anchor is not None:
        year = ctx.anchor.year - 1
    if year is None and _of_a_game(match, ctx):
        return None  # "scored twice in the second half": the game's, not the year's
    tense = ctx.tense(start, end)
    if unit == "half":
        half = 1 if ordinal in {"first", "1st"} else 2
        if year is None and ctx.anchor is not None:
            late = half == 2 and (ctx.anchor.month or 12) <= 6 and tense == "past"
            year = ctx.anchor.year - 1 if late else ctx.anchor.year
        return Found(start, end, "DATE", f"{year:04d}-H{half}" if year else None, "half")
    value = quarter_value(ctx.anchor, _ORDINALS[ordinal], tense, year)
    return Found(start, end, "DATE", value, "quarter")


_GAME_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def _of_a_game(match: re.Match[str], ctx: Context) -> bool:
    """Whether a bare ``first half``/``fourth quarter`` sits in a sentence about a game."""
    text = ctx.text
    if re.search(r"fiscal|year|calendar", match.group(0), re.IGNORECASE) or re.match(
        r"\s+of\s+the\s+year\b", text[match.end() : match.end() + 20], re.IGNORECASE
    ):
        return False
    sentence = sentence_around(text, match.start(), match.end()).lower()
    return any(word in ctx.lexicon.game_words for word in _GAME_WORD.findall(sentence))


def _the_quarter(match: re.Match[str], ctx: Context) -> Found | None:
    which = " ".join((match.group("which") or "").lower().split())
    head = match.group("det").lower()
    if match.group("year"):
        latest = relative_quarter(ctx.anchor, -1)
        quarter = latest[-2:] if latest else "QX"
        return found(match, "DATE", f"{match.group('year')}-{quarter}", "quarter")
    if match.group("unit").lower() == "period" and not which:
        return None  # "the period" alone refers back to something else
    key = which or (head if head in {"this", "last", "next"} else "")
    offset = _WHICH_OFFSET.get(key)
    if offset is None:
        return None
    if offset == -1 and (ended := _ended_in(match, ctx)) is not None:
        return found(match, "DATE", ended, "quarter")
    return found(match, "DATE", relative_quarter(ctx.anchor, offset), "quarter")


def _ended_in(match: re.Match[str], ctx: Context) -> str | None:
    """``the quarter ended July 31``: the calendar quarter holding most of its three months.

    A quarter ending in July runs May to July, mostly the second quarter; one
    ending in September is the third.
    """
    ended = _ENDED.match(ctx.text, match.end())
    month = ctx.lexicon.month(ended.group(1)) if ended else None
    if month is None or ctx.anchor is None:
        return None
    middle = (month - 2) % 12 + 1
    later = month > (ctx.anchor.month or 12) and ctx.tense(*span_of(match)) == "past"
    year = ctx.anchor.year - later - (middle > month)
    return f"{year:04d}-Q{(middle - 1) // 3 + 1}"


def _year_adjective(match: re.Match[str], ctx: Context) -> Found | None:
    word = match.group("w").lower()
    if "end" in word:
        return found(match, "DATE", shifted(ctx.anchor, "Y", 0), "year_adjective")
    start, end = span_of(match)
    return Found(start, end, "DATE", shifted(ctx.anchor, "Y", -1), "year_adjective", ("Y", -1))


def _period_last_year(match: re.Match[str], ctx: Context) -> Found | None:
    """``the same period last year``, ``last year's quarter``: the reported period, a year back."""
    start, end = span_of(match)
    return Found(start, end, "DATE", shifted(ctx.anchor, "Y", -1), "year_adjective", ("Y", -1))


def period_rules(fr: Fragments) -> list[Rule]:
    """The quarter, half-year and year-adjective rules."""
    yr = fr.year
    return [
        compile_rule(
            "quarter",
            rf"""(?:the\s+)?(?:(?:fiscal|latest|current|previous|same|calendar|year-ago
            |year-earlier|this|next|most\s+recent|just-ended|(?P<y1>{yr})(?:['’]s)?
            |(?P<rel0>this|last|next)\s+year['’]s)[\s-]+)*
            (?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+
            (?:fiscal[\s-]+)?(?P<unit>quarter|half)(?![a-z])
            (?:\s+(?:of|in|for|ended)\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?)?
            (?:(?P<y2>{yr})|(?P<rel>this|last|next)\s+year))?""",
            _numbered,
            14,
        ),
        compile_rule(
            "the_quarter",
            rf"""(?P<det>the|this|last|next)\s+(?:(?P<which>latest|current|previous|year-ago
            |year-earlier|most\s+recent|recent|just-ended|just-completed|same|fiscal|prior
            |comparable)\s+|(?P<year>{yr})\s+)?(?P<unit>quarter|period)(?![a-z-])
            (?!\s+of\s+(?:a|an|the)\b)""",
            _the_quarter,
            21,
        ),
        compile_rule(
            "period_last_year",
            r"""(?:the\s+)?(?:(?:same|corresponding|comparable|year-ago|year-earlier)\s+)?
            (?:quarter|period)\s+(?:of\s+|in\s+)?last\s+year(?![a-z'’-])
            |last\s+year['’]s\s+(?:(?:same|corresponding|comparable)\s+)?(?:quarter|period)(?![a-z-])""",
            _period_last_year,
            20,
        ),
        compile_rule(
            "year_adjective",
            r"""(?<![a-z-])(?P<w>year-earlier|year-ago|year-before|prior-year|year-end
            |year['’]s\s+end|year\s+end|end-of-year|yearend)(?![a-z-])""",
            _year_adjective,
            35,
        ),
    ]
