"""Score event and relation coding on the PETRARCH2 unit-test sentences (CAMEO roots).

``storyline eval events [DIR]`` reads ``PETR.UnitTest.records.xml`` and the
actor dictionary ``PETR.Validate.actors.txt`` from ``DIR`` (default
``../shared/data/petrarch2-unittest``). Each sentence is parsed by the
English pipeline; its actors are found with the dictionary (names and
``+aliases``, underscores as spaces) and placed as entity mentions keyed by
their actor code, so that Storyline's own event and relation extraction
(``data/nlp/events.yaml``, ``data/nlp/relations.yaml``) runs unchanged on them.
Every event or relation found is coded with its type's CAMEO root and a
(source, target) pair.

Printed, over the sentences whose expected events carry a CAMEO root
(01-20; the suite's private test codes such as 9xx are left out):

- **root**: sentences where some coded event has an expected root;
- **root + pair**: sentences where some coded event has an expected root
  *and* its expected source and target (compared on the three-letter actor
  code: ``ARNGOV`` counts as ``ARN``), over the sentences whose expected
  event names both actors;
- **no event**: sentences expected to yield nothing that yield nothing.

The dictionary's agents, verb patterns and date restrictions are not used:
the point is how far Storyline's own lexicons go on someone else's test set.
"""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.relations import relations_from_doc
from ..errors import EvaluationError
from ..models import Article
from ..nlp.english import load_english
from ..nlp.events.frames import Frame, find_frames
from ..nlp.events.lexicon import Lexicon, load_lexicon
from ..nlp.extensions import ENTITIES, register_extensions
from ..settings import Settings, default_shared_dir

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

DEFAULT_DIR = default_shared_dir() / "data" / "petrarch2-unittest"
RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"
_CAMEO_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)")
_ACTOR_CODE = re.compile(r"^[A-Z]{3}")

Coded = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class Record:
    """One unit-test sentence with its expected codings ``(root, source, target)``."""

    id: str
    text: str
    expected: tuple[Coded, ...]
    no_events: bool


@dataclass
class Score:
    """Sentence counts behind the printed accuracies."""

    rooted: int = 0
    root_hits: int = 0
    paired: int = 0
    pair_hits: int = 0
    empty: int = 0
    empty_hits: int = 0
    misses: list[str] = field(default_factory=list)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``storyline eval events``."""
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_DIR,
        help="folder with the PETRARCH2 unit-test records and actor dictionary "
        "(default: ../shared/data/petrarch2-unittest)",
    )
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N sentences that miss"
    )


def run(args: argparse.Namespace) -> int:
    """Score the unit-test sentences and print the results."""
    records = load_records(args.path / RECORDS)
    actors = load_actors(args.path / ACTORS)
    score = score_records(_pipeline(), records, actors)
    print(f"PETRARCH2 unit tests: {len(records)} sentences")
    print(f"  root          {_share(score.root_hits, score.rooted)}")
    print(f"  root + pair   {_share(score.pair_hits, score.paired)}")
    print(f"  no event      {_share(score.empty_hits, score.empty)}")
    for line in score.misses[: args.show_errors]:
        print(f"  miss: {line}")
    return 0


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.1%})" if total else "0/0"


def _pipeline() -> Language:
    return load_english(Settings().model, exclude=("ner",))


def load_records(path: Path) -> list[Record]:
    """The unit-test sentences of ``PETR.UnitTest.records.xml``."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(
            f"Cannot read '{path}': {exc}; give the folder holding {RECORDS}"
        ) from exc
    records = []
    for node in root.iter("Sentence"):
        text_node = node.find("Text")
        if text_node is None or not (text_node.text or "").strip():
            continue
        codings = node.findall("EventCoding")
        expected = tuple(
            (str(c.get("eventcode")), c.get("sourcecode"), c.get("targetcode"))
            for c in codings
            if c.get("eventcode")
        )
        no_events = any(c.get("noevents") == "True" for c in codings)
        text = " ".join((text_node.text or "").split())
        records.append(Record(str(node.get("id")), text, expected, no_events))
    return records


def load_actors(path: Path) -> dict[str, str]:
    """Actor names (lower case, spaces for underscores) -> actor code, from the dictionary.

    An entry is a name line, ``+alias`` lines and code blocks (on the name
    line or indented below it); the first code without a date restriction
    wins, else the last restricted one.
    """
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise EvaluationError(
            f"Cannot read '{path}': {exc}; give the folder holding {ACTORS}"
        ) from exc
    actors: dict[str, str] = {}
    names: list[str] = []
    codes: list[tuple[str, bool]] = []
    for raw in [*lines, "END_OF_FILE"]:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        if line.startswith("+"):
            names.append(_name(line[1:].split("[", 1)[0]))
            continue
        if not line[0].isspace():
            _add_actor(actors, names, codes)
            names, codes = [_name(line.split("[", 1)[0])], []
        for block in re.findall(r"\[([^\]]*)\]", line):
            parts = block.split()
            if parts:
                codes.append((parts[0].split("/")[0], len(parts) > 1))
    return actors


def _add_actor(actors: dict[str, str], names: list[str], codes: list[tuple[str, bool]]) -> None:
    if not codes:
        return
    plain = [code for code, restricted in codes if not restricted]
    code = plain[0] if plain else codes[-1][0]
    for name in names:
        if name:
            actors.setdefault(name, code)


def _name(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def score_records(nlp: Language, records: Iterable[Record], actors: dict[str, str]) -> Score:
    """Code every record and count the sentences coded right."""
    lexicon = load_lexicon()
    matcher = actor_matcher(nlp, actors)
    score = Score()
    for record in records:
        doc = tag_actors(nlp(record.text), matcher)
        found = set(code_doc(doc, record, lexicon))
        roots = {_root(code) for code, _, _ in record.expected} - {None}
        if record.no_events:
            score.empty += 1
            score.empty_hits += not found
        if not roots:
            continue
        score.rooted += 1
        hit = bool(roots & {root for root, _, _ in found})
        score.root_hits += hit
        pairs = {(_root(c), _actor(s), _actor(t)) for c, s, t in record.expected}
        pairs = {p for p in pairs if p[0] and p[1] and p[2]}
        if pairs:
            score.paired += 1
            score.pair_hits += bool(pairs & found)
        if not hit:
            score.misses.append(f"{record.id}: {record.text}")
    return score


def _root(code: str | None) -> str | None:
    match = _CAMEO_ROOT.match(code or "")
    return match.group(1) if match else None


def _actor(code: str | None) -> str | None:
    match = _ACTOR_CODE.match(code or "")
    return match.group(0) if match else None


def actor_matcher(nlp: Language, actors: dict[str, str]) -> PhraseMatcher:
    """A phrase matcher over the dictionary's actor names (case-insensitive)."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, code in actors.items():
        matcher.add(code, [nlp.make_doc(name)])
    return matcher


def tag_actors(doc: Doc, matcher: PhraseMatcher) -> Doc:
    """Mark dictionary actors as entity mentions keyed ``country:<code>``, longest first."""
    register_extensions()
    matches = sorted(matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
    taken: set[int] = set()
    kept = []
    for match_id, start, end in matches:
        if taken & set(range(start, end)):
            continue
        taken.update(range(start, end))
        code = doc.vocab.strings[match_id]
        span = doc[start:end]
        span.label_ = "country"
        span._.storyline_key = f"country:{code}"
        span._.storyline_country = code
        kept.append(span)
    doc.spans[ENTITIES] = kept
    return doc


def code_doc(doc: Doc, record: Record, lexicon: Lexicon) -> Iterator[Coded]:
    """CAMEO-coded (root, source, target) triples of the events and relations in ``doc``."""
    article = Article(id=record.id, source=record.id, title=None, text=doc.text)
    frames = find_frames(doc, lexicon)
    for frame in frames:
        yield from _frame_codes(frame, lexicon)
    for relation in relations_from_doc(doc, article, frames, lexicon):
        spec = lexicon.relations.get(relation.type)
        root = spec.cameo if spec is not None else None
        if root is None:
            continue
        source, target = _code(relation.source), _code(relation.target)
        yield root, source, target
        if spec is not None and spec.symmetric:
            yield root, target, source


def _frame_codes(frame: Frame, lexicon: Lexicon) -> Iterator[Coded]:
    spec = lexicon.events.get(frame.type)
    if spec is None or spec.cameo is None:
        return
    targets = list(frame.others)
    if frame.place is not None and frame.place.startswith("country:"):
        targets.append(frame.place)
    sources = list(frame.actors) or list(frame.others)
    if not targets:
        targets = sources
    yielded = False
    for source in sources:
        for target in targets:
            if source != target:
                yielded = True
                yield spec.cameo, _code(source), _code(target)
    if not yielded:
        yield spec.cameo, None, None


def _code(key: str) -> str | None:
    return _actor(key.split(":", 1)[1]) if key.startswith("country:") else None
