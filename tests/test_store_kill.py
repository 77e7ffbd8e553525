"""``analyze --db`` killed (SIGKILL) part way: the re-run leaves the store a whole run leaves."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from storyline.models import Story
from storyline.pipeline import analyze
from storyline.settings import Settings
from storyline.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 30
PLACES = ("Northvale", "Eastbrook", "Lowmoor", "Harwick", "Southgate")


def _corpus(folder: Path) -> Path:
    """Made-up articles long enough that analysing them all takes a few seconds."""
    rng = random.Random(11)
    folder.mkdir()
    for number in range(ARTICLES):
        place = rng.choice(PLACES)
        lines = [f"Flooding in {place} (report {number})", f"{rng.randint(1, 28)} March 2024"]
        lines += [
            f"The council said {rng.randint(2, 900):,} homes in {rng.choice(PLACES)} were "
            f"flooded on Monday and {rng.randint(2, 90)} roads closed, officials said."
            for _ in range(25)
        ]
        (folder / f"{number:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _analyze(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "storyline.cli", "analyze", str(corpus), "--db", str(db)]
    command += ["--out", str(db.parent / f"{db.stem}-out"), "--no-progress", "--batch-size", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _contents(db: Path) -> tuple[Story, list[object]]:
    with Store.open(db, create=False) as store:
        story = dataclasses.replace(store.load_story(), generated_at="")
        return story, list(store.load_analyses())


@pytest.mark.slow
def test_store_kill_9_then_rerun_equals_uninterrupted(tmp_path: Path, nlp: Any) -> None:
    corpus = _corpus(tmp_path / "corpus")
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    assert analyze([corpus], Settings(batch_size=1), db=whole, nlp=nlp).exit_code == 0

    run = _analyze(corpus, killed)
    deadline = time.monotonic() + 300
    while _stored(killed) < 2 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, "the run ended before it could be killed"
    run.send_signal(signal.SIGKILL)
    run.wait(30)
    part = _stored(killed)
    assert 2 <= part < ARTICLES

    assert _analyze(corpus, killed).wait(300) == 0
    assert _contents(killed) == _contents(whole)
