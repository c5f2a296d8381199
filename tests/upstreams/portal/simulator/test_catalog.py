"""The simulator: the catalog (list, sort/limit, by id), visibility, and OAS links."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
import yaml

from tests.upstreams.portal.simulator.support import EXAMPLE_API_ID, Bed

API_KEYS = {
    "PK",
    "SK",
    "name",
    "description",
    "type",
    "path",
    "version",
    "category",
    "visibility",
    "authentication",
    "apiDocTitle",
    "hostServers",
    "publishDate",
    "updatedDate",
    "createdBy",
    "producerName",
    "oasFileName",
    "docFileName",
}


def _id(api: dict[str, Any]) -> str:
    return str(api["SK"]).removeprefix("Api#")


async def test_an_api_carries_its_id_as_pk_and_sk(bed: Bed) -> None:
    response = await bed.consumer.get(f"/apis/{EXAMPLE_API_ID}")
    assert response.status_code == 200
    api = response.json()
    assert set(api) == API_KEYS
    assert api["PK"] == f"API-Api#{EXAMPLE_API_ID}"
    assert api["SK"] == f"Api#{EXAMPLE_API_ID}"
    assert api["hostServers"][0] == {
        "hostName": "https://api.centene.example/eligibility",
        "serverName": "Production",
        "id": "prod-eligibility-01",
    }


async def test_the_prefixed_keys_are_not_ids(bed: Bed) -> None:
    # "You must truncate the SK and PK values": a prefixed id is not found.
    response = await bed.consumer.get("/apis/Api%23" + EXAMPLE_API_ID)
    assert response.status_code == 404


async def test_the_list_is_in_publish_order_without_sort(bed: Bed) -> None:
    apis = (await bed.consumer.get("/apis")).json()
    dates = [a["publishDate"] for a in apis]
    assert dates == sorted(dates)
    assert all(set(a) == API_KEYS for a in apis)


@pytest.mark.parametrize("field", ["name", "publishDate", "updatedDate", "version", "category"])
@pytest.mark.parametrize("order", ["asc", "desc"])
async def test_sort_and_order(bed: Bed, field: str, order: str) -> None:
    apis = (await bed.consumer.get("/apis", params={"sort": field, "order": order})).json()

    def key(a: dict[str, Any]) -> tuple[str, str]:
        value = str(a[field])
        return (value.casefold() if field == "name" else value, _id(a))

    assert [_id(a) for a in apis] == [
        _id(a) for a in sorted(apis, key=key, reverse=order == "desc")
    ]
    # A real ordering, not the identity: the seed has more than one value of each.
    assert len({str(a[field]) for a in apis}) > 1


async def test_limit_cuts_the_sorted_list(bed: Bed) -> None:
    every = (await bed.consumer.get("/apis", params={"sort": "name", "order": "desc"})).json()
    first = (
        await bed.consumer.get("/apis", params={"sort": "name", "order": "desc", "limit": "5"})
    ).json()
    assert [_id(a) for a in first] == [_id(a) for a in every[:5]]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"sort": "owner"}, "INVALID_SORT"),
        ({"order": "up"}, "INVALID_SORT"),
        ({"limit": "0"}, "INVALID_LIMIT"),
        ({"limit": "-1"}, "INVALID_LIMIT"),
        ({"limit": "ten"}, "INVALID_LIMIT"),
        ({"limit": "501"}, "INVALID_LIMIT"),
    ],
)
async def test_bad_sort_or_limit_is_400(bed: Bed, params: dict[str, str], code: str) -> None:
    for path in ("/apis", "/apis/producer"):
        response = await bed.producer.get(path, params=params)
        assert response.status_code == 400
        assert response.json()["code"] == code


async def test_my_apis_are_the_producers_own_sorted_and_limited(bed: Bed) -> None:
    mine = (await bed.producer.get("/apis/producer", params={"sort": "name"})).json()
    assert mine
    assert {a["createdBy"] for a in mine} == {"u-jordan-ellis"}
    assert [a["name"].casefold() for a in mine] == sorted(a["name"].casefold() for a in mine)
    two = (await bed.producer.get("/apis/producer", params={"sort": "name", "limit": 2})).json()
    assert [_id(a) for a in two] == [_id(a) for a in mine[:2]]
    others = (await bed.producer2.get("/apis/producer")).json()
    assert not {_id(a) for a in others} & {_id(a) for a in mine}


async def test_private_apis_are_seen_by_their_producer_and_approved_consumers(bed: Bed) -> None:
    every = (await bed.producer.get("/apis")).json()
    consumer_view = {_id(a) for a in (await bed.consumer2.get("/apis")).json()}
    private = [
        a for a in every if a["visibility"] == "Private" and a["createdBy"] == "u-jordan-ellis"
    ]
    assert private
    hidden = [a for a in private if _id(a) not in consumer_view]
    assert hidden
    response = await bed.consumer2.get(f"/apis/{_id(hidden[0])}")
    assert response.status_code == 404
    assert (await bed.producer.get(f"/apis/{_id(hidden[0])}")).status_code == 200


async def test_every_seeded_oas_file_downloads_as_a_valid_openapi_document(bed: Bed) -> None:
    apis = (await bed.consumer.get("/apis")).json()
    kinds = set()
    for api in apis:
        link = (await bed.consumer.get(f"/apis/oas/{_id(api)}")).json()
        assert set(link) == {"url"}
        assert link["url"].startswith("http://")
        assert "/portal/files/" in link["url"]  # the mount prefix is part of the link
        response = await bed.anonymous.get(link["url"])
        assert response.status_code == 200
        media = response.headers["content-type"]
        if media == "application/json":
            document = orjson.loads(response.content)
        else:
            assert media == "application/yaml"
            document = yaml.safe_load(response.content)
        kinds.add(media)
        assert document["openapi"].startswith("3.")
        assert document["info"]["title"] == api["name"]
        methods = [m for item in document["paths"].values() for m in item]
        assert len(document["paths"]) >= 3
        assert len(methods) >= 4
        assert api["oasFileName"] in response.headers["content-disposition"]
    assert kinds == {"application/json", "application/yaml"}


async def test_the_oas_link_of_an_unknown_api_is_404(bed: Bed) -> None:
    response = await bed.consumer.get("/apis/oas/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json() == {"message": "API not found", "code": "NOT_FOUND"}
