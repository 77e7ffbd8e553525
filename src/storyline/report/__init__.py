"""The report stage: ``story.json`` (the public data format) and ``report.html``.

``story_json`` writes, reads and validates the contract's JSON; ``html``
renders the self-contained page from the templates under ``templates/``;
``views``, ``incidents``, ``highlight`` and ``svg`` build what the page shows
as plain records, so the web app can reuse them.
"""

from __future__ import annotations

from .html import render_report, write_report
from .story_json import (
    load_story_json,
    story_json_text,
    story_to_json,
    validate_story,
    write_story_json,
)

__all__ = [
    "load_story_json",
    "render_report",
    "story_json_text",
    "story_to_json",
    "validate_story",
    "write_report",
    "write_story_json",
]
