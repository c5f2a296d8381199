"""The MedAllies simulator answers as the MedAllies Onboarding document (`004_…txt`) shows."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from aiohttp.test_utils import TestServer

from upstreams.medallies.simulator import APP_KEY, BASE_PATH, PASSWORD, USERNAME, create_app
from upstreams.medallies.simulator import filters as _filters
from upstreams.medallies.simulator import requests as sim_requests
from upstreams.medallies.simulator.filters import FieldType, FilterError, parse_filter, parse_sort
from upstreams.medallies.simulator.seed import SPECIALTIES, build_seed
from upstreams.simulators import CREDENTIALS, PREFIXES, start

SCALE = 40
BASIC = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
AUTH = {"X-MedAllies-App-Key": APP_KEY, "Authorization": BASIC}
Json = dict[str, Any]

ORG_2 = {
    "creationDateTime": "2016-10-07T16:46:23Z",
    "practiceCity": "City name",
    "status": {"name": "Enabled", "code": 1},
    "organizationName": "Organization Name",
    "vendor": {
        "product": "Product name",
        "id": 45,
        "endpointType": {"name": "XD", "code": 3},
        "rootDomain": "productdirect.net",
        "name": "Product Name",
    },
    "npi": 1234567890,
    "typeCode": 1,
    "lastUpdateDateTime": "2020-02-24T17:20:01Z",
    "tin": "123456789",
    "id": 2,
    "practiceStreet2": "Suite 001",
    "practiceStreet1": "Westage Business Drive",
    "practiceState": "NY",
    "directAbbreviation": "tag",
    "telephoneNumber": "(999) 999-9999",
    "domain": {"id": 2, "domainName": "tag.medalliesdirect.net"},
    "practiceZip": "34776",
    "specialization": "Multi-Specialty",
    "endpointUri": "https://direct.healthcare.com/XDRService",
}
TYUS = {
    "id": 5,
    "createDateTime": "2016-10-07T16:46:36Z",
    "lastName": "Tyus",
    "telephoneNumber": "(913) 622-3395",
    "accountType": "nonProvider",
    "gender": "Female",
    "credentials": "AB",
    "lastUpdateDateTime": "2020-02-20T03:03:18Z",
    "firstName": "Example",
    "specialty": "Emergency Medical Technician, Basic",
    "middleInitial": None,
    "suffix": None,
    "faxNumber": None,
}
ACCOUNT_45 = {
    "id": 45,
    "createDateTime": "2017-07-18T20:16:38Z",
    "lastName": "lastName",
    "telephoneNumber": "(999) 999-9999",
    "accountType": "nonProvider",
    "gender": "null",
    "middleInitial": "",
    "lastUpdateDateTime": "2020-02-24T17:39:33Z",
    "firstName": "firstName",
    "specialty": "N/A",
    "suffix": "",
    "credentials": None,
    "faxNumber": None,
}


class Api:
    """An httpx client on one simulator, with the document's base path and credentials."""

    def __init__(self, http: httpx.AsyncClient, base: str) -> None:
        self.http = http
        self.base = base

    async def get(self, path: str, **params: Any) -> httpx.Response:
        return await self.http.get(path, params=params)

    async def post(self, path: str, body: Any = None, **params: Any) -> httpx.Response:
        if body is None:
            return await self.http.post(path, params=params)
        return await self.http.post(path, json=body, params=params)

    async def ok(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        if method == "GET":
            response = await self.get(path, **params)
        else:
            response = await self.post(path, body, **params)
        assert response.status_code in (200, 201), response.text
        return response.json()

    async def ids(self, path: str, body: Any = None, **params: Any) -> list[int]:
        answer = await self.ok("POST", path, body if body is not None else {}, **params)
        return [item["id"] for item in answer["items"]]

    async def all_organizations(self) -> list[Json]:
        items: list[Json] = (await self.ok("GET", "/organizations"))["items"]
        return items


def error(code: int, *parameters: str) -> Json:
    names = {
        100: "REST_UNAUTH_ACCESS",
        101: "REST_INVALID_PARAM",
        102: "REST_MISSING_REQ_PARAM",
        103: "REST_RESOURCE_NOT_FOUND",
        104: "REST_METHOD_NOT_ALLOWED",
        108: "INVALID_JSON_SYNTAX",
        109: "INVALID_JSON_DATATYPE",
        153: "INVALID_DATATYPE",
        154: "EMPTY_LIST",
        155: "TOO_MANY_FIELD_VALUES",
        157: "FIELD_VALUE_NOT_ALLOWED",
        158: "TWO_FIELD_VALUES_REQUIRED",
    }
    body: Json = {"errorCode": code, "message": names[code]}
    if parameters:
        body["parameterName"] = list(parameters)
    return body


def assert_error(response: httpx.Response, status: int, code: int, *parameters: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == error(code, *parameters)


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    server = TestServer(create_app(scale=SCALE))
    await server.start_server()
    base = str(server.make_url(BASE_PATH))
    # Plain HTTP on loopback: skipping the CA bundle load saves ~30 ms per test.
    http = httpx.AsyncClient(base_url=base, headers=AUTH, verify=False)
    try:
        yield Api(http, base)
    finally:
        await http.aclose()
        await server.close()


def flt(field: str, method: int | str, *values: Any) -> Json:
    return {"fieldName": field, "fieldValues": list(values), "method": method}


# --- auth, plumbing, errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-MedAllies-App-Key": APP_KEY},
        {"Authorization": BASIC},
        {"X-MedAllies-App-Key": "nope", "Authorization": BASIC},
        {
            "X-MedAllies-App-Key": APP_KEY,
            "Authorization": "Basic " + base64.b64encode(b"demo:x").decode(),
        },
        {"X-MedAllies-App-Key": APP_KEY, "Authorization": "Bearer demo"},
        {"X-MedAllies-App-Key": APP_KEY, "Authorization": "Basic !!notbase64"},
    ],
)
async def test_every_route_but_metadata_needs_the_app_key_and_basic_credentials(
    api: Api, headers: dict[str, str]
) -> None:
    routes = [
        ("GET", "/vendors/56"),
        ("POST", "/vendors"),
        ("GET", "/organizations"),
        ("GET", "/organizations/2"),
        ("POST", "/organizations/add"),
        ("GET", "/organizations/deactivate?orgId=2"),
        ("GET", "/organizations/types"),
        ("GET", "/organizations/2/memberships"),
        ("POST", "/accounts/add"),
        ("GET", "/accounts/45"),
        ("GET", "/accounts/specialties"),
        ("GET", "/accounts/45/memberships"),
    ]
    async with httpx.AsyncClient(base_url=api.base, headers=headers) as bare:
        for method, path in routes:
            response = await bare.request(method, path)
            assert_error(response, 401, 100)
    # Nothing was deactivated by the refused call.
    org = await api.ok("GET", "/organizations/2")
    assert org["status"] == {"name": "Enabled", "code": 1}


async def test_metadata_needs_no_credentials(api: Api) -> None:
    async with httpx.AsyncClient(base_url=api.base) as bare:
        for path in ("/metadata", "/metadata/vendor", "/metadata/errorCodes"):
            assert (await bare.get(path)).status_code == 200


async def test_unknown_routes_and_methods_answer_json_errors(api: Api) -> None:
    async with httpx.AsyncClient(base_url=api.base) as bare:
        assert_error(await bare.get("/nowhere"), 404, 103)
        assert_error(await bare.get("/organizations/abc"), 404, 103)
    assert_error(await api.http.delete("/organizations/2"), 405, 104)
    assert_error(await api.get("/organizations/add"), 405, 104)
    assert_error(await api.get("/organizations/999999"), 404, 103)
    assert_error(await api.get("/vendors/1"), 404, 103)
    assert_error(await api.get("/accounts/999999"), 404, 103)
    assert_error(await api.get("/organizations/999999/memberships"), 404, 103)
    assert_error(await api.post("/accounts/999999/memberships", {}), 404, 103)


@pytest.mark.parametrize(
    "path",
    [
        "/vendors",
        "/organizations",
        "/organizations/add",
        "/organizations/modify",
        "/organizations/2/memberships",
        "/accounts/add",
        "/accounts/modify",
        "/accounts/deactivate",
        "/accounts/45/memberships",
    ],
)
async def test_no_body_ever_makes_a_server_error(api: Api, path: str) -> None:
    bodies: list[bytes] = [
        b"{",
        b"[]",
        b"null",
        b"42",
        b'"text"',
        b'{"items": 3}',
        b'{"items": [1, null, "x"]}',
        b'{"items": [{}]}',
        b'{"offset": "x", "limit": -1, "sortOn": [], "filterOn": 3}',
        b'{"filterOn": {"method": 15, "filters": [null]}}',
        b'{"filterOn": {"method": 7, "fieldName": "creationDateTime", "fieldValues": [1, 2]}}',
        b'{"organizationId": "2", "account": [], "orgId": {}, "accountId": true}',
        b'{"organizationId": 2, "account": {"id": null, "accountType": 5}}',
        b'{"id": 2, "vendor": 5, "npi": true, "tin": null, "typeCode": null}',
        b'{"orgId": 2, "items": [{"accountId": "5", "reasonCode": 9}]}',
        '{"organizationName": "\u00e9\u00e8"}'.encode(),
    ]
    for body in bodies:
        response = await api.http.post(path, content=body)
        assert response.status_code < 500, (body, response.text)
        assert "errorCode" in response.json() or response.status_code in (200, 201)


async def test_invalid_json_and_wrong_json_types(api: Api) -> None:
    assert_error(await api.http.post("/organizations", content=b"{oops"), 400, 108)
    assert_error(await api.post("/organizations", [1, 2]), 400, 109)
    assert_error(await api.post("/organizations/add", {"items": "x"}), 400, 109, "items")
    assert_error(await api.http.post("/organizations/add"), 400, 102)


# --- metadata and reference lists ---------------------------------------------------------


async def test_metadata_of_every_datatype_in_the_documented_format(api: Api) -> None:
    index = await api.ok("GET", "/metadata")
    names = [item["dataType"] for item in index["items"]]
    assert names == [
        "Vendor",
        "Organization",
        "OrganizationMembership",
        "AccountMembership",
        "Department",
        "Provider",
        "NonProvider",
    ]
    assert index["count"] == 7
    keys = {
        "fieldName",
        "idField",
        "description",
        "defaultValue",
        "valueOptions",
        "fieldType",
        "fieldTypeMetadata",
        "filterable",
        "sortable",
        "addDataAttribute",
        "modifyDataAttribute",
    }
    for name in names:
        for spelling in (name, name.lower(), name.upper()):
            meta = await api.ok("GET", f"/metadata/{spelling}")
            assert meta["dataType"] == name
            assert all(set(f) == keys for f in meta["metadata"])
    vendor = await api.ok("GET", "/metadata/vendor")
    fields = {f["fieldName"]: f for f in vendor["metadata"]}
    assert list(fields) == ["id", "name", "product", "rootDomain", "endpointType", "href"]
    endpoint = fields["endpointType"]
    assert endpoint["fieldType"] == "EndPointType"
    assert [f["fieldName"] for f in endpoint["fieldTypeMetadata"]["EndPointType"]] == [
        "name",
        "code",
    ]
    assert fields["id"]["idField"] is True
    org = {f["fieldName"]: f for f in (await api.ok("GET", "/metadata/Organization"))["metadata"]}
    assert org["organizationName"]["addDataAttribute"] == 2
    assert org["vendor"]["addDataAttribute"] == 2
    assert org["id"]["addDataAttribute"] == 0
    assert org["id"]["modifyDataAttribute"] == 3
    assert org["creationDateTime"]["fieldType"] == "Date"
    assert {o["value"] for o in org["typeCode"]["valueOptions"]} == {1, 2, 3}
    assert org["href"]["filterable"] is False
    provider = {f["fieldName"] for f in (await api.ok("GET", "/metadata/provider"))["metadata"]}
    assert {"npin", "firstName", "gender", "specialty"} <= provider
    department = {f["fieldName"] for f in (await api.ok("GET", "/metadata/department"))["metadata"]}
    assert "departmentName" in department
    assert "npin" not in department
    assert_error(await api.get("/metadata/Nothing"), 404, 103)


async def test_error_codes_list_every_code(api: Api) -> None:
    codes = (await api.ok("GET", "/metadata/errorCodes"))["errorCodes"]
    by_code = {c["code"]: c["codeString"] for c in codes}
    for code in (100, 101, 102, 103, 108, 109, 153, 154, 155, 157, 158):
        assert by_code[code] == error(code)["message"]


async def test_html_directive_answers_an_html_summary(api: Api) -> None:
    async with httpx.AsyncClient(base_url=api.base) as bare:
        page = await bare.get("/metadata/vendor", params={"_html": ""})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "<table>" in page.text
        assert "rootDomain" in page.text
        for path in ("/metadata", "/metadata/errorCodes"):
            other = await bare.get(path, params={"_html": "true"})
            assert other.headers["content-type"].startswith("text/html")
    org = await api.get("/organizations/2", _html="1")
    assert org.headers["content-type"].startswith("text/html")
    assert "Westage Business Drive" in org.text
    listing = await api.post("/organizations", {"limit": 2}, _html="")
    assert "<thead>" in listing.text
    # An error stays JSON.
    assert_error(await api.get("/organizations/0", _html=""), 404, 103)


async def test_reference_lists(api: Api) -> None:
    types = await api.ok("GET", "/organizations/types")
    assert types == {
        "count": 3,
        "items": [
            {"description": "Hospital", "code": 1},
            {"description": "Provider Organization", "code": 2},
            {"description": "Other", "code": 3},
        ],
    }
    states = await api.ok("GET", "/organizations/usStates")
    assert states["count"] == len(states["items"]) == 59
    assert states["items"][:4] == [
        {"name": "Alaska", "abbreviation": "AK"},
        {"name": "Alabama", "abbreviation": "AL"},
        {"name": "Arkansas", "abbreviation": "AR"},
        {"name": "Arizona", "abbreviation": "AZ"},
    ]
    abbreviations = {s["abbreviation"] for s in states["items"]}
    assert {"NY", "NJ", "DC", "PR", "GU"} <= abbreviations
    reasons = await api.ok("GET", "/accounts/deactivateReasons")
    assert reasons["count"] == 5
    assert reasons["items"][0] == {"reason": "Organization Being Renamed", "code": 1}
    assert reasons["items"][4] == {"reason": "Lost Or Stolen Private Key", "code": 5}
    credentials = await api.ok("GET", "/accounts/credentials")
    assert credentials["count"] == 22
    assert [c["name"] for c in credentials["items"][:5]] == ["MD", "MBBS", "DO", "DMD", "OD"]
    specialties = await api.ok("GET", "/accounts/specialties")
    assert specialties["count"] == len(specialties["items"]) >= 300
    assert specialties["items"][:4] == [
        {"name": "Acupuncturist", "code": "171100000X"},
        {"name": "Adult Companion", "code": "372600000X"},
        {"name": "Advanced Practice Dental Therapist", "code": "125K00000X"},
        {"name": "Advanced Practice Midwife", "code": "367A00000X"},
    ]
    codes = [s["code"] for s in specialties["items"]]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 10 and c.endswith("X") for c in codes)
    assert tuple((s["name"], s["code"]) for s in specialties["items"]) == SPECIALTIES


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


# --- the filter language over HTTP ---------------------------------------------------------


async def test_every_filter_method_over_http(api: Api) -> None:
    orgs = await api.all_organizations()
    first = orgs[0]
    name = first["organizationName"]
    created = [o["creationDateTime"] for o in orgs]
    low, high = sorted(created)[5], sorted(created)[-5]

    def street2(o: Json) -> str | None:
        value: str | None = o["practiceStreet2"]
        return value

    cases: list[tuple[Json, Callable[[Json], bool]]] = [
        (
            flt("organizationName", 0, name[:4]),
            lambda o: o["organizationName"].startswith(name[:4]),
        ),
        (flt("organizationName", 1, "Health"), lambda o: "Health" in o["organizationName"]),
        (
            flt("organizationName", 2, "Hospital"),
            lambda o: o["organizationName"].endswith("Hospital"),
        ),
        (flt("practiceState", 3, "NY"), lambda o: o["practiceState"] == "NY"),
        (flt("npi", 4, ORG_2["npi"]), lambda o: o["npi"] is not None and o["npi"] != ORG_2["npi"]),
        (flt("practiceState", 5, "NJ", "CT"), lambda o: o["practiceState"] in ("NJ", "CT")),
        (flt("typeCode", 6, 1, 3), lambda o: o["typeCode"] == 2),
        (flt("creationDateTime", 7, low, high), lambda o: low <= o["creationDateTime"] <= high),
        (
            flt("creationDateTime", 7, f"{low}:{high}"),
            lambda o: low <= o["creationDateTime"] <= high,
        ),
        (
            flt("lastUpdateDateTime", 8, low, high),
            lambda o: not low <= o["lastUpdateDateTime"] <= high,
        ),
        (flt("id", 9, 10), lambda o: o["id"] < 10),
        (flt("organizationName", 10, "M"), lambda o: o["organizationName"] > "M"),
        (flt("creationDateTime", 11, low), lambda o: o["creationDateTime"] <= low),
        (flt("npi", 12, 1500000000), lambda o: o["npi"] is not None and o["npi"] >= 1500000000),
        (flt("practiceStreet2", 13), lambda o: street2(o) is None),
        (flt("practiceStreet2", 14), lambda o: street2(o) is not None),
        (
            {"method": 15, "filters": [flt("practiceState", 3, "NY"), flt("typeCode", 3, 2)]},
            lambda o: o["practiceState"] == "NY" and o["typeCode"] == 2,
        ),
        (
            {"method": 16, "filters": [flt("practiceState", 3, "NJ"), flt("npi", 13)]},
            lambda o: o["practiceState"] == "NJ" or o["npi"] is None,
        ),
        (
            flt("practiceStreet2", 17, "Suite 1"),
            lambda o: street2(o) is not None and not str(street2(o)).startswith("Suite 1"),
        ),
        (
            flt("organizationName", 18, "a"),
            lambda o: "a" not in o["organizationName"],
        ),
        (
            flt("practiceStreet2", 19, "0"),
            lambda o: street2(o) is not None and not str(street2(o)).endswith("0"),
        ),
        # Dotted paths into sub-objects, nested groups.
        (flt("vendor.endpointType.code", 3, 3), lambda o: o["vendor"]["endpointType"]["code"] == 3),
        (flt("vendor.name", 0, "Vendor"), lambda o: o["vendor"]["name"].startswith("Vendor")),
        (flt("status.code", 3, 2), lambda o: o["status"]["code"] == 2),
        (flt("domain.domainName", 2, "tag.medalliesdirect.net"), lambda o: o["id"] == 2),
        (
            {
                "method": 15,
                "filters": [
                    {
                        "method": 16,
                        "filters": [flt("practiceState", 3, "NY"), flt("practiceState", 3, "NJ")],
                    },
                    {"method": "16", "filters": [flt("npi", 13), flt("typeCode", 5, 1, 3)]},
                ],
            },
            lambda o: (
                o["practiceState"] in ("NY", "NJ") and (o["npi"] is None or o["typeCode"] != 2)
            ),
        ),
    ]
    for filter_on, predicate in cases:
        wanted = [o["id"] for o in orgs if predicate(o)]
        found = await api.ids("/organizations", {"filterOn": filter_on})
        assert found == wanted, filter_on
        assert 0 < len(wanted) < SCALE or filter_on.get("fieldName") == "domain.domainName", (
            filter_on
        )
    # Filtering happens before paging: count is the number matching.
    paged = await api.ok(
        "POST", "/organizations", {"filterOn": flt("practiceState", 3, "NY"), "limit": 2}
    )
    assert paged["count"] == sum(o["practiceState"] == "NY" for o in orgs)
    assert len(paged["items"]) == 2


async def test_string_matching_is_case_sensitive(api: Api) -> None:
    assert (
        await api.ids(
            "/organizations", {"filterOn": flt("organizationName", 3, "organization name")}
        )
        == []
    )
    assert await api.ids(
        "/organizations", {"filterOn": flt("organizationName", 3, "Organization Name")}
    ) == [2]


async def test_negated_methods_never_match_nulls(api: Api) -> None:
    orgs = await api.all_organizations()
    without_npi = {o["id"] for o in orgs if o["npi"] is None}
    without_street2 = {o["id"] for o in orgs if o["practiceStreet2"] is None}
    assert without_npi
    assert without_street2
    for filter_on, nulls in [
        (flt("npi", 4, 1), without_npi),
        (flt("npi", 6, 1, 2), without_npi),
        (flt("practiceStreet2", 4, "x"), without_street2),
        (flt("practiceStreet2", 6, "x"), without_street2),
        (flt("practiceStreet2", 17, "x"), without_street2),
        (flt("practiceStreet2", 18, "x"), without_street2),
        (flt("practiceStreet2", 19, "x"), without_street2),
    ]:
        found = set(await api.ids("/organizations", {"filterOn": filter_on}))
        assert found == {o["id"] for o in orgs} - nulls, filter_on


@pytest.mark.parametrize(
    ("filter_on", "code", "parameter"),
    [
        # 153: method and field type, value and field type.
        (flt("npi", 0, "1"), 153, "filterOn"),
        (flt("organizationName", 7, "a", "b"), 153, "filterOn"),
        (flt("publishable", 5, True), 101, "filterOn.fieldName"),
        (flt("npi", 3, "1234567890"), 153, "filterOn"),
        (flt("organizationName", 3, 5), 153, "filterOn"),
        (flt("creationDateTime", 9, "yesterday"), 153, "filterOn"),
        (flt("creationDateTime", 7, "2016-01-01T00:00:00Z", 5), 153, "filterOn"),
        (flt("typeCode", 1, 1), 153, "filterOn"),
        (
            {"method": 15, "filters": [flt("id", 3, 1), flt("tin", 3, 123456789)]},
            153,
            "filterOn.filters[1]",
        ),
        # 154: empty lists.
        (flt("practiceState", 5), 154, "filterOn"),
        (flt("practiceState", 6), 154, "filterOn"),
        (flt("practiceState", 3), 154, "filterOn"),
        ({"method": 16, "filters": []}, 154, "filterOn"),
        ({"method": 15}, 154, "filterOn"),
        # 155: single-value methods.
        (flt("practiceState", 3, "NY", "NJ"), 155, "filterOn"),
        (flt("organizationName", 0, "A", "B"), 155, "filterOn"),
        (flt("id", 12, 1, 2), 155, "filterOn"),
        # 157: null methods take no value.
        (flt("npi", 13, 1), 157, "filterOn"),
        (flt("npi", 14, None), 157, "filterOn"),
        # 158: ranges take two.
        (flt("creationDateTime", 7, "2016-01-01T00:00:00Z"), 158, "filterOn"),
        (flt("creationDateTime", 8), 158, "filterOn"),
        (flt("creationDateTime", 7, "a", "b", "c"), 158, "filterOn"),
        # 101 and 102 and 109: the filter's own parts.
        (flt("nope", 3, "x"), 101, "filterOn.fieldName"),
        (flt("href", 3, "x"), 101, "filterOn.fieldName"),
        (flt("vendor", 13), 101, "filterOn.fieldName"),
        (flt("id", 42, 1), 101, "filterOn.method"),
        (flt("id", "three", 1), 101, "filterOn.method"),
        ({"fieldName": "id", "fieldValues": [1]}, 102, "filterOn.method"),
        ({"method": 3, "fieldValues": [1]}, 102, "filterOn.fieldName"),
        ({"fieldName": "id", "fieldValues": 1, "method": 3}, 109, "filterOn.fieldValues"),
        ({"method": 15, "filters": {"a": 1}}, 109, "filterOn.filters"),
        ("id = 1", 109, "filterOn"),
        (
            {
                "method": 16,
                "filters": [
                    flt("id", 3, 1),
                    {"method": 15, "filters": [flt("id", 3, 1), flt("id", 13, 1)]},
                ],
            },
            157,
            "filterOn.filters[1].filters[1]",
        ),
        (
            {"method": 15, "filters": [flt("id", 3, 1), flt("account.lastName", 3, "x")]},
            101,
            "filterOn.filters[1].fieldName",
        ),
    ],
)
async def test_filter_errors(api: Api, filter_on: Any, code: int, parameter: str) -> None:
    assert_error(await api.post("/organizations", {"filterOn": filter_on}), 400, code, parameter)


# --- the filter language as pure functions --------------------------------------------------

TYPES = {
    "name": FieldType.STRING,
    "count": FieldType.NUMBER,
    "flag": FieldType.BOOLEAN,
    "at": FieldType.DATE,
    "sub.code": FieldType.NUMBER,
}
RECORDS: list[Json] = [
    {
        "id": 1,
        "name": "Alpha",
        "count": 1,
        "flag": True,
        "at": "2016-10-07T16:46:23Z",
        "sub": {"code": 1},
    },
    {
        "id": 2,
        "name": "beta",
        "count": 2.5,
        "flag": False,
        "at": "2017-01-01T00:00:00Z",
        "sub": None,
    },
    {"id": 3, "name": None, "count": None, "flag": None, "at": None, "sub": {"code": None}},
    {"id": 4, "name": "Alphabet", "count": 10, "flag": True, "at": "2020-02-24T17:20:01Z"},
]


def matching(filter_on: Any) -> list[int]:
    match = parse_filter(filter_on, TYPES)
    return [r["id"] for r in RECORDS if match(r)]


@pytest.mark.parametrize(
    ("filter_on", "ids"),
    [
        (flt("name", 0, "Alpha"), [1, 4]),
        (flt("name", 1, "ph"), [1, 4]),
        (flt("name", 2, "a"), [1, 2]),
        (flt("name", 3, "Alpha"), [1]),
        (flt("count", 3, 2.5), [2]),
        (flt("flag", 3, False), [2]),
        (flt("at", 3, "2016-10-07T18:46:23+02:00"), [1]),
        (flt("name", 4, "Alpha"), [2, 4]),
        (flt("flag", 4, True), [2]),
        (flt("count", 5, 1, 10), [1, 4]),
        (flt("at", 5, "2017-01-01T00:00:00Z", "2020-02-24"), [2]),
        (flt("name", 6, "beta"), [1, 4]),
        (flt("at", 7, "2016-01-01T00:00:00Z", "2017-01-01T00:00:00Z"), [1, 2]),
        (flt("at", 7, "2016-01-01T00:00:00Z:2017-01-01T00:00:00Z"), [1, 2]),
        (flt("at", 7, "2017-01-01T00:00:00Z", "2016-01-01T00:00:00Z"), []),
        (flt("at", 8, "2016-01-01T00:00:00Z", "2017-01-01T00:00:00Z"), [4]),
        (flt("count", 9, 2.5), [1]),
        (flt("name", 9, "B"), [1, 4]),
        (flt("at", 10, "2017-01-01T00:00:00Z"), [4]),
        (flt("count", 11, 2.5), [1, 2]),
        (flt("name", 12, "beta"), [2]),
        (flt("name", 13), [3]),
        ({"fieldName": "count", "method": 13, "fieldValues": None}, [3]),
        (flt("sub.code", 13), [2, 3, 4]),
        (flt("sub.code", 14), [1]),
        ({"method": 15, "filters": [flt("name", 0, "Alpha"), flt("count", 12, 5)]}, [4]),
        ({"method": 16, "filters": [flt("name", 13), flt("flag", 3, False)]}, [2, 3]),
        (flt("name", 17, "Alpha"), [2]),
        (flt("name", 18, "ph"), [2]),
        (flt("name", 19, "bet"), [1, 2]),
        (flt("sub.code", 3, 1), [1]),
        ({"fieldName": "count", "fieldValues": [1], "method": "3"}, [1]),
        (None, [1, 2, 3, 4]),
        ({}, [1, 2, 3, 4]),
    ],
)
def test_filter_methods(filter_on: Any, ids: list[int]) -> None:
    assert matching(filter_on) == ids


def test_filter_error_carries_code_and_path() -> None:
    with pytest.raises(FilterError) as raised:
        parse_filter({"method": 15, "filters": [flt("name", 3, "x"), flt("at", 7, "x")]}, TYPES)
    assert (raised.value.code, raised.value.parameter) == (158, "filterOn.filters[1]")
    assert raised.value.message == "TWO_FIELD_VALUES_REQUIRED"


def test_sort_keys() -> None:
    keys = parse_sort({"flag": "desc", "at": "asc"}, TYPES)
    ordered = _filters.sort_records(RECORDS, keys)
    assert [r["id"] for r in ordered] == [1, 4, 2, 3]
    assert parse_sort(None, TYPES) == []
    with pytest.raises(FilterError) as raised:
        parse_sort({"sub": "asc"}, TYPES)
    assert raised.value.parameter == "sortOn.sub"


# --- organization writes -------------------------------------------------------------------

NEW_ORG: Json = {
    "organizationName": "Zephyr Hills Pediatrics",
    "typeCode": 2,
    "vendor": {"id": 63},
    "tin": "987654321",
    "npi": 1999999999,
    "practiceStreet1": "1 Main Street",
    "practiceCity": "Newark",
    "practiceState": "NJ",
    "practiceZip": "07102-1234",
    "telephoneNumber": "(973) 555-0100 ext. 12",
}


async def test_add_one_organization(api: Api) -> None:
    response = await api.post("/organizations/add", NEW_ORG)
    assert response.status_code == 201
    org = response.json()
    assert org["id"] == SCALE + 1
    assert {k: org[k] for k in NEW_ORG if k != "vendor"} == {
        k: v for k, v in NEW_ORG.items() if k != "vendor"
    }
    assert org["vendor"]["name"] == "Vendor"
    assert org["status"] == {"name": "Enabled", "code": 1}
    assert org["domain"]["domainName"] == f"{org['directAbbreviation']}.medalliesdirect.net"
    assert org["practiceStreet2"] is None
    assert org["creationDateTime"] == org["lastUpdateDateTime"]
    assert org["href"] == f"{api.base}/organizations/{org['id']}"
    assert await api.ok("GET", f"/organizations/{org['id']}") == org
    assert (await api.ok("GET", "/organizations", _count=""))["count"] == SCALE + 1
    shaped = await api.post(
        "/organizations/add",
        {**NEW_ORG, "directAbbreviation": "zhp"},
        _fields="domain",
        _collapse="vendor",
    )
    assert shaped.json() == {
        "id": SCALE + 2,
        "domain": {"id": shaped.json()["domain"]["id"], "domainName": "zhp.medalliesdirect.net"},
    }


async def test_add_organizations_in_a_batch(api: Api) -> None:
    minimal = {"organizationName": "Queensbury Laboratory", "typeCode": 3, "vendor": {"id": 45}}
    response = await api.post("/organizations/add", {"items": [NEW_ORG, minimal]})
    assert response.status_code == 201
    body = response.json()
    assert body["count"] == 2
    assert [o["id"] for o in body["items"]] == [SCALE + 1, SCALE + 2]
    assert body["items"][1]["npi"] is None
    assert body["items"][1]["tin"] is None


@pytest.mark.parametrize(
    ("changes", "code", "parameters"),
    [
        ({"tin": "12345678"}, 101, ["tin"]),
        ({"tin": "12345678a"}, 101, ["tin"]),
        ({"tin": 123456789}, 109, ["tin"]),
        ({"npi": 123456789}, 101, ["npi"]),
        ({"npi": 12345678901}, 101, ["npi"]),
        ({"npi": "1234567890"}, 109, ["npi"]),
        ({"typeCode": 4}, 101, ["typeCode"]),
        ({"typeCode": "1"}, 109, ["typeCode"]),
        ({"practiceState": "XX"}, 101, ["practiceState"]),
        ({"practiceState": "ny"}, 101, ["practiceState"]),
        ({"practiceZip": "1234"}, 101, ["practiceZip"]),
        ({"practiceZip": "12345-12"}, 101, ["practiceZip"]),
        ({"practiceZip": 12345}, 109, ["practiceZip"]),
        ({"telephoneNumber": "555-555-5555"}, 101, ["telephoneNumber"]),
        ({"telephoneNumber": "(555) 555-55555"}, 101, ["telephoneNumber"]),
        ({"organizationName": None}, 102, ["organizationName"]),
        ({"organizationName": "  "}, 102, ["organizationName"]),
        ({"typeCode": None}, 102, ["typeCode"]),
        ({"vendor": None}, 102, ["vendor.id"]),
        ({"vendor": {}}, 102, ["vendor.id"]),
        ({"vendor": {"id": 999}}, 101, ["vendor.id"]),
        ({"vendor": 45}, 109, ["vendor"]),
        ({"id": 7}, 101, ["id"]),
        ({"directAbbreviation": "tag"}, 101, ["directAbbreviation"]),
        ({"directAbbreviation": "has space"}, 101, ["directAbbreviation"]),
        ({"tin": "1", "practiceZip": "1", "npi": "x"}, 109, ["npi"]),
        ({"tin": "1", "practiceZip": "1"}, 101, ["tin", "practiceZip"]),
        ({"tin": "1", "organizationName": None}, 102, ["organizationName"]),
    ],
)
async def test_organization_validation(
    api: Api, changes: Json, code: int, parameters: list[str]
) -> None:
    body = {k: v for k, v in {**NEW_ORG, **changes}.items()}
    assert_error(await api.post("/organizations/add", body), 400, code, *parameters)
    batch = {"items": [NEW_ORG, body]}
    prefixed = [f"items[1].{p}" for p in parameters]
    assert_error(await api.post("/organizations/add", batch), 400, code, *prefixed)
    # Nothing was created, not even the valid first item.
    assert (await api.ok("GET", "/organizations", _count=""))["count"] == SCALE


async def test_required_organization_fields_on_add(api: Api) -> None:
    assert_error(
        await api.post("/organizations/add", {"tin": "123456789"}),
        400,
        102,
        "organizationName",
        "typeCode",
        "vendor.id",
    )
    assert_error(await api.post("/organizations/add", {"items": []}), 400, 102, "items")
    taken_twice = {
        "items": [{**NEW_ORG, "directAbbreviation": "zz"}, {**NEW_ORG, "directAbbreviation": "ZZ"}]
    }
    assert_error(
        await api.post("/organizations/add", taken_twice), 400, 101, "items[1].directAbbreviation"
    )


async def test_modify_organizations_partially(api: Api) -> None:
    before = await api.ok("GET", "/organizations/2")
    response = await api.post(
        "/organizations/modify",
        {"id": 2, "practiceCity": "Fishkill", "vendor": {"id": 56}, "status": {"code": 2}},
    )
    assert response.status_code == 200
    after = response.json()
    assert after["practiceCity"] == "Fishkill"
    assert after["vendor"]["id"] == 56
    # Read-only fields are ignored, the rest kept.
    assert after["status"] == before["status"]
    assert after["creationDateTime"] == before["creationDateTime"]
    assert after["lastUpdateDateTime"] > before["lastUpdateDateTime"]
    unchanged = {"organizationName", "tin", "npi", "practiceState", "domain", "directAbbreviation"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    assert await api.ok("GET", "/organizations/2") == after

    cleared = await api.ok(
        "POST", "/organizations/modify", {"id": 2, "npi": None, "practiceStreet2": None}
    )
    assert (cleared["npi"], cleared["practiceStreet2"]) == (None, None)

    batch = await api.post(
        "/organizations/modify",
        {"items": [{"id": 1, "typeCode": 3}, {"id": 3, "tin": "000000000"}]},
        _fields="typeCode,tin",
    )
    assert batch.status_code == 200
    assert batch.json()["count"] == 2
    assert batch.json()["items"][0]["typeCode"] == 3
    assert batch.json()["items"][1] == {
        "id": 3,
        "typeCode": batch.json()["items"][1]["typeCode"],
        "tin": "000000000",
    }


async def test_modify_organization_errors_change_nothing(api: Api) -> None:
    before = await api.all_organizations()
    assert_error(await api.post("/organizations/modify", {"tin": "123456789"}), 400, 102, "id")
    assert_error(await api.post("/organizations/modify", {"id": 99999, "tin": "1"}), 404, 103, "id")
    assert_error(
        await api.post(
            "/organizations/modify", {"items": [{"id": 1, "tin": "111111111"}, {"id": 3, "npi": 5}]}
        ),
        400,
        101,
        "items[1].npi",
    )
    assert_error(
        await api.post(
            "/organizations/modify", {"items": [{"id": 1, "tin": "111111111"}, {"id": 0}]}
        ),
        404,
        103,
        "items[1].id",
    )
    assert_error(
        await api.post("/organizations/modify", {"id": 2, "organizationName": ""}),
        400,
        102,
        "organizationName",
    )
    assert_error(
        await api.post("/organizations/modify", {"id": 2, "typeCode": 9}), 400, 101, "typeCode"
    )
    assert_error(
        await api.post("/organizations/modify", {"id": 2, "vendor": {"id": 1}}),
        400,
        101,
        "vendor.id",
    )
    assert await api.all_organizations() == before


async def test_deactivate_and_activate_organizations(api: Api) -> None:
    members = (await api.ok("GET", "/organizations/2/memberships"))["items"]
    assert any(m["status"]["code"] == 1 for m in members)
    response = await api.get("/organizations/deactivate", orgId="2,1")
    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "items": [
            {"id": 2, "status": {"name": "Disabled", "code": 2}},
            {"id": 1, "status": {"name": "Disabled", "code": 2}},
        ],
    }
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 2
    disabled = await api.ok(
        "POST", "/organizations/2/memberships", {"filterOn": flt("status.code", 3, 2)}, _count=""
    )
    assert disabled == {"count": len(members)}
    # Every membership of organization 2 went down with it, on the account side too.
    tyus = await api.ok("GET", "/accounts/5/memberships")
    assert tyus["items"][0]["status"] == {"name": "Disabled", "code": 2}
    assert tyus["items"][0]["organization"]["status"] == {"name": "Disabled", "code": 2}

    activated = await api.ok("GET", "/organizations/activate", orgId="2")
    assert activated == {"count": 1, "items": [{"id": 2, "status": {"name": "Enabled", "code": 1}}]}
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 1
    # Members are not reactivated with their organization.
    still = await api.ok(
        "POST", "/organizations/2/memberships", {"filterOn": flt("status.code", 3, 1)}, _count=""
    )
    assert still == {"count": 0}

    assert_error(await api.get("/organizations/deactivate", orgId="3,99999"), 404, 103, "orgId")
    assert (await api.ok("GET", "/organizations/3"))["status"]["code"] == 1
    assert_error(await api.get("/organizations/deactivate"), 400, 102, "orgId")
    assert_error(await api.get("/organizations/activate", orgId="x"), 400, 101, "orgId")
    assert_error(await api.get("/organizations/activate", orgId="1,,2"), 400, 101, "orgId")


async def test_failed_deactivation_changes_nothing(api: Api) -> None:
    assert_error(await api.get("/organizations/deactivate", orgId="2,99999"), 404, 103, "orgId")
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 1


# --- memberships: reads ---------------------------------------------------------------------


async def test_organization_memberships_of_the_document(api: Api) -> None:
    listing = await api.ok("GET", "/organizations/2/memberships")
    account_ids = [m["account"]["id"] for m in listing["items"]]
    assert account_ids == sorted(account_ids)
    assert listing["count"] == len(account_ids) > 2
    tyus = next(m for m in listing["items"] if m["account"]["id"] == 5)
    assert tyus == {
        "directAddressLocalPart": "exampleName",
        "createDateTime": "2016-10-07T16:46:37Z",
        "status": {"name": "Enabled", "code": 1},
        "businessEmail": "exampleName@business.email.com",
        "account": TYUS,
        "publishable": True,
        "lastUpdateDateTime": "2017-04-17T13:54:09Z",
        "directAddress": "example@tag.medalliesdirect.org",
        "organizationId": 2,
        "href": f"{api.base}/2/memberships/5",
    }
    page = await api.ok("GET", "/organizations/2/memberships", offset=1, limit=2)
    assert [m["account"]["id"] for m in page["items"]] == account_ids[1:3]
    assert page["count"] == listing["count"]


async def test_organization_memberships_filter_sort_and_directives(api: Api) -> None:
    found = await api.ok(
        "POST",
        "/organizations/2/memberships",
        {"filterOn": flt("account.lastName", 3, "Tyus")},
        _fields="account.lastName,directAddress",
    )
    assert found == {
        "count": 1,
        "items": [
            {
                "account": {"id": 5, "lastName": "Tyus"},
                "directAddress": "example@tag.medalliesdirect.org",
            }
        ],
    }
    listing = await api.ok("GET", "/organizations/2/memberships")
    by_type = await api.ok(
        "POST",
        "/organizations/2/memberships",
        {
            "sortOn": {"account.accountType": "asc"},
            "filterOn": flt("account.accountType", 6, "provider"),
        },
        _fields="account.accountType",
    )
    kinds = [m["account"]["accountType"] for m in by_type["items"]]
    assert kinds == sorted(kinds)
    assert "provider" not in kinds
    ids_by_kind: dict[str, list[int]] = {}
    for item in by_type["items"]:
        ids_by_kind.setdefault(item["account"]["accountType"], []).append(item["account"]["id"])
    assert all(ids == sorted(ids) for ids in ids_by_kind.values())
    departments = await api.ok(
        "POST", "/organizations/2/memberships", {"filterOn": flt("account.npin", 13)}, _count=""
    )
    assert departments["count"] == sum(
        m["account"]["accountType"] != "provider" for m in listing["items"]
    )
    collapsed = await api.ok("GET", "/organizations/2/memberships", _collapse="account", limit=1)
    first_id = listing["items"][0]["account"]["id"]
    assert collapsed["items"][0]["account"] == {
        "id": first_id,
        "href": f"{api.base}/accounts/{first_id}",
    }
    assert await api.ok("GET", "/organizations/2/memberships", _count="") == {
        "count": listing["count"]
    }
    only_items = await api.ok(
        "GET", "/organizations/2/memberships", _items="", limit=1, _fields="publishable"
    )
    assert only_items == {"items": [{"publishable": listing["items"][0]["publishable"]}]}


async def test_account_memberships_of_the_document(api: Api) -> None:
    listing = await api.ok("GET", "/accounts/45/memberships", offset=0, limit=10)
    organization = {k: v for k, v in ORG_2.items()}
    assert listing == {
        "count": 1,
        "items": [
            {
                "directAddressLocalPart": "addressExample",
                "createDateTime": "2017-07-18T20:16:38Z",
                "organization": organization,
                "accountId": 45,
                "status": {"name": "Enabled", "code": 1},
                "publishable": False,
                "lastUpdateDateTime": "2017-07-18T20:16:38Z",
                "directAddress": "addressName@tag.medalliesdirect.net",
                "businessEmail": None,
                "href": f"{api.base}/45/memberships/2",
            }
        ],
    }
    collapsed = await api.ok(
        "POST", "/accounts/45/memberships", {}, _collapse="organization.vendor"
    )
    assert collapsed["items"][0]["organization"]["vendor"] == {
        "id": 45,
        "href": f"{api.base}/vendors/45",
    }
    star = await api.ok("GET", "/accounts/45/memberships", _collapse="*", _fields="organization")
    assert star["items"] == [{"organization": {"id": 2, "href": f"{api.base}/organizations/2"}}]


async def test_shared_accounts_list_every_organization(api: Api) -> None:
    orgs = await api.all_organizations()
    seen: dict[int, list[int]] = {}
    for org in orgs:
        members = await api.ok(
            "GET", f"/organizations/{org['id']}/memberships", _fields="account.id"
        )
        for member in members["items"]:
            seen.setdefault(member["account"]["id"], []).append(org["id"])
    shared = {a: o for a, o in seen.items() if len(o) > 1}
    assert shared, "the seed shares some accounts between organizations"
    account_id, org_ids = next(iter(shared.items()))
    memberships = await api.ok("GET", f"/accounts/{account_id}/memberships")
    assert [m["organization"]["id"] for m in memberships["items"]] == sorted(org_ids)
    filtered = await api.ok(
        "POST",
        f"/accounts/{account_id}/memberships",
        {
            "filterOn": flt("organization.id", 3, org_ids[-1]),
            "sortOn": {"organization.organizationName": "desc"},
        },
    )
    assert [m["organization"]["id"] for m in filtered["items"]] == [org_ids[-1]]
    kinds = {
        a["accountType"] for a in [await api.ok("GET", f"/accounts/{i}") for i in list(seen)[:60]]
    }
    assert kinds == {"department", "provider", "nonProvider"}


async def test_accounts_by_id(api: Api) -> None:
    assert await api.ok("GET", "/accounts/45") == {**ACCOUNT_45, "href": f"{api.base}/accounts/45"}
    assert await api.ok("GET", "/accounts/5") == {**TYUS, "href": f"{api.base}/accounts/5"}
    assert await api.ok("GET", "/accounts/5", _fields="lastName,href") == {
        "id": 5,
        "lastName": "Tyus",
        "href": f"{api.base}/accounts/5",
    }
    assert_error(await api.get("/accounts/5", _fields="nope"), 400, 101, "_fields")


# --- membership writes ----------------------------------------------------------------------


async def test_add_accounts_status_codes(api: Api) -> None:
    # 1: a new account and membership, for each account type.
    department = await api.post(
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "department", "departmentName": "Cardiology West"},
        },
    )
    assert department.status_code == 201
    body = department.json()
    assert body["statusCode"] == 1
    item = body["item"]
    assert item["organizationId"] == 2
    assert item["account"]["departmentName"] == "Cardiology West"
    assert item["account"]["accountType"] == "department"
    assert item["directAddressLocalPart"] == "cardiology-west"
    assert item["directAddress"] == "cardiology-west@tag.medalliesdirect.net"
    assert item["status"] == {"name": "Enabled", "code": 1}
    assert item["publishable"] is False
    new_id = item["account"]["id"]
    assert item["href"] == f"{api.base}/2/memberships/{new_id}"
    assert (await api.ok("GET", f"/accounts/{new_id}"))["departmentName"] == "Cardiology West"

    provider = {"accountType": "provider", "npin": "1098765432"}
    first = await api.ok("POST", "/accounts/add", {"organizationId": 2, "account": provider})
    assert first["statusCode"] == 1
    assert first["item"]["account"]["npin"] == "1098765432"
    person = {
        "accountType": "nonProvider",
        "firstName": "Ada",
        "lastName": "Okafor",
        "gender": "Female",
    }
    created = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": person,
            "directAddressLocalPart": "ada_okafor-1",
            "publishable": True,
            "businessEmail": "ada@example.org",
        },
    )
    assert created["statusCode"] == 1
    assert (created["item"]["directAddressLocalPart"], created["item"]["publishable"]) == (
        "ada_okafor-1",
        True,
    )
    assert created["item"]["businessEmail"] == "ada@example.org"

    # 2: an existing account (by npin; by names and gender, ignoring case) joins.
    other = await api.ok(
        "POST",
        "/accounts/add",
        {"organizationId": 1, "account": {**provider, "firstName": "Ignored"}},
    )
    assert other["statusCode"] == 2
    assert other["item"]["account"] == first["item"]["account"]
    tyus = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 3,
            "account": {
                "accountType": "nonProvider",
                "firstName": "EXAMPLE",
                "lastName": "tyus",
                "gender": "Female",
            },
        },
    )
    assert (tyus["statusCode"], tyus["item"]["account"]["id"]) == (2, 5)
    by_id = await api.ok("POST", "/accounts/add", {"organizationId": 4, "account": {"id": 45}})
    assert (by_id["statusCode"], by_id["item"]["account"]["id"]) == (2, 45)
    assert (await api.ok("GET", "/accounts/45/memberships", _count=""))["count"] == 2

    # 3: the account is already a member; nothing is added.
    count = (await api.ok("GET", "/organizations/2/memberships", _count=""))["count"]
    again = await api.ok("POST", "/accounts/add", {"organizationId": 2, "account": provider})
    assert again == {"statusCode": 3, "item": first["item"]}
    same_department = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "department", "departmentName": "cardiology WEST"},
        },
    )
    assert same_department["statusCode"] == 3
    assert (await api.ok("GET", "/organizations/2/memberships", _count=""))["count"] == count
    # A different person with the same name is a new account.
    other_gender = await api.ok(
        "POST", "/accounts/add", {"organizationId": 2, "account": {**person, "gender": "Male"}}
    )
    assert other_gender["statusCode"] == 1

    # 4: the requested local part is taken in the domain: an alternate is used.
    taken = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "provider", "npin": "1555555555"},
            "directAddressLocalPart": "exampleName",
        },
    )
    assert taken["statusCode"] == 4
    assert taken["item"]["directAddressLocalPart"] == "exampleName1"
    assert taken["item"]["directAddress"] == "exampleName1@tag.medalliesdirect.net"
    # The document's directAddress local part counts as taken too; case is ignored.
    second = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 2,
            "account": {"accountType": "provider", "npin": "1555555556"},
            "directAddressLocalPart": "EXAMPLE",
        },
    )
    assert (second["statusCode"], second["item"]["directAddressLocalPart"]) == (4, "EXAMPLE1")


async def test_add_accounts_in_a_batch(api: Api) -> None:
    response = await api.post(
        "/accounts/add",
        {
            "organizationId": 3,
            "items": [
                {"account": {"accountType": "provider", "npin": "1222222222"}},
                {"organizationId": 3, "account": {"accountType": "provider", "npin": "1222222222"}},
                {
                    "account": {"accountType": "department", "departmentName": "Billing 2"},
                    "directAddressLocalPart": "billing2",
                },
            ],
        },
        _fields="account.npin,directAddressLocalPart",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["count"] == 3
    assert [r["statusCode"] for r in body["items"]] == [1, 3, 1]
    assert body["items"][0]["item"]["account"]["npin"] == "1222222222"
    assert set(body["items"][2]["item"]) == {"account", "directAddressLocalPart"}


@pytest.mark.parametrize(
    ("body", "status", "code", "parameters"),
    [
        (
            {"account": {"accountType": "provider", "npin": "1234567890"}},
            400,
            102,
            ["organizationId"],
        ),
        (
            {"organizationId": 99999, "account": {"accountType": "provider", "npin": "1234567890"}},
            404,
            103,
            ["organizationId"],
        ),
        (
            {"organizationId": "2", "account": {"accountType": "provider", "npin": "1234567890"}},
            400,
            109,
            ["organizationId"],
        ),
        ({"organizationId": 2}, 400, 102, ["account"]),
        ({"organizationId": 2, "account": {}}, 400, 102, ["account.accountType"]),
        (
            {"organizationId": 2, "account": {"accountType": "robot"}},
            400,
            101,
            ["account.accountType"],
        ),
        (
            {"organizationId": 2, "account": {"accountType": "department"}},
            400,
            102,
            ["account.departmentName"],
        ),
        ({"organizationId": 2, "account": {"accountType": "provider"}}, 400, 102, ["account.npin"]),
        (
            {"organizationId": 2, "account": {"accountType": "provider", "npin": "123"}},
            400,
            101,
            ["account.npin"],
        ),
        (
            {"organizationId": 2, "account": {"accountType": "provider", "npin": 1234567890}},
            400,
            109,
            ["account.npin"],
        ),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890", "gender": "F"},
            },
            400,
            101,
            ["account.gender"],
        ),
        (
            {"organizationId": 2, "account": {"accountType": "nonProvider", "firstName": "A"}},
            400,
            102,
            ["account.lastName", "account.gender"],
        ),
        (
            {
                "organizationId": 2,
                "account": {
                    "accountType": "nonProvider",
                    "firstName": "A",
                    "lastName": "B",
                    "gender": "male",
                },
            },
            400,
            101,
            ["account.gender"],
        ),
        ({"organizationId": 2, "account": {"id": 99999}}, 404, 103, ["account.id"]),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890"},
                "directAddressLocalPart": "has space",
            },
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890"},
                "directAddressLocalPart": "a.b",
            },
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {
                "organizationId": 2,
                "account": {"accountType": "provider", "npin": "1234567890"},
                "publishable": "yes",
            },
            400,
            109,
            ["publishable"],
        ),
    ],
)
async def test_add_account_validation(
    api: Api, body: Json, status: int, code: int, parameters: list[str]
) -> None:
    assert_error(await api.post("/accounts/add", body), status, code, *parameters)
    valid = {"organizationId": 2, "account": {"accountType": "provider", "npin": "1777777777"}}
    # In a batch every item must name one organization: mixing answers 101 instead.
    if body.get("organizationId") != 99999:
        batch = await api.post("/accounts/add", {"items": [valid, body]})
        assert batch.status_code == status
        assert batch.json()["parameterName"] == [f"items[1].{p}" for p in parameters]
    # Nothing was added, not even the valid item.
    assert (
        await api.ok(
            "POST",
            "/organizations/2/memberships",
            {"filterOn": flt("account.npin", 3, "1777777777")},
            _count="",
        )
    ) == {"count": 0}


async def test_add_accounts_needs_one_enabled_organization(api: Api) -> None:
    provider = {"accountType": "provider", "npin": "1333333333"}
    mixed = {
        "items": [
            {"organizationId": 2, "account": provider},
            {"organizationId": 3, "account": provider},
        ]
    }
    assert_error(await api.post("/accounts/add", mixed), 400, 101, "items[1].organizationId")
    await api.ok("GET", "/organizations/deactivate", orgId="3")
    assert_error(
        await api.post("/accounts/add", {"organizationId": 3, "account": provider}),
        400,
        101,
        "organizationId",
    )


async def test_modify_accounts(api: Api) -> None:
    response = await api.post(
        "/accounts/modify",
        {
            "organizationId": 2,
            "account": {
                "id": 5,
                "specialty": "Emergency Medical Technician, Paramedic",
                "accountType": "provider",
            },
            "directAddressLocalPart": "etyus",
            "publishable": False,
            "businessEmail": None,
        },
    )
    assert response.status_code == 200
    item = response.json()
    assert item["account"]["specialty"] == "Emergency Medical Technician, Paramedic"
    assert item["account"]["accountType"] == "nonProvider"
    assert item["account"]["lastName"] == "Tyus"
    assert item["directAddressLocalPart"] == "etyus"
    assert item["directAddress"] == "etyus@tag.medalliesdirect.net"
    assert (item["publishable"], item["businessEmail"]) == (False, None)
    assert item["lastUpdateDateTime"] > "2017-04-17T13:54:09Z"
    # The account is one record wherever it is a member.
    assert (await api.ok("GET", "/accounts/5"))[
        "specialty"
    ] == "Emergency Medical Technician, Paramedic"

    batch = await api.post(
        "/accounts/modify",
        {
            "items": [
                {"organizationId": 2, "account": {"id": 45, "gender": "Male"}},
                {"organizationId": 2, "account": {"id": 5}, "publishable": True},
            ]
        },
        _fields="account.gender,publishable",
    )
    assert batch.status_code == 200
    assert batch.json() == {
        "count": 2,
        "items": [
            {"account": {"id": 45, "gender": "Male"}, "publishable": False},
            {"account": {"id": 5, "gender": "Female"}, "publishable": True},
        ],
    }
    # A renamed person is matched by the new name.
    renamed = await api.ok(
        "POST",
        "/accounts/add",
        {
            "organizationId": 3,
            "account": {
                "accountType": "nonProvider",
                "firstName": "firstName",
                "lastName": "lastName",
                "gender": "Male",
            },
        },
    )
    assert (renamed["statusCode"], renamed["item"]["account"]["id"]) == (2, 45)


@pytest.mark.parametrize(
    ("body", "status", "code", "parameters"),
    [
        ({"account": {"id": 5}}, 400, 102, ["organizationId"]),
        ({"organizationId": 2}, 400, 102, ["account"]),
        ({"organizationId": 2, "account": {}}, 400, 102, ["account.id"]),
        ({"organizationId": 2, "account": {"id": 99999}}, 404, 103, ["account.id"]),
        ({"organizationId": 3, "account": {"id": 45}}, 404, 103, ["account.id"]),
        ({"organizationId": 99999, "account": {"id": 5}}, 404, 103, ["organizationId"]),
        ({"organizationId": 2, "account": {"id": 5, "gender": "F"}}, 400, 101, ["account.gender"]),
        ({"organizationId": 2, "account": {"id": 5, "gender": None}}, 400, 102, ["account.gender"]),
        (
            {"organizationId": 2, "account": {"id": 5, "lastName": ""}},
            400,
            102,
            ["account.lastName"],
        ),
        (
            {"organizationId": 2, "account": {"id": 5}, "directAddressLocalPart": "addressExample"},
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {"organizationId": 2, "account": {"id": 5}, "directAddressLocalPart": "a b"},
            400,
            101,
            ["directAddressLocalPart"],
        ),
        (
            {"organizationId": 2, "account": {"id": 5}, "directAddressLocalPart": None},
            400,
            102,
            ["directAddressLocalPart"],
        ),
        ({"organizationId": 2, "account": {"id": 5}, "publishable": 1}, 400, 109, ["publishable"]),
    ],
)
async def test_modify_account_validation(
    api: Api, body: Json, status: int, code: int, parameters: list[str]
) -> None:
    assert_error(await api.post("/accounts/modify", body), status, code, *parameters)
    before = await api.ok("GET", "/accounts/5/memberships")
    valid = {"organizationId": 2, "account": {"id": 5, "firstName": "Changed"}}
    # In a batch every item must name one organization: mixing answers 101 instead.
    if body.get("organizationId", 2) == 2:
        batch = await api.post("/accounts/modify", {"items": [valid, body]})
        assert batch.status_code == status
        assert batch.json()["parameterName"] == [f"items[1].{p}" for p in parameters]
    mixed = await api.post("/accounts/modify", {"items": [valid, {**body, "organizationId": 3}]})
    assert mixed.status_code in (400, 404)
    assert await api.ok("GET", "/accounts/5/memberships") == before


async def test_deactivate_and_activate_memberships(api: Api) -> None:
    single = await api.post("/accounts/deactivate", {"orgId": 2, "accountId": 5, "reasonCode": 4})
    assert single.status_code == 200
    assert single.json() == {
        "count": 1,
        "items": [{"organizationId": 2, "accountId": 5, "status": {"name": "Disabled", "code": 2}}],
    }
    tyus = await api.ok("GET", "/accounts/5/memberships")
    assert tyus["items"][0]["status"]["code"] == 2
    # The organization itself stays enabled.
    assert (await api.ok("GET", "/organizations/2"))["status"]["code"] == 1

    many = await api.ok(
        "POST",
        "/accounts/deactivate",
        {
            "orgId": 2,
            "items": [{"accountId": 45, "reasonCode": 1}, {"accountId": 5, "reasonCode": 5}],
        },
    )
    assert [(i["accountId"], i["status"]["code"]) for i in many["items"]] == [(45, 2), (5, 2)]

    activated = await api.get("/accounts/activate", orgId="2", accountId="5,45")
    assert activated.status_code == 200
    assert activated.json() == {
        "count": 2,
        "items": [
            {"organizationId": 2, "accountId": 5, "status": {"name": "Enabled", "code": 1}},
            {"organizationId": 2, "accountId": 45, "status": {"name": "Enabled", "code": 1}},
        ],
    }
    assert (await api.ok("GET", "/accounts/45/memberships"))["items"][0]["status"]["code"] == 1


@pytest.mark.parametrize(
    ("body", "status", "code", "parameters"),
    [
        ({"accountId": 5, "reasonCode": 1}, 400, 102, ["orgId"]),
        ({"orgId": "2", "accountId": 5, "reasonCode": 1}, 400, 109, ["orgId"]),
        ({"orgId": 99999, "accountId": 5, "reasonCode": 1}, 404, 103, ["orgId"]),
        ({"orgId": 2, "reasonCode": 1}, 400, 102, ["accountId"]),
        ({"orgId": 2, "accountId": 5}, 400, 102, ["reasonCode"]),
        ({"orgId": 2, "accountId": 5, "reasonCode": 0}, 400, 101, ["reasonCode"]),
        ({"orgId": 2, "accountId": 5, "reasonCode": 6}, 400, 101, ["reasonCode"]),
        ({"orgId": 3, "accountId": 45, "reasonCode": 1}, 404, 103, ["accountId"]),
        (
            {
                "orgId": 2,
                "items": [{"accountId": 5, "reasonCode": 1}, {"accountId": 45, "reasonCode": 9}],
            },
            400,
            101,
            ["items[1].reasonCode"],
        ),
        ({"orgId": 2, "items": []}, 400, 102, ["items"]),
    ],
)
async def test_deactivate_membership_validation(
    api: Api, body: Json, status: int, code: int, parameters: list[str]
) -> None:
    assert_error(await api.post("/accounts/deactivate", body), status, code, *parameters)
    assert (await api.ok("GET", "/accounts/5/memberships"))["items"][0]["status"]["code"] == 1


async def test_activate_membership_validation(api: Api) -> None:
    assert_error(await api.get("/accounts/activate", accountId="5"), 400, 102, "orgId")
    assert_error(await api.get("/accounts/activate", orgId="2"), 400, 102, "accountId")
    assert_error(await api.get("/accounts/activate", orgId="2,3", accountId="5"), 400, 101, "orgId")
    assert_error(
        await api.get("/accounts/activate", orgId="2", accountId="five"), 400, 101, "accountId"
    )
    assert_error(
        await api.get("/accounts/activate", orgId="99999", accountId="5"), 404, 103, "orgId"
    )
    assert_error(
        await api.get("/accounts/activate", orgId="2", accountId="5,99999"), 404, 103, "accountId"
    )
    await api.ok("GET", "/organizations/deactivate", orgId="2")
    assert_error(await api.get("/accounts/activate", orgId="2", accountId="5"), 400, 101, "orgId")


# --- the seed, the mount and the request log --------------------------------------------------


def test_seed_is_deterministic_and_varied() -> None:
    first, second = build_seed(scale=120, seed=11), build_seed(scale=120, seed=11)
    assert first == second
    assert build_seed(scale=120, seed=12) != first
    orgs = first.organizations
    assert [o.id for o in orgs] == list(range(1, 121))
    assert len({str(o.fields["organizationName"])[0] for o in orgs}) >= 20
    states = {o.fields["practiceState"] for o in orgs}
    assert {"NY", "NJ"} <= states
    assert len(states) > 5
    assert any(o.fields["npi"] is None for o in orgs)
    assert any(not o.enabled for o in orgs)
    per_org: dict[int, int] = {}
    per_account: dict[int, int] = {}
    for m in first.memberships:
        per_org[m.organization_id] = per_org.get(m.organization_id, 0) + 1
        per_account[m.account_id] = per_account.get(m.account_id, 0) + 1
    assert max(per_org.values()) <= 52
    assert len(per_org) < len(orgs) + 1
    assert any(n > 1 for n in per_account.values())
    assert per_account[5] == per_account[45] == 1
    assert {a.account_type for a in first.accounts} == {"department", "provider", "nonProvider"}
    assert len(build_seed(scale=1).organizations) == 1


async def test_mounted_under_medallies_with_a_request_log() -> None:
    assert PREFIXES["medallies"] == "/medallies"
    assert CREDENTIALS["medallies"] == "X-MedAllies-App-Key: demo, Basic demo:demo"
    async with await start(port=0, sizes={"scale": 30}) as simulators:
        base = simulators.url("medallies")
        assert base == simulators.base_url + "/medallies"
        async with httpx.AsyncClient(base_url=base, headers=AUTH) as http:
            org = (await http.get(f"{BASE_PATH}/organizations/2")).json()
            assert org["href"] == f"{base}{BASE_PATH}/organizations/2"
            body = {"limit": 2, "filterOn": flt("practiceState", 3, "NY")}
            await http.post(f"{BASE_PATH}/organizations", json=body, params={"_fields": "id"})
            await http.get(f"{BASE_PATH}/nowhere")
            await http.get("/__stats")
            log = (await http.get("/__requests")).json()
            assert log == {
                "requests": [
                    {
                        "method": "GET",
                        "path": f"{BASE_PATH}/organizations/2",
                        "query": {},
                        "body": None,
                    },
                    {
                        "method": "POST",
                        "path": f"{BASE_PATH}/organizations",
                        "query": {"_fields": "id"},
                        "body": body,
                    },
                    {"method": "GET", "path": f"{BASE_PATH}/nowhere", "query": {}, "body": None},
                ]
            }
            stats = (await http.get("/__stats")).json()
            assert stats["routes"] == {
                "GET /OnBoard/services/v1/organizations/{id}": 1,
                "POST /OnBoard/services/v1/organizations": 1,
                "GET <unmatched>": 1,
            }
            assert (await http.post("/__stats/reset")).status_code == 204
            assert (await http.get("/__requests")).json() == {"requests": []}
        async with httpx.AsyncClient(base_url=base) as bare:
            # The kit's routes need no credentials.
            assert (await bare.get("/__requests")).status_code == 200
