"""Region and City: where enrollees live and providers practise (Bastion's states and cities)."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers.core.context import Context
from resolvers.endorsements import CityRecord, RegionRecord, reference
from resolvers.endorsements.listing import city_nodes, region_nodes
from schema.core.cost import cost

__all__ = ["CITY_BOUND", "City", "Region"]

# Bastion's cities of one state: a few dozen at most; the bound the cost estimate takes.
CITY_BOUND = 100


@strawberry.type(description="A city of a region, e.g. Gwagwalada in Abuja (FCT).")
class City(relay.Node):
    key: relay.NodeID[str]
    city_id: int = strawberry.field(description="Bastion's city id, e.g. 271.")
    name: str = strawberry.field(description="The city's name.")
    region_id: int = strawberry.field(description="The id of the region it is in, e.g. 15.")

    @classmethod
    def from_record(cls, r: CityRecord) -> City:
        return cls(
            key=f"{r['region_id']}/{r['id']}",
            city_id=r["id"],
            name=r["name"],
            region_id=r["region_id"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[City | None]:
        found = await city_nodes(info.context, node_ids)
        return [None if r is None else cls.from_record(r) for r in found]


@strawberry.type(description="A state or region, e.g. Abuja (FCT); Bastion calls them states.")
class Region(relay.Node):
    key: relay.NodeID[str]
    region_id: int = strawberry.field(description="Bastion's state id, e.g. 15.")
    name: str = strawberry.field(description="The region's name, e.g. Abuja (FCT).")
    country_id: int | None = strawberry.field(
        description="Bastion's id of the country it is in (162 is Nigeria)."
    )

    @classmethod
    def from_record(cls, r: RegionRecord) -> Region:
        return cls(key=str(r["id"]), region_id=r["id"], name=r["name"], country_id=r["country_id"])

    @strawberry.field(
        description="The region's cities, by name (one Bastion call per region, cached).",
        metadata=cost(1, CITY_BOUND),
    )
    async def cities(self, info: Info[Context, None]) -> list[City] | None:
        found = await reference.cities(info.context, self.region_id)
        return [City.from_record(c) for c in sorted(found, key=lambda c: (c["name"], c["id"]))]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Region | None]:
        found = await region_nodes(info.context, node_ids)
        return [None if r is None else cls.from_record(r) for r in found]
