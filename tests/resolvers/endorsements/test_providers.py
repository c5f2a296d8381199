"""Providers planning: what is pushed into Bastion's parameters, what the rows must learn,
and the calls the cost estimate counts."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers.core.predicates import And, Cmp, Not, Op, Or
from resolvers.endorsements.providers import (
    PLAN_FANOUT_BOUND,
    REGION_BOUND,
    plan_providers,
    provider_calls,
)


def test_top_level_equalities_and_a_name_condition_are_pushed() -> None:
    plan = plan_providers(
        And(
            (
                Cmp("type", Op.EQ, "HOSPITAL"),
                Cmp("region", Op.IN, (25,)),
                Cmp("plan", Op.EQ, 85),
                Cmp("name", Op.CONTAINS, "ABC"),
            )
        )
    )
    assert plan.params == {
        "provider_type": "HOSPITAL",
        "region_id": 25,
        "plan_id": 85,
        "search_text": "ABC",
    }
    assert not plan.plans_fan_out
    assert not plan.needs_region
    assert not plan.needs_city


def test_a_condition_under_or_or_not_is_not_pushed() -> None:
    plan = plan_providers(Or((Cmp("type", Op.EQ, "HOSPITAL"), Not(Cmp("plan", Op.EQ, 85)))))
    assert plan.params == {}
    assert plan.plans_fan_out


def test_city_comparisons_need_regions_and_cities() -> None:
    plan = plan_providers(Cmp("city", Op.NE, 271))
    assert plan.needs_region
    assert plan.needs_city
    assert plan_providers(Cmp("city", Op.EQ, 271)).params == {"city_id": 271}


def test_blank_search_text_is_not_sent() -> None:
    assert plan_providers(Cmp("name", Op.CONTAINS, "  ")).params == {}


@pytest.mark.parametrize(
    ("filter_", "calls"),
    [
        (None, 1),
        ({"type": {"eq": "HOSPITAL"}, "plan": {"eq": 85}}, 1),
        ({"plan": {"in": [85, 10052]}}, 2 + PLAN_FANOUT_BOUND),
        ({"not": {"plan": {"eq": 85}}}, 2 + PLAN_FANOUT_BOUND),
        ({"city": {"ne": 271}}, 2 + REGION_BOUND),
        ({"region": {"eq": 15}, "or": [{"plan": {"eq": 1}}]}, 2 + PLAN_FANOUT_BOUND),
    ],
)
def test_the_cost_counts_the_calls_a_filter_can_cause(filter_: Any, calls: int) -> None:
    assert provider_calls({"filter": filter_}) == calls
