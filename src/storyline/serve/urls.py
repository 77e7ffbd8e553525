"""The web app's addresses: a page per article, entity, finding and incident.

:class:`AppUrls` is the app's :class:`~storyline.report.urls.Urls`: the
report's view builders take it and their links lead to these pages instead of
the report's in-page anchors. A record shown inside an article's text (a
claim, a finding's evidence, an incident's sentence) is the article's page at
that record's anchor.

Every address is built here, with record ids percent-encoded as one path
segment, so an id holding ``/``, ``"`` or ``<`` stays inside its segment.
"""

from __future__ import annotations

from urllib.parse import quote

from ..report.urls import anchor_id, evidence_anchor, incident_mention_anchor


def _page(kind: str, record_id: str, fragment: str | None = None) -> str:
    url = f"/{kind}/{quote(record_id, safe='')}"
    return f"{url}#{fragment}" if fragment else url


class AppUrls:
    """Addresses of the app's pages."""

    def article(self, article_id: str, fragment: str | None = None) -> str:
        """The page of one article, optionally at an anchor inside it."""
        return _page("articles", article_id, fragment)

    def entity(self, entity_id: str) -> str:
        return _page("entities", entity_id)

    def finding(self, finding_id: str) -> str:
        return _page("findings", finding_id)

    def incident(self, incident_id: str) -> str:
        return _page("incidents", incident_id)

    def claim(self, claim_id: str, article_id: str) -> str:
        return self.article(article_id, anchor_id("claim", claim_id))

    def evidence(self, finding_id: str, index: int, article_id: str) -> str:
        return self.article(article_id, evidence_anchor(finding_id, index))

    def incident_mention(self, incident_id: str, index: int, article_id: str) -> str:
        return self.article(article_id, incident_mention_anchor(incident_id, index))


#: The one builder the app's pages use.
URLS = AppUrls()
