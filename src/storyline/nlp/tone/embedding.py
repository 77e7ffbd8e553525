"""Static token embeddings for the article model, read offline with ``tokenizers`` and numpy.

The article model (:mod:`.article`) reads an article's title and body as the
mean of their token embeddings. Two static embedding models can serve
(:data:`SOURCES`; the article model's weights name the one they were trained
with):

- ``wordllama``: WordLlama's ``l2_supercat`` model at 256 dimensions, read
  from the PyPI package ``wordllama`` 0.4.0.post1 (MIT licence; 16 MB of
  weights inside the package);
- ``minilm-static``: a static model distilled with model2vec from the
  sentence encoder all-MiniLM-L6-v2 (Apache-2.0). It is not shipped (the
  shipped article model reads WordLlama): ``python -m
  scripts.distill_embeddings`` writes it into Storyline's ``data/nlp`` folder
  (``minilm_static.npz`` and its tokenizer JSON), for comparing the two.

Neither needs torch, model2vec or a download: the table and the tokenizer
are loaded once per process, and a text's vector is the unit-length mean of
its tokens' rows, computed text by text.
"""

from __future__ import annotations

import functools
import importlib.util
import zipfile
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


@dataclass(frozen=True)
class Source:
    """Where a static embedding model's two files are, and its width."""

    name: str
    dimensions: int
    weights_file: str
    tokenizer_file: str
    package: str
    #: The weights' folder and the tokenizer's, inside ``package``.
    folders: tuple[str, str]
    #: Whether the unknown token is left out of a text's mean (model2vec does so).
    drop_unknown: bool
    #: What to do when the files cannot be read.
    remedy: str = "reinstall Storyline's dependencies (make install)"


WORDLLAMA = Source(
    "wordllama",
    256,
    "l2_supercat_256.safetensors",
    "l2_supercat_tokenizer_config.json",
    "wordllama",
    ("weights", "tokenizers"),
    False,
)
MINILM = Source(
    "minilm-static",
    256,
    "minilm_static.npz",
    "minilm_static_tokenizer.json",
    "storyline",
    ("data/nlp", "data/nlp"),
    True,
    "build them with `python -m scripts.distill_embeddings` (see requirements-train.txt)",
)
SOURCES = {source.name: source for source in (WORDLLAMA, MINILM)}


@dataclass(frozen=True)
class Embedder:
    """An embedding table and its tokenizer (without batch padding)."""

    table: npt.NDArray[np.float32]
    tokenizer: Tokenizer
    #: The unknown token's id, left out of every mean (None: no such token).
    unknown: int | None

    @property
    def dimensions(self) -> int:
        return int(self.table.shape[1])


def source_of(name: str) -> Source:
    """The :class:`Source` called ``name``."""
    if name not in SOURCES:
        raise ModelError(f"unknown embeddings {name!r}; known: {', '.join(sorted(SOURCES))}")
    return SOURCES[name]


def _files(source: Source) -> tuple[Path, Path]:
    """The weights and tokenizer files of ``source`` (FileNotFoundError if absent)."""
    spec = importlib.util.find_spec(source.package)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise FileNotFoundError(f"the {source.package!r} package is not installed")
    root = Path(folders[0])
    files = (
        root / source.folders[0] / source.weights_file,
        root / source.folders[1] / source.tokenizer_file,
    )
    for path in files:
        if not path.is_file():
            raise FileNotFoundError(f"{str(path)!r} is missing")
    return files


def _table(path: Path) -> npt.NDArray[np.float32]:
    if path.suffix == ".npz":
        with np.load(path, allow_pickle=False) as data:
            vectors = data["vectors"]
    else:
        vectors = load_file(str(path))["embedding.weight"]
    return np.ascontiguousarray(vectors, dtype=np.float32)


@functools.cache
def load_embedder(name: str = WORDLLAMA.name) -> Embedder:
    """The embedding model called ``name``, loaded once per process.

    WordLlama's files are read straight from the ``wordllama`` package's
    folder, without importing ``wordllama`` itself (its configuration and
    download machinery take longer to import than the weights take to load).
    Tests check the vectors against ``WordLlama.load(...).embed`` and
    model2vec's ``StaticModel.encode``.
    """
    source = source_of(name)
    try:
        weights, tokenizer_file = _files(source)
        table = _table(weights)
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        if table.shape[1] != source.dimensions:
            raise ValueError(f"{table.shape[1]} dimensions, not {source.dimensions}")
    except (
        OSError,
        KeyError,
        ValueError,
        RuntimeError,
        SafetensorError,
        zipfile.BadZipFile,
    ) as exc:
        raise ModelError(
            f"Cannot load the {name} embeddings from the {source.package!r} package ({exc!r}); "
            f"{source.remedy}"
        ) from exc
    tokenizer.no_padding()
    tokenizer.no_truncation()
    unknown = getattr(tokenizer.model, "unk_token", None) if source.drop_unknown else None
    unknown_id = tokenizer.token_to_id(unknown) if isinstance(unknown, str) else None
    return Embedder(table, tokenizer, unknown_id)


def embed(texts: Sequence[str], embedder: Embedder | None = None) -> FloatArray:
    """Unit-length mean token embeddings, one row per text (zeros for empty text).

    For WordLlama (the default), the same vectors as its own
    ``embed(texts, norm=True)``, computed text by text (see :func:`mean_vectors`).
    """
    embedder = embedder or load_embedder()
    return mean_vectors(token_ids(texts, embedder), embedder)


def token_ids(texts: Sequence[str], embedder: Embedder) -> list[IntArray]:
    """Each text's token ids (no padding, no special tokens, no unknown tokens)."""
    encodings = embedder.tokenizer.encode_batch(list(texts), add_special_tokens=False)
    ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
    if embedder.unknown is None:
        return ids
    return [row[row != embedder.unknown] for row in ids]


def mean_vectors(ids: Sequence[IntArray], embedder: Embedder) -> FloatArray:
    """The unit-length mean of each id list's token embeddings (zeros when empty).

    Computed list by list: a padded batch would pad each text to the longest
    one, and an article's body is much longer than its sentences.
    """
    out = np.zeros((len(ids), embedder.dimensions))
    for row, tokens in enumerate(ids):
        if len(tokens):
            vector = embedder.table[tokens].mean(axis=0, dtype=np.float64)
            norm = float(np.linalg.norm(vector))
            out[row] = vector / norm if norm > 0 else vector
    return out
