"""A bounded load test on 127.0.0.1: 20 readers of /api/story and one writer posting at once.

The same load as ``bench/bench_serve_load.py`` (whose numbers are in the
README), smaller: no request fails, and reads stay fast while posts are
being analysed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from storyline.pipeline import analyze
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_serve_load", ROOT / "bench" / "bench_serve_load.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_serve_load"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_serve_load_readers_never_wait_for_the_writer(
    tmp_path: Path, seeds_dir: Path, nlp: Any
) -> None:
    db = tmp_path / "seeds.db"
    analyze([seeds_dir], Settings(progress=False), db=db, nlp=nlp)
    bench = _bench()
    result = bench.measure(db, readers=20, requests=15, posts=3)
    assert result.errors == []
    assert len(result.latencies) == 20 * 15
    assert result.during_writes > 0  # the reads did overlap the posts
    assert result.percentile(0.99) < 1.0
