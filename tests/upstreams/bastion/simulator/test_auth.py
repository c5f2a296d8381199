"""The simulator: type I credentials for a token, type II tokens everywhere else, expiry."""

from __future__ import annotations

import base64

import httpx
import pytest

from tests.upstreams.bastion.simulator.support import BASIC, Clock, simulator, token
from upstreams.bastion.simulator import TOKENS_EXPIRE_PATH, WEBHOOKS_PATH
from upstreams.bastion.wire import AUTH_HEADER, PLANS_PATH, STATES_PATH, TOKEN_PATH

PROTECTED = (PLANS_PATH, STATES_PATH, f"{PLANS_PATH}/10052", "/api/v2/conditions?query=a")


async def test_basic_credentials_get_a_token_that_opens_every_route() -> None:
    async with simulator(authenticated=False) as http:
        response = await http.post(TOKEN_PATH, headers={AUTH_HEADER: BASIC}, json={})
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"status", "token"}
        assert body["status"] is True
        assert isinstance(body["token"], str)
        assert len(body["token"]) >= 20
        for path in PROTECTED:
            answer = await http.get(path, headers={AUTH_HEADER: body["token"]})
            assert answer.status_code == 200, path


async def test_the_token_body_is_optional_and_every_token_is_new() -> None:
    async with simulator(authenticated=False) as http:
        bare = await http.post(TOKEN_PATH, headers={AUTH_HEADER: BASIC})
        assert bare.status_code == 200
        assert bare.json()["status"] is True
        assert await token(http) != await token(http)


async def test_the_documents_quoted_header_value_is_tolerated() -> None:
    async with simulator(authenticated=False) as http:
        response = await http.post(TOKEN_PATH, headers={AUTH_HEADER: f'"{BASIC}"'})
        assert response.status_code == 200


async def test_a_token_expires_after_expires_in_seconds() -> None:
    clock = Clock()
    async with simulator(authenticated=False, now=clock) as http:
        value = await token(http, {"expiresIn": 3600})
        headers = {AUTH_HEADER: value}
        clock.advance(3599)
        assert (await http.get(PLANS_PATH, headers=headers)).status_code == 200
        clock.advance(1)
        expired = await http.get(PLANS_PATH, headers=headers)
        assert expired.status_code == 401
        assert expired.json() == {"status": False, "message": "Invalid api-key: token has expired"}
        # A new token works again: the client's recovery after a 401.
        fresh = await token(http, {"expiresIn": 3600})
        assert (await http.get(PLANS_PATH, headers={AUTH_HEADER: fresh})).status_code == 200


async def test_a_token_without_expires_in_never_expires() -> None:
    clock = Clock()
    async with simulator(authenticated=False, now=clock) as http:
        headers = {AUTH_HEADER: await token(http)}
        clock.advance(10 * 365 * 24 * 3600)
        assert (await http.get(PLANS_PATH, headers=headers)).status_code == 200


async def test_the_test_bed_expires_every_token_at_once() -> None:
    async with simulator(authenticated=False) as http:
        short = {AUTH_HEADER: await token(http, {"expiresIn": 60})}
        forever = {AUTH_HEADER: await token(http)}
        expire = await http.post(TOKENS_EXPIRE_PATH)
        assert expire.status_code == 204
        for headers in (short, forever):
            response = await http.get(PLANS_PATH, headers=headers)
            assert response.status_code == 401
            assert response.json()["status"] is False
        later = {AUTH_HEADER: await token(http)}
        assert (await http.get(PLANS_PATH, headers=later)).status_code == 200


@pytest.mark.parametrize("expires_in", [0, -5, "3600", True, [], 1e12])
async def test_a_bad_expires_in_is_refused_on_http_200(expires_in: object) -> None:
    async with simulator(authenticated=False) as http:
        response = await http.post(
            TOKEN_PATH, headers={AUTH_HEADER: BASIC}, json={"expiresIn": expires_in}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["status"] is False
        assert "expiresIn" in body["message"]
        assert "token" not in body


@pytest.mark.parametrize(
    "value",
    [
        base64.b64encode(b"demo:wrong").decode(),
        base64.b64encode(b"other:demo").decode(),
        base64.b64encode(b"demodemo").decode(),
        "not base64 at all!",
        "Basic " + BASIC,
    ],
)
async def test_wrong_basic_credentials_get_no_token(value: str) -> None:
    async with simulator(authenticated=False) as http:
        response = await http.post(TOKEN_PATH, headers={AUTH_HEADER: value}, json={})
        assert response.status_code == 401
        assert response.json()["status"] is False
        assert "token" not in response.json()


async def test_type_i_and_type_ii_are_not_interchangeable(api: httpx.AsyncClient) -> None:
    # Basic credentials open only the token route; a token does not get another token.
    basic = await api.get(PLANS_PATH, headers={AUTH_HEADER: BASIC})
    assert basic.status_code == 401
    refreshed = await api.post(TOKEN_PATH, json={})
    assert refreshed.status_code == 401


@pytest.mark.parametrize("header", [None, "", "nope", "Bearer x"])
async def test_missing_or_unknown_tokens_are_401_with_status_false(
    api: httpx.AsyncClient, header: str | None
) -> None:
    for path in PROTECTED:
        request = api.build_request("GET", path)
        del request.headers[AUTH_HEADER]
        if header is not None:
            request.headers[AUTH_HEADER] = header
        response = await api.send(request)
        assert response.status_code == 401
        body = response.json()
        assert body["status"] is False
        assert isinstance(body["message"], str)
        assert body["message"]


async def test_writes_need_a_token_too(api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/api/v2/endorsement/remove",
        headers={AUTH_HEADER: "unknown"},
        json={"memberId": "100004976", "policyId": "2058"},
    )
    assert response.status_code == 401
    status = await api.get("/api/v2/enrollee-status", params={"memberId": "100004976"})
    assert status.json()["data"]["member"]["status"] == "Active"


async def test_test_bed_routes_need_no_credentials_and_are_not_counted(
    api: httpx.AsyncClient,
) -> None:
    await api.post("/__stats/reset")
    del api.headers[AUTH_HEADER]
    assert (await api.get(WEBHOOKS_PATH)).status_code == 200
    assert (await api.delete(WEBHOOKS_PATH)).status_code == 204
    assert (await api.post(TOKENS_EXPIRE_PATH)).status_code == 204
    assert (await api.get("/__stats")).json() == {"total": 0, "routes": {}}
    assert (await api.get("/__requests")).json() == {"requests": []}
