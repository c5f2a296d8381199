"""The simulator: metadata and reference lists."""

from __future__ import annotations

import httpx

from tests.upstreams.medallies.simulator.support import Api, assert_error, error
from upstreams.medallies.simulator.seed import SPECIALTIES

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
