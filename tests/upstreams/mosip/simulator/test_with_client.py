"""The client against the simulator over real HTTP (the aiohttp transport the gateway uses):
the cookie, renewal after the test bed expires every token, and a MISP's whole life."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestServer

from tests.upstreams.mosip.simulator.support import TELECOM, TELECOM_KEY, FakeClock
from upstreams import UpstreamNotFound, UpstreamRejected, UpstreamUnauthorized
from upstreams.config import UpstreamSettings
from upstreams.mosip import MosipClient
from upstreams.mosip.simulator import API, APP_ID, PASSWORD, USERNAME, create_app
from upstreams.mosip.simulator.routes import Api

CREDENTIALS = {"APP_ID": APP_ID, "USERNAME": USERNAME, "PASSWORD": PASSWORD}


@pytest.fixture
async def running() -> AsyncIterator[tuple[MosipClient, Api, TestServer]]:
    app = create_app(scale=20, latency_ms=0, clock=FakeClock())
    server = TestServer(app)
    await server.start_server()
    settings = UpstreamSettings(
        name="mosip", base_url=str(server.make_url("")).rstrip("/"), credentials=CREDENTIALS
    )
    client = MosipClient(settings)
    try:
        yield client, app[API], server
    finally:
        await client.aclose()
        await server.close()


async def test_reads_with_the_cookie_token(running: tuple[MosipClient, Api, TestServer]) -> None:
    client, api, _ = running
    assert await client.health() is True
    misps = await client.list_misps()
    assert len(misps) == 23
    telecom = await client.get_misp(TELECOM)
    assert telecom is not None
    assert (telecom["name"], telecom["email"], telecom["status"], telecom["approval"]) == (
        "telecom",
        "prm@telecom.com",
        "ACTIVE",
        "APPROVED",
    )
    named = await client.find_misps("telecom")
    assert {m["name"] for m in named} >= {"telecom", "telecomIndia"}
    key = await client.get_license_key(TELECOM)
    assert key == {"key": TELECOM_KEY, "status": "ACTIVE", "expiry": "2025-05-20T12:00:00Z"}
    assert await client.get_misp("110") is None
    assert api.sessions.issued == 1


async def test_expired_tokens_are_renewed_once_reads_replayed_writes_not(
    running: tuple[MosipClient, Api, TestServer],
) -> None:
    client, api, _ = running
    assert await client.get_misp(TELECOM) is not None
    api.sessions.expire_all()
    assert await client.get_misp(TELECOM) is not None
    assert api.sessions.issued == 2
    api.sessions.expire_all()
    with pytest.raises(UpstreamUnauthorized):
        await client.set_misp_status(TELECOM, "INACTIVE")
    # Not replayed: still active; the next attempt works with the renewed token.
    assert api.store.misps[TELECOM].active is True
    assert api.sessions.issued == 3
    assert await client.set_misp_status(TELECOM, "INACTIVE") == "MISP deactivated successfully"


async def test_a_misps_life(running: tuple[MosipClient, Api, TestServer]) -> None:
    client, api, _ = running
    created = await client.create_misp(
        organization_name="LifeTel", email="ops@lifetel.com", address="Togo"
    )
    assert created["status"] == "ACTIVE"
    with pytest.raises(UpstreamRejected) as taken:
        await client.create_misp(organization_name="lifetel", email="a@b.co", address="Togo")
    assert taken.value.error_codes == ("PMS_MSP_003",)
    assert taken.value.detail == "A MISP is already registered with name - lifetel"
    updated = await client.update_misp(created["id"], email="new@lifetel.com")
    assert updated["email"] == "new@lifetel.com"
    assert await client.get_license_key(created["id"]) is None
    decision = await client.decide_misp(created["id"], "APPROVED")
    assert decision["approval"] == "APPROVED"
    issued = decision["license_key"]
    assert issued is not None
    assert issued["status"] == "ACTIVE"
    with pytest.raises(UpstreamRejected) as again:
        await client.decide_misp(created["id"], "APPROVED")
    assert again.value.error_codes == ("PMS_MSP_010",)
    assert await client.validate_license_key(created["id"], issued["key"])
    with pytest.raises(UpstreamRejected) as foreign:
        await client.validate_license_key(TELECOM, issued["key"])
    assert foreign.value.error_codes == ("PMS_MSP_007",)
    assert issued["key"] not in str(foreign.value)
    with pytest.raises(UpstreamNotFound):
        await client.validate_license_key(created["id"], "fa604-affcd-33201-04234")
    assert await client.set_license_key_status(created["id"], issued["key"], "INACTIVE") == (
        "INACTIVE"
    )
    with pytest.raises(UpstreamRejected) as inactive:
        await client.validate_license_key(created["id"], issued["key"])
    assert inactive.value.error_codes == ("PMS_MSP_008",)
    # Ninety days on the key has expired: reading it issues a fresh one.
    api.clock.advance(91 * 24 * 3600)
    fresh = await client.get_license_key(created["id"])
    assert fresh is not None
    assert fresh["key"] != issued["key"]
    assert fresh["status"] == "ACTIVE"
    assert await client.set_misp_status(created["id"], "INACTIVE")
    shown = await client.get_misp(created["id"])
    assert shown is not None
    assert shown["status"] == "INACTIVE"
