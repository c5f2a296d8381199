"""The Datanexus simulator answers as the Datanexus document (`001_…txt`) shows."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiohttp.test_utils import TestServer

from upstreams.datanexus.simulator import API_KEY, VENDOR_API_KEY, create_app
from upstreams.datanexus.simulator.seed import seed_member_count

SCALE = 400
DEMO = {"authorization": f"apikey {API_KEY}"}
VENDOR = {"authorization": f"apikey {VENDOR_API_KEY}"}
# The document's examples send JSON under a bogus multipart content-type.
MULTIPART = {"content-type": "multipart/mixed; boundary=plug_conn_test"}
PARTIAL_KEYS = {
    "born_on",
    "email",
    "enrollments",
    "first_name",
    "id",
    "last_name",
    "program_status",
}
MEMBER_KEYS = {
    "born_on",
    "city",
    "consents",
    "eligibility_start_on",
    "email",
    "enrollments",
    "first_name",
    "gender",
    "health_plan_identifier",
    "id",
    "last_name",
    "middle_name",
    "phone_number",
    "postal_code",
    "prefixed_sponsor_member_identifier",
    "program_status",
    "soda_sponsor_id",
    "sponsor_member_identifier",
    "state",
    "street_address_1",
    "street_address_2",
}
Params = Mapping[str, str | int]
Json = dict[str, object]


async def _client(scale: int = SCALE, seed: int = 7) -> tuple[TestServer, httpx.AsyncClient]:
    server = TestServer(create_app(scale=scale, seed=seed))
    await server.start_server()
    # Plain HTTP on loopback: skipping the CA bundle load saves ~30 ms per test.
    client = httpx.AsyncClient(base_url=str(server.make_url("")), headers=DEMO, verify=False)
    return server, client


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    server, http = await _client()
    try:
        yield http
    finally:
        await http.aclose()
        await server.close()


async def _fetch_all(client: httpx.AsyncClient, params: Params) -> list[Json]:
    records: list[Json] = []
    query = {**params, "limit": 100}
    while True:
        body = (await client.get("/api/members", params=query)).json()
        records += body["data"]
        if body["next_cursor"] is None:
            return records
        query["cursor_next"] = body["next_cursor"]


async def _put(client: httpx.AsyncClient, path: str, body: object) -> httpx.Response:
    return await client.put(path, json=body, headers=MULTIPART)


async def _post(client: httpx.AsyncClient, path: str, body: object) -> httpx.Response:
    return await client.post(path, json=body, headers=MULTIPART)


# --- auth and plumbing --------------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "apikey nope", "Bearer demo", "demo", "apikey", "apikey demo-vendorX"],
)
async def test_requests_without_a_known_api_key_are_unauthorized(
    client: httpx.AsyncClient, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"authorization": authorization}
    for path in ("/api/members", "/api/members/7E8ln", "/api/pings", "/pings"):
        request = client.build_request("GET", path)
        del request.headers["authorization"]
        request.headers.update(headers)
        response = await client.send(request)
        assert response.status_code == 401
        assert response.json() == {"errors": {"detail": "Unauthorized"}}


async def test_pings_answer_pong_on_both_paths(client: httpx.AsyncClient) -> None:
    for path in ("/api/pings", "/pings"):
        response = await client.get(path, headers=VENDOR)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert response.json() == {"data": [{"response": "pong"}]}


async def test_unknown_routes_and_methods_answer_json(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get("/api/nothing"),
        await client.get("/api/nothing", headers={"authorization": ""}),
        await client.get("/"),
    ):
        assert response.status_code == 404
        assert response.json() == {"errors": {"detail": "Not Found"}}
    wrong = await client.post("/api/members/7E8ln")
    assert wrong.status_code == 405
    assert wrong.json() == {"errors": {"detail": "Method Not Allowed"}}


def test_scale_below_the_document_examples_is_refused() -> None:
    with pytest.raises(ValueError, match="scale"):
        create_app(scale=seed_member_count() - 1)


@pytest.mark.parametrize("scale", [seed_member_count(), 137, 2000])
async def test_member_count_equals_scale(scale: int) -> None:
    server, client = await _client(scale=scale)
    async with client:
        records = await _fetch_all(client, {})
    await server.close()
    assert len(records) == scale
    assert len({r["id"] for r in records}) == scale
    assert all(set(r) >= MEMBER_KEYS for r in records)
    assert {r["id"] for r in records[:4]} == {"A5c7X", "B6d8Y", "7E8ln", "7xZm3"}


async def test_data_is_deterministic_per_seed() -> None:
    pages = []
    for seed in (7, 7, 8):
        server, client = await _client(seed=seed)
        async with client:
            response = await client.get("/api/members", params={"page": 3, "page_size": 20})
            pages.append(response.json()["data"])
        await server.close()
    assert pages[0] == pages[1]
    assert pages[0] != pages[2]


# --- listing ------------------------------------------------------------------------------


async def test_document_example_name_birthdate_and_program_eligibility(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        "/api/members?born_on=1976-07-04&first_name=Alexander&include_household=true"
        "&last_name=Hamilton&program_id=8355"
    )
    assert response.status_code == 200
    assert "x-next-cursor" not in response.headers
    eliza_enrollment = {
        "enrolled_at": "2022-12-14T22:39:00.000000Z",
        "expires_at": "2022-12-14T22:39:00Z",
        "id": 3226,
        "member_id": "7xZm3",
        "program_id": 8355,
    }
    assert response.json() == {
        "data": [
            {
                "born_on": "1976-07-04",
                "city": "Washington",
                "consents": [],
                "eligibility_start_on": "2021-06-07",
                "email": "ahamilton@continentalcongress.gov",
                "enrollments": [],
                "first_name": "Alexander",
                "gender": "male",
                "health_plan_identifier": "HAMILTON01",
                "household_members": [
                    {
                        "born_on": "1976-07-04",
                        "email": "ahamilton@continentalcongress.gov",
                        "enrollments": [],
                        "first_name": "Alexander",
                        "id": "7E8ln",
                        "last_name": "Hamilton",
                        "program_status": "pending",
                    },
                    {
                        "born_on": "1976-08-04",
                        "email": "ehamilton@schuylerhome.org",
                        "enrollments": [eliza_enrollment],
                        "first_name": "Eliza",
                        "id": "7xZm3",
                        "last_name": "Hamilton",
                        "program_status": "pending",
                    },
                ],
                "id": "7E8ln",
                "last_name": "Hamilton",
                "middle_name": "",
                "phone_number": None,
                "postal_code": "10101",
                "prefixed_sponsor_member_identifier": "CYN-HAMILTON01",
                "program_status": "pending",
                "soda_sponsor_id": None,
                "sponsor_member_identifier": "HAMILTON01",
                "state": "DC",
                "street_address_1": "1700 Pennsylvania Ave",
                "street_address_2": None,
            }
        ],
        "next_cursor": None,
        "prev_cursor": None,
    }


@pytest.mark.parametrize(
    ("params", "expected_ids"),
    [
        ({"last_name": "Hamilton"}, ["7E8ln", "7xZm3"]),
        ({"first_name": "Eliza", "last_name": "Hamilton"}, ["7xZm3"]),
        ({"first_name": "eliza", "last_name": "Hamilton"}, []),
        ({"born_on": "1955-05-15", "last_name": "Bluth"}, ["B6d8Y"]),
        ({"last_name": "Poppins", "pending": "true"}, ["QdVm0", "oRn65", "74BD4"]),
        ({"last_name": "Poppins", "pending": "false"}, ["7aYyR"]),
        ({"last_name": "Hamilton", "program_id": 8355}, ["7E8ln", "7xZm3"]),
        ({"last_name": "Hamilton", "program_id": 8366}, []),
        ({"last_name": "Kant", "program_id": 8366}, ["7ZbOm"]),
        ({"last_name": "Poppins", "updated_since": "2022-01-01T00:00:00Z"}, None),
        ({"last_name": "Poppins", "updated_since": "2023-06-01T00:00:01Z"}, []),
    ],
)
async def test_list_filters(
    client: httpx.AsyncClient, params: Params, expected_ids: list[str] | None
) -> None:
    records = await _fetch_all(client, params)
    if expected_ids is None:
        expected_ids = ["QdVm0", "7aYyR", "oRn65", "74BD4"]
    assert [r["id"] for r in records] == expected_ids


async def test_pending_splits_every_member(client: httpx.AsyncClient) -> None:
    pending = await _fetch_all(client, {"pending": "true"})
    settled = await _fetch_all(client, {"pending": "false"})
    assert {r["program_status"] for r in pending} == {"pending"}
    assert "pending" not in {r["program_status"] for r in settled}
    assert len(pending) + len(settled) == SCALE


async def test_program_eligibility_is_per_household(client: httpx.AsyncClient) -> None:
    for program_id in (8355, 8321, 8390):
        records = await _fetch_all(client, {"program_id": program_id, "include_household": "true"})
        everyone = await _fetch_all(client, {"include_household": "true"})
        eligible = {
            r["id"]
            for r in everyone
            if any(
                e["program_id"] == program_id
                for m in r["household_members"]  # type: ignore[attr-defined]
                for e in m["enrollments"]
            )
        }
        assert {r["id"] for r in records} == eligible


async def test_include_household_lists_the_whole_household_as_partial_records(
    client: httpx.AsyncClient,
) -> None:
    records = await _fetch_all(client, {"include_household": "true"})
    households: dict[str, set[str]] = {}
    for record in records:
        members = record["household_members"]
        assert isinstance(members, list)
        assert 1 <= len(members) <= 6
        assert all(set(m) == PARTIAL_KEYS for m in members)
        ids = {m["id"] for m in members}
        assert record["id"] in ids
        households[str(record["id"])] = ids
        for enrollment in (e for m in members for e in m["enrollments"]):
            assert "enrollment_events" not in enrollment
    for member_id, ids in households.items():
        assert all(households[other] == ids for other in ids), member_id
    plain = (await client.get("/api/members")).json()["data"]
    assert all("household_members" not in r and "household" not in r for r in plain)


async def test_updated_since_sees_writes(client: httpx.AsyncClient) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    since = {"updated_since": before.isoformat()}
    assert await _fetch_all(client, since) == []
    await _put(client, "/api/members/7aYyR", {"member": {"city": "Boston"}})
    await _post(client, "/api/members/QdVm0/consents", {"consent": {"category": "sms"}})
    await _post(
        client, "/api/members/QdVm0/consents", {"consent": {"category": "a", "consent_details": {}}}
    )
    assert [r["id"] for r in await _fetch_all(client, since)] == ["QdVm0", "7aYyR"]


# --- paging -------------------------------------------------------------------------------


async def test_cursors_walk_a_filtered_list_forward_and_back(client: httpx.AsyncClient) -> None:
    expected = [r["id"] for r in await _fetch_all(client, {"pending": "true"})]
    assert len(expected) > 20

    forward: list[object] = []
    params: dict[str, str | int] = {"pending": "true", "limit": 7}
    pages: list[dict[str, object]] = []
    while True:
        response = await client.get("/api/members", params=params)
        body = response.json()
        pages.append(body)
        forward += [r["id"] for r in body["data"]]
        assert response.headers.get("x-next-cursor") == body["next_cursor"]
        if body["next_cursor"] is None:
            break
        params = {"pending": "true", "limit": 7, "cursor_next": body["next_cursor"]}
    assert forward == expected
    assert pages[0]["prev_cursor"] is None
    assert all(p["next_cursor"] is not None for p in pages[:-1])
    assert all(p["prev_cursor"] is not None for p in pages[1:])

    backward: list[object] = []
    cursor = pages[-1]["prev_cursor"]
    backward_pages = 0
    while cursor is not None:
        params = {"pending": "true", "limit": 7, "cursor_prev": str(cursor)}
        body = (await client.get("/api/members", params=params)).json()
        backward = [r["id"] for r in body["data"]] + backward
        assert body["next_cursor"] is not None
        assert len(body["data"]) == 7
        cursor = body["prev_cursor"]
        backward_pages += 1
    assert backward_pages == len(pages) - 1
    assert backward + [r["id"] for r in pages[-1]["data"]] == expected  # type: ignore[attr-defined]


async def test_cursors_are_keysets_unshaken_by_updates(client: httpx.AsyncClient) -> None:
    first = (await client.get("/api/members", params={"limit": 3})).json()
    assert [r["id"] for r in first["data"]] == ["A5c7X", "B6d8Y", "7E8ln"]
    await _put(client, "/api/members/B6d8Y", {"member": {"first_name": "George"}})
    params = {"limit": 3, "cursor_next": first["next_cursor"]}
    second = (await client.get("/api/members", params=params)).json()
    assert second["data"][0]["id"] == "7xZm3"
    back = (await client.get("/api/members", params={"cursor_prev": second["prev_cursor"]})).json()
    assert [r["id"] for r in back["data"]] == ["A5c7X", "B6d8Y", "7E8ln"]
    assert back["prev_cursor"] is None


async def test_limit_defaults_to_50_and_is_clamped_to_100(client: httpx.AsyncClient) -> None:
    assert len((await client.get("/api/members")).json()["data"]) == 50
    assert len((await client.get("/api/members?limit=5000")).json()["data"]) == 100
    assert len((await client.get("/api/members?limit=1")).json()["data"]) == 1


async def test_page_and_page_size(client: httpx.AsyncClient) -> None:
    everything = [r["id"] for r in await _fetch_all(client, {})]
    body = (await client.get("/api/members", params={"page": 3, "page_size": 10})).json()
    assert [r["id"] for r in body["data"]] == everything[20:30]
    assert body["next_cursor"] is None
    assert body["prev_cursor"] is None
    first = (await client.get("/api/members", params={"page": 1})).json()["data"]
    assert [r["id"] for r in first] == everything[:50]
    big = (await client.get("/api/members", params={"page": 1, "page_size": 999})).json()
    assert len(big["data"]) == 100
    beyond = (await client.get("/api/members", params={"page": 99, "page_size": 100})).json()
    assert beyond == {"data": [], "next_cursor": None, "prev_cursor": None}


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=0",
        "limit=-3",
        "limit=1.5",
        "page=0",
        "page=x",
        "page_size=0",
        "cursor_next=not-a-cursor!",
        "cursor_next=eyJ4IjoxfQ",
        "cursor_prev=AAAA",
        "cursor_next=eyJzZXEiOjJ9&cursor_prev=eyJzZXEiOjJ9",
        "page=1&cursor_next=eyJzZXEiOjJ9",
        "born_on=1976-13-01",
        "born_on=yesterday",
        "updated_since=2022-01-01",
        "updated_since=soon",
        "program_id=abc",
        "program_id=8.5",
        "pending=maybe",
        "include_household=yes please",
    ],
)
async def test_bad_list_parameters_answer_400(client: httpx.AsyncClient, query: str) -> None:
    response = await client.get(f"/api/members?{query}")
    assert response.status_code == 400
    detail = response.json()["errors"]["detail"]
    assert isinstance(detail, str)
    assert detail


# --- show ---------------------------------------------------------------------------------


async def test_show_member_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/members/7ZbA6")
    assert response.status_code == 200
    consent = {
        "category": "sms",
        "consent_details": {"sms_number": "5555555555"},
        "consented_at": "2022-12-12T12:12:12Z",
        "id": 1360,
        "member_id": "7ZbA6",
        "member_response": True,
    }
    hipaa = {**consent, "category": "hipaa", "consented_at": "2022-12-13T12:12:12Z", "id": 1361}
    assert response.json() == {
        "data": {
            "born_on": "2000-01-01",
            "city": None,
            "consents": [consent, hipaa],
            "eligibility_start_on": "2018-01-01",
            "email": "myemail@myplace.xyz",
            "enrollments": [],
            "first_name": "Emmanuel",
            "gender": "female",
            "health_plan_identifier": None,
            "id": "7ZbA6",
            "last_name": "Kant",
            "middle_name": "",
            "phone_number": None,
            "postal_code": None,
            "prefixed_sponsor_member_identifier": "GFC-COGITO55",
            "program_status": "pending",
            "soda_sponsor_id": "SODAID12345",
            "sponsor_member_identifier": "COGITO55",
            "state": None,
            "street_address_1": None,
            "street_address_2": None,
        }
    }
    marx = (await client.get("/api/members/ommXk")).json()["data"]
    assert marx["program_status"] == "inactive"
    assert [c["id"] for c in marx["consents"]] == [1358, 1359]
    assert marx["soda_sponsor_id"] == ""


async def test_show_member_by_prefixed_sponsor_identifier(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/members/EOE-COGITO55")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == "o8YAO"
    assert data["prefixed_sponsor_member_identifier"] == "EOE-COGITO55"
    assert (await client.get("/api/members/COGITO55")).status_code == 404


async def test_show_member_lists_the_other_household_members(client: httpx.AsyncClient) -> None:
    bluth = (await client.get("/api/members/A5c7X")).json()["data"]
    assert bluth["household"] == [
        {
            "born_on": "1955-05-15",
            "email": None,
            "enrollments": [],
            "first_name": "Michael",
            "id": "B6d8Y",
            "last_name": "Bluth",
            "program_status": "active",
        }
    ]
    assert bluth["street_address_1"] == "1 Lucille Lane"
    assert bluth["gender"] == "M"
    eliza = (await client.get("/api/members/7xZm3")).json()["data"]
    assert [m["id"] for m in eliza["household"]] == ["7E8ln"]
    assert eliza["enrollments"][0]["enrollment_events"] == []
    assert "household" not in (await client.get("/api/members/Mk9Pw")).json()["data"]


@pytest.mark.parametrize("member_id", ["nope0", "A5c7", "EOE-COGITO5", "%20"])
async def test_unknown_member_is_404(client: httpx.AsyncClient, member_id: str) -> None:
    for response in (
        await client.get(f"/api/members/{member_id}"),
        await _put(client, f"/api/members/{member_id}", {"member": {"city": "X"}}),
        await _post(client, f"/api/members/{member_id}/consents", {"consent": {}}),
        await _post(client, f"/api/members/{member_id}/enrollments", {"enrollment": {}}),
        await client.delete(f"/api/members/{member_id}/consents/1360"),
        await client.delete(f"/api/members/{member_id}/enrollments/3226"),
    ):
        assert response.status_code == 404
        assert response.json() == {"errors": {"detail": "Not Found"}}


async def test_vendor_data_is_only_for_the_vendor_key(client: httpx.AsyncClient) -> None:
    plain = (await client.get("/api/members/MOZ0p")).json()["data"]
    assert "vendor_data" not in plain
    vendor = (await client.get("/api/members/MOZ0p", headers=VENDOR)).json()["data"]
    assert vendor["vendor_data"] == [{"payment_card_status": "requested"}]
    assert "vendor_data" not in (await client.get("/api/members/MjymW", headers=VENDOR)).json()

    body = {"member": {"vendor_data": {"my_test_attribute": "excelsior"}}}
    ignored = await _put(client, "/api/members/oGRWv", body)
    assert ignored.status_code == 200
    assert "vendor_data" not in ignored.json()["data"]
    shown = (await client.get("/api/members/oGRWv", headers=VENDOR)).json()["data"]
    assert "vendor_data" not in shown

    stored = await client.put("/api/members/oGRWv", json=body, headers=VENDOR)
    assert stored.json()["data"]["vendor_data"] == [{"my_test_attribute": "excelsior"}]
    merged = await client.put(
        "/api/members/MOZ0p", json={"member": {"vendor_data": {"tier": 2}}}, headers=VENDOR
    )
    assert merged.json()["data"]["vendor_data"] == [{"payment_card_status": "requested", "tier": 2}]
    listed = (await client.get("/api/members?last_name=Kant", headers=VENDOR)).json()["data"]
    assert {r["id"] for r in listed if "vendor_data" in r} == {"MOZ0p", "oGRWv"}
    assert all("vendor_data" not in r for r in await _fetch_all(client, {"last_name": "Kant"}))

    cleared = await client.put(
        "/api/members/oGRWv", json={"member": {"vendor_data": None}}, headers=VENDOR
    )
    assert "vendor_data" not in cleared.json()["data"]
    bad = await client.put(
        "/api/members/oGRWv", json={"member": {"vendor_data": "x"}}, headers=VENDOR
    )
    assert bad.status_code == 422
    assert bad.json() == {"errors": {"vendor_data": ["is invalid"]}}


# --- member writes ------------------------------------------------------------------------


async def test_update_member_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "member": {
            "born_on": "2002-01-01",
            "email": "newemail@newplace.xyz",
            "first_name": "some updated first_name",
            "last_name": "some updated last_name",
            "middle_name": "some updated middle_name",
        }
    }
    response = await _put(client, "/api/members/olNmR", body)
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "born_on": "2002-01-01",
            "city": None,
            "consents": [],
            "eligibility_start_on": "2018-01-01",
            "email": "newemail@newplace.xyz",
            "enrollments": [],
            "first_name": "some updated first_name",
            "gender": "female",
            "health_plan_identifier": None,
            "id": "olNmR",
            "last_name": "some updated last_name",
            "middle_name": "some updated middle_name",
            "phone_number": None,
            "postal_code": None,
            "prefixed_sponsor_member_identifier": "NYU-COGITO55",
            "program_status": "pending",
            "soda_sponsor_id": None,
            "sponsor_member_identifier": "COGITO55",
            "state": None,
            "street_address_1": None,
            "street_address_2": None,
        }
    }
    assert (await client.get("/api/members/olNmR")).json() == response.json()
    found = await _fetch_all(client, {"first_name": "some updated first_name"})
    assert [r["id"] for r in found] == ["olNmR"]


async def test_update_member_clears_fields(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/members/QWqJn")).json()["data"]["street_address_2"]
    response = await _put(client, "/api/members/QWqJn", {"member": {"street_address_2": None}})
    assert response.status_code == 200
    assert response.json()["data"]["street_address_2"] is None
    cleared = await _put(client, "/api/members/A5c7X", {"member": {"email": None, "gender": None}})
    assert cleared.json()["data"]["email"] is None
    assert cleared.json()["data"]["gender"] is None


async def test_update_member_accepts_every_updatable_field(client: httpx.AsyncClient) -> None:
    changes = {
        "born_on": "1990-02-28",
        "email": "x@y.zz",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "middle_name": "King",
        "gender": "non_binary",
        "phone_number": "5551234567",
        "street_address_1": "12 St James's Square",
        "street_address_2": "Floor 2",
        "city": "Portland",
        "state": "OR",
        "postal_code": "97201",
        "program_status": "inactive",
        "id": "ZZZZZ",
        "unknown_key": 1,
    }
    data = (await _put(client, "/api/members/Mk9Pw", {"member": changes})).json()["data"]
    for key in ("program_status", "id", "unknown_key"):
        changes.pop(key)
    assert {k: data[k] for k in changes} == changes
    assert data["id"] == "Mk9Pw"
    assert data["program_status"] == "pending"


async def test_update_member_invalid_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "member": {
            "born_on": None,
            "email": None,
            "first_name": None,
            "gender": "hello",
            "last_name": None,
        }
    }
    before = (await client.get("/api/members/o1bgR")).json()
    response = await _put(client, "/api/members/o1bgR", body)
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "born_on": ["can't be blank"],
            "first_name": ["can't be blank"],
            "gender": ["is invalid"],
            "last_name": ["can't be blank"],
        }
    }
    assert (await client.get("/api/members/o1bgR")).json() == before


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"born_on": "2002-02-30"}, {"born_on": ["is invalid"]}),
        ({"born_on": "02/03/2002"}, {"born_on": ["is invalid"]}),
        ({"born_on": ""}, {"born_on": ["can't be blank"]}),
        (
            {"first_name": "", "last_name": "  "},
            {"first_name": ["can't be blank"], "last_name": ["can't be blank"]},
        ),
        ({"email": "not-an-email"}, {"email": ["has invalid format"]}),
        ({"email": "a@b"}, {"email": ["has invalid format"]}),
        ({"gender": "robot"}, {"gender": ["is invalid"]}),
        ({"city": 12, "email": "x@y.z"}, {"city": ["is invalid"]}),
    ],
)
async def test_update_member_validation(
    client: httpx.AsyncClient, changes: Json, errors: Json
) -> None:
    before = (await client.get("/api/members/7wlmL")).json()
    response = await _put(client, "/api/members/7wlmL", {"member": changes})
    assert response.status_code == 422
    assert response.json() == {"errors": errors}
    assert (await client.get("/api/members/7wlmL")).json() == before


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[]", b"null", b'{"member": []}', b'{"member": null}', b'{"x": {}}'],
)
async def test_malformed_write_bodies_answer_400(client: httpx.AsyncClient, content: bytes) -> None:
    for path in (
        "/api/members/7wlmL",
        "/api/members/7wlmL/consents/1360",
        "/api/members/7wlmL/enrollments/3226",
    ):
        response = await client.put(path, content=content)
        assert response.status_code in (400, 404)
    response = await client.put("/api/members/7wlmL", content=content)
    assert response.status_code == 400
    assert isinstance(response.json()["errors"]["detail"], str)
    for path in ("/api/members/7wlmL/consents", "/api/members/7wlmL/enrollments"):
        assert (await client.post(path, content=content)).status_code == 400


async def test_odd_inputs_never_crash(client: httpx.AsyncClient) -> None:
    member = "/api/members/7wlmL"
    odd_bodies: list[object] = [
        {"member": {"born_on": 20020101, "first_name": ["x"], "gender": {}}},
        {"member": {"email": "ü@ü.ü", "city": "\u0000"}},
        {"consent": {"category": 1, "consent_details": "x", "consented_at": 5}},
        {"enrollment": {"enrolled_at": True, "program_id": 1e30, "expires_at": []}},
        {"enrollment": {"enrolled_at": "9999-12-31T23:59:59-23:59", "program_id": "9" * 40}},
    ]
    for body in odd_bodies:
        for path in (member, member + "/consents", member + "/enrollments"):
            assert (await client.put(path, json=body)).status_code < 500
            assert (await client.post(path, json=body)).status_code < 500
    for query in ("cursor_next=%FF%FE", "program_id=99999999999999999999999999", "limit=%D9%A1"):
        assert (await client.get(f"/api/members?{query}")).status_code < 500
    assert (await client.get("/api/members/%F0%9F%92%A9")).status_code == 404


# --- consents -----------------------------------------------------------------------------


async def test_create_consent_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "consent": {
            "category": "some category",
            "consent_details": {},
            "consented_at": "2022-12-12T21:25:00Z",
            "member_response": True,
        }
    }
    response = await _post(client, "/api/members/QLayl/consents", body)
    assert response.status_code == 201
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["id"] > 1365
    assert response.headers["location"] == f"/api/members/QLayl/consents/{data['id']}"
    assert data == {
        "category": "some category",
        "consent_details": {},
        "consented_at": "2022-12-12T21:25:00Z",
        "id": data["id"],
        "member_id": "QLayl",
        "member_response": True,
    }
    shown = (await client.get("/api/members/QLayl")).json()["data"]
    assert shown["consents"] == [data]

    partial = await _post(
        client,
        "/api/members/MKGK5/consents",
        {"consent": {"category": "sms", "consent_details": {"confirmation_code": "abc123"}}},
    )
    assert partial.status_code == 201
    assert partial.json()["data"] == {
        "category": "sms",
        "consent_details": {"confirmation_code": "abc123"},
        "consented_at": None,
        "id": data["id"] + 1,
        "member_id": "MKGK5",
        "member_response": False,
    }


async def test_create_consent_with_list_details_and_offset_time(client: httpx.AsyncClient) -> None:
    details = [{"name": "sms_phone_number", "value": "555-867-5309"}]
    body = {
        "consent": {
            "category": "sms",
            "consent_details": details,
            "consented_at": "2022-01-01T23:01:00+01:00",
        }
    }
    response = await _post(client, "/api/members/EOE-COGITO55/consents", body)
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["consent_details"] == details
    assert data["consented_at"] == "2022-01-01T22:01:00Z"
    assert data["member_id"] == "o8YAO"
    assert response.headers["location"].startswith("/api/members/o8YAO/consents/")


async def test_create_consent_invalid_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "consent": {
            "category": None,
            "consent_details": None,
            "consented_at": None,
            "member_response": None,
        }
    }
    response = await _post(client, "/api/members/7wlmL/consents", body)
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"category": ["can't be blank"], "consent_details": ["can't be blank"]}
    }
    missing = await _post(client, "/api/members/7wlmL/consents", {"consent": {}})
    assert missing.json() == response.json()
    typed = await _post(
        client,
        "/api/members/7wlmL/consents",
        {
            "consent": {
                "category": "sms",
                "consent_details": "yes",
                "consented_at": "last tuesday",
                "member_response": "true",
            }
        },
    )
    assert typed.status_code == 422
    assert typed.json() == {
        "errors": {
            "consent_details": ["is invalid"],
            "consented_at": ["is invalid"],
            "member_response": ["is invalid"],
        }
    }
    assert (await client.get("/api/members/7wlmL")).json()["data"]["consents"] == []


async def test_update_consent_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {"consent": {"consented_at": "2024-01-31T09:08:07Z", "member_response": True}}
    response = await _put(client, "/api/members/o26WZ/consents/1365", body)
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "category": "sms",
            "consent_details": {"sms_number": "5555555555"},
            "consented_at": "2024-01-31T09:08:07Z",
            "id": 1365,
            "member_id": "o26WZ",
            "member_response": True,
        }
    }
    invalid = await _put(
        client,
        "/api/members/o26WZ/consents/1365",
        {"consent": {"category": "", "consented_at": "2024-02-30T00:00:00Z"}},
    )
    assert invalid.status_code == 422
    assert invalid.json() == {
        "errors": {"category": ["can't be blank"], "consented_at": ["is invalid"]}
    }
    shown = (await client.get("/api/members/o26WZ")).json()["data"]["consents"]
    assert shown == [response.json()["data"]]


async def test_delete_consent(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/members/o5kd3/consents/1362")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get("/api/members/o5kd3")).json()["data"]["consents"] == []
    again = await client.delete("/api/members/o5kd3/consents/1362")
    assert again.status_code == 404
    assert again.json() == {"errors": {"detail": "Not Found"}}


@pytest.mark.parametrize(
    "path",
    [
        "/api/members/o5kd3/consents/1360",  # another member's consent
        "/api/members/o5kd3/consents/999999",
        "/api/members/o5kd3/consents/abc",
    ],
)
async def test_consent_not_of_the_member_is_404(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.delete(path)).status_code == 404
    assert (await _put(client, path, {"consent": {"category": "x"}})).status_code == 404


# --- enrollments --------------------------------------------------------------------------


async def test_create_enrollment_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    body = {
        "enrollment": {
            "enrolled_at": "2024-03-13T15:52:35.365801Z",
            "member_id": "QdV6d",
            "program_id": 8370,
        }
    }
    response = await _post(client, "/api/members/QdV6d/enrollments", body)
    assert response.status_code == 201
    data = response.json()["data"]
    assert response.headers["location"] == f"/api/members/QdV6d/enrollments/{data['id']}"
    assert isinstance(data["id"], int)
    assert data["id"] > 3230
    events = data.pop("enrollment_events")
    assert data == {
        "enrolled_at": "2024-03-13T15:52:35.365801Z",
        "expires_at": None,
        "id": data["id"],
        "member_id": "QdV6d",
        "program_id": 8370,
    }
    assert len(events) == 1
    assert events[0]["category"] == "created"
    assert events[0]["details"] == {"source": "api"}
    assert isinstance(events[0]["id"], int)
    eligible = await _fetch_all(client, {"program_id": 8370, "last_name": "Kant"})
    assert [r["id"] for r in eligible] == ["QdV6d"]

    textual = await _post(
        client,
        "/api/members/QdV6d/enrollments",
        {"enrollment": {"enrolled_at": "2024-03-13T15:52:35Z", "program_id": "8371"}},
    )
    assert textual.status_code == 201
    assert textual.json()["data"]["program_id"] == 8371
    assert textual.json()["data"]["enrolled_at"] == "2024-03-13T15:52:35.000000Z"
    assert textual.json()["data"]["id"] == data["id"] + 1


async def test_create_enrollment_invalid_as_the_document_shows_it(
    client: httpx.AsyncClient,
) -> None:
    response = await _post(
        client, "/api/members/Mn85R/enrollments", {"enrollment": {"expires_at": "hello"}}
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "enrolled_at": ["can't be blank"],
            "expires_at": ["is invalid"],
            "program_id": ["can't be blank"],
        }
    }
    typed = await _post(
        client,
        "/api/members/Mn85R/enrollments",
        {"enrollment": {"enrolled_at": "2024-13-01T00:00:00Z", "program_id": "eighty"}},
    )
    assert typed.json() == {"errors": {"enrolled_at": ["is invalid"], "program_id": ["is invalid"]}}
    for program_id in (True, 83.5, [8370], -4):
        bad = await _post(
            client,
            "/api/members/Mn85R/enrollments",
            {"enrollment": {"enrolled_at": "2024-01-01T00:00:00Z", "program_id": program_id}},
        )
        assert bad.json() == {"errors": {"program_id": ["is invalid"]}}
    assert (await client.get("/api/members/Mn85R")).json()["data"]["enrollments"] == []


async def test_update_enrollment_as_the_document_shows_it(client: httpx.AsyncClient) -> None:
    response = await _put(
        client,
        "/api/members/7ZbOm/enrollments/3228",
        {"enrollment": {"expires_at": "2024-03-13T15:52:33.427005Z"}},
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "enrolled_at": "2022-12-14T22:39:00.000000Z",
            "enrollment_events": [],
            "expires_at": "2024-03-13T15:52:33Z",
            "id": 3228,
            "member_id": "7ZbOm",
            "program_id": 8366,
        }
    }
    moved = await _put(
        client, "/api/members/7ZbOm/enrollments/3228", {"enrollment": {"program_id": 8399}}
    )
    assert moved.json()["data"]["program_id"] == 8399
    assert await _fetch_all(client, {"program_id": 8366, "last_name": "Kant"}) == []


async def test_update_enrollment_invalid_as_the_document_shows_it(
    client: httpx.AsyncClient,
) -> None:
    response = await _put(
        client, "/api/members/MOZN5/enrollments/3230", {"enrollment": {"expires_at": "hello"}}
    )
    assert response.status_code == 422
    assert response.json() == {"errors": {"expires_at": ["is invalid"]}}
    blanks = await _put(
        client,
        "/api/members/MOZN5/enrollments/3230",
        {"enrollment": {"enrolled_at": None, "program_id": None}},
    )
    assert blanks.json() == {
        "errors": {"enrolled_at": ["can't be blank"], "program_id": ["can't be blank"]}
    }


async def test_delete_enrollment(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/members/o1b0e/enrollments/3227")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get("/api/members/o1b0e")).json()["data"]["enrollments"] == []
    assert (await client.delete("/api/members/o1b0e/enrollments/3227")).status_code == 404
    # Eliza's enrollment, addressed through Alexander: not his.
    assert (await client.delete("/api/members/7E8ln/enrollments/3226")).status_code == 404
    assert (
        await _put(client, "/api/members/7E8ln/enrollments/3226", {"enrollment": {}})
    ).status_code == 404
