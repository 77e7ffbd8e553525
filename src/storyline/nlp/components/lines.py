"""The ``storyline_lines`` component: a headline, a dateline or a paragraph ends a sentence.

News text puts its headline, its dateline (``BEIRUT, June 2 (Reuters) -``)
and each paragraph on lines of their own, often without a full stop, and
the statistical parser then runs them into the next sentence: a headline's
"monitor says" becomes the source of the lede's figure. This component runs
before the parser and starts a sentence after:

- a blank line (a paragraph break);
- the first non-empty line (the headline);
- a short line that does not end like a sentence (a dateline, a sub-heading,
  a byline).

Lines of hard-wrapped prose are long, or go on in lower case on the next
line, and are left to the parser.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

NAME = "storyline_lines"
#: A line of at most this many words without final punctuation ends its sentence.
SHORT_LINE_WORDS = 12
_BREAK = re.compile(r"[ \t]*\n\s*")
_SENTENCE_END = frozenset('.!?:;"”’)')


class LinesComponent:
    """Marks sentence starts at headline, dateline and paragraph breaks."""

    def __init__(self, short_line_words: int = SHORT_LINE_WORDS) -> None:
        self.short_line_words = short_line_words

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        starts = [token.idx for token in doc]
        first = True
        for gap in _BREAK.finditer(text):
            line = text[text.rfind("\n", 0, gap.start()) + 1 : gap.start()].strip()
            if not line:
                continue
            paragraph = gap.group(0).count("\n") >= 2
            continued = gap.end() < len(text) and text[gap.end()].islower()
            if paragraph or (not continued and (first or self._heading(line))):
                _start_sentence(doc, bisect.bisect_left(starts, gap.end()))
            first = False
        return doc

    def _heading(self, line: str) -> bool:
        return line[-1] not in _SENTENCE_END and len(line.split()) <= self.short_line_words


def _start_sentence(doc: Doc, at: int) -> None:
    """Start a sentence at the first word token from ``at`` (whitespace tokens stay inside)."""
    while at < len(doc) and doc[at].is_space:
        at += 1
    if 0 < at < len(doc):
        doc[at].is_sent_start = True


@Language.factory(
    NAME, default_config={"short_line_words": SHORT_LINE_WORDS}, assigns=["token.is_sent_start"]
)
def make_lines(nlp: Language, name: str, short_line_words: int) -> LinesComponent:
    """Build the component (``short_line_words``: the longest line read as a heading)."""
    return LinesComponent(short_line_words)
