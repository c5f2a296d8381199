"""Provider: a hospital, pharmacy or other provider on Bastion's plans, with its filter."""

from __future__ import annotations

from enum import Enum

import strawberry

from resolvers.endorsements import ProviderRow
from schema.core.filters import EnumFilter, FloatFilter, IntFilter, StringFilter
from schema.core.ordering import Order
from schema.endorsements.enums import ProviderType

__all__ = [
    "Provider",
    "ProviderFilter",
    "ProviderOrder",
    "ProviderOrderField",
    "ProviderTypeFilter",
]


@strawberry.type(
    description="A provider where enrollees are treated. Bastion gives providers no id: "
    "`code` identifies one when present. Not a Node."
)
class Provider:
    code: str | None = strawberry.field(description="Bastion's provider code, e.g. ABC-HEALTH.")
    name: str = strawberry.field(description="The provider's name, e.g. ABC Health.")
    type: ProviderType | None = strawberry.field(
        description="The kind of provider, read from Bastion's category; null when the "
        "category names no provider type."
    )
    category: str | None = strawberry.field(description="Bastion's category text, as sent.")
    email: str | None = strawberry.field(description="Contact email.")
    phone: str | None = strawberry.field(description="Contact phone, e.g. +234909291111111.")
    address_line1: str | None = strawberry.field(description="Address, first line.")
    address_line2: str | None = strawberry.field(description="Address, second line.")
    state: str | None = strawberry.field(description="The region's name, e.g. Lagos.")
    city: str | None = strawberry.field(description="The city's name, e.g. Ikeja.")
    region_id: int | None = strawberry.field(
        description="The region's id when the query filtered on region or city (Bastion "
        "answers names only); otherwise null."
    )
    city_id: int | None = strawberry.field(
        description="The city's id when the query filtered on city; otherwise null."
    )
    longitude: float | None = strawberry.field(description="Longitude in degrees.")
    latitude: float | None = strawberry.field(description="Latitude in degrees.")
    rating: float | None = strawberry.field(description="Bastion's rating, e.g. 5.")

    @classmethod
    def from_row(cls, row: ProviderRow) -> Provider:
        r = row.record
        return cls(
            code=r["code"],
            name=r["name"],
            type=ProviderType(r["type"]) if r["type"] else None,
            category=r["category"],
            email=r["email"],
            phone=r["phone"],
            address_line1=r["address_line1"],
            address_line2=r["address_line2"],
            state=r["state"],
            city=r["city"],
            region_id=row.region_id,
            city_id=row.city_id,
            longitude=r["longitude"],
            latitude=r["latitude"],
            rating=r["rating"],
        )


@strawberry.input(description="Conditions on a provider's type.")
class ProviderTypeFilter(EnumFilter[ProviderType]):
    pass


@strawberry.input(
    description="Which providers to return. One type, region, city or plan (eq, or in with one "
    "value) and a name condition (as search text) run at Bastion; everything else is evaluated "
    "by the gateway, with the same results and exact paging. A plan condition other than one "
    "plan id asks Bastion once per plan."
)
class ProviderFilter:
    type: ProviderTypeFilter | None = strawberry.field(
        description="The kind of provider.", default=None
    )
    region: IntFilter | None = strawberry.field(
        description="The region (state) id, from `regions`.", default=None
    )
    city: IntFilter | None = strawberry.field(
        description="The city id, from a region's `cities`.", default=None
    )
    plan: IntFilter | None = strawberry.field(
        description="A broker plan id the provider is on.", default=None
    )
    name: StringFilter | None = strawberry.field(
        description="The provider's name (case-sensitive here; Bastion's search is not).",
        default=None,
    )
    rating: FloatFilter | None = strawberry.field(description="Bastion's rating.", default=None)
    and_: list[ProviderFilter] | None = strawberry.field(
        name="and", description="All of these filters hold.", default=None
    )
    or_: list[ProviderFilter] | None = strawberry.field(
        name="or",
        description="At least one of these filters holds ([] matches nothing).",
        default=None,
    )
    not_: ProviderFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.enum(description="What providers can be ordered by.")
class ProviderOrderField(Enum):
    NAME = strawberry.enum_value("name", description="The provider's name.")
    RATING = strawberry.enum_value("rating", description="Bastion's rating.")
    STATE = strawberry.enum_value("state_name", description="The region's name.")
    CITY = strawberry.enum_value("city_name", description="The city's name.")


@strawberry.input(description="One sort key of providers.")
class ProviderOrder(Order[ProviderOrderField]):
    pass
