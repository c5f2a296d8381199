"""Plumbing shared by every upstream simulator: latency, request counting, JSON errors."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Final

import orjson
from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

__all__ = [
    "STATS_KEY",
    "STATS_PATH",
    "UNMATCHED",
    "ErrorBody",
    "RequestStats",
    "error_middleware",
    "is_stats_request",
    "json_response",
    "simulator_app",
]

STATS_PATH: Final = "/__stats"
UNMATCHED: Final = "<unmatched>"

# Builds the JSON body of an error answer from its HTTP status and reason phrase, so each
# simulator can speak its upstream's error dialect.
ErrorBody = Callable[[int, str], object]

_log = logging.getLogger(__name__)


def json_response(
    data: object, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    """A JSON answer serialized with orjson (several times faster than the stdlib)."""
    body = orjson.dumps(data)
    if headers is not None and any(k.lower() == "content-type" for k in headers):
        return web.Response(body=body, status=status, headers=headers)
    return web.Response(
        body=body,
        status=status,
        headers=headers,
        content_type="application/json",
        charset="utf-8",
    )


class RequestStats:
    """Request counts of one simulator, keyed by "METHOD /route/template"."""

    __slots__ = ("_routes", "total")

    def __init__(self) -> None:
        self.total = 0
        self._routes: Counter[str] = Counter()

    def record(self, key: str) -> None:
        self.total += 1
        self._routes[key] += 1

    def reset(self) -> None:
        self.total = 0
        self._routes.clear()

    def count(self, key: str) -> int:
        return self._routes[key]

    def snapshot(self) -> dict[str, object]:
        return {"total": self.total, "routes": dict(sorted(self._routes.items()))}


STATS_KEY: Final = web.AppKey("simulator_stats", RequestStats)
_STATS_RESOURCES_KEY: Final = web.AppKey(
    "simulator_stats_resources", tuple[web.AbstractResource, ...]
)


def _default_error_body(status: int, reason: str) -> object:
    return {"error": {"status": status, "message": reason}}


def error_middleware(error_body: ErrorBody = _default_error_body) -> Middleware:
    """Turn every failure (routing 404/405, raised HTTP errors, bugs) into a JSON answer.

    Clients of a simulator parse JSON; an HTML error page from aiohttp would surface as a
    confusing decode error in the gateway instead of the status it should react to.
    """

    @web.middleware
    async def errors_as_json(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            headers = {k: v for k, v in exc.headers.items() if k.lower() != "content-type"}
            return json_response(error_body(exc.status, exc.reason), exc.status, headers)
        except Exception:
            _log.exception("simulator handler failed: %s %s", request.method, request.path)
            return json_response(error_body(500, "Internal Server Error"), 500)

    return errors_as_json


def is_stats_request(request: web.Request) -> bool:
    """Whether the request targets the simulator's own `__stats` routes."""
    resource = request.match_info.route.resource
    if resource is None:
        return False
    stats_resources = request.match_info.current_app.get(_STATS_RESOURCES_KEY, ())
    return any(resource is r for r in stats_resources)


def _route_key(request: web.Request, stats_resource: web.AbstractResource) -> str:
    match_info = request.match_info
    resource = match_info.route.resource
    if match_info.http_exception is not None or resource is None:
        return f"{request.method} {UNMATCHED}"
    # Mounting rewrites every resource of the sub-application with the mount prefix; our
    # own stats resource tells how long that prefix is, so the key stays the same whether
    # the app runs alone or mounted.
    prefix_len = len(stats_resource.canonical) - len(STATS_PATH)
    return f"{request.method} {resource.canonical[prefix_len:]}"


def simulator_app(
    *,
    latency_ms: float = 0.0,
    error_body: ErrorBody = _default_error_body,
    middlewares: Iterable[Middleware] = (),
) -> web.Application:
    """A sub-application with latency injection, request counting and the `__stats` routes.

    `middlewares` run innermost (after latency), so e.g. an auth check sees only requests
    that reached a route. Register every route before mounting the app: aiohttp freezes a
    sub-application's router when it is added to its parent.
    """
    if latency_ms < 0:
        raise ValueError("latency_ms must be >= 0")
    delay = latency_ms / 1000.0
    stats = RequestStats()

    @web.middleware
    async def count_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not is_stats_request(request):
            stats.record(_route_key(request, stats_resource))
        return await handler(request)

    @web.middleware
    async def inject_latency(request: web.Request, handler: Handler) -> web.StreamResponse:
        if delay > 0 and not is_stats_request(request):
            await asyncio.sleep(delay)
        return await handler(request)

    async def get_stats(request: web.Request) -> web.Response:
        return json_response(stats.snapshot())

    async def reset_stats(request: web.Request) -> web.Response:
        stats.reset()
        return web.Response(status=204)

    app = web.Application(
        middlewares=[error_middleware(error_body), count_requests, inject_latency, *middlewares]
    )
    stats_resource = app.router.add_resource(STATS_PATH)
    stats_resource.add_route("GET", get_stats)
    reset_resource = app.router.add_resource(STATS_PATH + "/reset")
    reset_resource.add_route("POST", reset_stats)
    app[STATS_KEY] = stats
    app[_STATS_RESOURCES_KEY] = (stats_resource, reset_resource)
    return app
