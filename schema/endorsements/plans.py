"""BrokerPlan: a health plan a broker sells through Bastion, with its filter and order."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers.core.context import Context
from resolvers.endorsements import PlanRecord
from resolvers.endorsements.listing import plan_nodes
from schema.core.filters import FloatFilter, IntFilter, StringFilter
from schema.core.ordering import Order

__all__ = ["BrokerPlan", "BrokerPlanFilter", "BrokerPlanOrder", "BrokerPlanOrderField"]


@strawberry.type(description="A health plan the vendor sells through Bastion, e.g. Gold Plan.")
class BrokerPlan(relay.Node):
    key: relay.NodeID[str]
    plan_id: int = strawberry.field(description="Bastion's plan id, e.g. 10052.")
    name: str = strawberry.field(description="The plan's name, e.g. Gold Plan.")
    description: str | None = strawberry.field(
        description="What the plan covers, as Bastion words it."
    )
    category: str | None = strawberry.field(description="The plan's category, as Bastion names it.")
    state: str | None = strawberry.field(
        description="Where the plan is in its life cycle, e.g. Published."
    )
    premium: float | None = strawberry.field(
        description="The premium, in the plan's currency (naira for Bastion), e.g. 64500.0."
    )

    @classmethod
    def from_record(cls, r: PlanRecord) -> BrokerPlan:
        return cls(
            key=str(r["id"]),
            plan_id=r["id"],
            name=r["name"],
            description=r["description"],
            category=r["category"],
            state=r["state"],
            premium=r["premium"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[BrokerPlan | None]:
        found = await plan_nodes(info.context, node_ids)
        return [None if r is None else cls.from_record(r) for r in found]


@strawberry.input(
    description="Which broker plans to return; evaluated by the gateway on Bastion's whole list."
)
class BrokerPlanFilter:
    plan_id: IntFilter | None = strawberry.field(description="Bastion's plan id.", default=None)
    name: StringFilter | None = strawberry.field(description="The plan's name.", default=None)
    category: StringFilter | None = strawberry.field(description="The category.", default=None)
    state: StringFilter | None = strawberry.field(
        description="The life-cycle state, e.g. Published.", default=None
    )
    premium: FloatFilter | None = strawberry.field(description="The premium.", default=None)
    and_: list[BrokerPlanFilter] | None = strawberry.field(
        name="and", description="All of these filters hold.", default=None
    )
    or_: list[BrokerPlanFilter] | None = strawberry.field(
        name="or",
        description="At least one of these filters holds ([] matches nothing).",
        default=None,
    )
    not_: BrokerPlanFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.enum(description="What broker plans can be ordered by.")
class BrokerPlanOrderField(Enum):
    NAME = strawberry.enum_value("name", description="The plan's name.")
    PREMIUM = strawberry.enum_value("premium", description="The premium.")
    PLAN_ID = strawberry.enum_value("plan_id", description="Bastion's plan id.")


@strawberry.input(description="One sort key of brokerPlans.")
class BrokerPlanOrder(Order[BrokerPlanOrderField]):
    pass
