"""The app's HTML pages: the story, its incidents, each article, entity, finding and incident.

Pages are rendered by Jinja2 with autoescaping always on, from the app's
templates and the report's (its macros and drawings are shared through one
loader), with the report's stylesheet and script inline. Each response
carries a Content-Security-Policy that admits exactly that stylesheet and
script, as the report's does.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..report.html import content_security_policy
from ..report.views import FLAGGED_TONES
from .api import State
from .guard import TOKEN_FIELD
from .posting import form_body, merge_body, read_limited
from .urls import URLS
from .views import (
    article_page,
    entity_page,
    finding_page,
    incident_page,
    incidents_page,
    overview_page,
)

router = APIRouter(include_in_schema=False)


@functools.cache
def environment() -> Environment:
    """The app's templates first, then the report's; every template autoescaped."""
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("storyline.serve", "templates"),
                PackageLoader("storyline.report", "templates"),
            ]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["flagged_tones"] = FLAGGED_TONES
    return env


@functools.cache
def assets() -> tuple[str, str]:
    """The inline stylesheet (the report's plus the app's) and the report's script."""
    report = resources.files("storyline.report").joinpath("templates")
    app = resources.files("storyline.serve").joinpath("templates")
    style = report.joinpath("report.css").read_text("utf-8")
    style += "\n" + app.joinpath("app.css").read_text("utf-8")
    return style, report.joinpath("report.js").read_text("utf-8")


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``template``, with the inline assets and their policy."""
    style, script = assets()
    html = (
        environment()
        .get_template(template)
        .render(
            style=Markup(style),  # the package's own stylesheet, not article text
            script=Markup(script),  # the package's own script, not article text
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status)
    policy = content_security_policy(style, script, form_action="'self'")
    response.headers["Content-Security-Policy"] = policy
    return response


def missing(what: str, record_id: str) -> HTMLResponse:
    """The 404 page for an id the story does not hold."""
    return render("missing.html.j2", status=404, what=what, record_id=record_id)


@router.get("/", response_class=HTMLResponse)
def story_page(state: State) -> HTMLResponse:
    page = overview_page(state.story())
    return render("story.html.j2", page=page, token_field=TOKEN_FIELD, token=state.form_token)


@router.post("/add")
async def add_article(request: Request, state: State) -> RedirectResponse:
    """The story page's form: one article, analysed and merged like a posted one.

    Answers with a redirect to the article's page (303, so reloading it does
    not post again); a form that cannot be read gets the error page with the
    reasons, and changes nothing.
    """
    headers = request.headers
    data = await read_limited(request.stream(), headers.get("content-length"), state.limits)
    body = form_body(data, headers.get("content-type"), state.form_token)
    articles, _ = await merge_body(state, body)
    return RedirectResponse(URLS.article(articles[0].id), status_code=303)


def record_page(what: str, record_id: str, page: object | None) -> HTMLResponse:
    """The page of one record (``article.html.j2`` for an article), or 404 without it."""
    if page is None:
        return missing(what, record_id)
    return render(f"{what}.html.j2", page=page)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(article_id: str, state: State) -> HTMLResponse:
    return record_page("article", article_id, article_page(state.story(), article_id))


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity(entity_id: str, state: State) -> HTMLResponse:
    return record_page("entity", entity_id, entity_page(state.story(), entity_id))


@router.get("/findings/{finding_id:path}", response_class=HTMLResponse)
def finding(finding_id: str, state: State) -> HTMLResponse:
    return record_page("finding", finding_id, finding_page(state.story(), finding_id))


@router.get("/incidents", response_class=HTMLResponse)
def incidents(state: State) -> HTMLResponse:
    return render("incidents.html.j2", items=incidents_page(state.story()))


@router.get("/incidents/{incident_id:path}", response_class=HTMLResponse)
def incident(incident_id: str, state: State) -> HTMLResponse:
    return record_page("incident", incident_id, incident_page(state.story(), incident_id))
