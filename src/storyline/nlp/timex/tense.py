"""The tense of the clause a time expression sits in, read from spaCy's parse.

Relative expressions need it: ``Friday`` in ``said Friday`` is behind the
article's date, in ``will meet Friday`` ahead of it. The governing verb is
found by walking up the dependency tree from the expression; its tag and its
auxiliaries give past, present or future. Without a parse (``spacy.blank``)
a few cue words in the sentence decide.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .dates import Tense

#: Auxiliaries and modals that put a verb in the future.
FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "'d"})
_FUTURE_HEADS = {
    "plan", "expect", "schedule", "set", "intend", "hope", "aim", "prepare", "want", "seek",
    "agree", "promise", "vow", "threaten", "due", "go", "likely", "poise", "slate", "begin",
}  # fmt: skip
_SCHEDULE_VERBS = {
    "meet", "begin", "start", "open", "resume", "end", "close", "leave", "arrive", "return",
    "visit", "travel", "fly", "hold", "host", "launch", "vote", "kick", "take", "face", "play",
    "head", "expire", "run", "continue", "convene", "depart", "wrap", "finish", "conclude",
}  # fmt: skip
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
        verb = governing_verb(span)
        return verb_tense(verb) if verb is not None else "present"


def _modifies_noun(token: Token) -> bool:
    """Whether the expression only names which thing a noun is (``a June agreement``).

    The clause's verb says nothing of when such a thing happened, so the
    nearest occurrence is meant: ``is trying to sell itself under a June
    agreement`` is the June just past, not the one the infinitive looks to.
    """
    return token.dep_ in _NOUN_MODIFIER_DEPS and token.head.pos_ in {"NOUN", "PROPN"}


def governing_verb(span: Span) -> Token | None:
    """The nearest verb above (or at) the expression's root in the dependency tree."""
    token = span.root
    return token if _is_verb(token) else _verb_above(token)[0]


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


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
    auxes = [t for t in verb.children if t.dep_ in {"aux", "auxpass"}]
    words = {t.lower_ for t in auxes}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return "future"
    if "to" in words:
        return _infinitive_tense(verb, depth)
    if verb.tag_ == "VBD" or any(t.tag_ == "VBD" for t in auxes):
        return "past"
    if verb.tag_ == "VBN":
        present_passive = words & {"is", "are", "am", "be", "being"}
        if present_passive and not words & {"has", "have"}:
            # "is scheduled for Tuesday", "are expected next month": a plan ahead
            return "future" if verb.lemma_.lower() in _FUTURE_HEADS else "present"
        return "past"
    if verb.tag_ == "VBG" and not auxes and depth < 3:
        upper, _ = _verb_above(verb)
        if upper is not None:
            return verb_tense(upper, depth + 1)
    if verb.tag_ in {"VBZ", "VBP"} and not auxes and verb.lemma_.lower() in _SCHEDULE_VERBS:
        return "future"  # "the talks resume Monday": the present of timetables
    return "present"


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
    low, high = max(0, span.start_char - _CUE_REACH), span.end_char + _CUE_REACH
    begin = max(low, max(text.rfind(mark, low, span.start_char) for mark in ".!?\n") + 1)
    ends = [i for i in (text.find(mark, span.end_char, high) for mark in ".!?\n") if i >= 0]
    sentence = text[begin : min(ends, default=min(high, len(text)))]
    if _FUTURE_CUES.search(sentence):
        return "future"
    if _PAST_CUES.search(sentence):
        return "past"
    return "present"
