"""The Partner Portal client over httpx.MockTransport: what it sends, what it reads."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import httpx
import orjson
import pytest

from upstreams import (
    KeyRefused,
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotFound,
    UpstreamProtocolError,
    UpstreamRejected,
    UpstreamUnauthorized,
    UpstreamUnavailable,
)
from upstreams.config import UpstreamSettings
from upstreams.portal import (
    ApiChanges,
    ApiDetails,
    CatalogQuery,
    DecisionEmail,
    EmailMessage,
    HostServer,
    NewClient,
    PortalClient,
    Upload,
)

ID = "51069cbf-7e26-4ec6-b5a2-bc11fcb060d6"
BASE = "http://portal.test/v1"
Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, **kwargs: Any) -> PortalClient:
    settings = UpstreamSettings(
        name="portal", base_url=BASE, credentials={"TOKEN": "t0k3n"}, retries=2
    )
    return PortalClient(settings, transport=httpx.MockTransport(handler), backoff_s=0.001, **kwargs)


def recorder(
    response: httpx.Response | Callable[[httpx.Request], httpx.Response],
) -> tuple[list[httpx.Request], Handler]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return response(request) if callable(response) else response

    return seen, handler


def api_json(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {"PK": f"API-Api#{ID}", "SK": f"Api#{ID}", "name": "Eligibility"}
    raw.update(changes)
    return raw


def parts(request: httpx.Request) -> dict[str, tuple[str | None, str | None, bytes]]:
    """The multipart parts by name: (filename, content type, content)."""
    raw = b"content-type: " + request.headers["content-type"].encode() + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(raw + request.content)
    found = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        assert isinstance(name, str)
        assert isinstance(payload, bytes)
        content_type = part.get("content-type")
        found[name] = (
            part.get_filename(),
            None if content_type is None else str(content_type),
            payload,
        )
    return found


DETAILS = ApiDetails(
    name="Claims",
    description="Claims status",
    type="REST",
    path="/claims/v1",
    version="1.0.0",
    category="Provider",
    visibility="Partner",
    authentication="API Keys",
    api_doc_title="Claims Guide",
    host_servers=[
        HostServer("Production", "https://a.example"),
        HostServer("Sandbox", "https://s.example", "sb"),
    ],
)
OAS = Upload("claims.yaml", b"openapi: 3.0.3\n", "application/yaml")
DOC = Upload("claims.md", b"# Claims\n")


# --- auth, lists, ids --------------------------------------------------------------------------


async def test_bearer_token_sort_params_and_stripped_ids() -> None:
    seen, handler = recorder(httpx.Response(200, json=[api_json()]))
    apis = await client(handler).list_apis(CatalogQuery(sort="name", descending=True, limit=5))
    assert [a["id"] for a in apis] == [ID]
    (request,) = seen
    assert request.headers["authorization"] == "Bearer t0k3n"
    assert request.url.path == "/v1/apis"
    assert dict(request.url.params) == {"sort": "name", "order": "desc", "limit": "5"}


async def test_no_query_sends_no_params_and_my_apis_has_its_path() -> None:
    seen, handler = recorder(httpx.Response(200, json=[]))
    portal = client(handler)
    assert await portal.list_apis() == []
    assert await portal.my_apis(CatalogQuery(sort="publishDate")) == []
    assert [r.url.path for r in seen] == ["/v1/apis", "/v1/apis/producer"]
    assert dict(seen[0].url.params) == {}
    assert dict(seen[1].url.params) == {"sort": "publishDate", "order": "asc"}


async def test_get_api_by_bare_id_and_none_when_not_found() -> None:
    seen, handler = recorder(
        lambda r: (
            httpx.Response(200, json=api_json())
            if r.url.path.endswith(ID)
            else httpx.Response(404, json={"message": "API not found", "code": "NOT_FOUND"})
        )
    )
    portal = client(handler)
    record = await portal.get_api(ID)
    assert record is not None
    assert record["id"] == ID
    assert await portal.get_api("other") is None
    assert seen[0].url.path == f"/v1/apis/{ID}"


@pytest.mark.parametrize("bad", ["producer", "oas", "requests", "..", "a/b", f"Api#{ID}", ""])
async def test_ids_that_would_change_the_route_are_refused_unsent(bad: str) -> None:
    seen, handler = recorder(httpx.Response(200, json=api_json()))
    portal = client(handler)
    with pytest.raises(KeyRefused):
        await portal.get_api(bad)
    with pytest.raises(KeyRefused):
        await portal.my_access_requests(bad)
    with pytest.raises(KeyRefused):
        await portal.update_api(bad, changes=ApiChanges(version="2"))
    assert seen == []


async def test_a_list_of_the_wrong_shape_is_an_upstream_error() -> None:
    _, handler = recorder(httpx.Response(200, json={"items": "none"}))
    with pytest.raises(UpstreamProtocolError, match="wrong shape"):
        await client(handler).list_apis()


# --- error mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, UpstreamUnauthorized),
        (403, UpstreamForbidden),
        (404, UpstreamNotFound),
        (400, UpstreamRejected),
        (413, UpstreamRejected),
    ],
)
async def test_statuses_map_to_the_shared_errors(status: int, kind: type[UpstreamError]) -> None:
    body = {"message": "Nope", "code": "SOME_CODE", "errors": [{"field": "file", "message": "bad"}]}
    _, handler = recorder(httpx.Response(status, json=body))
    with pytest.raises(kind) as info:
        await client(handler).my_apis()
    assert info.value.status == status
    assert info.value.error_codes == ("SOME_CODE",)
    assert info.value.field_errors == {"file": ["bad"]}


async def test_a_403_is_forbidden_and_never_retried() -> None:
    seen, handler = recorder(
        httpx.Response(403, json={"message": "producers only", "code": "FORBIDDEN"})
    )
    with pytest.raises(UpstreamForbidden) as info:
        await client(handler).access_requests(ID)
    assert len(seen) == 1
    assert info.value.extensions["code"] == "FORBIDDEN"
    assert "t0k3n" not in str(info.value)


async def test_a_field_error_carries_the_portals_words() -> None:
    body = {
        "message": "A denial needs a reason for the consumer",
        "code": "REASON_REQUIRED",
        "errors": [{"field": "reason", "message": "A denial needs a reason for the consumer"}],
    }
    _, handler = recorder(httpx.Response(400, json=body))
    with pytest.raises(UpstreamRejected) as info:
        await client(handler).decide_access_request("r1", "Denied")
    assert info.value.field_errors == {"reason": ["A denial needs a reason for the consumer"]}
    assert info.value.error_codes == ("REASON_REQUIRED",)


async def test_reads_are_retried_and_writes_are_not() -> None:
    seen, handler = recorder(httpx.Response(503))
    portal = client(handler)
    with pytest.raises(UpstreamUnavailable):
        await portal.categories()
    assert len(seen) == 3
    seen.clear()
    with pytest.raises(UpstreamUnavailable) as info:
        await portal.publish_api(DETAILS, oas=OAS, doc=DOC)
    assert len(seen) == 1
    assert info.value.outcome_unknown


# --- multipart ---------------------------------------------------------------------------------


async def test_publish_sends_the_three_documented_parts() -> None:
    seen, handler = recorder(httpx.Response(200, json={"message": "Insert Successful", "id": ID}))
    published = await client(handler).publish_api(DETAILS, oas=OAS, doc=DOC)
    assert published == {"id": ID, "message": "Insert Successful"}
    (request,) = seen
    assert (request.method, request.url.path) == ("POST", "/v1/apis")
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    found = parts(request)
    assert list(found) == ["file", "doc", "data"]
    assert found["file"] == ("claims.yaml", "application/yaml", b"openapi: 3.0.3\n")
    assert found["doc"] == ("claims.md", "text/markdown", b"# Claims\n")
    filename, _, data = found["data"]
    assert filename is None  # a text field, not a file
    assert orjson.loads(data) == {
        "name": "Claims",
        "description": "Claims status",
        "type": "REST",
        "path": "/claims/v1",
        "version": "1.0.0",
        "category": "Provider",
        "visibility": "Partner",
        "authentication": "API Keys",
        "apiDocTitle": "Claims Guide",
        "hostServers": [
            {"hostName": "https://a.example", "serverName": "Production"},
            {"hostName": "https://s.example", "serverName": "Sandbox", "id": "sb"},
        ],
    }


async def test_an_update_sends_only_the_parts_and_fields_given() -> None:
    seen, handler = recorder(httpx.Response(200, json={"message": "Update Successful"}))
    portal = client(handler)
    message = await portal.update_api(ID, changes=ApiChanges(version="1.1.0"))
    assert message == "Update Successful"
    found = parts(seen[0])
    assert list(found) == ["data"]
    assert orjson.loads(found["data"][2]) == {"version": "1.1.0"}
    assert (seen[0].method, seen[0].url.path) == ("PUT", f"/v1/apis/{ID}")
    await portal.update_api(ID, oas=OAS)
    assert list(parts(seen[1])) == ["file"]
    with pytest.raises(ValueError, match="needs changes"):
        await portal.update_api(ID, changes=ApiChanges())
    assert len(seen) == 2


async def test_upload_sends_one_file_part_and_answers_its_link() -> None:
    seen, handler = recorder(
        httpx.Response(200, json={"message": "Upload Successful", "url": "https://files/x"})
    )
    uploaded = await client(handler).upload_oas(OAS)
    assert uploaded == {"url": "https://files/x", "message": "Upload Successful"}
    assert list(parts(seen[0])) == ["file"]
    assert seen[0].url.path == "/v1/apis/oas/upload"


# --- the OAS file ------------------------------------------------------------------------------


def _oas_transport(
    file_response: Callable[[httpx.Request], httpx.Response], link: str = "https://files.test/f/1"
) -> tuple[list[httpx.Request], Handler]:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/v1/apis/oas/{ID}":
            return httpx.Response(200, json={"url": link})
        return file_response(request)

    return recorder(answer)


async def test_the_oas_link_is_followed_without_our_token_to_another_host() -> None:
    content = b"openapi: 3.0.3\ninfo: {}\n"
    seen, handler = _oas_transport(
        lambda r: httpx.Response(
            200,
            content=content,
            headers={
                "content-type": "application/yaml; charset=utf-8",
                "content-disposition": 'attachment; filename="claims.yaml"',
            },
        )
    )
    record = await client(handler).oas_file(ID)
    assert record == {
        "content": content,
        "content_type": "application/yaml",
        "filename": "claims.yaml",
    }
    link, download = seen
    assert link.headers["authorization"] == "Bearer t0k3n"
    assert str(download.url) == "https://files.test/f/1"
    assert "authorization" not in download.headers


async def test_a_link_on_the_portals_own_origin_gets_the_token() -> None:
    seen, handler = _oas_transport(
        lambda r: httpx.Response(200, content=b"{}", headers={"content-type": "application/json"}),
        link="/v1/files/abc",
    )
    record = await client(handler).oas_file(ID)
    assert record["content"] == b"{}"
    assert str(seen[1].url) == "http://portal.test/v1/files/abc"
    assert seen[1].headers["authorization"] == "Bearer t0k3n"


async def test_a_file_over_the_limit_is_refused_before_or_while_reading() -> None:
    _, handler = _oas_transport(lambda r: httpx.Response(200, content=b"x" * 101))
    with pytest.raises(UpstreamProtocolError, match="larger than 100 bytes"):
        await client(handler, max_oas_bytes=100).oas_file(ID)

    pulled: list[int] = []

    async def endless() -> AsyncIterator[bytes]:
        # No Content-Length, and more than the bound: reading must stop at the bound.
        for index in range(1000):
            pulled.append(index)
            yield b"y" * 64

    _, handler = _oas_transport(lambda r: httpx.Response(200, content=endless()))
    with pytest.raises(UpstreamProtocolError, match="larger than 1000 bytes"):
        await client(handler, max_oas_bytes=1000).oas_file(ID)
    assert len(pulled) < 20
    _, handler = _oas_transport(lambda r: httpx.Response(200, content=b"z" * 100))
    assert len((await client(handler, max_oas_bytes=100).oas_file(ID))["content"]) == 100


@pytest.mark.parametrize("link", ["file:///etc/passwd", "ftp://files.test/a", "javascript:x"])
async def test_a_link_that_is_not_http_is_refused_unfollowed(link: str) -> None:
    seen, handler = _oas_transport(lambda r: httpx.Response(200, content=b"{}"), link=link)
    with pytest.raises(UpstreamProtocolError, match="not an http"):
        await client(handler).oas_file(ID)
    assert len(seen) == 1


@pytest.mark.parametrize(("status", "kind"), [(403, UpstreamForbidden), (404, UpstreamNotFound)])
async def test_an_expired_link_is_an_upstream_error(status: int, kind: type[UpstreamError]) -> None:
    _, handler = _oas_transport(lambda r: httpx.Response(status, content=b"<Error/>"))
    with pytest.raises(kind) as info:
        await client(handler).oas_file(ID)
    assert info.value.operation == "getOasFile"


async def test_an_unreachable_link_is_unavailable() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    _, handler = _oas_transport(fail)
    with pytest.raises(UpstreamUnavailable):
        await client(handler).oas_file(ID)


# --- access requests, decisions and emails ------------------------------------------------------


async def test_request_access_sends_the_documented_body() -> None:
    seen, handler = recorder(httpx.Response(200, json={"message": "Insert Successful", "id": "r1"}))
    created = await client(handler).request_access(
        ID, environment="Sandbox", url="https://s.example", server_id="sb"
    )
    assert created == {"id": "r1", "message": "Insert Successful"}
    assert (seen[0].method, seen[0].url.path) == ("POST", "/v1/subscriptions")
    assert orjson.loads(seen[0].content) == {
        "apiId": ID,
        "environment": "Sandbox",
        "url": "https://s.example",
        "serverId": "sb",
    }


async def test_the_two_views_of_requests_have_their_paths() -> None:
    seen, handler = recorder(httpx.Response(200, json=[{"id": "r1", "status": "Pending"}]))
    portal = client(handler)
    assert [r["status"] for r in await portal.my_access_requests(ID)] == ["Pending"]
    (entry,) = await portal.access_requests(ID)
    assert entry["history"] == []
    assert entry["requester"] is None
    assert [r.url.path for r in seen] == [
        f"/v1/subscriptions/{ID}",
        f"/v1/subscriptions/requests/{ID}",
    ]


DECISION_EMAIL = DecisionEmail(
    email="dana@b.example",
    producer_name="Jordan",
    consumer_name="Dana",
    server_name="Sandbox",
    api_name="Eligibility",
)


def _portal(email_status: int) -> Handler:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/subscriptions":
            body = orjson.loads(request.content)
            return httpx.Response(
                200,
                json={"message": "Update Successful", "id": body["id"], "status": body["status"]},
            )
        if email_status != 200:
            return httpx.Response(
                email_status, json={"message": "mail down", "code": "EMAIL_FAILED"}
            )
        return httpx.Response(200, json={"message": "Email Sent", "results": {"id": "t1"}})

    return answer


async def test_a_decision_then_its_email_with_the_documented_template_body() -> None:
    seen, handler = recorder(_portal(200))
    outcome = await client(handler).decide_and_notify(
        "r1", "Denied", "No agreement", email=DECISION_EMAIL
    )
    assert outcome.decision == {
        "id": "r1",
        "status": "Denied",
        "project_id": None,
        "message": "Update Successful",
    }
    assert outcome.email is not None
    assert outcome.email.sent
    assert outcome.email.receipt == {"id": "t1", "message": "Email Sent"}
    decide, email = seen
    assert (decide.method, orjson.loads(decide.content)) == (
        "PUT",
        {"id": "r1", "status": "Denied", "reason": "No agreement"},
    )
    assert (email.method, email.url.path) == ("POST", "/v1/sparkPostEmail")
    assert orjson.loads(email.content) == {
        "templateId": "partner-portal-access-denied",
        "templateName": "Access Request Denied",
        "email": "dana@b.example",
        "substitutionData": {
            "producerName": "Jordan",
            "consumerName": "Dana",
            "serverName": "Sandbox",
            "apiName": "Eligibility",
            "reasonForDenial": "No agreement",
            "contactUs": "partnerportal@centene.com",
        },
    }


async def test_a_failed_email_leaves_the_decision_standing_and_says_so() -> None:
    seen, handler = recorder(_portal(502))
    outcome = await client(handler).decide_and_notify("r1", "Approved", email=DECISION_EMAIL)
    assert outcome.decision["status"] == "Approved"
    assert outcome.email is not None
    assert not outcome.email.sent
    assert isinstance(outcome.email.error, UpstreamUnavailable)
    assert outcome.email.error.error_codes == ("EMAIL_FAILED",)
    # Sent once: a retried email could reach the consumer twice.
    assert [r.url.path for r in seen] == ["/v1/subscriptions", "/v1/sparkPostEmail"]
    email = orjson.loads(seen[1].content)
    assert email["templateId"] == "partner-portal-access-approved"
    assert email["substitutionData"]["reasonForDenial"] == ""


async def test_a_failed_decision_sends_no_email() -> None:
    seen, handler = recorder(httpx.Response(403, json={"message": "x", "code": "FORBIDDEN"}))
    with pytest.raises(UpstreamForbidden):
        await client(handler).decide_and_notify("r1", "Approved", email=DECISION_EMAIL)
    assert len(seen) == 1


async def test_send_email_raises_and_only_decisions_are_accepted() -> None:
    _, handler = recorder(httpx.Response(400, json={"message": "bad", "code": "UNKNOWN_TEMPLATE"}))
    message = EmailMessage("x", "X", "d@b.example", "J", "D", "Sandbox", "E")
    with pytest.raises(UpstreamRejected):
        await client(handler).send_email(message)
    with pytest.raises(ValueError, match="Approved, Denied"):
        await client(handler).decide_access_request("r1", "Pending")


# --- clients, lists, health --------------------------------------------------------------------


async def test_add_client_answers_the_secret_and_lists_do_not() -> None:
    created = {
        "message": "Insert Successful",
        "clientId": "cl-1",
        "clientSecret": "s3",
        "redirectURI": [],
    }
    seen, handler = recorder(
        lambda r: httpx.Response(
            200, json=created if r.method == "POST" else [{"clientId": "cl-1"}]
        )
    )
    portal = client(handler)
    new = NewClient(ID, "sb", "https://s.example", "Sandbox", "r1", "prj-1", "client_credentials")
    record = await portal.add_client(new)
    assert (record["client_id"], record["client_secret"]) == ("cl-1", "s3")
    assert orjson.loads(seen[0].content) == {
        "apiId": ID,
        "serverId": "sb",
        "url": "https://s.example",
        "environment": "Sandbox",
        "requestId": "r1",
        "projectId": "prj-1",
        "redirectURI": [],
        "grantType": "client_credentials",
    }
    (listed,) = await portal.clients("sb")
    assert "client_secret" not in listed
    assert dict(seen[1].url.params) == {"serverId": "sb"}


async def test_editing_a_client_reports_the_portals_refusal() -> None:
    body = {"message": "Not available through the API", "code": "NOT_IMPLEMENTED"}
    seen, handler = recorder(httpx.Response(501, json=body))
    with pytest.raises(UpstreamProtocolError) as info:
        await client(handler).update_client("cl-1", {"status": "Disabled"})
    assert info.value.status == 501
    assert "Not available through the API" in str(info.value)
    assert not info.value.outcome_unknown  # 501: nothing was done
    assert len(seen) == 1
    assert seen[0].url.path == "/v1/clients/cl-1"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("categories", "/v1/categories"),
        ("grant_types", "/v1/grantTypes"),
        ("methods", "/v1/methods"),
        ("visibilities", "/v1/visibility"),
    ],
)
async def test_supporting_lists(method: str, path: str) -> None:
    seen, handler = recorder(httpx.Response(200, json=[{"name": "A", "description": "a"}]))
    assert await getattr(client(handler), method)() == [{"name": "A", "description": "a"}]
    assert seen[0].url.path == path


@pytest.mark.parametrize(
    ("body", "healthy"),
    [({"status": "OK"}, True), ({"status": "up"}, True), ({"status": "DOWN"}, False), ([], False)],
)
async def test_health(body: object, healthy: bool) -> None:
    seen, handler = recorder(httpx.Response(200, json=body))
    assert await client(handler).health() is healthy
    assert seen[0].url.path == "/v1/health"
    assert seen[0].headers["authorization"] == "Bearer t0k3n"
