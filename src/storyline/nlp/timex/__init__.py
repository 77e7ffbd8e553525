"""Time expressions: finding, normalising (TIMEX3) and dating articles.

- :mod:`.lexicon` reads ``data/nlp/timex.yaml``; :mod:`.fragments` builds regex
  pieces from it.
- ``rules_*`` modules hold the patterns and the handlers that give each
  match its TIMEX3 type and value; :mod:`.tagger` runs them near the trigger
  words :mod:`.triggers` finds, keeps the best non-overlapping ones, and
  :mod:`.anaphora` re-anchors ``two days later`` on the last date named.
- :mod:`.dates` and :mod:`.resolve` do the calendar arithmetic against the
  anchor (the article's date); :mod:`.tense` reads the clause's tense.
- :mod:`.attach` says which time expression dates a given verb or event
  noun (``seized ... on Monday``).
- :mod:`.document` applies it all to a spaCy ``Doc``; :mod:`.dating` infers
  an undated article's date from its content; :mod:`.anniversaries` reads
  "80 years since ..." against well-known events.
"""

from __future__ import annotations

from .base import Context, Found
from .dates import Anchor
from .tagger import tag_text

__all__ = ["Anchor", "Context", "Found", "tag_text"]
