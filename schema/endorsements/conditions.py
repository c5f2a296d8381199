"""Condition: a pre-existing condition an enrollee can declare, with its filter."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers.core.context import Context
from resolvers.endorsements import ConditionRecord
from resolvers.endorsements.listing import condition_nodes
from schema.core.filters import BooleanFilter, IntFilter, StringFilter

__all__ = ["Condition", "ConditionFilter"]


@strawberry.type(
    description="A pre-existing condition Bastion knows, e.g. Abdominal pregnancy; its id goes "
    "into createEndorsement's conditionIds."
)
class Condition(relay.Node):
    key: relay.NodeID[str]
    condition_id: int = strawberry.field(description="Bastion's condition id, e.g. 651.")
    name: str = strawberry.field(description="The condition's name (Bastion's pec_name).")
    chapter_id: int | None = strawberry.field(
        description="The chapter of the classification it belongs to (pec_chapter_id), e.g. 14."
    )
    active: bool | None = strawberry.field(
        description="Whether Bastion still accepts it (pec_status 1)."
    )

    @classmethod
    def from_record(cls, r: ConditionRecord) -> Condition:
        return cls(
            key=str(r["id"]),
            condition_id=r["id"],
            name=r["name"],
            chapter_id=r["chapter_id"],
            active=r["active"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Condition | None]:
        found = await condition_nodes(info.context, node_ids)
        return [None if r is None else cls.from_record(r) for r in found]


@strawberry.input(description="Which conditions to return (evaluated by the gateway).")
class ConditionFilter:
    condition_id: IntFilter | None = strawberry.field(description="The condition id.", default=None)
    name: StringFilter | None = strawberry.field(
        description="The name (case-sensitive).", default=None
    )
    chapter_id: IntFilter | None = strawberry.field(description="The chapter id.", default=None)
    active: BooleanFilter | None = strawberry.field(description="Still accepted.", default=None)
    and_: list[ConditionFilter] | None = strawberry.field(
        name="and", description="All of these filters hold.", default=None
    )
    or_: list[ConditionFilter] | None = strawberry.field(
        name="or",
        description="At least one of these filters holds ([] matches nothing).",
        default=None,
    )
    not_: ConditionFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )
