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
    """A test that gets its parser from ``make_nlp`` is left out; one on a blank model stays."""
    fast = _collected("-m", "not slow", "tests/test_analysis_events.py")
    names = {test.rpartition("::")[2] for test in fast}
    assert "test_analysis_events_sense_of_a_relative_pronoun_is_its_event_noun" in names
    assert "test_analysis_events_frames_travel_inside_the_doc" not in names
    assert not any(name.startswith("test_analysis_events_meeting") for name in names)
