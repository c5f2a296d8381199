"""The simulator: `PATCH /vendors/config` and the webhook events it then sends, with
retries, to a real local receiver."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from itertools import pairwise
from typing import Any, Final

import httpx
import pytest
from aiohttp import web

from tests.upstreams.bastion.simulator.support import JOHN, Json, add_body, serve, simulator
from upstreams.bastion.simulator import WEBHOOKS_PATH
from upstreams.bastion.wire import (
    ADD_PATH,
    EVENTS,
    REMOVE_PATH,
    UNDO_DELETE_PATH,
    VENDOR_CONFIG_PATH,
)

FAST: Final[dict[str, Any]] = {"webhook_backoff_s": 0.02}


class Receiver:
    """A vendor's webhook endpoint: answers the statuses given in turn, then 200."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.bodies: list[Json] = []
        self.times: list[float] = []
        self.release: asyncio.Event | None = None
        self.arrived = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        self.times.append(time.monotonic())
        self.bodies.append(await request.json())
        self.arrived.set()
        if self.release is not None:
            await self.release.wait()
        status = self.statuses.pop(0) if self.statuses else 200
        return web.json_response({"ok": status < 300}, status=status)


@asynccontextmanager
async def receiving(receiver: Receiver) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/hooks/bastion", receiver.handle)
    async with serve(app) as server:
        yield str(server.make_url("/hooks/bastion"))


async def configure(api: httpx.AsyncClient, url: str, key: str | None = "s3cret") -> None:
    body: dict[str, Any] = {"webhookURL": url}
    if key is not None:
        body["webhookAccessKey"] = key
    response = await api.patch(VENDOR_CONFIG_PATH, json=body)
    assert response.json() == {"status": True, "message": "Configuration updated successfully!"}


async def settled(api: httpx.AsyncClient, attempts: int) -> Json:
    """The webhook log once ``attempts`` attempts are recorded and none is pending."""
    async with asyncio.timeout(10):
        while True:
            log: Json = (await api.get(WEBHOOKS_PATH)).json()
            if log["pending"] == 0 and len(log["deliveries"]) >= attempts:
                return log
            await asyncio.sleep(0.01)


# --- configuration ------------------------------------------------------------------------


async def test_config_is_stored_for_the_test_bed(api: httpx.AsyncClient) -> None:
    before = (await api.get(WEBHOOKS_PATH)).json()
    assert before == {"webhookURL": None, "webhookAccessKey": None, "pending": 0, "deliveries": []}
    await configure(api, "https://vendor.example.com/hooks?x=1", "k1")
    after = (await api.get(WEBHOOKS_PATH)).json()
    assert after["webhookURL"] == "https://vendor.example.com/hooks?x=1"
    assert after["webhookAccessKey"] == "k1"
    await configure(api, "http://10.0.0.1:8080/h", None)
    assert (await api.get(WEBHOOKS_PATH)).json()["webhookAccessKey"] is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "webhookURL is required"),
        ({"webhookURL": ""}, "webhookURL is required"),
        ({"webhookURL": "/hooks"}, "webhookURL must be an absolute http(s) URL"),
        ({"webhookURL": "ftp://x.example/h"}, "webhookURL must be an absolute http(s) URL"),
        ({"webhookURL": "http://"}, "webhookURL must be an absolute http(s) URL"),
        ({"webhookURL": 5}, "webhookURL must be an absolute http(s) URL"),
        (
            {"webhookURL": "https://x.example/h", "webhookAccessKey": 5},
            "webhookAccessKey must be a string",
        ),
    ],
)
async def test_bad_config_is_refused_on_http_200(
    api: httpx.AsyncClient, body: Json, message: str
) -> None:
    response = await api.patch(VENDOR_CONFIG_PATH, json=body)
    assert response.status_code == 200
    assert response.json() == {"status": False, "message": message}
    assert (await api.get(WEBHOOKS_PATH)).json()["webhookURL"] is None


async def test_no_url_no_events(api: httpx.AsyncClient) -> None:
    assert (await api.post(ADD_PATH, json=add_body())).json()["status"] is True
    assert (await api.get(WEBHOOKS_PATH)).json()["deliveries"] == []


# --- delivery -----------------------------------------------------------------------------


async def test_a_failing_receiver_sees_the_same_event_until_it_answers_2xx() -> None:
    receiver = Receiver([500, 503])
    async with receiving(receiver) as url, simulator(**FAST) as api:
        await configure(api, url)
        added = (await api.post(ADD_PATH, json=add_body())).json()["data"]["membersDetails"]
        log = await settled(api, 3)
    assert len(receiver.bodies) == 3
    expected = {"event": "added-policy-member", "accessKey": "s3cret", "data": added}
    assert receiver.bodies == [expected, expected, expected]
    assert expected["event"] in EVENTS
    assert [(d["attempt"], d["status"], d["error"]) for d in log["deliveries"]] == [
        (1, 500, None),
        (2, 503, None),
        (3, 200, None),
    ]
    assert {(d["url"], d["event"], d["delivery"]) for d in log["deliveries"]} == {
        (url, "added-policy-member", 1)
    }


async def test_undo_delete_sends_re_endorsed_member() -> None:
    receiver = Receiver()
    async with receiving(receiver) as url, simulator(**FAST) as api:
        await configure(api, url, None)
        await api.post(REMOVE_PATH, json={"memberId": JOHN, "policyId": "2058"})
        answer = (await api.post(UNDO_DELETE_PATH, json={"memberId": JOHN})).json()
        await settled(api, 1)
    # Removal sends no event; the re-endorsement does, with its membersDetails.
    assert receiver.bodies == [
        {"event": "re-endorsed-member", "accessKey": None, "data": answer["data"]["membersDetails"]}
    ]


async def test_retries_back_off_exponentially_and_stop_after_four_attempts() -> None:
    receiver = Receiver([500, 500, 500, 500, 500])
    async with receiving(receiver) as url, simulator(webhook_backoff_s=0.05) as api:
        await configure(api, url)
        await api.post(ADD_PATH, json=add_body())
        log = await settled(api, 4)
        await asyncio.sleep(0.5)
        assert len((await api.get(WEBHOOKS_PATH)).json()["deliveries"]) == 4
    assert len(receiver.bodies) == 4
    gaps = [later - earlier for earlier, later in pairwise(receiver.times)]
    for gap, least in zip(gaps, (0.05, 0.1, 0.2), strict=True):
        assert gap >= least * 0.95
    assert [d["status"] for d in log["deliveries"]] == [500, 500, 500, 500]


async def test_an_unreachable_receiver_is_recorded_as_errors() -> None:
    # A port that was just open and is now closed: connections are refused.
    async with receiving(Receiver()) as gone:
        pass
    async with simulator(webhook_attempts=3, **FAST) as api:
        await configure(api, gone)
        await api.post(ADD_PATH, json=add_body())
        log = await settled(api, 3)
    assert [d["status"] for d in log["deliveries"]] == [None, None, None]
    assert all(isinstance(d["error"], str) and d["error"] for d in log["deliveries"])


async def test_the_write_does_not_wait_for_the_receiver() -> None:
    receiver = Receiver()
    receiver.release = asyncio.Event()
    async with receiving(receiver) as url, simulator(**FAST) as api:
        await configure(api, url)
        async with asyncio.timeout(2):
            response = await api.post(ADD_PATH, json=add_body())
        assert response.json()["status"] is True
        assert (await api.get(WEBHOOKS_PATH)).json()["pending"] == 1
        receiver.release.set()
        log = await settled(api, 1)
    assert log["deliveries"][0]["status"] == 200


async def test_cleanup_cancels_pending_deliveries() -> None:
    receiver = Receiver([500] * 10)
    async with receiving(receiver) as url:
        started = time.monotonic()
        async with simulator(webhook_backoff_s=60, scale=20) as api:
            await configure(api, url)
            await api.post(ADD_PATH, json=add_body())
            async with asyncio.timeout(5):
                await receiver.arrived.wait()
            assert (await api.get(WEBHOOKS_PATH)).json()["pending"] == 1
        # Closing did not wait out the 60 s backoff, and no retry came after it.
        assert time.monotonic() - started < 10
        await asyncio.sleep(0.1)
    assert len(receiver.bodies) == 1


async def test_the_delivery_log_can_be_cleared() -> None:
    receiver = Receiver()
    async with receiving(receiver) as url, simulator(**FAST) as api:
        await configure(api, url)
        await api.post(ADD_PATH, json=add_body())
        await settled(api, 1)
        assert (await api.delete(WEBHOOKS_PATH)).status_code == 204
        log = (await api.get(WEBHOOKS_PATH)).json()
    assert log["deliveries"] == []
    assert log["webhookURL"] == url
