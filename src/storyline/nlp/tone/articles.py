"""Whole labelled articles for the article-level satire model, and their fixed split.

``scripts/train_tone_articles.py`` and ``storyline eval tone`` read the same
articles through :func:`read_labelled` and split them with :func:`split_of`,
so the held-out articles the scores are measured on are the same everywhere.

The Horne & Adali (2017) articles carry the kind of their source (real,
fabricated or satire) but not the site. Satire sites are told apart by the
way each writes its dateline (:func:`satire_group`), so that whole sites can
be held out. Articles staged from other public corpora
(``scripts/stage_tone_corpora.py``) name their ``site``. The held-out split
has satire only from :data:`HELD_OUT_GROUPS`, never seen in training. Real
and fabricated articles, which come from many sites, are split by a salted
hash of their id.

:func:`strip_boilerplate` removes what names a site rather than a style (a
dateline with the site's name, a byline); the model reads articles only
through it, in training and at run time alike.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ...errors import EvaluationError

Split = Literal["train", "test"]
Kind = Literal["satire", "real", "fake", "news"]

#: Salt of the hash split of non-satire articles.
DEFAULT_SEED = "storyline-tone-articles-1"
#: Percent of non-satire articles held out.
TEST_PERCENT = 25
#: Satire groups whose articles are all held out (never trained on): site
#: families of the Horne & Adali articles, and sites of the staged corpora.
HELD_OUT_GROUPS = frozenset(
    {
        "satirewire",
        "spaced-dateline",
        "satirewire.com",
        "thebeaverton.com",
        "waterfordwhispersnews.com",
        "thespoof.com",
    }
)

_GROUP_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("borowitz", re.compile(r"\A.{0,80}\(The Borowitz Report\)", re.S)),
    ("satirewire", re.compile(r"\A.{0,80}SatireWire", re.S)),
    # "WASHINGTON—": a dateline in capitals closed by an unspaced dash.
    ("closed-dateline", re.compile(r"\A[A-Z][A-Z .,'\u2019-]{1,40}\u2014\S")),
    # "OTTAWA \u2013 ": a dateline closed by a spaced dash, or a profile's "Background".
    (
        "spaced-dateline",
        re.compile(r"\A(?:[A-Z][A-Z .,'\u2019-]{1,40} [\u2013\u2014-] |Background)"),
    ),
)
_DATELINE = re.compile(
    r"\A\s*[A-Z][A-Za-z .,'\u2019]{1,50}(?:\([^)\n]{1,60}\))?(?:\s*[\u2013\u2014]|\s+-\s|:\s)\s*"
)
#: A source in brackets opening the text: ``(CNN) The president...``.
_LEADING_SOURCE = re.compile(r"\A\s*\([A-Z][A-Za-z .&]{0,30}\)\s*")
_SITE_NOTE = re.compile(
    r"\((?:[^()\n]{0,40}(?:\.com|\.org|\.net|Report|News|Times|Post))\)|"
    r"\b[\w.-]+\.(?:com|org|net|co)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LabelledArticle:
    """One article with its title, its source's kind and its group for splitting."""

    id: str
    title: str
    text: str
    kind: Kind
    group: str

    @property
    def satire(self) -> bool:
        """Whether the article comes from a satire site."""
        return self.kind == "satire"


def satire_group(text: str) -> str:
    """The satire site family of an article, from the way it opens."""
    stripped = text.strip()
    for name, pattern in _GROUP_RULES:
        if pattern.search(stripped):
            return name
    return "other"


def strip_boilerplate(text: str) -> str:
    """``text`` without a leading dateline and without site names or web addresses."""
    opened = _LEADING_SOURCE.sub("", text, count=1)
    return _SITE_NOTE.sub(" ", _DATELINE.sub("", opened, count=1))


def read_labelled(path: Path) -> list[LabelledArticle]:
    """Labelled articles of a JSONL file: Horne & Adali's ``articles.jsonl`` or a staged one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        out = []
        for record in records:
            kind = str(record["label"])
            if kind not in ("satire", "real", "fake"):
                raise ValueError(f"label {kind!r} of {record['id']!r}")
            text = str(record["text"])
            site = record.get("site")
            if site:
                group = str(site)
            else:
                group = satire_group(text) if kind == "satire" else str(record["dataset"])
            title = str(record.get("title") or "").strip()
            out.append(LabelledArticle(str(record["id"]), title, text, kind, group))  # type: ignore[arg-type]
        return out
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationError(
            f"Cannot read the labelled articles {str(path)!r}: {exc}; give the articles.jsonl "
            "of ../shared/data/horne2017-political-news or a file written by "
            "scripts/stage_tone_corpora.py"
        ) from exc


def split_of(article: LabelledArticle, seed: str = DEFAULT_SEED) -> Split:
    """Which split an article belongs to: by satire group, else by a hash of its id."""
    if article.satire:
        return "test" if article.group in HELD_OUT_GROUPS else "train"
    return "test" if hash_bucket(article.id, seed) < TEST_PERCENT else "train"


def hash_bucket(key: str, seed: str = DEFAULT_SEED) -> int:
    """A stable number from 0 to 99 for ``key`` (salted SHA-1)."""
    digest = hashlib.sha1(f"{seed}\n{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100
