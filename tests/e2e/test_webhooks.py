"""``POST /webhooks/bastion`` over real HTTP against the real server, events onto its bus,
and the whole loop: a GraphQL write, the Bastion simulator's webhook delivery, the receiver,
and the ``endorsementEvents`` subscription over graphql-transport-ws (the gql client).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import orjson
import pytest
from aiohttp import web
from gql import Client, gql
from gql.transport.websockets import WebsocketsTransport

import server
from resolvers.core.events import Event, InProcessEventBus
from resolvers.endorsements.webhooks import MAX_BODY_BYTES, PATH, TOPIC, WebhookRegistrar
from server import EVENTS, UPSTREAMS, create_app
from tests.e2e.conftest import gateway_env, serve
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
    app = create_app(gateway_env(sims, BASTION_WEBHOOK_ACCESS_KEY=KEY))
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
    [b"{not json", b"[1, 2]", orjson.dumps({**event(), "data": ["not", "an", "enrollee"]})],
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
    sims: RunningSimulators, monkeypatch: pytest.MonkeyPatch
) -> None:
    apps = [create_app(gateway_env(sims))]
    monkeypatch.setattr(server, "WEBHOOK_EVENT_PARSER", None)
    apps.append(create_app(gateway_env(sims, BASTION_WEBHOOK_ACCESS_KEY=KEY)))
    for app in apps:
        runner, url = await serve(app)
        try:
            async with httpx.AsyncClient(base_url=url) as http:
                answer = await http.post(PATH, content=orjson.dumps(event()))
                ready = await http.get("/readyz")
        finally:
            await runner.cleanup()
        assert answer.status_code == 503
        assert "webhooks" not in ready.json()  # registration is off with real upstreams


async def test_start_up_registers_the_webhook_with_bastion(sims: RunningSimulators) -> None:
    public = "https://graph.example.com/webhooks/bastion"
    env = gateway_env(
        sims,
        BASTION_WEBHOOK_ACCESS_KEY=KEY,
        BASTION_WEBHOOK_URL=public,
        BASTION_WEBHOOK_REGISTER="1",
    )
    runner, url = await serve(create_app(env))
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            for _ in range(100):
                ready = await http.get("/readyz")
                if ready.json()["webhooks"]["bastion"] != "pending":
                    break
                await asyncio.sleep(0.02)
    finally:
        await runner.cleanup()
    assert ready.status_code == 200
    assert ready.json()["webhooks"] == {"bastion": "registered"}
    async with httpx.AsyncClient() as http:
        config = (await http.get(sims.url("bastion") + "/__webhooks")).json()
    assert (config["webhookURL"], config["webhookAccessKey"]) == (public, KEY)


async def test_a_failed_registration_is_reported_and_the_gateway_still_serves(
    sims: RunningSimulators,
) -> None:
    env = gateway_env(
        sims,
        BASTION_WEBHOOK_ACCESS_KEY=KEY,
        BASTION_WEBHOOK_URL="https://graph.example.com/webhooks/bastion",
        BASTION_WEBHOOK_REGISTER="1",
        BASTION_BASE_URL="http://127.0.0.1:9",  # nothing listens there
        BASTION_CONNECT_TIMEOUT="0.2",
        BASTION_TIMEOUT="0.5",
    )
    runner, url = await serve(create_app(env))
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            for _ in range(100):
                ready = await http.get("/readyz")
                if ready.json()["webhooks"]["bastion"] != "pending":
                    break
                await asyncio.sleep(0.05)
            typename = await http.post("/graphql", json={"query": "{ __typename }"})
    finally:
        await runner.cleanup()
    outcome = ready.json()["webhooks"]["bastion"]
    assert outcome.startswith("not registered: ")
    assert KEY not in outcome
    assert typename.json() == {"data": {"__typename": "Query"}}


SUBSCRIBE = """subscription($policy: String) {
  endorsementEvents(policyId: $policy) { kind receivedAt enrollee { memberId policyId firstName } }
}"""
CREATE = """mutation($input: CreateEndorsementInput!) {
  createEndorsement(input: $input) { enrollee { memberId } userErrors { message } }
}"""
CUSTOMER = {
    "firstName": "Chiamaka",
    "lastName": "Eze",
    "dateOfBirth": "1991-02-03",
    "gender": "FEMALE",
    "phone": "+2348031234568",
    "relation": "SELF",
    "maritalStatus": "SINGLE",
    "countryId": 162,
    "regionId": 15,
    "cityId": 271,
    "address": "3 Broad Street",
}


async def point_bastion_at(hook: Hook) -> None:
    """What registration does at start in the embedded set-up (whose port is not known
    before the server listens, so these tests do it themselves)."""
    bastion = hook.app[UPSTREAMS].by_name["bastion"]
    assert isinstance(bastion, WebhookRegistrar)
    await bastion.configure_webhook(url=str(hook.http.base_url).rstrip("/") + PATH, access_key=KEY)


async def endorse(hook: Hook, policy: str) -> str:
    body = {"reference": "BRK-9", "planId": 85, "policyId": policy, "customer": CUSTOMER}
    created = await hook.http.post("/graphql", json={"query": CREATE, "variables": {"input": body}})
    payload = created.json()["data"]["createEndorsement"]
    assert payload["userErrors"] == []
    member_id: str = payload["enrollee"]["memberId"]
    return member_id


async def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"not true within {seconds} s")


async def test_a_write_reaches_the_bus_through_bastion_s_webhook(hook: Hook) -> None:
    await point_bastion_at(hook)
    member_id = await endorse(hook, "2058")
    # The simulator delivers in the background (and may deliver again: retries are dropped).
    await wait_for(lambda: bool(hook.events))
    await asyncio.sleep(0.2)
    [published] = hook.events
    assert published["kind"] == "MEMBER_ADDED"
    assert published["enrollee"]["member_id"] == member_id
    assert published["enrollee"]["first_name"] == "Chiamaka"


async def test_a_write_reaches_a_subscriber_once_through_bastion_s_webhook(hook: Hook) -> None:
    """The whole loop, with the duplicate a real sender causes: Bastion's first delivery is
    answered 500 (by a relay in front of the gateway), so Bastion sends it again; the
    subscriber still gets the event exactly once."""
    deliveries: list[bytes] = []

    async def relay(request: web.Request) -> web.Response:
        body = await request.read()
        first_time = body not in deliveries
        deliveries.append(body)
        answer = await hook.http.post(PATH, content=body)
        # The gateway accepted it; the sender is told the first delivery failed, and retries.
        return web.Response(status=500 if first_time else answer.status_code)

    relay_app = web.Application()
    relay_app.router.add_post("/relay", relay)
    relay_runner, relay_url = await serve(relay_app)
    try:
        bastion = hook.app[UPSTREAMS].by_name["bastion"]
        assert isinstance(bastion, WebhookRegistrar)
        await bastion.configure_webhook(url=relay_url + "/relay", access_key=KEY)
        bus = hook.app[EVENTS]
        assert isinstance(bus, InProcessEventBus)
        ws = str(hook.http.base_url).replace("http://", "ws://", 1).rstrip("/") + "/graphql"
        transport = WebsocketsTransport(url=ws, subprotocols=["graphql-transport-ws"])
        request = gql(SUBSCRIBE)
        request.variable_values = {"policy": "2058"}
        async with Client(transport=transport) as session:
            events = session.subscribe(request)
            first = asyncio.ensure_future(anext(events))
            # Subscribed once the subscription reads the bus (beside this module's own reader).
            await wait_for(lambda: bus.subscriber_count(TOPIC) == 2)
            await endorse(hook, "9999")  # another policy's event is not delivered
            member_id = await endorse(hook, "2058")
            got = await asyncio.wait_for(first, 10)
            # Bastion's retry arrives and is dropped: nothing more reaches the subscriber.
            await wait_for(lambda: sum(b'"2058"' in d for d in deliveries) >= 2)
            second = asyncio.ensure_future(anext(events))
            await asyncio.sleep(0.3)
            assert not second.done()
            second.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await second
    finally:
        await relay_runner.cleanup()
    assert got["endorsementEvents"]["kind"] == "MEMBER_ADDED"
    assert got["endorsementEvents"]["enrollee"] == {
        "memberId": member_id,
        "policyId": "2058",
        "firstName": "Chiamaka",
    }
    assert got["endorsementEvents"]["receivedAt"].endswith("+00:00")
    assert hook.app[server.WEBHOOK].stats.duplicates >= 1
    # The subscription ended with the socket: it no longer reads the bus.
    await wait_for(lambda: bus.subscriber_count(TOPIC) == 1)
