"""Benchmark what a user waits for: start-up, whole-process throughput, engines, memory.

Usage::

    .venv/bin/python bench/bench_scale.py startup [--repeat N]
    .venv/bin/python bench/bench_scale.py throughput [--repeat N] [--runs bare,local1,...]
    .venv/bin/python bench/bench_scale.py memory [--articles N] [--engine local|dask] [--no-db]
    .venv/bin/python bench/bench_scale.py timeline [--workers N]

Every measurement is a whole ``storyline`` process (``python -m storyline``),
timed from outside, as a user runs it:

- ``startup``: ``--version``, ``--help`` and ``analyze --help``; median of
  ``--repeat`` runs (default 3). The target is under 0.3 s.
- ``throughput``: the 256 TimeBank and AQUAINT articles of
  ``bench_analyze.py`` as one JSONL file. ``bare`` is a script that imports
  spaCy, loads the English pipeline and runs ``nlp.pipe`` over the texts
  (the floor); ``local1``/``local2`` are ``storyline analyze`` with 1 and 2
  pipeline processes, ``serial1`` one process with ``--threads 1`` (the
  trained pipeline and Storyline's components in turn, not side by side),
  ``dask1``/``dask2`` with ``--engine dask`` and 1 and 2 workers (a
  LocalCluster started by the command). Each run is the median of
  ``--repeat`` (default 3), the runs taking turns. Each run's CPU seconds
  (user and system, its child processes included) are shown too: on a
  machine shared with other work they move less than wall-clock time.
  With ``--with-horne``, Horne and Adali's 326 political news articles
  (real, fake and satire) follow the 256, for 582 articles: the engines'
  start-up (loading the pipeline, starting the workers) then weighs less
  against the articles' analysis.
- ``memory``: a synthetic corpus of ``--articles`` (default 20,000) short
  articles built by this script from a few templates (made-up places and
  figures), analysed with ``--db`` (without, given ``--no-db``: the Dask
  engine then reconciles over its shards); the process's resident memory,
  and the proportional memory of it with its children (Dask's workers, whose
  pages shared with the fork server count once), are sampled every second,
  and the table shows them at each tenth of the run, with the
  reconciliation time.
- ``timeline``: one ``--engine dask`` run on the TimeBank and AQUAINT
  articles, in this process, with Dask's task stream: when the cluster is
  up, each worker's partitions, the tail after the last one, and the
  CPU seconds of the command's own process at each step.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from storyline.settings import default_shared_dir

START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
DATA = default_shared_dir() / "data" / "timebank-aquaint" / "derived"
HORNE = default_shared_dir() / "data" / "horne2017-political-news" / "articles.jsonl"
SRC = ROOT / "src"

BARE = """
import json, sys, spacy
from storyline.settings import DEFAULT_MODEL
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(DEFAULT_MODEL)
for _ in nlp.pipe(texts, batch_size=16):
    pass
"""

RUNS: dict[str, list[str]] = {
    "local1": ["--workers", "1"],
    "serial1": ["--workers", "1", "--threads", "1"],
    "local2": ["--workers", "2"],
    "dask1": ["--engine", "dask", "--workers", "1"],
    "dask2": ["--engine", "dask", "--workers", "2"],
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def _timed(command: list[str]) -> float:
    """Wall-clock seconds of ``command``; exit 0 or 3 (finished, some inputs skipped)."""
    return _run(command)[0]


def _run(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, with every process it starts) of ``command``.

    The CPU seconds of the command's child processes come back when they are
    waited for, but a Dask worker forked from a fork server is the server's
    child, which the command does not wait for. So the command's process tree
    is also sampled (:func:`_tree_cpu`), and the larger of the two sums is
    kept.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
    ) as process:
        seen: dict[int, float] = {}
        ended = threading.Event()
        sampler = threading.Thread(target=_sample, args=(process.pid, seen, ended), daemon=True)
        sampler.start()
        stderr = process.communicate()[1]
        seconds = time.perf_counter() - start
        ended.set()
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 3):
        raise SystemExit(f"{command} failed ({process.returncode}): {stderr[-2000:]!r}")
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, max(waited, sum(seen.values()))


def _sample(pid: int, seen: dict[int, float], ended: threading.Event) -> None:
    while not ended.wait(0.1):
        _tree_cpu(pid, seen)


def _tree_cpu(pid: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds so far of the process ``pid`` and its descendants, by process id."""
    import psutil

    try:
        tree = [psutil.Process(pid)]
        tree += tree[0].children(recursive=True)
    except psutil.Error:  # it ended meanwhile
        return
    for process in tree:
        try:
            used = process.cpu_times()
        except psutil.Error:
            continue
        seen[process.pid] = used.user + used.system


def _storyline(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def startup(repeat: int) -> str:
    lines = ["| command | median seconds | runs |", "|---|---:|---|"]
    for args in (["--version"], ["--help"], ["analyze", "--help"]):
        times = [_timed(_storyline(*args)) for _ in range(repeat)]
        runs = ", ".join(f"{t:.2f}" for t in times)
        lines.append(f"| `storyline {' '.join(args)}` | {statistics.median(times):.2f} | {runs} |")
    return "\n".join(lines)


def write_timebank(path: Path, data: Path, more: Path | None = None) -> tuple[int, int]:
    """The benchmark corpus as JSONL, ``more``'s articles after it; returns (articles, words)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_analyze import load_corpus

    records = load_corpus(data)
    if more is not None:
        with more.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                records.append({"id": item["id"], "title": item["title"], "text": item["text"]})
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return len(records), sum(len(r["text"].split()) for r in records)


def _load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def throughput(repeat: int, runs: list[str], data: Path, more: Path | None = None) -> str:
    at_start = _load()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count, words = write_timebank(corpus, data, more)
        times: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(repeat):
            for name in runs:
                if name == "bare":
                    command = [sys.executable, "-c", BARE, str(corpus)]
                else:
                    out = Path(tmp) / name
                    shutil.rmtree(out, ignore_errors=True)  # no shards from the run before
                    command = _storyline("analyze", str(corpus), "--out", str(out))
                    command += ["--no-progress", *RUNS[name]]
                wall, used = _run(command)
                times[name].append(wall)
                cpu[name].append(used)
                print(
                    f"{name}: {wall:.1f} s, {used:.1f} s CPU (load {_load()})",
                    file=sys.stderr,
                    flush=True,
                )
    lines = [
        f"{count} articles, {words:,} words; whole processes, median of {repeat}; "
        f"load average at the start {at_start}, at the end {_load()}",
        "",
        "| run | median s | articles/s | runs (s) | median CPU s |",
        "|---|---:|---:|---|---:|",
    ]
    for name, found in times.items():
        median = statistics.median(found)
        runs_text = ", ".join(f"{t:.1f}" for t in found)
        used = statistics.median(cpu[name])
        lines.append(f"| {name} | {median:.1f} | {count / median:.2f} | {runs_text} | {used:.1f} |")
    medians = {name: statistics.median(found) for name, found in times.items()}
    if "bare" in medians and "local1" in medians:
        lines.append(f"\nlocal1 / bare throughput: {medians['bare'] / medians['local1']:.2f}")
        cpu_medians = {name: statistics.median(found) for name, found in cpu.items()}
        by_cpu = cpu_medians["bare"] / cpu_medians["local1"]
        lines.append(f"local1 / bare, by CPU seconds: {by_cpu:.2f}")
    for local in ("local1", "serial1"):
        if local in medians and "dask2" in medians:
            ratio = medians[local] / medians["dask2"]
            lines.append(f"dask2 / {local} throughput: {ratio:.2f}")
    return "\n".join(lines)


PLACES = ["Velmora", "Ostrane", "Kadir Bay", "Lissen", "Port Ardel", "Tamsk", "Orvieno"]
GROUPS = ["the harbour union", "the city council", "the transport ministry", "the port authority"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def synthetic_article(number: int, rng: random.Random) -> dict[str, Any]:
    """One made-up short news article (places, groups and figures are invented)."""
    place, group = rng.choice(PLACES), rng.choice(GROUPS)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.choice([2023, 2024, 2025])
    workers, days = rng.randint(50, 5000), rng.randint(2, 40)
    text = (
        f"{place} strike update {number}\n"
        f"Dock workers in {place} ended a strike on {day} {month} {year}, {group} said. "
        f"About {workers} workers had stopped work for {days} days. "
        f"A spokesman for {group} said talks would resume next week. "
        f"Ships waited outside the port of {place} while the strike lasted."
    )
    return {"id": f"s{number}", "title": f"{place} strike update {number}", "text": text}


def write_synthetic(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(json.dumps(synthetic_article(number, rng)) + "\n")


def _rss_mb(pid: int) -> tuple[float, float]:
    """Resident MB of the process ``pid``, and the memory of it with all its descendants.

    The second is the sum of each process's proportional set size (a page
    shared by n processes counts 1/n in each), where the system gives it:
    Dask workers forked from a fork server share its pages, which a sum of
    resident sizes would count once per process.
    """
    import psutil

    try:
        main = psutil.Process(pid)
        own = main.memory_info().rss
        total = 0
        for process in [main, *main.children(recursive=True)]:
            try:
                total += _proportional(process)
            except psutil.Error:
                continue
    except psutil.Error:
        return 0.0, 0.0
    return own / 2**20, total / 2**20


def _proportional(process: Any) -> int:
    """The proportional set size of ``process`` (Linux), else its resident size."""
    found = getattr(process.memory_full_info(), "pss", None)
    return int(found) if found is not None else int(process.memory_info().rss)


def memory(count: int, engine: str, workers: int, store: bool = True) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "synthetic.jsonl"
        write_synthetic(corpus, count)
        command = _storyline("analyze", str(corpus), "--out", str(Path(tmp) / "out"))
        command += ["--db", str(Path(tmp) / "s.db")] if store else []
        command += ["--no-progress", "--engine", engine, "--workers", str(workers)]
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=_env(), stderr=subprocess.PIPE, text=True)
        samples: list[tuple[float, tuple[float, float]]] = []
        while proc.poll() is None:
            samples.append((time.perf_counter() - start, _rss_mb(proc.pid)))
            time.sleep(1.0)
        seconds = time.perf_counter() - start
        summary = (proc.stderr.read() if proc.stderr else "").strip().splitlines()
    lines = [
        f"{count:,} synthetic articles, --engine {engine} --workers {workers}"
        f"{'' if store else ' (no --db)'}: "
        f"{seconds:.0f} s, {count / seconds:.1f} articles/s, exit {proc.returncode}",
        f"{summary[0] if summary else ''}",
        "",
        "| share of run | seconds | RSS MB (this process) | PSS MB (with its children) |",
        "|---:|---:|---:|---:|",
    ]
    for tenth in range(1, 11):
        index = min(len(samples) - 1, max(0, len(samples) * tenth // 10 - 1))
        at, (own, total) = samples[index]
        lines.append(f"| {tenth * 10}% | {at:.0f} | {own:.0f} | {total:.0f} |")
    return "\n".join(lines)


def _cpu_seconds() -> float:
    """User and system seconds of this process so far (run on each worker)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timeline(workers: int, data: Path) -> str:
    """One ``--engine dask`` run in this process, with Dask's task stream.

    What ``storyline analyze --engine dask`` does (minus its progress bar),
    timed from the start of this process: when the cluster is up, each
    worker's partitions (start and end of each, idle gaps between them,
    the first one including what was left of the pipeline's build), the
    tail after the last partition, and this process's CPU seconds at each
    step (the command's own process: the scheduler, reading, reconciling).
    """
    import threading
    from contextlib import contextmanager

    import distributed

    from storyline.engine import DaskEngine
    from storyline.pipeline import analyze
    from storyline.settings import Settings

    marks: list[tuple[str, float, float]] = []

    def mark(what: str) -> None:
        marks.append((what, time.perf_counter() - START, time.process_time()))

    mark("imports done")
    stream: list[dict[str, Any]] = []
    used: dict[str, float] = {}

    class Timed(DaskEngine):
        @contextmanager
        def _client(self) -> Any:
            with super()._client() as client:
                mark("cluster up, client connected")
                with distributed.get_task_stream(client) as tasks:
                    yield client
                    mark("last partition collected")
                    used.update(client.run(_cpu_seconds))
                stream.extend(tasks.data)

        def story(self, *args: Any, **kwargs: Any) -> Any:
            mark("reconciling over the shards")
            story = super().story(*args, **kwargs)
            mark("story reconciled")
            return story

    started = time.time() - (time.perf_counter() - START)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_timebank(corpus, data)
        mark("corpus written")
        engine = Timed(Path(tmp) / "out" / "shards", workers=workers)
        analyze([corpus], Settings(progress=False), out_dir=Path(tmp) / "out", engine=engine)
        mark("story.json and report.html written")
        for thread in threading.enumerate():  # the cluster stops in the background
            if thread.name == "storyline-dask-close":
                thread.join()
        mark("cluster stopped")
    lines = [
        f"load average {_load()}",
        "",
        "| step | s | CPU s (this process) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {what} | {at:.2f} | {cpu:.2f} |" for what, at, cpu in marks]
    per_worker: dict[str, list[tuple[float, float]]] = {}
    for task in stream:
        if str(task["key"]).startswith("storyline-"):
            for step in task["startstops"]:
                if step["action"] == "compute":
                    span = (step["start"] - started, step["stop"] - started)
                    per_worker.setdefault(task["worker"], []).append(span)
    lines += [
        "",
        "| worker | partitions | first starts | first ends | idle s | last ends | CPU s |",
    ]
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for number, (worker, spans) in enumerate(per_worker.items(), 1):
        spans.sort()
        idle = sum(max(0.0, b[0] - a[1]) for a, b in itertools.pairwise(spans))
        first, last = spans[0], spans[-1]
        lines.append(
            f"| {number} | {len(spans)} | {first[0]:.2f} | {first[1]:.2f} | {idle:.2f} "
            f"| {last[1]:.2f} | {used.get(worker, 0.0):.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["startup", "throughput", "memory", "timeline"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", default="bare,local1,local2,dask1,dask2")
    parser.add_argument("--data", type=Path, default=DATA, help="TimeBank/AQUAINT derived/")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-db", action="store_true", help="memory: run without a store")
    parser.add_argument(
        "--with-horne",
        action="store_true",
        help="throughput: Horne and Adali's 326 political news articles after the 256",
    )
    args = parser.parse_args()
    if args.what == "timeline":
        print(timeline(args.workers, args.data))
    elif args.what == "startup":
        print(startup(args.repeat))
    elif args.what == "throughput":
        more = HORNE if args.with_horne else None
        print(throughput(args.repeat, args.runs.split(","), args.data, more))
    else:
        print(memory(args.articles, args.engine, args.workers, store=not args.no_db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
