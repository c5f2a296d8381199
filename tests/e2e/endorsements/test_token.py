"""Bastion's token over a real server: obtained once, renewed once when Bastion stops
accepting it mid-run (reads replayed, a write reported as not applied), shared by
concurrent requests."""

from __future__ import annotations

import asyncio

from tests.e2e.conftest import Graph

TOKEN = "POST /api/v2/auth/generateAuthToken"
QUERY = '{ enrollee(memberId: "100004976") { firstName status } }'


async def _expire(graph: Graph) -> None:
    response = await graph.upstream("POST", "/__tokens/expire", upstream="bastion")
    assert response.status_code == 204


async def test_a_token_expiring_mid_run_is_renewed_once_and_the_read_replayed(
    graph: Graph,
) -> None:
    await graph.data(QUERY)  # a token in hand
    await _expire(graph)
    await graph.reset()
    data = await graph.data(QUERY)
    assert data["enrollee"] == {"firstName": "John", "status": "ACTIVE"}
    calls = await graph.calls("bastion")
    # The refused read, one new token, the replay.
    assert calls == {"GET /api/v2/enrollee-status": 2, TOKEN: 1}


async def test_concurrent_requests_after_expiry_share_one_renewal(graph: Graph) -> None:
    await graph.data(QUERY)
    await _expire(graph)
    await graph.reset()
    answers = await asyncio.gather(*(graph.data(QUERY) for _ in range(10)))
    assert all(a["enrollee"]["firstName"] == "John" for a in answers)
    assert (await graph.calls("bastion"))[TOKEN] == 1


async def test_a_write_refused_for_its_token_is_not_replayed(graph: Graph) -> None:
    await graph.data(QUERY)
    await _expire(graph)
    await graph.reset()
    body = await graph.gql(
        """mutation { undoEndorsementRemoval(input: {memberId: "100004976"}) {
             enrollee { memberId } userErrors { message } } }""",
        expect_errors=True,
    )
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["writeOutcome"] == "NOT_APPLIED"  # safe to send again
    calls = await graph.calls("bastion")
    assert calls == {"POST /api/v2/endorsement/undo-delete": 1, TOKEN: 1}
    # The renewed token serves the next call without another renewal.
    await graph.reset()
    await graph.data(QUERY)
    assert TOKEN not in await graph.calls("bastion")
