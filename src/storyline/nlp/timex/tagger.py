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

from .anaphora import resolve_references
from .base import Context, Found, Rule
from .fragments import fragments
from .rules_calendar import calendar_rules
from .rules_day import day_rules
from .rules_period import period_rules
from .rules_range import range_rules
from .rules_relative import relative_rules
from .rules_vague import vague_rules
from .triggers import trigger_hits

#: Rule name -> trigger family (see :mod:`.triggers`); rules absent here run everywhere.
TRIGGERS: dict[str, str] = {
    "date_mdy": "month", "date_dmy": "month", "month_year": "month", "month": "month",
    "iso_date": "year", "slash_date": "digit", "year": "year", "spelled_year": "spelled",
    "decade": "decade", "century": "century", "season": "season", "holiday": "holiday",
    "clock": "clock", "part_of_day": "part_of_day", "weekday": "weekday", "quarter": "quarter",
    "the_quarter": "quarter", "relative": "calendar", "of_year": "calendar", "ago": "ago",
    "duration": "unit", "later": "unit", "next_day": "calendar", "every": "every",
    "times_per": "times", "rate": "unit", "vague": "plural_unit", "edge": "edge",
    "that_unit": "calendar", "range": "unit", "period_last_year": "quarter",
    "bare_plural": "plural_unit", "plural_of": "plural_unit", "part_alone": "part_of_day",
    "part_then_day": "part_of_day", "deictic": "deictic",
}  # fmt: skip
_MARGIN = 100


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, compiled once per process."""
    fr = fragments()
    return (
        *calendar_rules(fr),
        *day_rules(fr),
        *period_rules(fr),
        *relative_rules(fr),
        *vague_rules(fr),
        *range_rules(fr),
    )


def tag_text(ctx: Context) -> list[Found]:
    """The time expressions of ``ctx.text``, in text order, never overlapping.

    Where matches overlap, the longer one wins, then the rule with the lower
    priority number: ``last Friday`` beats ``Friday``, ``the past three
    months`` beats ``three months``.
    """
    hits = trigger_hits(ctx.text)
    candidates: list[tuple[Found, int]] = []
    for rule in all_rules():
        family = TRIGGERS.get(rule.name)
        if family is not None and family not in hits:
            continue
        for match in _matches(rule, ctx.text, hits[family] if family else None):
            for item in _as_list(rule.handler(match, ctx)):
                if item.end > item.start:
                    candidates.append((item, rule.priority))
    return resolve_references(attach_clock_days(select(candidates), ctx.text))


_SAME_CLAUSE = re.compile(r"(?:(?![.!?]\s+[A-Z])[^;\n]){0,30}")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def attach_clock_days(found: list[Found], text: str) -> list[Found]:
    """Give a bare clock time the day named next to it (``Friday at 10 a.m.``).

    The clock rule alone dates ``10 a.m.`` to the anchor's day; when a day
    expression sits within a few words in the same clause, that day is meant.
    """
    days = [f for f in found if f.type == "DATE" and f.value and _DAY_VALUE.match(f.value)]
    result = []
    for item in found:
        if item.rule == "clock" and item.value is not None:
            near = [d for d in days if _close(text, d, item)]
            if near:
                nearest = min(near, key=lambda d: abs(d.start - item.start))
                clock = item.value[item.value.index("T") :]
                item = Found(item.start, item.end, item.type, f"{nearest.value}{clock}", item.rule)
        result.append(item)
    return result


def _close(text: str, day: Found, clock: Found) -> bool:
    low, high = (day.end, clock.start) if day.end <= clock.start else (clock.end, day.start)
    return high - low <= 30 and _SAME_CLAUSE.fullmatch(text, low, high) is not None


def _matches(rule: Rule, text: str, hits: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
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
