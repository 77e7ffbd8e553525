"""The satire headline data (The Onion vs. HuffPost) and its fixed split.

The training script and ``storyline eval tone`` both read the CSV through
:func:`read_headlines` and split it with :func:`split_of`, so the held-out
headlines the scores are measured on are the same on every machine: a
headline's split depends only on a salted SHA-1 of its text, not on row order,
random generators or library versions. Exact duplicate headlines are kept
once (they would otherwise fall into one split together anyway).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ...errors import EvaluationError

Split = Literal["train", "test"]

#: Salt of the split hash; changing it draws a different split.
DEFAULT_SEED = "storyline-tone-1"
#: Percent of headlines held out for the final test (never seen in training).
TEST_PERCENT = 15


@dataclass(frozen=True)
class Headline:
    """One headline and whether its source is satirical (1) or not (0)."""

    text: str
    label: int


def read_headlines(path: Path) -> list[Headline]:
    """Unique headlines from a ``text,type`` CSV (``type`` 1 = satire)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"text", "type"} <= set(reader.fieldnames):
                raise EvaluationError(
                    f"{str(path)!r} has columns {reader.fieldnames}, not 'text,type'; "
                    "give the Sarcasm_Headlines_Dataset.csv of the sarcasm-headlines data"
                )
            rows = [(row["text"].strip(), row["type"].strip()) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(
            f"Cannot read the headlines {str(path)!r}: {exc}; give the path of "
            "Sarcasm_Headlines_Dataset.csv (see ../shared/data/sarcasm-headlines/SOURCE.md)"
        ) from exc
    seen: dict[str, int] = {}
    for text, label in rows:
        if label not in ("0", "1"):
            raise EvaluationError(f"{str(path)!r}: label {label!r} is not 0 or 1 for {text!r}")
        if text:
            seen.setdefault(text, int(label))
    return [Headline(text, label) for text, label in seen.items()]


def split_of(text: str, seed: str = DEFAULT_SEED) -> Split:
    """Which split a headline belongs to, from a salted hash of its text."""
    digest = hashlib.sha1(f"{seed}\n{text}".encode()).digest()
    bucket = int.from_bytes(digest[:4], "big") % 100
    return "test" if bucket < TEST_PERCENT else "train"


def split_headlines(
    headlines: list[Headline], seed: str = DEFAULT_SEED
) -> dict[Split, list[Headline]]:
    """The headlines of each split, in input order."""
    parts: dict[Split, list[Headline]] = {"train": [], "test": []}
    for item in headlines:
        parts[split_of(item.text, seed)].append(item)
    return parts
