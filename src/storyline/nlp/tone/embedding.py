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
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ...errors import ModelError

FloatArray = npt.NDArray[np.float64]

#: Width of an embedding.
DIMENSIONS = 256


@functools.cache
def load_embedder() -> Any:
    """The WordLlama model shipped inside the ``wordllama`` package."""
    try:
        import wordllama  # type: ignore[import-untyped]
        from wordllama import WordLlama

        folder = Path(wordllama.__file__).parent
        return WordLlama.load(cache_dir=folder, disable_download=True, dim=DIMENSIONS)
    except (ImportError, OSError, ValueError, RuntimeError) as exc:
        raise ModelError(
            f"Cannot load the WordLlama embeddings from the 'wordllama' package ({exc!r}); "
            "reinstall Storyline's dependencies (make install)"
        ) from exc


def embed(texts: Sequence[str]) -> FloatArray:
    """Unit-length mean token embeddings, one row per text (zeros for empty text)."""
    out = np.zeros((len(texts), DIMENSIONS))
    rows = [i for i, text in enumerate(texts) if text.strip()]
    if rows:
        vectors = load_embedder().embed([texts[i] for i in rows], norm=True)
        out[rows] = np.asarray(vectors, dtype=np.float64)
    return out
