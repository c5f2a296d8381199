"""Catalog mutations (Partner Portal), files by the GraphQL multipart request spec.

A multipart request must carry a non-simple header (``GraphQL-Require-Preflight: 1``), so a
browser cannot send one cross-site without a CORS preflight; the server refuses it otherwise.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload as UploadScalar
from strawberry.types import Info

from resolvers.catalog import ApiChanges, ApiDetails, HostServer, Upload, writes
from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from schema.catalog.access import AccessRequest, ApiClient
from schema.catalog.apis import Api
from schema.core.cost import cost
from schema.core.errors import UserError, user_errors

__all__ = ["CatalogMutations"]


def _upload(value: Any, argument: str = "oasFile") -> Upload | None:
    """The server's uploaded file (bytes, filename, type) as the client sends it on.

    Upload accepts any value written in the query itself; only a multipart file part is a
    file, anything else is the caller's mistake."""
    if value is None:
        return None
    if not hasattr(value, "getvalue"):
        raise BadUserInput(
            f"`{argument}` must be a file part of a multipart request (the GraphQL multipart "
            "request spec), not a value in the query.",
            argument=argument,
        )
    content = value.getvalue()
    return Upload(
        filename=str(getattr(value, "filename", "") or ""),
        content=content,
        content_type=getattr(value, "content_type", None),
    )


@strawberry.input(description="A server an API runs on.")
class HostServerInput:
    server_name: str = strawberry.field(description="Production or Sandbox.")
    url: str = strawberry.field(description="The server's base URL, https://...")
    server_id: str | None = strawberry.field(
        description="Its id; left out, the portal makes one.", default=None
    )


def _servers(items: list[HostServerInput] | None) -> list[HostServer] | None:
    if items is None:
        return None
    return [HostServer(server_name=s.server_name, url=s.url, id=s.server_id) for s in items]


@strawberry.input(description="An API to publish (its OAS file travels as the oasFile argument).")
class PublishApiInput:
    name: str = strawberry.field(description="The API's name.")
    description: str = strawberry.field(description="What it does.")
    type: str = strawberry.field(description="REST or GraphQL.")
    path: str = strawberry.field(description="Its URL path, e.g. /fhir/r4.")
    version: str = strawberry.field(description="Its version, e.g. 1.0.0.")
    category: str = strawberry.field(description="One of apiCategories, e.g. Patient.")
    visibility: str = strawberry.field(description="One of apiVisibilities, e.g. Public.")
    authentication: str = strawberry.field(
        description="One of apiAuthenticationMethods, e.g. OAUTH 2.0."
    )
    api_doc_title: str = strawberry.field(description="The documentation's title.")
    host_servers: list[HostServerInput] = strawberry.field(description="At least one server.")


@strawberry.type(description="The result of publishApi.")
class PublishApiPayload:
    api: Api | None = strawberry.field(description="The API as the portal now has it.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was published.")


@strawberry.input(description="Changes to an API: omitted fields keep their value.")
class UpdateApiInput:
    api_id: str = strawberry.field(description="The API to change (yours).")
    name: str | None = strawberry.field(description="The name.", default=None)
    description: str | None = strawberry.field(description="The description.", default=None)
    type: str | None = strawberry.field(description="REST or GraphQL.", default=None)
    path: str | None = strawberry.field(description="The URL path.", default=None)
    version: str | None = strawberry.field(description="The version.", default=None)
    category: str | None = strawberry.field(description="One of apiCategories.", default=None)
    visibility: str | None = strawberry.field(description="One of apiVisibilities.", default=None)
    authentication: str | None = strawberry.field(
        description="One of apiAuthenticationMethods.", default=None
    )
    api_doc_title: str | None = strawberry.field(
        description="The documentation's title.", default=None
    )
    host_servers: list[HostServerInput] | None = strawberry.field(
        description="Replaces every host server.", default=None
    )

    def changes(self) -> ApiChanges | None:
        found = ApiChanges(
            name=self.name,
            description=self.description,
            type=self.type,
            path=self.path,
            version=self.version,
            category=self.category,
            visibility=self.visibility,
            authentication=self.authentication,
            api_doc_title=self.api_doc_title,
            host_servers=_servers(self.host_servers),
        )
        return None if found == ApiChanges() else found


@strawberry.type(description="The result of uploadOasFile.")
class UploadOasFilePayload:
    url: str | None = strawberry.field(description="The stored file's download link.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was stored.")


@strawberry.input(description="A request for access to one server of an API.")
class RequestApiAccessInput:
    api_id: str = strawberry.field(description="The API.")
    server_id: str = strawberry.field(description="Which of its host servers.")
    environment: str = strawberry.field(description="Production or Sandbox.")
    url: str = strawberry.field(
        description="The host server's URL (the portal checks it is the server's)."
    )


@strawberry.type(description="The result of requestApiAccess.")
class RequestApiAccessPayload:
    access_request: AccessRequest | None = strawberry.field(description="The request, Pending.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was requested.")


@strawberry.enum(description="A producer's answer to an access request.")
class AccessDecision(Enum):
    APPROVED = strawberry.enum_value("Approved", description="Grant access; clients can be made.")
    DENIED = strawberry.enum_value("Denied", description="Refuse access; a reason is required.")


@strawberry.input(description="A producer's decision on an access request.")
class RespondToAccessRequestInput:
    api_id: str = strawberry.field(description="The API (yours).")
    request_id: str = strawberry.field(description="The request.")
    decision: AccessDecision = strawberry.field(description="APPROVED or DENIED.")
    reason: str | None = strawberry.field(
        description="Why; required to deny, sent to the consumer.", default=None
    )


@strawberry.type(description="The result of respondToAccessRequest.")
class RespondToAccessRequestPayload:
    access_request: AccessRequest | None = strawberry.field(
        description="The request as decided (with its history)."
    )
    email_sent: bool | None = strawberry.field(
        description="Whether the decision email reached the consumer; false leaves the "
        "decision standing (null when nothing was decided)."
    )
    email_error: str | None = strawberry.field(description="Why the email was not sent.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was decided.")


@strawberry.input(description="Client credentials for an approved access request.")
class CreateClientInput:
    api_id: str = strawberry.field(description="The API.")
    request_id: str = strawberry.field(description="Your approved request.")
    server_id: str = strawberry.field(description="The host server it was approved for.")
    environment: str = strawberry.field(description="Production or Sandbox.")
    url: str = strawberry.field(
        description="The host server's URL (the portal checks it is the server's)."
    )
    grant_type: str = strawberry.field(description="One of apiGrantTypes.")
    redirect_uris: list[str] = strawberry.field(description="OAuth redirect URIs (may be empty).")
    project_id: str | None = strawberry.field(
        description="The approval's project; left out, read from your request.", default=None
    )


@strawberry.type(description="The result of createClient.")
class CreateClientPayload:
    client: ApiClient | None = strawberry.field(description="The new client.")
    client_secret: str | None = strawberry.field(
        description="The client's secret: shown here once, never again, never logged."
    )
    user_errors: list[UserError] = strawberry.field(description="Why no client was made.")


@strawberry.type
class CatalogMutations:
    @strawberry.mutation(
        description="Publish an API with its OAS file (.json, .yaml or .yml) and optional "
        "documentation (.md), uploaded by the GraphQL multipart request spec (producers only).",
        # The three supporting lists (cached), the publish, the API read back.
        metadata=cost(5),
    )
    async def publish_api(
        self,
        info: Info[Context, None],
        input: Annotated[PublishApiInput, strawberry.argument(description="The API.")],
        oas_file: Annotated[UploadScalar, strawberry.argument(description="The OAS file.")],
        documentation: Annotated[
            UploadScalar | None, strawberry.argument(description="Documentation, Markdown.")
        ] = None,
    ) -> PublishApiPayload | None:
        oas = _upload(oas_file)
        assert oas is not None
        details = ApiDetails(
            name=input.name,
            description=input.description,
            type=input.type,
            path=input.path,
            version=input.version,
            category=input.category,
            visibility=input.visibility,
            authentication=input.authentication,
            api_doc_title=input.api_doc_title,
            host_servers=_servers(input.host_servers) or [],
        )
        outcome = await writes.publish_api(
            info.context, details, oas, _upload(documentation, "documentation")
        )
        return PublishApiPayload(
            api=Api.from_record(outcome.value) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Change an API; omitted fields and files keep their value (its producer only).",
        metadata=cost(5),
    )
    async def update_api(
        self,
        info: Info[Context, None],
        input: Annotated[UpdateApiInput, strawberry.argument(description="The changes.")],
        oas_file: Annotated[
            UploadScalar | None, strawberry.argument(description="A new OAS file.")
        ] = None,
        documentation: Annotated[
            UploadScalar | None, strawberry.argument(description="New documentation.")
        ] = None,
    ) -> PublishApiPayload | None:
        outcome = await writes.update_api(
            info.context,
            input.api_id,
            input.changes(),
            _upload(oas_file),
            _upload(documentation, "documentation"),
        )
        return PublishApiPayload(
            api=Api.from_record(outcome.value) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Store an OAS file at the portal and get its link (producers only).",
        metadata=cost(1),
    )
    async def upload_oas_file(
        self,
        info: Info[Context, None],
        oas_file: Annotated[UploadScalar, strawberry.argument(description="The OAS file.")],
    ) -> UploadOasFilePayload | None:
        oas = _upload(oas_file)
        assert oas is not None
        outcome = await writes.upload_oas_file(info.context, oas)
        return UploadOasFilePayload(url=outcome.value, user_errors=user_errors(outcome.user_errors))

    @strawberry.mutation(
        description="Ask for access to one server of an API; the portal emails you and the "
        "producer.",
        metadata=cost(2),
    )
    async def request_api_access(
        self,
        info: Info[Context, None],
        input: Annotated[RequestApiAccessInput, strawberry.argument(description="The request.")],
    ) -> RequestApiAccessPayload | None:
        outcome = await writes.request_access(
            info.context,
            api_id=input.api_id,
            environment=input.environment,
            url=input.url,
            server_id=input.server_id,
        )
        return RequestApiAccessPayload(
            access_request=AccessRequest.from_record(outcome.value) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Approve or deny an access request (its API's producer only), then email "
        "the consumer; a failed email leaves the decision standing and says so.",
        # The producer's view, the API, the decision, the email, the view again.
        metadata=cost(5),
    )
    async def respond_to_access_request(
        self,
        info: Info[Context, None],
        input: Annotated[
            RespondToAccessRequestInput, strawberry.argument(description="The decision.")
        ],
    ) -> RespondToAccessRequestPayload | None:
        outcome = await writes.respond_to_access_request(
            info.context,
            api_id=input.api_id,
            request_id=input.request_id,
            decision=str(input.decision.value),
            reason=input.reason,
        )
        decided = outcome.value
        return RespondToAccessRequestPayload(
            access_request=AccessRequest.from_record(decided.request)
            if decided and decided.request
            else None,
            email_sent=decided.email_sent if decided else None,
            email_error=decided.email_error if decided else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Client credentials for your approved request; the secret is in this "
        "payload only.",
        # The grant types (cached), your request (when projectId is left out), the create.
        metadata=cost(3),
    )
    async def create_client(
        self,
        info: Info[Context, None],
        input: Annotated[CreateClientInput, strawberry.argument(description="The client.")],
    ) -> CreateClientPayload | None:
        outcome = await writes.create_client(
            info.context,
            api_id=input.api_id,
            request_id=input.request_id,
            server_id=input.server_id,
            url=input.url,
            environment=input.environment,
            grant_type=input.grant_type,
            redirect_uris=input.redirect_uris,
            project_id=input.project_id,
        )
        made = outcome.value
        return CreateClientPayload(
            client=ApiClient.from_record(made) if made else None,
            client_secret=made["client_secret"] if made else None,
            user_errors=user_errors(outcome.user_errors),
        )
