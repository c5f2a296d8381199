"""The simulator: the auth call, the cookie, token expiry and the test bed's controls."""

from __future__ import annotations

import pytest

from tests.upstreams.mosip.simulator.support import (
    TELECOM,
    Sim,
    codes,
    credentials,
    envelope,
    start,
)
from upstreams.mosip.wire import AUTH_PATH, MISPS_PATH


async def test_the_demo_admin_gets_a_token_in_the_authorization_cookie(anonymous: Sim) -> None:
    response = await anonymous.http.post(AUTH_PATH, json=envelope(credentials()))
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] is None
    assert body["response"]["status"] == "success"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("Authorization=")
    assert "Max-Age=3600" in cookie
    assert "HttpOnly" in cookie


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"userName": "someone"}, "PMS_MSP_001"),
        ({"password": "wrong"}, "PMS_MSP_002"),
        ({"appId": "admin"}, "PMS_MSP_002"),
        ({"password": ""}, "PMS_COR_001"),
    ],
)
async def test_wrong_credentials_answer_their_codes_with_200(
    anonymous: Sim, changes: dict[str, str], code: str
) -> None:
    response = await anonymous.http.post(AUTH_PATH, json=envelope(credentials(**changes)))
    assert response.status_code == 200
    assert "set-cookie" not in response.headers
    assert codes(response.json()) == [code]


@pytest.mark.parametrize("cookie", [None, "nope", "eyJhbGciOiJIUzUxMiJ9.forged"])
async def test_calls_without_a_live_token_answer_pms_msp_001(
    anonymous: Sim, cookie: str | None
) -> None:
    if cookie is not None:
        anonymous.http.cookies.set("Authorization", cookie)
    for method, path in (("GET", ""), ("GET", f"/{TELECOM}"), ("POST", "")):
        answer = await anonymous.call(method, path, {"organizationName": "x"})
        assert codes(answer) == ["PMS_MSP_001"]
        assert answer["errors"][0]["message"] == "MOSIP Admin does not exist"


async def test_the_token_is_the_cookie_not_a_header(anonymous: Sim) -> None:
    response = await anonymous.http.post(AUTH_PATH, json=envelope(credentials()))
    token = response.cookies["Authorization"]
    anonymous.http.cookies.clear()
    answer = await anonymous.http.get(
        MISPS_PATH + f"/{TELECOM}", headers={"Authorization": f"Mosip-Token{token}"}
    )
    assert codes(answer.json()) == ["PMS_MSP_001"]


async def test_tokens_expire_after_their_lifetime() -> None:
    server, sim = await start(token_lifetime_s=60)
    async with sim.http:
        await sim.login()
        sim.clock.advance(seconds=59)
        assert (await sim.call("GET", f"/{TELECOM}"))["errors"] is None
        sim.clock.advance(seconds=1)
        assert codes(await sim.call("GET", f"/{TELECOM}")) == ["PMS_MSP_001"]
        await sim.login()
        assert (await sim.call("GET", f"/{TELECOM}"))["errors"] is None
    await server.close()


async def test_the_test_bed_can_expire_every_token(sim: Sim) -> None:
    assert (await sim.call("GET", f"/{TELECOM}"))["errors"] is None
    response = await sim.http.post("/__tokens/expire")
    assert response.json() == {"expired": 1}
    assert codes(await sim.call("GET", f"/{TELECOM}")) == ["PMS_MSP_001"]
    assert sim.api.sessions.issued == 1
    await sim.login()
    assert (await sim.call("GET", f"/{TELECOM}"))["errors"] is None
    assert sim.api.sessions.issued == 2


async def test_the_test_bed_can_move_the_clock(sim: Sim) -> None:
    response = await sim.http.post("/__clock/advance", json={"seconds": 3601})
    assert response.status_code == 200
    assert response.json()["now"].startswith("2025-03-01T13:00:01")
    assert codes(await sim.call("GET", f"/{TELECOM}")) == ["PMS_MSP_001"]
    bad_bodies: list[object] = [{"seconds": -1}, {"seconds": "1"}, [], {"seconds": True}]
    for bad in bad_bodies:
        assert (await sim.http.post("/__clock/advance", json=bad)).status_code == 400
