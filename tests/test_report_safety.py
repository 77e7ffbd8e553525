"""Article text is data, never markup: a hostile story renders as plain text."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

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
    Incident,
    IncidentMention,
    Participant,
    Place,
    Published,
    Quantity,
    Relation,
    Scope,
    Skipped,
    Span,
    Story,
    Time,
    TimelineItem,
    Tone,
    Value,
)
from storyline.report import render_report
from storyline.report.svg import render_graph_svg, render_timeline_svg

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">click</a>'
CLOSE = "</textarea></div>"
PAYLOADS = (SCRIPT, IMG, LINK, CLOSE)
HOSTILE = " ".join(PAYLOADS)


def _span(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span('evil"><b>', start, start + len(piece), piece)


def hostile_story() -> Story:
    """Every place article-derived text can reach the report holds every payload."""
    aid = 'evil"><b>'
    text = f"{HOSTILE}\n4 September 2025 officials said {IMG} 4,000 {SCRIPT} died. {LINK} {CLOSE}"
    whole = Span(aid, 0, len(text), text)
    number = _span(text, "4,000")
    article = Article(
        id=aid,
        source=f"javascript:alert(1)//{CLOSE}",
        title=HOSTILE,
        text=text,
        published=Published("2025-09-04", "dateline"),
        tone=Tone("opinion", 0.7, (_span(text, SCRIPT),)),
        word_count=12,
        url="javascript:alert(1)",
    )
    entity = Entity(f"e{SCRIPT}", HOSTILE, "person", (IMG, LINK, CLOSE), None, 4)
    other = Entity("e2", LINK, "group", (), None, 1)
    claim = Claim(
        f"c{IMG}",
        aid,
        entity.id,
        HOSTILE,
        f"killed{SCRIPT}",
        Value(4000, 4000, "approximately"),
        f"soldier{IMG}",
        f"2025{CLOSE}",
        ClaimSource(entity.id, HOSTILE),
        whole,
        group=HOSTILE,
        scope=Scope("period", f"2025{SCRIPT}", None, HOSTILE),
        incident=f"i{LINK}",
    )
    own_voice = dataclasses.replace(claim, id=f"c2{CLOSE}", source=None)
    place = Place(HOSTILE, "text", f"R{IMG}", None, 50.0, 30.0)
    mention = IncidentMention(
        aid, number, f"died{SCRIPT}", f"attack{IMG}", EventDate(HOSTILE), place
    )
    incident = Incident(
        f"i{LINK}",
        f"attack{CLOSE}",
        HOSTILE,
        cameo=SCRIPT,
        plover=IMG,
        place=place,
        date=EventDate(f"2025{SCRIPT}", HOSTILE),
        participants=(Participant(entity.id, "actor"), Participant(f"x{IMG}", "target")),
        articles=(aid, f"gone{SCRIPT}"),
        mentions=(mention,),
        claims=(claim.id,),
        confidence=0.5,
    )
    return Story(
        generated_at=f"2025-09-05{SCRIPT}",
        articles=(article,),
        skipped=(Skipped(f"{IMG}.txt", HOSTILE),),
        entities=(entity, other),
        times=(Time(aid, *_offsets(text, "4 September 2025"), "DATE", f"2025{SCRIPT}"),),
        quantities=(Quantity(aid, number.start, number.end, number.text, Value(4000, 4000), IMG),),
        claims=(claim, own_voice),
        events=(
            Event(
                f"ev{CLOSE}",
                f"meeting{SCRIPT}",
                (entity.id,),
                None,
                EventDate(HOSTILE),
                (EventMention(aid, whole, EventDate(HOSTILE)),),
            ),
        ),
        relations=(Relation(f"r{LINK}", entity.id, other.id, HOSTILE, (whole,)),),
        findings=(
            Finding(
                f"f{SCRIPT}",
                f"value_conflict{IMG}",
                "high",
                HOSTILE,
                (aid,),
                (claim.id,),
                (),
                (whole, _span(text, LINK)),
                incident.id,
            ),
        ),
        timeline=(TimelineItem(EventDate("2025-09-03", "day"), HOSTILE, (), (), (aid,)),),
        incidents=(incident,),
    )


def _offsets(text: str, piece: str) -> tuple[int, int, str]:
    start = text.index(piece)
    return start, start + len(piece), piece


class Tags(HTMLParser):
    """Every start tag and attribute the browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.fixture(scope="module")
def html() -> str:
    return render_report(hostile_story())


@pytest.fixture(scope="module")
def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_report_safety_payloads_never_appear_as_markup(html: str) -> None:
    for payload in PAYLOADS:
        assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/textarea&gt;&lt;/div&gt;" in html


def test_report_safety_only_our_own_script_and_no_injected_elements(tags: Tags, html: str) -> None:
    names = [tag for tag, _ in tags.tags]
    assert names.count("script") == 1
    assert html.count("<script") == 1
    assert "img" not in names and "textarea" not in names and "b" not in names


def test_report_safety_no_handler_or_javascript_attribute(tags: Tags) -> None:
    for tag, attrs in tags.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
        href = attrs.get("href")
        assert href is None or href.startswith("#"), (tag, href)


def test_report_safety_ids_and_classes_stay_plain(tags: Tags) -> None:
    for _, attrs in tags.tags:
        if attrs.get("id"):
            assert all(ch.isalnum() or ch in "-_" for ch in str(attrs["id"])), attrs["id"]


def test_report_safety_payloads_read_as_text(tags: Tags) -> None:
    for payload in PAYLOADS:
        assert payload in tags.text


def test_report_safety_drawings_escape_labels() -> None:
    story = hostile_story()
    for raw in (render_graph_svg(story), render_timeline_svg(story)):
        root = ET.fromstring(raw)
        local = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
        assert local <= {
            "svg",
            "title",
            "defs",
            "marker",
            "path",
            "g",
            "text",
            "line",
            "circle",
            "a",
        }
        assert SCRIPT not in raw and IMG not in raw
