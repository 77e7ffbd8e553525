"""The web app reads a store: every endpoint answers, pages link where they say, ids 404."""

from __future__ import annotations

import base64
import hashlib
import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from storyline.models import ArticleAnalysis, Story
from storyline.pipeline import analyze
from storyline.report import load_story_json, story_to_json, validate_story
from storyline.serve import create_app
from storyline.store import Store

with warnings.catch_warnings():
    # Starlette asks for the httpx2 fork, which the project does not pin; httpx works the same.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient

FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"


def store_story(path: Path, story: Story) -> Path:
    """A store holding ``story`` as its saved story (its articles stored as bare analyses)."""
    with Store.open(path) as store:
        for article in story.articles:
            store.save_analysis(ArticleAnalysis(article))
        store.save_story(story)
    return path


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, nlp: Any) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "story.db"
    analyze([seeds_dir], db=db, nlp=nlp)
    return db


@pytest.fixture(scope="module")
def seeds(seeds_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seeds_db), base_url="http://localhost") as client:
        yield client


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story_json(FIXTURE)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, story: Story) -> Iterator[TestClient]:
    db = store_story(tmp_path_factory.mktemp("fixture") / "story.db", story)
    with TestClient(create_app(db), base_url="http://localhost") as client:
        yield client


class Page(HTMLParser):
    """The ids, links, inline script and style of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.raw: dict[str, str] = {}
        self._in: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if found.get("href") is not None:
            self.hrefs.append(str(found["href"]))
        if tag in ("script", "style"):
            self._in = tag
            self.raw[tag] = ""

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.raw[self._in] += data


SEED_ENDPOINTS = [
    "/",
    "/api/story",
    "/api/articles",
    "/api/findings",
    "/api/findings?kind=value_conflict",
    "/api/claims",
    "/api/claims?measure=killed&subject=country:KP",
    "/docs",
    "/openapi.json",
]


@pytest.mark.parametrize("path", SEED_ENDPOINTS)
def test_serve_every_endpoint_answers_on_the_seeds(seeds: TestClient, path: str) -> None:
    response = seeds.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["x-content-type-options"] == "nosniff"


def test_serve_seed_articles_answer_as_page_and_json(seeds: TestClient, seeds_dir: Path) -> None:
    listed = seeds.get("/api/articles").json()["articles"]
    assert len(listed) == len(list(seeds_dir.glob("*.txt")))
    texts = {path.read_text(encoding="utf-8") for path in seeds_dir.glob("*.txt")}
    for summary in listed:
        assert "text" not in summary
        detail = seeds.get(f"/api/articles/{summary['id']}").json()
        assert detail["article"]["text"] in texts
        assert {"times", "quantities", "claims", "events", "relations", "findings"} <= set(detail)
        page = seeds.get(f"/articles/{summary['id']}")
        assert page.status_code == 200
        assert summary["title"] in page.text


def test_serve_api_story_is_the_stored_story(seeds: TestClient, seeds_db: Path) -> None:
    data = seeds.get("/api/story").json()
    validate_story(data)
    with Store.open(seeds_db, create=False) as store:
        assert data == story_to_json(store.load_story())


def test_serve_api_findings_filter_by_kind(client: TestClient, story: Story) -> None:
    every = client.get("/api/findings").json()["findings"]
    assert [f["id"] for f in every] == [f.id for f in story.findings]
    only = client.get("/api/findings", params={"kind": "value_conflict"}).json()["findings"]
    assert [f["id"] for f in only] == ["f-conflict"]
    assert client.get("/api/findings", params={"kind": "nothing"}).json() == {"findings": []}


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({}, ["c1", "c2", "c3", "c4"]),
        ({"measure": "killed"}, ["c1", "c3"]),
        ({"measure": "killed", "subject": "e-ruritania"}, ["c1", "c3"]),
        ({"subject": "e-ruritania"}, ["c1", "c2", "c3"]),
        ({"measure": "deployed", "subject": "e-ruritania"}, []),
    ],
)
def test_serve_api_claims_filter_by_measure_and_subject(
    client: TestClient, params: dict[str, str], ids: list[str]
) -> None:
    claims = client.get("/api/claims", params=params).json()["claims"]
    assert [claim["id"] for claim in claims] == ids


def test_serve_api_entity_has_its_figures_ties_and_events(client: TestClient) -> None:
    data = client.get("/api/entities/e-osterlich").json()
    assert data["entity"]["name"] == "Osterlich"
    assert sorted(r["id"] for r in data["relations"]) == ["r1", "r2", "r3"]
    assert sorted(e["id"] for e in data["events"]) == ["ev1", "ev2"]
    given = client.get("/api/entities/e-mod").json()["claims"]
    assert [claim["id"] for claim in given] == ["c2"]


def test_serve_api_article_has_the_records_pointing_into_it(client: TestClient) -> None:
    data = client.get("/api/articles/a2").json()
    assert data["article"]["tone"]["label"] == "satire"
    assert [claim["id"] for claim in data["claims"]] == ["c3", "c4"]
    assert {f["id"] for f in data["findings"]} == {"f-agree", "f-unattr", "f-tone", "f-conflict"}


@pytest.mark.parametrize(
    "path", ["/api/articles/zz", "/api/entities/zz", "/api/nothing", "/api/articles/a1/x"]
)
def test_serve_api_unknown_ids_are_json_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["status"] == 404 and error["code"] == "not_found" and error["message"]


@pytest.mark.parametrize("path", ["/articles/zz", "/entities/zz", "/findings/zz", "/nothing"])
def test_serve_pages_unknown_ids_are_html_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Back to the story" in response.text


def test_serve_api_wrong_method_is_json_405(client: TestClient) -> None:
    response = client.delete("/api/articles")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_serve_overview_reads_like_the_report(client: TestClient) -> None:
    html = client.get("/").text
    headline = html[html.index('id="headline"') : html.index('id="figures"')]
    assert headline.index("Ruritanian soldiers killed") < headline.index("Two articles agree")
    assert 'href="/articles/a1#finding-f-conflict-ev0"' in headline
    assert 'href="/findings/f-conflict"' in headline
    figures = html[html.index('id="figures"') : html.index('id="timeline"')]
    for text in ("more than 15,000", "about 4,000", "unattributed", "SATIRE"):
        assert text in figures
    assert 'href="/entities/e-ruritania"' in html
    assert "<svg" in html


def test_serve_article_page_marks_the_evidence_a_finding_links_to(client: TestClient) -> None:
    page = Page(client.get("/articles/a1").text)
    assert "finding-f-conflict-ev0" in page.ids
    assert "claim-c1" in page.ids
    assert "/findings/f-weekday" in page.hrefs


def test_serve_finding_and_entity_pages_show_their_records(client: TestClient) -> None:
    finding = client.get("/findings/f-conflict").text
    assert "Ruritanian soldiers killed: about 4,000" in finding
    assert "more than 15,000" in finding and 'href="/articles/a2"' in finding
    entity = client.get("/entities/e-osterlich").text
    assert "Ties" in entity and "negotiates" in entity and 'href="/entities/e-rudolf"' in entity


def _crawl(client: TestClient, start: str) -> dict[str, Page]:
    """Every page reachable from ``start`` through the app's own links."""
    pages: dict[str, Page] = {}
    waiting = [start]
    while waiting:
        path = waiting.pop()
        if path in pages:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = Page(response.text)
        for href in pages[path].hrefs:
            target = urlsplit(href).path
            if target.startswith("/") and not target.startswith(("/docs", "/api")):
                waiting.append(target)
    return pages


def test_serve_every_link_of_every_page_lands(client: TestClient) -> None:
    pages = _crawl(client, "/")
    assert {"/", "/articles/a1", "/entities/e-zenda", "/findings/f-tone"} <= set(pages)
    for path, page in pages.items():
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.path.startswith(("/docs", "/api")):
                continue
            target = pages[parts.path] if parts.path else page
            assert not parts.fragment or unquote(parts.fragment) in target.ids, (path, href)


@pytest.mark.parametrize("path", ["/", "/articles/a1", "/entities/e-ruritania", "/findings/f-tone"])
def test_serve_pages_admit_only_their_inline_script_and_style(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    policy = response.headers["content-security-policy"]
    page = Page(response.text)
    assert "default-src 'none'" in policy
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        digest = hashlib.sha256(page.raw[tag].encode("utf-8")).digest()
        assert f"{directive} 'sha256-{base64.b64encode(digest).decode()}'" in policy


def test_serve_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/story",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities/{entity_id}",
        "/api/findings",
        "/api/claims",
    ):
        assert path in paths
    body = paths["/api/articles"]["post"]["requestBody"]["content"]
    assert {"text/plain", "text/html", "application/x-ndjson"} <= set(body)
    assert not any(path.startswith("/articles") for path in paths)


def test_serve_empty_store_reads_as_an_empty_story(tmp_path: Path) -> None:
    Store.open(tmp_path / "empty.db").close()
    with TestClient(create_app(tmp_path / "empty.db"), base_url="http://localhost") as client:
        assert client.get("/api/story").json()["articles"] == []
        assert "No articles were analysed." in client.get("/").text


def test_serve_missing_store_is_refused_before_serving(tmp_path: Path) -> None:
    from storyline.store import StoreOpenError

    with pytest.raises(StoreOpenError, match="does not exist"):
        create_app(tmp_path / "missing.db")


def test_serve_docs_work_offline(seeds: TestClient) -> None:
    page = seeds.get("/docs").text
    assets = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", page)
    assert assets and not [a for a in assets if "://" in a]
    for asset in assets:
        assert seeds.get(asset).status_code == 200, asset
