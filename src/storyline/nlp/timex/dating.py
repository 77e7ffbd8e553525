"""Dating an undated article from its content.

An article cannot be older than the events it reports as past, so the
latest explicitly dated past reference (``a defense pact signed in June
2024``) bounds its date from below; an anniversary of a known event (``80
years since Japan's defeat in World War II``) gives its year outright. The
latest of these is the inferred date, at the precision the text gives it,
with a sentence saying where it came from. A past reference only bounds the
date from below (``lower_bound``): the article may be years later, so other
expressions are not resolved against it; an anniversary's year is the
article's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .anniversaries import find_anniversaries
from .base import Found
from .dates import value_bounds
from .tense import DocTense

_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)")


@dataclass(frozen=True)
class InferredDate:
    """A date inferred from an article's text, why, and the text it rests on."""

    value: str
    reason: str
    start: int
    end: int
    lower_bound: bool = True


def explicit_past_dates(doc: Doc, found: list[Found]) -> list[Found]:
    """Dates written with their year (``June 2024``) in a past-tense clause.

    A date that opens a period ("killed since 2011", "since the war began in
    2011") says when a stretch of time began, not how recent the article is,
    and is left out.
    """
    tense = DocTense(doc)
    text = doc.text  # built from the tokens on every access: read it once
    return [
        item
        for item in found
        if is_explicit_date(text, item)
        and tense(item.start, item.end) == "past"
        and not _opens_period(text, item)
    ]


def _opens_period(text: str, item: Found) -> bool:
    """Whether "since" comes shortly before the date, in its own sentence."""
    before = text[max(0, item.start - 40) : item.start].lower()
    before = re.split(r"[.!?\n]", before)[-1]
    return re.search(r"\bsince\b", before) is not None


def is_explicit_date(text: str, item: Found) -> bool:
    """A calendar date whose year is written out, not worked out from the anchor."""
    return (
        item.type == "DATE"
        and item.value is not None
        and value_bounds(item.value) is not None
        and _YEAR_IN_TEXT.search(text, item.start, item.end) is not None
    )


def infer_published(doc: Doc, found: list[Found]) -> InferredDate | None:
    """The latest date the content puts the article at or after, or None."""
    candidates: list[tuple[str, InferredDate]] = []
    text = doc.text  # built from the tokens on every access: read it once
    for item in explicit_past_dates(doc, found):
        assert item.value is not None
        quote = text[item.start : item.end]
        reason = f"the latest date it reports as past (“{quote}”)"
        candidates.append((item.value, InferredDate(item.value, reason, item.start, item.end)))
    for anniversary in find_anniversaries(text):
        if len(anniversary.years) != 1:
            continue
        year = str(anniversary.years[0])
        quote = text[anniversary.start : anniversary.end]
        reason = (
            f"the anniversary it marks (“{quote}”: {anniversary.event.name}, "
            f"{anniversary.anchor_years[0]}, plus {anniversary.count} years)"
        )
        inferred = InferredDate(year, reason, anniversary.start, anniversary.end, lower_bound=False)
        candidates.append((year, inferred))
    if not candidates:
        return None
    return max(candidates, key=lambda c: _lower_bound(c[0]))[1]


def _lower_bound(value: str) -> tuple[int, int, int]:
    bounds = value_bounds(value)
    assert bounds is not None
    first = bounds[0]
    return first.year, first.month, first.day
