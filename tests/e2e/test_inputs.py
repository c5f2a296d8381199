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


async def test_a_negative_list_size_is_refused_the_same_way_everywhere(graph: Graph) -> None:
    messages = set()
    for query in (
        "{ accountSpecialties(first: -1) { code } }",
        "{ organizations(first: -1) { totalCount } }",
        "{ members(first: -1) { nodes { memberId } } }",
    ):
        (error,) = (await graph.gql(query, expect_errors=True))["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "first"}
        messages.add(error["message"])
    assert messages == {"`first` must not be negative."}


async def test_non_ascii_digits_are_not_an_npi(graph: Graph) -> None:
    body = await graph.gql(
        """mutation { updateOrganizations(input: {organizations: [
             {organizationId: 1, npi: "١٢٣٤٥٦٧٨٩٠"}]}) { userErrors { field code } } }"""
    )
    (problem,) = body["data"]["updateOrganizations"]["userErrors"]
    assert problem["field"][-1] == "npi"
    assert sum((await graph.calls("medallies")).values()) == 0
