"""Root query fields of the catalog domain (Partner Portal)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers.catalog import ReferenceRecord, reads
from resolvers.core.context import Context
from resolvers.core.paging import Window
from schema.catalog.access import ApiClient
from schema.catalog.apis import Api, ApiFilter, ApiOrder
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import DEFAULT_LIST_BOUND, PAGE, cost
from schema.core.filters import to_predicate
from schema.core.ordering import sort_keys

__all__ = ["CatalogQueries", "PortalListEntry"]


@strawberry.type(description="An entry of one of the portal's supporting lists.")
class PortalListEntry:
    name: str = strawberry.field(description="The value, as the API form takes it.")
    description: str | None = strawberry.field(description="What it means, when the portal says.")

    @classmethod
    def from_record(cls, r: ReferenceRecord) -> PortalListEntry:
        return cls(name=r["name"], description=r["description"])


async def _list(info: Info[Context, None], name: str) -> list[PortalListEntry]:
    return [PortalListEntry.from_record(r) for r in await reads.reference_list(info.context, name)]


@strawberry.type
class CatalogQueries:
    @strawberry.field(
        description="The API catalog you may see, by name unless ordered otherwise. The portal "
        "can only sort and limit: the gateway reads your catalog (cached for you 30 s), "
        "evaluates the filter and pages with keyset cursors, exact even when the catalog "
        "changes between pages. Act as a portal account by sending its bearer token "
        "(Authorization: Bearer <token>).",
        metadata=cost(1, PAGE),
    )
    async def apis(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ApiFilter | None, strawberry.argument(description="Which APIs to return.")
        ] = None,
        order_by: Annotated[
            list[ApiOrder] | None,
            strawberry.argument(description="Sort keys, most significant first."),
        ] = None,
    ) -> Connection[Api] | None:
        page = await reads.list_apis(
            info.context,
            to_predicate(filter) if filter is not None else None,
            Window(first=first, after=after, last=last, before=before),
            sort_keys(order_by),
        )
        return to_connection(page, Api.from_record)

    @strawberry.field(
        description="The APIs you published (producers only: FORBIDDEN for anyone else).",
        metadata=cost(1, PAGE),
    )
    async def my_apis(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ApiFilter | None, strawberry.argument(description="Which APIs to return.")
        ] = None,
        order_by: Annotated[
            list[ApiOrder] | None,
            strawberry.argument(description="Sort keys, most significant first."),
        ] = None,
    ) -> Connection[Api] | None:
        page = await reads.list_apis(
            info.context,
            to_predicate(filter) if filter is not None else None,
            Window(first=first, after=after, last=last, before=before),
            sort_keys(order_by),
            mine=True,
        )
        return to_connection(page, Api.from_record)

    @strawberry.field(
        description="An API by id; null if there is none you may see.", metadata=cost(1)
    )
    async def api(
        self,
        info: Info[Context, None],
        api_id: Annotated[
            str,
            strawberry.argument(
                description="The API id, e.g. 51069cbf-7e26-4ec6-b5a2-bc11fcb060d6."
            ),
        ],
    ) -> Api | None:
        found = await reads.api(info.context, api_id)
        return None if found is None else Api.from_record(found)

    @strawberry.field(
        description="Your client credentials for one host server (secrets are never shown "
        "again after createClient).",
        metadata=cost(1, DEFAULT_LIST_BOUND),
    )
    async def clients(
        self,
        info: Info[Context, None],
        server_id: Annotated[str, strawberry.argument(description="The host server's id.")],
    ) -> list[ApiClient] | None:
        found = await reads.clients(info.context, server_id)
        return None if found is None else [ApiClient.from_record(c) for c in found]

    @strawberry.field(description="The portal's API categories (cached).", metadata=cost(1))
    async def api_categories(self, info: Info[Context, None]) -> list[PortalListEntry] | None:
        return await _list(info, "categories")

    @strawberry.field(
        description="The OAuth grant types a client can have (cached).", metadata=cost(1)
    )
    async def api_grant_types(self, info: Info[Context, None]) -> list[PortalListEntry] | None:
        return await _list(info, "grantTypes")

    @strawberry.field(
        description="The authentication methods an API can use (cached).", metadata=cost(1)
    )
    async def api_authentication_methods(
        self, info: Info[Context, None]
    ) -> list[PortalListEntry] | None:
        return await _list(info, "methods")

    @strawberry.field(description="The visibilities an API can have (cached).", metadata=cost(1))
    async def api_visibilities(self, info: Info[Context, None]) -> list[PortalListEntry] | None:
        return await _list(info, "visibilities")
