from __future__ import annotations

from resolvers.core.selection import Selected, merged
from resolvers.onboarding import ORGANIZATION_FIELDS
from resolvers.onboarding.planning import (
    ACCOUNT_MEMBERSHIP_MAP,
    ORGANIZATION_MAP,
    list_plan,
    upstream_fields,
)


def test_selected_fields_become_fields_and_collapse() -> None:
    selected: Selected = {
        "organizationName": {},
        "address": {"state": {}, "postalCode": {}},
        "vendor": {"vendorId": {}},
        "domain": {"domainName": {}},
    }
    fields, collapse = upstream_fields(selected, ORGANIZATION_MAP)
    assert fields == (
        "practiceZip",
        "practiceState",
        "domain.domainName",
        "organizationName",
        "vendor",
    )
    assert collapse == ("vendor",)


def test_nothing_known_selected_asks_for_the_id() -> None:
    assert upstream_fields({"__typename": {}}, ORGANIZATION_MAP) == (("id",), ())


def test_connection_plans_from_nodes_and_edges_together() -> None:
    selected: Selected = {
        "nodes": {"organizationName": {}},
        "edges": {"node": {"tin": {}}, "cursor": {}},
        "totalCount": {},
    }
    plan = list_plan(selected, None, [("organizationName", "desc")], ORGANIZATION_FIELDS,
                     ORGANIZATION_MAP)  # fmt: skip
    assert plan.fields == ("organizationName", "tin")
    assert plan.sort_on == (("organizationName", "desc"), ("id", "asc"))
    assert (plan.want_items, plan.want_count) == (True, True)
    count_only = list_plan({"totalCount": {}}, None, [], ORGANIZATION_FIELDS, ORGANIZATION_MAP)
    assert (count_only.want_items, count_only.want_count) == (False, True)


def test_an_organization_under_a_membership_collapses_to_its_id() -> None:
    fields, collapse = upstream_fields(
        {"organization": {"organizationId": {}}}, ACCOUNT_MEMBERSHIP_MAP
    )
    assert (fields, collapse) == (("organization",), ("organization",))


def test_merged_trees() -> None:
    assert merged({"a": {"b": {}}}, {"a": {"c": {}}, "d": {}}) == {
        "a": {"b": {}, "c": {}},
        "d": {},
    }
