"""Several outlets on several incidents of one conflict: hand-written reports through `analyze`.

`tests/data/incidents/conflict_coverage.jsonl` holds six short reports written for
this test (not taken from any outlet): three on one market strike whose toll
the outlets give differently and that rises the next day, two on one barrel-bomb
attack, one on a downed helicopter that recalls an old chemical attack, with a
war total and a second strike elsewhere mixed in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from storyline.models import Story
from storyline.pipeline import analyze
from storyline.settings import Settings

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "data" / "incidents" / "conflict_coverage.jsonl"


@pytest.fixture(scope="module")
def story(nlp: Language) -> Story:
    return analyze([CORPUS], Settings(progress=False), nlp=nlp).story


def incident_of(story: Story, article: str, value: float) -> str | None:
    return next(c.incident for c in story.claims if c.article == article and c.value.low == value)


def test_reconcile_incident_story_one_strike_across_three_outlets(story: Story) -> None:
    market = incident_of(story, "a1", 23)
    assert market is not None
    assert incident_of(story, "a2", 30) == market == incident_of(story, "a3", 32)
    assert incident_of(story, "a4", 15) == incident_of(story, "a5", 12) != market
    assert incident_of(story, "a4", 8) not in (market, incident_of(story, "a4", 15))


def test_reconcile_incident_story_disagreement_is_about_one_incident(story: Story) -> None:
    conflicts = [f for f in story.findings if f.kind == "value_conflict"]
    assert conflicts, [f.summary for f in story.findings]
    market = incident_of(story, "a1", 23)
    assert {f.incident for f in conflicts} == {market}
    claims = {c.id: c for c in story.claims}
    for finding in conflicts:
        assert {claims[i].incident for i in finding.claims} == {finding.incident}


def test_reconcile_incident_story_totals_and_background_stay_out(story: Story) -> None:
    total = next(c for c in story.claims if c.value.low == 280000)
    assert total.scope.kind == "period" and total.incident is None
    old = next(c for c in story.claims if c.value.low == 1429)
    assert old.scope.kind == "background"
    kinds = {"value_conflict", "evolving_figure", "agreement"}
    compared = {i for f in story.findings if f.kind in kinds for i in f.claims}
    assert total.id not in compared and old.id not in compared


def test_reconcile_incident_story_every_article_has_its_toll(story: Story) -> None:
    tolls = {c.article for c in story.claims if c.measure == "killed" and c.incident}
    assert tolls == {a.id for a in story.articles}
