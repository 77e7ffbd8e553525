"""``report.html``: the story as one self-contained page a person can read.

The page is rendered from Jinja2 templates with autoescaping always on, so
article text, titles, entity names and finding summaries are written as text,
never as markup. It needs nothing from the network: the stylesheet and the
small script (filters and evidence highlighting) are inline, and a
Content-Security-Policy admits only those two by hash, so even markup that
slipped through could load or run nothing.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..models import Story
from ._files import write_text_atomic
from ._templates import asset, environment
from .highlight import KIND_ORDER, ArticleView, build_article_views
from .incidents import IncidentView, build_incidents
from .svg import GraphView, TimelineView, graph_view, timeline_view
from .views import (
    FLAGGED_TONES,
    ArticleCard,
    EntityRow,
    FigureGroup,
    FindingView,
    Header,
    build_cards,
    build_entity_index,
    build_findings,
    build_header,
    group_claims,
    headline_ids,
    kind_label,
)


@dataclass(frozen=True)
class ReportView:
    """Everything the report template lays out, already ordered and worded."""

    header: Header
    headline: tuple[FindingView, ...]
    findings: tuple[FindingView, ...]
    finding_kinds: tuple[tuple[str, str, int], ...]
    incidents: tuple[IncidentView, ...]
    figures: tuple[FigureGroup, ...]
    timeline: TimelineView
    graph: GraphView
    articles: tuple[tuple[ArticleCard, ArticleView], ...]
    highlight_kinds: tuple[str, ...]
    entities: tuple[EntityRow, ...]
    skipped: tuple[tuple[str, str], ...]


def build_report_view(story: Story) -> ReportView:
    """Turn ``story`` into the records the template shows."""
    findings = build_findings(story)
    by_id = {finding.id: finding for finding in findings}
    kinds: dict[str, int] = {}
    for finding in findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    return ReportView(
        header=build_header(story),
        headline=tuple(by_id[finding_id] for finding_id in headline_ids(story)),
        findings=findings,
        finding_kinds=tuple((kind, kind_label(kind), n) for kind, n in kinds.items()),
        incidents=build_incidents(story),
        figures=group_claims(story),
        timeline=timeline_view(story),
        graph=graph_view(story),
        articles=tuple(zip(build_cards(story), build_article_views(story), strict=True)),
        highlight_kinds=KIND_ORDER,
        entities=build_entity_index(story.entities),
        skipped=tuple((item.source, item.reason) for item in story.skipped),
    )


def render_report(story: Story) -> str:
    """The whole report as one HTML document."""
    style, script = asset("report.css"), asset("report.js")
    template = environment().get_template("report.html.j2")
    return template.render(
        view=build_report_view(story),
        style=Markup(style),  # the package's own stylesheet, not article text
        script=Markup(script),  # the package's own script, not article text
        csp=content_security_policy(style, script),
        flagged_tones=FLAGGED_TONES,
    )


def write_report(story: Story, path: Path | str) -> None:
    """Write the report to ``path`` (UTF-8), replacing any old one atomically."""
    write_text_atomic(Path(path), render_report(story))


def content_security_policy(style: str, script: str, form_action: str = "'none'") -> str:
    """A policy that allows exactly the inline stylesheet and script, and nothing else.

    ``form_action`` is where forms may post: nowhere in the report, the app
    itself (``'self'``) in the web app.
    """
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(style)}'; "
        f"script-src '{_sha256(script)}'; "
        f"img-src 'none'; base-uri 'none'; form-action {form_action}"
    )


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
