"""The ``storyline_events`` component: every event trigger of the parse, with its frame.

Reads the parse, the entity mentions (``doc.spans["storyline_entities"]``) and
the time expressions (``doc.spans["storyline_times"]``), and writes
``doc._.storyline_frames``: one :class:`~storyline.nlp.events.frames.Frame`
per trigger as plain data (:func:`~storyline.nlp.events.frames.frame_data`);
:func:`~storyline.nlp.events.frames.frames_of` reads them back. What makes a
trigger and how its participants, place and date are found is in
:mod:`storyline.nlp.events.frames`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events.frames import find_frames, frame_data
from ..events.lexicon import load_lexicon
from ..extensions import register_extensions

#: The factory name this module registers.
NAME = "storyline_events"


class EventFinder:
    """Stores the frames of a parsed doc on it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.storyline_frames = [frame_data(frame) for frame in find_frames(doc, self.lexicon)]
        return doc


@Language.factory(
    NAME,
    assigns=["doc._.storyline_frames"],
    requires=["token.dep", "token.lemma", "token.pos"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    """Build the events component (the event lexicon is read once per process)."""
    register_extensions()
    return EventFinder(name)
