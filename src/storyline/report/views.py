"""What the report shows, as plain records built from a :class:`Story`.

The templates only lay these records out; every decision about order,
grouping and wording is made here, in small functions that are tested on
their own. Nothing here produces markup: article-derived text stays plain
text and the templates escape it.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Article, Claim, Entity, Finding, Span, Story, Value

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
#: Tones a reader must be warned about before trusting an article's claims.
FLAGGED_TONES = frozenset({"satire", "opinion"})
HEADLINE_SIZE = 6
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")


def anchor_id(prefix: str, raw: str) -> str:
    """An HTML id for a record id: readable when ``raw`` is already safe, unique always.

    Ids come from the data, so anything outside ``[A-Za-z0-9_-]`` is replaced
    and a short digest of the original keeps two different ids apart.
    """
    if _SAFE_ID.fullmatch(raw):
        return f"{prefix}-{raw}"
    slug = "-".join(_SAFE_ID.findall(raw))[:40]
    digest = hashlib.blake2s(raw.encode("utf-8"), digest_size=4).hexdigest()
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def evidence_anchor(finding_id: str, index: int) -> str:
    """The id of a finding's ``index``-th evidence span in the article view."""
    return f"{anchor_id('finding', finding_id)}-ev{index}"


def format_number(number: float) -> str:
    """``4000`` -> ``4,000``; ``2.5`` -> ``2.5``; at most two decimals."""
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_value(value: Value) -> str:
    """A claimed number with its hedge written out: ``≈ 4,000``, ``up to 4,000``..."""
    low, high = value.low, value.high
    if value.qualifier == "range" and low is not None and high is not None and low != high:
        return f"{format_number(low)}–{format_number(high)}"
    qualifier = value.qualifier
    if qualifier == "range":  # a range with one bound is a one-sided hedge
        qualifier = "up_to" if low is None else "at_least" if high is None else "exact"
    upper = qualifier in ("at_most", "up_to", "less_than")
    first, second = (high, low) if upper else (low, high)
    number = first if first is not None else second
    if number is None:
        return "unknown"
    return f"{_HEDGE_PREFIX.get(qualifier, '')}{format_number(number)}"


_HEDGE_PREFIX = {
    "approximately": "≈ ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "up_to": "up to ",
    "less_than": "less than ",
}


_IRREGULAR_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women"}
#: ISO 4217 codes a quantity unit may hold; shown in capitals before the reader's eye.
_CURRENCIES = frozenset(
    "usd eur gbp jpy cny rub uah krw kpw inr chf cad aud brl try ils irr sar".split()  # noqa: SIM905
)


def format_unit(unit: str | None, value: Value | None = None) -> str:
    """How a normalised unit reads after a number: ``percent`` -> ``%``, ``usd`` -> ``USD``.

    Count nouns are put in the plural unless ``value`` is exactly one
    (``soldier`` -> ``soldiers``), so a figure reads as a phrase.
    """
    if unit is None:
        return ""
    if unit == "percent":
        return "%"
    if unit in _CURRENCIES:
        return unit.upper()
    words = unit.replace("_", " ")
    single = value is not None and value.qualifier == "exact" and value.low == value.high == 1
    return words if single else pluralize(words)


def pluralize(noun: str) -> str:
    """English plural of the last word of ``noun`` (regular rules and a few irregulars)."""
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[last]
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last if last.endswith("s") else last + "es"
    elif len(last) > 1 and last.endswith("y") and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def truncate(text: str, limit: int = 140) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis past ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


# --- header ---------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """The top of the report: what the story is about and how much was read."""

    title: str
    counts: tuple[tuple[str, int], ...]
    generated_at: str


def story_title(story: Story, top: int = 3) -> str:
    """The story's most-mentioned entities (``A, B and C``), else a plain fallback."""
    ranked = sorted(
        (entity for entity in story.entities if entity.mentions > 0),
        key=lambda entity: (-entity.mentions, entity.name),
    )
    names = [entity.name for entity in ranked[:top]]
    if not names:
        return "Storyline report"
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def build_header(story: Story) -> Header:
    counts = (
        ("articles", len(story.articles)),
        ("entities", len(story.entities)),
        ("claims", len(story.claims)),
        ("events", len(story.events)),
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


def finding_sort_key(finding: Finding) -> tuple[int, int, str]:
    """Conflicts and anachronisms first, high severity first within a kind."""
    try:
        kind_rank = FINDING_ORDER.index(finding.kind)
    except ValueError:
        kind_rank = len(FINDING_ORDER)
    return kind_rank, SEVERITY_ORDER.get(finding.severity, 3), finding.id


def kind_label(kind: str) -> str:
    """``value_conflict`` -> ``value conflict``."""
    return kind.replace("_", " ")


def build_findings(story: Story) -> tuple[FindingView, ...]:
    """Every finding, most important first, with links to its evidence."""
    titles = article_titles(story.articles)
    texts = {article.id: article.text for article in story.articles}
    return tuple(
        _finding_view(finding, titles, texts)
        for finding in sorted(story.findings, key=finding_sort_key)
    )


def span_shown(span: Span, texts: dict[str, str]) -> bool:
    """True when the article view can mark ``span``: its offsets point at its text."""
    text = texts.get(span.article)
    return (
        text is not None
        and 0 <= span.start < span.end <= len(text)
        and text[span.start : span.end] == span.text
    )


def _finding_view(finding: Finding, titles: dict[str, str], texts: dict[str, str]) -> FindingView:
    evidence = tuple(
        Link(
            text=truncate(span.text, 160),
            href=f"#{evidence_anchor(finding.id, index)}" if span_shown(span, texts) else None,
            context=titles.get(span.article, span.article),
        )
        for index, span in enumerate(finding.evidence)
    )
    articles = tuple(_article_link(article_id, titles) for article_id in finding.articles)
    return FindingView(
        id=finding.id,
        anchor=anchor_id("finding", finding.id),
        kind=finding.kind,
        kind_label=kind_label(finding.kind),
        severity=finding.severity,
        summary=finding.summary,
        evidence=evidence,
        articles=articles,
    )


def article_titles(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> what to call it (its title, else its id)."""
    return {article.id: (article.title or "").strip() or article.id for article in articles}


def _article_link(article_id: str, titles: dict[str, str]) -> Link:
    href = f"#{anchor_id('article', article_id)}" if article_id in titles else None
    return Link(text=titles.get(article_id, article_id), href=href)


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


def group_claims(story: Story) -> tuple[FigureGroup, ...]:
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
    views = [
        _figure_group(claims, entities, articles, article_titles(story.articles))
        for claims in groups.values()
    ]
    return tuple(
        sorted(views, key=lambda group: (not group.contested, -len(group.rows), group.measure))
    )


def _figure_group(
    claims: Sequence[Claim],
    entities: dict[str, Entity],
    articles: dict[str, Article],
    titles: dict[str, str],
) -> FigureGroup:
    def order(claim: Claim) -> tuple[bool, str, str, str]:
        article = articles.get(claim.article)
        published = article.published.value if article and article.published.value else ""
        return claim.as_of is None, claim.as_of or "", published, claim.id

    rows = tuple(_claim_row(claim, articles, titles) for claim in sorted(claims, key=order))
    distinct = {(claim.value.low, claim.value.high, claim.value.qualifier) for claim in claims}
    return FigureGroup(
        measure=claims[0].measure,
        subject=subject_label(claims[0], entities),
        rows=rows,
        contested=len(distinct) > 1,
    )


def _claim_row(claim: Claim, articles: dict[str, Article], titles: dict[str, str]) -> ClaimRow:
    article = articles.get(claim.article)
    texts = {article.id: article.text} if article is not None else {}
    return ClaimRow(
        claim_id=claim.id,
        href=f"#{anchor_id('claim', claim.id)}" if span_shown(claim.span, texts) else None,
        value=format_value(claim.value),
        unit=format_unit(claim.unit, claim.value),
        source=claim.source.text if claim.source is not None else None,
        article=_article_link(claim.article, titles),
        article_id=claim.article,
        as_of=claim.as_of,
        tone=article.tone.label if article is not None else "unknown",
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


def build_cards(story: Story) -> tuple[ArticleCard, ...]:
    """One card per article, in the story's order."""
    per_article: dict[str, int] = defaultdict(int)
    for finding in story.findings:
        for article_id in set(finding.articles):
            per_article[article_id] += 1
    titles = article_titles(story.articles)
    return tuple(
        ArticleCard(
            id=article.id,
            anchor=anchor_id("article", article.id),
            title=titles[article.id],
            source=article.url or article.source,
            published=article.published.value or "date unknown",
            basis=_basis_text(article),
            tone=article.tone.label,
            tone_score=article.tone.score,
            flagged=article.tone.label in FLAGGED_TONES,
            word_count=article.word_count,
            findings=per_article[article.id],
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


def spans_of(findings: Iterable[Finding], article_id: str) -> list[tuple[Finding, int, Span]]:
    """Each finding's evidence spans that fall in ``article_id``, with their index."""
    return [
        (finding, index, span)
        for finding in findings
        for index, span in enumerate(finding.evidence)
        if span.article == article_id
    ]


def _basis_text(article: Article) -> str:
    """Where the date came from; an inferred date also says how it was inferred."""
    text = BASIS_TEXT.get(article.published.basis, article.published.basis)
    reason = article.published.reason
    return f"{text}: {reason}" if article.published.basis == "content" and reason else text
