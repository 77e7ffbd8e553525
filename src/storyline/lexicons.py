"""Reading the YAML files bundled in ``storyline/data`` or given by a user.

Every stage reads its word lists and rules through these functions, so a
broken or missing file always fails the same way: a bundled one with a
:class:`ModelError`, a user's with a :class:`UsageError`, each naming the file
and saying how to fix it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ModelError, StorylineError, UsageError


def read_yaml(
    text: str,
    where: str,
    error: type[StorylineError] = ModelError,
    kind: str = "lexicon",
    hint: str = "fix the file",
) -> dict[str, Any]:
    """Parse ``text`` (the ``kind`` file at ``where``) as a YAML mapping, or raise ``error``.

    ``hint`` ends the message of a file that is not a mapping.
    """
    try:
        data = _parse_yaml(text)
    except yaml.YAMLError as exc:
        raise error(f"Cannot read the {kind} {where}: {exc}; fix the YAML syntax") from exc
    if not isinstance(data, dict):
        raise error(f"The {kind} {where} must be a YAML mapping; {hint}")
    return data


#: libyaml's safe loader, when PyYAML was built with it.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` through libyaml's parser when PyYAML has it (ten times faster).

    A text libyaml rejects is read again by PyYAML's own parser, so an error
    is worded the same either way.
    """
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def user_yaml(path: Path, kind: str = "lexicon", hint: str = "fix the file") -> dict[str, Any]:
    """A YAML mapping from the user's file ``path``; a :class:`UsageError` names what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"Cannot read the {kind} '{path}': {exc.strerror or exc}; give an existing YAML file"
        ) from exc
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"The {kind} '{path}' is not valid UTF-8 ({exc}); save it as UTF-8"
        ) from exc
    return read_yaml(text, f"'{path}'", UsageError, kind, hint)


def bundled_yaml(name: str) -> dict[str, Any]:
    """The bundled lexicon ``storyline/data/<name>`` as a mapping."""
    try:
        text = resources.files("storyline").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(
            f"Cannot read the lexicon data/{name}: {exc}; reinstall Storyline"
        ) from exc
    return read_yaml(text, f"data/{name}")


@contextlib.contextmanager
def objects_frozen() -> Iterator[None]:
    """Keep every object made so far out of full garbage collections while the block runs.

    A run's pipeline, its tables and the modules loaded with it live as long
    as the run, so each full collection would walk them all again for
    nothing (over the 256-article benchmark, about a second of CPU). On the
    way out they are handed back to the collector (``gc.unfreeze``), so a
    caller that analyses again with another pipeline frees the first one.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large table is built.

    Building hundreds of thousands of small objects otherwise sets off full
    collections, each walking every object of the process (spaCy's model and
    all); such a table holds no cycles to collect.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
