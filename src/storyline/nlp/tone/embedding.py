"""Static word embeddings for the article model: WordLlama, loaded from its package.

The article model (:mod:`.article`) reads an article's title and body as the
mean of their token embeddings. The embeddings are WordLlama's
``l2_supercat`` model at 256 dimensions (the PyPI package ``wordllama``,
MIT licence; 16 MB of weights inside the package, no torch). They are read
from the package's own folder, so nothing is fetched at run time; the weights
are loaded once per process.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from safetensors import SafetensorError
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from ...errors import ModelError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Width of an embedding.
DIMENSIONS = 256
#: The model's files inside the ``wordllama`` package (version 0.4.0.post1).
WEIGHTS_FILE = "l2_supercat_256.safetensors"
TOKENIZER_FILE = "l2_supercat_tokenizer_config.json"


@dataclass(frozen=True)
class Embedder:
    """WordLlama's embedding table and its tokenizer (without batch padding)."""

    table: npt.NDArray[np.float32]
    tokenizer: Tokenizer


@functools.cache
def load_embedder() -> Embedder:
    """The WordLlama model shipped inside the ``wordllama`` package.

    The two files ``WordLlama.load`` reads for this model (the safetensors
    weights and the tokenizer JSON) are read straight from the package's
    folder, without importing ``wordllama`` itself (its configuration and
    download machinery take longer to import than the weights take to load).
    A test checks that the vectors equal ``WordLlama.load(...).embed``. The
    tokenizer's padding is off: Storyline averages each text's own tokens.
    """
    spec = importlib.util.find_spec("wordllama")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    try:
        if not folders:
            raise FileNotFoundError("the 'wordllama' package is not installed")
        files = (
            Path(folders[0]) / "weights" / WEIGHTS_FILE,
            Path(folders[0]) / "tokenizers" / TOKENIZER_FILE,
        )
        for path in files:
            if not path.is_file():
                raise FileNotFoundError(f"{str(path)!r} is missing")
        weights = load_file(str(files[0]))["embedding.weight"]
        tokenizer = Tokenizer.from_file(str(files[1]))
    except (OSError, KeyError, ValueError, RuntimeError, SafetensorError) as exc:
        raise ModelError(
            f"Cannot load the WordLlama embeddings from the 'wordllama' package ({exc!r}); "
            "reinstall Storyline's dependencies (make install)"
        ) from exc
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Embedder(np.ascontiguousarray(weights, dtype=np.float32), tokenizer)


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
