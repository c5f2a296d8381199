"""Root query fields of the members domain: ``member(memberId:)`` and ``members``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers import members as resolve
from resolvers.core.context import Context
from resolvers.core.paging import Window
from resolvers.members.listing import SCAN_PAGES
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import PAGE, cost, scan
from schema.core.filters import to_predicate
from schema.core.selection import selected_paths
from schema.members.filters import MemberFilter
from schema.members.members import Member

__all__ = ["MemberQueries"]


@strawberry.type
class MemberQueries:
    @strawberry.field(
        description="A member by member id or prefixed sponsor id; null if none.", metadata=cost(1)
    )
    async def member(
        self,
        info: Info[Context, None],
        member_id: Annotated[
            str,
            strawberry.argument(
                description="A member id (A5c7X) or a prefixed sponsor member identifier "
                "(EOE-COGITO55)."
            ),
        ],
    ) -> Member | None:
        record = await resolve.member(info.context, member_id)
        return None if record is None else Member.from_record(record)

    @strawberry.field(
        description="Members, a page at a time, oldest first. totalCount is null: Datanexus "
        "does not count.",
        metadata=cost(scan(SCAN_PAGES), PAGE),
    )
    async def members(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            MemberFilter | None, strawberry.argument(description="Which members to return.")
        ] = None,
        updated_since: Annotated[
            dt.datetime | None,
            strawberry.argument(
                description="Only members changed at or after this instant (Datanexus keeps "
                "no change time on the record, so this is not a filter field)."
            ),
        ] = None,
    ) -> Connection[Member] | None:
        plan = resolve.plan_members(
            to_predicate(filter) if filter is not None else None,
            updated_since=updated_since.isoformat() if updated_since else None,
            include_household=resolve.wants_household(selected_paths(info.selected_fields, 3)),
        )
        window = Window(first=first, after=after, last=last, before=before)
        page = await resolve.list_members(info.context, plan, window)
        return to_connection(page, Member.from_record)
