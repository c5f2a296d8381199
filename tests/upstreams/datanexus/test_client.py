from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from upstreams import KeyRefused, UpstreamRejected
from upstreams.config import UpstreamSettings
from upstreams.datanexus import DatanexusClient, MemberQuery


def client(handler: Callable[[httpx.Request], httpx.Response]) -> DatanexusClient:
    settings = UpstreamSettings(
        name="datanexus", base_url="http://dn.test", credentials={"API_KEY": "k1"}
    )
    return DatanexusClient(settings, transport=httpx.MockTransport(handler))


def member(**extra: Any) -> dict[str, Any]:
    return {"id": "A5c7X", "first_name": "Michael", "consents": [], "enrollments": [], **extra}


async def test_auth_header_and_list_params() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": [], "next_cursor": None, "prev_cursor": None})

    query = MemberQuery(first_name="Ann", pending=True, program_id="8355", include_household=True)
    page = await client(handler).list_members(query, limit=5, cursor_next="abc")
    assert page.items == []
    assert page.next_cursor is None
    request = seen[0]
    assert request.headers["authorization"] == "apikey k1"
    assert dict(request.url.params) == {
        "first_name": "Ann",
        "program_id": "8355",
        "pending": "true",
        "include_household": "true",
        "limit": "5",
        "cursor_next": "abc",
    }


async def test_details_in_both_shapes_become_name_value_lists() -> None:
    consents = [
        {"id": 1, "category": "sms", "consent_details": {"sms_number": "555"}},
        {"id": 2, "consent_details": [{"name": "a", "value": "b"}], "member_response": "true"},
    ]
    enrollments = [
        {"id": 3, "program_id": 8355, "enrollment_events": [{"id": 9, "details": {"k": 1}}]}
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"data": member(consents=consents, enrollments=enrollments)}
        )

    record = await client(handler).get_member("A5c7X")
    assert record is not None
    assert record["consents"][0]["details"] == [{"name": "sms_number", "value": "555"}]
    assert record["consents"][1]["details"] == [{"name": "a", "value": "b"}]
    assert record["consents"][1]["member_response"] is True
    assert record["consents"][0]["id"] == "1"
    enrollment = record["enrollments"][0]
    assert enrollment["program_id"] == "8355"
    assert enrollment["events"] == [
        {"id": "9", "category": None, "details": [{"name": "k", "value": "1"}]}
    ]


@pytest.mark.parametrize("key", ["household", "household_members"])
async def test_household_under_either_key_without_the_member_itself(key: str) -> None:
    household = [
        {"id": "A5c7X", "first_name": "Michael"},
        {"id": "B6d8Y", "first_name": "George", "enrollments": []},
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [member(**{key: household})]})

    page = await client(handler).list_members(MemberQuery(), limit=1)
    entries = page.items[0]["household"]
    assert entries is not None
    assert [m["id"] for m in entries] == ["B6d8Y"]
    assert entries[0]["complete"] is False
    assert "city" not in entries[0]


async def test_the_header_cursor_stands_in_only_when_the_body_has_none() -> None:
    def with_key(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"data": [], "next_cursor": None}, headers={"x-next-cursor": "h"}
        )

    def without_key(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": []}, headers={"x-next-cursor": "h"})

    assert (await client(with_key).list_members(MemberQuery(), limit=1)).next_cursor is None
    assert (await client(without_key).list_members(MemberQuery(), limit=1)).next_cursor == "h"


async def test_unknown_member_is_none_and_ids_stay_in_their_segment() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.raw_path.decode())
        return httpx.Response(404, json={"errors": {"detail": "Not Found"}})

    assert await client(handler).get_member("EOE-COGITO55") is None
    assert paths == ["/api/members/EOE-COGITO55"]
    with pytest.raises(KeyRefused):
        await client(handler).get_member("../pings")
    assert len(paths) == 1


async def test_422_keeps_field_errors_and_writes_wrap_the_body() -> None:
    bodies: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(422, json={"errors": {"born_on": ["can't be blank"]}})

    with pytest.raises(UpstreamRejected) as info:
        await client(handler).update_member("A5c7X", {"born_on": None})
    assert info.value.field_errors == {"born_on": ["can't be blank"]}
    assert bodies == [{"member": {"born_on": None}}]


@pytest.mark.parametrize("status", [203, 204])
async def test_deletes_accept_203_and_204(status: int) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.method == "DELETE"
        return httpx.Response(status)

    await client(handler).delete_consent("A5c7X", "1360")
    await client(handler).delete_enrollment("A5c7X", "3226")


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("get_member", ("..",)),
        ("update_member", (".", {"city": "X"})),
        ("create_consent", ("", {})),
        ("update_consent", ("A5c7X", "..", {})),
        ("delete_consent", ("A5c7X", "..")),
        ("delete_consent", ("..", "1")),
        ("create_enrollment", ("A5c7X/..", {})),
        ("update_enrollment", ("A5c7X", ".", {})),
        ("delete_enrollment", ("A5c7X", "")),
        ("delete_enrollment", ("é", "1")),
    ],
)
async def test_every_path_refuses_ids_outside_the_formats_before_any_request(
    method: str, args: tuple[Any, ...]
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": member()})

    with pytest.raises(KeyRefused) as info:
        await getattr(client(handler), method)(*args)
    assert info.value.extensions["code"] == "BAD_USER_INPUT"
    assert info.value.extensions["upstream"] == "datanexus"
    assert sent == []
