"""Direct accounts: departments, providers and other staff."""

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
from resolvers.core.values import parse_datetime
from resolvers.onboarding import planning as maps
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import PAGE, cost
from schema.core.filters import DateTimeFilter, EnumFilter, IntFilter, StringFilter
from schema.onboarding.lists import filter_field as _f
from schema.onboarding.lists import int_keys, plan

if TYPE_CHECKING:
    from schema.onboarding.memberships import AccountMembershipOrder, OrganizationMembership

Record = dict[str, Any]
_MEMBERSHIPS = "schema.onboarding.memberships"


@strawberry.enum(description="The three kinds of Direct account.")
class AccountType(Enum):
    DEPARTMENT = strawberry.enum_value(
        "department", description="A department's shared account, e.g. Radiology."
    )
    PROVIDER = strawberry.enum_value("provider", description="A provider, identified by an NPI.")
    NON_PROVIDER = strawberry.enum_value(
        "nonProvider", description="A person on the staff who is not a provider."
    )


@strawberry.enum(description="Gender as MedAllies records it on a person's account.")
class Gender(Enum):
    MALE = strawberry.enum_value("Male", description="Recorded as Male.")
    FEMALE = strawberry.enum_value("Female", description="Recorded as Female.")


@strawberry.input(description="Conditions on an account type.")
class AccountTypeFilter(EnumFilter[AccountType]):
    pass


@strawberry.input(
    description="Conditions on a membership's account. Fields set together must all hold; "
    "combine with and/or/not."
)
class AccountFilter:
    account_id: IntFilter | None = _f("MedAllies account id.")
    account_type: AccountTypeFilter | None = _f("DEPARTMENT, PROVIDER or NON_PROVIDER.")
    department_name: StringFilter | None = _f("Department name (department accounts only).")
    npi: StringFilter | None = _f("The provider's NPI, 10 digits (provider accounts only).")
    first_name: StringFilter | None = _f("First name (person accounts only).")
    last_name: StringFilter | None = _f('Last name, e.g. {startsWith: "Sm"}.')
    gender: StringFilter | None = _f("Male or Female.")
    credentials: StringFilter | None = _f('Credentials, e.g. {eq: "MD"} (see accountCredentials).')
    specialty: StringFilter | None = _f("NUCC specialty name (see accountSpecialties).")
    phone_number: StringFilter | None = _f("Phone number as (555) 555-5555.")
    created_at: DateTimeFilter | None = _f("When MedAllies recorded the account.")
    updated_at: DateTimeFilter | None = _f("When the account last changed.")
    and_: list[AccountFilter] | None = strawberry.field(
        name="and", description="All of these hold.", default=None
    )
    or_: list[AccountFilter] | None = strawberry.field(
        name="or", description="At least one holds ([] matches nothing).", default=None
    )
    not_: AccountFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.interface(description="A Direct account: a department, a provider or other staff.")
class Account(relay.Node):
    key: relay.NodeID[str]
    account_id: int = strawberry.field(description="MedAllies account id.")
    account_type: AccountType = strawberry.field(description="Which kind of account.")
    phone_number: str | None = strawberry.field(description="Phone number as (555) 555-5555.")
    fax_number: str | None = strawberry.field(description="Fax number as (555) 555-5555.")
    created_at: dt.datetime | None = strawberry.field(
        description="When MedAllies recorded the account (UTC)."
    )
    updated_at: dt.datetime | None = strawberry.field(
        description="When the account last changed (UTC)."
    )

    @strawberry.field(
        description="The organizations this account is a member of.", metadata=cost(1, PAGE)
    )
    async def memberships(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        order_by: Annotated[
            list[Annotated[AccountMembershipOrder, strawberry.lazy(_MEMBERSHIPS)]] | None,
            strawberry.argument(
                description="Sort keys, in order; the organization id breaks ties."
            ),
        ] = None,
    ) -> Connection[Annotated[OrganizationMembership, strawberry.lazy(_MEMBERSHIPS)]] | None:
        from schema.onboarding.memberships import OrganizationMembership

        p = plan(info, None, order_by, resolve.MEMBERSHIP_FIELDS, maps.ACCOUNT_MEMBERSHIP_MAP,
                 unique="organization.id", always=("organization",))  # fmt: skip
        page = await resolve.memberships(
            info.context, "account", self.account_id, p, Window(first, after, last, before)
        )
        return to_connection(page, OrganizationMembership.from_record)


async def _accounts(
    info: Info[Context, None], node_ids: Iterable[str], kind: AccountType
) -> list[Account | None]:
    found = await resolve.load_many(info.context, "account", int_keys("account", node_ids))
    out: list[Account | None] = []
    for record in found:
        account = account_from_record(record) if record else None
        out.append(account if account is not None and account.account_type is kind else None)
    return out


@strawberry.type(description="A department's shared Direct account.")
class DepartmentAccount(Account):
    department_name: str | None = strawberry.field(description="Department name, e.g. Radiology.")

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Account | None]:
        return await _accounts(info, node_ids, AccountType.DEPARTMENT)


@strawberry.interface(description="An account of a person: a provider or other staff.")
class PersonAccount(Account):
    first_name: str | None = strawberry.field(
        description="Given name of the person the account belongs to."
    )
    last_name: str | None = strawberry.field(
        description="Family name of the person the account belongs to."
    )
    middle_initial: str | None = strawberry.field(description="One letter, null when none.")
    suffix: str | None = strawberry.field(description="Name suffix, e.g. Jr. (null: none).")
    gender: str | None = strawberry.field(description="Male or Female, as MedAllies records it.")
    credentials: str | None = strawberry.field(
        description="Credentials, e.g. MD (see accountCredentials)."
    )
    specialty: str | None = strawberry.field(
        description="NUCC specialty name (see accountSpecialties)."
    )


@strawberry.type(description="A provider's Direct account.")
class ProviderAccount(PersonAccount):
    npi: str | None = strawberry.field(
        description="The provider's National Provider Identifier, 10 digits."
    )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Account | None]:
        return await _accounts(info, node_ids, AccountType.PROVIDER)


@strawberry.type(description="A Direct account of staff who are not providers.")
class NonProviderAccount(PersonAccount):
    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Account | None]:
        return await _accounts(info, node_ids, AccountType.NON_PROVIDER)


ACCOUNT_TYPES = [DepartmentAccount, PersonAccount, ProviderAccount, NonProviderAccount]

_PERSON = ("first_name", "last_name", "middle_initial", "suffix", "gender", "credentials",
           "specialty")  # fmt: skip


def account_from_record(r: Record | None) -> Account | None:
    if not isinstance(r, dict) or "id" not in r:
        return None
    common: dict[str, Any] = {
        "key": str(r["id"]),
        "account_id": int(r["id"]),
        "account_type": AccountType(r.get("account_type") or "nonProvider"),
        "phone_number": r.get("telephone_number"),
        "fax_number": r.get("fax_number"),
        "created_at": parse_datetime(r.get("create_date_time")),
        "updated_at": parse_datetime(r.get("last_update_date_time")),
    }
    kind = common["account_type"]
    if kind is AccountType.DEPARTMENT:
        return DepartmentAccount(**common, department_name=r.get("department_name"))
    person: dict[str, Any] = {k: r.get(k) for k in _PERSON}
    if kind is AccountType.PROVIDER:
        return ProviderAccount(**common, npi=r.get("npin"), **person)
    return NonProviderAccount(**common, **person)
