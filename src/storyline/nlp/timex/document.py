"""Time expressions of a spaCy ``Doc``: the rules, plus the model's DATE/TIME entities.

The rules find and normalise most expressions. The statistical entity
recogniser then proposes more; an entity is kept only when it does not
overlap a rule's expression and reads as an absolute date (a month name
with a day or year), which ``dateparser`` normalises under our settings.
Entities that are bare numbers, ages or anything else stay out: a number
becomes a time only through a rule.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from spacy.tokens import Doc, Span

from .base import Context, Found
from .dates import Anchor, Tense
from .lexicon import alternation, load_lexicon
from .tagger import tag_text
from .tense import DocTense

_NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "GPE", "NORP"}
_PERIODS = {"day": 10, "week": 10, "month": 7, "year": 4}


def find_times(doc: Doc, anchor: Anchor | None, use_entities: bool = True) -> list[Found]:
    """Every time expression of ``doc``, resolved against ``anchor``."""
    tense = DocTense(doc)
    ctx = Context(
        text=doc.text,
        anchor=anchor,
        tense=tense,
        aspect=tense.aspect,
        blocked=[(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_LABELS],
        tag_at=functools.partial(_tag_at, doc),
    )
    found = tag_text(ctx)
    if use_entities:
        found = sorted([*found, *_entity_times(doc, ctx, found)], key=lambda f: f.start)
    return found


def _tag_at(doc: Doc, offset: int) -> str:
    """The fine-grained tag of the token starting at ``offset``, or ``""``."""
    if offset < 0:
        return ""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or len(span) == 0 or span[0].idx != offset:
        return ""
    return str(span[0].tag_)


def _entity_times(doc: Doc, ctx: Context, found: list[Found]) -> list[Found]:
    extra: list[Found] = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        if any(f.start < ent.end_char and ent.start_char < f.end for f in found):
            continue
        item = _absolute_entity(ent, ctx)
        if item is not None:
            extra.append(item)
    return extra


@functools.cache
def _month_pattern() -> re.Pattern[str]:
    names = alternation(load_lexicon().months)
    return re.compile(rf"\b(?:{names})\b\.?")


def _absolute_entity(ent: Span, ctx: Context) -> Found | None:
    """An entity with a capitalised month name and a number, parsed by dateparser."""
    text = ent.text
    if not _month_pattern().search(text) or not re.search(r"\d", text):
        return None
    tense = ctx.tense(ent.start_char, ent.end_char)
    value = parse_absolute(text, ctx.anchor, tense)
    if value is None:
        return None
    return Found(ent.start_char, ent.end_char, "DATE", value, "entity")


def parse_absolute(text: str, anchor: Anchor | None, tense: Tense) -> str | None:
    """A date string normalised by ``dateparser``, at the precision it found.

    Only reached for entities that already hold a capitalised month name and
    a number; the anchor is dateparser's relative base, and the tense says
    which way a year-less date leans.
    """
    base = dt.datetime(anchor.year, anchor.month or 1, anchor.day or 1) if anchor else None
    prefer = "past" if tense == "past" else "current_period"
    data = _date_parser(prefer, base).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    width = _PERIODS.get(str(data.period or "day"), 10)
    return str(data.date_obj.date().isoformat())[:width]


@functools.lru_cache(maxsize=64)
def _date_parser(prefer: str, base: dt.datetime | None) -> Any:
    import dateparser.date

    settings: dict[str, Any] = {"PREFER_DATES_FROM": prefer, "REQUIRE_PARTS": ["month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return dateparser.date.DateDataParser(languages=["en"], settings=settings)
