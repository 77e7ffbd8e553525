"""Build the country-name table that ships in ``src/storyline/data/nlp/``.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python -m scripts.build_countrynames [--out DIR]

``countrynames.json`` is the pinned ``countrynames`` package's table of
normalised country names to codes, as that package builds it on first use
(``storyline.nlp.countries.countrynames_json``). It only saves work at run
time: rebuild it after upgrading the package or changing how names are
normalised; ``tests/test_nlp_countrynames_table.py`` fails until then.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

from storyline.nlp.countries import NAMES_FILE, countrynames_json


def main(argv: list[str] | None = None) -> int:
    default = Path(str(resources.files("storyline") / "data" / "nlp"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default, help="folder to write it to")
    args = parser.parse_args(argv)
    path = args.out / NAMES_FILE
    path.write_text(json.dumps(countrynames_json(), ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"Wrote {path} ({path.stat().st_size / 2**20:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
