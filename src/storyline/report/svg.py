"""Geometry of the report's two drawings: the timeline and the actor graph.

The functions here compute positions and plain-text labels only; the SVG
markup is written by the templates ``_timeline.svg.j2`` and
``_graph.svg.j2`` (autoescaped like the rest of the report), so no label
ever reaches the output unescaped. :func:`render_timeline_svg` and
:func:`render_graph_svg` render a drawing on its own, as a standalone SVG
document.

The actor graph is laid out by networkx: a shell layout for small graphs
(where it reads best) and a spring layout with a fixed seed otherwise, so
the same story always gives the same picture.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ..models import Entity, Relation, Story, TimelineItem
from ..nlp.wording import truncate
from ._templates import environment
from .urls import ANCHORS, Urls

LAYOUT_SEED = 7
MAX_NODES = 40
NODE_RADIUS = 14.0
_DATE_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


# --- timeline ---------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    y: int
    date: str
    label: str
    full_label: str
    href: str | None


@dataclass(frozen=True)
class TimelineView:
    width: int
    height: int
    axis_x: int
    rows: tuple[TimelineRow, ...]
    undated: int


def dated_items(items: Sequence[TimelineItem]) -> tuple[list[TimelineItem], int]:
    """Items with a calendar date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) in date order.

    Returns them with the number of events and claims left out for having
    no such date (``PAST_REF``, week values, null). The reconcile stage
    gathers undated events and claims into one item with a null date; each
    of its events and claims counts.
    """
    dated = [
        item
        for item in items
        if item.date is not None and item.date.value and _DATE_VALUE.match(item.date.value)
    ]
    dated.sort(key=lambda item: (item.date.value or "", item.label))
    kept = {id(item) for item in dated}
    left_out = [item for item in items if id(item) not in kept]
    return dated, sum(max(1, len(item.events) + len(item.claims)) for item in left_out)


def timeline_view(
    story: Story, width: int = 900, row_height: int = 28, urls: Urls = ANCHORS
) -> TimelineView:
    """One row per dated item down a vertical axis: date on the left, label on the right."""
    dated, undated = dated_items(story.timeline)
    known_articles = {article.id for article in story.articles}
    top = 24
    rows = tuple(
        TimelineRow(
            y=top + index * row_height,
            date=item.date.value or "",
            label=truncate(item.label, 95),
            full_label=item.label,
            href=_first_article_href(item.articles, known_articles, urls),
        )
        for index, item in enumerate(dated)
    )
    height = top + max(len(rows), 1) * row_height
    return TimelineView(width=width, height=height, axis_x=120, rows=rows, undated=undated)


def _first_article_href(article_ids: Sequence[str], known: set[str], urls: Urls) -> str | None:
    for article_id in article_ids:
        if article_id in known:
            return urls.article(article_id)
    return None


# --- actor graph ------------------------------------------------------------


@dataclass(frozen=True)
class NodeView:
    id: str
    href: str | None
    x: float
    y: float
    r: float
    label: str
    name: str
    kind: str


@dataclass(frozen=True)
class EdgeView:
    path: str
    label: str
    label_x: float
    label_y: float
    title: str


@dataclass(frozen=True)
class GraphView:
    width: int
    height: int
    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    left_out: int


def relation_graph(relations: Sequence[Relation]) -> nx.MultiDiGraph:
    """A directed multigraph of the relations between distinct entities."""
    graph = nx.MultiDiGraph()
    for relation in relations:
        if relation.source != relation.target:
            graph.add_edge(relation.source, relation.target, type=relation.type)
    return graph


def layout(graph: nx.MultiDiGraph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]: shell layout up to 8 nodes, seeded spring layout beyond."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {node: (0.0, 0.0) for node in graph.nodes}
    simple = nx.Graph(graph.to_undirected())
    nodes = sorted(simple.nodes)
    if len(nodes) <= 8:
        positions = nx.shell_layout(simple, nlist=[nodes])
    else:
        positions = nx.spring_layout(simple, seed=seed, iterations=200)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def graph_view(
    story: Story, width: int = 900, height: int = 560, urls: Urls = ANCHORS
) -> GraphView:
    """Nodes and arrows of the actor graph, scaled into a ``width`` x ``height`` box."""
    graph = relation_graph(story.relations)
    left_out = _trim(graph, MAX_NODES)
    positions = _scale(layout(graph), width, height, margin=70)
    entities = {entity.id: entity for entity in story.entities}
    nodes = tuple(_node_view(node, positions[node], entities, urls) for node in sorted(graph.nodes))
    names = {node.id: node.name for node in nodes}
    edges = tuple(_edge_views(graph, positions, names))
    return GraphView(width, height, nodes, edges, left_out)


def _trim(graph: nx.MultiDiGraph, limit: int) -> int:
    """Keep the ``limit`` best-connected nodes; return how many relations were dropped."""
    if graph.number_of_nodes() <= limit:
        return 0
    before = graph.number_of_edges()
    ranked = sorted(graph.nodes, key=lambda node: (-graph.degree(node), node))
    graph.remove_nodes_from(ranked[limit:])
    return int(before - graph.number_of_edges())


def _scale(
    positions: dict[str, tuple[float, float]], width: int, height: int, margin: int
) -> dict[str, tuple[float, float]]:
    if not positions:
        return {}
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]

    def fit(value: float, low: float, high: float, size: int) -> float:
        if high - low < 1e-9:
            return size / 2
        return margin + (value - low) / (high - low) * (size - 2 * margin)

    return {
        node: (
            round(fit(x, min(xs), max(xs), width), 1),
            round(fit(y, min(ys), max(ys), height), 1),
        )
        for node, (x, y) in positions.items()
    }


def _node_view(
    node: str, position: tuple[float, float], entities: dict[str, Entity], urls: Urls
) -> NodeView:
    entity = entities.get(node)
    name = entity.name if entity is not None else node
    return NodeView(
        id=node,
        href=urls.entity(node) if entity is not None else None,
        x=position[0],
        y=position[1],
        r=NODE_RADIUS,
        label=truncate(name, 28),
        name=name,
        kind=entity.kind if entity is not None else "other",
    )


def _edge_views(
    graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], names: dict[str, str]
) -> list[EdgeView]:
    """One arrow per ordered pair, labelled with its relation types.

    When both directions exist the two arrows bend to opposite sides so
    neither hides the other.
    """
    types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for source, target, data in graph.edges(data=True):
        types[(source, target)].add(str(data["type"]).replace("_", " "))
    edges = []
    for (source, target), kinds in sorted(types.items()):
        label = ", ".join(sorted(kinds))
        title = f"{names.get(source, source)} → {label} → {names.get(target, target)}"
        bend = 36.0 if (target, source) in types else 0.0
        edges.append(_arrow(positions[source], positions[target], bend, label, title))
    return edges


def _arrow(
    start: tuple[float, float],
    end: tuple[float, float],
    bend: float,
    label: str,
    title: str,
) -> EdgeView:
    """A straight or bent arrow between two node circles, with its label's position."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    normal_x, normal_y = -uy, ux
    sx, sy = x1 + ux * NODE_RADIUS, y1 + uy * NODE_RADIUS
    ex, ey = x2 - ux * (NODE_RADIUS + 3), y2 - uy * (NODE_RADIUS + 3)
    cx, cy = (sx + ex) / 2 + normal_x * bend, (sy + ey) / 2 + normal_y * bend
    path = f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
    label_x = round(0.25 * sx + 0.5 * cx + 0.25 * ex, 1)
    label_y = round(0.25 * sy + 0.5 * cy + 0.25 * ey, 1)
    return EdgeView(path, truncate(label, 40), label_x, label_y, title)


# --- standalone drawings ------------------------------------------------------


def render_timeline_svg(story: Story) -> str:
    """The story's timeline as a standalone SVG document."""
    return environment().get_template("_timeline.svg.j2").render(timeline=timeline_view(story))


def render_graph_svg(story: Story) -> str:
    """The story's actor graph as a standalone SVG document."""
    return environment().get_template("_graph.svg.j2").render(graph=graph_view(story))
