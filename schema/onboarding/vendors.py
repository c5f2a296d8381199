"""Vendors: the EHR/HISP products organizations use."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_int
from schema.core.filters import IntFilter, StringFilter
from schema.core.ordering import Order
from schema.onboarding.lists import filter_field as _f
from schema.onboarding.lists import int_keys

Record = dict[str, Any]


@strawberry.input(
    description="Which vendors. Fields set together must all hold; combine with and/or/not."
)
class VendorFilter:
    vendor_id: IntFilter | None = _f("MedAllies vendor id, e.g. {eq: 12}.")
    name: StringFilter | None = _f('Vendor name, e.g. {startsWith: "Epic"}.')
    product: StringFilter | None = _f("The vendor's product name.")
    root_domain: StringFilter | None = _f(
        'The product\'s Direct root domain, e.g. {endsWith: ".net"}.'
    )
    endpoint_type_code: IntFilter | None = _f("Endpoint type code (see EndpointType.code).")
    and_: list[VendorFilter] | None = strawberry.field(
        name="and", description="All of these hold.", default=None
    )
    or_: list[VendorFilter] | None = strawberry.field(
        name="or", description="At least one holds ([] matches nothing).", default=None
    )
    not_: VendorFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.enum(description="Fields vendors can be sorted on.")
class VendorOrderField(Enum):
    VENDOR_ID = strawberry.enum_value("id", description="MedAllies vendor id.")
    NAME = strawberry.enum_value("name", description="Vendor name, alphabetically.")
    PRODUCT = strawberry.enum_value("product", description="Product name, alphabetically.")


@strawberry.input(description="One sort key for vendors.")
class VendorOrder(Order[VendorOrderField]):
    pass


@strawberry.type(description="How a vendor's Direct endpoint exchanges messages, e.g. XD.")
class EndpointType:
    name: str | None = strawberry.field(description="Endpoint type name, e.g. XD or SMTP.")
    code: int | None = strawberry.field(description="MedAllies endpoint type code.")


@strawberry.type(description="An EHR or HISP vendor whose product organizations use.")
class Vendor(relay.Node):
    key: relay.NodeID[str]
    vendor_id: int = strawberry.field(description="MedAllies vendor id.")
    name: str | None = strawberry.field(description="Vendor name, e.g. Epic Systems.")
    product: str | None = strawberry.field(description="The vendor's product, e.g. EpicCare.")
    root_domain: str | None = strawberry.field(
        description="The product's Direct root domain, e.g. epic.medalliesdirect.net."
    )
    endpoint_type: EndpointType | None = strawberry.field(
        description="How the product's endpoint exchanges messages (null: not recorded)."
    )

    @classmethod
    def from_record(cls, r: Record) -> Vendor:
        et = r.get("endpoint_type")
        return cls(
            key=str(r["id"]),
            vendor_id=int(r["id"]),
            name=r.get("name"),
            product=r.get("product"),
            root_domain=r.get("root_domain"),
            endpoint_type=EndpointType(name=et.get("name"), code=parse_int(et.get("code")))
            if isinstance(et, dict)
            else None,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Vendor | None]:
        found = await resolve.load_many(info.context, "vendor", int_keys("vendor", node_ids))
        return [None if r is None else cls.from_record(r) for r in found]
