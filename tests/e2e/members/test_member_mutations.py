"""Every member mutation over HTTP, with its bad-input answers."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Graph

UPDATE = """mutation($input: UpdateMemberInput!) {
  updateMember(input: $input) {
    member { memberId firstName lastName bornOn email streetAddress2 }
    userErrors { field message code }
  }
}"""


async def payload(graph: Graph, mutation: str, name: str, input_: dict[str, Any]) -> Any:
    return (await graph.data(mutation, {"input": input_}))[name]


async def test_update_member_changes_and_clears_fields(graph: Graph) -> None:
    result = await payload(
        graph,
        UPDATE,
        "updateMember",
        {
            "memberId": "QWqJn",
            "firstName": "Immanuel",
            "bornOn": "1724-04-22",
            "streetAddress2": None,
        },
    )
    assert result["userErrors"] == []
    assert result["member"]["firstName"] == "Immanuel"
    assert result["member"]["bornOn"] == "1724-04-22"
    assert result["member"]["streetAddress2"] is None
    again = await graph.data('{ member(memberId: "QWqJn") { firstName lastName } }')
    assert again["member"] == {"firstName": "Immanuel", "lastName": "Kant"}


async def test_update_member_refusals_are_user_errors_field_by_field(graph: Graph) -> None:
    result = await payload(
        graph,
        UPDATE,
        "updateMember",
        {"memberId": "o1bgR", "firstName": None, "lastName": None, "gender": "hello"},
    )
    assert result["member"] is None
    assert {(tuple(e["field"]), e["code"]) for e in result["userErrors"]} == {
        (("input", "firstName"), "BLANK"),
        (("input", "lastName"), "BLANK"),
        (("input", "gender"), "INVALID"),
    }
    unchanged = await graph.data('{ member(memberId: "o1bgR") { firstName } }')
    assert unchanged["member"]["firstName"] == "Emmanuel"


async def test_update_of_an_unknown_member(graph: Graph) -> None:
    result = await payload(graph, UPDATE, "updateMember", {"memberId": "nobody", "city": "X"})
    assert result == {
        "member": None,
        "userErrors": [
            {"field": ["input", "memberId"], "message": "No member 'nobody'.", "code": "NOT_FOUND"}
        ],
    }


CREATE_CONSENT = """mutation($input: CreateConsentInput!) {
  createConsent(input: $input) {
    consent { id consentId memberId category memberResponse consentedAt details { name value } }
    userErrors { field message code }
  }
}"""
UPDATE_CONSENT = """mutation($input: UpdateConsentInput!) {
  updateConsent(input: $input) {
    consent { consentId memberResponse consentedAt }
    userErrors { field message code }
  }
}"""
DELETE_CONSENT = """mutation($input: DeleteConsentInput!) {
  deleteConsent(input: $input) { deletedConsentId deletedId userErrors { field code } }
}"""


async def test_consent_lifecycle(graph: Graph) -> None:
    created = await payload(
        graph,
        CREATE_CONSENT,
        "createConsent",
        {
            "memberId": "MKGK5",
            "category": "sms",
            "details": [{"name": "confirmation_code", "value": "abc123"}],
        },
    )
    assert created["userErrors"] == []
    consent = created["consent"]
    assert consent["memberId"] == "MKGK5"
    assert consent["memberResponse"] is False
    assert consent["details"] == [{"name": "confirmation_code", "value": "abc123"}]
    consent_id = consent["consentId"]

    updated = await payload(
        graph,
        UPDATE_CONSENT,
        "updateConsent",
        {
            "memberId": "MKGK5",
            "consentId": consent_id,
            "memberResponse": True,
            "consentedAt": "2024-01-31T09:08:07Z",
        },
    )
    assert updated["consent"] == {
        "consentId": consent_id,
        "memberResponse": True,
        "consentedAt": "2024-01-31T09:08:07+00:00",
    }
    listed = await graph.data('{ member(memberId: "MKGK5") { consents { consentId } } }')
    assert consent_id in [c["consentId"] for c in listed["member"]["consents"]]

    deleted = await payload(
        graph, DELETE_CONSENT, "deleteConsent", {"memberId": "MKGK5", "consentId": consent_id}
    )
    assert deleted["deletedConsentId"] == consent_id
    assert deleted["deletedId"] == consent["id"]
    again = await payload(
        graph, DELETE_CONSENT, "deleteConsent", {"memberId": "MKGK5", "consentId": consent_id}
    )
    assert again == {
        "deletedConsentId": None,
        "deletedId": None,
        "userErrors": [{"field": ["input", "consentId"], "code": "NOT_FOUND"}],
    }


async def test_consent_refusals(graph: Graph) -> None:
    unknown_member = await payload(
        graph,
        CREATE_CONSENT,
        "createConsent",
        {"memberId": "nobody", "category": "sms", "details": []},
    )
    assert unknown_member["userErrors"][0]["code"] == "NOT_FOUND"
    unknown_consent = await payload(
        graph, UPDATE_CONSENT, "updateConsent", {"memberId": "7ZbA6", "consentId": "99999"}
    )
    assert unknown_consent["userErrors"][0]["field"] == ["input", "consentId"]
    blank = await payload(
        graph,
        UPDATE_CONSENT,
        "updateConsent",
        {"memberId": "7ZbA6", "consentId": "1360", "category": None, "details": None},
    )
    assert {tuple(e["field"]) for e in blank["userErrors"]} == {
        ("input", "category"),
        ("input", "details"),
    }
    # Input that does not fit its GraphQL type (a missing required field) is a GraphQL error.
    body = await graph.gql(
        CREATE_CONSENT, {"input": {"memberId": "7ZbA6", "details": []}}, expect_errors=True
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "category" in body["errors"][0]["message"]


CREATE_ENROLLMENT = """mutation($input: CreateEnrollmentInput!) {
  createEnrollment(input: $input) {
    enrollment { id enrollmentId memberId programId enrolledAt expiresAt events { category } }
    userErrors { field message code }
  }
}"""
UPDATE_ENROLLMENT = """mutation($input: UpdateEnrollmentInput!) {
  updateEnrollment(input: $input) {
    enrollment { enrollmentId expiresAt programId }
    userErrors { field message code }
  }
}"""
DELETE_ENROLLMENT = """mutation($input: DeleteEnrollmentInput!) {
  deleteEnrollment(input: $input) { deletedEnrollmentId deletedId userErrors { field code } }
}"""


async def test_enrollment_lifecycle(graph: Graph) -> None:
    created = await payload(
        graph,
        CREATE_ENROLLMENT,
        "createEnrollment",
        {"memberId": "QdV6d", "programId": "8370", "enrolledAt": "2024-03-13T15:52:35Z"},
    )
    assert created["userErrors"] == []
    enrollment = created["enrollment"]
    assert (enrollment["memberId"], enrollment["programId"]) == ("QdV6d", "8370")
    assert enrollment["expiresAt"] is None
    assert [e["category"] for e in enrollment["events"]] == ["created"]

    updated = await payload(
        graph,
        UPDATE_ENROLLMENT,
        "updateEnrollment",
        {
            "memberId": "QdV6d",
            "enrollmentId": enrollment["enrollmentId"],
            "expiresAt": "2025-03-13T15:52:33Z",
        },
    )
    assert updated["enrollment"]["expiresAt"] == "2025-03-13T15:52:33+00:00"
    # The new enrollment makes the member eligible for its program.
    eligible = await graph.data(
        '{ members(first: 5, filter: {programId: {eq: "8370"}}) { nodes { memberId } } }'
    )
    assert "QdV6d" in [n["memberId"] for n in eligible["members"]["nodes"]]

    deleted = await payload(
        graph,
        DELETE_ENROLLMENT,
        "deleteEnrollment",
        {"memberId": "QdV6d", "enrollmentId": enrollment["enrollmentId"]},
    )
    assert deleted["deletedEnrollmentId"] == enrollment["enrollmentId"]
    assert deleted["deletedId"] == enrollment["id"]


async def test_enrollment_refusals(graph: Graph) -> None:
    await graph.reset()
    bad_program = await payload(
        graph,
        CREATE_ENROLLMENT,
        "createEnrollment",
        {"memberId": "QdV6d", "programId": "abc", "enrolledAt": "2024-03-13T15:52:35Z"},
    )
    assert bad_program["userErrors"] == [
        {
            "field": ["input", "programId"],
            "message": "programId must be a program number: ASCII digits without a sign or "
            "leading zero, from 1 to 2147483647 (e.g. 8355).",
            "code": "INVALID",
        }
    ]
    assert await graph.calls() == {}, "checked before any upstream call"
    blank = await payload(
        graph,
        UPDATE_ENROLLMENT,
        "updateEnrollment",
        {"memberId": "7ZbOm", "enrollmentId": "3228", "enrolledAt": None},
    )
    assert blank["userErrors"][0]["field"] == ["input", "enrolledAt"]
    assert blank["userErrors"][0]["code"] == "BLANK"
    unknown = await payload(
        graph,
        DELETE_ENROLLMENT,
        "deleteEnrollment",
        {"memberId": "7ZbOm", "enrollmentId": "1"},
    )
    assert unknown["userErrors"] == [{"field": ["input", "enrollmentId"], "code": "NOT_FOUND"}]
    body = await graph.gql(
        CREATE_ENROLLMENT,
        {"input": {"memberId": "QdV6d", "programId": "1", "enrolledAt": "yesterday"}},
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
