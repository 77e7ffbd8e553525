"""Rules for relative times, durations and sets.

``last week``, ``earlier this year``, ``two years ago``, ``the past three
months``, ``more than an hour and a half``, ``three decades``, ``every
month``. A duration needs a unit word, so a bare count (``15,000 troops``)
never becomes a time. Times named without a number (``now``, ``in recent
months``, ``for years``) are :mod:`.rules_vague`'s.
"""

from __future__ import annotations

import datetime as dt
import re

from .base import Context, Found, Rule, capitalised, compile_rule, found, span_of
from .dates import month_value, week_value
from .fragments import Fragments, parse_number
from .lengths import not_a_length
from .resolve import (
    anchor_day,
    duration_value,
    month_in_year,
    relative_quarter,
    season_value,
    shifted,
    stretch,
)
from .rules_calendar import relation_of

_OFFSETS = {
    "this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1,
    "next": 1, "coming": 1, "following": 1,
}  # fmt: skip
_PER_BEFORE = re.compile(
    r"(?:\d|illion|cents?|dollars?|euros?|pounds?|percent|%|once|twice|times)\s*$", re.IGNORECASE
)
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:!?)]|$)")
#: Prepositions that make what follows a stretch of time (``over the past year``).
STRETCH_PREPOSITIONS = {"for", "over", "during", "throughout", "within"}
#: Words before a count that anchor a duration on the article's date, and which way.
_ANCHORING = {"past": -1, "last": -1, "next": 1, "coming": 1}
MODALS = {"will", "would", "could", "might", "may", "can", "shall", "should"}
_FUNCTION_WORDS = {
    "", "and", "or", "but", "in", "on", "at", "for", "to", "from", "since", "until", "by",
    "with", "through", "during", "while", "as", "basis", "starting", "except", "than",
}  # fmt: skip
_SETS = {
    "daily": "XXXX-XX-XX", "weekly": "XXXX-WXX", "biweekly": "P2W", "monthly": "XXXX-XX",
    "quarterly": "XXXX-QX", "annually": "XXXX", "yearly": "XXXX", "nightly": "XXXX-XX-XXTNI",
    "hourly": "PT1H",
}  # fmt: skip
MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)


def _unit_value(ctx: Context, unit: str, offset: int) -> str | None:
    """The value of ``this``/``last``/``next`` + a calendar unit."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    base = anchor_day(ctx)
    if unit in {"week", "weekend"}:
        if base is None:
            return None
        week = week_value(base + dt.timedelta(weeks=offset))
        return f"{week}-WE" if unit == "weekend" else week
    if unit == "quarter":
        return relative_quarter(anchor, offset)
    if unit == "decade":
        return f"{anchor.year // 10 + offset:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + offset:02d}"
    return shifted(anchor, "M" if unit == "month" else "Y", offset)


def _relative(match: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(match)
    rel = match.group("rel").lower()
    value: str | None
    if match.group("unit")[:1].isupper() and not match.group("month"):
        return None  # "This Week", a programme's name
    if match.group("month"):
        if not capitalised(match, "month"):
            return None
        month = ctx.lexicon.month(match.group("month"))
        assert month is not None
        value = month_in_year(ctx, month, ctx.tense(start, end), relation_of(rel))
    elif match.group("season"):
        code = ctx.lexicon.seasons[match.group("season").lower()]
        value = season_value(ctx, code, ctx.tense(start, end), relation_of(rel))
    else:
        unit = " ".join(match.group("unit").lower().split()).removeprefix("fiscal ")
        if rel in _ANCHORING and _is_stretch(match, ctx) and unit in ctx.lexicon.units:
            return _unit_stretch(start, end, ctx, unit, _ANCHORING[rel])
        if unit == "weekend" and rel == "this":
            return Found(start, end, "DATE", _weekend_value(ctx, start, end, True), "relative")
        value = _unit_value(ctx, unit, _OFFSETS[rel])
    return Found(start, end, "DATE", value, "relative")


def _is_stretch(match: re.Match[str], ctx: Context) -> bool:
    """Whether ``for``/``throughout`` make ``the past year`` a length of time.

    ``for next year`` names the year a figure is for; ``in`` or ``over the
    past year`` is read as the year-long period itself, a date, unless a
    perfect verb measures it up to now (``have fallen in the past year``).
    """
    first = match.group(0).split()[0].lower()
    before = ctx.word_before(match.start()).lower()
    if first != "the":
        return False
    start, end = span_of(match)
    perfect = before in {"in", "over", "during"} and ctx.aspect(start, end) == "perfect"
    return before in {"for", "throughout"} or perfect


def _unit_stretch(start: int, end: int, ctx: Context, unit_word: str, sign: int) -> Found:
    """``over the past year``: one unit's duration, anchored on the article's date."""
    unit = ctx.lexicon.units[unit_word]
    value = duration_value(1, unit.letter, unit.multiplier, unit.clock)
    covered = stretch(ctx.anchor, unit.letter, sign * unit.multiplier)
    return Found(start, end, "DURATION", value, "relative", range=covered)


def _of_relative_year(match: re.Match[str], ctx: Context) -> Found | None:
    if ctx.anchor is None:
        return found(match, "DATE", None, "of_year")
    year = ctx.anchor.year + _OFFSETS[match.group("rel").lower()]
    if match.group("season"):
        code = ctx.lexicon.seasons[match.group("season").lower()]
        return found(match, "DATE", f"{year:04d}-{code}", "of_year")
    month = ctx.lexicon.month(match.group("month"))
    if month is None or not capitalised(match, "month"):
        return None
    return found(match, "DATE", month_value(year, month), "of_year")


def _ago(match: re.Match[str], ctx: Context) -> Found | None:
    unit = ctx.lexicon.units[match.group("unit").lower()]
    number = match.group("num")
    count = parse_number(number, ctx.lexicon) if number else None
    if count is None:
        return found(match, "DATE", "PAST_REF", "ago")
    if unit.clock:
        base = anchor_day(ctx)
        return found(match, "DATE", base.isoformat() if base else None, "ago")
    steps = round(count * unit.multiplier)
    rule = "year_ago" if (unit.letter, steps) == ("Y", 1) else "ago"  # a comparison period
    return found(match, "DATE", shifted(ctx.anchor, unit.letter, -steps), rule)


def _later(match: re.Match[str], ctx: Context) -> Found | None:
    unit = ctx.lexicon.units[match.group("unit").lower()]
    count = parse_number(match.group("num"), ctx.lexicon)
    preposition = match.group("dir").lower() in {"before", "after"}
    closed = _CLAUSE_ENDS.match(ctx.text, match.end()) is not None
    if count is None or unit.clock or (preposition and not closed):
        return None  # "a month after Qantas suspended flights" is a duration
    start, end = span_of(match)
    if re.match(r"\s+than\b", ctx.text[end : end + 8]):
        # "three days later than planned": how late, not when
        length = duration_value(count, unit.letter, unit.multiplier, unit.clock)
        return Found(start, match.start("dir") - 1, "DURATION", length, "later")
    sign = -1 if match.group("dir").lower() in {"earlier", "before"} else 1
    steps = sign * round(count * unit.multiplier)
    value = shifted(ctx.anchor, unit.letter, steps)
    return Found(start, end, "DATE", value, "later", (unit.letter, steps))


def _next_day(match: re.Match[str], ctx: Context) -> Found | None:
    if match.group("w2") and _names_its_anchor(match.end(), ctx):
        return None  # "the day after Thanksgiving": counted from a day the text names
    word = (match.group("w") or match.group("w2")).lower()
    steps = -1 if word in {"previous", "preceding", "before"} else 1
    letter = ctx.lexicon.units[(match.group("unit") or "day").lower()].letter
    start, end = span_of(match)
    return Found(
        start, end, "DATE", shifted(ctx.anchor, letter, steps), "next_day", (letter, steps)
    )


def _names_its_anchor(position: int, ctx: Context) -> bool:
    """Whether ``the day before``/``after`` goes on to a name or a number (its anchor)."""
    if ctx.text[position : position + 40].lstrip()[:1].isdigit():
        return True
    word, tag = ctx.tagged_word_after(position)
    return tag in {"NNP", "NNPS", "CD"} or (not tag and word[:1].isupper())


def _that_unit(match: re.Match[str], ctx: Context) -> Found | None:
    """``that year``, ``the same day``: the year (or month, or day) the text last named.

    ``that day`` alone is left out: it is as often a day of a story told in
    general (``trades made that day``) as one the text named.
    """
    letter = ctx.lexicon.units[(match.group("unit") or match.group("unit2")).lower()].letter
    start, end = span_of(match)
    value = shifted(ctx.anchor, letter, 0)
    return Found(start, end, "DATE", value, "that_unit", (letter, 0))


def _duration(match: re.Match[str], ctx: Context) -> Found | None:
    if not_a_length(match, ctx):
        return None
    word = match.group("num").lower()
    unit = ctx.lexicon.units[match.group("unit").lower()]
    if word in {"a", "an"} and _is_rate(match, ctx):
        value = duration_value(1, unit.letter, unit.multiplier, unit.clock)
        return found(match, "SET", value, "set")  # "$5 a year", "four flights a week"
    count = parse_number(word, ctx.lexicon)
    if count is not None and (match.group("half") or match.group("half2")):
        count += 0.5
    before = ctx.word_before(match.start()).lower()
    if word == "one" and match.group("unit").lower() == "day" and before in MODALS:
        return found(match, "DATE", "FUTURE_REF", "duration")  # "will one day be"
    start, end = span_of(match)
    ahead = before == "in" and match.group(0)[:1].isalnum() and not unit.clock
    if ahead and count is not None and ctx.tense(start, end) == "future":
        moved = shifted(ctx.anchor, unit.letter, round(count * unit.multiplier))
        return Found(start, end, "DATE", moved, "duration")  # "will open in two years"
    value = duration_value(count, unit.letter, unit.multiplier, unit.clock)
    covered = _anchored(match, ctx, unit.letter, count, unit.multiplier)
    return Found(start, end, "DURATION", value, "duration", range=covered)


def _anchored(
    match: re.Match[str], ctx: Context, letter: str, count: float | None, multiplier: int
) -> tuple[str, str] | None:
    """The range of ``the past eight years`` or ``the next two weeks``, up to or from the anchor.

    Only a whole count after ``past``/``last``/``next``/``coming`` anchors a
    duration, and not when ``of`` follows (``the last three years of his life``).
    """
    words = match.group(0).lower().split()
    words = words[1:] if words[:1] == ["the"] else words
    sign = _ANCHORING.get(words[0]) if words else None
    if sign is None or count is None or not float(count).is_integer():
        return None
    if ctx.text.startswith(" of ", match.end()):
        return None
    return stretch(ctx.anchor, letter, sign * int(count) * multiplier)


def _is_rate(match: re.Match[str], ctx: Context) -> bool:
    """Whether ``a week`` follows an amount (``$5``, ``four flights``, ``24 hours``)."""
    if match.group(0).lower().split()[0] not in {"a", "an"}:
        return False
    if _PER_BEFORE.search(ctx.text, max(0, match.start() - 30), match.start()):
        return True
    before = ctx.word_before(match.start())
    position = ctx.text.rfind(before, 0, match.start()) if before else -1
    return ctx.tag_at(position) in {"NNS", "NNPS"} or before.lower() in ctx.lexicon.units


def _every(match: re.Match[str], ctx: Context) -> Found | None:
    if match.group("unit"):
        unit = ctx.lexicon.units[match.group("unit").lower()]
        number = (match.group("num") or "one").lower()
        count = 2.0 if number == "other" else parse_number(number, ctx.lexicon)
        return found(
            match, "SET", duration_value(count, unit.letter, unit.multiplier, unit.clock), "set"
        )
    if not (capitalised(match, "wd") and capitalised(match, "month")):
        return None
    if match.group("wd"):
        value = f"XXXX-WXX-{ctx.lexicon.weekday(match.group('wd'))}"
    elif match.group("month"):
        value = f"XXXX-{ctx.lexicon.month(match.group('month')):02d}"
    else:
        value = f"XXXX-{ctx.lexicon.seasons[match.group('season').lower()]}"
    return found(match, "SET", value, "set")


def _rate(match: re.Match[str], ctx: Context) -> Found | None:
    unit = ctx.lexicon.units[match.group("unit").lower()]
    return found(match, "SET", duration_value(1, unit.letter, unit.multiplier, unit.clock), "set")


def _adverb(match: re.Match[str], ctx: Context) -> Found | None:
    if ctx.word_after(match.end()).lower() not in _FUNCTION_WORDS:
        return None  # "daily newspaper", "quarterly earnings" are adjectives
    return found(match, "SET", _SETS[match.group("adv").lower()], "set")


def _weekend(match: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(match)
    return found(match, "DATE", _weekend_value(ctx, start, end, False), "weekend")


def _weekend_value(ctx: Context, start: int, end: int, this: bool) -> str | None:
    """The weekend ``the weekend`` (or, with ``this``, ``this weekend``) names.

    Written on a weekend, that weekend. On a weekday, the coming one when the
    clause looks ahead, else the one just gone; ``this weekend`` looks ahead
    unless its clause is past (``became public this weekend``).
    """
    base = anchor_day(ctx)
    if base is None:
        return None
    tense = ctx.tense(start, end)
    ahead = tense == "future" or (this and tense != "past")
    week = base if ahead or base.isoweekday() >= 6 else base - dt.timedelta(weeks=1)
    return f"{week_value(week)}-WE"


def _the_year(match: re.Match[str], ctx: Context) -> Found | None:
    if match.group("ended") is not None:
        return found(match, "DURATION", "P1Y", "the_year")
    value = f"{ctx.anchor.year:04d}" if ctx.anchor is not None else None
    return found(match, "DATE", value, "the_year")


def _edge_of_unit(match: re.Match[str], ctx: Context) -> Found | None:
    return found(match, "DATE", _unit_value(ctx, match.group("unit").lower(), 0), "edge")


def relative_rules(fr: Fragments) -> list[Rule]:
    """The relative, duration and set rules."""
    number, unit, approx = fr.number, fr.unit, fr.approx
    return [
        compile_rule(
            "relative",
            rf"""(?:(?:early|late|earlier|later|mid)(?:\s+|-)(?:in\s+)?)?
            (?:(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+)?(?:the\s+)?
            (?P<rel>this|last|next|past|coming|previous|following|current|present)\s+
            (?P<unit>weekend|week|month|year|quarter|decade|century|fiscal\s+year
            |(?P<month>{MONTH_FULL})|(?P<season>{fr.season}))(?![a-z-])""",
            _relative,
            20,
        ),
        compile_rule(
            "of_year",
            rf"""(?:(?:early|late|mid)(?:\s+|-))?(?:(?P<month>{MONTH_FULL})|(?P<season>{fr.season}))
            \s+(?:of\s+)?(?P<rel>this|last|next)\s+year(?![a-z'’])""",
            _of_relative_year,
            15,
        ),
        compile_rule(
            "ago",
            rf"""(?:(?:{approx})\s+)?(?:(?P<num>{number})[\s-]+)?(?P<unit>{unit})
            (?:\s+or\s+(?:so|more|two|three|four))?\s+(?:ago|back|from\s+now|hence)(?![a-z])""",
            _ago,
            15,
        ),
        compile_rule(
            "later",
            rf"""(?:(?:{approx})\s+)?(?P<num>{number})[\s-]+(?P<unit>{unit})(?:\s+or\s+so)?\s+
            (?P<dir>later|earlier|afterwards?|before|after)(?![a-z])""",
            _later,
            15,
        ),
        compile_rule(
            "next_day",
            r"""the\s+(?:(?P<w>next|following|previous|preceding)\s+(?P<unit>day|week|month|year)
            |day\s+(?P<w2>before|after)(?!\s+(?:the|a|an|his|her|its|their)\b))(?![a-z'’-])""",
            _next_day,
            16,
        ),
        compile_rule(
            "that_unit",
            r"""(?<![a-z])(?:(?:that|the\s+same)\s+(?P<unit>month|year)
            |the\s+same\s+(?P<unit2>day))(?![a-z'’-])""",
            _that_unit,
            30,
        ),
        compile_rule(
            "duration",
            rf"""(?:(?:each\s+of\s+)?the\s+(?:(?:first|last|past|next|final|coming|previous
            |following|remaining|ensuing|preceding|initial|latest|recent|same|other)\s+)?
            |(?:first|last|past|next|final|coming|previous|following|remaining)\s+(?!an?\s)
            |another\s+|an?\s+additional\s+|an?\s+extra\s+)?(?:(?:{approx})\s+)?
            (?P<num>{number})(?P<half>\s+and\s+a\s+half)?
            (?:\s+(?:more|additional|full|straight|consecutive|long|trading|business|working
            |calendar|successive|extra|further))?[\s-]+(?P<unit>{unit})(?P<half2>\s+and\s+a\s+half)?
            (?P<old>[\s-]+old(?![a-z]))?""",
            _duration,
            25,
        ),
        compile_rule(
            "every",
            rf"""(?<![a-z])(?:every|each|per)\s+(?:(?P<num>{number}|other)\s+)?(?:(?P<unit>{unit})
            |(?P<wd>{fr.weekday_full})(?![a-z])|(?P<month>{MONTH_FULL})(?![a-z])
            |(?P<season>{fr.season}))""",
            _every,
            18,
        ),
        compile_rule(
            "times_per",
            rf"""(?:once|twice|thrice|(?:{number})\s+times\s+(?=(?P<span>(?:a|an|per|each|every)
            \s+{unit})))\s*(?:a|an|per|each|every)\s+(?P<unit>{unit})""",
            _rate,
            17,
        ),
        compile_rule(
            "rate",
            rf"""(?:[$€£¥]\s?\d[\d,.]*(?:\s+(?:million|billion|trillion))?|\d[\d,.]*\s*(?:%
            |percent|per\s+cent|dollars|euros|cents|pounds))\s+(?P<span>(?:a|an|per)\s+
            (?P<unit>{unit}))""",
            _rate,
            17,
        ),
        compile_rule(
            "adverb",
            r"(?<![a-z-])(?P<adv>daily|weekly|biweekly|monthly|quarterly|annually|yearly|nightly"
            r"|hourly)(?![a-z-])",
            _adverb,
            50,
        ),
        compile_rule("weekend", r"(?<![a-z])the\s+weekend(?![a-z])", _weekend, 40),
        compile_rule(
            "the_year",
            r"""(?<![a-z])(?P<span>the\s+(?:(?:full|whole|entire|fiscal|calendar)\s+)?year)
            (?![a-z'’-])(?P<ended>(?=\s+(?:ended|ending|that\s+ended|through|to\s+date)))?""",
            _the_year,
            42,
        ),
        compile_rule(
            "edge",
            r"""(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of\s+(?:the|this)\s+
            (?P<unit>week|month|year|quarter|decade|century)(?![a-z'’-])""",
            _edge_of_unit,
            20,
        ),
    ]
