"""The simulator: auth and plumbing."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.datanexus.simulator.support import (
    MEMBER_KEYS,
    VENDOR,
    _client,
    _fetch_all,
)
from upstreams.datanexus.simulator import create_app
from upstreams.datanexus.simulator.seed import seed_member_count

# --- auth and plumbing --------------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "apikey nope", "Bearer demo", "demo", "apikey", "apikey demo-vendorX"],
)
async def test_requests_without_a_known_api_key_are_unauthorized(
    client: httpx.AsyncClient, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"authorization": authorization}
    for path in ("/api/members", "/api/members/7E8ln", "/api/pings", "/pings"):
        request = client.build_request("GET", path)
        del request.headers["authorization"]
        request.headers.update(headers)
        response = await client.send(request)
        assert response.status_code == 401
        assert response.json() == {"errors": {"detail": "Unauthorized"}}


async def test_pings_answer_pong_on_both_paths(client: httpx.AsyncClient) -> None:
    for path in ("/api/pings", "/pings"):
        response = await client.get(path, headers=VENDOR)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert response.json() == {"data": [{"response": "pong"}]}


async def test_unknown_routes_and_methods_answer_json(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get("/api/nothing"),
        await client.get("/api/nothing", headers={"authorization": ""}),
        await client.get("/"),
    ):
        assert response.status_code == 404
        assert response.json() == {"errors": {"detail": "Not Found"}}
    wrong = await client.post("/api/members/7E8ln")
    assert wrong.status_code == 405
    assert wrong.json() == {"errors": {"detail": "Method Not Allowed"}}


def test_scale_below_the_document_examples_is_refused() -> None:
    with pytest.raises(ValueError, match="scale"):
        create_app(scale=seed_member_count() - 1)


@pytest.mark.parametrize("scale", [seed_member_count(), 137, 2000])
async def test_member_count_equals_scale(scale: int) -> None:
    server, client = await _client(scale=scale)
    async with client:
        records = await _fetch_all(client, {})
    await server.close()
    assert len(records) == scale
    assert len({r["id"] for r in records}) == scale
    assert all(set(r) >= MEMBER_KEYS for r in records)
    assert {r["id"] for r in records[:4]} == {"A5c7X", "B6d8Y", "7E8ln", "7xZm3"}


async def test_data_is_deterministic_per_seed() -> None:
    pages = []
    for seed in (7, 7, 8):
        server, client = await _client(seed=seed)
        async with client:
            response = await client.get("/api/members", params={"page": 3, "page_size": 20})
            pages.append(response.json()["data"])
        await server.close()
    assert pages[0] == pages[1]
    assert pages[0] != pages[2]
