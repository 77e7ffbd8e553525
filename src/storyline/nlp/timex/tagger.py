"""Run every rule over a text and keep the best non-overlapping expressions.

Running two dozen patterns over every position of a long article is slow,
so each rule family has a trigger: a cheap pattern every one of its matches
contains (a month name, a unit word, a four-digit number...). A rule's own
pattern only runs in windows around its trigger's hits, and only matches
that contain a hit count.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from .base import Context, Found, Rule
from .fragments import fragments
from .rules_calendar import calendar_rules
from .rules_day import day_rules
from .rules_period import period_rules
from .rules_relative import relative_rules

#: Rule name -> trigger family (see ``fragments._triggers``); rules absent here run everywhere.
TRIGGERS: dict[str, str] = {
    "date_mdy": "month", "date_dmy": "month", "month_year": "month", "month": "month",
    "iso_date": "year", "slash_date": "digit", "year": "year", "spelled_year": "spelled",
    "decade": "decade", "century": "century", "season": "season", "holiday": "holiday",
    "clock": "clock", "part_of_day": "part_of_day", "weekday": "weekday", "quarter": "quarter",
    "the_quarter": "quarter", "relative": "calendar", "of_year": "calendar", "ago": "ago",
    "duration": "unit", "every": "every", "times_per": "times", "rate": "unit",
    "vague": "plural_unit", "edge": "edge",
}  # fmt: skip
_MARGIN = 100


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, compiled once per process."""
    fr = fragments()
    return (*calendar_rules(fr), *day_rules(fr), *period_rules(fr), *relative_rules(fr))


@functools.cache
def _trigger(family: str) -> re.Pattern[str]:
    return re.compile(fragments().triggers[family], re.IGNORECASE)


def tag_text(ctx: Context) -> list[Found]:
    """The time expressions of ``ctx.text``, in text order, never overlapping.

    Where matches overlap, the longer one wins, then the rule with the lower
    priority number: ``last Friday`` beats ``Friday``, ``the past three
    months`` beats ``three months``.
    """
    hits: dict[str, list[tuple[int, int]]] = {}
    candidates: list[tuple[Found, int]] = []
    for rule in all_rules():
        family = TRIGGERS.get(rule.name)
        if family is not None and family not in hits:
            hits[family] = [m.span() for m in _trigger(family).finditer(ctx.text)]
        for match in _matches(rule, ctx.text, hits.get(family) if family else None):
            for item in _as_list(rule.handler(match, ctx)):
                if item.end > item.start:
                    candidates.append((item, rule.priority))
    return select(candidates)


def _matches(
    rule: Rule, text: str, hits: list[tuple[int, int]] | None
) -> Iterator[re.Match[str]]:
    """Non-empty matches of a rule, only near (and around) its trigger's hits."""
    if hits is None:
        yield from (m for m in rule.pattern.finditer(text) if m.end() > m.start())
        return
    starts = [start for start, _ in hits]
    for low, high in _windows(hits, len(text)):
        for match in rule.pattern.finditer(text, low, high):
            if match.end() == match.start():
                continue
            first = bisect.bisect_left(starts, match.start())
            if first < len(hits) and hits[first][1] <= match.end():
                yield match


def _windows(hits: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in hits:
        low, high = max(0, start - _MARGIN), min(length, end + _MARGIN)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def select(candidates: Iterable[tuple[Found, int]]) -> list[Found]:
    """Longest first, then by priority; drop whatever overlaps an accepted one."""
    ordered = sorted(candidates, key=lambda c: (c[0].start - c[0].end, c[1], c[0].start))
    kept: list[Found] = []
    for item, _ in ordered:
        if all(item.end <= k.start or k.end <= item.start for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def _as_list(result: Sequence[Found] | Found | None) -> Sequence[Found]:
    if result is None:
        return ()
    if isinstance(result, Found):
        return (result,)
    return result
