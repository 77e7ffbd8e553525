"""Storyline: a sourced, cross-checked account of a story told by many articles.

The Python API::

    import storyline

    story = storyline.analyze(["Kyiv, 4 September 2025 - ...", "articles/"])
    story.write("out")          # story.json and report.html
    text = story.to_json()      # the story.json text
    again = storyline.load("story.db")

Importing the package loads nothing heavy: spaCy, the store and the report
are imported the first time one of these names is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The release; ``pyproject.toml`` reads it from here.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import Story, analyze, load
    from .settings import Settings

__all__ = ["Settings", "Story", "__version__", "analyze", "load"]


def __getattr__(name: str) -> Any:
    """The public names, imported on first use (PEP 562)."""
    if name == "Settings":
        from .settings import Settings

        return Settings
    if name in {"Story", "analyze", "load"}:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
