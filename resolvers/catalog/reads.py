"""The API catalog (Partner Portal) as the graph reads it.

The portal acts as its caller (``upstreams._http.CALLER_TOKEN``): what a catalog holds
(private APIs of producers who approved the caller) depends on who asks. So the catalog is
cached per caller, for seconds (``CATALOG_TTL_S``), keyed by a digest of the caller's token,
never the token itself. It can only sort and limit, so the gateway filters, orders and pages
it with keyset cursors (``resolvers/core/lists.keyset_page``). Supporting lists are the same
for everyone: cached process-wide like other reference data. Everything else (an API by id,
its OAS file, access requests, clients) is read per request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Final

from resolvers.catalog.oas import EndpointRecord, read_endpoints
from resolvers.core.context import Context
from resolvers.core.lists import keyset_page
from resolvers.core.nodes import each_key
from resolvers.core.paging import Page, Window
from resolvers.core.predicates import Getter, Predicate
from upstreams._http import CALLER_TOKEN
from upstreams.portal import (
    AccessRequestRecord,
    ApiRecord,
    ClientRecord,
    PortalClient,
    ProducerAccessRequestRecord,
    ReferenceRecord,
)
from upstreams.portal.wire import API_ID, SERVER_ID

__all__ = [
    "API_GETTERS",
    "CATALOG_TTL_S",
    "access_requests",
    "api",
    "api_endpoints",
    "api_nodes",
    "caller_key",
    "catalog",
    "clients",
    "forget_catalog",
    "list_apis",
    "my_access_requests",
    "oas_link",
    "reference_list",
]

# Long enough that paging through the catalog reads it once, short enough that a publish
# elsewhere shows within half a minute.
CATALOG_TTL_S: Final = 30.0

API_GETTERS: Final[Mapping[str, Getter]] = {
    "api_id": lambda a: a["id"],
    "name": lambda a: a["name"],
    "description": lambda a: a["description"],
    "type": lambda a: a["type"],
    "path": lambda a: a["path"],
    "version": lambda a: a["version"],
    "category": lambda a: a["category"],
    "visibility": lambda a: a["visibility"],
    "authentication": lambda a: a["authentication"],
    "producer_name": lambda a: a["producer_name"],
    "published_at": lambda a: a["publish_date"],
    "updated_at": lambda a: a["updated_date"],
    "server_names": lambda a: [s["server_name"] for s in a["host_servers"]],
}


def caller_key() -> str:
    """Who is asking, as a cache key: a digest of the caller's token (or of none)."""
    token = CALLER_TOKEN.get() or ""
    return hashlib.blake2b(token.encode(), digest_size=12).hexdigest()


async def catalog(ctx: Context, *, mine: bool = False) -> list[ApiRecord]:
    """The whole catalog the caller sees (or, ``mine``, the caller's own APIs)."""
    client = ctx.client(PortalClient)
    cache = ctx.upstreams.cache("portal:catalog", ttl=CATALOG_TTL_S)
    fetch = client.my_apis if mine else client.list_apis
    found: list[ApiRecord] = await cache.get(f"{'mine' if mine else 'all'}:{caller_key()}", fetch)
    return found


def forget_catalog(ctx: Context) -> None:
    """After a write by this caller: the next read sees it."""
    cache = ctx.upstreams.cache("portal:catalog", ttl=CATALOG_TTL_S)
    cache.drop(f"all:{caller_key()}")
    cache.drop(f"mine:{caller_key()}")


async def list_apis(
    ctx: Context,
    predicate: Predicate | None,
    window: Window,
    order: Sequence[tuple[str, str]],
    *,
    mine: bool = False,
) -> Page[ApiRecord]:
    """A page of the catalog, by name unless ordered otherwise."""
    return await keyset_page(
        await catalog(ctx, mine=mine),
        window,
        kind="myApis" if mine else "apis",
        predicate=predicate,
        getters=API_GETTERS,
        order=list(order) or [("name", "asc")],
        unique="api_id",
    )


async def api(ctx: Context, api_id: str) -> ApiRecord | None:
    """One API by id; None when the caller sees none (or the id is not of the portal's)."""
    if not API_ID.valid(api_id):
        return None
    client = ctx.client(PortalClient)
    found: ApiRecord | None = await ctx.once(("portal:api", api_id), lambda: client.get_api(api_id))
    return found


async def api_nodes(ctx: Context, keys: Sequence[str]) -> list[ApiRecord | BaseException | None]:
    """APIs for node keys, in order; an API whose call fails fails alone."""
    return await each_key(keys, lambda k: api(ctx, k))


async def oas_link(ctx: Context, api_id: str) -> str:
    client = ctx.client(PortalClient)
    link: str = await ctx.once(("portal:oas", api_id), lambda: client.oas_link(api_id))
    return link


async def api_endpoints(ctx: Context, api_id: str) -> list[EndpointRecord]:
    """The operations of the API's OAS file: its link, then the file (size-bounded)."""
    client = ctx.client(PortalClient)
    file = await client.download(await oas_link(ctx, api_id), operation="downloadOas")
    return await read_endpoints(file["content"], file["filename"])


async def access_requests(ctx: Context, api_id: str) -> list[ProducerAccessRequestRecord]:
    """Everyone's requests for the API (its producer only: others get FORBIDDEN)."""
    client = ctx.client(PortalClient)
    found: list[ProducerAccessRequestRecord] = await ctx.once(
        ("portal:requests", api_id), lambda: client.access_requests(api_id)
    )
    return found


async def my_access_requests(ctx: Context, api_id: str) -> list[AccessRequestRecord]:
    """The caller's own requests for the API."""
    client = ctx.client(PortalClient)
    found: list[AccessRequestRecord] = await ctx.once(
        ("portal:my-requests", api_id), lambda: client.my_access_requests(api_id)
    )
    return found


async def clients(ctx: Context, server_id: str) -> list[ClientRecord] | None:
    """The caller's clients of one host server; None for an id outside the portal's format."""
    if not SERVER_ID.valid(server_id):
        return None
    return await ctx.client(PortalClient).clients(server_id)


async def reference_list(ctx: Context, name: str) -> list[ReferenceRecord]:
    """categories, grantTypes, methods or visibilities: the same for every caller, cached."""
    client = ctx.client(PortalClient)
    fetch = {
        "categories": client.categories,
        "grantTypes": client.grant_types,
        "methods": client.methods,
        "visibilities": client.visibilities,
    }[name]
    found: list[ReferenceRecord] = await ctx.reference.get(f"portal:{name}", fetch)
    return found
