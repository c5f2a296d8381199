"""Partner Portal answers read strictly into records (no I/O)."""

from __future__ import annotations

from typing import Any

import pytest

from upstreams import UpstreamProtocolError
from upstreams._shape import Op
from upstreams.portal.records import (
    read_access_request,
    read_api,
    read_api_id,
    read_apis,
    read_client,
    read_email_receipt,
    read_new_client,
    read_producer_access_request,
    read_published,
    read_reference_list,
)

OP = Op("portal", "test")
ID = "51069cbf-7e26-4ec6-b5a2-bc11fcb060d6"


def api(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "PK": f"API-Api#{ID}",
        "SK": f"Api#{ID}",
        "name": "Member Eligibility API",
        "description": "Coverage",
        "type": "REST",
        "path": "/eligibility/v1",
        "version": "1.0.0",
        "category": "Patient",
        "visibility": "Public",
        "authentication": "OAUTH 2.0",
        "apiDocTitle": "Guide",
        "hostServers": [{"hostName": "https://a.example", "serverName": "Production", "id": "p1"}],
        "publishDate": "2024-01-02T00:00:00.000Z",
        "updatedDate": "2024-02-02T00:00:00.000Z",
        "createdBy": "u-1",
        "producerName": "Jordan Ellis",
        "oasFileName": "a.yaml",
        "docFileName": "a.md",
    }
    raw.update(changes)
    return raw


def test_an_api_record_has_the_bare_id_and_snake_case_keys() -> None:
    record = read_api(api(), OP)
    assert record == {
        "id": ID,
        "name": "Member Eligibility API",
        "description": "Coverage",
        "type": "REST",
        "path": "/eligibility/v1",
        "version": "1.0.0",
        "category": "Patient",
        "visibility": "Public",
        "authentication": "OAUTH 2.0",
        "api_doc_title": "Guide",
        "host_servers": [{"id": "p1", "server_name": "Production", "url": "https://a.example"}],
        "publish_date": "2024-01-02T00:00:00.000Z",
        "updated_date": "2024-02-02T00:00:00.000Z",
        "producer_id": "u-1",
        "producer_name": "Jordan Ellis",
        "oas_file_name": "a.yaml",
        "doc_file_name": "a.md",
    }


@pytest.mark.parametrize(
    "keys",
    [
        {"PK": f"API-Api#{ID}"},
        {"SK": f"Api#{ID}"},
        {"id": ID},
        {"id": f"Api#{ID}"},
        {"id": f"API-Api#{ID}"},
    ],
)
def test_the_id_comes_from_pk_sk_or_id(keys: dict[str, str]) -> None:
    assert read_api_id(keys, OP) == ID


@pytest.mark.parametrize(
    ("keys", "detail"),
    [
        ({}, "PK, SK and id are missing"),
        ({"PK": f"API-Api#{ID}", "SK": "Api#other"}, "PK and SK name different APIs"),
        ({"PK": f"Api#{ID}"}, "PK is not API-Api#<id>"),
        ({"SK": ID}, "SK is not Api#<id>"),
        ({"SK": "Api#"}, "SK is not Api#<id>"),
        ({"PK": 7}, "PK is not API-Api#<id>"),
    ],
)
def test_wrong_keys_are_wrong_shapes(keys: dict[str, Any], detail: str) -> None:
    with pytest.raises(UpstreamProtocolError, match=detail):
        read_api_id(keys, OP)


def test_enum_values_take_the_documents_spelling_and_unknown_ones_pass() -> None:
    record = read_api(api(visibility="public", authentication="oauth 2.0", category="Payer"), OP)
    assert (record["visibility"], record["authentication"]) == ("Public", "OAUTH 2.0")
    assert record["category"] == "Payer"


@pytest.mark.parametrize(
    "changes",
    [
        {"name": None},
        {"name": ""},
        {"description": ["x"]},
        {"hostServers": "p1"},
        {"hostServers": ["p1"]},
        {"hostServers": [{"hostName": {"a": 1}}]},
    ],
)
def test_a_wrong_api_is_a_protocol_error(changes: dict[str, Any]) -> None:
    with pytest.raises(UpstreamProtocolError):
        read_api(api(**changes), OP)


def test_a_number_version_reads_as_text_and_url_stands_in_for_host_name() -> None:
    record = read_api(api(version=2, hostServers=[{"url": "https://b.example"}]), OP)
    assert record["version"] == "2"
    assert record["host_servers"] == [{"id": None, "server_name": None, "url": "https://b.example"}]


def test_lists_are_arrays_or_wrapped_arrays_never_anything_else() -> None:
    assert [a["id"] for a in read_apis([api()], OP)] == [ID]
    assert [a["id"] for a in read_apis({"items": [api()]}, OP)] == [ID]
    for wrong in ({"items": "x"}, "x", None, {"count": 1}, [1]):
        with pytest.raises(UpstreamProtocolError):
            read_apis(wrong, OP)


def test_published_strips_a_prefixed_id() -> None:
    assert read_published({"message": "Insert Successful", "id": f"Api#{ID}"}, OP) == {
        "id": ID,
        "message": "Insert Successful",
    }


def _request(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "r1",
        "apiId": f"Api#{ID}",
        "apiName": "X",
        "environment": "Sandbox",
        "url": "https://s.example",
        "serverId": "s1",
        "status": "approved",
        "reason": None,
        "projectId": "prj-1",
        "requestedDate": "2024-01-01T00:00:00.000Z",
        "updatedDate": "2024-01-02T00:00:00.000Z",
    }
    raw.update(changes)
    return raw


def test_an_access_request_reads_its_status_and_bare_api_id() -> None:
    record = read_access_request(_request(), OP)
    assert (record["api_id"], record["status"], record["project_id"]) == (ID, "Approved", "prj-1")
    with pytest.raises(UpstreamProtocolError, match="status is missing"):
        read_access_request(_request(status=None), OP)


def test_the_producer_view_reads_history_and_requester() -> None:
    person = {"id": "u", "name": "Dana", "email": "d@x.example", "organization": "B"}
    raw = _request(
        requesterProfile=person,
        approvalHistory=[
            {"status": "Pending", "changedBy": person, "changedDate": "d1"},
            {"status": "Denied", "reason": "No", "changedBy": None, "changedDate": "d2"},
        ],
    )
    record = read_producer_access_request(raw, OP)
    assert record["requester"] == person
    assert record["history"] == [
        {"status": "Pending", "reason": None, "changed_by": person, "changed_date": "d1"},
        {"status": "Denied", "reason": "No", "changed_by": None, "changed_date": "d2"},
    ]
    with pytest.raises(UpstreamProtocolError):
        read_producer_access_request(_request(approvalHistory={"status": "Pending"}), OP)


def test_a_client_reads_redirect_uris_as_list_or_string() -> None:
    raw = {
        "clientId": "cl-1",
        "redirectURI": ["https://a.example", ""],
        "grantType": "Client_Credentials",
    }
    record = read_client(raw, OP)
    assert record["redirect_uris"] == ["https://a.example"]
    assert record["grant_type"] == "client_credentials"
    assert read_client({"clientId": "cl-1", "redirectURI": "https://b"}, OP)["redirect_uris"] == [
        "https://b"
    ]
    with pytest.raises(UpstreamProtocolError):
        read_client({"clientId": "cl-1", "redirectURI": [1]}, OP)
    with pytest.raises(UpstreamProtocolError, match="clientId is missing"):
        read_client({}, OP)


def test_a_new_client_must_hold_its_secret() -> None:
    record = read_new_client({"clientId": "cl-1", "clientSecret": "s3cret"}, OP)
    assert (record["client_id"], record["client_secret"]) == ("cl-1", "s3cret")
    nested = read_new_client({"client": {"clientId": "cl-2"}, "clientSecret": "s"}, OP)
    assert nested["client_id"] == "cl-2"
    with pytest.raises(UpstreamProtocolError, match="clientSecret is missing"):
        read_new_client({"clientId": "cl-1"}, OP)


def test_reference_lists_read_objects_or_strings() -> None:
    assert read_reference_list([{"name": "Patient", "description": "d"}, "Provider"], OP) == [
        {"name": "Patient", "description": "d"},
        {"name": "Provider", "description": None},
    ]
    assert read_reference_list({"items": [{"value": "Public"}]}, OP) == [
        {"name": "Public", "description": None}
    ]
    for wrong in ([{"description": "no name"}], [3], {"x": 1}):
        with pytest.raises(UpstreamProtocolError):
            read_reference_list(wrong, OP)


def test_an_email_receipt_reads_spark_posts_results() -> None:
    assert read_email_receipt({"message": "Email Sent", "results": {"id": "t1"}}, OP) == {
        "id": "t1",
        "message": "Email Sent",
    }
    assert read_email_receipt(None, OP) == {"id": None, "message": None}
    with pytest.raises(UpstreamProtocolError):
        read_email_receipt({"results": "x"}, OP)
