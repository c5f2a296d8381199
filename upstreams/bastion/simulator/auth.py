"""Authentication, as section 1 of the document: two kinds of `api-key` header.

Type I, `api-key: base64(username:password)`, is accepted only by
`POST /auth/generateAuthToken`, which answers a token; type II, `api-key: <token>`, by every
other route. A token lives `expiresIn` seconds from its issue, or for ever when the request
gave none. Missing, unknown and expired credentials answer HTTP 401 with `status: false`.
The clock is the app's `now` (seconds), so tests can move past an expiry without sleeping.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Callable
from typing import Final

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from upstreams.bastion.simulator.errors import failure
from upstreams.bastion.wire import AUTH_HEADER
from upstreams.simulators._kit import is_stats_request, json_response

__all__ = ["PASSWORD", "USERNAME", "Tokens", "authenticator", "basic_credentials"]

USERNAME: Final = "demo"
PASSWORD: Final = "demo"


def _header_value(request: web.Request) -> str | None:
    value = request.headers.get(AUTH_HEADER)
    if value is None:
        return None
    # The document writes the value in quotes (`api-key: "YWRQ..."`); tolerate a caller
    # that copied them.
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].strip()
    return value or None


def basic_credentials(value: str) -> tuple[str, str] | None:
    """(username, password) of a type I value, or None when it is not one."""
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None


class Tokens:
    """The tokens issued by one simulator instance and when each expires."""

    def __init__(self, now: Callable[[], float]) -> None:
        self.now = now
        self._expiry: dict[str, float | None] = {}

    def issue(self, expires_in: float | None) -> str:
        token = secrets.token_urlsafe(32)
        self._expiry[token] = None if expires_in is None else self.now() + expires_in
        return token

    def problem(self, token: str) -> str | None:
        """Why ``token`` is refused, or None when it is good now."""
        if token not in self._expiry:
            return "Invalid api-key: unknown token"
        expiry = self._expiry[token]
        if expiry is not None and self.now() >= expiry:
            return "Invalid api-key: token has expired"
        return None

    def expire_all(self) -> int:
        """Expire every token issued so far (the test bed's `POST /__tokens/expire`)."""
        moment = self.now()
        for token in self._expiry:
            self._expiry[token] = moment
        return len(self._expiry)


def authenticator(tokens: Tokens, is_token_route: Callable[[web.Request], bool]) -> Middleware:
    @web.middleware
    async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
        # Unknown routes answer 404 (or 405) before any credential check; the kit's and the
        # test bed's own routes need none.
        if request.match_info.http_exception is not None or is_stats_request(request):
            return await handler(request)
        value = _header_value(request)
        if value is None:
            return json_response(
                failure(f"Unauthorized: the {AUTH_HEADER} header is required"), 401
            )
        if is_token_route(request):
            if basic_credentials(value) != (USERNAME, PASSWORD):
                return json_response(failure("Invalid api-key: wrong username or password"), 401)
            return await handler(request)
        problem = tokens.problem(value)
        if problem is not None:
            return json_response(failure(problem), 401)
        return await handler(request)

    return authenticate
