"""Authentication: the app key and Basic credentials."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from upstreams.medallies.simulator.errors import _error_json
from upstreams.medallies.simulator.filters import (
    FilterError,
)
from upstreams.medallies.simulator.vocabulary import APP_KEY, PASSWORD, UNAUTHORIZED, USERNAME
from upstreams.simulators._kit import answer_simulator_errors, is_stats_request, json_response

# --- authentication -----------------------------------------------------------------------


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def _authenticator(public: Callable[[web.Request], bool]) -> Middleware:
    @web.middleware
    async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
        # Unknown routes answer 404 before any credential check; metadata and the kit's
        # own routes need none.
        if (
            request.match_info.http_exception is not None
            or is_stats_request(request)
            or public(request)
        ):
            return await handler(request)
        if request.headers.get("X-MedAllies-App-Key") != APP_KEY or _basic_credentials(
            request.headers.get("Authorization")
        ) != (USERNAME, PASSWORD):
            return json_response(_error_json(UNAUTHORIZED), 401)
        return await handler(request)

    return authenticate


@web.middleware
async def _api_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Filter errors in MedAllies' shape; other errors are the kit's SimulatorError."""
    try:
        return await answer_simulator_errors(request, handler)
    except FilterError as exc:
        return json_response(_error_json(exc.code, [exc.parameter]), 400)
