"""What the simulator tests share: the app under test, clients, fixtures and helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

import httpx
import pytest
from aiohttp.test_utils import TestServer

from upstreams.datanexus.simulator import API_KEY, VENDOR_API_KEY, create_app

SCALE = 400
DEMO = {"authorization": f"apikey {API_KEY}"}
VENDOR = {"authorization": f"apikey {VENDOR_API_KEY}"}
# The document's examples send JSON under a bogus multipart content-type.
MULTIPART = {"content-type": "multipart/mixed; boundary=plug_conn_test"}
PARTIAL_KEYS = {
    "born_on",
    "email",
    "enrollments",
    "first_name",
    "id",
    "last_name",
    "program_status",
}
MEMBER_KEYS = {
    "born_on",
    "city",
    "consents",
    "eligibility_start_on",
    "email",
    "enrollments",
    "first_name",
    "gender",
    "health_plan_identifier",
    "id",
    "last_name",
    "middle_name",
    "phone_number",
    "postal_code",
    "prefixed_sponsor_member_identifier",
    "program_status",
    "soda_sponsor_id",
    "sponsor_member_identifier",
    "state",
    "street_address_1",
    "street_address_2",
}
Params = Mapping[str, str | int]
Json = dict[str, object]


async def _client(scale: int = SCALE, seed: int = 7) -> tuple[TestServer, httpx.AsyncClient]:
    server = TestServer(create_app(scale=scale, seed=seed))
    await server.start_server()
    # Plain HTTP on loopback: skipping the CA bundle load saves ~30 ms per test.
    client = httpx.AsyncClient(base_url=str(server.make_url("")), headers=DEMO, verify=False)
    return server, client


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    server, http = await _client()
    try:
        yield http
    finally:
        await http.aclose()
        await server.close()


async def _fetch_all(client: httpx.AsyncClient, params: Params) -> list[Json]:
    records: list[Json] = []
    query = {**params, "limit": 100}
    while True:
        body = (await client.get("/api/members", params=query)).json()
        records += body["data"]
        if body["next_cursor"] is None:
            return records
        query["cursor_next"] = body["next_cursor"]


async def _put(client: httpx.AsyncClient, path: str, body: object) -> httpx.Response:
    return await client.put(path, json=body, headers=MULTIPART)


async def _post(client: httpx.AsyncClient, path: str, body: object) -> httpx.Response:
    return await client.post(path, json=body, headers=MULTIPART)
