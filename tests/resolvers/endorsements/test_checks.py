"""The checks before an endorsement write: field by field, at the input's paths."""

from __future__ import annotations

import datetime as dt
from typing import Any

from resolvers.endorsements.checks import (
    CREATE_REQUIRED,
    check_conditions,
    check_customer,
    check_ids,
)


def customer(**changes: Any) -> dict[str, Any]:
    return {
        "first_name": "Ada",
        "last_name": "Okafor",
        "phone": "+2348031234567",
        "address": "12 Crescent",
        "dob": dt.date(1990, 4, 12),
        "state": 15,
        "city": 271,
        "country": 162,
        **changes,
    }


def codes(errors: list[Any]) -> list[tuple[tuple[str, ...] | None, str]]:
    return [(e.field, e.code.value) for e in errors]


def test_a_good_customer_passes() -> None:
    assert check_customer(customer(), required=CREATE_REQUIRED) == []


def test_every_mistake_is_reported_at_its_path() -> None:
    errors = check_customer(
        customer(first_name=" ", phone="0803 123", dob=dt.date(2999, 1, 1), city=0, height=-1),
        required=CREATE_REQUIRED,
        today=dt.date(2026, 12, 2),
    )
    assert codes(errors) == [
        (("input", "customer", "firstName"), "BLANK"),
        (("input", "customer", "phone"), "INVALID_FORMAT"),
        (("input", "customer", "dateOfBirth"), "INVALID"),
        (("input", "customer", "cityId"), "INVALID"),
        (("input", "customer", "height"), "INVALID"),
    ]


def test_the_pre_existing_condition_rule() -> None:
    missing = check_customer(customer(pre_existing_condition=True), required=())
    assert codes(missing) == [(("input", "customer", "conditionIds"), "MISSING")]
    contradicted = check_customer(
        customer(pre_existing_condition=False, conditions=[651]), required=()
    )
    assert codes(contradicted) == [(("input", "customer", "conditionIds"), "INVALID")]
    assert check_customer(customer(conditions=[651]), required=()) == []


def test_unknown_condition_ids_are_named() -> None:
    (error,) = check_conditions([651, 7], known={651})
    assert "7" in error.message


def test_ids_outside_bastions_formats() -> None:
    errors = check_ids(memberId=("member", "../x"), policyId=("policy", ""), planId=("plan", 0))
    assert codes(errors) == [
        (("input", "memberId"), "INVALID"),
        (("input", "policyId"), "BLANK"),
        (("input", "planId"), "INVALID"),
    ]
