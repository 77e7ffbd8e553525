"""Plain-text articles (``.txt``).

The whole decoded file is the article text, title line included, so offsets
index the file as read (after ``\\r\\n`` and lone ``\\r`` became ``\\n``, see
:mod:`storyline.ingest.decode`). The title is the first non-empty line. A
file that is not valid UTF-8 is still analysed, read as Latin-1, and also
listed in ``skipped`` with a reason starting ``[S017]`` so the repair is seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storyline.errors import EncodingRepairedError, InputError
from storyline.ingest.article import build_article
from storyline.ingest.decode import decode_text, file_bytes
from storyline.models import Article, Skipped
from storyline.settings import Settings


def read_txt(path: Path, settings: Settings) -> Iterator[Article | Skipped]:
    """Yield the article in a text file (and a repair note when it was not UTF-8).

    Raises:
        InputError: the file cannot be read, is binary or is empty.
    """
    yield from txt_data(file_bytes(path), str(path), settings)


def txt_data(data: bytes, source: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The article of a text file's bytes, called ``source``; raises like :func:`read_txt`."""
    decoded = decode_text(data, source)
    if decoded.repaired:
        yield repair_note(source)
    yield from build_article(decoded.text, source, settings)


def read_text(text: str, source: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The article of a text held in memory, read by the same rules as a ``.txt`` file."""
    try:
        decoded = decode_text(text.encode("utf-8", "surrogatepass"), source)
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    yield from build_article(decoded.text, source, settings)


def repair_note(source: str) -> Skipped:
    """The ``skipped`` entry that says an input was read as Latin-1 but analysed."""
    note = EncodingRepairedError(
        "not valid UTF-8; read as Latin-1 (characters may be wrong), analysed anyway; "
        "save it as UTF-8 to read it exactly"
    )
    return Skipped(source, str(note))
