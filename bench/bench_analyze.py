"""Benchmark ``storyline analyze`` against a bare ``nlp.pipe`` over the same texts.

Usage::

    .venv/bin/python bench/bench_analyze.py [--data DIR] [--workers N] [--repeat N]

The corpus is the 256 news articles of TimeBank and AQUAINT
(``../shared/data/timebank-aquaint/derived/*.jsonl``; each text with its
document creation time as ``published``). Each measurement runs in a fresh
process so that peak memory (max RSS) belongs to that measurement alone:

- ``bare``: the English pipeline's own ``nlp.pipe`` over the texts: the floor.
- ``analyze``: the whole of ``storyline analyze`` (ingest, pipeline, claims,
  reconciliation, story.json and report.html).
- ``components``: the same work step by step, in CPU seconds: the bare spaCy
  pipeline, each Storyline component, the analysis stage, reconciliation and
  the report.

``bare`` and ``analyze`` run ``--repeat`` times each (default 3), taking turns,
and the table shows the median run: on a shared machine one run alone can be
off by a fifth. Prints a Markdown table (articles/s, words/s, peak MB) ready
for the README.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storyline.settings import default_shared_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = default_shared_dir() / "data" / "timebank-aquaint" / "derived"


def load_corpus(data: Path) -> list[dict[str, str]]:
    """The benchmark articles as JSONL records (id, title, text, published)."""
    records = []
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                records.append(
                    {
                        "id": doc["docid"],
                        "title": doc.get("title") or doc["docid"],
                        "text": doc["text"],
                        "published": doc["dct_value"],
                    }
                )
    if not records:
        raise SystemExit(f"No *.jsonl files in {data}; pass --data DIR")
    return records


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_bare(corpus: Path, workers: int) -> dict[str, Any]:
    import spacy

    from storyline.settings import DEFAULT_MODEL

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    nlp = spacy.load(DEFAULT_MODEL)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
        pass
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def phase_analyze(corpus: Path, workers: int) -> dict[str, Any]:
    from storyline.nlp import build_nlp
    from storyline.pipeline import analyze
    from storyline.settings import Settings

    settings = Settings(workers=workers, progress=False)
    nlp = build_nlp(settings)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        report = analyze([corpus], settings, out_dir=Path(out), nlp=nlp)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "articles": report.analysed}


def phase_components(corpus: Path, workers: int) -> dict[str, Any]:
    """CPU seconds in each Storyline component, then in the per-article and cross-article steps.

    CPU time (this process's), not wall-clock time: on a machine shared with
    other work the steps' shares then stay put.
    """
    from storyline.analysis.document import analyze_doc
    from storyline.ingest import iter_inputs
    from storyline.models import Article
    from storyline.nlp import BEFORE_PARSER, build_nlp
    from storyline.pipeline import make_doc
    from storyline.reconcile import build_story
    from storyline.report import render_report
    from storyline.settings import Settings

    settings = Settings(progress=False)
    nlp = build_nlp(settings)
    articles = [a for a in iter_inputs([corpus], settings) if isinstance(a, Article)]
    ours = [name for name in nlp.pipe_names if name.startswith("storyline_")]
    early = [name for name in ours if name in BEFORE_PARSER]
    made = [make_doc(nlp, a) for a in articles]
    totals: dict[str, float] = {}
    for name in early:  # they set what the parser must respect, so they run first
        component, start = nlp.get_pipe(name), time.process_time()
        made = [component(doc) for doc in made]
        totals[name] = time.process_time() - start
    start = time.process_time()
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(made, batch_size=16))
    totals = {"spaCy pipeline (bare)": time.process_time() - start, **totals}
    for name in (n for n in ours if n not in early):
        component, start = nlp.get_pipe(name), time.process_time()
        docs = [component(doc) for doc in docs]
        totals[name] = time.process_time() - start
    start = time.process_time()
    analyses = [analyze_doc(doc, article) for doc, article in zip(docs, articles, strict=True)]
    totals["analysis stage (Doc -> records)"] = time.process_time() - start
    start = time.process_time()
    story = build_story(analyses)
    totals["reconcile"] = time.process_time() - start
    start = time.process_time()
    render_report(story)
    totals["report.html"] = time.process_time() - start
    return totals


PHASES = {"bare": phase_bare, "analyze": phase_analyze, "components": phase_components}


def run_phase(phase: str, corpus: Path, workers: int) -> dict[str, Any]:
    """Run one phase in a fresh interpreter and return its JSON result."""
    command = [sys.executable, __file__, "--phase", phase, "--corpus", str(corpus)]
    command += ["--workers", str(workers)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def repeated(corpus: Path, workers: int, times: int) -> dict[str, dict[str, Any]]:
    """The median of ``times`` runs of ``bare`` and of ``analyze``, taking turns."""
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "analyze": []}
    for _ in range(times):
        for name, found in runs.items():
            found.append(run_phase(name, corpus, workers))
    medians = {}
    for name, found in runs.items():
        middle = statistics.median_low(r["seconds"] for r in found)
        medians[name] = next(r for r in found if r["seconds"] == middle)
    return medians


def report(
    records: list[dict[str, str]], results: dict[str, dict[str, Any]], repeat: int = 1
) -> str:
    words = sum(len(r["text"].split()) for r in records)
    lines = [
        f"{len(records)} articles, {words:,} words; median of {repeat} runs each",
        "",
        "| run | seconds | articles/s | words/s | peak MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in ("bare", "analyze"):
        res = results[name]
        secs = res["seconds"]
        lines.append(
            f"| {name} | {secs:.1f} | {len(records) / secs:.1f} | {words / secs:,.0f} "
            f"| {res['peak_mb']:.0f} |"
        )
    ratio = results["bare"]["seconds"] / results["analyze"]["seconds"]
    lines += ["", f"analyze runs at {ratio:.0%} of the bare nlp.pipe throughput.", ""]
    comps = results["components"]
    total = sum(comps.values())
    lines += ["| step | CPU seconds | share |", "|---|---:|---:|"]
    for name, secs in comps.items():
        lines.append(f"| {name} | {secs:.2f} | {secs / total:.1%} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of bare and analyze each")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.corpus, args.workers)))
        return 0
    records = load_corpus(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record) + "\n")
        results = repeated(corpus, args.workers, max(1, args.repeat))
        results["components"] = run_phase("components", corpus, args.workers)
    print(report(records, results, max(1, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
