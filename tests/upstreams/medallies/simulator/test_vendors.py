"""The simulator: vendors."""

from __future__ import annotations

from tests.upstreams.medallies.simulator.support import Api, flt

# --- vendors ------------------------------------------------------------------------------


async def test_vendors_of_the_document(api: Api) -> None:
    assert await api.ok("GET", "/vendors/56") == {
        "product": "Vendor Name",
        "id": 56,
        "endpointType": {"name": "XD", "code": 3},
        "rootDomain": "vendordirect.net",
        "name": "VendorName",
        "href": f"{api.base}/vendors/56",
    }
    vendor_63 = await api.ok("GET", "/vendors/63")
    assert (vendor_63["name"], vendor_63["product"]) == ("Vendor", "Vendor Product Name")
    assert (await api.ok("GET", "/vendors/45"))["rootDomain"] == "productdirect.net"


async def test_vendor_lists_plain_and_filterable(api: Api) -> None:
    plain = await api.ok("GET", "/vendors")
    ids = [v["id"] for v in plain["items"]]
    assert ids == sorted(ids)
    assert {45, 56, 63} <= set(ids)
    assert plain["count"] == len(ids)
    page = await api.ok("GET", "/vendors", offset=5, limit=10)
    assert [v["id"] for v in page["items"]] == ids[5:15]
    assert page["count"] == plain["count"]
    xd = await api.ok(
        "POST", "/vendors", {"filterOn": flt("endpointType.code", 3, 3), "sortOn": {"name": "asc"}}
    )
    names = [v["name"] for v in xd["items"]]
    assert names == sorted(names)
    assert all(v["endpointType"] == {"name": "XD", "code": 3} for v in xd["items"])
    assert {56, 63, 45} <= {v["id"] for v in xd["items"]}
    assert (await api.ok("POST", "/vendors", {}, _count=""))["count"] == plain["count"]
    only = await api.ok("GET", "/vendors", _fields="name", _items="", limit=1)
    assert only == {"items": [{"id": ids[0], "name": plain["items"][0]["name"]}]}
