"""The web app refuses other hosts and other sites' writes, answers HEAD, and sends a CSP."""

from __future__ import annotations

import base64
import hashlib
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.report import load_story_json
from storyline.serve import create_app
from storyline.serve.guard import DEFAULT_POLICY, allowed_hosts, same_site
from storyline.store import Store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient

from test_serve_api import FIXTURE, store_story

EVIL = "http://evil.example"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_story(tmp_path_factory.mktemp("guard") / "story.db", load_story_json(FIXTURE))


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url="http://localhost:8000") as client:
        yield client


def _articles(db: Path) -> int:
    with Store.open(db, create=False) as store:
        return store.count("articles")


def test_serve_guard_allowed_hosts() -> None:
    assert allowed_hosts("0.0.0.0", ["News.Example"]) == [
        "0.0.0.0",
        "localhost",
        "127.0.0.1",
        "::1",
        "news.example",
    ]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example"])
def test_serve_guard_other_hosts_are_refused(client: TestClient, host: str) -> None:
    for path in ("/", "/api/story"):
        answer = client.get(path, headers={"host": host})
        assert answer.status_code == 400
        assert "story" not in answer.text


def test_serve_guard_allowed_host_is_served(db: Path) -> None:
    app = create_app(db, hosts=allowed_hosts("127.0.0.1", ["news.example"]))
    with TestClient(app, base_url="http://news.example") as client:
        assert client.get("/api/story").status_code == 200
        assert client.get("/api/story", headers={"host": "127.0.0.1:8000"}).status_code == 200
        assert client.get("/api/story", headers={"host": "other.example"}).status_code == 400


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": EVIL},
        {"origin": "null"},
        {"referer": f"{EVIL}/page.html"},
        {"origin": "http://localhost:9999"},
    ],
)
def test_serve_guard_other_sites_cannot_post(
    client: TestClient, db: Path, headers: dict[str, str]
) -> None:
    before = _articles(db)
    text = "Port reopens\nThe port reopened on Monday, officials said."
    api = client.post(
        "/api/articles", content=text, headers={**headers, "content-type": "text/plain"}
    )
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "other_site"
    form = client.post(
        "/add", content=f"title=x&text={text}", headers={**headers, "content-type": FORM}
    )
    assert form.status_code == 403 and form.headers["content-type"].startswith("text/html")
    assert _articles(db) == before


def test_serve_guard_same_site_post_goes_through(client: TestClient) -> None:
    # An empty body is refused for what it is (422), not for where it came from.
    headers = {"origin": "http://localhost:8000", "content-type": "text/plain"}
    assert client.post("/api/articles", content=" ", headers=headers).status_code == 422


@pytest.mark.parametrize("token", [None, "guessed"])
def test_serve_guard_form_needs_the_page_token(
    client: TestClient, db: Path, token: str | None
) -> None:
    before = _articles(db)
    body = "title=Port+reopens&text=The+port+reopened+on+Monday."
    if token is not None:
        body += f"&csrf_token={token}"
    answer = client.post("/add", content=body, headers={"content-type": FORM})
    assert answer.status_code == 403 and "reload the page" in answer.text
    assert _articles(db) == before


def test_serve_guard_same_site_unit() -> None:
    assert same_site({}, "localhost:8000")
    assert same_site({"origin": "http://localhost:8000"}, "localhost:8000")
    assert same_site({"referer": "https://localhost:8000/x?y"}, "LOCALHOST:8000")
    assert not same_site({"origin": "http://localhost:8000.evil.example"}, "localhost:8000")
    assert not same_site({"origin": "file://"}, "localhost:8000")


def test_serve_guard_docs_have_a_policy_that_admits_their_scripts(client: TestClient) -> None:
    answer = client.get("/docs")
    assert answer.status_code == 200
    policy = answer.headers["content-security-policy"]
    scripts = re.findall(r"<script>(.*?)</script>", answer.text, re.DOTALL)
    assert scripts
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    assert "unsafe-inline" not in script_src and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("path", ["/api/story", "/openapi.json", "/api/articles", "/api/nowhere"])
def test_serve_guard_every_response_has_a_policy(client: TestClient, path: str) -> None:
    assert client.get(path).headers["content-security-policy"] == DEFAULT_POLICY


@pytest.mark.parametrize(
    "path", ["/", "/api/story", "/docs", "/openapi.json", "/articles/nowhere", "/api/claims"]
)
def test_serve_guard_head_answers_like_get(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code != 405
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))
