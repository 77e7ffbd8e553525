"""The FastAPI application over a store: :func:`create_app`.

::

    GET  /                        the story (the report's sections)
    GET  /articles/{id}           one article, every span marked
    GET  /entities/{id}           one entity: names, figures, ties, events
    GET  /findings/{id}           one finding and its evidence
    GET  /incidents               every incident, most told first
    GET  /incidents/{id}          one incident: place, date, who, figures by source
    GET  /api/story               story.json
    GET  /api/articles            every article (without text)
    GET  /api/articles/{id}       one article and its records
    GET  /api/entities/{id}       one entity and its records
    GET  /api/findings?kind=      findings
    GET  /api/claims?measure=&subject=
    GET  /api/incidents           every incident, in the report's order
    GET  /api/incidents/{id}      one incident and its records
    POST /api/articles            add articles (text, HTML or JSON lines)
    GET  /docs                    the OpenAPI documentation

Errors under ``/api`` are JSON (see :mod:`.problems`); pages answer with an
HTML page. Only the allowed host names are served, other sites' pages cannot
change the store, HEAD is answered wherever GET is, and every response has a
Content-Security-Policy (see :mod:`.guard`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import StorylineError
from ..settings import Settings
from ..store import Store
from . import api, pages
from .guard import (
    DEFAULT_POLICY,
    LOCAL_HOSTS,
    SAFE_METHODS,
    HeadAsGet,
    docs_policy,
    other_site_error,
    same_site,
)
from .problems import ApiError, from_storyline
from .state import AppState, Limits

DESCRIPTION = (
    "Read a Storyline store: the story, its articles, entities, findings and figures, "
    "and add articles, which are analysed and merged into the story."
)


def create_app(
    db: Path | str,
    settings: Settings | None = None,
    *,
    limits: Limits | None = None,
    hosts: Sequence[str] = LOCAL_HOSTS,
) -> FastAPI:
    """The web app over the store at ``db`` (a path or SQLAlchemy URL), which must exist.

    ``settings`` are used to read and analyse posted articles; ``limits``
    bound what one request may send; only requests for one of ``hosts``
    (the ``Host`` header's name, by default this machine's) are answered.
    The store is opened now (so a wrong path fails before serving) and
    closed when the app shuts down.
    """
    store = Store.open(db, create=False)
    state = AppState(store, settings or Settings(progress=False), limits or Limits())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if state.store.closed:  # served again after a shutdown
            state.store = Store.open(db, create=False)
        try:
            yield
        finally:
            state.store.close()

    # FastAPIOffline serves the documentation's scripts and styles from the
    # package instead of a CDN, so /docs works on machines with no internet.
    app = FastAPIOffline(
        title="Storyline",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.storyline = state
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    app.middleware("http")(_guard)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    return app


def _add_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error(request, exc)

    async def storyline_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StorylineError)
        return _error(request, from_storyline(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = _HTTP_MESSAGES.get(exc.status_code, str(exc.detail))
        return _error(request, ApiError(exc.status_code, message), exc.headers)

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
            for error in exc.errors()
        )
        return _error(request, ApiError(422, f"invalid request ({problems})", code="bad_request"))

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StorylineError, storyline_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)


_HTTP_MESSAGES = {
    404: "no such address; the API lives under /api and is described at /docs",
    405: "this address does not take that method; see /docs",
}


def _error(request: Request, error: ApiError, headers: Mapping[str, str] | None = None) -> Response:
    """The JSON error for the API (and the docs), an HTML page for the pages."""
    if request.url.path.startswith("/api") or request.url.path.startswith("/docs"):
        return JSONResponse(error.body(), status_code=error.status, headers=headers)
    page = pages.render(
        "error.html.j2",
        status=error.status,
        code=error.status,
        message=error.message,
        reasons=[(item.source, item.reason) for item in error.reasons],
    )
    for name, value in (headers or {}).items():
        page.headers[name] = value
    return page


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Refuse other sites' writes; give every response its policy and safety headers.

    The referrer policy is ``same-origin``: links to other sites send no
    referrer, while the app's own form posts keep their ``Origin``, which
    ``no-referrer`` would turn into ``null``.
    """
    if request.method not in SAFE_METHODS and not same_site(
        request.headers, request.headers.get("host", "")
    ):
        return _error(request, other_site_error())
    response = await call_next(request)
    if request.url.path == "/docs" and response.status_code == 200:
        response = await _with_docs_policy(response)
    response.headers.setdefault("Content-Security-Policy", DEFAULT_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


async def _with_docs_policy(response: Response) -> Response:
    """The documentation page, read whole, with the policy that admits its own scripts."""
    chunks = [chunk async for chunk in getattr(response, "body_iterator")]  # noqa: B009
    body = b"".join(c if isinstance(c, bytes) else str(c).encode() for c in chunks)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    headers["Content-Security-Policy"] = docs_policy(body)
    return Response(body, status_code=response.status_code, headers=headers)


__all__ = ["create_app"]
