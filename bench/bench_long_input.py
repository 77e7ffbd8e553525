"""Benchmark ``storyline analyze`` on one huge single-line text file.

Usage::

    .venv/bin/python bench/bench_long_input.py [--mb 30]

Writes a ``.txt`` file of ``--mb`` megabytes with no line break at all
(generated news-like sentences about made-up places, each with a date and a
figure), runs the whole ``storyline analyze`` on it in a fresh process, and
prints its wall time, peak memory (max RSS of that process), the length of
the title it got, and the sizes of ``story.json`` and ``report.html``. The
budget: under 60 s, under 1 GB and a report under 5 MB for 30 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_PLACES = ("Northvale", "Eastbrook", "Lowmoor", "Harwick", "Southgate", "Kellan Bay")
_BODIES = ("the council", "the ministry", "the relief agency", "the port authority")
_THINGS = ("families", "workers", "homes", "schools", "vehicles")
_MONTHS = ("January", "March", "May", "July", "September", "November")


def sentence(rng: random.Random) -> str:
    """One made-up news sentence with a source, a date and a figure."""
    return (
        f"On {rng.randint(1, 28)} {rng.choice(_MONTHS)} {rng.randint(2015, 2024)}, "
        f"{rng.choice(_BODIES)} said {rng.randint(2, 9_000):,} {rng.choice(_THINGS)} "
        f"in {rng.choice(_PLACES)} had been affected. "
    )


def write_text(path: Path, megabytes: float) -> int:
    """Write about ``megabytes`` MB of sentences on one line; returns the byte count."""
    rng = random.Random(7)
    target = int(megabytes * 1_000_000)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        while written < target:
            chunk = "".join(sentence(rng) for _ in range(1_000))
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
    return written


def run(path: Path, out: Path) -> dict[str, float | int]:
    """Run ``storyline analyze`` on ``path`` in a child process and measure it."""
    command = [sys.executable, "-m", "storyline.cli", "analyze", str(path), "--out", str(out)]
    command.append("--no-progress")
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"analyze failed ({done.returncode}): {done.stderr}")
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "exit": done.returncode,
        "title_chars": len(story["articles"][0]["title"] or ""),
        "claims": len(story["claims"]),
        "story_mb": (out / "story.json").stat().st_size / 1e6,
        "report_mb": (out / "report.html").stat().st_size / 1e6,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30.0, help="size of the file (default 30)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "one-line.txt")
        size = write_text(path, args.mb)
        result = run(path, Path(tmp, "out"))
    print(f"{size / 1e6:.1f} MB on one line")
    print()
    print("| seconds | peak MB | exit | title chars | claims | story.json MB | report.html MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {result['seconds']:.1f} | {result['peak_mb']:,.0f} | {result['exit']} "
        f"| {result['title_chars']} | {result['claims']:,} | {result['story_mb']:.2f} "
        f"| {result['report_mb']:.2f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
