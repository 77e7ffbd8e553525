"""Benchmark the ``storyline_times`` component alone, in CPU seconds.

Usage::

    .venv/bin/python bench/bench_times.py [--data DIR] [--repeat N]

Parses the 256 TimeBank and AQUAINT articles once with the English pipeline
(each dated by its document creation time), then runs ``storyline_times``
over the parsed articles ``--repeat`` times (default 5) and prints the CPU
seconds of the parse and of the fastest and median runs of the component.
CPU time (``time.process_time``) moves far less than wall time on a shared
machine, so two versions of the component can be compared run against run;
the share of the whole of ``analyze`` comes from ``bench_analyze.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from storyline.evaluation.timex import load_documents
from storyline.nlp.components import times
from storyline.nlp.english import load_english
from storyline.nlp.extensions import register_extensions
from storyline.settings import Settings, default_shared_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = default_shared_dir() / "data" / "timebank-aquaint" / "derived"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the component")
    args = parser.parse_args()
    paths = sorted(args.data.glob("*.timex.jsonl"))
    if not paths:
        raise SystemExit(f"No *.timex.jsonl files in {args.data}; pass --data DIR")
    documents = [item for path in paths for item in load_documents(path)]
    register_extensions()
    nlp = load_english(Settings().model)
    start = time.process_time()
    parsed = []
    for item, doc in zip(documents, nlp.pipe(item["text"] for item in documents), strict=True):
        doc._.storyline_published = str(item["dct_value"])[:10]
        parsed.append(doc)
    parse_seconds = time.process_time() - start
    component = nlp.add_pipe(times.NAME)
    runs = []
    for _ in range(max(1, args.repeat)):
        start = time.process_time()
        for doc in parsed:
            component(doc)
        runs.append(time.process_time() - start)
    words = sum(len(item["text"].split()) for item in documents)
    print(f"{len(documents)} articles, {words:,} words")
    print(f"parse (spaCy pipeline): {parse_seconds:.2f} CPU s")
    print(
        f"storyline_times: fastest {min(runs):.3f} CPU s, median {statistics.median(runs):.3f} "
        f"of {len(runs)} runs ({min(runs) / parse_seconds:.1%} of the parse)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
