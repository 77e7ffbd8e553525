"""POST /api/articles: posts are read like files and merged; refused posts change nothing."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import threading
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.pipeline import analyze
from storyline.serve import Limits, create_app
from storyline.serve.posting import read_limited
from storyline.serve.problems import ApiError
from storyline.store import Store

with warnings.catch_warnings():
    # Starlette asks for the httpx2 fork, which the project does not pin; httpx works the same.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient

PAGE = Path(__file__).parent / "data" / "ingest" / "harbour_bridge.html"
TEXT = "text/plain; charset=utf-8"
NDJSON = "application/x-ndjson"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, nlp: Any) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "story.db"
    analyze([seeds_dir], db=db, nlp=nlp)
    return db


def _copy(db: Path, folder: Path) -> Path:
    target = folder / db.name
    shutil.copyfile(db, target)
    return target


@pytest.fixture(scope="module")
def db(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' store, copied for the posts of this module to change."""
    return _copy(seeds_db, tmp_path_factory.mktemp("posted"))


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url="http://localhost") as client:
        yield client


def _counts(db: Path) -> dict[str, int]:
    with Store.open(db, create=False) as store:
        return store.counts()


def _post(client: TestClient, body: bytes | str, content_type: str, **params: str) -> Any:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return client.post(
        "/api/articles", content=data, headers={"content-type": content_type}, params=params
    )


def test_serve_post_text_adds_the_article_and_rebuilds_the_story(
    client: TestClient, db: Path
) -> None:
    before = client.get("/api/story").json()
    text = (
        "Ferry service resumes on the northern route\n"
        "The harbour authority said on Monday that 14 ferries would run again from 2 June, "
        "after a strike that lasted three weeks.\n"
    )
    response = _post(client, text, TEXT)
    assert response.status_code == 201, response.text
    result = response.json()
    (added,) = result["added"]
    assert result["unchanged"] == [] and result["skipped"] == []
    after = client.get("/api/story").json()
    assert result["articles"] == len(after["articles"]) == len(before["articles"]) + 1
    assert result["findings"] == len(after["findings"])
    assert set(result["new_findings"]) <= {f["id"] for f in after["findings"]}
    article = client.get(f"/api/articles/{added}").json()["article"]
    assert article["text"] == text
    assert article["title"] == "Ferry service resumes on the northern route"
    assert article["source"].startswith("posted-") and article["source"].endswith(".txt")
    assert "Ferry service resumes" in client.get("/").text
    assert client.get(f"/articles/{added}").status_code == 200


def test_serve_post_conflicting_figure_updates_the_findings(client: TestClient) -> None:
    before = {f["id"] for f in client.get("/api/findings").json()["findings"]}
    text = (
        "Defence ministry revises toll of North Korean troops\n5 September 2025\n"
        "The defence ministry said on Friday that about 3,000 North Korean soldiers had been "
        "killed in the fighting, far more than earlier estimates.\n"
    )
    result = _post(client, text, TEXT).json()
    (added,) = result["added"]
    after = client.get("/api/findings").json()["findings"]
    new = [f for f in after if f["id"] not in before]
    assert new and [f["id"] for f in new] == result["new_findings"]
    assert any(added in f["articles"] and f["kind"] == "value_conflict" for f in new)
    assert result["findings"] == len(after)
    pages = [client.get(f"/findings/{finding['id']}").text for finding in new]
    assert any(f'href="/articles/{added}"' in page for page in pages)


def test_serve_post_same_text_again_is_unchanged(client: TestClient, db: Path) -> None:
    text = "Bridge tolls cut\nThe council cut bridge tolls by 10 percent, the mayor said.\n"
    first = _post(client, text, TEXT).json()
    counts, story = _counts(db), client.get("/api/story").json()
    response = _post(client, text, TEXT)
    assert response.status_code == 200
    assert response.json()["added"] == [] and response.json()["unchanged"] == first["added"]
    assert response.json()["findings"] == len(story["findings"])
    assert _counts(db) == counts
    assert client.get("/api/story").json() == story


def test_serve_post_html_page_reads_its_title_and_date(client: TestClient) -> None:
    response = _post(client, PAGE.read_bytes(), "text/html", source="https://courier.example.org/x")
    assert response.status_code == 201, response.text
    (added,) = response.json()["added"]
    article = client.get(f"/api/articles/{added}").json()["article"]
    assert article["title"] == "Harbour bridge reopens after two years of repairs"
    assert (article["published"]["value"], article["published"]["basis"]) == (
        "2024-05-14",
        "metadata",
    )
    assert article["source"] == "https://courier.example.org/x"


@pytest.mark.parametrize("content_type", [NDJSON, "application/jsonl"])
def test_serve_post_jsonl_adds_good_lines_and_reports_bad_ones(
    client: TestClient, content_type: str
) -> None:
    suffix = content_type.rsplit("/", 1)[1]
    lines = [
        {"id": f"wire-1-{suffix}", "title": "Grain exports rise", "text": "Grain exports rose."},
        "{not json",
        {"id": f"wire-2-{suffix}", "text": "Rail fares rise by 4 percent in April.", "source": "W"},
    ]
    body = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    response = _post(client, body, content_type)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["added"] == [f"wire-1-{suffix}", f"wire-2-{suffix}"]
    (skipped,) = result["skipped"]
    assert skipped["source"].endswith(".jsonl:2") and skipped["reason"].startswith("[S013]")
    assert "/tmp" not in json.dumps(result)
    listed = {a["id"]: a for a in client.get("/api/articles").json()["articles"]}
    assert listed[f"wire-2-{suffix}"]["source"] == "W"
    assert any(s["reason"].startswith("[S013]") for s in client.get("/api/story").json()["skipped"])


def test_serve_post_declared_charset_is_honoured(client: TestClient) -> None:
    text = "Café prices up\nA “fair” coffee now costs €4, owners said.\n"
    response = _post(client, text.encode("cp1252"), "text/plain; charset=windows-1252")
    assert response.status_code == 201, response.text
    assert response.json()["skipped"] == []
    (added,) = response.json()["added"]
    assert client.get(f"/api/articles/{added}").json()["article"]["text"] == text


REJECTED = [
    pytest.param(b"Title\nText.", "application/json", 415, "unsupported_media_type", id="json"),
    pytest.param(b"Title\nText.", "", 415, "unsupported_media_type", id="no-type"),
    pytest.param(b"Title\nText.", "image/png", 415, "unsupported_media_type", id="image"),
    pytest.param(b"Title\nText.", "text/plain; charset=nope", 415, "unknown_charset", id="charset"),
    pytest.param(b"", TEXT, 422, "unreadable_body", id="empty"),
    pytest.param(b" \n\t\n", TEXT, 422, "unreadable_body", id="blank"),
    pytest.param(b"\x00\x01\x02PNG\x00" * 50, TEXT, 422, "unreadable_body", id="binary"),
    pytest.param(b'{bad\n[1, 2]\n{"id": 3}\n', NDJSON, 422, "unreadable_body", id="jsonl-bad"),
    pytest.param(b"\n\n", NDJSON, 422, "unreadable_body", id="jsonl-blank"),
    pytest.param(b"<html><body></body></html>", "text/html", 422, "unreadable_body", id="html"),
    pytest.param(b"x" * 2_000_001, TEXT, 413, "body_too_large", id="over-2mb"),
]


@pytest.mark.parametrize(("body", "content_type", "status", "code"), REJECTED)
def test_serve_post_refused_bodies_change_nothing(
    client: TestClient, db: Path, body: bytes, content_type: str, status: int, code: str
) -> None:
    counts, story = _counts(db), client.get("/api/story").json()
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/api/articles", content=body, headers=headers)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["status"] == status
    assert _counts(db) == counts
    assert client.get("/api/story").json() == story


def test_serve_post_unreadable_body_gives_each_reason(client: TestClient) -> None:
    response = _post(client, b"{bad\n[1, 2]\n", NDJSON)
    reasons = response.json()["error"]["reasons"]
    assert [r["source"].rsplit(":", 1)[1] for r in reasons] == ["1", "2"]
    assert all(r["reason"].startswith("[S013]") for r in reasons)


def test_serve_post_oversized_body_names_the_limit(client: TestClient) -> None:
    response = _post(client, b"x" * 2_000_001, TEXT)
    assert "2,000,000 bytes" in response.json()["error"]["message"]


@pytest.fixture(scope="module")
def small(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app with small limits, over its own copy of the seeds' store."""
    db = _copy(seeds_db, tmp_path_factory.mktemp("small"))
    with TestClient(
        create_app(db, limits=Limits(max_body_bytes=600, max_batch=2)), base_url="http://localhost"
    ) as client:
        yield client


def _lines(count: int) -> str:
    return "\n".join(json.dumps({"id": f"n{i}", "text": f"Note {i}."}) for i in range(count))


@pytest.mark.parametrize(
    ("body", "code"),
    [(_lines(3), "too_many_articles"), ("y" * 601, "body_too_large")],
)
def test_serve_post_limits_are_settings_of_the_app(small: TestClient, body: str, code: str) -> None:
    story = small.get("/api/story").json()
    response = _post(small, body, NDJSON)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == code
    assert small.get("/api/story").json() == story


def test_serve_post_declared_length_over_the_limit_is_refused_unread() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        raise AssertionError("the body was read although its declared length is too large")
        yield b""  # pragma: no cover (makes this an async generator)

    with pytest.raises(ApiError) as refused:
        asyncio.run(read_limited(chunks(), "5000", Limits(max_body_bytes=600)))
    assert refused.value.status == 413


def test_serve_post_undeclared_length_is_cut_at_the_limit() -> None:
    read: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(100):
            read.append(1)
            yield b"z" * 250

    with pytest.raises(ApiError, match="600 bytes"):
        asyncio.run(read_limited(chunks(), None, Limits(max_body_bytes=600)))
    assert len(read) == 3


def test_serve_post_waits_for_the_write_lock(client: TestClient) -> None:
    lock: threading.Lock = client.app.state.storyline.write_lock  # type: ignore[attr-defined]
    done = threading.Event()
    result: dict[str, int] = {}

    def post() -> None:
        text = "Library reopens\nThe city library reopened with 40,000 new books.\n"
        result["status"] = _post(client, text, TEXT).status_code
        done.set()

    with lock:
        worker = threading.Thread(target=post)
        worker.start()
        assert not done.wait(0.5), "the post wrote while another write held the lock"
    worker.join(timeout=120)
    assert result == {"status": 201}


FORM = "application/x-www-form-urlencoded"


def form_token(client: TestClient) -> str:
    """The token the story page's form carries."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert found is not None
    return found.group(1)


def test_serve_post_story_page_has_a_form_the_policy_allows(client: TestClient) -> None:
    page = client.get("/")
    assert '<form class="add-article" method="post" action="/add">' in page.text
    assert "form-action 'self'" in page.headers["content-security-policy"]


def test_serve_post_form_adds_an_article_and_opens_its_page(client: TestClient, db: Path) -> None:
    before = _counts(db)["articles"]
    text = (
        "GENEVA (AP) — Negotiators met on Tuesday and said 1,200 delegates attended the talks, "
        "according to the organisers."
    )
    form = {"title": "Talks open in Geneva", "published": "2025-09-05", "text": text}
    form["csrf_token"] = form_token(client)
    answer = client.post("/add", data=form, follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/articles/")
    page = client.get(location)
    assert page.status_code == 200
    assert "Talks open in Geneva" in page.text and "1,200 delegates" in page.text
    assert _counts(db)["articles"] == before + 1
    story = client.get("/api/story").json()
    (added,) = [a for a in story["articles"] if a["title"] == "Talks open in Geneva"]
    assert added["published"]["value"] == "2025-09-05"


@pytest.mark.parametrize(
    ("form", "content_type", "status", "shown"),
    [
        ({"title": "Only a title", "text": "   "}, FORM, 422, "[S013]"),
        ({"title": "A title", "text": "Some text."}, "text/plain", 415, FORM),
    ],
)
def test_serve_post_form_that_cannot_be_read_changes_nothing(
    client: TestClient,
    db: Path,
    form: dict[str, str],
    content_type: str,
    status: int,
    shown: str,
) -> None:
    before = _counts(db)
    form = {**form, "csrf_token": form_token(client)}
    body = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in form.items())
    answer = client.post("/add", content=body, headers={"content-type": content_type})
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert shown in answer.text
    assert _counts(db) == before
