"""Data flows one way: a stage imports only shared modules and stages to its left."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "storyline"
SHARED = {"models", "errors", "settings", "lexicons", "files", "__init__"}
ORDER = [
    "ingest",
    "nlp",
    "analysis",
    "reconcile",
    "store",
    "report",
    "pipeline",
    "engine",
    "api",
    "evaluation",
    "serve",
    "cli",
    "__main__",
]
#: What ``storyline/__init__.py`` may import (lazily, on first use): the public API.
PUBLIC = {"api"}


def _stage(module: str) -> str:
    """The stage of a dotted module under ``storyline`` (``storyline.nlp.x`` -> ``nlp``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[str]:
    module_parts = ["storyline", *path.relative_to(PACKAGE).with_suffix("").parts]
    if module_parts[-1] == "__init__":
        module_parts = module_parts[:-1]
        package = module_parts
    else:
        package = module_parts[:-1]
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.append(target)
            if not node.module:
                found += [f"{target}.{a.name}" for a in node.names if _is_module(target, a.name)]
    return [name for name in found if name.split(".")[0] == "storyline"]


def _is_module(package: str, name: str) -> bool:
    folder = PACKAGE.joinpath(*package.split(".")[1:])
    return (folder / f"{name}.py").is_file() or (folder / name).is_dir()


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_stage_imports_only_its_left(path: Path) -> None:
    own = _stage(".".join(["storyline", *path.relative_to(PACKAGE).with_suffix("").parts]))
    for target in _imports(path):
        stage = _stage(target)
        if stage in SHARED or (own in SHARED and own != "__init__"):
            continue
        if own == "__init__":
            assert stage in SHARED | PUBLIC, f"storyline/__init__.py must not import {target}"
            continue
        assert ORDER.index(stage) <= ORDER.index(own), f"{path.name}: {own} imports {target}"


def test_layers_shared_modules_import_no_stage() -> None:
    for name in ("models", "errors", "settings", "lexicons"):
        targets = _imports(PACKAGE / f"{name}.py")
        assert all(_stage(t) in SHARED for t in targets), (name, targets)
