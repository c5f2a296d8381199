"""Credentials: ``Authorization: Bearer <token>`` of an EntryKeyID account, and the
producer group (``partnerportal_producers``) that the producer-only calls require."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from upstreams.portal.simulator.errors import error_body, forbidden
from upstreams.portal.simulator.seed import User
from upstreams.portal.wire import AUTH_SCHEME, PRODUCER_GROUP
from upstreams.simulators._kit import is_stats_request, json_response

__all__ = [
    "CALLER",
    "CONSUMER_TOKEN",
    "PRODUCER_TOKEN",
    "PUBLIC",
    "authenticator",
    "bearer_token",
    "caller",
    "require_producer",
]

CONSUMER_TOKEN: Final = "demo"
PRODUCER_TOKEN: Final = "demo-producer"

CALLER: Final = web.RequestKey("portal_caller", User)
# Set on routes that answer without a token: the download links (presigned, as a storage
# service's are: the token in the link is the credential) and the test bed's controls.
PUBLIC: Final = web.AppKey("portal_public_resources", tuple[web.AbstractResource, ...])


def bearer_token(request: web.Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    return token.strip() or None if scheme.lower() == AUTH_SCHEME.lower() else None


def authenticator(users: Mapping[str, User]) -> Middleware:
    """The middleware that answers 401 without a known token and sets :data:`CALLER`."""

    @web.middleware
    async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
        # Unknown routes answer 404 before any credential check, as an API gateway does.
        resource = request.match_info.route.resource
        if (
            request.match_info.http_exception is not None
            or is_stats_request(request)
            or any(resource is r for r in request.config_dict.get(PUBLIC, ()))
        ):
            return await handler(request)
        user = users.get(bearer_token(request) or "")
        if user is None:
            return json_response(error_body(401, "Unauthorized"), 401)
        request[CALLER] = user
        return await handler(request)

    return authenticate


def caller(request: web.Request) -> User:
    return request[CALLER]


def require_producer(request: web.Request) -> User:
    """The caller, or 403 when they are not in the producer group."""
    user = request[CALLER]
    if not user.producer:
        raise forbidden(f"This call requires membership of the {PRODUCER_GROUP} group")
    return user
