"""The simulator: bearer auth, the producer group, and what needs no token."""

from __future__ import annotations

import pytest

from tests.upstreams.portal.simulator.support import EXAMPLE_API_ID, Bed, files, publish

_EVERY_ROUTE = (
    ("GET", "/apis"),
    ("GET", f"/apis/{EXAMPLE_API_ID}"),
    ("GET", "/apis/producer"),
    ("GET", f"/apis/oas/{EXAMPLE_API_ID}"),
    ("POST", "/apis/oas/upload"),
    ("POST", "/apis"),
    ("PUT", f"/apis/{EXAMPLE_API_ID}"),
    ("POST", "/subscriptions"),
    ("PUT", "/subscriptions"),
    ("GET", f"/subscriptions/{EXAMPLE_API_ID}"),
    ("GET", f"/subscriptions/requests/{EXAMPLE_API_ID}"),
    ("POST", "/clients"),
    ("GET", "/clients?serverId=x"),
    ("PUT", "/clients/cl-1"),
    ("POST", "/sparkPostEmail"),
    ("GET", "/categories"),
    ("GET", "/grantTypes"),
    ("GET", "/methods"),
    ("GET", "/visibility"),
    ("GET", "/health"),
)


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer nope", "demo", "Basic ZGVtbzpkZW1v", "apikey demo"]
)
async def test_every_route_wants_a_known_bearer_token(bed: Bed, authorization: str | None) -> None:
    headers = {} if authorization is None else {"authorization": authorization}
    for method, path in _EVERY_ROUTE:
        response = await bed.anonymous.request(method, path, headers=headers)
        assert response.status_code == 401, (method, path)
        assert response.json() == {"message": "Unauthorized", "code": "UNAUTHORIZED"}


async def test_the_scheme_is_case_insensitive(bed: Bed) -> None:
    response = await bed.anonymous.get("/health", headers={"authorization": "bearer demo"})
    assert response.status_code == 200


async def test_unknown_routes_are_404_before_auth(bed: Bed) -> None:
    response = await bed.anonymous.get("/nowhere")
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"


_PRODUCER_ONLY = (
    ("GET", "/apis/producer"),
    ("GET", f"/subscriptions/requests/{EXAMPLE_API_ID}"),
)


async def test_a_consumer_is_refused_every_producer_call_with_403(bed: Bed) -> None:
    forbidden = {
        "message": "This call requires membership of the partnerportal_producers group",
        "code": "FORBIDDEN",
    }
    for method, path in _PRODUCER_ONLY:
        response = await bed.consumer.request(method, path)
        assert (response.status_code, response.json()) == (403, forbidden), path
    # The writes are refused before their body is read, whatever it holds.
    assert (await publish(bed.consumer)).status_code == 403
    response = await bed.consumer.put(f"/apis/{EXAMPLE_API_ID}", files=files(doc=None))
    assert response.status_code == 403
    response = await bed.consumer.post("/apis/oas/upload", files=files(doc=None))
    assert response.status_code == 403
    response = await bed.consumer.put(
        "/subscriptions", json={"id": "x", "status": "Approved", "reason": ""}
    )
    assert response.status_code == 403
    assert (await bed.consumer.get("/apis")).status_code == 200  # reads stay open to all


async def test_a_producer_may_only_change_and_decide_on_their_own_apis(bed: Bed) -> None:
    # The example API is the demo producer's, not the second producer's.
    other = bed.producer2
    response = await other.put(
        f"/apis/{EXAMPLE_API_ID}", files=files(oas=None, doc=None, data={"version": "9"})
    )
    assert response.status_code == 403
    assert (await other.get(f"/subscriptions/requests/{EXAMPLE_API_ID}")).status_code == 403
    mine = (await bed.producer.get(f"/subscriptions/requests/{EXAMPLE_API_ID}")).json()
    response = await other.put(
        "/subscriptions", json={"id": mine[0]["id"], "status": "Approved", "reason": ""}
    )
    assert response.status_code == 403


async def test_download_links_and_the_test_bed_need_no_token(bed: Bed) -> None:
    link = (await bed.consumer.get(f"/apis/oas/{EXAMPLE_API_ID}")).json()["url"]
    response = await bed.anonymous.get(link)
    assert response.status_code == 200
    assert (await bed.anonymous.get("/__emails")).status_code == 200
    assert (await bed.anonymous.get("/__stats")).status_code == 200


async def test_a_download_link_with_an_unknown_token_is_404(bed: Bed) -> None:
    response = await bed.anonymous.get("/files/not-a-token")
    assert response.status_code == 404
    assert response.json() == {"message": "File not found", "code": "NOT_FOUND"}


async def test_control_routes_are_not_counted(bed: Bed) -> None:
    await bed.anonymous.post("/__stats/reset")
    await bed.anonymous.get("/__emails")
    await bed.consumer.get("/health")
    stats = (await bed.anonymous.get("/__stats")).json()
    assert stats == {"total": 1, "routes": {"GET /health": 1}}
