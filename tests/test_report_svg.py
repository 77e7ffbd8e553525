"""The timeline and actor graph drawings: well-formed SVG, ordered, deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from storyline.models import Entity, EventDate, Relation, Story, TimelineItem
from storyline.report import load_story_json
from storyline.report.svg import (
    dated_items,
    graph_view,
    render_graph_svg,
    render_timeline_svg,
    timeline_view,
)

FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story_json(FIXTURE)


def texts(root: ET.Element, css_class: str | None = None) -> list[str]:
    return [
        element.text or ""
        for element in root.iter(f"{SVG}text")
        if css_class is None or element.get("class") == css_class
    ]


def test_report_timeline_svg_is_well_formed_and_in_date_order(story: Story) -> None:
    root = ET.fromstring(render_timeline_svg(story))
    assert root.tag == f"{SVG}svg"
    assert texts(root, "tl-date") == ["2025-09-01", "2025-09-02", "2025-09-03"]
    assert texts(root, "tl-label")[2] == "Ruritania and Osterlich sign a supply agreement"
    links = [element.get("href") for element in root.iter(f"{SVG}a")]
    assert links == ["#article-a2", "#article-a2", "#article-a1"]
    assert timeline_view(story).undated == 2


def test_report_timeline_keeps_calendar_dates_only() -> None:
    items = tuple(
        TimelineItem(EventDate(value), label)
        for value, label in [
            ("2025", "year"),
            ("2024-12-31", "day"),
            ("PAST_REF", "past"),
            ("2025-W35", "week"),
            (None, "none"),
            ("2025-02", "month"),
        ]
    )
    dated, undated = dated_items(items)
    assert [item.label for item in dated] == ["day", "year", "month", "week"]
    assert undated == 2


def test_report_graph_svg_is_well_formed_with_labelled_arrows(story: Story) -> None:
    root = ET.fromstring(render_graph_svg(story))
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(edges) == 3
    assert sorted(texts(root, "edge-label")) == ["cooperation", "negotiates", "supplies"]
    paths = [g.find(f"{SVG}path") for g in edges]
    assert all(p is not None and p.get("marker-end") == "url(#sl-arrow)" for p in paths)
    names = {
        g.findtext(f"{SVG}title")
        for g in root.iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
    }
    assert names == {"Ruritania (country)", "Osterlich (country)", "Rudolf Elphberg (person)"}


def test_report_graph_bends_arrows_going_both_ways(story: Story) -> None:
    edges = {edge.label: edge for edge in graph_view(story).edges}
    straight = edges["negotiates"].path
    bent = edges["supplies"].path

    # A quadratic curve whose control point lies on the chord is drawn straight.
    def control_off_chord(path: str) -> float:
        start, control, end = (
            tuple(float(v) for v in part.split(","))
            for part in path.replace("M", "").replace("Q", "").split()
        )
        mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        return abs(control[0] - mid[0]) + abs(control[1] - mid[1])

    assert control_off_chord(straight) < 0.2
    assert control_off_chord(bent) > 20


def test_report_graph_layout_is_deterministic_and_inside_the_box() -> None:
    entities = tuple(Entity(f"e{i}", f"Actor {i}", "group") for i in range(12))
    relations = tuple(
        Relation(f"r{i}", f"e{i}", f"e{(i * 5 + 1) % 12}", "cooperation") for i in range(12)
    )
    story = Story("now", entities=entities, relations=relations)
    first, second = graph_view(story), graph_view(story)
    assert first == second
    assert len(first.nodes) == 12
    assert all(0 <= node.x <= first.width and 0 <= node.y <= first.height for node in first.nodes)
    assert len({(node.x, node.y) for node in first.nodes}) == 12


def test_report_graph_trims_to_the_best_connected_and_counts_the_rest() -> None:
    from storyline.report import svg

    relations = [Relation(f"hub{i}", "hub", f"e{i}", "supplies") for i in range(45)]
    relations += [Relation("x", "e1", "e2", "criticises"), Relation("self", "e3", "e3", "hosts")]
    view = graph_view(Story("now", relations=tuple(relations)))
    assert len(view.nodes) == svg.MAX_NODES
    assert "hub" in {node.id for node in view.nodes}
    assert view.left_out == 47 - 1 - len(view.edges)  # the self-loop is never drawn
    assert all(node.href is None and node.kind == "other" for node in view.nodes)


def test_report_graph_escapes_names_and_handles_no_relations() -> None:
    entities = (Entity("a", "A & <B>", "person"), Entity("b", 'C "D"', "organization"))
    story = Story("now", entities=entities, relations=(Relation("r", "a", "b", "a<b"),))
    raw = render_graph_svg(story)
    root = ET.fromstring(raw)
    assert "A & <B>" in {text for text in texts(root)}
    assert "<B>" not in raw
    empty = ET.fromstring(render_graph_svg(Story("now")))
    assert list(empty.iter(f"{SVG}circle")) == []
