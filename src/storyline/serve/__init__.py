"""The web app over a store: pages that show the story as the report does, and a JSON API.

``storyline serve --db FILE`` runs :func:`create_app` with uvicorn on
127.0.0.1. The app has no analysis logic of its own: pages reuse the
report's views, and posted articles go through ``ingest`` and the
``pipeline`` exactly like files given to ``storyline analyze``.
"""

from __future__ import annotations

from .app import create_app
from .state import Limits

__all__ = ["Limits", "create_app"]
