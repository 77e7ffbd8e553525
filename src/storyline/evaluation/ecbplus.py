"""Score incidents on ECB+: documents grouped into incidents, and event mentions across them.

``storyline eval ecbplus [DIR]`` reads ECB+'s test topics 36-45 from ``DIR``
(default ``../shared/data/ecbplus``): ``derived/ecbplus_test_topics.docs.jsonl``
for the documents and their gold mentions, ``ECBplus_coreference_sentences.csv``
for the sentences that were fully annotated (only those are scored).

**Documents into incidents.** Each topic holds two sub-topics: two similar
happenings (two earthquakes, two bombings). Storyline groups all 210
documents by their wording, names and numbers
(:class:`storyline.reconcile.coverage.Coverage`,
the signal incident merging uses for undated articles; ECB+ gives no dates)
and the groups are scored against the sub-topics with B³ and the adjusted
Rand index, for topics 36-40 (where the weights and thresholds were chosen)
and 41-45 (held out).

**Event coreference** (gold mentions, predicted groups). Every gold event
mention (``ACTION_*`` and ``NEG_ACTION_*``) of an annotated sentence is
clustered. ``storyline`` links mentions with the same sense
(:func:`storyline.analysis.events.event_sense`: the head lemma through the
lexicon's synonym sets) within one of its document groups; ``lemma+group``
does so with the bare lemma; ``same lemma`` links the same lemma within a
gold topic (the usual baseline); ``frames`` is the event-frame linking that
``analyze`` uses for events (:func:`storyline.analysis.events.link_frames`
within a document, :func:`storyline.reconcile.events.merge_events` across a
topic's documents). Gold clusters are the ``CROSS_DOC_COREF`` chains;
``INTRA_DOC_COREF`` chains are clusters within their document; unchained
mentions are singletons. Printed: B³, MUC and CEAF-e F1 and their CoNLL
mean over all topics, and the CoNLL F1 of topics 36-40 (where the rules
were written) and 41-45 (held out).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.events import event_sense, link_frames
from ..errors import EvaluationError
from ..models import Article, Event, EventMention, Span
from ..nlp.english import load_english
from ..nlp.events.frames import doc_context, frame_for
from ..nlp.events.lexicon import EventType, Lexicon, load_lexicon
from ..nlp.extensions import ENTITIES, register_extensions
from ..reconcile.coverage import Coverage
from ..reconcile.events import merge_events
from ..settings import Settings, default_shared_dir
from . import coref

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

DEFAULT_DIR = default_shared_dir() / "data" / "ecbplus"
DOCS = Path("derived") / "ecbplus_test_topics.docs.jsonl"
SENTENCES = "ECBplus_coreference_sentences.csv"
_KINDS = {
    "PERSON": ("person", "person:"),
    "ORG": ("organization", "organization:"),
    "GPE": ("place", "place:"),
    "LOC": ("place", "place:"),
    "FAC": ("place", "place:"),
    "NORP": ("group", "group:"),
}

#: The development topics (where rules and thresholds were chosen) and the held-out ones.
SPLITS = (("36-40 (dev)", range(36, 41)), ("41-45 (held out)", range(41, 46)))

MentionId = tuple[str, str]
Clusters = list[set[MentionId]]


@dataclass(frozen=True)
class GoldMention:
    """One gold event mention: document, id, sentence, token positions, gold cluster."""

    doc: str
    id: str
    sentence: int
    tokens: tuple[int, ...]
    cluster: str


@dataclass(frozen=True)
class Document:
    """One ECB+ document: its tokens by sentence, its scored event mentions, its sub-topic."""

    topic: int
    name: str
    sentences: tuple[tuple[str, ...], ...]
    mentions: tuple[GoldMention, ...]
    subtopic: str = ""

    @property
    def text(self) -> str:
        """The article text: its sentences, less a leading line giving the page's address."""
        lines = [" ".join(words) for words in self.sentences]
        if lines and lines[0].startswith("http"):
            lines = lines[1:]
        return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``storyline eval ecbplus``."""
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_DIR,
        help="ECB+ folder with derived/ and the sentence index (default: ../shared/data/ecbplus)",
    )


def run(args: argparse.Namespace) -> int:
    """Print how documents group into incidents, and how event mentions corefer."""
    documents = load_documents(args.path)
    groups = Coverage({d.name: d.text for d in documents}).groups()
    print(f"ECB+ test topics: {len(documents)} documents")
    print("Documents into incidents (sub-topics); grouping chosen on topics 36-40")
    print(f"  {'topics':<16} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6}")
    for label, chosen in SPLITS:
        picked = [d for d in documents if d.topic in chosen]
        gold_docs, predicted_docs = document_clusters(picked, groups)
        b3 = coref.b_cubed(gold_docs, predicted_docs)
        ari = coref.adjusted_rand(gold_docs, predicted_docs)
        print(f"  {label:<16} {b3[0]:6.3f} {b3[1]:6.3f} {b3[2]:6.3f} {ari:6.3f}")
    nlp = _pipeline()
    parsed = {d.name: parse(nlp, d) for d in documents}
    _print_coreference(documents, _systems(parsed, documents, groups))
    return 0


def _systems(
    parsed: Mapping[str, Doc], documents: Sequence[Document], groups: Mapping[str, int]
) -> dict[str, Clusters]:
    """Each system's mention clusters, by name."""
    lexicon = load_lexicon()
    return {
        "storyline": sense_clusters(parsed, documents, lambda d: groups[d.name], lexicon),
        "lemma+group": lemma_clusters(parsed, documents, lambda d: groups[d.name]),
        "same lemma": lemma_clusters(parsed, documents, lambda d: d.topic),
        "frames": storyline_clusters(parsed, documents),
        "singletons": [{m} for c in gold_clusters(documents) for m in c],
    }


def _print_coreference(documents: Sequence[Document], systems: Mapping[str, Clusters]) -> None:
    gold = gold_clusters(documents)
    print(f"Cross-document event coreference: {sum(len(c) for c in gold)} event mentions")
    header = ("B3 F1", "MUC F1", "CEAF-e", "CoNLL", "36-40", "41-45")
    print(f"  {'system':<12} " + " ".join(f"{h:>6}" for h in header))
    for name, predicted in systems.items():
        scores = [
            coref.b_cubed(gold, predicted)[2],
            coref.muc(gold, predicted)[2],
            coref.ceaf_e(gold, predicted)[2],
            coref.conll(gold, predicted),
        ]
        for _, chosen in SPLITS:
            names = {d.name for d in documents if d.topic in chosen}
            scores.append(coref.conll(_within(gold, names), _within(predicted, names)))
        print(f"  {name:<12} " + " ".join(f"{x:6.3f}" for x in scores))


def _within(clusters: Clusters, names: set[str]) -> Clusters:
    """The clusters' mentions from the named documents (empty clusters left out)."""
    kept = ({m for m in cluster if m[0] in names} for cluster in clusters)
    return [cluster for cluster in kept if cluster]


def document_clusters(
    documents: Sequence[Document], groups: Mapping[str, int]
) -> tuple[list[set[str]], list[set[str]]]:
    """Gold (sub-topic) and predicted (wording group) clusters of the documents."""
    gold: dict[tuple[int, str], set[str]] = {}
    predicted: dict[int, set[str]] = {}
    for document in documents:
        gold.setdefault((document.topic, document.subtopic), set()).add(document.name)
        predicted.setdefault(groups[document.name], set()).add(document.name)
    return list(gold.values()), list(predicted.values())


def _pipeline() -> Language:
    return load_english(Settings().model)


def load_documents(folder: Path) -> list[Document]:
    """The test documents with their gold event mentions in annotated sentences."""
    annotated = _annotated(folder / SENTENCES)
    try:
        lines = (folder / DOCS).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(
            f"Cannot read '{folder / DOCS}': {exc.strerror or exc}; give the ECB+ folder"
        ) from exc
    documents = []
    for line in lines:
        record = json.loads(line)
        documents.append(_document(record, annotated))
    if not documents:
        raise EvaluationError(f"No documents in '{folder / DOCS}'; give the ECB+ folder")
    return documents


def _annotated(path: Path) -> set[tuple[int, str, int]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise EvaluationError(f"Cannot read '{path}': {exc.strerror or exc}") from exc
    return {(int(r["Topic"]), r["File"], int(r["Sentence Number"])) for r in rows}


def _document(record: dict[str, Any], annotated: set[tuple[int, str, int]]) -> Document:
    name = str(record["doc"])
    topic = int(record["topic"])
    stem = name.split("_", 1)[1].removesuffix(".xml")
    sentences = tuple(tuple(s["text"].split(" ")) for s in record["sentences"])
    starts, total = {}, 0
    for sentence in record["sentences"]:
        starts[int(sentence["sentence"])] = total
        total += len(sentence["text"].split(" "))
    mentions = []
    for m in record["mentions"]:
        sentence = int(m["sentence"])
        if "ACTION" not in m["type"] or (topic, stem, sentence) not in annotated:
            continue
        positions = tuple(int(t) - 1 - starts[sentence] for t in m["token_ids"])
        if not all(0 <= p < len(sentences[sentence]) for p in positions):
            continue
        mentions.append(GoldMention(name, str(m["m_id"]), sentence, positions, _gold_id(name, m)))
    return Document(topic, name, sentences, tuple(mentions), str(record.get("subtopic", "")))


def _gold_id(doc: str, mention: Mapping[str, Any]) -> str:
    if mention.get("chain_type") == "CROSS_DOC_COREF":
        return str(mention["chain_id"])
    if mention.get("chain_type") == "INTRA_DOC_COREF":
        return f"{doc}:{mention['chain_id']}"
    return f"{doc}:m{mention['m_id']}"


def gold_clusters(documents: Iterable[Document]) -> Clusters:
    """Gold mention clusters (as sets of (document, mention id))."""
    clusters: dict[str, set[MentionId]] = {}
    for document in documents:
        for m in document.mentions:
            clusters.setdefault(m.cluster, set()).add((m.doc, m.id))
    return list(clusters.values())


def parse(nlp: Language, document: Document) -> Doc:
    """The document's tokens parsed sentence by sentence, with named entities as mentions."""
    from spacy.tokens import Doc

    register_extensions()
    parts = [Doc(nlp.vocab, words=list(words)) for words in document.sentences]
    done = list(nlp.pipe(parts))
    doc = Doc.from_docs(done)
    spans = []
    for ent in doc.ents:
        if ent.label_ not in _KINDS:
            continue
        kind, prefix = _KINDS[ent.label_]
        name = ent[-1].lower_ if kind == "person" else ent.text.lower()
        ent._.storyline_key = prefix + name
        spans.append(ent)
    for span in spans:
        span.label_ = _KINDS[span.label_][0]
    doc.spans[ENTITIES] = spans
    return doc


def _offsets(document: Document) -> list[int]:
    starts, total = [], 0
    for words in document.sentences:
        starts.append(total)
        total += len(words)
    return starts


def head_token(doc: Doc, document: Document, mention: GoldMention) -> Token:
    """The syntactic head of a (possibly multi-word) mention."""
    start = _offsets(document)[mention.sentence]
    tokens = [doc[start + p] for p in mention.tokens]
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return heads[-1] if heads else tokens[-1]


def storyline_clusters(parsed: Mapping[str, Doc], documents: Sequence[Document]) -> Clusters:
    """Predicted clusters: within-document linking, then cross-document merging per topic."""
    lexicon = load_lexicon()
    by_topic: dict[int, list[Event]] = {}
    articles: dict[int, list[Article]] = {}
    owners: dict[tuple[str, int], MentionId] = {}
    for document in documents:
        doc = parsed[document.name]
        context = doc_context(doc, lexicon)
        frames = []
        for mention in document.mentions:
            token = head_token(doc, document, mention)
            frame = frame_for(token, _event_type(token, lexicon), context, asserted_only=False)
            assert frame is not None
            frames.append(frame)
            owners[(document.name, token.idx)] = (document.name, mention.id)
        events = by_topic.setdefault(document.topic, [])
        for number, cluster in enumerate(link_frames(frames, lexicon)):
            events.append(_event(document.name, number, cluster, doc))
        articles.setdefault(document.topic, []).append(
            Article(id=document.name, source=document.name, title=None, text="")
        )
    clusters: Clusters = []
    for topic, events in by_topic.items():
        casts = {a.id: _cast(parsed[a.id]) for a in articles[topic]}
        for event in merge_events(events, (), articles[topic], lexicon, casts):
            clusters.append({owners[(m.article, m.span.start)] for m in event.mentions})
    return clusters


def _cast(doc: Doc) -> set[str]:
    """The entity keys a document names (its cast, for events that name none)."""
    return {span._.storyline_key for span in doc.spans[ENTITIES]}


def _event_type(token: Token, lexicon: Lexicon) -> EventType:
    table = lexicon.event_verbs if token.pos_ == "VERB" else lexicon.event_nouns
    for word in (token.lemma_.lower(), token.lower_):
        for trigger in table.get(word, ()):
            return lexicon.events[trigger.type]
    name = f"lemma:{token.lemma_.lower()}"
    return EventType(name=name, label=token.lemma_.lower(), group=name)


def _event(doc_name: str, number: int, cluster: Sequence[Any], doc: Doc) -> Event:
    mentions = []
    for frame in cluster:
        token = doc[frame.trigger]
        span = Span(doc_name, token.idx, token.idx + len(token.text), token.text)
        mentions.append(EventMention(article=doc_name, span=span))
    participants = tuple(dict.fromkeys(p for f in cluster for p in f.participants))
    place = next((f.place for f in cluster if f.place), None)
    return Event(
        id=f"{doc_name}-{number}",
        type=cluster[0].type,
        participants=participants,
        place=place,
        mentions=tuple(mentions),
    )


def lemma_clusters(
    parsed: Mapping[str, Doc],
    documents: Sequence[Document],
    group_of: Callable[[Document], Hashable],
) -> Clusters:
    """Mentions with the same head lemma in one group of documents.

    Grouped by gold topic this is the usual same-lemma baseline.
    """
    return _keyed_clusters(parsed, documents, group_of, lambda token: token.lemma_.lower())


def sense_clusters(
    parsed: Mapping[str, Doc],
    documents: Sequence[Document],
    group_of: Callable[[Document], Hashable],
    lexicon: Lexicon,
) -> Clusters:
    """Mentions with the same sense (:func:`storyline.analysis.events.event_sense`) in one
    group of documents: grouped by the stories Storyline finds from the documents'
    wording, this is Storyline's cross-document event coreference."""
    return _keyed_clusters(parsed, documents, group_of, lambda token: event_sense(token, lexicon))


def _keyed_clusters(
    parsed: Mapping[str, Doc],
    documents: Sequence[Document],
    group_of: Callable[[Document], Hashable],
    key: Callable[[Token], str],
) -> Clusters:
    clusters: dict[tuple[Hashable, str], set[MentionId]] = {}
    for document in documents:
        doc = parsed[document.name]
        group = group_of(document)
        for mention in document.mentions:
            word = key(head_token(doc, document, mention))
            clusters.setdefault((group, word), set()).add((document.name, mention.id))
    return list(clusters.values())
