"""Stage public satire and news corpora as labelled articles for the article tone model.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python -m scripts.stage_tone_corpora CLONES_DIR OUT.jsonl

``CLONES_DIR`` holds checkouts of the public repositories listed in
:data:`CORPORA` (``git clone URL CLONES_DIR/OWNER+NAME`` then
``git -C ... checkout COMMIT``; the README's "Data and licences" gives the
commands). A repository that is missing is skipped with a note. The output
has one article per line in the shape of the Horne & Adali ``articles.jsonl``
(``id``, ``label`` satire or real, ``title``, ``text``, ``dataset``) plus the
``site`` it was published on, which the split of
:mod:`storyline.nlp.tone.articles` holds out whole. Texts that repeat
(the same article scraped by two projects) are kept once. Nothing here is
committed to the project; the model's weights are.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Staged:
    """One labelled article as written to the output."""

    id: str
    label: str
    title: str
    text: str
    dataset: str
    site: str


#: Sites whose own pages call them satire but whose stories pass as real news
#: (fabricated news is the hard negative); they are left out altogether.
LEFT_OUT_SITES = frozenset({"makeamericathebest.com", "islamicanews.com"})
#: Scrape debris at the start of a text: a reading time, a share counter.
_DEBRIS = re.compile(r"\A\s*(?:\d+\s+MIN READ|Share\s+\d+\s+SHARES)\s+")
#: Sections of one site that are the same site for the split.
_SITE_ALIASES = {"bbc.co.uk": "bbc.com"}
_SPACES = re.compile(r"[ \t]+")


def _clean(text: str) -> str:
    """Paragraphs joined back from hard-wrapped lines, without scrape debris."""
    text = _DEBRIS.sub("", text.replace("\r\n", "\n"))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _site_of(url_or_source: str) -> str:
    host = re.sub(r"\A(?:https?://)?(?:www\.)?", "", url_or_source.strip().lower())
    host = host.split("/")[0]
    if host.endswith(".theonion.com"):
        host = "theonion.com"
    return _SITE_ALIASES.get(host, host)


def natalie_h(root: Path) -> Iterator[Staged]:
    """natalie-h/Capstone_Satirical-News-Classifier: 2018 satire and news CSVs."""
    csv.field_size_limit(sys.maxsize)
    files = {
        "satire": ("Satire_final_articles.csv", "Satire_final_articles_7-12.csv"),
        "real": ("Non_satire_final_articles.csv", "Non_satire_final_articles_7-12.csv"),
    }
    for label, names in files.items():
        for name in names:
            path = root / "Assets" / name
            if not path.exists():
                continue
            with path.open(encoding="utf-8", newline="") as handle:
                for i, row in enumerate(csv.DictReader(handle)):
                    site = _site_of(row.get("source") or row.get("url") or "")
                    yield Staged(
                        f"natalie-{name[:-4]}-{i}",
                        label,
                        (row.get("title") or "").strip(),
                        _clean(row.get("text") or ""),
                        "natalie-h-2018",
                        site,
                    )


_SPROUL_FILES = {
    "satirewire_data.py": ("satire", "satirewire.com"),
    "squib_data.py": ("satire", "dailysquib.co.uk"),
    "squib_2_data.py": ("satire", "dailysquib.co.uk"),
    "onion_one.py": ("satire", "theonion.com"),
}


def sproul(root: Path) -> Iterator[Staged]:
    """SproulHimself/satire_classification_project: list literals of 2019 articles."""
    folder = root / "notebooks_and_data"
    for name, (label, site) in _SPROUL_FILES.items():
        for i, row in enumerate(_literal(folder / name)):
            if isinstance(row, list) and len(row) >= 2:
                title, text = (row[1], row[2]) if len(row) >= 3 else (row[0], row[1])
                yield Staged(f"sproul-{name[:-3]}-{i}", label, str(title).strip(),
                             _clean(str(text)), "sproul-2019", site)  # fmt: skip
    for i, text in enumerate(_literal(folder / "reuters_body_data.py")):
        yield Staged(f"sproul-reuters-{i}", "real", "", _clean(str(text)), "sproul-2019",
                     "reuters.com")  # fmt: skip


def _literal(path: Path) -> list[object]:
    """The list assigned in a data-only Python file, read without running it."""
    if not path.exists():
        return []
    _, _, value = path.read_text(encoding="utf-8").partition("=")
    data = ast.literal_eval(value.strip())
    return list(data) if isinstance(data, list) else []


def burfoot(root: Path) -> Iterator[Staged]:
    """Burfoot & Baldwin (2009) satire corpus (sjmoran/satire-classifier copy, CC BY 3.0)."""
    for part, classes in (("training", "training-class"), ("test", "test-class")):
        labels_file = root / classes
        if not labels_file.exists():
            continue
        for line in labels_file.read_text(encoding="utf-8").splitlines():
            name, _, label = line.partition(" ")
            path = root / part / name
            if not path.exists():
                continue
            raw = path.read_text(encoding="latin-1")
            title, _, body = raw.strip().partition("\n")
            kind = "satire" if label.strip() == "satire" else "real"
            site = "burfoot-satire" if kind == "satire" else "burfoot-newswire"
            title = " ".join(title.split())
            yield Staged(f"burfoot-{name}", kind, title, _clean(body), "burfoot-2009", site)


def spoof(root: Path) -> Iterator[Staged]:
    """KOPFYF/SatiricalNews: articles of The Spoof and of CNN, separated by asterisks."""
    folder = root / "archives" / "news-scraper"
    for name, label, site in (("spoof_news.txt", "satire", "thespoof.com"),
                              ("Cnn_news.txt", "real", "cnn.com")):  # fmt: skip
        path = folder / name
        if not path.exists():
            continue
        parts = re.split(r"\n?\*{4,}\n?", path.read_text(encoding="utf-8", errors="replace"))
        for i, text in enumerate(p for p in parts if p.strip()):
            yield Staged(f"kopfyf-{name[:-4]}-{i}", label, "", _clean(text), "kopfyf-2020", site)


def onion_barn(root: Path) -> Iterator[Staged]:
    """efea-umich/SI-206-Final: The Onion, ClickHole, AP and CNN bodies (2020-21)."""
    path = root / "static" / "onion_barn.db"
    if not path.exists():
        return
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    titles = dict(db.execute("SELECT link, title FROM Reddit"))
    tables = (("The_Onion", "satire", "theonion.com"), ("Clickhole", "satire", "clickhole.com"),
              ("AP_News", "real", "apnews.com"), ("CNN", "real", "cnn.com"))  # fmt: skip
    for table, label, site in tables:
        link = "link" if table == "The_Onion" else "''"
        for row_id, body, url in db.execute(f"SELECT id, body, {link} FROM {table}"):
            yield Staged(f"efea-{table}-{row_id}", label, str(titles.get(url, "")).strip(),
                         _clean(str(body)), "efea-2021", site)  # fmt: skip
    db.close()


#: Repository folder name (``OWNER+NAME``), commit, reader.
CORPORA: dict[str, tuple[str, Callable[[Path], Iterator[Staged]]]] = {
    "natalie-h+Capstone_Satirical-News-Classifier": (
        "05ff894c3f3bf603b848a973ee8b08eced512780",
        natalie_h,
    ),
    "SproulHimself+satire_classification_project": (
        "dac3a0f6ba7eea3bfdf395b82889a45f9f63ca39",
        sproul,
    ),
    "sjmoran+satire-classifier": ("b715f307f9e98f8eca972f2cee3f2ac84d89b322", burfoot),
    "KOPFYF+SatiricalNews": ("374ae8cc4a1df936f8f950c33cb694bb42c5f2e9", spoof),
    "efea-umich+SI-206-Final": ("3b619acd0efdf760ac17080838d3a31ec705c600", onion_barn),
}


def stage(clones: Path) -> tuple[list[Staged], Counter[str]]:
    """Every readable article once, and counts of what was dropped and why."""
    seen: set[str] = set()
    kept: list[Staged] = []
    dropped: Counter[str] = Counter()
    for folder, (_, reader) in CORPORA.items():
        root = clones / folder
        if not root.is_dir():
            print(f"note: {folder} is not in {clones}; skipped", file=sys.stderr)
            continue
        for article in reader(root):
            key = hashlib.sha1(" ".join(article.text.lower().split()[:80]).encode()).hexdigest()
            reason = _drop_reason(article, key, seen)
            if reason:
                dropped[reason] += 1
                continue
            seen.add(key)
            kept.append(article)
    return kept, dropped


def _drop_reason(article: Staged, key: str, seen: set[str]) -> str:
    if article.site in LEFT_OUT_SITES:
        return "site left out"
    if len(article.text.split()) < 50:
        return "under 50 words"
    if key in seen:
        return "repeated text"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clones", type=Path, help="folder of the repositories' checkouts")
    parser.add_argument("out", type=Path, help="JSONL file to write")
    args = parser.parse_args(argv)
    kept, dropped = stage(args.clones)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for article in kept:
            handle.write(json.dumps(asdict(article), ensure_ascii=False) + "\n")
    counts = Counter(f"{a.label} {a.site}" for a in kept)
    for key, count in sorted(counts.items()):
        print(f"{count:6d}  {key}", file=sys.stderr)
    print(f"kept {len(kept)}; dropped {dict(dropped)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
