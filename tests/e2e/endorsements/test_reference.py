"""Broker plans, conditions, regions, cities and providers end to end: Bastion's whole lists,
cached once checked, filtered and paged by the gateway; providers' filters pushed down where
they fit, with the same answers either way."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Graph


async def _all(graph: Graph, field: str, args: str, selection: str) -> list[dict[str, Any]]:
    """Every node of a connection, page by page (20 at a time)."""
    out: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        data = await graph.data(
            f"query($after: String) {{ {field}(first: 20, after: $after{args}) {{ "
            f"nodes {{ {selection} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}",
            {"after": after},
        )
        conn = data[field]
        out += conn["nodes"]
        if not conn["pageInfo"]["hasNextPage"]:
            assert conn["totalCount"] == len(out)
            return out
        after = conn["pageInfo"]["endCursor"]


async def test_broker_plans_hold_the_documented_gold_plan(graph: Graph) -> None:
    plans = await _all(graph, "brokerPlans", "", "planId name premium state")
    gold = next(p for p in plans if p["planId"] == 10052)
    assert gold == {"planId": 10052, "name": "Gold Plan", "premium": 64500.0, "state": "Published"}
    assert [p["name"] for p in plans] == sorted(p["name"] for p in plans)


async def test_broker_plans_filter_and_order(graph: Graph) -> None:
    data = await graph.data(
        """{ brokerPlans(filter: {premium: {gte: 50000}},
                         orderBy: [{field: PREMIUM, direction: DESC}])
             { nodes { planId premium } totalCount } }"""
    )
    premiums = [p["premium"] for p in data["brokerPlans"]["nodes"]]
    assert premiums
    assert all(p >= 50000 for p in premiums)
    assert premiums == sorted(premiums, reverse=True)


async def test_broker_plan_by_id_and_unknown(graph: Graph) -> None:
    data = await graph.data(
        "{ gold: brokerPlan(planId: 10052) { name } none: brokerPlan(planId: 987654) { name } }"
    )
    assert data == {"gold": {"name": "Gold Plan"}, "none": None}
    assert (await graph.calls("bastion")).get("GET /api/v2/vendors/plans/{id}", 0) <= 2


async def test_reference_lists_are_cached_after_their_first_read(graph: Graph) -> None:
    query = "{ brokerPlans(first: 5) { nodes { planId } } regions { regionId } }"
    await graph.data(query)
    await graph.reset()
    await graph.data(query)
    calls = await graph.calls("bastion")
    assert "GET /api/v2/vendors/plans" not in calls
    assert "GET /api/v2/miscs/states" not in calls


async def test_conditions_search_finds_the_documented_condition(graph: Graph) -> None:
    data = await graph.data(
        '{ conditions(search: "ABDOMINAL") { nodes { conditionId name chapterId active } } }'
    )
    nodes = data["conditions"]["nodes"]
    assert {
        "conditionId": 651,
        "name": "Abdominal pregnancy",
        "chapterId": 14,
        "active": True,
    } in nodes
    assert all("abdominal" in n["name"].lower() for n in nodes)


async def test_regions_with_their_cities(graph: Graph) -> None:
    data = await graph.data("{ regions { regionId name countryId cities { cityId name } } }")
    fct = next(r for r in data["regions"] if r["regionId"] == 15)
    assert fct["name"] == "Abuja (FCT)"
    assert fct["countryId"] == 162
    assert {"cityId": 271, "name": "Gwagwalada"} in fct["cities"]
    assert len(data["regions"]) == 37


async def test_providers_find_abc_health(graph: Graph) -> None:
    data = await graph.data(
        """{ providers(filter: {type: {eq: HOSPITAL}, plan: {eq: 85}, name: {contains: "ABC"}})
             { nodes { name code type state city email } } }"""
    )
    assert {
        "name": "ABC Health",
        "code": "ABC-HEALTH",
        "type": "HOSPITAL",
        "state": "Lagos",
        "city": "Ikeja",
        "email": "abc@health.com",
    } in data["providers"]["nodes"]
    # type, plan and the name's text all ran at Bastion: one call.
    (request,) = [
        r for r in await graph.requests("bastion") if r["path"].endswith("providers-list")
    ]
    assert request["query"] == {"provider_type": "1", "plan_id": "85", "search_text": "ABC"}


async def test_provider_filters_agree_wherever_they_run(graph: Graph) -> None:
    """What Bastion filters and what the gateway filters give the same providers."""
    everything = await _all(graph, "providers", "", "name code type state city")
    pushed = await _all(graph, "providers", ", filter: {type: {eq: PHARMACY}}", "name code type")
    local = await _all(
        graph,
        "providers",
        ", filter: {type: {in: [PHARMACY, PHARMACY]}, not: {type: {ne: PHARMACY}}}",
        "name code type",
    )
    expected = [
        {k: p[k] for k in ("name", "code", "type")} for p in everything if p["type"] == "PHARMACY"
    ]
    assert pushed == expected
    assert local == expected


async def test_providers_by_region_id_and_not_region(graph: Graph) -> None:
    everything = await _all(graph, "providers", "", "name code state")
    regions = (await graph.data("{ regions { regionId name } }"))["regions"]
    lagos = next(r["regionId"] for r in regions if r["name"] == "Lagos")
    inside = await _all(
        graph, "providers", f", filter: {{region: {{eq: {lagos}}}}}", "name code state regionId"
    )
    outside = await _all(
        graph, "providers", f", filter: {{region: {{ne: {lagos}}}}}", "name code state regionId"
    )
    assert inside
    assert all(p["state"] == "Lagos" and p["regionId"] == lagos for p in inside)
    assert all(p["state"] != "Lagos" for p in outside)
    assert len(inside) + len(outside) == len(everything)


async def test_providers_on_several_plans_ask_each_plan(graph: Graph) -> None:
    plans = (await graph.data("{ brokerPlans(first: 100) { nodes { planId } } }"))["brokerPlans"][
        "nodes"
    ]
    ids = [p["planId"] for p in plans][:2]
    union: dict[str, Any] = {}
    for pid in ids:
        for p in await _all(graph, "providers", f", filter: {{plan: {{eq: {pid}}}}}", "name code"):
            union[p["code"] or p["name"]] = p
    both = await _all(graph, "providers", f", filter: {{plan: {{in: {ids}}}}}", "name code")
    assert sorted(p["code"] or p["name"] for p in both) == sorted(union)


async def test_provider_paging_is_exact(graph: Graph) -> None:
    everything = await _all(graph, "providers", "", "name code")
    data = await graph.data(
        "{ providers(last: 3) { nodes { name code } pageInfo { hasPreviousPage hasNextPage } } }"
    )
    assert data["providers"]["nodes"] == everything[-3:]
    assert data["providers"]["pageInfo"] == {"hasPreviousPage": True, "hasNextPage": False}


async def test_a_cursor_of_another_filter_is_refused(graph: Graph) -> None:
    data = await graph.data("{ providers(first: 2) { pageInfo { endCursor } } }")
    cursor = data["providers"]["pageInfo"]["endCursor"]
    body = await graph.gql(
        "query($c: String) { providers(first: 2, after: $c, filter: {type: {eq: DENTIST}}) "
        "{ nodes { name } } }",
        {"c": cursor},
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_wrong_shaped_list_is_an_error_and_not_cached(graph: Graph) -> None:
    await graph.fault("bastion", path="/api/v2/miscs/providers-list", answer="wrong_shape")
    body = await graph.gql(
        '{ providers(filter: {name: {contains: "Zz-never-cached"}}) { nodes { name } } }',
        expect_errors=True,
    )
    assert body["data"]["providers"] is None
    assert body["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    await graph.upstream("DELETE", "/__faults", upstream="bastion")
    again = await graph.data(
        '{ providers(filter: {name: {contains: "Zz-never-cached"}}) { nodes { name } } }'
    )
    assert again["providers"]["nodes"] == []
