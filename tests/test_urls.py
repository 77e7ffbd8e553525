"""The two link builders: in-page anchors for the report, pages for the app."""

from __future__ import annotations

import pytest

from storyline.report.urls import ANCHORS, anchor_id
from storyline.serve.urls import URLS


@pytest.mark.parametrize(
    ("call", "report", "app"),
    [
        (lambda u: u.article("a1"), "#article-a1", "/articles/a1"),
        (lambda u: u.entity("e1"), "#entity-e1", "/entities/e1"),
        (lambda u: u.finding("f1"), "#finding-f1", "/findings/f1"),
        (lambda u: u.incident("i1"), "#incident-i1", "/incidents/i1"),
        (lambda u: u.claim("c1", "a2"), "#claim-c1", "/articles/a2#claim-c1"),
        (lambda u: u.evidence("f1", 2, "a3"), "#finding-f1-ev2", "/articles/a3#finding-f1-ev2"),
        (
            lambda u: u.incident_mention("i1", 0, "a4"),
            "#incident-i1-m0",
            "/articles/a4#incident-i1-m0",
        ),
    ],
)
def test_urls_lead_to_the_same_record(call, report: str, app: str) -> None:  # type: ignore[no-untyped-def]
    assert call(ANCHORS) == report
    assert call(URLS) == app


def test_urls_keep_a_hostile_id_inside_one_segment() -> None:
    hostile = 'a/../"<x>'
    assert URLS.article(hostile) == "/articles/a%2F..%2F%22%3Cx%3E"
    claim = URLS.claim(hostile, hostile)
    path, fragment = claim.split("#")
    assert path == URLS.article(hostile)
    assert fragment == anchor_id("claim", hostile)
    assert ANCHORS.claim(hostile, "a1") == f"#{fragment}"
