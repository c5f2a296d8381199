"""One failing upstream costs only its own fields; every failing upstream is named."""

from __future__ import annotations

from tests.e2e.conftest import Graph

BOTH = """{
  organizations(first: 2) { totalCount nodes { organizationId } }
  vendors(first: 1) { nodes { vendorId } }
  member(memberId: "A5c7X") { firstName }
}"""


async def test_a_failing_upstream_leaves_the_other_upstreams_answer(graph: Graph) -> None:
    # The simulators build their data on their first request, in this process's loop: warm
    # both, so the test gateway's 0.5 s Datanexus timeout measures nothing but the fault.
    await graph.gql(BOTH, expect_errors=True)
    await graph.fault("medallies", path="/organizations$", status=503)
    body = await graph.gql(BOTH, expect_errors=True)
    data = body["data"]
    assert data["organizations"] is None
    assert data["vendors"]["nodes"]  # the same upstream's healthy route still answers
    assert data["member"] == {"firstName": "Michael"}
    (error,) = body["errors"]
    assert error["path"] == ["organizations"]
    assert error["extensions"]["upstream"] == "medallies"


async def test_when_both_upstreams_fail_both_are_named(graph: Graph) -> None:
    await graph.fault("medallies", path=".", status=503)
    await graph.fault("datanexus", path=".", status=503)
    body = await graph.gql(BOTH, expect_errors=True)
    assert body["data"] == {"organizations": None, "vendors": None, "member": None}
    named = {(tuple(e["path"]), e["extensions"]["upstream"]) for e in body["errors"]}
    assert named == {
        (("organizations",), "medallies"),
        (("vendors",), "medallies"),
        (("member",), "datanexus"),
    }


async def test_a_nested_list_failing_nulls_only_itself(graph: Graph) -> None:
    await graph.fault("medallies", path="/organizations/1/memberships$", status=503)
    body = await graph.gql(
        """{ organization(organizationId: 1) {
             organizationId memberships(first: 1) { totalCount } } }""",
        expect_errors=True,
    )
    assert body["data"] == {"organization": {"organizationId": 1, "memberships": None}}
    assert body["errors"][0]["path"] == ["organization", "memberships"]


async def test_a_failing_members_list_leaves_the_organizations(graph: Graph) -> None:
    await graph.fault("datanexus", path="^/api/members$", status=503)
    body = await graph.gql(
        "{ members(first: 2) { nodes { memberId } } organizations(first: 1) { totalCount } }",
        expect_errors=True,
    )
    assert body["data"]["members"] is None
    assert body["data"]["organizations"]["totalCount"] > 0
    assert {e["extensions"]["upstream"] for e in body["errors"]} == {"datanexus"}
