"""Enrollees end to end: details, and status, plan and utilization each from its own call,
only when selected, concurrently; a failing part nulls only itself."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Graph

STATUS = "GET /api/v2/enrollee-status"
PLAN = "GET /api/v2/enrollee-plan"
UTILIZATION = "GET /api/v2/enrollee-utilization"

WHOLE = """{ enrollee(memberId: "100004976") {
  memberId firstName lastName policyId
  status
  plan { planId name }
  utilization { provider totalSpent balance }
} }"""


async def _calls(graph: Graph) -> dict[str, int]:
    calls = await graph.calls("bastion")
    # The token call depends on what earlier tests left; the reads are what is counted.
    calls.pop("POST /api/v2/auth/generateAuthToken", None)
    return calls


async def test_the_documented_enrollee_with_its_three_parts(graph: Graph) -> None:
    data = await graph.data(WHOLE)
    enrollee = data["enrollee"]
    assert enrollee["memberId"] == "100004976"
    assert (enrollee["firstName"], enrollee["lastName"]) == ("John", "Doe")
    assert enrollee["policyId"] == "2058"
    assert enrollee["status"] == "ACTIVE"
    assert enrollee["plan"]["planId"] == 85
    assert isinstance(enrollee["utilization"]["balance"], float)
    assert await _calls(graph) == {STATUS: 1, PLAN: 1, UTILIZATION: 1}


async def test_details_alone_cost_one_call(graph: Graph) -> None:
    await graph.data('{ enrollee(memberId: "100004976") { firstName dateOfBirth gender } }')
    assert await _calls(graph) == {STATUS: 1}


async def test_only_the_selected_part_is_fetched(graph: Graph) -> None:
    data = await graph.data(
        '{ enrollee(memberId: "100004976") { firstName utilization { totalSpent } } }'
    )
    assert data["enrollee"]["firstName"] == "John"
    assert await _calls(graph) == {UTILIZATION: 1}


async def test_plan_beyond_id_and_name_reads_the_plan_once(graph: Graph) -> None:
    query = '{ enrollee(memberId: "100004976") { plan { planId name premium state } } }'
    first = await graph.data(query)
    await graph.data(query)
    assert first["enrollee"]["plan"]["planId"] == 85
    calls = await _calls(graph)
    assert calls[PLAN] == 2
    # The plan is reference data: cached after its first read (possibly by an earlier test).
    assert calls.get("GET /api/v2/vendors/plans/{id}", 0) <= 1


async def test_a_failing_part_nulls_only_itself(graph: Graph) -> None:
    await graph.fault("bastion", path="/api/v2/enrollee-utilization", status=503)
    body = await graph.gql(WHOLE, expect_errors=True)
    enrollee = body["data"]["enrollee"]
    assert enrollee["utilization"] is None
    assert enrollee["status"] == "ACTIVE"
    assert enrollee["plan"]["planId"] == 85
    (error,) = body["errors"]
    assert error["path"] == ["enrollee", "utilization"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert error["extensions"]["upstream"] == "bastion"


async def test_details_come_from_another_part_when_status_fails(graph: Graph) -> None:
    await graph.fault("bastion", path="/api/v2/enrollee-status", status=503)
    body = await graph.gql(
        '{ enrollee(memberId: "100004976") { firstName status plan { planId } } }',
        expect_errors=True,
    )
    assert body["data"]["enrollee"]["firstName"] == "John"
    assert body["data"]["enrollee"]["status"] is None
    assert [e["path"] for e in body["errors"]] == [["enrollee", "status"]]


async def test_an_unknown_enrollee_is_null(graph: Graph) -> None:
    data = await graph.data('{ enrollee(memberId: "999999999") { firstName status } }')
    assert data["enrollee"] is None


@pytest.mark.parametrize("member_id", ["../vendors/plans", "1 OR 1", "", "x" * 65])
async def test_an_id_outside_bastions_format_is_null_without_a_call(
    graph: Graph, member_id: str
) -> None:
    data = await graph.data(
        "query($m: String!) { enrollee(memberId: $m) { firstName } }", {"m": member_id}
    )
    assert data["enrollee"] is None
    assert await _calls(graph) == {}


async def test_a_wrong_shape_is_an_error_not_an_empty_answer(graph: Graph) -> None:
    await graph.fault("bastion", path="/api/v2/enrollee-status", answer="wrong_shape")
    body = await graph.gql('{ enrollee(memberId: "100004976") { firstName } }', expect_errors=True)
    assert body["data"]["enrollee"] is None
    assert body["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"


async def test_an_enrollee_is_a_node(graph: Graph) -> None:
    data = await graph.data('{ enrollee(memberId: "100004976") { id } }')
    gid = data["enrollee"]["id"]
    node = await graph.data(
        "query($id: ID!) { node(id: $id) { ... on Enrollee { memberId lastName status } } }",
        {"id": gid},
    )
    assert node["node"] == {"memberId": "100004976", "lastName": "Doe", "status": "ACTIVE"}
