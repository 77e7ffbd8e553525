"""The story's timeline: dated events and claims in date order.

One item per merged event that has a calendar date (its best-supported
date), and one per group of claims counting the same thing as of the same
date (``North Korean soldiers killed: about 300 (000)``). Items run by the
start of their date, a coarser date (``June 2024``) before a finer one
inside it, then by label.

Events and claims without a calendar date are left out. So that a reader
knows how much is missing, the timeline ends with one item whose ``date``
is ``{"value": null}`` and whose label counts them (``Left off the
timeline for want of a date: 2 events, 5 claims``); its ``events`` and
``claims`` list their ids. It is absent when everything is dated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..models import Article, Claim, Entity, Event, EventDate, TimelineItem
from ..nlp.timex.dates import date_interval, date_precision, date_sort_key
from ..nlp.wording import figure_words
from . import wording
from .compare import GroupKey, Rules, group_key, load_rules
from .wording import ArticleInfo

#: Figures named in one claim item's label.
MAX_FIGURES = 4


def build_timeline(
    events: Iterable[Event],
    claims: Iterable[Claim],
    entities: Sequence[Entity] = (),
    articles: Sequence[Article] = (),
    rules: Rules | None = None,
) -> tuple[TimelineItem, ...]:
    """The timeline of ``events`` and ``claims`` (see the module docstring)."""
    rules = rules or load_rules()
    names = wording.entity_names(entities)
    infos = wording.article_infos(articles)
    items: list[TimelineItem] = []
    undated_events: list[str] = []
    for event in events:
        if event.date is not None and date_interval(event.date.value):
            items.append(_event_item(event, names))
        else:
            undated_events.append(event.id)
    grouped: dict[tuple[str, GroupKey | str], list[Claim]] = {}
    undated_claims: list[str] = []
    for claim in claims:
        if claim.as_of is None or date_interval(claim.as_of) is None:
            undated_claims.append(claim.id)
            continue
        key = group_key(claim, rules) or claim.id
        grouped.setdefault((claim.as_of, key), []).append(claim)
    items += [
        _claim_item(value, group, names, infos, rules) for (value, _), group in grouped.items()
    ]
    items.sort(key=lambda item: (date_sort_key(item.date.value), item.label))
    if undated_events or undated_claims:
        items.append(_undated_item(undated_events, undated_claims))
    return tuple(items)


def _event_item(event: Event, names: Mapping[str, str]) -> TimelineItem:
    assert event.date is not None
    label = wording.capitalised(wording.describe_event(event, names).removeprefix("the "))
    return TimelineItem(
        date=event.date,
        label=label,
        events=(event.id,),
        articles=tuple(dict.fromkeys(m.article for m in event.mentions)),
    )


def _claim_item(
    value: str,
    claims: Sequence[Claim],
    names: Mapping[str, str],
    infos: Mapping[str, ArticleInfo],
    rules: Rules,
) -> TimelineItem:
    first = claims[0]
    who = (first.subject_text or "").strip() or (
        wording.name_of(names, first.subject) if first.subject else "figure"
    )
    what = rules.phrases.get(first.measure, "{who} (" + first.measure + ")").format(who=who)
    figures = []
    for claim in claims[:MAX_FIGURES]:
        source = claim.source.text.strip() if claim.source and claim.source.text else ""
        tag = wording.info_for(infos, claim.article).tag
        note = f"{source}; {tag}" if source else tag
        figures.append(f"{figure_words(claim.value, claim.unit)} ({note})")
    if len(claims) > MAX_FIGURES:
        figures.append(f"{len(claims) - MAX_FIGURES} more")
    return TimelineItem(
        date=EventDate(value=value, precision=date_precision(value)),
        label=wording.capitalised(f"{what}: {', '.join(figures)}"),
        claims=tuple(c.id for c in claims),
        articles=tuple(dict.fromkeys(c.article for c in claims)),
    )


def _undated_item(events: list[str], claims: list[str]) -> TimelineItem:
    counts = []
    if events:
        counts.append(f"{len(events)} event{'s' if len(events) != 1 else ''}")
    if claims:
        counts.append(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}")
    return TimelineItem(
        date=EventDate(value=None, precision=None),
        label=f"Left off the timeline for want of a date: {', '.join(counts)}",
        events=tuple(events),
        claims=tuple(claims),
    )
