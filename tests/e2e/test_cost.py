"""The cost limit and the response bound over HTTP, counted at the simulators."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from schema.core.cost import DEFAULT_MAX_COST, MEMBER_SCAN_PAGES
from server import create_app
from tests.e2e.conftest import Graph, gateway_env, serve
from upstreams.simulators import PREFIXES, RunningSimulators


def household(depth: int) -> str:
    inner = "household { " * depth + "memberId firstName" + " }" * depth
    return f"{{ members(first: 100) {{ nodes {{ memberId {inner} }} }} }}"


async def total_calls(graph: Graph) -> int:
    return sum([sum((await graph.calls(name)).values()) for name in PREFIXES])


async def refused(graph: Graph, query: str, variables: dict[str, Any] | None = None) -> Any:
    body = await graph.gql(query, variables, expect_errors=True)
    assert "data" not in body  # a request error: refused before execution
    (error,) = body["errors"]
    return error


@pytest.mark.parametrize("depth", [6, 12])
async def test_the_nested_household_attack_is_refused_before_any_call(
    graph: Graph, depth: int
) -> None:
    error = await refused(graph, household(depth))
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert error["extensions"]["costLimit"] == DEFAULT_MAX_COST
    assert error["extensions"]["cost"] > DEFAULT_MAX_COST
    assert await total_calls(graph) == 0


async def test_ten_thousand_node_ids_are_refused_before_any_call(graph: Graph) -> None:
    ids = [f"TWVtYmVyOk{i:06d}" for i in range(10_000)]
    error = await refused(graph, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "ids", "limit": 100}
    assert await total_calls(graph) == 0


async def test_a_hundred_aliases_of_a_filtered_page_are_refused_before_any_call(
    graph: Graph,
) -> None:
    page = '(first: 100, filter: {city: {startsWith: "S"}}) { nodes { memberId } }'
    query = "{ " + " ".join(f"a{i}: members{page}" for i in range(100)) + " }"
    error = await refused(graph, query)
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert error["extensions"]["cost"] == 100 * MEMBER_SCAN_PAGES
    assert await total_calls(graph) == 0


async def test_variables_decide_the_estimate(graph: Graph) -> None:
    query = (
        "query($n: Int) { members(first: $n) { nodes { household { household { memberId } } } } }"
    )
    error = await refused(graph, query, {"n": 100})
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert await total_calls(graph) == 0
    # The same document with a small page runs.
    data = await graph.data(query, {"n": 2})
    assert len(data["members"]["nodes"]) == 2
    assert await total_calls(graph) > 0


async def test_fragments_are_counted_at_each_spread(graph: Graph) -> None:
    fragment = "fragment H on Member { household { household { memberId } } }"
    once = "{ members(first: 40) { nodes { ...H } } } " + fragment
    assert "errors" not in await graph.gql(once)
    await graph.reset()
    twice = "{ a: members(first: 40) { nodes { ...H } } b: members(first: 40) { nodes { ...H } } } "
    error = await refused(graph, twice + fragment)
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert await total_calls(graph) == 0


async def test_validation_errors_come_before_the_cost(graph: Graph) -> None:
    query = household(12).replace("memberId firstName", "memberId noSuchField")
    error = await refused(graph, query)
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert await total_calls(graph) == 0


@pytest.fixture(scope="module")
async def small_responses(sims: RunningSimulators) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(gateway_env(sims, PARTNER_GRAPH_MAX_RESPONSE_BYTES="2000"))
    runner, url = await serve(app)
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        yield http
    await runner.cleanup()


async def test_a_response_over_the_bound_is_an_error(small_responses: httpx.AsyncClient) -> None:
    query = "{ members(first: 50) { nodes { memberId firstName lastName email city } } }"
    response = await small_responses.post("/graphql", json={"query": query})
    assert response.status_code == 200
    assert response.headers["x-request-id"]
    body = response.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "RESPONSE_TOO_LARGE"
    assert error["extensions"]["maxResponseBytes"] == 2000
    assert error["extensions"]["responseBytes"] > 2000
    small = await small_responses.post(
        "/graphql", json={"query": "{ members(first: 1) { nodes { memberId } } }"}
    )
    assert small.json()["data"]["members"]["nodes"][0]["memberId"]
