"""What the simulator tests share: the app under test, clients, fixtures and helpers."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiohttp.test_utils import TestServer

from upstreams.medallies.simulator import APP_KEY, BASE_PATH, PASSWORD, USERNAME, create_app

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
