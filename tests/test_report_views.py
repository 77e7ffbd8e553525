"""Report view records: value wording, ordering, grouping, cards and anchors."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from storyline.models import (
    Article,
    Claim,
    ClaimSource,
    Entity,
    Finding,
    Published,
    Span,
    Story,
    Tone,
    Value,
)
from storyline.report import load_story_json
from storyline.report.views import (
    anchor_id,
    build_cards,
    build_entity_index,
    build_findings,
    build_header,
    group_claims,
    story_title,
)

FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story_json(FIXTURE)


def test_report_anchor_ids_are_safe_and_distinct() -> None:
    assert anchor_id("claim", "c-1") == "claim-c-1"
    hostile = anchor_id("finding", '"><script>x</script>')
    assert re.fullmatch(r"[A-Za-z0-9_-]+", hostile)
    assert anchor_id("e", "a b") != anchor_id("e", "a/b")
    assert re.fullmatch(r"e-[0-9a-f]{8}", anchor_id("e", "«»"))


def test_report_story_title_names_the_most_mentioned(story: Story) -> None:
    assert story_title(story) == "Ruritania, Osterlich and Rudolf Elphberg"
    assert story_title(Story("now")) == "Storyline report"
    one = Story("now", entities=(Entity("e1", "Atlantis", "place", mentions=1),))
    assert story_title(one) == "Atlantis"


def test_report_story_title_of_one_titled_article_is_its_title() -> None:
    byline = (Entity("e1", "Jane Doe", "person", mentions=1),)
    column = Article(
        "a", "a.txt", "The  real cost\nof the strike", "text", Published(None, "unknown")
    )
    assert story_title(Story("now", articles=(column,), entities=byline)) == (
        "The real cost of the strike"
    )
    untitled = dataclasses.replace(column, title=" ")
    assert story_title(Story("now", articles=(untitled,), entities=byline)) == "Jane Doe"
    two = Story("now", articles=(column, dataclasses.replace(column, id="b")), entities=byline)
    assert story_title(two) == "Jane Doe"


def test_report_story_title_leaves_out_a_name_a_listed_entity_goes_by() -> None:
    entities = (
        Entity("e1", "Elphberg", "person", ("Elphberg",), mentions=30),
        Entity("e2", "Rudolf Elphberg", "person", ("Rudolf Elphberg", "Elphberg"), mentions=20),
        Entity("e3", "Ruritania", "place", ("Ruritania",), mentions=10),
        Entity("e4", "Zenda", "place", ("Zenda",), mentions=5),
    )
    assert story_title(Story("now", entities=entities)) == "Elphberg, Ruritania and Zenda"


def test_report_header_counts_everything(story: Story) -> None:
    header = build_header(story)
    counts = dict(header.counts)
    assert counts == {
        "articles": 2,
        "entities": 5,
        "claims": 4,
        "events": 2,
        "incidents": 0,
        "relations": 3,
        "findings": 5,
        "skipped": 1,
    }
    assert header.generated_at == "2025-09-05T10:00:00+00:00"


def test_report_findings_put_conflicts_first_and_link_evidence(story: Story) -> None:
    views = build_findings(story)
    assert [view.kind for view in views] == [
        "value_conflict",
        "weekday_mismatch",
        "tone",
        "unattributed_figure",
        "agreement",
    ]
    conflict = views[0]
    assert [link.href for link in conflict.evidence] == [
        "#finding-f-conflict-ev0",
        "#finding-f-conflict-ev1",
    ]
    assert [link.context for link in conflict.evidence] == [
        "Troops Sent North",
        "Leaders Meet Over Cake",
    ]


def _finding(fid: str, kind: str, severity: str) -> Finding:
    return Finding(fid, kind, severity, f"{kind} {severity}")  # type: ignore[arg-type]


def test_report_findings_order_by_kind_then_severity() -> None:
    findings = (
        _finding("a", "agreement", "high"),
        _finding("b", "anachronism", "low"),
        _finding("c", "brand_new_kind", "high"),
        _finding("d", "anachronism", "high"),
        _finding("e", "date_conflict", "medium"),
        _finding("f", "value_conflict", "low"),
    )
    order = [view.id for view in build_findings(Story("now", findings=findings))]
    assert order == ["f", "e", "d", "b", "a", "c"]


def test_report_findings_do_not_link_evidence_that_cannot_be_shown() -> None:
    article = Article("a", "a.txt", "A", "Alpha beta gamma.")
    evidence = (Span("a", 0, 5, "Alpha"), Span("a", 0, 5, "Gamma"), Span("zz", 0, 5, "Alpha"))
    finding = Finding("f", "tone", "low", "s", ("a",), evidence=evidence)
    (view,) = build_findings(Story("now", articles=(article,), findings=(finding,)))
    assert [link.href for link in view.evidence] == ["#finding-f-ev0", None, None]


def test_report_group_claims_side_by_side(story: Story) -> None:
    groups = group_claims(story)
    assert [(g.measure, g.subject, g.contested) for g in groups] == [
        ("killed", "Ruritania", True),
        ("deployed", "troops", False),
        ("wounded", "Ruritania", False),
    ]
    killed = groups[0]
    assert [row.claim_id for row in killed.rows] == ["c3", "c1"]  # by as-of date
    assert [row.value for row in killed.rows] == ["more than 15,000", "about 4,000"]
    assert [row.source for row in killed.rows] == ["Officials in Zenda", "officials"]
    assert [row.tone for row in killed.rows] == ["satire", "news"]
    assert killed.rows[0].article.text == "Leaders Meet Over Cake"
    assert killed.rows[0].href == "#claim-c3"
    assert groups[1].rows[0].source is None


def _claim(cid: str, article: str, value: Value, as_of: str | None) -> Claim:
    span = Span(article, 0, 1, "x")
    source = ClaimSource(None, "someone")
    return Claim(cid, article, None, "Soldiers", "killed", value, None, as_of, source, span)


def test_report_group_claims_undated_last_and_same_values_not_contested() -> None:
    claims = (
        _claim("late", "a", Value(5, 5), None),
        _claim("early", "b", Value(5, 5), "2024-01"),
        _claim("mid", "a", Value(5, 5), "2024-02-03"),
    )
    (group,) = group_claims(Story("now", claims=claims))
    assert [row.claim_id for row in group.rows] == ["early", "mid", "late"]
    assert group.subject == "Soldiers"
    assert not group.contested
    assert group.rows[0].href is None  # the article is not in the story
    assert group.rows[0].article.href is None


def test_report_cards_say_where_the_date_came_from(story: Story) -> None:
    first, second = build_cards(story)
    assert (first.published, first.basis, first.flagged) == ("2025-09-04", "from dateline", False)
    assert (second.published, second.basis, second.flagged) == ("date unknown", "unknown", True)
    assert second.source == "https://example.org/cake"
    assert (first.findings, second.findings) == (3, 4)
    assert first.word_count == 38


@pytest.mark.parametrize(
    ("basis", "tone", "text", "flagged"),
    [
        ("metadata", "news", "from metadata", False),
        ("content", "opinion", "inferred from content", True),
        ("dateline", "analysis", "from dateline", False),
    ],
)
def test_report_card_basis_and_tone(basis: str, tone: str, text: str, flagged: bool) -> None:
    article = Article(
        "a",
        "a.txt",
        None,
        "text",
        Published("2025", basis),  # type: ignore[arg-type]
        Tone(tone),  # type: ignore[arg-type]
    )
    (card,) = build_cards(Story("now", articles=(article,)))
    assert (card.basis, card.flagged, card.title) == (text, flagged, "a")
    assert card.inferred is (basis == "content")  # marked so in the short lists


def test_report_entity_index_by_mentions_with_other_names(story: Story) -> None:
    rows = build_entity_index(story.entities)
    assert [row.name for row in rows][:2] == ["Ruritania", "Osterlich"]
    ruritania = rows[0]
    assert ruritania.aliases == ("Ruritanian",)
    assert (ruritania.kind, ruritania.country, ruritania.mentions) == ("country", "RU", 3)
    assert ruritania.anchor == "entity-e-ruritania"
