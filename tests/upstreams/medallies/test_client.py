"""The MedAllies client over httpx.MockTransport: headers, envelopes, errors, shapes, ids."""

from __future__ import annotations

import base64
from collections.abc import Callable

import httpx
import pytest

from upstreams import KeyRefused, UpstreamProtocolError, UpstreamRejected
from upstreams.config import UpstreamSettings
from upstreams.medallies import Directives, ListQuery, MedAlliesClient

BASE = "http://ma.test/OnBoard/services/v1"
CREDENTIALS = {"APP_KEY": "app", "USERNAME": "u", "PASSWORD": "p"}


def client(handler: Callable[[httpx.Request], httpx.Response]) -> MedAlliesClient:
    settings = UpstreamSettings(
        name="medallies", base_url="http://ma.test", credentials=CREDENTIALS
    )
    return MedAlliesClient(settings, transport=httpx.MockTransport(handler))


async def test_credentials_and_a_record_normalized() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = {"id": 7, "organizationName": "Acme", "vendor": {"id": 3, "rootDomain": "x"}}
        return httpx.Response(200, json=body)

    record = await client(handler).get_organization(7, Directives(fields=("id",)))
    assert record == {"id": 7, "organization_name": "Acme", "vendor": {"id": 3, "root_domain": "x"}}
    (request,) = seen
    assert str(request.url).startswith(f"{BASE}/organizations/7")
    assert request.headers["x-medallies-app-key"] == "app"
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"u:p").decode()


async def test_a_400_with_parameter_names_is_rejected_field_by_field() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"errorCode": 101, "message": "REST_INVALID_PARAM", "parameterName": ["tin"]}
        return httpx.Response(400, json=body)

    with pytest.raises(UpstreamRejected) as info:
        await client(handler).add_organizations([{"tin": "1"}])
    assert info.value.field_errors == {"tin": ["REST_INVALID_PARAM"]}
    assert info.value.error_codes == ("101",)


@pytest.mark.parametrize(
    "body",
    [{"items": "x", "count": "many"}, {"count": 5}, [1, 2], {"items": [{"id": "x"}], "count": 1}],
)
async def test_a_listing_of_the_wrong_shape_is_an_error_not_an_empty_page(body: object) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    with pytest.raises(UpstreamProtocolError, match="wrong shape"):
        await client(handler).list_vendors(ListQuery(limit=5))


async def test_keys_outside_the_id_format_are_refused_before_any_request() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request may be sent, got {request.url}")

    medallies = client(handler)
    with pytest.raises(KeyRefused):
        await medallies.get_organization(-1)
    for name in ("..", ".", "", "Vendor/x"):
        with pytest.raises(KeyRefused):
            await medallies.metadata(name)
