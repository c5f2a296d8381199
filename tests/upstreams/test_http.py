from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from upstreams import (
    UpstreamNotConfigured,
    UpstreamProtocolError,
    UpstreamTimeout,
    UpstreamUnauthorized,
    UpstreamUnavailable,
)
from upstreams._http import UpstreamClient
from upstreams.config import UpstreamSettings

Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, *, retries: int = 2, timeout: float = 2.0) -> UpstreamClient:
    settings = UpstreamSettings(
        name="test", base_url="http://upstream.test", retries=retries, timeout_s=timeout
    )
    return UpstreamClient(settings, transport=httpx.MockTransport(handler), backoff_s=0.001)


async def test_reads_are_retried_until_they_succeed() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return httpx.Response(503 if len(seen) < 3 else 200, json={"ok": True})

    answer = await client(handler).call("GET", "/x", operation="read")
    assert answer.body == {"ok": True}
    assert seen == ["GET", "GET", "GET"]


async def test_reads_give_up_after_the_retries() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503)

    with pytest.raises(UpstreamUnavailable) as info:
        await client(handler, retries=1).call("GET", "/x", operation="read")
    assert calls == 2
    assert info.value.extensions == {
        "code": "UPSTREAM_UNAVAILABLE",
        "upstream": "upstream",
        "upstreamStatus": 503,
    }


async def test_writes_are_sent_once() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503)

    with pytest.raises(UpstreamUnavailable):
        await client(handler).call("POST", "/x", operation="write", json={"a": 1})
    assert calls == 1


async def test_a_write_that_times_out_has_an_unknown_outcome() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(1)
        return httpx.Response(200)

    c = UpstreamClient(
        UpstreamSettings(name="t", base_url="http://u.test", timeout_s=0.05),
        transport=httpx.MockTransport(slow),
    )
    with pytest.raises(UpstreamTimeout) as info:
        await c.call("PUT", "/x", operation="write", json={})
    assert info.value.outcome_unknown
    assert info.value.extensions["writeOutcome"] == "UNKNOWN"
    assert "may or may not have been applied" in str(info.value)


async def test_a_write_that_never_connected_is_known_not_applied() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(UpstreamUnavailable) as info:
        await client(refuse).call("POST", "/x", operation="write", json={})
    assert not info.value.outcome_unknown


async def test_status_mapping_and_no_secrets_in_messages() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"errors": {"detail": "bad key sekrit"}})

    with pytest.raises(UpstreamUnauthorized) as info:
        await client(handler).call("GET", "/x", operation="read")
    assert info.value.code == "UNAUTHENTICATED"
    assert "sekrit" not in str(info.value)


async def test_a_body_that_is_not_json() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>")

    with pytest.raises(UpstreamProtocolError):
        await client(handler).call("GET", "/x", operation="read")


async def test_an_unconfigured_upstream() -> None:
    c = UpstreamClient(UpstreamSettings(name="t", base_url=None))
    with pytest.raises(UpstreamNotConfigured) as info:
        await c.call("GET", "/x", operation="read")
    assert info.value.code == "UPSTREAM_UNAVAILABLE"
