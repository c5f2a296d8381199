"""A MedAllies answer of the wrong shape is UPSTREAM_ERROR for its own field, never an empty
list, never a crash, and never cached."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Graph


def upstream_error(body: dict[str, Any]) -> None:
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR", error
    assert error["extensions"]["upstream"] == "medallies"
    assert "wrong shape" in error["message"]


REFERENCE = [
    ("/accounts/deactivateReasons$", {"count": 3}, "{ accountDeactivationReasons { code } }"),
    (
        "/accounts/credentials$",
        {"items": [{"code": "x", "name": 1}]},
        "{ accountCredentials { code } }",
    ),
    ("/organizations/types$", {"items": "x"}, "{ organizationTypes { code } }"),
    ("/metadata/errorCodes$", {"items": [{"code": 1}]}, "{ medallies { errorCodes { code } } }"),
    ("/metadata$", {"id": 1, "memberships": "x"}, "{ medallies { dataTypes } }"),
]


@pytest.mark.parametrize(("path", "shape", "query"), REFERENCE, ids=[r[0] for r in REFERENCE])
async def test_reference_data_of_the_wrong_shape_is_an_error_and_not_cached(
    graph: Graph, path: str, shape: object, query: str
) -> None:
    await graph.fault("medallies", path=path, answer="wrong_shape", shape=shape)
    upstream_error(await graph.gql(query, expect_errors=True))
    await graph.upstream("DELETE", "/__faults", upstream="medallies")
    answer = await graph.data(query)  # the broken answer was not kept: asked again, it works
    assert next(iter(answer.values()))


RECORDS = [
    (
        "/vendors$",
        {"items": [{"id": "x"}], "count": 1},
        "{ vendors(first: 2) { totalCount nodes { vendorId } } }",
    ),
    ("/vendors$", {"count": 5}, "{ vendors(first: 2) { totalCount nodes { vendorId } } }"),
    ("/organizations/2$", {"id": "abc"}, "{ organization(organizationId: 2) { organizationId } }"),
    ("/accounts/3$", {"id": 3, "accountType": "Robot"}, "{ account(accountId: 3) { accountId } }"),
    (
        "/organizations/1/memberships$",
        {"id": 1, "memberships": "x"},
        "{ organization(organizationId: 1) { memberships(first: 2) { totalCount } } }",
    ),
]


@pytest.mark.parametrize(
    ("path", "shape", "query"), RECORDS, ids=[r[0] + str(i) for i, r in enumerate(RECORDS)]
)
async def test_records_of_the_wrong_shape_are_an_error_not_an_empty_page(
    graph: Graph, path: str, shape: object, query: str
) -> None:
    await graph.fault("medallies", path=path, answer="wrong_shape", shape=shape)
    upstream_error(await graph.gql(query, expect_errors=True))
