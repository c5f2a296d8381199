"""Ids stay in their path segment (probe rows B1-B13, B16, D14): a key outside Datanexus' id
format is answered by the gateway (null for a lookup, a userError for a write) and never
reaches the upstream, so ``..`` cannot turn a consent delete into a member delete."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.e2e.conftest import Graph

# Dot segments, the empty key, separators, non-ASCII and control characters, too long.
HOSTILE = ["", " ", ".", "..", "../..", "x/..", "a/b", "%2F", "?x", "#x", "é", "\x00", "\n"]
HOSTILE += ["A" * 65, "A" * 5000]


def gid(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize("key", HOSTILE)
async def test_member_lookup_by_a_hostile_key_is_null_without_a_call(
    graph: Graph, key: str
) -> None:
    await graph.reset()
    data = await graph.data(
        "query($id: String!) { member(memberId: $id) { memberId } }", {"id": key}
    )
    assert data == {"member": None}
    assert await graph.requests("datanexus") == []


NODE_KEYS = [f"{t}:{k}" for t in ("Member",) for k in HOSTILE] + [
    f"{t}:{k}"
    for t in ("Consent", "Enrollment")
    for k in ["", ".", "..", "../..", "A5c7X/..", "A5c7X/.", "../1", "./1", "A5c7X/", "/1"]
]


async def test_node_ids_with_hostile_keys_are_null_in_place_without_a_call(graph: Graph) -> None:
    await graph.reset()
    ids = [gid(k) for k in NODE_KEYS]
    data = await graph.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
        {"ids": ids},
    )
    assert data == {"nodes": [None] * len(ids)}
    assert await graph.requests("datanexus") == []


async def test_hostile_node_ids_do_not_cost_their_valid_neighbours(graph: Graph) -> None:
    await graph.reset()
    ids = [gid("Member:."), gid("Member:.."), gid("Member:A5c7X")]
    data = await graph.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Member { memberId } } }", {"ids": ids}
    )
    assert data == {"nodes": [None, None, {"memberId": "A5c7X"}]}
    paths = [r["path"] for r in await graph.requests("datanexus")]
    assert paths == ["/api/members/A5c7X"]


MUTATIONS: dict[str, tuple[str, dict[str, Any], str]] = {
    "updateMember": ("UpdateMemberInput", {"city": "X"}, "member { memberId }"),
    "createConsent": (
        "CreateConsentInput",
        {"category": "sms", "details": []},
        "consent { consentId }",
    ),
    "updateConsent": (
        "UpdateConsentInput",
        {"consentId": "1", "category": "sms"},
        "consent { consentId }",
    ),
    "deleteConsent": ("DeleteConsentInput", {"consentId": "1"}, "deletedConsentId"),
    "createEnrollment": (
        "CreateEnrollmentInput",
        {"programId": "8355", "enrolledAt": "2024-03-13T15:52:35Z"},
        "enrollment { enrollmentId }",
    ),
    "updateEnrollment": (
        "UpdateEnrollmentInput",
        {"enrollmentId": "1", "expiresAt": None},
        "enrollment { enrollmentId }",
    ),
    "deleteEnrollment": ("DeleteEnrollmentInput", {"enrollmentId": "1"}, "deletedEnrollmentId"),
}


async def mutate(graph: Graph, name: str, fields: dict[str, Any]) -> Any:
    input_type, base, selection = MUTATIONS[name]
    query = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {selection} "
        "userErrors { field code message } } }"
    )
    return (await graph.data(query, {"input": {**base, **fields}}))[name]


@pytest.mark.parametrize("name", sorted(MUTATIONS))
async def test_a_hostile_member_id_in_a_write_is_a_user_error_without_a_call(
    graph: Graph, name: str
) -> None:
    """B5-B8, B16: ``memberId: ".."`` once sent ``DELETE /api/consents/1``, ``PUT /api``."""
    await graph.reset()
    for key in ["", ".", "..", "../..", "é", "\x00", "A" * 5000]:
        payload = await mutate(graph, name, {"memberId": key})
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
            (["input", "memberId"], "BLANK" if not key.strip() else "INVALID")
        ], key
    assert await graph.requests("datanexus") == []


CHILD_WRITES = {
    "updateConsent": "consentId",
    "deleteConsent": "consentId",
    "updateEnrollment": "enrollmentId",
    "deleteEnrollment": "enrollmentId",
}


@pytest.mark.parametrize("name", sorted(CHILD_WRITES))
async def test_a_hostile_child_id_never_becomes_a_write_to_the_member(
    graph: Graph, name: str
) -> None:
    """B1-B4: ``consentId: ".."`` once sent ``DELETE /api/members/<id>``."""
    await graph.reset()
    field = CHILD_WRITES[name]
    for key in ["", ".", "..", "../..", "1/..", "é"]:
        payload = await mutate(graph, name, {"memberId": "QdV6d", field: key})
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
            (["input", field], "BLANK" if not key.strip() else "INVALID")
        ], key
    assert await graph.requests("datanexus") == []
    still = await graph.data('{ member(memberId: "QdV6d") { memberId } }')
    assert still == {"member": {"memberId": "QdV6d"}}


async def test_ids_of_the_documented_formats_still_reach_datanexus(graph: Graph) -> None:
    await graph.reset()
    data = await graph.data(
        '{ a: member(memberId: "A5c7X") { memberId } '
        'b: member(memberId: "EOE-COGITO55") { prefixedSponsorMemberIdentifier } }'
    )
    assert data["a"] == {"memberId": "A5c7X"}
    assert data["b"] == {"prefixedSponsorMemberIdentifier": "EOE-COGITO55"}
