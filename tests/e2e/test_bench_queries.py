"""The regression guard for the benchmark: each query costs exactly its stated minimum."""

from __future__ import annotations

import pytest

from bench.queries import AUTH_ROUTES, QUERIES, BenchQuery
from tests.e2e.conftest import Graph
from upstreams.simulators import PREFIXES

# The portal's catalog is cached per caller: each query asks as its own portal account, so
# that its first run is not served from another query's cache.
_CALLERS = ["demo-producer", "demo", "demo-consumer-2", "demo-producer-2"]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
async def test_upstream_calls_equal_the_minimum(graph: Graph, query: BenchQuery) -> None:
    caller = {"authorization": f"Bearer {_CALLERS[QUERIES.index(query) % len(_CALLERS)]}"}
    for run in range(2):  # the first and a repeated run cost the same calls, unless cached
        await graph.reset()
        answer = await graph.http.post("/graphql", json={"query": query.text}, headers=caller)
        assert "errors" not in answer.json(), answer.json()
        calls = {
            name: sum(
                n for route, n in (await graph.calls(name)).items() if route not in AUTH_ROUTES
            )
            for name in PREFIXES
        }
        expected = {name: query.minimum_calls.get(name, 0) for name in PREFIXES}
        if run == 1:
            expected.update(dict.fromkeys(query.cached, 0))
        assert calls == expected


def test_graphiqls_example_is_the_six_entity_benchmark_query() -> None:
    import graphql

    import server

    bench = next(q for q in QUERIES if q.name == "six_entities")
    assert graphql.print_ast(graphql.parse(server._EXAMPLE)) == graphql.print_ast(
        graphql.parse(bench.text)
    )
