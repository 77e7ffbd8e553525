"""Benchmark merging incident mentions across articles (default 100,000 mentions).

Usage::

    .venv/bin/python bench/bench_incidents.py [--mentions N] [--sizes N,N,...] [--seed S]

The mentions are made up but shaped like conflict coverage: 2.5 mentions
per article-local incident, two local incidents per article, four outlets
telling most incidents, 600 towns in six countries (real GeoNames places,
so blocking sees real ids and provinces), dates spread over a year, four
incident families, one article in fifty undated, a share of mentions
without a place, and named participants drawn from 300 actors. Each size
runs in a fresh process and times
:func:`storyline.reconcile.incidents.build_incidents` (blocking, matching,
union-find and building every incident record), after the gazetteer has
been loaded.

Prints one Markdown row per size: mentions, local incidents, incidents,
seconds and mentions per second. Time per mention that stays flat as the
size grows is work that grows with the input, not its square.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from datetime import date, timedelta

from storyline.models import (
    Article,
    EventDate,
    IncidentMention,
    Participant,
    Place,
    Published,
    Span,
)
from storyline.nlp.gazetteer import resolve_place
from storyline.reconcile.incidents import build_incidents

TYPES = ("attack", "casualty_report", "explosion", "disaster", "arrest", "meeting")
COUNTRIES = ("SY", "IQ", "YE", "UA", "AF", "NG")
TOWNS_PER_COUNTRY = 100
START = date(2016, 1, 1)


def towns(rng: random.Random) -> list[Place]:
    """Real towns of the countries, resolved through the gazetteer as articles would be."""
    from storyline.nlp import gazetteer

    found: list[Place] = []
    for entries in gazetteer._index().values():
        entry = entries[0]
        if entry.country in COUNTRIES and entry.kind == "city":
            found.append(resolve_place(entry.name, [entry.country]))
    rng.shuffle(found)
    by_country: dict[str | None, list[Place]] = {}
    for place in found:
        by_country.setdefault(place.country, []).append(place)
    return [p for c in COUNTRIES for p in by_country.get(c, [])[:TOWNS_PER_COUNTRY]]


def corpus(n: int, seed: int) -> tuple[list[IncidentMention], list[Article]]:
    rng = random.Random(seed)
    places = towns(rng)
    actors = [f"e-actor-{i}" for i in range(300)]
    happenings = max(1, n // 10)
    mentions: list[IncidentMention] = []
    articles: list[Article] = []
    while len(mentions) < n:
        number = len(articles)
        article_id = f"a{number}"
        day = START + timedelta(days=rng.randrange(365))
        undated = rng.random() < 0.02
        published = None if undated else day.isoformat()
        articles.append(
            Article(
                article_id,
                f"{article_id}.txt",
                None,
                f"report {rng.randrange(happenings)}",
                Published(published, "unknown" if undated else "metadata"),
            )
        )
        for local in range(1, 3):
            happening = rng.randrange(happenings)
            hrng = random.Random(happening)
            kind = TYPES[hrng.randrange(len(TYPES))]
            place = places[hrng.randrange(len(places))] if rng.random() > 0.1 else None
            parties = tuple(Participant(actors[hrng.randrange(300)], "actor") for _ in range(2))
            when = (START + timedelta(days=hrng.randrange(365))).isoformat()
            for _ in range(rng.choice((2, 2, 3))):
                mentions.append(
                    IncidentMention(
                        article=article_id,
                        span=Span(article_id, 0, 10, "a sentence"),
                        trigger=kind,
                        type=kind,
                        date=EventDate(when, "day") if rng.random() < 0.4 else None,
                        place=place,
                        participants=parties,
                        incident=f"{article_id}#{local}",
                    )
                )
    return mentions[:n], articles


def measure(n: int, seed: int) -> dict[str, float]:
    mentions, articles = corpus(n, seed)
    started = time.perf_counter()
    incidents, ids = build_incidents(mentions, articles)
    seconds = time.perf_counter() - started
    return {
        "mentions": len(mentions),
        "local": len(ids),
        "incidents": len(incidents),
        "seconds": seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--sizes", help="comma-separated sizes, run each in its own process")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.mentions, args.seed)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.mentions]
    print("| mentions | local incidents | incidents | seconds | mentions/s |")
    print("|---:|---:|---:|---:|---:|")
    for size in sizes:
        command = [
            sys.executable,
            __file__,
            "--one",
            "--mentions",
            str(size),
            "--seed",
            str(args.seed),
        ]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rate = row["mentions"] / row["seconds"] if row["seconds"] else 0.0
        print(
            f"| {row['mentions']:,} | {row['local']:,} | {row['incidents']:,} "
            f"| {row['seconds']:.1f} | {rate:,.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
