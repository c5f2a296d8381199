"""Organizations, accounts, vendors and memberships by key, through the request's loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from resolvers.core.context import Context
from resolvers.onboarding.fields import (
    Record,
)
from resolvers.onboarding.planning import WHOLE
from upstreams import UpstreamNotFound
from upstreams.medallies import (
    Directives,
    ListQuery,
    MedAlliesClient,
    wire,
)

# --- reads through the request's loaders ---------------------------------------------------

_GETTERS: dict[str, str] = {
    "organization": "get_organization",
    "account": "get_account",
    "vendor": "get_vendor",
}
_KEYS = {"organization": wire.ORGANIZATION_ID, "account": wire.ACCOUNT_ID, "vendor": wire.VENDOR_ID}


def parse_id(kind: str, text: str) -> int | None:
    """The MedAllies id in a global id's key (ASCII digits, in range), or None."""
    return _KEYS[kind].parse(text)


def parse_membership_key(text: str) -> tuple[int, int] | None:
    """``organization/account``, both valid ids; None for anything else."""
    org, slash, account = text.partition("/")
    org_id, account_id = parse_id("organization", org), parse_id("account", account)
    if not slash or org_id is None or account_id is None:
        return None
    return org_id, account_id


async def load_many(
    ctx: Context, kind: str, ids: Sequence[int], directives: Directives = WHOLE
) -> list[Record | None]:
    """Organizations, accounts or vendors by id: one call per distinct id, all at once."""
    client = ctx.client(MedAlliesClient)
    getter = getattr(client, _GETTERS[kind])

    async def fetch(key: int) -> Record | None:
        if _KEYS[kind].parse(key) is None:
            return None  # not an id MedAllies can hold: no call
        record: Record | None = await getter(key, directives)
        return record

    loader = ctx.loader((kind, directives), fetch)
    result: Any = await loader.load_many(list(ids))
    return list(result)


async def load_memberships(ctx: Context, keys: Sequence[tuple[int, ...]]) -> list[Record | None]:
    """Memberships by (organization id, account id): there is no read by key upstream, so
    each is a filtered list of its organization's memberships."""
    client = ctx.client(MedAlliesClient)

    async def one(key: tuple[int, ...]) -> Record | None:
        org_id, account_id = key
        if wire.ORGANIZATION_ID.parse(org_id) is None or wire.ACCOUNT_ID.parse(account_id) is None:
            return None
        query = ListQuery(
            limit=1, filter_on=wire.filter_leaf("account.id", wire.FilterMethod.EXACT, [account_id])
        )
        try:
            listing = await client.list_organization_memberships(
                org_id, query, Directives(items_only=True)
            )
        except UpstreamNotFound:
            return None
        if not listing.items:
            return None
        record = listing.items[0]
        record.setdefault("organization_id", org_id)
        return record

    return list(await asyncio.gather(*(one(k) for k in keys)))
