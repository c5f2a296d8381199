"""Shared bits of the misps end-to-end tests: route names as the simulator's `__stats`
counts them, the documented MISPs, and MOSIP read directly (for comparisons)."""

from __future__ import annotations

from typing import Any, Final

from tests.e2e.conftest import Graph
from upstreams.mosip.wire import AUTH_PATH, MISPS_PATH, RequestId, request_time

AUTH: Final = f"POST {AUTH_PATH}"
LIST: Final = f"GET {MISPS_PATH}"
CREATE: Final = f"POST {MISPS_PATH}"
SHOW: Final = f"GET {MISPS_PATH}/{{misp_id}}"
UPDATE: Final = f"PUT {MISPS_PATH}/{{misp_id}}"
SET_STATUS: Final = f"PATCH {MISPS_PATH}/{{misp_id}}"
DECIDE: Final = f"PATCH {MISPS_PATH}/{{misp_id}}/status"
NAMED: Final = f"GET {MISPS_PATH}/name/{{name}}"
GET_KEY: Final = f"GET {MISPS_PATH}/{{misp_id}}/licenseKey"
VALIDATE_KEY: Final = f"PATCH {MISPS_PATH}/{{misp_id}}/licenseKey"
SET_KEY_STATUS: Final = f"PUT {MISPS_PATH}/{{misp_id}}/licenseKey"

# The document's MISPs, as the simulator seeds them.
TELECOM: Final = "64269837502851"
TELECOM_KEY: Final = "fa604-affcd-33201-04770"
TELECOM_INDIA: Final = "93469837502851"
TELECOM_INDIA_KEY: Final = "ty604-affcd-33201-04770"
AIRTEL: Final = "98869837502654"  # awaiting a decision


def mosip_calls(calls: dict[str, int]) -> dict[str, int]:
    """The MOSIP calls of a `__stats` snapshot, without the token call."""
    return {route: n for route, n in calls.items() if route != AUTH}


async def direct_list(graph: Graph) -> list[dict[str, Any]]:
    """`GET /misps` straight from the simulator, signed in as the demo admin."""
    login = await graph.upstream(
        "POST",
        AUTH_PATH,
        upstream="mosip",
        json={
            "id": RequestId.AUTHENTICATE.value,
            "version": "1.0",
            "requesttime": request_time(),
            "metadata": {},
            "request": {"appId": "partnermanagement", "userName": "pmadmin", "password": "pmadmin"},
        },
    )
    token = login.cookies["Authorization"]
    answer = await graph.upstream(
        "GET", MISPS_PATH, upstream="mosip", headers={"cookie": f"Authorization={token}"}
    )
    details: list[dict[str, Any]] = answer.json()["response"]["mispDetails"]
    return details


async def all_pages(graph: Graph, query: str, variables: dict[str, Any]) -> list[dict[str, Any]]:
    """Every node of a `misps` query that takes `$after`, page by page."""
    out: list[dict[str, Any]] = []
    after = None
    while True:
        data = await graph.data(query, {**variables, "after": after})
        page = data["misps"]
        out += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return out
        after = page["pageInfo"]["endCursor"]
