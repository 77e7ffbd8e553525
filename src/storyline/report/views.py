"""What the report shows, as plain records built from a :class:`Story`.

The templates only lay these records out; every decision about order,
grouping and wording is made here (how numbers and quotes read, in
:mod:`storyline.nlp.wording`; the incidents, in :mod:`.incidents`), in small functions
that are tested on their own. Nothing here produces markup: article-derived text stays plain
text and the templates escape it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Article, Claim, Entity, Finding, Incident, Span, Story
from ..nlp.wording import excerpt, truncate, unit_words, value_words
from .urls import ANCHORS, Urls, anchor_id

#: Finding kinds in the order a reader should meet them; unknown kinds come last.
FINDING_ORDER: tuple[str, ...] = (
    "value_conflict",
    "date_conflict",
    "anachronism",
    "weekday_mismatch",
    "evolving_figure",
    "tone",
    "unattributed_figure",
    "agreement",
)
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
BASIS_TEXT = {
    "dateline": "from dateline",
    "metadata": "from metadata",
    "content": "inferred from content",
    "unknown": "unknown",
}
#: Finding kinds that set one source's figures against another's.
CROSS_SOURCE_KINDS = frozenset({"value_conflict", "evolving_figure"})
#: Tones a reader must be warned about before trusting an article's claims.
FLAGGED_TONES = frozenset({"satire", "opinion"})
#: Findings under "What to know first".
HEADLINE_SIZE = 6


# --- header ---------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """The top of the report: what the story is about and how much was read."""

    title: str
    counts: tuple[tuple[str, int], ...]
    generated_at: str


def story_title(story: Story, top: int = 3) -> str:
    """The story's most-mentioned entities (``A, B and C``), else a plain fallback.

    A story of one titled article takes that title: its most-mentioned name
    may be no more than the byline of a column ("Jane Doe is a former
    planner"). An entity that another one already listed goes by is left
    out: a bare surname kept apart because several people share it ("Trump")
    does not stand beside the full name that also answers to it ("Donald
    Trump").
    """
    if len(story.articles) == 1 and (story.articles[0].title or "").strip():
        return " ".join((story.articles[0].title or "").split())
    ranked = sorted(
        (entity for entity in story.entities if entity.mentions > 0),
        key=lambda entity: (-entity.mentions, entity.name),
    )
    chosen: list[Entity] = []
    for entity in ranked:
        if len(chosen) == top:
            break
        if not any(_goes_by(entity, other) or _goes_by(other, entity) for other in chosen):
            chosen.append(entity)
    names = [entity.name for entity in chosen]
    if not names:
        return "Storyline report"
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _goes_by(entity: Entity, other: Entity) -> bool:
    """Whether ``other`` is also known by ``entity``'s name."""
    return entity.name in other.aliases


def build_header(story: Story) -> Header:
    counts = (
        ("articles", len(story.articles)),
        ("entities", len(story.entities)),
        ("claims", len(story.claims)),
        ("events", len(story.events)),
        ("incidents", len(story.incidents)),
        ("relations", len(story.relations)),
        ("findings", len(story.findings)),
        ("skipped", len(story.skipped)),
    )
    return Header(story_title(story), counts, story.generated_at)


# --- findings -------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link inside the report; ``href`` is None when its target is not shown."""

    text: str
    href: str | None
    context: str = ""


@dataclass(frozen=True)
class FindingView:
    id: str
    anchor: str
    kind: str
    kind_label: str
    severity: str
    summary: str
    evidence: tuple[Link, ...]
    articles: tuple[Link, ...]
    incident: Link | None = None


def finding_sort_key(finding: Finding) -> tuple[int, int, str]:
    """Conflicts and anachronisms first, high severity first within a kind."""
    try:
        kind_rank = FINDING_ORDER.index(finding.kind)
    except ValueError:
        kind_rank = len(FINDING_ORDER)
    return kind_rank, SEVERITY_ORDER.get(finding.severity, 3), finding.id


def headline_ids(story: Story, size: int = HEADLINE_SIZE) -> tuple[str, ...]:
    """The ids of the findings under "What to know first", in their order.

    Sources disagreeing about one incident come first (see
    :func:`cross_source`), then every other finding in :func:`finding_sort_key`
    order. The report and the web app's front page both show this ranking.
    """
    claim_articles = {claim.id: claim.article for claim in story.claims}
    ranked = sorted(
        story.findings,
        key=lambda finding: (not cross_source(finding, claim_articles), finding_sort_key(finding)),
    )
    return tuple(finding.id for finding in ranked[:size])


def cross_source(finding: Finding, claim_articles: Mapping[str, str]) -> bool:
    """Whether ``finding`` sets figures from more than one article about one incident against
    each other (a value conflict or an evolving figure with its ``incident`` set).

    ``claim_articles`` maps claim ids to their article ids.
    """
    if finding.incident is None or finding.kind not in CROSS_SOURCE_KINDS:
        return False
    articles = {
        *finding.articles,
        *(span.article for span in finding.evidence),
        *(claim_articles[claim] for claim in finding.claims if claim in claim_articles),
    }
    return len(articles) > 1


def kind_label(kind: str) -> str:
    """``value_conflict`` -> ``value conflict``."""
    return kind.replace("_", " ")


def build_findings(story: Story, urls: Urls = ANCHORS) -> tuple[FindingView, ...]:
    """Every finding, most important first, with links to its evidence."""
    links = Linker(story, urls)
    return tuple(
        _finding_view(finding, links) for finding in sorted(story.findings, key=finding_sort_key)
    )


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _figure_in(summary: str, text: str) -> str:
    """The first number of a finding's summary that its evidence text also holds, or ``""``."""
    return next((n for n in _NUMBER.findall(summary) if n in text), "")


def span_shown(span: Span, texts: dict[str, str]) -> bool:
    """True when the article view can mark ``span``: its offsets point at its text."""
    text = texts.get(span.article)
    return (
        text is not None
        and 0 <= span.start < span.end <= len(text)
        and text[span.start : span.end] == span.text
    )


def _finding_view(finding: Finding, links: Linker) -> FindingView:
    evidence = tuple(
        Link(
            text=excerpt(span.text, 160, _figure_in(finding.summary, span.text)),
            href=links.evidence(finding.id, index, span),
            context=links.titles.get(span.article, span.article),
        )
        for index, span in enumerate(finding.evidence)
    )
    articles = tuple(links.article(article_id) for article_id in finding.articles)
    return FindingView(
        id=finding.id,
        anchor=anchor_id("finding", finding.id),
        kind=finding.kind,
        kind_label=kind_label(finding.kind),
        severity=finding.severity,
        summary=finding.summary,
        evidence=evidence,
        articles=articles,
        incident=links.incident(finding.incident),
    )


#: Links to an article name it by at most this much of its title (its card shows it whole).
LINK_TITLE_CHARS = 80


def article_titles(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> what links call it: its title (cut to :data:`LINK_TITLE_CHARS`), else its id.

    The whole title is shown once, on the article's card; a figure or finding
    that links to the article repeats only this short name.
    """
    return {
        article.id: truncate((article.title or "").strip(), LINK_TITLE_CHARS) or article.id
        for article in articles
    }


def incident_labels(incidents: Iterable[Incident]) -> dict[str, str]:
    """Incident id -> what to call it (its label, else its type)."""
    return {
        incident.id: incident.label.strip() or kind_label(incident.type) for incident in incidents
    }


def incident_articles(incident: Incident) -> tuple[str, ...]:
    """The ids of the articles that tell ``incident``: its own list, then any its mentions add."""
    found = dict.fromkeys(incident.articles)
    found.update(dict.fromkeys(mention.article for mention in incident.mentions))
    return tuple(found)


class Linker:
    """The links every view builder makes, to records of ``story``, addressed by ``urls``.

    A link has an address only when its target is shown: an article or
    incident of the story, a span whose offsets still point at its text.
    """

    def __init__(self, story: Story, urls: Urls) -> None:
        self.urls = urls
        self.titles = article_titles(story.articles)
        self.texts = {article.id: article.text for article in story.articles}
        self.labels = incident_labels(story.incidents)

    def article(self, article_id: str) -> Link:
        href = self.urls.article(article_id) if article_id in self.titles else None
        return Link(text=self.titles.get(article_id, article_id), href=href)

    def incident(self, incident_id: str | None) -> Link | None:
        """None for no incident; a link without an address for one the story lacks."""
        if incident_id is None:
            return None
        href = self.urls.incident(incident_id) if incident_id in self.labels else None
        return Link(text=self.labels.get(incident_id, incident_id), href=href)

    def claim(self, claim: Claim) -> str | None:
        shown = span_shown(claim.span, self.texts)
        return self.urls.claim(claim.id, claim.span.article) if shown else None

    def evidence(self, finding_id: str, index: int, span: Span) -> str | None:
        shown = span_shown(span, self.texts)
        return self.urls.evidence(finding_id, index, span.article) if shown else None


# --- figures --------------------------------------------------------------


@dataclass(frozen=True)
class ClaimRow:
    claim_id: str
    href: str | None
    value: str
    unit: str
    source: str | None
    article: Link
    article_id: str
    as_of: str | None
    tone: str
    incident: Link | None = None


@dataclass(frozen=True)
class FigureGroup:
    measure: str
    subject: str
    rows: tuple[ClaimRow, ...]
    contested: bool


def subject_label(claim: Claim, entities: dict[str, Entity]) -> str:
    """What a claim counts, in words: its entity's name, else its own text."""
    if claim.subject is not None and claim.subject in entities:
        return entities[claim.subject].name
    return claim.subject_text or claim.subject or "unspecified"


def group_claims(story: Story, urls: Urls = ANCHORS) -> tuple[FigureGroup, ...]:
    """Claims grouped by measure and subject, contested groups first.

    A group is contested when its claims do not all state the same value.
    Within a group claims run by as-of date (undated last), then by the
    article's publication date.
    """
    entities = {entity.id: entity for entity in story.entities}
    articles = {article.id: article for article in story.articles}
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in story.claims:
        key = (claim.measure, claim.subject or subject_label(claim, entities).casefold())
        groups[key].append(claim)
    links = Linker(story, urls)
    views = [_figure_group(claims, entities, articles, links) for claims in groups.values()]
    return tuple(
        sorted(views, key=lambda group: (not group.contested, -len(group.rows), group.measure))
    )


def _figure_group(
    claims: Sequence[Claim],
    entities: dict[str, Entity],
    articles: dict[str, Article],
    links: Linker,
) -> FigureGroup:
    def order(claim: Claim) -> tuple[bool, str, str, str]:
        article = articles.get(claim.article)
        published = article.published.value if article and article.published.value else ""
        return claim.as_of is None, claim.as_of or "", published, claim.id

    rows = tuple(_claim_row(claim, articles, links) for claim in sorted(claims, key=order))
    distinct = {(claim.value.low, claim.value.high, claim.value.qualifier) for claim in claims}
    return FigureGroup(
        measure=claims[0].measure,
        subject=subject_label(claims[0], entities),
        rows=rows,
        contested=len(distinct) > 1,
    )


def _claim_row(claim: Claim, articles: dict[str, Article], links: Linker) -> ClaimRow:
    article = articles.get(claim.article)
    return ClaimRow(
        claim_id=claim.id,
        href=links.claim(claim) if claim.span.article == claim.article else None,
        value=value_words(claim.value, claim.unit),
        unit=unit_words(claim.unit, claim.value),
        source=claim.source.text if claim.source is not None else None,
        article=links.article(claim.article),
        article_id=claim.article,
        as_of=claim.as_of,
        tone=article.tone.label if article is not None else "unknown",
        incident=links.incident(claim.incident),
    )


# --- articles, entities, skipped --------------------------------------------


@dataclass(frozen=True)
class ArticleCard:
    id: str
    anchor: str
    title: str
    source: str
    published: str
    basis: str
    tone: str
    tone_score: float
    flagged: bool
    word_count: int
    findings: int
    incidents: tuple[Link, ...] = ()
    #: The date was inferred from what the article tells, not given with it:
    #: short lists mark it so that it is not read as the date of publication.
    inferred: bool = False


def build_cards(story: Story, urls: Urls = ANCHORS) -> tuple[ArticleCard, ...]:
    """One card per article, in the story's order, linking to the incidents it tells."""
    per_article: dict[str, int] = defaultdict(int)
    for finding in story.findings:
        for article_id in set(finding.articles):
            per_article[article_id] += 1
    told: dict[str, list[Link]] = defaultdict(list)
    labels = incident_labels(story.incidents)
    for incident in story.incidents:
        for article_id in incident_articles(incident):
            told[article_id].append(Link(labels[incident.id], urls.incident(incident.id)))
    return tuple(
        ArticleCard(
            id=article.id,
            anchor=anchor_id("article", article.id),
            title=(article.title or "").strip() or article.id,
            source=article.url or article.source,
            published=article.published.value or "date unknown",
            basis=_basis_text(article),
            tone=article.tone.label,
            tone_score=article.tone.score,
            flagged=article.tone.label in FLAGGED_TONES,
            word_count=article.word_count,
            findings=per_article[article.id],
            incidents=tuple(told[article.id]),
            inferred=article.published.basis == "content",
        )
        for article in story.articles
    )


@dataclass(frozen=True)
class EntityRow:
    anchor: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    mentions: int


def build_entity_index(entities: Iterable[Entity]) -> tuple[EntityRow, ...]:
    """Entities by mention count, then name; aliases sorted and without the name itself."""
    ranked = sorted(entities, key=lambda entity: (-entity.mentions, entity.name.casefold()))
    return tuple(
        EntityRow(
            anchor=anchor_id("entity", entity.id),
            name=entity.name,
            kind=entity.kind,
            country=entity.country,
            aliases=_other_names(entity),
            mentions=entity.mentions,
        )
        for entity in ranked
    )


def _other_names(entity: Entity) -> tuple[str, ...]:
    others = {alias for alias in entity.aliases if alias != entity.name}
    return tuple(sorted(others, key=str.casefold))


def _basis_text(article: Article) -> str:
    """Where the date came from; an inferred date also says how it was inferred."""
    text = BASIS_TEXT.get(article.published.basis, article.published.basis)
    reason = article.published.reason
    return f"{text}: {reason}" if article.published.basis == "content" and reason else text
