"""The simulator: the request envelope's checks and the response envelope's shape."""

from __future__ import annotations

from typing import Any

import pytest

from tests.upstreams.mosip.simulator.support import TELECOM, Sim, codes, envelope
from upstreams.mosip.wire import MISPS_PATH

_DETAILS = {"organizationName": "EnvelopeCo", "emailId": "a@b.co", "address": "India"}


async def test_a_success_answers_the_whole_envelope(sim: Sim) -> None:
    answer = await sim.call("GET", f"/{TELECOM}")
    assert answer["id"] == "mosip.partnermanagement.misp.retrieve"
    assert answer["version"] == "1.0"
    assert answer["responsetime"] == "2025-03-01T12:00:00.000Z"
    assert answer["metadata"] is None
    assert answer["errors"] is None
    assert answer["response"]["id"] == TELECOM


@pytest.mark.parametrize("name", ["id", "version", "requesttime", "request"])
async def test_a_missing_envelope_member_is_pms_cor_001_naming_it(sim: Sim, name: str) -> None:
    body = envelope(_DETAILS)
    del body[name]
    response = await sim.http.post(MISPS_PATH, json=body)
    assert response.status_code == 200
    answer = response.json()
    assert codes(answer) == ["PMS_COR_001"]
    assert answer["errors"][0]["message"] == f"Missing Input Parameter - {name}"
    assert answer["id"] == "mosip.partnermanagement.misp.create"


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"requesttime": "2019-05-20T09:48:43Z"}, "requesttime"),
        ({"requesttime": "2019-05-20 09:48:43.394"}, "requesttime"),
        ({"requesttime": 1558345723}, "requesttime"),
        ({"request": ["a"]}, "request"),
        ({"id": 7}, "id"),
    ],
)
async def test_a_malformed_envelope_member_is_pms_cor_002(
    sim: Sim, fields: dict[str, Any], name: str
) -> None:
    response = await sim.http.post(MISPS_PATH, json=envelope(_DETAILS, **fields))
    answer = response.json()
    assert codes(answer) == ["PMS_COR_002"]
    assert answer["errors"][0]["message"] == f"Invalid Input Parameter - {name}"


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b""])
async def test_a_body_that_is_no_envelope_is_pms_cor_002(sim: Sim, content: bytes) -> None:
    response = await sim.http.post(
        MISPS_PATH, content=content, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200
    assert codes(response.json()) == ["PMS_COR_002"]


async def test_an_internal_failure_is_pms_cor_003_with_200(
    sim: Sim, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(misp_id: str, *args: object) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr(sim.api.store, "misp", broken)
    answer = await sim.call("GET", f"/{TELECOM}")
    assert codes(answer) == ["PMS_COR_003"]
    assert answer["errors"][0]["message"] == "Could not process the request"


async def test_unknown_routes_keep_their_status_in_the_envelope(sim: Sim) -> None:
    response = await sim.http.get("/partnermanagement/v1/policies")
    assert response.status_code == 404
    assert codes(response.json()) == ["HTTP-404"]
    response = await sim.http.delete(MISPS_PATH)
    assert response.status_code == 405


async def test_injected_server_faults_say_pms_cor_003(sim: Sim) -> None:
    await sim.http.post("/__faults", json={"path": "/misps$", "status": 503, "times": 1})
    response = await sim.http.get(MISPS_PATH)
    assert response.status_code == 503
    assert codes(response.json()) == ["PMS_COR_003"]
    assert (await sim.call("GET", ""))["errors"] is None
