"""The suite's own rule: whatever loads the English model is marked ``slow``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _collected(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_suite_model_users_are_left_out_of_not_slow() -> None:
    """``test_claims_events`` gets its parser from ``make_nlp``; ``test_lexicons`` needs none."""
    fast = _collected("-m", "not slow", "tests/test_claims_events.py", "tests/test_lexicons.py")
    assert any(test.startswith("tests/test_lexicons.py::") for test in fast)
    assert not any(test.startswith("tests/test_claims_events.py::") for test in fast)
