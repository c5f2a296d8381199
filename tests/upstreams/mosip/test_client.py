"""The MOSIP client over httpx.MockTransport: envelopes, the cookie token and its renewal,
errors inside HTTP 200, the spellings it reads, and license keys kept out of messages."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from upstreams import (
    KeyRefused,
    UpstreamError,
    UpstreamNotFound,
    UpstreamProtocolError,
    UpstreamRejected,
    UpstreamUnauthorized,
)
from upstreams.config import UpstreamSettings
from upstreams.mosip import MosipClient
from upstreams.mosip.wire import AUTH_PATH, MISPS_PATH

TELECOM = "64269837502851"
KEY = "xNwJeS3vf6UL5b7QbGCDLfBxi8Ower4x0S0LwU14aXrZ2ngv5m"
OLD_KEY = "fa604-affcd-33201-04770"
CREDENTIALS = {"APP_ID": "partnermanagement", "USERNAME": "pmadmin", "PASSWORD": "s3cret-pw"}
_REQUEST_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")

Route = Callable[[httpx.Request, dict[str, Any] | None], httpx.Response]


def ok(response: object) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "id": "mosip.partnermanagement.misp.retrieve",
            "version": "1.0",
            "responsetime": "2020-06-04T04:10:38.348Z",
            "metadata": None,
            "response": response,
            "errors": None,
        },
    )


def failed(code: str, message: str, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status,
        json={
            "id": None,
            "version": None,
            "responsetime": "2020-04-15T10:39:57.415Z",
            "metadata": None,
            "response": None,
            "errors": [{"errorCode": code, "message": message}],
        },
    )


class FakeMosip:
    """The auth call issues `tok1`, `tok2`...; tokens in ``stale`` are refused with
    PMS_MSP_001 in a 200; every other call goes to ``route``."""

    def __init__(self, route: Route, *, stale: frozenset[str] = frozenset(), max_age: int = 3600):
        self.route = route
        self.stale = set(stale)
        self.max_age = max_age
        self.issued = 0
        self.requests: list[tuple[httpx.Request, dict[str, Any] | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.requests.append((request, body))
        if request.url.path == AUTH_PATH:
            self.issued += 1
            return httpx.Response(
                200,
                json={"id": None, "version": "1.0", "response": {"status": "success"}},
                headers={
                    "set-cookie": f"Authorization=tok{self.issued}; Max-Age={self.max_age}; "
                    "Path=/; HttpOnly"
                },
            )
        token = _cookie(request)
        if token is None or token in self.stale:
            return failed("PMS_MSP_001", "MOSIP Admin does not exist")
        return self.route(request, body)

    def calls(self, path: str) -> list[tuple[httpx.Request, dict[str, Any] | None]]:
        return [(r, b) for r, b in self.requests if r.url.path == path]


def _cookie(request: httpx.Request) -> str | None:
    header = request.headers.get("cookie")
    if header is None:
        return None
    name, _, value = header.partition("=")
    return value if name == "Authorization" else None


def client(
    fake: FakeMosip, *, retries: int = 2, clock: Callable[[], float] | None = None
) -> MosipClient:
    settings = UpstreamSettings(
        name="mosip", base_url="http://mosip.test", credentials=CREDENTIALS, retries=retries
    )
    extra: dict[str, Any] = {} if clock is None else {"clock": clock}
    return MosipClient(settings, transport=httpx.MockTransport(fake), backoff_s=0.001, **extra)


def telecom(**changes: Any) -> dict[str, Any]:
    return {
        "id": TELECOM,
        "organizationName": "telecom",
        "contactNumber": "9876998888",
        "emailID": "prm@telecom.com",
        "address": "India",
        **changes,
    }


# --- envelopes and the cookie ------------------------------------------------------------


async def test_the_auth_call_then_the_envelope_with_the_cookie() -> None:
    fake = FakeMosip(lambda r, b: ok({"mispStatus": "Active", "mispID": "100"}))
    created = await client(fake).create_misp(
        organization_name="telecom",
        email="prm@telecom.com",
        address="India",
        contact_number="9876998888",
    )
    assert created == {"id": "100", "status": "ACTIVE"}
    (auth, auth_body), (request, body) = fake.requests
    assert auth.url.path == AUTH_PATH
    assert "cookie" not in auth.headers
    assert auth_body is not None
    assert auth_body["request"] == {
        "appId": "partnermanagement",
        "userName": "pmadmin",
        "password": "s3cret-pw",
    }
    assert request.method == "POST"
    assert request.url.path == MISPS_PATH
    assert request.headers["cookie"] == "Authorization=tok1"
    assert body is not None
    assert set(body) == {"id", "version", "requesttime", "metadata", "request"}
    assert body["id"] == "mosip.partnermanagement.misp.create"
    assert body["version"] == "1.0"
    assert _REQUEST_TIME.fullmatch(body["requesttime"])
    assert body["metadata"] == {}
    # The documented request names (the table's), not the example's `name`/`emailID`.
    assert body["request"] == {
        "organizationName": "telecom",
        "emailId": "prm@telecom.com",
        "address": "India",
        "contactNumber": "9876998888",
    }


async def test_the_token_is_reused_and_only_our_cookie_is_sent() -> None:
    def route(request: httpx.Request, body: object) -> httpx.Response:
        response = ok(telecom())
        # A stray cookie in an answer must not end up in httpx's jar and be sent back.
        response.headers["set-cookie"] = "Authorization=from-the-answer; Path=/"
        return response

    fake = FakeMosip(route)
    c = client(fake)
    for _ in range(3):
        assert await c.get_misp(TELECOM) is not None
    assert fake.issued == 1
    assert [r.headers["cookie"] for r, _ in fake.calls(f"{MISPS_PATH}/{TELECOM}")] == [
        "Authorization=tok1"
    ] * 3


async def test_the_token_is_renewed_before_its_max_age_runs_out() -> None:
    now = [0.0]
    fake = FakeMosip(lambda r, b: ok(telecom()), max_age=100)
    c = client(fake, clock=lambda: now[0])
    await c.get_misp(TELECOM)
    now[0] = 95.0  # within the renewal margin (a tenth of the life)
    await c.get_misp(TELECOM)
    assert fake.issued == 2


async def test_an_answer_without_the_cookie_is_a_wrong_shape() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"response": {"status": "success"}, "errors": None})

    settings = UpstreamSettings(name="mosip", base_url="http://m.test", credentials=CREDENTIALS)
    c = MosipClient(settings, transport=httpx.MockTransport(handler))
    with pytest.raises(UpstreamProtocolError, match="no Authorization cookie"):
        await c.get_misp(TELECOM)


# --- errors inside HTTP 200 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "graph_code"),
    [
        ("PMS_MSP_003", UpstreamRejected, "BAD_USER_INPUT"),
        ("PMS_MSP_004", UpstreamRejected, "BAD_USER_INPUT"),
        ("PMS_MSP_005", UpstreamNotFound, "NOT_FOUND"),
        ("PMS_MSP_009", UpstreamRejected, "BAD_USER_INPUT"),
        ("PMS_MSP_010", UpstreamRejected, "BAD_USER_INPUT"),
        ("PMS_COR_001", UpstreamRejected, "BAD_USER_INPUT"),
        ("PMS_COR_002", UpstreamRejected, "BAD_USER_INPUT"),
        ("PMS_COR_003", UpstreamError, "UPSTREAM_ERROR"),
        ("PMS_XYZ_999", UpstreamError, "UPSTREAM_ERROR"),
    ],
)
async def test_errors_in_a_200_raise_their_class_with_code_and_message(
    code: str, kind: type[UpstreamError], graph_code: str
) -> None:
    fake = FakeMosip(lambda r, b: failed(code, f"MOSIP says {code}"))
    with pytest.raises(UpstreamError) as info:
        await client(fake).update_misp(TELECOM, address="Kenya")
    assert type(info.value) is kind
    assert info.value.error_codes == (code,)
    assert info.value.detail == f"MOSIP says {code}"
    assert info.value.extensions["code"] == graph_code
    assert info.value.extensions["upstreamCodes"] == [code]
    assert not info.value.outcome_unknown
    # A write met an error: sent once, never again.
    assert len(fake.calls(f"{MISPS_PATH}/{TELECOM}")) == 1


async def test_not_found_reads_answer_none_or_empty() -> None:
    def route(request: httpx.Request, body: object) -> httpx.Response:
        path = request.url.path
        if path.endswith("/licenseKey"):
            return failed("PMS_MSP_006", "MISP ID/MISP License Key does not exist")
        if "/name/" in path:
            return failed("PMS_MSP_011", "No MISP found for the organization")
        if path == MISPS_PATH:
            return failed("PMS_MSP_012", "No MISP details found")
        return failed("PMS_MSP_005", "MISP ID does not exist 110")

    c = client(FakeMosip(route))
    assert await c.get_misp("110") is None
    assert await c.get_license_key("110") is None
    assert await c.find_misps("nobody") == []
    assert await c.list_misps() == []


async def test_several_errors_keep_every_code_and_the_gravest_class() -> None:
    def route(request: httpx.Request, body: object) -> httpx.Response:
        response = failed("PMS_COR_001", "Missing Input Parameter - emailId")
        payload = json.loads(response.content)
        payload["errors"].append({"errorCode": "PMS_COR_003", "message": "Could not process"})
        return httpx.Response(200, json=payload)

    with pytest.raises(UpstreamError) as info:
        await client(FakeMosip(route)).create_misp(organization_name="x", email="", address="India")
    assert type(info.value) is UpstreamError
    assert info.value.error_codes == ("PMS_COR_001", "PMS_COR_003")
    assert info.value.detail == "Missing Input Parameter - emailId; Could not process"


@pytest.mark.parametrize(
    "body",
    [[1, 2], {"response": None, "errors": {"errorCode": "PMS_COR_003"}}, {"errors": None}],
)
async def test_answers_that_are_no_envelope_are_wrong_shapes(body: object) -> None:
    fake = FakeMosip(lambda r, b: httpx.Response(200, json=body))
    with pytest.raises(UpstreamProtocolError):
        await client(fake).get_misp(TELECOM)


async def test_a_kernel_401_keeps_its_codes() -> None:
    fake = FakeMosip(lambda r, b: failed("KER-ATH-401", "Authentication Failed", status=401))
    with pytest.raises(UpstreamUnauthorized) as info:
        await client(fake).get_misp(TELECOM)
    assert info.value.error_codes == ("KER-ATH-401",)
    assert info.value.status == 401
    # Renewed once, then given up.
    assert fake.issued == 2


# --- token renewal -------------------------------------------------------------------------


async def test_a_read_refused_for_auth_in_a_200_renews_once_and_is_replayed() -> None:
    fake = FakeMosip(lambda r, b: ok(telecom()), stale=frozenset({"tok1"}))
    record = await client(fake, retries=0).get_misp(TELECOM)
    assert record is not None
    assert record["name"] == "telecom"
    assert [r.headers["cookie"] for r, _ in fake.calls(f"{MISPS_PATH}/{TELECOM}")] == [
        "Authorization=tok1",
        "Authorization=tok2",
    ]
    assert fake.issued == 2
    # The second auth call carries no cookie: httpx kept none of the first answer's.
    assert ["cookie" in r.headers for r, _ in fake.calls(AUTH_PATH)] == [False, False]


async def test_a_renewed_token_refused_too_is_unauthorized_after_one_renewal() -> None:
    fake = FakeMosip(lambda r, b: ok(telecom()), stale=frozenset({"tok1", "tok2", "tok3"}))
    with pytest.raises(UpstreamUnauthorized) as info:
        await client(fake).get_misp(TELECOM)
    assert info.value.error_codes == ("PMS_MSP_001",)
    assert info.value.extensions["code"] == "UNAUTHENTICATED"
    assert fake.issued == 2
    assert len(fake.calls(f"{MISPS_PATH}/{TELECOM}")) == 2


async def test_a_write_refused_for_auth_is_not_replayed_but_the_token_is_renewed() -> None:
    fake = FakeMosip(
        lambda r, b: ok({"message": "MISP deactivated successfully"}), stale=frozenset({"tok1"})
    )
    c = client(fake)
    with pytest.raises(UpstreamUnauthorized) as info:
        await c.set_misp_status(TELECOM, "INACTIVE")
    assert not info.value.outcome_unknown
    assert len(fake.calls(f"{MISPS_PATH}/{TELECOM}")) == 1
    assert fake.issued == 2
    # The caller's next attempt carries the renewed token.
    assert await c.set_misp_status(TELECOM, "INACTIVE") == "MISP deactivated successfully"
    (request, body), *_ = fake.calls(f"{MISPS_PATH}/{TELECOM}")[1:]
    assert request.headers["cookie"] == "Authorization=tok2"
    assert body is not None
    assert body["request"] == {"mispStatus": "De-Active"}


async def test_refused_credentials_are_unauthorized_without_them_in_the_message() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return failed("PMS_MSP_002", "Mismatch of the MOSIP Admin Credentials")

    settings = UpstreamSettings(name="mosip", base_url="http://m.test", credentials=CREDENTIALS)
    c = MosipClient(settings, transport=httpx.MockTransport(handler))
    with pytest.raises(UpstreamUnauthorized) as info:
        await c.list_misps()
    assert info.value.error_codes == ("PMS_MSP_002",)
    assert info.value.operation == "authenticate"
    assert "s3cret-pw" not in str(info.value)
    assert "pmadmin" not in str(info.value)


# --- reading and sending -------------------------------------------------------------------


async def test_every_spelling_of_the_document_is_read() -> None:
    def route(request: httpx.Request, body: object) -> httpx.Response:
        return ok(
            {
                "mispDetails": [
                    telecom(status="Active", mispStatusCode="approved"),
                    {
                        "mispId": "98869837502654",
                        "name": "airtelInd",
                        "emailId": "agm@airtelInd.com",
                        "address": "India",
                        "status": "De-Active",
                    },
                    {"mispID": 109, "organizationName": "x", "address": "y"},
                ]
            }
        )

    records = await client(FakeMosip(route)).list_misps()
    assert [(m["id"], m["name"], m["email"], m["status"]) for m in records] == [
        (TELECOM, "telecom", "prm@telecom.com", "ACTIVE"),
        ("98869837502654", "airtelInd", "agm@airtelInd.com", "INACTIVE"),
        ("109", "x", None, None),
    ]
    assert records[0]["approval"] == "APPROVED"


async def test_each_call_goes_to_its_documented_route_with_its_request() -> None:
    answers: dict[tuple[str, str], object] = {
        ("PATCH", f"/{TELECOM}/status"): {
            "mispStatus": "Active",
            "mispLicenseKey": KEY,
            "mispLicenseKeyExpiry": "2020-05-15T16:08:33.767993400",
            "mispLicenseKeyStatus": "active",
            "mispID": TELECOM,
            "mispStatusCode": "approved",
            "message": "MISP approved successfully",
        },
        ("PUT", f"/{TELECOM}"): telecom(emailId="new@telecom.com", emailID=None),
        ("PATCH", f"/{TELECOM}/licenseKey"): {"message": "MISP License key is valid"},
        ("PUT", f"/{TELECOM}/licenseKey"): {"status": "De-Active"},
        ("GET", f"/{TELECOM}/licenseKey"): {
            "mispLicenseKey": KEY,
            "mispLicenseKeyExpiry": "2022-12-31",
            "mispLicenseKeyStatus": "Active",
        },
        ("GET", "/name/telecom%20India"): {"telecom India": telecom(organizationName=None)},
    }

    def route(request: httpx.Request, body: object) -> httpx.Response:
        tail = request.url.raw_path.decode()[len(MISPS_PATH) :]
        return ok(answers[(request.method, tail)])

    fake = FakeMosip(route)
    c = client(fake)
    decision = await c.decide_misp(TELECOM, "APPROVED")
    assert decision["license_key"] == {
        "key": KEY,
        "status": "ACTIVE",
        "expiry": "2020-05-15T16:08:33.767993Z",
    }
    updated = await c.update_misp(TELECOM, email="new@telecom.com")
    assert updated["email"] == "new@telecom.com"
    assert await c.validate_license_key(TELECOM, KEY) == "MISP License key is valid"
    assert await c.set_license_key_status(TELECOM, KEY, "INACTIVE") == "INACTIVE"
    key = await c.get_license_key(TELECOM)
    assert key is not None
    assert key["expiry"] == "2022-12-31T23:59:59.999999Z"
    named = await c.find_misps("telecom India")
    assert named[0]["name"] == "telecom India"
    sent = [
        (r.method, b["id"] if b else None, b["request"] if b else None)
        for r, b in fake.requests[1:]
    ]
    assert sent == [
        ("PATCH", "mosip.partnermanagement.misp.status", {"mispStatus": "approved"}),
        ("PUT", "mosip.partnermanagement.misp.update", {"emailId": "new@telecom.com"}),
        ("PATCH", "mosip.partnermanagement.misp.license.validate", {"mispLicenseKey": KEY}),
        (
            "PUT",
            "mosip.partnermanagement.misp.license.update",
            {"mispLicenseKey": KEY, "mispLicenseKeyStatus": "De-Active"},
        ),
        ("GET", None, None),
        ("GET", None, None),
    ]


async def test_ids_and_names_outside_their_format_are_refused_before_any_request() -> None:
    fake = FakeMosip(lambda r, b: ok(telecom()))
    c = client(fake)
    for call in (
        c.get_misp("../misps"),
        c.get_license_key("12/34"),
        c.set_misp_status("abc", "ACTIVE"),
        c.find_misps(".."),
        c.find_misps("a/b"),
    ):
        with pytest.raises(KeyRefused):
            await call
    assert fake.requests == []


async def test_health_is_an_authenticated_read() -> None:
    fake = FakeMosip(lambda r, b: failed("PMS_MSP_005", "MISP ID does not exist 0"))
    assert await client(fake).health() is True
    assert [r.url.path for r, _ in fake.requests] == [AUTH_PATH, f"{MISPS_PATH}/0"]


# --- license keys stay out of messages and logs ----------------------------------------------


@pytest.mark.parametrize("key", [KEY, OLD_KEY])
async def test_a_license_key_never_reaches_an_error_or_a_log(
    key: str, caplog: pytest.LogCaptureFixture
) -> None:
    def route(request: httpx.Request, body: Any) -> httpx.Response:
        sent = body["request"]["mispLicenseKey"] if body else ""
        return failed("PMS_MSP_008", f"MISP License key not valid {sent}")

    caplog.set_level(logging.DEBUG)
    c = client(FakeMosip(route))
    for call in (
        c.validate_license_key(TELECOM, key),
        c.set_license_key_status(TELECOM, key, "ACTIVE"),
    ):
        with pytest.raises(UpstreamRejected) as info:
            await call
        assert info.value.error_codes == ("PMS_MSP_008",)
        assert info.value.detail == "MISP License key not valid [license key]"
        for text in (str(info.value), repr(info.value), str(info.value.args)):
            assert key not in text
    assert key not in caplog.text


async def test_a_key_of_an_unknown_style_is_scrubbed_as_the_key_sent() -> None:
    odd = "ZZ-1"

    def route(request: httpx.Request, body: Any) -> httpx.Response:
        return failed("PMS_MSP_006", f"No such key {odd} for this MISP")

    with pytest.raises(UpstreamNotFound) as info:
        await client(FakeMosip(route)).validate_license_key(TELECOM, odd)
    assert odd not in str(info.value)
    assert odd not in repr(info.value)


async def test_a_license_key_in_any_error_message_is_scrubbed() -> None:
    def route(request: httpx.Request, body: Any) -> httpx.Response:
        return failed("PMS_COR_003", f"Could not process the request for {KEY} / {OLD_KEY}")

    with pytest.raises(UpstreamError) as info:
        await client(FakeMosip(route), retries=0).get_license_key(TELECOM)
    assert info.value.detail == "Could not process the request for [license key] / [license key]"
    assert KEY not in repr(info.value)
    assert OLD_KEY not in str(info.value)
