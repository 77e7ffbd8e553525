"""Time expressions, the article's date, and the checks that its dates agree.

- :func:`published_from_doc`: the article's date; when it had none, the one
  ``storyline_times`` inferred from the content (basis ``content``).
- :func:`times_from_doc`: every time expression as a :class:`Time`.
- :func:`time_findings`: ``anachronism`` and ``weekday_mismatch`` findings.

An article's *own date* is its publication date when metadata or a dateline
gave one; otherwise the date it gives, in its first sentences, for the event
it reports (``held on October 17, 2023``). Against that date:

- an explicitly dated event reported as past must not come after it
  (``a defense pact signed in June 2024`` in an article of October 2023);
- an anniversary of a known event must add up (``80 years since Japan's
  defeat in World War II`` means 2025);
- a person called by an office title must hold that office then, per the
  curated actor file (``U.S. President Donald Trump`` in October 2023).

A weekday written beside an explicit date must be that date's weekday.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast

from spacy.tokens import Doc

from ..models import Article, Finding, Mention, Published, Severity, Span, Time, TimeType
from ..nlp.actors import Office, fold, load_actor_file, title_matches
from ..nlp.extensions import TIMES
from ..nlp.timex.anniversaries import Anniversary, find_anniversaries
from ..nlp.timex.dates import WEEKDAY_NAMES, value_bounds
from ..nlp.timex.tense import FUTURE_AUX, DocTense, governing_verb
from ..nlp.wording import date_words

_YEAR = re.compile(r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Capitalised words before a name, with the small words titles hold ("Secretary of State").
_TITLE_RUN = re.compile(r"((?:[A-Z][\w.'’-]*\s+(?:(?:of|for|the|and)\s+)?){1,5})$")
_SKIP_TITLE = {"former", "then", "ex", "late", "elect", "acting", "interim", "outgoing", "future"}
_LEAD_SENTENCES = 2
#: "Updated September 27, 2013": when the page changed, not an event it reports.
_PAGE_STAMP = re.compile(
    r"\b(?:updated|modified|revised|edited|posted|published)\s*(?:on|at)?\s*:?\s*$", re.I
)
_WHEN_PREPOSITIONS = {"in", "on", "during", "at"}


def published_from_doc(doc: Doc, published: Published) -> Published:
    """The article's date: as given, else as inferred from its content."""
    if published.value is not None:
        return published
    value = doc._.storyline_published
    if value and doc._.storyline_published_basis == "content":
        return Published(value=str(value), basis="content", reason=doc._.storyline_published_reason)
    return published


def times_from_doc(doc: Doc) -> tuple[Time, ...]:
    """Every time expression ``storyline_times`` found, in text order."""
    if TIMES not in doc.spans:
        return ()
    article = str(doc._.storyline_article or "")
    found = (
        Time(
            article=article,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            type=cast(TimeType, span.label_),
            value=span._.storyline_value,
        )
        for span in doc.spans[TIMES]
    )
    return tuple(sorted(found, key=lambda t: (t.start, t.end)))


@dataclass(frozen=True)
class OwnDate:
    """A date the article is at: its publication date or the date it claims."""

    value: str
    first: dt.date
    last: dt.date
    time: Time | None = None

    def intro(self, article: Article) -> str:
        """How a summary introduces the article and this date."""
        if self.time is None:
            return f"Article {article.label} is dated {date_words(self.value)}"
        return (
            f"Article {article.label} dates the events it reports to {date_words(self.value)} "
            f"(“{_phrase_before(self.time, article.text)}”)"
        )


@dataclass(frozen=True)
class _Draft:
    kind: str
    severity: Severity
    summary: str
    evidence: tuple[Span, ...]


def time_findings(
    doc: Doc, article: Article, times: tuple[Time, ...], mentions: tuple[Mention, ...]
) -> tuple[Finding, ...]:
    """The article's ``anachronism`` and ``weekday_mismatch`` findings."""
    own = own_dates(doc, article, times)
    drafts = [
        *_past_events_after(doc, article, times, own),
        *_anniversaries(doc, article, own),
        *_office_titles(article, mentions, own),
        *_weekday_mismatches(article, times),
    ]
    drafts.sort(key=lambda d: (d.kind, min((s.start for s in d.evidence), default=0)))
    counters: dict[str, int] = {}
    findings = []
    for draft in drafts:
        counters[draft.kind] = counters.get(draft.kind, 0) + 1
        findings.append(
            Finding(
                id=f"f-{article.id}-{draft.kind}-{counters[draft.kind]}",
                kind=draft.kind,
                severity=draft.severity,
                summary=draft.summary,
                articles=(article.id,),
                evidence=draft.evidence,
            )
        )
    return tuple(findings)


def own_dates(doc: Doc, article: Article, times: tuple[Time, ...]) -> list[OwnDate]:
    """The article's publication date when reliable, else the dates its lead claims."""
    given = article.published.given
    if given:
        bounds = value_bounds(given)
        return [OwnDate(given, *bounds)] if bounds else []
    lead_end = _lead_end(doc)
    tense = DocTense(doc)
    claimed = []
    for time in times:
        if time.start >= lead_end or time.value is None or not _DAY_VALUE.match(time.value):
            continue
        before = article.text[max(0, time.start - 4) : time.start].lower()
        if not _YEAR.search(time.text) or not before.endswith("on "):
            continue
        bounds = value_bounds(time.value)
        if bounds and tense(time.start, time.end) != "future":
            claimed.append(OwnDate(time.value, *bounds, time=time))
    return claimed


def _lead_end(doc: Doc) -> int:
    if doc.has_annotation("SENT_START"):
        sentences = list(doc.sents)[:_LEAD_SENTENCES]
        return sentences[-1].end_char if sentences else 0
    ends = [m.end() for m in re.finditer(r"[.!?](?:\s|$)", doc.text)][:_LEAD_SENTENCES]
    return ends[-1] if ends else len(doc.text)


def _past_events_after(
    doc: Doc, article: Article, times: tuple[Time, ...], own: list[OwnDate]
) -> list[_Draft]:
    tense = DocTense(doc)
    drafts = []
    for time in times:
        if time.type != "DATE" or time.value is None or not _YEAR.search(time.text):
            continue
        bounds = value_bounds(time.value)
        if bounds is None or tense(time.start, time.end) != "past":
            continue
        if _sentence_looks_ahead(doc, time) or not _dates_an_action(doc, time):
            continue
        if _PAGE_STAMP.search(article.text, max(0, time.start - 20), time.start):
            continue
        for date in own:
            if date.time == time or bounds[0] <= date.last:
                continue
            phrase = _event_phrase(doc, time, article.text)
            summary = f"{date.intro(article)} but reports as already past “{phrase}”."
            evidence = _spans(article, date.time, (time.start, time.end))
            drafts.append(_Draft("anachronism", "high", summary, evidence))
    return drafts


def _sentence_looks_ahead(doc: Doc, time: Time) -> bool:
    """Whether the date's sentence speaks of the future anywhere (``which will be ...``).

    The parse may hang ``in July 2006`` on the sentence's past verb when it
    belongs to a clause about what will happen; a false anachronism is worse
    than a missed one, so such a sentence is not used as evidence.
    """
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return False
    return any(t.tag_ == "MD" and t.lower_ in FUTURE_AUX for t in span.sent)


def _dates_an_action(doc: Doc, time: Time) -> bool:
    """Whether the date says when a verb's action happened (``signed in June 2024``).

    A year that names a thing (``his 1990 estimate``, ``1990 earnings``), a
    deadline (``debentures due March 15, 2007``) or an end (``until 1993``) is
    no report of a past event. Without a parse every date counts.
    """
    if not doc.has_annotation("DEP"):
        return True
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in {"npadvmod", "tmod"}:
        return root.head.tag_.startswith("VB")
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in _WHEN_PREPOSITIONS
        and root.head.head.tag_.startswith("VB")
    )


def _event_phrase(doc: Doc, time: Time, text: str) -> str:
    """The words that say what happened at ``time`` (``a defense pact signed ... in June 2024``).

    ``text`` is ``doc.text``, which spaCy rebuilds from the tokens on every access.
    """
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    verb = governing_verb(span) if span is not None else None
    start = time.start
    if verb is not None:
        if verb.dep_ in {"acl", "relcl"}:
            start = min(start, verb.head.left_edge.idx)
        else:
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            start = min(start, subjects[0].left_edge.idx if subjects else verb.idx)
    if time.start - start > 160:
        start = verb.idx if verb is not None and verb.idx < time.start else time.start
    return " ".join(text[start : time.end].split())


def _anniversaries(doc: Doc, article: Article, own: list[OwnDate]) -> list[_Draft]:
    drafts = []
    for item in find_anniversaries(doc.text):
        for date in own:
            if any(date.first.year <= year <= date.last.year for year in item.years):
                continue
            summary = (
                f"{date.intro(article)}, but “{_squash(article.text[item.start : item.end])}” "
                f"points to {_years_text(item)}."
            )
            evidence = _spans(article, date.time, (item.start, item.end))
            drafts.append(_Draft("anachronism", "medium", summary, evidence))
    return drafts


def _years_text(item: Anniversary) -> str:
    """``2025 (World War II ended in 1945)``: the year meant and why."""
    event, years = item.event, item.years
    if len(years) > 1:
        return f"{years[0]}–{years[-1]} ({event.name}: {event.start}–{event.end})"
    anchor = item.anchor_years[0]
    if event.start == event.end:
        return f"{years[0]} ({event.name}: {anchor})"
    verb = "ended" if anchor == event.end else "began"
    return f"{years[0]} ({event.name} {verb} in {anchor})"


def _office_titles(
    article: Article, mentions: tuple[Mention, ...], own: list[OwnDate]
) -> list[_Draft]:
    if not own:
        return []
    data = load_actor_file()
    actors = {actor.key: actor for actor in data.actors if actor.kind == "person"}
    drafts = []
    for mention in mentions:
        actor = actors.get(mention.key)
        found = _title_before(article.text, mention) if actor is not None else None
        if actor is None or found is None:
            continue
        start, title = found
        offices = [o for o in actor.offices if title_matches(o, title, data.titles)]
        if not offices:
            continue
        for date in own:
            if date.first > data.checked_through or _held(offices, date):
                continue
            written = _squash(article.text[start : mention.start])
            summary = (
                f"{date.intro(article)}, but names {actor.name} as “{written}”, which "
                f"{actor.name} was only {_periods(offices)}."
            )
            evidence = _spans(article, date.time, (start, mention.end))
            drafts.append(_Draft("anachronism", "medium", summary, evidence))
    return drafts


def _title_before(text: str, mention: Mention) -> tuple[int, str] | None:
    """Where the capitalised run before a name starts, and the office title in it.

    ``U.S. President Donald Trump`` gives the run ``U.S. President`` and the
    title ``President``; ``former President``, ``then-President`` and
    ``President-elect`` give nothing, as they make no claim about the date.
    """
    low = max(0, mention.start - 60)
    run = _TITLE_RUN.search(text, low, mention.start)
    if run is None:
        return None
    words = run.group(1).split()
    lexicon = load_actor_file().titles
    if any(set(fold(w).split()) & _SKIP_TITLE for w in words):
        return None
    if fold(text[low : run.start()]).endswith(tuple(_SKIP_TITLE)):
        return None
    title_words = [w for w in words if fold(w) in lexicon.words]
    if not title_words or fold(words[-1]) not in lexicon.words:
        return None
    return run.start(), " ".join(words[words.index(title_words[0]) :])


def _held(offices: list[Office], date: OwnDate) -> bool:
    return any(o.start <= date.last and (o.end is None or date.first <= o.end) for o in offices)


def _periods(offices: list[Office]) -> str:
    parts = []
    for office in sorted(offices, key=lambda o: o.start):
        start = date_words(office.start.isoformat())
        if office.end is None:
            parts.append(f"since {start}")
        else:
            parts.append(f"from {start} to {date_words(office.end.isoformat())}")
    return " and ".join(parts)


def _weekday_mismatches(article: Article, times: tuple[Time, ...]) -> list[_Draft]:
    reliable = article.published.given is not None
    drafts = []
    for time in times:
        if time.value is None or not _DAY_VALUE.match(time.value):
            continue
        named = next((i for i, n in enumerate(WEEKDAY_NAMES) if time.text.startswith(n[:3])), None)
        if named is None or not re.search(r"\d", time.text):
            continue
        if not (_YEAR.search(time.text) or reliable):
            continue
        day = dt.date.fromisoformat(time.value)
        if day.weekday() == named:
            continue
        summary = (
            f"Article {article.label} calls {date_words(time.value)} a {WEEKDAY_NAMES[named]}, "
            f"but that day was a {WEEKDAY_NAMES[day.weekday()]}."
        )
        drafts.append(
            _Draft(
                "weekday_mismatch", "medium", summary, _spans(article, None, (time.start, time.end))
            )
        )
    return drafts


def _spans(article: Article, own: Time | None, *ranges: tuple[int, int]) -> tuple[Span, ...]:
    pieces = ([(own.start, own.end)] if own is not None else []) + list(ranges)
    return tuple(Span(article.id, s, e, article.text[s:e]) for s, e in pieces)


def _phrase_before(time: Time, text: str) -> str:
    """The date with the few words that introduce it (``held on October 17, 2023``)."""
    head = text[max(0, time.start - 40) : time.start]
    words = head.split()[-2:] if not head.endswith("\n") else []
    return _squash(" ".join([*words, time.text]))


def _squash(text: str) -> str:
    return " ".join(text.split())
