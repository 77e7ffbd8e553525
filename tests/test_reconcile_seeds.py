"""End to end on the example corpus: the cross-article account the seeds call for.

These checks need every component (entities, times, numbers); they read
only the output, never special-case the seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from storyline.models import Story
from storyline.pipeline import analyze
from storyline.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def story(nlp: Language, seeds_dir: Path) -> Story:
    return analyze([seeds_dir], Settings(progress=False), nlp=nlp).story


@pytest.fixture(scope="module")
def ids(story: Story) -> dict[str, str]:
    """Article label (``000``) -> article id."""
    return {Path(a.source).name[:3]: a.id for a in story.articles}


def names(story: Story) -> dict[str, str]:
    return {e.id: e.name for e in story.entities}


def test_reconcile_seeds_one_beijing_meeting_with_both_dates(
    story: Story, ids: dict[str, str]
) -> None:
    name = names(story)
    merged = [
        e
        for e in story.events
        if e.place
        and name.get(e.place) == "Beijing"
        and {m.article for m in e.mentions} >= {ids["001"], ids["002"]}
    ]
    assert len(merged) == 1
    dates = {(m.article, m.date.value) for m in merged[0].mentions if m.date}
    assert (ids["001"], "2025-09-03") in dates
    assert (ids["002"], "2023-10-17") in dates
    conflicts = [f for f in story.findings if f.kind == "date_conflict"]
    assert any(
        merged[0].id in f.events
        and "3 September 2025" in f.summary
        and "17 October 2023" in f.summary
        for f in conflicts
    )


def test_reconcile_seeds_casualty_conflict_within_000(story: Story, ids: dict[str, str]) -> None:
    found = [
        f
        for f in story.findings
        if f.kind == "value_conflict"
        and set(f.articles) == {ids["000"]}
        and "4,000" in f.summary
        and "1,200" in f.summary
    ]
    assert found, [f.summary for f in story.findings]
    assert "Zelenskyy" in found[0].summary and "U.S." in found[0].summary


def test_reconcile_seeds_deaths_across_000_and_002_are_set_side_by_side_not_compared(
    story: Story, ids: dict[str, str]
) -> None:
    """000 is satire: its 300 stands beside 002's 600, about one incident, uncompared."""
    found = [
        f
        for f in story.findings
        if set(f.articles) == {ids["000"], ids["002"]} and "300" in f.summary and "600" in f.summary
    ]
    assert found, [f.summary for f in story.findings]
    assert found[0].kind == "satire_not_compared"
    assert found[0].incident is not None
    assert "satire" in found[0].summary


def test_reconcile_seeds_show_their_incidents(story: Story, ids: dict[str, str]) -> None:
    by_type = {i.type: i for i in story.incidents if len(i.articles) > 1}
    meeting = by_type["meeting"]
    assert meeting.place is not None and meeting.place.name == "Beijing"
    assert set(meeting.articles) == {ids["001"], ids["002"]}
    assert {ids["000"], ids["002"]} <= set(by_type["deployment"].articles)
    casualties = by_type["casualty_report"]
    assert {ids["000"], ids["002"]} <= set(casualties.articles)
    assert casualties.confidence < 1  # 000 is undated: merged on participants and wording
    assert {c.incident for c in story.claims if c.measure == "casualties"} == {casualties.id}


def test_reconcile_seeds_relations(story: Story) -> None:
    name = names(story)
    ties = {(name.get(r.source), r.type, name.get(r.target)): r for r in story.relations}
    assert {("North Korea", "alliance", "Russia"), ("North Korea", "cooperation", "Russia")} & set(
        ties
    )
    supplies = ties[("North Korea", "supplies", "Russia")]
    assert {"troops", "artillery"} <= set(supplies.items)
    assert any(source == "China" and kind == "hosts" for source, kind, _ in ties)


def test_reconcile_seeds_timeline_has_pact_then_meeting(story: Story) -> None:
    dated = [(i.date.value or "", i.label) for i in story.timeline if i.date.value]
    pact = next(n for n, (v, label) in enumerate(dated) if v.startswith("2024-06"))
    meeting = next(
        n for n, (v, label) in enumerate(dated) if v.startswith("2025-09") and "Beijing" in label
    )
    assert pact < meeting
    assert [v for v, _ in dated] == sorted(v for v, _ in dated)
