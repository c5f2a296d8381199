"""The simulator: the filter language over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.upstreams.medallies.simulator.support import (
    ORG_2,
    SCALE,
    Api,
    Json,
    assert_error,
    flt,
)

# --- the filter language over HTTP ---------------------------------------------------------


async def test_every_filter_method_over_http(api: Api) -> None:
    orgs = await api.all_organizations()
    first = orgs[0]
    name = first["organizationName"]
    created = [o["creationDateTime"] for o in orgs]
    low, high = sorted(created)[5], sorted(created)[-5]

    def street2(o: Json) -> str | None:
        value: str | None = o["practiceStreet2"]
        return value

    cases: list[tuple[Json, Callable[[Json], bool]]] = [
        (
            flt("organizationName", 0, name[:4]),
            lambda o: o["organizationName"].startswith(name[:4]),
        ),
        (flt("organizationName", 1, "Health"), lambda o: "Health" in o["organizationName"]),
        (
            flt("organizationName", 2, "Hospital"),
            lambda o: o["organizationName"].endswith("Hospital"),
        ),
        (flt("practiceState", 3, "NY"), lambda o: o["practiceState"] == "NY"),
        (flt("npi", 4, ORG_2["npi"]), lambda o: o["npi"] is not None and o["npi"] != ORG_2["npi"]),
        (flt("practiceState", 5, "NJ", "CT"), lambda o: o["practiceState"] in ("NJ", "CT")),
        (flt("typeCode", 6, 1, 3), lambda o: o["typeCode"] == 2),
        (flt("creationDateTime", 7, low, high), lambda o: low <= o["creationDateTime"] <= high),
        (
            flt("creationDateTime", 7, f"{low}:{high}"),
            lambda o: low <= o["creationDateTime"] <= high,
        ),
        (
            flt("lastUpdateDateTime", 8, low, high),
            lambda o: not low <= o["lastUpdateDateTime"] <= high,
        ),
        (flt("id", 9, 10), lambda o: o["id"] < 10),
        (flt("organizationName", 10, "M"), lambda o: o["organizationName"] > "M"),
        (flt("creationDateTime", 11, low), lambda o: o["creationDateTime"] <= low),
        (flt("npi", 12, 1500000000), lambda o: o["npi"] is not None and o["npi"] >= 1500000000),
        (flt("practiceStreet2", 13), lambda o: street2(o) is None),
        (flt("practiceStreet2", 14), lambda o: street2(o) is not None),
        (
            {"method": 15, "filters": [flt("practiceState", 3, "NY"), flt("typeCode", 3, 2)]},
            lambda o: o["practiceState"] == "NY" and o["typeCode"] == 2,
        ),
        (
            {"method": 16, "filters": [flt("practiceState", 3, "NJ"), flt("npi", 13)]},
            lambda o: o["practiceState"] == "NJ" or o["npi"] is None,
        ),
        (
            flt("practiceStreet2", 17, "Suite 1"),
            lambda o: street2(o) is not None and not str(street2(o)).startswith("Suite 1"),
        ),
        (
            flt("organizationName", 18, "a"),
            lambda o: "a" not in o["organizationName"],
        ),
        (
            flt("practiceStreet2", 19, "0"),
            lambda o: street2(o) is not None and not str(street2(o)).endswith("0"),
        ),
        # Dotted paths into sub-objects, nested groups.
        (flt("vendor.endpointType.code", 3, 3), lambda o: o["vendor"]["endpointType"]["code"] == 3),
        (flt("vendor.name", 0, "Vendor"), lambda o: o["vendor"]["name"].startswith("Vendor")),
        (flt("status.code", 3, 2), lambda o: o["status"]["code"] == 2),
        (flt("domain.domainName", 2, "tag.medalliesdirect.net"), lambda o: o["id"] == 2),
        (
            {
                "method": 15,
                "filters": [
                    {
                        "method": 16,
                        "filters": [flt("practiceState", 3, "NY"), flt("practiceState", 3, "NJ")],
                    },
                    {"method": "16", "filters": [flt("npi", 13), flt("typeCode", 5, 1, 3)]},
                ],
            },
            lambda o: (
                o["practiceState"] in ("NY", "NJ") and (o["npi"] is None or o["typeCode"] != 2)
            ),
        ),
    ]
    for filter_on, predicate in cases:
        wanted = [o["id"] for o in orgs if predicate(o)]
        found = await api.ids("/organizations", {"filterOn": filter_on})
        assert found == wanted, filter_on
        assert 0 < len(wanted) < SCALE or filter_on.get("fieldName") == "domain.domainName", (
            filter_on
        )
    # Filtering happens before paging: count is the number matching.
    paged = await api.ok(
        "POST", "/organizations", {"filterOn": flt("practiceState", 3, "NY"), "limit": 2}
    )
    assert paged["count"] == sum(o["practiceState"] == "NY" for o in orgs)
    assert len(paged["items"]) == 2


async def test_string_matching_is_case_sensitive(api: Api) -> None:
    assert (
        await api.ids(
            "/organizations", {"filterOn": flt("organizationName", 3, "organization name")}
        )
        == []
    )
    assert await api.ids(
        "/organizations", {"filterOn": flt("organizationName", 3, "Organization Name")}
    ) == [2]


async def test_negated_methods_never_match_nulls(api: Api) -> None:
    orgs = await api.all_organizations()
    without_npi = {o["id"] for o in orgs if o["npi"] is None}
    without_street2 = {o["id"] for o in orgs if o["practiceStreet2"] is None}
    assert without_npi
    assert without_street2
    for filter_on, nulls in [
        (flt("npi", 4, 1), without_npi),
        (flt("npi", 6, 1, 2), without_npi),
        (flt("practiceStreet2", 4, "x"), without_street2),
        (flt("practiceStreet2", 6, "x"), without_street2),
        (flt("practiceStreet2", 17, "x"), without_street2),
        (flt("practiceStreet2", 18, "x"), without_street2),
        (flt("practiceStreet2", 19, "x"), without_street2),
    ]:
        found = set(await api.ids("/organizations", {"filterOn": filter_on}))
        assert found == {o["id"] for o in orgs} - nulls, filter_on


@pytest.mark.parametrize(
    ("filter_on", "code", "parameter"),
    [
        # 153: method and field type, value and field type.
        (flt("npi", 0, "1"), 153, "filterOn"),
        (flt("organizationName", 7, "a", "b"), 153, "filterOn"),
        (flt("publishable", 5, True), 101, "filterOn.fieldName"),
        (flt("npi", 3, "1234567890"), 153, "filterOn"),
        (flt("organizationName", 3, 5), 153, "filterOn"),
        (flt("creationDateTime", 9, "yesterday"), 153, "filterOn"),
        (flt("creationDateTime", 7, "2016-01-01T00:00:00Z", 5), 153, "filterOn"),
        (flt("typeCode", 1, 1), 153, "filterOn"),
        (
            {"method": 15, "filters": [flt("id", 3, 1), flt("tin", 3, 123456789)]},
            153,
            "filterOn.filters[1]",
        ),
        # 154: empty lists.
        (flt("practiceState", 5), 154, "filterOn"),
        (flt("practiceState", 6), 154, "filterOn"),
        (flt("practiceState", 3), 154, "filterOn"),
        ({"method": 16, "filters": []}, 154, "filterOn"),
        ({"method": 15}, 154, "filterOn"),
        # 155: single-value methods.
        (flt("practiceState", 3, "NY", "NJ"), 155, "filterOn"),
        (flt("organizationName", 0, "A", "B"), 155, "filterOn"),
        (flt("id", 12, 1, 2), 155, "filterOn"),
        # 157: null methods take no value.
        (flt("npi", 13, 1), 157, "filterOn"),
        (flt("npi", 14, None), 157, "filterOn"),
        # 158: ranges take two.
        (flt("creationDateTime", 7, "2016-01-01T00:00:00Z"), 158, "filterOn"),
        (flt("creationDateTime", 8), 158, "filterOn"),
        (flt("creationDateTime", 7, "a", "b", "c"), 158, "filterOn"),
        # 101 and 102 and 109: the filter's own parts.
        (flt("nope", 3, "x"), 101, "filterOn.fieldName"),
        (flt("href", 3, "x"), 101, "filterOn.fieldName"),
        (flt("vendor", 13), 101, "filterOn.fieldName"),
        (flt("id", 42, 1), 101, "filterOn.method"),
        (flt("id", "three", 1), 101, "filterOn.method"),
        ({"fieldName": "id", "fieldValues": [1]}, 102, "filterOn.method"),
        ({"method": 3, "fieldValues": [1]}, 102, "filterOn.fieldName"),
        ({"fieldName": "id", "fieldValues": 1, "method": 3}, 109, "filterOn.fieldValues"),
        ({"method": 15, "filters": {"a": 1}}, 109, "filterOn.filters"),
        ("id = 1", 109, "filterOn"),
        (
            {
                "method": 16,
                "filters": [
                    flt("id", 3, 1),
                    {"method": 15, "filters": [flt("id", 3, 1), flt("id", 13, 1)]},
                ],
            },
            157,
            "filterOn.filters[1].filters[1]",
        ),
        (
            {"method": 15, "filters": [flt("id", 3, 1), flt("account.lastName", 3, "x")]},
            101,
            "filterOn.filters[1].fieldName",
        ),
    ],
)
async def test_filter_errors(api: Api, filter_on: Any, code: int, parameter: str) -> None:
    assert_error(await api.post("/organizations", {"filterOn": filter_on}), 400, code, parameter)
