"""The tense of the clause a time expression sits in, read from spaCy's parse.

Relative expressions need it: ``Friday`` in ``said Friday`` is behind the
article's date, in ``will meet Friday`` ahead of it. The governing verb is
found by walking up the dependency tree from the expression; its tag and its
auxiliaries give past, present or future. Besides those three, ``either``
means whichever occurrence is nearer the article's date:

- a date after ``since`` is ``past``, whatever the verb;
- a present-tense clause gives ``either`` (``the deadline is midnight
  Sunday``); a date that only qualifies a noun (``Thursday's close``,
  ``a June agreement``) stays ``present``;
- a plan looks ahead: a plan word on the way up (``is due on Monday``), a
  thing planned (``a summit set for April``, ``the slated visit in
  September``), a plan verb in a perfect (``has scheduled a meeting
  Thursday``), a modal of possibility (``might come Tuesday``) and a clause
  of time under a future (``will sell when trading opens Monday``);
- reported in the past, a plan gives ``either`` (``planned a rally on
  Saturday``), a deadline moved on looks ahead (``postponed until Tuesday``)
  and any other deadline is ``present`` (``stayed until Tuesday``).

Without a parse (``spacy.blank``) a few cue words in the sentence decide.
:meth:`DocTense.aspect` tells a perfect verb (``has risen``) apart.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .base import sentence_around
from .dates import Tense

#: Auxiliaries and modals that put a verb in the future.
FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "'d"})
_FUTURE_HEADS = {
    "plan", "expect", "schedule", "set", "intend", "hope", "aim", "prepare", "want", "seek",
    "agree", "promise", "vow", "threaten", "due", "go", "likely", "poise", "slate", "begin",
    "effective",
}  # fmt: skip
_SCHEDULE_VERBS = {
    "meet", "begin", "start", "open", "resume", "end", "close", "leave", "arrive", "return",
    "visit", "travel", "fly", "hold", "host", "launch", "vote", "kick", "take", "face", "play",
    "head", "expire", "run", "continue", "convene", "depart", "wrap", "finish", "conclude",
}  # fmt: skip
#: Verbs whose object is a plan: what they fix lies after them.
_PLAN_VERBS = {"plan", "schedule", "slate", "reschedule", "postpone", "delay", "defer"}
#: Adjectives that make their noun a thing planned (``the slated visit``).
_PLANNED_ADJECTIVES = {
    "slated", "planned", "scheduled", "upcoming", "proposed", "forthcoming", "impending",
}  # fmt: skip
#: Verbs that move a deadline on or grant one (``postponed until Tuesday``).
_DEADLINE_VERBS = {"postpone", "delay", "defer", "extend", "adjourn", "give", "grant", "push"}
#: Modals of possibility that look ahead with a bare verb (``might come Tuesday``).
_POSSIBILITY = {"may", "might"}
_DEADLINE_PREPOSITIONS = {"until", "till", "through", "by"}
_NOUN_MODIFIER_DEPS = {"compound", "nmod", "amod", "poss"}
_PAST_CUES = re.compile(
    r"\b(?:said|was|were|had|did|told|announced|reported|held|met|signed|took|came|went)\b"
    r"|\b\w+ed\b",
    re.IGNORECASE,
)
_FUTURE_CUES = re.compile(r"\b(?:will|shall|going\s+to|plans?\s+to|scheduled|upcoming)\b|'ll\b")


class DocTense:
    """Callable giving the tense around a character range of one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.parsed = doc.has_annotation("DEP") and doc.has_annotation("TAG")
        self._text: str | None = None

    def __call__(self, start: int, end: int) -> Tense:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return "present"
        if not self.parsed:
            if self._text is None:
                self._text = self.doc.text  # rebuilt from the tokens on every access
            return _cue_tense(span, self._text)
        if _modifies_noun(span.root):
            return "present"
        if span.root.dep_ == "pobj" and span.root.head.lower_ == "since":
            return "past"  # "has tried to take it over since December": behind, whatever the verb
        verb = governing_verb(span)
        if verb is None:
            return "present"
        tense = verb_tense(verb)
        planned = _planned_on_the_way(span.root, verb) or _planned_thing(span.root, verb)
        if planned and tense != "past":
            return "future"  # "is due on Monday": a plan looks ahead
        if tense == "present":
            return "either"  # "the deadline is midnight Sunday": the nearer Sunday
        if tense == "future":
            return tense
        if _deadline(span.root) and verb.lemma_.lower() in _DEADLINE_VERBS:
            return "future"  # "postponed until Tuesday": a deadline set is still ahead
        if planned or _plans_a_thing(verb):
            return "either"  # "planned a rally on Saturday": whichever Saturday is nearer
        return "present" if _deadline(span.root) else tense  # "stayed until Tuesday"

    def aspect(self, start: int, end: int) -> str:
        """``perfect`` when the governing verb has ``has``/``have``/``had`` (``has risen``)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0 or not self.parsed:
            return ""
        verb = governing_verb(span)
        if verb is None or _tag(verb) != "VBN":
            return ""
        auxes = {t.lower_ for t in verb.children if t.dep_ in {"aux", "auxpass"}}
        return "perfect" if auxes & _PERFECT_AUX else ""


def _modifies_noun(token: Token) -> bool:
    """Whether the expression only names which thing a noun is (``a June agreement``).

    The clause's verb says nothing of when such a thing happened, so the
    nearest occurrence is meant: ``is trying to sell itself under a June
    agreement`` is the June just past, not the one the infinitive looks to.
    """
    return token.dep_ in _NOUN_MODIFIER_DEPS and token.head.pos_ in {"NOUN", "PROPN"}


_PERFECT_AUX = {"has", "have", "had", "'ve", "’ve"}


def _deadline(token: Token) -> bool:
    """Whether the expression ends a stretch of time (``until mid-November``, ``by Nov. 20``).

    A past verb says nothing of which side of the article's date a deadline
    lies on (``gave them until mid-November``): the nearest one is meant.
    """
    if token.lower_ in _DEADLINE_PREPOSITIONS and token.dep_ == "prep":
        return True  # the expression's span took the preposition in (``until 9 a.m. Tuesday``)
    return token.dep_ == "pobj" and token.head.lower_ in _DEADLINE_PREPOSITIONS


def _plans_a_thing(verb: Token) -> bool:
    """A plan verb with a thing for object (``planned a rally on Saturday``).

    With an infinitive (``On Friday, it planned to pay``) the date is when
    the plan was made, which the past tense already places.
    """
    if verb.lemma_.lower() not in _PLAN_VERBS:
        return False
    return not any(child.dep_ == "xcomp" for child in verb.children)


def _planned_thing(token: Token, verb: Token) -> bool:
    """Whether the expression dates a thing planned on its way up to the verb.

    ``a summit set for April`` (a plan verb reduced to a participle) and
    ``the slated visit in September`` (a noun a plan adjective qualifies).
    """
    for _ in range(12):
        if token.i == verb.i or token.head.i == token.i:
            return False
        token = token.head
        if token.i == verb.i:
            return False
        if _plan_participle(token):
            return True
        if token.pos_ in {"NOUN", "PROPN"} and any(
            child.dep_ == "amod" and child.lower_ in _PLANNED_ADJECTIVES for child in token.children
        ):
            return True
    return False


def _planned_on_the_way(token: Token, verb: Token) -> bool:
    """Whether a word between the expression and its verb makes a plan (``due``, ``set``)."""
    for _ in range(12):
        if token.i == verb.i or token.head.i == token.i:
            return False
        if token.lemma_.lower() in _FUTURE_HEADS:
            return True
        token = token.head
    return False


def governing_verb(span: Span) -> Token | None:
    """The nearest verb above (or at) the expression's root in the dependency tree."""
    token = span.root
    return token if _is_verb(token) else _verb_above(token)[0]


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD" or _mistagged_verb(token)


def _mistagged_verb(token: Token) -> bool:
    """A verb the tagger took for a noun: ``the final kicks off at 20:00``.

    A word that carries a verb particle (``off``, ``up``) can only be a
    verb; the small model sometimes tags such a present ``kicks`` or
    ``starts`` as a plural noun.
    """
    return token.tag_ in {"NNS", "NN"} and any(child.dep_ == "prt" for child in token.children)


def _tag(token: Token) -> str:
    """The token's tag, ``VBZ``/``VBP`` for a verb mistagged as a noun."""
    if _mistagged_verb(token):
        return "VBZ" if token.tag_ == "NNS" else "VBP"
    return str(token.tag_)


def _verb_above(token: Token) -> tuple[Token | None, bool]:
    """The next verb up the tree, and whether a word on the way plans ahead (``due to``)."""
    planned = False
    for _ in range(12):
        if token.head.i == token.i:
            return None, planned
        token = token.head
        planned = planned or token.lemma_.lower() in _FUTURE_HEADS
        if _is_verb(token):
            return token, planned
    return None, planned


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """Past, present or future from a verb's tag and auxiliaries."""
    if depth < 3 and _follows_main_clause(verb, depth):
        return "future"  # "likely to buy as soon as trading opened Monday"
    auxes = [t for t in verb.children if t.dep_ in {"aux", "auxpass"}]
    words = {t.lower_ for t in auxes}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return "future"
    if "to" in words:
        return _infinitive_tense(verb, depth)
    if words & _POSSIBILITY and _tag(verb) == "VB" and not words & _PERFECT_AUX:
        return "future"  # "might come as soon as Tuesday"
    tag = _tag(verb)
    if tag == "VBD" or any(t.tag_ == "VBD" for t in auxes):
        return "past"
    if tag == "VBN":
        if not auxes and _plan_participle(verb):
            return _planned_participle(verb, depth)
        present_passive = words & {"is", "are", "am", "be", "being"}
        if present_passive and not words & {"has", "have"}:
            # "is scheduled for Tuesday", "are expected next month": a plan ahead
            return "future" if verb.lemma_.lower() in _FUTURE_HEADS else "present"
        if verb.dep_ == "xcomp" and not words & _PERFECT_AUX and depth < 3:
            upper, _ = _verb_above(verb)  # "is going to start getting beat up": as its verb
            if upper is not None:
                return verb_tense(upper, depth + 1)
        return "past"
    if tag == "VBG" and not auxes and depth < 3:
        upper, _ = _verb_above(verb)
        if upper is not None:
            return verb_tense(upper, depth + 1)
    if tag in {"VBZ", "VBP"} and not auxes and verb.lemma_.lower() in _SCHEDULE_VERBS:
        return "future"  # "the talks resume Monday": the present of timetables
    return "present"


def _plan_participle(token: Token) -> bool:
    """A participle after its noun that makes a plan of it (``talks scheduled for Monday``).

    ``set`` plans only with ``for`` (``a vote set for May``, not ``a record
    set on Aug. 6``).
    """
    lemma = token.lemma_.lower()
    if token.dep_ != "acl" or token.tag_ != "VBN" or lemma not in _FUTURE_HEADS:
        return False
    return lemma != "set" or any(child.lower_ == "for" for child in token.children)


#: Words that open a clause saying when the main clause's event happens.
_TEMPORAL_OPENERS = {"when", "whenever", "once", "after", "before", "until", "till", "as"}


def _follows_main_clause(verb: Token, depth: int) -> bool:
    """Whether a clause of time hangs on a clause in the future (``will sell when X opens``).

    Such a clause takes its tense from the main one, whatever its own verb's
    form: ``were likely to buy as soon as trading opened Monday`` looks ahead.
    """
    if verb.dep_ != "advcl" or not any(
        child.dep_ in {"mark", "advmod"} and child.lower_ in _TEMPORAL_OPENERS
        for child in verb.children
    ):
        return False
    upper, _ = _verb_above(verb)
    return upper is not None and verb_tense(upper, depth + 1) == "future"


def _planned_participle(verb: Token, depth: int) -> Tense:
    """``a summit set for April``: ahead, unless the clause around it is past.

    ``Talks scheduled for Monday were called off`` may mean either Monday.
    """
    upper, _ = _verb_above(verb)
    if upper is None or depth >= 3:
        return "future"
    return "either" if verb_tense(upper, depth + 1) == "past" else "future"


def _infinitive_tense(verb: Token, depth: int) -> Tense:
    """An infinitive looks ahead of its governing verb, unless that verb is pluperfect.

    ``is due to expire Friday`` and ``said it plans to meet Friday`` point
    forward; ``had been due to expire Friday`` and ``tried to leave Friday``
    point back.
    """
    upper, planned = _verb_above(verb)
    if upper is None or depth >= 3:
        return "future"
    upper_tense = verb_tense(upper, depth + 1)
    if upper_tense != "past":
        return "future"
    pluperfect = any(t.lower_ == "had" for t in upper.children if t.dep_ == "aux")
    planned = planned or upper.lemma_.lower() in _FUTURE_HEADS
    return "future" if planned and not pluperfect else "past"


#: How far from a time expression its sentence is looked for without a parse (characters).
_CUE_REACH = 2_000


def _cue_tense(span: Span, text: str) -> Tense:
    """The tense the cue words of the span's sentence give (read within :data:`_CUE_REACH`)."""
    sentence = sentence_around(text, span.start_char, span.end_char, _CUE_REACH)
    if _FUTURE_CUES.search(sentence):
        return "future"
    if _PAST_CUES.search(sentence):
        return "past"
    return "present"
