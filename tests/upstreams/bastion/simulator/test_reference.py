"""The simulator: states, cities, providers (their filters, combined) and conditions."""

from __future__ import annotations

import httpx
import pytest

from upstreams.bastion.simulator.seed import build_seed, city_id
from upstreams.bastion.wire import (
    CITIES_PATH,
    CONDITIONS_PATH,
    PROVIDER_TYPE_NAMES,
    PROVIDERS_PATH,
    STATES_PATH,
)

ABC_HEALTH = {
    "name": "ABC Health",
    "category": "Hospital",
    "email": "abc@health.com",
    "phone": "+234909291111111",
    "code": "ABC-HEALTH",
    "addressLine1": "Address line 1",
    "addressLine2": "Address line 2",
    "state": "Lagos",
    "city": "Ikeja",
    "longitude": "0.000000024",
    "latitude": "0.000232108",
    "rating": "5",
}
LAGOS, IKEJA = 25, city_id(25, 0)


async def _providers(api: httpx.AsyncClient, **params: str | int) -> list[dict[str, str]]:
    response = await api.get(PROVIDERS_PATH, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] is True
    assert body["message"] == "Providers List Retrieved Successfully!"
    data = body["data"]
    assert isinstance(data, list)
    return data


# --- states and cities --------------------------------------------------------------------


async def test_states_are_nigerias_in_order_with_the_fct_as_15(api: httpx.AsyncClient) -> None:
    body = (await api.get(STATES_PATH)).json()
    assert body["message"] == "States/Regions Retrieved Successfully!"
    states = body["data"]
    assert len(states) == 37
    assert [s["id"] for s in states] == list(range(1, 38))
    assert states[14] == {"id": 15, "name": "Abuja (FCT)", "country_id": 162}
    assert (states[0]["name"], states[24]["name"], states[36]["name"]) == (
        "Abia",
        "Lagos",
        "Zamfara",
    )
    assert {s["country_id"] for s in states} == {162}


async def test_cities_of_the_fct_as_the_document_shows_them(api: httpx.AsyncClient) -> None:
    body = (await api.get(CITIES_PATH, params={"state_id": 15})).json()
    assert body["status"] is True
    assert body["message"] == "Cities Retrieved Successfully!"
    assert body["data"][0] == {"id": 271, "name": "Gwagwalada", "state_id": 15}
    assert {c["state_id"] for c in body["data"]} == {15}


async def test_every_state_has_three_to_eight_cities(api: httpx.AsyncClient) -> None:
    seen: set[int] = set()
    for state in range(1, 38):
        cities = (await api.get(CITIES_PATH, params={"state_id": state})).json()["data"]
        assert 3 <= len(cities) <= 8
        seen |= {c["id"] for c in cities}
    assert len(seen) >= 37 * 3


async def test_cities_of_an_unknown_state_are_an_empty_list(api: httpx.AsyncClient) -> None:
    body = (await api.get(CITIES_PATH, params={"state_id": 99})).json()
    assert body == {"status": True, "message": "Cities Retrieved Successfully!", "data": []}


@pytest.mark.parametrize("params", [{}, {"state_id": ""}, {"state_id": "lagos"}])
async def test_cities_need_a_state_id(api: httpx.AsyncClient, params: dict[str, str]) -> None:
    response = await api.get(CITIES_PATH, params=params)
    assert response.status_code == 400
    assert response.json()["status"] is False
    assert "state_id" in response.json()["message"]


# --- providers ----------------------------------------------------------------------------


async def test_providers_unfiltered_are_a_few_hundred(api: httpx.AsyncClient) -> None:
    providers = await _providers(api)
    assert 200 <= len(providers) <= 600
    assert ABC_HEALTH in providers
    assert len({p["code"] for p in providers}) == len(providers)
    assert {p["category"] for p in providers} <= set(PROVIDER_TYPE_NAMES.values())
    assert len({p["category"] for p in providers}) >= 10
    assert len({p["state"] for p in providers}) >= 20
    for provider in providers:
        assert set(provider) == set(ABC_HEALTH)
        assert all(isinstance(v, str) for v in provider.values())
        float(provider["longitude"]), float(provider["latitude"]), int(provider["rating"])


async def test_the_documents_provider_query_with_its_real_ids(api: httpx.AsyncClient) -> None:
    found = await _providers(
        api,
        provider_type=1,
        state_id=LAGOS,
        city_id=IKEJA,
        search_text="ABC Health",
        plan_id=85,
    )
    assert found == [ABC_HEALTH]


async def test_the_documents_own_provider_query_finds_nothing(api: httpx.AsyncClient) -> None:
    # Its example asks for state 10 (Delta) and city 115 but answers Lagos / Ikeja; the
    # filters are honest (see seed.py).
    params = {"provider_type": 1, "state_id": 10, "city_id": 115, "plan_id": 85}
    assert await _providers(api, search_text="ABC Health", **params) == []


async def test_each_provider_filter_narrows(api: httpx.AsyncClient) -> None:
    seed = build_seed(scale=60, seed=5)
    every = await _providers(api)
    pharmacies = await _providers(api, provider_type=2)
    assert pharmacies
    assert {p["category"] for p in pharmacies} == {"Pharmacy"}
    lagos = await _providers(api, state_id=LAGOS)
    assert lagos
    assert {p["state"] for p in lagos} == {"Lagos"}
    ikeja = await _providers(api, city_id=IKEJA)
    assert {p["city"] for p in ikeja} == {"Ikeja"}
    in_plan = await _providers(api, plan_id=85)
    expected = {p.code for p in seed.providers if 85 in p.plan_ids}
    assert {p["code"] for p in in_plan} == expected
    assert 0 < len(in_plan) < len(every)
    for subset in (pharmacies, lagos, ikeja, in_plan):
        assert len(subset) < len(every)


async def test_provider_filters_combine(api: httpx.AsyncClient) -> None:
    seed = build_seed(scale=60, seed=5)
    plan_id = 10052
    expected = {
        p.code
        for p in seed.providers
        if p.type == 1 and p.state_id == LAGOS and plan_id in p.plan_ids and "h" in p.name.lower()
    }
    found = await _providers(api, provider_type=1, state_id=LAGOS, plan_id=plan_id, search_text="H")
    assert {p["code"] for p in found} == expected
    assert expected  # the seed holds some, so the test can fail
    hospitals_in_lagos = await _providers(api, provider_type=1, state_id=LAGOS)
    assert len(found) <= len(hospitals_in_lagos)
    # A city of another state than the one filtered answers nothing.
    assert await _providers(api, state_id=15, city_id=IKEJA) == []


async def test_search_text_is_a_case_insensitive_substring(api: httpx.AsyncClient) -> None:
    for text in ("abc heal", "ABC HEALTH", "c Hea"):
        found = await _providers(api, search_text=text)
        assert ABC_HEALTH in found
        assert all(text.lower() in p["name"].lower() for p in found)
    assert await _providers(api, search_text="no such provider anywhere") == []


@pytest.mark.parametrize("name", ["provider_type", "state_id", "city_id", "plan_id"])
async def test_a_non_numeric_provider_filter_is_400(api: httpx.AsyncClient, name: str) -> None:
    response = await api.get(PROVIDERS_PATH, params={name: "x"})
    assert response.status_code == 400
    assert response.json() == {"status": False, "message": f"{name} must be a whole number"}


# --- conditions ---------------------------------------------------------------------------


async def test_conditions_search_as_the_document_shows_it(api: httpx.AsyncClient) -> None:
    response = await api.get(CONDITIONS_PATH, params={"query": "abdominal"})
    assert response.status_code == 200
    assert response.json() == {
        "statusCode": 200,
        "message": "Successful!",
        "data": [
            {
                "id": "651",
                "pec_name": "Abdominal pregnancy",
                "pec_chapter_id": "14",
                "pec_status": "1",
            }
        ],
    }


async def test_conditions_search_is_a_case_insensitive_substring(api: httpx.AsyncClient) -> None:
    found = (await api.get(CONDITIONS_PATH, params={"query": "PREGNAN"})).json()["data"]
    names = {c["pec_name"] for c in found}
    assert {"Abdominal pregnancy", "Ectopic pregnancy", "Multiple pregnancy"} <= names
    assert all("pregnan" in n.lower() for n in names)
    none = (await api.get(CONDITIONS_PATH, params={"query": "zzzz"})).json()
    assert none == {"statusCode": 200, "message": "Successful!", "data": []}


async def test_all_conditions_without_a_query(api: httpx.AsyncClient) -> None:
    for params in ({}, {"query": ""}):
        found = (await api.get(CONDITIONS_PATH, params=params)).json()["data"]
        assert 130 <= len(found) <= 200
        assert len({c["id"] for c in found}) == len(found)
        for condition in found:
            assert set(condition) == {"id", "pec_name", "pec_chapter_id", "pec_status"}
            assert condition["id"].isdigit()
            assert condition["pec_chapter_id"].isdigit()
            assert condition["pec_status"] in ("0", "1")
