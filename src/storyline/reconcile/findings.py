"""Findings across articles: conflicting, evolving and agreeing figures, disputed dates.

:func:`claim_findings` words each :class:`~storyline.reconcile.compare.Comparison`
as a finding and :func:`date_conflicts` reports merged events whose
articles give incompatible dates. Every summary is one sentence a reader
understands without the JSON: it names what is counted, each figure with
its hedge, its source and its article's label (marked ``satire`` when the
article is), the dates, and whether time can explain a difference.

Finding ids are hashes of the kind and the sorted claim or event ids, so
the same input gives the same ids on every run.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..models import (
    Article,
    Claim,
    Entity,
    Event,
    EventMention,
    Finding,
    Incident,
    Severity,
    Span,
)
from ..nlp.timex.dates import PRECISIONS, date_interval, date_precision, date_sort_key
from ..nlp.wording import date_words, figure_words
from . import wording
from .compare import Comparison, Figure, GroupKey, Rules, compare_claims, load_rules
from .wording import ArticleInfo

#: Evidence spans kept per finding (all claim ids are always listed).
MAX_EVIDENCE = 12
#: Figures named per side of a summary.
MAX_FIGURES = 3
#: A conflict is high severity when one side is at least this many times the
#: other (1,200 vs 4,000), medium from MEDIUM_RATIO, low below (257 vs 259).
HIGH_RATIO = 1.5
MEDIUM_RATIO = 1.1
_LAST = sys.maxsize


def finding_id(kind: str, ids: Iterable[str]) -> str:
    """A stable id from the kind and the ids of what the finding is about."""
    digest = hashlib.sha1("|".join([kind, *sorted(ids)]).encode("utf-8")).hexdigest()[:12]
    return f"{kind}-{digest}"


def claim_findings(
    claims: Iterable[Claim],
    entities: Sequence[Entity] = (),
    articles: Sequence[Article] = (),
    events: Iterable[Event] = (),
    incidents: Iterable[Incident] = (),
    rules: Rules | None = None,
) -> list[Finding]:
    """``value_conflict``, ``evolving_figure``, ``agreement`` and ``satire_not_compared``
    findings over ``claims``.

    ``events`` (merged) let claims without an incident or a subject entity be
    compared when their sentences report the same event; ``incidents`` name
    the incidents the claims count.
    """
    rules = rules or load_rules()
    claims, events = list(claims), list(events)
    names = wording.entity_names(entities)
    names.update({f"event:{e.id}": wording.describe_event(e, names) for e in events})
    names.update({f"incident:{i.id}": f"the {i.label}" for i in incidents})
    infos = wording.article_infos(articles)
    anchors = claim_events(claims, events)
    satire = frozenset(a.id for a in articles if a.tone.label == "satire")
    comparisons = compare_claims(claims, rules, anchors, publication_days(articles), satire)
    return [_claim_finding(comparison, names, infos, rules) for comparison in comparisons]


def publication_days(articles: Iterable[Article]) -> dict[str, int]:
    """Article id -> the day (ordinal) it was published, for dates metadata or a dateline gave."""
    days = {}
    for article in articles:
        interval = date_interval(article.published.given)
        if interval is not None:
            days[article.id] = interval[0].toordinal()
    return days


def claim_events(claims: Iterable[Claim], events: Iterable[Event]) -> dict[str, str]:
    """Claim id -> id of the first event with a mention in the claim's sentence.

    A claim dated before the event began cannot be about it and stays unanchored.
    """
    spans: dict[str, list[tuple[int, int, str]]] = {}
    starts: dict[str, str | None] = {}
    for event in events:
        starts[event.id] = event.date.value if event.date else None
        for mention in event.mentions:
            spans.setdefault(mention.article, []).append(
                (mention.span.start, mention.span.end, event.id)
            )
    for found in spans.values():
        found.sort()
    anchors: dict[str, str] = {}
    for claim in claims:
        found = spans.get(claim.article, [])
        at = bisect.bisect_right(found, (claim.span.start, _LAST, "")) - 1
        if at < 0 or not found[at][0] <= claim.span.start < found[at][1]:
            continue
        event_id = found[at][2]
        began, as_of = date_interval(starts[event_id]), date_interval(claim.as_of)
        if began is None or as_of is None or as_of[1] >= began[0]:
            anchors[claim.id] = event_id
    return anchors


def _claim_finding(
    comparison: Comparison,
    names: Mapping[str, str],
    infos: Mapping[str, ArticleInfo],
    rules: Rules,
) -> Finding:
    figures = [f for side in comparison.sides for f in side]
    claim_ids = tuple(dict.fromkeys(f.claim.id for f in figures))
    what = _what(comparison.key, figures, names, rules)
    sides = [_side_text(side, infos, comparison.timing) for side in comparison.sides]
    when = min((f.claim.as_of for f in figures if f.claim.as_of), key=date_sort_key, default=None)
    undated = sum(f.start is None for f in figures)
    summary = _SUMMARIES[comparison.kind, comparison.timing].format(
        what=what,
        when=date_words(when),
        dated="none of the figures is dated"
        if undated == len(figures)
        else "not every figure is dated",
        first=sides[0],
        rest=(", then " if comparison.kind == "evolving_figure" else " vs ").join(sides[1:]),
        all=" and ".join(sides),
    )
    articles = tuple(dict.fromkeys(f.claim.article for f in figures))
    return Finding(
        id=finding_id(comparison.kind, claim_ids),
        kind=comparison.kind,
        severity=_severity(comparison),
        summary=summary,
        articles=articles,
        claims=claim_ids,
        evidence=_evidence(f.claim.span for f in figures),
        incident=_incident(comparison.key),
    )


def _incident(key: GroupKey) -> str | None:
    anchor = key[0]
    return anchor.split(":", 1)[1] if anchor.startswith("incident:") else None


_SUMMARIES = {
    ("value_conflict", "same_time"): (
        "Sources disagree on {what} as of about {when}: {first} vs {rest}; "
        "time does not explain the difference."
    ),
    ("value_conflict", "same_article"): (
        "Sources disagree on {what} in one undated article: {first} vs {rest}; "
        "given side by side, time does not explain the difference."
    ),
    ("value_conflict", "undated"): (
        "Sources disagree on {what}: {first} vs {rest}; {dated}, "
        "so it is unclear whether time explains the difference."
    ),
    ("value_conflict", "later_lower"): (
        "Sources disagree on {what}: {first} vs {rest}; the later figure is lower, "
        "so time does not explain the difference."
    ),
    ("evolving_figure", "later_higher"): (
        "The figure for {what} rose over time: {first}, then {rest}; "
        "the dates explain the difference."
    ),
    ("evolving_figure", "changed"): (
        "The figure for {what} changed over time: {first}, then {rest}; "
        "the dates can explain the difference."
    ),
    ("satire_not_compared", "undated"): (
        "Satire source, not compared: {what} is given as {first} in satire, "
        "and as {rest} in the news."
    ),
    ("agreement", "same_time"): "Independent sources agree on {what}: {all}.",
    ("agreement", "same_article"): "Independent sources agree on {what}: {all}.",
}


def _what(key: GroupKey, figures: Sequence[Figure], names: Mapping[str, str], rules: Rules) -> str:
    """What the figures count: ``North Korean soldiers killed``."""
    subject, measure, _, _ = key
    texts = Counter(f.claim.subject_text.strip() for f in figures if f.claim.subject_text)
    template = rules.phrases.get(measure, "{who} (" + measure + ")")
    if subject.startswith("period:"):
        who = max(sorted(texts), key=lambda t: texts[t]) if texts else "people"
        return f"{template.format(who=who)} {_period_words(figures)}"
    name = wording.name_of(names, subject)
    if subject.startswith(("event:", "incident:")):
        who = max(sorted(texts), key=lambda t: texts[t]) if texts else "people"
        if subject.startswith("incident:"):
            return f"{template.format(who=who)} ({name})"
        return f"{template.format(who=who)} in {name}"
    if not texts:
        number = "the number" if measure.endswith("ed") else "the number of"
        return f"{number} {measure} ({name})"
    who = max(sorted(texts), key=lambda t: texts[t])
    if name not in who:
        who = f"{who} ({name})"
    return template.format(who=who)


def _period_words(figures: Sequence[Figure]) -> str:
    """How the figures name their period ("since 2011"), the most common wording."""
    texts = Counter(f.claim.scope.text for f in figures if f.claim.scope.text)
    return max(sorted(texts), key=lambda t: texts[t]) if texts else "over a period"


def _side_text(side: Sequence[Figure], infos: Mapping[str, ArticleInfo], timing: str) -> str:
    parts = [_figure_text(f, infos, timing) for f in side[:MAX_FIGURES]]
    if len(side) > MAX_FIGURES:
        parts.append(f"{len(side) - MAX_FIGURES} more")
    return ", ".join(parts)


def _figure_text(figure: Figure, infos: Mapping[str, ArticleInfo], timing: str) -> str:
    claim = figure.claim
    notes = []
    if claim.source is not None and claim.source.text.strip():
        notes.append(claim.source.text.strip())
    notes.append(wording.info_for(infos, claim.article).tag)
    if timing not in {"same_time", "same_article"}:
        notes.append(f"as of {date_words(claim.as_of)}" if figure.start else "undated")
    if timing in _OVER_TIME and figure.reported is not None and figure.reported != figure.start:
        reported = dt.date.fromordinal(figure.reported).isoformat()
        notes.append(f"reported {date_words(reported)}")
    return f"{figure_words(claim.value, claim.unit)} ({'; '.join(notes)})"


#: Timings under which a figure's date of report tells the story.
_OVER_TIME = frozenset({"later_higher", "later_lower", "changed"})


def _severity(comparison: Comparison) -> Severity:
    if comparison.kind == "agreement":
        return "low"
    if comparison.kind in ("evolving_figure", "satire_not_compared"):
        return "low"
    if (
        comparison.timing in {"undated", "later_lower", "same_article"}
        and len({f.claim.article for side in comparison.sides for f in side}) > 1
    ):
        return "medium"
    lows = [min(f.high for f in side) for side in comparison.sides]
    highs = [max(f.low for f in side) for side in comparison.sides]
    smallest, largest = min(lows), max(highs)
    ratio = largest / smallest if smallest > 0 else float("inf")
    return "high" if ratio >= HIGH_RATIO else ("medium" if ratio >= MEDIUM_RATIO else "low")


def _evidence(spans: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(dict.fromkeys(spans))[:MAX_EVIDENCE]


def date_conflicts(
    events: Iterable[Event],
    entities: Sequence[Entity] = (),
    articles: Sequence[Article] = (),
) -> list[Finding]:
    """A ``date_conflict`` for every event whose articles give incompatible dates."""
    names = wording.entity_names(entities)
    infos = wording.article_infos(articles)
    return [
        finding for event in events if (finding := _date_conflict(event, names, infos)) is not None
    ]


def _date_conflict(
    event: Event, names: Mapping[str, str], infos: Mapping[str, ArticleInfo]
) -> Finding | None:
    families = _date_families(event.mentions)
    articles = {m.article for family in families for m in family}
    if len(families) < 2 or len(articles) < 2:
        return None
    parts = []
    for family in families:
        value = max((m.date.value for m in family if m.date), key=_fineness)
        labels = wording.join_names([wording.info_for(infos, m.article).tag for m in family])
        parts.append(f"{date_words(value)} ({labels})")
    what = wording.describe_event(event, names)
    gap = _largest_gap(families)
    mentions = [m for family in families for m in family]
    return Finding(
        id=finding_id("date_conflict", [event.id]),
        kind="date_conflict",
        severity="high" if gap > 7 else ("medium" if gap > 1 else "low"),
        summary=f"Articles disagree on the date of {what}: {' vs '.join(parts)}.",
        articles=tuple(dict.fromkeys(m.article for m in mentions)),
        events=(event.id,),
        evidence=_evidence(m.span for m in mentions),
    )


def _fineness(value: str | None) -> int:
    return -PRECISIONS.index(date_precision(value) or "year")


def _date_families(mentions: Sequence[EventMention]) -> list[list[EventMention]]:
    """Dated mentions split into runs of compatible dates, in order of first appearance."""
    dated = [m for m in mentions if m.date and date_interval(m.date.value)]
    ordered = sorted(dated, key=lambda m: date_sort_key(m.date.value if m.date else None))
    families: list[list[EventMention]] = []
    end = None
    for mention in ordered:
        assert mention.date is not None
        span = date_interval(mention.date.value)
        assert span is not None
        if families and end is not None and span[0] <= end:
            families[-1].append(mention)
            end = min(end, span[1])
        else:
            families.append([mention])
            end = span[1]
    first_seen = {id(m): i for i, m in enumerate(mentions)}
    return sorted(families, key=lambda f: min(first_seen[id(m)] for m in f))


def _largest_gap(families: list[list[EventMention]]) -> int:
    """Days between the earliest-ending and the latest-starting date given."""
    spans = [date_interval(m.date.value) for f in families for m in f if m.date]
    known = [s for s in spans if s is not None]
    if not known:
        return 0
    return max(0, (max(s[0] for s in known) - min(s[1] for s in known)).days)
