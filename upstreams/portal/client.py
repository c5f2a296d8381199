"""The Partner Portal client: the API catalog, publishing (multipart), OAS files, access
requests and their decisions, decision emails, clients and the supporting lists.

Auth is ``Authorization: Bearer <TOKEN>``; the error envelope is ``{"message", "code",
"errors"?}`` (see :mod:`upstreams.portal.wire`). Answers become records in
:mod:`upstreams.portal.records`, with the API id bare (PK/SK prefixes stripped here, at the
edge). Every id reaches a path only through the wire module's key formats.

Two calls need more than :meth:`UpstreamClient.call`:

- **OAS files.** ``GET /apis/oas/{id}`` answers a download link, which :meth:`oas_file`
  follows. The link is a presigned-style URL, often on another host (a storage service):
  the bearer token is sent only when the link is on the portal's own origin, never
  elsewhere. The file is streamed and refused past ``max_oas_bytes`` (an
  :class:`~upstreams.UpstreamProtocolError`) without holding more than that in memory; a
  link that is not http(s) is refused without a request.
- **Decision emails.** The document has the portal email an access request itself, but
  not a decision: the "access request response email" is ``POST /sparkPostEmail``, sent by
  the caller. :meth:`decide_and_notify` records the decision, then sends the email; when
  the email fails the decision stands and the outcome says the email was not sent (and
  why), instead of failing the whole call.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import aiohttp
import httpx
import orjson

from upstreams._errors import (
    UpstreamError,
    UpstreamNotConfigured,
    UpstreamNotFound,
    UpstreamProtocolError,
    UpstreamRejected,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from upstreams._http import (
    CALLER_TOKEN,
    JSON,
    FormPart,
    Sleep,
    UpstreamClient,
    error_for_status,
)
from upstreams._keys import KeyAlphabet
from upstreams._shape import Op
from upstreams.config import UpstreamSettings
from upstreams.portal import wire
from upstreams.portal.records import (
    AccessRequestRecord,
    ApiRecord,
    ClientRecord,
    CreatedRecord,
    DecisionRecord,
    EmailReceiptRecord,
    NewClientRecord,
    OasFileRecord,
    ProducerAccessRequestRecord,
    PublishedRecord,
    ReferenceRecord,
    UploadedRecord,
    read_access_request,
    read_api,
    read_apis,
    read_client,
    read_created,
    read_decision,
    read_email_receipt,
    read_link,
    read_list,
    read_message,
    read_new_client,
    read_producer_access_request,
    read_published,
    read_reference_list,
    read_uploaded,
)

__all__ = [
    "ApiChanges",
    "ApiDetails",
    "CatalogQuery",
    "DecisionEmail",
    "DecisionOutcome",
    "EmailMessage",
    "EmailOutcome",
    "HostServer",
    "NewClient",
    "PortalClient",
    "Upload",
]

_FILENAME: Final = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)"?""", re.IGNORECASE)
_HEALTHY: Final = frozenset({"ok", "up", "healthy", "pass"})


# --- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HostServer:
    """A server of a published API: its type (Production|Sandbox), URL and optional id."""

    server_name: str
    url: str
    id: str | None = None

    def wire(self) -> dict[str, str]:
        # `hostName` is the document's name for the server URL; a missing id is generated.
        body = {"hostName": self.url, "serverName": self.server_name}
        if self.id is not None:
            body["id"] = self.id
        return body


@dataclass(frozen=True, slots=True)
class ApiDetails:
    """The `data` part of a publish: every field is required, and one host server at least."""

    name: str
    description: str
    type: str  # REST | GraphQL
    path: str
    version: str
    category: str  # Patient | Provider
    visibility: str  # Public | Private | Partner | Application
    authentication: str  # "API Keys" | "Basic Auth" | "OAUTH 2.0"
    api_doc_title: str
    host_servers: Sequence[HostServer]

    def wire(self) -> dict[str, Any]:
        return ApiChanges(**{k: getattr(self, k) for k in _DETAIL_ATTRIBUTES}).wire()


@dataclass(frozen=True, slots=True)
class ApiChanges:
    """The `data` part of an update: only the fields that are not None are sent (the
    portal keeps the others); ``host_servers`` replaces the whole list."""

    name: str | None = None
    description: str | None = None
    type: str | None = None
    path: str | None = None
    version: str | None = None
    category: str | None = None
    visibility: str | None = None
    authentication: str | None = None
    api_doc_title: str | None = None
    host_servers: Sequence[HostServer] | None = None

    def wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        for attribute, key in _DETAIL_ATTRIBUTES.items():
            value = getattr(self, attribute)
            if value is None:
                continue
            body[key] = [s.wire() for s in value] if attribute == "host_servers" else value
        return body


_DETAIL_ATTRIBUTES: Final = {
    "name": "name",
    "description": "description",
    "type": "type",
    "path": "path",
    "version": "version",
    "category": "category",
    "visibility": "visibility",
    "authentication": "authentication",
    "api_doc_title": "apiDocTitle",
    "host_servers": "hostServers",
}


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part: the OAS document (.json/.yaml/.yml) or the documentation (.md)."""

    filename: str
    content: bytes
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogQuery:
    """``?sort=&order=&limit=`` of ``GET /apis`` and ``GET /apis/producer``."""

    sort: str | None = None  # one of wire.SORT_FIELDS
    descending: bool = False
    limit: int | None = None

    def params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        if self.sort is not None:
            params["sort"] = self.sort
        if self.descending:
            params["order"] = "desc"
        elif self.sort is not None:
            params["order"] = "asc"
        if self.limit is not None:
            params["limit"] = str(self.limit)
        return params


@dataclass(frozen=True, slots=True)
class NewClient:
    """The body of ``POST /clients``: the approved request's details and the grant."""

    api_id: str
    server_id: str
    url: str
    environment: str  # Production | Sandbox
    request_id: str
    project_id: str
    grant_type: str
    redirect_uris: Sequence[str] = ()

    def wire(self) -> dict[str, Any]:
        return {
            "apiId": self.api_id,
            "serverId": self.server_id,
            "url": self.url,
            "environment": self.environment,
            "requestId": self.request_id,
            "projectId": self.project_id,
            "redirectURI": list(self.redirect_uris),
            "grantType": self.grant_type,
        }


@dataclass(frozen=True, slots=True)
class EmailMessage:
    """The body of ``POST /sparkPostEmail``: a template and its substitution data."""

    template_id: str
    template_name: str
    email: str  # the recipient
    producer_name: str
    consumer_name: str
    server_name: str
    api_name: str
    reason_for_denial: str = ""
    contact_us: str = wire.CONTACT_US

    def wire(self) -> dict[str, Any]:
        return {
            "templateId": self.template_id,
            "templateName": self.template_name,
            "email": self.email,
            "substitutionData": {
                "producerName": self.producer_name,
                "consumerName": self.consumer_name,
                "serverName": self.server_name,
                "apiName": self.api_name,
                "reasonForDenial": self.reason_for_denial,
                "contactUs": self.contact_us,
            },
        }


@dataclass(frozen=True, slots=True)
class DecisionEmail:
    """Who a decision email goes to and the names it shows; the template and the reason
    come from the decision itself (:meth:`message`)."""

    email: str
    producer_name: str
    consumer_name: str
    server_name: str
    api_name: str
    contact_us: str = wire.CONTACT_US

    def message(self, status: str, reason: str | None) -> EmailMessage:
        template = wire.decision_template(status)
        return EmailMessage(
            template_id=template.id,
            template_name=template.name,
            email=self.email,
            producer_name=self.producer_name,
            consumer_name=self.consumer_name,
            server_name=self.server_name,
            api_name=self.api_name,
            reason_for_denial=(reason or "") if status == "Denied" else "",
            contact_us=self.contact_us,
        )


@dataclass(frozen=True, slots=True)
class EmailOutcome:
    """Whether an email was sent; ``error`` says why not (its extensions name the cause)."""

    sent: bool
    receipt: EmailReceiptRecord | None = None
    error: UpstreamError | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    """A recorded decision and what became of its email (None when none was asked for)."""

    decision: DecisionRecord
    email: EmailOutcome | None


# --- the client -----------------------------------------------------------------------------


class PortalClient(UpstreamClient):
    """The Partner Portal over HTTP: ``Authorization: Bearer <TOKEN>``.

    ``max_oas_bytes`` bounds a downloaded OAS file (:meth:`oas_file`).
    """

    name = "portal"

    def __init__(
        self,
        settings: UpstreamSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        backoff_s: float = 0.05,
        sleep: Sleep = asyncio.sleep,
        max_oas_bytes: int = wire.DEFAULT_MAX_OAS_BYTES,
    ) -> None:
        super().__init__(settings, transport=transport, backoff_s=backoff_s, sleep=sleep)
        self._max_oas_bytes = max_oas_bytes

    def auth_headers(self) -> dict[str, str]:
        token = self.settings.credentials.get("TOKEN", "")
        return {"authorization": f"{wire.AUTH_SCHEME} {token}", "accept": "application/json"}

    async def request_auth(self, operation: str) -> Mapping[str, str]:
        # The portal answers as the account whose token it gets: the caller's own when the
        # graph request carried one, the configured token (``PORTAL_TOKEN``) otherwise.
        caller = CALLER_TOKEN.get()
        if caller:
            return {"authorization": f"{wire.AUTH_SCHEME} {caller}"}
        return {}

    def error_from(self, operation: str, status: int, body: JSON) -> UpstreamError:
        message: str | None = None
        codes: tuple[str, ...] = ()
        field_errors: dict[str, list[str]] = {}
        if isinstance(body, Mapping):
            text = body.get("message", body.get("error"))
            message = text if isinstance(text, str) and text else None
            code = body.get("code", body.get("errorCode"))
            codes = (str(code),) if code is not None and not isinstance(code, dict | list) else ()
            errors = body.get("errors")
            for entry in errors if isinstance(errors, list) else ():
                if isinstance(entry, Mapping) and entry.get("field") is not None:
                    field_errors.setdefault(str(entry["field"]), []).append(
                        str(entry.get("message") or "is invalid")
                    )
        if status == 413:
            # A file over the portal's bound is the caller's to fix, as any refused input.
            return UpstreamRejected(
                self.name,
                operation,
                status=status,
                error_codes=codes,
                field_errors=field_errors,
                detail=message,
            )
        return error_for_status(
            self.name,
            operation,
            status,
            field_errors=field_errors,
            error_codes=codes,
            # The portal's own words for the caller's mistakes; a 401/403/5xx keeps ours.
            detail=message if status in (400, 404, 409, 422, 501) else None,
        )

    # --- helpers

    def _segment(self, alphabet: KeyAlphabet, key: str, operation: str) -> str:
        return alphabet.segment(key, upstream=self.name, operation=operation)

    def _op(self, operation: str) -> Op:
        return Op(self.name, operation)

    @staticmethod
    def _parts(
        data: Mapping[str, Any] | None, oas: Upload | None, doc: Upload | None
    ) -> list[FormPart]:
        parts: list[FormPart] = []
        if oas is not None:
            parts.append(FormPart(wire.FILE_PART, oas.content, oas.filename, oas.content_type))
        if doc is not None:
            media = doc.content_type or "text/markdown"
            parts.append(FormPart(wire.DOC_PART, doc.content, doc.filename, media))
        if data is not None:
            # "The API detail passed as raw JSON": a text field holding the JSON.
            parts.append(FormPart(wire.DATA_PART, orjson.dumps(dict(data)).decode()))
        return parts

    # --- health and supporting lists

    async def health(self) -> bool:
        """``GET /health`` with our token: true when the portal answers that it is up."""
        answer = await self.call("GET", wire.HEALTH_PATH, operation="health", idempotent=True)
        body = answer.body
        if body is None:
            return True
        status = body.get("status") if isinstance(body, Mapping) else None
        return isinstance(status, str) and status.strip().lower() in _HEALTHY

    async def _reference(self, path: str, operation: str) -> list[ReferenceRecord]:
        answer = await self.call("GET", path, operation=operation, idempotent=True)
        return read_reference_list(answer.body, self._op(operation))

    async def categories(self) -> list[ReferenceRecord]:
        return await self._reference(wire.CATEGORIES_PATH, "getCategories")

    async def grant_types(self) -> list[ReferenceRecord]:
        return await self._reference(wire.GRANT_TYPES_PATH, "getGrantTypes")

    async def methods(self) -> list[ReferenceRecord]:
        """The authentication methods an API can declare (see wire: "Methods")."""
        return await self._reference(wire.METHODS_PATH, "getMethods")

    async def visibilities(self) -> list[ReferenceRecord]:
        return await self._reference(wire.VISIBILITY_PATH, "getVisibility")

    # --- catalog

    async def list_apis(self, query: CatalogQuery = CatalogQuery()) -> list[ApiRecord]:
        """``GET /apis``: the APIs available to the caller, sorted and limited."""
        answer = await self.call(
            "GET", wire.APIS_PATH, operation="listApis", idempotent=True, params=query.params()
        )
        return read_apis(answer.body, self._op("listApis"))

    async def my_apis(self, query: CatalogQuery = CatalogQuery()) -> list[ApiRecord]:
        """``GET /apis/producer``: the APIs the caller published (producers only)."""
        answer = await self.call(
            "GET",
            wire.PRODUCER_APIS_PATH,
            operation="listMyApis",
            idempotent=True,
            params=query.params(),
        )
        return read_apis(answer.body, self._op("listMyApis"))

    async def get_api(self, api_id: str) -> ApiRecord | None:
        """``GET /apis/{id}`` by the bare id; None when there is none (or it is not visible)."""
        path = f"{wire.APIS_PATH}/{self._segment(wire.API_ID, api_id, 'getApi')}"
        try:
            answer = await self.call("GET", path, operation="getApi", idempotent=True)
        except UpstreamNotFound:
            return None
        return read_api(answer.body, self._op("getApi"))

    async def oas_link(self, api_id: str) -> str:
        """``GET /apis/oas/{id}``: the download link of the API's OAS file."""
        path = f"{wire.OAS_PATH}/{self._segment(wire.API_ID, api_id, 'getOasLink')}"
        answer = await self.call("GET", path, operation="getOasLink", idempotent=True)
        return read_link(answer.body, self._op("getOasLink"))

    async def oas_file(self, api_id: str) -> OasFileRecord:
        """The API's OAS file itself: the link of :meth:`oas_link`, followed."""
        return await self.download(await self.oas_link(api_id), operation="getOasFile")

    async def download(self, url: str, *, operation: str = "download") -> OasFileRecord:
        """The file behind a link the portal handed out, at most ``max_oas_bytes``."""
        if self._http is None:
            raise UpstreamNotConfigured(self.name, operation)
        base = httpx.URL(self._base + "/")
        try:
            target = base.join(url)
        except httpx.InvalidURL:
            raise UpstreamProtocolError(
                self.name, operation, detail="the download link is not a URL"
            ) from None
        if target.scheme not in ("http", "https") or not target.host:
            raise UpstreamProtocolError(
                self.name, operation, detail="the download link is not an http(s) URL"
            )
        request = self._http.build_request("GET", target, headers={"accept": "*/*"})
        # A presigned link carries its own credential: our token goes only to our own origin.
        if (target.scheme, target.host, target.port) != (base.scheme, base.host, base.port):
            request.headers.pop("authorization", None)
        try:
            async with asyncio.timeout(self.settings.timeout_s):
                response = await self._http.send(request, stream=True)
                try:
                    return await self._read_file(response, operation)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise UpstreamTimeout(self.name, operation) from None
        except (httpx.TransportError, aiohttp.ClientError):
            raise UpstreamUnavailable(
                self.name, operation, detail="the download link could not be reached"
            ) from None

    async def _read_file(self, response: httpx.Response, operation: str) -> OasFileRecord:
        status = response.status_code
        if status != 200:
            raise error_for_status(self.name, operation, status)
        limit = self._max_oas_bytes
        too_large = UpstreamProtocolError(
            self.name, operation, status=status, detail=f"the file is larger than {limit} bytes"
        )
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise too_large  # refused before reading a byte of it
        chunks: list[bytes] = []
        size = 0
        # Chunks as they arrive: a chunk size would buffer up to it before the bound is seen.
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        disposition = _FILENAME.search(response.headers.get("content-disposition", ""))
        return {
            "content": b"".join(chunks),
            "content_type": media or None,
            "filename": disposition.group(1).strip() if disposition else None,
        }

    # --- publish and update (producers)

    async def publish_api(
        self, details: ApiDetails, *, oas: Upload, doc: Upload | None = None
    ) -> PublishedRecord:
        """``POST /apis``: the form-data parts ``file``, ``doc`` and ``data``."""
        answer = await self.call(
            "POST",
            wire.APIS_PATH,
            operation="publishApi",
            idempotent=False,
            multipart=self._parts(details.wire(), oas, doc),
            ok=(200, 201),
        )
        return read_published(answer.body, self._op("publishApi"))

    async def update_api(
        self,
        api_id: str,
        *,
        changes: ApiChanges | None = None,
        oas: Upload | None = None,
        doc: Upload | None = None,
    ) -> str | None:
        """``PUT /apis/{id}`` with only the parts given; the portal keeps the others. Answers
        the portal's message."""
        data = changes.wire() if changes is not None else None
        parts = self._parts(data or None, oas, doc)
        if not parts:
            raise ValueError("an update needs changes, an OAS file or a doc")
        path = f"{wire.APIS_PATH}/{self._segment(wire.API_ID, api_id, 'updateApi')}"
        answer = await self.call(
            "PUT", path, operation="updateApi", idempotent=False, multipart=parts
        )
        return read_message(answer.body, self._op("updateApi"))

    async def upload_oas(self, oas: Upload) -> UploadedRecord:
        """``POST /apis/oas/upload``: stores an OAS file and answers its link."""
        answer = await self.call(
            "POST",
            wire.OAS_UPLOAD_PATH,
            operation="uploadOas",
            idempotent=False,
            multipart=self._parts(None, oas, None),
            ok=(200, 201),
        )
        return read_uploaded(answer.body, self._op("uploadOas"))

    # --- access requests

    async def request_access(
        self, api_id: str, *, environment: str, url: str, server_id: str
    ) -> CreatedRecord:
        """``POST /subscriptions``; the portal emails the consumer and the producer itself."""
        answer = await self.call(
            "POST",
            wire.SUBSCRIPTIONS_PATH,
            operation="requestAccess",
            idempotent=False,
            json={"apiId": api_id, "environment": environment, "url": url, "serverId": server_id},
            ok=(200, 201),
        )
        return read_created(answer.body, self._op("requestAccess"))

    async def my_access_requests(self, api_id: str) -> list[AccessRequestRecord]:
        """``GET /subscriptions/{id}``: the caller's own requests for one API."""
        segment = self._segment(wire.API_ID, api_id, "listMyAccessRequests")
        answer = await self.call(
            "GET",
            f"{wire.SUBSCRIPTIONS_PATH}/{segment}",
            operation="listMyAccessRequests",
            idempotent=True,
        )
        op = self._op("listMyAccessRequests")
        return [read_access_request(r, op) for r in read_list(answer.body, op)]

    async def access_requests(self, api_id: str) -> list[ProducerAccessRequestRecord]:
        """``GET /subscriptions/requests/{id}``: every request for one API, with history and
        requester profile (producers only)."""
        segment = self._segment(wire.API_ID, api_id, "listAccessRequests")
        answer = await self.call(
            "GET",
            f"{wire.SUBSCRIPTION_REQUESTS_PATH}/{segment}",
            operation="listAccessRequests",
            idempotent=True,
        )
        op = self._op("listAccessRequests")
        return [read_producer_access_request(r, op) for r in read_list(answer.body, op)]

    async def decide_access_request(
        self, request_id: str, status: str, reason: str | None = None
    ) -> DecisionRecord:
        """``PUT /subscriptions``: Approved or Denied (a denial needs a reason). Sends no
        email: see :meth:`decide_and_notify`."""
        if status not in wire.DECISIONS:
            raise ValueError(f"a decision is one of {', '.join(wire.DECISIONS)}")
        body: dict[str, str] = {"id": request_id, "status": status}
        if reason is not None:
            body["reason"] = reason
        answer = await self.call(
            "PUT", wire.SUBSCRIPTIONS_PATH, operation="decideAccess", idempotent=False, json=body
        )
        return read_decision(answer.body, self._op("decideAccess"))

    async def send_email(self, message: EmailMessage) -> EmailReceiptRecord:
        """``POST /sparkPostEmail``, sent once (a retry could email twice)."""
        answer = await self.call(
            "POST",
            wire.EMAIL_PATH,
            operation="sendEmail",
            idempotent=False,
            json=message.wire(),
            ok=(200, 201, 202, 204),
        )
        return read_email_receipt(answer.body, self._op("sendEmail"))

    async def notify(self, message: EmailMessage) -> EmailOutcome:
        """:meth:`send_email`, its failure reported instead of raised."""
        try:
            receipt = await self.send_email(message)
        except UpstreamError as exc:
            return EmailOutcome(sent=False, error=exc)
        return EmailOutcome(sent=True, receipt=receipt)

    async def decide_and_notify(
        self,
        request_id: str,
        status: str,
        reason: str | None = None,
        *,
        email: DecisionEmail | None = None,
    ) -> DecisionOutcome:
        """Decide, then email the consumer. A failed decision raises and sends nothing; a
        failed email leaves the decision standing and says so in ``outcome.email``."""
        decision = await self.decide_access_request(request_id, status, reason)
        if email is None:
            return DecisionOutcome(decision, None)
        return DecisionOutcome(decision, await self.notify(email.message(status, reason)))

    # --- clients

    async def add_client(self, new: NewClient) -> NewClientRecord:
        """``POST /clients`` for an approved request: the answer holds the client's secret,
        which no later call shows again."""
        answer = await self.call(
            "POST",
            wire.CLIENTS_PATH,
            operation="addClient",
            idempotent=False,
            json=new.wire(),
            ok=(200, 201),
        )
        return read_new_client(answer.body, self._op("addClient"))

    async def clients(self, server_id: str) -> list[ClientRecord]:
        """``GET /clients?serverId=``: the caller's clients of one server (no secrets)."""
        answer = await self.call(
            "GET",
            wire.CLIENTS_PATH,
            operation="listClients",
            idempotent=True,
            params={"serverId": server_id},
        )
        op = self._op("listClients")
        return [read_client(c, op) for c in read_list(answer.body, op)]

    async def update_client(self, client_id: str, changes: Mapping[str, Any]) -> str | None:
        """``PUT /clients/{clientID}``, which the document says does not work through the API
        (use the portal website). Sent as documented, so the error is the portal's own:
        the simulator answers 501, an :class:`~upstreams.UpstreamProtocolError` naming it."""
        segment = self._segment(wire.CLIENT_ID, client_id, "updateClient")
        try:
            answer = await self.call(
                "PUT",
                f"{wire.CLIENTS_PATH}/{segment}",
                operation="updateClient",
                idempotent=False,
                json=dict(changes),
            )
        except UpstreamError as exc:
            if exc.status == 501:
                # Not Implemented: the portal did nothing, so the outcome is known after all.
                exc.outcome_unknown = False
            raise
        return read_message(answer.body, self._op("updateClient"))
