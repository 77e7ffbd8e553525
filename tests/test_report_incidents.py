"""The report's Incidents section and the ranking of "What to know first"."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

from incidentstory import incident_story
from storyline.models import EventDate, Finding, Incident, Place, Story
from storyline.report import render_report, story_to_json, validate_story
from storyline.report.html import build_report_view
from storyline.report.incidents import (
    OWN_VOICE,
    build_incidents,
    coordinates_text,
    date_text,
    place_text,
    ranked_incidents,
)
from storyline.report.views import build_cards, build_findings, cross_source, headline_ids
from test_report_safety import HOSTILE, PAYLOADS, hostile_story


@pytest.fixture(scope="module")
def story() -> Story:
    return incident_story()


@pytest.fixture(scope="module")
def html(story: Story) -> str:
    return render_report(story)


class Anchors(HTMLParser):
    """The ids and the in-page links of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if found.get("href"):
            self.hrefs.append(str(found["href"]))


def section(html: str, name: str, following: str) -> str:
    return html[html.index(f'<section id="{name}"') : html.index(f'<section id="{following}"')]


def test_report_incidents_fixture_is_valid_story_json(story: Story) -> None:
    validate_story(story_to_json(story))


def test_report_incidents_most_told_first_then_by_date() -> None:
    def incident(id: str, articles: tuple[str, ...], date: str | None) -> Incident:
        return Incident(id, "attack", id, date=EventDate(date, "day") if date else None,
                        articles=articles)  # fmt: skip

    found = ranked_incidents(
        [
            incident("undated", ("a1",), None),
            incident("late", ("a1",), "2025-09-05"),
            incident("wide", ("a1", "a2", "a3"), None),
            incident("early", ("a2",), "2025-09-01"),
            incident("two", ("a1", "a2"), "2025-09-09"),
        ]
    )
    assert [i.id for i in found] == ["wide", "two", "early", "late", "undated"]


def test_report_incidents_view_has_place_date_participants_and_articles(story: Story) -> None:
    fight, meeting = build_incidents(story)
    assert (fight.id, meeting.id) == ("inc-fight", "inc-meeting")
    assert fight.type == "fighting" and fight.codes == (("CAMEO", "190"),)
    assert fight.place == "Zenda (city, Ruritania)"
    assert fight.coordinates == "50.25° N, 5.50° W"
    assert fight.date == "2025-09 (month)"
    assert [(p.entity.text, p.entity.href, p.role) for p in fight.participants] == [
        ("Ruritania", "#entity-e-ruritania", "target"),
        ("Osterlich", "#entity-e-osterlich", "actor"),
    ]
    assert [a.href for a in fight.articles] == ["#article-a1", "#article-a2"]
    assert [m.href for m in fight.mentions] == ["#incident-inc-fight-m0", "#incident-inc-fight-m1"]
    assert [f.href for f in fight.findings] == ["#finding-f-conflict", "#finding-f-evolve"]
    assert meeting.place is None and meeting.codes == (("CAMEO", "040"), ("PLOVER", "CONSULT"))


def test_report_incidents_figures_by_slot_then_time_with_source_and_tone(story: Story) -> None:
    fight = build_incidents(story)[0]
    rows = [(r.claim_id, r.slot, r.group, r.value, r.source, r.as_of) for r in fight.figures]
    assert rows == [
        ("c4", "deployed", None, "10,000–12,000", OWN_VOICE, None),
        ("c3", "killed", "soldiers", "more than 15,000", "Officials in Zenda", "2025-09-01"),
        ("c1", "killed", "soldiers", "about 4,000", "officials", "2025-09-03"),
    ]
    deployed, satire, news = fight.figures
    assert deployed.own_voice and not satire.own_voice
    assert deployed.scope == "period: since August" and satire.scope is None
    assert (satire.tone, satire.flagged, news.tone, news.flagged) == ("satire", True, "news", False)
    assert satire.href == "#claim-c3" and satire.article.href == "#article-a2"


@pytest.mark.parametrize(
    ("place", "text"),
    [
        (None, None),
        (Place("Zenda", "city", "RU"), "Zenda (city, Ruritania)"),
        (Place("Zenda", "admin", "ZZ"), "Zenda (region, ZZ)"),
        (Place("Ruritania", "country", "RU"), "Ruritania (country)"),
        (Place("the old bridge"), "the old bridge"),
    ],
)
def test_report_incidents_place_names_its_kind_and_country(place: Place | None, text: str) -> None:
    assert place_text(place, {"RU": "Ruritania"}) == text


@pytest.mark.parametrize(
    ("place", "text"),
    [
        (Place("x", latitude=49.99, longitude=36.231), "49.99° N, 36.23° E"),
        (Place("x", latitude=-33.9, longitude=-70.65), "33.90° S, 70.65° W"),
        (Place("x", latitude=1.0), None),
        (None, None),
    ],
)
def test_report_incidents_coordinates(place: Place | None, text: str | None) -> None:
    assert coordinates_text(place) == text


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (None, "undated"),
        (EventDate(None), "undated"),
        (EventDate("2025-09-03", "day"), "2025-09-03 (day)"),
        (EventDate("2025"), "2025"),
    ],
)
def test_report_incidents_date_with_precision(date: EventDate | None, text: str) -> None:
    assert date_text(date) == text


def test_report_headline_puts_cross_source_disagreements_first(story: Story) -> None:
    # f-evolve is low severity and f-weekday would otherwise come before it;
    # f-evolve-one is about an incident too but comes from one article only.
    assert headline_ids(story) == (
        "f-conflict",
        "f-evolve",
        "f-weekday",
        "f-evolve-one",
        "f-tone",
        "f-unattr",
    )
    assert [f.id for f in build_report_view(story).headline] == list(headline_ids(story))
    every = [f.id for f in build_findings(story)]
    assert every.index("f-evolve-one") < every.index("f-evolve")  # the full list keeps its order


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, True),
        ({"incident": None}, False),
        ({"kind": "agreement"}, False),
        ({"articles": ("a1",), "claims": ()}, False),
        ({"articles": ("a1",)}, True),  # its claims come from two articles
        ({"articles": (), "claims": ()}, False),
    ],
)
def test_report_headline_cross_source_needs_incident_kind_and_two_articles(
    changes: dict[str, object], expected: bool
) -> None:
    finding = Finding("f", "value_conflict", "low", "s", ("a1", "a2"), ("c1", "c3"), incident="inc")
    changed = dataclasses.replace(finding, **changes)
    assert cross_source(changed, {"c1": "a1", "c3": "a2"}) is expected


def test_report_headline_without_incidents_is_the_old_order() -> None:
    plain = incident_story()
    plain = dataclasses.replace(
        plain, findings=tuple(dataclasses.replace(f, incident=None) for f in plain.findings)
    )
    assert headline_ids(plain) == tuple(f.id for f in build_findings(plain))[:6]


def test_report_html_incident_section_links_both_ways(html: str) -> None:
    anchors = Anchors(html)
    for href in anchors.hrefs:
        assert href.startswith("#") and href[1:] in anchors.ids, href
    incidents = section(html, "incidents", "figures")
    for anchor in ("#claim-c1", "#claim-c3", "#claim-c4", "#finding-f-conflict", "#article-a2"):
        assert f'href="{anchor}"' in incidents
    assert 'id="incident-inc-fight-m0"' in html  # the sentence, marked in its article
    assert incidents.index("Fighting near Zenda") < incidents.index("Rudolf Elphberg meets")
    for back in ("figures", "findings", "articles"):
        following = {"figures": "timeline", "findings": "articles", "articles": "entities"}[back]
        assert 'href="#incident-inc-fight"' in section(html, back, following), back


def test_report_html_incident_figures_show_own_voice_and_tone_badge(html: str) -> None:
    incidents = section(html, "incidents", "figures")
    assert '<span class="own-voice">the article itself</span>' in incidents
    assert "SATIRE" in incidents and "Merge confidence" in incidents and "75%" in incidents
    assert "period: since August" in incidents


def test_report_html_headline_leads_with_the_cross_source_evolving_figure(html: str) -> None:
    headline = section(html, "headline", "incidents")
    assert headline.index("rose from more than 15,000") < headline.index("was a Wednesday")


def test_report_header_counts_the_incidents(html: str) -> None:
    assert "<strong>2</strong> incidents" in html


def test_report_cards_link_to_the_incidents_each_article_tells(story: Story) -> None:
    cards = {card.id: [link.text for link in card.incidents] for card in build_cards(story)}
    assert cards == {"a1": ["Fighting near Zenda"], "a2": [
        "Rudolf Elphberg meets Osterlich's envoy", "Fighting near Zenda"]}  # fmt: skip


def test_report_html_without_incidents_says_so() -> None:
    story = dataclasses.replace(incident_story(), incidents=())
    incidents = section(render_report(story), "incidents", "figures")
    assert "No incidents were told." in incidents


def test_report_html_incident_text_is_escaped() -> None:
    incidents = section(render_report(hostile_story()), "incidents", "figures")
    for payload in PAYLOADS:
        assert payload not in incidents
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in incidents
    assert "the article itself" in incidents and "50.00° N, 30.00° E" in incidents
    assert HOSTILE not in incidents


def test_report_incident_quotes_stay_short_and_bounded(story: Story) -> None:
    fight = story.incidents[1]
    many = dataclasses.replace(fight, mentions=fight.mentions * 10)
    view = build_incidents(dataclasses.replace(story, incidents=(many,)))[0]
    assert len(view.mentions) == 6 and view.more_mentions == 14
    assert all(len(link.text) <= 161 for link in view.mentions)
