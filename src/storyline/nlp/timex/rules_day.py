"""Rules for days and times of day: weekdays, ``yesterday``, ``this morning``, ``10 p.m.``.

A weekday alone points to the date the clause's tense gives it: ``said
Friday`` is the latest Friday up to the article's date, ``will meet
Friday`` the next one. Weekday words inside names (``Black Monday``, ``the
Sunday Times``) are left alone.
"""

from __future__ import annotations

import datetime as dt
import re

from .base import Context, Found, Rule, capitalised, compile_rule, found, span_of
from .dates import Tense, day_value
from .fragments import Fragments
from .resolve import anchor_day, day_reference, deictic_day, weekday_value
from .rules_calendar import relation_of

_CLOCK_UNITS = {"noon": (12, 0), "midnight": (24, 0)}


def _clock(match: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(match)
    if match.group("noon"):
        hour, minute = _CLOCK_UNITS[match.group("noon").lower()]
    else:
        hour = int(match.group("h") or match.group("h24") or match.group("hat"))
        minute = int(match.group("min") or match.group("min24") or match.group("minat") or 0)
        meridiem = (match.group("ampm") or "").lower().replace(".", "")
        if (meridiem and not 1 <= hour <= 12) or hour > 24:
            return None
        if meridiem == "pm" and hour < 12:
            hour += 12
        if meridiem == "am" and hour == 12:
            hour = 0
    tense = ctx.tense(start, end)
    day = _clock_day(match, ctx, tense)
    base = anchor_day(ctx)
    if hour == 24 and tense == "past" and not match.group("dayref") and base is not None:
        day = day_value(base - dt.timedelta(days=1))  # "opened fire after midnight": the one past
    clock = f"T{hour:02d}:{minute:02d}"
    rule = "clock_dated" if match.group("dayref") else "clock"
    value = f"{day}{clock}" if day else f"XXXX-XX-XX{clock}"
    # "The blast occurred at 10:35 a.m.": in a past clause a bare clock time is
    # on the day the text last named (see .anaphora), else the article's
    same_day = ("D", 0) if rule == "clock" and tense == "past" and hour < 24 else None
    return Found(start, end, "TIME", value, rule, same_day)


def _clock_day(match: re.Match[str], ctx: Context, tense: Tense) -> str | None:
    reference = match.group("dayref")
    if reference:
        return day_reference(ctx, reference, tense)
    base = anchor_day(ctx)
    return day_value(base) if base else None


def _part_of_day(match: re.Match[str], ctx: Context) -> Found | None:
    if not capitalised(match, "wd"):
        return None
    start, end = span_of(match)
    part = ctx.lexicon.parts_of_day[match.group("part").lower().rstrip("s")]
    words = match.group("dayref").lower()
    if match.group("wd") and match.group("part").lower().endswith("s"):
        weekday = ctx.lexicon.weekday(match.group("wd"))
        return Found(start, end, "SET", f"XXXX-WXX-{weekday}T{part}", "part_of_day")
    if words in {"this", "last"}:
        base = anchor_day(ctx)
        day = base - dt.timedelta(days=1) if base and words == "last" else base
        value = day_value(day) if day else None
    else:
        value = day_reference(ctx, match.group("dayref"), ctx.tense(start, end))
    return Found(start, end, "TIME", f"{value}T{part}" if value else None, "part_of_day")


_PART_PREPS = {
    "in", "into", "during", "by", "through", "throughout", "until", "till", "since", "from",
}  # fmt: skip
_MODIFIER_TAGS = {"NN", "NNS", "JJ"}
_PART_FOLLOWERS = {
    "and", "or", "but", "in", "on", "at", "to", "with", "by", "for", "from", "as", "while",
    "until", "local", "hours", "yesterday", "today", "tomorrow", "was", "were", "is", "had",
}  # fmt: skip


def _part_alone(match: re.Match[str], ctx: Context) -> Found | None:
    """``in the morning``, ``by mid afternoon``, ``that night``: a part of the day in view.

    The day is the last one the text named (``Friday ... in the morning``),
    else the article's own; :mod:`.anaphora` fills it in. A following noun
    makes the phrase a modifier (``the morning paper``), not a time.
    """
    det = " ".join((match.group("det") or "").lower().split())
    preposition = (match.group("prep") or "").lower()
    if det not in {"that", "the same", "that same"} and preposition not in _PART_PREPS:
        return None
    if preposition and not (det or match.group("mod")):
        return None  # "in morning trading"
    start, end = span_of(match)
    follower = ctx.word_after(end)
    if follower and ctx.tag_at(ctx.text.find(follower, end)) in _MODIFIER_TAGS:
        return None
    if follower.islower() and follower not in _PART_FOLLOWERS:
        return None  # "the night the plane went down" names an event's night
    part = ctx.lexicon.parts_of_day[match.group("part").lower()]
    base = anchor_day(ctx)
    value = f"{day_value(base) if base else 'XXXX-XX-XX'}T{part}"
    return Found(start, end, "TIME", value, "part_alone", ("D", 0))


def _part_then_day(match: re.Match[str], ctx: Context) -> Found | None:
    """``mid-afternoon yesterday``, ``late evening Friday``: the day named after the part."""
    if not capitalised(match, "wd"):
        return None
    start, end = span_of(match)
    part = ctx.lexicon.parts_of_day[match.group("part").lower()]
    value = day_reference(ctx, match.group("dayref"), ctx.tense(start, end))
    return Found(start, end, "TIME", f"{value}T{part}" if value else None, "part_of_day")


_ERA_REFS = {"today": "PRESENT_REF", "tomorrow": "FUTURE_REF", "yesterday": "PAST_REF"}
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}


def _deictic(match: re.Match[str], ctx: Context) -> Found | None:
    if match.group("word")[:1].isupper() and ctx.word_before(match.start())[:1].isupper():
        return None  # "USA Today", a name
    word = match.group("word").lower()
    if word in _ERA_REFS and match.group(0).lower() == word and _names_an_era(match, ctx):
        return found(match, "DATE", _ERA_REFS[word], "deictic")
    if word == "overnight":  # in a past clause, the night before the article's day
        word = "yesterday" if ctx.tense(*span_of(match)) == "past" else "today"
        return found(match, "TIME", _night(deictic_day(ctx, word)), "deictic")
    day = deictic_day(ctx, word)
    if word == "tonight":
        return found(match, "TIME", _night(day), "deictic")
    return found(match, "DATE", day_value(day) if day else None, "deictic")


def _night(day: dt.date | None) -> str | None:
    return f"{day_value(day)}TNI" if day else None


def _names_an_era(match: re.Match[str], ctx: Context) -> bool:
    """Whether ``today`` means the present age: ``the machines of today``, ``today's world``."""
    end = match.end()
    if ctx.text.startswith(("'s", "’s"), end):
        return _head_noun(ctx, end + 2).lower() in ctx.lexicon.era_nouns
    if ctx.word_before(match.start()).lower() != "of":
        return False
    at = ctx.text.rfind("of", 0, match.start())
    noun = ctx.word_before(at)
    if not noun or noun.lower() in ctx.lexicon.day_nouns:
        return False
    tag = ctx.tag_at(ctx.text.rfind(noun, 0, at))
    return tag in _NOUN_TAGS if tag else noun.lower() not in {"as", "out", "because"}


_WORD = re.compile(r"\s*([A-Za-z][A-Za-z-]*)")


def _head_noun(ctx: Context, position: int) -> str:
    """The first noun after ``position`` (``today's personal computers``: ``computers``).

    Without tags, the next word.
    """
    for _ in range(3):
        word = _WORD.match(ctx.text, position)
        if word is None:
            return ""
        tag = ctx.tag_at(word.start(1))
        if not tag or tag in _NOUN_TAGS:
            return word.group(1)
        position = word.end()
    return ""


def _weekday(match: re.Match[str], ctx: Context) -> Found | None:
    if not capitalised(match, "wd"):
        return None
    start, end = span_of(match)
    before = ctx.word_before(start).lower()
    if ctx.is_blocked(start, end) or before in ctx.lexicon.proper_weekday_prefixes:
        return None
    after = ctx.word_after(end)
    if after[:1].isupper() and ctx.lexicon.month(after) is None:
        return None  # "the Sunday Times"
    weekday = ctx.lexicon.weekday(match.group("wd"))
    if weekday is None:
        return None
    if match.group("plural"):
        return Found(start, end, "SET", f"XXXX-WXX-{weekday}", "weekday")
    relation = relation_of(match.group("rel")) or _coordinated_relation(start, ctx)
    value = weekday_value(ctx, weekday, ctx.tense(start, end), relation)
    return Found(start, end, "DATE", value, "weekday")


_COORDINATED = re.compile(
    r"(?<![a-z])(?P<rel>last|next|this|coming|past|previous|following)\s+(?P<wd>[A-Z][a-z]+)"
    r"\s+(?:and|or)\s+$"
)


def _coordinated_relation(start: int, ctx: Context) -> str:
    """``next Tuesday and Wednesday``: the second weekday shares the first one's relation."""
    found = _COORDINATED.search(ctx.text, max(0, start - 40), start)
    if found is None or ctx.lexicon.weekday(found.group("wd")) is None:
        return ""
    return relation_of(found.group("rel"))


def day_rules(fr: Fragments) -> list[Rule]:
    """The day and time-of-day rules."""
    wd_full = fr.weekday_full
    month_day = rf"{fr.month}\s+{fr.day}"
    dayref = rf"today|yesterday|tomorrow|tonight|{wd_full}(?:,?\s+{month_day})?|{month_day}"
    return [
        compile_rule(
            "clock",
            rf"""(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before
            |after)|until|after|before)\s+)?
            (?:(?<![\d.:])(?P<h>\d{{1,2}})(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?
            |am|pm)(?![a-z])|(?<![a-z-])(?P<noon>noon|midnight)(?![a-z])
            |(?<![\d.:])(?P<h24>[0-2]?\d):?(?P<min24>[0-5]\d)(?=\s*\(?(?:{fr.time_zone}|hours|hrs))
            |(?<=\bat\s)(?P<hat>[01]\d|2[0-3]):(?P<minat>[0-5]\d)(?![\d:.,]\d|\s*(?:a\.?m|p\.?m)))
            (?:\s*(?:\({fr.time_zone}\)|{fr.time_zone}))?(?:,?\s+(?:on\s+)?(?P<dayref>{dayref}))?""",
            _clock,
            5,
        ),
        compile_rule(
            "part_of_day",
            rf"""(?:(?:early|late|later|earlier|mid-?)\s*)?
            (?P<dayref>today|yesterday|tomorrow|this|last|(?P<wd>{wd_full}))\s+
            (?P<part>mornings?|afternoons?|evenings?|nights?)(?![a-z])""",
            _part_of_day,
            20,
        ),
        compile_rule(
            "part_alone",
            r"""(?:(?<![a-z])(?P<prep>in|into|during|by|through|throughout|until|till|since|from)\s+)?
            (?P<span>(?:(?P<det>the|that|the\s+same|that\s+same)\s+)?
            (?P<mod>(?:early|late|mid)(?:\s+|-)|mid)?(?P<part>morning|afternoon|evening|night))
            (?![a-z'’-])""",
            _part_alone,
            44,
        ),
        compile_rule(
            "part_then_day",
            rf"""(?:(?:early|late|mid)(?:\s+|-)|mid)?(?P<part>morning|afternoon|evening|night)
            \s+(?P<dayref>yesterday|today|tomorrow|(?P<wd>{wd_full}))(?![a-z'’-])""",
            _part_then_day,
            20,
        ),
        compile_rule(
            "deictic",
            r"""(?:(?:early|late|earlier|later)\s+)?(?<![a-z-])
            (?P<word>today|yesterday|tomorrow|tonight|overnight)(?![a-z-])""",
            _deictic,
            45,
        ),
        compile_rule(
            "weekday",
            rf"""(?:(?P<rel>this\s+past|this\s+coming|last|this|next|coming|past|previous
            |following)\s+|(?:early|late|earlier|later)\s+)?(?<![a-z-])
            (?P<wd>{wd_full})(?P<plural>s)?(?![a-z-])""",
            _weekday,
            45,
        ),
    ]
