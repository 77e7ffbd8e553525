"""Event frames read off the parse: which words name a happening, who took part, where, when.

:mod:`.lexicon` holds the event and relation vocabulary (``data/nlp/events.yaml``,
``data/nlp/relations.yaml``), :mod:`.roles` finds the entity mention a phrase
names, and :mod:`.frames` gathers one :class:`~.frames.Frame` per trigger.
The ``storyline_events`` component stores them on the doc; the analysis stage
turns them into events, incident mentions and relations.
"""
