"""Every operator of the grammar, pushed to MedAllies and evaluated by the gateway, agrees."""

from __future__ import annotations

import statistics
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from resolvers.core.predicates import Cmp, Not, Op, Predicate, evaluate
from resolvers.onboarding import ORGANIZATION_FIELDS, getters
from tests.e2e.conftest import Graph
from upstreams.config import UpstreamSettings
from upstreams.medallies import ListQuery, MedAlliesClient

QUERY = """query($filter: OrganizationFilter, $after: String) {
  organizations(first: 100, after: $after, filter: $filter,
                orderBy: [{field: ORGANIZATION_ID}]) {
    totalCount nodes { organizationId } pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture
async def records(graph: Graph) -> AsyncIterator[list[dict[str, Any]]]:
    settings = UpstreamSettings(
        name="medallies",
        base_url=graph.sims.url("medallies"),
        credentials={"APP_KEY": "demo", "USERNAME": "demo", "PASSWORD": "demo"},
    )
    client = MedAlliesClient(settings)
    listing = await client.list_organizations(ListQuery(limit=0))
    yield listing.items
    await client.aclose()


async def gateway_ids(graph: Graph, filter_: dict[str, Any]) -> list[int]:
    ids: list[int] = []
    after = None
    while True:
        page = (await graph.data(QUERY, {"filter": filter_, "after": after}))["organizations"]
        ids += [n["organizationId"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert len(ids) == page["totalCount"]
            return ids
        after = page["pageInfo"]["endCursor"]


def cases(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Predicate]]:
    npis = sorted(r["npi"] for r in records if r.get("npi") is not None)
    mid = int(statistics.median(npis))
    low, high = npis[len(npis) // 4], npis[3 * len(npis) // 4]
    times = sorted(r["creation_date_time"] for r in records if r.get("creation_date_time"))
    t_mid = times[len(times) // 2]
    t_low, t_high = times[len(times) // 4], times[3 * len(times) // 4]
    when = datetime.fromisoformat(t_mid)
    span = (datetime.fromisoformat(t_low), datetime.fromisoformat(t_high))
    name = next(r["organization_name"] for r in records if len(r["organization_name"] or "") > 5)
    tail, middle = name[-3:], name[2:4]
    vendor = next(r["vendor"]["name"] for r in records if r.get("vendor"))
    n, c = "organizationName", "createdAt"
    mid_s, low_s, high_s = f"{mid:010d}", f"{low:010d}", f"{high:010d}"

    def s(cond: dict[str, Any]) -> dict[str, Any]:
        return {"address": {"state": cond}}

    return [
        (s({"eq": "NY"}), Cmp("address.state", Op.EQ, "NY")),
        (s({"ne": "NY"}), Cmp("address.state", Op.NE, "NY")),
        (s({"in": ["NY", "NJ"]}), Cmp("address.state", Op.IN, ("NY", "NJ"))),
        (s({"notIn": ["NY", "NJ"]}), Cmp("address.state", Op.NOT_IN, ("NY", "NJ"))),
        ({"npi": {"lt": mid_s}}, Cmp("npi", Op.LT, mid_s)),
        ({"npi": {"lte": mid_s}}, Cmp("npi", Op.LTE, mid_s)),
        ({"npi": {"gt": mid_s}}, Cmp("npi", Op.GT, mid_s)),
        ({"npi": {"gte": mid_s}}, Cmp("npi", Op.GTE, mid_s)),
        ({"npi": {"between": [low_s, high_s]}}, Cmp("npi", Op.BETWEEN, (low_s, high_s))),
        ({"npi": {"notBetween": [low_s, high_s]}}, Cmp("npi", Op.NOT_BETWEEN, (low_s, high_s))),
        ({c: {"lt": t_mid}}, Cmp("created_at", Op.LT, when)),
        ({c: {"between": [t_low, t_high]}}, Cmp("created_at", Op.BETWEEN, span)),
        ({c: {"notBetween": [t_low, t_high]}}, Cmp("created_at", Op.NOT_BETWEEN, span)),
        ({n: {"startsWith": name[:1]}}, Cmp("organization_name", Op.STARTS_WITH, name[:1])),
        ({n: {"notStartsWith": name[:1]}}, Cmp("organization_name", Op.NOT_STARTS_WITH, name[:1])),
        ({n: {"contains": middle}}, Cmp("organization_name", Op.CONTAINS, middle)),
        ({n: {"notContains": middle}}, Cmp("organization_name", Op.NOT_CONTAINS, middle)),
        ({n: {"endsWith": tail}}, Cmp("organization_name", Op.ENDS_WITH, tail)),
        ({n: {"notEndsWith": tail}}, Cmp("organization_name", Op.NOT_ENDS_WITH, tail)),
        ({"npi": {"isNull": True}}, Cmp("npi", Op.IS_NULL, True)),
        ({"npi": {"isNull": False}}, Cmp("npi", Op.IS_NULL, False)),
        ({"not": {"npi": {"lt": mid_s}}}, Not(Cmp("npi", Op.LT, mid_s))),
        ({"status": {"eq": "DISABLED"}}, Cmp("status", Op.EQ, 2)),
        ({"vendor": {"name": {"eq": vendor}}}, Cmp("vendor.name", Op.EQ, vendor)),
    ]


async def test_each_operator_pushed_equals_each_operator_evaluated(
    graph: Graph, records: list[dict[str, Any]]
) -> None:
    read = getters(ORGANIZATION_FIELDS)
    everyone = sorted(r["id"] for r in records)
    for graph_filter, predicate in cases(records):
        expected = sorted(r["id"] for r in records if evaluate(predicate, r, read))
        assert 0 < len(expected) < len(everyone) or predicate == Cmp("npi", Op.IS_NULL, True), (
            f"{graph_filter} must select some organizations but not all"
        )
        assert await gateway_ids(graph, graph_filter) == expected, graph_filter
