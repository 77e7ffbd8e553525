"""Which articles tell the same story, by their wording.

Articles about one happening share its specific words: the town, the
names, the magnitude of the quake, the model of the phone. :class:`Coverage`
reads every article twice, each time as TF-IDF vectors (scikit-learn,
sublinear counts):

- its *wording*: words and word pairs, English stop words left out;
- its *specifics*: the names and numbers it gives (capitalised words that
  do not open a sentence, and numbers of two or more characters: ``Aceh``,
  ``6.1``, ``2:09``). Two earthquakes in one province share the wording of
  every earthquake report; their magnitudes, towns and hours differ.

Two articles are compared by the cosine of each pair of vectors, weighted
:data:`WORDING_WEIGHT` and ``1 - WORDING_WEIGHT``:

- :meth:`Coverage.similar` tells whether two articles read alike enough to
  be about one happening; incident merging asks it before it merges an
  undated article on place, participants and trigger words alone;
- :meth:`Coverage.groups` clusters articles into stories (complete linkage:
  every two articles of a group must read alike; then a group of a few
  articles joins the larger group it reads most like on average, so that a
  one-line report is not a story of its own), which ``storyline eval
  ecbplus`` scores against ECB+'s sub-topics.

:data:`MAX_DISTANCE` and :data:`WORDING_WEIGHT` were chosen together on ECB+
topics 36-40 (topics 41-45 are held out), at the middle of the range where
the grouping scores best. Fitting is linear in the corpus; :meth:`Coverage.groups` holds a
square matrix of distances, so it is meant for hundreds of articles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: The cosine distance under which every two articles of a group must stay
#: (chosen on ECB+ topics 36-40, see the README's evaluation section).
MAX_DISTANCE = 0.935
#: Complete linkage leaves short articles apart that read like the rest of
#: their story on average: a group of at most this many articles joins the
#: larger group it is most similar to, on average, when that mean similarity
#: exceeds :data:`JOIN_SIMILARITY` (both chosen on ECB+ topics 36-40).
SMALL_GROUP = 3
JOIN_SIMILARITY = 0.08
#: The weight of the wording in the similarity of two articles; the rest is
#: the weight of their specifics (names and numbers).
WORDING_WEIGHT = 0.65

# A word, or a number with its decimal, thousands or clock separators.
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,:]\d+)*")
# A separator a tokenizer set apart inside a number ("4 . 6", "2 : 09").
_SPLIT_NUMBER = re.compile(r"(?<=\d) ([.,:]) (?=\d)")
# What may open a sentence: its end, a line break, a quotation mark or a bracket.
_SENTENCE_END = re.compile(r"[.!?\n\"“”'‘’(\[]")


class Coverage:
    """TF-IDF vectors of a corpus's articles, by article id."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.ids = list(texts)
        self._row = {article_id: n for n, article_id in enumerate(self.ids)}
        documents = [texts[i] for i in self.ids]
        wording = TfidfVectorizer(
            sublinear_tf=True, stop_words="english", ngram_range=(1, 2), dtype=_float32()
        )
        names = TfidfVectorizer(
            sublinear_tf=True, analyzer=specifics, lowercase=False, dtype=_float32()
        )
        self.vectors = _vectors(wording, documents)
        self.specifics = _vectors(names, documents)

    def similarity(self, a: str, b: str) -> float:
        """The weighted cosine of two articles' vectors (0 when either is unknown)."""
        if a not in self._row or b not in self._row:
            return 0.0
        row_a, row_b = self._row[a], self._row[b]
        words = self.vectors[row_a].multiply(self.vectors[row_b]).sum()
        names = self.specifics[row_a].multiply(self.specifics[row_b]).sum()
        return float(WORDING_WEIGHT * words + (1.0 - WORDING_WEIGHT) * names)

    def similar(self, a: str, b: str, max_distance: float = MAX_DISTANCE) -> bool:
        """Whether two articles read alike enough to tell one happening."""
        return 1.0 - self.similarity(a, b) <= max_distance

    def groups(self, max_distance: float = MAX_DISTANCE) -> dict[str, int]:
        """Article id -> group number: complete-linkage clusters of articles that read alike."""
        from sklearn.cluster import AgglomerativeClustering

        if len(self.ids) < 2:
            return {article_id: 0 for article_id in self.ids}
        model = AgglomerativeClustering(
            n_clusters=None,
            distance_threshold=max_distance,
            metric="precomputed",
            linkage="complete",
        )
        # rows are unit vectors (or empty): a cosine is the dot product of two rows
        words = (self.vectors @ self.vectors.T).toarray()
        names = (self.specifics @ self.specifics.T).toarray()
        distances = 1.0 - (WORDING_WEIGHT * words + (1.0 - WORDING_WEIGHT) * names)
        labels: Sequence[Any] = model.fit_predict(distances.clip(0.0, 1.0))
        members: dict[int, list[int]] = {}
        for row, label in enumerate(labels):
            members.setdefault(int(label), []).append(row)
        _join_small_groups(members, 1.0 - distances)
        return {self.ids[row]: label for label, rows in members.items() for row in rows}


def _join_small_groups(members: dict[int, list[int]], similarity: Any) -> None:
    """Let each group of at most :data:`SMALL_GROUP` articles join the larger group its
    articles are most similar to on average, when that average exceeds
    :data:`JOIN_SIMILARITY` (smallest groups first; ``members`` is changed in place).

    Each step sums the small group's rows of the similarity matrix by group
    (one ``bincount``), so it costs one pass over those rows, not one per group.
    """
    import numpy

    owner = numpy.zeros(similarity.shape[0], dtype=numpy.int64)
    for label, rows in members.items():
        owner[rows] = label
    for label in sorted(members, key=lambda k: (len(members[k]), k)):
        rows = members[label]
        if not rows or len(rows) > SMALL_GROUP:
            continue
        size = numpy.bincount(owner, minlength=len(members))
        total = numpy.bincount(owner, weights=similarity[rows].sum(axis=0), minlength=len(size))
        mean = numpy.where(size > len(rows), total / numpy.maximum(size, 1) / len(rows), -1.0)
        best = int(mean.argmax())
        if mean[best] > JOIN_SIMILARITY:
            members[best].extend(rows)
            owner[rows] = best
            members[label] = []
    for label in [k for k, rows in members.items() if not rows]:
        del members[label]


def specifics(text: str) -> list[str]:
    """The names and numbers of a text, lower-cased: its capitalised words that do not
    open a sentence (nor are all capitals), and its numbers of two or more characters."""
    text = _SPLIT_NUMBER.sub(r"\1", text)
    found, end = [], 0
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start()
        if word[0].isdigit():
            if len(word) > 1:
                found.append(word)
        elif _is_name(word) and end and _SENTENCE_END.search(text, end, start) is None:
            found.append(word.lower())
        end = match.end()
    return found


def _is_name(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _vectors(vectorizer: Any, documents: list[str]) -> csr_matrix:
    """TF-IDF rows of the documents (one empty column when no document has a term)."""
    try:
        matrix: csr_matrix = vectorizer.fit_transform(documents)
    except ValueError:  # no term at all: nothing reads alike
        from scipy.sparse import csr_matrix as empty

        return empty((len(documents), 1), dtype=_float32())
    return matrix


def _float32() -> Any:
    import numpy

    return numpy.float32
