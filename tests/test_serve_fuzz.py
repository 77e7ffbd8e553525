"""Schemathesis over the served OpenAPI schema: no request makes the app fail; errors are JSON."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from storyline.report import load_story_json
from storyline.serve import create_app
from storyline.serve.guard import allowed_hosts
from storyline.serve.state import Limits
from test_serve_api import FIXTURE, store_story


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    db = store_story(tmp_path_factory.mktemp("fuzz") / "story.db", load_story_json(FIXTURE))
    # Schemathesis calls the app as "testserver"; small limits keep each post cheap.
    app = create_app(
        db, hosts=allowed_hosts("testserver"), limits=Limits(max_body_bytes=4_000, max_batch=3)
    )
    yield schemathesis.openapi.from_asgi("/openapi.json", app)


def error_is_json(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every answer of 400 or more is a JSON object with an ``error``."""
    if response.status_code >= 400:
        assert response.headers.get("content-type", [""])[0].startswith("application/json")
        assert "error" in response.json(), response.text
    return None


def _operations() -> list[str]:
    """Every operation of the API (a test below checks the list is complete)."""
    return [
        "GET /api/story",
        "GET /api/articles",
        "GET /api/articles/{article_id}",
        "GET /api/entities/{entity_id}",
        "GET /api/findings",
        "GET /api/claims",
        "GET /api/incidents",
        "GET /api/incidents/{incident_id}",
        "POST /api/articles",
    ]


@pytest.mark.parametrize("label", _operations())
def test_serve_fuzz_api(api_schema: Any, label: str) -> None:
    """Schemathesis cases for each operation: no 5xx, every error JSON."""
    [operation] = [
        result.ok() for result in api_schema.get_all_operations() if result.ok().label == label
    ]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def run(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error, error_is_json])

    run()


def test_serve_fuzz_covers_every_operation(api_schema: Any) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == set(_operations())
