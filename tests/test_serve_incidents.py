"""The web app's incident pages and JSON endpoints, on the hand-made story with incidents."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from incidentstory import incident_story
from storyline.models import Story
from storyline.serve import create_app
from test_report_safety import PAYLOADS, SCRIPT, hostile_story
from test_serve_api import Page, store_story

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def story() -> Story:
    return incident_story()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, story: Story) -> Iterator[TestClient]:
    db = store_story(tmp_path_factory.mktemp("incidents") / "story.db", story)
    with TestClient(create_app(db), base_url="http://localhost") as client:
        yield client


def test_serve_api_incidents_list_in_the_report_order(client: TestClient) -> None:
    incidents = client.get("/api/incidents").json()["incidents"]
    assert [i["id"] for i in incidents] == ["inc-fight", "inc-meeting"]
    fight = incidents[0]
    assert fight["place"]["name"] == "Zenda" and fight["place"]["latitude"] == 50.25
    assert [p["role"] for p in fight["participants"]] == ["target", "actor"]


def test_serve_api_incident_has_its_claims_findings_events_and_articles(client: TestClient) -> None:
    data = client.get("/api/incidents/inc-fight").json()
    assert data["incident"]["label"] == "Fighting near Zenda"
    assert [c["id"] for c in data["claims"]] == ["c1", "c3", "c4"]
    assert [f["id"] for f in data["findings"]] == ["f-conflict", "f-evolve"]
    assert [a["id"] for a in data["articles"]] == ["a1", "a2"]
    assert all("text" not in article for article in data["articles"])
    meeting = client.get("/api/incidents/inc-meeting").json()
    assert [e["id"] for e in meeting["events"]] == ["ev2"]


def test_serve_api_article_lists_the_incidents_it_tells(client: TestClient) -> None:
    assert [i["id"] for i in client.get("/api/articles/a1").json()["incidents"]] == ["inc-fight"]
    told = client.get("/api/articles/a2").json()["incidents"]
    assert [i["id"] for i in told] == ["inc-meeting", "inc-fight"]


def test_serve_api_unknown_incident_is_json_404(client: TestClient) -> None:
    response = client.get("/api/incidents/zz")
    assert response.status_code == 404
    assert "/api/incidents" in response.json()["error"]["message"]


def test_serve_incident_pages_unknown_id_is_html_404(client: TestClient) -> None:
    response = client.get("/incidents/zz")
    assert response.status_code == 404 and "Back to the story" in response.text


def test_serve_openapi_documents_the_incident_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "get" in paths["/api/incidents"]
    detail = paths["/api/incidents/{incident_id}"]["get"]
    assert "claims" in detail["description"] and detail["summary"]
    assert not any(path.startswith("/incidents") for path in paths)


def test_serve_incidents_page_shows_what_the_report_shows(client: TestClient) -> None:
    html = client.get("/incidents").text
    assert html.index("Fighting near Zenda") < html.index("Rudolf Elphberg meets")
    assert 'href="/incidents/inc-fight"' in html
    for text in ("Zenda (city, Ruritania)", "50.25° N, 5.50° W", "2025-09 (month)", "SATIRE",
                 "the article itself", "more than 15,000"):  # fmt: skip
        assert text in html, text
    assert 'href="/articles/a1#claim-c1"' in html
    assert 'href="/articles/a1#incident-inc-fight-m0"' in html
    assert 'href="/findings/f-conflict"' in html and 'href="/entities/e-osterlich"' in html


def test_serve_incident_page_has_its_findings_events_and_articles(client: TestClient) -> None:
    html = client.get("/incidents/inc-meeting").text
    assert '<h1 class="long">Rudolf Elphberg meets Osterlich&#39;s envoy</h1>' in html
    assert "One article gives two figures" in html and "meeting" in html
    assert 'href="/articles/a2"' in html and 'href="/articles/a1"' not in html


def test_serve_records_link_back_to_their_incident(client: TestClient) -> None:
    for path in ("/", "/articles/a1", "/findings/f-conflict", "/entities/e-ruritania"):
        assert 'href="/incidents/inc-fight"' in client.get(path).text, path


def test_serve_entity_page_lists_the_incidents_it_takes_part_in(client: TestClient) -> None:
    html = client.get("/entities/e-osterlich").text
    part = html[html.index('id="incidents"') : html.index('id="events"')]
    assert part.index("Fighting near Zenda") < part.index("Rudolf Elphberg meets")
    assert "(actor)" in part and "(other)" in part
    assert "takes part in no incident" in client.get("/entities/e-mod").text


def test_serve_front_page_leads_with_the_cross_source_disagreements(client: TestClient) -> None:
    html = client.get("/").text
    headline = html[html.index('id="headline"') : html.index('id="incidents"')]
    assert headline.index("rose from more than 15,000") < headline.index("was a Wednesday")
    assert headline.index("Wednesday") < headline.index("One article gives two figures")
    table = html[html.index('id="incidents"') : html.index('id="figures"')]
    assert 'href="/incidents/inc-fight"' in table and 'href="/incidents"' in table


def test_serve_every_incident_link_lands(client: TestClient) -> None:
    start = ["/incidents", "/incidents/inc-fight", "/incidents/inc-meeting", "/"]
    pages = {path: Page(client.get(path).text) for path in start}
    for path, page in list(pages.items()):
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.path.startswith(("/docs", "/api")) or not parts.path.startswith("/"):
                continue
            if parts.path not in pages:
                response = client.get(parts.path)
                assert response.status_code == 200, (path, href)
                pages[parts.path] = Page(response.text)
            assert not parts.fragment or unquote(parts.fragment) in pages[parts.path].ids, href


def test_serve_incidents_empty_story_says_so(tmp_path: Path, story: Story) -> None:
    empty = dataclasses.replace(story, incidents=())
    with TestClient(
        create_app(store_story(tmp_path / "s.db", empty)), base_url="http://localhost"
    ) as client:
        assert client.get("/api/incidents").json() == {"incidents": []}
        assert "No incidents were told." in client.get("/incidents").text
        assert "No incidents were told." in client.get("/").text


def test_serve_hostile_incident_renders_as_text(tmp_path: Path) -> None:
    story = hostile_story()
    incident_id = story.incidents[0].id
    with TestClient(
        create_app(store_story(tmp_path / "h.db", story)), base_url="http://localhost"
    ) as client:
        paths = ["/incidents", f"/incidents/{quote(incident_id, safe='')}"]
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            for payload in PAYLOADS:
                assert payload not in response.text, (path, payload)
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
        data = client.get(f"/api/incidents/{quote(incident_id, safe='')}").json()
        assert data["incident"]["cameo"] == SCRIPT
