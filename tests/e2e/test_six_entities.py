"""All six entities in one request: members, enrollments, organizations, an enrollee
(endorsements), APIs and MISPs, from five upstreams; each part fails alone."""

from __future__ import annotations

import pytest

from bench.queries import QUERIES
from tests.e2e.conftest import Graph

SIX = next(q for q in QUERIES if q.name == "six_entities").text
PARTS = {
    "datanexus": "members",
    "medallies": "organizations",
    "bastion": "enrollee",
    "portal": "apis",
    "mosip": "misps",
}


async def test_six_entities_answer_in_one_request(graph: Graph) -> None:
    data = await graph.data(SIX)
    assert data["members"]["nodes"]
    assert any(m["enrollments"] for m in data["members"]["nodes"])
    assert data["organizations"]["nodes"]
    assert data["enrollee"]["status"] == "ACTIVE"
    assert data["apis"]["totalCount"] > 0
    assert data["misps"]["totalCount"] > 0


@pytest.mark.parametrize("upstream", sorted(PARTS))
async def test_one_failing_upstream_nulls_only_its_part(graph: Graph, upstream: str) -> None:
    await graph.fault(upstream, path=".", status=503)
    # The catalog is cached per portal account: ask as one not used before in this module.
    caller = {"authorization": "Bearer demo-producer-2"} if upstream == "portal" else {}
    body = (await graph.http.post("/graphql", json={"query": SIX}, headers=caller)).json()
    data = body["data"]
    assert data[PARTS[upstream]] is None
    for other, field in PARTS.items():
        if other != upstream:
            assert data[field] is not None, (other, body.get("errors"))
    assert {e["extensions"].get("upstream") for e in body["errors"]} == {upstream}
