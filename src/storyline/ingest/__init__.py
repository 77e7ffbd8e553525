"""Ingest: files and directories in, :class:`~storyline.models.Article` records out.

Formats (one module each): ``.txt`` (:mod:`.txt`), ``.html``/``.htm``
(:mod:`.html`), ``.jsonl`` (:mod:`.jsonl`); a directory is read recursively
(:func:`list_directory`). Every reader shares :mod:`.decode` (bytes to text)
and :mod:`.article` (title, id, date, word count).

Rules every format follows:

- **Offsets.** ``Article.text`` is the text as read: decoded, with ``\\r\\n``
  and a lone ``\\r`` turned into ``\\n`` before anything else, and nothing
  more. Every ``Span`` in ``story.json`` indexes it.
- **Ids.** The input's own id when it has one (JSONL ``id``), else ``a`` + the
  first 12 hex digits of the SHA-256 of the text with its whitespace collapsed
  (:func:`~storyline.ingest.article.content_id`), so the same text always
  gets the same id.
- **Dates.** Metadata first (JSONL ``published``, the page's date), then a
  dateline at the top of the text (:mod:`.dateline`), else unknown; the
  ``basis`` says which.
- **Bad input never stops a batch.** Each unreadable, binary or empty file,
  malformed JSONL line or page without main text becomes a
  :class:`~storyline.models.Skipped` whose reason is an
  :class:`~storyline.errors.InputError` message (code, what, how to fix).
  Exact duplicates are analysed once; later copies are skipped with S016.
- **Repairs are reported.** A file that is not valid UTF-8 is read as Latin-1
  and analysed, and also appears in ``skipped`` with a reason starting
  ``[S017]``; a text longer than ``Settings.max_chars`` is cut, analysed, and
  listed with ``[S018]``; a JSONL ``published`` that is not a real date is
  ignored, and the line listed with ``[S070]``.
- **Titles are short.** One line of at most 300 characters
  (:func:`~storyline.ingest.article.make_title`).
- **Languages.** Each article's language is detected (:mod:`.language`) and
  kept; one not in English is skipped with ``[S071]`` unless
  ``Settings.any_language``.
"""

from __future__ import annotations

from storyline.ingest.reader import (
    count_inputs,
    iter_inputs,
    iter_items,
    list_directory,
    read_bytes,
    read_path,
)

__all__ = ["count_inputs", "iter_inputs", "iter_items", "list_directory", "read_bytes", "read_path"]
