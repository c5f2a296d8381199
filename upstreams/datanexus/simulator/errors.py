"""The simulator's error answers: the document's `{"errors": ...}` bodies, raised as exceptions."""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web
from aiohttp.typedefs import Handler

from upstreams.simulators._kit import json_response

__all__ = ["ApiError", "api_errors", "bad_request", "error_body", "not_found", "unprocessable"]


def error_body(status: int, reason: str) -> object:
    return {"errors": {"detail": reason}}


class ApiError(Exception):
    """An answer other than success, raised from deep inside a handler."""

    def __init__(self, status: int, body: object) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, error_body(400, detail))


def not_found() -> ApiError:
    return ApiError(404, error_body(404, "Not Found"))


def unprocessable(errors: Mapping[str, list[str]]) -> ApiError:
    return ApiError(422, {"errors": dict(sorted(errors.items()))})


@web.middleware
async def api_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return json_response(exc.body, exc.status)
