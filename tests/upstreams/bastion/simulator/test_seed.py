"""The simulator: the seed (deterministic, the document's examples) and the mount."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from aiohttp import web

from tests.upstreams.bastion.simulator.support import BASIC, JOHN, serve, simulator
from upstreams.bastion.simulator import TOKENS_EXPIRE_PATH, WEBHOOKS_PATH, create_app
from upstreams.bastion.simulator.seed import build_seed
from upstreams.bastion.wire import (
    AUTH_HEADER,
    ENROLLEE_STATUS_PATH,
    ENROLLEE_STATUSES,
    GENDERS,
    MEMBER_ID,
    PHONE,
    PLANS_PATH,
    POLICY_ID,
    RELATIONS,
    TOKEN_PATH,
)


def test_the_seed_is_deterministic_per_seed() -> None:
    assert build_seed(scale=120, seed=5) == build_seed(scale=120, seed=5)
    assert build_seed(scale=120, seed=6) != build_seed(scale=120, seed=5)


@pytest.mark.parametrize("scale", [1, 2, 137, 500])
def test_scale_is_the_number_of_enrollees(scale: int) -> None:
    enrollees = build_seed(scale=scale, seed=5).enrollees
    assert len(enrollees) == scale
    assert len({e.member_id for e in enrollees}) == scale
    assert enrollees[0].member_id == JOHN


def test_scale_below_the_documents_example_is_refused() -> None:
    with pytest.raises(ValueError, match="scale"):
        create_app(scale=0)


def test_generated_enrollees_are_plausible() -> None:
    seed = build_seed(scale=500, seed=5)
    plans = {p.id for p in seed.plans}
    cities = {c.id: c.state_id for c in seed.cities}
    conditions = {c.id for c in seed.conditions}
    by_policy: Counter[str] = Counter()
    for e in seed.enrollees:
        assert MEMBER_ID.valid(e.member_id)
        assert POLICY_ID.valid(e.policy_id)
        assert e.plan_id in plans
        assert cities[e.city] == e.state
        assert e.gender in GENDERS
        assert e.relation in RELATIONS
        assert PHONE.fullmatch(e.phone)
        assert e.status in ENROLLEE_STATUSES
        assert set(e.conditions) <= conditions
        assert bool(e.conditions) == (e.pre_existing_condition == 1)
        assert e.balance >= 0
        by_policy[e.policy_id] += 1
    assert by_policy["2058"] == 1  # the document's policy holds only John Doe
    assert max(by_policy.values()) > 1
    statuses = Counter(e.status for e in seed.enrollees)
    assert statuses["Active"] > statuses["Deleted"] > 0
    assert sum(e.pre_existing_condition == 1 for e in seed.enrollees) > 10
    assert sum(e.provider is not None for e in seed.enrollees) > 100
    assert len({e.last_name for e in seed.enrollees}) > 30
    assert {e.relation for e in seed.enrollees} >= {"Self", "Spouse", "Son", "Daughter"}


def test_every_plan_has_providers() -> None:
    seed = build_seed(scale=10, seed=5)
    assert 10 <= len(seed.plans) <= 14
    for plan in seed.plans:
        assert any(plan.id in p.plan_ids for p in seed.providers)


async def test_data_is_the_same_over_http_for_the_same_seed() -> None:
    answers = []
    for seed in (5, 5, 6):
        async with simulator(seed=seed) as api:
            answers.append((await api.get(PLANS_PATH)).json())
    assert answers[0] == answers[1]
    assert answers[0] != answers[2]


async def test_mounted_under_a_prefix_with_counts_and_cleanup() -> None:
    root = web.Application()
    root.add_subapp("/bastion", create_app(scale=20))
    async with serve(root) as server:
        base = str(server.make_url("/bastion"))
        async with httpx.AsyncClient(base_url=base, verify=False) as http:
            issued = await http.post(TOKEN_PATH, headers={AUTH_HEADER: BASIC}, json={})
            http.headers[AUTH_HEADER] = issued.json()["token"]
            response = await http.get(ENROLLEE_STATUS_PATH, params={"memberId": JOHN})
            assert response.json()["data"]["member"]["firstName"] == "John"
            assert (await http.get(WEBHOOKS_PATH)).status_code == 200
            assert (await http.post(TOKENS_EXPIRE_PATH)).status_code == 204
            assert (await http.get(PLANS_PATH)).status_code == 401
            stats = (await http.get("/__stats")).json()
    # Route keys without the mount prefix; the test bed's routes are not counted.
    assert stats == {
        "total": 3,
        "routes": {
            "GET /api/v2/enrollee-status": 1,
            "GET /api/v2/vendors/plans": 1,
            "POST /api/v2/auth/generateAuthToken": 1,
        },
    }
