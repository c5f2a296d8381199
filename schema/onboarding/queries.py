"""The onboarding root fields: lookups by MedAllies id, connections, reference lists."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from resolvers.core.paging import Window
from resolvers.onboarding import planning as maps
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import PAGE, cost
from schema.core.selection import selected
from schema.onboarding.accounts import Account, account_from_record
from schema.onboarding.lists import plan
from schema.onboarding.organizations import Organization, OrganizationFilter, OrganizationOrder
from schema.onboarding.reference import (
    Credential,
    DeactivationReasonItem,
    MedAlliesInfo,
    OrganizationType,
    Specialty,
    UsState,
)
from schema.onboarding.vendors import Vendor, VendorFilter, VendorOrder


@strawberry.type
class OnboardingQueries:
    @strawberry.field(
        description="An organization by its MedAllies id; null if none.", metadata=cost(1)
    )
    async def organization(
        self,
        info: Info[Context, None],
        organization_id: Annotated[
            int, strawberry.argument(description="MedAllies organization id.")
        ],
    ) -> Organization | None:
        found = await resolve.load_many(
            info.context,
            "organization",
            [organization_id],
            resolve.directives(selected(info), maps.ORGANIZATION_MAP),
        )
        return None if found[0] is None else Organization.from_record(found[0])

    @strawberry.field(
        description="Organizations a page at a time. Filter, order, page and selection all "
        "run at MedAllies in one request per page; totalCount is exact.",
        metadata=cost(1, PAGE),
    )
    async def organizations(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            OrganizationFilter | None,
            strawberry.argument(
                description="Only the organizations matching these conditions "
                "(all fields set must hold)."
            ),
        ] = None,
        order_by: Annotated[
            list[OrganizationOrder] | None,
            strawberry.argument(description="Sort keys, in order; the id breaks ties."),
        ] = None,
    ) -> Connection[Organization] | None:
        p = plan(info, filter, order_by, resolve.ORGANIZATION_FIELDS, maps.ORGANIZATION_MAP)
        page = await resolve.organizations(info.context, p, Window(first, after, last, before))
        return to_connection(page, Organization.from_record)

    @strawberry.field(description="A vendor by its MedAllies id; null if none.", metadata=cost(1))
    async def vendor(
        self,
        info: Info[Context, None],
        vendor_id: Annotated[int, strawberry.argument(description="MedAllies vendor id.")],
    ) -> Vendor | None:
        found = await resolve.load_many(
            info.context, "vendor", [vendor_id], resolve.directives(selected(info), maps.VENDOR_MAP)
        )
        return None if found[0] is None else Vendor.from_record(found[0])

    @strawberry.field(
        description="Vendors a page at a time; totalCount is exact.", metadata=cost(1, PAGE)
    )
    async def vendors(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            VendorFilter | None,
            strawberry.argument(
                description="Only the vendors matching these conditions (all fields set must hold)."
            ),
        ] = None,
        order_by: Annotated[
            list[VendorOrder] | None,
            strawberry.argument(description="Sort keys, in order; the id breaks ties."),
        ] = None,
    ) -> Connection[Vendor] | None:
        p = plan(info, filter, order_by, resolve.VENDOR_FIELDS, maps.VENDOR_MAP)
        page = await resolve.vendors(info.context, p, Window(first, after, last, before))
        return to_connection(page, Vendor.from_record)

    @strawberry.field(
        description="A Direct account by its MedAllies id; null if none.", metadata=cost(1)
    )
    async def account(
        self,
        info: Info[Context, None],
        account_id: Annotated[int, strawberry.argument(description="MedAllies account id.")],
    ) -> Account | None:
        found = await resolve.load_many(
            info.context,
            "account",
            [account_id],
            resolve.directives(selected(info), maps.ACCOUNT_MAP, always=("accountType",)),
        )
        return account_from_record(found[0])

    @strawberry.field(
        description="Organization types MedAllies accepts as typeCode (cached).", metadata=cost(1)
    )
    async def organization_types(self, info: Info[Context, None]) -> list[OrganizationType] | None:
        items = await resolve.reference(info.context, "organizations/types")
        return [OrganizationType.from_record(i) for i in items]

    @strawberry.field(
        description="US states and territories MedAllies accepts in addresses (cached).",
        metadata=cost(1),
    )
    async def us_states(self, info: Info[Context, None]) -> list[UsState] | None:
        return [
            UsState.from_record(i)
            for i in await resolve.reference(info.context, "organizations/usStates")
        ]

    @strawberry.field(
        description="Reasons for deactivating a membership (cached).", metadata=cost(1)
    )
    async def account_deactivation_reasons(
        self, info: Info[Context, None]
    ) -> list[DeactivationReasonItem] | None:
        items = await resolve.reference(info.context, "accounts/deactivateReasons")
        return [DeactivationReasonItem.from_record(i) for i in items]

    @strawberry.field(
        description="Credentials an account may hold, e.g. MD (cached).", metadata=cost(1)
    )
    async def account_credentials(self, info: Info[Context, None]) -> list[Credential] | None:
        items = await resolve.reference(info.context, "accounts/credentials")
        return [Credential.from_record(i) for i in items]

    @strawberry.field(
        description="NUCC specialties (cached); hundreds, so search them.", metadata=cost(1)
    )
    async def account_specialties(
        self,
        info: Info[Context, None],
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only specialties whose name or code contains this text "
                "(case-insensitive)."
            ),
        ] = None,
        first: Annotated[
            int | None, strawberry.argument(description="At most this many (default all).")
        ] = None,
    ) -> list[Specialty] | None:
        if first is not None and first < 0:
            # The same refusal as every connection's `first` (resolvers/core/paging.Window).
            raise BadUserInput("`first` must not be negative.", argument="first")
        items = await resolve.reference(info.context, "accounts/specialties")
        needle = (search or "").strip().lower()
        found = [
            Specialty.from_record(i)
            for i in items
            if not needle or needle in str(i["name"]).lower() or needle in str(i["code"]).lower()
        ]
        return found if first is None else found[:first]

    @strawberry.field(
        description="MedAllies plumbing for integrators: its datatypes, their field metadata "
        "and its error codes.",
        metadata=cost(0),
    )
    def medallies(self) -> MedAlliesInfo | None:
        return MedAlliesInfo()
