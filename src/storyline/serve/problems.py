"""Errors the app answers with, always as one JSON shape.

Every error response of the API has the body::

    {"error": {"status": 413, "code": "body_too_large",
               "message": "...what went wrong and how to fix it...",
               "reasons": [{"source": "...", "reason": "..."}]}}

``code`` is one of :data:`HTTP_CODES` for what the web layer refuses, or the
stable ``Sxxx`` code of a :class:`~storyline.errors.StorylineError`
raised below it; ``reasons`` lists the inputs that could not be read, when
there are any. :func:`status_of` says which HTTP status each Storyline
error becomes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import (
    InputError,
    ModelError,
    NoStoryError,
    StoreAccessError,
    StorylineError,
    UsageError,
)
from ..models import Skipped

#: The codes of errors the web layer itself answers with, by HTTP status.
HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unreadable_body",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """A request the app refuses: an HTTP status, a code and a message that says how to fix it."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        reasons: Sequence[Skipped] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or HTTP_CODES.get(status, "error")
        self.message = message
        self.reasons = tuple(reasons)

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return error_body(self.status, self.code, self.message, self.reasons)


def error_body(
    status: int, code: str, message: str, reasons: Sequence[Skipped] = ()
) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if reasons:
        error["reasons"] = [{"source": r.source, "reason": r.reason} for r in reasons]
    return {"error": error}


def status_of(error: StorylineError) -> int:
    """The HTTP status a Storyline error becomes."""
    if isinstance(error, NoStoryError):
        return 404
    if isinstance(error, InputError):
        return 422
    if isinstance(error, UsageError):
        return 400
    if isinstance(error, ModelError | StoreAccessError):
        return 503
    return 500


def from_storyline(error: StorylineError) -> ApiError:
    """The response for a Storyline error raised while answering a request."""
    return ApiError(status_of(error), str(error), code=error.code)
