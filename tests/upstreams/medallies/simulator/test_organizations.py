"""The simulator: organizations: reads, paging, sorting, directives."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.upstreams.medallies.simulator.support import (
    AUTH,
    ORG_2,
    SCALE,
    Api,
    Json,
    assert_error,
    flt,
)
from upstreams.medallies.simulator import requests as sim_requests

# --- organizations: reads, paging, sorting, directives -------------------------------------


async def test_organization_2_is_the_documents(api: Api) -> None:
    org = await api.ok("GET", "/organizations/2")
    assert org == {**ORG_2, "href": f"{api.base}/organizations/2"}


async def test_organization_lists_page_by_offset_and_limit(api: Api) -> None:
    everything = await api.ok("GET", "/organizations")
    ids = [o["id"] for o in everything["items"]]
    assert everything["count"] == SCALE == len(ids)
    assert ids == sorted(ids)
    assert 2 in ids
    page = await api.ok("GET", "/organizations", offset=5, limit=10)
    assert page["count"] == SCALE
    assert [o["id"] for o in page["items"]] == ids[5:15]
    assert (await api.ok("GET", "/organizations", offset=0, limit=0))["items"] == everything[
        "items"
    ]
    beyond = await api.ok("GET", "/organizations", offset=SCALE + 5, limit=3)
    assert beyond == {"count": SCALE, "items": []}
    # offset alone pages to the end.
    assert [o["id"] for o in (await api.ok("GET", "/organizations", offset=38))["items"]] == ids[
        38:
    ]
    posted = await api.ok("POST", "/organizations", {"offset": 5, "limit": 10})
    assert posted == page
    assert await api.ok("POST", "/organizations") == everything
    assert await api.ok("POST", "/organizations", {}) == everything


async def test_page_size_is_capped(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sim_requests, "MAX_LIMIT", 7)  # where paging reads it
    for params in ({}, {"limit": 0}, {"limit": 50}):
        page = await api.ok("GET", "/organizations", **params)
        assert page["count"] == SCALE
        assert len(page["items"]) == 7
    assert len((await api.ok("GET", "/organizations", limit=3))["items"]) == 3


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"offset": "-1"}, ["offset"]),
        ({"limit": "x"}, ["limit"]),
        ({"limit": "2.5"}, ["limit"]),
        ({"offset": "", "limit": "-3"}, ["offset", "limit"]),
    ],
)
async def test_bad_paging_parameters(api: Api, params: dict[str, str], bad: list[str]) -> None:
    assert_error(await api.get("/organizations", **params), 400, 101, *bad)


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        ({"offset": -1}, ["offset"]),
        ({"limit": "5"}, ["limit"]),
        ({"limit": 2.5}, ["limit"]),
        ({"offset": True, "limit": -2}, ["offset", "limit"]),
    ],
)
async def test_bad_paging_values(api: Api, body: Json, bad: list[str]) -> None:
    assert_error(await api.post("/organizations", body), 400, 101, *bad)


async def test_sort_on_fields_dotted_paths_and_ties(api: Api) -> None:
    orgs = await api.all_organizations()
    by_name = await api.ids("/organizations", {"sortOn": {"organizationName": "desc"}})
    expected = sorted(orgs, key=lambda o: o["id"])
    expected.sort(key=lambda o: o["organizationName"], reverse=True)
    assert by_name == [o["id"] for o in expected]

    # Ties on the vendor's name fall back to the id, ascending, whatever the direction.
    for direction in ("asc", "desc", "DESC"):
        vendor_order = await api.ids("/organizations", {"sortOn": {"vendor.name": direction}})
        wanted = sorted(orgs, key=lambda o: o["id"])
        wanted.sort(key=lambda o: o["vendor"]["name"], reverse=direction.lower() == "desc")
        assert vendor_order == [o["id"] for o in wanted]

    two_keys = await api.ids(
        "/organizations", {"sortOn": {"practiceState": "asc", "creationDateTime": "desc"}}
    )
    wanted = sorted(orgs, key=lambda o: o["id"])
    wanted.sort(key=lambda o: o["creationDateTime"], reverse=True)
    wanted.sort(key=lambda o: o["practiceState"])
    assert two_keys == [o["id"] for o in wanted]

    # Nulls first ascending, last descending.
    nulls = [o["id"] for o in orgs if o["npi"] is None]
    assert nulls
    ascending = await api.ids("/organizations", {"sortOn": {"npi": "asc"}})
    assert ascending[: len(nulls)] == nulls
    descending = await api.ids("/organizations", {"sortOn": {"npi": "desc"}})
    assert descending[-len(nulls) :] == nulls

    # Offset pages of a sorted list tile it exactly.
    pages: list[int] = []
    for offset in range(0, SCALE, 7):
        pages += await api.ids(
            "/organizations", {"offset": offset, "limit": 7, "sortOn": {"vendor.name": "asc"}}
        )
    assert pages == await api.ids("/organizations", {"sortOn": {"vendor.name": "asc"}})


@pytest.mark.parametrize(
    ("sort_on", "status", "code", "parameter"),
    [
        ({"nope": "asc"}, 400, 101, "sortOn.nope"),
        ({"organizationName": "up"}, 400, 101, "sortOn.organizationName"),
        ({"vendor": "asc"}, 400, 101, "sortOn.vendor"),
        ({"href": "asc"}, 400, 101, "sortOn.href"),
        ({"organizationName": 1}, 400, 101, "sortOn.organizationName"),
        (["organizationName"], 400, 109, "sortOn"),
    ],
)
async def test_bad_sort(api: Api, sort_on: Any, status: int, code: int, parameter: str) -> None:
    assert_error(await api.post("/organizations", {"sortOn": sort_on}), status, code, parameter)


async def test_fields_directive(api: Api) -> None:
    picked = await api.ok("GET", "/organizations/2", _fields="organizationName,vendor.name")
    assert picked == {
        "id": 2,
        "organizationName": "Organization Name",
        "vendor": {"id": 45, "name": "Product Name"},
    }
    deep = await api.ok(
        "GET", "/organizations/2", _fields="vendor.endpointType.code,status.name,href,domain"
    )
    assert deep == {
        "id": 2,
        "status": {"name": "Enabled"},
        "vendor": {"id": 45, "endpointType": {"code": 3}},
        "domain": {"id": 2, "domainName": "tag.medalliesdirect.net"},
        "href": f"{api.base}/organizations/2",
    }
    whole_wins = await api.ok("GET", "/organizations/2", _fields="vendor.name,vendor")
    assert whole_wins["vendor"] == ORG_2["vendor"]
    listing = await api.ok("GET", "/organizations", _fields="tin", limit=2)
    assert all(set(o) == {"id", "tin"} for o in listing["items"])
    assert_error(await api.get("/organizations/2", _fields="nope"), 400, 101, "_fields")
    assert_error(await api.get("/organizations/2", _fields="vendor.href"), 400, 101, "_fields")


async def test_collapse_directive(api: Api) -> None:
    collapsed = await api.ok("GET", "/organizations/2", _collapse="vendor")
    assert collapsed["vendor"] == {"id": 45, "href": f"{api.base}/vendors/45"}
    assert collapsed["domain"] == ORG_2["domain"]
    assert (await api.ok("GET", "/organizations/2", _collapse="*"))["vendor"] == collapsed["vendor"]
    # With _fields the collapsed field comes back only when listed.
    listed = await api.ok("GET", "/organizations/2", _collapse="vendor", _fields="vendor,tin")
    assert listed == {"id": 2, "tin": "123456789", "vendor": collapsed["vendor"]}
    unlisted = await api.ok("GET", "/organizations/2", _collapse="vendor", _fields="tin")
    assert unlisted == {"id": 2, "tin": "123456789"}
    assert_error(
        await api.get("/organizations/2", _collapse="vendor", _fields="vendor.name"),
        400,
        101,
        "_fields",
        "_collapse",
    )
    for bad in ("status", "domain", "nope"):
        assert_error(await api.get("/organizations/2", _collapse=bad), 400, 101, "_collapse")
    # The collapsed href leads to the vendor.
    async with httpx.AsyncClient(headers=AUTH) as http:
        vendor = (await http.get(collapsed["vendor"]["href"])).json()
    assert vendor["name"] == "Product Name"


async def test_count_and_items_directives(api: Api) -> None:
    assert await api.ok("GET", "/organizations", _count="true") == {"count": SCALE}
    assert await api.ok("POST", "/organizations", {"filterOn": flt("id", 3, 2)}, _count="") == {
        "count": 1
    }
    items = await api.ok("GET", "/organizations", _items="true", limit=2, _fields="id")
    assert items == {"items": [{"id": 1}, {"id": 2}]}
    both_off = await api.ok("GET", "/organizations", _count="false", _items="0", limit=1)
    assert set(both_off) == {"count", "items"}
    # _count wins over _items.
    assert await api.ok("GET", "/organizations", _count="", _items="") == {"count": SCALE}
