"""The document's endpoints, one handler each, over a :class:`Store`; plus the download
links the OAS calls hand out (``/files/{token}``) and the test bed's email controls."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any, Final

from aiohttp import web
from yarl import URL

from upstreams.portal.simulator.auth import PUBLIC, caller, require_producer
from upstreams.portal.simulator.errors import (
    ApiError,
    bad_request,
    conflict,
    forbidden,
    invalid,
    not_found,
)
from upstreams.portal.simulator.rendering import (
    access_request_json,
    api_json,
    client_json,
    email_json,
    producer_request_json,
)
from upstreams.portal.simulator.requests import (
    FormPart,
    read_form,
    read_json_object,
    read_list_query,
)
from upstreams.portal.simulator.seed import (
    AccessRequest,
    Api,
    Client,
    HistoryEntry,
    HostServer,
    User,
)
from upstreams.portal.simulator.store import Store, hash_secret
from upstreams.portal.simulator.validation import (
    HostServerInput,
    validate_access_request,
    validate_api_data,
    validate_client,
    validate_decision,
    validate_doc,
    validate_email,
    validate_oas,
)
from upstreams.portal.wire import (
    APIS_PATH,
    AUTHENTICATIONS,
    CATEGORIES_PATH,
    CLIENTS_PATH,
    CONTACT_US,
    DATA_PART,
    DOC_PART,
    EMAIL_PATH,
    FILE_PART,
    GRANT_TYPES_PATH,
    HEALTH_PATH,
    METHODS_PATH,
    OAS_PATH,
    OAS_UPLOAD_PATH,
    PRODUCER_APIS_PATH,
    SUBSCRIPTION_REQUESTS_PATH,
    SUBSCRIPTIONS_PATH,
    TEMPLATES,
    VISIBILITY_PATH,
    ErrorCode,
)
from upstreams.simulators._kit import add_control_route, json_response

__all__ = ["EMAILS_PATH", "FILES_ROUTE", "PortalApi", "add_routes"]

FILES_ROUTE: Final = "portal-file"
EMAILS_PATH: Final = "/__emails"
_FILES_PATH: Final = "/files/{token}"
_EDIT_CLIENT_MESSAGE: Final = (
    "Editing or disabling a client is not available through the API. "
    "Use the Partner Portal website at https://partners.centene.com"
)

_CATEGORIES: Final = (
    {"name": "Patient", "description": "APIs that serve members and patients"},
    {"name": "Provider", "description": "APIs that serve providers and their staff"},
)
_VISIBILITY: Final = (
    {"name": "Public", "description": "Listed for every Partner Portal account"},
    {"name": "Private", "description": "Only its producer and the consumers they approved"},
    {"name": "Partner", "description": "Listed for partner accounts"},
    {"name": "Application", "description": "Listed for application developers"},
)
_METHODS: Final = tuple(
    {"name": name, "description": text}
    for name, text in zip(
        AUTHENTICATIONS,
        (
            "A key sent in a request header",
            "A user name and password (RFC 7617)",
            "OAuth 2.0 access tokens from the portal's clients",
        ),
        strict=True,
    )
)
_GRANT_TYPES: Final = (
    {"name": "authorization_code", "description": "A user signs in and consents"},
    {"name": "client_credentials", "description": "A server calls on its own behalf"},
    {"name": "refresh_token", "description": "A new access token from a refresh token"},
)


def _now() -> datetime:
    return datetime.now(UTC)


class PortalApi:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- helpers

    def _api_json(self, api: Api) -> dict[str, Any]:
        return api_json(api, self.store.users.get(api.producer_id))

    def _link(self, request: web.Request, token: str) -> str:
        # An absolute link, as a storage service's presigned URL is; the route's URL already
        # carries the mount prefix when the simulator is mounted under /portal.
        path = request.app.router[FILES_ROUTE].url_for(token=token)
        return str(request.url.origin().join(URL(str(path))))

    def _owned(self, user: User, api: Api) -> None:
        if api.producer_id != user.id:
            raise forbidden("Only the API's producer may do this")

    def _producer_api(self, request: web.Request, user: User) -> Api:
        api = self.store.apis.get(request.match_info["api_id"])
        if api is None:
            raise not_found("API not found")
        self._owned(user, api)
        return api

    def _servers(self, inputs: list[HostServerInput]) -> list[HostServer]:
        return [HostServer(s.id or self.store.new_id(), s.server_name, s.url) for s in inputs]

    def _oas_file(self, part: FormPart) -> tuple[str, bytes, str]:
        media_type = validate_oas(part)
        return part.filename or "openapi.json", part.content, media_type

    # --- catalog

    async def list_apis(self, request: web.Request) -> web.Response:
        user = caller(request)
        query = read_list_query(request.query)
        visible = (a for a in self.store.apis.values() if self.store.visible(user, a))
        return json_response([self._api_json(a) for a in self.store.listing(visible, query)])

    async def producer_apis(self, request: web.Request) -> web.Response:
        user = require_producer(request)
        query = read_list_query(request.query)
        mine = (a for a in self.store.apis.values() if a.producer_id == user.id)
        return json_response([self._api_json(a) for a in self.store.listing(mine, query)])

    async def show_api(self, request: web.Request) -> web.Response:
        api = self.store.api(caller(request), request.match_info["api_id"])
        return json_response(self._api_json(api))

    async def oas_link(self, request: web.Request) -> web.Response:
        api = self.store.api(caller(request), request.match_info["api_id"])
        return json_response({"url": self._link(request, api.oas.token)})

    async def download(self, request: web.Request) -> web.Response:
        stored = self.store.files.get(request.match_info["token"])
        if stored is None:
            raise not_found("File not found")
        return web.Response(
            body=stored.content,
            headers={
                "content-type": stored.media_type,
                "content-disposition": f'attachment; filename="{stored.filename}"',
            },
        )

    # --- publish and update (producers)

    async def publish_api(self, request: web.Request) -> web.Response:
        user = require_producer(request)
        parts = await read_form(request, (FILE_PART, DOC_PART, DATA_PART))
        # The document lists the three parts without saying which are required; the
        # additional documentation is read as optional (an API can be published before its
        # guide is written), the OAS file and the details as required.
        missing = [p for p in (FILE_PART, DATA_PART) if p not in parts]
        if missing:
            raise bad_request(
                ErrorCode.MISSING_PART,
                "The form-data must include " + ", ".join(missing),
                missing[0],
            )
        filename, content, media_type = self._oas_file(parts[FILE_PART])
        doc = parts.get(DOC_PART)
        if doc is not None:
            validate_doc(doc)
        data = validate_api_data(parts[DATA_PART], partial=False)
        store = self.store
        now = _now()
        api = Api(
            id=store.new_id(),
            name=data["name"],
            description=data["description"],
            type=data["type"],
            path=data["path"],
            version=data["version"],
            category=data["category"],
            visibility=data["visibility"],
            authentication=data["authentication"],
            api_doc_title=data["apiDocTitle"],
            host_servers=self._servers(data["hostServers"]),
            producer_id=user.id,
            oas=store.store_file(filename, content, media_type),
            doc=store.store_file(doc.filename or "doc.md", doc.content, "text/markdown")
            if doc is not None
            else None,
            publish_date=now,
            updated_date=now,
        )
        store.apis[api.id] = api
        return json_response({"message": "Insert Successful", "id": api.id})

    async def update_api(self, request: web.Request) -> web.Response:
        user = require_producer(request)
        api = self._producer_api(request, user)
        parts = await read_form(request, (FILE_PART, DOC_PART, DATA_PART))
        if not parts:
            raise bad_request(ErrorCode.MISSING_PART, "The form-data names nothing to update")
        # Everything is checked before anything changes: a bad part leaves the API as it was.
        oas = self._oas_file(parts[FILE_PART]) if FILE_PART in parts else None
        if DOC_PART in parts:
            validate_doc(parts[DOC_PART])
        data = validate_api_data(parts[DATA_PART], partial=True) if DATA_PART in parts else {}
        attributes = {
            "name": "name",
            "description": "description",
            "type": "type",
            "path": "path",
            "version": "version",
            "category": "category",
            "visibility": "visibility",
            "authentication": "authentication",
            "apiDocTitle": "api_doc_title",
        }
        for key, value in data.items():
            if key == "hostServers":
                api.host_servers = self._servers(value)
            else:
                setattr(api, attributes[key], value)
        store = self.store
        if oas is not None:
            api.oas = store.store_file(*oas)
        if DOC_PART in parts:
            doc = parts[DOC_PART]
            api.doc = store.store_file(doc.filename or "doc.md", doc.content, "text/markdown")
        api.updated_date = _now()
        return json_response({"message": "Update Successful"})

    async def upload_oas(self, request: web.Request) -> web.Response:
        require_producer(request)
        parts = await read_form(request, (FILE_PART,))
        if FILE_PART not in parts:
            raise bad_request(ErrorCode.MISSING_PART, "The form-data must include file", "file")
        stored = self.store.store_file(*self._oas_file(parts[FILE_PART]))
        return json_response(
            {"message": "Upload Successful", "url": self._link(request, stored.token)}
        )

    # --- access requests

    async def request_access(self, request: web.Request) -> web.Response:
        user = caller(request)
        values = validate_access_request(await read_json_object(request))
        store = self.store
        api = store.api(user, values["apiId"])
        server = next((s for s in api.host_servers if s.id == values["serverId"]), None)
        if server is None:
            raise invalid({"serverId": "is not a server of this API"})
        errors = {}
        if server.server_name != values["environment"]:
            errors["environment"] = f"is not the type of this server ({server.server_name})"
        if server.url != values["url"]:
            errors["url"] = "is not the URL of this server"
        if errors:
            raise invalid(errors)
        if store.open_request(user.id, api.id, server.id):
            raise conflict(
                ErrorCode.DUPLICATE_REQUEST,
                "You already have a pending or approved request for this server",
            )
        now = _now()
        access = AccessRequest(
            id=store.new_id(),
            api_id=api.id,
            consumer_id=user.id,
            environment=server.server_name,
            url=server.url,
            server_id=server.id,
            status="Pending",
            reason=None,
            project_id=None,
            requested_at=now,
            updated_at=now,
            history=[HistoryEntry("Pending", None, user.id, now)],
        )
        store.requests[access.id] = access
        # "On success, triggers an email notification to both consumer and producer": the
        # request stands whether or not the mail service takes them.
        producer = store.users.get(api.producer_id)
        substitution = {
            "producerName": producer.name if producer else "",
            "consumerName": user.name,
            "serverName": server.server_name,
            "apiName": api.name,
            "reasonForDenial": "",
            "contactUs": CONTACT_US,
        }
        for key, recipient in (("requested", user), ("received", producer)):
            if recipient is not None:
                template = TEMPLATES[key]
                store.send_email(
                    "subscription", template.id, template.name, recipient.email, substitution
                )
        return json_response({"message": "Insert Successful", "id": access.id})

    async def consumer_requests(self, request: web.Request) -> web.Response:
        user = caller(request)
        api = self.store.api(user, request.match_info["api_id"])
        mine = self.store.requests_for(api.id, user.id)
        return json_response([access_request_json(r, api) for r in mine])

    async def producer_requests(self, request: web.Request) -> web.Response:
        user = require_producer(request)
        api = self._producer_api(request, user)
        users = self.store.users
        every = self.store.requests_for(api.id)
        return json_response([producer_request_json(r, api, users) for r in every])

    async def decide(self, request: web.Request) -> web.Response:
        user = require_producer(request)
        request_id, status, reason = validate_decision(await read_json_object(request))
        store = self.store
        access = store.request(request_id)
        api = store.apis.get(access.api_id)
        if api is None:
            raise not_found("API not found")
        self._owned(user, api)
        if access.status == status:
            raise conflict(ErrorCode.ALREADY_DECIDED, f"The request is already {status}")
        now = _now()
        access.status = status
        access.reason = reason if status == "Denied" else None
        access.updated_at = now
        access.history.append(HistoryEntry(status, reason, user.id, now))
        if status == "Approved" and access.project_id is None:
            access.project_id = f"prj-{secrets.token_hex(6)}"
        if status == "Denied":
            # A revoked approval disables the clients issued for it.
            for client in store.clients.values():
                if client.request_id == access.id:
                    client.status = "Disabled"
        # The decision email is the caller's to send (POST /sparkPostEmail): see wire.
        return json_response(
            {
                "message": "Update Successful",
                "id": access.id,
                "status": access.status,
                "projectId": access.project_id,
            }
        )

    # --- clients

    async def add_client(self, request: web.Request) -> web.Response:
        user = caller(request)
        wanted = validate_client(await read_json_object(request))
        store = self.store
        access = store.requests.get(wanted.request_id)
        if access is None or access.consumer_id != user.id:
            raise not_found("Access request not found")
        if access.status != "Approved":
            raise conflict(
                ErrorCode.REQUEST_NOT_APPROVED,
                f"Clients are only issued for an approved request (this one is {access.status})",
            )
        expected = {
            "apiId": (wanted.api_id, access.api_id),
            "serverId": (wanted.server_id, access.server_id),
            "url": (wanted.url, access.url),
            "environment": (wanted.environment, access.environment),
            "projectId": (wanted.project_id, access.project_id),
        }
        errors = {
            k: "does not match the approved request" for k, (a, b) in expected.items() if a != b
        }
        if errors:
            raise invalid(errors)
        secret = secrets.token_urlsafe(32)
        client = Client(
            client_id=f"cl-{secrets.token_hex(8)}",
            secret_sha256=hash_secret(secret),
            owner_id=user.id,
            api_id=access.api_id,
            server_id=access.server_id,
            url=access.url,
            environment=access.environment,
            request_id=access.id,
            project_id=wanted.project_id,
            redirect_uris=wanted.redirect_uris,
            grant_type=wanted.grant_type,
            created_at=_now(),
        )
        store.clients[client.client_id] = client
        # The secret is in this answer only: the portal keeps its hash.
        body = {"message": "Insert Successful", **client_json(client), "clientSecret": secret}
        return json_response(body)

    async def list_clients(self, request: web.Request) -> web.Response:
        user = caller(request)
        server_id = request.query.get("serverId", "").strip()
        if not server_id:
            raise invalid({"serverId": "is required"})
        return json_response([client_json(c) for c in self.store.clients_for(user.id, server_id)])

    async def edit_client(self, request: web.Request) -> web.Response:
        # "This functionality is currently not working for backend interactions."
        raise ApiError(501, {"message": _EDIT_CLIENT_MESSAGE, "code": ErrorCode.NOT_IMPLEMENTED})

    # --- supporting services

    async def send_email(self, request: web.Request) -> web.Response:
        caller(request)
        email = validate_email(await read_json_object(request))
        sent = self.store.send_email(
            "sparkPostEmail",
            email.template_id,
            email.template_name,
            email.email,
            email.substitution,
        )
        if sent is None:
            raise ApiError(
                502,
                {
                    "message": "The email service did not accept the email",
                    "code": ErrorCode.EMAIL_FAILED,
                },
            )
        return json_response(
            {
                "message": "Email Sent",
                "results": {
                    "id": sent.id,
                    "total_accepted_recipients": 1,
                    "total_rejected_recipients": 0,
                },
            }
        )

    async def categories(self, request: web.Request) -> web.Response:
        return json_response(list(_CATEGORIES))

    async def grant_types(self, request: web.Request) -> web.Response:
        return json_response(list(_GRANT_TYPES))

    async def methods(self, request: web.Request) -> web.Response:
        return json_response(list(_METHODS))

    async def visibility(self, request: web.Request) -> web.Response:
        return json_response(list(_VISIBILITY))

    async def health(self, request: web.Request) -> web.Response:
        return json_response({"status": "OK"})

    # --- the test bed's email controls

    async def emails(self, request: web.Request) -> web.Response:
        store = self.store
        return json_response(
            {
                "emails": [email_json(e) for e in store.emails],
                "failed": [email_json(e) for e in store.failed_emails],
                "failing": store.mail_failing,
            }
        )

    async def clear_emails(self, request: web.Request) -> web.Response:
        self.store.emails.clear()
        self.store.failed_emails.clear()
        return web.Response(status=204)

    async def fail_mail(self, request: web.Request) -> web.Response:
        self.store.mail_failing = True
        return web.Response(status=204)

    async def restore_mail(self, request: web.Request) -> web.Response:
        self.store.mail_failing = False
        return web.Response(status=204)


def add_routes(app: web.Application, api: PortalApi) -> None:
    """The document's routes. Fixed paths are added before the `{id}` routes beside them,
    so `/apis/producer` is never read as the API id `producer`."""
    router = app.router
    router.add_get(APIS_PATH, api.list_apis)
    router.add_post(APIS_PATH, api.publish_api)
    router.add_get(PRODUCER_APIS_PATH, api.producer_apis)
    router.add_post(OAS_UPLOAD_PATH, api.upload_oas)
    router.add_get(OAS_PATH + "/{api_id}", api.oas_link)
    router.add_get(APIS_PATH + "/{api_id}", api.show_api)
    router.add_put(APIS_PATH + "/{api_id}", api.update_api)
    router.add_post(SUBSCRIPTIONS_PATH, api.request_access)
    router.add_put(SUBSCRIPTIONS_PATH, api.decide)
    router.add_get(SUBSCRIPTION_REQUESTS_PATH + "/{api_id}", api.producer_requests)
    router.add_get(SUBSCRIPTIONS_PATH + "/{api_id}", api.consumer_requests)
    router.add_post(CLIENTS_PATH, api.add_client)
    router.add_get(CLIENTS_PATH, api.list_clients)
    router.add_put(CLIENTS_PATH + "/{client_id}", api.edit_client)
    router.add_post(EMAIL_PATH, api.send_email)
    router.add_get(CATEGORIES_PATH, api.categories)
    router.add_get(GRANT_TYPES_PATH, api.grant_types)
    router.add_get(METHODS_PATH, api.methods)
    router.add_get(VISIBILITY_PATH, api.visibility)
    router.add_get(HEALTH_PATH, api.health)
    files = router.add_resource(_FILES_PATH, name=FILES_ROUTE)
    files.add_route("GET", api.download)
    app[PUBLIC] = (files,)
    add_control_route(app, EMAILS_PATH, {"GET": api.emails, "DELETE": api.clear_emails})
    add_control_route(
        app, EMAILS_PATH + "/failing", {"POST": api.fail_mail, "DELETE": api.restore_mail}
    )
