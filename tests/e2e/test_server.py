"""The server as a process would serve it: health, readiness, GraphiQL, GET, embedded mode."""

from __future__ import annotations

import secrets

import httpx
import pytest

from resolvers.core.paging import set_cursor_secret
from server import create_app
from tests.e2e.conftest import Graph, gateway_env, serve
from upstreams.config import ConfigError
from upstreams.registry import REGISTRY
from upstreams.simulators import RunningSimulators


async def test_health_and_readiness(graph: Graph) -> None:
    assert (await graph.http.get("/healthz")).json() == {"status": "alive"}
    ready = await graph.http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "upstreams": {u.name: "ready" for u in REGISTRY},
    }


async def test_readiness_names_an_upstream_that_fails_its_health_call(graph: Graph) -> None:
    await graph.fault(path="^/api/pings$", status=503)
    ready = await graph.http.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["failing"] == ["datanexus"]
    assert ready.json()["upstreams"]["datanexus"] == "the upstream is unavailable"


async def test_graphiql_for_browsers_and_queries_over_get(graph: Graph) -> None:
    page = await graph.http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    # Every asset comes from this server: GraphiQL works with no internet.
    assert "https://" not in page.text
    script = await graph.http.get("/graphiql/assets/graphiql.min.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("application/javascript")
    assert len(script.content) > 100_000
    assert (await graph.http.get("/graphiql/assets/server.py")).status_code == 404
    got = await graph.http.get(
        "/graphql", params={"query": '{ member(memberId: "A5c7X") { firstName } }'}
    )
    assert got.json() == {"data": {"member": {"firstName": "Michael"}}}
    refused = await graph.http.get(
        "/graphql",
        params={
            "query": 'mutation { deleteConsent(input: {memberId: "a", consentId: "1"}) '
            "{ deletedConsentId } }"
        },
    )
    assert 400 <= refused.status_code < 500


async def test_request_ids_are_echoed(graph: Graph) -> None:
    response = await graph.http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"x-request-id": "abc-123"}
    )
    assert response.headers["x-request-id"] == "abc-123"


async def test_malformed_requests_get_4xx_never_500(graph: Graph) -> None:
    not_json = await graph.http.post(
        "/graphql", content=b"{", headers={"content-type": "application/json"}
    )
    assert 400 <= not_json.status_code < 500
    syntax = await graph.http.post("/graphql", json={"query": "{ member("})
    assert syntax.status_code == 200 or 400 <= syntax.status_code < 500
    body = syntax.json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    unknown = await graph.gql("{ nonsense }", expect_errors=True)
    assert unknown["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_vendor_callers_see_vendor_data(sims: RunningSimulators) -> None:
    query = {"query": '{ member(memberId: "MOZ0p") { vendorData } }'}
    for key, expected in (("demo", None), ("demo-vendor", [{"payment_card_status": "requested"}])):
        runner, url = await serve(create_app(gateway_env(sims, DATANEXUS_API_KEY=key)))
        try:
            async with httpx.AsyncClient(base_url=url) as http:
                body = (await http.post("/graphql", json=query)).json()
        finally:
            await runner.cleanup()
        assert body == {"data": {"member": {"vendorData": expected}}}


async def test_vendor_callers_write_vendor_data(sims: RunningSimulators) -> None:
    mutation = """mutation { updateMember(input: {memberId: "oGRWv",
                    vendorData: {my_test_attribute: "excelsior"}}) {
                    member { vendorData } userErrors { message } } }"""
    runner, url = await serve(create_app(gateway_env(sims, DATANEXUS_API_KEY="demo-vendor")))
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            body = (await http.post("/graphql", json={"query": mutation})).json()
    finally:
        await runner.cleanup()
    result = body["data"]["updateMember"]
    assert result["userErrors"] == []
    assert result["member"]["vendorData"] == [{"my_test_attribute": "excelsior"}]


async def test_embedded_simulators_when_no_upstream_is_configured() -> None:
    runner, url = await serve(create_app({}, simulator_sizes={"scale": 100}))
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            body = (
                await http.post(
                    "/graphql", json={"query": '{ member(memberId: "7ZbA6") { lastName } }'}
                )
            ).json()
            ready = await http.get("/readyz")
    finally:
        await runner.cleanup()
    assert body == {"data": {"member": {"lastName": "Kant"}}}
    assert ready.status_code == 200


async def test_query_depth_and_aliases_are_limited(graph: Graph) -> None:
    deep = '{ member(memberId: "A5c7X") { ' + "household { " * 16 + "memberId" + " }" * 17 + " }"
    body = await graph.gql(deep, expect_errors=True)
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(101)) + " }"
    body = await graph.gql(aliases, expect_errors=True)
    assert "aliases" in body["errors"][0]["message"].lower()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_a_short_cursor_secret_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="PARTNER_GRAPH_CURSOR_SECRET"):
        create_app({"PARTNER_GRAPH_CURSOR_SECRET": "short"})


async def test_a_cursor_from_a_gateway_with_another_secret_is_refused(
    sims: RunningSimulators,
) -> None:
    query = "query($after: String) { members(first: 2, after: $after) { pageInfo { endCursor } } }"
    cursors: list[str] = []
    for secret in ("first gateway secret", "second gateway secret"):
        runner, url = await serve(create_app(gateway_env(sims, PARTNER_GRAPH_CURSOR_SECRET=secret)))
        try:
            async with httpx.AsyncClient(base_url=url) as http:
                if cursors:
                    answer = await http.post(
                        "/graphql", json={"query": query, "variables": {"after": cursors[0]}}
                    )
                    error = answer.json()["errors"][0]
                    assert error["extensions"]["code"] == "BAD_USER_INPUT"
                    assert error["extensions"]["argument"] == "after"
                answer = await http.post("/graphql", json={"query": query})
                cursors.append(answer.json()["data"]["members"]["pageInfo"]["endCursor"])
        finally:
            await runner.cleanup()
    set_cursor_secret(secrets.token_bytes(32))
