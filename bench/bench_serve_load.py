"""Load test of ``storyline serve``: many readers of ``/api/story`` while a writer posts.

Usage::

    .venv/bin/python bench/bench_serve_load.py [--db STORE] [--readers 20] [--requests 25]
                                               [--posts 5]

Serves the store (by default one built from ``examples/seeds``) with
``storyline serve`` in its own process on 127.0.0.1 only, posts one warm-up
article (the server loads its language pipeline), then runs ``--readers``
threads that each send ``--requests`` GET ``/api/story`` while one writer
thread posts ``--posts`` new articles, one after another, to
``/api/articles``. Prints the read latencies (p50, p99, max), how many reads
ran while a post was being analysed, and any error. The numbers are for one
machine; the test suite runs the same load and checks that nothing fails and
that p99 stays under a second.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LoadResult:
    """What one load run measured."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    writes: list[tuple[float, float]] = field(default_factory=list)
    reads: list[tuple[float, float]] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def during_writes(self) -> int:
        """Reads that started while a post was being handled."""
        return sum(any(a <= start <= b for a, b in self.writes) for start, _ in self.reads)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``storyline serve`` on 127.0.0.1:``port``, once it answers."""
    command = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    server.wait()
    raise RuntimeError("storyline serve did not start")


def article(number: int) -> str:
    """A made-up article to post (each one different)."""
    return (
        f"Bridge reopens in Harwick after repairs ({number})\n"
        f"{number % 27 + 1} March 2024\n"
        f"The council said {120 + number * 7:,} cars crossed the bridge on Monday, "
        f"and {number + 3} lorries were turned back, officials said.\n"
    )


def post(base: str, number: int) -> None:
    answer = httpx.post(
        f"{base}/api/articles",
        content=article(number).encode("utf-8"),
        headers={"content-type": "text/plain"},
        timeout=300,
    )
    if answer.status_code not in (200, 201):
        raise RuntimeError(f"POST answered {answer.status_code}: {answer.text[:200]}")


def run_load(base: str, readers: int, requests: int, posts: int) -> LoadResult:
    """Readers of ``/api/story`` and one writer at once, each a fixed number of requests."""
    result = LoadResult()
    lock = threading.Lock()
    go = threading.Barrier(readers + 1)

    def read() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            go.wait()
            for _ in range(requests):
                start = time.perf_counter()
                try:
                    answer = client.get("/api/story")
                    failed = None if answer.status_code == 200 else f"GET {answer.status_code}"
                except httpx.HTTPError as exc:
                    failed = f"GET {type(exc).__name__}"
                end = time.perf_counter()
                with lock:
                    result.latencies.append(end - start)
                    result.reads.append((start, end))
                    if failed:
                        result.errors.append(failed)

    def write() -> None:
        go.wait()
        for number in range(posts):
            start = time.perf_counter()
            try:
                post(base, 1_000 + number)
            except (httpx.HTTPError, RuntimeError) as exc:
                with lock:
                    result.errors.append(f"POST {exc}")
            with lock:
                result.writes.append((start, time.perf_counter()))

    threads = [threading.Thread(target=read) for _ in range(readers)]
    threads.append(threading.Thread(target=write))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def measure(db: Path, readers: int, requests: int, posts: int) -> LoadResult:
    """Serve ``db``, warm the writer up with one post, then run the load."""
    port = free_port()
    server = start_server(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        post(base, 0)  # loads the server's language pipeline
        return run_load(base, readers, requests, posts)
    finally:
        server.terminate()
        server.wait(30)


def report(result: LoadResult, readers: int, posts: int) -> str:
    ms = [1000 * value for value in result.latencies]
    return "\n".join(
        [
            f"{readers} readers, {len(ms)} GET /api/story, 1 writer posting {posts} articles "
            f"({result.during_writes} reads while a post was being analysed)",
            "",
            "| p50 ms | p99 ms | max ms | mean ms | errors |",
            "|---:|---:|---:|---:|---:|",
            f"| {1000 * result.percentile(0.5):.0f} | {1000 * result.percentile(0.99):.0f} "
            f"| {max(ms):.0f} | {statistics.mean(ms):.0f} | {len(result.errors)} |",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: one of the seeds)")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="GETs per reader")
    parser.add_argument("--posts", type=int, default=5, help="articles the writer posts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp, "seeds.db")
            sys.path.insert(0, str(ROOT / "src"))
            from storyline.pipeline import analyze
            from storyline.settings import Settings

            analyze([ROOT / "examples" / "seeds"], Settings(progress=False), db=db)
        result = measure(db, args.readers, args.requests, args.posts)
    print(report(result, args.readers, args.posts))
    for error in result.errors[:10]:
        print("error:", error)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
