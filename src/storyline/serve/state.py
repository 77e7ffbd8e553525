"""What one running app holds: its store, its settings and limits, one language pipeline."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import NoStoryError
from ..models import Story
from ..pipeline import load_nlp
from ..report import story_to_json
from ..settings import Settings
from ..store import Store
from .guard import new_form_token

if TYPE_CHECKING:
    from spacy.language import Language

#: Default largest request body ``POST /api/articles`` accepts (2 MB).
MAX_BODY_BYTES = 2_000_000
#: Default most articles one ``POST /api/articles`` may add.
MAX_BATCH = 100


@dataclass(frozen=True)
class Limits:
    """What one request may send.

    Attributes:
        max_body_bytes: larger request bodies are refused with 413.
        max_batch: a body holding more articles is refused with 413.
    """

    max_body_bytes: int = MAX_BODY_BYTES
    max_batch: int = MAX_BATCH

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1 or self.max_batch < 1:
            raise ValueError(
                f"limits must be 1 or more, not max_body_bytes={self.max_body_bytes}, "
                f"max_batch={self.max_batch}"
            )


@dataclass
class AppState:
    """The store an app serves and the one language pipeline its writes share.

    ``write_lock`` serialises every request that changes the store, so two
    posts never analyse and rebuild the story at the same time; reads need
    no lock (the store gives each read one consistent view). The pipeline is
    loaded on the first post that needs it, under the same lock, and kept.
    """

    store: Store
    settings: Settings
    limits: Limits
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    form_token: str = field(default_factory=new_form_token)
    _nlp: Language | None = None
    _cached: tuple[int, Story] | None = None
    _json: tuple[int, bytes] | None = None
    _loading: threading.Lock = field(default_factory=threading.Lock)

    def story(self) -> Story:
        """The stored story (a store with none yet reads as an empty story), cached.

        The copy is kept until anything is committed to the store
        (:meth:`Store.data_version`), so reads cost nothing while nobody
        writes. Reads never wait for one another either: while one request
        reads the new story, the others are answered with the one before.
        """
        return self._current()[1]

    def story_json(self) -> bytes:
        """``story.json`` of :meth:`story`, encoded once per store version."""
        version, story = self._current()
        encoded = self._json
        if version is not None and encoded is not None and encoded[0] == version:
            return encoded[1]
        data = json.dumps(story_to_json(story), ensure_ascii=False).encode("utf-8")
        if version is not None:
            self._json = (version, data)
        return data

    def _current(self) -> tuple[int | None, Story]:
        """The story to answer with and the store version it was read at (None: unknown)."""
        version = self.store.data_version()
        if version is None:  # not an SQLite file: no way to tell, so always read
            return None, self._load()
        cached = self._cached
        if cached is not None and cached[0] == version:
            return cached
        if cached is None:
            self._loading.acquire()
        elif not self._loading.acquire(blocking=False):
            return cached  # another request is reading the new story
        try:
            self._cached = (version, self._load())
            return self._cached
        finally:
            self._loading.release()

    def _load(self) -> Story:
        try:
            return self.store.load_story()
        except NoStoryError:
            return Story(generated_at="")

    def nlp(self) -> Language:
        """The language pipeline, loaded once (call it holding ``write_lock``)."""
        if self._nlp is None:
            self._nlp = load_nlp(self.settings)
        return self._nlp
