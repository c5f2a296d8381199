"""Members read by key: a member, its household, and node lookups of members and children.

Every by-key read goes through the request's member loader (``loaders``), so one query's
node ids, aliases and household entries batch into one upstream round.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from resolvers.core.context import Context
from resolvers.core.nodes import resolve_keys
from resolvers.members.loaders import load_member, load_members
from upstreams.datanexus import (
    CONSENT_ID,
    ENROLLMENT_ID,
    MEMBER_KEY,
    ConsentRecord,
    EnrollmentRecord,
    MemberRecord,
)

__all__ = [
    "complete_member",
    "consent_nodes",
    "enrollment_nodes",
    "household",
    "member",
    "member_nodes",
]


async def member(ctx: Context, member_id: str) -> MemberRecord | None:
    """A member by member id or prefixed sponsor id; None for none found.

    A key that is not of Datanexus' id format names no member: None without a call.
    """
    if not MEMBER_KEY.valid(member_id):
        return None
    return await load_member(ctx, member_id)


async def household(ctx: Context, record: MemberRecord, *, complete: bool) -> list[MemberRecord]:
    """The other members of ``record``'s household.

    The entries a list answer carries hold only some fields; ``complete`` asks for whole
    records, fetched once per distinct member through the request's loader.
    """
    entries = record.get("household")
    if entries is None:
        full = await load_member(ctx, record["id"])
        entries = (full or {}).get("household") or []
    if not complete:
        return list(entries)
    loaded = await load_members(ctx, [e["id"] for e in entries])
    return [m for m in loaded if m is not None]


async def complete_member(ctx: Context, record: MemberRecord) -> MemberRecord:
    """The whole record for a household entry (itself when already whole)."""
    if record.get("complete"):
        return record
    return await load_member(ctx, record["id"]) or record


def _member_key(key: str) -> str | None:
    return key if MEMBER_KEY.valid(key) else None


def _child_key(key: str, kind: str) -> tuple[str, str] | None:
    """``"<memberId>/<childId>"``; None when either part is missing or not of its format."""
    owner, slash, child = key.partition("/")
    alphabet = CONSENT_ID if kind == "consents" else ENROLLMENT_ID
    if slash and MEMBER_KEY.valid(owner) and alphabet.valid(child):
        return owner, child
    return None


async def member_nodes(ctx: Context, keys: Iterable[str]) -> list[MemberRecord | None]:
    """Members for node keys, in order; None for a malformed key or a missing member."""
    return await resolve_keys(keys, _member_key, lambda ids: load_members(ctx, ids))


async def _children(ctx: Context, keys: Iterable[str], kind: str) -> list[Any]:
    """Consents and enrollments have no read call of their own: find them in their member."""

    async def load(pairs: list[tuple[str, str]]) -> list[Any]:
        members = await load_members(ctx, [owner for owner, _ in pairs])
        return [
            next((c for c in (m or {}).get(kind) or () if c["id"] == child), None)  # type: ignore[attr-defined]
            for (_, child), m in zip(pairs, members, strict=True)
        ]

    return await resolve_keys(keys, lambda key: _child_key(key, kind), load)


async def consent_nodes(ctx: Context, keys: Iterable[str]) -> list[ConsentRecord | None]:
    """Consents for node keys (``memberId/consentId``), in order; None where none."""
    return await _children(ctx, keys, "consents")


async def enrollment_nodes(ctx: Context, keys: Iterable[str]) -> list[EnrollmentRecord | None]:
    """Enrollments for node keys (``memberId/enrollmentId``), in order; None where none."""
    return await _children(ctx, keys, "enrollments")
