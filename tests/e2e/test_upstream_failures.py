"""An upstream that is down, slow or failing: coded errors, partial data, nothing lost."""

from __future__ import annotations

import httpx

from server import create_app
from tests.e2e.conftest import Graph, serve
from upstreams.registry import REGISTRY
from upstreams.simulators import RunningSimulators

TWO = """{ a: member(memberId: "A5c7X") { firstName }
           b: member(memberId: "B6d8Y") { firstName } }"""


async def test_a_failing_route_fails_only_its_fields(graph: Graph) -> None:
    await graph.fault(path="^/api/members/B6d8Y$", status=503)
    await graph.reset()
    body = await graph.gql(TWO, expect_errors=True)
    assert body["data"] == {"a": {"firstName": "Michael"}, "b": None}
    (error,) = body["errors"]
    assert error["path"] == ["b"]
    assert error["extensions"] == {
        "code": "UPSTREAM_UNAVAILABLE",
        "upstream": "datanexus",
        "upstreamStatus": 503,
    }
    # Reads are retried (DATANEXUS_RETRIES=1 here); the healthy member is fetched once.
    assert await graph.calls() == {"GET /api/members/{member_id}": 3}


async def test_a_slow_upstream_times_out_within_the_budget(graph: Graph) -> None:
    await graph.fault(path="^/api/members/B6d8Y$", delay_ms=1500)
    body = await graph.gql(TWO, expect_errors=True)
    assert body["data"]["a"] == {"firstName": "Michael"}
    assert body["errors"][0]["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert body["errors"][0]["extensions"]["upstream"] == "datanexus"


async def test_a_write_that_times_out_is_reported_unknown_and_not_retried(graph: Graph) -> None:
    await graph.fault(method="PUT", path="^/api/members/olNmR$", delay_ms=1200)
    await graph.reset()
    body = await graph.gql(
        """mutation { updateMember(input: {memberId: "olNmR", city: "Königsberg"}) {
             member { city } userErrors { message } } }""",
        expect_errors=True,
    )
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert error["extensions"]["writeOutcome"] == "UNKNOWN"
    assert "may or may not have been applied" in error["message"]
    assert await graph.calls() == {"PUT /api/members/{member_id}": 1}


async def test_a_write_that_met_a_5xx_is_reported_unknown_and_not_retried(graph: Graph) -> None:
    # The upstream failed after taking the request: it may have stored the consent first.
    await graph.fault(method="POST", path="/consents$", status=500)
    await graph.reset()
    body = await graph.gql(
        """mutation { createConsent(input: {memberId: "7ZbA6", category: "sms", details: []}) {
             consent { consentId } } }""",
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    assert body["errors"][0]["extensions"]["writeOutcome"] == "UNKNOWN"
    assert await graph.calls() == {"POST /api/members/{member_id}/consents": 1}


async def test_a_refused_write_is_reported_as_not_applied(graph: Graph) -> None:
    await graph.fault(method="POST", path="/consents$", status=409)
    body = await graph.gql(
        """mutation { createConsent(input: {memberId: "7ZbA6", category: "sms", details: []}) {
             consent { consentId } } }""",
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert "writeOutcome" not in body["errors"][0]["extensions"]


async def test_an_upstream_that_is_down_and_one_not_configured(sims: RunningSimulators) -> None:
    # Only Datanexus is set (to a closed port): nothing is embedded, MedAllies is unset.
    env = {"DATANEXUS_BASE_URL": "http://127.0.0.1:9/datanexus", "DATANEXUS_RETRIES": "0"}
    runner, url = await serve(create_app(env))
    query = '{ member(memberId: "A5c7X") { id } organization(organizationId: 2) { id } }'
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            body = (await http.post("/graphql", json={"query": query})).json()
            ready = await http.get("/readyz")
    finally:
        await runner.cleanup()
    assert body["data"] == {"member": None, "organization": None}
    codes = {e["path"][0]: e["extensions"] for e in body["errors"]}
    assert codes["member"] == {"code": "UPSTREAM_UNAVAILABLE", "upstream": "datanexus"}
    assert codes["organization"] == {"code": "UPSTREAM_UNAVAILABLE", "upstream": "medallies"}
    assert ready.status_code == 503
    assert ready.json()["failing"] == sorted(u.name for u in REGISTRY)
    for name in [u.name for u in REGISTRY if u.name != "datanexus"]:
        assert ready.json()["upstreams"][name] == "not configured"


async def test_the_upstream_refusing_our_credentials(sims: RunningSimulators) -> None:
    env = {"DATANEXUS_BASE_URL": sims.url("datanexus"), "DATANEXUS_API_KEY": "wrong"}
    runner, url = await serve(create_app(env))
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            body = (
                await http.post(
                    "/graphql", json={"query": "{ members(first: 1) { nodes { id } } }"}
                )
            ).json()
    finally:
        await runner.cleanup()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "wrong" not in body["errors"][0]["message"]
