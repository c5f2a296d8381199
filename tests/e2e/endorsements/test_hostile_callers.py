"""Review findings (branch `review`): each test fails on main and names the defect it shows."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest

from resolvers.endorsements.webhooks import PATH
from server import create_app
from tests.e2e.conftest import Graph, gateway_env, serve
from tests.e2e.endorsements.test_endorsement_mutations import CREATE, create_input
from upstreams.simulators import RunningSimulators

KEY = "review-webhook-key-0123456789"


async def test_a_failed_write_does_not_lose_a_sibling_writes_result(graph: Graph) -> None:
    """Mutation payloads are non-null: one failing write nulls `data`, so the caller never
    learns the member id of the endorsement that *was* created (and retries it)."""
    await graph.fault("bastion", path="endorsement/remove", method="POST", status=503)
    body = await graph.gql(
        """mutation($input: CreateEndorsementInput!) {
          a: createEndorsement(input: $input) { enrollee { memberId } userErrors { code } }
          b: removeEndorsement(input: {memberId: "100004980", policyId: "2058"}) {
            removedMemberId userErrors { code } }
        }""",
        {"input": create_input()},
        expect_errors=True,
    )
    assert (await graph.calls("bastion")).get("POST /api/v2/endorsement/add") == 1
    assert body["data"] is not None, "the applied createEndorsement's answer was lost"
    assert body["data"]["a"]["enrollee"]["memberId"]


@pytest.mark.parametrize("filter_", [{"plan": {"eq": -1}}, {"region": {"eq": -5}}])
async def test_an_out_of_format_id_in_a_filter_matches_nothing_pushed_or_not(
    graph: Graph, filter_: dict[str, Any]
) -> None:
    """`or: [X]` answers 0 rows, but X at top level (pushed down) is a BAD_USER_INPUT error
    attributed to bastion, though nothing was sent: pushing down changes the answer."""
    query = "query($f: ProviderFilter) { providers(first: 1, filter: $f) { totalCount } }"
    nested = await graph.data(query, {"f": {"or": [filter_]}})
    assert nested["providers"]["totalCount"] == 0
    top = await graph.gql(query, {"f": filter_}, expect_errors=True)
    assert "errors" not in top, top["errors"]
    assert top["data"]["providers"]["totalCount"] == 0


async def test_an_unknown_plan_on_create_is_a_user_error_at_plan_id(graph: Graph) -> None:
    """writes.py promises NOT_FOUND for an unknown plan; Bastion's 200 status:false answer
    becomes an INVALID userError with field null and Bastion's wire name (`plan_id`)."""
    data = await graph.data(CREATE, {"input": {**create_input(), "planId": 99999}})
    [error] = data["createEndorsement"]["userErrors"]
    assert error["field"] == ["input", "planId"]
    assert error["code"] == "NOT_FOUND"


async def test_filtering_on_a_city_reports_its_region(graph: Graph) -> None:
    """Provider.regionId: 'the region's id when the query filtered on region or city'."""
    data = await graph.data(
        "{ providers(first: 1, filter: {city: {eq: 451}}) { nodes { cityId regionId } } }"
    )
    [node] = data["providers"]["nodes"]
    assert node["cityId"] == 451
    assert node["regionId"] == 25


@pytest.fixture(scope="module")
async def hook_http(sims: RunningSimulators) -> AsyncIterator[httpx.AsyncClient]:
    runner, url = await serve(create_app(gateway_env(sims, BASTION_WEBHOOK_ACCESS_KEY=KEY)))
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        yield http
    await runner.cleanup()


@pytest.mark.parametrize("data", [{"memberId": "1/../2"}, {"policyId": "../x"}])
async def test_a_webhook_event_with_ids_outside_bastions_formats_is_refused(
    hook_http: httpx.AsyncClient, data: dict[str, str]
) -> None:
    """Accepted and published today; subscribers selecting status/plan/utilization then get
    BAD_USER_INPUT ('not a valid Bastion member id') for Bastion's data, not their input."""
    body = {
        "event": "added-policy-member",
        "accessKey": KEY,
        "data": {
            "planId": "85",
            "memberId": "100004976",
            "policyId": "2058",
            "firstName": "John",
            "lastName": "Doe",
            **data,
        },
    }
    answer = await hook_http.post(PATH, content=orjson.dumps(body))
    assert answer.status_code == 400, answer.text
