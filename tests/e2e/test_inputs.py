"""Caller input the graph refuses itself, before any upstream call, with a code."""

from __future__ import annotations

from tests.e2e.conftest import Graph


async def test_a_date_time_without_an_offset_is_bad_user_input(graph: Graph) -> None:
    body = await graph.gql(
        "query($t: DateTime) { members(first: 1, updatedSince: $t) { nodes { memberId } } }",
        {"t": "2024-01-01T00:00:00"},
        expect_errors=True,
    )
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "no UTC offset" in error["message"]
    assert sum((await graph.calls()).values()) == 0
