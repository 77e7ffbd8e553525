"""The Python API: :func:`analyze` texts, records or paths; :func:`load` a store.

Both return a :class:`Story`, the :class:`storyline.models.Story` record
with its two outputs one call away: :meth:`Story.to_json` and
:meth:`Story.write`. ``storyline`` re-exports these names lazily, so
``import storyline`` loads none of this until it is used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from . import models
from .errors import UsageError
from .ingest import iter_items
from .pipeline import run, write_outputs
from .report import story_json_text
from .settings import Settings
from .store import Store


class Story(models.Story):
    """The account of a corpus (every field of :class:`storyline.models.Story`), and its outputs."""

    def to_json(self) -> str:
        """The text of ``story.json``."""
        return story_json_text(self)

    def write(self, out_dir: PathLike[str] | str) -> tuple[Path, ...]:
        """Write ``story.json`` and ``report.html`` into ``out_dir``; returns their paths."""
        return write_outputs(self, Path(out_dir))

    @classmethod
    def of(cls, story: models.Story) -> Story:
        """The same story with these methods."""
        return cls(**{f.name: getattr(story, f.name) for f in dataclasses.fields(story)})


def analyze(
    items: Iterable[str | Mapping[str, Any] | PathLike[str]], *, settings: Settings | None = None
) -> Story:
    """Analyze articles and return their story.

    Each item is an article's text (a ``str``, read like a ``.txt`` file: its
    first line is the title), a record in the JSONL form (``{"text": ...,
    "title"?, "published"?, "id"?, "source"?, "url"?}``), or a
    ``pathlib.Path`` to a file or folder. Inputs that cannot be read are
    listed in ``Story.skipped`` with their reasons, as on the command line.
    """
    settings = settings or Settings(progress=False)
    return Story.of(run(iter_items(items, settings), settings).story)


def load(db: PathLike[str] | str) -> Story:
    """The story saved in a store written by ``storyline analyze --db`` (or by the web app)."""
    path = Path(db)
    if not path.is_file():
        raise UsageError(f"{str(path)!r} does not exist; create it with `storyline analyze --db`")
    with Store.open(path, create=False) as store:
        return Story.of(store.load_story())
