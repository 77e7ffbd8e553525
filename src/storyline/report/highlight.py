"""Article text split into plain-text pieces and highlight marks.

Every extracted span (time, quantity, claim, entity, event, tone evidence,
finding evidence) becomes a :class:`Highlight` over character offsets.
:func:`segment` turns the text plus its highlights into a flat list of
:class:`Piece` tokens (text, open, close) that a template renders as
properly nested ``<mark>`` elements: spans inside others nest, and a span
that crosses another is closed and reopened at the crossing, so the markup
is always well formed. Pieces hold plain text only; the template escapes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..models import Article, Entity, Story
from ..nlp.wording import unit_words, value_words
from .urls import ANCHORS, Urls, anchor_id, evidence_anchor, incident_mention_anchor
from .views import incident_labels, kind_label

HighlightKind = Literal["evidence", "tone", "event", "claim", "quantity", "time", "entity"]
#: Kinds from outermost to innermost when two spans cover the same text.
KIND_ORDER: tuple[HighlightKind, ...] = (
    "evidence",
    "tone",
    "event",
    "claim",
    "quantity",
    "time",
    "entity",
)
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


@dataclass(frozen=True)
class Highlight:
    """One span of an article to mark.

    ``anchor`` is the HTML id the span's first piece carries (links point at
    it); ``flag``/``flag_href`` put a small link at its start (a finding's
    kind, linking to the finding).
    """

    start: int
    end: int
    kind: HighlightKind
    title: str = ""
    anchor: str | None = None
    flag: str | None = None
    flag_href: str | None = None


@dataclass(frozen=True)
class Piece:
    """A token of the highlighted text: plain text, or a mark opening or closing.

    ``first`` is True on the opening that starts a highlight; a highlight
    reopened after a crossing gets ``first=False`` (no id, no flag).
    """

    type: Literal["text", "open", "close"]
    text: str = ""
    highlight: Highlight | None = None
    first: bool = False


def segment(text: str, highlights: Iterable[Highlight]) -> list[Piece]:
    """Split ``text`` into pieces so that every valid highlight covers exactly its range.

    Highlights that are empty or fall outside the text are ignored. The
    concatenated text pieces always equal ``text``, and opens and closes are
    balanced and properly nested.
    """
    valid = sorted(
        (h for h in highlights if 0 <= h.start < h.end <= len(text)),
        key=lambda h: (h.start, -h.end, _KIND_RANK[h.kind]),
    )
    bounds = sorted({0, len(text)} | {h.start for h in valid} | {h.end for h in valid})
    pieces: list[Piece] = []
    stack: list[Highlight] = []
    waiting = iter(valid)
    upcoming = next(waiting, None)
    previous = 0
    for position in bounds:
        if position > previous:
            pieces.append(Piece("text", text[previous:position]))
        previous = position
        _close_at(position, stack, pieces)
        while upcoming is not None and upcoming.start == position:
            stack.append(upcoming)
            pieces.append(Piece("open", highlight=upcoming, first=True))
            upcoming = next(waiting, None)
    return pieces


def _close_at(position: int, stack: list[Highlight], pieces: list[Piece]) -> None:
    """Close the highlights ending at ``position``, reopening any crossing them."""
    lowest = next((i for i, h in enumerate(stack) if h.end <= position), None)
    if lowest is None:
        return
    popped = stack[lowest:]
    del stack[lowest:]
    pieces.extend(Piece("close", highlight=h) for h in reversed(popped))
    for highlight in popped:
        if highlight.end > position:
            stack.append(highlight)
            pieces.append(Piece("open", highlight=highlight, first=False))


# --- collecting an article's highlights ------------------------------------


class AliasFinder:
    """Finds entity surface forms in text, longest form first, on word boundaries.

    The story records entities with their aliases, not each mention's
    offsets, so the report marks every place an alias occurs. An alias shared
    by two entities goes to the more mentioned one.
    """

    def __init__(self, entities: Sequence[Entity], min_length: int = 2) -> None:
        owners: dict[str, Entity] = {}
        for entity in sorted(entities, key=lambda e: (-e.mentions, e.id)):
            for alias in (entity.name, *entity.aliases):
                form = alias.strip()
                if len(form) >= min_length and form not in owners:
                    owners[form] = entity
        self._owners = owners
        self._pattern = re.compile(rf"(?<!\w)(?:{trie_pattern(owners)})(?!\w)") if owners else None

    def highlights(self, text: str) -> list[Highlight]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            entity = self._owners[match.group(0)]
            title = f"{entity.name} ({entity.kind})"
            found.append(Highlight(match.start(), match.end(), "entity", title=title))
        return found


def trie_pattern(forms: Iterable[str]) -> str:
    """A regular expression matching any of ``forms``, the longest where several do.

    The forms share their prefixes in a trie, so a match is tried one
    character at a time rather than form after form (a corpus has thousands
    of aliases). Each optional ending is greedy, so with a lookahead after
    it the longest form that satisfies the lookahead wins, as with an
    alternation of the forms longest first.
    """
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    branches = [
        re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"


@dataclass(frozen=True)
class ArticleView:
    id: str
    anchor: str
    title: str
    pieces: tuple[Piece, ...]
    kinds: tuple[str, ...]
    mismatched: int


def build_article_views(story: Story, urls: Urls = ANCHORS) -> tuple[ArticleView, ...]:
    """The highlighted text of every article, in the story's order.

    Every record list is read once and its spans grouped by article, so the
    work grows with the story, not with articles times records.
    """
    finder = AliasFinder(story.entities)
    spans = _spans_by_article(story, urls)
    return tuple(
        _article_view(article, [*spans.get(article.id, ()), *_tone_highlights(article)], finder)
        for article in story.articles
    )


def _article_view(article: Article, candidates: _Found, finder: AliasFinder) -> ArticleView:
    checked = [h for h, expected in candidates if _matches(article.text, h, expected)]
    highlights = checked + finder.highlights(article.text)
    return ArticleView(
        id=article.id,
        anchor=anchor_id("article", article.id),
        title=(article.title or "").strip() or article.id,
        pieces=tuple(segment(article.text, highlights)),
        kinds=tuple(kind for kind in KIND_ORDER if any(h.kind == kind for h in highlights)),
        mismatched=len(candidates) - len(checked),
    )


def _matches(text: str, highlight: Highlight, expected: str) -> bool:
    """A span is shown only where its offsets still point at the text it names."""
    return 0 <= highlight.start < highlight.end <= len(text) and (
        text[highlight.start : highlight.end] == expected
    )


def article_highlights(story: Story, article: Article) -> list[tuple[Highlight, str]]:
    """Every recorded span of ``article`` as a highlight, with the text it should cover."""
    return [*_spans_by_article(story).get(article.id, ()), *_tone_highlights(article)]


_Found = list[tuple[Highlight, str]]
_Located = Iterator[tuple[str, tuple[Highlight, str]]]


def _spans_by_article(story: Story, urls: Urls = ANCHORS) -> dict[str, _Found]:
    """Article id -> the highlights of its times, quantities, claims, events,
    incidents and finding evidence, in that order."""
    grouped: dict[str, _Found] = {}
    for located in (
        _time_highlights(story),
        _quantity_highlights(story),
        _claim_highlights(story),
        _event_highlights(story),
        _incident_highlights(story),
        _evidence_highlights(story, urls),
    ):
        for article_id, found in located:
            grouped.setdefault(article_id, []).append(found)
    return grouped


def _time_highlights(story: Story) -> _Located:
    for t in story.times:
        title = f"{t.type} {t.value or '(no value)'}"
        yield t.article, (Highlight(t.start, t.end, "time", title=title), t.text)


def _quantity_highlights(story: Story) -> _Located:
    for qty in story.quantities:
        title = f"{value_words(qty.value, qty.unit)} {unit_words(qty.unit, qty.value)}".strip()
        yield qty.article, (Highlight(qty.start, qty.end, "quantity", title=title), qty.text)


def _claim_highlights(story: Story) -> _Located:
    for claim in story.claims:
        span = claim.span
        source = claim.source.text if claim.source else "unattributed"
        title = f"{claim.measure}: {value_words(claim.value, claim.unit)} ({source})"
        anchor = anchor_id("claim", claim.id)
        yield span.article, (Highlight(span.start, span.end, "claim", title, anchor), span.text)


def _event_highlights(story: Story) -> _Located:
    for event in story.events:
        for mention in event.mentions:
            span = mention.span
            date = mention.date.value if mention.date and mention.date.value else "undated"
            title = f"{kind_label(event.type)} ({date})"
            yield span.article, (Highlight(span.start, span.end, "event", title=title), span.text)


def _incident_highlights(story: Story) -> _Located:
    """Each sentence telling an incident, marked as an event the incident section links to."""
    labels = incident_labels(story.incidents)
    for incident in story.incidents:
        for index, mention in enumerate(incident.mentions):
            span = mention.span
            title = f"incident: {labels[incident.id]} ({kind_label(mention.type)})"
            anchor = incident_mention_anchor(incident.id, index)
            highlight = Highlight(span.start, span.end, "event", title, anchor)
            yield span.article, (highlight, span.text)


def _tone_highlights(article: Article) -> _Found:
    title = f"why this reads as {article.tone.label}"
    return [
        (Highlight(span.start, span.end, "tone", title=title), span.text)
        for span in article.tone.evidence
        if span.article == article.id
    ]


def _evidence_highlights(story: Story, urls: Urls) -> _Located:
    for finding in story.findings:
        for index, span in enumerate(finding.evidence):
            highlight = Highlight(
                span.start,
                span.end,
                "evidence",
                title=finding.summary,
                anchor=evidence_anchor(finding.id, index),
                flag=kind_label(finding.kind),
                flag_href=urls.finding(finding.id),
            )
            yield span.article, (highlight, span.text)
