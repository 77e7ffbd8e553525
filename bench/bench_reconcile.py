"""Benchmark claim reconciliation on a synthetic set of claims (default 100,000).

Usage::

    .venv/bin/python bench/bench_reconcile.py [--claims N] [--sizes N,N,...] [--seed S]

The claims are made up but shaped like news figures: one subject per 50
claims (2,000 at 100,000 claims), eight measures (killed, wounded,
casualties, deployed, ...), every hedge (``about``, ``more than``, ``up
to``, ranges...), as-of dates spread over two years with one claim in
twenty undated, 400 named sources and unattributed figures, 10 claims per
article, and a share of reprinted sentences. Each
size runs in a fresh process (one core), twice:

- timed: :func:`storyline.reconcile.findings.claim_findings` (grouping,
  comparing, wording every finding) and then the timeline of the same claims;
- traced: the same reconciliation under ``tracemalloc``, for the peak of
  memory it allocates on top of its input.

Prints one Markdown row per size: claims, findings, seconds, claims per
second, peak reconciliation memory (MB) and bytes per claim, and the
process's peak RSS. Memory per claim that stays flat as the size grows is
memory proportional to the input.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from typing import Any

from storyline.models import Article, Claim, ClaimSource, Qualifier, Span, Tone, Value
from storyline.reconcile.findings import claim_findings
from storyline.reconcile.timeline import build_timeline

#: Claims per subject: the corpus grows in subjects as it grows in claims.
CLAIMS_PER_SUBJECT = 50
MEASURES = ("killed", "wounded", "casualties", "deployed", "captured", "missing", "displaced")
QUALIFIERS: tuple[Qualifier, ...] = (
    "exact",
    "approximately",
    "approximately",
    "more_than",
    "at_least",
    "up_to",
    "range",
)


def make_claims(count: int, seed: int) -> tuple[list[Claim], list[Article]]:
    """``count`` synthetic claims and the articles they come from."""
    rng = random.Random(seed)
    articles = [
        Article(
            id=f"a{n}",
            source=f"corpus/{n:06d}_news.txt",
            title=None,
            text="",
            tone=Tone(label="satire" if n % 50 == 0 else "news"),
        )
        for n in range(max(1, count // 10))
    ]
    subjects = max(1, count // CLAIMS_PER_SUBJECT)
    claims = [_claim(n, rng, len(articles), subjects) for n in range(count)]
    return claims, articles


def _claim(number: int, rng: random.Random, articles: int, subjects: int) -> Claim:
    subject = rng.randrange(subjects)
    measure = MEASURES[rng.randrange(len(MEASURES))] if rng.random() < 0.9 else "budget"
    base = (subject % 97 + 1) * 100 * (1 + rng.random() * 0.6)
    qualifier = QUALIFIERS[rng.randrange(len(QUALIFIERS))]
    high = base * 1.2 if qualifier == "range" else base
    day = rng.randrange(730)
    as_of = (
        None
        if rng.random() < 0.05
        else f"{2023 + day // 365}-{day % 365 // 31 % 12 + 1:02d}-{day % 28 + 1:02d}"
    )
    article = f"a{rng.randrange(articles)}"
    source = None
    if rng.random() < 0.7:
        name = rng.randrange(400)
        source = ClaimSource(entity=f"e-source-{name}" if name % 2 else None, text=f"source {name}")
    reprint = number // 2 if rng.random() < 0.1 else number
    text = f"Sentence {reprint}: {base:.0f} soldiers of subject {subject} {measure}."
    return Claim(
        id=f"c{number}",
        article=article,
        subject=f"e-subject-{subject}",
        subject_text=f"soldiers of subject {subject}",
        measure=measure,
        value=Value(low=round(base), high=round(high), qualifier=qualifier),
        unit="soldier",
        as_of=as_of,
        source=source,
        span=Span(article=article, start=0, end=len(text), text=text),
    )


def measure(count: int, seed: int) -> dict[str, Any]:
    """Time and trace the reconciliation of ``count`` claims (run in a fresh process)."""
    claims, articles = make_claims(count, seed)
    start = time.perf_counter()
    findings = claim_findings(claims, (), articles)
    reconcile_seconds = time.perf_counter() - start
    start = time.perf_counter()
    timeline = build_timeline((), claims, (), articles)
    timeline_seconds = time.perf_counter() - start
    del findings, timeline
    tracemalloc.start()
    traced = claim_findings(claims, (), articles)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    kinds: dict[str, int] = {}
    for finding in traced:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    return {
        "claims": count,
        "findings": len(traced),
        "kinds": kinds,
        "seconds": reconcile_seconds,
        "timeline_seconds": timeline_seconds,
        "peak_mb": peak / 1e6,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_size(count: int, seed: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one", str(count), "--seed", str(seed)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000, help="largest size (100,000)")
    parser.add_argument("--sizes", help="comma-separated sizes (default: 25%%, 50%%, 100%%)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.seed)))
        return 0
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else [args.claims // 4, args.claims // 2, args.claims]
    )
    print(
        "| claims | findings | reconcile s | claims/s | timeline s | peak MB | bytes/claim "
        "| max RSS MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        r = run_size(size, args.seed)
        print(
            f"| {r['claims']:,} | {r['findings']:,} | {r['seconds']:.2f} "
            f"| {r['claims'] / r['seconds']:,.0f} | {r['timeline_seconds']:.2f} "
            f"| {r['peak_mb']:.1f} | {r['peak_mb'] * 1e6 / r['claims']:,.0f} | {r['rss_mb']:.0f} |"
        )
    print(f"\nfindings by kind at {sizes[-1]:,} claims: {r['kinds']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
