"""The ``storyline_entities`` component: who and where each named entity is.

It reads the English pipeline's ``doc.ents`` (PERSON, ORG, GPE, NORP, LOC,
FAC) and writes ``doc.spans["storyline_entities"]``: one span per mention,
``span.label_`` the entity kind (``person``, ``country``, ``organization``,
``place``, ``group``, ``other``) and the resolved identity in
``span._.storyline_key`` (``country:KP``, ``person:kim jong un``...),
``span._.storyline_name`` and ``span._.storyline_country``.

Rules, in the order they apply:

1. Clean the NER span: a leading "the", titles before a name ("Ukrainian
   President Volodymyr Zelenskyy"), a trailing possessive or punctuation and
   words after a country name ("North Korea Sends") are dropped; spans with
   no capital letter ("netizens") are not names.
2. A name, abbreviation or demonym of a country is the country ("DPRK",
   "North Korean" -> ``country:KP``). A capital or seat of government is the
   country too ("Pyongyang's ambitions", "the Kremlin said") unless the text
   puts it as a location ("met in Beijing", "visited Moscow") -> ``place``.
3. A curated actor's spelling is that actor ("Zelensky" -> Volodymyr
   Zelenskyy, "U.N." -> United Nations).
4. A full name is ``person:<folded name>``. A bare name ("Putin", "Kim",
   "Un") is the one full name of the article whose first or last word it
   is; when two people share it, the nearest full name before it (never a
   merge of the two). A bare name with no full name keeps its own key for
   the reconcile stage.
5. Anything else: ORG -> ``organization``, NORP -> ``group``, GPE, LOC and
   FAC -> ``place`` (with the country a region lies in, when known).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...models import EntityKind
from ..actors import ActorIndex, actor_index, fold, load_actor_file, person_key
from ..countries import CountryLexicon, country_lexicon
from ..extensions import ENTITIES, register_extensions

#: The NER labels this component reads.
LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s"})
_EDGE_PUNCT = frozenset("\"'“”‘’«»()[]{}.,;:!?-–—")


@dataclass(frozen=True)
class Resolved:
    """One resolved mention: token range, kind and identity."""

    start: int
    end: int
    kind: EntityKind
    key: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class _Candidate:
    span: Span
    label: str
    text: str


class EntityResolver:
    """Resolve the NER entities of a ``Doc`` to Storyline entity keys."""

    def __init__(self, actors_file: str | None = None) -> None:
        path = Path(actors_file) if actors_file else None
        self.actors_file = actors_file
        self.data = load_actor_file(path)
        self.index: ActorIndex = actor_index(path)
        self.countries: CountryLexicon = country_lexicon(path)

    def __call__(self, doc: Doc) -> Doc:
        candidates = [c for ent in doc.ents if (c := self._candidate(ent)) is not None]
        resolved = self._resolve(candidates)
        spans = []
        for item in resolved:
            span = Span(doc, item.start, item.end, label=item.kind)
            span._.storyline_key = item.key
            span._.storyline_name = item.name
            span._.storyline_country = item.country
            spans.append(span)
        doc.spans[ENTITIES] = spans
        return doc

    # --- cleaning ----------------------------------------------------------------

    def _candidate(self, ent: Span) -> _Candidate | None:
        if ent.label_ not in LABELS:
            return None
        start, end = ent.start, ent.end
        doc = ent.doc
        while end > start and (doc[end - 1].text in _POSSESSIVE or _is_punct(doc[end - 1])):
            end -= 1
        while start < end and (doc[start].lower_ == "the" or _is_punct(doc[start])):
            start += 1
        if ent.label_ == "PERSON":
            while end - start > 1 and (width := self._title_width(doc[start:end])):
                start += width
        elif ent.label_ in ("GPE", "NORP"):
            end = self._country_prefix(doc, start, end)
        span = doc[start:end]
        if not len(span) or not any(char.isupper() for char in span.text):
            return None
        return _Candidate(span, ent.label_, span.text)

    def _title_width(self, span: Span) -> int:
        """How many words open ``span`` as a title or origin, not a name (0: none).

        Titles ("President"), possessives, and a country or demonym followed
        by more words ("Ukrainian President ...", "North Korean leader ...",
        "China's President ...") are not part of a person's name.
        """
        token = span[0]
        if (
            token.text in _POSSESSIVE
            or _is_punct(token)
            or fold(token.text) in self.data.titles.words
        ):
            return 1
        for width in range(min(3, len(span) - 1), 0, -1):
            text = span[:width].text
            following = span[width]
            if self.countries.country_for_demonym(text) is not None:
                return width
            titled = following.text in _POSSESSIVE or fold(following.text) in self.data.titles.words
            if titled and self.countries.country_for_name(text) is not None:
                return width
        return 0

    def _country_prefix(self, doc: Doc, start: int, end: int) -> int:
        """Cut words the NER glued after a country name ("North Korea Sends")."""
        if self._knows(doc[start:end].text):
            return end
        for cut in range(end - 1, start, -1):
            text = doc[start:cut].text
            if self.countries.country_for_name(text) or self.countries.country_for_demonym(text):
                return cut
        return end

    def _knows(self, text: str) -> bool:
        lex = self.countries
        return any(
            lookup(text) is not None
            for lookup in (
                lex.country_for_name,
                lex.country_for_demonym,
                lex.country_of_capital,
                lex.country_of_seat,
                lex.country_of_place,
            )
        )

    # --- resolution ----------------------------------------------------------

    def _resolve(self, candidates: list[_Candidate]) -> list[Resolved]:
        """Resolve cleaned candidates; full names first, then bare names."""
        full = [c for c in candidates if c.label == "PERSON" and len(c.span) > 1]
        people = {id(c): self._full_name(c) for c in full}
        words = {id(c): self._name_words(c, people[id(c)]) for c in full}
        out: list[Resolved] = []
        for cand in candidates:
            found = people.get(id(cand))
            if found is None and len(cand.span) == 1:
                found = self._bare_name(cand, full, people, words)
            out.append(found or self._resolve_other(cand))
        return sorted(out, key=lambda r: (r.start, r.end))

    def _full_name(self, cand: _Candidate) -> Resolved:
        actor = self.index.by_name(cand.text)
        if actor is not None:
            return _make(cand, actor.kind, actor.key, actor.name, actor.country)
        return _make(cand, "person", person_key(cand.text), cand.text, None)

    def _bare_name(
        self,
        cand: _Candidate,
        full: list[_Candidate],
        people: dict[int, Resolved],
        words: dict[int, frozenset[str]],
    ) -> Resolved | None:
        """Link a one-word name to a full name of the same article, if one fits."""
        text = cand.text
        if cand.label != "PERSON" and not (text[:1].isupper() and text[1:].islower()):
            return None
        word = fold(text)
        matches = [c for c in full if word in words[id(c)]]
        if matches:
            before = [c for c in matches if c.span.start < cand.span.start]
            nearest = (
                max(before, key=lambda c: c.span.start)
                if before
                else min(matches, key=lambda c: c.span.start)
            )
            linked = people[id(nearest)]
            return _make(cand, linked.kind, linked.key, linked.name, linked.country)
        if cand.label == "PERSON" and self._place_or_country(cand) is None:
            return _make(cand, "person", person_key(text), text, None)
        if cand.label != "PERSON" and self.index.by_surname(text) and not self._knows(text):
            return _make(cand, "person", person_key(text), text, None)
        return None

    def _name_words(self, cand: _Candidate, person: Resolved) -> frozenset[str]:
        """The words a bare mention of this person may use: first, last, surnames."""
        words = fold(cand.text).split()
        found = {words[0], words[-1]}
        actor = self.index.by_name(cand.text)
        if actor is not None and actor.key == person.key:
            found |= self.index.surnames_of(actor)
        return frozenset(found)

    def _resolve_other(self, cand: _Candidate) -> Resolved:
        actor = self.index.by_name(cand.text)
        if actor is not None:
            return _make(cand, actor.kind, actor.key, actor.name, actor.country)
        located = self._place_or_country(cand)
        if located is not None:
            return located
        text = cand.text
        if cand.label == "PERSON":
            return _make(cand, "person", person_key(text), text, None)
        if cand.label == "ORG":
            return _make(cand, "organization", f"organization:{fold(text)}", text, None)
        country = self.countries.country_of_place(text)
        if cand.label == "NORP":
            return _make(cand, "group", f"group:{fold(text)}", text, country)
        return _make(cand, "place", f"place:{fold(text)}", text, country)

    def _place_or_country(self, cand: _Candidate) -> Resolved | None:
        """Countries, demonyms, capitals and seats of government; else None."""
        lex = self.countries
        text = cand.text
        code = lex.country_for_name(text) or lex.country_for_demonym(text)
        if code is not None:
            return _make(cand, "country", f"country:{code}", lex.country_name(code) or code, code)
        seat = lex.country_of_seat(text) or lex.country_of_capital(text)
        if seat is None:
            return None
        if self._is_location(cand.span):
            return _make(cand, "place", f"place:{fold(text)}", text, seat)
        return _make(cand, "country", f"country:{seat}", lex.country_name(seat) or seat, seat)

    def _is_location(self, span: Span) -> bool:
        """Whether the text puts ``span`` as a location ("in Beijing", "visit Moscow").

        A capital in capitals opening a line is a dateline ("NAIROBI, Kenya"),
        which says where the story was filed.
        """
        doc = span.doc
        previous = doc[span.start - 1] if span.start else None
        opens_line = previous is None or (previous.is_space and "\n" in previous.text)
        if opens_line and span.text.isupper():
            return True
        if doc.has_annotation("DEP"):
            root = span.root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            if root.dep_ == "pobj":
                return fold(root.head.text) in self.data.locative_prepositions
            if root.dep_ == "dobj":
                return fold(root.head.lemma_ or root.head.text) in self.data.locative_verbs
            return False
        # No parse: look back over a coordination ("in Moscow and Pyongyang").
        places = self.data.locative_prepositions
        before = span.start - 1
        while before >= 0 and fold(doc[before].text) not in places:
            word = doc[before]
            if word.lower_ not in ("the", "and", "or", ",") and not word.text.istitle():
                return False
            before -= 1
        return before >= 0


def office_title(span: Span, actors_file: str | None = None) -> tuple[str, str | None] | None:
    """The office title written before a person mention, and its country.

    "U.S. President Donald Trump" -> ``("President", "US")``; "China's
    Foreign Minister Wang Yi" -> ``("Foreign Minister", "CN")``; "North
    Korean leader Kim Jong Un" -> ``("leader", "KP")``; "President Putin" ->
    ``("President", None)``; None when no title precedes the mention. The
    time checks pass the result to :func:`storyline.nlp.actors.holds_office`.
    """
    data = load_actor_file(actors_file)
    words = data.titles.words
    doc = span.doc
    start = span.start
    while start > 0:
        token = doc[start - 1]
        linking = token.lower_ in ("of", "for", "-") and start > 1
        if fold(token.text) in words or (linking and fold(doc[start - 2].text) in words):
            start -= 1
        else:
            break
    while start < span.start and doc[start].lower_ in ("of", "for", "-"):
        start += 1
    if start == span.start:
        return None
    return doc[start : span.start].text, _country_before(doc, start, actors_file)


def _country_before(doc: Doc, end: int, actors_file: str | None) -> str | None:
    """The country named just before a title ("U.S.", "China's", "North Korean")."""
    lex = country_lexicon(actors_file)
    possessive = end > 0 and doc[end - 1].text in _POSSESSIVE
    if possessive:
        end -= 1
    for width in (3, 2, 1):
        if end - width < 0:
            continue
        text = doc[end - width : end].text
        code = lex.country_for_name(text) or lex.country_of_capital(text)
        if code is None and not possessive:
            code = lex.country_for_demonym(text)
        if code is not None:
            return code
    return None


def _is_punct(token: Token) -> bool:
    return token.is_punct or token.text in _EDGE_PUNCT


def _make(cand: _Candidate, kind: EntityKind, key: str, name: str, country: str | None) -> Resolved:
    return Resolved(cand.span.start, cand.span.end, kind, key, name, country)


@Language.factory(
    "storyline_entities",
    default_config={"actors_file": None},
    assigns=["doc.spans"],
    requires=["doc.ents"],
)
def make_entities(nlp: Language, name: str, actors_file: str | None = None) -> EntityResolver:
    """Build the entity resolver; ``actors_file`` is merged over the bundled actors."""
    register_extensions()
    return EntityResolver(actors_file)


__all__ = ["LABELS", "EntityResolver", "Resolved", "make_entities", "office_title"]
