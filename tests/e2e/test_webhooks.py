"""``POST /webhooks/bastion`` over real HTTP against the real server, events onto its bus.

The event parser is the tests' stand-in for ``upstreams.bastion.records.read_event`` (branch
bclient), injected with ``create_app(webhook_parser=...)`` until server.py wires the real one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from aiohttp import web

from resolvers.core.events import Event
from resolvers.endorsements.webhooks import MAX_BODY_BYTES, PATH, TOPIC
from server import EVENTS, create_app
from tests.e2e.conftest import gateway_env, serve
from tests.resolvers.endorsements.support import parse_for_tests
from upstreams.simulators import RunningSimulators

KEY = "the-vendor's-webhook-key-42"


class Hook:
    """The gateway with a webhook key, and what was published on its bus."""

    def __init__(self, http: httpx.AsyncClient, app: web.Application) -> None:
        self.http = http
        self.app = app
        self.events: list[Event] = []

    async def post(self, body: Any, **kwargs: Any) -> httpx.Response:
        return await self.http.post(PATH, content=orjson.dumps(body), **kwargs)

    async def settle(self) -> None:
        await asyncio.sleep(0.05)  # the reader task appends what was published


@pytest.fixture(scope="module")
async def hook(sims: RunningSimulators) -> AsyncIterator[Hook]:
    app = create_app(
        gateway_env(sims, BASTION_WEBHOOK_ACCESS_KEY=KEY), webhook_parser=parse_for_tests
    )
    runner, url = await serve(app)
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        found = Hook(http, app)
        subscribed = asyncio.Event()

        async def read() -> None:
            async with app[EVENTS].subscribe(TOPIC) as events:
                subscribed.set()
                async for event in events:
                    found.events.append(event)

        reader = asyncio.create_task(read())
        await subscribed.wait()
        yield found
        reader.cancel()
    await runner.cleanup()


@pytest.fixture(autouse=True)
def _no_events_left(hook: Hook) -> None:
    hook.events.clear()


def event(name: str = "added-policy-member", key: str = KEY, **data: Any) -> dict[str, Any]:
    """A body as section 5 shows it."""
    return {
        "event": name,
        "accessKey": key,
        "data": {
            "planId": "85",
            "memberId": "100004976",
            "policyId": "2058",
            "firstName": "John",
            "lastName": "Doe",
            **data,
        },
    }


async def test_the_right_key_is_202_and_the_event_is_on_the_bus(hook: Hook) -> None:
    answer = await hook.post(event(firstName="Ada"))
    assert answer.status_code == 202
    assert answer.json() == {"status": "accepted"}
    assert answer.headers["x-request-id"]
    await hook.settle()
    [published] = hook.events
    assert published["kind"] == "MEMBER_ADDED"
    assert published["enrollee"]["member_id"] == "100004976"
    assert published["enrollee"]["policy_id"] == "2058"
    assert published["receivedAt"].endswith("+00:00")
    assert KEY not in str(published)


@pytest.mark.parametrize("key", ["wrong-key-but-long-enough", "", None])
async def test_a_missing_or_wrong_key_is_401(hook: Hook, key: str | None) -> None:
    body: dict[str, Any] = event(key=key or "")
    if key is None:
        del body["accessKey"]
    answer = await hook.post(body)
    assert answer.status_code == 401
    assert answer.json() == {"error": "unauthorized"}
    await hook.settle()
    assert hook.events == []


async def test_a_duplicate_delivery_is_dropped(hook: Hook) -> None:
    body = event("re-endorsed-member", firstName="Grace")
    first = await hook.post(body)
    retry = await hook.post(body)
    assert (first.status_code, retry.status_code) == (202, 202)
    assert retry.json() == {"status": "duplicate"}
    await hook.settle()
    assert [e["kind"] for e in hook.events] == ["MEMBER_REENDORSED"]


async def test_an_oversize_body_is_413(hook: Hook) -> None:
    big = event(address="x" * MAX_BODY_BYTES)
    answer = await hook.post(big)
    assert answer.status_code == 413
    assert "error" in answer.json()

    async def chunks() -> AsyncIterator[bytes]:  # no content-length: read up to the limit
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b" " * 1024

    answer = await hook.http.post(PATH, content=chunks())
    assert answer.status_code == 413
    await hook.settle()
    assert hook.events == []


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", orjson.dumps(event(memberId=100004976))],
    ids=["not json", "not an object", "wrong shape"],
)
async def test_a_malformed_body_is_400(hook: Hook, content: bytes) -> None:
    answer = await hook.http.post(PATH, content=content)
    assert answer.status_code == 400
    assert set(answer.json()) == {"error"}


async def test_an_unknown_event_is_answered_2xx_and_ignored(hook: Hook) -> None:
    answer = await hook.post(event("policy-renewed"))
    assert answer.status_code == 200
    assert answer.json() == {"status": "ignored"}
    await hook.settle()
    assert hook.events == []


async def test_only_post_is_served(hook: Hook) -> None:
    answer = await hook.http.get(PATH)
    assert answer.status_code == 405
    assert answer.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_without_a_key_or_a_parser_the_receiver_answers_503(
    sims: RunningSimulators,
) -> None:
    for app in (
        create_app(gateway_env(sims), webhook_parser=parse_for_tests),
        create_app(gateway_env(sims, BASTION_WEBHOOK_ACCESS_KEY=KEY)),  # no parser wired yet
    ):
        runner, url = await serve(app)
        try:
            async with httpx.AsyncClient(base_url=url) as http:
                answer = await http.post(PATH, content=orjson.dumps(event()))
                ready = await http.get("/readyz")
        finally:
            await runner.cleanup()
        assert answer.status_code == 503
        assert "webhooks" not in ready.json()  # registration is off with real upstreams


async def test_readiness_reports_the_webhook_registration(sims: RunningSimulators) -> None:
    env = gateway_env(
        sims,
        BASTION_WEBHOOK_ACCESS_KEY=KEY,
        BASTION_WEBHOOK_URL="https://graph.example.com/webhooks/bastion",
        BASTION_WEBHOOK_REGISTER="1",
    )
    runner, url = await serve(create_app(env, webhook_parser=parse_for_tests))
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            for _ in range(50):
                ready = await http.get("/readyz")
                if ready.json()["webhooks"]["bastion"] != "pending":
                    break
                await asyncio.sleep(0.02)
    finally:
        await runner.cleanup()
    # No Bastion client on this branch yet: reported, and the gateway is ready all the same.
    assert ready.status_code == 200
    assert ready.json()["webhooks"] == {"bastion": "not registered: no bastion client"}
