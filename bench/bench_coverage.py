"""Benchmark story groups (:class:`storyline.reconcile.coverage.Coverage`) on real news.

Usage::

    .venv/bin/python bench/bench_coverage.py [--data DIR] [--copies N,N,...] [--runs 3]

The articles are the 256 TimeBank and AQUAINT texts that ``bench_analyze.py``
reads (``../shared/data/timebank-aquaint/derived/*.jsonl``). ``--copies 1,4``
also times the corpus repeated four times (each copy a new article id), to
show how the grouping grows towards :data:`storyline.reconcile.incidents.MAX_GROUPED`
articles. Each size is timed ``--runs`` times in this process (the imports
and the first fit are left out); the best run is printed, split into the
fit (TF-IDF of the wording and of the names and numbers) and the grouping
(complete linkage, then small groups joining their story).

Prints one Markdown row per size: articles, groups, fit seconds, group
seconds, total seconds.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from storyline.reconcile.coverage import Coverage
from storyline.settings import default_shared_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = default_shared_dir() / "data" / "timebank-aquaint" / "derived"


def load_texts(data: Path) -> list[str]:
    """The benchmark articles' texts."""
    texts = []
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    if not texts:
        raise SystemExit(f"No *.jsonl files in {data}; pass --data DIR")
    return texts


def measure(texts: list[str], runs: int) -> tuple[int, float, float]:
    """Groups, and the best fit and grouping seconds over ``runs`` runs."""
    corpus = {str(n): text for n, text in enumerate(texts)}
    Coverage(corpus).groups()  # imports and first use
    best_fit = best_group = float("inf")
    groups = 0
    for _ in range(runs):
        start = time.perf_counter()
        coverage = Coverage(corpus)
        fitted = time.perf_counter()
        found = coverage.groups()
        done = time.perf_counter()
        best_fit, best_group = min(best_fit, fitted - start), min(best_group, done - fitted)
        groups = len(set(found.values()))
    return groups, best_fit, best_group


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--copies", default="1", help="corpus sizes as copies, e.g. 1,4")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = load_texts(args.data)
    print("| articles | groups | fit s | group s | total s |")
    print("|---:|---:|---:|---:|---:|")
    for copies in (int(n) for n in args.copies.split(",")):
        corpus = texts * copies
        groups, fit, group = measure(corpus, args.runs)
        print(f"| {len(corpus):,} | {groups:,} | {fit:.2f} | {group:.2f} | {fit + group:.2f} |")


if __name__ == "__main__":
    main()
