"""Records to JSON text and back, the one encoding every JSON column uses."""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from ..models import from_dict, to_dict

R = TypeVar("R")


def dump(record: Any) -> str:
    """Compact JSON text for a record (see :func:`storyline.models.to_dict`)."""
    return dump_data(to_dict(record))


def dump_data(data: Any) -> str:
    """Compact JSON text for plain data; non-ASCII text is kept as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load(cls: type[R], text: str) -> R:
    """The record of type ``cls`` that :func:`dump` wrote as ``text``."""
    return from_dict(cls, json.loads(text))


def text_hash(text: str) -> str:
    """SHA-256 of an article's text: what tells a changed article from a re-run.

    Lone surrogates (left by a lenient decoder) are hashed as they are
    rather than refused.
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
