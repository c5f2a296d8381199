"""MOSIP's cookie token over a real server: renewed once when MOSIP stops accepting it
mid-run (the read replayed, a write reported as not applied), shared by concurrent requests;
the admin codes MOSIP answers in HTTP 200 (PMS_MSP_001/002) are UNAUTHENTICATED."""

from __future__ import annotations

import asyncio

from tests.e2e.conftest import Graph
from tests.e2e.misps.support import AUTH, CREATE, SHOW, TELECOM

QUERY = '{ misp(mispId: "64269837502851") { organizationName approval } }'
CREATE_MISP = """mutation { createMisp(input: {organizationName: "Osprey Digital",
  email: "ops@osprey.example", address: "Lome, Togo"}) { mispId userErrors { code } } }"""


async def _expire(graph: Graph) -> None:
    response = await graph.upstream("POST", "/__tokens/expire", upstream="mosip")
    assert response.status_code == 200


async def test_a_token_expiring_mid_run_is_renewed_once_and_the_read_replayed(
    graph: Graph,
) -> None:
    await graph.data(QUERY)  # a token in hand
    await _expire(graph)
    await graph.reset()
    data = await graph.data(QUERY)
    assert data["misp"] == {"organizationName": "telecom", "approval": "APPROVED"}
    # The refused read, one new token, the replay.
    # Refused, renewed once, replayed, refused again: then it is the gateway's credentials.
    assert await graph.calls("mosip") == {SHOW: 2, AUTH: 1}


async def test_concurrent_requests_after_expiry_share_one_renewal(graph: Graph) -> None:
    await graph.data(QUERY)
    await _expire(graph)
    await graph.reset()
    answers = await asyncio.gather(*(graph.data(QUERY) for _ in range(10)))
    assert all(a["misp"]["organizationName"] == "telecom" for a in answers)
    assert (await graph.calls("mosip"))[AUTH] == 1


async def test_a_write_refused_for_its_token_is_not_replayed(graph: Graph) -> None:
    await graph.data(QUERY)
    await _expire(graph)
    await graph.reset()
    body = await graph.gql(CREATE_MISP, expect_errors=True)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["upstream"] == "mosip"
    assert error["extensions"]["upstreamCodes"] == ["PMS_MSP_001"]
    assert error["extensions"]["writeOutcome"] == "NOT_APPLIED"  # refused: safe to send again
    assert await graph.calls("mosip") == {CREATE: 1, AUTH: 1}
    # The renewed token serves the next call, and the write can be sent again by the caller.
    await graph.reset()
    again = await graph.data(CREATE_MISP)
    assert again["createMisp"]["userErrors"] == []
    assert await graph.calls("mosip") == {CREATE: 1}


async def test_refused_admin_credentials_are_unauthenticated(graph: Graph) -> None:
    await _expire(graph)
    refusal = {
        "id": None,
        "response": None,
        "errors": [
            {"errorCode": "PMS_MSP_002", "message": "Mismatch of the MOSIP Admin Credentials"}
        ],
    }
    await graph.fault("mosip", path="/authenticate/", answer="wrong_shape", shape=refusal)
    body = await graph.gql(QUERY, expect_errors=True)
    assert body["data"] == {"misp": None}
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["upstream"] == "mosip"
    assert error["extensions"]["upstreamCodes"] == ["PMS_MSP_002"]


async def test_an_admin_mosip_does_not_know_is_unauthenticated_after_one_renewal(
    graph: Graph,
) -> None:
    unknown = {
        "id": None,
        "response": None,
        "errors": [{"errorCode": "PMS_MSP_001", "message": "MOSIP Admin does not exist"}],
    }
    await graph.data(QUERY)  # a token in hand
    await graph.reset()
    await graph.fault("mosip", path=f"/misps/{TELECOM}$", answer="wrong_shape", shape=unknown)
    body = await graph.gql(QUERY, expect_errors=True)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["upstreamCodes"] == ["PMS_MSP_001"]
    # Refused, renewed once, replayed, refused again: then it is the gateway's credentials.
    assert await graph.calls("mosip") == {SHOW: 2, AUTH: 1}
