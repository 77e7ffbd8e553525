"""Countries by name, abbreviation, demonym, capital and seat of government.

The lexicon is built once per actor file (``functools.cache``) from:

- ``countryinfo``: each country's English name, alternative spellings,
  demonym, capital, provinces, population and ISO code;
- ``countrynames``: a large table of name variants -> ISO code, consulted
  for names the first package does not know. A variant that reads as a
  formal country name ("Democratic People's Republic of Korea") names the
  country; a region with its own subdivision code ("Scotland") is a place
  inside it;
- the ``countries`` section of the curated actor file, for abbreviations
  ("U.S.", "DPRK"), common short names ("North Korea", not "Korea,
  Democratic People's Republic of"), capitals the packages lack, seats of
  government ("the Kremlin") and names too ambiguous to resolve ("Korea").

Every lookup folds its text first (see :func:`storyline.nlp.actors.fold`),
ignores a leading "the", and answers an ISO 3166-1 alpha-2 code or None.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .actors import CountryAdditions, acronym, fold, load_actor_file

#: Capitals of smaller countries collide with common place names ("Kingston",
#: "Hamilton", "Victoria"); only capitals of countries at least this populous
#: are read as the country.
MIN_CAPITAL_POPULATION = 1_000_000

_SUBCODE = re.compile(r"^([A-Z]{2})-[A-Z0-9]+$")
#: The shipped copy of countrynames' table, and its format.
NAMES_FILE = "countrynames.json"
NAMES_FORMAT = "storyline/countrynames@1"


def _strip_the(folded: str) -> str:
    return folded[4:] if folded.startswith("the ") else folded


def _pick(candidates: Mapping[str, set[str]], population: Mapping[str, int]) -> dict[str, str]:
    """One code per name: the most populous country when several share it."""
    return {
        name: max(sorted(codes), key=lambda code: population.get(code, 0))
        for name, codes in candidates.items()
    }


def _plural(demonym: str) -> str | None:
    """``"American"`` -> ``"Americans"``; None when the plural is the same word."""
    return f"{demonym}s" if demonym.endswith(("n", "i", "r")) else None


class CountryLexicon:
    """Country lookups over countryinfo, countrynames and curated additions."""

    def __init__(self, records: Iterable[Mapping[str, Any]], additions: CountryAdditions) -> None:
        self.additions = additions
        self.population: dict[str, int] = {}
        self.display: dict[str, str] = {}
        names: dict[str, set[str]] = {}
        demonyms: dict[str, set[str]] = {}
        capitals: dict[str, set[str]] = {}
        provinces: dict[str, set[str]] = {}
        capital_names: dict[str, str] = {}
        for record in records:
            code = (record.get("ISO") or {}).get("alpha2")
            if not isinstance(code, str) or not re.match(r"^[A-Z]{2}$", code):
                continue
            self._add_record(code, record, names, demonyms, provinces)
            capital = record.get("capital")
            for city in capital if isinstance(capital, list) else [capital]:
                if isinstance(city, str) and city.strip():
                    capitals.setdefault(_strip_the(fold(city)), set()).add(code)
                    capital_names.setdefault(code, city.strip())
        self.names = _pick(names, self.population)
        self.demonyms = _pick(demonyms, self.population)
        self.capitals = {
            city: code
            for city, code in _pick(capitals, self.population).items()
            if self.population.get(code, 0) >= MIN_CAPITAL_POPULATION and city not in self.names
        }
        self.provinces = {name: min(codes) for name, codes in provinces.items() if len(codes) == 1}
        self.acronyms: dict[str, str] = {}
        self.capital_names = capital_names
        self._apply(additions)

    def _add_record(
        self,
        code: str,
        record: Mapping[str, Any],
        names: dict[str, set[str]],
        demonyms: dict[str, set[str]],
        provinces: dict[str, set[str]],
    ) -> None:
        name = str(record.get("name") or "").strip()
        self.population[code] = max(
            self.population.get(code, 0), int(record.get("population") or 0)
        )
        if name:
            self.display.setdefault(code, name)
            names.setdefault(_strip_the(fold(name)), set()).add(code)
        for spelling in record.get("altSpellings") or ():
            if self._keep_spelling(str(spelling), name):
                names.setdefault(_strip_the(fold(str(spelling))), set()).add(code)
        for demonym in re.split(r"[,/]", str(record.get("demonym") or "")):
            for form in (demonym.strip(), _plural(demonym.strip())):
                if form:
                    demonyms.setdefault(fold(form), set()).add(code)
        for province in record.get("provinces") or ():
            provinces.setdefault(_strip_the(fold(str(province))), set()).add(code)

    @staticmethod
    def _keep_spelling(spelling: str, name: str) -> bool:
        """Alternative spellings worth keeping: multi-word names and near-names.

        Codes ("KP", "PRK") and unrelated single words ("Island" for Iceland)
        are dropped; the curated file adds the abbreviations news uses.
        """
        spelling = spelling.strip()
        if not spelling or acronym(spelling) == spelling:
            return False
        if " " in spelling:
            return True
        return len(spelling) >= 4 and fold(spelling)[:3] == fold(name)[:3]

    def _apply(self, additions: CountryAdditions) -> None:
        for text, code in additions.names.items():
            short = acronym(text)
            if short is not None:
                self.acronyms[short] = code
            else:
                self.names[_strip_the(fold(text))] = code
        self.demonyms.update({fold(text): code for text, code in additions.demonyms.items()})
        for table in (additions.capital_variants, additions.capitals):
            self.capitals.update({_strip_the(fold(text)): code for text, code in table.items()})
        self.capital_names.update({code: text for text, code in additions.capitals.items()})
        self.seats = {_strip_the(fold(text)): code for text, code in additions.seats.items()}
        self.display.update(additions.display)
        for table in (self.names, self.demonyms, self.capitals, self.provinces):
            for name in additions.ambiguous:
                table.pop(name, None)

    # --- lookups ---------------------------------------------------------------

    def is_ambiguous(self, text: str) -> bool:
        """Whether ``text`` is a name the lexicon refuses to pin on one country."""
        return _strip_the(fold(text)) in self.additions.ambiguous

    def country_for_name(self, text: str) -> str | None:
        """The country ``text`` names: a name, short name or abbreviation."""
        short = acronym(text.strip())
        if short is not None and short in self.acronyms:
            return self.acronyms[short]
        key = _strip_the(fold(text))
        if not key or key in self.additions.ambiguous:
            return None
        if key in self.names:
            return self.names[key]
        code = _countrynames_code(text)
        if code is not None and len(code) == 2 and self._formal(key, code):
            return code
        return None

    def country_for_demonym(self, text: str) -> str | None:
        """The country of a demonym ("North Korean", "Americans")."""
        key = fold(text)
        if key in self.additions.ambiguous:
            return None
        return self.demonyms.get(key)

    def country_of_capital(self, text: str) -> str | None:
        """The country whose capital is ``text`` ("Pyongyang" -> ``KP``)."""
        return self.capitals.get(_strip_the(fold(text)))

    def country_of_seat(self, text: str) -> str | None:
        """The country whose seat of government is ``text`` ("the Kremlin" -> ``RU``)."""
        return self.seats.get(_strip_the(fold(text)))

    def country_of_place(self, text: str) -> str | None:
        """The country a place inside it belongs to ("California" -> ``US``)."""
        key = _strip_the(fold(text))
        if not key or key in self.additions.ambiguous:
            return None
        if key in self.provinces:
            return self.provinces[key]
        # countrynames also maps towns to countries, too loosely to trust
        # ("Montgomery" -> GB); only its regions with their own code are used.
        match = _SUBCODE.match(_countrynames_code(text) or "")
        return match.group(1) if match and match.group(1) in self.display else None

    def capital_of(self, code: str) -> str | None:
        """The capital of country ``code`` as the news names it."""
        return self.capital_names.get(code)

    def country_name(self, code: str) -> str | None:
        """The canonical English short name of ``code`` ("KP" -> "North Korea")."""
        return self.display.get(code)

    def _formal(self, key: str, code: str) -> bool:
        """Whether a countrynames variant reads as the country's own name."""
        if code not in self.display:
            return False
        words = set(key.split())
        if words & self.additions.designators:
            return True
        display = fold(self.display[code])
        return bool(display) and (words == set(display.split()))


@functools.lru_cache(maxsize=16384)
def _countrynames_code(text: str) -> str | None:
    """countrynames' code for ``text``, never reading bare ISO codes ("IT").

    This is ``countrynames.to_code`` without its first step, which tells an
    ISO code by scanning every one of its 23,000 names (a third of a
    millisecond a call): a text of more than three letters is no ISO code,
    so its normalised form is looked up directly, as ``to_code`` then does.
    Cached, as news repeats the same names many times.
    """
    if len(text.strip()) <= 3 or "," in text:
        return None
    from countrynames.util import normalize_name

    name = normalize_name(text.upper().strip())
    code = _country_names().get(name) if name is not None else None
    return code if isinstance(code, str) and code not in {"FAIL", "ZZ"} else None


@functools.cache
def _country_names() -> Mapping[str, str]:
    """countrynames' table of normalised names to codes, from the copy the package ships.

    countrynames builds the table by normalising each of its 23,000 names
    on first use (about 0.4 s); ``data/nlp/countrynames.json`` holds the
    table it builds, written by ``scripts/build_countrynames.py`` (a test
    checks that it is what the pinned package gives).
    """
    resource = resources.files("storyline") / "data" / "nlp" / NAMES_FILE
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
        if data["format"] != NAMES_FORMAT:
            raise ValueError(f"a {data['format']!r} file, not {NAMES_FORMAT!r}")
        names: dict[str, str] = data["names"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(
            f"Cannot read {NAMES_FILE!r} ({exc!r}); reinstall Storyline "
            "or rebuild it with scripts/build_countrynames.py"
        ) from exc
    return names


def countrynames_json() -> dict[str, Any]:
    """countrynames' own table as ``data/nlp/countrynames.json`` holds it."""
    from importlib.metadata import version

    import countrynames

    countrynames.to_code("France")  # the table is filled on the first call
    return {
        "format": NAMES_FORMAT,
        "source": f"countrynames {version('countrynames')} with normality {version('normality')}",
        "names": dict(sorted(countrynames.COUNTRY_NAMES.items())),
    }


@functools.cache
def _lexicon(path: Path | None) -> CountryLexicon:
    from countryinfo import CountryInfo

    by_name = CountryInfo.all()
    records = [by_name[name] for name in sorted(by_name)]
    return CountryLexicon(records, load_actor_file(path).countries)


def country_lexicon(path: Path | str | None = None) -> CountryLexicon:
    """The lexicon for the bundled actor file, or for it merged with ``path``."""
    return _lexicon(None if path is None else Path(path).expanduser().resolve())


def country_for_name(text: str) -> str | None:
    """ISO code of the country ``text`` names ("North Korea", "DPRK", "U.S.")."""
    return country_lexicon().country_for_name(text)


def country_for_demonym(text: str) -> str | None:
    """ISO code of the country of a demonym ("North Korean" -> ``KP``)."""
    return country_lexicon().country_for_demonym(text)


def country_of_capital(text: str) -> str | None:
    """ISO code of the country whose capital is ``text``."""
    return country_lexicon().country_of_capital(text)


def country_of_seat(text: str) -> str | None:
    """ISO code of the country whose seat of government is ``text``."""
    return country_lexicon().country_of_seat(text)


def country_of_place(text: str) -> str | None:
    """ISO code of the country a region or city lies in, when known."""
    return country_lexicon().country_of_place(text)


def capital_of(code: str) -> str | None:
    """The capital of the country ``code``."""
    return country_lexicon().capital_of(code)


def country_name(code: str) -> str | None:
    """The canonical English short name of the country ``code``."""
    return country_lexicon().country_name(code)


def clear_cache() -> None:
    """Forget the built lexicons (after an actor file changed on disk)."""
    _lexicon.cache_clear()
