"""Members over real HTTP: lookups, paging both ways, filters pushed and local, node/nodes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Graph

MEMBER_FIELDS = """
  id memberId firstName middleName lastName bornOn gender email phoneNumber
  streetAddress1 streetAddress2 city state postalCode programStatus eligibilityStartOn
  healthPlanIdentifier sponsorMemberIdentifier prefixedSponsorMemberIdentifier sodaSponsorId
"""

PAGE = """
query Page($first: Int, $after: String, $last: Int, $before: String, $filter: MemberFilter) {
  members(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    edges { cursor node { memberId } }
    nodes { memberId }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}
"""


async def all_upstream_members(graph: Graph, **params: str) -> list[dict[str, Any]]:
    """Every member the simulator holds, read straight from it (the test's own oracle)."""
    out: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {"limit": "100", "include_household": "true", **params}
        if cursor:
            query["cursor_next"] = cursor
        body = (
            await graph.upstream(
                "GET", "/api/members", params=query, headers={"authorization": "apikey demo"}
            )
        ).json()
        out.extend(body["data"])
        cursor = body["next_cursor"]
        if cursor is None:
            return out


async def walk_forward(graph: Graph, size: int, filter_: Any = None) -> list[str]:
    ids: list[str] = []
    after = None
    while True:
        page = (await graph.data(PAGE, {"first": size, "after": after, "filter": filter_}))[
            "members"
        ]
        got = [e["node"]["memberId"] for e in page["edges"]]
        assert got == [n["memberId"] for n in page["nodes"]]
        assert page["totalCount"] is None
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        ids.extend(got)
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        assert len(got) == size, "a page short of `first` must be the last one"
        after = page["pageInfo"]["endCursor"]


async def walk_backward(graph: Graph, size: int, filter_: Any = None) -> list[str]:
    ids: list[str] = []
    before = None
    while True:
        page = (await graph.data(PAGE, {"last": size, "before": before, "filter": filter_}))[
            "members"
        ]
        got = [e["node"]["memberId"] for e in page["edges"]]
        ids[:0] = got
        if not page["pageInfo"]["hasPreviousPage"]:
            return ids
        assert len(got) == size
        before = page["pageInfo"]["startCursor"]


async def test_member_by_id_with_every_field(graph: Graph) -> None:
    data = await graph.data(f'{{ member(memberId: "A5c7X") {{ {MEMBER_FIELDS} }} }}')
    member = data["member"]
    assert member["memberId"] == "A5c7X"
    assert (member["firstName"], member["lastName"], member["bornOn"]) == (
        "Michael",
        "Bluth",
        "1975-05-15",
    )
    assert member["city"] == "Newport Beach"
    assert member["programStatus"] == "PENDING"
    assert set(member) == {f for f in MEMBER_FIELDS.split()}


async def test_member_by_prefixed_sponsor_id_and_missing_members(graph: Graph) -> None:
    data = await graph.data(
        """{ a: member(memberId: "EOE-COGITO55") { memberId lastName }
             b: member(memberId: "nobody") { memberId }
             c: member(memberId: "  ") { memberId } }"""
    )
    assert data == {"a": {"memberId": "o8YAO", "lastName": "Kant"}, "b": None, "c": None}


async def test_household_consents_and_enrollments(graph: Graph) -> None:
    data = await graph.data(
        """{ member(memberId: "7E8ln") {
              firstName consents { category }
              household { memberId firstName
                enrollments { enrollmentId programId enrolledAt events { category } } } }
             kant: member(memberId: "7ZbA6") {
              consents { id consentId category consentedAt memberResponse details { name value } }
             } }"""
    )
    household = data["member"]["household"]
    assert [m["memberId"] for m in household] == ["7xZm3"]
    enrollment = household[0]["enrollments"][0]
    assert enrollment["enrollmentId"] == "3226"
    assert enrollment["programId"] == "8355"
    assert enrollment["enrolledAt"].startswith("2022-12-14T22:39:00")
    consents = data["kant"]["consents"]
    assert [c["category"] for c in consents] == ["sms", "hipaa"]
    assert consents[0]["details"] == [{"name": "sms_number", "value": "5555555555"}]
    assert consents[0]["memberResponse"] is True


@pytest.mark.parametrize("size", [1, 7, 100])
async def test_paging_forward_and_backward_visits_everyone_once(graph: Graph, size: int) -> None:
    expected = [m["id"] for m in await all_upstream_members(graph)]
    forward = await walk_forward(graph, size)
    assert forward == expected
    if size != 1:  # one at a time backward is the same code path, 300 requests slower
        assert await walk_backward(graph, size) == expected


FILTER_PAIRS = [
    # (pushed down to Datanexus, evaluated by the gateway): the same members either way.
    ({"lastName": {"eq": "Poppins"}}, {"lastName": {"in": ["Poppins"]}}),
    ({"programStatus": {"eq": "PENDING"}}, {"not": {"programStatus": {"ne": "PENDING"}}}),
    ({"programStatus": {"ne": "PENDING"}}, {"not": {"programStatus": {"in": ["PENDING"]}}}),
    ({"bornOn": {"eq": "2000-01-01"}}, {"bornOn": {"between": ["2000-01-01", "2000-01-01"]}}),
    ({"programId": {"eq": "8355"}}, {"programId": {"in": ["8355"]}}),
    (
        {"firstName": {"eq": "Emmanuel"}, "lastName": {"eq": "Kant"}},
        {
            "and": [
                {"firstName": {"startsWith": "Emmanuel", "endsWith": "Emmanuel"}},
                {"lastName": {"contains": "Kant", "notContains": "x"}},
            ]
        },
    ),
]


@pytest.mark.parametrize(("pushed", "local"), FILTER_PAIRS)
async def test_pushed_and_local_filters_agree_page_by_page(
    graph: Graph, pushed: dict[str, Any], local: dict[str, Any]
) -> None:
    by_upstream = await walk_forward(graph, 3, pushed)
    by_gateway = await walk_forward(graph, 3, local)
    assert by_upstream, "the pair must select someone to prove anything"
    assert by_upstream == by_gateway
    assert await walk_backward(graph, 4, local) == by_gateway
    assert await walk_backward(graph, 4, pushed) == by_upstream


async def test_local_filters_match_an_independent_oracle(graph: Graph) -> None:
    everyone = await all_upstream_members(graph)
    expected = [
        m["id"]
        for m in everyone
        if (m["city"] or "").startswith("S") or m["program_status"] == "inactive"
        if not (m["email"] or "").endswith(".org")
    ]
    filter_ = {
        "or": [{"city": {"startsWith": "S"}}, {"programStatus": {"eq": "INACTIVE"}}],
        "email": {"notEndsWith": ".org"},
    }
    assert expected
    assert await walk_forward(graph, 9, filter_) == expected
    assert await walk_backward(graph, 9, filter_) == expected


async def test_pushed_filters_reach_the_upstream_and_cost_one_call_a_page(graph: Graph) -> None:
    await graph.reset()
    await graph.data(PAGE, {"first": 2, "filter": {"lastName": {"eq": "Poppins"}}})
    assert await graph.calls() == {"GET /api/members": 1}


async def test_no_match_is_an_empty_last_page(graph: Graph) -> None:
    page = (await graph.data(PAGE, {"first": 5, "filter": {"city": {"eq": "Atlantis"}}}))["members"]
    assert page["edges"] == []
    assert page["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 101}, "above the limit of 100"),
        ({"first": -1}, "must not be negative"),
        ({"first": 1, "last": 1}, "not both"),
        ({"first": 1, "after": "garbage"}, "not a cursor"),
        ({"first": 1, "filter": {"firstName": {"between": ["a"]}}}, "exactly two"),
    ],
)
async def test_bad_paging_and_filter_input(
    graph: Graph, variables: dict[str, Any], message: str
) -> None:
    body = await graph.gql(PAGE, variables, expect_errors=True)
    assert body["data"] == {"members": None}  # nullable: only this field is lost
    (error,) = body["errors"]
    assert message in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_cursor_from_another_upstream_query_is_refused(graph: Graph) -> None:
    page = (await graph.data(PAGE, {"first": 1, "filter": {"lastName": {"eq": "Kant"}}}))["members"]
    body = await graph.gql(
        PAGE, {"first": 1, "after": page["pageInfo"]["endCursor"]}, expect_errors=True
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_node_and_nodes(graph: Graph) -> None:
    ids = await graph.data(
        """{ member(memberId: "7xZm3") { id enrollments { id } }
             kant: member(memberId: "7ZbA6") { consents { id } } }"""
    )
    member_id = ids["member"]["id"]
    enrollment_id = ids["member"]["enrollments"][0]["id"]
    consent_id = ids["kant"]["consents"][0]["id"]
    missing = "TWVtYmVyOm5vYm9keQ=="  # Member:nobody
    await graph.reset()
    data = await graph.data(
        """query($ids: [ID!]!, $one: ID!) {
             node(id: $one) { __typename ... on Member { firstName } }
             nodes(ids: $ids) {
               __typename
               ... on Member { memberId }
               ... on Consent { consentId category }
               ... on Enrollment { enrollmentId programId }
             } }""",
        {"ids": [member_id, consent_id, enrollment_id, missing], "one": member_id},
    )
    assert data["node"] == {"__typename": "Member", "firstName": "Eliza"}
    assert data["nodes"] == [
        {"__typename": "Member", "memberId": "7xZm3"},
        {"__typename": "Consent", "consentId": "1360", "category": "sms"},
        {"__typename": "Enrollment", "enrollmentId": "3226", "programId": "8355"},
        None,
    ]
    # Three distinct members behind four ids and an alias: each fetched once.
    assert await graph.calls() == {"GET /api/members/{member_id}": 3}


async def test_a_bad_global_id_is_bad_input(graph: Graph) -> None:
    body = await graph.gql('{ node(id: "not-base64!") { id } }', expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
