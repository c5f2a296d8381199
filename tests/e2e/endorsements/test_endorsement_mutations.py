"""Endorsement writes end to end: checked before the call, Bastion's `status: false` as a
userError with its message, an unknown outcome reported and never retried."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Graph

CREATE = """mutation($input: CreateEndorsementInput!) {
  createEndorsement(input: $input) {
    enrollee { memberId policyId firstName lastName gender relation maritalStatus bloodGroup
               dateOfBirth hasPreExistingCondition conditionIds status }
    userErrors { field message code }
  }
}"""


def customer(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "firstName": "Ada",
        "lastName": "Okafor",
        "dateOfBirth": "1990-04-12",
        "gender": "FEMALE",
        "phone": "+2348031234567",
        "relation": "SELF",
        "maritalStatus": "MARRIED",
        "countryId": 162,
        "regionId": 15,
        "cityId": 271,
        "address": "12 Aminu Kano Crescent",
        "bloodGroup": "O_POSITIVE",
    }
    base.update(changes)
    return base


def create_input(**changes: Any) -> dict[str, Any]:
    return {"reference": "BRK-1", "planId": 85, "policyId": "2058", "customer": customer(**changes)}


async def test_create_then_read_back(graph: Graph) -> None:
    data = await graph.data(CREATE, {"input": create_input(conditionIds=[651])})
    payload = data["createEndorsement"]
    assert payload["userErrors"] == []
    enrollee = payload["enrollee"]
    assert enrollee["firstName"] == "Ada"
    assert enrollee["policyId"] == "2058"
    assert enrollee["bloodGroup"] == "O_POSITIVE"
    assert enrollee["relation"] == "SELF"
    assert enrollee["dateOfBirth"] == "1990-04-12"
    assert enrollee["hasPreExistingCondition"] is True
    assert enrollee["conditionIds"] == [651]
    assert enrollee["status"] == "ACTIVE"
    (sent,) = [r for r in await graph.requests("bastion") if r["path"].endswith("/endorsement/add")]
    body = sent["body"]
    assert body["plan_id"] == 85
    assert body["policyId"] == "2058"
    assert body["customer"]["bloodGroup"] == 2
    assert body["customer"]["maritalStatus"] == 2
    assert body["customer"]["preExistingCondition"] == 1
    assert body["customer"]["condition"] == [651]
    again = await graph.data(
        "query($m: String!) { enrollee(memberId: $m) { lastName plan { planId } } }",
        {"m": enrollee["memberId"]},
    )
    assert again["enrollee"] == {"lastName": "Okafor", "plan": {"planId": 85}}


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"phone": "0803-123-4567"}, ["input", "customer", "phone"], "INVALID_FORMAT"),
        ({"firstName": "  "}, ["input", "customer", "firstName"], "BLANK"),
        ({"dateOfBirth": "2999-01-01"}, ["input", "customer", "dateOfBirth"], "INVALID"),
        ({"hasPreExistingCondition": True}, ["input", "customer", "conditionIds"], "MISSING"),
        (
            {"hasPreExistingCondition": False, "conditionIds": [651]},
            ["input", "customer", "conditionIds"],
            "INVALID",
        ),
        ({"conditionIds": [99999999]}, ["input", "customer", "conditionIds"], "INVALID"),
    ],
)
async def test_mistakes_are_user_errors_before_any_call(
    graph: Graph, changes: dict[str, Any], field: list[str], code: str
) -> None:
    data = await graph.data(CREATE, {"input": create_input(**changes)})
    payload = data["createEndorsement"]
    assert payload["enrollee"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)]
    calls = await graph.calls("bastion")
    assert "POST /api/v2/endorsement/add" not in calls


async def test_an_enum_outside_its_values_is_refused_by_graphql(graph: Graph) -> None:
    body = await graph.gql(CREATE, {"input": create_input(gender="OTHER")}, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "POST /api/v2/endorsement/add" not in await graph.calls("bastion")


async def test_bastions_refusal_is_a_user_error_with_its_message(graph: Graph) -> None:
    # A city Bastion does not know: only Bastion can tell (status false on HTTP 200).
    data = await graph.data(CREATE, {"input": create_input(cityId=999999)})
    payload = data["createEndorsement"]
    assert payload["enrollee"] is None
    (error,) = payload["userErrors"]
    assert error["code"] == "INVALID"
    assert "city" in error["message"].lower()


async def test_an_unknown_plan_is_not_found(graph: Graph) -> None:
    data = await graph.data(CREATE, {"input": {**create_input(), "planId": 987654}})
    (error,) = data["createEndorsement"]["userErrors"]
    assert error["code"] in {"NOT_FOUND", "INVALID"}


async def test_a_write_whose_outcome_is_unknown_says_so_and_is_sent_once(graph: Graph) -> None:
    await graph.fault("bastion", path="/api/v2/endorsement/add", delay_ms=3000)
    body = await graph.gql(CREATE, {"input": create_input()}, expect_errors=True)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert error["extensions"]["writeOutcome"] == "UNKNOWN"
    assert (await graph.calls("bastion"))["POST /api/v2/endorsement/add"] == 1


REMOVE = """mutation($m: String!, $p: String!) {
  removeEndorsement(input: {memberId: $m, policyId: $p}) {
    removedMemberId policyId message userErrors { field code message } } }"""
UNDO = """mutation($m: String!) { undoEndorsementRemoval(input: {memberId: $m}) {
  enrollee { memberId status } userErrors { code message } } }"""


async def _new_member(graph: Graph) -> str:
    data = await graph.data(CREATE, {"input": create_input(firstName="Remy")})
    member_id: str = data["createEndorsement"]["enrollee"]["memberId"]
    return member_id


async def test_remove_and_undo(graph: Graph) -> None:
    member = await _new_member(graph)
    removed = (await graph.data(REMOVE, {"m": member, "p": "2058"}))["removeEndorsement"]
    assert removed["removedMemberId"] == member
    assert removed["userErrors"] == []
    status = await graph.data(
        "query($m: String!) { enrollee(memberId: $m) { status } }", {"m": member}
    )
    assert status["enrollee"]["status"] == "REMOVED"
    twice = (await graph.data(REMOVE, {"m": member, "p": "2058"}))["removeEndorsement"]
    assert twice["removedMemberId"] is None
    assert twice["userErrors"][0]["message"]
    undone = (await graph.data(UNDO, {"m": member}))["undoEndorsementRemoval"]
    assert undone["userErrors"] == []
    assert undone["enrollee"]["status"] == "ACTIVE"


async def test_removing_an_unknown_member_is_not_found(graph: Graph) -> None:
    data = await graph.data(REMOVE, {"m": "999999999", "p": "2058"})
    (error,) = data["removeEndorsement"]["userErrors"]
    assert error["code"] == "NOT_FOUND"
    assert error["field"] == ["input", "memberId"]


async def test_an_id_outside_the_format_is_refused_before_the_call(graph: Graph) -> None:
    data = await graph.data(REMOVE, {"m": "../x", "p": "2058"})
    (error,) = data["removeEndorsement"]["userErrors"]
    assert error["field"] == ["input", "memberId"]
    assert error["code"] == "INVALID"
    assert "POST /api/v2/endorsement/remove" not in await graph.calls("bastion")


CHANGE = """mutation($input: ChangeEnrolleePlanInput!) { changeEnrolleePlan(input: $input) {
  enrollee { memberId plan { planId } } userErrors { field code message } } }"""


async def test_change_plan_reads_the_current_plan_when_not_given(graph: Graph) -> None:
    member = await _new_member(graph)
    await graph.reset()
    data = await graph.data(CHANGE, {"input": {"memberId": member, "newPlanId": 10052}})
    payload = data["changeEnrolleePlan"]
    assert payload["userErrors"] == []
    assert payload["enrollee"]["plan"]["planId"] == 10052
    sent = [r for r in await graph.requests("bastion") if r["path"].endswith("update-member-plan")]
    assert [r["body"] for r in sent] == [{"memberId": member, "oldPlanId": 85, "newPlanId": 10052}]


async def test_change_plan_with_a_wrong_old_plan_is_bastions_user_error(graph: Graph) -> None:
    member = await _new_member(graph)
    data = await graph.data(
        CHANGE, {"input": {"memberId": member, "newPlanId": 10052, "oldPlanId": 10052}}
    )
    assert data["changeEnrolleePlan"]["enrollee"] is None
    assert data["changeEnrolleePlan"]["userErrors"][0]["message"]


UPDATE = """mutation($input: UpdateEnrolleeDetailsInput!) { updateEnrolleeDetails(input: $input) {
  enrollee { memberId firstName dateOfBirth } userErrors { field code message } } }"""


async def test_update_details(graph: Graph) -> None:
    member = await _new_member(graph)
    details = {
        "firstName": "Jonny",
        "lastName": "Okafor",
        "dateOfBirth": "1962-01-10",
        "gender": "MALE",
        "phone": "+2348030000000",
        "address": "1 Broad Street",
    }
    data = await graph.data(
        UPDATE, {"input": {"memberId": member, "policyId": "2058", "details": details}}
    )
    payload = data["updateEnrolleeDetails"]
    assert payload["userErrors"] == []
    # Bastion answers this call's dob as DD-MM-YYYY: read back as the same day.
    assert payload["enrollee"]["firstName"] == "Jonny"
    assert payload["enrollee"]["dateOfBirth"] == "1962-01-10"
    bad = await graph.data(
        UPDATE,
        {"input": {"memberId": member, "policyId": "2058", "details": {**details, "phone": "abc"}}},
    )
    assert bad["updateEnrolleeDetails"]["userErrors"][0]["code"] == "INVALID_FORMAT"
