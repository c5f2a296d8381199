"""Upstream calls per query are exact: each is counted at the simulator."""

from __future__ import annotations

from tests.e2e.conftest import Graph

HOUSEHOLD = """{
  members(first: 20) {
    nodes {
      memberId firstName
      consents { category }
      enrollments { programId }
      household { memberId firstName enrollments { programId } }
    }
  }
}"""


async def test_the_household_query_is_one_upstream_call(graph: Graph) -> None:
    await graph.reset()
    data = await graph.data(HOUSEHOLD)
    nodes = data["members"]["nodes"]
    assert len(nodes) == 20
    assert any(m["household"] for m in nodes)
    assert await graph.calls() == {"GET /api/members": 1}


async def test_household_fields_beyond_the_embedded_ones_cost_one_call_per_member(
    graph: Graph,
) -> None:
    await graph.reset()
    data = await graph.data(
        "{ members(first: 20) { nodes { household { memberId city consents { category } } } } }"
    )
    distinct = {m["memberId"] for n in data["members"]["nodes"] for m in n["household"]}
    assert distinct
    # The list page already holds whole records for members on it: only the others are fetched.
    on_page = {
        m["memberId"]
        for m in (await graph.data("{ members(first: 20) { nodes { memberId } } }"))["members"][
            "nodes"
        ]
    }
    calls = await graph.calls()
    assert calls["GET /api/members"] == 2
    assert calls.get("GET /api/members/{member_id}", 0) == len(distinct - on_page)


async def test_without_household_no_household_is_asked_for(graph: Graph) -> None:
    await graph.reset()
    await graph.data("{ members(first: 5) { nodes { memberId consents { category } } } }")
    assert await graph.calls() == {"GET /api/members": 1}


async def test_the_same_member_in_many_places_is_fetched_once(graph: Graph) -> None:
    await graph.reset()
    await graph.data(
        """{ a: member(memberId: "7E8ln") { firstName household { memberId city } }
             b: member(memberId: "7xZm3") { firstName household { memberId city } }
             c: member(memberId: "7E8ln") { lastName } }"""
    )
    assert await graph.calls() == {"GET /api/members/{member_id}": 2}


async def test_household_enrollment_events_come_from_whole_records(graph: Graph) -> None:
    query = """{ members(first: 60) { nodes {
                   household { memberId enrollments { enrollmentId events { category } } }
                 } } }"""
    data = await graph.data(query)
    entries = {m["memberId"]: m for n in data["members"]["nodes"] for m in n["household"]}
    events = [e for m in entries.values() for en in m["enrollments"] for e in en["events"]]
    assert events, "the data set must hold household enrollments with events"
    for member_id, entry in entries.items():
        direct = await graph.data(
            "query($id: String!) { member(memberId: $id) { enrollments { enrollmentId "
            "events { category } } } }",
            {"id": member_id},
        )
        assert entry["enrollments"] == direct["member"]["enrollments"]
