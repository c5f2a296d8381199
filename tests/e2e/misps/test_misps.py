"""MISP queries over a real server: the list filtered and paged by the gateway exactly, one
MISP by id, nodes, the license key masked and read without renewal, partial data and wrong
shapes."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.e2e.conftest import Graph
from tests.e2e.misps.support import (
    AIRTEL,
    GET_KEY,
    LIST,
    NAMED,
    SHOW,
    TELECOM,
    TELECOM_KEY,
    all_pages,
    direct_list,
    mosip_calls,
)

PAGED = """query($filter: MispFilter, $orderBy: [MispOrder!], $first: Int, $after: String) {
  misps(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { mispId organizationName status approval email }
  }
}"""


def gid(type_name: str, key: str) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def test_the_list_reads_mosip_once_and_pages_exactly(graph: Graph) -> None:
    direct = await direct_list(graph)
    await graph.reset()
    data = await graph.data("{ misps(first: 5) { totalCount nodes { mispId organizationName } } }")
    assert data["misps"]["totalCount"] == len(direct)
    expected = sorted(direct, key=lambda m: (m["organizationName"], m["id"]))[:5]
    assert [n["mispId"] for n in data["misps"]["nodes"]] == [m["id"] for m in expected]
    assert mosip_calls(await graph.calls("mosip")) == {LIST: 1}


@pytest.mark.parametrize(
    ("filter_", "keep"),
    [
        ({"status": {"eq": "INACTIVE"}}, lambda m: m["status"] == "De-Active"),
        ({"approval": {"in": ["IN_PROGRESS"]}}, lambda m: m["mispStatusCode"] == "in-progress"),
        (
            {"organizationName": {"contains": "Telecom"}, "not": {"status": {"eq": "ACTIVE"}}},
            lambda m: "Telecom" in m["organizationName"] and m["status"] != "Active",
        ),
        (
            {
                "or": [
                    {"contactNumber": {"isNull": True}},
                    {"email": {"endsWith": "india.com"}},
                ]
            },
            lambda m: m["contactNumber"] is None or m["emailID"].endswith("india.com"),
        ),
    ],
)
async def test_filters_and_pages_match_a_plain_full_listing(
    graph: Graph, filter_: dict[str, Any], keep: Any
) -> None:
    expected = sorted(
        (m for m in await direct_list(graph) if keep(m)),
        key=lambda m: (m["organizationName"], m["id"]),
    )
    assert expected, "the seed should hold matching MISPs"
    got = await all_pages(graph, PAGED, {"filter": filter_, "first": 7})
    assert [n["mispId"] for n in got] == [m["id"] for m in expected]
    total = (await graph.data(PAGED, {"filter": filter_, "first": 1}))["misps"]["totalCount"]
    assert total == len(expected)


async def test_ordering_with_ties_broken_by_id(graph: Graph) -> None:
    order = [{"field": "STATUS", "direction": "DESC"}, {"field": "EMAIL"}]
    got = await all_pages(graph, PAGED, {"orderBy": order, "first": 100})
    direct = await direct_list(graph)
    by_email = sorted(direct, key=lambda m: (m["emailID"], m["id"]))
    expected = sorted(by_email, key=lambda m: m["status"] == "Active")  # INACTIVE first
    assert [n["mispId"] for n in got] == [m["id"] for m in expected]


async def test_backward_paging_and_a_foreign_cursor(graph: Graph) -> None:
    data = await graph.data(
        "{ misps(last: 3) { nodes { mispId } pageInfo { hasPreviousPage startCursor } } }"
    )
    everything = await all_pages(graph, PAGED, {"first": 100})
    assert [n["mispId"] for n in data["misps"]["nodes"]] == [n["mispId"] for n in everything[-3:]]
    cursor = data["misps"]["pageInfo"]["startCursor"]
    body = await graph.gql(
        "query($c: String) { misps(filter: {status: {eq: ACTIVE}}, after: $c) { totalCount } }",
        {"c": cursor},
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_one_misp_by_id_and_null_for_none(graph: Graph) -> None:
    data = await graph.data(
        """{ telecom: misp(mispId: "64269837502851") {
               id mispId organizationName address contactNumber email status approval }
             none: misp(mispId: "1") { mispId }
             malformed: misp(mispId: "../x") { mispId } }"""
    )
    assert data["telecom"] == {
        "id": gid("Misp", TELECOM),
        "mispId": TELECOM,
        "organizationName": "telecom",
        "address": "India",
        "contactNumber": "9876998888",
        "email": "prm@telecom.com",
        "status": "ACTIVE",
        "approval": "APPROVED",
    }
    assert data["none"] is None
    assert data["malformed"] is None
    # The malformed id made no call; the two others one each.
    assert mosip_calls(await graph.calls("mosip")) == {SHOW: 2}


async def test_nodes_batch_through_the_loader(graph: Graph) -> None:
    ids = [gid("Misp", TELECOM), gid("Misp", "x"), gid("Misp", AIRTEL), gid("Misp", TELECOM)]
    data = await graph.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Misp { mispId approval } } }",
        {"ids": ids},
    )
    assert data["nodes"] == [
        {"mispId": TELECOM, "approval": "APPROVED"},
        None,
        {"mispId": AIRTEL, "approval": "IN_PROGRESS"},
        {"mispId": TELECOM, "approval": "APPROVED"},
    ]
    assert mosip_calls(await graph.calls("mosip")) == {SHOW: 2}


async def test_the_license_key_is_masked_and_read_without_renewal(graph: Graph) -> None:
    body = await graph.gql(
        """{ misp(mispId: "64269837502851") {
               licenseKey { masked status expiresAt expired } }
             airtel: misp(mispId: "98869837502654") { licenseKey { masked } } }"""
    )
    key = body["data"]["misp"]["licenseKey"]
    assert key["masked"] == "…4770"
    assert key["status"] == "ACTIVE"
    assert key["expired"] is False
    assert key["expiresAt"].endswith("T23:59:59.999999+00:00")
    assert body["data"]["airtel"] == {"licenseKey": None}  # not approved: no key yet
    assert TELECOM_KEY not in str(body)
    calls = mosip_calls(await graph.calls("mosip"))
    assert calls == {SHOW: 2, NAMED: 2}
    assert GET_KEY not in calls


async def test_a_page_of_keys_never_shows_one(graph: Graph) -> None:
    body = await graph.gql(
        """{ misps(first: 20, filter: {approval: {eq: APPROVED}}) {
               nodes { organizationName licenseKey { masked status } } } }"""
    )
    nodes = body["data"]["misps"]["nodes"]
    masked = [n["licenseKey"]["masked"] for n in nodes if n["licenseKey"]]
    assert len(masked) == 20
    assert all(m.startswith("…") and len(m) == 5 for m in masked)
    calls = mosip_calls(await graph.calls("mosip"))
    assert calls[LIST] == 1
    assert calls[NAMED] == 20


async def test_a_failing_mosip_nulls_only_the_misp_fields(graph: Graph) -> None:
    await graph.fault("mosip", path="/partnermanagement/", status=503)
    body = await graph.gql(
        """{ misps(first: 2) { totalCount }
             misp(mispId: "64269837502851") { mispId }
             member(memberId: "A5c7X") { firstName } }""",
        expect_errors=True,
    )
    assert body["data"] == {"misps": None, "misp": None, "member": {"firstName": "Michael"}}
    assert sorted(e["path"][0] for e in body["errors"]) == ["misp", "misps"]
    assert {e["extensions"]["upstream"] for e in body["errors"]} == {"mosip"}
    assert {e["extensions"]["code"] for e in body["errors"]} == {"UPSTREAM_UNAVAILABLE"}


async def test_a_failing_key_read_nulls_only_the_key(graph: Graph) -> None:
    await graph.fault("mosip", path="/misps/name/", status=503)
    body = await graph.gql(
        '{ misp(mispId: "64269837502851") { organizationName licenseKey { masked } } }',
        expect_errors=True,
    )
    assert body["data"] == {"misp": {"organizationName": "telecom", "licenseKey": None}}
    (error,) = body["errors"]
    assert error["path"] == ["misp", "licenseKey"]
    assert error["extensions"]["upstream"] == "mosip"


@pytest.mark.parametrize(
    "shape",
    [
        {"items": "x", "count": "many"},
        {"id": None, "response": {"mispDetails": "x"}, "errors": None},
        {"id": None, "response": {"mispDetails": [{"id": "1"}]}, "errors": None},
        {
            "id": None,
            "response": {
                "mispDetails": [{"id": "1", "organizationName": "a", "status": "Sleeping"}]
            },
            "errors": None,
        },
    ],
)
async def test_a_wrong_shape_is_upstream_error_never_an_empty_list(
    graph: Graph, shape: object
) -> None:
    await graph.fault("mosip", path="/misps$", answer="wrong_shape", shape=shape)
    body = await graph.gql("{ misps(first: 2) { totalCount } }", expect_errors=True)
    assert body["data"] == {"misps": None}
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR"
    assert error["extensions"]["upstream"] == "mosip"


async def test_an_internal_error_is_a_graphql_error_with_mosip_codes(graph: Graph) -> None:
    shape = {
        "id": None,
        "response": None,
        "errors": [{"errorCode": "PMS_COR_003", "message": "Could not process the request"}],
    }
    await graph.fault("mosip", path="/misps$", answer="wrong_shape", shape=shape)
    body = await graph.gql("{ misps(first: 2) { totalCount } }", expect_errors=True)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR"
    assert error["extensions"]["upstream"] == "mosip"
    assert error["extensions"]["upstreamCodes"] == ["PMS_COR_003"]
    assert mosip_calls(await graph.calls("mosip")) == {LIST: 1}  # not retried
