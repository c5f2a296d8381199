"""Root query fields of the endorsements domain (Bastion): enrollees, broker plans,
conditions, regions and providers."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers import endorsements as resolve
from resolvers.core.context import Context
from resolvers.core.paging import Window
from resolvers.endorsements.listing import list_conditions, list_plans
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import PAGE, cost
from schema.core.filters import to_predicate
from schema.core.ordering import sort_keys
from schema.endorsements.conditions import Condition, ConditionFilter
from schema.endorsements.enrollees import Enrollee, parts_selected
from schema.endorsements.places import Region
from schema.endorsements.plans import BrokerPlan, BrokerPlanFilter, BrokerPlanOrder
from schema.endorsements.providers import Provider, ProviderFilter, ProviderOrder

__all__ = ["REGION_LIST_BOUND", "EndorsementQueries"]

# Nigeria's 36 states and the FCT; the bound the cost estimate takes for `regions`.
REGION_LIST_BOUND = 40


@strawberry.type
class EndorsementQueries:
    @strawberry.field(
        description="An enrollee by Bastion member id; null if Bastion knows none. Its status, "
        "plan and utilization are fetched only when selected, all at once.",
        metadata=cost(1),
    )
    async def enrollee(
        self,
        info: Info[Context, None],
        member_id: Annotated[
            str, strawberry.argument(description="Bastion's member id, e.g. 100004976.")
        ],
    ) -> Enrollee | None:
        record = await resolve.enrollee(info.context, member_id, parts_selected(info))
        return None if record is None else Enrollee.from_record(record)

    @strawberry.field(
        description="The vendor's broker plans, by name unless ordered otherwise (Bastion's "
        "whole list, cached; filtered and paged by the gateway).",
        metadata=cost(1, PAGE),
    )
    async def broker_plans(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            BrokerPlanFilter | None, strawberry.argument(description="Which plans to return.")
        ] = None,
        order_by: Annotated[
            list[BrokerPlanOrder] | None,
            strawberry.argument(description="Sort keys, most significant first."),
        ] = None,
    ) -> Connection[BrokerPlan] | None:
        page = await list_plans(
            info.context,
            to_predicate(filter) if filter is not None else None,
            Window(first=first, after=after, last=last, before=before),
            sort_keys(order_by),
        )
        return to_connection(page, BrokerPlan.from_record)

    @strawberry.field(description="A broker plan by id; null if there is none.", metadata=cost(1))
    async def broker_plan(
        self,
        info: Info[Context, None],
        plan_id: Annotated[int, strawberry.argument(description="Bastion's plan id, e.g. 10052.")],
    ) -> BrokerPlan | None:
        found = (await resolve.listing.plan_nodes(info.context, [str(plan_id)]))[0]
        return None if found is None else BrokerPlan.from_record(found)

    @strawberry.field(
        description="Pre-existing conditions, by name (Bastion's list, cached and searched by "
        "the gateway).",
        metadata=cost(1, PAGE),
    )
    async def conditions(
        self,
        info: Info[Context, None],
        search: Annotated[
            str | None,
            strawberry.argument(description="Text the name contains, in any case, e.g. abdominal."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ConditionFilter | None, strawberry.argument(description="Which conditions to return.")
        ] = None,
    ) -> Connection[Condition] | None:
        page = await list_conditions(
            info.context,
            search,
            to_predicate(filter) if filter is not None else None,
            Window(first=first, after=after, last=last, before=before),
        )
        return to_connection(page, Condition.from_record)

    @strawberry.field(
        description="Every state or region Bastion knows, by name (cached).",
        metadata=cost(1, REGION_LIST_BOUND),
    )
    async def regions(self, info: Info[Context, None]) -> list[Region] | None:
        found = await resolve.reference.regions(info.context)
        return [Region.from_record(r) for r in sorted(found, key=lambda r: (r["name"], r["id"]))]

    @strawberry.field(
        description="Providers, by name unless ordered otherwise. Bastion lists them whole; the "
        "gateway filters and pages them exactly (see ProviderFilter for what runs at Bastion).",
        metadata=cost(resolve.provider_calls, PAGE),
    )
    async def providers(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ProviderFilter | None, strawberry.argument(description="Which providers to return.")
        ] = None,
        order_by: Annotated[
            list[ProviderOrder] | None,
            strawberry.argument(description="Sort keys, most significant first."),
        ] = None,
    ) -> Connection[Provider] | None:
        plan = resolve.plan_providers(to_predicate(filter) if filter is not None else None)
        page = await resolve.list_providers(
            info.context,
            plan,
            Window(first=first, after=after, last=last, before=before),
            sort_keys(order_by),
        )
        return to_connection(page, Provider.from_row)
