"""What the Bastion simulator tests share: the app under test, clients, fixtures, bodies."""

from __future__ import annotations

import base64
import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from upstreams.bastion.simulator import PASSWORD, USERNAME, create_app
from upstreams.bastion.wire import AUTH_HEADER, TOKEN_PATH

SCALE = 60
BASIC = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
JOHN = "100004976"
Json = dict[str, Any]

# A customer `endorsement/add` accepts: every field of the document, valid together.
CUSTOMER: Json = {
    "firstName": "Amaka",
    "middleName": "Chioma",
    "lastName": "Okafor",
    "maidenName": "Eze",
    "_email": "amaka.okafor@example.com",
    "dob": "1988-03-14",
    "gender": "Female",
    "phone": "+2348031112222",
    "relation": "Spouse",
    "maritalStatus": 2,
    "country": 162,
    "state": 15,
    "city": 271,
    "address": "4 Ahmadu Bello Way, Gwagwalada",
    "genotype": 1,
    "bloodGroup": 2,
    "religion": 2,
    "employeeId": "EMP-7781",
    "nationalId": "NG-123",
    "ninNumber": "98765432101",
    "height": 165,
    "weight": 62.5,
    "preExistingCondition": 1,
    "condition": [651],
}


def add_body(**customer: object) -> Json:
    """A valid `endorsement/add` body; keyword arguments override customer fields (a value
    of ``...`` removes the field)."""
    fields = copy.deepcopy(CUSTOMER)
    for name, value in customer.items():
        if value is ...:
            fields.pop(name, None)
        else:
            fields[name] = value
    return {"reference": "REF-T-0001", "plan_id": 85, "policyId": "2058", "customer": fields}


class Clock:
    """An injectable `now`: seconds that only move when a test moves them."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


async def token(client: httpx.AsyncClient, body: Json | None = None) -> str:
    response = await client.post(TOKEN_PATH, headers={AUTH_HEADER: BASIC}, json=body or {})
    assert response.status_code == 200, response.text
    value = response.json()["token"]
    assert isinstance(value, str)
    return value


@asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[TestServer]:
    server = TestServer(app)
    await server.start_server()
    try:
        yield server
    finally:
        await server.close()


@asynccontextmanager
async def simulator(
    *, authenticated: bool = True, **options: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """A fresh simulator over real HTTP and an httpx client on it, holding a token unless
    ``authenticated`` is false; ``options`` go to `create_app`."""
    options.setdefault("scale", SCALE)
    # Plain HTTP on loopback: skipping the CA bundle load saves ~30 ms per client.
    async with (
        serve(create_app(**options)) as server,
        httpx.AsyncClient(base_url=str(server.make_url("")), verify=False) as http,
    ):
        if authenticated:
            http.headers[AUTH_HEADER] = await token(http)
        yield http


@pytest.fixture
async def api() -> AsyncIterator[httpx.AsyncClient]:
    async with simulator() as http:
        yield http
