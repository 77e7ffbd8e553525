"""The static embeddings the article model reads: loading offline, vectors, failures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storyline.errors import ModelError
from storyline.nlp.tone import embedding
from storyline.nlp.tone.article import load_article_model, model_from_dict
from storyline.nlp.tone.embedding import MINILM, SOURCES, embed, load_embedder, token_ids

DATA = Path(embedding.__file__).resolve().parents[2] / "data" / "nlp"
#: The distilled MiniLM table is not shipped; these tests read it once it is built.
needs_minilm = pytest.mark.skipif(
    not (DATA / MINILM.weights_file).is_file(),
    reason="the MiniLM table is not built (python -m scripts.distill_embeddings)",
)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@needs_minilm
def test_nlp_tone_embedding_minilm_loads_from_the_package_without_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = load_embedder(MINILM.name)
    assert embedder.dimensions == MINILM.dimensions
    assert embedder.table.dtype == np.float32
    assert embedder.table.shape[0] == embedder.tokenizer.get_vocab_size()
    assert embedder.unknown == embedder.tokenizer.token_to_id("[UNK]")
    with np.load(DATA / MINILM.weights_file, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
    assert meta["pca_dims"] == MINILM.dimensions
    assert "all-MiniLM-L6-v2" in meta["teacher"]


@needs_minilm
def test_nlp_tone_embedding_minilm_rows_are_unit_and_zero_for_empty() -> None:
    embedder = load_embedder(MINILM.name)
    vectors = embed(["Area man wins nothing", "", "   ", "Council approves budget"], embedder)
    assert vectors.shape == (4, MINILM.dimensions)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-6)
    assert not vectors[1].any() and not vectors[2].any()


@needs_minilm
def test_nlp_tone_embedding_minilm_leaves_unknown_tokens_out() -> None:
    embedder = load_embedder(MINILM.name)
    unknown = "\u2603\u2603"  # not in the WordPiece vocabulary
    (ids,) = token_ids([f"budget {unknown} vote"], embedder)
    assert embedder.unknown not in ids
    same = embed([f"budget {unknown} vote", "budget vote"], embedder)
    assert np.allclose(same[0], same[1])
    assert not embed([unknown], embedder).any()


@needs_minilm
def test_nlp_tone_embedding_minilm_keeps_meaning() -> None:
    """The distilled vectors still place paraphrases nearer than unrelated text."""
    rates, paraphrase, unrelated = embed(
        [
            "The central bank raised interest rates again.",
            "Borrowing costs went up after the monetary authority acted.",
            "The striker scored twice in the second half.",
        ],
        load_embedder(MINILM.name),
    )
    assert cosine(rates, paraphrase) > cosine(rates, unrelated) + 0.1


@needs_minilm
def test_nlp_tone_embedding_minilm_equals_model2vecs_own_encode() -> None:
    static_model = pytest.importorskip("model2vec.model").StaticModel
    embedder = load_embedder(MINILM.name)
    texts = [
        "Area man announces plan to read every agreement he has signed.",
        "The committee approved the budget on Tuesday. " * 40,
        "Caf\u00e9 owner \u2603 says the snow stayed.",
    ]
    theirs = static_model(
        vectors=embedder.table, tokenizer=embedder.tokenizer, normalize=True, max_length=None
    ).encode(texts)
    assert np.abs(embed(texts, embedder) - theirs).max() < 1e-5


@pytest.fixture
def broken_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A source whose weights file is not an npz archive."""
    monkeypatch.setattr(embedding.importlib.util, "find_spec", lambda _name: _Spec(tmp_path))
    (tmp_path / "data" / "nlp").mkdir(parents=True)
    (tmp_path / "data" / "nlp" / "broken.npz").write_bytes(b"not a zip archive")
    (tmp_path / "data" / "nlp" / MINILM.tokenizer_file).write_text("{}")  # never read
    monkeypatch.setitem(
        SOURCES, "broken", replace(MINILM, name="broken", weights_file="broken.npz")
    )
    yield "broken"
    load_embedder.cache_clear()


class _Spec:
    def __init__(self, folder: Path) -> None:
        self.submodule_search_locations = [str(folder)]


def test_nlp_tone_embedding_broken_file_is_a_model_error(broken_source: str) -> None:
    with pytest.raises(ModelError, match="Cannot load the broken embeddings"):
        load_embedder(broken_source)


def test_nlp_tone_embedding_unknown_names_are_model_errors() -> None:
    with pytest.raises(ModelError, match="unknown embeddings 'glove'"):
        load_embedder("glove")
    data = json.loads((DATA / "tone_article_model.json").read_text(encoding="utf-8"))
    assert data["embeddings"] == load_article_model().embeddings
    with pytest.raises(ModelError, match="unknown embeddings"):
        model_from_dict({**data, "embeddings": "glove"})


def test_nlp_tone_embedding_distillation_writes_the_files_the_reader_reads() -> None:
    """The distillation script imports nothing of Storyline, so its names are checked here."""
    from scripts import distill_embeddings

    assert MINILM.weights_file == distill_embeddings.WEIGHTS_FILE
    assert MINILM.tokenizer_file == distill_embeddings.TOKENIZER_FILE
    assert MINILM.dimensions == distill_embeddings.DIMS
    assert MINILM.folders == ("data/nlp", "data/nlp") and MINILM.package == "storyline"
