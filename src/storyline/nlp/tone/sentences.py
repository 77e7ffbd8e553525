"""Sentence boundaries for tone scoring, as character offsets into the text.

The parser's sentences are used when the pipeline has one; otherwise (a
blank pipeline) a punctuation rule splits them. Either way a sentence never
crosses a line break, so a title line or a dateline stays on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

_LINE = re.compile(r"[^\n]+")
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9]|\s*$)")
_CONTENT = re.compile(r"\w")


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of each sentence, white space trimmed."""
    text = doc.text  # built from the tokens on every access: read it once
    if doc.has_annotation("SENT_START"):
        pieces: Iterator[tuple[int, int]] = ((sent.start_char, sent.end_char) for sent in doc.sents)
    else:
        pieces = _punctuation_pieces(text)
    bounds = []
    for start, end in pieces:
        for line in _LINE.finditer(text, start, end):
            trimmed = _trim(text, line.start(), line.end())
            if trimmed is not None:
                bounds.append(trimmed)
    return bounds


def _punctuation_pieces(text: str) -> Iterator[tuple[int, int]]:
    for line in _LINE.finditer(text):
        start = line.start()
        for end in _END.finditer(text, line.start(), line.end()):
            yield start, end.end()
            start = end.end()
        if start < line.end():
            yield start, line.end()


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _CONTENT.search(text, start, end):
        return None
    return start, end
