"""Records as the portal renders them: camelCase keys, the API's id as DynamoDB keys
(``PK`` = ``API-Api#<id>``, ``SK`` = ``Api#<id>``), dates as ISO 8601 in UTC."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from upstreams.portal.simulator.seed import AccessRequest, Api, Client, HostServer, User
from upstreams.portal.simulator.store import Email
from upstreams.portal.wire import pk, sk

__all__ = [
    "access_request_json",
    "api_json",
    "client_json",
    "email_json",
    "host_server_json",
    "producer_request_json",
    "stamp",
]


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def host_server_json(server: HostServer) -> dict[str, Any]:
    return {"hostName": server.url, "serverName": server.server_name, "id": server.id}


def api_json(api: Api, producer: User | None) -> dict[str, Any]:
    return {
        "PK": pk(api.id),
        "SK": sk(api.id),
        "name": api.name,
        "description": api.description,
        "type": api.type,
        "path": api.path,
        "version": api.version,
        "category": api.category,
        "visibility": api.visibility,
        "authentication": api.authentication,
        "apiDocTitle": api.api_doc_title,
        "hostServers": [host_server_json(s) for s in api.host_servers],
        "publishDate": stamp(api.publish_date),
        "updatedDate": stamp(api.updated_date),
        "createdBy": api.producer_id,
        "producerName": producer.name if producer is not None else None,
        "oasFileName": api.oas.filename,
        "docFileName": api.doc.filename if api.doc is not None else None,
    }


def access_request_json(request: AccessRequest, api: Api | None) -> dict[str, Any]:
    """The consumer's view of one of their requests."""
    return {
        "id": request.id,
        "apiId": request.api_id,
        "apiName": api.name if api is not None else None,
        "environment": request.environment,
        "url": request.url,
        "serverId": request.server_id,
        "status": request.status,
        "reason": request.reason,
        "projectId": request.project_id,
        "requestedDate": stamp(request.requested_at),
        "updatedDate": stamp(request.updated_at),
    }


def _person(user: User | None, user_id: str) -> dict[str, Any]:
    if user is None:
        return {"id": user_id, "name": None, "email": None, "organization": None}
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "organization": user.organization,
    }


def producer_request_json(
    request: AccessRequest, api: Api | None, users: dict[str, User]
) -> dict[str, Any]:
    """The producer's view: the consumer's, plus who asked and who decided, when."""
    data = access_request_json(request, api)
    data["requesterProfile"] = _person(users.get(request.consumer_id), request.consumer_id)
    data["approvalHistory"] = [
        {
            "status": entry.status,
            "reason": entry.reason,
            "changedBy": _person(users.get(entry.by), entry.by),
            "changedDate": stamp(entry.at),
        }
        for entry in request.history
    ]
    return data


def client_json(client: Client) -> dict[str, Any]:
    return {
        "clientId": client.client_id,
        "apiId": client.api_id,
        "serverId": client.server_id,
        "url": client.url,
        "environment": client.environment,
        "requestId": client.request_id,
        "projectId": client.project_id,
        "redirectURI": list(client.redirect_uris),
        "grantType": client.grant_type,
        "status": client.status,
        "createdDate": stamp(client.created_at),
    }


def email_json(email: Email) -> dict[str, Any]:
    return {
        "id": email.id,
        "source": email.source,
        "templateId": email.template_id,
        "templateName": email.template_name,
        "email": email.email,
        "substitutionData": dict(email.substitution),
        "sentAt": stamp(email.at),
    }
