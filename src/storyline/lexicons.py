"""Reading the YAML lexicons bundled in ``storyline/data`` (or given by a user).

Every stage reads its word lists and rules through these two functions, so a
broken or missing file always fails the same way: a :class:`ModelError`
naming the file and saying how to fix it.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from .errors import ModelError, StorylineError


def read_yaml(text: str, where: str, error: type[StorylineError] = ModelError) -> dict[str, Any]:
    """Parse ``text`` (from ``where``) as a YAML mapping, or raise ``error``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"Cannot read the lexicon {where}: {exc}; fix the YAML syntax") from exc
    if not isinstance(data, dict):
        raise error(f"The lexicon {where} must be a YAML mapping; fix the file")
    return data


def bundled_yaml(name: str) -> dict[str, Any]:
    """The bundled lexicon ``storyline/data/<name>`` as a mapping."""
    try:
        text = resources.files("storyline").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(
            f"Cannot read the lexicon data/{name}: {exc}; reinstall Storyline"
        ) from exc
    return read_yaml(text, f"data/{name}")
