"""The simulator: auth, plumbing, errors."""

from __future__ import annotations

import base64

import httpx
import pytest

from tests.upstreams.medallies.simulator.support import BASIC, Api, assert_error
from upstreams.medallies.simulator import APP_KEY

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
