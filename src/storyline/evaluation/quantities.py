"""Score quantity extraction on NewsQuant (CQE's matching) and the quantulum3 fixtures.

``storyline eval quantities FILE.json`` reads NewsQuant (a JSON list of
``{"text", "quantities": [{"value", "normalized_unit", "change", ...}]}``),
runs the quantity component and prints precision, recall and F1 for the value
alone, the value with its hedge or change, and the value with its unit.

Matching follows the CQE evaluation (Almasian et al., EMNLP 2023): per
sentence, gold and predicted quantities are sorted by unit; for each gold
quantity the predictions are scanned in order; a prediction whose value is
close (relative tolerance 1e-5) counts for the value score (at most as many
times as the sentence has gold quantities) and for the hedge score when the
change operator also agrees; the scan stops, and the prediction is used up,
at the first one whose unit agrees too. Because that lets one prediction count
for several gold values, a strict one-to-one score is printed as well.

Storyline's qualifiers map to CQE's operators: ``approximately`` -> ``~``,
``more_than``/``at_least`` -> ``>``, ``up_to``/``at_most``/``less_than`` ->
``<``, otherwise ``up``/``down`` for a change and ``=``. Units are translated
with ``data/evaluation/unit_names.yaml``; a counted noun is compared with its modifiers,
lemmatised, the way NewsQuant spells it (``50 different products`` ->
``different product``).

By default the quantity component runs on its own (after the English tagger
and parser), as CQE's extractor does, so durations such as ``15 years`` count
as quantities. ``--full-pipeline`` runs every Storyline component: durations
then belong to the time expressions, as in ``story.json``, and recall drops.

Two scores are printed. The **raw** score compares Storyline's output as it
is. The **NewsQuant conventions** score first rewrites it the way NewsQuant
writes the same information, where the two differ only in form:

- a change from one level to another (``fell from 300 to 200``, ``narrowed
  to 138 from 212``) is two levels in Storyline and one value ``300-200`` in
  NewsQuant; two levels joined by ``from ... to`` become that one value;
- NewsQuant has one operator slot, and a change fills it before a hedge
  (``rose about 1.5%`` is ``up``); Storyline keeps both, the raw score uses
  the hedge;
- units NewsQuant spells in more than one way (``foot pound-force`` and
  ``pound-foot``) count as one (``cqe_equivalents`` in ``data/evaluation/unit_names.yaml``).

Nothing else is mapped: ``one of the`` stays a pronoun and a vague amount
(``dozens``) stays a low bound, although NewsQuant counts the first as 1 and
writes the second as a range (12-120).

``--quantulum PATH`` runs the quantulum3 test fixtures as a regression set: a
sentence passes when every expected quantity is found with its value and unit
(ranges as their midpoint, quantulum's convention) and nothing else is.
"""

from __future__ import annotations

import argparse
import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvaluationError
from ..lexicons import bundled_yaml
from ..models import Value
from ..nlp.extensions import QUANTITIES
from ..nlp.numbers.units import counted_phrase, noun_of_span, singular
from ..settings import Settings, default_shared_dir

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

_SHARED = default_shared_dir() / "data"
DEFAULT_FILE = _SHARED / "newsquant" / "NewsQuant.json"
_QUANTULUM_FILES = ("quantities.json", "quantities.ambiguity.json")
_OPERATORS = {
    "approximately": "~",
    "more_than": ">",
    "at_least": ">",
    "up_to": "<",
    "at_most": "<",
    "less_than": "<",
}
_RTOL, _ATOL = 1e-5, 1e-8
_COMPARATIVES = frozenset({"more", "fewer", "less"})

Number = float | tuple[float, float]


@dataclass(frozen=True)
class Item:
    """One quantity reduced to what the gold data labels."""

    value: Number
    unit: str
    change: str = "="


@dataclass
class Tally:
    """Counts behind precision, recall and F1."""

    gold: int = 0
    predicted: int = 0
    hits: dict[str, int] = field(default_factory=lambda: {"value": 0, "hedge": 0, "unit": 0})

    def scores(self, name: str) -> tuple[float, float, float]:
        hits = self.hits[name]
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        total = precision + recall
        return precision, recall, (2 * precision * recall / total if total else 0.0)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``storyline eval quantities``."""
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_FILE,
        help="NewsQuant JSON file (default: ../shared/data/newsquant/NewsQuant.json)",
    )
    parser.add_argument(
        "--quantulum",
        type=Path,
        metavar="PATH",
        help="folder with quantulum3's test fixtures; run them as a regression set",
    )
    parser.add_argument(
        "--full-pipeline",
        action="store_true",
        help="run every Storyline component (durations then go to time expressions)",
    )
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N sentences that differ"
    )


def run(args: argparse.Namespace) -> int:
    """Score the file (and the quantulum fixtures when asked) and print the results."""
    gold = _load_json(args.file)
    nlp = _pipeline(args.full_pipeline)
    docs = list(_docs(nlp, [str(entry["text"]) for entry in gold]))
    cqe, strict = newsquant_tallies(gold, docs, conventions=False, show_errors=args.show_errors)
    mapped, mapped_strict = newsquant_tallies(gold, docs, conventions=True)
    print(f"NewsQuant: {len(gold)} sentences, {cqe.gold} gold and {cqe.predicted} found quantities")
    _print_tally("CQE matching, raw", cqe)
    _print_tally("one-to-one, raw", strict)
    _print_tally("CQE matching, NewsQuant conventions", mapped)
    _print_tally("one-to-one, NewsQuant conventions", mapped_strict)
    if args.quantulum is not None:
        passed, total, tally = score_quantulum(nlp, args.quantulum)
        print(f"quantulum3 fixtures: {passed}/{total} sentences pass ({passed / total:.1%})")
        _print_tally("quantulum3 quantities", tally, names=("value", "unit"))
    return 0


def _print_tally(
    title: str, tally: Tally, names: Iterable[str] = ("value", "hedge", "unit")
) -> None:
    labels = {"value": "value", "hedge": "value+hedge", "unit": "value+unit"}
    print(f"  {title}:")
    for name in names:
        p, r, f = tally.scores(name)
        print(f"    {labels[name]:<12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def _pipeline(full: bool) -> Language:
    from ..nlp import build_nlp
    from ..nlp.components import quantities  # registers the factory
    from ..nlp.english import load_english

    settings = Settings()
    if full:
        return build_nlp(settings)
    nlp = load_english(settings.model, exclude=("ner",))
    nlp.add_pipe(quantities.NAME)
    return nlp


def _load_json(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(
            f"Cannot read {str(path)!r}: {exc}; give the path of a JSON file of the "
            "NewsQuant or quantulum3 format (see ../shared/data/*/SOURCE.md)"
        ) from exc
    if not isinstance(data, list):
        raise EvaluationError(f"{str(path)!r} is not a JSON list of sentences")
    return data


@functools.cache
def _unit_names() -> dict[str, dict[str, str]]:
    data = bundled_yaml("evaluation/unit_names.yaml")
    return {scheme: {str(k): str(v) for k, v in table.items()} for scheme, table in data.items()}


def translate_unit(unit: str | None, scheme: str) -> str:
    """Storyline's unit name as spelled by ``scheme`` (``cqe`` or ``quantulum``)."""
    table = _unit_names()[scheme]
    if unit is None:
        return "dimensionless" if scheme == "quantulum" else "-"
    if unit in table:
        return table[unit].lower()
    parts = [table.get(part, part) for part in unit.split(" per ")]
    return " per ".join(parts).lower()


def cqe_unit(span: Span) -> str:
    """The unit as NewsQuant normalises it.

    A counted noun keeps its modifiers, lemmatised (``50 different products``
    -> ``different product``), and a share of a group is ``%`` plus the group
    (``a third of those screened`` -> ``% -``); other units are translated
    with ``data/evaluation/unit_names.yaml``.
    """
    unit = span._.storyline_unit
    if span.label_ not in ("count", "fraction"):
        return translate_unit(unit, "cqe")
    noun = noun_of_span(span) if span.label_ == "count" else _fraction_group(span)
    phrase = ""
    if noun is not None:
        words = [t for t in counted_phrase(noun, span.end) if _in_phrase(t, noun)]
        tokens = [*_modifiers_before(span, noun), *words]
        phrase = _joined(tokens)
    if span.label_ == "fraction":
        return f"% {phrase or '-'}"
    rate = unit.split(" per ", 1)[1:] if unit else []
    return " per ".join([phrase or translate_unit(unit, "cqe"), *rate])


def _in_phrase(token: Token, noun: Token) -> bool:
    """NewsQuant leaves verbs and ``more``/``fewer`` (``eight more picks``) out of a phrase."""
    return token == noun or (token.pos_ != "VERB" and token.lower_ not in _COMPARATIVES)


def _joined(tokens: list[Token]) -> str:
    """Singular lower-case words, spaced as written (``first-team player``) or as a phrase."""
    parts = []
    for k, token in enumerate(tokens):
        apart = k + 1 < len(tokens) and tokens[k + 1].i != token.i + 1
        if apart and token.is_punct:
            parts.append(" ")  # a hyphen whose other half was left out
            continue
        parts.append(singular(token) + (" " if token.whitespace_ or apart else ""))
    return " ".join("".join(parts).split())


def _modifiers_before(span: Span, noun: Token) -> list[Token]:
    """Modifiers of the counted noun written before the number.

    ``the top three seeds``, ``a record 32 goals`` (a noun right before the
    number), and a named owner anywhere before the noun (``Johnson's two
    deputies``, ``two of Johnson's deputies``).
    """
    return [
        t
        for t in noun.lefts
        if (t.dep_ == "poss" and t.pos_ == "PROPN")
        or (
            t.i < span.start
            and t.tag_ in ("JJ", "JJS", "NN")
            and (t.dep_ in ("amod", "compound") or (t.dep_ == "nmod" and t.i == span.start - 1))
        )
    ]


def _fraction_group(span: Span) -> Token | None:
    """The group a share is of: ``a third of the soldiers``, ``half the condos``."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        return next((c for c in doc[span.end].children if c.dep_ == "pobj"), None)
    head = span.root.head
    if head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
        return head
    return None


def span_item(span: Span, scheme: str = "cqe", change_first: bool = False) -> Item:
    """A predicted quantity in the gold data's terms.

    The operator is the hedge's, else the change's (``change_first`` swaps
    the two, NewsQuant's convention).
    """
    value: Value = span._.storyline_value
    number: Number
    if value.low is not None and value.high is not None and value.low != value.high:
        number = (value.low, value.high)
    else:
        number = value.low if value.low is not None else (value.high or 0.0)
    hedge, change = _OPERATORS.get(value.qualifier), span._.storyline_change
    operator = (change or hedge if change_first else hedge or change) or "="
    if scheme == "cqe":
        return Item(number, cqe_unit(span), operator)
    unit = None if span.label_ in ("count", "fraction") else span._.storyline_unit
    return Item(number, translate_unit(unit, scheme), operator)


def newsquant_items(doc: Doc, conventions: bool = False) -> list[Item]:
    """The quantities of ``doc`` as NewsQuant items, raw or in NewsQuant's conventions."""
    spans = list(doc.spans[QUANTITIES])
    items = [span_item(span, "cqe", change_first=conventions) for span in spans]
    if not conventions:
        return items
    joined: list[Item] = []
    k = 0
    while k < len(spans):
        pair = _transition(spans, items, k) if k + 1 < len(spans) else None
        joined.append(pair or items[k])
        k += 2 if pair else 1
    return joined


def _transition(spans: list[Span], items: list[Item], k: int) -> Item | None:
    """``from 300 to 200`` / ``to 200 from 300`` as NewsQuant's one value ``300-200``."""
    first, second = spans[k], spans[k + 1]
    doc = first.doc
    before = doc[first.start - 1].lower_ if first.start > 0 else ""
    noun = noun_of_span(first)
    tail = noun.i + 1 if noun is not None and first.end <= noun.i < second.start else first.end
    between = [t.lower_ for t in doc[tail : second.start]]
    if (before, between) == ("from", ["to"]):
        old, new = items[k], items[k + 1]
    elif (before, between) == ("to", ["from"]):
        old, new = items[k + 1], items[k]
    else:
        return None
    if isinstance(old.value, tuple) or isinstance(new.value, tuple):
        return None
    unit = new.unit if new.unit != "-" else old.unit
    change = next((c for c in (old.change, new.change) if c != "="), "=")
    return Item((old.value, new.value), unit, change)


def gold_item(entry: dict[str, Any], conventions: bool = False) -> Item:
    """A NewsQuant gold quantity (``"252.0-287.0"`` is a range)."""
    raw = str(entry["value"])
    number: Number
    if "-" in raw and not raw.startswith("-") and "E" not in raw:
        low, high = raw.split("-", 1)
        number = (float(low), float(high))
    else:
        number = float(raw)
    unit = str(entry["normalized_unit"]).lower()
    if conventions:
        unit = _unit_names()["cqe_equivalents"].get(unit, unit)
    return Item(number, unit, str(entry["change"]))


def close(gold: Number, found: Number) -> bool:
    """numpy.isclose's test (relative 1e-5 of the gold value), for numbers and ranges."""
    if isinstance(gold, tuple) or isinstance(found, tuple):
        if not (isinstance(gold, tuple) and isinstance(found, tuple)):
            return False
        return all(close(g, f) for g, f in zip(gold, found, strict=True))
    return abs(found - gold) <= _ATOL + _RTOL * abs(gold)


def cqe_match(gold: list[Item], found: list[Item], tally: Tally) -> None:
    """Add one sentence to ``tally`` the way CQE's evaluation counts it."""
    tally.gold += len(gold)
    tally.predicted += len(found)
    pool = sorted(found, key=lambda item: item.unit)
    credit = len(gold)
    for target in sorted(gold, key=lambda item: item.unit):
        for candidate in list(pool):
            if not close(target.value, candidate.value):
                continue
            if credit > 0:
                tally.hits["value"] += 1
                credit -= 1
            tally.hits["hedge"] += candidate.change == target.change
            if candidate.unit == target.unit:
                tally.hits["unit"] += 1
                pool.remove(candidate)
                break


def strict_match(gold: list[Item], found: list[Item], tally: Tally) -> None:
    """Each gold quantity takes at most one prediction with its value.

    Pairs that also agree on the unit are made first, so a prediction goes to
    the gold quantity it matches best.
    """
    tally.gold += len(gold)
    tally.predicted += len(found)
    pool, waiting = list(found), list(gold)
    for agree_on_unit in (True, False):
        for target in list(waiting):
            matches = [
                c
                for c in pool
                if close(target.value, c.value) and (c.unit == target.unit or not agree_on_unit)
            ]
            if not matches:
                continue
            best = max(matches, key=lambda c: c.change == target.change)
            pool.remove(best)
            waiting.remove(target)
            tally.hits["value"] += 1
            tally.hits["hedge"] += best.change == target.change
            tally.hits["unit"] += best.unit == target.unit


def _docs(nlp: Language, texts: list[str]) -> Iterator[Doc]:
    yield from nlp.pipe(texts, batch_size=64)


def score_newsquant(
    nlp: Language, data: list[dict[str, Any]], show_errors: int = 0, conventions: bool = False
) -> tuple[Tally, Tally]:
    """CQE-matching and one-to-one tallies over NewsQuant sentences."""
    docs = list(_docs(nlp, [str(entry["text"]) for entry in data]))
    return newsquant_tallies(data, docs, conventions, show_errors)


def newsquant_tallies(
    data: list[dict[str, Any]], docs: list[Doc], conventions: bool, show_errors: int = 0
) -> tuple[Tally, Tally]:
    """CQE-matching and one-to-one tallies over sentences already parsed."""
    cqe, strict = Tally(), Tally()
    for entry, doc in zip(data, docs, strict=True):
        gold = [gold_item(q, conventions) for q in entry.get("quantities", [])]
        found = newsquant_items(doc, conventions)
        cqe_match(gold, found, cqe)
        strict_match(gold, found, strict)
        if show_errors > 0 and sorted(map(repr, gold)) != sorted(map(repr, found)):
            show_errors -= 1
            print(f"- {entry['text']}\n    gold  {gold}\n    found {found}")
    return cqe, strict


def score_quantulum(nlp: Language, folder: Path) -> tuple[int, int, Tally]:
    """(sentences passed, sentences, quantity tally) over quantulum3's fixtures."""
    cases: list[dict[str, Any]] = []
    for name in _QUANTULUM_FILES:
        cases.extend(_load_json(folder / name))
    errors_file = folder / "errors.json"
    crash_inputs = [str(text) for text in _load_json(errors_file)] if errors_file.exists() else []
    tally, passed = Tally(), 0
    docs = _docs(nlp, [str(case["req"]) for case in cases])
    for case, doc in zip(cases, docs, strict=True):
        expected = [_quantulum_item(r) for r in case["res"]]
        found = [_midpoint(span_item(s, "quantulum")) for s in doc.spans[QUANTITIES]]
        before = dict(tally.hits)
        strict_match(expected, found, tally)
        units = tally.hits["unit"] - before["unit"]
        passed += units == len(expected) == len(found)
    for _ in _docs(nlp, crash_inputs):
        passed += 1
    return passed, len(cases) + len(crash_inputs), tally


def _quantulum_item(entry: dict[str, Any]) -> Item:
    return Item(float(entry["value"]), str(entry["unit"]).lower())


def _midpoint(item: Item) -> Item:
    if isinstance(item.value, tuple):
        return Item((item.value[0] + item.value[1]) / 2, item.unit, item.change)
    return item
