"""What the MOSIP simulator tests share: a server on a movable clock, a logged-in client,
and envelope helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from upstreams.mosip.simulator import API, APP_ID, PASSWORD, USERNAME, create_app
from upstreams.mosip.simulator.routes import Api
from upstreams.mosip.wire import AUTH_PATH, MISPS_PATH

SCALE = 40
TELECOM = "64269837502851"
TELECOM_KEY = "fa604-affcd-33201-04770"
AIRTEL = "98869837502654"
START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
Json = dict[str, Any]


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Sim:
    http: httpx.AsyncClient
    clock: FakeClock
    app: web.Application

    @property
    def api(self) -> Api:
        return self.app[API]

    async def login(self) -> None:
        response = await self.http.post(AUTH_PATH, json=envelope(credentials()))
        token = response.cookies.get("Authorization")
        assert token, response.text
        # One cookie, whatever the jar kept from the answer.
        self.http.cookies.clear()
        self.http.cookies.set("Authorization", token)

    async def call(
        self, method: str, path: str, request: Json | None = None, **envelope_fields: Any
    ) -> Json:
        """One call under the MISP base path; the answer's envelope (HTTP 200 asserted)."""
        body = None if request is None else envelope(request, **envelope_fields)
        response = await self.http.request(method, MISPS_PATH + path, json=body)
        assert response.status_code == 200, response.text
        answer: Json = response.json()
        return answer

    async def ok(self, method: str, path: str, request: Json | None = None) -> Any:
        answer = await self.call(method, path, request)
        assert not answer["errors"], answer
        return answer["response"]


def credentials(**changes: str) -> Json:
    return {"appId": APP_ID, "userName": USERNAME, "password": PASSWORD, **changes}


def envelope(inner: object, /, **fields: Any) -> Json:
    body: Json = {
        "id": "mosip.partnermanagement.misp.test",
        "version": "1.0",
        "requesttime": "2019-05-20T09:48:43.394Z",
        "metadata": {},
        "request": inner,
    }
    body.update(fields)
    return body


def codes(answer: Json) -> list[str]:
    """The errorCodes of an answer, asserting the failure's envelope shape."""
    assert answer["response"] is None
    assert set(answer) == {"id", "version", "responsetime", "metadata", "response", "errors"}
    return [e["errorCode"] for e in answer["errors"]]


async def start(
    *, scale: int = SCALE, documented: bool = True, **options: Any
) -> tuple[TestServer, Sim]:
    clock = FakeClock()
    app = create_app(scale=scale, latency_ms=0, clock=clock, documented=documented, **options)
    server = TestServer(app)
    await server.start_server()
    http = httpx.AsyncClient(base_url=str(server.make_url("")), verify=False)
    return server, Sim(http, clock, app)


@pytest.fixture
async def anonymous() -> AsyncIterator[Sim]:
    server, sim = await start()
    try:
        yield sim
    finally:
        await sim.http.aclose()
        await server.close()


@pytest.fixture
async def sim(anonymous: Sim) -> Sim:
    await anonymous.login()
    return anonymous
