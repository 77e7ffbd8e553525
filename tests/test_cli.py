"""The ``storyline`` command end to end: exit statuses, outputs, the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from storyline import __version__
from storyline.cli import main
from storyline.ingest.article import MAX_TITLE_CHARS, clip
from storyline.models import Article, ArticleAnalysis
from storyline.reconcile import build_story
from storyline.report import validate_story
from storyline.store import Store


def _story(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "story.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("seeds-out")
    code = main(["analyze", str(seeds_dir), "--out", str(out), "--no-progress"])
    return {"code": code, "out": out, "story": _story(out)}


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("command", ["analyze", "export", "eval"])
def test_cli_help_for_each_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    assert "usage: storyline " + command in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze"],
        ["frobnicate"],
        ["analyze", "x.txt", "--workers", "0"],
        ["analyze", "x.txt", "--batch-size", "0"],
        ["analyze", "x.txt", "--actors", "no-such-actors.yaml"],
        ["analyze", "x.txt", "--scheduler", "tcp://127.0.0.1:8786"],
        ["analyze", "x.txt", "--engine", "spark"],
        ["export", "--db", "no-such-store.db"],
    ],
)
def test_cli_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.strip()


def test_cli_nothing_analysed_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "missing.txt" in capsys.readouterr().err


def test_cli_seeds_exit_0_and_valid_outputs(seeds_run: dict[str, Any]) -> None:
    assert seeds_run["code"] == 0
    story = seeds_run["story"]
    validate_story(story)
    assert story["skipped"] == []
    html = (seeds_run["out"] / "report.html").read_text(encoding="utf-8")
    assert "<html" in html and "North Korea" in html


def test_cli_seeds_articles(seeds_run: dict[str, Any], seeds_dir: Path) -> None:
    articles = {Path(a["source"]).name[:3]: a for a in seeds_run["story"]["articles"]}
    assert sorted(articles) == ["000", "001", "002"]
    for prefix, article in articles.items():
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        first = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        assert article["title"] == clip(first.strip(), MAX_TITLE_CHARS)
        assert article["word_count"] > 300
    published = articles["001"]["published"]
    assert (published["value"], published["basis"]) == ("2025-09-04", "dateline")


def test_cli_seeds_spans_index_the_text(seeds_run: dict[str, Any]) -> None:
    story = seeds_run["story"]
    texts = {a["id"]: a["text"] for a in story["articles"]}
    spans = [*story["times"], *story["quantities"], *(c["span"] for c in story["claims"])]
    spans += [s for f in story["findings"] for s in f["evidence"]]
    for span in spans:
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


def _entities(story: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in story["entities"] if e["kind"] == kind]


def test_cli_seeds_north_korea_is_one_country(seeds_run: dict[str, Any]) -> None:
    kp = [e for e in _entities(seeds_run["story"], "country") if e["country"] == "KP"]
    assert len(kp) == 1
    assert {"North Korea", "North Korean", "Pyongyang"} <= set(kp[0]["aliases"])


def test_cli_seeds_people_merged(seeds_run: dict[str, Any]) -> None:
    people = _entities(seeds_run["story"], "person")
    kims = [p for p in people if "Kim Jong Un" in p["aliases"] or "Kim Jong-un" in p["aliases"]]
    assert len(kims) == 1
    assert {"Kim Jong Un", "Kim Jong-un"} <= set(kims[0]["aliases"])
    for surname in ("Putin", "Zelenskyy", "Xi Jinping"):
        assert sum(any(surname in a for a in p["aliases"]) for p in people) == 1, surname


def _write_bad_inputs(folder: Path, seeds_dir: Path) -> None:
    shutil.copytree(seeds_dir, folder / "seeds")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(
        "Caf\u00e9 owners protest\n\nOwners of caf\u00e9s in the old town protested on "
        "Monday against a new tax, the city council said.\n".encode("latin-1")
    )
    lines = [
        json.dumps(
            {
                "id": "j1",
                "title": "Port strike ends",
                "text": "Dock workers ended a "
                "strike on Tuesday after the port authority agreed to raise wages.",
                "published": "2024-03-05",
            }
        ),
        "{not json",
        json.dumps(
            {
                "id": "j2",
                "text": "Farmers in the valley said the drought had cut "
                "the harvest by about a third this year.",
            }
        ),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_cli_bad_inputs_are_skipped_with_reasons(tmp_path: Path, seeds_dir: Path) -> None:
    _write_bad_inputs(tmp_path / "in", seeds_dir)
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 3
    story = _story(out)
    validate_story(story)
    ids = {a["id"] for a in story["articles"]}
    assert {"j1", "j2"} <= ids and len(story["articles"]) == 6  # 3 seeds + latin1 + 2 lines
    reasons = {Path(s["source"]).name: s["reason"] for s in story["skipped"]}
    assert reasons["binary.txt"].startswith("[S011]")
    assert reasons["empty.txt"].startswith("[S012]")
    assert reasons["latin1.txt"].startswith("[S017]")
    assert reasons["batch.jsonl:2"].startswith("[S013]")


def test_cli_store_twice_keeps_counts_and_exports(tmp_path: Path, seeds_dir: Path) -> None:
    from storyline.store import Store

    db = tmp_path / "story.db"
    argv = ["analyze", str(seeds_dir), "--db", str(db), "--no-progress"]
    assert main([*argv, "--out", str(tmp_path / "a")]) == 0
    with Store.open(db) as store:
        first = {kind: store.count(kind) for kind in ("articles", "mentions", "claims")}
    assert main([*argv, "--out", str(tmp_path / "b")]) == 0
    with Store.open(db) as store:
        assert {kind: store.count(kind) for kind in first} == first
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "c")]) == 0
    assert _story(tmp_path / "c") == _story(tmp_path / "b")


def test_cli_workers_give_the_same_story(
    tmp_path: Path, seeds_dir: Path, seeds_run: dict[str, Any]
) -> None:
    out = tmp_path / "w2"
    argv = ["analyze", str(seeds_dir), "--out", str(out), "--workers", "2", "--no-progress"]
    assert main(argv) == 0
    two, one = _story(out), seeds_run["story"]
    assert {k: v for k, v in two.items() if k != "generated_at"} == {
        k: v for k, v in one.items() if k != "generated_at"
    }


@pytest.mark.parametrize("with_db", [False, True])
def test_cli_failed_run_keeps_previous_outputs(
    tmp_path: Path, with_db: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = {name: f"previous {name}\n" for name in ("story.json", "report.html")}
    for name, text in before.items():
        (out / name).write_text(text, encoding="utf-8")
    argv = ["analyze", str(tmp_path / "typo.txt"), "--out", str(out), "--no-progress"]
    if with_db:
        argv += ["--db", str(tmp_path / "story.db")]
    assert main(argv) == 1
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == before
    assert "left as it was" in capsys.readouterr().err


def test_cli_invalid_published_is_reported_and_exits_3(tmp_path: Path) -> None:
    record = {
        "id": "b1",
        "text": "Bridge reopens\n4 March 2024\nThe bridge reopened to traffic on Monday.",
        "published": "2099-13-45",
    }
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(path), "--out", str(out), "--no-progress"]) == 3
    story = _story(out)
    assert [item["reason"][:6] for item in story["skipped"]] == ["[S070]"]
    assert story["articles"][0]["published"]["value"] == "2024-03-04"


def _analysis(article_id: str, text: str) -> ArticleAnalysis:
    return ArticleAnalysis(Article(article_id, f"{article_id}.txt", None, text, word_count=3))


def test_cli_stale_export_warns_and_rebuild_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "story.db", tmp_path / "out"
    first, second = _analysis("s1", "Bridge reopens today."), _analysis("s2", "Port closes today.")
    with Store.open(db) as store:
        store.save_analysis(first)
        store.save_story(build_story([first], []))
        store.save_analysis(second)  # as a run stopped before rebuilding the story leaves it
    assert main(["export", "--db", str(db), "--out", str(out)]) == 3
    assert "out of date: 1 stored article(s) are not in it (s2)" in capsys.readouterr().err
    assert [a["id"] for a in _story(out)["articles"]] == ["s1"]
    assert main(["analyze", "--db", str(db), "--out", str(out), "--no-progress"]) == 0
    assert [a["id"] for a in _story(out)["articles"]] == ["s1", "s2"]
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0


def test_cli_rebuild_needs_an_existing_store(tmp_path: Path) -> None:
    assert main(["analyze", "--db", str(tmp_path / "missing.db")]) == 2
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    ("argv", "kept"),
    [
        (["analyze", "a.txt", "--db", "s.db"], "s.db keeps every article written so far."),
        (
            ["analyze", "a.txt", "--engine", "dask", "--out", "o"],
            f"the finished partitions stay in {Path('o') / 'shards'} for the next run.",
        ),
        (["analyze", "a.txt", "--out", "o"], "o is left as it was."),
    ],
)
def test_cli_interrupted_says_what_is_kept(
    argv: list[str], kept: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import storyline.cli

    def interrupted(args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(storyline.cli, "_run_analyze", interrupted)
    assert main(argv) == 130
    assert capsys.readouterr().err == f"storyline: interrupted; {kept}\n"
