"""The Python API: ``storyline.analyze``, ``load``, ``Story.to_json``/``write``; lazy imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import storyline
from storyline.cli import main
from storyline.errors import UsageError
from storyline.report import validate_story

ROOT = Path(__file__).resolve().parent.parent


def _python_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the README's Python section has no example"
    return match.group(1)


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


HEAVY = {"spacy", "sqlalchemy", "fastapi", "jinja2", "distributed", "pyarrow", "rich"}


def test_api_import_loads_nothing_heavy() -> None:
    assert not HEAVY & _modules_after("import storyline")


@pytest.mark.parametrize(
    "argv", [["--version"], ["--help"], ["analyze", "--help"], ["eval", "--help"], ["analyze"]]
)
def test_api_cli_answers_without_heavy_imports(argv: list[str]) -> None:
    code = f"from storyline.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    assert not HEAVY & _modules_after(code)


def test_api_public_names_sorted_and_present() -> None:
    assert storyline.__all__ == sorted(storyline.__all__)
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None
    with pytest.raises(AttributeError):
        _ = storyline.no_such_name  # type: ignore[attr-defined]


@pytest.mark.slow
def test_api_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(_python_example(), "README.md", "exec"), {})
    written = json.loads((tmp_path / "out" / "story.json").read_text(encoding="utf-8"))
    validate_story(written)
    assert [a["title"] for a in written["articles"]] == ["Harbour strike ends", "Port reopens"]
    assert (tmp_path / "out" / "report.html").stat().st_size > 0


@pytest.mark.slow
def test_api_analyze_texts_records_and_paths(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Bridge reopens\nThe bridge reopened on Friday.\n")
    (folder / "b.bin").write_bytes(b"\x00\x01")
    story = storyline.analyze(
        [
            "Dock strike ends\nDock workers ended a strike on Tuesday.",
            {"title": "Ferry", "text": "The ferry resumed on 3 May 2024.", "id": "f1"},
            {"text": ""},
            "   ",
            folder,
            folder / "b.bin",
            "Dock strike ends\nDock workers ended a strike on Tuesday.",
        ]
    )
    assert isinstance(story, storyline.Story)
    assert sorted(a.title for a in story.articles) == [
        "Bridge reopens",
        "Dock strike ends",
        "Ferry",
    ]
    assert "f1" in {a.id for a in story.articles}
    codes = sorted(item.reason[:6] for item in story.skipped)
    assert codes == ["[S012]", "[S013]", "[S015]", "[S016]"]
    validate_story(json.loads(story.to_json()))


@pytest.mark.slow
def test_api_load_gives_the_stored_story(tmp_path: Path, seeds_dir: Path) -> None:
    db, out = tmp_path / "story.db", tmp_path / "out"
    assert (
        main(["analyze", str(seeds_dir), "--db", str(db), "--out", str(out), "--no-progress"]) == 0
    )
    story = storyline.load(db)
    assert story.to_json() == (out / "story.json").read_text(encoding="utf-8")
    paths = story.write(tmp_path / "again")
    assert [p.name for p in paths] == ["story.json", "report.html"]
    with pytest.raises(UsageError):
        storyline.load(tmp_path / "missing.db")


def test_api_items_must_be_a_sequence() -> None:
    with pytest.raises(TypeError):
        storyline.analyze("just one text")  # type: ignore[arg-type]
