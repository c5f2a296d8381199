"""What the portal refuses: file parts of the wrong type or content, API details outside
the document's enums, access requests, decisions, clients and emails that are incomplete.

Each function returns the checked values or raises the 400 (``errors`` naming each field).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import orjson
import yaml

from upstreams.portal.simulator.errors import bad_request, invalid
from upstreams.portal.simulator.requests import FormPart
from upstreams.portal.wire import (
    API_TYPES,
    AUTHENTICATIONS,
    CATEGORIES,
    DATA_FIELDS,
    DECISIONS,
    DOC_EXTENSIONS,
    EMAIL_SUBSTITUTION_FIELDS,
    ENVIRONMENTS,
    GRANT_TYPES,
    OAS_EXTENSIONS,
    OAS_MEDIA_TYPES,
    SERVER_NAMES,
    TEMPLATES,
    VISIBILITIES,
    ErrorCode,
    extension_of,
)

__all__ = [
    "ClientInput",
    "EmailInput",
    "HostServerInput",
    "validate_access_request",
    "validate_api_data",
    "validate_client",
    "validate_decision",
    "validate_doc",
    "validate_email",
    "validate_oas",
]

_URL: Final = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PATH: Final = re.compile(r"/[^\s]*")
_ENUMS: Final[Mapping[str, tuple[str, ...]]] = {
    "type": API_TYPES,
    "category": CATEGORIES,
    "visibility": VISIBILITIES,
    "authentication": AUTHENTICATIONS,
}
_SERVER_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def _one_of(options: tuple[str, ...]) -> str:
    return "must be one of " + ", ".join(f'"{o}"' for o in options)


# --- files ----------------------------------------------------------------------------------


def validate_oas(part: FormPart) -> str:
    """The media type to serve an OAS file with; 400 for a wrong type or a non-OAS document."""
    extension = extension_of(part.filename or "")
    if extension not in OAS_EXTENSIONS:
        raise bad_request(
            ErrorCode.INVALID_FILE_TYPE,
            "file must be an OAS file in a .json, .yaml, or .yml file format",
            part.name,
        )
    document: object
    try:
        if extension == ".json":
            document = orjson.loads(part.content)
        else:
            document = yaml.safe_load(part.content.decode("utf-8"))
    except (orjson.JSONDecodeError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise bad_request(
            ErrorCode.INVALID_OAS_FILE, f"file is not valid {extension[1:].upper()}", part.name
        ) from exc
    if not _is_oas(document):
        raise bad_request(
            ErrorCode.INVALID_OAS_FILE,
            "file must be an OpenAPI 3 (or Swagger 2.0) document with info and paths",
            part.name,
        )
    return OAS_MEDIA_TYPES[extension]


def _is_oas(document: object) -> bool:
    if not isinstance(document, dict):
        return False
    version = document.get("openapi")
    swagger = document.get("swagger")
    versioned = (isinstance(version, str) and version.startswith("3.")) or swagger == "2.0"
    info = document.get("info")
    return (
        versioned
        and isinstance(info, dict)
        and isinstance(info.get("title"), str)
        and isinstance(document.get("paths"), dict)
    )


def validate_doc(part: FormPart) -> None:
    if extension_of(part.filename or "") not in DOC_EXTENSIONS:
        raise bad_request(
            ErrorCode.INVALID_FILE_TYPE, "doc must be documentation in a .md file format", part.name
        )
    try:
        part.content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad_request(ErrorCode.INVALID_FILE_TYPE, "doc must be UTF-8 text", part.name) from exc


# --- API details (the `data` part) --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HostServerInput:
    id: str | None
    server_name: str
    url: str


def validate_api_data(part: FormPart, *, partial: bool) -> dict[str, Any]:
    """The `data` part's values (document names); on update only the keys sent."""
    try:
        raw: object = orjson.loads(part.content)
    except orjson.JSONDecodeError as exc:
        raise bad_request(ErrorCode.INVALID_JSON, "data must be a JSON string", "data") from exc
    if not isinstance(raw, dict):
        raise bad_request(ErrorCode.INVALID_JSON, "data must be a JSON object", "data")
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key in DATA_FIELDS:
        if key not in raw:
            if not partial:
                errors[key] = "is required"
            continue
        value = raw[key]
        if key == "hostServers":
            servers = _host_servers(value, errors)
            if servers is not None:
                values[key] = servers
            continue
        if not isinstance(value, str) or not value.strip():
            errors[key] = "must be a non-empty string"
        elif key in _ENUMS and value not in _ENUMS[key]:
            errors[key] = _one_of(_ENUMS[key])
        elif key == "path" and _PATH.fullmatch(value) is None:
            errors[key] = "must be a URL path starting with /"
        else:
            values[key] = value.strip()
    for key in sorted(set(raw) - set(DATA_FIELDS)):
        errors[str(key)] = "is not a field of an API"
    if errors:
        raise invalid(errors)
    if partial and not values:
        raise invalid({"data": "names no field to change"})
    return values


def _host_servers(value: object, errors: dict[str, str]) -> list[HostServerInput] | None:
    if not isinstance(value, list) or not value:
        errors["hostServers"] = "must be a list of at least one host server"
        return None
    servers: list[HostServerInput] = []
    seen: set[str] = set()
    for index, entry in enumerate(value):
        where = f"hostServers[{index}]"
        if not isinstance(entry, dict):
            errors[where] = "must be an object with hostName, serverName and id"
            continue
        # `hostName` is the document's name for the server URL; `url` is read as its alias.
        url = entry.get("hostName", entry.get("url"))
        name = entry.get("serverName")
        server_id = entry.get("id")
        if not isinstance(url, str) or _URL.fullmatch(url) is None:
            errors[f"{where}.hostName"] = "must be an http(s) URL"
        if name not in SERVER_NAMES:
            errors[f"{where}.serverName"] = _one_of(SERVER_NAMES)
        if server_id in (None, ""):
            server_id = None
        elif not isinstance(server_id, str) or _SERVER_ID.fullmatch(server_id) is None:
            errors[f"{where}.id"] = "must be letters, digits, - or _ (at most 64)"
            server_id = None
        elif server_id in seen:
            errors[f"{where}.id"] = "is used by another host server"
        if isinstance(server_id, str):
            seen.add(server_id)
        if isinstance(url, str) and isinstance(name, str):
            servers.append(HostServerInput(server_id, name, url))
    return servers


# --- access requests, decisions, clients, emails ---------------------------------------------


def _strings(body: Mapping[str, object], names: tuple[str, ...]) -> dict[str, str]:
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for name in names:
        value = body.get(name)
        if not isinstance(value, str) or not value.strip():
            errors[name] = "is required"
        else:
            values[name] = value.strip()
    if errors:
        raise invalid(errors)
    return values


def validate_access_request(body: Mapping[str, object]) -> dict[str, str]:
    values = _strings(body, ("apiId", "environment", "url", "serverId"))
    if values["environment"] not in ENVIRONMENTS:
        raise invalid({"environment": _one_of(ENVIRONMENTS)})
    return values


def validate_decision(body: Mapping[str, object]) -> tuple[str, str, str | None]:
    """(request id, status, reason); a denial needs a reason the consumer is sent."""
    values = _strings(body, ("id", "status"))
    status = values["status"]
    if status not in DECISIONS:
        raise invalid({"status": _one_of(DECISIONS)})
    reason = body.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise invalid({"reason": "must be a string"})
    reason = reason.strip() if reason else None
    if status == "Denied" and not reason:
        raise bad_request(
            ErrorCode.REASON_REQUIRED, "A denial needs a reason for the consumer", "reason"
        )
    return values["id"], status, reason


@dataclass(frozen=True, slots=True)
class ClientInput:
    api_id: str
    server_id: str
    url: str
    environment: str
    request_id: str
    project_id: str
    redirect_uris: list[str]
    grant_type: str


def validate_client(body: Mapping[str, object]) -> ClientInput:
    names = ("apiId", "serverId", "url", "environment", "requestId", "projectId", "grantType")
    values = _strings(body, names)
    errors: dict[str, str] = {}
    if values["environment"] not in ENVIRONMENTS:
        errors["environment"] = _one_of(ENVIRONMENTS)
    if values["grantType"] not in GRANT_TYPES:
        errors["grantType"] = _one_of(GRANT_TYPES)
    raw_uris = body.get("redirectURI", [])
    # The document's example is a list of one empty string: empty entries mean none.
    uris: list[str] = []
    if not isinstance(raw_uris, list) or not all(isinstance(u, str) for u in raw_uris):
        errors["redirectURI"] = "must be a list of URLs"
    else:
        uris = [u.strip() for u in raw_uris if u.strip()]
        if any(_URL.fullmatch(u) is None for u in uris):
            errors["redirectURI"] = "must be http(s) URLs"
        elif values.get("grantType") == "authorization_code" and not uris:
            errors["redirectURI"] = "needs at least one URL for the authorization_code grant"
    if errors:
        raise invalid(errors)
    return ClientInput(
        api_id=values["apiId"],
        server_id=values["serverId"],
        url=values["url"],
        environment=values["environment"],
        request_id=values["requestId"],
        project_id=values["projectId"],
        redirect_uris=uris,
        grant_type=values["grantType"],
    )


@dataclass(frozen=True, slots=True)
class EmailInput:
    template_id: str
    template_name: str
    email: str
    substitution: dict[str, str]


def validate_email(body: Mapping[str, object]) -> EmailInput:
    values = _strings(body, ("templateId", "templateName", "email"))
    errors: dict[str, str] = {}
    known = {t.id: t for t in TEMPLATES.values()}
    template = known.get(values["templateId"])
    if template is None:
        raise bad_request(
            ErrorCode.UNKNOWN_TEMPLATE, "templateId is not a known template", "templateId"
        )
    if _EMAIL.fullmatch(values["email"]) is None:
        errors["email"] = "must be an email address"
    data = body.get("substitutionData")
    substitution: dict[str, str] = {}
    if not isinstance(data, dict):
        errors["substitutionData"] = "must be an object"
    else:
        for name in EMAIL_SUBSTITUTION_FIELDS:
            value = data.get(name, "")
            if not isinstance(value, str):
                errors[f"substitutionData.{name}"] = "must be a string"
            else:
                substitution[name] = value
        for name in ("consumerName", "apiName"):
            if not substitution.get(name, "x").strip():
                errors[f"substitutionData.{name}"] = "is required"
        if template is TEMPLATES["Denied"] and not substitution.get("reasonForDenial", "").strip():
            errors["substitutionData.reasonForDenial"] = "is required for a denial"
    if errors:
        raise invalid(errors)
    return EmailInput(template.id, values["templateName"], values["email"], substitution)
