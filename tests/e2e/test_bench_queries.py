"""The regression guard for the benchmark: each query costs exactly its stated minimum."""

from __future__ import annotations

import pytest

from bench.queries import AUTH_ROUTES, QUERIES, BenchQuery
from tests.e2e.conftest import Graph
from upstreams.simulators import PREFIXES


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
async def test_upstream_calls_equal_the_minimum(graph: Graph, query: BenchQuery) -> None:
    for run in range(2):  # the first and a repeated run cost the same calls, unless cached
        await graph.reset()
        await graph.data(query.text)
        calls = {
            name: sum(
                n for route, n in (await graph.calls(name)).items() if route not in AUTH_ROUTES
            )
            for name in PREFIXES
        }
        expected = {name: query.minimum_calls.get(name, 0) for name in PREFIXES}
        if query.cached and run == 1:
            expected = dict.fromkeys(PREFIXES, 0)
        assert calls == expected
