"""Article text is data, never markup: hostile articles read as text on every page and in JSON."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from storyline.models import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimSource,
    Entity,
    Finding,
    Published,
    Relation,
    Span,
    Story,
    Tone,
    Value,
)
from storyline.serve import create_app
from storyline.store import Store

with warnings.catch_warnings():
    # Starlette asks for the httpx2 fork, which the project does not pin; httpx works the same.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">click</a>'
CLOSE = "</textarea></div></main>"
PAYLOADS = (SCRIPT, IMG, LINK, CLOSE)
HOSTILE = " ".join(PAYLOADS)
TITLE = f"Officials {SCRIPT} report {IMG}"
TEXT = (
    f"{TITLE}\n4 September 2025\n"
    f"Officials in Ruritania said {LINK} that 4,000 soldiers {SCRIPT} had been killed. {CLOSE}\n"
    f"The Ministry of Defence said on Monday {IMG} that 9,000 soldiers were killed. {HOSTILE}\n"
)
RECORD = {
    "id": 'evil"><b>',
    "title": HOSTILE,
    "text": f"Second report {SCRIPT}\nGeneral Ana Reyes said 300 troops {IMG} arrived. {LINK}",
    "source": f"javascript:alert(1)//{CLOSE}",
    "url": "javascript:alert(1)",
}


class Tags(HTMLParser):
    """The start tags, their attributes and the text a browser builds from a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def assert_safe(html: str) -> Tags:
    """No payload became markup: one script (ours), no handler, addresses only our own."""
    for payload in PAYLOADS:
        assert payload not in html
    tags = Tags(html)
    names = [tag for tag, _ in tags.tags]
    assert names.count("script") == 1 and html.count("<script") == 1
    assert not {"img", "b", "iframe"} & set(names)
    # the one text area allowed is the story page's own form field
    assert [attrs.get("name") for tag, attrs in tags.tags if tag == "textarea"] in ([], ["text"])
    for tag, attrs in tags.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                assert (value or "").startswith(("/", "#")), (tag, name, value)
    return tags


def crawl(client: TestClient) -> dict[str, str]:
    """Every page the app links to from its story page, by path."""
    pages: dict[str, str] = {}
    waiting = ["/"]
    while waiting:
        path = waiting.pop()
        if path in pages:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.text
        for _, attrs in Tags(response.text).tags:
            target = urlsplit(attrs.get("href") or "").path
            if target.startswith("/") and not target.startswith(("/docs", "/api")):
                waiting.append(target)
    return pages


@pytest.fixture(scope="module")
def posted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, list[str]]]:
    """An app over an empty store, after posting the hostile articles through the API."""
    db = tmp_path_factory.mktemp("hostile") / "story.db"
    Store.open(db).close()
    with TestClient(create_app(db), base_url="http://localhost") as client:
        ids = []
        for body, content_type in (
            (TEXT, "text/plain"),
            (json.dumps(RECORD), "application/x-ndjson"),
        ):
            response = client.post(
                "/api/articles",
                content=body.encode("utf-8"),
                headers={"content-type": content_type},
                params={"source": f"{IMG}.txt"} if content_type == "text/plain" else {},
            )
            assert response.status_code == 201, response.text
            ids += response.json()["added"]
        yield client, ids


def test_serve_safety_posted_articles_render_as_text_on_every_page(
    posted: tuple[TestClient, list[str]],
) -> None:
    client, ids = posted
    pages = crawl(client)
    assert {f"/articles/{quote(article_id, safe='')}" for article_id in ids} <= set(pages)
    for path, html in pages.items():
        tags = assert_safe(html)
        if path.startswith("/articles/"):
            assert any(payload in tags.text for payload in PAYLOADS), path
    overview = Tags(pages["/"]).text
    for shown in (TITLE, HOSTILE, f"{IMG}.txt", RECORD["url"]):
        assert shown in overview, shown


def test_serve_safety_api_returns_posted_text_verbatim(
    posted: tuple[TestClient, list[str]],
) -> None:
    client, ids = posted
    first = client.get(f"/api/articles/{ids[0]}").json()["article"]
    assert (first["title"], first["text"], first["source"]) == (TITLE, TEXT, f"{IMG}.txt")
    second = client.get(f"/api/articles/{quote(RECORD['id'], safe='')}").json()["article"]
    for field in ("id", "title", "text", "source", "url"):
        assert second[field] == RECORD[field]
    listed = client.get("/api/articles")
    assert listed.headers["content-type"] == "application/json"
    assert listed.headers["x-content-type-options"] == "nosniff"
    story = client.get("/api/story").json()
    assert {a["title"] for a in story["articles"]} == {TITLE, HOSTILE}


def _span(text: str, piece: str, article: str) -> Span:
    start = text.index(piece)
    return Span(article, start, start + len(piece), piece)


def hostile_story() -> Story:
    """Hostile names, ids and summaries where the pipeline would not put them on its own."""
    aid = RECORD["id"]
    text = RECORD["text"]
    article = Article(
        aid, RECORD["source"], HOSTILE, text, Published("2025-09-04", "dateline"),
        Tone("satire", 0.9, (_span(text, SCRIPT, aid),)), 12, RECORD["url"],
    )  # fmt: skip
    entity = Entity(f"e{SCRIPT}", f"Reyes {IMG}", "person", (LINK, CLOSE), None, 3)
    group = Entity(f"g/{LINK}", LINK, "group", (), None, 1)
    whole = Span(aid, 0, len(text), text)
    claim = Claim(
        f"c{IMG}", aid, group.id, HOSTILE, f"arrived{SCRIPT}", Value(300, 300), f"troop{IMG}",
        f"2025{CLOSE}", ClaimSource(entity.id, HOSTILE), _span(text, "300 troops", aid),
    )  # fmt: skip
    finding = Finding(
        f"f{SCRIPT}/..", f"value_conflict{IMG}", "high", HOSTILE, (aid,), (claim.id,), (),
        (whole, _span(text, LINK, aid)),
    )  # fmt: skip
    relation = Relation(f"r{LINK}", entity.id, group.id, f"leads{SCRIPT}", (whole,))
    return Story(
        generated_at=f"2025-09-05{SCRIPT}",
        articles=(article,),
        entities=(entity, group),
        claims=(claim,),
        relations=(relation,),
        findings=(finding,),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("built") / "story.db"
    story = hostile_story()
    with Store.open(db) as store:
        store.save_analysis(ArticleAnalysis(story.articles[0]))
        store.save_story(story)
    with TestClient(create_app(Path(db)), base_url="http://localhost") as client:
        yield client


def test_serve_safety_hostile_names_and_ids_render_as_text(built: TestClient) -> None:
    pages = crawl(built)
    kinds = {path.split("/")[1] for path in pages if path != "/"}
    assert kinds == {"articles", "entities", "findings", "incidents"}
    for html in pages.values():
        assert_safe(html)
    overview = Tags(pages["/"]).text
    assert f"Reyes {IMG}" in overview and HOSTILE in overview


@pytest.mark.parametrize(
    "path",
    [
        f"/api/entities/{quote(f'e{SCRIPT}', safe='')}",
        f"/api/findings?kind={quote(f'value_conflict{IMG}')}",
        f"/api/claims?measure={quote(f'arrived{SCRIPT}')}",
    ],
)
def test_serve_safety_hostile_records_come_back_verbatim(built: TestClient, path: str) -> None:
    data = built.get(path).json()
    dumped = json.dumps(data, ensure_ascii=False)
    assert SCRIPT in dumped or IMG in dumped
    records = next(iter(data.values()))
    assert records, path


def test_serve_safety_unknown_hostile_id_is_escaped_in_the_404_page(built: TestClient) -> None:
    response = built.get(f"/articles/{quote(SCRIPT, safe='')}")
    assert response.status_code == 404
    assert SCRIPT in assert_safe(response.text).text
