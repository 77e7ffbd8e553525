"""Rules for calendar dates: days, months, years, decades, centuries, seasons, holidays.

A bare four-digit number is a year only in a year context: after a
preposition that takes dates (``in``, ``since``, ``until``...), with a
modifier (``early 1990``, ``mid-1996``, ``fiscal 1989``), inside a range of
years, before a noun that dates things (``the 1998 election``), or after a
month. Anything followed by a count noun (``2000 troops``) stays a quantity.
"""

from __future__ import annotations

import re

from .base import Context, Found, Rule, capitalised, compile_rule, found, span_of
from .dates import month_value
from .fragments import Fragments, ordinal_value, spelled_year_value
from .resolve import decade_of, month_day, month_in_year, season_value

_STRONG_PREPS = {
    "in", "since", "until", "till", "through", "throughout", "during", "before", "after",
    "circa", "for", "as of", "as early as", "as late as", "around", "from", "into", "due",
}  # fmt: skip
_MODERN = (1800, 2100)
_OLD_YEAR_PREPS = {"in", "since", "until", "till", "during", "circa", "before", "after"}
_RANGE_BEFORE = re.compile(r"(?:1\d{3}|20\d{2})\s*(?:-|–|to|and|or|through|until)\s*$")
_RANGE_AFTER = re.compile(r"\s*(?:-|–|and|to|through|until)\s*(?:1\d{3}|20\d{2})(?!\d)")
_DECADE_WORDS = {w: i + 2 for i, w in enumerate(
    ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
)}  # fmt: skip


def _day_month_year(match: re.Match[str], ctx: Context) -> Found | None:
    if not (capitalised(match, "month") and capitalised(match, "wd")):
        return None
    month = ctx.lexicon.month(match.group("month"))
    day = int(re.sub(r"\D", "", match.group("day")))
    year = int(match.group("year")) if match.group("year") else None
    if month is None or not 1 <= day <= 31:
        return None
    start, end = span_of(match)
    value = month_day(ctx, month, day, ctx.tense(start, end), year)
    return Found(start, end, "DATE", value, "date")


def _month_year(match: re.Match[str], ctx: Context) -> Found | None:
    month = ctx.lexicon.month(match.group("month"))
    if month is None or not capitalised(match, "month"):
        return None
    year = _stated_year(match, ctx)
    assert year is not None  # the pattern requires one of the two
    return found(match, "DATE", month_value(year, month), "month_year")


def _numeric(match: re.Match[str], ctx: Context) -> Found | None:
    year = int(match.group("year"))
    if year < 100:
        year += 1900 if year > 50 else 2000
    month, day = int(match.group("mm")), int(match.group("dd"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return found(match, "DATE", month_day(ctx, month, day, "present", year), "numeric")


def _is_year_context(match: re.Match[str], ctx: Context) -> bool:
    start, end = span_of(match)
    if ctx.next_is_count_noun(match.end("year")):
        return False
    if match.group("edge") or match.group("mod") or match.group("fiscal") or match.group("poss"):
        return True
    prep = " ".join((match.group("prep") or "").lower().split())
    if not _MODERN[0] <= int(match.group("year")) <= _MODERN[1]:
        return prep in _OLD_YEAR_PREPS  # "the 1000 hp barrier", "1520 sq m"
    if prep in _STRONG_PREPS:
        return _range_end_is_year(ctx, end)
    if prep == "by":
        return ctx.word_before(match.start("prep")).lower() not in ctx.lexicon.change_words
    if prep == "of":
        head = ctx.word_before(match.start("prep"))
        return head.lower() in ctx.lexicon.year_of_nouns or head[:1].isupper()
    if prep == "between":
        return _RANGE_AFTER.match(ctx.text, end) is not None
    if prep and _RANGE_BEFORE.search(ctx.text, max(0, start - 20), start):
        return True
    follower = ctx.word_after(end)
    return follower.lower() in ctx.lexicon.year_nouns or ctx.is_modifier_at(end, follower)


def _range_end_is_year(ctx: Context, end: int) -> bool:
    """``from 1990 to 1995`` is a range of years; ``from 1000 to 2000 hires`` a count."""
    after = _RANGE_AFTER.match(ctx.text, end)
    return after is None or not ctx.next_is_count_noun(after.end())


def _year(match: re.Match[str], ctx: Context) -> Found | None:
    year = int(match.group("year"))
    if not 1000 <= year <= 2100 or not _is_year_context(match, ctx):
        return None
    return found(match, "DATE", f"{year:04d}", "year")


def _spelled_year(match: re.Match[str], ctx: Context) -> Found | None:
    return found(
        match, "DATE", f"{spelled_year_value(match.group(0), ctx.lexicon):04d}", "spelled_year"
    )


def _stated_year(match: re.Match[str], ctx: Context) -> int | None:
    """The year a match states in digits (group ``year``) or in words (group ``spelled``)."""
    if match.group("year"):
        return int(match.group("year"))
    if match.group("spelled"):
        return spelled_year_value(match.group("spelled"), ctx.lexicon)
    return None


def _decade(match: re.Match[str], ctx: Context) -> Found | None:
    if match.group("dec"):
        return found(match, "DATE", match.group("dec")[:3], "decade")
    if match.group("yy"):
        return found(match, "DATE", decade_of(ctx.anchor, int(match.group("yy")[0])), "decade")
    if not match.group(0).lower().startswith("the"):
        return None  # "in her forties" is an age
    digit = _DECADE_WORDS[match.group("word").lower()]
    return found(match, "DATE", decade_of(ctx.anchor, digit), "decade")


def _century(match: re.Match[str], ctx: Context) -> Found | None:
    number = ordinal_value(match.group("ord"), ctx.lexicon)
    if number is None or not 1 <= number <= 22:
        return None
    return found(match, "DATE", f"{number - 1:02d}", "century")


_MONTH_PREPS = {
    "in", "since", "until", "till", "by", "through", "during", "from", "to", "of", "before",
    "after", "between", "and", "or", "last", "next", "this", "early", "late", "mid",
}  # fmt: skip
_MODAL_MONTHS = {"may", "march"}


def _month_alone(match: re.Match[str], ctx: Context) -> Found | None:
    if not capitalised(match, "month") or ctx.is_blocked(*span_of(match)):
        return None
    word = match.group("month")
    start, end = span_of(match)
    follower = ctx.word_after(end)
    has_context = bool(match.group("rel") or match.group("mod") or match.group("edge"))
    if not has_context and follower[:1].isupper() and match.group("poss") is None:
        return None  # "June Carter", "August Wilson"
    bare = not has_context and match.group("poss") is None
    preposition = ctx.word_before(match.start("month")).lower()
    if bare and word.lower() in _MODAL_MONTHS and preposition not in _MONTH_PREPS:
        return None  # "May" the verb, "March" the noun
    month = ctx.lexicon.month(word)
    if month is None:
        return None
    relation = relation_of(match.group("rel"))
    value = month_in_year(ctx, month, ctx.tense(start, end), relation)
    return found(match, "DATE", value, "month")


def relation_of(word: str | None) -> str:
    """``last``/``next``/``this`` from the words that can precede a month or weekday."""
    text = " ".join((word or "").lower().split())
    if text in {"last", "past", "this past", "previous"}:
        return "last"
    if text in {"next", "coming", "this coming", "following"}:
        return "next"
    return "this" if text == "this" else ""


def _holiday(match: re.Match[str], ctx: Context) -> Found | None:
    name = " ".join(match.group("holiday").split())
    if not name[:1].isupper():
        return None
    key = next((k for k in ctx.lexicon.holidays if k.lower() == name.lower()), None)
    if key is None:
        return None
    month, day = ctx.lexicon.holidays[key]
    year = int(match.group("year")) if match.group("year") else None
    start, end = span_of(match)
    return found(match, "DATE", month_day(ctx, month, day, ctx.tense(start, end), year), "holiday")


_SEASON_PREPS = {
    "in", "during", "until", "till", "since", "by", "over", "through", "throughout", "for", "into",
    "this", "next", "that", "last", "early", "late", "mid", "before", "after", "of",
}  # fmt: skip


def _season(match: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(match)
    word = match.group("season")
    rel = " ".join((match.group("rel") or "").lower().split())
    year = _stated_year(match, ctx)
    if year is None and not rel:
        if word.lower() == "fall" and ctx.text.startswith(" of", end):
            return None  # "the fall of the city"
        anchor_word = match.start("the") if match.group("the") else match.start("season")
        if ctx.word_before(anchor_word).lower() not in _SEASON_PREPS:
            return None
    if word[:1].isupper() and ctx.word_before(match.start("season"))[:1].isupper():
        return None  # "the Arab Spring"
    relation = {"past": "last", "coming": "next", "this coming": "next"}.get(rel, rel)
    code = ctx.lexicon.seasons[word.lower()]
    return Found(
        start, end, "DATE", season_value(ctx, code, ctx.tense(start, end), relation, year), "season"
    )


def calendar_rules(fr: Fragments) -> list[Rule]:
    """The calendar rules, built over the fragments of one lexicon."""
    wd, mo, day, yr = fr.weekday, fr.month, fr.day, fr.year
    month_full = (
        r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    )
    return [
        compile_rule(
            "date_mdy",
            rf"""(?:(?P<wd>{wd})\s*,?\s+)?(?P<month>{mo})\s+(?P<day>{day})
            (?:(?:\s*,\s*|\s+)(?P<year>{yr}))?""",
            _day_month_year,
            10,
        ),
        compile_rule(
            "date_dmy",
            rf"""(?:(?P<wd>{wd})\s*,?\s+)?(?:the\s+)?(?<![\w,.$])(?P<day>{day})\s+(?:of\s+)?
            (?P<month>{mo})(?:\s*,?\s+(?P<year>{yr}))?""",
            _day_month_year,
            11,
        ),
        compile_rule(
            "month_year",
            rf"(?P<month>{mo})\s*,?\s+(?:of\s+)?(?:(?P<year>{yr})|(?P<spelled>{fr.spelled_year}))",
            _month_year,
            12,
        ),
        compile_rule(
            "iso_date",
            r"(?<![\d/-])(?P<year>(?:1[89]|20)\d\d)-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)(?![\d-])",
            _numeric,
            13,
        ),
        compile_rule(
            "slash_date",
            r"(?<![\d/.,])(?P<mm>[01]?\d)/(?P<dd>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])",
            _numeric,
            13,
        ),
        compile_rule(
            "year",
            rf"""(?:\b(?P<prep>in|since|by|of|until|till|through|throughout|during|before|after
            |from|between|around|circa|to|and|or|for|into|due|as\s+of|as\s+early\s+as
            |as\s+late\s+as)\s+(?:both\s+|either\s+)?)?
            (?P<span>(?:(?:the\s+)?(?P<edge>end|beginning|start|middle|close|turn|rest|remainder
            |course)\s+of\s+)?(?:(?P<mod>early|late|mid)(?:\s+|-)|mid-)?
            (?P<fiscal>fiscal\s+(?:year\s+)?)?(?:the\s+year\s+)?(?P<year>{yr}))(?P<poss>['’]s)?""",
            _year,
            30,
        ),
        compile_rule(
            "spelled_year",
            fr.spelled_year,
            _spelled_year,
            30,
        ),
        compile_rule(
            "decade",
            r"""(?:the\s+)?(?:(?:early|late|mid)(?:\s+|-)|mid-)?(?:(?<!\d)(?P<dec>1\d{2}0|20\d0)['’]?s
            |['’](?P<yy>\d0)['’]?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies
            |eighties|nineties))(?![a-z])""",
            _decade,
            31,
        ),
        compile_rule(
            "century",
            rf"(?:the\s+)?(?:(?:early|late|mid)(?:\s+|-))?(?P<ord>{fr.ordinal})[\s-]+century(?![a-z])",
            _century,
            31,
        ),
        compile_rule(
            "month",
            rf"""(?:(?P<rel>this\s+past|this\s+coming|last|this|next|coming|past)\s+
            |(?P<mod>early|late|mid)(?:\s+|-)|mid-|(?P<edge>(?:the\s+)?(?:end|beginning|start
            |middle|close)\s+of)\s+)?(?P<month>{month_full})(?![a-z])(?P<poss>['’]s)?""",
            _month_alone,
            40,
        ),
        compile_rule(
            "season",
            rf"""(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming)\s+
            |(?P<the>the)\s+(?:(?:early|late)\s+)?|(?:early|late|mid)(?:\s+|-)|mid-)?
            (?P<season>{fr.season})
            (?:\s+(?:of\s+)?(?:(?P<year>{yr})|(?P<spelled>{fr.spelled_year})))?""",
            _season,
            32,
        ),
        compile_rule(
            "holiday",
            rf"(?P<holiday>{fr.holiday})(?:\s+(?P<year>{yr}))?",
            _holiday,
            40,
        ),
    ]
