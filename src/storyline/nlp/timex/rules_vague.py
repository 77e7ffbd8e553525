"""Rules for times named without a number.

``now``, ``recently``, ``the past`` (the fuzzy words of the lexicon), ``in
recent months`` and ``the coming weeks`` (a reference or, measured by a
perfect verb or ``over``, a length), ``for years`` and ``months of talks``
(lengths of unknown size).
"""

from __future__ import annotations

import re

from .base import Context, Found, Rule, compile_rule, found, span_of
from .fragments import Fragments
from .rules_relative import MODALS, STRETCH_PREPOSITIONS


def _fuzzy(match: re.Match[str], ctx: Context) -> Found | None:
    words = " ".join(match.group("fz").lower().split())
    if words == "soon" and ctx.word_before(match.start()).lower() == "as":
        return None  # "as soon as" is a conjunction
    if words == "the past" and _qualifies_a_noun(match.end(), ctx):
        return None  # "the past two summers", "the past season": not the past itself
    kind, value = ctx.lexicon.fuzzy[words]
    return found(match, kind, value, "fuzzy")


def _qualifies_a_noun(position: int, ctx: Context) -> bool:
    """Whether the word after ``position`` carries on a noun phrase (a count, a noun).

    Without tags, a number, a vague number or a unit or season word does.
    """
    word, tag = ctx.tagged_word_after(position)
    if not word:
        return ctx.text[position : position + 20].lstrip()[:1].isdigit()
    if tag:
        return tag.startswith(("NN", "CD", "JJ"))
    lexicon, low = ctx.lexicon, word.lower()
    return low in lexicon.numbers or low in lexicon.vague_numbers or low in lexicon.seasons


def _vague_span(match: re.Match[str], ctx: Context) -> Found | None:
    """``recent months``: a stretch up to now after ``over`` or a perfect verb, else a reference.

    ``prices have risen in recent months`` and ``over the coming weeks``
    measure a length of time (``PXM``, ``PXW``); ``the crisis of recent
    years``, ``will slow in coming months`` and ``bodes ill for coming
    quarters`` only place it (``PAST_REF``, ``FUTURE_REF``).
    """
    start, end = span_of(match)
    before = ctx.word_before(start).lower()
    unit = match.group("unit").lower()
    if match.group("w").lower() == "last" and (before in MODALS or before in {"to", "not"}):
        # "a round that may last months": the verb, then a length
        return Found(match.start("unit"), end, "DURATION", _VAGUE_UNITS[unit], "vague")
    determined = match.group(0)[:4].lower() == "the "
    if (before in STRETCH_PREPOSITIONS and (determined or before != "for")) or (
        before == "in" and ctx.aspect(start, end) == "perfect"
    ):
        return found(match, "DURATION", _VAGUE_UNITS[match.group("unit").lower()], "vague")
    ahead = match.group("w").lower() in {"coming", "next", "ensuing", "following", "upcoming"}
    return found(match, "DATE", "FUTURE_REF" if ahead else "PAST_REF", "vague")


_VAGUE_UNITS = {
    "hours": "PTXH", "minutes": "PTXM", "days": "PXD", "weeks": "PXW", "months": "PXM",
    "quarters": "PXQ", "years": "PXY", "decades": "PXE", "centuries": "PXC",
}  # fmt: skip


def _bare_plural(match: re.Match[str], ctx: Context) -> Found | None:
    """``for years``, ``within weeks``, ``over the years``: a duration of unknown length.

    A plural unit with no number counts only after a word that takes a
    length of time (the number rules, being longer, win where one is given).
    """
    return found(match, "DURATION", _VAGUE_UNITS[match.group("unit").lower()], "bare_plural")


_NOT_AFTER_OF = {"age", "the", "a", "an", "this", "that", "these", "those", "his", "her", "its"}


def _plural_of(match: re.Match[str], ctx: Context) -> Found | None:
    """``months of talks``, ``years of war``; not ``years of age`` or ``days of the week``."""
    after_of = ctx.word_after(ctx.text.index("of", match.end()) + 2).lower()
    if after_of in _NOT_AFTER_OF or after_of in ctx.lexicon.units:
        return None
    return found(match, "DURATION", _VAGUE_UNITS[match.group("unit").lower()], "plural_of")


def vague_rules(fr: Fragments) -> list[Rule]:
    """The fuzzy, vague-span, bare-plural and plural-of rules."""
    return [
        compile_rule("fuzzy", rf"(?P<fz>{fr.fuzzy})", _fuzzy, 60),
        compile_rule(
            "vague",
            r"""(?:the\s+)?(?P<w>recent|past|coming|next|last|previous|ensuing|following|upcoming)
            \s+(?P<unit>days|weeks|months|years|decades|quarters)(?![a-z])""",
            _vague_span,
            55,
        ),
        compile_rule(
            "bare_plural",
            r"""(?<![a-z])(?:for|within|in|over|after|during|been|took|take|takes|taking
            |lasting|lasted|spent|spend)\s+(?P<span>(?:the\s+(?:(?:early|first|last)\s+)?)?
            (?P<unit>hours|minutes|days|weeks|months|years|decades|centuries)
            (?:\s+or\s+(?:hours|days|weeks|months|years|decades))?)(?![a-z'’-])""",
            _bare_plural,
            58,
        ),
        compile_rule(
            "plural_of",
            r"""(?<![\w-])(?P<unit>hours|days|weeks|months|years|decades)(?=\s+of\s+[a-z])""",
            _plural_of,
            58,
        ),
    ]
