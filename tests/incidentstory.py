"""A hand-made story@2 with incidents, built on the report fixture's two articles.

``inc-fight`` is told by both articles (one of them satire): its figures
are c1 (a1, "about 4,000", from officials), c3 (a2, "more than 15,000") and
c4 (a2, stated by the article itself); the value conflict between a1 and
a2 and an evolving figure across them are about it. ``inc-meeting`` is told
by a2 alone and has a single-article evolving figure, which must not be
ranked with the cross-source ones.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from storyline.models import (
    Article,
    Claim,
    EventDate,
    Finding,
    Incident,
    IncidentMention,
    Participant,
    Place,
    Scope,
    Span,
    Story,
)
from storyline.report import load_story_json

FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"


def span_of(article: Article, piece: str) -> Span:
    """The span of ``piece`` in ``article``'s text (its first occurrence)."""
    start = article.text.index(piece)
    return Span(article.id, start, start + len(piece), piece)


def incident_story() -> Story:
    story = load_story_json(FIXTURE)
    a1, a2 = story.articles
    zenda = Place("Zenda", "city", "RU", 4242, 50.25, -5.5)
    fight_a1 = IncidentMention(
        "a1",
        span_of(a1, "officials said about 4,000 soldiers had been killed"),
        "killed",
        "fighting",
        EventDate("2025-09-03", "day"),
        zenda,
        (Participant("e-ruritania", "target"),),
    )
    fight_a2 = IncidentMention(
        "a2",
        span_of(a2, "more than 15,000 Ruritanian soldiers were killed by September 1"),
        "killed",
        "fighting",
        None,
        zenda,
    )
    meeting = IncidentMention(
        "a2",
        span_of(a2, "President Rudolf Elphberg met Osterlich's envoy on September 2"),
        "met",
        "meeting",
        EventDate("2025-09-02", "day"),
    )
    incidents = (
        Incident(
            id="inc-meeting",
            type="meeting",
            label="Rudolf Elphberg meets Osterlich's envoy",
            cameo="040",
            plover="CONSULT",
            date=EventDate("2025-09-02", "day"),
            participants=(Participant("e-rudolf", "actor"), Participant("e-osterlich", "other")),
            articles=("a2",),
            mentions=(meeting,),
            events=("ev2",),
        ),
        Incident(
            id="inc-fight",
            type="fighting",
            label="Fighting near Zenda",
            cameo="190",
            place=zenda,
            date=EventDate("2025-09", "month"),
            participants=(
                Participant("e-ruritania", "target"),
                Participant("e-osterlich", "actor"),
            ),
            articles=("a1", "a2"),
            mentions=(fight_a1, fight_a2),
            claims=("c1", "c3"),
            confidence=0.75,
        ),
    )
    claims = tuple(_claim(claim) for claim in story.claims)
    findings = tuple(_finding(finding) for finding in story.findings) + _extra_findings(a1, a2)
    return dataclasses.replace(story, incidents=incidents, claims=claims, findings=findings)


def _claim(claim: Claim) -> Claim:
    if claim.id in ("c1", "c3"):
        return dataclasses.replace(
            claim, group="soldiers", incident="inc-fight", scope=Scope("incident")
        )
    if claim.id == "c4":  # listed only by naming its incident; stated without a source
        scope = Scope("period", "2025-08", None, "since August")
        return dataclasses.replace(claim, incident="inc-fight", scope=scope)
    return claim


def _finding(finding: Finding) -> Finding:
    if finding.id == "f-conflict":
        return dataclasses.replace(finding, incident="inc-fight")
    return finding


def _extra_findings(a1: Article, a2: Article) -> tuple[Finding, ...]:
    return (
        Finding(
            id="f-evolve",
            kind="evolving_figure",
            severity="low",
            summary="Soldiers killed near Zenda rose from more than 15,000 to about 4,000.",
            articles=("a1", "a2"),
            claims=("c1", "c3"),
            incident="inc-fight",
        ),
        Finding(
            id="f-evolve-one",
            kind="evolving_figure",
            severity="high",
            summary="One article gives two figures for the meeting.",
            articles=("a2",),
            evidence=(span_of(a2, "Elphberg ate cake"),),
            incident="inc-meeting",
        ),
    )
