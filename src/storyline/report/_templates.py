"""The Jinja2 environment of the report: package templates, autoescape always on."""

from __future__ import annotations

import functools
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined


@functools.cache
def environment() -> Environment:
    """One shared environment; every template, HTML or SVG, is autoescaped."""
    return Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def asset(name: str) -> str:
    """The text of a bundled asset (stylesheet or script) under ``templates/``."""
    return resources.files("storyline.report").joinpath("templates", name).read_text("utf-8")
