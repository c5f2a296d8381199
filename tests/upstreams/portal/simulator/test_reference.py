"""The simulator: the supporting lists and the health check."""

from __future__ import annotations

import pytest

from tests.upstreams.portal.simulator.support import Bed
from upstreams.portal import wire


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/categories", wire.CATEGORIES),
        ("/visibility", wire.VISIBILITIES),
        ("/methods", wire.AUTHENTICATIONS),
        ("/grantTypes", wire.GRANT_TYPES),
    ],
)
async def test_each_list_holds_the_values_its_field_accepts(
    bed: Bed, path: str, names: tuple[str, ...]
) -> None:
    response = await bed.consumer.get(path)
    assert response.status_code == 200
    items = response.json()
    assert tuple(i["name"] for i in items) == names
    assert all(isinstance(i["description"], str) and i["description"] for i in items)


async def test_health_answers_ok(bed: Bed) -> None:
    response = await bed.consumer.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "OK"})
