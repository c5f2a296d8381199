"""Members, a page at a time: the plan's upstream query read through the cursor scanner.

Datanexus pages with opaque cursors both ways and filters on a few exact parameters; the
plan's residual is evaluated here (see :mod:`resolvers.core.scanner` for exact paging).
"""

from __future__ import annotations

from resolvers.core.context import Context
from resolvers.core.paging import Page, Window
from resolvers.core.predicates import evaluate
from resolvers.core.scanner import CursorScanner
from resolvers.members.loaders import prime_members
from resolvers.members.planning import MEMBER_GETTERS, MemberListPlan
from upstreams.datanexus import MAX_LIMIT, DatanexusClient, MemberPage, MemberRecord

__all__ = ["CURSOR_KIND", "SCAN_PAGE", "SCAN_PAGES", "list_members"]

CURSOR_KIND = "members"
# The page size the gateway asks for while it filters locally (the upstream's maximum).
SCAN_PAGE = MAX_LIMIT
# Upstream pages one members page may read when the gateway filters: what its cost declares
# (schema/members/queries.py), so the estimate is a bound.
SCAN_PAGES = 20


async def list_members(ctx: Context, plan: MemberListPlan, window: Window) -> Page[MemberRecord]:
    """One Relay page of members under ``plan``."""
    client = ctx.client(DatanexusClient)

    async def fetch(cursor: str | None, backward: bool, limit: int) -> MemberPage:
        page = await client.list_members(
            plan.query,
            limit=limit,
            cursor_next=None if backward else cursor,
            cursor_prev=cursor if backward else None,
        )
        prime_members(ctx, page.items)
        return page

    residual = plan.residual
    scanner: CursorScanner[MemberRecord] = CursorScanner(
        kind=CURSOR_KIND,
        fingerprint=plan.fingerprint,
        fetch=fetch,
        matches=None if residual is None else lambda r: evaluate(residual, r, MEMBER_GETTERS),
        scan_page=SCAN_PAGE,
        max_pages=SCAN_PAGES,
    )
    return await scanner.page(window)
