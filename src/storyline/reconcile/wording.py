"""How findings and timeline labels name things: articles, entities, figures, events.

A finding's summary must be understood without the JSON, so it names
articles by a short label (the leading token of a file name, ``001`` for
``001_65d0a4bf.txt``, else the title), entities by their canonical merged
names, figures as :mod:`storyline.nlp.wording` writes them (``about 4,000``,
``10,000–12,000``) and dates as a reader writes them (``3 September 2025``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Article, Entity, Event
from ..nlp.events.lexicon import Lexicon, load_lexicon

_MAX_NAMES = 3


@dataclass(frozen=True)
class ArticleInfo:
    """What summaries say about an article: its label and whether it is satire."""

    label: str
    satire: bool
    basis: str
    published: str | None

    @property
    def tag(self) -> str:
        """The label, marked when the article is satire: ``000, satire``."""
        return f"{self.label}, satire" if self.satire else self.label


def article_infos(articles: Iterable[Article]) -> dict[str, ArticleInfo]:
    """Article id -> :class:`ArticleInfo`; clashing labels fall back to the article id."""
    infos: dict[str, ArticleInfo] = {}
    used: dict[str, int] = {}
    items = list(articles)
    for article in items:
        label = article.label
        used[label] = used.get(label, 0) + 1
    for article in items:
        label = article.label
        infos[article.id] = ArticleInfo(
            label=label if used[label] == 1 else article.id,
            satire=article.tone.label == "satire",
            basis=article.published.basis,
            published=article.published.value,
        )
    return infos


def info_for(infos: Mapping[str, ArticleInfo], article_id: str) -> ArticleInfo:
    """The info of an article, or a plain one naming it by id when it is unknown."""
    return infos.get(article_id) or ArticleInfo(article_id, False, "unknown", None)


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``; more than three end with ``and others``."""
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) > _MAX_NAMES:
        names = [*names[:_MAX_NAMES], "others"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def entity_names(entities: Iterable[Entity]) -> dict[str, str]:
    """Entity id -> canonical name."""
    return {entity.id: entity.name for entity in entities}


def name_of(names: Mapping[str, str], ref: str) -> str:
    """The canonical name of an entity id; an unmerged key reads as its name part."""
    if ref in names:
        return names[ref]
    return ref.split(":", 1)[-1].title() if ":" in ref else ref


#: Connectors that need two or more participants ("the meeting between A and B").
_PAIR_CONNECTORS = frozenset({"between", "among"})


def describe_event(event: Event, names: Mapping[str, str], lexicon: Lexicon | None = None) -> str:
    """``the meeting of Vladimir Putin and Kim Jong Un in Beijing``."""
    lexicon = lexicon or load_lexicon()
    text = f"the {lexicon.label(event.type)}"
    people = [name_of(names, p) for p in event.participants if p != event.place]
    if people:
        connector = lexicon.connector(event.type)
        if len(people) == 1 and connector in _PAIR_CONNECTORS:
            connector = "of"
        text += f" {connector} {join_names(people)}"
    if event.place is not None:
        text += f" {lexicon.place_word(event.type)} {name_of(names, event.place)}"
    return text


def capitalised(text: str) -> str:
    """The text with its first letter upper-cased (the rest untouched)."""
    return text[:1].upper() + text[1:]
