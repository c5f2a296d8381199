"""Memberships: an account in an organization, with its Direct address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_datetime, parse_int
from schema.core.cost import cost
from schema.core.filters import BooleanFilter, DateTimeFilter, StringFilter
from schema.core.ordering import Order
from schema.core.selection import names
from schema.onboarding.accounts import Account, AccountFilter, account_from_record
from schema.onboarding.lists import filter_field as _f
from schema.onboarding.organizations import ActivationStatusFilter, Organization
from schema.onboarding.reference import ActivationStatus, status_of

Record = dict[str, Any]


@strawberry.input(
    description="Which memberships. Fields set together must all hold; combine with and/or/not."
)
class MembershipFilter:
    direct_address_local_part: StringFilter | None = _f("The Direct address before the @.")
    direct_address: StringFilter | None = _f(
        'The full Direct address, e.g. {endsWith: "@tag.medalliesdirect.net"}.'
    )
    business_email: StringFilter | None = _f("The member's ordinary business email address.")
    publishable: BooleanFilter | None = _f("Whether it is listed in the Direct directory.")
    status: ActivationStatusFilter | None = _f("ENABLED or DISABLED.")
    created_at: DateTimeFilter | None = _f("When the membership was recorded.")
    updated_at: DateTimeFilter | None = _f("When the membership last changed.")
    account: AccountFilter | None = _f("Conditions on the member account.")
    and_: list[MembershipFilter] | None = strawberry.field(
        name="and", description="All of these hold.", default=None
    )
    or_: list[MembershipFilter] | None = strawberry.field(
        name="or", description="At least one holds ([] matches nothing).", default=None
    )
    not_: MembershipFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.enum(description="Fields an organization's memberships can be sorted on.")
class MembershipOrderField(Enum):
    ACCOUNT_ID = strawberry.enum_value("account.id", description="The account's MedAllies id.")
    ACCOUNT_LAST_NAME = strawberry.enum_value(
        "account.lastName", description="The account's last name (departments have none)."
    )
    DIRECT_ADDRESS = strawberry.enum_value("directAddress", description="The Direct address.")
    CREATED_AT = strawberry.enum_value("createDateTime", description="When it was recorded.")


@strawberry.input(description="One sort key for an organization's memberships.")
class MembershipOrder(Order[MembershipOrderField]):
    pass


@strawberry.enum(description="Fields an account's memberships can be sorted on.")
class AccountMembershipOrderField(Enum):
    ORGANIZATION_ID = strawberry.enum_value(
        "organization.id", description="The organization's MedAllies id."
    )
    ORGANIZATION_NAME = strawberry.enum_value(
        "organization.organizationName", description="The organization's name."
    )
    CREATED_AT = strawberry.enum_value("createDateTime", description="When it was recorded.")


@strawberry.input(description="One sort key for an account's memberships.")
class AccountMembershipOrder(Order[AccountMembershipOrderField]):
    pass


_ID_ONLY = frozenset({"id", "organizationId", "__typename"})


def membership_keys(node_ids: Iterable[str]) -> list[tuple[int, int]]:
    """``"organizationId/accountId"`` keys as id pairs; a malformed key becomes (-1, -1),
    found by no one, so every key keeps its position."""
    return [resolve.parse_membership_key(key) or (-1, -1) for key in node_ids]


@strawberry.type(description="An account's membership in an organization, with its Direct address.")
class OrganizationMembership(relay.Node):
    key: relay.NodeID[str]
    organization_id: int = strawberry.field(description="The organization's MedAllies id.")
    account_id: int = strawberry.field(description="The account's MedAllies id.")
    direct_address_local_part: str | None = strawberry.field(
        description="The Direct address before the @, e.g. jsmith."
    )
    direct_address: str | None = strawberry.field(
        description="The full Direct address, e.g. jsmith@tag.medalliesdirect.net."
    )
    business_email: str | None = strawberry.field(
        description="The member's ordinary business email address (not Direct)."
    )
    publishable: bool | None = strawberry.field(
        description="Whether the Direct address is listed in the Direct directory."
    )
    status: ActivationStatus | None = strawberry.field(description="ENABLED or DISABLED.")
    created_at: dt.datetime | None = strawberry.field(
        description="When MedAllies recorded the membership (UTC)."
    )
    updated_at: dt.datetime | None = strawberry.field(
        description="When the membership last changed (UTC)."
    )
    record: strawberry.Private[Record]

    @classmethod
    def from_record(cls, r: Record) -> OrganizationMembership:
        organization = r.get("organization")
        account = r.get("account")
        org_id = (
            parse_int(r.get("organization_id")) or parse_int((organization or {}).get("id")) or 0
        )
        account_id = parse_int(r.get("account_id")) or parse_int((account or {}).get("id")) or 0
        return cls(
            key=f"{org_id}/{account_id}",
            organization_id=org_id,
            account_id=account_id,
            direct_address_local_part=r.get("direct_address_local_part"),
            direct_address=r.get("direct_address"),
            business_email=r.get("business_email"),
            publishable=r.get("publishable"),
            status=status_of(r.get("status")),
            created_at=parse_datetime(r.get("create_date_time")),
            updated_at=parse_datetime(r.get("last_update_date_time")),
            record=r,
        )

    # Both answer synchronously from the embedded record when it holds what was selected
    # (the usual case), and return an awaitable only when they must fetch.

    @strawberry.field(
        description="The member account.", graphql_type=Account | None, metadata=cost(1)
    )
    def account(self, info: Info[Context, None]) -> Any:
        embedded = self.record.get("account")
        # _fields asked for what the selection needs; a collapsed account lacks its type.
        if isinstance(embedded, dict) and "account_type" in embedded:
            return account_from_record(embedded)
        return self._load_account(info)

    async def _load_account(self, info: Info[Context, None]) -> Account | None:
        found = await resolve.load_many(info.context, "account", [self.account_id])
        return account_from_record(found[0])

    @strawberry.field(description="The organization.", metadata=cost(1))
    async def organization(self, info: Info[Context, None]) -> Organization | None:
        embedded = self.record.get("organization")
        if (
            isinstance(embedded, dict)
            and "id" in embedded
            and (set(embedded) - {"id", "href"} or names(info.selected_fields) <= _ID_ONLY)
        ):
            return Organization.from_record(embedded)
        found = await resolve.load_many(info.context, "organization", [self.organization_id])
        return None if found[0] is None else Organization.from_record(found[0])

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[OrganizationMembership | None]:
        return await load_memberships(info, membership_keys(node_ids))


async def load_memberships(
    info: Info[Context, None], keys: list[tuple[int, int]]
) -> list[OrganizationMembership | None]:
    """Memberships by (organization id, account id), in the keys' order, None when absent."""
    found = await resolve.load_memberships(info.context, keys)
    return [None if r is None else OrganizationMembership.from_record(r) for r in found]
