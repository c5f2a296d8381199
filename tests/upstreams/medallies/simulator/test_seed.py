"""The simulator: the seed, the mount and the request log."""

from __future__ import annotations

import httpx

from tests.upstreams.medallies.simulator.support import AUTH, flt
from upstreams.medallies.simulator import BASE_PATH
from upstreams.medallies.simulator.seed import build_seed
from upstreams.simulators import CREDENTIALS, PREFIXES, start

# --- the seed, the mount and the request log --------------------------------------------------


def test_seed_is_deterministic_and_varied() -> None:
    first, second = build_seed(scale=120, seed=11), build_seed(scale=120, seed=11)
    assert first == second
    assert build_seed(scale=120, seed=12) != first
    orgs = first.organizations
    assert [o.id for o in orgs] == list(range(1, 121))
    assert len({str(o.fields["organizationName"])[0] for o in orgs}) >= 20
    states = {o.fields["practiceState"] for o in orgs}
    assert {"NY", "NJ"} <= states
    assert len(states) > 5
    assert any(o.fields["npi"] is None for o in orgs)
    assert any(not o.enabled for o in orgs)
    per_org: dict[int, int] = {}
    per_account: dict[int, int] = {}
    for m in first.memberships:
        per_org[m.organization_id] = per_org.get(m.organization_id, 0) + 1
        per_account[m.account_id] = per_account.get(m.account_id, 0) + 1
    assert max(per_org.values()) <= 52
    assert len(per_org) < len(orgs) + 1
    assert any(n > 1 for n in per_account.values())
    assert per_account[5] == per_account[45] == 1
    assert {a.account_type for a in first.accounts} == {"department", "provider", "nonProvider"}
    assert len(build_seed(scale=1).organizations) == 1


async def test_mounted_under_medallies_with_a_request_log() -> None:
    assert PREFIXES["medallies"] == "/medallies"
    assert CREDENTIALS["medallies"] == "X-MedAllies-App-Key: demo, Basic demo:demo"
    async with await start(port=0, sizes={"scale": 30}) as simulators:
        base = simulators.url("medallies")
        assert base == simulators.base_url + "/medallies"
        async with httpx.AsyncClient(base_url=base, headers=AUTH) as http:
            org = (await http.get(f"{BASE_PATH}/organizations/2")).json()
            assert org["href"] == f"{base}{BASE_PATH}/organizations/2"
            body = {"limit": 2, "filterOn": flt("practiceState", 3, "NY")}
            await http.post(f"{BASE_PATH}/organizations", json=body, params={"_fields": "id"})
            await http.get(f"{BASE_PATH}/nowhere")
            await http.get("/__stats")
            log = (await http.get("/__requests")).json()
            assert log == {
                "requests": [
                    {
                        "method": "GET",
                        "path": f"{BASE_PATH}/organizations/2",
                        "query": {},
                        "body": None,
                    },
                    {
                        "method": "POST",
                        "path": f"{BASE_PATH}/organizations",
                        "query": {"_fields": "id"},
                        "body": body,
                    },
                    {"method": "GET", "path": f"{BASE_PATH}/nowhere", "query": {}, "body": None},
                ]
            }
            stats = (await http.get("/__stats")).json()
            assert stats["routes"] == {
                "GET /OnBoard/services/v1/organizations/{id}": 1,
                "POST /OnBoard/services/v1/organizations": 1,
                "GET <unmatched>": 1,
            }
            assert (await http.post("/__stats/reset")).status_code == 204
            assert (await http.get("/__requests")).json() == {"requests": []}
        async with httpx.AsyncClient(base_url=base) as bare:
            # The kit's routes need no credentials.
            assert (await bare.get("/__requests")).status_code == 200
