"""Article collections (``.jsonl``): one JSON object per line, read as a stream.

Each non-blank line is ``{"id"?, "title"?, "text", "published"?, "source"?,
"url"?}``. The input's ``id``, ``source`` and ``url`` are kept (``source``
defaults to ``file.jsonl:LINE``); ``published`` is an ISO date (``YYYY``,
``YYYY-MM``, ``YYYY-MM-DD``, or a date-time whose date is kept as written).
A ``published`` that is not a real date (``2099-13-45``, ``2024-03-03T25:00``),
not a date at all, or outside the years 1800-2100 (``9999-12-31``) is ignored,
the dateline rule applies, and the line is listed in ``skipped`` with S070.

A bad line is skipped as ``file.jsonl:LINE`` with a reason (S013) and the
rest of the file is read; blank lines are ignored. The file is read one line
at a time, so a large collection never sits in memory whole.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from storyline.errors import (
    BinaryInputError,
    EmptyInputError,
    InvalidDateError,
    MalformedRecordError,
    UnreadableInputError,
)
from storyline.ingest.article import build_article
from storyline.ingest.decode import SAMPLE_BYTES, decode_utf8, looks_binary, normalise_newlines
from storyline.ingest.published import parse_iso_date
from storyline.ingest.txt import repair_note
from storyline.models import Article, Skipped
from storyline.settings import Settings

_FORMAT = 'write one JSON object per line, e.g. {"id": "a1", "text": "..."}'


@dataclass(frozen=True)
class _Record:
    """The fields of one line that Storyline uses."""

    text: str
    source: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    bad_date: Any = None


def read_jsonl(path: Path, settings: Settings) -> Iterator[Article | Skipped]:
    """Yield the article (or the reason it was skipped) of every line of a JSONL file.

    Raises:
        InputError: the file cannot be opened, is binary, or holds no line at all.
    """
    with _open(path) as handle:
        _check_text(handle.read(SAMPLE_BYTES), str(path))
        handle.seek(0)
        yield from _read_lines(handle, str(path), settings)


def jsonl_data(data: bytes, source: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The articles of JSON lines held in memory, called ``source`` (lines ``source:N``);
    raises like :func:`read_jsonl`."""
    _check_text(data[:SAMPLE_BYTES], source)
    yield from _read_lines(io.BytesIO(data), source, settings)


def _read_lines(
    lines: Iterable[bytes], source: str, settings: Settings
) -> Iterator[Article | Skipped]:
    found = False
    for number, line in enumerate(lines, start=1):
        if line.strip():
            found = True
            yield from _read_line(line, f"{source}:{number}", settings)
    if not found:
        raise EmptyInputError(f"Cannot read '{source}': it holds no lines; {_FORMAT}")


def _open(path: Path) -> IO[bytes]:
    if not path.is_file():
        reason = "not a regular file" if path.exists() else "no such file"
        raise UnreadableInputError(f"Cannot read '{path}': {reason}; check the path")
    try:
        return path.open("rb")
    except OSError as exc:
        raise UnreadableInputError(
            f"Cannot read '{path}': {exc.strerror or type(exc).__name__}; "
            "check that it exists and is readable"
        ) from exc


def _check_text(sample: bytes, source: str) -> None:
    """Refuse a binary input from its first bytes."""
    if looks_binary(sample):
        raise BinaryInputError(
            f"Cannot read '{source}': it holds binary data, not JSON lines; {_FORMAT}"
        )


def _read_line(line: bytes, where: str, settings: Settings) -> Iterator[Article | Skipped]:
    decoded = decode_utf8(line)
    try:
        record = _record(decoded.text, where)
    except MalformedRecordError as exc:
        yield Skipped(where, str(exc))
        return
    if decoded.repaired:
        yield repair_note(where)
    yield from _article(record, where, settings)


def read_record(data: object, where: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The article of one record in the form of a JSONL line, already parsed, or why not.

    ``where`` names the record in sources and reasons (as ``file.jsonl:LINE`` does).
    """
    try:
        record = _fields(data, where)
    except MalformedRecordError as exc:
        yield Skipped(where, str(exc))
        return
    yield from _article(record, where, settings)


def _article(record: _Record, where: str, settings: Settings) -> Iterator[Article | Skipped]:
    if record.bad_date is not None:
        yield _date_note(where, record.bad_date)
    yield from build_article(
        record.text,
        record.source,
        settings,
        article_id=record.id,
        title=record.title,
        published=record.published,
        url=record.url,
    )


def _record(line: str, where: str) -> _Record:
    """The usable fields of one line, or :class:`MalformedRecordError` saying what is wrong."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "too deeply nested"
        raise MalformedRecordError(f"'{where}' is not valid JSON ({detail}); {_FORMAT}") from exc
    return _fields(data, where)


def _fields(data: object, where: str) -> _Record:
    """The usable fields of one record, or :class:`MalformedRecordError` saying what is wrong."""
    if not isinstance(data, dict):
        raise MalformedRecordError(f"'{where}' is not a JSON object; {_FORMAT}")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedRecordError(
            f"'{where}' has no \"text\" (or it is empty or not a string); "
            "give each line the article's text"
        )
    stated = data.get("published")
    published = parse_iso_date(stated)
    return _Record(
        text=normalise_newlines(text),
        source=_string(data, "source") or where,
        id=_identifier(data.get("id"), where),
        title=_string(data, "title"),
        published=published,
        url=_string(data, "url"),
        bad_date=stated if published is None and stated not in (None, "") else None,
    )


def _date_note(where: str, value: Any) -> Skipped:
    """The ``skipped`` entry saying a line's ``published`` was not a usable date."""
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    note = InvalidDateError(
        f"'{where}' has a \"published\" that is not a real date from 1800 to 2100 ({shown}); "
        "it is ignored and the date is read from the text; write it as YYYY-MM-DD"
    )
    return Skipped(where, str(note))


def _identifier(value: Any, where: str) -> str | None:
    """The record's own id as a string (numbers allowed), None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MalformedRecordError(
            f"'{where}' has an \"id\" that is not a string or a whole number ({value!r}); "
            "give a string id or leave it out"
        )
    return str(value).strip() or None


def _string(data: dict[str, Any], key: str) -> str | None:
    """A non-empty string field, else None (other types are ignored)."""
    value = data.get(key)
    return (value.strip() or None) if isinstance(value, str) else None
