"""The simulator kit: request statistics, latency, JSON errors, mounting and serving."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from upstreams import UpstreamProtocolError, UpstreamTimeout
from upstreams._http import UpstreamClient
from upstreams.config import UpstreamSettings
from upstreams.datanexus.simulator import API_KEY, VENDOR_API_KEY
from upstreams.medallies.client import MedAlliesClient
from upstreams.simulators import CREDENTIALS, PREFIXES, build_app, start
from upstreams.simulators._kit import (
    OPEN_STREAMS_KEY,
    REQUEST_LOG_SIZE,
    STATS_KEY,
    add_control_route,
    is_stats_request,
    json_response,
    simulator_app,
)

_ROOT = Path(__file__).resolve().parents[3]


def _toy_app(*, latency_ms: float = 0.0) -> web.Application:
    app = simulator_app(latency_ms=latency_ms)

    async def item(request: web.Request) -> web.Response:
        return json_response({"id": request.match_info["item_id"]}, headers={"x-toy": "1"})

    async def boom(request: web.Request) -> web.Response:
        raise RuntimeError("a simulator bug")

    app.router.add_get("/items/{item_id}", item)
    app.router.add_post("/items", item)
    app.router.add_get("/boom", boom)
    return app


@asynccontextmanager
async def _serve(app: web.Application) -> AsyncIterator[httpx.AsyncClient]:
    server = TestServer(app)
    await server.start_server()
    try:
        async with httpx.AsyncClient(base_url=str(server.make_url(""))) as client:
            yield client
    finally:
        await server.close()


async def test_stats_count_requests_per_method_and_route_template() -> None:
    app = _toy_app()
    async with _serve(app) as client:
        for item_id in ("a", "b", "c"):
            assert (await client.get(f"/items/{item_id}")).status_code == 200
        assert (await client.get("/nowhere")).status_code == 404
        assert (await client.delete("/items/a")).status_code == 405

        stats = (await client.get("/__stats")).json()
        assert stats == {
            "total": 5,
            "routes": {
                "DELETE <unmatched>": 1,
                "GET /items/{item_id}": 3,
                "GET <unmatched>": 1,
            },
        }
        # Reading the stats is not itself counted.
        assert (await client.get("/__stats")).json()["total"] == 5
        assert app[STATS_KEY].count("GET /items/{item_id}") == 3

        reset = await client.post("/__stats/reset")
        assert reset.status_code == 204
        assert reset.content == b""
        assert (await client.get("/__stats")).json() == {"total": 0, "routes": {}}


async def test_errors_are_json_never_html() -> None:
    async with _serve(_toy_app()) as client:
        missing = await client.get("/nowhere")
        assert missing.headers["content-type"].startswith("application/json")
        assert missing.json() == {"error": {"status": 404, "message": "Not Found"}}

        wrong_method = await client.put("/items/a")
        assert wrong_method.status_code == 405
        assert wrong_method.json()["error"]["status"] == 405
        assert "GET" in wrong_method.headers["allow"]

        crash = await client.get("/boom")
        assert crash.status_code == 500
        assert crash.json() == {"error": {"status": 500, "message": "Internal Server Error"}}


async def test_json_response_uses_json_content_type_and_extra_headers() -> None:
    async with _serve(_toy_app()) as client:
        response = await client.get("/items/x")
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.headers["x-toy"] == "1"
    assert response.json() == {"id": "x"}


async def test_latency_is_added_to_every_request_but_stats() -> None:
    async with _serve(_toy_app(latency_ms=80)) as client:
        started = time.perf_counter()
        await client.get("/items/a")
        assert time.perf_counter() - started >= 0.08
        started = time.perf_counter()
        await client.get("/nowhere")
        assert time.perf_counter() - started >= 0.08

        started = time.perf_counter()
        await client.get("/__stats")
        await client.post("/__stats/reset")
        assert time.perf_counter() - started < 0.08


def test_negative_latency_is_refused() -> None:
    with pytest.raises(ValueError, match="latency_ms"):
        simulator_app(latency_ms=-1)


async def test_start_serves_every_simulator_under_its_prefix() -> None:
    assert PREFIXES == {
        "datanexus": "/datanexus",
        "medallies": "/medallies",
        "bastion": "/bastion",
        "portal": "/portal",
        "mosip": "/mosip",
    }
    async with await start(port=0, sizes={"scale": 100}) as simulators:
        assert simulators.base_url == f"http://127.0.0.1:{simulators.port}"
        assert simulators.port > 0
        assert simulators.url("datanexus") == simulators.base_url + "/datanexus"
        headers = {"authorization": f"apikey {API_KEY}"}
        async with httpx.AsyncClient(base_url=simulators.url("datanexus"), headers=headers) as c:
            assert (await c.get("/api/pings")).json() == {"data": [{"response": "pong"}]}
            await c.get("/api/members/7E8ln")
            await c.get("/api/members/7xZm3")
            await c.get("/api/members", params={"limit": 1})
            await c.get("/api/nothing")
            stats = (await c.get("/__stats")).json()
            assert stats == {
                "total": 5,
                "routes": {
                    "GET /api/members": 1,
                    "GET /api/members/{member_id}": 2,
                    "GET /api/pings": 1,
                    "GET <unmatched>": 1,
                },
            }
            assert (await c.post("/__stats/reset")).status_code == 204
            assert (await c.get("/__stats")).json()["total"] == 0

        async with httpx.AsyncClient(base_url=simulators.base_url) as c:
            # The stats routes need no API key, unlike the upstream's own routes.
            assert (await c.get("/datanexus/__stats")).status_code == 200
            assert (await c.get("/datanexus/api/pings")).status_code == 401
            outside = await c.get("/elsewhere")
            assert outside.status_code == 404
            assert outside.json()["upstreams"] == dict(PREFIXES)


async def test_each_build_gets_fresh_state() -> None:
    first, second = build_app(sizes={"scale": 100}), build_app(sizes={"scale": 100})
    assert first is not second
    async with _serve(first) as client:
        headers = {"authorization": f"apikey {API_KEY}"}
        await client.delete("/datanexus/api/members/o5kd3/consents/1362", headers=headers)
    async with _serve(second) as client:
        member = await client.get("/datanexus/api/members/o5kd3", headers=headers)
        assert [c["id"] for c in member.json()["data"]["consents"]] == [1362]


def test_credentials_banner_matches_the_simulators() -> None:
    assert set(CREDENTIALS) == set(PREFIXES)
    assert CREDENTIALS["datanexus"] == f"api key: {API_KEY}, vendor key: {VENDOR_API_KEY}"


async def test_command_line_serves_until_sigterm() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "upstreams.simulators",
        "--port",
        "0",
        "--scale",
        "50",
        cwd=_ROOT,
        env={**os.environ, "PYTHONPATH": str(_ROOT)},
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), timeout=20)).decode()
        assert line.startswith("datanexus: http://127.0.0.1:")
        assert line.rstrip().endswith("(api key: demo, vendor key: demo-vendor)")
        url = line.split()[1]
        async with httpx.AsyncClient() as client:
            pong = await client.get(url + "/api/pings", headers={"authorization": "apikey demo"})
        assert pong.status_code == 200
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_request_log_keeps_the_last_requests_with_their_json_bodies() -> None:
    app = _toy_app()

    async def echo(request: web.Request) -> web.Response:
        # The log read the body first: the handler must still see all of it.
        return json_response({"echo": await request.json()})

    app.router.add_post("/echo", echo)
    async with _serve(app) as client:
        await client.get("/items/a", params={"q": "1", "page": "2"})
        echoed = await client.post("/echo", json={"name": "x", "tags": [1, 2]})
        assert echoed.json() == {"echo": {"name": "x", "tags": [1, 2]}}
        await client.post("/items", content=b"not json", headers={"content-type": "text/plain"})
        await client.get("/nowhere")
        await client.get("/__stats")
        await client.post("/__faults", json=[])

        log = await client.get("/__requests")
        assert log.status_code == 200
        assert log.json() == {
            "requests": [
                {
                    "method": "GET",
                    "path": "/items/a",
                    "query": {"q": "1", "page": "2"},
                    "body": None,
                },
                {
                    "method": "POST",
                    "path": "/echo",
                    "query": {},
                    "body": {"name": "x", "tags": [1, 2]},
                },
                {"method": "POST", "path": "/items", "query": {}, "body": None},
                {"method": "GET", "path": "/nowhere", "query": {}, "body": None},
            ]
        }
        # Reading the log is itself neither logged nor counted.
        assert len((await client.get("/__requests")).json()["requests"]) == 4
        assert (await client.get("/__stats")).json()["total"] == 4

        assert (await client.post("/__stats/reset")).status_code == 204
        assert (await client.get("/__requests")).json() == {"requests": []}

        for index in range(REQUEST_LOG_SIZE + 3):
            await client.get(f"/items/{index}")
        paths = [r["path"] for r in (await client.get("/__requests")).json()["requests"]]
        assert len(paths) == REQUEST_LOG_SIZE
        assert paths[0] == "/items/3"
        assert paths[-1] == f"/items/{REQUEST_LOG_SIZE + 2}"


async def test_request_log_paths_are_relative_to_the_mount_prefix() -> None:
    root = web.Application()
    root.add_subapp("/toy", _toy_app())
    async with _serve(root) as client:
        await client.get("/toy/items/7", params={"x": "y"})
        log = (await client.get("/toy/__requests")).json()
    assert log == {
        "requests": [{"method": "GET", "path": "/items/7", "query": {"x": "y"}, "body": None}]
    }


async def test_request_log_leaves_multipart_uploads_to_their_handler() -> None:
    app = simulator_app()

    async def upload(request: web.Request) -> web.Response:
        form = await request.post()
        upload = form["file"]
        assert isinstance(upload, web.FileField)
        return json_response({"size": len(upload.file.read())})

    app.router.add_post("/upload", upload)
    async with _serve(app) as client:
        response = await client.post("/upload", files={"file": ("a.txt", b"hello")})
        assert response.json() == {"size": 5}
        log = (await client.get("/__requests")).json()
    assert log["requests"] == [{"method": "POST", "path": "/upload", "query": {}, "body": None}]


async def test_a_control_route_is_not_counted_logged_or_faulted() -> None:
    app = simulator_app()
    seen: list[bool] = []

    async def control(request: web.Request) -> web.Response:
        seen.append(is_stats_request(request))
        return json_response({"control": request.method})

    async def item(request: web.Request) -> web.Response:
        return json_response({"ok": True})

    add_control_route(app, "/__things", {"GET": control, "DELETE": control})
    app.router.add_get("/things", item)
    async with _serve(app) as client:
        faults = [{"path": "things", "status": 503}]
        assert (await client.post("/__faults", json=faults)).status_code == 204
        assert (await client.get("/__things")).json() == {"control": "GET"}
        assert (await client.delete("/__things")).json() == {"control": "DELETE"}
        assert (await client.get("/things")).status_code == 503
        stats = (await client.get("/__stats")).json()
        log = (await client.get("/__requests")).json()
    assert seen == [True, True]
    assert stats == {"total": 1, "routes": {"GET /things": 1}}
    assert [entry["path"] for entry in log["requests"]] == ["/things"]


# --- broken answers the kit can inject, read by the shared HTTP layer over real HTTP -------


@asynccontextmanager
async def _gateway_view(
    app: web.Application, *, timeout_s: float = 2.0
) -> AsyncIterator[tuple[httpx.AsyncClient, UpstreamClient]]:
    """The toy simulator served for real, a control client, and an UpstreamClient on the
    production transport (httpx over aiohttp) pointed at it."""
    server = TestServer(app)
    await server.start_server()
    base = str(server.make_url("")).rstrip("/")
    upstream = UpstreamClient(
        UpstreamSettings(name="toy", base_url=base, retries=0, timeout_s=timeout_s)
    )
    try:
        async with httpx.AsyncClient(base_url=base) as control:
            yield control, upstream
    finally:
        await upstream.aclose()
        await server.close()


@pytest.mark.parametrize(
    ("fault", "detail"),
    [
        ({"answer": "malformed"}, "the answer is not JSON"),
        ({"answer": "wrong_content_type"}, "the answer is text/html, not JSON"),
        ({"answer": "truncated"}, "the answer ended early"),
    ],
)
async def test_broken_answers_are_upstream_errors(fault: dict[str, object], detail: str) -> None:
    async with _gateway_view(_toy_app()) as (control, upstream):
        assert (
            await control.post("/__faults", json={"path": "^/items/", **fault})
        ).status_code == 204
        with pytest.raises(UpstreamProtocolError) as info:
            await upstream.call("GET", "/items/a", operation="getItem", idempotent=True)
        assert info.value.extensions["code"] == "UPSTREAM_ERROR"
        assert info.value.upstream == "upstream"
        assert info.value.operation == "getItem"
        assert info.value.detail == detail
        # The same connection pool still serves the healthy routes.
        await control.delete("/__faults")
        answer = await upstream.call("GET", "/items/b", operation="getItem", idempotent=True)
        assert answer.body == {"id": "b"}


@pytest.mark.parametrize(
    ("shape", "detail"),
    [
        (None, "answer of the wrong shape: items is str, expected list"),
        ([{"id": 1}], "answer of the wrong shape: the answer is list, expected object"),
        ({"items": [1], "count": 1}, "answer of the wrong shape: items[0] is int, expected object"),
    ],
)
async def test_a_listing_of_the_wrong_shape_is_an_error_not_an_empty_page(
    shape: object, detail: str
) -> None:
    fault: dict[str, object] = {"path": "/vendors$", "answer": "wrong_shape"}
    if shape is not None:
        fault["shape"] = shape
    server = TestServer(build_app(sizes={"scale": 50}))
    await server.start_server()
    base = str(server.make_url("/medallies"))
    credentials = {"APP_KEY": "demo", "USERNAME": "demo", "PASSWORD": "demo"}
    medallies = MedAlliesClient(
        UpstreamSettings(name="medallies", base_url=base, credentials=credentials)
    )
    try:
        async with httpx.AsyncClient(base_url=base) as control:
            assert len((await medallies.list_vendors_plain(0, 5)).items) == 5
            assert (await control.post("/__faults", json=fault)).status_code == 204
            with pytest.raises(UpstreamProtocolError) as info:
                await medallies.list_vendors_plain(0, 5)
        assert info.value.detail == detail
        assert info.value.extensions["code"] == "UPSTREAM_ERROR"
        assert info.value.operation == "listVendors"
    finally:
        await medallies.aclose()
        await server.close()


async def test_a_body_that_never_ends_times_out_and_the_simulator_stops_sending() -> None:
    app = _toy_app()
    async with _gateway_view(app, timeout_s=0.3) as (control, upstream):
        await control.post("/__faults", json={"path": "^/items/", "answer": "endless"})
        with pytest.raises(UpstreamTimeout) as info:
            await upstream.call("GET", "/items/a", operation="getItem", idempotent=True)
        assert info.value.extensions["code"] == "UPSTREAM_TIMEOUT"
        assert info.value.detail == "the answer did not finish in time"
        streams = app[OPEN_STREAMS_KEY]
        for _ in range(200):
            if streams.count == 0:
                break
            await asyncio.sleep(0.01)
        assert streams.count == 0


async def test_an_endless_write_answer_has_an_unknown_outcome() -> None:
    async with _gateway_view(_toy_app(), timeout_s=0.2) as (control, upstream):
        await control.post("/__faults", json={"path": "^/items$", "answer": "endless"})
        with pytest.raises(UpstreamTimeout) as info:
            await upstream.call("POST", "/items", operation="addItem", idempotent=False, json={})
        assert info.value.extensions["writeOutcome"] == "UNKNOWN"


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ({"path": "x", "answer": "sideways"}, "`answer` must be one of"),
        ({"path": "x", "answer": 3}, "`answer` must be one of"),
        ({"path": "x", "status": 200}, "`status` must be an HTTP status (400-599)"),
        ({"path": "x", "answer": "malformed", "status": 100}, "(200-599)"),
        ({"path": "x", "answer": "malformed", "shape": []}, "`shape` goes with"),
        ({"path": "x", "delay_s": 5}, "unknown fault keys: delay_s"),
    ],
)
async def test_answer_faults_are_checked_when_set(fault: dict[str, object], message: str) -> None:
    async with _serve(_toy_app()) as client:
        refused = await client.post("/__faults", json=fault)
    assert refused.status_code == 400
    assert message in refused.json()["error"]["message"]
