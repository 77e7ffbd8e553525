"""``story.json``: the public output format, written, read back and validated.

The shape is the contract in ``data/story.schema.json`` (JSON Schema draft
2020-12): a ``schema`` marker, ``generated_at`` and every top-level list,
present even when empty. Records are turned into JSON by
:func:`storyline.models.to_dict`, so field names are the dataclass field
names, which mirror the contract. Articles keep their ``text`` (and ``url``)
so that every span can be checked against the text it points into.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import (
    ValidationError,
    best_match,
)

from ..errors import ReportError
from ..models import SCHEMA_ID, Story, from_dict, to_dict
from ._files import write_text_atomic

_SCHEMA_RESOURCE = ("storyline", "data/story.schema.json")


def story_to_json(story: Story) -> dict[str, Any]:
    """The JSON object of ``story``: ``schema`` first, then the record's fields in order."""
    body = to_dict(story)
    return {"schema": SCHEMA_ID, **body}


def write_story_json(story: Story, path: Path | str) -> None:
    """Write ``story`` to ``path`` as UTF-8 JSON (indent 2, non-ASCII kept as is).

    The file is replaced atomically, so a reader sees the old file or the new
    one. Raises :class:`~storyline.errors.ReportError` when the folder cannot
    be written.
    """
    write_text_atomic(Path(path), story_json_text(story))


def story_json_text(story: Story) -> str:
    """The text of ``story.json`` for ``story``: UTF-8 JSON, indent 2, non-ASCII kept as is."""
    return json.dumps(story_to_json(story), ensure_ascii=False, indent=2) + "\n"


def load_story_json(path: Path | str) -> Story:
    """Read a ``story.json`` back into a :class:`~storyline.models.Story`.

    The data is validated against the schema first, so a file from another
    tool or an older version fails with a message naming the wrong field.
    """
    target = Path(path)
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(
            f"Cannot read '{target}': {exc.strerror or exc}; give the path of a story.json"
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(
            f"Cannot read '{target}': it is not UTF-8 JSON ({exc}); "
            "give a story.json written by Storyline"
        ) from exc
    if not isinstance(data, dict):
        raise ReportError(f"Cannot read '{target}': the top level is not a JSON object")
    validate_story(data)
    return from_dict(Story, data)


def validate_story(data: dict[str, Any]) -> None:
    """Check ``data`` against the story schema; raise ``ReportError`` naming the first problem."""
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    error = best_match(errors)
    raise ReportError(
        f"story.json does not match the schema {SCHEMA_ID!r} at {_where(error)}: "
        f"{error.message}; {len(errors)} problem(s) in all, see data/story.schema.json"
    )


def story_schema() -> dict[str, Any]:
    """The bundled JSON Schema of ``story.json`` (a fresh copy the caller may change)."""
    return json.loads(_schema_text())  # type: ignore[no-any-return]


@functools.cache
def _schema_text() -> str:
    package, name = _SCHEMA_RESOURCE
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = story_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _where(error: ValidationError) -> str:
    path = "".join(f"[{part!r}]" if isinstance(part, int) else f".{part}" for part in error.path)
    return f"'${path}'" if path else "the top level"
