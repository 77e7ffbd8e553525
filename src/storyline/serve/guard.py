"""What the app checks and adds around every request, before any page or API sees it.

- **Hosts.** Only the names the app is served under are answered (Starlette's
  ``TrustedHostMiddleware``, set up by :func:`~storyline.serve.app.create_app`),
  so a page on another site cannot reach the app through DNS rebinding.
- **Other sites' writes.** A request that changes the store (any method but
  GET, HEAD and OPTIONS) whose ``Origin`` or ``Referer`` names another site
  is refused with 403 (:func:`same_site`). The story page's form also
  carries a token only the app's own pages know (:func:`check_form_token`).
- **HEAD.** Answered wherever GET is, with GET's headers and no body
  (:class:`HeadAsGet`).
- **Headers.** Every response says ``nosniff``, may not be framed, and has a
  Content-Security-Policy: the pages set their own; ``/docs`` gets one that
  admits its bundled script and its inline start-up script by hash
  (:func:`docs_policy`); everything else gets :data:`DEFAULT_POLICY`.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import ApiError

#: Methods that never change the store.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Host names always served: this machine's.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
#: The policy of every response that sets none of its own: nothing may load or run.
DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: The name of the story page form's token field.
TOKEN_FIELD = "csrf_token"

_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> list[str]:
    """The host names to serve: ``host`` (the address listened on), this machine's, ``extra``."""
    names = [host, *LOCAL_HOSTS, *extra]
    return list(dict.fromkeys(name.strip().lower() for name in names if name.strip()))


def same_site(headers: Mapping[str, str], host: str) -> bool:
    """False when the request's ``Origin`` (else ``Referer``) names another site than ``host``.

    A request with neither (a script or ``curl``) is not a browser's
    cross-site request and is let through; ``Origin: null`` (a sandboxed or
    private page) counts as another site.
    """
    source = headers.get("origin") or headers.get("referer")
    if source is None:
        return True
    parts = urlsplit(source.strip())
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


def other_site_error() -> ApiError:
    return ApiError(
        403,
        "this request comes from another site's page and would change the store; "
        "add articles from the app's own pages or without a browser",
        code="other_site",
    )


def new_form_token() -> str:
    """A fresh secret for the story page's form (one per running app)."""
    return secrets.token_urlsafe(32)


def check_form_token(sent: str | None, expected: str) -> None:
    """Refuse (403) a form whose token is missing or not the app's."""
    if sent is None or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise ApiError(
            403,
            "the form is out of date or was not sent from this app's page; "
            "reload the page and send it again",
            code="bad_form_token",
        )


def docs_policy(html: bytes) -> str:
    """The policy of the documentation page: its own files, and its inline scripts by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'none'"
    )


class HeadAsGet:
    """Answer HEAD like GET, sending the headers and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
