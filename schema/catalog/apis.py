"""Api: an API in the Partner Portal's catalog, with its servers, OAS file, endpoints and
access requests; its filter and order."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers.catalog import ApiRecord, HostServerRecord, reads
from resolvers.core.context import Context
from schema.catalog.access import AccessRequest
from schema.core.cost import EMBEDDED_LIST_BOUND, cost
from schema.core.filters import StringFilter
from schema.core.ordering import Order

__all__ = ["Api", "ApiEndpoint", "ApiFilter", "ApiOrder", "ApiOrderField", "HostServer", "OasFile"]

# An API's access requests and endpoints are lists without a size argument: the bounds the
# cost estimate takes.
ENDPOINT_BOUND = 100


@strawberry.type(description="A server an API runs on.")
class HostServer:
    server_id: str | None = strawberry.field(description="The portal's id of the server.")
    server_name: str | None = strawberry.field(description="Production or Sandbox.")
    url: str | None = strawberry.field(description="The server's base URL.")

    @classmethod
    def from_record(cls, r: HostServerRecord) -> HostServer:
        return cls(server_id=r["id"], server_name=r["server_name"], url=r["url"])


@strawberry.type(description="Where an API's OAS file can be downloaded.")
class OasFile:
    url: str = strawberry.field(description="A download link the portal issued for the file.")


@strawberry.type(description="One operation of an API, as its OAS file declares it.")
class ApiEndpoint:
    method: str = strawberry.field(description="The HTTP method, upper case, e.g. GET.")
    path: str = strawberry.field(description="The path template, e.g. /patients/{id}.")
    summary: str | None = strawberry.field(description="The operation's summary, if any.")
    operation_id: str | None = strawberry.field(description="The operation's operationId.")


@strawberry.type(description="An API in the Partner Portal's catalog.")
class Api(relay.Node):
    key: relay.NodeID[str]
    api_id: str = strawberry.field(description="The portal's API id (a UUID), prefixes removed.")
    name: str = strawberry.field(description="The API's name.")
    description: str | None = strawberry.field(description="What the API does.")
    type: str | None = strawberry.field(description="REST or GraphQL.")
    path: str | None = strawberry.field(description="The API's URL path, e.g. /fhir/r4.")
    version: str | None = strawberry.field(description="The API's version, e.g. 1.2.0.")
    category: str | None = strawberry.field(
        description="One of the portal's categories (apiCategories), e.g. Patient."
    )
    visibility: str | None = strawberry.field(
        description="Who sees it (apiVisibilities): Public, Private, Partner or Application."
    )
    authentication: str | None = strawberry.field(
        description="How callers authenticate (apiAuthenticationMethods), e.g. OAUTH 2.0."
    )
    api_doc_title: str | None = strawberry.field(description="The documentation's title.")
    host_servers: list[HostServer] = strawberry.field(description="Where the API runs.")
    published_at: str | None = strawberry.field(description="When it was published (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When it last changed (ISO 8601).")
    producer_id: str | None = strawberry.field(description="The producer's account id.")
    producer_name: str | None = strawberry.field(description="The producer's name.")
    oas_file_name: str | None = strawberry.field(description="The OAS file's name as uploaded.")
    documentation_file_name: str | None = strawberry.field(
        description="The documentation file's name as uploaded; null when none."
    )

    @classmethod
    def from_record(cls, r: ApiRecord) -> Api:
        return cls(
            key=r["id"],
            api_id=r["id"],
            name=r["name"],
            description=r["description"],
            type=r["type"],
            path=r["path"],
            version=r["version"],
            category=r["category"],
            visibility=r["visibility"],
            authentication=r["authentication"],
            api_doc_title=r["api_doc_title"],
            host_servers=[HostServer.from_record(s) for s in r["host_servers"]],
            published_at=r["publish_date"],
            updated_at=r["updated_date"],
            producer_id=r["producer_id"],
            producer_name=r["producer_name"],
            oas_file_name=r["oas_file_name"],
            documentation_file_name=r["doc_file_name"],
        )

    @strawberry.field(
        description="The OAS file's download link (asked for only when selected).",
        metadata=cost(1),
    )
    async def oas_file(self, info: Info[Context, None]) -> OasFile | None:
        return OasFile(url=await reads.oas_link(info.context, self.api_id))

    @strawberry.field(
        description="The operations of the OAS file (JSON or YAML), in its order; read only "
        "when selected. An unreadable file is an error of this field alone "
        "(UNREADABLE_OAS_FILE).",
        metadata=cost(2, ENDPOINT_BOUND),
    )
    async def endpoints(self, info: Info[Context, None]) -> list[ApiEndpoint] | None:
        found = await reads.api_endpoints(info.context, self.api_id)
        return [
            ApiEndpoint(
                method=e["method"],
                path=e["path"],
                summary=e["summary"],
                operation_id=e["operation_id"],
            )
            for e in found
        ]

    @strawberry.field(
        description="Every access request for this API, with who asked and its history: the "
        "producer's view (FORBIDDEN for anyone else).",
        metadata=cost(1, EMBEDDED_LIST_BOUND),
    )
    async def access_requests(self, info: Info[Context, None]) -> list[AccessRequest] | None:
        found = await reads.access_requests(info.context, self.api_id)
        return [AccessRequest.from_record(r) for r in found]

    @strawberry.field(
        description="Your own access requests for this API.",
        metadata=cost(1, EMBEDDED_LIST_BOUND),
    )
    async def my_access_requests(self, info: Info[Context, None]) -> list[AccessRequest] | None:
        found = await reads.my_access_requests(info.context, self.api_id)
        return [AccessRequest.from_record(r) for r in found]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Api | BaseException | None]:
        found = await reads.api_nodes(info.context, list(node_ids))
        return [
            r if r is None or isinstance(r, BaseException) else cls.from_record(r) for r in found
        ]


@strawberry.input(
    description="Which APIs to return: the whole grammar, evaluated by the gateway over the "
    "catalog the portal shows you (it can only sort and limit)."
)
class ApiFilter:
    api_id: StringFilter | None = strawberry.field(description="The API id.", default=None)
    name: StringFilter | None = strawberry.field(description="The name.", default=None)
    description: StringFilter | None = strawberry.field(
        description="The description.", default=None
    )
    type: StringFilter | None = strawberry.field(description="REST or GraphQL.", default=None)
    path: StringFilter | None = strawberry.field(description="The URL path.", default=None)
    version: StringFilter | None = strawberry.field(description="The version.", default=None)
    category: StringFilter | None = strawberry.field(description="The category.", default=None)
    visibility: StringFilter | None = strawberry.field(description="The visibility.", default=None)
    authentication: StringFilter | None = strawberry.field(
        description="The authentication method.", default=None
    )
    producer_name: StringFilter | None = strawberry.field(
        description="The producer's name.", default=None
    )
    server_names: StringFilter | None = strawberry.field(
        description="Any of its host servers' names (Production, Sandbox).", default=None
    )
    published_at: StringFilter | None = strawberry.field(
        description="Publish time as ISO 8601 text (compares in time order).", default=None
    )
    updated_at: StringFilter | None = strawberry.field(
        description="Last change as ISO 8601 text.", default=None
    )
    and_: list[ApiFilter] | None = strawberry.field(
        name="and", description="All of these filters hold.", default=None
    )
    or_: list[ApiFilter] | None = strawberry.field(
        name="or",
        description="At least one of these filters holds ([] matches nothing).",
        default=None,
    )
    not_: ApiFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.enum(description="What APIs can be ordered by (the API id breaks ties).")
class ApiOrderField(Enum):
    NAME = strawberry.enum_value("name", description="The name.")
    PUBLISHED_AT = strawberry.enum_value("published_at", description="Publish time.")
    UPDATED_AT = strawberry.enum_value("updated_at", description="Last change.")
    VERSION = strawberry.enum_value("version", description="The version, as text.")
    CATEGORY = strawberry.enum_value("category", description="The category.")
    VISIBILITY = strawberry.enum_value("visibility", description="The visibility.")


@strawberry.input(description="One sort key of apis.")
class ApiOrder(Order[ApiOrderField]):
    pass
