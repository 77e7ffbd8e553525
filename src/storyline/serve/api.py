"""The JSON API: the story and its records, and ``POST /api/articles`` to add articles.

Records have the fields and names of ``story.json`` (the output contract);
lists come wrapped in an object (``{"findings": [...]}``) so fields can be
added beside them later. Unknown ids answer 404 in the shape of
:mod:`.problems`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from ..models import Article, Incident, Story, to_dict
from ..report.incidents import (
    incident_claims,
    incident_events,
    incident_findings,
    ranked_incidents,
)
from ..report.views import incident_articles
from .posting import (
    Body,
    merge_body,
    post_label,
    read_limited,
    suffix_for,
    to_utf8,
)
from .problems import ApiError
from .state import AppState

router = APIRouter(prefix="/api", tags=["api"])


def app_state(request: Request) -> AppState:
    """The state of the app answering ``request`` (a FastAPI dependency)."""
    state: AppState = request.app.state.storyline
    return state


State = Annotated[AppState, Depends(app_state)]


@router.get(
    "/story",
    summary="The whole story, as story.json",
    response_class=JSONResponse,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
def get_story(state: State) -> Response:
    return Response(state.story_json(), media_type="application/json")


@router.get("/articles", summary="Every stored article (without its text)")
def list_articles(state: State) -> dict[str, Any]:
    return {"articles": [_summary(article) for article in state.store.list_articles()]}


@router.get(
    "/articles/{article_id:path}",
    summary="One article, its text and its records",
    description="The article with the times, quantities, claims, events, relations and "
    "findings that come from it or point into it, and the incidents it tells.",
)
def get_article(article_id: str, state: State) -> dict[str, Any]:
    article = state.store.get_article(article_id)
    if article is None:
        raise ApiError(404, f"no article has the id '{article_id}'; list them at /api/articles")
    return {"article": to_dict(article), **_records_of_article(state.story(), article_id)}


@router.get("/entities/{entity_id:path}", summary="One entity, its figures, ties and events")
def get_entity(entity_id: str, state: State) -> dict[str, Any]:
    entity = state.store.get_entity(entity_id)
    if entity is None:
        raise ApiError(404, f"no entity has the id '{entity_id}'; see the entities of /api/story")
    story = state.story()
    return {
        "entity": to_dict(entity),
        "claims": [
            to_dict(claim)
            for claim in story.claims
            if entity_id == claim.subject or (claim.source and claim.source.entity == entity_id)
        ],
        "relations": [
            to_dict(relation)
            for relation in story.relations
            if entity_id in (relation.source, relation.target)
        ],
        "events": [
            to_dict(event)
            for event in story.events
            if entity_id in event.participants or entity_id == event.place
        ],
    }


@router.get("/findings", summary="The story's findings, all or of one kind")
def list_findings(
    state: State,
    kind: Annotated[str | None, Query(description="only findings of this kind")] = None,
) -> dict[str, Any]:
    return {"findings": [to_dict(finding) for finding in state.store.list_findings(kind)]}


@router.get("/claims", summary="The story's figures, filtered by measure and subject")
def list_claims(
    state: State,
    measure: Annotated[str | None, Query(description="what the number counts")] = None,
    subject: Annotated[str | None, Query(description="entity id of what was counted")] = None,
) -> dict[str, Any]:
    claims = state.store.list_claims(measure or None, subject or None)
    return {"claims": [to_dict(claim) for claim in claims]}


@router.get(
    "/incidents",
    summary="The story's incidents, the most told first",
    description="Each real-world happening the articles tell (story.json's `incidents`), in "
    "the order of the report: by how many articles tell it, then by date, undated last.",
)
def list_incidents(state: State) -> dict[str, Any]:
    return {"incidents": [to_dict(i) for i in ranked_incidents(state.story().incidents)]}


@router.get(
    "/incidents/{incident_id:path}",
    summary="One incident, its figures, findings, events and articles",
    description="The incident and the records the report shows with it: its `claims` (those "
    "it lists and those that name it), the `findings` about it, its `events`, and the "
    "`articles` that tell it (without their text).",
)
def get_incident(incident_id: str, state: State) -> dict[str, Any]:
    story = state.story()
    incident = next((i for i in story.incidents if i.id == incident_id), None)
    if incident is None:
        raise ApiError(404, f"no incident has the id '{incident_id}'; list them at /api/incidents")
    return {"incident": to_dict(incident), **_records_of_incident(story, incident)}


_POST_BODY = {
    "required": True,
    "content": {
        "text/plain": {"schema": {"type": "string"}, "example": "Title\n\nText of the article."},
        "text/html": {"schema": {"type": "string"}},
        "application/x-ndjson": {
            "schema": {"type": "string"},
            "example": '{"id": "a1", "title": "Title", "text": "...", "published": "2025-09-04"}',
        },
        "application/jsonl": {"schema": {"type": "string"}},
    },
}


@router.post(
    "/articles",
    summary="Add articles: analyse them and merge them into the story",
    description="The body is one article as `text/plain` (first line the title) or "
    "`text/html`, or many as JSON lines (`application/x-ndjson`, `application/jsonl`: "
    '`{"id"?, "title"?, "text", "published"?, "source"?, "url"?}` per line). Articles are '
    "read exactly like files given to `storyline analyze`; an article already stored with "
    "the same text is left as it is, one whose id is stored with another text replaces it. "
    "Answers the ids added and unchanged, the entries skipped with their reasons, and the "
    "story's article and finding counts after the merge. A refused body changes nothing.",
    openapi_extra={"requestBody": _POST_BODY},
    responses={
        201: {"description": "articles were added"},
        413: {"description": "body or batch too large"},
        415: {"description": "unsupported content type"},
        422: {"description": "no article could be read"},
    },
)
async def post_articles(
    request: Request,
    state: State,
    source: Annotated[
        str | None, Query(description="what to call the posted articles (e.g. their URL)")
    ] = None,
) -> JSONResponse:
    suffix, charset = suffix_for(request.headers.get("content-type"))
    data = await read_limited(request.stream(), request.headers.get("content-length"), state.limits)
    body = Body(to_utf8(data, charset), suffix, post_label(source, suffix))
    _, result = await merge_body(state, body)
    return JSONResponse(result, status_code=201 if result["added"] else 200)


def _summary(article: Article) -> dict[str, Any]:
    """An article's fields without its text (which ``/api/articles/{id}`` gives)."""
    data: dict[str, Any] = to_dict(article)
    data.pop("text", None)
    return data


def _records_of_article(story: Story, article_id: str) -> dict[str, list[Any]]:
    """The story's records that come from, or point into, one article."""
    return {
        "times": [to_dict(t) for t in story.times if t.article == article_id],
        "quantities": [to_dict(q) for q in story.quantities if q.article == article_id],
        "claims": [to_dict(c) for c in story.claims if c.article == article_id],
        "events": [
            to_dict(e) for e in story.events if any(m.article == article_id for m in e.mentions)
        ],
        "relations": [
            to_dict(r) for r in story.relations if any(s.article == article_id for s in r.evidence)
        ],
        "findings": [
            to_dict(f)
            for f in story.findings
            if article_id in f.articles or any(s.article == article_id for s in f.evidence)
        ],
        "incidents": [to_dict(i) for i in story.incidents if article_id in incident_articles(i)],
    }


def _records_of_incident(story: Story, incident: Incident) -> dict[str, list[Any]]:
    """The story's records that belong to one incident."""
    told = set(incident_articles(incident))
    return {
        "claims": [to_dict(claim) for claim in incident_claims(story, incident)],
        "findings": [to_dict(finding) for finding in incident_findings(story, incident)],
        "events": [to_dict(event) for event in incident_events(story, incident)],
        "articles": [_summary(article) for article in story.articles if article.id in told],
    }
