"""One answer per filter, pushed down or evaluated here (probe rows C1, C2, C6)."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Graph

PAGE = """query($f: MemberFilter, $after: String) {
  members(first: 100, filter: $f, after: $after) {
    nodes { memberId } pageInfo { hasNextPage endCursor }
  }
}"""


async def matching(graph: Graph, filter_: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    after = None
    while True:
        data = await graph.data(PAGE, {"f": filter_, "after": after})
        found |= {n["memberId"] for n in data["members"]["nodes"]}
        info = data["members"]["pageInfo"]
        if not info["hasNextPage"]:
            return found
        after = info["endCursor"]


async def test_eq_and_in_match_the_same_members_for_any_program_spelling(graph: Graph) -> None:
    canonical = await matching(graph, {"programId": {"eq": "8355"}})
    assert canonical, "the data set must hold members eligible for 8355"
    assert canonical == await matching(graph, {"programId": {"in": ["8355"]}})
    for text in ["08355", "٨٣٥٥", "8355.0"]:
        eq = await matching(graph, {"programId": {"eq": text}})
        assert eq == await matching(graph, {"programId": {"in": [text]}}) == set(), text


async def test_a_cursor_of_a_gateway_filtered_list_is_refused_without_the_filter(
    graph: Graph,
) -> None:
    data = await graph.data(
        "{ members(first: 2, filter: {programStatus: {eq: ACTIVE}}) { pageInfo { endCursor } } }"
    )
    cursor = data["members"]["pageInfo"]["endCursor"]
    await graph.reset()
    body = await graph.gql(
        "query($c: String) { members(first: 2, after: $c) { nodes { memberId } } }",
        {"c": cursor},
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await graph.requests("datanexus") == []
