"""Credentials: `authorization: apikey <key>`; the vendor key also sees vendor data."""

from __future__ import annotations

from typing import Final

from aiohttp import web
from aiohttp.typedefs import Handler

from upstreams.datanexus.simulator.errors import error_body
from upstreams.datanexus.wire import AUTH_SCHEME
from upstreams.simulators._kit import is_stats_request, json_response

__all__ = ["API_KEY", "VENDOR", "VENDOR_API_KEY", "authenticate"]

API_KEY: Final = "demo"
VENDOR_API_KEY: Final = "demo-vendor"
# Set on each authenticated request: whether the caller used the vendor key.
VENDOR: Final = web.RequestKey("datanexus_vendor_caller", bool)


def api_key(request: web.Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, key = header.strip().partition(" ")
    return key.strip() if scheme.lower() == AUTH_SCHEME else None


@web.middleware
async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
    # Unknown routes answer 404 before any credential check, as a router-level auth
    # pipeline does; the kit's own __stats routes need no key.
    if request.match_info.http_exception is not None or is_stats_request(request):
        return await handler(request)
    key = api_key(request)
    if key != API_KEY and key != VENDOR_API_KEY:
        return json_response(error_body(401, "Unauthorized"), 401)
    request[VENDOR] = key == VENDOR_API_KEY
    return await handler(request)
