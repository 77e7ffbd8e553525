"""Where the views' links lead: one builder for the report, one for the web app.

The view builders never write an address themselves. They ask a :class:`Urls`
for one, and the caller chooses which: :data:`ANCHORS` links inside the one
report page (``#article-a1``), the web app passes its own builder whose
addresses lead to its pages (``/articles/a1``). The builders decide only
*whether* a record is linked (its target is shown); the :class:`Urls` decides
*where*.

The HTML ids the report gives its records are made here as well
(:func:`anchor_id`), so an anchor and the links to it cannot drift apart.
"""

from __future__ import annotations

import hashlib
import re
from typing import Protocol

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


def incident_mention_anchor(incident_id: str, index: int) -> str:
    """The id of an incident's ``index``-th mention in the article view."""
    return f"{anchor_id('incident', incident_id)}-m{index}"


class Urls(Protocol):
    """The address of each kind of record a view links to.

    Records shown inside an article's text (a claim, a finding's evidence, an
    incident's sentence) are given with the id of that article, so a builder
    whose articles have pages of their own can lead there.
    """

    def article(self, article_id: str) -> str: ...

    def entity(self, entity_id: str) -> str: ...

    def finding(self, finding_id: str) -> str: ...

    def incident(self, incident_id: str) -> str: ...

    def claim(self, claim_id: str, article_id: str) -> str: ...

    def evidence(self, finding_id: str, index: int, article_id: str) -> str: ...

    def incident_mention(self, incident_id: str, index: int, article_id: str) -> str: ...


class Anchors:
    """Links inside the one-page report: every record is an anchor on the page."""

    def article(self, article_id: str) -> str:
        return f"#{anchor_id('article', article_id)}"

    def entity(self, entity_id: str) -> str:
        return f"#{anchor_id('entity', entity_id)}"

    def finding(self, finding_id: str) -> str:
        return f"#{anchor_id('finding', finding_id)}"

    def incident(self, incident_id: str) -> str:
        return f"#{anchor_id('incident', incident_id)}"

    def claim(self, claim_id: str, article_id: str) -> str:
        return f"#{anchor_id('claim', claim_id)}"

    def evidence(self, finding_id: str, index: int, article_id: str) -> str:
        return f"#{evidence_anchor(finding_id, index)}"

    def incident_mention(self, incident_id: str, index: int, article_id: str) -> str:
        return f"#{incident_mention_anchor(incident_id, index)}"


#: The report's builder; the default of every view builder.
ANCHORS: Urls = Anchors()
