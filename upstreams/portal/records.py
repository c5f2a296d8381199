"""Partner Portal answers normalized to records, at the edge (see UPSTREAMS.md).

Snake_case keys; the API id bare, whatever carried it (``PK`` = ``API-Api#<id>``, ``SK`` =
``Api#<id>``, or a plain ``id``; an ``apiId`` sent prefixed is stripped too); enum values in
the document's spelling when they match one case-insensitively, else as sent; dates as the
ISO 8601 text the portal sent. Pure functions of the decoded JSON: tested without any I/O.

Reading is strict (DESIGN.md, "Staying up"): a value of the wrong type is
:class:`~upstreams.UpstreamProtocolError` (``UPSTREAM_ERROR`` naming the operation), never a
default. Absent or null is allowed only for what a record can lack (a description, a
reason, a project id before approval); an API without an id, a request without a status,
a client without its id, or PK and SK naming different APIs are wrong shapes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from upstreams._shape import Op, expect_list, expect_object, expect_objects, wrong_shape
from upstreams.portal.wire import (
    ACCESS_STATUSES,
    API_TYPES,
    AUTHENTICATIONS,
    CATEGORIES,
    GRANT_TYPES,
    PK_PREFIX,
    SERVER_NAMES,
    SK_PREFIX,
    VISIBILITIES,
    strip_key,
)

__all__ = [
    "AccessRequestRecord",
    "ApiRecord",
    "ClientRecord",
    "CreatedRecord",
    "DecisionRecord",
    "EmailReceiptRecord",
    "HistoryEntryRecord",
    "HostServerRecord",
    "NewClientRecord",
    "OasFileRecord",
    "PersonRecord",
    "ProducerAccessRequestRecord",
    "PublishedRecord",
    "ReferenceRecord",
    "UploadedRecord",
    "read_access_request",
    "read_api",
    "read_api_id",
    "read_apis",
    "read_client",
    "read_created",
    "read_decision",
    "read_email_receipt",
    "read_link",
    "read_list",
    "read_message",
    "read_new_client",
    "read_producer_access_request",
    "read_published",
    "read_reference_list",
    "read_uploaded",
]


class HostServerRecord(TypedDict):
    id: str | None
    server_name: str | None  # Production | Sandbox
    url: str | None  # the document's `hostName`


class ApiRecord(TypedDict):
    id: str  # bare, without the PK/SK prefixes
    name: str
    description: str | None
    type: str | None  # REST | GraphQL
    path: str | None
    version: str | None
    category: str | None  # Patient | Provider
    visibility: str | None  # Public | Private | Partner | Application
    authentication: str | None  # API Keys | Basic Auth | OAUTH 2.0
    api_doc_title: str | None
    host_servers: list[HostServerRecord]
    publish_date: str | None
    updated_date: str | None
    producer_id: str | None
    producer_name: str | None
    oas_file_name: str | None
    doc_file_name: str | None


class PublishedRecord(TypedDict):
    id: str
    message: str | None


class CreatedRecord(TypedDict):
    """The answer to a call that created something: ``{"message": "Insert Successful",
    "id": ...}``."""

    id: str
    message: str | None


class UploadedRecord(TypedDict):
    url: str
    message: str | None


class OasFileRecord(TypedDict):
    """A downloaded OAS file: its bytes as served, and what the server called them."""

    content: bytes
    content_type: str | None  # the media type, without parameters
    filename: str | None  # from Content-Disposition, when the server named the file


class PersonRecord(TypedDict):
    id: str | None
    name: str | None
    email: str | None
    organization: str | None


class HistoryEntryRecord(TypedDict):
    status: str
    reason: str | None
    changed_by: PersonRecord | None
    changed_date: str | None


class AccessRequestRecord(TypedDict):
    """An access request as its consumer sees it."""

    id: str
    api_id: str | None
    api_name: str | None
    environment: str | None
    url: str | None
    server_id: str | None
    status: str  # Pending | Approved | Denied
    reason: str | None  # the denial's reason
    project_id: str | None  # set once approved; a client is created with it
    requested_date: str | None
    updated_date: str | None


class ProducerAccessRequestRecord(AccessRequestRecord):
    """The producer's view adds who asked and every change of status, by whom."""

    requester: PersonRecord | None
    history: list[HistoryEntryRecord]


class DecisionRecord(TypedDict):
    id: str | None
    status: str | None
    project_id: str | None
    message: str | None


class ClientRecord(TypedDict):
    client_id: str
    api_id: str | None
    server_id: str | None
    url: str | None
    environment: str | None
    request_id: str | None
    project_id: str | None
    redirect_uris: list[str]
    grant_type: str | None
    status: str | None
    created_date: str | None


class NewClientRecord(ClientRecord):
    """A client as created: the only answer that holds its secret."""

    client_secret: str


class ReferenceRecord(TypedDict):
    name: str
    description: str | None


class EmailReceiptRecord(TypedDict):
    id: str | None
    message: str | None


# --- scalars --------------------------------------------------------------------------------


def _text(raw: Mapping[str, Any], name: str, op: Op) -> str | None:
    """Text or null; a number is read as text (a version sent as 1.2)."""
    value = raw.get(name)
    if value is None or type(value) is str:
        return value
    if type(value) in (int, float):
        return str(value)
    raise wrong_shape(op, f"{name} is {type(value).__name__}, expected text")


def _required(raw: Mapping[str, Any], name: str, op: Op) -> str:
    value = _text(raw, name, op)
    if not value:
        raise wrong_shape(op, f"{name} is {'empty' if value == '' else 'missing'}")
    return value


def _enum(raw: Mapping[str, Any], name: str, options: Sequence[str], op: Op) -> str | None:
    """The document's spelling when the value is one of ``options`` in another case; any
    other text as sent (a new value upstream is not a broken answer)."""
    value = _text(raw, name, op)
    if value is None:
        return None
    folded = value.casefold()
    return next((o for o in options if o.casefold() == folded), value)


def _bare_api_id(raw: Mapping[str, Any], name: str, op: Op) -> str | None:
    value = _text(raw, name, op)
    return None if value is None else strip_key(value)


def read_api_id(raw: Mapping[str, Any], op: Op) -> str:
    """The bare API id of a record: from PK and SK (which must agree), else ``id``."""
    found: dict[str, str] = {}
    for key, prefix in (("PK", PK_PREFIX), ("SK", SK_PREFIX)):
        value = raw.get(key)
        if value is None:
            continue
        if type(value) is not str or not value.startswith(prefix) or len(value) == len(prefix):
            raise wrong_shape(op, f"{key} is not {prefix}<id>")
        found[key] = value[len(prefix) :]
    if len(set(found.values())) > 1:
        raise wrong_shape(op, "PK and SK name different APIs")
    if found:
        return next(iter(found.values()))
    bare = _text(raw, "id", op)
    if not bare:
        raise wrong_shape(op, "PK, SK and id are missing")
    return strip_key(bare)


# --- records --------------------------------------------------------------------------------


def _host_server(raw: Mapping[str, Any], op: Op) -> HostServerRecord:
    url = _text(raw, "hostName", op)
    return {
        "id": _text(raw, "id", op),
        "server_name": _enum(raw, "serverName", SERVER_NAMES, op),
        # `url` is read when `hostName` is absent (access requests and clients call it so).
        "url": url if url is not None else _text(raw, "url", op),
    }


def read_api(value: object, op: Op) -> ApiRecord:
    raw = expect_object(value, op, "API")
    servers = raw.get("hostServers")
    return {
        "id": read_api_id(raw, op),
        "name": _required(raw, "name", op),
        "description": _text(raw, "description", op),
        "type": _enum(raw, "type", API_TYPES, op),
        "path": _text(raw, "path", op),
        "version": _text(raw, "version", op),
        "category": _enum(raw, "category", CATEGORIES, op),
        "visibility": _enum(raw, "visibility", VISIBILITIES, op),
        "authentication": _enum(raw, "authentication", AUTHENTICATIONS, op),
        "api_doc_title": _text(raw, "apiDocTitle", op),
        "host_servers": [
            _host_server(s, op)
            for s in ([] if servers is None else expect_objects(servers, op, "hostServers"))
        ],
        "publish_date": _text(raw, "publishDate", op),
        "updated_date": _text(raw, "updatedDate", op),
        "producer_id": _text(raw, "createdBy", op),
        "producer_name": _text(raw, "producerName", op),
        "oas_file_name": _text(raw, "oasFileName", op),
        "doc_file_name": _text(raw, "docFileName", op),
    }


def read_list(value: object, op: Op) -> list[Mapping[str, Any]]:
    """A list answer: a bare array, or (read as well) the array under ``items``/``data``."""
    if isinstance(value, Mapping):
        for key in ("items", "data"):
            if key in value:
                return expect_objects(value[key], op, key)
    return expect_objects(value, op)


def read_apis(value: object, op: Op) -> list[ApiRecord]:
    return [read_api(item, op) for item in read_list(value, op)]


def read_message(value: object, op: Op) -> str | None:
    """The ``message`` of a success answer; an empty answer has none."""
    if value is None:
        return None
    return _text(expect_object(value, op), "message", op)


def read_published(value: object, op: Op) -> PublishedRecord:
    raw = expect_object(value, op)
    return {"id": read_api_id(raw, op), "message": _text(raw, "message", op)}


def read_created(value: object, op: Op) -> CreatedRecord:
    raw = expect_object(value, op)
    return {"id": _required(raw, "id", op), "message": _text(raw, "message", op)}


def read_link(value: object, op: Op) -> str:
    return _required(expect_object(value, op), "url", op)


def read_uploaded(value: object, op: Op) -> UploadedRecord:
    raw = expect_object(value, op)
    return {"url": _required(raw, "url", op), "message": _text(raw, "message", op)}


def _person(value: object, op: Op, what: str) -> PersonRecord | None:
    if value is None:
        return None
    raw = expect_object(value, op, what)
    return {
        "id": _text(raw, "id", op),
        "name": _text(raw, "name", op),
        "email": _text(raw, "email", op),
        "organization": _text(raw, "organization", op),
    }


def read_access_request(value: object, op: Op) -> AccessRequestRecord:
    raw = expect_object(value, op, "access request")
    status = _enum(raw, "status", ACCESS_STATUSES, op)
    if status is None:
        raise wrong_shape(op, "status is missing")
    return {
        "id": _required(raw, "id", op),
        "api_id": _bare_api_id(raw, "apiId", op),
        "api_name": _text(raw, "apiName", op),
        "environment": _enum(raw, "environment", SERVER_NAMES, op),
        "url": _text(raw, "url", op),
        "server_id": _text(raw, "serverId", op),
        "status": status,
        "reason": _text(raw, "reason", op),
        "project_id": _text(raw, "projectId", op),
        "requested_date": _text(raw, "requestedDate", op),
        "updated_date": _text(raw, "updatedDate", op),
    }


def read_producer_access_request(value: object, op: Op) -> ProducerAccessRequestRecord:
    base = read_access_request(value, op)
    raw = expect_object(value, op)
    history = raw.get("approvalHistory")
    entries: list[HistoryEntryRecord] = []
    for entry in [] if history is None else expect_objects(history, op, "approvalHistory"):
        status = _enum(entry, "status", ACCESS_STATUSES, op)
        if status is None:
            raise wrong_shape(op, "approvalHistory status is missing")
        entries.append(
            {
                "status": status,
                "reason": _text(entry, "reason", op),
                "changed_by": _person(entry.get("changedBy"), op, "changedBy"),
                "changed_date": _text(entry, "changedDate", op),
            }
        )
    return {
        **base,
        "requester": _person(raw.get("requesterProfile"), op, "requesterProfile"),
        "history": entries,
    }


def read_decision(value: object, op: Op) -> DecisionRecord:
    raw = expect_object(value, op)
    return {
        "id": _text(raw, "id", op),
        "status": _enum(raw, "status", ACCESS_STATUSES, op),
        "project_id": _text(raw, "projectId", op),
        "message": _text(raw, "message", op),
    }


def read_client(value: object, op: Op) -> ClientRecord:
    raw = expect_object(value, op, "client")
    uris = raw.get("redirectURI")
    redirect_uris: list[str] = []
    if isinstance(uris, str):
        # The document's table calls it a "string" while its body shows a list: read both.
        redirect_uris = [uris] if uris else []
    elif uris is not None:
        for index, uri in enumerate(expect_list(uris, op, "redirectURI")):
            if type(uri) is not str:
                raise wrong_shape(
                    op, f"redirectURI[{index}] is {type(uri).__name__}, expected text"
                )
            if uri:
                redirect_uris.append(uri)
    return {
        "client_id": _required(raw, "clientId", op),
        "api_id": _bare_api_id(raw, "apiId", op),
        "server_id": _text(raw, "serverId", op),
        "url": _text(raw, "url", op),
        "environment": _enum(raw, "environment", SERVER_NAMES, op),
        "request_id": _text(raw, "requestId", op),
        "project_id": _text(raw, "projectId", op),
        "redirect_uris": redirect_uris,
        "grant_type": _enum(raw, "grantType", GRANT_TYPES, op),
        "status": _text(raw, "status", op),
        "created_date": _text(raw, "createdDate", op),
    }


def read_new_client(value: object, op: Op) -> NewClientRecord:
    raw = expect_object(value, op, "client")
    # Some portals nest the created client under `client`; the secret may sit beside it.
    inner = raw.get("client")
    client = read_client(inner if isinstance(inner, Mapping) else raw, op)
    secret = _text(raw, "clientSecret", op)
    if secret is None and isinstance(inner, Mapping):
        secret = _text(inner, "clientSecret", op)
    if not secret:
        raise wrong_shape(op, "clientSecret is missing")
    return {**client, "client_secret": secret}


def read_reference_list(value: object, op: Op) -> list[ReferenceRecord]:
    """A supporting list: objects with ``name`` (or ``value``/``label``), or plain strings."""
    if isinstance(value, Mapping) and (key := _list_key(value)) is not None:
        value = value[key]
    items: list[ReferenceRecord] = []
    for index, item in enumerate(expect_list(value, op)):
        if type(item) is str:
            items.append({"name": item, "description": None})
            continue
        if not isinstance(item, Mapping):
            raise wrong_shape(op, f"item {index} is {type(item).__name__}, expected object or text")
        name = next(
            (n for n in (_text(item, k, op) for k in ("name", "value", "label")) if n), None
        )
        if name is None:
            raise wrong_shape(op, f"item {index} has no name")
        items.append({"name": name, "description": _text(item, "description", op)})
    return items


def _list_key(value: Mapping[str, Any]) -> str | None:
    return next((k for k in ("items", "data") if isinstance(value.get(k), list)), None)


def read_email_receipt(value: object, op: Op) -> EmailReceiptRecord:
    """What the email call answered: its message and, when SparkPost's ``results`` are
    passed through, the transmission id."""
    if value is None:
        return {"id": None, "message": None}
    raw = expect_object(value, op)
    results = raw.get("results")
    transmission = _text(expect_object(results, op, "results"), "id", op) if results else None
    return {"id": transmission or _text(raw, "id", op), "message": _text(raw, "message", op)}
