"""The rule for the first end of a range of lengths.

``two to six days`` holds two lengths, as TIMEX3 marks them: the second
number carries its unit and the length rule finds it; the first borrows
that unit here (``two`` is ``P2D``). Ages (``25 or 30 years old``) stay out.
"""

from __future__ import annotations

import re

from .base import Context, Found, Rule, compile_rule, span_of
from .fragments import Fragments, parse_number
from .resolve import duration_value


def _range_start(match: re.Match[str], ctx: Context) -> Found | None:
    unit = ctx.lexicon.units[match.group("unit").lower()]
    count = parse_number(match.group("num"), ctx.lexicon)
    if count is None or parse_number(match.group("num2"), ctx.lexicon) is None:
        return None
    if match.group("old") or (match.group("num").isdigit() and 1000 <= count <= 2100):
        return None  # "25 or 30 years old"; "1990 to 1995 years" is no length
    start, end = span_of(match)
    return Found(
        start,
        end,
        "DURATION",
        duration_value(count, unit.letter, unit.multiplier, unit.clock),
        "range",
    )


def range_rules(fr: Fragments) -> list[Rule]:
    """The range-start rule."""
    return [
        compile_rule(
            "range",
            rf"""(?<![\w$£€.,-])(?P<span>(?P<num>{fr.number}))\s*(?:to|or|-|–)\s*
            (?P<num2>{fr.number})[\s-]+(?P<unit>{fr.unit})(?P<old>[\s-]+old(?![a-z]))?""",
            _range_start,
            40,
        ),
    ]
