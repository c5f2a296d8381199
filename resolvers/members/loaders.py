"""This request's member loader: members by member id or prefixed sponsor id.

Made on first use through the context's generic ``ctx.loader`` (one per request, so nothing
personal is cached across callers). Whole records read from a list answer stand in for
by-id fetches later on, kept in a per-request slot the loader consults.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiodataloader import DataLoader

from resolvers.core.context import Context
from upstreams.datanexus import MEMBER_KEY, DatanexusClient, MemberRecord

__all__ = ["load_member", "load_members", "member_loader", "prime_members"]

_LOADER = ("datanexus", "member")
_SEEN = ("datanexus", "seen-members")


def _seen(ctx: Context) -> dict[str, MemberRecord]:
    seen: Any = ctx.memo.get(_SEEN)
    if seen is None:
        seen = ctx.memo[_SEEN] = {}
    return seen  # type: ignore[no-any-return]


def member_loader(ctx: Context) -> DataLoader[str, MemberRecord | None]:
    """Members by member id or prefixed sponsor id (None for none)."""

    async def fetch(key: str) -> MemberRecord | None:
        known = _seen(ctx).get(key)
        if known is not None:
            return known
        if not MEMBER_KEY.valid(key):
            # Not of Datanexus' id format (a household entry of a broken answer, say): it
            # names no member, and it never reaches a URL.
            return None
        record = await ctx.client(DatanexusClient).get_member(key)
        if record is not None and record["id"] != key:
            member_loader(ctx).prime(record["id"], record)
        return record

    return ctx.loader(_LOADER, fetch)


def prime_members(ctx: Context, records: Sequence[MemberRecord]) -> None:
    """Whole records read from a list answer stand in for by-id fetches later on.

    Kept in a plain dict the loader consults, rather than primed into the loader: a page of
    100 would otherwise create 100 futures that almost no query reads.
    """
    _seen(ctx).update((r["id"], r) for r in records if r.get("complete"))


async def load_member(ctx: Context, member_id: str) -> MemberRecord | None:
    result: Any = await member_loader(ctx).load(member_id)
    return result  # type: ignore[no-any-return]


async def load_members(ctx: Context, member_ids: Sequence[str]) -> list[MemberRecord | None]:
    result: Any = await member_loader(ctx).load_many(list(member_ids))
    return list(result)
