"""The simulator: broker plans (`/vendors/plans`, `/vendors/plans/{id}`)."""

from __future__ import annotations

import httpx
import pytest

from upstreams.bastion.wire import PLANS_PATH

GOLD = {
    "id": 10052,
    "name": "Gold Plan",
    "description": "Lorem ipsum dolor sit amet...",
    "category": "Individual",
    "state": "Published",
    "premium": 64500.0,
}


async def test_plans_list_holds_the_documents_plans(api: httpx.AsyncClient) -> None:
    response = await api.get(PLANS_PATH)
    assert response.status_code == 200
    plans = response.json()["data"]
    assert GOLD in plans
    assert 85 in {p["id"] for p in plans}
    assert 10 <= len(plans) <= 14
    assert len({p["id"] for p in plans}) == len(plans)
    for plan in plans:
        assert set(plan) == set(GOLD)
        assert isinstance(plan["id"], int)
        assert isinstance(plan["premium"], float)
        assert plan["premium"] > 0


async def test_a_plan_by_id_as_the_document_shows_it(api: httpx.AsyncClient) -> None:
    response = await api.get(f"{PLANS_PATH}/10052")
    assert response.status_code == 200
    assert response.json() == {
        "status": True,
        "message": "Broker Plan Retrieved Successfully!",
        "data": GOLD,
    }
    # The raw number, as the document writes it (`64500.00`).
    assert b'"premium":64500.0' in response.content


@pytest.mark.parametrize("plan_id", ["1", "99999", "abc", "0", "-85"])
async def test_an_unknown_plan_is_404_with_status_false(
    api: httpx.AsyncClient, plan_id: str
) -> None:
    response = await api.get(f"{PLANS_PATH}/{plan_id}")
    assert response.status_code == 404
    body = response.json()
    assert body["status"] is False
    assert plan_id in body["message"]
