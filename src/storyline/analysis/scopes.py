"""What a figure counts: its incident or period, its group, and as of when it was given.

:func:`place_figure` completes a claim read by the claims component:

- **scope.** A figure whose clause opens a period (``since 2011``, ``so far
  this year``, ``killed in the war``) counts everything in that period: its
  scope is ``period`` with the start the text gives, and it belongs to no
  incident. So does a count of people who fled something lasting ("refugees
  who fled the fighting", ``fled`` in ``data/analysis/incidents.yaml``). The clause
  is the figure's own (see :class:`_Clause`). Otherwise it counts an
  incident of the article (see :mod:`.incidents`): one told in its own
  sentence, else for a measure that incidents of some family count
  (``data/analysis/incidents.yaml``: killed, wounded, ...) the last one of such a
  family before it, else the first one after it (a headline's figure).
  Its scope is then ``incident``, or ``background`` when the incident is
  one the article recalls. Failing all, ``unknown``.
- **group.** Whom it counts: the counted noun in lower case
  (``civilians``, ``soldiers``), ``people`` for nouns that name no group
  (``deaths``, ``15 dead``).
- **as of.** When its source gave it: a date the clause gives with ``by``,
  ``as of``, ``until`` ("30 by Thursday"), else the article's date. A date
  that says when the incident happened ("killed on Wednesday") is the
  incident's, not the figure's. An article without a date of its own keeps
  the figure's sentence date, as the component found it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..models import Article, Claim, IncidentMention, Scope
from ..nlp.components.claims import FoundClaim
from ..nlp.events.lexicon import Lexicon, load_lexicon
from ..nlp.extensions import TIMES
from .incident_rules import IncidentRules, incident_rules

_PERIOD_PREPS = frozenset({"in", "during", "throughout", "since"})
_SPAN_UNITS = frozenset({"year", "years", "month", "months", "decade", "decades", "weeks", "days"})
#: Clauses that only describe a noun ("the attack, which wounded 100"): a figure
#: in one is told with that noun.
_DESCRIBING = frozenset({"acl", "relcl", "amod"})
_SPAN_WORDS = ("over the past", "in the past", "over the last", "in the last")
#: Clauses beside a figure's own: what they tell is not what the figure counts.
_SIDE_CLAUSES = frozenset({"advcl", "relcl", "acl", "ccomp", "conj", "parataxis"})
_VERBS = frozenset({"VERB", "AUX"})


def place_figure(
    doc: Doc,
    claim: Claim,
    found: FoundClaim,
    incidents: Sequence[IncidentMention],
    article: Article,
) -> Claim:
    """``claim`` with its group, scope, incident and as-of date (see the module)."""
    rules = incident_rules()
    figure = doc.char_span(found.start, found.end, alignment_mode="expand")
    clause = _clause(figure) if figure is not None else None
    scope = None
    if figure is not None and clause is not None:
        scope = _period(clause, rules) or _fled(clause, figure.root, claim.measure, rules)
    as_of = _given_as_of(clause.span, rules) if clause is not None else None
    if as_of is None:
        as_of = article.published.given or claim.as_of
        if scope is not None and as_of is not None and as_of == claim.as_of:
            as_of = article.published.given  # "since 2011" opens the period; it dates no figure
    incident = None
    if scope is None:
        near = figure.root.i if figure is not None else None
        mention = _incident_for(claim, incidents, rules, load_lexicon(), doc, near)
        if mention is not None:
            incident = mention.incident
            scope = Scope("background" if mention.background else "incident")
    return dataclasses.replace(
        claim,
        group=group_of(claim, rules),
        scope=scope or Scope(),
        incident=incident,
        as_of=as_of,
    )


def group_of(claim: Claim, rules: IncidentRules | None = None) -> str | None:
    """Whom a figure counts: the counted noun (``civilians``), ``people`` when it names nobody."""
    rules = rules or incident_rules()
    words = (claim.subject_text or "").lower().replace("’", "'").split()
    if not words:
        return "people" if claim.measure in rules.counts else None
    head = words[-1].strip(".,;:'\"")
    return "people" if head in rules.people_words else head


def opens_period(token: Token, rules: IncidentRules | None = None) -> bool:
    """Whether the clause of ``token`` (an event word) speaks of a period, not one incident."""
    return _period(_clause(token), rules or incident_rules()) is not None


@dataclass(frozen=True)
class _Clause:
    """The words that tell a figure: its verb's clause, without the clauses beside the figure.

    A clause that describes a noun ("the attack, which also wounded 100 people") is told
    with that noun (``described``) and its phrase, not with the sentence around it ("...
    was the deadliest strike so far"). Another verb's clause inside it ("..., pushing the
    toll above 680 since the war began") speaks of its own figure and is left out, unless
    it describes the counted people ("21,000 people who had crossed since the rebellion
    began") or opens with "since".
    """

    figure: Token
    span: Span
    words: tuple[Token, ...]
    described: Token | None = None


def _clause(word: Span | Token) -> _Clause:
    """The clause a word is told in (see :class:`_Clause`): its verb's, else its sentence."""
    root = word.root if isinstance(word, Span) else word
    verb = root if root.pos_ in _VERBS else None
    verb = verb or next((t for t in root.ancestors if t.pos_ in _VERBS), None)
    if verb is None:
        return _Clause(root, root.sent, tuple(root.sent))
    described = verb.head if verb.dep_ in _DESCRIBING and verb.head.i != verb.i else None
    top = described if described is not None else verb
    span = root.doc[top.left_edge.i : top.right_edge.i + 1]
    counted = _counted(root)
    aside = {
        t.i
        for side in span
        if side.i != verb.i and _beside(side, root, counted)
        for t in side.subtree
    }
    return _Clause(root, span, tuple(t for t in span if t.i not in aside), described)


def _beside(token: Token, figure: Token, counted: Token) -> bool:
    """Whether ``token`` heads a clause of its own that neither tells nor describes the figure."""
    if token.dep_ not in _SIDE_CLAUSES or token.pos_ not in _VERBS:
        return False
    if figure in token.subtree or token in counted.subtree:
        return False
    return token.left_edge.lower_ != "since"


def _counted(figure: Token) -> Token:
    """The noun a number counts ("21,000" -> "people"), else the figure's own word."""
    return figure.head if figure.dep_ == "nummod" else figure


def _period(clause: _Clause, rules: IncidentRules) -> Scope | None:
    """The period the clause's figure counts, or None when it names none."""
    words = clause.words
    for token in clause.words:
        if token.lower_ == "since":
            node = token.head if token.dep_ == "mark" else token
            phrase = token.doc[node.left_edge.i : node.right_edge.i + 1]
            if phrase.start <= clause.figure.i < phrase.end:
                # the figure tells what opened the period ("since a tsunami killed 220,000")
                words = tuple(t for t in words if not phrase.start <= t.i < phrase.end)
                continue
            start = _first_date(phrase)
            if start is not None or _names_period(phrase, rules):
                return Scope("period", start=start, text=phrase.text)
    text = "".join(t.text_with_ws for t in words)
    lowered = text.lower()
    for cue in rules.period_words:
        at = _find_words(lowered, cue)
        if at < 0 or (cue in _SPAN_WORDS and not _spans_long(lowered[at + len(cue) :])):
            continue
        return Scope("period", start=_first_date(clause.span), text=text[at : at + len(cue)])
    for token in words:
        if token.lemma_.lower() in rules.period_nouns and (
            _period_role(token) or (clause.described is not None and token.i == clause.described.i)
        ):
            return Scope("period", text=token.doc[token.left_edge.i : token.i + 1].text)
    return None


def _fled(clause: _Clause, figure: Token, measure: str, rules: IncidentRules) -> Scope | None:
    """The lasting thing the counted people fled, as the period they are counted over.

    "15,000 refugees who fled the fighting", "civilians fleeing from the conflict": a
    camp's count of those who fled a war grows with the war. A figure of a measure that
    counts an incident's casualties ("12 refugees who fled the war were killed") is not one.
    """
    if measure in rules.counts and measure not in rules.fled.measures:
        return None
    words = {*clause.words, *_counted(figure).subtree}
    for verb in sorted(words, key=lambda t: t.i):
        if verb.lemma_.lower() not in rules.fled.verbs:
            continue
        for cause in _objects(verb):
            lemma = cause.lemma_.lower()
            if lemma in rules.fled.causes or lemma in rules.period_nouns:
                return Scope("period", text=verb.doc[verb.i : cause.i + 1].text)
    return None


def _objects(verb: Token) -> Iterable[Token]:
    """What a verb acts on, with the nouns that name its kind: its objects or its
    preposition's, and those joined to them ("fled bombing and famine conditions")."""
    for child in verb.children:
        found = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep":
            found = [c for c in child.children if c.dep_ == "pobj"]
        for noun in found:
            for each in (noun, *noun.conjuncts):
                yield each
                yield from (c for c in each.children if c.dep_ == "compound")


def _period_role(token: Token) -> bool:
    """A period noun counts as the period when it is the subject or in ``in the war``."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _PERIOD_PREPS


def _names_period(phrase: Span, rules: IncidentRules) -> bool:
    return any(t.lemma_.lower() in rules.period_nouns for t in phrase)


def _spans_long(after: str) -> bool:
    """Whether "over the past ..." spans months or years (not "the past 24 hours")."""
    return any(word in _SPAN_UNITS for word in after.split()[:3])


def _find_words(text: str, words: str) -> int:
    """Where ``words`` occur in ``text`` as whole words, else -1."""
    found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    return found.start() if found else -1


def _first_date(phrase: Span) -> str | None:
    """The value of the first calendar date inside ``phrase``."""
    for value in _dates_in(phrase):
        return value
    return None


def _dates_in(phrase: Span) -> Iterable[str]:
    for span in phrase.doc.spans.get(TIMES, []):
        value = str(span._.storyline_value or "")
        if phrase.start <= span.start and span.end <= phrase.end and value[:1].isdigit():
            yield value


def _given_as_of(clause: Span, rules: IncidentRules) -> str | None:
    """A date the clause gives as when the figure was counted ("by Thursday")."""
    doc = clause.doc
    for span in doc.spans.get(TIMES, []):
        value = str(span._.storyline_value or "")
        if not (clause.start <= span.start < clause.end) or not value[:1].isdigit():
            continue
        before = doc[max(clause.start, span.start - 2) : span.start].text.lower()
        if any(before.endswith(words) for words in rules.as_of_words):
            return value.split("T", 1)[0]
    return None


def _distance(doc: Doc, mention: IncidentMention, near: int | None) -> int:
    """Tokens on the parse path between a mention's trigger and the figure's word."""
    if near is None:
        return 0
    sentence = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if sentence is None:
        return 0
    triggers = [t for t in sentence if t.text == mention.trigger]
    return min((_path(doc[near], t) for t in triggers), default=len(doc))


def _path(a: Token, b: Token) -> int:
    """The length of the dependency path between two tokens of one sentence."""
    up = {a.i: 0}
    for steps, ancestor in enumerate(a.ancestors, start=1):
        up[ancestor.i] = steps
    if b.i in up:
        return up[b.i]
    for steps, ancestor in enumerate(b.ancestors, start=1):
        if ancestor.i in up:
            return steps + up[ancestor.i]
    return abs(a.i - b.i) + 50


def _incident_for(
    claim: Claim,
    incidents: Sequence[IncidentMention],
    rules: IncidentRules,
    lexicon: Lexicon,
    doc: Doc,
    near: int | None,
) -> IncidentMention | None:
    """The incident mention a figure counts (see the module), or None.

    Of several in the figure's sentence, the one whose trigger is nearest to
    the figure in the parse ("the tsunami of 2004 that killed 170,000").
    """
    families = rules.counts.get(claim.measure)
    fitting = [
        m for m in incidents if families is None or lexicon.incident_family(m.type) in families
    ]
    here = [m for m in fitting if m.span.start == claim.span.start]
    if here:
        return min(here, key=lambda m: _distance(doc, m, near))
    if families is None:
        return None
    before = [m for m in fitting if m.span.start < claim.span.start]
    if before:
        return before[-1]
    return fitting[0] if fitting else None
