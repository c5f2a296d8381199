"""Organizations: healthcare organizations onboarded for Direct messaging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.core.paging import Window
from resolvers.core.values import parse_datetime, parse_int
from resolvers.onboarding import planning as maps
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import PAGE, cost
from schema.core.filters import DateTimeFilter, EnumFilter, IntFilter, StringFilter
from schema.core.ordering import Order
from schema.onboarding.lists import filter_field as _f
from schema.onboarding.lists import int_keys, plan
from schema.onboarding.reference import ActivationStatus, status_of
from schema.onboarding.vendors import Vendor, VendorFilter

if TYPE_CHECKING:
    from schema.onboarding.memberships import (
        MembershipFilter,
        MembershipOrder,
        OrganizationMembership,
    )

Record = dict[str, Any]
_MEMBERSHIPS = "schema.onboarding.memberships"


@strawberry.input(description="Conditions on an enabled/disabled status.")
class ActivationStatusFilter(EnumFilter[ActivationStatus]):
    pass


@strawberry.input(
    description="Conditions on an organization's practice address, field by field as "
    "Organization.address shows it; combine with and/or/not."
)
class PracticeAddressFilter:
    street_address1: StringFilter | None = _f("Street address, first line.")
    street_address2: StringFilter | None = _f("Street address, second line (suite, floor).")
    city: StringFilter | None = _f('City, e.g. {eq: "Albany"}.')
    state: StringFilter | None = _f('Two-letter USPS state code, e.g. {in: ["NY", "NJ"]}.')
    postal_code: StringFilter | None = _f(
        'ZIP code as 55555 or 55555-5555, e.g. {startsWith: "122"}.'
    )
    and_: list[PracticeAddressFilter] | None = strawberry.field(
        name="and", description="All of these hold.", default=None
    )
    or_: list[PracticeAddressFilter] | None = strawberry.field(
        name="or", description="At least one holds ([] matches nothing).", default=None
    )
    not_: PracticeAddressFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.input(
    description="Which organizations. Fields set together must all hold; combine with "
    "and/or/not. Field names mirror the Organization type (address { state } …). The whole "
    "filter runs at MedAllies (filterOn), so paging and totalCount are exact."
)
class OrganizationFilter:
    organization_id: IntFilter | None = _f("MedAllies organization id.")
    organization_name: StringFilter | None = _f(
        'Organization name, e.g. {contains: "Clinic"} (case-sensitive at MedAllies).'
    )
    type_code: IntFilter | None = _f("Organization type code (see organizationTypes).")
    tin: StringFilter | None = _f("Tax identification number, 9 digits.")
    npi: StringFilter | None = _f(
        "National Provider Identifier, 10 digits; lt/gt compare as numbers do, since every "
        "NPI has 10 digits."
    )
    status: ActivationStatusFilter | None = _f("ENABLED or DISABLED.")
    direct_abbreviation: StringFilter | None = _f("The short tag used in Direct addresses.")
    address: PracticeAddressFilter | None = _f("Conditions on the practice address.")
    phone_number: StringFilter | None = _f("Phone number as (555) 555-5555.")
    specialization: StringFilter | None = _f('Specialization, e.g. {eq: "Multi-Specialty"}.')
    endpoint_uri: StringFilter | None = _f("The organization's Direct endpoint URI.")
    created_at: DateTimeFilter | None = _f("When MedAllies recorded the organization.")
    updated_at: DateTimeFilter | None = _f("When the organization last changed.")
    domain_name: StringFilter | None = _f('Direct domain name, e.g. {endsWith: ".net"}.')
    vendor: VendorFilter | None = _f("Conditions on the organization's vendor.")
    and_: list[OrganizationFilter] | None = strawberry.field(
        name="and", description="All of these hold.", default=None
    )
    or_: list[OrganizationFilter] | None = strawberry.field(
        name="or", description="At least one holds ([] matches nothing).", default=None
    )
    not_: OrganizationFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.enum(description="Fields organizations can be sorted on.")
class OrganizationOrderField(Enum):
    ORGANIZATION_ID = strawberry.enum_value("id", description="MedAllies organization id.")
    ORGANIZATION_NAME = strawberry.enum_value(
        "organizationName", description="Organization name, alphabetically."
    )
    ADDRESS_STATE = strawberry.enum_value(
        "practiceState", description="The practice address's state code."
    )
    ADDRESS_CITY = strawberry.enum_value("practiceCity", description="The practice address's city.")
    NPI = strawberry.enum_value("npi", description="National Provider Identifier.")
    TIN = strawberry.enum_value("tin", description="Tax identification number.")
    TYPE_CODE = strawberry.enum_value("typeCode", description="Organization type code.")
    CREATED_AT = strawberry.enum_value("creationDateTime", description="When it was recorded.")
    UPDATED_AT = strawberry.enum_value("lastUpdateDateTime", description="When it last changed.")
    VENDOR_NAME = strawberry.enum_value("vendor.name", description="The vendor's name.")


@strawberry.input(description="One sort key for organizations.")
class OrganizationOrder(Order[OrganizationOrderField]):
    pass


@strawberry.type(description="An organization's Direct domain.")
class Domain:
    domain_id: int | None = strawberry.field(description="MedAllies domain id.")
    domain_name: str | None = strawberry.field(
        description="The domain Direct addresses end in, e.g. tag.medalliesdirect.net."
    )


@strawberry.type(description="Where an organization practices (US addresses only).")
class PracticeAddress:
    street_address1: str | None = strawberry.field(description="Street address, first line.")
    street_address2: str | None = strawberry.field(
        description="Street address, second line (suite, floor); null when there is none."
    )
    city: str | None = strawberry.field(description="City, e.g. Albany.")
    state: str | None = strawberry.field(description="Two-letter USPS state code, e.g. NY.")
    postal_code: str | None = strawberry.field(description="ZIP code, 55555 or 55555-5555.")

    @classmethod
    def from_record(cls, r: Record) -> PracticeAddress | None:
        """From an organization record's flat practice fields; null when it has none."""
        if not any(k.startswith("practice_") for k in r):
            return None
        return cls(
            street_address1=r.get("practice_street1"),
            street_address2=r.get("practice_street2"),
            city=r.get("practice_city"),
            state=r.get("practice_state"),
            postal_code=r.get("practice_zip"),
        )


def npi_text(value: Any) -> str | None:
    """An NPI as its 10 digits (MedAllies stores it as a number)."""
    number = parse_int(value)
    return None if number is None else f"{number:010d}"


@strawberry.type(description="A healthcare organization onboarded for Direct messaging.")
class Organization(relay.Node):
    key: relay.NodeID[str]
    organization_id: int = strawberry.field(description="MedAllies organization id.")
    organization_name: str | None = strawberry.field(
        description="The organization's legal or trading name."
    )
    type_code: int | None = strawberry.field(
        description="Organization type code, e.g. 1 for Hospital (see organizationTypes)."
    )
    tin: str | None = strawberry.field(description="Tax identification number, 9 digits.")
    npi: str | None = strawberry.field(
        description="National Provider Identifier, 10 digits, e.g. 1234567893 (null: none)."
    )
    status: ActivationStatus | None = strawberry.field(
        description="ENABLED or DISABLED; a disabled organization's memberships are disabled too."
    )
    vendor: Vendor | None = strawberry.field(description="The vendor whose product it uses.")
    domain: Domain | None = strawberry.field(description="Its Direct domain.")
    direct_abbreviation: str | None = strawberry.field(
        description="The short tag MedAllies puts in its Direct addresses."
    )
    address: PracticeAddress | None = strawberry.field(description="The practice address.")
    phone_number: str | None = strawberry.field(
        description="Phone number as (555) 555-5555, an extension may follow."
    )
    specialization: str | None = strawberry.field(description="e.g. Multi-Specialty.")
    endpoint_uri: str | None = strawberry.field(description="The organization's Direct endpoint.")
    created_at: dt.datetime | None = strawberry.field(
        description="When MedAllies recorded the organization (UTC)."
    )
    updated_at: dt.datetime | None = strawberry.field(
        description="When the organization last changed (UTC)."
    )

    @classmethod
    def from_record(cls, r: Record) -> Organization:
        vendor = r.get("vendor")
        domain = r.get("domain")
        return cls(
            key=str(r["id"]),
            organization_id=int(r["id"]),
            organization_name=r.get("organization_name"),
            type_code=parse_int(r.get("type_code")),
            tin=r.get("tin"),
            npi=npi_text(r.get("npi")),
            status=status_of(r.get("status")),
            vendor=Vendor.from_record(vendor)
            if isinstance(vendor, dict) and "id" in vendor
            else None,
            domain=Domain(
                domain_id=parse_int(domain.get("id")), domain_name=domain.get("domain_name")
            )
            if isinstance(domain, dict)
            else None,
            direct_abbreviation=r.get("direct_abbreviation"),
            address=PracticeAddress.from_record(r),
            phone_number=r.get("telephone_number"),
            specialization=r.get("specialization"),
            endpoint_uri=r.get("endpoint_uri"),
            created_at=parse_datetime(r.get("creation_date_time")),
            updated_at=parse_datetime(r.get("last_update_date_time")),
        )

    @strawberry.field(
        description="The accounts that are members of this organization.", metadata=cost(1, PAGE)
    )
    async def memberships(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            Annotated[MembershipFilter, strawberry.lazy(_MEMBERSHIPS)] | None,
            strawberry.argument(
                description="Only the memberships matching these conditions "
                "(all fields set must hold)."
            ),
        ] = None,
        order_by: Annotated[
            list[Annotated[MembershipOrder, strawberry.lazy(_MEMBERSHIPS)]] | None,
            strawberry.argument(description="Sort keys, in order; the account id breaks ties."),
        ] = None,
    ) -> Connection[Annotated[OrganizationMembership, strawberry.lazy(_MEMBERSHIPS)]] | None:
        from schema.onboarding.memberships import OrganizationMembership

        p = plan(info, filter, order_by, resolve.MEMBERSHIP_FIELDS, maps.MEMBERSHIP_MAP,
                 unique="account.id", always=("account.accountType",))  # fmt: skip
        page = await resolve.memberships(
            info.context,
            "organization",
            self.organization_id,
            p,
            Window(first, after, last, before),
        )
        return to_connection(page, OrganizationMembership.from_record)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        keys = int_keys("organization", node_ids)
        found = await resolve.load_many(info.context, "organization", keys)
        return [None if r is None else cls.from_record(r) for r in found]
