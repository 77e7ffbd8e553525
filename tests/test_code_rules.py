"""Rules the code keeps that no linter checks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "storyline"
#: Identity comparisons of types, which are singletons.
TYPE_NAMES = {"tuple", "list", "dict", "str", "int", "float", "bool"}


def _identity_comparisons(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, (ast.Is, ast.IsNot)) and not _singleton(node.left, right):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def _singleton(left: ast.expr, right: ast.expr) -> bool:
    for side in (left, right):
        if isinstance(side, ast.Constant):
            return True
        if isinstance(side, ast.Name) and side.id in TYPE_NAMES:
            return True
        if isinstance(side, ast.Call) and ast.unparse(side.func) == "type":
            return True
    return False


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_code_compares_parse_objects_by_position(path: Path) -> None:
    """spaCy makes a new Token or Span object on every access, so ``a is b`` is
    always false between two of them: compare ``.i`` (or offsets) instead."""
    assert _identity_comparisons(path) == []
