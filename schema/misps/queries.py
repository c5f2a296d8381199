"""Root query fields of the misps domain (MOSIP Partner Management): the MISP list and one
MISP by id."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers import misps as resolve
from resolvers.core.context import Context
from resolvers.core.paging import Window
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import PAGE, cost
from schema.core.filters import to_predicate
from schema.core.ordering import sort_keys
from schema.misps.misps import Misp, MispFilter, MispOrder

__all__ = ["MispQueries"]


@strawberry.type
class MispQueries:
    @strawberry.field(
        description="MISPs registered with MOSIP, by organization name unless ordered "
        "otherwise (MOSIP's whole list, read once per request; filtered and paged by the "
        "gateway, with an exact totalCount).",
        metadata=cost(1, PAGE),
    )
    async def misps(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            MispFilter | None, strawberry.argument(description="Which MISPs to return.")
        ] = None,
        order_by: Annotated[
            list[MispOrder] | None,
            strawberry.argument(description="Sort keys, most significant first."),
        ] = None,
    ) -> Connection[Misp] | None:
        page = await resolve.list_misps(
            info.context,
            to_predicate(filter) if filter is not None else None,
            Window(first=first, after=after, last=last, before=before),
            sort_keys(order_by),
        )
        return to_connection(page, Misp.from_record)

    @strawberry.field(
        description="A MISP by MOSIP's id; null if MOSIP has none (an id that is not digits "
        "is null without a call).",
        metadata=cost(1),
    )
    async def misp(
        self,
        info: Info[Context, None],
        misp_id: Annotated[
            str, strawberry.argument(description="MOSIP's MISP id, e.g. 64269837502851.")
        ],
    ) -> Misp | None:
        found = await resolve.misp(info.context, misp_id)
        return None if found is None else Misp.from_record(found)
