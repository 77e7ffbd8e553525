"""From the report's in-page anchors to the web app's addresses.

The report is one page, so its view records link with fragments
(``#article-a1``, ``#finding-f1-ev0``). The app shows the same records on
several pages; :class:`Router` maps every anchor the report can link to onto
the app page that shows it, and the ``relink_*`` functions rewrite a view
record's links with it. An anchor the app does not show becomes no link at
all rather than a dead one.

Every address is built here, with record ids percent-encoded as one path
segment, so an id holding ``/``, ``"`` or ``<`` stays inside its segment.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

from ..models import Story
from ..report.highlight import ArticleView, Highlight, Piece
from ..report.incidents import IncidentView, incident_mention_anchor
from ..report.svg import GraphView, TimelineView
from ..report.views import (
    ArticleCard,
    FigureGroup,
    FindingView,
    Link,
    anchor_id,
    evidence_anchor,
)


def article_url(article_id: str, fragment: str | None = None) -> str:
    """The page of one article, optionally at an anchor inside it."""
    url = f"/articles/{quote(article_id, safe='')}"
    return f"{url}#{fragment}" if fragment else url


def entity_url(entity_id: str) -> str:
    """The page of one entity."""
    return f"/entities/{quote(entity_id, safe='')}"


def finding_url(finding_id: str) -> str:
    """The page of one finding."""
    return f"/findings/{quote(finding_id, safe='')}"


def incident_url(incident_id: str) -> str:
    """The page of one incident."""
    return f"/incidents/{quote(incident_id, safe='')}"


class Router:
    """Every report anchor of ``story`` and the app address that shows it."""

    def __init__(self, story: Story) -> None:
        targets: dict[str, str] = {}
        for article in story.articles:
            targets[anchor_id("article", article.id)] = article_url(article.id)
        for entity in story.entities:
            targets[anchor_id("entity", entity.id)] = entity_url(entity.id)
        for claim in story.claims:
            anchor = anchor_id("claim", claim.id)
            targets[anchor] = article_url(claim.span.article, anchor)
        for finding in story.findings:
            targets[anchor_id("finding", finding.id)] = finding_url(finding.id)
            for index, span in enumerate(finding.evidence):
                anchor = evidence_anchor(finding.id, index)
                targets[anchor] = article_url(span.article, anchor)
        for incident in story.incidents:
            targets[anchor_id("incident", incident.id)] = incident_url(incident.id)
            for index, mention in enumerate(incident.mentions):
                anchor = incident_mention_anchor(incident.id, index)
                targets[anchor] = article_url(mention.span.article, anchor)
        self._targets = targets

    def href(self, href: str | None) -> str | None:
        """The app address for a report link; None when the app does not show its target."""
        if href is None or not href.startswith("#"):
            return None
        return self._targets.get(href[1:])

    def link(self, link: Link) -> Link:
        return dataclasses.replace(link, href=self.href(link.href))

    def links(self, links: tuple[Link, ...]) -> tuple[Link, ...]:
        return tuple(self.link(item) for item in links)

    def maybe(self, link: Link | None) -> Link | None:
        return None if link is None else self.link(link)


def relink_finding(finding: FindingView, router: Router) -> FindingView:
    """A finding whose evidence and article links lead to the app's pages."""
    return dataclasses.replace(
        finding,
        evidence=router.links(finding.evidence),
        articles=router.links(finding.articles),
        incident=router.maybe(finding.incident),
    )


def relink_figures(group: FigureGroup, router: Router) -> FigureGroup:
    """A figures table whose values lead to their sentence and articles to their page."""
    rows = tuple(
        dataclasses.replace(
            row,
            href=router.href(row.href),
            article=router.link(row.article),
            incident=router.maybe(row.incident),
        )
        for row in group.rows
    )
    return dataclasses.replace(group, rows=rows)


def relink_card(card: ArticleCard, router: Router) -> ArticleCard:
    """An article card whose incidents lead to their pages."""
    return dataclasses.replace(card, incidents=router.links(card.incidents))


def relink_incident(view: IncidentView, router: Router) -> IncidentView:
    """An incident whose links (articles, entities, sentences, figures, findings) lead to
    the app's pages."""
    figures = tuple(
        dataclasses.replace(row, href=router.href(row.href), article=router.link(row.article))
        for row in view.figures
    )
    return dataclasses.replace(
        view,
        articles=router.links(view.articles),
        participants=tuple(
            dataclasses.replace(item, entity=router.link(item.entity)) for item in view.participants
        ),
        mentions=router.links(view.mentions),
        figures=figures,
        findings=router.links(view.findings),
    )


def relink_timeline(view: TimelineView, router: Router) -> TimelineView:
    rows = tuple(dataclasses.replace(row, href=router.href(row.href)) for row in view.rows)
    return dataclasses.replace(view, rows=rows)


def relink_graph(view: GraphView, router: Router) -> GraphView:
    nodes = tuple(dataclasses.replace(node, href=router.href(node.href)) for node in view.nodes)
    return dataclasses.replace(view, nodes=nodes)


def relink_article(view: ArticleView, router: Router) -> ArticleView:
    """An article text whose finding flags lead to the finding's page.

    A highlight is shared by its opening and closing pieces, so each is
    rewritten once and reused.
    """
    rewritten: dict[int, Highlight] = {}

    def piece(item: Piece) -> Piece:
        highlight = item.highlight
        if highlight is None or highlight.flag_href is None:
            return item
        new = rewritten.get(id(highlight))
        if new is None:
            new = dataclasses.replace(highlight, flag_href=router.href(highlight.flag_href))
            rewritten[id(highlight)] = new
        return dataclasses.replace(item, highlight=new)

    return dataclasses.replace(view, pieces=tuple(piece(item) for item in view.pieces))
