"""Plumbing shared by every upstream simulator: latency, request counting and logging,
JSON errors, and faults to inject (a status, a delay, or a broken answer)."""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from typing import Final

import orjson
from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

__all__ = [
    "ANSWER_FAULTS",
    "COMMON_LAST_NAMES",
    "FAULTS_PATH",
    "OPEN_STREAMS_KEY",
    "REQUESTS_PATH",
    "REQUEST_LOG_KEY",
    "REQUEST_LOG_SIZE",
    "STATS_KEY",
    "STATS_PATH",
    "UNMATCHED",
    "ErrorBody",
    "Fault",
    "OpenStreams",
    "RequestLog",
    "RequestStats",
    "SimulatorError",
    "add_control_route",
    "answer_simulator_errors",
    "error_middleware",
    "is_stats_request",
    "json_response",
    "simulator_app",
]

STATS_PATH: Final = "/__stats"
FAULTS_PATH: Final = "/__faults"
REQUESTS_PATH: Final = "/__requests"
REQUEST_LOG_SIZE: Final = 500
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


class RequestLog:
    """The last `REQUEST_LOG_SIZE` requests of one simulator, oldest first.

    Tests read it to check what the gateway actually sent (a filter, a page, a directive),
    which the per-route counts of `RequestStats` cannot tell.
    """

    __slots__ = ("_entries",)

    def __init__(self, size: int = REQUEST_LOG_SIZE) -> None:
        self._entries: deque[dict[str, object]] = deque(maxlen=size)

    def record(
        self,
        method: str,
        path: str,
        query: Mapping[str, str],
        body: object,
        request_id: str | None = None,
    ) -> None:
        entry = {"method": method, "path": path, "query": dict(query), "body": body}
        # Only when sent, so a test can tell "forwarded" from "not forwarded".
        if request_id is not None:
            entry["requestId"] = request_id
        self._entries.append(entry)

    def clear(self) -> None:
        self._entries.clear()

    def entries(self) -> list[dict[str, object]]:
        return list(self._entries)

    def snapshot(self) -> dict[str, object]:
        return {"requests": self.entries()}


STATS_KEY: Final = web.AppKey("simulator_stats", RequestStats)
REQUEST_LOG_KEY: Final = web.AppKey("simulator_request_log", RequestLog)
_STATS_RESOURCES_KEY: Final = web.AppKey(
    "simulator_stats_resources", tuple[web.AbstractResource, ...]
)


# Broken answers a fault can play instead of the route's own, each a way real upstreams and
# the proxies before them have been seen to fail.
ANSWER_FAULTS: Final = frozenset(
    {
        "malformed",  # a body that is not JSON
        "wrong_shape",  # valid JSON of the wrong shape (`shape`, by default the one below)
        "truncated",  # Content-Length promises more than is sent, then the connection closes
        "wrong_content_type",  # an HTML page, as a proxy or a login wall answers
        "endless",  # a JSON body that never ends, trickled until the client gives up
    }
)
_DEFAULT_SHAPE: Final = {"items": "x", "count": "many"}
# How long one chunk of an endless body waits: slow enough to cost nothing, fast enough that
# a per-chunk read timeout never trips, so only a bound on the whole answer can end it.
_ENDLESS_CHUNK_S: Final = 0.02


class OpenStreams:
    """How many endless bodies are being sent now (tests check they stop with the client)."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


OPEN_STREAMS_KEY: Final = web.AppKey("simulator_open_streams", OpenStreams)


_FAULT_KEYS = frozenset({"path", "method", "status", "delay_ms", "times", "answer", "shape"})


class Fault:
    """A failure to play on matching requests: a delay, an error status, a broken answer
    (one of :data:`ANSWER_FAULTS`), or a delay with either.

    Test beds and demos set faults over HTTP (``POST <prefix>/__faults``), so an end-to-end
    test can make one route of a real upstream slow or failing while the rest answers.
    ``{"path": "/vendors$", "answer": "wrong_shape", "shape": [1, 2]}`` answers ``[1, 2]``; a
    broken answer's status is 200 unless ``status`` says otherwise.
    """

    __slots__ = ("answer", "delay_s", "method", "path", "remaining", "shape", "status")

    def __init__(
        self,
        path: str,
        *,
        method: str | None = None,
        status: int | None = None,
        delay_ms: float = 0.0,
        times: int | None = None,
        answer: str | None = None,
        shape: object = None,
    ) -> None:
        if answer is not None and answer not in ANSWER_FAULTS:
            raise ValueError(f"`answer` must be one of {', '.join(sorted(ANSWER_FAULTS))}")
        self.path = re.compile(path)
        self.method = method.upper() if method else None
        self.status = status
        self.delay_s = delay_ms / 1000.0
        self.remaining = times
        self.answer = answer
        self.shape = _DEFAULT_SHAPE if shape is None else shape

    @classmethod
    def parse(cls, raw: object) -> Fault:
        if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
            raise ValueError("a fault is an object with a `path` regular expression")
        unknown = set(raw) - _FAULT_KEYS
        if unknown:
            # A misspelt key (`delay_s`) would otherwise leave a test without its fault.
            raise ValueError(f"unknown fault keys: {', '.join(sorted(unknown))}")
        status, delay, times = raw.get("status"), raw.get("delay_ms", 0), raw.get("times")
        answer = raw.get("answer")
        if answer is not None and not isinstance(answer, str):
            raise ValueError(f"`answer` must be one of {', '.join(sorted(ANSWER_FAULTS))}")
        # A broken answer may come with any status (a 200 that is HTML); alone, a status
        # is an error answer.
        lowest = 200 if answer is not None else 400
        if status is not None and not (isinstance(status, int) and lowest <= status <= 599):
            raise ValueError(f"`status` must be an HTTP status ({lowest}-599)")
        if not isinstance(delay, int | float) or delay < 0:
            raise ValueError("`delay_ms` must be a non-negative number")
        if times is not None and not (isinstance(times, int) and times > 0):
            raise ValueError("`times` must be a positive whole number")
        if "shape" in raw and answer != "wrong_shape":
            raise ValueError("`shape` goes with `answer: wrong_shape`")
        method = raw.get("method")
        return cls(
            raw["path"],
            method=method if isinstance(method, str) else None,
            status=status,
            delay_ms=float(delay),
            times=times,
            answer=answer,
            shape=raw.get("shape"),
        )

    def matches(self, method: str, path: str) -> bool:
        if self.remaining == 0 or (self.method is not None and self.method != method):
            return False
        return self.path.search(path) is not None

    async def play(self, request: web.Request, streams: OpenStreams) -> web.StreamResponse:
        """The broken answer itself."""
        status = self.status or 200
        if self.answer == "malformed":
            return web.Response(
                body=b'{"items": [{"id": 1,', status=status, content_type="application/json"
            )
        if self.answer == "wrong_shape":
            return json_response(self.shape, status)
        if self.answer == "wrong_content_type":
            return web.Response(
                text="<html><body>Please sign in</body></html>",
                status=status,
                content_type="text/html",
            )
        if self.answer == "truncated":
            return await _truncated(request, status)
        return await _endless(request, status, streams)


async def _truncated(request: web.Request, status: int) -> web.StreamResponse:
    sent = b'{"items": [{"id": 1}, {"id": 2'
    response = web.StreamResponse(status=status, headers={"content-type": "application/json"})
    response.content_length = len(sent) * 4
    await response.prepare(request)
    await response.write(sent)
    # Closing the transport (not ending the response) is what leaves the promise unkept.
    if request.transport is not None:
        request.transport.close()
    return response


async def _endless(request: web.Request, status: int, streams: OpenStreams) -> web.StreamResponse:
    response = web.StreamResponse(status=status, headers={"content-type": "application/json"})
    await response.prepare(request)
    streams.count += 1
    try:
        await response.write(b'{"items": [')
        while True:
            await asyncio.sleep(_ENDLESS_CHUNK_S)
            # The write fails once the client has hung up: that is what ends this loop.
            await response.write(b'{"id": 0}, ')
    except ConnectionError:
        # The client hung up, which is the only way this answer ends: nothing to report.
        return response
    finally:
        streams.count -= 1


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
    """Whether the request targets the simulator's own `__stats`, `__faults` or
    `__requests` routes."""
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


async def _logged_body(request: web.Request) -> object:
    """The request's JSON body for the log, or None when it has none or it is not JSON."""
    if not request.body_exists:
        return None
    # Form uploads are streamed part by part by their handlers (`request.multipart()`), and
    # reading them here would leave those handlers an empty stream. Every other body is
    # read with `request.read()`, which aiohttp caches for the handler's own reads.
    if request.content_type.startswith("multipart/form-data"):
        return None
    raw = await request.read()
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None


def simulator_app(
    *,
    latency_ms: float = 0.0,
    error_body: ErrorBody = _default_error_body,
    middlewares: Iterable[Middleware] = (),
) -> web.Application:
    """A sub-application with latency, request counting and logging, and the `__stats`,
    `__faults` and `__requests` routes.

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

    log = RequestLog()

    @web.middleware
    async def log_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not is_stats_request(request):
            prefix_len = len(stats_resource.canonical) - len(STATS_PATH)
            body = await _logged_body(request)
            log.record(
                request.method,
                request.path[prefix_len:],
                request.query,
                body,
                request.headers.get("x-request-id"),
            )
        return await handler(request)

    faults: list[Fault] = []
    streams = OpenStreams()

    @web.middleware
    async def inject_faults(request: web.Request, handler: Handler) -> web.StreamResponse:
        if faults and not is_stats_request(request):
            prefix_len = len(stats_resource.canonical) - len(STATS_PATH)
            path = request.path[prefix_len:]
            for fault in faults:
                if fault.matches(request.method, path):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                    if fault.delay_s:
                        await asyncio.sleep(fault.delay_s)
                    if fault.answer is not None:
                        return await fault.play(request, streams)
                    if fault.status is not None:
                        return json_response(
                            error_body(fault.status, "Injected fault"), fault.status
                        )
                    break
        return await handler(request)

    async def set_faults(request: web.Request) -> web.Response:
        try:
            raw = await request.json()
            parsed = [Fault.parse(f) for f in (raw if isinstance(raw, list) else [raw])]
        except (ValueError, re.error) as exc:
            return json_response(error_body(400, str(exc)), 400)
        faults[:] = parsed
        return web.Response(status=204)

    async def clear_faults(request: web.Request) -> web.Response:
        faults.clear()
        return web.Response(status=204)

    @web.middleware
    async def inject_latency(request: web.Request, handler: Handler) -> web.StreamResponse:
        if delay > 0 and not is_stats_request(request):
            await asyncio.sleep(delay)
        return await handler(request)

    async def get_stats(request: web.Request) -> web.Response:
        return json_response(stats.snapshot())

    async def reset_stats(request: web.Request) -> web.Response:
        stats.reset()
        log.clear()
        return web.Response(status=204)

    async def get_requests(request: web.Request) -> web.Response:
        return json_response(log.snapshot())

    app = web.Application(
        middlewares=[
            error_middleware(error_body),
            count_requests,
            log_requests,
            inject_latency,
            inject_faults,
            *middlewares,
        ]
    )
    stats_resource = app.router.add_resource(STATS_PATH)
    stats_resource.add_route("GET", get_stats)
    reset_resource = app.router.add_resource(STATS_PATH + "/reset")
    reset_resource.add_route("POST", reset_stats)
    faults_resource = app.router.add_resource(FAULTS_PATH)
    faults_resource.add_route("POST", set_faults)
    faults_resource.add_route("DELETE", clear_faults)
    requests_resource = app.router.add_resource(REQUESTS_PATH)
    requests_resource.add_route("GET", get_requests)
    app[STATS_KEY] = stats
    app[REQUEST_LOG_KEY] = log
    app[OPEN_STREAMS_KEY] = streams
    app[_STATS_RESOURCES_KEY] = (
        stats_resource,
        reset_resource,
        faults_resource,
        requests_resource,
    )
    return app


def add_control_route(
    app: web.Application, path: str, handlers: Mapping[str, Handler]
) -> web.AbstractResource:
    """A test-bed route of one simulator beside `__stats`, `__faults` and `__requests`
    (e.g. a view of the emails it sent): like them it is not counted, logged, delayed or
    faulted, so a test's own look at the simulator never shows up in what it measures."""
    resource = app.router.add_resource(path)
    for method, handler in handlers.items():
        resource.add_route(method, handler)
    app[_STATS_RESOURCES_KEY] = (*app[_STATS_RESOURCES_KEY], resource)
    return resource


class SimulatorError(Exception):
    """An answer other than success, raised from deep inside a simulator's handler: the
    status and the body in the upstream's own error shape."""

    def __init__(self, status: int, body: object) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


@web.middleware
async def answer_simulator_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every simulator's middleware that turns a raised :class:`SimulatorError` into its
    answer."""
    try:
        return await handler(request)
    except SimulatorError as exc:
        return json_response(exc.body, exc.status)


# Family names both simulators draw generated people from (each adds a few of its own after
# them, so the seeded data of each stays what it was).
COMMON_LAST_NAMES: Final = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
    "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
    "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
    "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter",
    "Roberts",
)  # fmt: skip
