"""The simulator: paging."""

from __future__ import annotations

import httpx
import pytest

from tests.upstreams.datanexus.simulator.support import _fetch_all, _put

# --- paging -------------------------------------------------------------------------------


async def test_cursors_walk_a_filtered_list_forward_and_back(client: httpx.AsyncClient) -> None:
    expected = [r["id"] for r in await _fetch_all(client, {"pending": "true"})]
    assert len(expected) > 20

    forward: list[object] = []
    params: dict[str, str | int] = {"pending": "true", "limit": 7}
    pages: list[dict[str, object]] = []
    while True:
        response = await client.get("/api/members", params=params)
        body = response.json()
        pages.append(body)
        forward += [r["id"] for r in body["data"]]
        assert response.headers.get("x-next-cursor") == body["next_cursor"]
        if body["next_cursor"] is None:
            break
        params = {"pending": "true", "limit": 7, "cursor_next": body["next_cursor"]}
    assert forward == expected
    assert pages[0]["prev_cursor"] is None
    assert all(p["next_cursor"] is not None for p in pages[:-1])
    assert all(p["prev_cursor"] is not None for p in pages[1:])

    backward: list[object] = []
    cursor = pages[-1]["prev_cursor"]
    backward_pages = 0
    while cursor is not None:
        params = {"pending": "true", "limit": 7, "cursor_prev": str(cursor)}
        body = (await client.get("/api/members", params=params)).json()
        backward = [r["id"] for r in body["data"]] + backward
        assert body["next_cursor"] is not None
        assert len(body["data"]) == 7
        cursor = body["prev_cursor"]
        backward_pages += 1
    assert backward_pages == len(pages) - 1
    assert backward + [r["id"] for r in pages[-1]["data"]] == expected  # type: ignore[attr-defined]


async def test_cursors_are_keysets_unshaken_by_updates(client: httpx.AsyncClient) -> None:
    first = (await client.get("/api/members", params={"limit": 3})).json()
    assert [r["id"] for r in first["data"]] == ["A5c7X", "B6d8Y", "7E8ln"]
    await _put(client, "/api/members/B6d8Y", {"member": {"first_name": "George"}})
    params = {"limit": 3, "cursor_next": first["next_cursor"]}
    second = (await client.get("/api/members", params=params)).json()
    assert second["data"][0]["id"] == "7xZm3"
    back = (await client.get("/api/members", params={"cursor_prev": second["prev_cursor"]})).json()
    assert [r["id"] for r in back["data"]] == ["A5c7X", "B6d8Y", "7E8ln"]
    assert back["prev_cursor"] is None


async def test_limit_defaults_to_50_and_is_clamped_to_100(client: httpx.AsyncClient) -> None:
    assert len((await client.get("/api/members")).json()["data"]) == 50
    assert len((await client.get("/api/members?limit=5000")).json()["data"]) == 100
    assert len((await client.get("/api/members?limit=1")).json()["data"]) == 1


async def test_page_and_page_size(client: httpx.AsyncClient) -> None:
    everything = [r["id"] for r in await _fetch_all(client, {})]
    body = (await client.get("/api/members", params={"page": 3, "page_size": 10})).json()
    assert [r["id"] for r in body["data"]] == everything[20:30]
    assert body["next_cursor"] is None
    assert body["prev_cursor"] is None
    first = (await client.get("/api/members", params={"page": 1})).json()["data"]
    assert [r["id"] for r in first] == everything[:50]
    big = (await client.get("/api/members", params={"page": 1, "page_size": 999})).json()
    assert len(big["data"]) == 100
    beyond = (await client.get("/api/members", params={"page": 99, "page_size": 100})).json()
    assert beyond == {"data": [], "next_cursor": None, "prev_cursor": None}


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=0",
        "limit=-3",
        "limit=1.5",
        "page=0",
        "page=x",
        "page_size=0",
        "cursor_next=not-a-cursor!",
        "cursor_next=eyJ4IjoxfQ",
        "cursor_prev=AAAA",
        "cursor_next=eyJzZXEiOjJ9&cursor_prev=eyJzZXEiOjJ9",
        "page=1&cursor_next=eyJzZXEiOjJ9",
        "born_on=1976-13-01",
        "born_on=yesterday",
        "updated_since=2022-01-01",
        "updated_since=soon",
        "program_id=abc",
        "program_id=8.5",
        "pending=maybe",
        "include_household=yes please",
    ],
)
async def test_bad_list_parameters_answer_400(client: httpx.AsyncClient, query: str) -> None:
    response = await client.get(f"/api/members?{query}")
    assert response.status_code == 400
    detail = response.json()["errors"]["detail"]
    assert isinstance(detail, str)
    assert detail
