"""Which articles tell the same story, by their wording.

Articles about one happening share its specific words: the town, the
names, the magnitude of the quake, the model of the phone. :class:`Coverage`
weighs every article's words by TF-IDF (scikit-learn, English stop words
left out, words and word pairs, sublinear counts) and compares articles by
the cosine of their vectors:

- :meth:`Coverage.similar` tells whether two articles read alike enough to
  be about one happening; incident merging asks it before it merges an
  undated article on place, participants and trigger words alone;
- :meth:`Coverage.groups` clusters articles into stories (complete linkage:
  every two articles of a group must read alike), which ``storyline eval
  ecbplus`` scores against ECB+'s sub-topics.

:data:`MAX_DISTANCE` was chosen on ECB+ topics 36-40 (topics 41-45 are held
out). Fitting is linear in the corpus; :meth:`Coverage.groups` holds a
square matrix of distances, so it is meant for hundreds of articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: The cosine distance under which every two articles of a group must stay
#: (chosen on ECB+ topics 36-40, see the README's evaluation section).
MAX_DISTANCE = 0.96


class Coverage:
    """TF-IDF vectors of a corpus's articles, by article id."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.ids = list(texts)
        self._row = {article_id: n for n, article_id in enumerate(self.ids)}
        vectorizer = TfidfVectorizer(
            sublinear_tf=True, stop_words="english", ngram_range=(1, 2), dtype=_float32()
        )
        try:
            self.vectors: csr_matrix = vectorizer.fit_transform([texts[i] for i in self.ids])
        except ValueError:  # no word that is not a stop word: nothing reads alike
            from scipy.sparse import csr_matrix as empty

            self.vectors = empty((len(self.ids), 1), dtype=_float32())

    def similarity(self, a: str, b: str) -> float:
        """The cosine of two articles' vectors (0 when either is unknown)."""
        if a not in self._row or b not in self._row:
            return 0.0
        product = self.vectors[self._row[a]].multiply(self.vectors[self._row[b]]).sum()
        return float(product)

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
        # rows are unit vectors (or empty): cosine distance is 1 - their dot product
        distances = 1.0 - (self.vectors @ self.vectors.T).toarray()
        labels: Sequence[Any] = model.fit_predict(distances.clip(0.0, 1.0))
        return {article_id: int(label) for article_id, label in zip(self.ids, labels, strict=True)}


def _float32() -> Any:
    import numpy

    return numpy.float32
