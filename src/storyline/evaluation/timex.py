"""Score time expressions against TimeBank/AQUAINT TIMEX3 gold (TempEval-3 style).

``storyline eval timex FILE.jsonl`` reads the derived TempEval-3 files in
``../shared/data/timebank-aquaint/derived/`` (one document per line: ``text``,
``dct_value`` and gold ``timexes`` with ``start``, ``end``, ``type``,
``value``), runs the English pipeline with ``storyline_times`` on each text
with the document creation time as the article's date, and prints:

- span precision, recall and F1 with relaxed matching (a found expression
  matches a gold one when their character ranges overlap);
- type accuracy: the share of matched gold expressions whose type is right;
- value precision, recall and F1: a match counts only when the TIMEX3 value
  is equal (precision over found expressions, recall over gold ones);
- the same value scores with notation set aside (:func:`same_notation`): the
  two parts of the gold data write some values differently (``1998-W9`` and
  ``1998-W09``, ``199X`` and ``199``, ``Friday night`` as the day or as the
  day's night). This row is printed beside the strict one, never instead.

``--half tune`` or ``--half check`` scores one half of the documents, split
by a hash of each file name (:func:`half_of`): the rules are tuned on the
``tune`` half of TimeBank and the ``check`` half shows how far that carries
to documents not looked at.

``--newsquant PATH`` also runs NewsQuant's sentences and counts gold
quantities whose number lies inside a time expression: a count, an amount
or an age must never become a time. Quantities whose unit is itself a time
unit (``15 years``) are durations and are counted apart.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvaluationError
from ..nlp.english import load_english
from ..nlp.extensions import TIMES, register_extensions
from ..settings import Settings, default_shared_dir

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_SHARED = default_shared_dir() / "data"
DEFAULT_FILE = _SHARED / "timebank-aquaint" / "derived" / "TBAQ-AQUAINT.timex.jsonl"
_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
_PUBLISHED = {"HeidelTime": 77.61, "SUTime": 67.38}


@dataclass
class Tally:
    """Counts behind the span, type and value scores."""

    gold: int = 0
    found: int = 0
    found_matched: int = 0
    gold_matched: int = 0
    type_right: int = 0
    found_value_right: int = 0
    gold_value_right: int = 0
    found_notation_right: int = 0
    gold_notation_right: int = 0

    def add(
        self, gold: list[dict[str, Any]], found: list[tuple[int, int, str, str | None]]
    ) -> None:
        """Count one document's gold and found expressions."""
        self.gold += len(gold)
        self.found += len(found)
        for start, end, _, value in found:
            overlapping = [g for g in gold if start < g["end"] and g["start"] < end]
            self.found_matched += bool(overlapping)
            self.found_value_right += any(g["value"] == value for g in overlapping)
            self.found_notation_right += any(same_notation(g["value"], value) for g in overlapping)
        for item in gold:
            hits = [f for f in found if f[0] < item["end"] and item["start"] < f[1]]
            if not hits:
                continue
            self.gold_matched += 1
            self.type_right += hits[0][2] == item["type"]
            self.gold_value_right += any(f[3] == item["value"] for f in hits)
            self.gold_notation_right += any(same_notation(item["value"], f[3]) for f in hits)


_WEEK = re.compile(r"^(\d{4})-W(\d)(?=$|-)")
_X_PADDED = re.compile(r"^(\d{2,3})X+$")
_PART_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI|DT)$")


def same_notation(gold: str, value: str | None) -> bool:
    """Whether two TIMEX3 values say the same once notation is set aside.

    Week numbers with or without a leading zero, decades and centuries with or
    without ``X`` padding, and a day with or without its part of the day
    (``1998-02-27TNI`` and ``1998-02-27``) count as the same.
    """
    return value is not None and _notation(gold) == _notation(value)


def _notation(value: str) -> str:
    value = _WEEK.sub(lambda m: f"{m.group(1)}-W0{m.group(2)}", value)
    value = _X_PADDED.sub(lambda m: m.group(1), value)
    return _PART_OF_DAY.sub(lambda m: m.group(1), value)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``storyline eval timex``."""
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_FILE,
        help="TempEval-3 derived JSONL file (default: the AQUAINT part in ../shared/data)",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="score only the first N documents")
    parser.add_argument(
        "--half",
        choices=HALVES,
        help="score only one half of the documents, split by a hash of their file names",
    )
    parser.add_argument(
        "--newsquant",
        type=Path,
        metavar="PATH",
        help="also count NewsQuant gold quantities tagged as times (NewsQuant.json)",
    )


HALVES = ("tune", "check")


def half_of(name: str) -> str:
    """``tune`` or ``check``: the half a document belongs to, by the SHA-1 of its file name."""
    return HALVES[int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2]


def run(args: argparse.Namespace) -> int:
    """Score the file (and NewsQuant when asked) and print the results."""
    if args.limit is not None and args.limit < 1:
        raise EvaluationError(f"--limit must be 1 or more, not {args.limit}")
    documents = load_documents(args.file)
    if args.half is not None:
        documents = [d for d in documents if half_of(str(d.get("file", ""))) == args.half]
    documents = documents[: args.limit]
    nlp = pipeline()
    tally = score_documents(nlp, documents)
    print(
        f"{args.file.name}: {len(documents)} documents, {tally.gold} gold expressions, "
        f"{tally.found} found"
    )
    for line in report_lines(tally):
        print(line)
    if args.newsquant is not None:
        sentences = _load_json(args.newsquant)
        checked, durations, offenders = newsquant_check(nlp, sentences)
        print(
            f"NewsQuant: {len(sentences)} sentences, {checked} gold quantities checked "
            f"({durations} with a time unit left out); tagged as time: {len(offenders)}"
        )
        for text, number in offenders[:20]:
            print(f"  {number!r} in: {text}")
    return 0


def pipeline() -> Language:
    """The English pipeline followed by ``storyline_times`` (where ``build_nlp`` puts it)."""
    from ..nlp.components import times  # registers the factory

    register_extensions()
    nlp = load_english(Settings().model)
    nlp.add_pipe(times.NAME)
    return nlp


def load_documents(path: Path) -> list[dict[str, Any]]:
    """The documents of a derived TempEval-3 JSONL file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(
            f"Cannot read {str(path)!r}: {exc}; give a file from "
            "../shared/data/timebank-aquaint/derived/"
        ) from exc
    documents = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            _ = item["text"], item["dct_value"], item["timexes"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvaluationError(
                f"Line {number} of {str(path)!r} is not a TempEval-3 document ({exc}); each "
                "line needs text, dct_value and timexes"
            ) from exc
        documents.append(item)
    return documents


def score_documents(nlp: Language, documents: list[dict[str, Any]]) -> Tally:
    """Run the pipeline on every document (dated by its DCT) and count matches."""
    tally = Tally()
    for item, doc in zip(documents, nlp.pipe(_docs(nlp, documents)), strict=True):
        found = [
            (s.start_char, s.end_char, s.label_, s._.storyline_value) for s in doc.spans[TIMES]
        ]
        tally.add(item["timexes"], found)
    return tally


def _docs(nlp: Language, documents: Iterable[dict[str, Any]]) -> Iterator[Doc]:
    for item in documents:
        doc = nlp.make_doc(item["text"])
        doc._.storyline_published = str(item["dct_value"])[:10]
        doc._.storyline_published_basis = "metadata"
        yield doc


def report_lines(tally: Tally) -> list[str]:
    """The score table, with the published TempEval-3 value F1 scores beside it."""
    span_p, span_r = (
        _ratio(tally.found_matched, tally.found),
        _ratio(tally.gold_matched, tally.gold),
    )
    value_p = _ratio(tally.found_value_right, tally.found)
    value_r = _ratio(tally.gold_value_right, tally.gold)
    type_accuracy = _ratio(tally.type_right, tally.gold_matched)
    lenient_p = _ratio(tally.found_notation_right, tally.found)
    lenient_r = _ratio(tally.gold_notation_right, tally.gold)
    reference = ", ".join(f"{name} {score:.1f}" for name, score in _PUBLISHED.items())
    return [
        f"  span (relaxed)  P {span_p:.3f}  R {span_r:.3f}  F1 {_f1(span_p, span_r):.3f}",
        f"  type accuracy   {type_accuracy:.3f}",
        f"  value           P {value_p:.3f}  R {value_r:.3f}  F1 {_f1(value_p, value_r):.3f}",
        f"  value, notation set aside  P {lenient_p:.3f}  R {lenient_r:.3f}  "
        f"F1 {_f1(lenient_p, lenient_r):.3f}",
        f"  (TempEval-3 test set, value F1: {reference})",
    ]


def newsquant_check(
    nlp: Language, sentences: list[dict[str, Any]]
) -> tuple[int, int, list[tuple[str, str]]]:
    """Gold quantities checked, those left out as durations, and those inside a time."""
    checked = durations = 0
    offenders: list[tuple[str, str]] = []
    texts = [str(s["text"]) for s in sentences]
    for sentence, doc in zip(sentences, nlp.pipe(texts), strict=True):
        spans = [(s.start_char, s.end_char) for s in doc.spans[TIMES]]
        for quantity in sentence.get("quantities", ()):
            unit_words = str(quantity.get("normalized_unit", "")).split()
            if unit_words and unit_words[0] in _TIME_UNITS and "age" not in unit_words:
                durations += 1
                continue
            checked += 1
            for number in _numbers(str(quantity.get("value", ""))):
                hits = _occurrences(doc.text, number)
                if any(s < e2 and s2 < e for s, e in hits for s2, e2 in spans):
                    offenders.append((doc.text, number))
                    break
    return checked, durations, offenders


def _numbers(value: str) -> list[str]:
    """The ways a gold value (``2700.0``, ``10000.0-12000.0``) can be written."""
    written = []
    for part in re.split(r"(?<=\d)-(?=\d|-)", value):
        try:
            number = float(part)
        except ValueError:
            continue
        if number.is_integer():
            written += [f"{int(number):,}", str(int(number))]
        else:
            written.append(f"{number:g}")
    return list(dict.fromkeys(written))


def _occurrences(text: str, number: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)")
    return [m.span() for m in pattern.finditer(text)]


def _load_json(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(
            f"Cannot read {str(path)!r}: {exc}; give NewsQuant.json from ../shared/data/newsquant/"
        ) from exc
    if not isinstance(data, list):
        raise EvaluationError(f"{str(path)!r} is not a JSON list of NewsQuant sentences")
    return data


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
