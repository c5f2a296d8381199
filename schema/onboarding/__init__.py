"""Organizations, vendors, Direct accounts and memberships (MedAllies Onboarding)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from functools import partial
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from resolvers.core.nodes import resolve_keys
from resolvers.core.paging import Window
from resolvers.core.values import parse_datetime, parse_int
from resolvers.onboarding import planning as maps
from resolvers.onboarding.planning import FieldMap
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import PAGE, cost
from schema.core.domains import GraphDomain
from schema.core.errors import UserError, user_errors
from schema.core.filters import (
    BooleanFilter,
    DateTimeFilter,
    EnumFilter,
    IntFilter,
    StringFilter,
    to_predicate,
)
from schema.core.ordering import Order, sort_keys
from schema.core.selection import field_key, names, selected

__all__ = ["ACCOUNT_TYPES", "OnboardingMutations", "OnboardingQueries", "Organization", "Vendor"]

Record = dict[str, Any]


@strawberry.enum(description="Whether an organization or a membership is in use.")
class ActivationStatus(Enum):
    ENABLED = strawberry.enum_value(1, description="Active.")
    DISABLED = strawberry.enum_value(2, description="Deactivated.")


def _status(value: Any) -> ActivationStatus | None:
    code = value.get("code") if isinstance(value, dict) else None
    return {1: ActivationStatus.ENABLED, 2: ActivationStatus.DISABLED}.get(code)  # type: ignore[arg-type]


@strawberry.enum(description="The three kinds of Direct account.")
class AccountType(Enum):
    DEPARTMENT = strawberry.enum_value("department", description="A department of an organization.")
    PROVIDER = strawberry.enum_value("provider", description="A provider with an NPI.")
    NON_PROVIDER = strawberry.enum_value("nonProvider", description="Staff who are not providers.")


@strawberry.enum(description="What happened when a membership was added.")
class MembershipProcessingStatus(Enum):
    ADDED = strawberry.enum_value(1, description="A new account and membership were added.")
    EXISTING_ACCOUNT_USED = strawberry.enum_value(
        2, description="An existing account matched and was used for the membership."
    )
    ALREADY_A_MEMBER = strawberry.enum_value(
        3, description="The account already had this membership; nothing was added."
    )
    ALTERNATE_DIRECT_ADDRESS = strawberry.enum_value(
        4, description="The Direct address was taken; an alternate one was created and used."
    )


@strawberry.enum(description="Why an account membership is deactivated.")
class DeactivationReason(Enum):
    ORGANIZATION_BEING_RENAMED = strawberry.enum_value(1, description="Organization renamed.")
    ORGANIZATION_BEING_DEACTIVATED = strawberry.enum_value(
        2, description="Organization deactivated."
    )
    PROVIDER_CHANGING_ORGANIZATIONS = strawberry.enum_value(
        3, description="Provider moves to another organization."
    )
    PROVIDER_LEAVING_ORGANIZATION = strawberry.enum_value(4, description="Provider leaves.")
    LOST_OR_STOLEN_PRIVATE_KEY = strawberry.enum_value(5, description="Key lost or stolen.")


# --- filters and order ---------------------------------------------------------------------


@strawberry.input(description="Conditions on an enabled/disabled status.")
class ActivationStatusFilter(EnumFilter[ActivationStatus]):
    pass


@strawberry.input(description="Conditions on an account type.")
class AccountTypeFilter(EnumFilter[AccountType]):
    pass


def _f(description: str) -> Any:
    return strawberry.field(description=description, default=None)


@strawberry.input(description="Which vendors. Fields set together must all hold.")
class VendorFilter:
    vendor_id: IntFilter | None = _f("Vendor id.")
    name: StringFilter | None = _f("Name.")
    product: StringFilter | None = _f("Product.")
    root_domain: StringFilter | None = _f("Root domain.")
    endpoint_type_code: IntFilter | None = _f("Endpoint type code.")
    and_: list[VendorFilter] | None = strawberry.field(
        name="and", description="All hold.", default=None
    )
    or_: list[VendorFilter] | None = strawberry.field(
        name="or", description="One holds.", default=None
    )
    not_: VendorFilter | None = strawberry.field(
        name="not", description="Does not hold.", default=None
    )


@strawberry.input(
    description="Which organizations. Fields set together must all hold; combine with "
    "and/or/not. The whole filter runs at MedAllies (filterOn), so paging and totalCount are "
    "exact. Field names follow MedAllies (practiceState, npi …)."
)
class OrganizationFilter:
    organization_id: IntFilter | None = _f("Organization id.")
    organization_name: StringFilter | None = _f("Name.")
    type_code: IntFilter | None = _f("Organization type code.")
    tin: StringFilter | None = _f("TIN.")
    npi: IntFilter | None = _f("NPI.")
    status: ActivationStatusFilter | None = _f("Enabled or disabled.")
    direct_abbreviation: StringFilter | None = _f("Direct abbreviation.")
    practice_street1: StringFilter | None = _f("Practice street, first line.")
    practice_street2: StringFilter | None = _f("Practice street, second line.")
    practice_city: StringFilter | None = _f("Practice city.")
    practice_state: StringFilter | None = _f("Practice state (two letters).")
    practice_zip: StringFilter | None = _f("Practice ZIP.")
    telephone_number: StringFilter | None = _f("Phone.")
    specialization: StringFilter | None = _f("Specialization.")
    endpoint_uri: StringFilter | None = _f("Endpoint URI.")
    creation_date_time: DateTimeFilter | None = _f("Created at.")
    last_update_date_time: DateTimeFilter | None = _f("Changed at.")
    domain_name: StringFilter | None = _f("Direct domain name.")
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


@strawberry.input(description="Conditions on a membership's account.")
class AccountFilter:
    account_id: IntFilter | None = _f("Account id.")
    account_type: AccountTypeFilter | None = _f("Account type.")
    department_name: StringFilter | None = _f("Department name.")
    npin: StringFilter | None = _f("Provider NPI.")
    first_name: StringFilter | None = _f("First name.")
    last_name: StringFilter | None = _f("Last name.")
    gender: StringFilter | None = _f("Gender.")
    credentials: StringFilter | None = _f("Credentials.")
    specialty: StringFilter | None = _f("Specialty.")
    telephone_number: StringFilter | None = _f("Phone.")
    create_date_time: DateTimeFilter | None = _f("Created at.")
    last_update_date_time: DateTimeFilter | None = _f("Changed at.")


@strawberry.input(description="Which memberships. Fields set together must all hold.")
class MembershipFilter:
    direct_address_local_part: StringFilter | None = _f("Local part of the Direct address.")
    direct_address: StringFilter | None = _f("Direct address.")
    business_email: StringFilter | None = _f("Business email.")
    publishable: BooleanFilter | None = _f("Listed in the directory.")
    status: ActivationStatusFilter | None = _f("Enabled or disabled.")
    create_date_time: DateTimeFilter | None = _f("Created at.")
    last_update_date_time: DateTimeFilter | None = _f("Changed at.")
    account: AccountFilter | None = _f("Conditions on the account.")
    and_: list[MembershipFilter] | None = strawberry.field(
        name="and", description="All hold.", default=None
    )
    or_: list[MembershipFilter] | None = strawberry.field(
        name="or", description="One holds.", default=None
    )
    not_: MembershipFilter | None = strawberry.field(
        name="not", description="Does not hold.", default=None
    )


@strawberry.enum(description="Fields organizations can be sorted on.")
class OrganizationOrderField(Enum):
    ORGANIZATION_ID = strawberry.enum_value("id", description="Id.")
    ORGANIZATION_NAME = strawberry.enum_value("organizationName", description="Name.")
    PRACTICE_STATE = strawberry.enum_value("practiceState", description="State.")
    PRACTICE_CITY = strawberry.enum_value("practiceCity", description="City.")
    NPI = strawberry.enum_value("npi", description="NPI.")
    TIN = strawberry.enum_value("tin", description="TIN.")
    TYPE_CODE = strawberry.enum_value("typeCode", description="Type code.")
    CREATION_DATE_TIME = strawberry.enum_value("creationDateTime", description="Created at.")
    LAST_UPDATE_DATE_TIME = strawberry.enum_value("lastUpdateDateTime", description="Changed at.")
    VENDOR_NAME = strawberry.enum_value("vendor.name", description="The vendor's name.")


@strawberry.input(description="One sort key for organizations.")
class OrganizationOrder(Order[OrganizationOrderField]):
    pass


@strawberry.enum(description="Fields vendors can be sorted on.")
class VendorOrderField(Enum):
    VENDOR_ID = strawberry.enum_value("id", description="Id.")
    NAME = strawberry.enum_value("name", description="Name.")
    PRODUCT = strawberry.enum_value("product", description="Product.")


@strawberry.input(description="One sort key for vendors.")
class VendorOrder(Order[VendorOrderField]):
    pass


@strawberry.enum(description="Fields an organization's memberships can be sorted on.")
class MembershipOrderField(Enum):
    ACCOUNT_ID = strawberry.enum_value("account.id", description="Account id.")
    ACCOUNT_LAST_NAME = strawberry.enum_value("account.lastName", description="Last name.")
    DIRECT_ADDRESS = strawberry.enum_value("directAddress", description="Direct address.")
    CREATE_DATE_TIME = strawberry.enum_value("createDateTime", description="Created at.")


@strawberry.input(description="One sort key for an organization's memberships.")
class MembershipOrder(Order[MembershipOrderField]):
    pass


@strawberry.enum(description="Fields an account's memberships can be sorted on.")
class AccountMembershipOrderField(Enum):
    ORGANIZATION_ID = strawberry.enum_value("organization.id", description="Organization id.")
    ORGANIZATION_NAME = strawberry.enum_value(
        "organization.organizationName", description="Organization name."
    )
    CREATE_DATE_TIME = strawberry.enum_value("createDateTime", description="Created at.")


@strawberry.input(description="One sort key for an account's memberships.")
class AccountMembershipOrder(Order[AccountMembershipOrderField]):
    pass


# --- vendors -------------------------------------------------------------------------------


@strawberry.type(description="How a vendor's Direct endpoint exchanges messages, e.g. XD.")
class EndpointType:
    name: str | None = strawberry.field(description="Endpoint type name, e.g. XD.")
    code: int | None = strawberry.field(description="Endpoint type code.")


@strawberry.type(description="An EHR or HISP vendor whose product organizations use.")
class Vendor(relay.Node):
    key: relay.NodeID[str]
    vendor_id: int = strawberry.field(description="MedAllies vendor id.")
    name: str | None = strawberry.field(description="Vendor name.")
    product: str | None = strawberry.field(description="The vendor's product.")
    root_domain: str | None = strawberry.field(description="The product's Direct root domain.")
    endpoint_type: EndpointType | None = strawberry.field(description="Endpoint type.")

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
        found = await resolve_keys(
            node_ids,
            partial(resolve.parse_id, "vendor"),
            partial(resolve.load_many, info.context, "vendor"),
        )
        return [None if r is None else cls.from_record(r) for r in found]


# --- organizations -------------------------------------------------------------------------


@strawberry.type(description="An organization's Direct domain.")
class Domain:
    domain_id: int | None = strawberry.field(description="MedAllies domain id.")
    domain_name: str | None = strawberry.field(description="e.g. tag.medalliesdirect.net.")


@strawberry.type(description="Where an organization practices.")
class PracticeAddress:
    street1: str | None = strawberry.field(description="Street, first line.")
    street2: str | None = strawberry.field(description="Street, second line.")
    city: str | None = strawberry.field(description="City.")
    state: str | None = strawberry.field(description="Two-letter state code.")
    zip: str | None = strawberry.field(description="ZIP code, 55555 or 55555-5555.")


@strawberry.type(description="A healthcare organization onboarded for Direct messaging.")
class Organization(relay.Node):
    key: relay.NodeID[str]
    organization_id: int = strawberry.field(description="MedAllies organization id.")
    organization_name: str | None = strawberry.field(description="Name.")
    type_code: int | None = strawberry.field(
        description="Organization type code (see organizationTypes)."
    )
    tin: str | None = strawberry.field(description="Tax identification number (9 digits).")
    npi: int | None = strawberry.field(description="National Provider Identifier (10 digits).")
    status: ActivationStatus | None = strawberry.field(description="Enabled or disabled.")
    vendor: Vendor | None = strawberry.field(description="The vendor whose product it uses.")
    domain: Domain | None = strawberry.field(description="Its Direct domain.")
    direct_abbreviation: str | None = strawberry.field(description="Short tag in Direct addresses.")
    address: PracticeAddress | None = strawberry.field(description="Practice address.")
    telephone_number: str | None = strawberry.field(description="Phone, (555) 555-5555 …")
    specialization: str | None = strawberry.field(description="e.g. Multi-Specialty.")
    endpoint_uri: str | None = strawberry.field(description="The organization's Direct endpoint.")
    creation_date_time: dt.datetime | None = strawberry.field(description="Created at (UTC).")
    last_update_date_time: dt.datetime | None = strawberry.field(description="Changed at (UTC).")

    @classmethod
    def from_record(cls, r: Record) -> Organization:
        vendor = r.get("vendor")
        domain = r.get("domain")
        has_address = any(k.startswith("practice_") for k in r)
        return cls(
            key=str(r["id"]),
            organization_id=int(r["id"]),
            organization_name=r.get("organization_name"),
            type_code=parse_int(r.get("type_code")),
            tin=r.get("tin"),
            npi=parse_int(r.get("npi")),
            status=_status(r.get("status")),
            vendor=Vendor.from_record(vendor)
            if isinstance(vendor, dict) and "id" in vendor
            else None,
            domain=Domain(
                domain_id=parse_int(domain.get("id")), domain_name=domain.get("domain_name")
            )
            if isinstance(domain, dict)
            else None,
            direct_abbreviation=r.get("direct_abbreviation"),
            address=PracticeAddress(
                street1=r.get("practice_street1"),
                street2=r.get("practice_street2"),
                city=r.get("practice_city"),
                state=r.get("practice_state"),
                zip=r.get("practice_zip"),
            )
            if has_address
            else None,
            telephone_number=r.get("telephone_number"),
            specialization=r.get("specialization"),
            endpoint_uri=r.get("endpoint_uri"),
            creation_date_time=parse_datetime(r.get("creation_date_time")),
            last_update_date_time=parse_datetime(r.get("last_update_date_time")),
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
            MembershipFilter | None, strawberry.argument(description="Which memberships.")
        ] = None,
        order_by: Annotated[
            list[MembershipOrder] | None, strawberry.argument(description="Sort order.")
        ] = None,
    ) -> Connection[OrganizationMembership] | None:
        plan = _plan(info, filter, order_by, resolve.MEMBERSHIP_FIELDS, maps.MEMBERSHIP_MAP,
                     unique="account.id", always=("account.accountType",))  # fmt: skip
        page = await resolve.memberships(
            info.context,
            "organization",
            self.organization_id,
            plan,
            Window(first, after, last, before),
        )
        return to_connection(page, OrganizationMembership.from_record)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        found = await resolve_keys(
            node_ids,
            partial(resolve.parse_id, "organization"),
            partial(resolve.load_many, info.context, "organization"),
        )
        return [None if r is None else cls.from_record(r) for r in found]


# --- accounts ------------------------------------------------------------------------------


@strawberry.interface(description="A Direct account: a department, a provider or other staff.")
class Account(relay.Node):
    key: relay.NodeID[str]
    account_id: int = strawberry.field(description="MedAllies account id.")
    account_type: AccountType = strawberry.field(description="Which kind of account.")
    telephone_number: str | None = strawberry.field(description="Phone.")
    fax_number: str | None = strawberry.field(description="Fax.")
    create_date_time: dt.datetime | None = strawberry.field(description="Created at (UTC).")
    last_update_date_time: dt.datetime | None = strawberry.field(description="Changed at (UTC).")

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
            list[AccountMembershipOrder] | None, strawberry.argument(description="Sort order.")
        ] = None,
    ) -> Connection[OrganizationMembership] | None:
        plan = _plan(info, None, order_by, resolve.MEMBERSHIP_FIELDS, maps.ACCOUNT_MEMBERSHIP_MAP,
                     unique="organization.id", always=("organization",))  # fmt: skip
        page = await resolve.memberships(
            info.context, "account", self.account_id, plan, Window(first, after, last, before)
        )
        return to_connection(page, OrganizationMembership.from_record)


def _common(r: Record) -> dict[str, Any]:
    return {
        "key": str(r["id"]),
        "account_id": int(r["id"]),
        "account_type": AccountType(r.get("account_type") or "nonProvider"),
        "telephone_number": r.get("telephone_number"),
        "fax_number": r.get("fax_number"),
        "create_date_time": parse_datetime(r.get("create_date_time")),
        "last_update_date_time": parse_datetime(r.get("last_update_date_time")),
    }


async def _accounts(
    info: Info[Context, None], node_ids: Iterable[str], kind: AccountType
) -> list[Account | None]:
    found = await resolve_keys(
        node_ids,
        partial(resolve.parse_id, "account"),
        partial(resolve.load_many, info.context, "account"),
    )
    out: list[Account | None] = []
    for record in found:
        account = account_from_record(record) if record else None
        out.append(account if account is not None and account.account_type is kind else None)
    return out


@strawberry.type(description="A department's shared Direct account.")
class DepartmentAccount(Account):
    department_name: str | None = strawberry.field(description="Department name.")

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Account | None]:
        return await _accounts(info, node_ids, AccountType.DEPARTMENT)


@strawberry.interface(description="An account of a person: a provider or other staff.")
class PersonAccount(Account):
    first_name: str | None = strawberry.field(description="First name.")
    last_name: str | None = strawberry.field(description="Last name.")
    middle_initial: str | None = strawberry.field(description="Middle initial.")
    suffix: str | None = strawberry.field(description="Suffix.")
    gender: str | None = strawberry.field(description="Male or Female.")
    credentials: str | None = strawberry.field(description="e.g. MD (see accountCredentials).")
    specialty: str | None = strawberry.field(description="NUCC specialty.")


@strawberry.type(description="A provider's Direct account.")
class ProviderAccount(PersonAccount):
    npin: str | None = strawberry.field(description="The provider's NPI.")

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


_ID_ONLY = frozenset({"id", "organizationId", "__typename"})
ACCOUNT_TYPES = [DepartmentAccount, PersonAccount, ProviderAccount, NonProviderAccount]

_PERSON = ("first_name", "last_name", "middle_initial", "suffix", "gender", "credentials",
           "specialty")  # fmt: skip


def account_from_record(r: Record | None) -> Account | None:
    if not isinstance(r, dict) or "id" not in r:
        return None
    common = _common(r)
    kind = common["account_type"]
    if kind is AccountType.DEPARTMENT:
        return DepartmentAccount(**common, department_name=r.get("department_name"))
    person: dict[str, Any] = {k: r.get(k) for k in _PERSON}
    if kind is AccountType.PROVIDER:
        return ProviderAccount(**common, npin=r.get("npin"), **person)
    return NonProviderAccount(**common, **person)


# --- memberships ---------------------------------------------------------------------------


@strawberry.type(description="An account's membership in an organization, with its Direct address.")
class OrganizationMembership(relay.Node):
    key: relay.NodeID[str]
    organization_id: int = strawberry.field(description="The organization.")
    account_id: int = strawberry.field(description="The account.")
    direct_address_local_part: str | None = strawberry.field(description="Before the @.")
    direct_address: str | None = strawberry.field(description="The full Direct address.")
    business_email: str | None = strawberry.field(description="Business email.")
    publishable: bool | None = strawberry.field(description="Listed in the Direct directory.")
    status: ActivationStatus | None = strawberry.field(description="Enabled or disabled.")
    create_date_time: dt.datetime | None = strawberry.field(description="Created at (UTC).")
    last_update_date_time: dt.datetime | None = strawberry.field(description="Changed at (UTC).")
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
            status=_status(r.get("status")),
            create_date_time=parse_datetime(r.get("create_date_time")),
            last_update_date_time=parse_datetime(r.get("last_update_date_time")),
            record=r,
        )

    # Both answer synchronously from the embedded record when it holds what was selected
    # (the usual case), and return an awaitable only when they must fetch.

    @strawberry.field(description="The account.", graphql_type=Account | None, metadata=cost(1))
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
        found = await resolve_keys(
            node_ids,
            resolve.parse_membership_key,
            partial(resolve.load_memberships, info.context),
        )
        return [None if r is None else cls.from_record(r) for r in found]


def _plan(
    info: Info[Context, None],
    filter_: Any,
    order_by: list[Any] | None,
    fields: Any,
    fmap: FieldMap,
    *,
    unique: str = "id",
    always: tuple[str, ...] = (),
) -> resolve.ListPlan:
    """The upstream request for a connection field, from its arguments and selection.

    Made once per request per field of the query: the memberships of twenty organizations
    share one plan (same selection, same arguments).
    """
    key = ("plan", field_key(info))
    memo = info.context.memo
    cached = memo.get(key)
    if isinstance(cached, resolve.ListPlan):
        return cached
    plan = _make_plan(info, filter_, order_by, fields, fmap, unique=unique, always=always)
    memo[key] = plan
    return plan


def _make_plan(
    info: Info[Context, None],
    filter_: Any,
    order_by: list[Any] | None,
    fields: Any,
    fmap: FieldMap,
    *,
    unique: str,
    always: tuple[str, ...],
) -> resolve.ListPlan:
    return resolve.list_plan(
        selected(info),
        to_predicate(filter_) if filter_ is not None else None,
        sort_keys(order_by),
        fields,
        fmap,
        unique=unique,
        always=always,
    )


# --- reference data ------------------------------------------------------------------------


@strawberry.type(description="An organization type MedAllies accepts.")
class OrganizationType:
    code: int = strawberry.field(description="The typeCode to send.")
    description: str = strawberry.field(description="e.g. Hospital.")


@strawberry.type(description="A US state or territory MedAllies accepts.")
class UsState:
    abbreviation: str = strawberry.field(description="Two-letter code, e.g. NY.")
    name: str = strawberry.field(description="Full name.")


@strawberry.type(description="A reason for deactivating an account membership.")
class DeactivationReasonItem:
    code: int = strawberry.field(description="The upstream code.")
    reason: str = strawberry.field(description="The reason, for people.")
    value: DeactivationReason | None = strawberry.field(
        description="The same reason as the graph's enum (null for a code it does not know)."
    )


@strawberry.type(description="A credential an account may hold, e.g. MD.")
class Credential:
    code: int = strawberry.field(description="The upstream code.")
    name: str = strawberry.field(description="The credential.")


@strawberry.type(description="A NUCC specialty an account may have.")
class Specialty:
    code: str = strawberry.field(description="NUCC taxonomy code, e.g. 171100000X.")
    name: str = strawberry.field(description="Specialty name.")


@strawberry.type(description="One field of a MedAllies datatype, as its metadata describes it.")
class FieldMetadata:
    field_name: str = strawberry.field(description="Upstream field name.")
    field_type: str | None = strawberry.field(description="String, Number, Date or a datatype.")
    description: str | None = strawberry.field(description="What the field holds.")
    default_value: str | None = strawberry.field(description="Default value.")
    id_field: bool | None = strawberry.field(description="Whether it is the datatype's id.")
    filterable: bool | None = strawberry.field(description="Whether filters may use it.")
    sortable: bool | None = strawberry.field(description="Whether sortOn may use it.")
    add_data_attribute: int | None = strawberry.field(
        description="0 read only, 1 optional, 2 required, 3 required and read only (add)."
    )
    modify_data_attribute: int | None = strawberry.field(
        description="The same for modify operations."
    )
    value_options: strawberry.scalars.JSON | None = strawberry.field(
        description="Accepted values, where the field limits them."
    )
    fields: list[FieldMetadata] = strawberry.field(
        description="The fields of a sub-datatype (empty for plain fields)."
    )

    @classmethod
    def from_record(cls, r: Record) -> FieldMetadata:
        nested: list[Record] = []
        sub = r.get("field_type_metadata")
        if isinstance(sub, dict):
            for value in sub.values():
                if isinstance(value, list):
                    nested.extend(v for v in value if isinstance(v, dict))
        elif isinstance(sub, list):
            nested = [v for v in sub if isinstance(v, dict)]
        default = r.get("default_value")
        return cls(
            field_name=str(r.get("field_name", "")),
            field_type=r.get("field_type"),
            description=r.get("description"),
            default_value=None if default is None else str(default),
            id_field=r.get("id_field"),
            filterable=r.get("filterable"),
            sortable=r.get("sortable"),
            add_data_attribute=parse_int(r.get("add_data_attribute")),
            modify_data_attribute=parse_int(r.get("modify_data_attribute")),
            value_options=r.get("value_options"),
            fields=[cls.from_record(n) for n in nested],
        )


@strawberry.type(description="What MedAllies says about one of its datatypes.")
class DataTypeMetadata:
    data_type: str = strawberry.field(description="The datatype, e.g. Organization.")
    fields: list[FieldMetadata] = strawberry.field(description="Its fields.")


@strawberry.type(description="An error code MedAllies may answer with.")
class MedAlliesErrorCode:
    code: int = strawberry.field(description="The number, e.g. 101.")
    code_string: str = strawberry.field(description="Its name, e.g. REST_INVALID_PARAM.")


_REASONS: dict[int, DeactivationReason] = {int(r.value): r for r in DeactivationReason}


def _window(first: int | None, after: str | None, last: int | None, before: str | None) -> Window:
    return Window(first=first, after=after, last=last, before=before)


@strawberry.type
class OnboardingQueries:
    @strawberry.field(
        description="An organization by its MedAllies id; null if none.", metadata=cost(1)
    )
    async def organization(
        self,
        info: Info[Context, None],
        organization_id: Annotated[int, strawberry.argument(description="MedAllies id.")],
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
            OrganizationFilter | None, strawberry.argument(description="Which organizations.")
        ] = None,
        order_by: Annotated[
            list[OrganizationOrder] | None,
            strawberry.argument(description="Sort keys, in order; the id breaks ties."),
        ] = None,
    ) -> Connection[Organization] | None:
        plan = _plan(info, filter, order_by, resolve.ORGANIZATION_FIELDS, maps.ORGANIZATION_MAP)
        page = await resolve.organizations(info.context, plan, _window(first, after, last, before))
        return to_connection(page, Organization.from_record)

    @strawberry.field(description="A vendor by its MedAllies id; null if none.", metadata=cost(1))
    async def vendor(
        self,
        info: Info[Context, None],
        vendor_id: Annotated[int, strawberry.argument(description="MedAllies id.")],
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
            VendorFilter | None, strawberry.argument(description="Which vendors.")
        ] = None,
        order_by: Annotated[
            list[VendorOrder] | None, strawberry.argument(description="Sort keys, in order.")
        ] = None,
    ) -> Connection[Vendor] | None:
        plan = _plan(info, filter, order_by, resolve.VENDOR_FIELDS, maps.VENDOR_MAP)
        page = await resolve.vendors(info.context, plan, _window(first, after, last, before))
        return to_connection(page, Vendor.from_record)

    @strawberry.field(
        description="A Direct account by its MedAllies id; null if none.", metadata=cost(1)
    )
    async def account(
        self,
        info: Info[Context, None],
        account_id: Annotated[int, strawberry.argument(description="MedAllies id.")],
    ) -> Account | None:
        found = await resolve.load_many(
            info.context,
            "account",
            [account_id],
            resolve.directives(selected(info), maps.ACCOUNT_MAP, always=("accountType",)),
        )
        return account_from_record(found[0])

    @strawberry.field(
        description="Organization types MedAllies accepts (cached).", metadata=cost(1)
    )
    async def organization_types(self, info: Info[Context, None]) -> list[OrganizationType] | None:
        items = await resolve.reference(info.context, "organizations/types")
        return [
            OrganizationType(code=int(i["code"]), description=str(i["description"])) for i in items
        ]

    @strawberry.field(
        description="US states and territories MedAllies accepts (cached).", metadata=cost(1)
    )
    async def us_states(self, info: Info[Context, None]) -> list[UsState] | None:
        items = await resolve.reference(info.context, "organizations/usStates")
        return [UsState(abbreviation=str(i["abbreviation"]), name=str(i["name"])) for i in items]

    @strawberry.field(
        description="Reasons for deactivating a membership (cached).", metadata=cost(1)
    )
    async def account_deactivation_reasons(
        self, info: Info[Context, None]
    ) -> list[DeactivationReasonItem] | None:
        items = await resolve.reference(info.context, "accounts/deactivateReasons")
        return [
            DeactivationReasonItem(
                code=int(i["code"]), reason=str(i["reason"]), value=_REASONS.get(int(i["code"]))
            )
            for i in items
        ]

    @strawberry.field(description="Credentials an account may hold (cached).", metadata=cost(1))
    async def account_credentials(self, info: Info[Context, None]) -> list[Credential] | None:
        items = await resolve.reference(info.context, "accounts/credentials")
        return [Credential(code=int(i["code"]), name=str(i["name"])) for i in items]

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
            Specialty(code=str(i["code"]), name=str(i["name"]))
            for i in items
            if not needle or needle in str(i["name"]).lower() or needle in str(i["code"]).lower()
        ]
        return found if first is None else found[:first]

    @strawberry.field(
        description="A MedAllies datatype's metadata (cached); null if unknown.", metadata=cost(1)
    )
    async def data_type_metadata(
        self,
        info: Info[Context, None],
        data_type: Annotated[
            str,
            strawberry.argument(
                description="Vendor, Organization, OrganizationMembership, AccountMembership, "
                "Department, Provider or NonProvider."
            ),
        ],
    ) -> DataTypeMetadata | None:
        record = await resolve.metadata(info.context, data_type)
        if record is None:
            return None
        return DataTypeMetadata(
            data_type=str(record.get("data_type", data_type)),
            fields=[FieldMetadata.from_record(f) for f in record.get("metadata") or ()],
        )

    @strawberry.field(
        description="The MedAllies datatypes dataTypeMetadata can describe (cached).",
        metadata=cost(1),
    )
    async def medallies_data_types(self, info: Info[Context, None]) -> list[str] | None:
        return await resolve.data_types(info.context)

    @strawberry.field(
        description="The error codes MedAllies may answer with (cached).", metadata=cost(1)
    )
    async def medallies_error_codes(
        self, info: Info[Context, None]
    ) -> list[MedAlliesErrorCode] | None:
        items = await resolve.error_codes(info.context)
        return [
            MedAlliesErrorCode(code=int(i["code"]), code_string=str(i["code_string"]))
            for i in items
        ]


# --- mutations -----------------------------------------------------------------------------


def _given(values: Any, *skip: str) -> dict[str, Any]:
    return {
        k: (v.value if isinstance(v, Enum) else v)
        for k, v in vars(values).items()
        if v is not strawberry.UNSET and k not in skip
    }


@strawberry.enum(description="Gender as MedAllies records it.")
class Gender(Enum):
    MALE = strawberry.enum_value("Male", description="Male.")
    FEMALE = strawberry.enum_value("Female", description="Female.")


def _u(description: str) -> Any:
    return strawberry.field(description=description, default=strawberry.UNSET)


@strawberry.input(description="A new organization.")
class OrganizationInput:
    organization_name: str = strawberry.field(description="Name.")
    type_code: int = strawberry.field(description="A code from organizationTypes.")
    vendor_id: int = strawberry.field(description="The vendor whose product it uses.")
    tin: str | None = _u("Tax id, 9 digits.")
    npi: str | None = _u("NPI, 10 digits.")
    direct_abbreviation: str | None = _u("Short tag used in Direct addresses.")
    practice_street1: str | None = _u("Street, first line.")
    practice_street2: str | None = _u("Street, second line.")
    practice_city: str | None = _u("City.")
    practice_state: str | None = _u("Two-letter code from usStates.")
    practice_zip: str | None = _u("55555 or 55555-5555.")
    telephone_number: str | None = _u("(555) 555-5555, extensions after.")
    specialization: str | None = _u("e.g. Multi-Specialty.")
    endpoint_uri: str | None = _u("The organization's Direct endpoint.")


@strawberry.input(description="Changes to an organization; omitted fields keep their value.")
class ModifyOrganizationInput:
    organization_id: int = strawberry.field(description="The organization to change.")
    organization_name: str | None = _u("Name.")
    type_code: int | None = _u("A code from organizationTypes.")
    vendor_id: int | None = _u("The vendor.")
    tin: str | None = _u("Tax id, 9 digits.")
    npi: str | None = _u("NPI, 10 digits.")
    direct_abbreviation: str | None = _u("Direct abbreviation.")
    practice_street1: str | None = _u("Street, first line.")
    practice_street2: str | None = _u("Street, second line.")
    practice_city: str | None = _u("City.")
    practice_state: str | None = _u("Two-letter code.")
    practice_zip: str | None = _u("ZIP.")
    telephone_number: str | None = _u("Phone.")
    specialization: str | None = _u("Specialization.")
    endpoint_uri: str | None = _u("Direct endpoint.")


@strawberry.input(description="Organizations to create, all or none.")
class CreateOrganizationsInput:
    organizations: list[OrganizationInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of createOrganizations.")
class CreateOrganizationsPayload:
    organizations: list[Organization] = strawberry.field(description="As created.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was created.")


@strawberry.input(description="Organizations to change, all or none.")
class ModifyOrganizationsInput:
    organizations: list[ModifyOrganizationInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of modifyOrganizations.")
class ModifyOrganizationsPayload:
    organizations: list[Organization] = strawberry.field(description="As changed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="Organizations to activate or deactivate.")
class OrganizationIdsInput:
    organization_ids: list[int] = strawberry.field(description="One or more organization ids.")


@strawberry.type(description="An organization's new status.")
class OrganizationStatusChange:
    organization_id: int = strawberry.field(description="The organization.")
    status: ActivationStatus | None = strawberry.field(description="Its status now.")


@strawberry.type(description="The result of activateOrganizations or deactivateOrganizations.")
class OrganizationStatusPayload:
    organizations: list[OrganizationStatusChange] = strawberry.field(description="Changed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="The account to add to an organization (new or matched).")
class AccountInput:
    account_type: AccountType = strawberry.field(description="Which kind of account.")
    department_name: str | None = _u("Required for a department.")
    npin: str | None = _u("Required for a provider: NPI, 10 digits.")
    first_name: str | None = _u("Required for a non-provider.")
    last_name: str | None = _u("Required for a non-provider.")
    middle_initial: str | None = _u("Middle initial.")
    suffix: str | None = _u("Suffix.")
    gender: Gender | None = _u("Required for a non-provider.")
    credentials: str | None = _u("A name from accountCredentials.")
    specialty: str | None = _u("A NUCC specialty.")
    telephone_number: str | None = _u("(555) 555-5555.")
    fax_number: str | None = _u("(555) 555-5555.")


@strawberry.input(description="A membership to add.")
class AddOrganizationMembershipInput:
    organization_id: int = strawberry.field(description="The organization (it must exist).")
    account: AccountInput = strawberry.field(description="The account.")
    direct_address_local_part: str | None = _u("Letters, digits, '-' and '_'.")
    business_email: str | None = _u("Business email.")
    publishable: bool | None = _u("List it in the Direct directory.")


@strawberry.type(description="The result of addOrganizationMembership.")
class AddOrganizationMembershipPayload:
    membership: OrganizationMembership | None = strawberry.field(description="The membership.")
    processing_status: MembershipProcessingStatus | None = strawberry.field(
        description="What MedAllies did: added, used an existing account, found the membership "
        "already there, or used an alternate Direct address."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was added.")


@strawberry.input(description="Changes to a membership's account.")
class ModifyAccountInput:
    department_name: str | None = _u("Department name.")
    first_name: str | None = _u("First name.")
    last_name: str | None = _u("Last name.")
    middle_initial: str | None = _u("Middle initial.")
    suffix: str | None = _u("Suffix.")
    credentials: str | None = _u("Credentials.")
    specialty: str | None = _u("Specialty.")
    telephone_number: str | None = _u("(555) 555-5555.")
    fax_number: str | None = _u("(555) 555-5555.")


@strawberry.input(description="Changes to one membership; omitted fields keep their value.")
class ModifyMembershipInput:
    account_id: int = strawberry.field(description="The member account.")
    direct_address_local_part: str | None = _u("Letters, digits, '-' and '_'.")
    business_email: str | None = _u("Business email.")
    publishable: bool | None = _u("List it in the Direct directory.")
    account: ModifyAccountInput | None = _u("Changes to the account itself.")


@strawberry.input(description="Memberships of one organization to change, all or none.")
class ModifyOrganizationMembershipsInput:
    organization_id: int = strawberry.field(description="The organization.")
    memberships: list[ModifyMembershipInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of modifyOrganizationMemberships.")
class ModifyOrganizationMembershipsPayload:
    memberships: list[OrganizationMembership] = strawberry.field(description="As changed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="The membership to activate again.")
class ActivateAccountMembershipInput:
    organization_id: int = strawberry.field(description="The organization.")
    account_id: int = strawberry.field(description="The account.")


@strawberry.type(description="The result of activateAccountMembership.")
class ActivateAccountMembershipPayload:
    activated: bool = strawberry.field(description="true when MedAllies confirmed it.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="One membership to deactivate, and why.")
class DeactivateMembershipInput:
    account_id: int = strawberry.field(description="The account.")
    reason: DeactivationReason = strawberry.field(description="Why.")


@strawberry.input(description="Memberships of one organization to deactivate.")
class DeactivateAccountMembershipsInput:
    organization_id: int = strawberry.field(description="The organization.")
    memberships: list[DeactivateMembershipInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of deactivateAccountMemberships.")
class DeactivateAccountMembershipsPayload:
    deactivated_account_ids: list[int] = strawberry.field(
        description="Accounts whose membership is now deactivated."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


def _status_changes(records: list[Record] | None) -> list[OrganizationStatusChange]:
    return [
        OrganizationStatusChange(organization_id=int(r["id"]), status=_status(r.get("status")))
        for r in records or ()
        if "id" in r
    ]


@strawberry.type
class OnboardingMutations:
    @strawberry.mutation(
        description="Create one or more organizations (all or none).", metadata=cost(3)
    )
    async def create_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[
            CreateOrganizationsInput, strawberry.argument(description="The organizations.")
        ],
    ) -> CreateOrganizationsPayload:
        outcome = await resolve.create_organizations(
            info.context, [_given(o) for o in input.organizations]
        )
        return CreateOrganizationsPayload(
            organizations=[Organization.from_record(r) for r in outcome.value or ()],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Change one or more organizations (all or none).", metadata=cost(3)
    )
    async def modify_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[ModifyOrganizationsInput, strawberry.argument(description="The changes.")],
    ) -> ModifyOrganizationsPayload:
        outcome = await resolve.modify_organizations(
            info.context, [_given(o) for o in input.organizations]
        )
        return ModifyOrganizationsPayload(
            organizations=[Organization.from_record(r) for r in outcome.value or ()],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Activate organizations (their memberships stay as they are).", metadata=cost(1)
    )
    async def activate_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[
            OrganizationIdsInput, strawberry.argument(description="The organizations.")
        ],
    ) -> OrganizationStatusPayload:
        outcome = await resolve.set_organizations_active(
            info.context, input.organization_ids, active=True
        )
        return OrganizationStatusPayload(
            organizations=_status_changes(outcome.value),
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Deactivate organizations; their account memberships are deactivated too.",
        metadata=cost(1),
    )
    async def deactivate_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[
            OrganizationIdsInput, strawberry.argument(description="The organizations.")
        ],
    ) -> OrganizationStatusPayload:
        outcome = await resolve.set_organizations_active(
            info.context, input.organization_ids, active=False
        )
        return OrganizationStatusPayload(
            organizations=_status_changes(outcome.value),
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Add an account (new or matched) to an organization.", metadata=cost(1)
    )
    async def add_organization_membership(
        self,
        info: Info[Context, None],
        input: Annotated[
            AddOrganizationMembershipInput, strawberry.argument(description="The membership.")
        ],
    ) -> AddOrganizationMembershipPayload:
        outcome = await resolve.add_membership(
            info.context,
            input.organization_id,
            _given(input.account),
            _given(input, "organization_id", "account"),
        )
        result = outcome.value or {}
        item = result.get("item")
        code = parse_int(result.get("status_code"))
        return AddOrganizationMembershipPayload(
            membership=OrganizationMembership.from_record(
                {"organization_id": input.organization_id, **item}
            )
            if isinstance(item, dict)
            else None,
            processing_status=MembershipProcessingStatus(code)
            if code in {int(s.value) for s in MembershipProcessingStatus}
            else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Change memberships of one organization (all or none).", metadata=cost(1)
    )
    async def modify_organization_memberships(
        self,
        info: Info[Context, None],
        input: Annotated[
            ModifyOrganizationMembershipsInput, strawberry.argument(description="The changes.")
        ],
    ) -> ModifyOrganizationMembershipsPayload:
        items = []
        for m in input.memberships:
            values = _given(m, "account")
            if m.account is not None and m.account is not strawberry.UNSET:
                values["account"] = _given(m.account)
            items.append(values)
        outcome = await resolve.modify_memberships(info.context, input.organization_id, items)
        return ModifyOrganizationMembershipsPayload(
            memberships=[
                OrganizationMembership.from_record({"organization_id": input.organization_id, **r})
                for r in outcome.value or ()
            ],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Activate an account's membership in an organization.", metadata=cost(1)
    )
    async def activate_account_membership(
        self,
        info: Info[Context, None],
        input: Annotated[
            ActivateAccountMembershipInput, strawberry.argument(description="The membership.")
        ],
    ) -> ActivateAccountMembershipPayload:
        outcome = await resolve.activate_membership(
            info.context, input.organization_id, input.account_id
        )
        return ActivateAccountMembershipPayload(
            activated=bool(outcome.value), user_errors=user_errors(outcome.user_errors)
        )

    @strawberry.mutation(
        description="Deactivate account memberships of one organization.", metadata=cost(1)
    )
    async def deactivate_account_memberships(
        self,
        info: Info[Context, None],
        input: Annotated[
            DeactivateAccountMembershipsInput,
            strawberry.argument(description="The memberships and reasons."),
        ],
    ) -> DeactivateAccountMembershipsPayload:
        items = [(m.account_id, int(m.reason.value)) for m in input.memberships]
        outcome = await resolve.deactivate_memberships(info.context, input.organization_id, items)
        return DeactivateAccountMembershipsPayload(
            deactivated_account_ids=[a for a, _ in items] if outcome.value is not None else [],
            user_errors=user_errors(outcome.user_errors),
        )


DOMAIN = GraphDomain(
    name="onboarding",
    queries=OnboardingQueries,
    mutations=OnboardingMutations,
    # Reached only through the Account interface: named so the schema holds them.
    types=ACCOUNT_TYPES,
)
