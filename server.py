"""Partner Graph's HTTP server: ``python server.py [--host H] [--port P]``.

Serves ``/graphql`` (POST and GET, GraphiQL for browsers, graphql-transport-ws), ``/healthz``
(the process is alive), ``/readyz`` (every configured upstream answers its health call) and
``POST /webhooks/bastion`` (Bastion's events, published to subscriptions). With no upstream
base URL in the environment it embeds the simulators on loopback and says so first thing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import importlib.util
import logging
import os
import re
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Final

import orjson
from aiohttp import web
from aiohttp.multipart import BodyPartReader
from cross_web import AiohttpHTTPRequestAdapter, AsyncHTTPRequestAdapter, FormData, HTTPException
from strawberry.aiohttp.views import AiohttpWebSocketAdapter, GraphQLView
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from resolvers.core.context import Context, Upstreams
from resolvers.core.events import EventBus, InProcessEventBus
from resolvers.core.paging import set_cursor_secret
from resolvers.endorsements import webhooks
from resolvers.endorsements.webhooks import BastionWebhookReceiver, EventParser, WebhookSettings
from schema import schema
from schema.core.cost import DEFAULT_MAX_RESPONSE_BYTES, CostSettings, bounded_json
from upstreams import UpstreamError
from upstreams._declaration import Upstream
from upstreams._http import CALLER_TOKEN, REQUEST_ID
from upstreams.bastion.records import UnknownEvent, read_event
from upstreams.config import ConfigError, Settings
from upstreams.registry import REGISTRY, build_clients, embedded_settings, load_settings

__all__ = ["create_app", "main"]

log = logging.getLogger("partner_graph")
SETTINGS = web.AppKey("settings", Settings)
UPSTREAMS = web.AppKey("upstreams", Upstreams)
EVENTS = web.AppKey("events", EventBus)
WEBHOOK = web.AppKey("bastion_webhook", BastionWebhookReceiver)
# What /readyz says about registering the webhook with Bastion ("pending", "registered", or
# "not registered: why"); absent when registration is off.
WEBHOOK_REGISTRATION = web.AppKey("bastion_webhook_registration", dict[str, str])
READY_TIMEOUT_S = 3.0
# Bodies beyond this answer 413. A query is at most 10,000 tokens and uploads are off, so
# 1 MiB leaves room for large variables and nothing more.
MAX_BODY_BYTES = 1024 * 1024


# --- GraphiQL, offline ----------------------------------------------------------------------
# Strawberry's GraphiQL page loads its scripts from a CDN. The same GraphiQL build, React and
# the explorer plugin ship in the graphene-django-graphiql-static wheel (BSD; static files,
# no dependencies), so the page is served with every asset from this process and analysts
# can explore the graph with no internet. Without the wheel, Strawberry's page is used.

ASSET_ROUTE = "/graphiql/assets/{name}"
_PACKAGE = "graphene_django_graphiql_static"
_ASSETS = {
    "graphiql.min.css": "text/css",
    "style.css": "text/css",
    "react.production.min.js": "application/javascript",
    "react-dom.production.min.js": "application/javascript",
    "graphiql.min.js": "application/javascript",
    "graphiql-plugin-explorer.umd.js": "application/javascript",
}
_ASSET_DIR = web.AppKey("graphiql_assets", Path)
# What an analyst sees first: the six entities of the graph, from five upstreams, at once.
# The same document as bench/queries/six_entities.graphql (a test keeps them equal).
_EXAMPLE = """# Partner Graph: six entities from five upstreams in one request, each upstream's part
# fetched at once. Open the docs (book icon) for every type, field and filter.
{
  members(first: 5) {
    nodes { memberId firstName lastName enrollments { enrollmentId programId } }
  }
  organizations(first: 5) {
    nodes { organizationId organizationName }
  }
  enrollee(memberId: "100004976") {
    memberId firstName lastName status plan { planId name }
  }
  apis(first: 5, filter: {category: {eq: "Patient"}}) {
    totalCount
    nodes { apiId name version }
  }
  misps(first: 5) {
    totalCount
    nodes { mispId organizationName status }
  }
}
"""


def _asset_dir() -> Path | None:
    """Where the wheel keeps the files, without importing it (it is a Django app)."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static" / _PACKAGE
    return folder if all((folder / name).is_file() for name in _ASSETS) else None


def graphiql_page(endpoint: str = "/graphql") -> str:
    """The GraphiQL page, with every script and style from this server."""
    base = ASSET_ROUTE.removesuffix("{name}")
    styles = "".join(
        f'<link rel="stylesheet" href="{base}{n}">'
        for n, kind in _ASSETS.items()
        if kind == "text/css"
    )
    scripts = "".join(
        f'<script src="{base}{n}"></script>' for n, kind in _ASSETS.items() if kind != "text/css"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Partner Graph — GraphiQL</title>
<style>html, body, #graphiql {{ height: 100%; margin: 0; overflow: hidden; width: 100%; }}</style>
{styles}{scripts}
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script>
  const fetcher = GraphiQL.createFetcher({{ url: {endpoint!r} }});
  const withExplorer = Boolean(window.GraphiQLPluginExplorer);
  function App() {{
    const [query, setQuery] = React.useState(undefined);
    const plugins = withExplorer
      ? [GraphiQLPluginExplorer.useExplorerPlugin({{ query: query || "", onEdit: setQuery }})]
      : [];
    return React.createElement(GraphiQL, {{
      fetcher, query, onEditQuery: setQuery, plugins, defaultEditorToolsVisibility: true,
      defaultQuery: {_EXAMPLE!r},
    }});
  }}
  const root = document.getElementById("graphiql");
  const app = React.createElement(App);
  if (ReactDOM.createRoot) {{ ReactDOM.createRoot(root).render(app); }}
  else {{ ReactDOM.render(app, root); }}
</script>
</body>
</html>"""


def install_graphiql(app: web.Application) -> bool:
    """Serve the assets from ``app``; false when the wheel is not installed."""
    folder = _asset_dir()
    if folder is None:
        return False
    app[_ASSET_DIR] = folder
    app.router.add_get(ASSET_ROUTE, _serve_asset)
    return True


async def _serve_asset(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    kind = _ASSETS.get(name)
    if kind is None:  # only the known files: no path from the URL reaches the disk
        raise web.HTTPNotFound()
    body = (request.app[_ASSET_DIR] / name).read_bytes()
    return web.Response(
        body=body,
        content_type=kind,
        headers={"cache-control": "public, max-age=86400"},
    )


# --- GraphQL over HTTP ----------------------------------------------------------------------
# https://graphql.github.io/graphql-over-http/draft/ : a client that accepts
# application/graphql-response+json gets it, with 4xx for requests that never executed
# (parse, validation, variable coercion); application/json keeps 200 for those (the spec's
# legacy path). Either way such a response has no `data` entry, and every error body, of the
# view or of aiohttp (404, 405, 413), is a GraphQL response in JSON with a code.

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
APPLICATION_JSON = "application/json"
_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    500: "INTERNAL_SERVER_ERROR",
}


def response_media_type(accept: str | None) -> str:
    """The response's media type for an Accept header: the graphql-response type when the
    client prefers it (or ranks it equal to JSON), application/json otherwise."""
    if not accept:
        return APPLICATION_JSON
    best: dict[str, float] = {}
    for item in accept.split(","):
        kind, _, params = item.partition(";")
        kind = kind.strip().lower()
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        target = GRAPHQL_RESPONSE_JSON if kind == GRAPHQL_RESPONSE_JSON else APPLICATION_JSON
        if kind in (GRAPHQL_RESPONSE_JSON, APPLICATION_JSON, "application/*", "*/*"):
            best[target] = max(best.get(target, 0.0), q)
    graphql_q = best.get(GRAPHQL_RESPONSE_JSON, 0.0)
    if graphql_q > 0 and graphql_q >= best.get(APPLICATION_JSON, 0.0):
        return GRAPHQL_RESPONSE_JSON
    return APPLICATION_JSON


def error_response(
    request: web.Request,
    status: int,
    message: str,
    *,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> web.Response:
    """A GraphQL response without `data`, for a request that was refused before execution."""
    body = {
        "errors": [
            {"message": message, "extensions": {"code": code or _CODES.get(status, "BAD_REQUEST")}}
        ]
    }
    response = web.Response(body=orjson.dumps(body), status=status, headers=headers)
    response.content_type = response_media_type(request.headers.get("accept"))
    response.charset = "utf-8"
    return response


class _Refused(HTTPException):
    """A refusal with its own code and headers (405 carries Allow)."""

    def __init__(
        self, status: int, reason: str, *, code: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(status, reason)
        self.code = code
        self.headers = dict(headers or {})


def _is_request_error(result: ExecutionResult) -> bool:
    """True when execution never started: parse or validation failed (PreExecutionError),
    or the variables did not coerce (no data and no error with a path)."""
    if isinstance(result, PreExecutionError):
        return True
    return (
        result.data is None
        and bool(result.errors)
        and all(e.path is None for e in result.errors or ())
    )


# --- Request ids ----------------------------------------------------------------------------
# A caller's id is kept only when it is short and plain, so it cannot flood or forge log lines;
# anything else is replaced, never trimmed (a trimmed id would match nobody's logs).
_PLAIN_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_for(sent: str | None) -> str:
    if sent is not None and _PLAIN_REQUEST_ID.fullmatch(sent):
        return sent
    return uuid.uuid4().hex


_BEARER = re.compile(r"Bearer ([A-Za-z0-9._~+/=-]{1,4096})", re.IGNORECASE)


def caller_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None (anything else is
    ignored: the gateway has no accounts of its own; the upstreams that act for the caller
    receive it, see :data:`upstreams._http.CALLER_TOKEN`)."""
    found = _BEARER.fullmatch(header.strip()) if header else None
    return found.group(1) if found else None


@web.middleware
async def request_ids_and_json_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Every response carries ``x-request-id``; every error, aiohttp's own included, is JSON.

    The id also goes into :data:`upstreams._http.REQUEST_ID`, which the upstream clients
    forward: the handler (and the resolvers it awaits) runs in this task's context.
    """
    request_id = request_id_for(request.headers.get("x-request-id"))
    token = REQUEST_ID.set(request_id)
    authorization = request.headers.get("authorization")
    forwarded = caller_token(authorization)
    caller = CALLER_TOKEN.set(forwarded)
    try:
        if authorization is not None and forwarded is None and request.path != "/webhooks/bastion":
            # Credentials the gateway cannot pass on must not fall back to the configured
            # ones: the caller would act as the gateway's own account.
            raise _refuse(
                web.HTTPUnauthorized,
                "The Authorization header is not `Bearer <token>` (a token of 1 to 4096 "
                "characters: letters, digits and -._~+/=); send one, or none.",
            )
        response: web.StreamResponse = await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:  # redirects and the like pass as aiohttp made them
            exc.headers["x-request-id"] = request_id
            raise
        kept = {k: v for k, v in exc.headers.items() if k.lower() not in _NOT_KEPT}
        response = error_response(request, exc.status, exc.reason, headers=kept)
    except Exception:
        log.exception(
            "unexpected error serving %s %s (request %s)", request.method, request.path, request_id
        )
        response = error_response(request, 500, f"Unexpected error (request {request_id}).")
    finally:
        REQUEST_ID.reset(token)
        CALLER_TOKEN.reset(caller)
    if not response.prepared:  # a websocket is prepared by the view, with the header set
        response.headers["x-request-id"] = request_id
    return response


_NOT_KEPT = frozenset({"content-type", "content-length"})


# --- uploads (the GraphQL multipart request spec) ------------------------------------------

# multipart/form-data is a CORS-simple content type: a page on any site can make a browser
# POST one with the user's cookies. Requiring a header that no simple request carries makes
# the browser ask first (a preflight), which a cross-site page cannot pass.
PREFLIGHT_HEADERS: Final = ("graphql-require-preflight", "apollo-require-preflight")


@dataclass(frozen=True)
class UploadLimits:
    """How large and how many files one multipart request may carry."""

    max_file_bytes: int = 5 * 1024 * 1024
    max_files: int = 4
    # The `operations` and `map` parts, and any other text part.
    max_text_bytes: int = MAX_BODY_BYTES

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> UploadLimits:
        def number(key: str, default: int) -> int:
            raw = env.get(key)
            if not raw:
                return default
            if not raw.isdigit() or int(raw) < 1:
                raise ConfigError(f"{key} must be a whole number of at least 1, got {raw!r}")
            return int(raw)

        return cls(
            max_file_bytes=number("PARTNER_GRAPH_MAX_UPLOAD_BYTES", 5 * 1024 * 1024),
            max_files=number("PARTNER_GRAPH_MAX_UPLOADS", 4),
        )


UPLOAD_LIMITS = web.AppKey("upload_limits", UploadLimits)


class UploadedFile(BytesIO):
    """An uploaded file: its bytes, and the name and type the client gave it (Strawberry's
    own reader keeps the bytes only, and the file type is checked by its name)."""

    def __init__(self, content: bytes, filename: str, content_type: str | None) -> None:
        super().__init__(content)
        self.filename = filename
        self.content_type = content_type


def _refuse(status: type[web.HTTPException], message: str) -> web.HTTPException:
    """An aiohttp error the middleware answers as JSON with ``message`` (its reason)."""
    if status is web.HTTPRequestEntityTooLarge:
        # Its constructor wants the sizes for its own text, which the reason replaces.
        return web.HTTPRequestEntityTooLarge(max_size=0, actual_size=0, reason=message)
    return status(reason=message)


async def _read_part(part: BodyPartReader, limit: int, what: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise _refuse(web.HTTPRequestEntityTooLarge, f"{what} is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


class BoundedUploadAdapter(AiohttpHTTPRequestAdapter):
    """Strawberry's request adapter, reading a multipart body within limits, after the
    preflight-header check (400 without it), and keeping each file's name and type."""

    async def get_form_data(self) -> FormData:
        if self._form_data is not None:
            return self._form_data
        request = self.request
        if not any(request.headers.get(h) for h in PREFLIGHT_HEADERS):
            raise _refuse(
                web.HTTPBadRequest,
                "A multipart request must carry the header GraphQL-Require-Preflight: 1 "
                "(it keeps other sites from sending uploads with a browser's credentials).",
            )
        limits = request.app[UPLOAD_LIMITS]
        reader = await request.multipart()
        form: dict[str, Any] = {}
        files: dict[str, Any] = {}
        file_parts = text_parts = 0
        text_left = limits.max_text_bytes
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or not part.name:
                raise _refuse(web.HTTPBadRequest, "Every multipart part needs a name.")
            if part.name in files or part.name in form:
                raise _refuse(web.HTTPBadRequest, f"The part name {part.name!r} is repeated.")
            if part.filename:
                file_parts += 1
                if file_parts > limits.max_files:
                    raise _refuse(
                        web.HTTPRequestEntityTooLarge,
                        f"At most {limits.max_files} files per request.",
                    )
                content = await _read_part(part, limits.max_file_bytes, f"The file {part.name!r}")
                files[part.name] = UploadedFile(
                    content, part.filename, part.headers.get("content-type")
                )
            else:
                # `operations` and `map`, and nothing else the spec defines.
                text_parts += 1
                if text_parts > 2:
                    raise _refuse(
                        web.HTTPBadRequest,
                        "A multipart request carries `operations`, `map` and files only.",
                    )
                text = await _read_part(part, text_left, "The multipart request's text")
                text_left -= len(text)
                try:
                    form[part.name] = text.decode()
                except UnicodeDecodeError:
                    raise _refuse(
                        web.HTTPBadRequest, f"The part {part.name!r} is not UTF-8."
                    ) from None
        self._form_data = FormData(files=files, form=form)
        return self._form_data


class TextFrameWebSocketAdapter(AiohttpWebSocketAdapter):
    """Every websocket message as a text frame.

    Strawberry sends ``send_bytes`` whenever the view's ``encode_json`` returns bytes (ours
    does: orjson), and graphql-transport-ws clients (``graphql-ws`` in JS, ``gql`` in
    Python) refuse binary frames. orjson's output is UTF-8 by construction, so decoding it
    is a plain copy: the speed of orjson is kept.
    """

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_str(self.view.encode_json_string(message))
        except (RuntimeError, ConnectionResetError) as exc:
            # As Strawberry's adapter: a socket closed under us ends the handler quietly.
            raise WebSocketDisconnected from exc


class PartnerGraphView(GraphQLView[Context, None]):
    """The GraphQL endpoint: a fresh context (loaders, request id) per request, and the
    GraphQL-over-HTTP rules (media types, status codes, JSON error bodies)."""

    websocket_adapter_class = TextFrameWebSocketAdapter
    request_adapter_class = BoundedUploadAdapter

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        try:
            return await self.run(request=request)
        except _Refused as exc:
            return error_response(
                request, exc.status_code, exc.reason, code=exc.code, headers=exc.headers
            )
        except HTTPException as exc:
            headers = {"Allow": "GET, POST"} if exc.status_code == 405 else None
            return error_response(request, exc.status_code, exc.reason, headers=headers)

    async def render_graphql_ide(self, request: web.Request) -> web.Response:
        if request.app.get(_ASSET_DIR) is None:
            return await super().render_graphql_ide(request)
        return web.Response(text=graphiql_page(request.path), content_type="text/html")

    async def create_websocket_response(
        self, request: web.Request, subprotocol: str | None
    ) -> web.WebSocketResponse:
        # Prepared here, before the middleware sees it: the handshake gets its id now.
        ws = web.WebSocketResponse(protocols=[subprotocol] if subprotocol else [])
        ws.headers["x-request-id"] = REQUEST_ID.get() or uuid.uuid4().hex
        await ws.prepare(request)
        return ws

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """Strawberry's parsing, with every malformed request refused as a 4xx: a body that
        is not a JSON object (``42``, ``null``, ``[]``, bad UTF-8), a wrong content type or
        charset, and parameters of the wrong type (operationName included)."""
        content_type, params = parse_content_type(request.content_type or "")
        if request.method == "POST" and not (
            self.multipart_uploads_enabled and content_type == "multipart/form-data"
        ):
            if content_type != APPLICATION_JSON:
                raise _Refused(
                    415,
                    "Send the request as application/json.",
                    code="UNSUPPORTED_MEDIA_TYPE",
                )
            if params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
                raise _Refused(415, "Send the request in UTF-8.", code="UNSUPPORTED_MEDIA_TYPE")
            body = await request.get_body()
            if not body.strip():
                raise HTTPException(400, "The request body is empty; send a JSON object.")
            if not isinstance(self.parse_json(body), dict):
                raise HTTPException(
                    400, "The request body must be a JSON object with a `query` string."
                )
        try:
            data = await super().parse_http_body(request)
        except (AttributeError, IndexError, KeyError, TypeError) as exc:
            # Strawberry places each file at its `map` path without checking the path: a
            # malformed `operations` or `map` ends here rather than in a 500.
            raise HTTPException(
                400,
                "The multipart request's `operations` must be a JSON object with `variables`, "
                "and its `map` an object of file part names to lists of paths to null "
                "variables (the GraphQL multipart request spec).",
            ) from exc
        for item in data if isinstance(data, list) else [data]:
            name = item.operation_name
            if not isinstance(name, str | None):
                raise HTTPException(
                    400, "The GraphQL operation's `operationName` must be a string or null."
                )
        return data

    def decode_json(self, data: str | bytes) -> object:
        # orjson raises JSONDecodeError (a json.JSONDecodeError) for invalid UTF-8 as well,
        # which Strawberry turns into a 400; json.loads raised UnicodeDecodeError, a 500.
        return orjson.loads(data)

    async def execute_single(
        self,
        request: web.Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: web.Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as exc:
            cause = exc.__cause__
            if (
                request_adapter.method == "GET"
                and isinstance(cause, InvalidOperationTypeError)
                and cause.operation_type is OperationType.MUTATION
            ):
                raise _Refused(
                    405,
                    "Mutations are not allowed over GET; send them with POST.",
                    code="METHOD_NOT_ALLOWED",
                    headers={"Allow": "POST"},
                ) from cause
            raise

    async def process_result(
        self, request: web.Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Parse and validation errors never reach the schema's extensions: code them here.
        for error in result.errors or ():
            if not (error.extensions or {}).get("code"):
                code = (
                    "GRAPHQL_PARSE_FAILED"
                    if error.message.startswith("Syntax Error")
                    else "GRAPHQL_VALIDATION_FAILED"
                )
                error.extensions = {**(error.extensions or {}), "code": code}
        response = process_result(result)
        if _is_request_error(result):
            # The operation never executed: per GraphQL, no `data` entry at all.
            response.pop("data", None)
        return response

    async def get_sub_response(self, request: web.Request) -> web.Response:
        response = web.Response()
        response.content_type = response_media_type(request.headers.get("accept"))
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: web.Response,
    ) -> web.Response:
        sub_response.body = self.encode_json(response_data)
        sub_response.charset = "utf-8"
        if (
            sub_response.content_type == GRAPHQL_RESPONSE_JSON
            and isinstance(response_data, dict)
            and "data" not in response_data
        ):
            codes = {
                (e.get("extensions") or {}).get("code")
                for e in response_data.get("errors") or ()
                if isinstance(e, dict)
            }
            sub_response.set_status(500 if "INTERNAL_SERVER_ERROR" in codes else 400)
        return sub_response

    max_response_bytes = DEFAULT_MAX_RESPONSE_BYTES  # create_app sets it from the settings

    def encode_json(self, data: object) -> bytes:
        # orjson: several times faster than json.dumps on a 100-row page; a result over the
        # bound is replaced by a RESPONSE_TOO_LARGE error.
        return bounded_json(data, self.max_response_bytes)

    async def get_context(self, request: web.Request, response: Any) -> Context:
        # Set by the request-id middleware, which wraps every route.
        request_id = REQUEST_ID.get() or uuid.uuid4().hex
        return Context(request.app[UPSTREAMS], request_id, events=request.app[EVENTS])


def build_upstreams(settings: Settings) -> Upstreams:
    return Upstreams(build_clients(settings))


async def _healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "alive"})


async def _readyz(request: web.Request) -> web.Response:
    upstreams = request.app[UPSTREAMS]

    async def check(upstream: Upstream[Any]) -> str | None:
        client = upstreams.by_name[upstream.name]
        if not client.settings.configured:
            return "not configured"
        try:
            async with asyncio.timeout(READY_TIMEOUT_S):
                ok = await upstream.check(client)
        except TimeoutError:
            return "no answer in time"
        except UpstreamError as exc:
            return exc.summary
        return None if ok else "unexpected health answer"

    names = [u.name for u in REGISTRY]
    results = await asyncio.gather(*(check(u) for u in REGISTRY))
    failing = {n: r for n, r in zip(names, results, strict=True) if r is not None}
    body: dict[str, Any] = {
        "status": "not ready" if failing else "ready",
        "upstreams": {n: failing.get(n, "ready") for n in names},
    }
    if failing:
        body["failing"] = sorted(failing)
    registration = request.app.get(WEBHOOK_REGISTRATION)
    if registration is not None:
        # Reported, never failing readiness: without the registration the graph still
        # answers, and Bastion may have been pointed at us by hand.
        body["webhooks"] = dict(registration)
    return web.json_response(body, status=503 if failing else 200)


# --- Bastion's webhook ------------------------------------------------------------------------
# The rules live in resolvers/endorsements/webhooks.py; here only the HTTP: a body read up to
# one byte over the receiver's limit (never all of a large one), and the answer as JSON.

# Bastion's reader of webhook bodies, and its "an event we do not know" (answered 200).
WEBHOOK_EVENT_PARSER: EventParser | None = read_event
WEBHOOK_IGNORED: tuple[type[Exception], ...] = (UnknownEvent,)


async def _read_at_most(request: web.Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is known to be over ``limit`` bytes.

    A declared length over the limit is refused unread; a chunked body is read until it
    passes the limit and no further.
    """
    declared = request.content_length
    if declared is not None and declared > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await request.content.read(limit + 1 - size)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None


async def _bastion_webhook(request: web.Request) -> web.Response:
    receiver = request.app[WEBHOOK]
    body = await _read_at_most(request, receiver.max_body_bytes)
    answer = receiver.too_large() if body is None else await receiver.receive(body)
    return web.json_response(dict(answer.body), status=answer.status)


CURSOR_SECRET = "PARTNER_GRAPH_CURSOR_SECRET"


def _configure_cursors(env: Mapping[str, str], settings: Settings) -> None:
    secret = env.get(CURSOR_SECRET, "")
    if secret:
        try:
            set_cursor_secret(secret.encode())
        except ValueError as exc:
            raise ConfigError(f"{CURSOR_SECRET}: {exc}") from None
    elif not settings.embedded:
        # A generated secret is right for one process on demo data; real deployments restart
        # and run replicas, where cursors must outlive the process that made them.
        log.warning(
            "%s is not set: cursors are signed with a generated secret and stop working when "
            "this process restarts or a request lands on another replica",
            CURSOR_SECRET,
        )


def create_app(
    env: Mapping[str, str] | None = None,
    *,
    simulator_sizes: Mapping[str, int] | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    self_url: str | None = None,
    events: EventBus | None = None,
    webhook_parser: EventParser | None = None,
) -> web.Application:
    """The whole server as an aiohttp app; embedded simulators start with it when unset.

    ``self_url`` is the gateway's own base URL (``main`` passes its loopback address): the
    embedded set-up registers it with Bastion as the webhook. ``events`` is the process's
    event bus (in-process by default; a shared broker for replicas). ``webhook_parser`` reads
    Bastion's webhook bodies (default :data:`WEBHOOK_EVENT_PARSER`).
    """
    environ = os.environ if env is None else env
    settings = load_settings(environ)
    _configure_cursors(environ, settings)
    webhook_settings = WebhookSettings.from_env(
        environ, embedded=settings.embedded, self_url=self_url
    )
    app = web.Application(middlewares=[request_ids_and_json_errors], client_max_size=max_body_bytes)
    app[SETTINGS] = settings
    # One bus for the process, shared by every request (unlike loaders): webhooks publish
    # on it, subscriptions read it.
    app[EVENTS] = bus = events if events is not None else InProcessEventBus()
    parser = webhook_parser or WEBHOOK_EVENT_PARSER
    app[WEBHOOK] = BastionWebhookReceiver(
        # Without a parser the receiver cannot read an event: off (503) rather than wrong.
        access_key=webhook_settings.access_key if parser is not None else None,
        bus=bus,
        parse=parser or _no_parser,
        ignore=WEBHOOK_IGNORED,
    )
    if webhook_settings.register:
        app[WEBHOOK_REGISTRATION] = {"bastion": "pending"}
    _log_webhook(webhook_settings, parser is not None)

    async def lifecycle(app: web.Application) -> Any:
        running = None
        active = settings
        if settings.embedded:
            from upstreams.simulators import PREFIXES, start

            running = await start(port=0, sizes=simulator_sizes)
            active = embedded_settings(settings, {n: running.url(n) for n in PREFIXES})
            log.info(
                "no upstream configured: serving the embedded simulators at %s", running.base_url
            )
        else:
            configured = [n for n, s in settings.upstreams.items() if s.configured]
            log.info("upstreams configured: %s", ", ".join(configured))
        app[UPSTREAMS] = build_upstreams(active)
        registering = None
        if webhook_settings.register:
            # In the background: an unreachable Bastion must not hold up the start (nor stop
            # it); /readyz shows the outcome.
            registering = asyncio.create_task(
                _register(app, webhook_settings), name="bastion-webhook-registration"
            )
        yield
        if registering is not None:
            registering.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await registering
        await bus.aclose()
        await app[UPSTREAMS].aclose()
        if running is not None:
            await running.close()

    app.cleanup_ctx.append(lifecycle)
    app[UPLOAD_LIMITS] = UploadLimits.from_env(environ)
    view = PartnerGraphView(
        schema=schema,
        graphql_ide="graphiql",
        allow_queries_via_get=True,
        multipart_uploads_enabled=True,
    )
    view.max_response_bytes = CostSettings.from_env(
        os.environ if env is None else env
    ).max_response_bytes
    app.router.add_route("*", "/graphql", view)
    install_graphiql(app)
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/readyz", _readyz)
    app.router.add_post(webhooks.PATH, _bastion_webhook)
    return app


async def _register(app: web.Application, settings: WebhookSettings) -> None:
    # The Bastion client is found by its registry name, "bastion" (see
    # resolvers.endorsements.webhooks.register_webhook).
    outcome = await webhooks.register_webhook(app[UPSTREAMS].by_name, settings)
    app[WEBHOOK_REGISTRATION]["bastion"] = outcome


def _no_parser(body: object) -> Any:  # pragma: no cover - the receiver is off without one
    raise AssertionError("no webhook event parser is wired")


def _log_webhook(settings: WebhookSettings, parser: bool) -> None:
    """Say at start where Bastion's events are accepted (never the key itself)."""
    if not parser:
        log.warning("bastion webhook: no event parser wired, %s answers 503", webhooks.PATH)
    elif settings.access_key is None:
        log.info(
            "bastion webhook: off, %s answers 503 (%s is not set)",
            webhooks.PATH,
            webhooks.ENV_ACCESS_KEY,
        )
    else:
        log.info(
            "bastion webhook: accepting events at %s (%s access key)",
            settings.url or webhooks.PATH,
            "a generated" if settings.key_generated else "the configured",
        )


def _loopback(host: str) -> str:
    """The address this process can reach itself at, for the embedded webhook URL."""
    if host in ("", "0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        app = create_app(self_url=f"http://{_loopback(args.host)}:{args.port}")
    except ConfigError as exc:
        log.error("configuration: %s", exc)
        return 2
    if app[SETTINGS].embedded:
        log.info("no upstream base URL set: embedding the simulators on loopback (demo data)")
    log.info("GraphiQL: http://%s:%s/graphql", args.host, args.port)
    # Everything alive now (the schema, Strawberry's types, the modules) lives as long as the
    # process: frozen, the collector stops walking it on every full collection. Measured:
    # 12-25 % more req/s on the flat page, same peak RSS.
    gc.freeze()
    loop = None
    if os.environ.get("PARTNER_GRAPH_UVLOOP", "1") != "0":
        try:
            import uvloop
        except ImportError:  # pragma: no cover - uvloop does not build everywhere
            pass
        else:
            loop = uvloop.new_event_loop()
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None, loop=loop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
