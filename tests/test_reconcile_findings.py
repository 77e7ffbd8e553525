"""Claim reconciliation findings: conflicts, evolutions, agreements, and what is not a conflict."""

from __future__ import annotations

import dataclasses

import pytest

from storyline.models import (
    Article,
    Claim,
    ClaimSource,
    Entity,
    Event,
    EventDate,
    EventMention,
    Finding,
    Published,
    Qualifier,
    Span,
    Tone,
    Value,
)
from storyline.reconcile.compare import bounds, compare_claims, is_increment, load_rules
from storyline.reconcile.findings import claim_findings, date_conflicts

ENTITIES = (
    Entity(id="e-kenya", name="Kenya", kind="country", country="KE"),
    Entity(id="e-geneva", name="Geneva", kind="place", country="CH"),
    Entity(id="e-macron", name="Emmanuel Macron", kind="person", country="FR"),
    Entity(id="e-ruto", name="William Ruto", kind="person", country="KE"),
)


def article(article_id: str, tone: str = "news") -> Article:
    return Article(
        id=article_id,
        source=f"examples/{article_id}_x1y2.txt",
        title=f"Title {article_id}",
        text="",
        published=Published("2024-06-01", "dateline"),
        tone=Tone(label=tone),  # type: ignore[arg-type]
    )


def claim(
    claim_id: str,
    article_id: str,
    amount: float,
    qualifier: Qualifier = "approximately",
    *,
    measure: str = "killed",
    as_of: str | None = "2024-06-01",
    source: str | None = None,
    entity: str | None = None,
    text: str | None = None,
    high: float | None = None,
    subject: str | None = "e-kenya",
    subject_text: str | None = "Kenyan soldiers",
) -> Claim:
    body = text or f"{source or 'Someone'} said {amount:,.0f} Kenyan soldiers were {measure}."
    offset = 100 * int(claim_id.lstrip("c"))
    return Claim(
        id=claim_id,
        article=article_id,
        subject=subject,
        subject_text=subject_text,
        measure=measure,
        value=Value(low=amount, high=high if high is not None else amount, qualifier=qualifier),
        unit="soldier",
        as_of=as_of,
        source=ClaimSource(entity=entity, text=source) if source else None,
        span=Span(article=article_id, start=offset, end=offset + len(body), text=body),
    )


def findings(claims: list[Claim], *tones: tuple[str, str]) -> list[Finding]:
    ids = sorted({c.article for c in claims})
    tone_of = dict(tones)
    return claim_findings(claims, ENTITIES, [article(i, tone_of.get(i, "news")) for i in ids])


def kinds(found: list[Finding]) -> list[str]:
    return [f.kind for f in found]


def test_reconcile_findings_conflict_within_one_article_names_both_sources() -> None:
    found = findings(
        [
            claim("c1", "000", 4000, source="Ukrainian President Volodymyr Zelenskyy"),
            claim("c2", "000", 1200, source="U.S. estimates"),
        ]
    )
    assert kinds(found) == ["value_conflict"]
    summary = found[0].summary
    assert "about 1,200 (U.S. estimates; 000)" in summary
    assert "about 4,000 (Ukrainian President Volodymyr Zelenskyy; 000)" in summary
    assert "time does not explain" in summary
    assert found[0].severity == "high"
    assert set(found[0].claims) == {"c1", "c2"}
    assert len(found[0].evidence) == 2


def test_reconcile_findings_later_higher_toll_is_an_evolving_figure() -> None:
    found = findings(
        [
            claim("c1", "000", 300, as_of="2024-11-20", source="recent reports"),
            claim("c2", "002", 600, as_of="2025-01-15", source="the intelligence agency"),
        ]
    )
    assert kinds(found) == ["evolving_figure"]
    assert "rose over time" in found[0].summary
    assert "the dates explain the difference" in found[0].summary
    assert "as of 20 November 2024" in found[0].summary


def test_reconcile_findings_one_articles_history_is_not_an_evolving_figure() -> None:
    text = "In 1988 a bombing killed 11 soldiers; in 1998 one killed 200 soldiers."
    found = findings(
        [
            claim("c1", "a1", 11, "exact", as_of="1988-12-21", text=text),
            claim("c2", "a1", 200, "exact", as_of="1998-08-07", text=text + " "),
        ]
    )
    assert kinds(found) == []


def test_reconcile_findings_later_lower_toll_is_a_conflict_time_cannot_explain() -> None:
    found = findings(
        [
            claim("c1", "002", 600, as_of="2024-11-20"),
            claim("c2", "000", 300, as_of="2025-01-15"),
        ]
    )
    assert kinds(found) == ["value_conflict"]
    assert "the later figure is lower, so time does not explain" in found[0].summary


def test_reconcile_findings_undated_figure_says_time_is_unclear() -> None:
    found = findings([claim("c1", "000", 300, as_of=None), claim("c2", "002", 600)])
    assert kinds(found) == ["value_conflict"]
    assert "unclear whether time explains" in found[0].summary
    assert "undated" in found[0].summary


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ((2000, "at_least"), (20000, "at_least"), False),
        ((259, "exact"), (200, "more_than"), True),
        ((100, "at_most"), (1000, "at_most"), False),
    ],
)
def test_reconcile_findings_open_bounds_agree_only_on_about_the_same_number(
    first: tuple[float, Qualifier], second: tuple[float, Qualifier], agree: bool
) -> None:
    found = findings(
        [
            claim("c1", "a", first[0], first[1], source="the ministry"),
            claim("c2", "b", second[0], second[1], source="a relief agency"),
        ]
    )
    assert kinds(found) == (["agreement"] if agree else [])


def test_reconcile_findings_independent_agreement_counts_reprints_once() -> None:
    agree = findings(
        [
            claim("c1", "a", 600, source="the intelligence agency"),
            claim("c2", "b", 610, "exact", source="a military spokesman"),
        ]
    )
    assert kinds(agree) == ["agreement"]
    assert agree[0].summary.startswith("Independent sources agree on Kenyan soldiers killed:")
    reprint = "The agency said about 600 Kenyan soldiers were killed."
    same = findings(
        [
            claim("c1", "a", 600, source="the agency", text=reprint),
            claim("c2", "b", 600, source="the agency", text=reprint),
        ]
    )
    assert same == []
    copied = findings([claim("c1", "a", 600, text=reprint), claim("c2", "b", 600, text=reprint)])
    assert copied == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((600, "approximately", None), (550, "more_than", None)),
        ((4000, "up_to", None), (1200, "approximately", None)),
        ((600, "exact", None), (620, "exact", None)),
        ((10000, "range", 12000), (11000, "approximately", None)),
        ((300, "at_least", None), (2700, "exact", None)),
        ((500, "less_than", None), (480, "approximately", None)),
    ],
)
def test_reconcile_findings_compatible_hedges_are_not_conflicts(
    first: tuple[float, Qualifier, float | None], second: tuple[float, Qualifier, float | None]
) -> None:
    found = findings(
        [
            claim("c1", "a", first[0], first[1], high=first[2], source="one source"),
            claim("c2", "b", second[0], second[1], high=second[2], source="another source"),
        ]
    )
    assert "value_conflict" not in kinds(found)


def test_reconcile_findings_different_measures_or_subjects_are_not_compared() -> None:
    found = findings(
        [
            claim("c1", "a", 300, measure="killed"),
            claim("c2", "a", 2700, measure="wounded"),
            claim("c3", "b", 4000, measure="killed", subject="e-other", subject_text="rebels"),
        ]
    )
    assert found == []


def test_reconcile_findings_increments_are_not_compared_with_totals() -> None:
    extra = claim(
        "c1",
        "a",
        10000,
        "range",
        high=12000,
        measure="deployed",
        text="Kim is sending an additional 10,000 to 12,000 troops this October.",
    )
    total = claim("c2", "b", 15000, "more_than", measure="deployed")
    assert is_increment(extra, load_rules())
    assert not is_increment(total, load_rules())
    assert findings([extra, total]) == []


def test_reconcile_findings_satire_is_marked_in_the_summary() -> None:
    found = findings(
        [claim("c1", "000", 4000, source="a minister"), claim("c2", "001", 1200, source="a rival")],
        ("000", "satire"),
    )
    assert kinds(found) == ["satire_not_compared"]
    assert "(a minister; 000, satire;" in found[0].summary
    assert "(a rival; 001;" in found[0].summary
    assert found[0].summary.startswith("Satire source, not compared")


def test_reconcile_findings_ids_are_stable() -> None:
    claims = [claim("c1", "a", 4000), claim("c2", "b", 1200)]
    assert [f.id for f in findings(claims)] == [f.id for f in findings(list(reversed(claims)))]


def test_reconcile_findings_ambiguous_figures_stay_out_of_the_sides() -> None:
    found = findings(
        [
            claim("c1", "a", 4000, "up_to", source="estimates"),
            claim("c2", "a", 4000, source="the president"),
            claim("c3", "a", 1200, source="officials"),
        ]
    )
    assert kinds(found) == ["value_conflict"]
    assert set(found[0].claims) == {"c2", "c3"}


def test_reconcile_findings_compare_groups_never_mix_keys() -> None:
    claims = [claim(f"c{i}", f"a{i % 7}", 100 + i, measure=f"m{i % 5}") for i in range(200)]
    for comparison in compare_claims(claims):
        assert len({f.claim.measure for side in comparison.sides for f in side}) == 1


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("exact", (570.0, 630.0)),
        ("approximately", (540.0, 660.0)),
        ("more_than", (600.0, float("inf"))),
        ("up_to", (0.0, 600.0)),
    ],
)
def test_reconcile_findings_hedges_become_intervals(
    qualifier: Qualifier, expected: tuple[float, float]
) -> None:
    result = bounds(Value(600, 600, qualifier), load_rules())
    assert result is not None
    assert result == pytest.approx(expected)


def dated_event(event_id: str, dates: dict[str, str]) -> Event:
    mentions = tuple(
        EventMention(
            article=a,
            span=Span(article=a, start=0, end=7, text="meeting"),
            date=EventDate(value=v, precision="day"),
        )
        for a, v in dates.items()
    )
    return Event(
        id=event_id,
        type="meeting",
        participants=("e-macron", "e-ruto"),
        place="e-geneva",
        date=mentions[0].date,
        mentions=mentions,
    )


def test_reconcile_findings_date_conflict_names_both_dates_and_articles() -> None:
    event = dated_event("ev-1", {"001": "2025-09-03", "002": "2023-10-17"})
    found = date_conflicts([event], ENTITIES, [article("001"), article("002")])
    assert kinds(found) == ["date_conflict"]
    assert found[0].summary == (
        "Articles disagree on the date of the meeting between Emmanuel Macron and William Ruto "
        "in Geneva: 3 September 2025 (001) vs 17 October 2023 (002)."
    )
    assert found[0].severity == "high"
    assert found[0].events == ("ev-1",)


def test_reconcile_findings_compatible_dates_are_no_date_conflict() -> None:
    event = dated_event("ev-1", {"001": "2025-09-03", "002": "2025-09"})
    assert date_conflicts([event], ENTITIES, [article("001"), article("002")]) == []


def test_reconcile_findings_figures_without_subject_need_a_shared_event() -> None:
    loose = [
        claim("c1", "a", 168, "exact", subject=None, subject_text="people"),
        claim("c2", "b", 224, "exact", subject=None, subject_text="people"),
    ]
    assert findings(loose) == []
    event = Event(
        id="ev-1",
        type="attack",
        participants=(),
        place="e-geneva",
        mentions=tuple(EventMention(article=c.article, span=c.span, date=None) for c in loose),
    )
    tied = claim_findings(loose, ENTITIES, [article("a"), article("b")], [event])
    assert kinds(tied) == ["value_conflict"]


def test_reconcile_findings_free_phrase_measures_are_not_compared() -> None:
    assert findings([claim("c1", "a", 12, measure="be"), claim("c2", "b", 19, measure="be")]) == []


def test_reconcile_findings_troops_and_soldiers_count_the_same_thing() -> None:
    troops = claim("c1", "a", 600)
    soldiers = claim("c2", "b", 6000)
    found = findings([troops, dataclasses.replace(soldiers, unit="troop")])
    assert kinds(found) == ["value_conflict"]


def test_reconcile_findings_two_figures_of_one_sentence_are_a_breakdown() -> None:
    text = "The crash killed 259 people on the plane and 11 on the ground."
    plane = claim("c1", "a", 259, "exact", text=text)
    ground = dataclasses.replace(claim("c2", "a", 11, "exact", text=text), span=plane.span)
    assert findings([plane, ground]) == []


@pytest.mark.parametrize(
    ("sources", "conflict"),
    [
        ((None, None), False),  # one article, unattributed: a breakdown, not a dispute
        (("the army", None), False),  # only one side attributed
        (("the army", "the army"), False),  # one source giving two parts
        (("the army", "aid groups"), True),  # the article sets two sources against each other
    ],
)
def test_reconcile_one_article_conflicts_need_two_sources(
    sources: tuple[str | None, str | None], conflict: bool
) -> None:
    first, second = sources
    claims = [
        claim("c1", "a1", 224, "exact", source=first, text="In all 224 soldiers were killed."),
        claim("c2", "a1", 11, "exact", source=second, text="At the base 11 soldiers were killed."),
    ]
    kinds = [f.kind for f in findings(claims)]
    assert ("value_conflict" in kinds) is conflict


@pytest.mark.parametrize(
    ("dates", "kind"),
    [
        (("2024-06-01", "2024-06-03"), "evolving_figure"),  # the toll rose within days
        (("2024-06-03", "2024-06-01"), "value_conflict"),  # a later, lower toll
        (("2024-06-02", "2024-06-02"), "value_conflict"),  # the same day
    ],
)
def test_reconcile_toll_rising_within_days_is_evolving(dates: tuple[str, str], kind: str) -> None:
    claims = [
        claim("c1", "a1", 8, "exact", as_of=dates[0], source="officials"),
        claim("c2", "a2", 12, "exact", as_of=dates[1], source="the embassy"),
    ]
    kinds = {f.kind for f in findings(claims)}
    assert kind in kinds
    assert ({"value_conflict", "evolving_figure"} - {kind}).isdisjoint(kinds)


@pytest.mark.parametrize(
    ("published", "basis", "kind"),
    [
        (("2024-06-01", "2024-06-03"), "dateline", "evolving_figure"),  # Sunday's count is higher
        (("2024-06-03", "2024-06-01"), "dateline", "value_conflict"),  # the later report is lower
        (("2024-06-01", "2024-06-03"), "content", "value_conflict"),  # inferred dates say nothing
    ],
)
def test_reconcile_toll_of_one_day_reported_later_is_evolving(
    published: tuple[str, str], basis: str, kind: str
) -> None:
    """Both give the toll of the day of the attack; the articles came out on different days."""
    claims = [
        claim("c1", "a1", 8, "exact", as_of="2024-06-01", source="officials"),
        claim("c2", "a2", 12, "exact", as_of="2024-06-01", source="the embassy"),
    ]
    articles = [
        dataclasses.replace(article(name), published=Published(date, basis))  # type: ignore[arg-type]
        for name, date in zip(("a1", "a2"), published, strict=True)
    ]
    results = claim_findings(claims, ENTITIES, articles)
    found = {f.kind for f in results}
    assert kind in found
    assert ({"value_conflict", "evolving_figure"} - {kind}).isdisjoint(found)
    if kind == "evolving_figure":
        (summary,) = [f.summary for f in results if f.kind == kind]
        assert "8 (officials; a1; as of 1 June 2024), then 12 (the embassy; a2; " in summary
        assert "reported 3 June 2024" in summary
