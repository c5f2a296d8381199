"""Reads of organizations, vendors and memberships: one MedAllies request per page.

The filter goes down whole as ``filterOn``, the order as ``sortOn`` (with the unique key last,
so offset paging is stable and reversible), the page as offset/limit, and the selection as
``_fields`` / ``_collapse`` (see :mod:`resolvers.onboarding.planning`). Reference lists and
metadata are read through the process cache.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from resolvers.core import paging
from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from resolvers.core.paging import Page, Slice, Window
from resolvers.onboarding.fields import (
    Record,
)
from resolvers.onboarding.planning import ListPlan
from upstreams import UpstreamRejected
from upstreams.medallies import (
    Directives,
    Listing,
    ListQuery,
    MedAlliesClient,
    wire,
)

FILTER_ERRORS = frozenset(str(code) for code in wire.FILTER_ERRORS)

Fetch = Callable[[ListQuery, Directives], Awaitable[Listing]]


async def offset_page(fetch: Fetch, plan: ListPlan, window: Window, *, kind: str) -> Page[Record]:
    """One Relay page of a MedAllies list: the core pager over ``ListQuery`` + directives."""

    def get(part: Slice) -> Awaitable[Listing]:
        query = ListQuery(
            offset=part.offset,
            limit=part.limit,
            sort_on=plan.reversed_sort() if part.reverse else plan.sort_on,
            filter_on=plan.filter_on,
        )
        return fetch(query, plan.directives(count=part.count))

    return await paging.offset_page(
        get,
        window,
        kind=kind,
        fingerprint=plan.fingerprint,
        want_items=plan.want_items,
        want_count=plan.want_count,
    )


def check_filter_error(exc: UpstreamRejected) -> None:
    """Filter errors 153-158 are the caller's: BAD_USER_INPUT naming the filter path."""
    if FILTER_ERRORS & set(exc.error_codes):
        raise BadUserInput(
            f"The upstream refused the filter: {exc.detail or exc.summary}",
            argument="filter",
            filterPath=sorted(exc.field_errors),
            upstreamCodes=list(exc.error_codes),
        ) from exc


async def _listing(call: Awaitable[Listing]) -> Listing:
    try:
        return await call
    except UpstreamRejected as exc:
        check_filter_error(exc)
        raise


def _fetcher(
    post: Callable[[ListQuery, Directives], Awaitable[Listing]],
    get: Callable[[int, int, Directives], Awaitable[Listing]],
    unique: str,
) -> Fetch:
    """POST the filterable list, or GET the plain one when there is no filter and the order
    is the upstream's default (its unique key ascending): the same answer, simpler call."""

    def fetch(query: ListQuery, directives: Directives) -> Awaitable[Listing]:
        if query.filter_on is None and query.sort_on == ((unique, "asc"),) and query.limit:
            return _listing(get(query.offset, query.limit, directives))
        return _listing(post(query, directives))

    return fetch


async def organizations(ctx: Context, plan: ListPlan, window: Window) -> Page[Record]:
    client = ctx.client(MedAlliesClient)
    fetch = _fetcher(client.list_organizations, client.list_organizations_plain, "id")
    return await offset_page(fetch, plan, window, kind="organizations")


async def vendors(ctx: Context, plan: ListPlan, window: Window) -> Page[Record]:
    client = ctx.client(MedAlliesClient)
    fetch = _fetcher(client.list_vendors, client.list_vendors_plain, "id")
    return await offset_page(fetch, plan, window, kind="vendors")


# Each side of the membership list: the client's POST and GET calls, the upstream's unique
# sort key on that side, and the id of the owner each record belongs to.
_SIDES = {
    "organization": ("list_organization_memberships", "account.id", "organization_id"),
    "account": ("list_account_memberships", "organization.id", "account_id"),
}


async def memberships(
    ctx: Context, side: str, owner_id: int, plan: ListPlan, window: Window
) -> Page[Record]:
    """One organization's (or account's) memberships; the same page of the same owner asked
    for twice in one query (aliases, repeated fragments) is fetched once."""
    method, unique, owner_key = _SIDES[side]
    client = ctx.client(MedAlliesClient)
    fetch = _fetcher(
        partial(getattr(client, method), owner_id),
        partial(getattr(client, f"{method}_plain"), owner_id),
        unique,
    )
    key = (side, owner_id, plan.key, window)
    page: Page[Record] = await ctx.once(
        key, lambda: offset_page(fetch, plan, window, kind=f"{side}-memberships")
    )
    for edge in page.edges:
        edge.record.setdefault(owner_key, owner_id)
    return page


async def reference(ctx: Context, name: str) -> list[Record]:
    client = ctx.client(MedAlliesClient)
    items: list[Record] = await ctx.reference.get(
        f"medallies:{name}", lambda: client.reference_list(name)
    )
    return items


async def metadata(ctx: Context, data_type: str) -> Record | None:
    client = ctx.client(MedAlliesClient)
    record: Record | None = await ctx.reference.get(
        f"medallies:metadata:{data_type.lower()}", lambda: client.metadata(data_type)
    )
    return record


async def data_types(ctx: Context) -> list[str]:
    client = ctx.client(MedAlliesClient)
    names: list[str] = await ctx.reference.get("medallies:dataTypes", client.data_types)
    return names


async def error_codes(ctx: Context) -> list[Record]:
    client = ctx.client(MedAlliesClient)
    codes: list[Record] = await ctx.reference.get("medallies:errorCodes", client.error_codes)
    return codes
