"""``storyline serve``: checks its arguments, then serves on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from storyline.cli import build_parser, main
from storyline.store import Store

with warnings.catch_warnings():
    # Starlette asks for the httpx2 fork, which the project does not pin; httpx works the same.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def db(tmp_path: Path) -> Path:
    Store.open(tmp_path / "story.db").close()
    return tmp_path / "story.db"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``uvicorn.run`` was called with (nothing is served)."""
    calls: list[dict[str, Any]] = []

    def run(app: Any, **options: Any) -> None:
        calls.append({"app": app, **options})

    monkeypatch.setattr(uvicorn, "run", run)
    return calls


def test_serve_cli_is_a_command_with_documented_defaults() -> None:
    parser = build_parser()
    args = parser.parse_args(["serve", "--db", "x.db"])
    assert (args.host, args.port, args.max_body_bytes, args.max_batch) == (
        "127.0.0.1",
        8000,
        2_000_000,
        100,
    )


def test_serve_cli_binds_loopback_by_default(
    db: Path, served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--db", str(db)]) == 0
    (call,) = served
    assert (call["host"], call["port"]) == ("127.0.0.1", 8000)
    assert isinstance(call["app"], FastAPI)
    assert call["app"].state.storyline.limits.max_body_bytes == 2_000_000
    assert capsys.readouterr().err == ""


def test_serve_cli_passes_host_port_and_limits(
    db: Path, served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "9001", "--max-batch", "5"]
    assert main(argv) == 0
    (call,) = served
    assert (call["host"], call["port"]) == ("0.0.0.0", 9001)
    assert call["app"].state.storyline.limits.max_batch == 5
    assert "other machines can read the store" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--port", "0"], "--port must be between 1 and 65535"),
        (["--port", "70000"], "--port must be between 1 and 65535"),
        (["--max-batch", "0"], "--max-body-bytes and --max-batch must be 1 or more"),
        (["--actors", "nowhere.yaml"], "is not a file"),
    ],
)
def test_serve_cli_refuses_bad_arguments(
    db: Path,
    served: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    assert main(["serve", "--db", str(db), *extra]) == 2
    assert message in capsys.readouterr().err
    assert served == []


def test_serve_cli_missing_store_is_a_usage_error(
    tmp_path: Path, served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert "create it with `storyline analyze PATH --db" in capsys.readouterr().err
    assert served == []
    assert not (tmp_path / "none.db").exists()


def test_serve_cli_file_that_is_not_a_store_fails_cleanly(
    tmp_path: Path, served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    assert main(["serve", "--db", str(junk)]) == 1
    assert "[S042]" in capsys.readouterr().err
    assert served == []


def test_serve_cli_serves_only_allowed_hosts(db: Path, served: list[dict[str, Any]]) -> None:
    argv = ["serve", "--db", str(db), "--host", "192.0.2.7", "--allow-host", "news.example"]
    assert main(argv) == 0
    (call,) = served
    with TestClient(call["app"], base_url="http://news.example") as client:
        for host, status in [
            ("news.example", 200),
            ("192.0.2.7:8000", 200),
            ("localhost:8000", 200),
            ("evil.example", 400),
        ]:
            assert client.get("/api/articles", headers={"host": host}).status_code == status
