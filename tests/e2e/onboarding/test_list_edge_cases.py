"""Edge cases of MedAllies lists: empty lists and groups in filters mean what they mean on
members, and a page that selects only cursors is answered."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Graph

ORGS = "query($f: OrganizationFilter) { organizations(first: 1, filter: $f) { totalCount } }"
MEMBERSHIPS = """query($f: MembershipFilter) {
  organization(organizationId: 1) { memberships(first: 1, filter: $f) { totalCount } }
}"""


async def test_in_empty_matches_nothing_and_not_in_empty_matches_everything(graph: Graph) -> None:
    everything = (await graph.data(ORGS, {"f": None}))["organizations"]["totalCount"]
    assert everything > 0
    empty_in: dict[str, object] = {"organizationId": {"in": []}}
    empty_not_in: dict[str, object] = {"organizationId": {"notIn": []}}
    assert (await graph.data(ORGS, {"f": empty_in}))["organizations"]["totalCount"] == 0
    assert (await graph.data(ORGS, {"f": empty_not_in}))["organizations"][
        "totalCount"
    ] == everything


@pytest.mark.parametrize(("group", "matches_all"), [({"or": []}, False), ({"not": {}}, False)])
async def test_empty_groups_on_memberships(
    graph: Graph, group: dict[str, object], matches_all: bool
) -> None:
    every = (await graph.data(MEMBERSHIPS, {"f": None}))["organization"]["memberships"]
    some = (await graph.data(MEMBERSHIPS, {"f": group}))["organization"]["memberships"]
    assert some["totalCount"] == (every["totalCount"] if matches_all else 0)


async def test_a_page_of_cursors_only_is_answered(graph: Graph) -> None:
    query = "{ organization(organizationId: 1) { memberships(first: 2) { edges { cursor } } } }"
    edges = (await graph.data(query))["organization"]["memberships"]["edges"]
    assert edges
    assert all(e["cursor"] for e in edges)
