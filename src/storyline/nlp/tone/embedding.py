"""Static word embeddings for the article model: WordLlama, loaded from its package.

The article model (:mod:`.article`) reads an article's title and body as the
mean of their token embeddings. The embeddings are WordLlama's
``l2_supercat`` model at 256 dimensions (the PyPI package ``wordllama``,
MIT licence; 16 MB of weights inside the package, no torch). They are loaded
from the package's own folder with downloads disabled, so nothing is fetched
at run time; the weights are loaded once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ...errors import ModelError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Width of an embedding.
DIMENSIONS = 256


@dataclass(frozen=True)
class Embedder:
    """WordLlama's embedding table and its tokenizer (without batch padding)."""

    table: npt.NDArray[np.float32]
    tokenizer: Any


@functools.cache
def load_embedder() -> Embedder:
    """The WordLlama model shipped inside the ``wordllama`` package.

    The tokenizer is a copy with padding switched off: Storyline averages
    each text's own tokens, and padding a body's sentences to the longest
    one costs more than the rest of the embedding.
    """
    try:
        import wordllama  # type: ignore[import-untyped]
        from tokenizers import Tokenizer
        from wordllama import WordLlama

        folder = Path(wordllama.__file__).parent
        model = WordLlama.load(cache_dir=folder, disable_download=True, dim=DIMENSIONS)
        tokenizer = Tokenizer.from_str(model.tokenizer.to_str())
        tokenizer.no_padding()
        return Embedder(model.embedding, tokenizer)
    except (ImportError, OSError, ValueError, RuntimeError, AttributeError) as exc:
        raise ModelError(
            f"Cannot load the WordLlama embeddings from the 'wordllama' package ({exc!r}); "
            "reinstall Storyline's dependencies (make install)"
        ) from exc


def embed(texts: Sequence[str]) -> FloatArray:
    """Unit-length mean token embeddings, one row per text (zeros for empty text).

    The same vectors as WordLlama's own ``embed(texts, norm=True)``, computed
    text by text (see :func:`mean_vectors`).
    """
    return mean_vectors(token_ids(texts))


def token_ids(texts: Sequence[str]) -> list[IntArray]:
    """Each text's WordLlama token ids (no padding, no special tokens)."""
    encodings = load_embedder().tokenizer.encode_batch(list(texts), add_special_tokens=False)
    return [np.asarray(e.ids, dtype=np.int64) for e in encodings]


def mean_vectors(ids: Sequence[IntArray]) -> FloatArray:
    """The unit-length mean of each id list's token embeddings (zeros when empty).

    Computed list by list: WordLlama pads a batch to its longest text, and an
    article's body is much longer than its sentences.
    """
    table = load_embedder().table
    out = np.zeros((len(ids), DIMENSIONS))
    for row, tokens in enumerate(ids):
        if len(tokens):
            vector = table[tokens].mean(axis=0, dtype=np.float64)
            norm = float(np.linalg.norm(vector))
            out[row] = vector / norm if norm > 0 else vector
    return out
