"""`node` and `nodes` answer each global id on its own, whatever the others are."""

from __future__ import annotations

import base64

import pytest

from tests.e2e.conftest import Graph

NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"
NODE = "query($id: ID!) { node(id: $id) { __typename id } }"


def gid(type_name: str, key: str) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@pytest.mark.parametrize("interface", ["Node", "Account", "PersonAccount"])
async def test_an_id_naming_an_interface_is_bad_user_input(graph: Graph, interface: str) -> None:
    body = await graph.gql(NODE, {"id": gid(interface, "1")}, expect_errors=True)
    assert body["data"] == {"node": None}
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "not an object type" in error["message"]
    assert sum((await graph.calls()).values()) == 0


async def test_a_bad_id_among_good_ones_costs_only_its_own_position(graph: Graph) -> None:
    member = (await graph.data("{ members(first: 1) { nodes { id } } }"))["members"]["nodes"][0]
    organization = gid("Organization", "1")
    ids = [member["id"], gid("Node", "1"), organization, gid("Account", "7")]
    body = await graph.gql(NODES, {"ids": ids}, expect_errors=True)
    answers = body["data"]["nodes"]
    assert [a and a["id"] for a in answers] == [member["id"], None, organization, None]
    assert sorted(e["path"] for e in body["errors"]) == [["nodes", 1], ["nodes", 3]]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"BAD_USER_INPUT"}


async def test_one_failing_upstream_nulls_only_its_own_ids(graph: Graph) -> None:
    member = (await graph.data("{ members(first: 1) { nodes { id } } }"))["members"]["nodes"][0]
    await graph.fault("medallies", status=503, path="/organizations/")
    ids = [gid("Organization", "1"), member["id"], gid("Organization", "2")]
    body = await graph.gql(NODES, {"ids": ids}, expect_errors=True)
    answers = body["data"]["nodes"]
    assert answers[0] is None
    assert answers[2] is None
    assert answers[1]["id"] == member["id"]
    assert sorted(e["path"] for e in body["errors"]) == [["nodes", 0], ["nodes", 2]]
    assert {e["extensions"]["upstream"] for e in body["errors"]} == {"medallies"}


async def test_malformed_keys_answer_null_in_place_without_a_call(graph: Graph) -> None:
    ids = [gid("Vendor", "3"), gid("Vendor", "x"), gid("Vendor", "8"), gid("Vendor", "..")]
    body = await graph.gql(NODES, {"ids": ids})
    answers = body["data"]["nodes"]
    assert [a and a["id"] for a in answers] == [ids[0], None, ids[2], None]
    assert sorted(r["path"] for r in await graph.requests()) == [
        "/OnBoard/services/v1/vendors/3",
        "/OnBoard/services/v1/vendors/8",
    ]


@pytest.mark.parametrize(
    "node_id",
    [
        gid("Organization", "²"),  # str.isdigit() says yes, int() says no
        gid("Organization", "١٢٣"),  # Arabic-Indic digits: not a MedAllies id
        gid("Organization", "9" * 23),  # beyond MedAllies' 32-bit ids
        gid("Organization", "0"),
        gid("ProviderAccount", "²"),
        gid("Vendor", ""),
        gid("OrganizationMembership", "1"),
        gid("OrganizationMembership", "1/²"),
        gid("OrganizationMembership", "../1"),
    ],
)
async def test_keys_outside_the_id_format_make_no_call(graph: Graph, node_id: str) -> None:
    body = await graph.gql(NODE, {"id": node_id})
    assert body["data"] == {"node": None}
    assert await graph.requests() == []


async def test_a_datatype_name_cannot_change_the_route(graph: Graph) -> None:
    query = "query($d: String!) { medallies { dataTypeMetadata(dataType: $d) { dataType } } }"
    for name in (".", "..", "", "Vendor/../x"):
        body = await graph.gql(query, {"d": name}, expect_errors=True)
        assert body["data"] == {"medallies": {"dataTypeMetadata": None}}
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await graph.requests() == []
