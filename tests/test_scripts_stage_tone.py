"""Staging public satire corpora: readers, cleaning, sites and repeats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from scripts.stage_tone_corpora import main, stage

from storyline.nlp.tone.articles import HELD_OUT_GROUPS, read_labelled, split_of

WORDS = " ".join(["The committee met again and agreed to meet again next week."] * 8)


def _natalie(root: Path) -> None:
    folder = root / "natalie-h+Capstone_Satirical-News-Classifier" / "Assets"
    folder.mkdir(parents=True)
    rows = [
        ("Area Man Forms Committee", WORDS, "https://local.theonion.com/area-man", "x"),
        ("Same Story Again", WORDS, "https://www.theonion.com/again", "x"),  # repeated text
        ("Short", "Too short to judge.", "https://www.thedailymash.co.uk/a", "x"),
        ("Fake Site", WORDS + " More.", "http://makeamericathebest.com/b", "x"),
    ]
    with (folder / "Satire_final_articles.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["", "index", "date", "text", "title", "url", "source"])
        for i, (title, text, url, _) in enumerate(rows):
            writer.writerow([i, i, "", text, title, url, url.split("/")[2]])


def _spoof(root: Path) -> None:
    folder = root / "KOPFYF+SatiricalNews" / "archives" / "news-scraper"
    folder.mkdir(parents=True)
    text = f"Share 0 SHARES  A spoof. {WORDS}\n******\nA second story. {WORDS}"
    (folder / "spoof_news.txt").write_text(text, encoding="utf-8")


def test_scripts_stage_tone_reads_cleans_and_drops_with_reasons(tmp_path: Path) -> None:
    _natalie(tmp_path)
    _spoof(tmp_path)
    kept, dropped = stage(tmp_path)
    assert dropped == {"repeated text": 1, "under 50 words": 1, "site left out": 1}
    sites = sorted(a.site for a in kept)
    assert sites == ["theonion.com", "thespoof.com", "thespoof.com"]
    spoof = [a for a in kept if a.site == "thespoof.com"]
    assert all(not a.text.startswith("Share") for a in spoof)
    assert all(a.label == "satire" for a in kept)


def test_scripts_stage_tone_output_reads_as_labelled_articles(tmp_path: Path) -> None:
    _spoof(tmp_path)
    out = tmp_path / "staged.jsonl"
    assert main([str(tmp_path), str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["site"] for r in records} == {"thespoof.com"}
    articles = read_labelled(out)
    assert "thespoof.com" in HELD_OUT_GROUPS
    assert [a.group for a in articles] == ["thespoof.com", "thespoof.com"]
    assert {split_of(a) for a in articles} == {"test"}
